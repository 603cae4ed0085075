/** The paging and filter query strings every list shares: a bad value shows the first page or no filter, never an error page. */
import { z } from "zod";
import { storableString } from "@/lib/http/storable-text";

/** ?page=&pageSize= for a buyer's lists: ten rows a page unless asked. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(10),
});

export type PageQuery = z.infer<typeof pageQuery>;

/** ?page=&pageSize= for admin lists: 25 rows a page unless asked. */
export const adminPageQuery = pageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(100).catch(25),
});

/** Free text of a list filter: blank or unusable means "no filter", never an error page. */
export const optionalFilter = (max: number) =>
  storableString()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined);
