/**
 * The catalog page is served from Next's cache (incremental static regeneration), not rendered
 * for each visitor. It is rendered on its first request, at run time, because `next build` has
 * no database; next.config.ts rewrites `/offerings` to CATALOG_PAGE_PATH, a dynamic segment that
 * `next build` leaves alone. Every write that changes what the catalog shows calls
 * expireCatalog(), so the next request renders it afresh.
 *
 * The app's HTTP server answers `/offerings` from an edge copy of Next's answer
 * (lib/http/edge-page-cache.ts), which expireCatalog() empties too.
 *
 * Next's cache is per instance: expireCatalog() expires this instance's copy only. Other
 * instances refresh theirs on the page's `revalidate` period (see the README, "The catalog").
 */
import { revalidatePath } from "next/cache";
import { expireEdgePage } from "@/lib/http/edge-page-cache";
import { CATALOG_PAGE_PATH, CATALOG_PUBLIC_PATH } from "./catalog-path";

export { CATALOG_PAGE_PATH } from "./catalog-path";

/**
 * Expires the cached catalog at once (not stale-while-revalidate): the next request waits for a
 * fresh render. Outside a Next request (tests, scripts) there is no cache to expire.
 */
export function expireCatalog(): void {
  expireEdgePage(CATALOG_PUBLIC_PATH);
  try {
    revalidatePath(CATALOG_PAGE_PATH);
  } catch (error) {
    // Next's own invariant when called outside a request: nothing is cached in this process.
    if (error instanceof Error && error.message.includes("static generation store missing")) return;
    throw error;
  }
}
