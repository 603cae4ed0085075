/**
 * Why an event did not apply: the codes an `EventResult` carries in `error`, recorded on the
 * ProcessedEvent row and shown in the admin event log, and how each is answered when it refuses
 * a delivery or a request. One list and one table, so a handler cannot invent a code that no
 * caller maps, and every path answers a code with the same status.
 */
import { AppError, type ErrorCode, type ErrorDetails } from "@/lib/errors";

/**
 * Every failure answers non-2xx, so Stripe (which retries any non-2xx) delivers it again:
 * - 409 "not yet": the order may not be committed yet (the checkout's transaction is still open),
 *   so a later delivery can apply; the default for anything unforeseen;
 * - 404 the event names no purchase or user of ours; 400 its object lacks fields its type needs;
 * - 422 refused for good: what was paid, or who paid, contradicts the order. Nothing is granted,
 *   and each retry is refused and recorded the same way.
 */
const answers = {
  amount_mismatch: {
    code: "amount_mismatch",
    message: "The paid amount does not match the order; nothing was granted.",
  },
  price_mismatch: {
    code: "amount_mismatch",
    message: "The paid price is not one of the offering's prices; nothing was granted.",
  },
  user_mismatch: { code: "validation_failed", message: "The purchase belongs to another user." },
  malformed_event: {
    code: "bad_request",
    message: "The event's object is missing fields this event type needs.",
  },
  purchase_not_found: { code: "not_found", message: "No matching purchase." },
  user_not_found: { code: "not_found", message: "No matching user." },
  order_not_found: {
    code: "conflict",
    message: "The event's order is not there (yet); a later delivery applies it.",
  },
  no_order_reference: { code: "conflict", message: "The event names no order of ours." },
  unknown_customer: { code: "conflict", message: "The event's customer is not one of ours." },
  unknown_subscription: {
    code: "conflict",
    message: "The event's subscription is not one of ours.",
  },
  not_a_recurring_offering: {
    code: "conflict",
    message: "The subscription is for an offering that is not recurring.",
  },
  subscription_of_another_purchase: {
    code: "conflict",
    message: "The subscription belongs to another purchase.",
  },
  duplicate_subscription: {
    code: "conflict",
    message: "A second subscription for one purchase was canceled.",
  },
} as const satisfies Record<string, { code: ErrorCode; message: string }>;

export type EventFailure = keyof typeof answers;

export const eventFailures = Object.keys(answers) as EventFailure[];

/**
 * The refusal for an event that ended FAILED. The handler's own words (`details.message`), when
 * it gave some, replace the table's; `details` go into the answer as they are.
 */
export function eventFailureToAppError(
  failure: EventFailure | undefined,
  details: ErrorDetails = {},
): AppError {
  const answer = failure
    ? answers[failure]
    : { code: "conflict" as const, message: "The event could not be applied." };
  const message = typeof details.message === "string" ? details.message : answer.message;
  return new AppError(answer.code, message, details);
}
