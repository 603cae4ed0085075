import { formatMoney } from "@/lib/money";
import {
  ActionButton,
  EmailLayout,
  Paragraph,
  formatDay,
} from "@/lib/notifications/emails/templates/email-layout";

export type PaymentFailedProps = {
  offeringName: string;
  /** The renewal's amount in minor units, when the message knows it. */
  amount: number | null;
  currency: string | null;
  /** The end of the period already paid for: access holds until then. */
  periodEnd: Date | null;
  /** The billing page, which opens the payment provider's portal to update the card. */
  billingPortalUrl: string;
};

export function paymentFailedSubject({ offeringName }: PaymentFailedProps): string {
  return `Your payment for ${offeringName} failed`;
}

/** Sent to the buyer when a renewal fails (subscription.past_due). Always sent. */
export function PaymentFailedEmail(props: PaymentFailedProps) {
  const { offeringName, amount, currency, periodEnd, billingPortalUrl } = props;
  const charge = amount !== null && currency ? ` of ${formatMoney(amount, currency)}` : "";
  return (
    <EmailLayout
      preview="Update your payment method to keep your subscription."
      heading="Your payment failed"
      footer="You get this email because a payment on your account failed. Payment failures are always sent."
    >
      <Paragraph>
        We could not take the payment{charge} for your {offeringName} subscription.
      </Paragraph>
      <Paragraph>
        {periodEnd
          ? `Your access continues until ${formatDay(periodEnd)}. Update your payment method before then to keep it.`
          : "Update your payment method to keep your access."}
      </Paragraph>
      <ActionButton href={billingPortalUrl}>Update payment method</ActionButton>
    </EmailLayout>
  );
}
