/**
 * The table of tests/integration/security/hostile-input-routes.test.ts: every route handler under app/api
 * and app/webhooks with each method it exports, who may call it, and a valid body or the query
 * filters it reads; plus the rows (a buyer with a pending Stripe order, two offerings) the
 * valid bodies name.
 */
import * as commissionExport from "@/app/api/admin/commissions/export/route";
import * as adminExports from "@/app/api/admin/exports/[kind]/route";
import * as rotateSecret from "@/app/api/admin/offerings/[id]/rotate-secret/route";
import * as adminOffering from "@/app/api/admin/offerings/[id]/route";
import * as adminOfferings from "@/app/api/admin/offerings/route";
import * as adminRefund from "@/app/api/admin/purchases/[id]/refund/route";
import * as adminPurchases from "@/app/api/admin/purchases/route";
import * as billingPortal from "@/app/api/billing/portal/route";
import * as checkoutSessions from "@/app/api/checkout/sessions/route";
import * as health from "@/app/api/health/route";
import * as me from "@/app/api/me/route";
import * as metrics from "@/app/api/metrics/route";
import * as captureOrder from "@/app/api/orders/capture/route";
import * as userPurchase from "@/app/api/purchases/[id]/route";
import * as userPurchases from "@/app/api/purchases/route";
import * as stripeWebhook from "@/app/api/webhooks/stripe/route";
import * as offeringWebhook from "@/app/webhooks/offerings/[id]/route";
import { makeOffering, makeUser } from "../../tooling/seed/factories";
import type { Caller, RouteCase } from "./hostile-routes";
import { resetDatabase } from "./reset";
import { pendingStripeOrderScenario } from "./stripe-webhook";
import { checkoutSession, stripeEvent } from "../../tooling/stripe";

export const fixtures = {
  admin: { id: "" },
  buyer: { id: "" },
  offeringId: "",
  webhookOfferingId: "",
  offeringSecret: "",
  purchaseId: "",
  orderId: "",
};

export async function setUpFixtures() {
  await resetDatabase();
  const scenario = await pendingStripeOrderScenario();
  const linkOffering = await makeOffering();
  Object.assign(fixtures, {
    admin: await makeUser({ role: "ADMIN" }),
    buyer: scenario.user,
    offeringId: scenario.offering.id,
    offeringSecret: linkOffering.webhookSecret,
    webhookOfferingId: linkOffering.id,
    purchaseId: scenario.purchaseId,
    orderId: scenario.orderId,
  });
}

const admin: Caller = { as: "admin" };
const user: Caller = { as: "user" };
const anyone: Caller = { as: "anyone" };
const id = (value: () => string) => ({ name: "id", value });

const offeringFields = () => ({
  name: "Hostile course",
  description: "Read me",
  priceAmount: 1500,
  currency: "usd",
  pricingType: "ONE_TIME",
  channel: "EXTERNAL_LINK",
  paymentLink: "https://pay.example.com/x",
  communityIds: [],
});

