import type { NextRequest } from "next/server";
import { withoutMalformedCallbackUrl } from "@/lib/auth/callback-url-guard";
import { handlers } from "@/lib/auth/config";
import { refuseUnstorableInput } from "@/lib/auth/refuse-unstorable-input";

// NUL or lone surrogates: 400. A malformed callbackUrl is dropped, and Auth.js answers as usual.
export const GET = refuseUnstorableInput(async (request: NextRequest) =>
  handlers.GET(await withoutMalformedCallbackUrl(request)),
);
export const POST = refuseUnstorableInput(async (request: NextRequest) =>
  handlers.POST(await withoutMalformedCallbackUrl(request)),
);
