/**
 * One answer to "does this user have access?": a subscription that ended on a test clock ahead
 * of the server's (the sandbox moves time; Stripe's `ended_at` then lies in our future) gives no
 * access to the checkout, the purchase rows, the API's purchase, the community page or the
 * billing head; and the billing head names what the user has.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess, hasOfferingAccess } from "@/lib/access/active-access";
import { checkoutAccess } from "@/lib/access/checkout-access";
import { getAccessOverview, planLabel } from "@/lib/access/get-access-overview";
import { getCommunityForViewer } from "@/lib/communities/get-community-for-viewer";
import { getUserPurchase } from "@/lib/purchases/get-user-purchase";
import { listUserPurchases } from "@/lib/purchases/list-user-purchases";
import { pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import {
  deliverAt,
  scenarioSubscription,
  subscribe,
  subscriptionScenario,
} from "../../helpers/stripe-subscriptions";
import { DAY, unixNow } from "../../../tooling/stripe";

setUpStripeSandbox();
beforeEach(resetDatabase);

/** Every reader of access, for one user and the scenario's offering and community. */
async function everyAnswer(scenario: Awaited<ReturnType<typeof subscriptionScenario>>) {
  const { user, offering, community, purchaseId } = scenario;
  const [listed, single, page, overview] = await Promise.all([
    listUserPurchases({ userId: user.id, page: 1, pageSize: 10 }),
    getUserPurchase({ userId: user.id, purchaseId }),
    getCommunityForViewer({ communityId: community.id, userId: user.id }),
    getAccessOverview({ userId: user.id }),
  ]);
  return {
    offering: await hasOfferingAccess(user.id, offering.id),
    community: await hasCommunityAccess(user.id, community.id),
    checkout: await checkoutAccess(user.id, offering),
    purchaseRow: listed.items[0].accessActive,
    apiPurchase: single.accessActive,
    communityPage: page?.isMember,
    purchasesWithAccess: overview.purchasesWithAccess,
    badge: planLabel(overview),
  };
}

describe("one access rule, with the clock moved", () => {
  it("a subscription that ended at its period end on a test clock gives no access on any page", async () => {
    const scenario = await subscriptionScenario();
    const period = { periodStart: unixNow(), periodEnd: unixNow() + 30 * DAY };
    await subscribe(scenario, period, unixNow() - 100);
    expect(await everyAnswer(scenario)).toEqual({
      offering: true,
      community: true,
      checkout: { hasAccess: true, subscribed: true },
      purchaseRow: true,
      apiPurchase: true,
      communityPage: true,
      purchasesWithAccess: 1,
      badge: "Pro plan",
    });

    // The sandbox's clock moves a month: the subscription ends at its period end, which is
    // still a month ahead of this server's clock.
    await deliverAt(
      "customer.subscription.deleted",
      scenarioSubscription(scenario, { ...period, status: "canceled", endedAt: period.periodEnd }),
      period.periodEnd,
    );
    const ended = {
      offering: false,
      community: false,
      checkout: { hasAccess: false, subscribed: false },
      purchaseRow: false,
      apiPurchase: false,
      communityPage: false,
      purchasesWithAccess: 0,
      badge: "Free plan",
    };
    expect(await everyAnswer(scenario)).toEqual(ended);
    const purchase = await db.purchase.findUniqueOrThrow({ where: { id: scenario.purchaseId } });
    expect(purchase.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const overview = await getAccessOverview({ userId: scenario.user.id });
    expect(overview.accessEndedAt!.getTime()).toBeLessThanOrEqual(Date.now());

    // A purchase row written before this fix (its end a month ahead, its memberships revoked)
    // gets the same answer: the rule reads the memberships too.
    await db.purchase.update({
      where: { id: scenario.purchaseId },
      data: { expiresAt: new Date(period.periodEnd * 1000) },
    });
    expect(await everyAnswer(scenario)).toEqual(ended);
  });

  it("names what a past-due subscriber with a paid period left and a one-time buyer have", async () => {
    // The clock moved a year: the renewal failed, the paid year ends at the clock's now.
    const scenario = await subscriptionScenario({ pricingType: "YEARLY", priceAmount: 12000 });
    const paid = { periodStart: unixNow() - DAY, periodEnd: unixNow() + 364 * DAY };
    const at = await subscribe(scenario, paid, unixNow() - 100);
    await deliverAt(
      "customer.subscription.updated",
      scenarioSubscription(scenario, {
        periodStart: paid.periodEnd,
        periodEnd: paid.periodEnd + 365 * DAY,
        status: "past_due",
      }),
      at + 1,
    );
    expect(await everyAnswer(scenario)).toMatchObject({
      community: true,
      purchaseRow: true,
      badge: "Pro · past due",
    });

    const buyer = await pendingPurchaseScenario();
    const paidOnce = await postOfferingWebhook(
      buyer.offering.id,
      { status: "succeeded", purchase_id: buyer.purchaseId },
      { secret: buyer.offering.webhookSecret },
    );
    expect(paidOnce.status).toBe(200);
    expect(planLabel(await getAccessOverview({ userId: buyer.user.id }))).toBe(
      "1 purchase with access",
    );
  });
});
