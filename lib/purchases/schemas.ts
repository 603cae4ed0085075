import { z } from "zod";

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(10),
});

export type PageQuery = z.infer<typeof pageQuery>;
