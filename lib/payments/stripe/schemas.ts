import { z } from "zod";

export const checkoutSessionRequest = z.object({ offeringId: z.string().trim().min(1).max(100) });

export const captureRequest = z.object({
  session_id: z.string().trim().regex(/^cs_[A-Za-z0-9_]+$/, "session_id must be a Checkout Session id (cs_…)"),
});
