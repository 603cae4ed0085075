import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/users/password";

export type ChangePasswordOptions = {
  userId: string;
  currentPassword: string;
  newPassword: string;
};

/**
 * Sets a new password (or a first one, for accounts that sign in by link), and ends every
 * session of the account: whoever knew the old password is signed out everywhere.
 */
export async function changePassword({
  userId,
  currentPassword,
  newPassword,
}: ChangePasswordOptions) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true },
  });
  if (user.passwordHash && !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new AppError("validation_failed", "The current password is wrong.", {
      field: "currentPassword",
    });
  }
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(newPassword), sessionVersion: { increment: 1 } },
    select: { id: true },
  });
}

export async function hasPassword({ userId }: { userId: string }): Promise<boolean> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true },
  });
  return user.passwordHash !== null;
}
