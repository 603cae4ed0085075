/** The shapes admin forms and query strings arrive in, composed from the domain schemas. */
import { z } from "zod";
import { storableString } from "@/lib/http/storable-text";
import { communityInput } from "@/lib/communities/schemas";
import { idParam, offeringInput, stripeSigningSecret } from "@/lib/offerings/schemas";
import { optionalFilter } from "@/lib/http/paging";
import { keysetQuery } from "@/lib/http/keyset-paging";

export const offeringIdForm = z.object({ offeringId: idParam });

export const offeringUpdateForm = offeringIdForm.and(offeringInput);

export const offeringArchiveForm = offeringIdForm.extend({
  archived: z.enum(["true", "false"]).transform((value) => value === "true"),
});

/** The Stripe signing secret form: Save sends the secret, Remove sends none. */
export const stripeSigningSecretForm = z.discriminatedUnion("intent", [
  offeringIdForm.extend({ intent: z.literal("save"), signingSecret: stripeSigningSecret }),
  offeringIdForm.extend({ intent: z.literal("remove") }),
]);

export const communityIdForm = z.object({ communityId: idParam });

export const communityUpdateForm = communityIdForm.and(communityInput);

export const eventOutcomes = ["PROCESSED", "IGNORED", "UNMATCHED", "FAILED"] as const;

/** The event log's filter (paged by ?after= / ?before=, lib/http/keyset-paging.ts): one outcome, or all of them; `dead=1`: the dead letters. */
export const eventQuery = keysetQuery.extend({
  outcome: z.enum(eventOutcomes).optional().catch(undefined),
  dead: z
    .enum(["1"])
    .optional()
    .catch(undefined)
    .transform((value) => value === "1"),
});

export const purchaseStatuses = ["PENDING", "SUCCEEDED", "FAILED", "REFUNDED", "EXPIRED"] as const;

/** The admin purchases list's filters; a bad value means "no filter", not an error page. */
export const adminPurchaseQuery = keysetQuery.extend({
  status: z.enum(purchaseStatuses).optional().catch(undefined),
  email: optionalFilter(200),
  offeringId: optionalFilter(100),
});

export type AdminPurchaseQuery = z.infer<typeof adminPurchaseQuery>;

/** The admin search box's ?q=; anything unusable searches for nothing. */
export const searchQuery = z.object({
  q: storableString().trim().max(200).catch(""),
});

/** A JSON body that must at least be an object. */
export const jsonObject = z.record(z.string(), z.unknown(), { message: "Send a JSON object" });

/** The audit log's filter: one action (as stored, e.g. "purchase.refund"), or all of them. */
export const auditQuery = keysetQuery.extend({
  action: z
    .string()
    .regex(/^[a-z0-9_.]{1,100}$/)
    .optional()
    .catch(undefined),
});
