/**
 * /admin/emails: every email, rendered from its sample message through the same path a real
 * send takes (compose-email.ts), with who gets it and whether it can be turned off.
 */
import { mailDelivery } from "@/lib/mail";
import { composeEmail, type ComposedEmail } from "@/lib/notifications/emails/compose-email";
import {
  emailTemplateNames,
  emailTemplates,
  type EmailAudience,
  type EmailTemplateName,
} from "@/lib/notifications/emails/email-templates";
import { sampleMessages } from "@/lib/notifications/emails/sample-messages";

const audiences: Record<EmailAudience, string> = {
  buyer: "The buyer",
  referrer: "The referrer, unless they turned commission emails off on their account page",
  admins: "Every admin",
};

/** Sent whatever the buyer chooses. */
const alwaysSent: readonly EmailTemplateName[] = ["receipt", "payment-failed"];

export type EmailTemplateSummary = {
  name: EmailTemplateName;
  label: string;
  messageType: string;
  recipients: string;
};

export function listEmailTemplates(): EmailTemplateSummary[] {
  return emailTemplateNames.map((name) => {
    const { label, messageType, audience } = emailTemplates[name];
    const recipients = alwaysSent.includes(name)
      ? `${audiences[audience]}, always`
      : audiences[audience];
    return { name, label, messageType, recipients };
  });
}

export type EmailPreview = EmailTemplateSummary & ComposedEmail;

export async function previewEmail(name: EmailTemplateName): Promise<EmailPreview> {
  const summary = listEmailTemplates().find((template) => template.name === name)!;
  const email = await composeEmail({ template: name, ...sampleMessages[name] });
  return { ...summary, ...email };
}

/** What this server does with emails now, in words, for the page's header. */
export function emailDeliveryDescription(): string {
  switch (mailDelivery()) {
    case "smtp":
      return "Emails are sent through the SMTP server in EMAIL_SERVER.";
    case "log":
      return "No EMAIL_SERVER: this development server prints each email to its log instead.";
    case "off":
      return "Email is off: EMAIL_SERVER is not set, so no email is sent and none is queued.";
  }
}
