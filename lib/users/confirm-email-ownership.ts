import { db } from "@/lib/db";
import { claimUnclaimedPayments } from "@/lib/users/claim-unclaimed-payments";
import { isConfiguredAdmin } from "@/lib/users/promote-configured-admin";

export type ConfirmEmailOwnershipOptions = {
  userId: string;
  /**
   * True when the link was the one sent at sign-up, confirming the password chosen there. A
   * plain sign-in link proves the address but not who set the password: a stranger may have
   * signed up with it first (account pre-hijacking), so that password is discarded.
   */
  keepPassword: boolean;
};

/**
 * The first time the owner of an address proves it: mark it verified, make a configured admin
 * an admin, drop a password set by somebody else, end every session opened before, and grant
 * the payments kept for the address. Runs once; a second call (or a concurrent one) changes
 * nothing.
 */
export async function confirmEmailOwnership({
  userId,
  keepPassword,
}: ConfirmEmailOwnershipOptions) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return { confirmed: false };
  const { count } = await db.user.updateMany({
    where: { id: userId, emailVerified: null },
    data: {
      emailVerified: new Date(),
      sessionVersion: { increment: 1 },
      ...(keepPassword ? {} : { passwordHash: null }),
      ...(isConfiguredAdmin(user.email) ? { role: "ADMIN" as const } : {}),
    },
  });
  // Payments kept for this address until its owner proved it are theirs now.
  const claimed = count === 1 ? await claimUnclaimedPayments(userId) : 0;
  return { confirmed: count === 1, claimed };
}
