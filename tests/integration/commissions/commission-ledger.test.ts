/**
 * The commission ledger as admins and referrers see it: earned is pending past the hold period,
 * read at query time; Mark paid records one payout of earned entries in one currency, or changes
 * nothing; CSV exports escape every field and follow the filters.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getCommissionRules } from "@/lib/commissions/commission-rules";
import { exportCommissionsCsv } from "@/lib/commissions/export-commissions-csv";
import { listCommissionChanges } from "@/lib/commissions/list-commission-changes";
import { listCommissionsForAdmin } from "@/lib/commissions/list-commissions-for-admin";
import { listUserCommissions } from "@/lib/commissions/list-user-commissions";
import { markCommissionsPaid } from "@/lib/commissions/mark-commissions-paid";
import { saveCommissionRules } from "@/lib/commissions/save-commission-rules";
import { commissionExportQuery } from "@/lib/commissions/schemas";
import { listReferredPeople } from "@/lib/referrals/list-referred-people";
import { daysAgo, ledgerScenario, ledgerState } from "../../helpers/commissions";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const page = { page: 1, pageSize: 50 };

describe("earned is pending past the hold period, read at query time", () => {
  it("splits pending from earned by createdAt and the hold days, in rows and totals", async () => {
    const { referrer, admin, entry } = await ledgerScenario();
    const old = await entry({ amount: 700, ageDays: 15 });
    const fresh = await entry({ amount: 300, ageDays: 13 });
    await entry({ amount: 200, status: "PAID" });
    await entry({ amount: 100, status: "REVERSED" });

    const mine = await listUserCommissions({ userId: referrer.id, ...page });
    const shown = Object.fromEntries(mine.items.map((item) => [item.id, item.shownStatus]));
    expect(shown[old.id]).toBe("earned");
    expect(shown[fresh.id]).toBe("pending");
    expect(mine.totals).toEqual([
      { currency: "usd", pending: 300, earned: 700, paid: 200, reversed: 100, total: 1200 },
    ]);

    const earned = await listCommissionsForAdmin({ ...page, status: "earned" });
    expect(earned.items.map((item) => item.id)).toEqual([old.id]);
    const pending = await listCommissionsForAdmin({ ...page, status: "pending" });
    expect(pending.items.map((item) => item.id)).toEqual([fresh.id]);
    expect(pending.totals).toEqual([
      { currency: "usd", pending: 300, earned: 0, paid: 0, reversed: 0, total: 300 },
    ]);

    // A shorter hold applies to existing entries at once: nothing about it is stored on them.
    await saveCommissionRules({
      rules: { ...(await getCommissionRules()), holdDays: 7, refundWindowDays: 7 },
      adminId: admin.id,
    });
    const after = await listCommissionsForAdmin({ ...page, status: "earned" });
    expect(after.items.map((item) => item.id).sort()).toEqual([old.id, fresh.id].sort());
  });

  it("lists the people referred once each, masked, with their first purchase date", async () => {
    const { referrer, entry } = await ledgerScenario();
    await entry({ ageDays: 30 });
    await entry({ ageDays: 2 });
    const people = await listReferredPeople({ referrerId: referrer.id });
    expect(people).toEqual([
      {
        userId: expect.any(String),
        maskedEmail: "b***@example.com",
        firstPurchaseAt: expect.any(Date),
      },
    ]);
    expect(Math.abs(people[0].firstPurchaseAt!.getTime() - daysAgo(30).getTime())).toBeLessThan(
      60_000,
    );
  });
});

describe("Mark paid", () => {
  it("pays earned entries under one payout with their total, and writes the audit trail", async () => {
    const { admin, entry } = await ledgerScenario();
    const first = await entry({ amount: 1234 });
    const second = await entry({ amount: 66 });

    const payout = await markCommissionsPaid({
      commissionIds: [first.id, second.id],
      reference: "TR-001",
      adminId: admin.id,
    });

    expect(payout).toMatchObject({ reference: "TR-001", total: 1300, currency: "usd" });
    const rows = await db.commission.findMany({ where: { id: { in: [first.id, second.id] } } });
    expect(rows.map((row) => [row.status, row.payoutId])).toEqual([
      ["PAID", payout.id],
      ["PAID", payout.id],
    ]);
    expect(await db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({
      adminId: admin.id,
      total: 1300,
    });
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { action: "commissions.mark_paid" },
    });
    expect(audit).toMatchObject({ actorId: admin.id, subject: payout.id });
    expect(audit.details).toMatchObject({ reference: "TR-001", total: 1300, currency: "usd" });
    const [change] = await listCommissionChanges();
    expect(change).toMatchObject({
      actorEmail: "admin@example.com",
      description: "Marked 2 entries paid: $13.00, reference “TR-001”",
    });
  });

  it("refuses the whole payout with 409 when an entry is not earned, and changes nothing", async () => {
    const { admin, entry } = await ledgerScenario();
    const earned = await entry({ ageDays: 20 });
    const notYet = await entry({ ageDays: 1 });
    const paid = await entry({ status: "PAID" });
    const reversed = await entry({ status: "REVERSED" });
    const before = await ledgerState();

    for (const other of [notYet, paid, reversed]) {
      await expect(
        markCommissionsPaid({
          commissionIds: [earned.id, other.id],
          reference: "TR-2",
          adminId: admin.id,
        }),
      ).rejects.toMatchObject({
        code: "conflict",
        status: 409,
        message: expect.stringMatching(/not earned.*nothing was marked paid/),
      });
    }
    await expect(
      markCommissionsPaid({ commissionIds: ["missing"], reference: "x", adminId: admin.id }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await ledgerState()).toEqual(before);
  });

  it("refuses mixed currencies and pays an entry only once when two admins race", async () => {
    const { admin, entry } = await ledgerScenario();
    const usd = await entry({ currency: "usd" });
    const eur = await entry({ currency: "eur" });
    const before = await ledgerState();
    await expect(
      markCommissionsPaid({
        commissionIds: [usd.id, eur.id],
        reference: "TR-3",
        adminId: admin.id,
      }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining("USD and EUR") });
    expect(await ledgerState()).toEqual(before);

    const results = await Promise.allSettled(
      [1, 2].map((n) =>
        markCommissionsPaid({ commissionIds: [usd.id], reference: `race-${n}`, adminId: admin.id }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.payout.count()).toBe(1);
  });
});

describe("CSV export", () => {
  const csvRows = (body: string) => body.trimEnd().split("\r\n");
  const csvText = ({ stream }: { stream: ReadableStream<Uint8Array> }) =>
    new Response(stream).text();

  it("quotes commas, quotes and line breaks, defuses formulas, and keeps amounts as integers", async () => {
    const { admin, entry } = await ledgerScenario('Course, "Pro"\nedition');
    await db.user.update({
      where: { email: "buyer@example.com" },
      data: { email: "=cmd@example.com" },
    });
    const paid = await entry({ amount: 1999 });
    await markCommissionsPaid({
      commissionIds: [paid.id],
      reference: 'TR "7", batch',
      adminId: admin.id,
    });

    const entries = await exportCommissionsCsv(commissionExportQuery.parse({ type: "entries" }));
    expect(entries.filename).toMatch(/^commission-entries-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, row] = csvRows(await csvText(entries));
    expect(header).toBe(
      "entry_id,created_at,status,kind,level,referrer_email,buyer_email,offering,order_id,rate_bps,amount_minor,currency,payout_reference,reversed_at",
    );
    expect(row).toContain(
      `,"paid","EARNING",1,"referrer@example.com","'=cmd@example.com","Course, ""Pro""\nedition",`,
    );
    expect(row).toContain(`,1000,1999,"usd","TR ""7"", batch",`);

    const payouts = await exportCommissionsCsv(commissionExportQuery.parse({ type: "payouts" }));
    const [payoutHeader, payoutRow] = csvRows(await csvText(payouts));
    expect(payoutHeader).toBe(
      "payout_id,created_at,reference,admin_email,entries,total_minor,currency",
    );
    expect(payoutRow).toMatch(
      /^"\w+","\d{4}-[^,]+Z","TR ""7"", batch","admin@example.com",1,1999,"usd"$/,
    );
  });

  it("follows the status, referrer and date filters", async () => {
    const { admin, entry } = await ledgerScenario();
    const other = await makeUser({ email: "someone-else@example.com" });
    const old = await entry({ ageDays: 40 });
    const recent = await entry({ ageDays: 20 });
    await entry({ ageDays: 1 });
    await db.commission.update({ where: { id: recent.id }, data: { beneficiaryId: other.id } });
    await markCommissionsPaid({ commissionIds: [old.id], reference: "OLD", adminId: admin.id });
    const ids = async (filters: Record<string, string>) =>
      csvRows(
        await csvText(
          await exportCommissionsCsv(commissionExportQuery.parse({ type: "entries", ...filters })),
        ),
      )
        .slice(1)
        .map((line) => line.split(",")[0].replaceAll('"', ""));
    const day = (date: Date) => date.toISOString().slice(0, 10);

    expect(await ids({ status: "paid" })).toEqual([old.id]);
    expect(await ids({ status: "earned" })).toEqual([recent.id]);
    expect(await ids({ referrer: "SOMEONE-ELSE" })).toEqual([recent.id]);
    expect(await ids({ from: day(daysAgo(25)), to: day(daysAgo(15)) })).toEqual([recent.id]);
    expect(await ids({ to: day(daysAgo(40)) })).toEqual([old.id]);
    const payouts = await exportCommissionsCsv(
      commissionExportQuery.parse({ type: "payouts", referrer: "someone-else" }),
    );
    expect(csvRows(await csvText(payouts))).toHaveLength(1);
    expect(commissionExportQuery.safeParse({ type: "everything" }).success).toBe(false);
  });
});
