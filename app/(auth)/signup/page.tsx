import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card, PageTitle } from "@/components/ui/card";
import { callbackUrl as callbackUrlSchema } from "@/lib/auth/schemas";

export const metadata = { title: "Create an account" };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export default async function SignUpPage({ searchParams }: Props) {
  const callbackUrl = callbackUrlSchema.parse((await searchParams).callbackUrl);
  return (
    <Card className="mx-auto max-w-md">
      <PageTitle description="It takes a few seconds.">Create an account</PageTitle>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link className="font-semibold text-indigo-700" href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          Sign in
        </Link>
      </p>
    </Card>
  );
}
