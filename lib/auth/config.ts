/**
 * Auth.js: email + password (bcrypt) and email magic links, users stored through the Prisma
 * adapter. Sessions are JWTs (required for credentials); roles are read from the database on
 * every server-side check (lib/auth/session.ts), never trusted from the token.
 */
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import type { Adapter } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import Nodemailer from "next-auth/providers/nodemailer";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { credentialsSchema } from "@/lib/auth/schemas";
import { authenticateWithPassword } from "@/lib/users/authenticate-with-password";
import { promoteConfiguredAdmin } from "@/lib/users/promote-configured-admin";

function logMagicLink({ identifier, url }: { identifier: string; url: string }): Promise<void> {
  console.log(`[auth] magic sign-in link for ${identifier}: ${url}`);
  return Promise.resolve();
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    adapter: PrismaAdapter(db as never) as Adapter,
    session: { strategy: "jwt" },
    pages: { signIn: "/signin", verifyRequest: "/signin?check-email=1", error: "/signin" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(input) {
          const parsed = credentialsSchema.safeParse(input);
          if (!parsed.success) return null;
          return authenticateWithPassword(parsed.data);
        },
      }),
      Nodemailer({
        server: env.EMAIL_SERVER ?? { jsonTransport: true },
        from: env.EMAIL_FROM,
        // Without a mail server (development, demo) the link goes to the server log.
        ...(env.EMAIL_SERVER ? {} : { sendVerificationRequest: logMagicLink }),
      }),
    ],
    events: {
      async createUser({ user }) {
        if (user.id && user.email) await promoteConfiguredAdmin({ userId: user.id, email: user.email });
      },
    },
    callbacks: {
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
});
