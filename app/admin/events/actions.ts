"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/lib/http/storable-text";
import { adminAction } from "@/lib/auth/action-guards";
import { replayEvent } from "@/lib/payments/replay-event";

export const replayEventAction = adminAction({
  schema: z.object({ eventRecordId: recordId }),
  async run({ eventRecordId }, { user }) {
    const result = await replayEvent({ eventRecordId, adminId: user.id });
    revalidatePath(`/admin/events/${eventRecordId}`);
    revalidatePath("/admin/events");
    // A replay that found its work done elsewhere kept the event's outcome on purpose.
    const failed =
      result.replayed &&
      !result.changedNothing &&
      (result.outcome === "FAILED" || result.outcome === "UNMATCHED");
    return failed
      ? { status: "error", error: "conflict", message: result.message }
      : { status: "success", message: result.message };
  },
});
