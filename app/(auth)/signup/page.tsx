import Link from "next/link";
import { resendVerificationAction, signUpAction } from "@/app/(auth)/actions";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card, PageTitle } from "@/components/ui/card";
import { emailLinkDelivery } from "@/lib/auth/email-links";
import { callbackUrl as callbackUrlSchema } from "@/lib/auth/schemas";

export const metadata = { title: "Create an account" };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export default async function SignUpPage({ searchParams }: Props) {
  const callbackUrl = callbackUrlSchema.parse((await searchParams).callbackUrl);
  return (
    <Card className="mx-auto max-w-md">
      <PageTitle description="It takes a few seconds.">Create an account</PageTitle>
      {emailLinkDelivery() === "off" ? (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Sign-up is closed on this server: new accounts confirm their email address, and this
          server has no mail server configured (EMAIL_SERVER).
        </p>
      ) : (
        <SignUpForm
          callbackUrl={callbackUrl}
          actions={{ signUp: signUpAction, resend: resendVerificationAction }}
        />
      )}
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link
          className="font-semibold text-indigo-700"
          href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        >
          Sign in
        </Link>
      </p>
    </Card>
  );
}
