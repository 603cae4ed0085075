/**
 * `/v1/subscription_schedules`: create (`from_subscription` only), retrieve, update (`phases`,
 * `end_behavior` `release`, `proration_behavior`, `metadata`) and release. What the phases may
 * say is in billing/schedules.ts.
 */
import {
  releaseSchedule,
  scheduleFromSubscription,
  setSchedulePhases,
  type PhaseInput,
} from "../billing/schedules";
import { invalidRequest } from "./errors";
import type { Params } from "./form";
import { mergeMetadata } from "./catalog-api";
import { expandObject, route, type Route } from "./router";

const INTERVALS = ["day", "week", "month", "year"] as const;

function phaseFrom(phase: Params): PhaseInput {
  const items = (phase.list("items") ?? []).map((item) => ({
    price: item.requiredString("price"),
    quantity: item.integer("quantity") ?? 1,
  }));
  if (items.length === 0)
    throw invalidRequest("Missing required param: items.", { param: phase.name("items") });
  const start = phase.string("start_date");
  const duration = phase.object("duration");
  return {
    items,
    startDate: start === undefined || start === "now" ? undefined : phase.integer("start_date"),
    endDate: phase.integer("end_date"),
    duration: duration
      ? {
          interval: duration.oneOf("interval", INTERVALS) ?? "month",
          count: duration.integer("interval_count") ?? 1,
        }
      : undefined,
  };
}

export const scheduleRoutes: Route[] = [
  route("POST", "/v1/subscription_schedules", ({ context, params, expand }) => {
    const id = params.string("from_subscription");
    if (!id) {
      throw invalidRequest(
        "The Stripe sandbox creates subscription schedules from an existing subscription: pass `from_subscription`.",
        { param: "from_subscription" },
      );
    }
    const subscription = context.store.subscription(id, "from_subscription");
    return expandObject(context.store, scheduleFromSubscription(context, subscription), expand);
  }),
  route("GET", "/v1/subscription_schedules/:id", ({ context, pathParams, expand }) => {
    return expandObject(context.store, context.store.subscriptionSchedule(pathParams[0]), expand);
  }),
  route("POST", "/v1/subscription_schedules/:id", ({ context, pathParams, params, expand }) => {
    const schedule = context.store.subscriptionSchedule(pathParams[0]);
    const endBehavior = params.oneOf("end_behavior", ["release", "cancel"] as const);
    if (endBehavior === "cancel") {
      throw invalidRequest("The Stripe sandbox only models end_behavior=release.", {
        param: "end_behavior",
      });
    }
    params.oneOf("proration_behavior", ["create_prorations", "always_invoice", "none"] as const);
    const phases = params.list("phases");
    if (phases) setSchedulePhases(context, schedule, phases.map(phaseFrom));
    const metadata = params.metadata();
    if (metadata) schedule.metadata = mergeMetadata(schedule.metadata, metadata);
    return expandObject(context.store, schedule, expand);
  }),
  route("POST", "/v1/subscription_schedules/:id/release", ({ context, pathParams, expand }) => {
    const schedule = context.store.subscriptionSchedule(pathParams[0]);
    releaseSchedule(context, schedule);
    return expandObject(context.store, schedule, expand);
  }),
];
