import { db } from "@/lib/db";

/**
 * Ends every session of a user: each session token carries the version it was issued with, and
 * currentUser() refuses a token whose version is no longer the user's.
 */
export async function revokeSessions({ userId }: { userId: string }) {
  await db.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { id: true },
  });
}
