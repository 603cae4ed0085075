/** Referral codes, and Settings → Commissions: the rules, their audit trail and validation. */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getCommissionRules } from "@/lib/commissions/commission-rules";
import { listCommissionChanges } from "@/lib/commissions/list-commission-changes";
import { saveCommissionRules } from "@/lib/commissions/save-commission-rules";
import { commissionRulesForm } from "@/lib/commissions/schemas";
import { ensureReferralCode } from "@/lib/referrals/ensure-referral-code";
import { referralCode } from "@/lib/referrals/referral-code";
import { patchOffering } from "@/lib/offerings/patch-offering";
import { AppError } from "@/lib/errors";
import { makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

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
      refundWindowDays: "14",
    });

    expect(await saveCommissionRules({ rules, adminId: admin.id })).toMatchObject({
      changed: expect.arrayContaining(["defaultRateBps", "holdDays"]),
    });
    expect(await getCommissionRules()).toEqual({
      defaultRateBps: 1000,
      level2RateBps: 500,
      level3RateBps: 250,
      holdDays: 30,
      refundWindowDays: 14,
    });
    expect(await db.setting.findUniqueOrThrow({ where: { key: "commissions" } })).toMatchObject({
      updatedBy: admin.id,
    });
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { action: "commission_rules.update" },
    });
    expect(audit.details).toEqual({
      old: {
        defaultRateBps: 0,
        level2RateBps: 0,
        level3RateBps: 0,
        holdDays: 14,
        refundWindowDays: 14,
      },
      new: {
        defaultRateBps: 1000,
        level2RateBps: 500,
        level3RateBps: 250,
        holdDays: 30,
        refundWindowDays: 14,
      },
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
      refundWindowDays: "x",
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
      refundWindowDays: "Enter whole days from 0 to 365.",
    });
    expect(
      commissionRulesForm.safeParse({
        defaultRateBps: "0",
        level2RateBps: "10000",
        level3RateBps: "7",
        holdDays: "366",
        refundWindowDays: "0",
      }).success,
    ).toBe(false);
  });

  /** The error a use case threw, as the API answers it: status, code and details. */
  async function refusal(promise: Promise<unknown>) {
    const error = await promise.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AppError);
    const { status, code, details } = error as AppError;
    return { status, code, details };
  }

  const rules = (values: Record<string, string>) =>
    commissionRulesForm.parse({
      defaultRateBps: "0",
      level2RateBps: "0",
      level3RateBps: "0",
      holdDays: "14",
      refundWindowDays: "14",
      ...values,
    });

  it("refuses level rates that add up past 100 % with 422 naming each level field", async () => {
    const admin = await makeUser({ email: "rules-admin@example.com", role: "ADMIN" });

    const answer = await refusal(
      saveCommissionRules({
        rules: rules({ defaultRateBps: "10000", level2RateBps: "10000", level3RateBps: "10000" }),
        adminId: admin.id,
      }),
    );

    expect(answer).toMatchObject({ status: 422, code: "validation_failed" });
    expect(Object.keys(answer.details.fields as object).sort()).toEqual([
      "defaultRateBps",
      "level2RateBps",
      "level3RateBps",
    ]);
    expect((answer.details.fields as Record<string, string>).level2RateBps).toContain("30,000 bps");
    expect(await getCommissionRules()).toMatchObject({ defaultRateBps: 0, level2RateBps: 0 });
    expect(await db.auditEntry.count()).toBe(0);

    // Exactly 100 % is allowed.
    await saveCommissionRules({
      rules: rules({ defaultRateBps: "5000", level2RateBps: "3000", level3RateBps: "2000" }),
      adminId: admin.id,
    });
    expect(await getCommissionRules()).toMatchObject({ defaultRateBps: 5000, level3RateBps: 2000 });
  });

  it("counts an offering's own level-1 rate with levels 2 and 3, on either side", async () => {
    const admin = await makeUser({ email: "rules-admin@example.com", role: "ADMIN" });
    const offering = await makeOffering({ name: "Course" });
    await db.offering.update({ where: { id: offering.id }, data: { commissionRateBps: 9000 } });

    const rulesAnswer = await refusal(
      saveCommissionRules({
        rules: rules({ level2RateBps: "1000", level3RateBps: "500" }),
        adminId: admin.id,
      }),
    );
    expect(rulesAnswer).toMatchObject({ status: 422, code: "validation_failed" });
    expect(Object.keys(rulesAnswer.details.fields as object).sort()).toEqual([
      "level2RateBps",
      "level3RateBps",
    ]);

    await db.offering.update({ where: { id: offering.id }, data: { commissionRateBps: 0 } });
    await saveCommissionRules({
      rules: rules({ level2RateBps: "1000", level3RateBps: "500" }),
      adminId: admin.id,
    });
    const offeringAnswer = await refusal(
      patchOffering({
        offeringId: offering.id,
        changes: { commissionRateBps: 9000 },
        actorId: admin.id,
      }),
    );
    expect(offeringAnswer).toMatchObject({ status: 422, code: "validation_failed" });
    expect(Object.keys(offeringAnswer.details.fields as object)).toEqual(["commissionRateBps"]);
    expect(
      (await db.offering.findUniqueOrThrow({ where: { id: offering.id } })).commissionRateBps,
    ).toBe(0);
  });

  it("refuses a hold shorter than the refund window, with 422 naming holdDays", async () => {
    const admin = await makeUser({ email: "rules-admin@example.com", role: "ADMIN" });

    const answer = await refusal(
      saveCommissionRules({
        rules: rules({ holdDays: "7", refundWindowDays: "30" }),
        adminId: admin.id,
      }),
    );

    expect(answer).toMatchObject({ status: 422, code: "validation_failed" });
    expect(answer.details.fields).toEqual({ holdDays: expect.stringContaining("30 days") });
    expect(await getCommissionRules()).toMatchObject({ holdDays: 14 });
    await saveCommissionRules({
      rules: rules({ holdDays: "30", refundWindowDays: "30" }),
      adminId: admin.id,
    });
    expect(await getCommissionRules()).toMatchObject({ holdDays: 30, refundWindowDays: 30 });
  });
});
