import {
  ActionButton,
  EmailLayout,
  Paragraph,
  formatDay,
} from "@/lib/notifications/emails/templates/email-layout";

export type EndpointDisabledProps = {
  url: string;
  description: string;
  reason: string | null;
  disabledAt: Date | null;
  endpointUrl: string;
};

export function endpointDisabledSubject({ url }: EndpointDisabledProps): string {
  return `Webhook endpoint disabled: ${url}`;
}

/** Sent to every admin when the app stops sending to a webhook endpoint (endpoint.disabled). */
export function EndpointDisabledEmail(props: EndpointDisabledProps) {
  const { url, description, reason, disabledAt, endpointUrl } = props;
  return (
    <EmailLayout
      preview="Deliveries to this endpoint have stopped."
      heading="A webhook endpoint was disabled"
      footer="You get this email because you are an admin of this shop."
    >
      <Paragraph>
        The endpoint {url}
        {description ? ` (${description})` : ""} was disabled
        {disabledAt ? ` on ${formatDay(disabledAt)}` : ""}
        {reason ? `: ${reason}` : ""}. No events are sent to it until it is turned on again.
      </Paragraph>
      <Paragraph>
        Fix the receiver, turn the endpoint on, and replay the messages it missed from its delivery
        log.
      </Paragraph>
      <ActionButton href={endpointUrl}>Open the endpoint</ActionButton>
    </EmailLayout>
  );
}
