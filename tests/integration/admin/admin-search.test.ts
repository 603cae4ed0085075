import { beforeEach, describe, expect, it } from "vitest";
import { queryShape, searchAdmin } from "@/lib/admin/search";
import { db } from "@/lib/db";
import { listPurchasesForAdmin } from "@/lib/purchases/list-purchases-for-admin";
import { paidBuyer, stripeCheckoutOrder } from "../../helpers/admin-users";
import { makeUser, pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const hitKeys = (hits: Awaited<ReturnType<typeof searchAdmin>>) =>
  hits.map((hit) => `${hit.kind}:${hit.id}`);

describe("admin search", () => {
  it("reads the kind of query from its shape", () => {
    expect(queryShape("Alice@Example.com")).toBe("email");
    expect(queryShape("cs_test_123")).toBe("checkout_session");
    expect(queryShape("pi_123")).toBe("payment_intent");
    expect(queryShape("in_123")).toBe("invoice");
    expect(queryShape("sub_123")).toBe("subscription");
    expect(queryShape("cus_123")).toBe("customer");
    expect(queryShape("evt_123")).toBe("event");
    expect(queryShape("PAYID-7XK21")).toBe("any");
  });

  it("finds users by part of their email in any case, and by id", async () => {
    const alice = await makeUser({ email: "alice.smith@example.com" });
    const bob = await makeUser({ email: "bob@other.test" });

    expect(hitKeys(await searchAdmin({ query: "ALICE.SMITH@" }))).toEqual([`user:${alice.id}`]);
    expect(hitKeys(await searchAdmin({ query: "smith" }))).toEqual([`user:${alice.id}`]);
    expect(hitKeys(await searchAdmin({ query: "@other.test" }))).toEqual([`user:${bob.id}`]);
    const [byId] = await searchAdmin({ query: bob.id });
    expect(byId).toMatchObject({
      kind: "user",
      href: `/admin/users/${bob.id}`,
      matched: "user id",
    });
    expect(await searchAdmin({ query: "   " })).toEqual([]);
    expect(await searchAdmin({ query: "nobody@nowhere.test" })).toEqual([]);
  });

  it("finds the order by payment intent, checkout session and invoice, linking to the buyer", async () => {
    const buyer = await makeUser({ email: "carol@example.com" });
    const { order, subscription } = await stripeCheckoutOrder(buyer.id);
    const expected = {
      kind: "order",
      id: order.id,
      href: `/admin/users/${buyer.id}#purchase-${subscription.purchaseId}`,
    };

    for (const [query, matched] of [
      ["pi_3Search", "payment intent"],
      ["cs_test_a1Search", "checkout session"],
      ["in_1Search", "invoice"],
    ]) {
      const hits = await searchAdmin({ query });
      expect(hits).toEqual([expect.objectContaining({ ...expected, matched })]);
    }
    expect(await searchAdmin({ query: "pi_unknown" })).toEqual([]);
  });

  it("finds subscriptions by their Stripe id, customers, events and PayPal ids", async () => {
    const buyer = await makeUser({ email: "dan@example.com" });
    const { subscription } = await stripeCheckoutOrder(buyer.id);
    await db.user.update({ where: { id: buyer.id }, data: { stripeCustomerId: "cus_Dan" } });
    await db.subscription.update({
      where: { id: subscription.id },
      data: { stripeCustomerId: "cus_Dan" },
    });
    const event = await db.processedEvent.create({
      data: {
        provider: "stripe",
        providerEventId: "evt_1Search",
        type: "checkout.session.completed",
        payload: {},
        outcome: "PROCESSED",
      },
    });

    expect(await searchAdmin({ query: subscription.stripeSubscriptionId })).toEqual([
      expect.objectContaining({
        kind: "subscription",
        id: subscription.id,
        href: `/admin/subscriptions/${subscription.id}`,
      }),
    ]);
    expect(hitKeys(await searchAdmin({ query: "cus_Dan" }))).toEqual([
      `user:${buyer.id}`,
      `subscription:${subscription.id}`,
    ]);
    expect(await searchAdmin({ query: "evt_1Search" })).toEqual([
      expect.objectContaining({ kind: "event", id: event.id, href: `/admin/events/${event.id}` }),
    ]);
    expect(hitKeys(await searchAdmin({ query: event.id }))).toEqual([`event:${event.id}`]);

    const paid = await paidBuyer("PAYID-7XK21");
    const byPayPal = await searchAdmin({ query: "PAYID-7XK21" });
    expect(byPayPal).toEqual([
      expect.objectContaining({
        kind: "order",
        href: `/admin/users/${paid.user.id}#purchase-${paid.purchaseId}`,
      }),
    ]);
    expect(hitKeys(await searchAdmin({ query: paid.purchaseId }))).toEqual([
      `purchase:${paid.purchaseId}`,
    ]);
  });
});

describe("the admin purchases list", () => {
  it("filters by status, offering and part of the buyer's email in the database", async () => {
    const paid = await paidBuyer();
    const pending = await pendingPurchaseScenario();
    const page = { page: 1, pageSize: 25 };
    const ids = async (filters: Partial<Parameters<typeof listPurchasesForAdmin>[0]>) =>
      (await listPurchasesForAdmin({ ...page, ...filters })).items.map((item) => item.id);

    expect(await ids({ status: "SUCCEEDED" })).toEqual([paid.purchaseId]);
    expect(await ids({ status: "PENDING" })).toEqual([pending.purchaseId]);
    expect(await ids({ offeringId: pending.offering.id })).toEqual([pending.purchaseId]);
    expect(await ids({ email: paid.user.email.slice(0, 12).toUpperCase() })).toEqual([
      paid.purchaseId,
    ]);
    const filtered = await listPurchasesForAdmin({ ...page, status: "REFUNDED" });
    expect(filtered).toMatchObject({ items: [], total: { count: 0, capped: false } });
  });
});
