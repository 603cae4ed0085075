/** The shapes admin forms and query strings arrive in, composed from the domain schemas. */
import { z } from "zod";
import { communityInput } from "@/lib/communities/schemas";
import { idParam, offeringInput, stripeSigningSecret } from "@/lib/offerings/schemas";
import { pageQuery as buyerPageQuery } from "@/lib/purchases/schemas";

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

/** ?page=&pageSize= with forgiving defaults: a bad value shows the first page, not an error. */
export const pageQuery = buyerPageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(100).catch(25),
});

export const eventOutcomes = ["PROCESSED", "IGNORED", "UNMATCHED", "FAILED"] as const;

/** The event log's filter: one outcome, or all of them. */
export const eventQuery = pageQuery.extend({
  outcome: z.enum(eventOutcomes).optional().catch(undefined),
});

/** A JSON body that must at least be an object. */
export const jsonObject = z.record(z.string(), z.unknown(), { message: "Send a JSON object" });
