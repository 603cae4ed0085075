/** How a subscription reads to people: status words, price per interval, the next date. */
import { formatMoney } from "@/lib/format";
import type { SubscriptionStatus } from "@/lib/generated/prisma/client";
import type { BillingInterval } from "@/lib/subscriptions/subscription-price";

const statusLabels: Record<SubscriptionStatus, string> = {
  incomplete: "Incomplete",
  incomplete_expired: "Expired",
  trialing: "Trialing",
  active: "Active",
  past_due: "Past due",
  canceled: "Canceled",
  unpaid: "Unpaid",
  paused: "Paused",
};

export function subscriptionStatusLabel(status: SubscriptionStatus): string {
  return statusLabels[status];
}

/** "$19.00 / month"; a price with no interval is the amount alone. */
export function pricePerInterval(price: {
  amount: number;
  currency: string;
  interval: BillingInterval | null;
}): string {
  const money = formatMoney(price.amount, price.currency);
  return price.interval ? `${money} / ${price.interval}` : money;
}

const dayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** A calendar day, "Dec 25, 2026" (UTC, like every date the app shows). */
export function formatDay(date: Date): string {
  return dayFormat.format(date);
}

type PeriodFields = {
  status: SubscriptionStatus;
  currentPeriodEnd: Date | null;
  paidThrough: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
};

/** What happens next, or what happened last: renews, ends, ended. Null when nothing is known. */
export function subscriptionPeriodLine(subscription: PeriodFields): string | null {
  const { status, currentPeriodEnd, paidThrough, cancelAtPeriodEnd, canceledAt, endedAt } =
    subscription;
  const ended =
    endedAt ?? (status === "canceled" || status === "incomplete_expired" ? canceledAt : null);
  if (ended) return `Ended on ${formatDay(ended)}`;
  if (status === "canceled" || status === "incomplete_expired") return null;
  // Canceled during a trial: access lasts to the trial's end and nothing is charged.
  if (cancelAtPeriodEnd && currentPeriodEnd && status === "trialing")
    return `Trial ends on ${formatDay(currentPeriodEnd)}; no payment follows`;
  if (cancelAtPeriodEnd && currentPeriodEnd) return `Ends on ${formatDay(currentPeriodEnd)}`;
  if (status === "active" && currentPeriodEnd) return `Renews on ${formatDay(currentPeriodEnd)}`;
  if (status === "trialing" && currentPeriodEnd)
    return `Trial ends on ${formatDay(currentPeriodEnd)}`;
  if ((status === "past_due" || status === "unpaid") && paidThrough)
    return `Paid through ${formatDay(paidThrough)}`;
  return null;
}
