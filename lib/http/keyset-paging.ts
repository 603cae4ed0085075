/**
 * Keyset pagination for the admin lists, newest first: a page is "the rows after (or before) this
 * row" in (time, id) order, read from an index on (time, id), so page 30,000 costs what page 1
 * costs, and rows written meanwhile neither repeat nor go missing. The cursor travels in the URL
 * (`?after=` for the next page, `?before=` for the previous one) as `<ISO time>_<id>`.
 */
import { z } from "zod";

export type Cursor = { at: Date; id: string };

/** Never more than this many rows are counted for "N in all"; above it the list says "more than". */
export const COUNT_CAP = 1_000;

export function encodeCursor({ at, id }: Cursor): string {
  return `${at.toISOString()}_${id}`;
}

const cursorText = z
  .string()
  .max(200)
  // Any printable id: ours are cuids, but rows made elsewhere (imports, seeds) may have others.
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[\x21-\x7e]{1,150}$/);

/** A cursor from the URL; anything unusable is "no cursor" (the first page), not an error. */
export const cursorParam = cursorText
  .transform((text, context): Cursor => {
    const split = text.indexOf("_");
    const at = new Date(text.slice(0, split));
    if (Number.isNaN(at.getTime())) {
      context.addIssue({ code: "custom", message: "Not a time" });
      return z.NEVER;
    }
    return { at, id: text.slice(split + 1) };
  })
  .optional()
  .catch(undefined);

/** ?after= / ?before= (`after` wins when both come) and ?pageSize= for an admin list. */
export const keysetQuery = z.object({
  after: cursorParam,
  before: cursorParam,
  pageSize: z.coerce.number().int().min(1).max(100).catch(25),
});

export type KeysetQuery = z.infer<typeof keysetQuery>;

/** Which way to read from the cursor: "after" pages towards older rows, "before" towards newer. */
export type KeysetPosition = { after?: Cursor; before?: Cursor };

type Direction = "asc" | "desc";

/**
 * The filter and order for one page of a newest-first list keyed on `field` and `id`: after a
 * cursor, rows older than it; before one, rows newer than it, read oldest first (and turned
 * round by keysetPage).
 */
export function keysetWindow<Field extends string>(field: Field, position: KeysetPosition) {
  const cursor = position.after ?? position.before;
  const forward = position.after !== undefined || position.before === undefined;
  const direction: Direction = forward ? "desc" : "asc";
  const beyond = forward ? "lt" : "gt";
  const upTo = forward ? "lte" : "gte";
  // (time, id) beyond the cursor, written so the time alone bounds an index range: PostgreSQL
  // starts the scan at the cursor. (An OR of "time beyond" and "same time, id beyond" would
  // read the index from its start, a deep page costing the rows before it.)
  const where = cursor
    ? {
        AND: [
          { [field]: { [upTo]: cursor.at } } as Record<Field, Record<"lte" | "gte", Date>>,
          {
            OR: [
              { [field]: { [beyond]: cursor.at } } as Record<Field, Record<"lt" | "gt", Date>>,
              { id: { [beyond]: cursor.id } } as { id: Record<"lt" | "gt", string> },
            ],
          },
        ],
      }
    : {};
  const orderBy = [
    { [field]: direction } as Record<Field, Direction>,
    { id: direction } as { id: Direction },
  ];
  return { where, orderBy, forward };
}

export type KeysetPage<Row> = {
  items: Row[];
  /** The cursor of the page after this one (older rows), or null on the last page. */
  next: string | null;
  /** The cursor of the page before this one (newer rows), or null on the first page. */
  previous: string | null;
};

export type ReadWindow<Row, Field extends string> = (
  window: ReturnType<typeof keysetWindow<Field>>["where"],
  orderBy: ReturnType<typeof keysetWindow<Field>>["orderBy"],
  take: number,
) => Promise<Row[]>;

/**
 * One page of `pageSize` rows at `position`, reading one row more to know whether another page
 * follows. Going back past the newest rows (they were deleted, or the cursor was edited) shows
 * the first page rather than a short or empty one.
 */
export async function keysetPage<Row, Field extends string>(options: {
  field: Field;
  position: KeysetPosition;
  pageSize: number;
  read: ReadWindow<Row, Field>;
  cursorOf: (row: Row) => Cursor;
}): Promise<KeysetPage<Row>> {
  const { field, position, pageSize, read, cursorOf } = options;
  const { where, orderBy, forward } = keysetWindow(field, position);
  const rows = await read(where, orderBy, pageSize + 1);
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (!forward && !more && page.length < pageSize) return keysetPage({ ...options, position: {} });
  const items = forward ? page : page.reverse();
  const first = items[0];
  const last = items.at(-1);
  const hasNewer = forward ? position.after !== undefined : more;
  const hasOlder = forward ? more : true;
  return {
    items,
    next: hasOlder && last ? encodeCursor(cursorOf(last)) : null,
    previous: hasNewer && first ? encodeCursor(cursorOf(first)) : null,
  };
}

/** "N" up to COUNT_CAP, else "more than COUNT_CAP": counted with a LIMIT, never the whole table. */
export type CappedCount = { count: number; capped: boolean };

export async function cappedCount(
  count: (take: number) => Promise<number>,
  cap = COUNT_CAP,
): Promise<CappedCount> {
  const counted = await count(cap + 1);
  return counted > cap ? { count: cap, capped: true } : { count: counted, capped: false };
}
