import { POST } from "@/app/webhooks/offerings/[id]/route";

type Delivery = {
  secret?: string | null;
  bearer?: boolean;
  rawBody?: string;
  headers?: Record<string, string>;
};

/** Delivers a body to the generic webhook route handler, as a provider's HTTP request would. */
export async function postOfferingWebhook(
  offeringId: string,
  body: unknown,
  delivery: Delivery = {},
) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...delivery.headers,
  };
  if (delivery.secret) {
    if (delivery.bearer) headers.authorization = `Bearer ${delivery.secret}`;
    else headers["x-offering-secret"] = delivery.secret;
  }
  const request = new Request(`http://localhost:3000/webhooks/offerings/${offeringId}`, {
    method: "POST",
    headers,
    body: delivery.rawBody ?? JSON.stringify(body),
  });
  const response = await POST(request, { params: Promise.resolve({ id: offeringId }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
