/**
 * Fault switches for tests: make the API slow (every answer delayed), down (connections
 * dropped, as when there is no route to Stripe), failing (500 api_error) or throttling (429
 * rate_limit). Pages and `/_sandbox/*` are not affected, so tests can always switch back.
 */
import { z } from "zod";

export const faultModeSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000),
    failure: z.enum(["none", "down", "500", "429"]),
  })
  .partial()
  .strict();

export type FaultMode = { latencyMs: number; failure: "none" | "down" | "500" | "429" };

export const NO_FAULTS: FaultMode = { latencyMs: 0, failure: "none" };

export const faultAnswers = {
  "500": {
    status: 500,
    body: {
      error: { type: "api_error", message: "An unknown error occurred (sandbox fault switch)." },
    },
  },
  "429": {
    status: 429,
    body: {
      error: {
        type: "invalid_request_error",
        code: "rate_limit",
        message: "Too many requests hit the API too quickly (sandbox fault switch).",
      },
    },
  },
} as const;
