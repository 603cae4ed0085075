import { db } from "@/lib/db";
import type { PaymentChannel, PricingType } from "@/lib/generated/prisma/client";

export type TrialOffering = {
  id: string;
  pricingType: PricingType;
  channel: PaymentChannel;
  trialDays: number | null;
};

export type OfferedTrial = {
  days: number;
  /** When the trial would end if the subscription started now (the first charge). */
  endsAt: Date;
};

const DAY_MS = 86_400_000;

/**
 * The free trial a checkout of this offering gives this user, or null: none when the
 * offering has none (or is not a monthly or yearly Embedded Checkout offering), and none when
 * the user already had one. One trial per user per offering: any subscription of theirs to it
 * that Stripe reported with a trial spends it, whatever its status now (Stripe keeps
 * `trial_end` after the trial). A trial paid at Stripe whose events have not arrived yet is
 * caught before a second session opens: checkout reuses the pending order and settles its
 * completed session first (start-embedded-checkout.ts).
 */
export async function offeredTrial(
  userId: string,
  offering: TrialOffering,
): Promise<OfferedTrial | null> {
  const days = offering.trialDays ?? 0;
  if (days <= 0 || offering.pricingType === "ONE_TIME") return null;
  if (offering.channel !== "STRIPE_EMBEDDED") return null;
  const earlier = await db.subscription.findFirst({
    where: { userId, offeringId: offering.id, trialEnd: { not: null } },
    select: { id: true },
  });
  return earlier ? null : { days, endsAt: new Date(Date.now() + days * DAY_MS) };
}
