/**
 * The catalog page is served from Next's cache (incremental static regeneration), not rendered
 * for each visitor. It is rendered on its first request, at run time, because `next build` has
 * no database; next.config.ts rewrites `/offerings` to CATALOG_PAGE_PATH, a dynamic segment that
 * `next build` leaves alone. Every write that changes what the catalog shows calls
 * expireCatalog(), so the next request renders it afresh.
 *
 * Next's cache is per instance: expireCatalog() expires this instance's copy only. Other
 * instances refresh theirs on the page's `revalidate` period (see the README, "The catalog").
 */
import { revalidatePath } from "next/cache";

/** The path the catalog page is cached under; its Next cache tag is derived from it. */
export const CATALOG_PAGE_PATH = "/catalog/current";

/**
 * Expires the cached catalog at once (not stale-while-revalidate): the next request waits for a
 * fresh render. Outside a Next request (tests, scripts) there is no cache to expire.
 */
export function expireCatalog(): void {
  try {
    revalidatePath(CATALOG_PAGE_PATH);
  } catch (error) {
    // Next's own invariant when called outside a request: nothing is cached in this process.
    if (error instanceof Error && error.message.includes("static generation store missing")) return;
    throw error;
  }
}
