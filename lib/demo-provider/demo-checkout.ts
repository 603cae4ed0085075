/**
 * A stand-in for an external payment provider, for the demo: it "takes the payment" and posts
 * the generic webhook over HTTP with the offering's secret, exactly as PayPal, a shop or a
 * script would. It only serves offerings whose payment link points at it, only when
 * DEMO_PROVIDER=on, and only to the buyer who owns the purchase: anyone else is told it does not
 * exist, like any purchase that is not theirs.
 */
import { db } from "@/lib/db";
import { appUrl, getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** The payment link an admin gives an offering to have the demo provider take its payments. */
export function demoProviderLink(): string {
  return `${appUrl()}/demo-provider/pay?purchase_id={purchase_id}&email={user_email}`;
}

export type FindDemoOrderOptions = { userId: string; purchaseId: string };

/** The newest demo-provider order of one of the user's own purchases. */
export async function findDemoOrder({ userId, purchaseId }: FindDemoOrderOptions) {
  if (getEnv().DEMO_PROVIDER !== "on") throw new AppError("not_found", "The demo provider is off.");
  const order = await db.order.findFirst({
    where: {
      purchaseId,
      purchase: { userId },
      offering: { paymentLink: { startsWith: `${appUrl()}/demo-provider/` } },
    },
    orderBy: { createdAt: "desc" },
    select: {
      offeringId: true,
      amount: true,
      currency: true,
      status: true,
      offering: { select: { name: true } },
    },
  });
  if (!order) throw new AppError("not_found", "The demo provider knows no such payment.");
  return order;
}
