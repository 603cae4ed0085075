/** The shapes admin forms and query strings arrive in, composed from the domain schemas. */
import { z } from "zod";
import { communityInput } from "@/lib/communities/schemas";
import { idParam, offeringInput } from "@/lib/offerings/schemas";

export const offeringIdForm = z.object({ offeringId: idParam });

export const offeringUpdateForm = offeringIdForm.and(offeringInput);

export const offeringArchiveForm = offeringIdForm.extend({
  archived: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export const communityIdForm = z.object({ communityId: idParam });

export const communityUpdateForm = communityIdForm.and(communityInput);

/** ?page=&pageSize= with forgiving defaults: a bad value shows the first page, not an error. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(25),
});

/** A JSON body that must at least be an object. */
export const jsonObject = z.record(z.string(), z.unknown(), { message: "Send a JSON object" });
