import { userRoute } from "@/lib/auth/route-guards";
import { openBillingPortal } from "@/lib/payments/stripe/open-billing-portal";

/** Opens the Stripe billing portal for the signed-in user: `{ url }` to send the browser to. */
export const POST = userRoute(async (_request, { user }) => {
  return Response.json(await openBillingPortal({ userId: user.id }));
});
