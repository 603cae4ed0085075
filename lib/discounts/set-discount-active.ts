import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getStripe } from "@/lib/stripe/client";

export type SetDiscountActiveOptions = { discountId: string; active: boolean; actorId: string };

/**
 * Turns a promotion code off (or on again): at Stripe first, so a code we call off can no longer
 * be typed at checkout, then here, on the audit log. Orders that used it keep it.
 */
export async function setDiscountActive({ discountId, active, actorId }: SetDiscountActiveOptions) {
  const discount = await db.discount.findUnique({
    where: { id: discountId },
    select: { code: true, stripePromotionCodeId: true },
  });
  if (!discount) throw new AppError("not_found", "No promotion code has this id.");
  if (discount.stripePromotionCodeId)
    await (await getStripe()).promotionCodes.update(discount.stripePromotionCodeId, { active });
  await db.$transaction(async (tx) => {
    await tx.discount.update({ where: { id: discountId }, data: { active } });
    await recordAudit(tx, {
      actorId,
      action: active ? "discount.activate" : "discount.deactivate",
      subject: discountId,
      details: { code: discount.code },
    });
  });
}
