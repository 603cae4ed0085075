/**
 * Every route under app/api and app/webhooks, every method it exports, given hostile input: NUL
 * and unpaired surrogates, 10,000-deep nesting, 1e400 and 2**64, wrong content types, 1 MB
 * bodies, and ids no database can store. Each answer is a 4xx with `{error, message}` (or the
 * route's ordinary success where it ignores what was hostile), never a 5xx. A route file added
 * without a row here fails the completeness check. Auth.js's own route is in
 * hostile-input-auth.test.ts; provider events carrying NUL, applied, in hostile-input-events.test.ts.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
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
import { makeOffering, makeUser } from "../helpers/factories";
import {
  expectHandled,
  HOSTILE_IDS,
  hostileBodies,
  hostileQueries,
} from "../helpers/hostile-input";
import {
  routesOnDisk,
  send,
  signInAs,
  type Caller,
  type RouteCase,
} from "../helpers/hostile-routes";
import { resetDatabase } from "../helpers/reset";
import { setUpStripeSandbox } from "../helpers/stripe-app-sandbox";
import { checkoutSession, pendingStripeOrderScenario, stripeEvent } from "../helpers/stripe-events";

vi.mock("@/lib/auth/config", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/config")>()),
  auth: vi.fn(),
}));
vi.mock("@/lib/referrals/referral-cookie", () => ({ referralCodeFromCookie: async () => null }));

setUpStripeSandbox();

const fixtures = {
  admin: { id: "" },
  buyer: { id: "" },
  offeringId: "",
  webhookOfferingId: "",
  offeringSecret: "",
  purchaseId: "",
  orderId: "",
};

beforeAll(async () => {
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
});

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

const table: RouteCase[] = [
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
const coveredElsewhere = [
  "app/api/auth/[...nextauth]/route.ts GET",
  "app/api/auth/[...nextauth]/route.ts POST",
];

function signInFor(caller: Caller) {
  if (caller.as === "admin") signInAs(fixtures.admin);
  else if (caller.as === "user") signInAs(fixtures.buyer);
  else signInAs(null);
}

const label = (route: RouteCase) => `${route.method} ${route.path}`;

describe("every route, every method, hostile input", () => {
  it("lists every route file on disk and every method it exports", async () => {
    const listed = [
      ...table.map((route) => `${route.file} ${route.method}`),
      ...coveredElsewhere,
    ].sort();
    expect(listed).toEqual(await routesOnDisk());
  });

  it.each(table.filter((route) => route.body))(
    "$method $path: hostile bodies get a 4xx, never a 5xx",
    async (route) => {
      signInFor(route.caller);
      for (const hostile of hostileBodies(route.body!(), route.readsBody ?? true)) {
        const response = await send(route, {
          body: hostile.body,
          contentType: hostile.contentType,
        });
        await expectHandled(response, `${label(route)} ${hostile.name}`, hostile.status);
      }
    },
  );

  it.each(table.filter((route) => route.param))(
    "$method $path: ids holding NUL or lone surrogates are 404",
    async (route) => {
      signInFor(route.caller);
      for (const hostileId of HOSTILE_IDS) {
        const body = route.body ? JSON.stringify(route.body()) : undefined;
        const response = await send(route, {
          id: hostileId,
          body,
          contentType: "application/json",
        });
        await expectHandled(response, `${label(route)} id ${JSON.stringify(hostileId)}`, 404);
      }
    },
  );

  it.each(table.filter((route) => route.filters))(
    "$method $path: hostile filters never give a 5xx",
    async (route) => {
      signInFor(route.caller);
      for (const query of hostileQueries(route.filters!)) {
        const response = await send(route, { query });
        await expectHandled(response, `${label(route)} ?${query.slice(0, 80)}`);
      }
    },
  );
});
