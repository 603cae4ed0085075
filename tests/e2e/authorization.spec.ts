/**
 * Every admin route handler and every admin page checks the admin role on the server: signed out
 * → 401 (pages: sign in), signed in without the role → 403, and nothing changes. The lists are
 * checked against the files under app/, so a new handler or page without a test fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { queryE2eDatabase } from "./database";
import { signUp, uniqueEmail } from "./helpers";

type Ids = {
  offeringId: string;
  purchaseId: string;
  communityId: string;
  subscriptionId: string;
  userId: string;
  eventId: string;
};
type Handler = { method: "GET" | "POST" | "PATCH"; route: string; body?: object };

const forgedName = `Forged ${Date.now()}`;

const adminHandlers: Handler[] = [
  { method: "GET", route: "/api/admin/offerings" },
  {
    method: "POST",
    route: "/api/admin/offerings",
    body: {
      name: forgedName,
      priceAmount: 100,
      currency: "usd",
      pricingType: "ONE_TIME",
      channel: "EXTERNAL_LINK",
      paymentLink: "https://pay.example/x",
    },
  },
  { method: "GET", route: "/api/admin/offerings/[id]" },
  { method: "PATCH", route: "/api/admin/offerings/[id]", body: { name: forgedName } },
  { method: "POST", route: "/api/admin/offerings/[id]/rotate-secret", body: {} },
  { method: "GET", route: "/api/admin/purchases" },
  { method: "POST", route: "/api/admin/purchases/[id]/refund", body: {} },
  { method: "GET", route: "/api/admin/commissions/export" },
  { method: "GET", route: "/api/admin/exports/[kind]" },
];

const adminPages = [
  "/admin",
  "/admin/audit",
  "/admin/commissions",
  "/admin/communities",
  "/admin/communities/[id]",
  "/admin/discounts",
  "/admin/emails",
  "/admin/events",
  "/admin/events/[id]",
  "/admin/offerings",
  "/admin/offerings/[id]",
  "/admin/offerings/new",
  "/admin/purchases",
  "/admin/reconcile",
  "/admin/search",
  "/admin/settings",
  "/admin/settings/commissions",
  "/admin/settings/integrations",
  "/admin/subscriptions",
  "/admin/subscriptions/[id]",
  "/admin/users/[id]",
  "/admin/webhooks",
  "/admin/webhooks/[id]",
];

/** Real ids where the database has them (so a broken check would act on real rows). */
async function existingIds(): Promise<Ids> {
  const first = async (table: string, fallback: string) =>
    (
      await queryE2eDatabase<{ id: string }>(
        `SELECT id FROM "${table}" ORDER BY "createdAt" LIMIT 1`,
      )
    )[0]?.id ?? fallback;
  return {
    offeringId: await first("Offering", "no-such-offering"),
    purchaseId: await first("Purchase", "no-such-purchase"),
    communityId: await first("Community", "no-such-community"),
    subscriptionId: await first("Subscription", "no-such-subscription"),
    userId: await first("User", "no-such-user"),
    eventId:
      (
        await queryE2eDatabase<{ id: string }>(
          `SELECT id FROM "ProcessedEvent" ORDER BY "receivedAt" LIMIT 1`,
        )
      )[0]?.id ?? "no-such-event",
  };
}

function pathFor(route: string, ids: Ids): string {
  const id = route.includes("/purchases")
    ? ids.purchaseId
    : route.includes("/communities")
      ? ids.communityId
      : route.includes("/subscriptions")
        ? ids.subscriptionId
        : route.includes("/users")
          ? ids.userId
          : route.includes("/events")
            ? ids.eventId
            : ids.offeringId;
  return route.replace("[id]", encodeURIComponent(id));
}

/** Same-origin JSON for state changes (lib/http/same-origin.ts), so the call reaches the auth check. */
function call(request: APIRequestContext, baseURL: string, handler: Handler, ids: Ids) {
  const unsafe = handler.method !== "GET";
  return request.fetch(pathFor(handler.route, ids), {
    method: handler.method,
    headers: unsafe ? { "content-type": "application/json", origin: baseURL } : {},
    data: unsafe ? handler.body : undefined,
  });
}

