/**
 * Prorations, as Stripe Billing computes them in its classic billing mode: to the second, from
 * the item's current period and the proration date (the moment of the change, or the
 * `proration_date` given). For each price left or joined mid-period:
 *
 *   amount = unit_amount × quantity × (period_end − proration_date) / (period_end − period_start)
 *
 * rounded to a whole minor unit per line (half away from zero), a credit ("Unused time on …")
 * for the old price and a debit ("Remaining time on …") for the new one. A switch to a price of
 * another interval resets the billing cycle anchor to now: the new price is billed for a whole
 * new period, less the credit, on an invoice made at once (whatever `proration_behavior`).
 * Pure functions: no store, no clock.
 */
import type { Price } from "../objects/objects";
import type { InvoiceLineSource } from "../objects/invoice-objects";
import { periodBoundary, planOf, type SubscriptionItem } from "../objects/subscription-objects";

export type ProrationBehavior = "create_prorations" | "always_invoice" | "none";

export interface Period {
  start: number;
  end: number;
}

/** The part of `unitAmount × quantity` for the time left in `period` after `at`, to the cent. */
export function proratedAmount(unitAmount: number, quantity: number, period: Period, at: number) {
  const length = period.end - period.start;
  if (length <= 0) return 0;
  const left = Math.min(Math.max(period.end - at, 0), length);
  const exact = (unitAmount * quantity * left) / length;
  // Half away from zero; every amount here is positive (credits are negated afterwards).
  return Math.floor(exact + 0.5);
}

/** "06 Dec 2026", in UTC, as Stripe writes dates in proration line descriptions. */
export function prorationDateText(at: number) {
  const date = new Date(at * 1000);
  const month = date.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  return `${String(date.getUTCDate()).padStart(2, "0")} ${month} ${date.getUTCFullYear()}`;
}

function quantityText(quantity: number, productName: string) {
  return quantity === 1 ? productName : `${quantity} × ${productName}`;
}

export interface PriceSwitch {
  item: Pick<
    SubscriptionItem,
    "id" | "price" | "quantity" | "current_period_start" | "current_period_end"
  >;
  oldProductName: string;
  newPrice: Price;
  newProductName: string;
  behavior: ProrationBehavior;
  /** The proration date: when the change is counted from. */
  at: number;
  /** The time of the change itself: a new billing cycle starts here. */
  now: number;
  /** A trialing subscription changes price without prorations. */
  trialing: boolean;
}

export interface PriceSwitchPlan {
  intervalChanged: boolean;
  /** The item's period after the switch. */
  period: Period;
  /** The billing cycle anchor after the switch, when it moves (interval change). */
  anchor: number | null;
  /** Lines for an invoice made now (empty: none is made). */
  invoiceLines: InvoiceLineSource[];
  /** Proration items left pending for the next renewal invoice (`create_prorations`). */
  pendingLines: InvoiceLineSource[];
}

/** What changing one item's price does to money and periods (not yet applied). */
export function planPriceSwitch(change: PriceSwitch): PriceSwitchPlan {
  const { item, newPrice, at, now, behavior } = change;
  const oldPlan = planOf(item.price);
  const newPlan = planOf(newPrice);
  const intervalChanged =
    oldPlan.interval !== newPlan.interval || oldPlan.interval_count !== newPlan.interval_count;
  const current = { start: item.current_period_start, end: item.current_period_end };
  const prorate = behavior !== "none" && !change.trialing;
  const prorations: InvoiceLineSource[] = [];
  if (prorate) {
    prorations.push({
      price: item.price,
      productName: change.oldProductName,
      quantity: item.quantity,
      period: { start: at, end: current.end },
      subscriptionItem: item.id,
      proration: {
        amount: -proratedAmount(item.price.unit_amount, item.quantity, current, at),
        description: `Unused time on ${quantityText(item.quantity, change.oldProductName)} after ${prorationDateText(at)}`,
      },
    });
  }
  if (intervalChanged && !change.trialing) {
    const period = {
      start: now,
      end: periodBoundary(now, newPlan.interval, newPlan.interval_count),
    };
    const whole: InvoiceLineSource = {
      price: newPrice,
      productName: change.newProductName,
      quantity: item.quantity,
      period,
      subscriptionItem: item.id,
    };
    return {
      intervalChanged,
      period,
      anchor: now,
      invoiceLines: [...prorations, whole],
      pendingLines: [],
    };
  }
  if (prorate) {
    prorations.push({
      price: newPrice,
      productName: change.newProductName,
      quantity: item.quantity,
      period: { start: at, end: current.end },
      subscriptionItem: item.id,
      proration: {
        amount: proratedAmount(newPrice.unit_amount, item.quantity, current, at),
        description: `Remaining time on ${quantityText(item.quantity, change.newProductName)} after ${prorationDateText(at)}`,
      },
    });
  }
  const invoiceNow = behavior === "always_invoice" && prorations.length > 0;
  return {
    intervalChanged,
    period: current,
    anchor: null,
    invoiceLines: invoiceNow ? prorations : [],
    pendingLines: invoiceNow ? [] : prorations,
  };
}
