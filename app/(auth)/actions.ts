"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { SignInRateLimited, signIn, signOut } from "@/lib/auth/config";
import { emailLinkDelivery, emailProviderIds, mayIssueEmailLink } from "@/lib/auth/email-links";
import { callbackUrl, credentialsSchema, email, signUpSchema } from "@/lib/auth/schemas";
import { currentUser } from "@/lib/auth/session";
import { rememberSignUpBrowser } from "@/lib/auth/sign-up-browser";
import { AppError } from "@/lib/errors";
import { publicAction } from "@/lib/http/action";
import { findUnverifiedPasswordAccount } from "@/lib/users/find-unverified-password-account";
import { revokeSessions } from "@/lib/users/revoke-sessions";
import { signUp } from "@/lib/auth/sign-up";

function requireEmailLinks() {
  if (emailLinkDelivery() === "off") {
    throw new AppError(
      "not_configured",
      "This server cannot send email (no EMAIL_SERVER), so email links are off.",
    );
  }
}

// Anyone may ask for a link for any address, so this says nothing about whether it has an account.
const linkRateLimited = {
  status: "error",
  error: "rate_limited",
  message:
    "A link was sent to this address less than a minute ago. Check your email, or try again in a minute.",
} as const;

/** Callers check mayIssueEmailLink first (Auth.js's signIn callback enforces it again). */
async function sendLink(
  purpose: keyof typeof emailProviderIds,
  address: string,
  redirectTo: string,
) {
  await signIn(emailProviderIds[purpose], { email: address, redirect: false, redirectTo });
}

export const signInAction = publicAction({
  schema: credentialsSchema.extend({ callbackUrl }),
  keepFields: ["email"],
  async run({ email, password, callbackUrl }) {
    try {
      await signIn("credentials", { email, password, redirectTo: callbackUrl });
    } catch (error) {
      if (error instanceof SignInRateLimited) {
        const minutes = Math.ceil(error.retryAfterSeconds / 60);
        const wait = `${minutes} minute${minutes === 1 ? "" : "s"}`;
        const message = `Too many failed sign-in attempts. Try again in ${wait}.`;
        return { status: "error", error: "rate_limited", message };
      }
      if (error instanceof CredentialsSignin && error.code === "email_unverified") {
        const message = `Confirm your email address first: open the link we sent to ${email}.`;
        return { status: "error", error: "email_unverified", message, data: { email } };
      }
      if (error instanceof AuthError) {
        return { status: "error", error: "unauthorized", message: "Wrong email or password." };
      }
      throw error;
    }
  },
});

/** Answers the same whether or not the address has an account, so sign-up tells nobody who does. */
export const signUpAction = publicAction({
  schema: signUpSchema.extend({ callbackUrl }),
  keepFields: ["name", "email"],
  async run({ name, email, password, callbackUrl }) {
    requireEmailLinks();
    const { created, browserProof } = await signUp({ name, email, password });
    // Only this browser's confirmation keeps the password (a stranger may have typed it).
    await rememberSignUpBrowser(browserProof);
    // A new account confirms its password; for a known address the owner gets a sign-in link.
    // Within the rate limit a link went out moments ago, so the answer stays the same.
    if (await mayIssueEmailLink(email))
      await sendLink(created ? "verify-email" : "sign-in", email, callbackUrl);
    const message = `Check your email: we sent a link to ${email}. Open it to confirm your address and sign in.`;
    return { status: "success", message, data: { email } };
  },
});

export const resendVerificationAction = publicAction({
  schema: z.object({ email, callbackUrl }),
  async run({ email, callbackUrl }) {
    requireEmailLinks();
    if (!(await mayIssueEmailLink(email))) return linkRateLimited;
    if (await findUnverifiedPasswordAccount({ email }))
      await sendLink("verify-email", email, callbackUrl);
    const message = `If ${email} is waiting for confirmation, a new link is on its way.`;
    return { status: "success", message, data: { email } };
  },
});

export const magicLinkAction = publicAction({
  schema: z.object({ email, callbackUrl }),
  keepFields: ["email"],
  async run({ email, callbackUrl }) {
    requireEmailLinks();
    if (!(await mayIssueEmailLink(email))) return linkRateLimited;
    await signIn(emailProviderIds["sign-in"], { email, redirectTo: callbackUrl });
  },
});

/** Signing out ends every session of the account, not only this browser's cookie. */
export async function signOutAction() {
  const user = await currentUser();
  if (user) await revokeSessions({ userId: user.id });
  await signOut({ redirectTo: "/offerings" });
}
