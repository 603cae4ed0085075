import { cookies } from "next/headers";
import { parseReferralCode, REFERRAL_COOKIE } from "@/lib/referrals/referral-code";

/** The referral code the visitor's last referral link left in their cookie, if it is well formed. */
export async function referralCodeFromCookie(): Promise<string | null> {
  return parseReferralCode((await cookies()).get(REFERRAL_COOKIE)?.value);
}
