/**
 * The emails a user may turn off: those about the commissions they earn and are paid (the email
 * channel reads User.commissionEmails when it plans them). Receipts, payment failures and the
 * rest about their own purchases are always sent.
 */
import { db } from "@/lib/db";

export type EmailPreferences = { commissionEmails: boolean };

export async function getEmailPreferences({
  userId,
}: {
  userId: string;
}): Promise<EmailPreferences> {
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: { commissionEmails: true } });
}

export type SetEmailPreferencesOptions = { userId: string } & EmailPreferences;

export async function setEmailPreferences({
  userId,
  commissionEmails,
}: SetEmailPreferencesOptions): Promise<EmailPreferences> {
  return db.user.update({
    where: { id: userId },
    data: { commissionEmails },
    select: { commissionEmails: true },
  });
}
