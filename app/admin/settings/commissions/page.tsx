import type { Metadata } from "next";
import Link from "next/link";
import { saveCommissionRulesAction } from "@/app/admin/settings/commissions/actions";
import { CommissionRulesForm } from "@/components/admin/commission-rules-form";
import { ReferralTermsNotice } from "@/components/referrals/referral-terms-notice";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { getCommissionRules } from "@/lib/commissions/commission-rules";
import { getReferralTerms } from "@/lib/commissions/get-referral-terms";

export const metadata: Metadata = { title: "Commission settings" };

export default async function CommissionSettingsPage() {
  await requireAdminPage("/admin/settings/commissions");
  const [rules, terms] = await Promise.all([getCommissionRules(), getReferralTerms()]);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/settings" className="text-indigo-700 hover:underline">
          ← Settings
        </Link>
      </p>
      <PageTitle description="What referrers earn on the orders they bring, up to three levels up, and when it can be paid. New rates apply to orders paid from now on.">
        Commissions
      </PageTitle>
      <ReferralTermsNotice terms={terms} audience="admin" />
      <Card>
        <CommissionRulesForm action={saveCommissionRulesAction} rules={rules} />
      </Card>
    </div>
  );
}
