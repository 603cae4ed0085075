/**
 * The outbox's email channel: buyers' receipts, payment failures, cancellations and refunds,
 * referrers' commission emails, and admins' alerts, each planned by plan-emails.ts and sent by
 * deliver-email.ts through the app's one nodemailer transport (lib/mail.ts).
 */
import { appUrl, getEnv } from "@/lib/env";
import { mailDelivery } from "@/lib/mail";
import type { Channel } from "@/lib/notifications/channel";
import { deliverEmail, type EmailSettings } from "@/lib/notifications/emails/deliver-email";
import { planEmails } from "@/lib/notifications/emails/plan-emails";

/** From the configuration: "smtp" with EMAIL_SERVER, else "log" in development, "off" in production. */
export function emailSettings(): EmailSettings {
  const env = getEnv();
  return {
    delivery: mailDelivery(env),
    server: env.EMAIL_SERVER,
    from: env.EMAIL_FROM,
    appUrl: appUrl(),
  };
}

/** A channel with other settings than the configuration's (tests: a sink, "off", "log"). */
export function createEmailChannel(settings: () => EmailSettings = emailSettings): Channel {
  return {
    name: "EMAIL",
    plan: (tx, message) => planEmails({ tx, message, delivery: settings().delivery }),
    deliver: (delivery) => deliverEmail(delivery, settings()),
  };
}

export const emailChannel: Channel = createEmailChannel();
