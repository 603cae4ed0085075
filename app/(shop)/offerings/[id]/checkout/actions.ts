"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { recordId } from "@/lib/http/storable-text";
import { userAction } from "@/lib/auth/action-guards";
import { limitCheckoutStarts } from "@/lib/purchases/limit-checkout-starts";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import { referralCodeFromCookie } from "@/lib/referrals/referral-cookie";

export const proceedToPaymentAction = userAction({
  schema: z.object({ offeringId: recordId }),
  async run({ offeringId }, { user }) {
    await limitCheckoutStarts({ userId: user.id });
    const started = await startLinkPurchase({
      userId: user.id,
      offeringId,
      referralCode: await referralCodeFromCookie(),
    });
    if (started.hasAccess) {
      return {
        status: "success",
        message: "You already have access to this offering. See it in your billing dashboard.",
      };
    }
    redirect(started.redirectUrl);
  },
});
