import type { Tx } from "@/lib/db";
import { findStripeDiscount } from "@/lib/discounts/check-checkout-discount";

/** What promotion codes took off a paid invoice, as its event reports it. */
export type InvoiceDiscount = {
  amount: number;
  promotionCodeId: string | null;
  couponId: string | null;
};

/**
 * The discount fields of the order a paid invoice makes. The invoice's amount is recorded as
 * paid (discounts, like proration, make it differ from the price); this adds which code took how
 * much. An event names the code only when its discounts are expanded; otherwise the code is the
 * one an earlier order of the same purchase recorded (a subscription keeps its coupon).
 */
export async function invoiceDiscountFields(
  tx: Tx,
  purchaseId: string,
  discount: InvoiceDiscount | null | undefined,
) {
  if (!discount) return null;
  const known =
    (await findStripeDiscount(tx, discount)) ??
    (
      await tx.order.findFirst({
        where: { purchaseId, discountId: { not: null } },
        orderBy: { createdAt: "asc" },
        select: { discount: { select: { id: true, code: true } } },
      })
    )?.discount ??
    null;
  return {
    discountAmount: discount.amount,
    discountCode: known?.code ?? null,
    discountId: known?.id ?? null,
  };
}
