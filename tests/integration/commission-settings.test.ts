/** Referral codes, and Settings → Commissions: the rules, their audit trail and validation. */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getCommissionRules } from "@/lib/commissions/commission-rules";
import { listCommissionChanges } from "@/lib/commissions/list-commission-changes";
import { saveCommissionRules } from "@/lib/commissions/save-commission-rules";
import { commissionRulesForm } from "@/lib/commissions/schemas";
import { ensureReferralCode } from "@/lib/referrals/ensure-referral-code";
import { referralCode } from "@/lib/referrals/referral-code";
import { makeUser } from "../helpers/factories";
import { resetDatabase } from "../helpers/reset";

beforeEach(resetDatabase);

describe("referral codes", () => {
  it("creates one URL-safe code per user, keeps it, and never gives two users the same", async () => {
    const users = await Promise.all(Array.from({ length: 20 }, () => makeUser()));
    const codes = await Promise.all(users.map((user) => ensureReferralCode(user.id)));
    expect(new Set(codes).size).toBe(20);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z0-9]{8,10}$/);
      expect(referralCode.safeParse(code).success).toBe(true);
    }
    const again = await Promise.all(
      Array.from({ length: 5 }, () => ensureReferralCode(users[0].id)),
    );
    expect(new Set(again)).toEqual(new Set([codes[0]]));
    const fresh = await makeUser();
    const racing = await Promise.all(Array.from({ length: 5 }, () => ensureReferralCode(fresh.id)));
    expect(new Set(racing).size).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: fresh.id } })).referralCode).toBe(
      racing[0],
    );
  });
});

describe("Settings → Commissions", () => {
  it("saves the rules with an audit entry of old → new, and writes nothing when unchanged", async () => {
    const admin = await makeUser({ email: "rules-admin@example.com", role: "ADMIN" });
    const rules = commissionRulesForm.parse({
      defaultRateBps: "1000",
      level2RateBps: "500",
      level3RateBps: "250",
      holdDays: "30",
    });

    expect(await saveCommissionRules({ rules, adminId: admin.id })).toMatchObject({
      changed: expect.arrayContaining(["defaultRateBps", "holdDays"]),
    });
    expect(await getCommissionRules()).toEqual({
      defaultRateBps: 1000,
      level2RateBps: 500,
      level3RateBps: 250,
      holdDays: 30,
    });
    expect(await db.setting.findUniqueOrThrow({ where: { key: "commissions" } })).toMatchObject({
      updatedBy: admin.id,
    });
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { action: "commission_rules.update" },
    });
    expect(audit.details).toEqual({
      old: { defaultRateBps: 0, level2RateBps: 0, level3RateBps: 0, holdDays: 14 },
      new: { defaultRateBps: 1000, level2RateBps: 500, level3RateBps: 250, holdDays: 30 },
    });
    expect((await listCommissionChanges())[0].description).toBe(
      "Changed the commission rules: default rate 0 → 1000, level 2 rate 0 → 500, level 3 rate 0 → 250, hold days 14 → 30",
    );

    expect(await saveCommissionRules({ rules, adminId: admin.id })).toMatchObject({ changed: [] });
    expect(await db.auditEntry.count()).toBe(1);
  });

  it("refuses empty, fractional, negative and out-of-range values with a message per field", () => {
    const result = commissionRulesForm.safeParse({
      defaultRateBps: "",
      level2RateBps: "12.5",
      level3RateBps: "10001",
      holdDays: "-1",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(
      result.error!.issues.map((issue) => [issue.path.join("."), issue.message]),
    );
    expect(messages).toEqual({
      defaultRateBps: "Required.",
      level2RateBps: "Enter whole basis points from 0 to 10,000.",
      level3RateBps: "Enter whole basis points from 0 to 10,000.",
      holdDays: "Enter whole days from 0 to 365.",
    });
    expect(
      commissionRulesForm.safeParse({
        defaultRateBps: "0",
        level2RateBps: "10000",
        level3RateBps: "7",
        holdDays: "366",
      }).success,
    ).toBe(false);
  });
});