/** The rows an admin call could change. */
async function adminState(ids: Ids) {
  const [offering] = await queryE2eDatabase<Record<string, unknown>>(
    `SELECT name, "webhookSecret", "previousWebhookSecret", "archivedAt" FROM "Offering" WHERE id = $1`,
    [ids.offeringId],
  );
  const [purchase] = await queryE2eDatabase<Record<string, unknown>>(
    `SELECT status, "refundedAt" FROM "Purchase" WHERE id = $1`,
    [ids.purchaseId],
  );
  const [{ count: forged }] = await queryE2eDatabase<{ count: string }>(
    `SELECT count(*) FROM "Offering" WHERE name = $1`,
    [forgedName],
  );
  return { offering, purchase, forged };
}

test("the lists cover every admin route handler and page under app/", () => {
  const files = (dir: string, name: string) =>
    readdirSync(path.resolve(dir), { recursive: true, encoding: "utf8" })
      .filter((file) => path.basename(file) === name)
      .map((file) => path.dirname(file).split(path.sep).join("/"))
      .map((folder) => (folder === "." ? "" : `/${folder}`));

  const handlers = files("app/api/admin", "route.ts").flatMap((folder) => {
    const source = readFileSync(path.resolve("app/api/admin", `.${folder}`, "route.ts"), "utf8");
    const methods = source.matchAll(
      /export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE)\b/g,
    );
    return [...methods].map(([, method]) => `${method} /api/admin${folder}`);
  });
  expect(handlers.sort()).toEqual(
    adminHandlers.map((handler) => `${handler.method} ${handler.route}`).sort(),
  );
  expect(
    files("app/admin", "page.tsx")
      .map((folder) => `/admin${folder}`)
      .sort(),
  ).toEqual([...adminPages].sort());
});

test("signed out: every admin route handler answers 401 and every admin page sends to sign in", async ({
  page,
  request,
  baseURL,
}) => {
  const ids = await existingIds();
  const before = await adminState(ids);

  for (const handler of adminHandlers) {
    const response = await call(request, baseURL!, handler, ids);
    const label = `${handler.method} ${handler.route}`;
    expect(response.status(), label).toBe(401);
    expect(await response.json(), label).toEqual({
      error: "unauthorized",
      message: "Sign in to continue.",
      details: {},
    });
  }
  expect(await adminState(ids)).toEqual(before);

  for (const route of [...adminPages, "/dashboard/billing"]) {
    await page.goto(pathFor(route, ids));
    // The layout or the page redirects, whichever runs first: both name an /admin… return path.
    const returnTo = route === "/dashboard/billing" ? "%2Fdashboard%2Fbilling" : "%2Fadmin";
    await expect(page, route).toHaveURL(new RegExp(`/signin\\?callbackUrl=${returnTo}`));
    await expect(page.getByRole("button", { name: "Sign in", exact: true }), route).toBeVisible();
  }
});

test("signed in without the admin role: 403 from every admin route handler and page, and nothing changes", async ({
  page,
  baseURL,
}) => {
  const ids = await existingIds();
  await signUp(page, uniqueEmail("not-admin"));
  const before = await adminState(ids);

  for (const handler of adminHandlers) {
    const response = await call(page.request, baseURL!, handler, ids);
    const label = `${handler.method} ${handler.route}`;
    expect(response.status(), label).toBe(403);
    // The role check's own answer, not the same-origin guard's (which names what was wrong).
    expect(await response.json(), label).toEqual({
      error: "forbidden",
      message: "Admins only.",
      details: {},
    });
  }
  expect(await adminState(ids)).toEqual(before);
  expect(before.forged).toBe("0");

  for (const route of adminPages) {
    const response = await page.goto(pathFor(route, ids));
    expect(response?.status(), route).toBe(403);
    await expect(page.getByRole("heading", { name: "403 · Admins only" }), route).toBeVisible();
  }
});
