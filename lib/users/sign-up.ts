import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { isUniqueViolation } from "@/lib/prisma-errors";
import { isConfiguredAdmin } from "@/lib/users/promote-configured-admin";

export type SignUpOptions = { name: string; email: string; password: string };

export async function signUp({ name, email, password }: SignUpOptions) {
  const role = isConfiguredAdmin(email) ? "ADMIN" : "USER";
  try {
    return await db.user.create({
      data: { name: name || null, email, passwordHash: await hashPassword(password), role },
      select: { id: true, email: true, role: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}
