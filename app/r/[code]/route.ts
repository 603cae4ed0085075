import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import {
  parseReferralCode,
  REFERRAL_COOKIE,
  REFERRAL_COOKIE_MAX_AGE,
} from "@/lib/referrals/referral-code";

const offeringId = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * A share link, `/r/{code}` or `/r/{code}?offering={id}`: remembers the code in a first-party
 * cookie for 30 days (the last link clicked wins) and lands on the catalog or the offering. An
 * unknown or malformed code is ignored: the visitor still lands, with no cookie.
 */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const code = parseReferralCode((await params).code);
  const wanted = new URL(request.url).searchParams.get("offering");
  const target = wanted && offeringId.test(wanted) ? `/offerings/${wanted}` : "/offerings";
  const response = Response.redirect(new URL(target, appUrl()), 303);
  const referrer = code
    ? await db.user.findUnique({ where: { referralCode: code }, select: { id: true } })
    : null;
  if (!referrer || !code) return response;
  const redirect = new Response(null, { status: 303, headers: response.headers });
  const secure = appUrl().startsWith("https:") ? "; Secure" : "";
  redirect.headers.append(
    "set-cookie",
    `${REFERRAL_COOKIE}=${code}; Path=/; Max-Age=${REFERRAL_COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax${secure}`,
  );
  return redirect;
}
