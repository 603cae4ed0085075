import { beforeEach, describe, expect, it } from "vitest";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { grantCommunityManually } from "@/lib/access/grant-community-manually";
import { revokeCommunityManually } from "@/lib/access/revoke-community-manually";
import { grantCommunityForm, revokeCommunityForm } from "@/lib/access/schemas";
import { db } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { getUserForAdmin } from "@/lib/users/get-user-for-admin";
import { paidBuyer } from "../../helpers/admin-users";
import { makeCommunity, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

describe("the admin user page", () => {
  it("shows why the user has access: the grant, its cause and the event behind it", async () => {
    const { user, community, purchaseId } = await paidBuyer();

    const detail = await getUserForAdmin({ userId: user.id });

    expect(detail?.user.email).toBe(user.email);
    expect(detail?.purchases.map((purchase) => [purchase.id, purchase.status])).toEqual([
      [purchaseId, "SUCCEEDED"],
    ]);
    expect(detail?.purchases[0].orders[0]).toMatchObject({ providerCaptureId: "PAYID-7XK21" });
    expect(detail?.memberships).toMatchObject([{ communityId: community.id, purchaseId }]);
    const [access] = detail?.access ?? [];
    expect(access).toMatchObject({
      communityId: community.id,
      hasAccess: true,
      accessUntil: null,
      ended: null,
    });
    expect(access.because).toEqual([
      expect.objectContaining({
        action: "GRANT",
        cause: "json webhook: payment.succeeded",
        actor: null,
        event: expect.objectContaining({ provider: "external", type: "payment.succeeded" }),
      }),
    ]);
    expect(access.trail).toHaveLength(1);
    expect(await getUserForAdmin({ userId: "missing" })).toBeNull();
  });
});

describe("manual grant and revoke", () => {
  it("grants then revokes by hand, both on the trail with the admin and reason, and audited", async () => {
    const admin = await makeUser({ email: "ops@example.com", role: "ADMIN" });
    const { user, community: bought } = await paidBuyer();
    const extra = await makeCommunity("VIP Lounge");

    await grantCommunityManually({
      userId: user.id,
      communityId: extra.id,
      reason: "Conference speaker",
      expiresAt: null,
      actorId: admin.id,
    });
    expect(await hasCommunityAccess(user.id, extra.id)).toBe(true);

    let detail = await getUserForAdmin({ userId: user.id });
    const granted = detail?.access.find((access) => access.communityId === extra.id);
    expect(granted).toMatchObject({ hasAccess: true, accessUntil: null });
    expect(granted?.because).toEqual([
      expect.objectContaining({
        action: "GRANT",
        cause: "manual: Conference speaker",
        event: null,
        actor: { id: admin.id, email: "ops@example.com" },
      }),
    ]);

    // Revoking takes every active membership of the community, purchased ones included.
    await revokeCommunityManually({
      userId: user.id,
      communityId: bought.id,
      reason: "Chargeback opened",
      actorId: admin.id,
    });
    await revokeCommunityManually({
      userId: user.id,
      communityId: extra.id,
      reason: "Talk cancelled",
      actorId: admin.id,
    });
    expect(await hasCommunityAccess(user.id, bought.id)).toBe(false);
    expect(await hasCommunityAccess(user.id, extra.id)).toBe(false);

    detail = await getUserForAdmin({ userId: user.id });
    const byCommunity = new Map(detail?.access.map((access) => [access.communityId, access]));
    expect(byCommunity.get(extra.id)).toMatchObject({
      hasAccess: false,
      ended: { how: "revoked", entry: { cause: "manual: Talk cancelled" } },
    });
    expect(
      byCommunity
        .get(bought.id)
        ?.trail.map((entry) => [entry.action, entry.cause, entry.actor?.email]),
    ).toEqual([
      ["REVOKE", "manual: Chargeback opened", "ops@example.com"],
      ["GRANT", "json webhook: payment.succeeded", undefined],
    ]);

    const audit = await db.auditEntry.findMany({
      orderBy: { createdAt: "asc" },
      select: { actorId: true, action: true, subject: true, details: true },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        action: "access.grant",
        subject: user.id,
        details: expect.objectContaining({ communityId: extra.id, reason: "Conference speaker" }),
      }),
      expect.objectContaining({
        action: "access.revoke",
        details: expect.objectContaining({ communityId: bought.id, reason: "Chargeback opened" }),
      }),
      expect.objectContaining({
        action: "access.revoke",
        details: expect.objectContaining({ communityId: extra.id, reason: "Talk cancelled" }),
      }),
    ]);
  });

  it("requires a reason (422), and refuses a revoke with nothing to revoke (409)", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const user = await makeUser();
    const community = await makeCommunity();
    const attempt = { userId: user.id, communityId: community.id, actorId: admin.id };

    const noReason = await grantCommunityManually({
      ...attempt,
      reason: "  ",
      expiresAt: null,
    }).catch((error: unknown) => toAppError(error));
    expect(noReason).toMatchObject({ code: "validation_failed", status: 422 });
    const form = grantCommunityForm.safeParse({ userId: user.id, communityId: community.id });
    expect(form.success).toBe(false);
    expect(
      revokeCommunityForm.safeParse({ ...attempt, reason: "Abuse", confirm: undefined }).success,
    ).toBe(false);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);

    const nothing = await revokeCommunityManually({ ...attempt, reason: "Abuse" }).catch(
      (error: unknown) => toAppError(error),
    );
    expect(nothing).toMatchObject({ code: "conflict", status: 409 });
    expect(await db.accessEvent.count()).toBe(0);
    expect(await db.auditEntry.count()).toBe(0);
  });

  it("grants until the end of a chosen day", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const user = await makeUser();
    const community = await makeCommunity();
    const parsed = grantCommunityForm.parse({
      userId: user.id,
      communityId: community.id,
      reason: "Trial week",
      accessThrough: "2099-01-31",
    });
    expect(parsed.accessThrough?.toISOString()).toBe("2099-02-01T00:00:00.000Z");

    await grantCommunityManually({ ...parsed, expiresAt: parsed.accessThrough, actorId: admin.id });
    const detail = await getUserForAdmin({ userId: user.id });
    expect(detail?.access[0]).toMatchObject({ hasAccess: true, accessUntil: parsed.accessThrough });
  });
});
