/**
 * Auth.js's own route reads emails, tokens and callback URLs from the query and the form, and
 * looks them up (a NUL makes PostgreSQL refuse the query, which Auth.js answers as a server
 * "Configuration" error, a 500 for a malformed callbackUrl). Such input is refused first (400).
 */
import type { NextRequest } from "next/server";
import { AppError, errorResponse } from "@/lib/errors";
import { isStorableText } from "@/lib/http/storable-text";

type AuthHandler = (request: NextRequest) => Promise<Response>;

const FORM = "application/x-www-form-urlencoded";

async function formValues(request: NextRequest): Promise<string[]> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (request.method !== "POST" || mediaType !== FORM) return [];
  const form = new URLSearchParams(await request.clone().text());
  return [...form.keys(), ...form.values()];
}

/** What Auth.js accepts as a callbackUrl (it throws, a 500, on anything else): a path or an http(s) URL. */
function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * 400 for a query or form holding NUL or a lone surrogate, or a callbackUrl Auth.js would fail
 * on; anything else goes to Auth.js.
 */
export function refuseUnstorableInput(handler: AuthHandler): AuthHandler {
  return async (request) => {
    const { searchParams, origin } = request.nextUrl;
    const values = [
      ...searchParams.keys(),
      ...searchParams.values(),
      ...(await formValues(request)),
    ];
    if (values.some((value) => !isStorableText(value))) {
      return refuse(
        "The request holds a NUL character or an unpaired surrogate, which no account can hold.",
      );
    }
    const callbackUrl = searchParams.get("callbackUrl");
    if (callbackUrl && !isHttpUrl(callbackUrl, origin)) {
      return refuse("callbackUrl must be a path on this site or an http(s) URL.");
    }
    return handler(request);
  };
}

function refuse(message: string): Response {
  return errorResponse(new AppError("bad_request", message));
}