export const routeTable: RouteCase[] = [
  {
    file: "app/api/admin/commissions/export/route.ts",
    method: "GET",
    handler: commissionExport.GET,
    caller: admin,
    path: "/api/admin/commissions/export",
    filters: ["type", "status", "referrer", "from", "to"],
  },
  {
    file: "app/api/admin/exports/[kind]/route.ts",
    method: "GET",
    handler: adminExports.GET,
    caller: admin,
    path: "/api/admin/exports/{id}",
    param: { name: "kind", value: () => "orders" },
    filters: ["from", "to", "status", "email", "offeringId"],
  },
  {
    file: "app/api/admin/offerings/[id]/rotate-secret/route.ts",
    method: "POST",
    handler: rotateSecret.POST,
    caller: admin,
    path: "/api/admin/offerings/{id}/rotate-secret",
    param: id(() => fixtures.offeringId),
    body: () => ({}),
    readsBody: false,
  },
  {
    file: "app/api/admin/offerings/[id]/route.ts",
    method: "GET",
    handler: adminOffering.GET,
    caller: admin,
    path: "/api/admin/offerings/{id}",
    param: id(() => fixtures.offeringId),
  },
  {
    file: "app/api/admin/offerings/[id]/route.ts",
    method: "PATCH",
    handler: adminOffering.PATCH,
    caller: admin,
    path: "/api/admin/offerings/{id}",
    param: id(() => fixtures.webhookOfferingId),
    body: offeringFields,
  },
  {
    file: "app/api/admin/offerings/route.ts",
    method: "GET",
    handler: adminOfferings.GET,
    caller: admin,
    path: "/api/admin/offerings",
    filters: [],
  },
  {
    file: "app/api/admin/offerings/route.ts",
    method: "POST",
    handler: adminOfferings.POST,
    caller: admin,
    path: "/api/admin/offerings",
    body: offeringFields,
  },
  {
    file: "app/api/admin/purchases/[id]/refund/route.ts",
    method: "POST",
    handler: adminRefund.POST,
    caller: admin,
    path: "/api/admin/purchases/{id}/refund",
    param: id(() => fixtures.purchaseId),
    body: () => ({}),
    readsBody: false,
  },
  {
    file: "app/api/admin/purchases/route.ts",
    method: "GET",
    handler: adminPurchases.GET,
    caller: admin,
    path: "/api/admin/purchases",
    filters: ["status", "email", "offeringId"],
  },
  {
    file: "app/api/billing/portal/route.ts",
    method: "POST",
    handler: billingPortal.POST,
    caller: user,
    path: "/api/billing/portal",
    body: () => ({}),
    readsBody: false,
  },
  {
    file: "app/api/checkout/sessions/route.ts",
    method: "POST",
    handler: checkoutSessions.POST,
    caller: user,
    path: "/api/checkout/sessions",
    body: () => ({ offeringId: fixtures.offeringId }),
  },
  {
    file: "app/api/health/route.ts",
    method: "GET",
    handler: health.GET,
    caller: anyone,
    path: "/api/health",
    filters: [],
  },
  {
    file: "app/api/me/route.ts",
    method: "GET",
    handler: me.GET,
    caller: user,
    path: "/api/me",
    filters: [],
  },
  {
    file: "app/api/metrics/route.ts",
    method: "GET",
    handler: metrics.GET,
    caller: anyone,
    path: "/api/metrics",
    filters: [],
  },
  {
    file: "app/api/orders/capture/route.ts",
    method: "POST",
    handler: captureOrder.POST,
    caller: user,
    path: "/api/orders/capture",
    body: () => ({ session_id: "cs_test_hostile" }),
  },
  {
    file: "app/api/purchases/[id]/route.ts",
    method: "GET",
    handler: userPurchase.GET,
    caller: user,
    path: "/api/purchases/{id}",
    param: id(() => fixtures.purchaseId),
  },
  {
    file: "app/api/purchases/route.ts",
    method: "GET",
    handler: userPurchases.GET,
    caller: user,
    path: "/api/purchases",
    filters: [],
  },
  {
    file: "app/api/webhooks/stripe/route.ts",
    method: "POST",
    handler: stripeWebhook.POST,
    caller: { as: "stripe" },
    path: "/api/webhooks/stripe",
    body: () =>
      stripeEvent(
        "checkout.session.completed",
        checkoutSession({ orderId: fixtures.orderId, amount: 4900 }),
      ),
  },
  {
    file: "app/webhooks/offerings/[id]/route.ts",
    method: "POST",
    handler: offeringWebhook.POST,
    caller: { as: "offering", secret: () => fixtures.offeringSecret },
    path: "/webhooks/offerings/{id}",
    param: id(() => fixtures.webhookOfferingId),
    body: () => ({
      status: "succeeded",
      user_email: "nobody@example.com",
      payment_id: "pay_hostile",
      amount: 4900,
      currency: "USD",
    }),
  },
];

/** Auth.js's catch-all route: its inputs are forms, not JSON (hostile-input-auth.test.ts). */
export const coveredElsewhere = [
  "app/api/auth/[...nextauth]/route.ts GET",
  "app/api/auth/[...nextauth]/route.ts POST",
];
