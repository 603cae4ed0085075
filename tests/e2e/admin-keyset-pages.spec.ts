/**
 * The admin lists page by cursor: "Next" and "Previous" links in the URL, a total counted up to
 * a cap. Sixty audit entries with one timestamp (ties broken by id) under an action of their own,
 * fifty to a page: Next shows the last ten, Previous the first fifty again, none twice.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eDatabaseUrl, queryDatabase } from "./database";
import { demoAdmin, signIn } from "./helpers";

test("an admin pages the audit log forwards and back by its Next and Previous links", async ({
  browser,
}) => {
  const action = `e2e.paging_${randomUUID().slice(0, 8)}`;
  await queryDatabase(
    e2eDatabaseUrl(),
    `INSERT INTO "AuditEntry" (id, "actorId", action, subject, "createdAt")
     SELECT $1 || '-' || lpad(k::text, 2, '0'), u.id, $1, 'subject-' || lpad(k::text, 2, '0'),
            timestamp '2026-11-01 12:00:00'
     FROM generate_series(1, 60) k, "User" u WHERE u.email = $2`,
    [action, demoAdmin.email],
  );
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await admin.goto(`/admin/audit?action=${action}`);
  const pagination = admin.getByRole("navigation", { name: "Pagination" });
  const subjects = () => admin.getByTestId("audit-row").allInnerTexts();

  await expect(pagination).toContainText("60 in all");
  await expect(admin.getByTestId("audit-row")).toHaveCount(50);
  const first = await subjects();
  await expect(pagination.getByRole("link", { name: "Previous" })).toHaveCount(0);

  await pagination.getByRole("link", { name: "Next" }).click();
  await expect(admin).toHaveURL(/[?&]after=/);
  await expect(admin.getByTestId("audit-row")).toHaveCount(10);
  const second = await subjects();
  await expect(pagination.getByRole("link", { name: "Next" })).toHaveCount(0);
  const shown = [...first, ...second].map((row) => /subject-\d\d/.exec(row)?.[0]);
  expect(new Set(shown).size).toBe(60);
  // Newest first, and on one timestamp the higher id first.
  expect(shown[0]).toBe("subject-60");
  expect(shown.at(-1)).toBe("subject-01");

  await pagination.getByRole("link", { name: "Previous" }).click();
  await expect(admin).toHaveURL(/[?&]before=/);
  await expect(admin.getByTestId("audit-row")).toHaveCount(50);
  expect(await subjects()).toEqual(first);
});
