import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cancelSubscriptionAsAdmin } from "@/lib/subscriptions/cancel-subscription-as-admin";
import { getSubscriptionForAdmin } from "@/lib/subscriptions/get-subscription-for-admin";
import { makeCommunity, makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { at, makeInvoiceOrder, makeSubscription, monthly } from "../../helpers/subscriptions";

beforeEach(resetDatabase);

describe("the admin subscription detail", () => {
  it("brings the user, offering, invoices and the access trail of its purchase", async () => {
    const community = await makeCommunity("Members");
    const offering = await makeOffering({
      name: "Monthly Membership",
      priceAmount: 1900,
      pricingType: "MONTHLY",
      communityIds: [community.id],
    });
    const user = await makeUser({ email: "carol@example.com" });
    const subscription = await makeSubscription({
      userId: user.id,
      offeringId: offering.id,
      status: "active",
      createdAt: at(0),
    });
    await makeInvoiceOrder(subscription, { invoiceId: "in_first", createdAt: at(0) });
    await makeInvoiceOrder(subscription, { invoiceId: "in_second", createdAt: at(30) });
    await db.accessEvent.createMany({
      data: [
        {
          action: "GRANT",
          userId: user.id,
          communityId: community.id,
          purchaseId: subscription.purchaseId,
          cause: "invoice.paid evt_1",
          createdAt: at(0),
        },
        {
          action: "EXTEND",
          userId: user.id,
          communityId: community.id,
          purchaseId: subscription.purchaseId,
          cause: "invoice.paid evt_2",
          createdAt: at(30),
        },
        {
          action: "GRANT",
          userId: user.id,
          communityId: community.id,
          purchaseId: null,
          cause: "something else",
          createdAt: at(31),
        },
      ],
    });

    const detail = await getSubscriptionForAdmin({ subscriptionId: subscription.id });

    expect(detail).toMatchObject({
      id: subscription.id,
      status: "active",
      user: { email: "carol@example.com", plan: "free" },
      offering: { name: "Monthly Membership" },
      price: { amount: 1900, currency: "usd", interval: "month" },
    });
    expect(detail?.orders.map((order) => order.providerInvoiceId)).toEqual([
      "in_second",
      "in_first",
    ]);
    expect(
      detail?.accessTrail.map((event) => [event.action, event.community.name, event.cause]),
    ).toEqual([
      ["EXTEND", "Members", "invoice.paid evt_2"],
      ["GRANT", "Members", "invoice.paid evt_1"],
    ]);
    expect(await getSubscriptionForAdmin({ subscriptionId: "missing" })).toBeNull();
  });
});

describe("an admin cancelling", () => {
  it("answers 404 for an unknown subscription and 409 for one that has ended or already ends", async () => {
    const offering = await monthly();
    const user = await makeUser();
    const ended = await makeSubscription({
      userId: user.id,
      offeringId: offering.id,
      status: "canceled",
      endedAt: at(1),
    });
    const ending = await makeSubscription({
      userId: user.id,
      offeringId: offering.id,
      status: "active",
      cancelAtPeriodEnd: true,
    });
    const actorId = user.id;

    await expect(
      cancelSubscriptionAsAdmin({ subscriptionId: "missing", when: "now", actorId }),
    ).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(
      cancelSubscriptionAsAdmin({ subscriptionId: ended.id, when: "now", actorId }),
    ).rejects.toMatchObject({ code: "conflict", status: 409 });
    await expect(
      cancelSubscriptionAsAdmin({ subscriptionId: ending.id, when: "period_end", actorId }),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});
