import type { FormAction } from "@/lib/http/action-state";
import Link from "next/link";
import { RefundPurchaseForm } from "@/components/admin/refund-purchase-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/lib/format";
import type { AdminPurchaseRow } from "@/lib/purchases/list-purchases-for-admin";

/** "$49.00", or "this purchase" without an order, said before an admin confirms a refund. */
function refundSummary(purchase: AdminPurchaseRow): string {
  if (purchase.amount === null || !purchase.currency) return "this purchase";
  return formatMoney(purchase.amount, purchase.currency);
}

/** Purchases across all users, newest first. */
export function PurchasesTable({
  purchases,
  refundAction,
}: {
  purchases: AdminPurchaseRow[];
  refundAction: FormAction;
}) {
  if (purchases.length === 0)
    return <p className="text-sm text-slate-600">No purchases on this page.</p>;
  return (
    <Table label="Purchases">
      <thead className="bg-slate-50">
        <tr>
          <Th>Status</Th>
          <Th>User</Th>
          <Th>Offering</Th>
          <Th>Amount</Th>
          <Th>Created</Th>
          <Th>Access granted</Th>
          <Th>Expires</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {purchases.map((purchase) => (
          <tr key={purchase.id} data-testid="purchase-row">
            <Td>
              <StatusBadge status={purchase.status} />
              {purchase.refundedAt ? (
                <span className="block text-xs text-slate-500">
                  Refunded {formatDate(purchase.refundedAt)}
                </span>
              ) : null}
            </Td>
            <Td>
              <Link
                href={`/admin/users/${purchase.userId}`}
                className="text-indigo-700 hover:underline"
              >
                {purchase.userEmail}
              </Link>
            </Td>
            <Td>
              <Link
                href={`/admin/offerings/${purchase.offeringId}`}
                className="text-indigo-700 hover:underline"
              >
                {purchase.offeringName}
              </Link>
            </Td>
            <Td>
              {purchase.amount !== null && purchase.currency
                ? formatMoney(purchase.amount, purchase.currency)
                : "—"}
            </Td>
            <Td>{formatDate(purchase.createdAt)}</Td>
            <Td>{formatDate(purchase.accessGrantedAt)}</Td>
            <Td>
              {purchase.status === "SUCCEEDED" && !purchase.expiresAt
                ? "Never"
                : formatDate(purchase.expiresAt)}
            </Td>
            <Td>
              {purchase.status === "SUCCEEDED" ? (
                <RefundPurchaseForm
                  action={refundAction}
                  purchaseId={purchase.id}
                  summary={refundSummary(purchase)}
                />
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
