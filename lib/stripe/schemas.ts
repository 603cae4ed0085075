import { z } from "zod";
import { recordId } from "@/lib/http/storable-text";

export const checkoutSessionRequest = z.object({ offeringId: recordId });

export const captureRequest = z.object({
  session_id: z
    .string()
    .trim()
    .regex(/^cs_[A-Za-z0-9_]+$/, "session_id must be a Checkout Session id (cs_…)"),
});
