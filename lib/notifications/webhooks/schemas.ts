/** The shapes of Admin → Webhooks forms. */
import { z } from "zod";
import { recordId, storableString } from "@/lib/http/storable-text";
import { outboxEventTypes } from "@/lib/outbox/event-types";

export const endpointInput = z.object({
  url: storableString().trim().min(1, "Enter the receiver's URL").max(2000),
  description: storableString().trim().max(500).default(""),
  // Checkboxes: none ticked means every event type.
  eventTypes: z.array(z.enum(outboxEventTypes, { message: "Unknown event type" })).default([]),
});

export type EndpointInput = z.infer<typeof endpointInput>;

export const endpointIdForm = z.object({ endpointId: recordId });

/** A checkbox: sent as "on" when ticked, absent otherwise. */
const checkbox = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");

export const createEndpointForm = endpointInput.extend({ enabled: checkbox });

export const updateEndpointForm = endpointInput.extend({ endpointId: recordId });

export const endpointEnabledForm = endpointIdForm.extend({
  enabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export const replayDeliveryForm = z.object({ deliveryId: recordId, endpointId: recordId });

/** The fields of an endpoint the admin pages show: never a secret. */
export const endpointFields = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  enabled: true,
  disabledAt: true,
  disabledReason: true,
  previousSecretExpiresAt: true,
  failingSince: true,
  createdAt: true,
} as const;
