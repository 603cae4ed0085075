/**
 * The admin's CSV exports stream: rows arrive a page at a time (keyset pagination on
 * (createdAt, id)), never all at once, and every row arrives exactly once even when thousands
 * share a timestamp. The route handlers only add the admin check (covered end to end).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { exportCsv } from "@/lib/admin/exports/export-csv";
import { exportOrdersCsv, orderColumns } from "@/lib/admin/exports/export-orders-csv";
import { exportPurchasesCsv } from "@/lib/admin/exports/export-purchases-csv";
import { keysetCsvStream } from "@/lib/keyset-csv-stream";
import { db } from "@/lib/db";
import { makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const ORDER_COUNT = 3000;
const DAY_MS = 86_400_000;

/** Reads a stream to its end: the chunks as they came, and the CSV lines they make up. */
async function readAll(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(decoder.decode(next.value, { stream: true }));
  }
  const lines = chunks.join("").split("\r\n");
  expect(lines.pop()).toBe(""); // every line ends in CRLF
  return { chunks, lines };
}

/**
 * 3,000 paid orders (and their purchases) of one offering whose name needs quoting, created
 * over ten days with 300 orders sharing each timestamp, so paging must break ties by id.
 */
async function seedOrders() {
  const offering = await makeOffering({ name: 'Course, "Pro"' });
  const user = await makeUser({ email: "buyer@example.com" });
  const start = Date.UTC(2026, 9, 1);
  const rows = Array.from({ length: ORDER_COUNT }, (_, index) => ({
    id: `seed-${String(index).padStart(5, "0")}`,
    createdAt: new Date(start + Math.floor(index / 300) * DAY_MS),
  }));
  await db.purchase.createMany({
    data: rows.map(({ id, createdAt }) => ({
      id: `p-${id}`,
      userId: user.id,
      offeringId: offering.id,
      status: "SUCCEEDED" as const,
      createdAt,
    })),
  });
  await db.order.createMany({
    data: rows.map(({ id, createdAt }) => ({
      id: `o-${id}`,
      purchaseId: `p-${id}`,
      userId: user.id,
      offeringId: offering.id,
      amount: 4900,
      currency: "usd",
      provider: "EXTERNAL" as const,
      status: "PAID" as const,
      createdAt,
      paidAt: createdAt,
    })),
  });
  return { offering, user, start };
}

describe("CSV exports", () => {
  it("streams 3,000 orders in several chunks, each order once, fields escaped", async () => {
    await seedOrders();

    const { filename, stream } = exportOrdersCsv({ now: new Date("2026-11-25T12:00:00Z") });
    const { chunks, lines } = await readAll(stream);

    expect(filename).toBe("orders-2026-11-25.csv");
    // The header, then one chunk per page of 1,000.
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks).toHaveLength(1 + ORDER_COUNT / 1000);
    expect(lines).toHaveLength(1 + ORDER_COUNT);
    expect(lines[0]).toBe(orderColumns.join(","));
    const ids = lines.slice(1).map((line) => line.split(",")[0]);
    expect(new Set(ids).size).toBe(ORDER_COUNT);
    expect(ids[0]).toBe('"o-seed-00000"');
    expect(ids.at(-1)).toBe(`"o-seed-0${ORDER_COUNT - 1}"`);
    // Every text field quoted; the amount a bare number; empty values empty.
    expect(lines[1]).toBe(
      '"o-seed-00000","2026-10-01T00:00:00.000Z","2026-10-01T00:00:00.000Z","paid","external","buyer@example.com","Course, ""Pro""","p-seed-00000",4900,"usd",,,',
    );
  });

  it("quotes a text field holding a semicolon, so `x;=1+1` never becomes a formula cell", async () => {
    const offering = await makeOffering({ name: "x;=1+1" });
    const user = await makeUser({ email: "semi@example.com" });
    await db.purchase.create({
      data: { id: "p-semi", userId: user.id, offeringId: offering.id, status: "SUCCEEDED" },
    });

    const { lines } = await readAll(exportPurchasesCsv({}).stream);

    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',"semi@example.com",');
    // Inside quotes, a spreadsheet that splits on `;` keeps the name as one text cell.
    expect(lines[1]).toContain(`,"${offering.id}","x;=1+1",`);
  });

  it("pages by (createdAt, id) with any page size, and follows the day range", async () => {
    await seedOrders();

    const small = await readAll(exportOrdersCsv({ batchSize: 7 }).stream);
    expect(small.lines).toHaveLength(1 + ORDER_COUNT);
    expect(new Set(small.lines.slice(1).map((line) => line.split(",")[0])).size).toBe(ORDER_COUNT);

    // Days 2 and 3 of the ten: 600 purchases.
    const purchases = await readAll(
      exportPurchasesCsv({ from: "2026-10-02", to: "2026-10-03" }).stream,
    );
    expect(purchases.chunks.length).toBeGreaterThan(1);
    expect(purchases.lines).toHaveLength(1 + 600);
    expect(purchases.lines[0]).toBe(
      "purchase_id,created_at,status,buyer_email,offering_id,offering,access_granted_at,expires_at,refunded_at",
    );
    expect(purchases.lines[1]).toMatch(/^"p-seed-00300","2026-10-02T00:00:00\.000Z","succeeded",/);
    expect(purchases.lines.at(-1)).toMatch(/^"p-seed-00899","2026-10-03T/);
  });

  it("reads a page only when the reader wants more", async () => {
    const pagesRead: number[] = [];
    const stream = keysetCsvStream({
      header: ["id"],
      batchSize: 10,
      readPage: async (after) => {
        const from = after ? Number(after.id) + 1 : 0;
        pagesRead.push(from);
        return Array.from({ length: 10 }, (_, index) => ({
          id: String(from + index),
          createdAt: new Date(0),
        }));
      },
      toRecords: (rows) => rows.map((row) => [row.id]),
    });
    const reader = stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("id\r\n");
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // An endless source: the first page was read, and at most one more ahead of the reader.
    expect(pagesRead.length).toBeLessThanOrEqual(2);
    await reader.cancel();
  });

  it("streams commission entries with the commissions page's filters", async () => {
    const { user, offering } = await seedOrders();
    const referrer = await makeUser({ email: "referrer@example.com" });
    await db.commission.createMany({
      data: Array.from({ length: 25 }, (_, index) => ({
        orderId: `o-seed-${String(index).padStart(5, "0")}`,
        level: 1,
        beneficiaryId: referrer.id,
        buyerId: user.id,
        offeringId: offering.id,
        amount: 490,
        currency: "usd",
        rateBps: 1000,
      })),
    });

    const { filename, stream } = await exportCsv({
      kind: "commissions",
      query: { referrer: "REFERRER@" },
    });
    const { lines } = await readAll(stream);

    expect(filename).toMatch(/^commission-entries-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(lines).toHaveLength(1 + 25);
    expect(lines[0]).toMatch(/^entry_id,created_at,status,/);
    const none = await readAll(
      (await exportCsv({ kind: "commissions", query: { referrer: "nobody" } })).stream,
    );
    expect(none.lines).toHaveLength(1);
  });
});
