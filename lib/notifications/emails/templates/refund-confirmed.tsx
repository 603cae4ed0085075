import { formatMoney } from "@/lib/money";
import {
  ActionButton,
  EmailLayout,
  Paragraph,
} from "@/lib/notifications/emails/templates/email-layout";

export type RefundConfirmedProps = {
  offeringName: string;
  /** Minor units. */
  amount: number;
  currency: string;
  billingUrl: string;
};

export function refundConfirmedSubject({
  offeringName,
  amount,
  currency,
}: RefundConfirmedProps): string {
  return `Refund confirmed: ${formatMoney(amount, currency)} for ${offeringName}`;
}

/** Sent to the buyer when a purchase is refunded (purchase.refunded). */
export function RefundConfirmedEmail(props: RefundConfirmedProps) {
  const { offeringName, amount, currency, billingUrl } = props;
  const refunded = formatMoney(amount, currency);
  return (
    <EmailLayout
      preview={`We refunded ${refunded}.`}
      heading="Your refund is on its way"
      footer="You get this email because a purchase on your account was refunded."
    >
      <Paragraph>
        We refunded {refunded} for {offeringName}. Depending on your bank, it takes a few days to
        appear on your statement.
      </Paragraph>
      <Paragraph>The access that came with this purchase has ended.</Paragraph>
      <ActionButton href={billingUrl}>See your purchases</ActionButton>
    </EmailLayout>
  );
}
