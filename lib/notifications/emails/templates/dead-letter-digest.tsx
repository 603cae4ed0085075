import { Section, Text } from "@react-email/components";
import {
  ActionButton,
  EmailLayout,
  Paragraph,
  formatDay,
  styles,
} from "@/lib/notifications/emails/templates/email-layout";

export type DeadLetterDigestProps = {
  since: Date;
  until: Date;
  /** Every delivery that died in the window. */
  total: number;
  /** The first of them, listed. */
  deliveries: Array<{
    type: string;
    channel: "WEBHOOK" | "EMAIL";
    destination: string;
    attempts: number;
    lastError: string | null;
  }>;
  webhooksUrl: string;
};

export function deadLetterDigestSubject({ total }: DeadLetterDigestProps): string {
  return total === 1
    ? "1 outgoing delivery failed for good since yesterday"
    : `${total} outgoing deliveries failed for good since yesterday`;
}

/** Sent to every admin once a day when deliveries died (dead_letters.digest). */
export function DeadLetterDigestEmail(props: DeadLetterDigestProps) {
  const { since, until, total, deliveries, webhooksUrl } = props;
  const more = total - deliveries.length;
  return (
    <EmailLayout
      preview={deadLetterDigestSubject(props)}
      heading="Deliveries that gave up"
      footer="You get this daily digest because you are an admin of this shop. It is sent only on days when a delivery died."
    >
      <Paragraph>
        Between {formatDay(since)} and {formatDay(until)}, {total}{" "}
        {total === 1 ? "delivery" : "deliveries"} failed every retry and stopped. Each can be
        replayed from its delivery log.
      </Paragraph>
      <Section>
        {deliveries.map((delivery, index) => (
          <Text key={index} style={styles.small}>
            {delivery.type} → {delivery.channel === "EMAIL" ? "email to " : ""}
            {delivery.destination}, {delivery.attempts}{" "}
            {delivery.attempts === 1 ? "attempt" : "attempts"}
            {delivery.lastError ? `: ${delivery.lastError}` : ""}
          </Text>
        ))}
        {more > 0 ? <Text style={styles.small}>…and {more} more.</Text> : null}
      </Section>
      <ActionButton href={webhooksUrl}>Open webhooks</ActionButton>
    </EmailLayout>
  );
}
