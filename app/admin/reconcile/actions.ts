"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/auth/action-guards";
import { reconcileAsAdmin, summarizeReconcile } from "@/lib/payments/stripe/reconcile";

const YEAR_MS = 366 * 86_400_000;

/** A day (YYYY-MM-DD, UTC) within the last year, not in the future. */
const sinceDay = z.iso
  .date({ message: "Pick a date." })
  .transform((day) => new Date(`${day}T00:00:00Z`))
  .refine((since) => since.getTime() <= Date.now(), "The date cannot be in the future.")
  .refine((since) => Date.now() - since.getTime() <= YEAR_MS, "Pick a date within the last year.");

export const reconcileAction = adminAction({
  schema: z.object({ since: sinceDay }),
  keepFields: ["since"],
  async run({ since }, { user }) {
    const report = await reconcileAsAdmin({ since, adminId: user.id });
    revalidatePath("/admin/reconcile");
    return {
      status: "success",
      message: summarizeReconcile(report),
      data: { fixed: String(report.fixed.length), notApplied: String(report.notApplied.length) },
    };
  },
});
