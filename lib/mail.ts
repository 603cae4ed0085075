/**
 * The app's one way to send email: nodemailer over the SMTP server in EMAIL_SERVER. Sign-in links
 * (lib/auth/email-links.ts) and the outbox's emails (lib/notifications/emails/) both send here.
 * Without EMAIL_SERVER a development or test server prints instead ("log"), and a production
 * server sends nothing ("off").
 */
import { createTransport, type Transporter } from "nodemailer";
import { getEnv, type Env } from "@/lib/env";

export type MailDelivery = "smtp" | "log" | "off";

export function mailDelivery(env: Pick<Env, "EMAIL_SERVER" | "NODE_ENV"> = getEnv()): MailDelivery {
  if (env.EMAIL_SERVER) return "smtp";
  return env.NODE_ENV === "production" ? "off" : "log";
}

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A stable Message-ID (`<…@…>`): a resent copy is the same message to the mail client. */
  messageId?: string;
};

/** What the SMTP server answered to an accepted message ("250 OK: queued as …"). */
export type SentMailReceipt = { response: string; messageId: string };

// One transport per server address, kept: a worker sending many messages reuses it.
const transports = new Map<string, Transporter>();

/**
 * Short timeouts (nodemailer waits minutes by default): an attempt that hangs must fail well
 * before the outbox's lease on its delivery runs out, or another worker would send it again.
 */
const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function mailTransport(server: string): Transporter {
  let transport = transports.get(server);
  if (!transport) {
    transport = createTransport({ url: server, ...timeouts });
    transports.set(server, transport);
  }
  return transport;
}

export type SendMailOptions = { mail: OutgoingMail; server: string; from: string };

/** Sends one message; throws what the SMTP server or the connection refused. */
export async function sendMail({ mail, server, from }: SendMailOptions): Promise<SentMailReceipt> {
  const info = (await mailTransport(server).sendMail({ from, ...mail })) as {
    response?: string;
    messageId?: string;
  };
  return { response: info.response ?? "", messageId: info.messageId ?? "" };
}
