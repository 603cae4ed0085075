/**
 * Which emails a dispatched message calls for: one (recipient, template) pair per person, at
 * most one template per message type. Runs inside the dispatch transaction; the unique key on
 * OutboxDelivery (message, channel, recipient, template) holds "one email per message and
 * recipient" however often a message is dispatched.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import type { MailDelivery } from "@/lib/mail";
import type { DispatchedMessage, PlannedDelivery } from "@/lib/notifications/channel";
import {
  emailTemplates,
  templateForMessageType,
  type EmailAudience,
} from "@/lib/notifications/emails/email-templates";
import { buyerOfMessage, commissionData } from "@/lib/notifications/emails/message-data";

export type PlanEmailsOptions = {
  tx: Prisma.TransactionClient;
  message: DispatchedMessage;
  /** "off" (production without EMAIL_SERVER): nothing is planned, so nothing piles up. */
  delivery: MailDelivery;
};

export async function planEmails({
  tx,
  message,
  delivery,
}: PlanEmailsOptions): Promise<PlannedDelivery[]> {
  if (delivery === "off") return [];
  const template = templateForMessageType(message.type);
  if (!template) return [];
  const recipients = await recipientsOf(tx, emailTemplates[template].audience, message);
  const unique = [...new Set(recipients.map((address) => address.toLowerCase()))];
  return unique.map((recipient) => ({ channel: "EMAIL", recipient, template }));
}

async function recipientsOf(
  tx: Prisma.TransactionClient,
  audience: EmailAudience,
  message: DispatchedMessage,
): Promise<string[]> {
  switch (audience) {
    case "buyer": {
      // Receipts, payment failures, cancellations and refunds: always, to the buyer's address.
      const parsed = buyerOfMessage.safeParse(message.data);
      if (parsed.success) return [parsed.data.user.email];
      logger.error(
        { message_id: message.id, type: message.type },
        "email not planned: the message names no buyer address",
      );
      return [];
    }
    case "referrer": {
      const parsed = commissionData.safeParse(message.data);
      if (!parsed.success) {
        logger.error(
          { message_id: message.id, type: message.type },
          "email not planned: the message names no referrer",
        );
        return [];
      }
      // A refund after payout settles as a negative adjustment: nothing to congratulate anyone on.
      if (parsed.data.kind === "adjustment" || parsed.data.amount <= 0) return [];
      const referrer = await tx.user.findUnique({
        where: { id: parsed.data.beneficiary.id },
        select: { email: true, commissionEmails: true },
      });
      return referrer?.commissionEmails ? [referrer.email] : [];
    }
    case "admins": {
      const admins = await tx.user.findMany({
        where: { role: "ADMIN" },
        select: { email: true },
        orderBy: { email: "asc" },
      });
      return admins.map((admin) => admin.email);
    }
  }
}
