import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { stripeSigningSecret } from "@/lib/offerings/schemas";
import { encryptSecret } from "@/lib/security/secrets";

export type SetStripeSigningSecretOptions = {
  offeringId: string;
  /** The endpoint's whsec_… from the Stripe dashboard; null removes it. */
  signingSecret: string | null;
};

/**
 * Stores (encrypted) or removes the Stripe signing secret of a Stripe webhook pointed at the
 * offering's URL: Stripe cannot send our secret header, so its `Stripe-Signature` is checked
 * with this instead. The secret is never read back out for display.
 */
export async function setStripeSigningSecret({
  offeringId,
  signingSecret,
}: SetStripeSigningSecretOptions) {
  const plain = signingSecret === null ? null : stripeSigningSecret.parse(signingSecret);
  const { count } = await db.offering.updateMany({
    where: { id: offeringId },
    data: { stripeSigningSecret: plain === null ? null : encryptSecret(plain) },
  });
  if (count === 0) throw new AppError("not_found", "No offering has this id.");
  return { stripeSigningSecretSet: plain !== null };
}
