import { z } from "zod";
import { toMinorUnits, type Delivery } from "@/lib/payments/external/formats/delivery";
import { currencyDigits, isKnownCurrency } from "@/lib/money";

const amount = z.looseObject({
  total: z.string().optional(),
  value: z.string().optional(),
  currency: z.string().optional(),
  currency_code: z.string().optional(),
});

const resource = z.looseObject({
  id: z.string().min(1),
  custom: z.string().nullish(),
  custom_id: z.string().nullish(),
  invoice_id: z.string().nullish(),
  invoice_number: z.string().nullish(),
  sale_id: z.string().nullish(),
  amount: amount.nullish(),
  payer: z
    .looseObject({
      email_address: z.string().nullish(),
      payer_info: z.looseObject({ email: z.string().nullish() }).nullish(),
    })
    .nullish(),
  subscriber: z.looseObject({ email_address: z.string().nullish() }).nullish(),
  links: z.array(z.looseObject({ href: z.string(), rel: z.string() })).nullish(),
});

export const payPalEventBody = z.looseObject({
  id: z.string().min(1),
  event_type: z.string().min(1),
  resource,
});

export function looksLikePayPalEvent(body: Record<string, unknown>) {
  return typeof body.event_type === "string" && typeof body.resource === "object";
}

const statusByType: Record<string, Delivery["status"]> = {
  "PAYMENT.SALE.COMPLETED": "succeeded",
  "PAYMENT.CAPTURE.COMPLETED": "succeeded",
  "PAYMENT.SALE.REFUNDED": "refunded",
  "PAYMENT.CAPTURE.REFUNDED": "refunded",
  "BILLING.SUBSCRIPTION.CANCELLED": "canceled",
};

/** "10.50" USD → 1050, "1000" JPY → 1000; an amount with more decimals than the currency has is refused. */
function minorAmount(money: z.infer<typeof amount> | null | undefined) {
  const value = money?.total ?? money?.value;
  const currency = (money?.currency ?? money?.currency_code)?.toLowerCase();
  if (!value || !currency || !isKnownCurrency(currency)) return {};
  const minor = toMinorUnits(value, currencyDigits(currency));
  if (minor === null)
    throw new z.ZodError([
      {
        code: "custom",
        path: ["resource", "amount"],
        message: `"${value}" is not an amount in ${currency.toUpperCase()}`,
        input: value,
      },
    ]);
  return { amount: minor, currency };
}

/** The payment a refund is of: a sale's `sale_id`, a capture refund's `up` link to its capture. */
function refundedPaymentId(refund: z.infer<typeof resource>): string {
  const up = refund.links?.find((link) => link.rel === "up")?.href;
  return refund.sale_id ?? (up ? up.split("/").at(-1)! : refund.id);
}

/**
 * PayPal's webhook body: sales and captures (REST v1 and v2) pay and refund; a cancelled
 * billing subscription ends renewal. The purchase comes from `custom` / `custom_id` /
 * `invoice_id`; amounts are decimal strings turned into minor units by the currency's exponent.
 */
export function fromPayPalEvent(raw: unknown): Delivery {
  const event = payPalEventBody.parse(raw);
  const status = statusByType[event.event_type] ?? null;
  const item = event.resource;
  const base = { format: "paypal" as const, type: event.event_type, status };
  if (!status) return base;
  const purchaseRef =
    item.custom_id ?? item.custom ?? item.invoice_id ?? item.invoice_number ?? undefined;
  const email =
    item.payer?.email_address ??
    item.payer?.payer_info?.email ??
    item.subscriber?.email_address ??
    undefined;
  const common = { ...base, purchaseRef, userEmail: email?.toLowerCase() };
  if (status === "succeeded") return { ...common, paymentId: item.id, ...minorAmount(item.amount) };
  if (status === "refunded") return { ...common, paymentId: refundedPaymentId(item) };
  return { ...common, paymentId: item.id };
}
