import { beforeEach, describe, expect, it } from "vitest";
import { listSubscriptionInvoices } from "@/lib/subscriptions/list-subscription-invoices";
import { listSubscriptionsForAdmin } from "@/lib/subscriptions/list-subscriptions-for-admin";
import { listUserSubscriptions } from "@/lib/subscriptions/list-user-subscriptions";
import { adminSubscriptionQuery } from "@/lib/subscriptions/schemas";
import { db } from "@/lib/db";
import { makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import {
  at,
  makeInvoiceOrder,
  makeSubscription,
  monthly,
  yearly,
} from "../../helpers/subscriptions";

beforeEach(resetDatabase);

describe("a user's subscriptions", () => {
  it("lists only their own, newest first, with price, interval, state and plan", async () => {
    const [month, year] = await Promise.all([monthly(), yearly()]);
    const user = await makeUser();
    const stranger = await makeUser();
    await db.user.update({
      where: { id: user.id },
      data: { plan: "pro", stripeCustomerId: "cus_123" },
    });
    await makeSubscription({
      userId: user.id,
      offeringId: month.id,
      status: "canceled",
      createdAt: at(0),
      endedAt: at(20),
    });
    await makeSubscription({
      userId: user.id,
      offeringId: year.id,
      status: "past_due",
      createdAt: at(5),
      paymentFailure: "Your card has insufficient funds.",
    });
    await makeSubscription({ userId: stranger.id, offeringId: month.id, status: "active" });

    const result = await listUserSubscriptions({ userId: user.id });

    expect(result).toMatchObject({ plan: "pro", hasStripeCustomer: true });
    expect(result.items).toHaveLength(2);
    expect(result.items[0]).toMatchObject({
      offeringName: "Yearly Membership",
      amount: 19000,
      currency: "usd",
      pricingType: "YEARLY",
      interval: "year",
      status: "past_due",
      cancelAtPeriodEnd: false,
      endedAt: null,
      paymentFailure: "Your card has insufficient funds.",
    });
    expect(result.items[1]).toMatchObject({
      offeringName: "Monthly Membership",
      interval: "month",
      status: "canceled",
      endedAt: at(20),
    });
    expect(result.items[0].currentPeriodEnd).toEqual(at(35));
    expect(result.items[0].paidThrough).toEqual(at(35));

    expect(await listUserSubscriptions({ userId: stranger.id })).toMatchObject({
      plan: "free",
      hasStripeCustomer: false,
    });
  });

  it("shows the price the subscription renews on, not the offering's newer one", async () => {
    const offering = await monthly();
    await db.offeringPrice.create({
      data: {
        stripePriceId: "price_old",
        offeringId: offering.id,
        amount: 1500,
        currency: "usd",
        pricingType: "MONTHLY",
      },
    });
    const user = await makeUser();
    await makeSubscription({
      userId: user.id,
      offeringId: offering.id,
      status: "active",
      stripePriceId: "price_old",
    });
    const [item] = (await listUserSubscriptions({ userId: user.id })).items;
    expect(item).toMatchObject({ amount: 1500, interval: "month" });
  });
});

describe("a user's invoice history", () => {
  it("pages through their own invoiced orders only, newest first", async () => {
    const offering = await monthly();
    const [user, stranger] = await Promise.all([makeUser(), makeUser()]);
    const mine = await makeSubscription({
      userId: user.id,
      offeringId: offering.id,
      status: "active",
      createdAt: at(0),
    });
    const theirs = await makeSubscription({
      userId: stranger.id,
      offeringId: offering.id,
      status: "active",
    });
    for (let month = 0; month < 12; month++) {
      await makeInvoiceOrder(mine, { invoiceId: `in_${month}`, createdAt: at(month * 30) });
    }
    await makeInvoiceOrder(mine, { invoiceId: null, createdAt: at(400) }); // a one-time style order
    await makeInvoiceOrder(theirs, { invoiceId: "in_theirs", createdAt: at(500) });

    const first = await listSubscriptionInvoices({ userId: user.id, page: 1, pageSize: 10 });
    expect(first).toMatchObject({ total: 12, page: 1, pageSize: 10, pageCount: 2 });
    expect(first.items).toHaveLength(10);
    expect(first.items[0]).toMatchObject({
      invoiceId: "in_11",
      amount: 1900,
      currency: "usd",
      status: "PAID",
      offeringName: "Monthly Membership",
      date: at(330),
    });
    const second = await listSubscriptionInvoices({ userId: user.id, page: 2, pageSize: 10 });
    expect(second.items.map((invoice) => invoice.invoiceId)).toEqual(["in_1", "in_0"]);
  });
});

describe("the admin subscription list", () => {
  async function scenario() {
    const [month, year] = await Promise.all([monthly(), yearly()]);
    const euro = await makeOffering({
      name: "Euro Club",
      priceAmount: 1000,
      currency: "eur",
      pricingType: "MONTHLY",
    });
    const [alice, bob] = await Promise.all([
      makeUser({ email: "alice@example.com" }),
      makeUser({ email: "bob@Example.org" }),
    ]);
    const subscriptions = {
      active: await makeSubscription({
        userId: alice.id,
        offeringId: month.id,
        status: "active",
        createdAt: at(1),
      }),
      trialing: await makeSubscription({
        userId: bob.id,
        offeringId: year.id,
        status: "trialing",
        createdAt: at(2),
      }),
      pastDue: await makeSubscription({
        userId: bob.id,
        offeringId: month.id,
        status: "past_due",
        createdAt: at(3),
      }),
      yearly: await makeSubscription({
        userId: alice.id,
        offeringId: year.id,
        status: "active",
        createdAt: at(4),
        cancelAtPeriodEnd: true,
      }),
      canceled: await makeSubscription({
        userId: alice.id,
        offeringId: month.id,
        status: "canceled",
        createdAt: at(5),
        endedAt: at(6),
      }),
      unpaid: await makeSubscription({
        userId: bob.id,
        offeringId: month.id,
        status: "unpaid",
        createdAt: at(6),
      }),
      euro: await makeSubscription({
        userId: alice.id,
        offeringId: euro.id,
        status: "active",
        createdAt: at(7),
      }),
    };
    return { month, year, euro, alice, bob, subscriptions };
  }

  it("sums MRR over active, trialing and past-due subscriptions, a month at a time, per currency", async () => {
    await scenario();
    const result = await listSubscriptionsForAdmin(adminSubscriptionQuery.parse({}));
    // usd: 1900 (active) + 1583 (trialing yearly 19000 / 12) + 1900 (past due) + 1583 (yearly); canceled and unpaid count nothing.
    expect(result.mrr).toEqual([
      { currency: "eur", amount: 1000 },
      { currency: "usd", amount: 1900 + 1583 + 1900 + 1583 },
    ]);
    expect(result.total).toEqual({ count: 7, capped: false });
    expect(result.items[0]).toMatchObject({
      userEmail: "alice@example.com",
      offeringName: "Euro Club",
      amount: 1000,
      currency: "eur",
      interval: "month",
    });
    expect(result.offerings.map((offering) => offering.name)).toEqual([
      "Euro Club",
      "Monthly Membership",
      "Yearly Membership",
    ]);
  });

  it("filters by status, by part of the user's email and by offering", async () => {
    const { year, subscriptions } = await scenario();
    const ids = async (query: Record<string, string>) =>
      (await listSubscriptionsForAdmin(adminSubscriptionQuery.parse(query))).items.map(
        (item) => item.id,
      );

    expect(await ids({ status: "past_due" })).toEqual([subscriptions.pastDue.id]);
    expect(await ids({ email: "EXAMPLE.ORG" })).toEqual([
      subscriptions.unpaid.id,
      subscriptions.pastDue.id,
      subscriptions.trialing.id,
    ]);
    expect(await ids({ offeringId: year.id })).toEqual([
      subscriptions.yearly.id,
      subscriptions.trialing.id,
    ]);
    expect(await ids({ offeringId: year.id, email: "alice" })).toEqual([subscriptions.yearly.id]);
    // A status Stripe does not have is no filter at all, not an error.
    expect(await ids({ status: "bogus", email: "" })).toHaveLength(7);
    const [yearlyRow] = (
      await listSubscriptionsForAdmin(adminSubscriptionQuery.parse({ offeringId: year.id }))
    ).items;
    expect(yearlyRow).toMatchObject({ cancelAtPeriodEnd: true, interval: "year", amount: 19000 });
  });

  it("pages with the filters applied", async () => {
    await scenario();
    const first = await listSubscriptionsForAdmin(
      adminSubscriptionQuery.parse({ email: "alice", pageSize: "3" }),
    );
    const page = await listSubscriptionsForAdmin(
      adminSubscriptionQuery.parse({ email: "alice", pageSize: "3", after: first.next }),
    );
    expect(first).toMatchObject({ total: { count: 4, capped: false }, previous: null });
    expect(page).toMatchObject({ total: { count: 4, capped: false }, next: null, pageSize: 3 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0].id).not.toBe(first.items.at(-1)?.id);
  });
});
