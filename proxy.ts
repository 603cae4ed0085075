/**
 * Sets the Content-Security-Policy at run time, because it names the Stripe sandbox's origin,
 * which the launcher chooses when the server starts (headers in next.config.ts are fixed at
 * build time). Webhooks and static files skip it: they are not pages.
 */
import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security/content-security-policy";

let policy: string | undefined;

export function proxy() {
  policy ??= contentSecurityPolicy(getEnv());
  const response = NextResponse.next();
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|api/webhooks|webhooks/|favicon.ico).*)"],
};
