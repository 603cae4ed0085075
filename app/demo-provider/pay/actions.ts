"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { payDemoCheckout } from "@/lib/demo-provider/demo-checkout";
import { userAction } from "@/lib/http/action";

export const payDemoAction = userAction({
  schema: z.object({
    purchaseId: z.string().min(1).max(100),
    outcome: z.enum(["succeeded", "failed"]),
  }),
  async run(input) {
    await payDemoCheckout(input);
    redirect(`/dashboard/billing?provider=demo&purchase=${encodeURIComponent(input.purchaseId)}`);
  },
});
