/**
 * Sets the Content-Security-Policy at run time, because it names the Stripe sandbox's origin,
 * which the launcher chooses when the server starts (headers in next.config.ts are fixed at
 * build time). Pages rendered per request (admin, dashboard, checkout, sign-in…) get a fresh
 * script nonce: Next reads it from the request's policy and puts it on its own scripts, so an
 * inline script that reached their HTML any other way does not run. The cached catalog keeps
 * the policy without a nonce. Webhooks and static files skip it: they are not pages.
 */
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security/content-security-policy";

let cachedPagePolicy: string | undefined;

// Rendered on every request (ƒ in `next build`'s list). Not the catalog (/offerings, cached) nor
// Next's prerendered pages (/, the 404): their HTML is shared, so it cannot carry a nonce.
const perRequestPage =
  /^\/(?:admin|dashboard|signin|signup|communities|demo-provider)(?:\/|$)|^\/offerings\/[^/]+(?:\/|$)/;

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function proxy(request: NextRequest) {
  if (!perRequestPage.test(request.nextUrl.pathname)) {
    cachedPagePolicy ??= contentSecurityPolicy(getEnv());
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", cachedPagePolicy);
    return response;
  }
  const policy = contentSecurityPolicy(getEnv(), newNonce());
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|api/webhooks|webhooks/|favicon.ico).*)"],
};
