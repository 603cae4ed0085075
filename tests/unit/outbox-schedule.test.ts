import { describe, expect, it } from "vitest";
import { cronMatches } from "@/lib/notifications/cron-matches";
import { nextAttemptAt } from "@/lib/notifications/retry-schedule";

const at = (iso: string) => new Date(iso);

describe("the retry schedule", () => {
  const schedule = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];
  const failedAt = at("2026-12-06T10:00:00Z");

  it("waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after attempts 1 to 7", () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map(
      (attempt) =>
        (nextAttemptAt(schedule, attempt, failedAt)!.getTime() - failedAt.getTime()) / 1000,
    );
    expect(waits).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
  });

  it("has no attempt after the eighth: the delivery is dead", () => {
    expect(nextAttemptAt(schedule, 8, failedAt)).toBeNull();
    expect(nextAttemptAt([0], 1, failedAt)).toBeNull();
  });
});

describe("cron expressions for the embedded database's job timer", () => {
  it.each([
    ["* * * * *", "2026-12-06T10:17:00Z", true],
    ["0 8 * * *", "2026-12-06T08:00:00Z", true],
    ["0 8 * * *", "2026-12-06T08:01:00Z", false],
    ["*/15 * * * *", "2026-12-06T08:45:00Z", true],
    ["*/15 * * * *", "2026-12-06T08:50:00Z", false],
    ["0 9-17 * * 1-5", "2026-12-07T12:00:00Z", true], // a Monday
    ["0 9-17 * * 1-5", "2026-12-06T12:00:00Z", false], // a Sunday
    ["0 0 * * 7", "2026-12-06T00:00:00Z", true], // Sunday is 7 too
    ["0 0 1 * 0", "2026-12-06T00:00:00Z", true], // either day field
    ["0,30 * * * *", "2026-12-06T00:30:00Z", true],
  ])("%s at %s: %s", (cron, time, expected) => {
    expect(cronMatches(cron, at(time))).toBe(expected);
  });

  it("refuses an expression without five fields", () => {
    expect(() => cronMatches("* * * *", new Date())).toThrow(/five fields/);
  });
});
