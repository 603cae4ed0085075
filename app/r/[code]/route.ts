import { appUrl } from "@/lib/env";
import { REFERRAL_COOKIE, REFERRAL_COOKIE_MAX_AGE } from "@/lib/referrals/referral-code";
import { shareLinkLanding } from "@/lib/referrals/share-link-landing";

/**
 * A share link, `/r/{code}` or `/r/{code}?offering={id}`: remembers the code in a first-party
 * cookie for 30 days (the last link clicked wins) and lands on the catalog or the offering.
 */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const landing = await shareLinkLanding(code, new URL(request.url).searchParams.get("offering"));
  const headers = new Headers({ location: new URL(landing.target, appUrl()).toString() });
  if (landing.referralCode) {
    const secure = appUrl().startsWith("https:") ? "; Secure" : "";
    headers.append(
      "set-cookie",
      `${REFERRAL_COOKIE}=${landing.referralCode}; Path=/; Max-Age=${REFERRAL_COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax${secure}`,
    );
  }
  return new Response(null, { status: 303, headers });
}
