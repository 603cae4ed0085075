import { db } from "@/lib/db";
import { parseReferralCode } from "@/lib/referrals/referral-code";

const offeringId = /^[A-Za-z0-9_-]{1,100}$/;

export type ShareLinkLanding = { target: string; referralCode: string | null };

/**
 * Where a share link (`/r/{code}?offering={id}`) lands, and the code to remember: only a code
 * that names a user; an unknown or malformed one is ignored, never an error.
 */
export async function shareLinkLanding(
  code: string,
  offering: string | null,
): Promise<ShareLinkLanding> {
  const target = offering && offeringId.test(offering) ? `/offerings/${offering}` : "/offerings";
  const valid = parseReferralCode(code);
  const owner = valid
    ? await db.user.findUnique({ where: { referralCode: valid }, select: { id: true } })
    : null;
  return { target, referralCode: owner ? valid : null };
}
