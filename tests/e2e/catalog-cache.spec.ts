/**
 * The catalog is served from Next's cache (lib/offerings/catalog-cache.ts), yet an admin's save
 * shows on the very next request: through the admin pages' server actions and through the JSON
 * API's route handler. Each check is one request, read as it was answered (no retries).
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { demoAdmin, signIn } from "./helpers";

type CatalogAnswer = { html: string; cache: string | undefined };

/** One signed-out GET /offerings. */
async function fetchCatalog(visitor: APIRequestContext): Promise<CatalogAnswer> {
  const response = await visitor.get("/offerings");
  expect(response.status()).toBe(200);
  return { html: await response.text(), cache: response.headers()["x-nextjs-cache"] };
}

/** The price on an offering's card in the page's HTML, or null when the card is not there. */
function priceShown(html: string, offeringId: string): string | null {
  const card = html.indexOf(`id="offering-${offeringId}-name"`);
  if (card < 0) return null;
  return /data-testid="price"[^>]*>([^<]*)/.exec(html.slice(card))?.[1].trim() ?? null;
}

/** Runs `submit` and resolves once the server action it sends has been answered. */
async function saveWithAction(admin: Page, submit: () => Promise<void>): Promise<void> {
  const answered = admin.waitForResponse(
    (response) =>
      response.request().method() === "POST" &&
      Boolean(response.request().headers()["next-action"]),
  );
  await submit();
  expect((await answered).status()).toBe(200);
}

async function createOffering(admin: Page, baseURL: string, name: string): Promise<string> {
  const created = await admin.request.post("/api/admin/offerings", {
    headers: { "content-type": "application/json", origin: baseURL },
    data: {
      name,
      priceAmount: 1234,
      currency: "usd",
      pricingType: "ONE_TIME",
      channel: "EXTERNAL_LINK",
      paymentLink: "https://pay.example/cached",
    },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { offering: { id: string } }).offering.id;
}

test("an admin's price change and archive show on the catalog's next request (admin pages)", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await browser.newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  const name = `Cached course ${Date.now()}`;
  const offeringId = await createOffering(admin, baseURL!, name);

  const visitor = await playwright.request.newContext({ baseURL });
  expect(priceShown((await fetchCatalog(visitor)).html, offeringId)).toBe("$12.34");
  // From now on the page comes from the cache, not from a render per request.
  const cached = await fetchCatalog(visitor);
  expect(cached.cache).toBe("HIT");
  expect(priceShown(cached.html, offeringId)).toBe("$12.34");

  await admin.goto(`/admin/offerings/${offeringId}`);
  await admin.getByLabel("Price (cents)").fill("4321");
  await saveWithAction(admin, () => admin.getByRole("button", { name: "Save changes" }).click());
  expect(priceShown((await fetchCatalog(visitor)).html, offeringId)).toBe("$43.21");

  // A visitor's browser shows it too, with the signed-out links loaded beside it.
  const page = await (await browser.newContext()).newPage();
  await page.goto("/offerings");
  const card = page.getByTestId("offering-card").filter({ hasText: name });
  await expect(card.getByTestId("price")).toHaveText(/\$43\.21/);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await admin.getByRole("button", { name: "Archive", exact: true }).click();
  await saveWithAction(admin, () => admin.getByRole("button", { name: "Confirm archive" }).click());
  const afterArchive = await fetchCatalog(visitor);
  expect(afterArchive.html).toContain('data-testid="offering-card"');
  expect(priceShown(afterArchive.html, offeringId)).toBeNull();
  expect((await visitor.get(`/offerings/${offeringId}`)).status()).toBe(404);

  // Only the rewrite from /offerings reaches the cached page's own path.
  const direct = await visitor.get("/catalog/current", { maxRedirects: 0 });
  expect(direct.status()).toBe(307);
  expect(direct.headers().location).toBe("/offerings");
  await visitor.dispose();
});

test("an admin's price change and archive show on the catalog's next request (JSON API)", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await browser.newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  const offeringId = await createOffering(admin, baseURL!, `Cached via API ${Date.now()}`);
  const patch = (data: object) =>
    admin.request.patch(`/api/admin/offerings/${offeringId}`, {
      headers: { "content-type": "application/json", origin: baseURL! },
      data,
    });

  const visitor = await playwright.request.newContext({ baseURL });
  await fetchCatalog(visitor);
  expect((await fetchCatalog(visitor)).cache).toBe("HIT");

  expect((await patch({ priceAmount: 999 })).status()).toBe(200);
  expect(priceShown((await fetchCatalog(visitor)).html, offeringId)).toBe("$9.99");

  expect((await patch({ archived: true })).status()).toBe(200);
  expect(priceShown((await fetchCatalog(visitor)).html, offeringId)).toBeNull();

  expect((await patch({ archived: false })).status()).toBe(200);
  expect(priceShown((await fetchCatalog(visitor)).html, offeringId)).toBe("$9.99");
  await visitor.dispose();
});

test("the catalog's edge copy answers as Next would: the same page, its ETag, gzip, and RSC to the router", async ({
  playwright,
  baseURL,
}) => {
  const visitor = await playwright.request.newContext({ baseURL });
  const first = await visitor.get("/offerings", { headers: { "accept-encoding": "identity" } });
  const cached = await visitor.get("/offerings", { headers: { "accept-encoding": "identity" } });
  expect(cached.status()).toBe(200);
  expect(cached.headers()["x-nextjs-cache"]).toBe("HIT");
  expect(await cached.text()).toBe(await first.text());
  for (const header of ["content-security-policy", "x-frame-options", "cache-control", "etag"]) {
    expect(cached.headers()[header], header).toBe(first.headers()[header]);
  }

  // A browser that holds the page gets 304 without the body.
  const etag = cached.headers().etag;
  const revalidated = await visitor.get("/offerings", { headers: { "if-none-match": etag } });
  expect(revalidated.status()).toBe(304);

  // A browser asking for gzip gets gzip (Playwright inflates it), the same page.
  const gzipped = await visitor.get("/offerings", { headers: { "accept-encoding": "gzip" } });
  const gzippedAgain = await visitor.get("/offerings", { headers: { "accept-encoding": "gzip" } });
  expect(gzippedAgain.headers()["content-encoding"]).toBe("gzip");
  expect(await gzippedAgain.text()).toBe(await gzipped.text());

  // Client-side navigation asks for the RSC payload, never the edge's HTML.
  const rsc = await visitor.get("/offerings", { headers: { rsc: "1" } });
  expect(rsc.status()).toBe(200);
  expect(rsc.headers()["content-type"]).toContain("text/x-component");
  await visitor.dispose();
});
