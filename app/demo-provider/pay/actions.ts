"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { recordId } from "@/lib/http/storable-text";
import { payDemoCheckout } from "@/lib/demo-provider/pay-demo-checkout";
import { userAction } from "@/lib/auth/action-guards";

/** Pays or declines one of the caller's own purchases; anyone else's is not found. */
export const payDemoAction = userAction({
  schema: z.object({
    purchaseId: recordId,
    outcome: z.enum(["succeeded", "failed"]),
  }),
  async run(input, { user }) {
    await payDemoCheckout({ ...input, userId: user.id });
    redirect(`/dashboard/billing?provider=demo&purchase=${encodeURIComponent(input.purchaseId)}`);
  },
});
