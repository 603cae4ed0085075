import type { Tx } from "@/lib/db";
import { parseReferralCode } from "@/lib/referrals/referral-code";

/**
 * The referrer a referral code names for this buyer, decided on the server: an unknown or
 * malformed code names nobody, and nobody refers themselves.
 */
export async function findReferrer(
  tx: Tx,
  code: string | null | undefined,
  buyerId: string,
): Promise<string | null> {
  const valid = parseReferralCode(code);
  if (!valid) return null;
  const referrer = await tx.user.findUnique({
    where: { referralCode: valid },
    select: { id: true },
  });
  return referrer && referrer.id !== buyerId ? referrer.id : null;
}
