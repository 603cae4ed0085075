/**
 * axe on every page of the app, signed out, as a buyer and as an admin: no serious or critical
 * violation anywhere. Every app/**\/page.tsx must be listed in `visits` (a test fails when a new
 * page is not), with ids taken from the seeded data and from a purchase made here.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { queryE2eDatabase } from "./database";
import { demoAdmin, openCheckout, payByCard, signIn, signUp, uniqueEmail } from "./helpers";

type Role = "visitor" | "user" | "admin";

type Ids = {
  offeringId: string;
  communityId: string;
  userId: string;
  userEmail: string;
  eventId: string;
  subscriptionId: string;
  /** Studio Yearly: the plan the buyer's Studio Monthly can upgrade to. */
  yearlyOfferingId: string;
  pendingPurchaseId: string;
  sessionId: string;
  endpointId: string;
};

/** Each page (its route, as its folder spells it), who opens it, and the address to open. */
const visits: Array<{ route: string; roles: Role[]; url: (ids: Ids) => string }> = [
  { route: "/", roles: ["visitor"], url: () => "/" },
  { route: "/signin", roles: ["visitor"], url: () => "/signin" },
  { route: "/signup", roles: ["visitor"], url: () => "/signup" },
  // Served at /offerings (a rewrite); the one edition is "current".
  { route: "/catalog/[edition]", roles: ["visitor", "user", "admin"], url: () => "/offerings" },
  {
    route: "/offerings/[id]",
    roles: ["visitor", "user", "admin"],
    url: (ids) => `/offerings/${ids.offeringId}`,
  },
  {
    route: "/offerings/[id]/checkout",
    roles: ["user"],
    url: (ids) => `/offerings/${ids.offeringId}/checkout`,
  },
  {
    route: "/offerings/[id]/checkout/return",
    roles: ["user"],
    url: (ids) => `/offerings/${ids.offeringId}/checkout/return?session_id=${ids.sessionId}`,
  },
  {
    route: "/communities/[id]",
    roles: ["visitor", "user", "admin"],
    url: (ids) => `/communities/${ids.communityId}`,
  },
  {
    route: "/demo-provider/pay",
    roles: ["user"],
    url: (ids) => `/demo-provider/pay?purchase_id=${ids.pendingPurchaseId}`,
  },
  // Signed out, these show the sign-in page they send to; a buyer's own pages for an admin too.
  { route: "/dashboard/account", roles: ["visitor", "user"], url: () => "/dashboard/account" },
  {
    route: "/dashboard/billing",
    roles: ["visitor", "user", "admin"],
    url: () => "/dashboard/billing",
  },
  {
    route: "/dashboard/billing/switch",
    roles: ["visitor", "user"],
    url: (ids) =>
      `/dashboard/billing/switch?subscription=${ids.subscriptionId}&to=${ids.yearlyOfferingId}`,
  },
  { route: "/dashboard/referrals", roles: ["user"], url: () => "/dashboard/referrals" },
  // A buyer opening an admin page sees what refuses them.
  { route: "/admin", roles: ["user", "admin"], url: () => "/admin" },
  { route: "/admin/audit", roles: ["admin"], url: () => "/admin/audit" },
  { route: "/admin/commissions", roles: ["admin"], url: () => "/admin/commissions" },
  { route: "/admin/communities", roles: ["admin"], url: () => "/admin/communities" },
  { route: "/admin/discounts", roles: ["admin"], url: () => "/admin/discounts" },
  {
    route: "/admin/communities/[id]",
    roles: ["admin"],
    url: (ids) => `/admin/communities/${ids.communityId}`,
  },
  { route: "/admin/emails", roles: ["admin"], url: () => "/admin/emails" },
  { route: "/admin/events", roles: ["admin"], url: () => "/admin/events" },
  { route: "/admin/events/[id]", roles: ["admin"], url: (ids) => `/admin/events/${ids.eventId}` },
  { route: "/admin/offerings", roles: ["admin"], url: () => "/admin/offerings" },
  {
    route: "/admin/offerings/[id]",
    roles: ["admin"],
    url: (ids) => `/admin/offerings/${ids.offeringId}`,
  },
  { route: "/admin/offerings/new", roles: ["admin"], url: () => "/admin/offerings/new" },
  { route: "/admin/purchases", roles: ["admin"], url: () => "/admin/purchases" },
  { route: "/admin/reconcile", roles: ["admin"], url: () => "/admin/reconcile" },
  {
    route: "/admin/search",
    roles: ["admin"],
    url: (ids) => `/admin/search?q=${encodeURIComponent(ids.userEmail)}`,
  },
  { route: "/admin/settings", roles: ["admin"], url: () => "/admin/settings" },
  {
    route: "/admin/settings/commissions",
    roles: ["admin"],
    url: () => "/admin/settings/commissions",
  },
  {
    route: "/admin/settings/integrations",
    roles: ["admin"],
    url: () => "/admin/settings/integrations",
  },
  { route: "/admin/subscriptions", roles: ["admin"], url: () => "/admin/subscriptions" },
  {
    route: "/admin/subscriptions/[id]",
    roles: ["admin"],
    url: (ids) => `/admin/subscriptions/${ids.subscriptionId}`,
  },
  { route: "/admin/users/[id]", roles: ["admin"], url: (ids) => `/admin/users/${ids.userId}` },
  { route: "/admin/webhooks", roles: ["admin"], url: () => "/admin/webhooks" },
  {
    route: "/admin/webhooks/[id]",
    roles: ["admin"],
    url: (ids) => `/admin/webhooks/${ids.endpointId}`,
  },
];

