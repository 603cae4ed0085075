/**
 * Auth.js: email + password (bcrypt) and email links, users stored through the Prisma adapter.
 * Sessions are JWTs (required for credentials) that carry the user's session version, so that
 * raising it ends them (lib/users/revoke-sessions.ts); roles are read from the database on every
 * server-side check (lib/auth/session.ts), never trusted from the token.
 *
 * Two email providers share Auth.js's single-use, 24-hour, address-bound tokens: "nodemailer"
 * sends sign-in links, "email-verification" confirms a password sign-up. The first link that
 * proves an address decides what a password set before it is worth (confirm-email-ownership.ts);
 * the sign-up link keeps it only in the browser that signed up (sign-up-browser.ts).
 */
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import type { JWT } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import Nodemailer from "next-auth/providers/nodemailer";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import {
  EMAIL_LINK_MAX_AGE_SECONDS,
  emailLinkDelivery,
  emailProviderIds,
  mayIssueEmailLink,
  sendEmailLink,
  type EmailLinkPurpose,
} from "@/lib/auth/email-links";
import { authLogger } from "@/lib/auth/auth-logger";
import { safeRedirect } from "@/lib/auth/safe-redirect";
import { credentialsSchema } from "@/lib/auth/schemas";
import { isSignUpBrowser, SIGN_UP_BROWSER_COOKIE } from "@/lib/auth/sign-up-browser";
import { logger } from "@/lib/logger";
import { clientAddressFrom } from "@/lib/security/rate-limit";
import { claimUnclaimedPayments } from "@/lib/users/claim-unclaimed-payments";
import { confirmEmailOwnership } from "@/lib/users/confirm-email-ownership";
import { promoteConfiguredAdmin } from "@/lib/users/promote-configured-admin";
import { signInWithPassword } from "@/lib/users/sign-in-with-password";

declare module "next-auth" {
  interface Session {
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sessionVersion?: number;
  }
}

/** A correct password for an address whose owner has not opened the verification link yet. */
class EmailUnverified extends CredentialsSignin {
  code = "email_unverified";
}

/** Too many failed sign-ins for the account or from the address (lib/security/rate-limit.ts). */
export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

function emailProvider(purpose: EmailLinkPurpose, server: string | undefined, from: string) {
  return Nodemailer({
    id: emailProviderIds[purpose],
    server: server ?? { jsonTransport: true },
    from,
    maxAge: EMAIL_LINK_MAX_AGE_SECONDS,
    sendVerificationRequest: ({ identifier, url }) => sendEmailLink({ identifier, url, purpose }),
  });
}

/**
 * Whether a session token is still its user's: its version is the user's current one (signing
 * out, changing the password and confirming the address raise it). Checked in the jwt callback,
 * so `/api/auth/session`, `auth()` and currentUser() all agree that an old token is signed out.
 */
async function isCurrentSession(token: JWT): Promise<boolean> {
  if (!token.sub || token.sessionVersion === undefined) return false;
  try {
    const user = await db.user.findUnique({
      where: { id: token.sub },
      select: { sessionVersion: true },
    });
    return user?.sessionVersion === token.sessionVersion;
  } catch (error) {
    // Database unreachable: keep the cookie rather than sign everyone out during an outage;
    // currentUser() reads the user itself and fails closed.
    logger.warn({ err: error }, "session version unreadable; session kept");
    return true;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth((request) => {
  const env = getEnv();
  // Sent only with requests to /api/auth/callback/*: set by sign-up in this browser.
  const signUpBrowserProof = request?.cookies.get(SIGN_UP_BROWSER_COOKIE)?.value;
  const emailLinks = emailLinkDelivery(env) === "off" ? [] : (["sign-in", "verify-email"] as const);
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    adapter: PrismaAdapter(db as never) as Adapter,
    session: { strategy: "jwt" },
    logger: authLogger,
    pages: { signIn: "/signin", verifyRequest: "/signin?check-email=1", error: "/signin" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        // The request carries the browser's headers, whether the form's action or a client
        // posting to /api/auth/callback/credentials sent it: both are limited alike.
        async authorize(input, request) {
          const parsed = credentialsSchema.safeParse(input);
          if (!parsed.success) return null;
          const clientAddress = clientAddressFrom(request.headers);
          const check = await signInWithPassword({ ...parsed.data, clientAddress });
          if (check.status === "rate_limited") throw new SignInRateLimited(check.retryAfterSeconds);
          if (check.status === "unverified") throw new EmailUnverified();
          return check.status === "ok" ? check.user : null;
        },
      }),
      ...emailLinks.map((purpose) => emailProvider(purpose, env.EMAIL_SERVER, env.EMAIL_FROM)),
    ],
    events: {
      async createUser({ user }) {
        // Only a sign-in link creates users here, and it has just proved the address.
        if (user.id) await promoteConfiguredAdmin({ userId: user.id });
      },
      async signIn({ user, account }) {
        // An emailed link proved the address: payments kept for it are its owner's now.
        if (account?.type === "email" && user.id) await claimUnclaimedPayments(user.id);
      },
    },
    callbacks: {
      async signIn({ user, account, email }) {
        if (account?.type !== "email" || !user.email) return true;
        // Asking for a link: at most one a minute and five an hour per address.
        if (email?.verificationRequest) return mayIssueEmailLink(user.email);
        // Opening a link: the first one to prove the address settles the account.
        // The password chosen at sign-up survives only when the sign-up's own browser opens it.
        if (user.id) {
          const confirmsSignUp = account.provider === emailProviderIds["verify-email"];
          const keepPassword =
            confirmsSignUp &&
            (await isSignUpBrowser({ userId: user.id, proof: signUpBrowserProof }));
          await confirmEmailOwnership({ userId: user.id, keepPassword });
        }
        return true;
      },
      redirect: safeRedirect,
      async jwt({ token, user }) {
        if (user?.id) {
          const row = await db.user.findUnique({
            where: { id: user.id },
            select: { sessionVersion: true },
          });
          token.sessionVersion = row?.sessionVersion ?? 0;
          return token;
        }
        // null ends the session: Auth.js answers without one and clears the cookie.
        return (await isCurrentSession(token)) ? token : null;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.sessionVersion = token.sessionVersion;
        return session;
      },
    },
  };
});
