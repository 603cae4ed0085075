import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { ConfirmSwitchForm } from "@/components/billing/confirm-switch-form";
import { formatDay, pricePerInterval } from "@/components/billing/subscription-text";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUserPage } from "@/lib/auth/page-guards";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { previewPlanSwitch } from "@/lib/payments/stripe/preview-plan-switch";
import { planSwitchQuery } from "@/lib/subscriptions/schemas";
import { billingInterval } from "@/lib/subscriptions/subscription-price";
import { switchPlanAction } from "./actions";

export const metadata = { title: "Switch plan" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

/** A plan switch before it happens: Stripe's preview of the prorated charge, then one button. */
export default async function SwitchPlanPage({ searchParams }: Props) {
  const user = await requireUserPage("/dashboard/billing");
  const query = planSwitchQuery.safeParse(await searchParams);
  if (!query.success) notFound();
  const preview = await previewPlanSwitch({
    userId: user.id,
    subscriptionId: query.data.subscription,
    offeringId: query.data.to,
  }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const newPrice = pricePerInterval({
    amount: preview.to.amount,
    currency: preview.currency,
    interval: billingInterval(preview.to.pricingType),
  });
  const upgrade = preview.direction === "upgrade";
  return (
    <div className="space-y-6">
      <PageTitle description={`From ${preview.from.name} to ${preview.to.name} (${newPrice}).`}>
        Switch plan
      </PageTitle>
      <Card className="space-y-4" data-testid="switch-preview">
        {upgrade ? (
          <>
            <p className="text-sm text-slate-700">
              Your plan changes now. You are charged today for {preview.to.name}, less the unused
              time of your current plan; your access carries on without a break.
            </p>
            <Table label="Charged today">
              <thead className="bg-slate-50">
                <tr>
                  <Th>Line</Th>
                  <Th>Amount</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preview.lines.map((line, index) => (
                  <tr key={index} data-testid="preview-line">
                    <Td>{line.description}</Td>
                    <Td>{formatMoney(line.amount, preview.currency)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <p className="text-base font-semibold" data-testid="preview-total">
              Due today: {formatMoney(preview.amountDue, preview.currency)}
            </p>
          </>
        ) : (
          <p className="text-sm text-slate-700" data-testid="preview-downgrade">
            Nothing is charged today. You keep {preview.from.name} until{" "}
            {preview.effectiveAt ? formatDay(preview.effectiveAt) : "the end of your period"}; then{" "}
            {preview.to.name} starts, at {newPrice}.
          </p>
        )}
        <div className="flex flex-wrap items-start gap-3">
          <ConfirmSwitchForm
            action={switchPlanAction}
            subscriptionId={preview.subscriptionId}
            offeringId={preview.to.id}
            prorationDate={preview.prorationDate}
            requestId={randomUUID()}
            label={
              upgrade
                ? `Confirm and pay ${formatMoney(preview.amountDue, preview.currency)}`
                : `Switch on ${preview.effectiveAt ? formatDay(preview.effectiveAt) : "renewal"}`
            }
          />
          <ButtonLink variant="secondary" href="/dashboard/billing">
            Keep my plan
          </ButtonLink>
        </div>
      </Card>
    </div>
  );
}
