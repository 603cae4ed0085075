/**
 * A replay that finds its work done by another event changes nothing: a notice refused for a
 * wrong amount, replayed after the buyer really paid, says so and stays failed.
 */
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { db } from "@/lib/db";
import { replayEvent } from "@/lib/payments/replay-event";
import { makeUser, pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const admin = () => makeUser({ role: "ADMIN" });

describe("a replay that changes nothing", () => {
  it("a wrong-amount notice replayed after the buyer really paid says it changed nothing and stays failed", async () => {
    const { offering, purchaseId, community, user } = await pendingPurchaseScenario();
    const secret = { secret: offering.webhookSecret };
    const notice = { status: "succeeded", purchase_id: purchaseId, currency: "usd" };
    const wrong = await postOfferingWebhook(
      offering.id,
      { ...notice, payment_id: `pay_${randomUUID()}`, amount: 100 },
      secret,
    );
    expect(wrong).toMatchObject({ status: 422, body: { error: "amount_mismatch" } });
    const paid = await postOfferingWebhook(
      offering.id,
      { ...notice, payment_id: `pay_${randomUUID()}`, amount: 4900 },
      secret,
    );
    expect(paid.status).toBe(200);
    const refused = await db.processedEvent.findFirstOrThrow({
      where: { provider: "external", outcome: "FAILED" },
    });
    expect(refused.error).toBe("amount_mismatch");

    const { id: adminId } = await admin();
    const result = await replayEvent({ eventRecordId: refused.id, adminId });

    expect(result).toMatchObject({
      replayed: true,
      changedNothing: true,
      before: "FAILED",
      outcome: "FAILED",
      error: "amount_mismatch",
    });
    expect(result.message).toBe(
      "Replayed, but this changed nothing: the purchase was already succeeded. The event stays failed (amount mismatch).",
    );
    const after = await db.processedEvent.findUniqueOrThrow({ where: { id: refused.id } });
    expect(after).toMatchObject({ outcome: "FAILED", error: "amount_mismatch", attempts: 2 });
    expect(after.details).toMatchObject({ received: { amount: 100 } });
    expect(await db.order.count({ where: { purchaseId, status: "PAID" } })).toBe(1);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });
});
