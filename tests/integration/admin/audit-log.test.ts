/**
 * Admin actions leave an audit entry (who, what, on which subject, when) in the same
 * transaction as the change, and the audit page lists them newest first, filtered by action.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { listAuditEntries } from "@/lib/admin/list-audit-entries";
import { cursorParam } from "@/lib/http/keyset-paging";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { rotateWebhookSecret } from "@/lib/offerings/rotate-webhook-secret";
import { setOfferingArchived } from "@/lib/offerings/set-offering-archived";
import { refundPurchaseAsAdmin } from "@/lib/purchases/refund-purchase-as-admin";
import { completePurchase } from "@/lib/purchases/complete-purchase";
import { makeOffering, makeUser, pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const entries = () =>
  db.auditEntry.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { actorId: true, action: true, subject: true, details: true },
  });

describe("audit entries of admin actions", () => {
  it("records a refund, with the amount and the admin", async () => {
    const { purchaseId, orderId } = await pendingPurchaseScenario();
    await db.$transaction((tx) =>
      completePurchase(tx, {
        purchaseId,
        orderId,
        payment: { amount: 4900, currency: "usd", providerCaptureId: "ext_pay_1" },
        cause: "test: provider reported succeeded",
      }),
    );
    const admin = await makeUser({ role: "ADMIN" });

    await refundPurchaseAsAdmin({ purchaseId, adminId: admin.id });

    expect(await entries()).toEqual([
      {
        actorId: admin.id,
        action: "purchase.refund",
        subject: purchaseId,
        details: { orderId, provider: "EXTERNAL", amount: 4900, currency: "usd" },
      },
    ]);
  });

  it("records rotating a secret (never the secret) and archiving and restoring", async () => {
    const offering = await makeOffering();
    const admin = await makeUser({ role: "ADMIN" });

    const { webhookSecret } = await rotateWebhookSecret({
      offeringId: offering.id,
      actorId: admin.id,
    });
    await setOfferingArchived({ offeringId: offering.id, archived: true, actorId: admin.id });
    await setOfferingArchived({ offeringId: offering.id, archived: false, actorId: admin.id });

    const recorded = await entries();
    expect(recorded.map((entry) => [entry.actorId, entry.action, entry.subject])).toEqual([
      [admin.id, "offering.rotate_secret", offering.id],
      [admin.id, "offering.archive", offering.id],
      [admin.id, "offering.restore", offering.id],
    ]);
    expect(JSON.stringify(recorded)).not.toContain(webhookSecret);
  });

  it("writes nothing when the action fails", async () => {
    await expect(
      setOfferingArchived({ offeringId: "missing", archived: true, actorId: "admin" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      rotateWebhookSecret({ offeringId: "missing", actorId: "admin" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await entries()).toEqual([]);
  });
});

describe("the audit page", () => {
  it("lists entries newest first with the admin's email and a readable line, filtered by action", async () => {
    const admin = await makeUser({ role: "ADMIN", email: "boss@example.com" });
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 12, minutes));
    await recordAudit(db, {
      actorId: admin.id,
      action: "purchase.refund",
      subject: "purchase-1",
      details: { amount: 4900, currency: "usd", provider: "STRIPE" },
    });
    await recordAudit(db, { actorId: admin.id, action: "offering.archive", subject: "offering-1" });
    await recordAudit(db, { actorId: "gone", action: "offering.restore", subject: "offering-1" });
    // A minute apart, so "newest first" does not hang on how fast the inserts ran.
    const order = ["purchase.refund", "offering.archive", "offering.restore"];
    for (const [minutes, action] of order.entries()) {
      await db.auditEntry.updateMany({ where: { action }, data: { createdAt: at(minutes) } });
    }

    const all = await listAuditEntries({ pageSize: 2 });
    expect(all.total).toEqual({ count: 3, capped: false });
    expect(all.actions).toEqual(["offering.archive", "offering.restore", "purchase.refund"]);
    expect(all.items.map((item) => [item.action, item.actorEmail, item.description])).toEqual([
      ["offering.restore", null, "Restored the offering to the catalog"],
      ["offering.archive", "boss@example.com", "Archived the offering"],
    ]);
    const second = await listAuditEntries({
      pageSize: 2,
      after: cursorParam.parse(all.next),
    });
    expect(second.items.map((item) => [item.action, item.subject, item.description])).toEqual([
      ["purchase.refund", "purchase-1", "Refunded $49.00 (stripe)"],
    ]);

    const refunds = await listAuditEntries({ pageSize: 50, action: "purchase.refund" });
    expect(refunds.items.map((item) => item.action)).toEqual(["purchase.refund"]);
    expect(refunds.total).toEqual({ count: 1, capped: false });
  });
});
