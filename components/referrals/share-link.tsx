import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ReferralTermsNotice } from "@/components/referrals/referral-terms-notice";
import type { ReferralTerms } from "@/lib/commissions/get-referral-terms";

/** The referrer's link, selectable and copyable, and what it earns today. */
export function ShareLink({ url, terms }: { url: string; terms: ReferralTerms }) {
  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">Your share link</h2>
      <ReferralTermsNotice terms={terms} audience="referrer" />
      <div className="flex flex-wrap items-center gap-3">
        <code
          data-testid="share-link"
          className="min-w-0 break-all rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800"
        >
          {url}
        </code>
        <CopyButton value={url} label="Copy link" />
      </div>
    </Card>
  );
}
