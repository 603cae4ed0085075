/**
 * The email channel against real PostgreSQL and a real SMTP server (the sink the end-to-end tests
 * use): who gets which email (plan), and what one attempt sends and reports (deliver).
 */
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setLogDestination } from "@/lib/logger";
import type { Channel, ClaimedDelivery, DispatchedMessage } from "@/lib/notifications/channel";
import type { EmailSettings } from "@/lib/notifications/emails/deliver-email";
import { createEmailChannel } from "@/lib/notifications/emails/email-channel";
import type { EmailTemplateName } from "@/lib/notifications/emails/email-templates";
import { sampleMessages } from "@/lib/notifications/emails/sample-messages";
import { makeUser } from "../../../tooling/seed/factories";
import { mailsSentTo, startMailSink } from "../../../tooling/server/mail-sink";
import { logLineSink } from "../../helpers/log-lines";
import { resetDatabase } from "../../helpers/reset";

const appUrl = "https://shop.example.com";
const settings = (overrides: Partial<EmailSettings> = {}): EmailSettings => ({
  delivery: "smtp",
  server: "smtp://127.0.0.1:1",
  from: "Shop <shop@example.com>",
  appUrl,
  ...overrides,
});

let sequence = 0;
function message(type: string, data: Record<string, unknown>): DispatchedMessage {
  return { id: `msg_test_${++sequence}`, type, version: 1, createdAt: new Date(), data };
}

function sample(template: EmailTemplateName, type: string, data: Record<string, unknown> = {}) {
  return message(type, { ...sampleMessages[template].data, ...data });
}

/** As the dispatcher calls it: inside its transaction. */
function plan(channel: Channel, planned: DispatchedMessage) {
  return db.$transaction((tx) => channel.plan(tx, planned));
}

beforeEach(resetDatabase);

describe("plan: who gets which email", () => {
  const channel = createEmailChannel(() => settings());

  it("sends the buyer's receipt, payment failure, cancellation and refund to the buyer", async () => {
    const buyer = { id: "user_1", email: "Buyer@Example.com" };
    const cases = [
      ["receipt", "purchase.completed"],
      ["payment-failed", "subscription.past_due"],
      ["subscription-canceled", "subscription.canceled"],
      ["refund-confirmed", "purchase.refunded"],
    ] as const;
    for (const [template, type] of cases) {
      expect(await plan(channel, sample(template, type, { user: buyer }))).toEqual([
        { channel: "EMAIL", recipient: "buyer@example.com", template },
      ]);
    }
  });

  it("sends commission emails to the referrer only while their preference is on", async () => {
    const referrer = await makeUser({ email: "referrer@example.com" });
    const earned = () =>
      sample("commission-earned", "commission.earned", { beneficiary: referrer });
    const paid = () => sample("commission-paid", "commission.paid", { beneficiary: referrer });
    expect(await plan(channel, earned())).toEqual([
      { channel: "EMAIL", recipient: "referrer@example.com", template: "commission-earned" },
    ]);
    expect(await plan(channel, paid())).toEqual([
      { channel: "EMAIL", recipient: "referrer@example.com", template: "commission-paid" },
    ]);

    // A refund after payout settles as a negative adjustment: no email about it.
    const adjustment = sample("commission-paid", "commission.paid", {
      beneficiary: referrer,
      kind: "adjustment",
      amount: -980,
    });
    expect(await plan(channel, adjustment)).toEqual([]);

    await db.user.update({ where: { id: referrer.id }, data: { commissionEmails: false } });
    expect(await plan(channel, earned())).toEqual([]);
    expect(await plan(channel, paid())).toEqual([]);
    // The buyer's own emails do not depend on it.
    const receipt = sample("receipt", "purchase.completed", { user: referrer });
    expect(await plan(channel, receipt)).toHaveLength(1);
  });

  it("sends the admins' emails to every admin, and nothing else to them", async () => {
    await makeUser({ email: "admin-b@example.com", role: "ADMIN" });
    await makeUser({ email: "admin-a@example.com", role: "ADMIN" });
    await makeUser({ email: "buyer@example.com" });
    for (const [template, type] of [
      ["endpoint-disabled", "endpoint.disabled"],
      ["dead-letter-digest", "dead_letters.digest"],
    ] as const) {
      expect(await plan(channel, sample(template, type))).toEqual([
        { channel: "EMAIL", recipient: "admin-a@example.com", template },
        { channel: "EMAIL", recipient: "admin-b@example.com", template },
      ]);
    }
  });

  it("plans nothing for message types without an email, or without a recipient", async () => {
    expect(
      await plan(channel, message("access.granted", { user: { id: "u", email: "a@b.co" } })),
    ).toEqual([]);
    setLogDestination(logLineSink(() => undefined));
    expect(await plan(channel, message("purchase.completed", {}))).toEqual([]);
    setLogDestination();
  });

  it("plans nothing at all with email off (production without EMAIL_SERVER)", async () => {
    await makeUser({ email: "admin@example.com", role: "ADMIN" });
    const off = createEmailChannel(() => settings({ delivery: "off", server: undefined }));
    expect(await plan(off, sample("receipt", "purchase.completed"))).toEqual([]);
    expect(await plan(off, sample("endpoint-disabled", "endpoint.disabled"))).toEqual([]);
  });

  it("holds one email per message, recipient and template, however often it is planned", async () => {
    const planned = sample("receipt", "purchase.completed");
    await db.outboxMessage.create({
      data: { id: planned.id, type: planned.type, dedupeKey: planned.id, subject: {} },
    });
    for (let round = 0; round < 3; round++) {
      const deliveries = await plan(channel, planned);
      await db.outboxDelivery.createMany({
        data: deliveries.map((delivery) => ({ ...delivery, messageId: planned.id })),
        skipDuplicates: true,
      });
    }
    expect(await db.outboxDelivery.count({ where: { messageId: planned.id } })).toBe(1);
  });
});

