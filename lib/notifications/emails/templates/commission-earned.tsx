import { formatMoney } from "@/lib/money";
import {
  ActionButton,
  EmailLayout,
  Paragraph,
  TextLink,
} from "@/lib/notifications/emails/templates/email-layout";

export type CommissionEarnedProps = {
  /** Minor units. */
  amount: number;
  currency: string;
  /** What the referred person bought, when the message names it. */
  offeringName: string | null;
  /** 1: the buyer followed your link; 2 and 3: they were brought by someone you brought. */
  level: number;
  referralsUrl: string;
  preferencesUrl: string;
};

export function commissionEarnedSubject({ amount, currency }: CommissionEarnedProps): string {
  return `You earned a ${formatMoney(amount, currency)} commission`;
}

/** Sent to the referrer (commission.earned), unless they turned commission emails off. */
export function CommissionEarnedEmail(props: CommissionEarnedProps) {
  const { amount, currency, offeringName, level, referralsUrl, preferencesUrl } = props;
  const what = offeringName ? ` of ${offeringName}` : "";
  return (
    <EmailLayout
      preview="Someone you referred made a purchase."
      heading="You earned a commission"
      footer={
        <>
          You get this email because you share a referral link.{" "}
          <TextLink href={preferencesUrl}>Turn commission emails off</TextLink>.
        </>
      }
    >
      <Paragraph>
        {level === 1
          ? `Someone who followed your referral link made a purchase${what}.`
          : `Someone in your referral network made a purchase${what}.`}{" "}
        You earned {formatMoney(amount, currency)}.
      </Paragraph>
      <Paragraph>
        It is paid out once its hold period has passed; a refund of the purchase cancels it.
      </Paragraph>
      <ActionButton href={referralsUrl}>See your referrals</ActionButton>
    </EmailLayout>
  );
}
