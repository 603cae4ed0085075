import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/prisma-errors";

// Lower case and digits without look-alikes (0/o, 1/l/i), so a code read aloud or retyped works.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const LENGTH = 10;
const ATTEMPTS = 5;

export function randomReferralCode(): string {
  let code = "";
  for (let index = 0; index < LENGTH; index++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/**
 * The user's referral code, created on first use: a random URL-safe code (31^10 ≈ 8·10^14
 * values). The unique index decides a clash; the write only fills an empty code, so two
 * concurrent first visits agree on one code.
 */
export async function ensureReferralCode(userId: string): Promise<string> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const user = await db.user.findUnique({
      where: { id: userId },
      select: { referralCode: true },
    });
    if (!user) throw new AppError("not_found", "No user has this id.");
    if (user.referralCode) return user.referralCode;
    try {
      await db.user.updateMany({
        where: { id: userId, referralCode: null },
        data: { referralCode: randomReferralCode() },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new AppError("conflict", "Could not create a referral code; try again.");
}
