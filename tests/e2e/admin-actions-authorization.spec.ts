/**
 * Admin server actions check the role on the server. The admin's browser is used only to learn
 * each action's request (its id and form body): the request is stopped before it reaches the
 * server. The same request is then sent signed out and as a signed-in non-admin, which must
 * change nothing; finally the admin sends it, which must work, so a refusal cannot come from a
 * malformed replay. Not covered here: creating an offering, refunds and subscription cancels,
 * whose forms need more setup; their route handlers are covered in authorization.spec.ts.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { captureAction, replay, type CapturedAction } from "./action-replay";
import { queryE2eDatabase } from "./database";
import { demoAdmin, signIn, signUp, uniqueEmail } from "./helpers";

async function communityRow(id: string) {
  const [row] = await queryE2eDatabase<{ name: string }>(
    `SELECT name FROM "Community" WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

async function offeringRow(id: string) {
  const [row] = await queryE2eDatabase<Record<string, unknown>>(
    `SELECT name, "webhookSecret", "archivedAt" FROM "Offering" WHERE id = $1`,
    [id],
  );
  return row;
}

test("admin server actions refuse signed-out callers and non-admins, and work for the admin", async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL!;
  const admin = await browser.newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  const user = await browser.newPage();
  await signUp(user, uniqueEmail("not-admin-actions"));
  const signedOut = await browser.newContext({ baseURL: origin });

  // A community and an offering of this test's own, which nobody holds access to.
  const communityId = `c${randomUUID().replaceAll("-", "")}`;
  const communityName = `Actions ${communityId.slice(1, 9)}`;
  await queryE2eDatabase(
    `INSERT INTO "Community" (id, name, description, content, "createdAt", "updatedAt")
     VALUES ($1, $2, 'd', 'c', now(), now())`,
    [communityId, communityName],
  );
  const created = await admin.request.post("/api/admin/offerings", {
    headers: { "content-type": "application/json", origin },
    data: {
      name: `Actions offering ${communityId.slice(1, 9)}`,
      priceAmount: 100,
      currency: "usd",
      pricingType: "ONE_TIME",
      channel: "EXTERNAL_LINK",
      paymentLink: "https://pay.example/x",
    },
  });
  expect(created.status()).toBe(201);
  const offeringId = ((await created.json()) as { offering: { id: string } }).offering.id;

  /** Refused for both callers with the action's error state, then applied for the admin. */
  async function check(
    name: string,
    action: CapturedAction,
    state: () => Promise<unknown>,
    applied: (after: unknown, before: unknown) => void,
  ) {
    const before = await state();
    for (const [caller, request, code] of [
      ["signed out", signedOut.request, "unauthorized"],
      ["non-admin", user.request, "forbidden"],
    ] as const) {
      const answer = await replay(request, action, origin);
      expect(answer, `${name}, ${caller}`).toContain(`"error":"${code}"`);
      expect(await state(), `${name}, ${caller}`).toEqual(before);
    }
    await replay(admin.request, action, origin);
    applied(await state(), before);
  }

  const newName = `Created by action ${communityId.slice(1, 9)}`;
  await admin.goto("/admin/communities");
  const createCommunity = await captureAction(admin, async () => {
    await admin.getByLabel("Name", { exact: true }).fill(newName);
    await admin.getByLabel("Description").fill("Made by a replayed action");
    await admin.getByLabel("Gated content").fill("Members only");
    await admin.getByRole("button", { name: "Create community" }).click();
  });
  await check(
    "createCommunity",
    createCommunity,
    async () =>
      (
        await queryE2eDatabase<{ count: string }>(
          `SELECT count(*) FROM "Community" WHERE name = $1`,
          [newName],
        )
      )[0].count,
    (after) => expect(after).toBe("1"),
  );

  await admin.goto(`/admin/communities/${communityId}`);
  const renameCommunity = await captureAction(admin, async () => {
    await admin.getByLabel("Name", { exact: true }).fill(`${communityName} renamed`);
    await admin.getByRole("button", { name: "Save changes" }).click();
  });
  await check(
    "updateCommunity",
    renameCommunity,
    () => communityRow(communityId),
    (after) => expect(after).toEqual({ name: `${communityName} renamed` }),
  );

  await admin.goto(`/admin/communities/${communityId}`);
  await admin.getByRole("button", { name: "Delete", exact: true }).click();
  const deleteCommunity = await captureAction(admin, () =>
    admin.getByRole("button", { name: "Confirm delete" }).click(),
  );
  await check(
    "deleteCommunity",
    deleteCommunity,
    () => communityRow(communityId),
    (after) => expect(after).toBeNull(),
  );

  await admin.goto(`/admin/offerings/${offeringId}`);
  const renameOffering = await captureAction(admin, async () => {
    await admin.getByLabel("Name", { exact: true }).fill("Renamed by action");
    await admin.getByRole("button", { name: "Save changes" }).click();
  });
  await check(
    "updateOffering",
    renameOffering,
    () => offeringRow(offeringId),
    (after) => expect(after).toMatchObject({ name: "Renamed by action" }),
  );

  await admin.goto(`/admin/offerings/${offeringId}`);
  await admin.getByRole("button", { name: "Rotate secret" }).click();
  const rotate = await captureAction(admin, () =>
    admin.getByRole("button", { name: "Confirm rotation" }).click(),
  );
  await check(
    "rotateSecret",
    rotate,
    () => offeringRow(offeringId),
    (after, before) =>
      expect((after as { webhookSecret: string }).webhookSecret).not.toBe(
        (before as { webhookSecret: string }).webhookSecret,
      ),
  );

  await admin.goto(`/admin/offerings/${offeringId}`);
  await admin.getByRole("button", { name: "Archive", exact: true }).click();
  const archive = await captureAction(admin, () =>
    admin.getByRole("button", { name: "Confirm archive" }).click(),
  );
  await check(
    "setOfferingArchived",
    archive,
    () => offeringRow(offeringId),
    (after) => expect((after as { archivedAt: Date | null }).archivedAt).not.toBeNull(),
  );

  await signedOut.close();
});
