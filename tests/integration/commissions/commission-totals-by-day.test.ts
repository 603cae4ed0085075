/**
 * The admin ledger's totals, read from "CommissionDay" (kept by a trigger), equal the totals
 * summed over every entry, for every status filter and day range, with the hold cutoff falling
 * inside a day, and after entries are approved, paid, reversed and deleted.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { commissionFiltersWhere } from "@/lib/commissions/commission-filters-where";
import { commissionTotals } from "@/lib/commissions/commission-totals";
import { commissionTotalsByDay } from "@/lib/commissions/commission-totals-by-day";
import { ledgerStatuses } from "@/lib/commissions/ledger-status";
import type { CommissionFilters } from "@/lib/commissions/schemas";
import { DAY_MS, ledgerScenario } from "../../helpers/commissions";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const HOLD_DAYS = 14;
const day = (date: Date) => date.toISOString().slice(0, 10);

async function expectSameTotals(earnedCutoff: Date) {
  const filterSets: CommissionFilters[] = [
    {},
    ...ledgerStatuses.map((status) => ({ status })),
    { from: day(new Date(earnedCutoff.getTime() - 7 * DAY_MS)) },
    { to: day(earnedCutoff) },
    { from: day(earnedCutoff), to: day(earnedCutoff), status: "earned" },
    { from: day(new Date(earnedCutoff.getTime() + DAY_MS)) },
  ];
  for (const filters of filterSets) {
    const expected = await commissionTotals(
      commissionFiltersWhere(filters, earnedCutoff),
      earnedCutoff,
    );
    expect({ filters, totals: await commissionTotalsByDay(filters, earnedCutoff) }).toEqual({
      filters,
      totals: expected,
    });
  }
}

describe("the admin ledger's totals per day", () => {
  it("equal the sums over every entry, the hold cutoff inside a day included", async () => {
    const { entry, admin } = await ledgerScenario();
    const ages = [40, 30, 20, HOLD_DAYS + 1 / 24, HOLD_DAYS - 1 / 24, 13, 2, 0];
    const entries = [];
    for (const [index, ageDays] of ages.entries()) {
      entries.push(
        await entry({
          ageDays,
          amount: 100 * (index + 1),
          currency: index % 3 === 0 ? "eur" : "usd",
          status: index === 1 ? "PAID" : index === 2 ? "REVERSED" : "PENDING",
        }),
      );
    }
    // A possible self-referral: held, whatever its age, until approved.
    await db.commission.update({
      where: { id: entries[0].id },
      data: { reviewFlags: ["same_card"] },
    });
    const earnedCutoff = new Date(Date.now() - HOLD_DAYS * DAY_MS);
    await expectSameTotals(earnedCutoff);
    const all = await commissionTotalsByDay({}, earnedCutoff);
    expect(all.find((totals) => totals.currency === "eur")?.pending).toBeGreaterThan(0);

    // Approved, paid, reversed, deleted: the summary follows.
    await db.commission.update({
      where: { id: entries[0].id },
      data: { approvedAt: new Date(), approvedById: admin.id },
    });
    await db.commission.update({ where: { id: entries[3].id }, data: { status: "PAID" } });
    await db.commission.update({ where: { id: entries[5].id }, data: { status: "REVERSED" } });
    await db.commission.delete({ where: { id: entries[6].id } });
    await expectSameTotals(earnedCutoff);
    // A cutoff at another time of day: the same rows, split elsewhere.
    await expectSameTotals(new Date(earnedCutoff.getTime() - 5 * DAY_MS - 3_600_000));
  });
});
