/**
 * Sets the Content-Security-Policy at run time, because it names the Stripe sandbox's origin,
 * which the launcher chooses when the server starts (headers in next.config.ts are fixed at
 * build time). Webhooks and static files skip it: they are not pages.
 */
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security/content-security-policy";

let policy: string | undefined;

export function proxy(request: NextRequest) {
  // A path that is not UTF-8 once decoded (%ED%A0%80, %FF) names nothing; Next's router would
  // fail on it with a 500.
  if (!isDecodable(request.nextUrl.pathname)) {
    return NextResponse.json(
      { error: "not_found", message: "There is nothing at this address.", details: {} },
      { status: 404 },
    );
  }
  policy ??= contentSecurityPolicy(getEnv());
  const response = NextResponse.next();
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|api/webhooks|webhooks/|favicon.ico).*)"],
};
