import { formatMoney } from "@/lib/money";
import {
  ActionButton,
  EmailLayout,
  Paragraph,
  TextLink,
} from "@/lib/notifications/emails/templates/email-layout";

export type CommissionPaidProps = {
  /** Minor units. */
  amount: number;
  currency: string;
  offeringName: string | null;
  referralsUrl: string;
  preferencesUrl: string;
};

export function commissionPaidSubject({ amount, currency }: CommissionPaidProps): string {
  return `Your ${formatMoney(amount, currency)} commission has been paid`;
}

/** Sent to the referrer (commission.paid), unless they turned commission emails off. */
export function CommissionPaidEmail(props: CommissionPaidProps) {
  const { amount, currency, offeringName, referralsUrl, preferencesUrl } = props;
  return (
    <EmailLayout
      preview={`We paid you ${formatMoney(amount, currency)}.`}
      heading="Your commission has been paid"
      footer={
        <>
          You get this email because you share a referral link.{" "}
          <TextLink href={preferencesUrl}>Turn commission emails off</TextLink>.
        </>
      }
    >
      <Paragraph>
        We paid you {formatMoney(amount, currency)}
        {offeringName ? ` for a purchase of ${offeringName}` : ""}. Thank you for spreading the
        word.
      </Paragraph>
      <ActionButton href={referralsUrl}>See your referrals</ActionButton>
    </EmailLayout>
  );
}
