import Link from "next/link";
import { magicLinkAction, resendVerificationAction, signInAction } from "@/app/(auth)/actions";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, PageTitle } from "@/components/ui/card";
import { emailLinkDelivery } from "@/lib/auth/email-links";
import { callbackUrl as callbackUrlSchema } from "@/lib/auth/schemas";

export const metadata = { title: "Sign in" };

type Props = {
  searchParams: Promise<{ callbackUrl?: string; "check-email"?: string; error?: string }>;
};

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = callbackUrlSchema.parse(params.callbackUrl);
  return (
    <Card className="mx-auto max-w-md">
      <PageTitle description="Welcome back.">Sign in</PageTitle>
      {params["check-email"] ? (
        <p role="status" className="mb-4 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-800">
          Check your email for a sign-in link.{" "}
          {emailLinkDelivery() === "log" ? "(This development server prints it in its log.)" : null}
        </p>
      ) : null}
      {params.error ? (
        <p role="alert" className="mb-4 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          That sign-in did not work. The link may have expired; try again.
        </p>
      ) : null}
      <SignInForm
        callbackUrl={callbackUrl}
        emailLinks={emailLinkDelivery() !== "off"}
        actions={{
          signIn: signInAction,
          magicLink: magicLinkAction,
          resend: resendVerificationAction,
        }}
      />
      <p className="mt-6 text-center text-sm text-slate-600">
        New here?{" "}
        <Link
          className="font-semibold text-indigo-700"
          href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        >
          Create an account
        </Link>
      </p>
    </Card>
  );
}