describe("deliver: one attempt", () => {
  let sink: SMTPServer;
  let sinkUrl: string;
  let mailFile: string;

  beforeAll(async () => {
    mailFile = path.join(mkdtempSync(path.join(tmpdir(), "email-channel-")), "mail.jsonl");
    sink = await startMailSink(0, mailFile);
    sinkUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => sink.close(() => resolve())));

  function claimed(template: EmailTemplateName, type: string, recipient: string): ClaimedDelivery {
    return {
      id: `delivery_${++sequence}`,
      channel: "EMAIL",
      endpointId: null,
      endpoint: null,
      recipient,
      template,
      attempt: 1,
      message: sample(template, type, { user: { id: "user_1", email: recipient } }),
    };
  }

  it("sends one email through SMTP, with HTML, plain text and a working community link", async () => {
    const channel = createEmailChannel(() => settings({ server: sinkUrl }));
    const delivery = claimed("receipt", "purchase.completed", "sink-buyer@example.com");
    const outcome = await channel.deliver(delivery);
    expect(outcome).toMatchObject({ ok: true, requestId: expect.stringMatching(/^email_/) });
    expect(outcome.responseExcerpt).toMatch(/^250/);

    const mails = mailsSentTo(mailFile, "sink-buyer@example.com");
    expect(mails).toHaveLength(1);
    expect(mails[0].raw).toContain("Subject: You're in: Founders Membership");
    expect(mails[0].raw).toContain(`Message-ID: <${delivery.id}@shop.example.com>`);
    expect(mails[0].raw).toMatch(/Content-Type: text\/plain/);
    expect(mails[0].raw).toMatch(/Content-Type: text\/html/);
    expect(mails[0].raw).toContain(`${appUrl}/communities/community_sample_circle`);
    expect(mails[0].raw).toContain("$49.00");
  });

  it("reports an SMTP failure as not ok, to be retried", async () => {
    const refused = createEmailChannel(() => settings({ server: "smtp://127.0.0.1:1" }));
    const outcome = await refused.deliver(
      claimed("receipt", "purchase.completed", "x@example.com"),
    );
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
    expect(outcome.final).toBeUndefined();

    const rejecting = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => rejecting.listen(0, "127.0.0.1", resolve));
    const port = (rejecting.server.address() as AddressInfo).port;
    const rejected = createEmailChannel(() => settings({ server: `smtp://127.0.0.1:${port}` }));
    const answer = await rejected.deliver(
      claimed("receipt", "purchase.completed", "y@example.com"),
    );
    await new Promise<void>((resolve) => rejecting.close(() => resolve()));
    expect(answer).toMatchObject({ ok: false, error: expect.stringContaining("550") });
  });

  it("gives up at once when the message's data does not fit the template", async () => {
    const channel = createEmailChannel(() => settings({ server: sinkUrl }));
    const delivery = claimed("receipt", "purchase.completed", "broken@example.com");
    delivery.message = message("purchase.completed", {
      user: { id: "u", email: "broken@example.com" },
    });
    const outcome = await channel.deliver(delivery);
    expect(outcome).toMatchObject({ ok: false, final: true });
    expect(outcome.error).toContain("does not fit the receipt email");
    expect(mailsSentTo(mailFile, "broken@example.com")).toEqual([]);
  });

  it("prints the email to the log in development without EMAIL_SERVER, and counts it sent", async () => {
    const lines: Array<{ msg: string; to: string; subject: string }> = [];
    setLogDestination(
      logLineSink((line: { msg: string; to: string; subject: string }) => lines.push(line)),
    );
    const channel = createEmailChannel(() => settings({ delivery: "log", server: undefined }));
    const outcome = await channel.deliver(
      claimed("payment-failed", "subscription.past_due", "dev@example.com"),
    );
    setLogDestination();
    expect(outcome.ok).toBe(true);
    const line = lines.find((entry) => entry.to === "dev@example.com");
    expect(line?.subject).toBe("Your payment for Studio Monthly failed");
    expect(line?.msg).toContain(`Update payment method ${appUrl}/dashboard/billing`);
  });
});
