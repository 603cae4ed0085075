import type { NextRequest } from "next/server";
import { withoutMalformedCallbackUrl } from "@/lib/auth/callback-url-guard";
import { handlers } from "@/lib/auth/config";

export async function GET(request: NextRequest) {
  return handlers.GET(await withoutMalformedCallbackUrl(request));
}

export async function POST(request: NextRequest) {
  return handlers.POST(await withoutMalformedCallbackUrl(request));
}
