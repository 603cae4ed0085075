/**
 * Sign-in links and email-verification links: how they are delivered, and how often one may be
 * asked for. A link printed to a log signs anyone who reads the log in, so links are printed
 * only by a development server; a production server without EMAIL_SERVER sends none at all.
 */
import { db } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { mailDelivery, sendMail, type MailDelivery } from "@/lib/mail";

export type EmailLinkDelivery = MailDelivery;
export type EmailLinkPurpose = "sign-in" | "verify-email";

/** Auth.js provider ids: a magic sign-in link, and the link that confirms a password sign-up. */
export const emailProviderIds = {
  "sign-in": "nodemailer",
  "verify-email": "email-verification",
} as const;

/** Links live 24 hours (Auth.js stores each as a single-use token bound to the address). */
export const EMAIL_LINK_MAX_AGE_SECONDS = 24 * 60 * 60;
const MIN_SECONDS_BETWEEN_LINKS = 60;
const MAX_LINKS_PER_HOUR = 5;

export function emailLinkDelivery(
  env: Pick<Env, "EMAIL_SERVER" | "NODE_ENV"> = getEnv(),
): EmailLinkDelivery {
  return mailDelivery(env);
}

const subjects: Record<EmailLinkPurpose, string> = {
  "sign-in": "Your sign-in link",
  "verify-email": "Confirm your email address",
};

const bodies: Record<EmailLinkPurpose, string> = {
  "sign-in": "Open this link to sign in. It works once, for 24 hours.",
  "verify-email":
    "Open this link to confirm your email address and finish creating your account. It works once, " +
    "for 24 hours. If you did not sign up, ignore this email: nothing happens without the link.",
};

export type SendEmailLinkOptions = { identifier: string; url: string; purpose: EmailLinkPurpose };

export async function sendEmailLink({
  identifier,
  url,
  purpose,
}: SendEmailLinkOptions): Promise<void> {
  const env = getEnv();
  const delivery = emailLinkDelivery(env);
  if (delivery === "off") throw new Error("Email links are off: set EMAIL_SERVER.");
  if (delivery === "log" || !env.EMAIL_SERVER) {
    const label = purpose === "sign-in" ? "magic sign-in link" : "email verification link";
    // Development only (see emailLinkDelivery): the link itself is the point of this line.
    logger.info({ purpose }, `${label} for ${identifier}: ${url}`);
    return;
  }
  await sendMail({
    server: env.EMAIL_SERVER,
    from: env.EMAIL_FROM,
    mail: {
      to: identifier,
      subject: subjects[purpose],
      text: `${bodies[purpose]}\n\n${url}\n`,
    },
  });
}

/**
 * One link per address a minute, five an hour, so that nobody can flood an inbox. Read from the
 * issued tokens themselves (a token issued at t expires at t + 24 h), so every app instance
 * sees the same count with no store of its own.
 */
export async function mayIssueEmailLink(email: string, now = new Date()): Promise<boolean> {
  const issuedAfter = (secondsAgo: number) =>
    new Date(now.getTime() + (EMAIL_LINK_MAX_AGE_SECONDS - secondsAgo) * 1000);
  const [lastMinute, lastHour] = await Promise.all([
    db.verificationToken.count({
      where: { identifier: email, expires: { gt: issuedAfter(MIN_SECONDS_BETWEEN_LINKS) } },
    }),
    db.verificationToken.count({
      where: { identifier: email, expires: { gt: issuedAfter(60 * 60) } },
    }),
  ]);
  return lastMinute === 0 && lastHour < MAX_LINKS_PER_HOUR;
}
