import { readJsonBody } from "@/lib/http/read-body";
import { userRoute } from "@/lib/auth/route-guards";
import { captureCheckoutSession } from "@/lib/payments/stripe/capture-checkout-session";
import { captureRequest } from "@/lib/stripe/schemas";

/** The return page asks how a Checkout Session ended; the answer comes from Stripe itself. */
export const POST = userRoute(async (request, { user }) => {
  const { session_id: sessionId } = captureRequest.parse(await readJsonBody(request, 4096));
  return Response.json(await captureCheckoutSession({ userId: user.id, sessionId }));
});
