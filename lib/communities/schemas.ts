import { z } from "zod";

export const communityInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(120),
  description: z.string().trim().max(2000).default(""),
  content: z.string().trim().max(50_000).default(""),
});

export type CommunityInput = z.infer<typeof communityInput>;
