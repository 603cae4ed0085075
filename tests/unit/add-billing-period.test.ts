import { describe, expect, it } from "vitest";
import { addBillingPeriod } from "@/lib/calendar/add-billing-period";
import { accessEndFrom } from "@/lib/purchases/access-period";

const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString();

describe("addBillingPeriod", () => {
  it("clamps a month to the target month's last day, keeping the time of day", () => {
    expect(iso(addBillingPeriod(at("2025-01-31T10:20:30.000Z"), "month"))).toBe(
      "2025-02-28T10:20:30.000Z",
    );
    expect(iso(addBillingPeriod(at("2024-01-31T23:59:59.000Z"), "month"))).toBe(
      "2024-02-29T23:59:59.000Z",
    );
    expect(iso(addBillingPeriod(at("2025-08-31T00:00:00.000Z"), "month"))).toBe(
      "2025-09-30T00:00:00.000Z",
    );
  });

  it("counts successive periods from the anchor, as Stripe does: Jan 31 → Feb 28 → Mar 31", () => {
    const anchor = at("2025-01-31T12:00:00.000Z");
    expect(iso(addBillingPeriod(anchor, "month", 2))).toBe("2025-03-31T12:00:00.000Z");
    expect(iso(addBillingPeriod(anchor, "month", 13))).toBe("2026-02-28T12:00:00.000Z");
  });

  it("clamps a year from Feb 29 to Feb 28", () => {
    expect(iso(addBillingPeriod(at("2024-02-29T08:00:00.000Z"), "year"))).toBe(
      "2025-02-28T08:00:00.000Z",
    );
    expect(iso(addBillingPeriod(at("2024-02-29T08:00:00.000Z"), "year", 4))).toBe(
      "2028-02-29T08:00:00.000Z",
    );
  });
});

describe("accessEndFrom", () => {
  it("ends a monthly external purchase bought on Jan 31 on Feb 28, not Mar 3", () => {
    const end = accessEndFrom(at("2025-01-31T09:00:00.000Z"), {
      accessDurationDays: null,
      pricingType: "MONTHLY",
    });
    expect(iso(end)).toBe("2025-02-28T09:00:00.000Z");
  });
});
