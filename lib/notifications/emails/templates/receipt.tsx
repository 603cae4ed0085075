import { Section } from "@react-email/components";
import { formatMoney } from "@/lib/money";
import {
  ActionButton,
  EmailLayout,
  Paragraph,
  TextLink,
  formatDay,
} from "@/lib/notifications/emails/templates/email-layout";

export type ReceiptProps = {
  offeringName: string;
  /** Minor units. */
  amount: number;
  currency: string;
  /** Each community the purchase opens, with its absolute link on this app. */
  communities: Array<{ name: string; url: string }>;
  /** When access ends, for offerings that grant it for a time; null: it does not end by time. */
  accessEndsAt: Date | null;
  billingUrl: string;
};

export function receiptSubject({ offeringName }: ReceiptProps): string {
  return `You're in: ${offeringName}`;
}

/** Sent to the buyer when a purchase completes (purchase.completed). Always sent. */
export function ReceiptEmail(props: ReceiptProps) {
  const { offeringName, amount, currency, communities, accessEndsAt, billingUrl } = props;
  const paid = formatMoney(amount, currency);
  return (
    <EmailLayout
      preview={`Your payment of ${paid} went through. Here is how to get in.`}
      heading="You're in!"
      footer="You get this receipt because you bought something with this account. Receipts are always sent."
    >
      <Paragraph>
        Thank you for buying {offeringName}. We received your payment of {paid}.
      </Paragraph>
      {communities.length > 0 ? (
        <Section>
          <Paragraph>
            {communities.length === 1 ? "Your community:" : "Your communities:"}
          </Paragraph>
          {communities.map((community) => (
            <Paragraph key={community.url}>
              <TextLink href={community.url}>{community.name}</TextLink>
            </Paragraph>
          ))}
        </Section>
      ) : null}
      {accessEndsAt ? (
        <Paragraph>Your access lasts until {formatDay(accessEndsAt)}.</Paragraph>
      ) : null}
      <ActionButton href={billingUrl}>See your purchases</ActionButton>
    </EmailLayout>
  );
}
