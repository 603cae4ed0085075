/**
 * Browser-facing JSON routes prove a state change comes from the app itself: the body is
 * declared `application/json` (a cross-site form cannot send that without a CORS preflight,
 * which we never answer), and the browser's `Origin` (or, without one, `Sec-Fetch-Site`) names
 * this app. Provider webhooks do not come through here: they authenticate by signature.
 */
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The hosts this request may come from: the configured app URL, and the host it was sent to. */
function allowedHosts(headers: Headers): Set<string> {
  const hosts = new Set([new URL(appUrl()).host]);
  const requested = headers.get("x-forwarded-host") ?? headers.get("host");
  if (requested) hosts.add(requested.split(",")[0].trim());
  return hosts;
}

export function assertSameOriginJson(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const { headers } = request;
  const mediaType = (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new AppError(
      "forbidden",
      "State-changing requests must send Content-Type: application/json.",
      {
        contentType: mediaType || null,
      },
    );
  }
  const origin = headers.get("origin");
  const sameOrigin = origin
    ? allowedHosts(headers).has(hostOf(origin) ?? "")
    : headers.get("sec-fetch-site") === "same-origin";
  if (!sameOrigin) {
    throw new AppError(
      "forbidden",
      "Cross-site request refused: send it from the app's own origin.",
      {
        origin: origin ?? null,
      },
    );
  }
}
