import { Pagination } from "@/components/admin/pagination";
import { CommissionTotals } from "@/components/commissions/commission-totals";
import { ReferralEntriesTable } from "@/components/referrals/referral-entries-table";
import { ReferredPeopleTable } from "@/components/referrals/referred-people-table";
import { ShareLink } from "@/components/referrals/share-link";
import { PageTitle } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/page-guards";
import { getReferralTerms } from "@/lib/commissions/get-referral-terms";
import { listUserCommissions } from "@/lib/commissions/list-user-commissions";
import { appUrl } from "@/lib/env";
import { pageQuery } from "@/lib/http/paging";
import { ensureReferralCode } from "@/lib/referrals/ensure-referral-code";
import { listReferredPeople } from "@/lib/referrals/list-referred-people";

export const metadata = { title: "Referrals" };

const ENTRIES_PER_PAGE = 25;

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function ReferralsPage({ searchParams }: Props) {
  const user = await requireUserPage("/dashboard/referrals");
  const { page } = pageQuery.parse(await searchParams);
  const [code, people, ledger, terms] = await Promise.all([
    ensureReferralCode(user.id),
    listReferredPeople({ referrerId: user.id }),
    listUserCommissions({ userId: user.id, page, pageSize: ENTRIES_PER_PAGE }),
    getReferralTerms(),
  ]);

  return (
    <div className="space-y-8">
      <PageTitle description="Share your link, see who bought through it and what you earned.">
        Referrals
      </PageTitle>
      <ShareLink url={`${appUrl()}/r/${code}`} terms={terms} />
      <section aria-labelledby="totals-heading" className="space-y-3">
        <h2 id="totals-heading" className="text-lg font-semibold">
          Totals
        </h2>
        <p className="text-sm text-slate-600">
          A commission stays pending for {ledger.holdDays} days, then counts as earned; it is paid
          when we send the payout. A refund reverses it.
        </p>
        <CommissionTotals
          totals={ledger.totals}
          caption="Your commissions per currency and status"
        />
      </section>
      <section aria-labelledby="entries-heading" className="space-y-3">
        <h2 id="entries-heading" className="text-lg font-semibold">
          Commissions
        </h2>
        <ReferralEntriesTable entries={ledger.items} />
        {ledger.total > ENTRIES_PER_PAGE ? (
          <Pagination
            basePath="/dashboard/referrals"
            page={ledger.page}
            pageSize={ledger.pageSize}
            total={ledger.total}
          />
        ) : null}
      </section>
      <section aria-labelledby="people-heading" className="space-y-3">
        <h2 id="people-heading" className="text-lg font-semibold">
          People you referred
        </h2>
        <ReferredPeopleTable people={people} />
      </section>
    </div>
  );
}
