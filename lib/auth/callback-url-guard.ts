/**
 * A malformed callback URL (`?callbackUrl=http://%zz`, or garbage in Auth.js's callback-url
 * cookie) is bad input. Auth.js treats it as a server misconfiguration: an error with a stack in
 * the log, then a redirect to its error page (or a 500 for a POST). Dropping it before Auth.js
 * sees it gives the usual answer with the app's own origin as the callback instead, and the
 * cookie is then overwritten with that.
 */
import { NextRequest } from "next/server";

const CALLBACK_URL_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

/** Auth.js's own rule: an absolute http(s) URL, or a path on this origin. */
function isValidCallbackUrl(url: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(url, url.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/** The request as it came, or a copy without its malformed callback URL(s). */
export async function withoutMalformedCallbackUrl(request: NextRequest): Promise<NextRequest> {
  const url = new URL(request.url);
  const param = url.searchParams.get("callbackUrl");
  const badParam = param !== null && !isValidCallbackUrl(param, url.origin);
  const badCookies = CALLBACK_URL_COOKIES.filter((name) => {
    const value = request.cookies.get(name)?.value;
    return value !== undefined && !isValidCallbackUrl(value, url.origin);
  });
  if (!badParam && badCookies.length === 0) return request;

  if (badParam) url.searchParams.delete("callbackUrl");
  const headers = new Headers(request.headers);
  const kept = (request.headers.get("cookie") ?? "")
    .split(";")
    .filter((pair) => !badCookies.includes(pair.split("=")[0]!.trim()));
  headers.set("cookie", kept.join(";"));
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new NextRequest(url, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
  });
}
