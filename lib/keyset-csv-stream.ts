/**
 * A CSV download that never holds the whole table: a stream that reads one page of rows each
 * time the reader wants more (keyset pagination on (createdAt, id), so a deep page costs the
 * same as the first and rows written meanwhile neither repeat nor go missing).
 */
import { csvHeaderLine, csvLine, type CsvValue } from "@/lib/csv";

export const EXPORT_BATCH_SIZE = 1000;

export type Keyset = { createdAt: Date; id: string };

export type KeysetCsvStreamOptions<Row extends Keyset> = {
  header: string[];
  /** Up to `take` rows after `after` (all from the start when undefined), by (createdAt, id). */
  readPage: (after: Keyset | undefined, take: number) => Promise<Row[]>;
  /** The CSV records of one page, in the header's order. */
  toRecords: (rows: Row[]) => CsvValue[][] | Promise<CsvValue[][]>;
  batchSize?: number;
};

/**
 * The Prisma filter for "after this row" in (createdAt, id) order, written so that createdAt
 * alone bounds the index range and each page's scan starts at the cursor. (The OR of "later" and
 * "same time, larger id" alone made PostgreSQL read the index from its start for every page, so
 * exporting a million orders read half a billion index entries.)
 */
export function afterKeyset(after: Keyset | undefined) {
  if (!after) return {};
  return {
    AND: [
      { createdAt: { gte: after.createdAt } },
      { OR: [{ createdAt: { gt: after.createdAt } }, { id: { gt: after.id } }] },
    ],
  };
}

export const keysetOrder = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/** The header first, then one chunk per page of rows; the stream ends after a short page. */
export function keysetCsvStream<Row extends Keyset>({
  header,
  readPage,
  toRecords,
  batchSize = EXPORT_BATCH_SIZE,
}: KeysetCsvStreamOptions<Row>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: Keyset | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvHeaderLine(header)));
          return;
        }
        const rows = await readPage(after, batchSize);
        if (rows.length > 0) {
          const records = await toRecords(rows);
          controller.enqueue(encoder.encode(records.map(csvLine).join("")));
          const last = rows[rows.length - 1];
          after = { createdAt: last.createdAt, id: last.id };
        }
        if (rows.length < batchSize) controller.close();
      },
    },
    // Read ahead by one page at most, so a slow download holds one page in memory, not all.
    { highWaterMark: 1 },
  );
}

/** The headers of a CSV download. */
export function csvDownloadHeaders(filename: string): HeadersInit {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
  };
}
