/**
 * The rows a test or a benchmark starts from (users, communities, offerings, pending purchases),
 * made through the app's own use cases. Reaches lib/: runs under Vitest or tsx, not Playwright.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createCommunity } from "@/lib/communities/manage-communities";
import { createOffering } from "@/lib/offerings/create-offering";
import { offeringInput, type OfferingInput } from "@/lib/offerings/schemas";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";

/** A user whose email is verified, unless `verified: false`. */
export async function makeUser(
  overrides: { email?: string; role?: "USER" | "ADMIN"; verified?: boolean } = {},
) {
  return db.user.create({
    data: {
      email: overrides.email ?? `user-${randomUUID()}@example.com`,
      role: overrides.role ?? "USER",
      emailVerified: overrides.verified === false ? null : new Date(),
    },
    select: { id: true, email: true, role: true },
  });
}

export function makeCommunity(name = "Insiders") {
  return createCommunity({
    input: { name, description: `${name} community`, content: `Welcome to ${name}` },
  });
}

export async function makeOffering(overrides: Partial<Record<keyof OfferingInput, unknown>> = {}) {
  const input = offeringInput.parse({
    name: "Course",
    priceAmount: 4900,
    currency: "usd",
    pricingType: "ONE_TIME",
    channel: "EXTERNAL_LINK",
    paymentLink: "https://pay.example.com/checkout?ref={purchase_id}&email={user_email}",
    ...overrides,
  });
  return createOffering({ input });
}

/** A STRIPE_EMBEDDED offering that grants one new community. */
export async function embeddedOffering(overrides: Parameters<typeof makeOffering>[0] = {}) {
  const community = await makeCommunity();
  const offering = await makeOffering({
    channel: "STRIPE_EMBEDDED",
    paymentLink: undefined,
    communityIds: [community.id],
    ...overrides,
  });
  return { community, offering };
}

/** A user with a pending purchase of a new offering that grants one community. */
export async function pendingPurchaseScenario(
  offeringOverrides: Parameters<typeof makeOffering>[0] = {},
) {
  const community = await makeCommunity();
  const offering = await makeOffering({ communityIds: [community.id], ...offeringOverrides });
  const user = await makeUser();
  const started = await startLinkPurchase({ userId: user.id, offeringId: offering.id });
  if (started.hasAccess) throw new Error("unexpected access");
  return { community, offering, user, purchaseId: started.purchaseId, orderId: started.orderId };
}
