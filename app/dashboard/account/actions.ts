"use server";

import { z } from "zod";
import { signIn } from "@/lib/auth/config";
import { password } from "@/lib/auth/schemas";
import { userAction } from "@/lib/auth/action-guards";
import { changePassword } from "@/lib/users/change-password";

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
