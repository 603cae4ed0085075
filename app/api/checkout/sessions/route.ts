import { readJsonBody } from "@/lib/http/read-body";
import { userRoute } from "@/lib/auth/route-guards";
import { checkoutSessionRequest } from "@/lib/stripe/schemas";
import { limitCheckoutStarts } from "@/lib/purchases/limit-checkout-starts";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { referralCodeFromCookie } from "@/lib/referrals/referral-cookie";

/** Starts (or resumes) Embedded Checkout for an offering; answers the session's client secret. */
export const POST = userRoute(async (request, { user }) => {
  const { offeringId } = checkoutSessionRequest.parse(await readJsonBody(request, 4096));
  await limitCheckoutStarts({ userId: user.id });
  const result = await startEmbeddedCheckout({
    userId: user.id,
    offeringId,
    referralCode: await referralCodeFromCookie(),
  });
  if (!result.success) return Response.json(result);
  const { purchaseId, clientSecret, stripeCustomerId, sessionId } = result;
  return Response.json(
    { success: true, purchaseId, clientSecret, stripeCustomerId, sessionId },
    { status: 201 },
  );
});
