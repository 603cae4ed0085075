"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { callbackUrl, credentialsSchema, email, signUpSchema } from "@/lib/auth/schemas";
import { publicAction } from "@/lib/http/action";
import { signUp } from "@/lib/users/sign-up";

const wrongCredentials = { status: "error", error: "unauthorized", message: "Wrong email or password." } as const;

export const signInAction = publicAction({
  schema: credentialsSchema.extend({ callbackUrl }),
  async run({ email, password, callbackUrl }) {
    try {
      await signIn("credentials", { email, password, redirectTo: callbackUrl });
    } catch (error) {
      if (error instanceof AuthError) return wrongCredentials;
      throw error;
    }
  },
});

export const signUpAction = publicAction({
  schema: signUpSchema.extend({ callbackUrl }),
  async run({ name, email, password, callbackUrl }) {
    await signUp({ name, email, password });
    await signIn("credentials", { email, password, redirectTo: callbackUrl });
  },
});

export const magicLinkAction = publicAction({
  schema: z.object({ email, callbackUrl }),
  async run({ email, callbackUrl }) {
    await signIn("nodemailer", { email, redirectTo: callbackUrl });
  },
});

export async function signOutAction() {
  await signOut({ redirectTo: "/offerings" });
}
