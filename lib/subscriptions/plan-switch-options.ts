/**
 * Which plans a subscriber may switch to, and which way a switch goes. Plans are the monthly
 * and yearly Stripe offerings of one plan family (Offering.planFamily), in one currency, not
 * archived. Only an active subscription that is not ending switches (a trial, a failing
 * renewal or a cancellation runs its course first).
 */
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { PaymentChannel, PricingType } from "@/lib/generated/prisma/client";

export type SwitchDirection = "upgrade" | "downgrade";

type Plan = { pricingType: PricingType; amount: number };

const MONTHS: Record<PricingType, number> = { ONE_TIME: 0, MONTHLY: 1, YEARLY: 12 };

/**
 * An upgrade is a longer billing interval (monthly → yearly: more is paid now, whatever the
 * price per month), or the same interval at a higher price: it takes effect now, prorated and
 * charged at once. Anything else is a downgrade: it takes effect at the end of the paid period.
 */
export function switchDirection(from: Plan, to: Plan): SwitchDirection {
  const [fromMonths, toMonths] = [MONTHS[from.pricingType], MONTHS[to.pricingType]];
  if (toMonths !== fromMonths) return toMonths > fromMonths ? "upgrade" : "downgrade";
  return to.amount > from.amount ? "upgrade" : "downgrade";
}

export type SwitchableSubscription = {
  id: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  offeringId: string;
  /** A downgrade already chosen: not offered again. */
  pendingOfferingId: string | null;
  /** What the subscriber pays now (their Stripe price). */
  amount: number;
  currency: string;
  pricingType: PricingType;
};

const targetFields = {
  id: true,
  name: true,
  priceAmount: true,
  currency: true,
  pricingType: true,
  stripePriceId: true,
  planFamily: true,
} as const;

function targetsWhere(family: string[], currency?: string) {
  return {
    planFamily: { in: family },
    archivedAt: null,
    pricingType: { in: ["MONTHLY", "YEARLY"] as PricingType[] },
    channel: { in: ["STRIPE_EMBEDDED", "STRIPE_PAYMENT_LINK"] as PaymentChannel[] },
    ...(currency ? { currency } : {}),
  };
}

export function canSwitch(
  subscription: Pick<SwitchableSubscription, "status" | "cancelAtPeriodEnd">,
) {
  return subscription.status === "active" && !subscription.cancelAtPeriodEnd;
}

/** For each subscription, the plans of its family it can switch to now, with the direction. */
export async function listPlanSwitchOptions(subscriptions: SwitchableSubscription[]) {
  const switchable = subscriptions.filter(canSwitch);
  const offerings = await db.offering.findMany({
    where: { id: { in: switchable.map((row) => row.offeringId) }, planFamily: { not: null } },
    select: { id: true, planFamily: true },
  });
  const familyOf = new Map(offerings.map((offering) => [offering.id, offering.planFamily!]));
  const families = [...new Set(familyOf.values())];
  const plans =
    families.length === 0
      ? []
      : await db.offering.findMany({
          where: targetsWhere(families),
          orderBy: [{ priceAmount: "asc" }, { id: "asc" }],
          select: targetFields,
        });
  const options = new Map<string, Array<(typeof plans)[number] & { direction: SwitchDirection }>>();
  for (const subscription of switchable) {
    const family = familyOf.get(subscription.offeringId);
    options.set(
      subscription.id,
      plans
        .filter((plan) => plan.planFamily === family && plan.id !== subscription.offeringId)
        .filter((plan) => plan.id !== subscription.pendingOfferingId)
        .filter((plan) => plan.currency === subscription.currency)
        .map((plan) => ({
          ...plan,
          direction: switchDirection(subscription, {
            pricingType: plan.pricingType,
            amount: plan.priceAmount,
          }),
        })),
    );
  }
  return options;
}

/**
 * The user's own subscription and the plan they asked for, checked: someone else's
 * subscription is not found (404), a plan outside its family is not found, and a subscription
 * that cannot switch now is a conflict (409).
 */
export async function loadPlanSwitch(userId: string, subscriptionId: string, offeringId: string) {
  const subscription = await db.subscription.findFirst({
    where: { id: subscriptionId, userId },
    select: {
      id: true,
      status: true,
      cancelAtPeriodEnd: true,
      stripeSubscriptionId: true,
      stripeCustomerId: true,
      stripePriceId: true,
      currentPeriodEnd: true,
      offeringId: true,
      offering: {
        select: {
          name: true,
          planFamily: true,
          priceAmount: true,
          currency: true,
          pricingType: true,
        },
      },
    },
  });
  if (!subscription) throw new AppError("not_found", "You have no such subscription.");
  const family = subscription.offering.planFamily;
  const target = family
    ? await db.offering.findFirst({
        where: { id: offeringId, ...targetsWhere([family], subscription.offering.currency) },
        select: targetFields,
      })
    : null;
  if (!target || target.id === subscription.offeringId)
    throw new AppError("not_found", "This plan is not one you can switch to.");
  if (!canSwitch(subscription)) {
    throw new AppError(
      "conflict",
      "Only an active subscription that is not ending can switch plans.",
      { status: subscription.status, cancelAtPeriodEnd: subscription.cancelAtPeriodEnd },
    );
  }
  const current = subscription.stripePriceId
    ? await db.offeringPrice.findUnique({
        where: { stripePriceId: subscription.stripePriceId },
        select: { amount: true, pricingType: true },
      })
    : null;
  const from = current ?? {
    amount: subscription.offering.priceAmount,
    pricingType: subscription.offering.pricingType,
  };
  const direction = switchDirection(from, {
    pricingType: target.pricingType,
    amount: target.priceAmount,
  });
  return { subscription, target, direction };
}

export type PlanSwitch = Awaited<ReturnType<typeof loadPlanSwitch>>;
