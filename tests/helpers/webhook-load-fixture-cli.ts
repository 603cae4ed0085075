/**
 * Writes the rows a webhook load test needs into DATABASE_URL (already migrated), and what it
 * made: `--orders N` pending Stripe orders on one offering with the
 * `checkout.session.completed` event for each, and `--subscribers N` live monthly subscriptions
 * with their renewal events (tooling/seed/live-subscriptions.ts), described in JSON in the file
 * `--out` names (megabytes of events: a pipe cut short by exit would lose them). Run by webhook-load-fixture.ts
 * under tsx, because these lib/ modules import `next/*`, which Playwright's loader cannot resolve.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { prepareSubscribers, renewalEvents } from "../../tooling/seed/live-subscriptions";
import {
  completedEvent,
  createPendingStripeOrders,
} from "../../tooling/seed/pending-stripe-orders";

const { values } = parseArgs({
  options: {
    orders: { type: "string" },
    subscribers: { type: "string", default: "0" },
    out: { type: "string" },
  },
});
const counts = z
  .object({
    orders: z.coerce.number().int().min(1),
    subscribers: z.coerce.number().int().min(0),
    out: z.string().min(1),
  })
  .parse(values);

const offering = await createPendingStripeOrders("load", counts.orders);
const completions = offering.orderIds.map((orderId) => completedEvent(offering, orderId));
const subscribers = counts.subscribers > 0 ? await prepareSubscribers(counts.subscribers) : null;
const renewals = subscribers ? renewalEvents(subscribers) : [];
writeFileSync(counts.out, JSON.stringify({ offering, completions, subscribers, renewals }));
process.exit(0);
