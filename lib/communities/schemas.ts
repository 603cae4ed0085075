import { z } from "zod";
import { storableString } from "@/lib/http/storable-text";

export const communityInput = z.object({
  name: storableString().trim().min(1, "Name is required").max(120),
  description: storableString().trim().max(2000).default(""),
  content: storableString().trim().max(50_000).default(""),
});

export type CommunityInput = z.infer<typeof communityInput>;
