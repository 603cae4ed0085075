/**
 * Auth.js's own route reads emails, tokens and callback URLs from the query and the form, and
 * looks them up (a NUL makes PostgreSQL refuse the query, which Auth.js answers as a server
 * "Configuration" error). Such input is refused first (400).
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

/**
 * 400 for a query or form holding NUL or a lone surrogate, or an error code that is not a word;
 * anything else goes to Auth.js (a malformed callbackUrl is dropped before it, by
 * callback-url-guard.ts).
 */
export function refuseUnstorableInput(handler: AuthHandler): AuthHandler {
  return async (request) => {
    const { searchParams } = request.nextUrl;
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
    // Auth.js's error codes are words; anything else makes its redirect throw ("Configuration").
    const errorCode = searchParams.get("error");
    if (errorCode !== null && !/^[\w-]{0,64}$/.test(errorCode)) {
      return refuse("error must be one of Auth.js's error codes.");
    }
    return handler(request);
  };
}

function refuse(message: string): Response {
  return errorResponse(new AppError("bad_request", message));
}