/** Every page under app/, as a route: route groups like (shop) are not part of the address. */
function pageRoutes(): string[] {
  return readdirSync(path.resolve("app"), { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => path.dirname(file).split(path.sep))
    .map((parts) => parts.filter((part) => part !== "." && !/^\(.+\)$/.test(part)))
    .map((parts) => `/${parts.join("/")}`)
    .sort();
}

/** Serious and critical violations on the page as it stands, one line each, for the report. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    // The Stripe sandbox's checkout form stands in for Stripe's own iframe: not our page.
    .exclude('iframe[title="Secure checkout"]')
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

/** Visits every page listed for `role` and collects what axe finds, page by page. */
async function auditAs(
  page: Page,
  role: Role,
  ids: Ids,
  part: (index: number) => boolean = () => true,
) {
  const found: string[] = [];
  const mine = visits.filter((candidate) => candidate.roles.includes(role));
  for (const visit of mine.filter((_, index) => part(index))) {
    const response = await page.goto(visit.url(ids));
    expect(response?.status(), `${role} ${visit.route}`).toBeLessThan(500);
    await page.waitForLoadState("networkidle");
    for (const violation of await seriousViolations(page))
      found.push(`${role} ${visit.route}: ${violation}`);
  }
  return found;
}

/** A buyer with a paid subscription, a paid one-time purchase and a pending one; the ids to visit. */
async function sampleData(page: Page): Promise<Ids> {
  const userEmail = uniqueEmail("axe");
  await signUp(page, userEmail);
  await openCheckout(page, "Studio Monthly");
  await payByCard(page.frameLocator('iframe[title="Secure checkout"]'), "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/checkout\/return\?session_id=cs_/);
  const sessionId = new URL(page.url()).searchParams.get("session_id")!;

  await openCheckout(page, "Starter Course");
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await page.getByRole("button", { name: "Pay now" }).click();
  await expect(page).toHaveURL(/\/dashboard\/billing/);
  await openCheckout(page, "Monthly Membership");
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await expect(page).toHaveURL(/\/demo-provider\/pay\?purchase_id=/);
  const pendingPurchaseId = new URL(page.url()).searchParams.get("purchase_id")!;

  const one = async (sql: string, values: unknown[] = []) => {
    let id: string | undefined;
    await expect
      .poll(async () => (id = (await queryE2eDatabase<{ id: string }>(sql, values))[0]?.id))
      .toBeTruthy();
    return id!;
  };
  const userId = await one(`SELECT id FROM "User" WHERE email = $1`, [userEmail]);
  // A webhook endpoint, off (nothing is sent to it), for its admin page.
  const endpointId = `axe-endpoint-${Date.now()}`;
  await queryE2eDatabase(
    `INSERT INTO "WebhookEndpoint" (id, url, description, "eventTypes", enabled, secret, "updatedAt")
     VALUES ($1, 'https://hooks.example.com/axe', 'axe', '{purchase.completed}', false, 'v1:unused', now())`,
    [endpointId],
  );
  return {
    userEmail,
    userId,
    endpointId,
    sessionId,
    pendingPurchaseId,
    offeringId: await one(`SELECT id FROM "Offering" WHERE name = 'Starter Course'`),
    communityId: await one(`SELECT id FROM "Community" WHERE name = 'Founders Circle'`),
    subscriptionId: await one(`SELECT id FROM "Subscription" WHERE "userId" = $1`, [userId]),
    yearlyOfferingId: await one(`SELECT id FROM "Offering" WHERE name = 'Studio Yearly'`),
    eventId: await one(`SELECT id FROM "ProcessedEvent" ORDER BY "receivedAt" DESC LIMIT 1`),
  };
}

test("every page under app/ is in the accessibility spec's list", () => {
  const listed = [...new Set(visits.map((visit) => visit.route))].sort();
  expect(pageRoutes()).toEqual(listed);
});

test.describe("axe finds no serious or critical violation", () => {
  test.describe.configure({ mode: "serial" });
  let ids: Ids;
  let buyer: Awaited<ReturnType<BrowserContext["storageState"]>>;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext();
    ids = await sampleData(await context.newPage());
    buyer = await context.storageState();
    await context.close();
  });

  test("on any page signed out", async ({ page }) => {
    test.setTimeout(300_000);
    expect(await auditAs(page, "visitor", ids)).toEqual([]);
  });

  test("on any page a buyer opens", async ({ browser }) => {
    test.setTimeout(300_000);
    const page = await (await browser.newContext({ storageState: buyer })).newPage();
    expect(await auditAs(page, "user", ids)).toEqual([]);
  });

  // An admin opens most pages: in two halves, so that each stays well inside its time.
  for (const [half, part] of [
    ["first", (index: number) => index % 2 === 0],
    ["second", (index: number) => index % 2 === 1],
  ] as const) {
    test(`on any page an admin opens (${half} half)`, async ({ page }) => {
      test.setTimeout(300_000);
      await signIn(page, demoAdmin.email, demoAdmin.password);
      expect(await auditAs(page, "admin", ids, part)).toEqual([]);
    });
  }
});

test("at 390 px the billing table says it scrolls, and the keyboard reaches its last column", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, uniqueEmail("narrow"));
  await openCheckout(page, "Starter Course");
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await page.getByRole("button", { name: "Pay now" }).click();
  await expect(page).toHaveURL(/\/dashboard\/billing/);

  // The table's own scroll region (the section around it is a region named "Purchases" too).
  const purchases = page.locator('div[role="region"][aria-label="Purchases"]');
  await expect(purchases).toHaveAttribute("data-scrolls", "true");
  const section = page.locator("section", { has: purchases });
  await expect(section.getByTestId("scroll-hint")).toHaveText("Scroll sideways for more columns →");
  await expect(section.getByTestId("scroll-shadow")).toBeVisible();
  const accessUntil = purchases.getByRole("columnheader", { name: "Access until" });
  await expect(accessUntil).not.toBeInViewport();

  await purchases.focus();
  await expect(purchases).toBeFocused();
  for (let press = 0; press < 40; press++) await page.keyboard.press("ArrowRight");
  await expect(accessUntil).toBeInViewport();
});
