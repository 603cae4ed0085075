/**
 * A local SMTP server for the end-to-end tests: the production build sends its sign-in and
 * verification emails through nodemailer to it, exactly as to a real mail server, and every
 * message lands as one JSON line in a file that tests read links from.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { SMTPServer } from "smtp-server";

export type SentMail = { to: string[]; raw: string };

export function startMailSink(port: number, file: string): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase());
        appendFileSync(
          file,
          `${JSON.stringify({ to, raw: Buffer.concat(chunks).toString("utf8") } satisfies SentMail)}\n`,
        );
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

/** Undoes quoted-printable (soft line breaks and =XX escapes), which mailers use for long URLs. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The mails sent to an address, oldest first, their bodies decoded. */
export function mailsSentTo(file: string, address: string): SentMail[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SentMail)
    .filter((mail) => mail.to.includes(address.toLowerCase()))
    .map((mail) => ({ ...mail, raw: decodeQuotedPrintable(mail.raw) }));
}

/** Every link in the mails sent to an address, oldest first. */
export function linksSentTo(file: string, address: string): string[] {
  return mailsSentTo(file, address).flatMap((mail) => mail.raw.match(/https?:\/\/\S+/g) ?? []);
}
