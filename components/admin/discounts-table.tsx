import { DiscountActiveForm } from "@/components/admin/discount-active-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { DiscountRow } from "@/lib/discounts/list-discounts";
import { formatDate, formatMoney } from "@/lib/format";
import type { FormAction } from "@/lib/http/action-state";

/** "20% off" or "$5.00 off". */
export function discountValue(
  discount: Pick<DiscountRow, "percentOff" | "amountOff" | "currency">,
) {
  if (discount.percentOff !== null) return `${discount.percentOff}% off`;
  return `${formatMoney(discount.amountOff ?? 0, discount.currency ?? "usd")} off`;
}

function durationText(discount: DiscountRow) {
  if (discount.duration === "FOREVER") return "Forever";
  if (discount.duration === "REPEATING") return `${discount.durationInMonths} months`;
  return "Once";
}

function statusOf(discount: DiscountRow) {
  if (!discount.active) return "DISABLED";
  if (discount.expiresAt && discount.expiresAt <= new Date()) return "EXPIRED";
  if (discount.maxRedemptions !== null && discount.redemptions >= discount.maxRedemptions)
    return "USED_UP";
  return "ACTIVE";
}

export function DiscountsTable({
  discounts,
  action,
}: {
  discounts: DiscountRow[];
  action: FormAction;
}) {
  return (
    <Table label="Promotion codes">
      <thead className="bg-slate-50">
        <tr>
          <Th>Code</Th>
          <Th>Discount</Th>
          <Th>Duration</Th>
          <Th>Offerings</Th>
          <Th>Used</Th>
          <Th>Expires</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {discounts.map((discount) => (
          <tr key={discount.id} data-testid="discount-row">
            <Td>
              <span className="font-mono font-medium">{discount.code}</span>
            </Td>
            <Td>{discountValue(discount)}</Td>
            <Td>{durationText(discount)}</Td>
            <Td>
              {discount.offerings.length === 0
                ? "All offerings"
                : discount.offerings.map((offering) => offering.name).join(", ")}
            </Td>
            <Td data-testid="discount-uses">
              {discount.redemptions}
              {discount.maxRedemptions !== null ? ` of ${discount.maxRedemptions}` : ""}
            </Td>
            <Td>{discount.expiresAt ? formatDate(discount.expiresAt) : "Never"}</Td>
            <Td>
              <StatusBadge status={statusOf(discount)} />
            </Td>
            <Td>
              <DiscountActiveForm
                action={action}
                discountId={discount.id}
                active={discount.active}
              />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
