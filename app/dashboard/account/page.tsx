import { changePasswordAction } from "@/app/dashboard/account/actions";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/page-guards";
import { hasPassword } from "@/lib/users/change-password";

export const metadata = { title: "Account" };

type Props = { searchParams: Promise<{ password?: string }> };

export default async function AccountPage({ searchParams }: Props) {
  const user = await requireUserPage("/dashboard/account");
  const [{ password }, withPassword] = await Promise.all([
    searchParams,
    hasPassword({ userId: user.id }),
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
    </Card>
  );
}
