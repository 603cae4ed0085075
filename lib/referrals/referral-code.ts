import { z } from "zod";

/** Referral codes are short URL-safe strings; anything else is ignored, never an error. */
export const referralCode = z.string().regex(/^[A-Za-z0-9_-]{4,32}$/);

export const REFERRAL_COOKIE = "ref";
export const REFERRAL_COOKIE_MAX_AGE = 30 * 24 * 60 * 60;

/** The code a cookie value carries, or null when it is missing or malformed. */
export function parseReferralCode(value: string | undefined | null): string | null {
  const parsed = referralCode.safeParse(value);
  return parsed.success ? parsed.data : null;
}
