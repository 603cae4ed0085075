import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { confirmEmailOwnership } from "@/lib/users/confirm-email-ownership";
import { pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

describe("offering webhook: user_email matches verified accounts only", () => {
  it("keeps a payment for an unverified address unclaimed (202, nothing granted) and grants it when the owner verifies the address", async () => {
    const { offering, user, purchaseId } = await pendingPurchaseScenario();
    await db.user.update({ where: { id: user.id }, data: { emailVerified: null } });
    const { webhookSecret } = offering;
    const delivery = {
      status: "succeeded",
      user_email: user.email,
      payment_id: "pay_wait_1",
      amount: 4900,
      currency: "usd",
    };

    const waiting = await postOfferingWebhook(offering.id, delivery, { secret: webhookSecret });
    expect(waiting.status).toBe(202);
    expect(waiting.body).toMatchObject({ received: true, outcome: "unclaimed", purchase_id: null });
    expect(String(waiting.body.message)).toContain("granted once they verify it");
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } })).toMatchObject({
      status: "PENDING",
    });
    expect(await db.unclaimedPayment.findFirstOrThrow()).toMatchObject({
      email: user.email,
      paymentId: "pay_wait_1",
      claimedAt: null,
    });
    // Recorded as processed with an "unclaimed" note, as the README says: not a failed event.
    expect(
      await db.processedEvent.findFirstOrThrow({ where: { provider: "external" } }),
    ).toMatchObject({ outcome: "PROCESSED", error: null, details: { unclaimed: true } });

    await confirmEmailOwnership({ userId: user.id, keepPassword: true });
    expect(await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } })).toMatchObject({
      status: "SUCCEEDED",
    });
    expect(await db.membership.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);
    expect(await db.unclaimedPayment.findFirstOrThrow()).toMatchObject({
      purchaseId,
      claimedAt: expect.any(Date),
    });

    // The provider retrying the same payment changes nothing more.
    const again = await postOfferingWebhook(offering.id, delivery, { secret: webhookSecret });
    expect(again.body).toMatchObject({ duplicate: true });
    expect(await db.purchase.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);
  });

  it("still matches by user_id, which names our own account rather than an address", async () => {
    const { offering, user, purchaseId } = await pendingPurchaseScenario();
    await db.user.update({ where: { id: user.id }, data: { emailVerified: null } });
    const { webhookSecret } = offering;
    const response = await postOfferingWebhook(
      offering.id,
      {
        status: "succeeded",
        user_id: user.id,
        payment_id: "pay_by_id",
        amount: 4900,
        currency: "usd",
      },
      { secret: webhookSecret },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ outcome: "processed", purchase_id: purchaseId });
  });
});
