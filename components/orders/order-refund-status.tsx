import { StatusBadge } from "@/components/ui/status-badge";
import { formatMoney } from "@/lib/format";

type Props = {
  order: { status: string; amount: number; refundedAmount: number; currency: string };
};

/**
 * An order's status with what was given back: "refunded" in full, or "Refunded $X of $Y" beside
 * "paid" when only part of it was.
 */
export function OrderRefundStatus({ order }: Props) {
  const partial =
    order.status !== "REFUNDED" && order.refundedAmount > 0 && order.refundedAmount < order.amount;
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid="order-refund-status">
      <StatusBadge status={order.status} />
      {partial ? (
        <span className="text-xs text-slate-600">
          Refunded {formatMoney(order.refundedAmount, order.currency)} of{" "}
          {formatMoney(order.amount, order.currency)}
        </span>
      ) : null}
    </span>
  );
}
