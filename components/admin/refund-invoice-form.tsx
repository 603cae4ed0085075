"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";

type Props = {
  action: FormAction;
  subscriptionId: string;
  orderId: string;
  /** What is left to refund on this invoice, in minor units. */
  refundable: number;
  /** Drawn by the server for each render of the page, so a double submit is one refund. */
  requestId: string;
};

/**
 * Refunds one invoice through Stripe, all of what is left or part of it, with Stripe's reason
 * and a note for the audit log. "Also cancel" is off unless ticked. Each form carries the request
 * id the server drew for this page, so a double submit is one refund at Stripe; the page drawn
 * again after a refund carries a new one.
 */
export function RefundInvoiceForm({
  action,
  subscriptionId,
  orderId,
  refundable,
  requestId,
}: Props) {
  const { state, formAction, onSubmit, formRef, fieldError } = useFormAction(action, {
    resetOnSuccess: true,
  });
  const id = (field: string) => `refund-${orderId}-${field}`;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-indigo-700">Refund</summary>
      <form
        ref={formRef}
        action={formAction}
        onSubmit={onSubmit}
        aria-label="Refund invoice"
        className="mt-2 space-y-2"
      >
        <input type="hidden" name="subscriptionId" value={subscriptionId} />
        <input type="hidden" name="orderId" value={orderId} />
        <input type="hidden" name="requestId" value={requestId} />
        <label htmlFor={id("amount")} className="block font-medium">
          Amount (minor units)
        </label>
        <input
          id={id("amount")}
          name="amount"
          type="number"
          min={1}
          max={refundable}
          defaultValue={refundable}
          required
          className="w-32 rounded border border-slate-300 px-2 py-1"
        />
        {fieldError("amount") ? (
          <p className="text-xs text-rose-600">{fieldError("amount")}</p>
        ) : null}
        <label htmlFor={id("reason")} className="block font-medium">
          Reason
        </label>
        <select
          id={id("reason")}
          name="reason"
          className="rounded border border-slate-300 px-2 py-1"
        >
          <option value="requested_by_customer">Requested by customer</option>
          <option value="duplicate">Duplicate</option>
          <option value="fraudulent">Fraudulent</option>
        </select>
        <label htmlFor={id("note")} className="block font-medium">
          Note (audit log)
        </label>
        <input
          id={id("note")}
          name="note"
          maxLength={500}
          className="w-full rounded border border-slate-300 px-2 py-1"
        />
        <label className="flex items-center gap-2">
          <input type="checkbox" name="alsoCancel" className="h-4 w-4" />
          Also cancel the subscription
        </label>
        <SubmitButton variant="danger" pendingText="Refunding…">
          Refund invoice
        </SubmitButton>
        <FormMessage state={state} />
      </form>
    </details>
  );
}
