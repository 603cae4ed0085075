/**
 * The admin lists page by (time, id) cursor: walking "Next" to the end and "Previous" back to the
 * start shows every row exactly once, in order, also when many rows share a timestamp, when a
 * filter applies, and when rows are written between two page views.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { adminPurchaseQuery, eventQuery } from "@/lib/admin/schemas";
import { listEventsForAdmin } from "@/lib/admin/list-events";
import { db } from "@/lib/db";
import { cappedCount, cursorParam, encodeCursor } from "@/lib/http/keyset-paging";
import { listPurchasesForAdmin } from "@/lib/purchases/list-purchases-for-admin";
import { makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const PAGE_SIZE = 4;
const minute = (n: number) => new Date(Date.UTC(2026, 10, 1, 12, n));

/**
 * 23 purchases on five timestamps (4 + 5 + 6 + 3 + 5 rows share one each), their ids shuffled
 * against their times, every third refunded.
 */
async function purchasesWithTies() {
  const offering = await makeOffering();
  const user = await makeUser();
  const sizes = [4, 5, 6, 3, 5];
  const rows = sizes.flatMap((size, time) =>
    Array.from({ length: size }, (_, index) => ({ time, index })),
  );
  const data = rows.map(({ time }, n) => ({
    id: `p-${String((n * 7) % rows.length).padStart(2, "0")}`,
    userId: user.id,
    offeringId: offering.id,
    status: n % 3 === 0 ? ("REFUNDED" as const) : ("SUCCEEDED" as const),
    createdAt: minute(time),
  }));
  await db.purchase.createMany({ data });
  const newestFirst = (filter: (row: (typeof data)[number]) => boolean = () => true) =>
    data
      .filter(filter)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
      .map((row) => row.id);
  return { offering, user, newestFirst };
}

type Page = { items: Array<{ id: string }>; next: string | null; previous: string | null };

/** Follows "Next" from the first page to the last, then "Previous" back to the first. */
async function walk(read: (query: Record<string, string>) => Promise<Page>) {
  const forward: string[][] = [];
  let page = await read({});
  expect(page.previous).toBeNull();
  forward.push(page.items.map((item) => item.id));
  while (page.next) {
    page = await read({ after: page.next });
    forward.push(page.items.map((item) => item.id));
  }
  const backward: string[][] = [forward.at(-1) ?? []];
  while (page.previous) {
    page = await read({ before: page.previous });
    backward.unshift(page.items.map((item) => item.id));
  }
  return { forward, backward };
}

const purchasesPage =
  (filters: Record<string, string> = {}) =>
  (query: Record<string, string>) =>
    listPurchasesForAdmin(
      adminPurchaseQuery.parse({ pageSize: String(PAGE_SIZE), ...filters, ...query }),
    );

describe("admin lists paged by cursor", () => {
  it("shows every purchase once, newest first, ties broken by id, both ways", async () => {
    const { newestFirst } = await purchasesWithTies();
    const { forward, backward } = await walk(purchasesPage());

    expect(forward.flat()).toEqual(newestFirst());
    expect(forward.map((ids) => ids.length)).toEqual([4, 4, 4, 4, 4, 3]);
    expect(backward).toEqual(forward);
  });

  it("pages a filtered list within the filter", async () => {
    const { newestFirst } = await purchasesWithTies();
    const { forward, backward } = await walk(purchasesPage({ status: "REFUNDED" }));

    expect(forward.flat()).toEqual(newestFirst((row) => row.status === "REFUNDED"));
    expect(backward).toEqual(forward);
  });

  it("neither repeats nor skips a row when purchases are made between two pages", async () => {
    const { offering, user, newestFirst } = await purchasesWithTies();
    const read = purchasesPage();
    const first = await read({});
    // Newer purchases (and one on the newest existing timestamp, with the highest id).
    await db.purchase.createMany({
      data: [
        { id: "p-new-1", userId: user.id, offeringId: offering.id, createdAt: minute(9) },
        { id: "p-zz", userId: user.id, offeringId: offering.id, createdAt: minute(4) },
      ],
    });
    const seen = first.items.map((item) => item.id);
    let page: Page = first;
    while (page.next) {
      page = await read({ after: page.next });
      seen.push(...page.items.map((item) => item.id));
    }
    expect(seen).toEqual(newestFirst());

    // Back at the start, the new purchases are on top.
    const again = await read({});
    expect(again.items.map((item) => item.id).slice(0, 2)).toEqual(["p-new-1", "p-zz"]);
  });

  it("shows the first page when Previous runs out of newer rows", async () => {
    const { newestFirst } = await purchasesWithTies();
    const read = purchasesPage();
    const second = await read({ after: (await read({})).next ?? "" });
    await db.purchase.deleteMany({ where: { id: { in: newestFirst().slice(0, 2) } } });

    const back = await read({ before: second.previous ?? "" });
    expect(back.items.map((item) => item.id)).toEqual(newestFirst().slice(2, 6));
    expect(back.previous).toBeNull();
  });

  it("pages events with the same received time by id", async () => {
    const receivedAt = minute(0);
    await db.processedEvent.createMany({
      data: Array.from({ length: 10 }, (_, n) => ({
        id: `e-${n}`,
        provider: "stripe",
        providerEventId: `evt_${n}`,
        type: "checkout.session.completed",
        payload: {},
        outcome: "PROCESSED" as const,
        receivedAt,
      })),
    });
    const { forward, backward } = await walk((query) =>
      listEventsForAdmin(eventQuery.parse({ pageSize: "3", ...query })),
    );
    expect(forward.flat()).toEqual(Array.from({ length: 10 }, (_, n) => `e-${9 - n}`));
    expect(backward).toEqual(forward);
  });

  it("reads a cursor back from the URL whatever printable characters the id has", () => {
    const at = minute(3);
    for (const id of ["ckx1y2z3", "bench-purchase-42", "e2e.paging_1:2/3"]) {
      const cursor = encodeCursor({ at, id });
      expect(cursorParam.parse(decodeURIComponent(encodeURIComponent(cursor)))).toEqual({ at, id });
    }
    expect(cursorParam.parse("2026-11-01T12:03:00.000Z_has space")).toBeUndefined();
  });

  it("counts up to the cap, not the whole table", async () => {
    await purchasesWithTies();
    const count = (take: number) => db.purchase.count({ take });
    expect(await cappedCount(count, 23)).toEqual({ count: 23, capped: false });
    expect(await cappedCount(count, 10)).toEqual({ count: 10, capped: true });
  });
});
