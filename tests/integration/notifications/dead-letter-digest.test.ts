/** The admins' daily digest: the deliveries that died since yesterday, as one message a day. */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appLinks } from "@/lib/notifications/emails/app-links";
import { composeEmail } from "@/lib/notifications/emails/compose-email";
import { emitDeadLetterDigest } from "@/lib/notifications/emails/emit-dead-letter-digest";
import { resetDatabase } from "../../helpers/reset";

const now = new Date("2027-03-04T08:00:00.000Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 60 * 60 * 1000);

async function deadDelivery(diedAt: Date, index: number, status: "DEAD" | "DELIVERED" = "DEAD") {
  const message = await db.outboxMessage.create({
    data: {
      id: `msg_digest_${index}`,
      type: "purchase.completed",
      dedupeKey: `digest-test:${index}`,
      subject: {},
    },
  });
  const delivery = await db.outboxDelivery.create({
    data: {
      messageId: message.id,
      channel: "EMAIL",
      recipient: `buyer-${index}@example.com`,
      template: "receipt",
      status,
      attempts: 9,
      lastError: "ECONNECTION: connect ECONNREFUSED",
    },
  });
  await db.$executeRaw`UPDATE "OutboxDelivery" SET "updatedAt" = ${diedAt} WHERE id = ${delivery.id}`;
}

beforeEach(resetDatabase);

describe("emitDeadLetterDigest", () => {
  it("writes one digest a day of the deliveries that died in the last 24 hours", async () => {
    await deadDelivery(hoursAgo(2), 1);
    await deadDelivery(hoursAgo(20), 2);
    await deadDelivery(hoursAgo(30), 3); // the day before: yesterday's digest had it
    await deadDelivery(hoursAgo(1), 4, "DELIVERED");

    const first = await emitDeadLetterDigest({ now });
    expect(first).toMatchObject({ messageId: expect.stringMatching(/^msg_/), total: 2 });
    // A second run the same day (another instance, a restart) writes nothing.
    expect(await emitDeadLetterDigest({ now: new Date(now.getTime() + 60_000) })).toMatchObject({
      messageId: null,
      total: 2,
    });

    const digests = await db.outboxMessage.findMany({ where: { type: "dead_letters.digest" } });
    expect(digests).toHaveLength(1);
    expect(digests[0].dedupeKey).toBe("dead_letters.digest:2027-03-04");

    // Its subject is the digest the email reads (the dispatcher copies it into data).
    const email = await composeEmail({
      template: "dead-letter-digest",
      data: digests[0].subject,
      createdAt: digests[0].createdAt,
      links: appLinks("https://shop.example.com"),
    });
    expect(email.subject).toBe("2 outgoing deliveries failed for good since yesterday");
    expect(email.text).toContain("purchase.completed → email to buyer-2@example.com, 9 attempts");
    expect(email.text).not.toContain("buyer-3@example.com");
  });

  it("writes nothing on a day when no delivery died", async () => {
    await deadDelivery(hoursAgo(30), 1);
    expect(await emitDeadLetterDigest({ now })).toEqual({ messageId: null, total: 0 });
    expect(await db.outboxMessage.count({ where: { type: "dead_letters.digest" } })).toBe(0);
  });
});
