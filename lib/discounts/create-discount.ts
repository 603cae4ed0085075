import type Stripe from "stripe";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/prisma-errors";
import { ensureStripeProduct } from "@/lib/offerings/ensure-stripe-product";
import { getStripe, isStripeConfigured } from "@/lib/stripe/client";
import type { DiscountInput } from "@/lib/discounts/schemas";

export type CreateDiscountOptions = { input: DiscountInput; actorId: string };

const stripeDuration = { ONCE: "once", FOREVER: "forever", REPEATING: "repeating" } as const;

/**
 * A promotion code: saved, then made at Stripe as a Coupon (limited offerings → its
 * `applies_to.products`) and a Promotion Code with the same code, cap and expiry. Only an
 * offering sold through Stripe needs them; a code limited to external-link offerings stays ours,
 * as does a code for every offering while Stripe is not configured.
 * If Stripe refuses or is unreachable, the code is removed again and the error shown.
 */
export async function createDiscount({ input, actorId }: CreateDiscountOptions) {
  const { offeringIds, ...fields } = input;
  const offerings = await db.offering.findMany({
    where: { id: { in: offeringIds } },
    select: { id: true, channel: true },
  });
  if (offerings.length !== new Set(offeringIds).size)
    throw new AppError("validation_failed", "A chosen offering does not exist.", { offeringIds });

  const discount = await db
    .$transaction(async (tx) => {
      const created = await tx.discount.create({
        data: {
          ...fields,
          offerings: { create: offeringIds.map((offeringId) => ({ offeringId })) },
        },
        select: { id: true, code: true },
      });
      await recordAudit(tx, {
        actorId,
        action: "discount.create",
        subject: created.id,
        details: { code: created.code },
      });
      return created;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error))
        throw new AppError("conflict", "A promotion code with this code exists already.", {
          fields: { code: "This code is taken" },
        });
      throw error;
    });

  const stripeOfferings = offerings.filter((offering) => offering.channel !== "EXTERNAL_LINK");
  if (offeringIds.length > 0 && stripeOfferings.length === 0) return discount;
  // A code for every offering on an install without Stripe stays ours (external links only).
  if (offeringIds.length === 0 && !(await isStripeConfigured())) return discount;
  try {
    const ids = await createAtStripe(discount.id, input, stripeOfferings);
    await db.discount.update({ where: { id: discount.id }, data: ids });
  } catch (error) {
    await db.discount.delete({ where: { id: discount.id } });
    throw error;
  }
  return discount;
}

async function createAtStripe(
  discountId: string,
  input: DiscountInput,
  offerings: { id: string }[],
) {
  const stripe = await getStripe();
  const products = [];
  for (const offering of offerings) products.push(await ensureStripeProduct(offering.id));
  const expiresAt = input.expiresAt ? Math.floor(input.expiresAt.getTime() / 1000) : undefined;
  const params: Stripe.CouponCreateParams = {
    name: input.code,
    duration: stripeDuration[input.duration],
    ...(input.durationInMonths ? { duration_in_months: input.durationInMonths } : {}),
    ...(input.percentOff !== null
      ? { percent_off: input.percentOff }
      : { amount_off: input.amountOff ?? 0, currency: input.currency ?? "usd" }),
    ...(input.maxRedemptions ? { max_redemptions: input.maxRedemptions } : {}),
    ...(expiresAt ? { redeem_by: expiresAt } : {}),
    ...(products.length > 0 ? { applies_to: { products } } : {}),
    metadata: { discountId },
  };
  const coupon = await stripe.coupons.create(params, { idempotencyKey: `coupon-${discountId}` });
  const code = await stripe.promotionCodes.create(
    {
      promotion: { type: "coupon", coupon: coupon.id },
      code: input.code,
      ...(input.maxRedemptions ? { max_redemptions: input.maxRedemptions } : {}),
      ...(expiresAt ? { expires_at: expiresAt } : {}),
      metadata: { discountId },
    },
    { idempotencyKey: `promotion-code-${discountId}` },
  );
  return { stripeCouponId: coupon.id, stripePromotionCodeId: code.id };
}
