import {
  ActionButton,
  EmailLayout,
  Paragraph,
  formatDay,
} from "@/lib/notifications/emails/templates/email-layout";

export type SubscriptionCanceledProps = {
  offeringName: string;
  /** When access ends (or ended); null when the provider named no date. */
  endsAt: Date | null;
  /** True when the subscription has already ended; false when it ends at the period's end. */
  ended: boolean;
  billingUrl: string;
};

export function subscriptionCanceledSubject({
  offeringName,
  endsAt,
  ended,
}: SubscriptionCanceledProps): string {
  if (!ended && endsAt) return `Your ${offeringName} subscription ends on ${formatDay(endsAt)}`;
  return `Your ${offeringName} subscription has been canceled`;
}

/** Sent to the buyer when a subscription is canceled (subscription.canceled). */
export function SubscriptionCanceledEmail(props: SubscriptionCanceledProps) {
  const { offeringName, endsAt, ended, billingUrl } = props;
  return (
    <EmailLayout
      preview={subscriptionCanceledSubject(props)}
      heading={ended ? "Your subscription has ended" : "Your subscription is ending"}
      footer="You get this email because a subscription on your account changed."
    >
      {ended ? (
        <Paragraph>
          Your {offeringName} subscription has been canceled
          {endsAt ? ` and ended on ${formatDay(endsAt)}` : ""}. The access it gave has ended.
        </Paragraph>
      ) : (
        <Paragraph>
          Your {offeringName} subscription has been canceled. You keep your access until
          {endsAt ? ` ${formatDay(endsAt)}` : " the end of the period you paid for"}, and you will
          not be charged again.
        </Paragraph>
      )}
      <Paragraph>Changed your mind? You can subscribe again at any time.</Paragraph>
      <ActionButton href={billingUrl}>Manage your billing</ActionButton>
    </EmailLayout>
  );
}
