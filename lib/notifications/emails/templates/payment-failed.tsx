import {
  ActionButton,
  EmailLayout,
  Paragraph,
  formatDay,
} from "@/lib/notifications/emails/templates/email-layout";

export type PaymentFailedProps = {
  offeringName: string;
  /** The provider's reason ("Your card was declined."), when it gave one. */
  reason: string | null;
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
  const { offeringName, reason, periodEnd, billingPortalUrl } = props;
  return (
    <EmailLayout
      preview="Update your payment method to keep your subscription."
      heading="Your payment failed"
      footer="You get this email because a payment on your account failed. Payment failures are always sent."
    >
      <Paragraph>
        We could not take the payment for your {offeringName} subscription.
        {reason ? ` ${reason}` : ""}
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
