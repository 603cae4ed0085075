/**
 * What bench:admin times: every admin list's first page, a page about 30,000 pages deep (reached
 * by the cursor its "Next" link would carry there), a filtered page, the search box, the
 * dashboard and a user page. Deep cursors are found once with OFFSET, outside the timing.
 */
import { db } from "@/lib/db";
import { encodeCursor } from "@/lib/http/keyset-paging";

/** The page the issue names: page 30,000 must cost what page 1 costs. */
export const DEEP_PAGE = 30_000;

export type BenchPage = {
  name: string;
  path: string;
  /** For a deep page: the first page of the same list, to compare costs with. */
  sameListFirstPage?: string;
};

type DeepList = { table: string; field: string; path: string; pageSize: number; name: string };

const deepLists: DeepList[] = [
  {
    name: "purchases",
    table: "Purchase",
    field: "createdAt",
    path: "/admin/purchases",
    pageSize: 25,
  },
  {
    name: "events",
    table: "ProcessedEvent",
    field: "receivedAt",
    path: "/admin/events",
    pageSize: 25,
  },
  {
    name: "commissions",
    table: "Commission",
    field: "createdAt",
    path: "/admin/commissions",
    pageSize: 25,
  },
  {
    name: "subscriptions",
    table: "Subscription",
    field: "createdAt",
    path: "/admin/subscriptions",
    pageSize: 25,
  },
  {
    name: "audit log",
    table: "AuditEntry",
    field: "createdAt",
    path: "/admin/audit",
    pageSize: 50,
  },
];

/**
 * The cursor "Next" carries to page `page` (newest first), or to the list's last full page when
 * it has fewer pages; and which page that is.
 */
async function deepCursor({ table, field, pageSize }: DeepList, page: number) {
  const [{ rows }] = await db.$queryRawUnsafe<Array<{ rows: number }>>(
    `SELECT count(*)::int AS rows FROM "${table}"`,
  );
  const reached = Math.min(page, Math.floor((rows - 1) / pageSize));
  if (reached < 2) return { cursor: undefined, reached };
  const [row] = await db.$queryRawUnsafe<Array<{ at: Date; id: string }>>(
    `SELECT "${field}" AS at, id FROM "${table}" ORDER BY "${field}" DESC, id DESC OFFSET $1 LIMIT 1`,
    (reached - 1) * pageSize - 1,
  );
  return { cursor: row ? encodeCursor(row) : undefined, reached };
}

export async function benchPages(): Promise<BenchPage[]> {
  const today = new Date();
  const from = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const to = today.toISOString().slice(0, 10);
  const pages: BenchPage[] = [];
  const filtered: Record<string, string[]> = {
    purchases: ["status=REFUNDED", "email=buyer4242"],
    events: ["outcome=FAILED", "dead=1"],
    commissions: ["status=earned", "referrer=buyer4242"],
    subscriptions: ["status=canceled", "email=buyer4245"],
    "audit log": ["action=event.replay"],
  };
  for (const list of deepLists) {
    pages.push({ name: `${list.name}, first page`, path: list.path });
    const { cursor, reached } = await deepCursor(list, DEEP_PAGE);
    if (cursor) {
      pages.push({
        name: `${list.name}, page ${reached.toLocaleString("en-US")}`,
        path: `${list.path}?after=${encodeURIComponent(cursor)}`,
        sameListFirstPage: list.path,
      });
    }
    for (const filter of filtered[list.name] ?? []) {
      pages.push({ name: `${list.name}, ${filter}`, path: `${list.path}?${filter}` });
    }
  }
  pages.push(
    { name: "offerings", path: "/admin/offerings" },
    { name: "communities", path: "/admin/communities" },
    { name: "emails", path: "/admin/emails" },
    { name: "webhooks", path: "/admin/webhooks" },
    { name: "search, email", path: "/admin/search?q=buyer4242%40example.test" },
    { name: "search, part of an email", path: "/admin/search?q=buyer4242" },
    { name: "search, payment intent", path: "/admin/search?q=pi_bench_777777" },
    { name: "search, order id", path: "/admin/search?q=bench-order-777777" },
    { name: "dashboard, 30 days", path: `/admin?from=${from}&to=${to}` },
    { name: "dashboard, a year", path: "/admin?from=2000-01-01" },
    { name: "user page", path: "/admin/users/bench-user-4242" },
  );
  return pages;
}
