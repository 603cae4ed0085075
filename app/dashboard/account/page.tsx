import { changePasswordAction, setCommissionEmailsAction } from "@/app/dashboard/account/actions";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { CommissionEmailsForm } from "@/components/account/commission-emails-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/page-guards";
import { hasPassword } from "@/lib/users/change-password";
import { getEmailPreferences } from "@/lib/users/email-preferences";

export const metadata = { title: "Account" };

type Props = { searchParams: Promise<{ password?: string }> };

export default async function AccountPage({ searchParams }: Props) {
  const user = await requireUserPage("/dashboard/account");
  const [{ password }, withPassword, preferences] = await Promise.all([
    searchParams,
    hasPassword({ userId: user.id }),
    getEmailPreferences({ userId: user.id }),
  ]);
  return (
    <Card className="mx-auto max-w-md space-y-4">
      <PageTitle description={user.email}>Account</PageTitle>
      {password === "changed" ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Password changed. Every other session of this account has been signed out.
        </p>
      ) : null}
      <h2 className="text-sm font-semibold text-slate-900">
        {withPassword ? "Change password" : "Set a password"}
      </h2>
      {withPassword ? null : (
        <p className="text-sm text-slate-600">
          You sign in by email link; a password lets you sign in without one.
        </p>
      )}
      <ChangePasswordForm askCurrent={withPassword} action={changePasswordAction} />
      <section
        aria-labelledby="emails-heading"
        className="space-y-3 border-t border-slate-200 pt-4"
      >
        <h2 id="emails-heading" className="text-sm font-semibold text-slate-900">
          Emails
        </h2>
        <CommissionEmailsForm
          on={preferences.commissionEmails}
          action={setCommissionEmailsAction}
        />
        <p className="text-sm text-slate-600">
          Commission emails tell you when someone you referred buys and when you are paid. Receipts
          and payment failures are always sent.
        </p>
      </section>
    </Card>
  );
}
