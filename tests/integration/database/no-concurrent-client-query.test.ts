/**
 * pg deprecates a query sent on a client that is still running one ("Calling client.query() when
 * the client is already executing a query", printed once per process), and pg@9 will refuse it.
 * Inside a Prisma transaction every query shares one client, and Prisma fetches a read's
 * relations side by side: a read with relations must not run inside a transaction it does not
 * need. The admin's purchase list did (a batch transaction around its page and its count); the
 * e2e server printed it (with --trace-deprecation) while an admin's flow opened /admin/purchases.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { listPurchasesForAdmin } from "@/lib/purchases/list-purchases-for-admin";
import { pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

const warnings: string[] = [];
const record = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);

beforeAll(async () => {
  await resetDatabase();
  process.on("warning", record);
});

afterAll(() => {
  process.off("warning", record);
});

/** Warnings are emitted on a later tick. */
async function concurrentQueryWarnings() {
  await new Promise((resolve) => setImmediate(resolve));
  return warnings.filter((warning) => warning.includes("already executing a query"));
}

it("lists purchases for the admin, with buyer, offering and amount, without a concurrent query on one client", async () => {
  const { user, purchaseId } = await pendingPurchaseScenario();

  const page = await listPurchasesForAdmin({ pageSize: 20 });

  expect(page.total).toEqual({ count: 1, capped: false });
  expect(page.items[0]).toMatchObject({ id: purchaseId, userEmail: user.email, amount: 4900 });
  expect(await concurrentQueryWarnings()).toEqual([]);
});
