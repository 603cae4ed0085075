"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signIn } from "@/lib/auth/config";
import { password } from "@/lib/auth/schemas";
import { userAction } from "@/lib/auth/action-guards";
import { changePassword } from "@/lib/users/change-password";
import { setEmailPreferences } from "@/lib/users/email-preferences";

export const changePasswordAction = userAction({
  schema: z.object({ currentPassword: z.string().max(200).default(""), newPassword: password }),
  async run({ currentPassword, newPassword }, { user }) {
    await changePassword({ userId: user.id, currentPassword, newPassword });
    // Every session just ended, this one included: sign this browser in again with the new password.
    await signIn("credentials", {
      email: user.email,
      password: newPassword,
      redirectTo: "/dashboard/account?password=changed",
    });
  },
});

export const setCommissionEmailsAction = userAction({
  schema: z.object({ commissionEmails: z.enum(["on", "off"]) }),
  async run({ commissionEmails }, { user }) {
    const saved = await setEmailPreferences({
      userId: user.id,
      commissionEmails: commissionEmails === "on",
    });
    revalidatePath("/dashboard/account");
    const now = saved.commissionEmails ? "on" : "off";
    return {
      status: "success",
      message: saved.commissionEmails
        ? "Commission emails are on."
        : "Commission emails are off. Receipts and payment failures still come.",
      data: { commissionEmails: now },
    };
  },
});
