import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { offeringWebhookUrl } from "@/lib/offerings/webhook-url";
import { decryptSecret } from "@/lib/security/secrets";

export const TEST_DELIVERY_TIMEOUT_MS = 10_000;

/** What a provider would send, marked as a test: verified and logged, never applied. */
const TEST_EVENT = { status: "succeeded", test: true };

export type SendTestDeliveryOptions = { offeringId: string; timeoutMs?: number };

export type TestDeliveryResult = { url: string; status: number; body: unknown };

/**
 * "Always test webhooks before going live" in one click: posts a test event with the offering's
 * current secret to the offering's own public URL, over the network as a provider would, and
 * reports what came back. The webhook logs it like any delivery.
 */
export async function sendTestDelivery({
  offeringId,
  timeoutMs = TEST_DELIVERY_TIMEOUT_MS,
}: SendTestDeliveryOptions): Promise<TestDeliveryResult> {
  const offering = await db.offering.findUnique({
    where: { id: offeringId },
    select: { webhookSecret: true },
  });
  if (!offering) throw new AppError("not_found", "No offering has this id.");
  const url = offeringWebhookUrl(offeringId);
  const secret = decryptSecret(offering.webhookSecret);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-offering-secret": secret,
      },
      body: JSON.stringify(TEST_EVENT),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { url, status: response.status, body: readBody(await response.text()) };
  } catch (error) {
    throw new AppError(
      "provider_unavailable",
      `Could not reach ${url}: ${whyUnreachable(error, timeoutMs)}.`,
      {
        url,
      },
    );
  }
}

export function readBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 2000);
  }
}

/** The network's reason in words an admin can act on; never the secret or a stack. */
export function whyUnreachable(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const configured = "check that the app runs at this address (NEXT_PUBLIC_APP_URL)";
  switch (cause?.code) {
    case "ECONNREFUSED":
      return `the connection was refused; ${configured}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `the host name does not resolve; ${configured}`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "the connection was closed before an answer came";
    default:
      return cause?.message ?? (error instanceof Error ? error.message : "unknown network error");
  }
}
