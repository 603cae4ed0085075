/**
 * Sends one planned email: renders its template from the message's frozen data and hands it to
 * the SMTP server. Runs outside any transaction; the outbox records the outcome and retries a
 * failure on its schedule. Without EMAIL_SERVER a development server prints the email instead.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { logger } from "@/lib/logger";
import { sendMail, type MailDelivery } from "@/lib/mail";
import type { AttemptOutcome, ClaimedDelivery } from "@/lib/notifications/channel";
import { appLinks } from "@/lib/notifications/emails/app-links";
import { composeEmail, EmailDataError } from "@/lib/notifications/emails/compose-email";
import { isEmailTemplateName } from "@/lib/notifications/emails/email-templates";

export type EmailSettings = {
  delivery: MailDelivery;
  /** The SMTP URL (EMAIL_SERVER), when delivery is "smtp". */
  server?: string;
  from: string;
  /** The app's public origin: the emails' links, and the domain of their Message-IDs. */
  appUrl: string;
};

const MAX_ERROR_LENGTH = 1000;
const MAX_EXCERPT_LENGTH = 4096;

export async function deliverEmail(
  delivery: ClaimedDelivery,
  settings: EmailSettings,
): Promise<AttemptOutcome> {
  const started = performance.now();
  const requestId = `email_${randomUUID()}`;
  const outcome = (fields: Omit<AttemptOutcome, "requestId" | "latencyMs">): AttemptOutcome => ({
    requestId,
    latencyMs: Math.round(performance.now() - started),
    ...fields,
  });

  const { recipient, template, message } = delivery;
  if (!recipient || !template || !isEmailTemplateName(template)) {
    return outcome({ ok: false, final: true, error: `Not an email delivery (${template})` });
  }
  if (settings.delivery === "off") {
    // Planned while email was on; sending again later cannot help until EMAIL_SERVER is set.
    return outcome({ ok: false, final: true, error: "Email is off: EMAIL_SERVER is not set." });
  }
  let email;
  try {
    email = await composeEmail({
      template,
      data: message.data,
      createdAt: message.createdAt,
      links: appLinks(settings.appUrl),
    });
  } catch (error) {
    if (!(error instanceof EmailDataError)) throw error;
    return outcome({ ok: false, final: true, error: error.message.slice(0, MAX_ERROR_LENGTH) });
  }

  if (settings.delivery === "log" || !settings.server) {
    // Development without a mail server: the email itself is the point of this line.
    logger.info(
      { to: recipient, subject: email.subject, template, message_id: message.id },
      `email to ${recipient}: ${email.subject}\n\n${email.text}`,
    );
    return outcome({ ok: true, responseExcerpt: "printed to the log (no EMAIL_SERVER)" });
  }

  try {
    const sent = await sendMail({
      server: settings.server,
      from: settings.from,
      mail: {
        to: recipient,
        subject: email.subject,
        html: email.html,
        text: email.text,
        // The same for every attempt of this delivery: a repeat is one message to mail clients.
        messageId: `<${delivery.id}@${new URL(settings.appUrl).hostname}>`,
      },
    });
    return outcome({ ok: true, responseExcerpt: sent.response.slice(0, MAX_EXCERPT_LENGTH) });
  } catch (error) {
    return outcome({ ok: false, error: describeSmtpError(error) });
  }
}

/** nodemailer's error, short: its code ("ECONNECTION", "EENVELOPE"…) and the server's answer. */
function describeSmtpError(error: unknown): string {
  if (!(error instanceof Error)) return "SMTP error";
  const code = (error as Error & { code?: unknown }).code;
  const text = typeof code === "string" ? `${code}: ${error.message}` : error.message;
  return text.slice(0, MAX_ERROR_LENGTH);
}
