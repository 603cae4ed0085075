import { beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "@/lib/db";
import { patchOffering } from "@/lib/offerings/patch-offering";
import { getOfferingWebhookDetails } from "@/lib/offerings/get-offering-webhook-details";
import { listActiveOfferings, listOfferingsForAdmin } from "@/lib/offerings/list-offerings";
import { offeringInput } from "@/lib/offerings/schemas";
import { setOfferingArchived } from "@/lib/offerings/set-offering-archived";
import { updateOffering } from "@/lib/offerings/update-offering";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import { decryptSecret } from "@/lib/security/secrets";
import { makeCommunity, makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

/** Audit entries name an actor; the use cases do not check it exists. */
const ADMIN_ID = "test-admin";

async function storedSecrets(offeringId: string) {
  return db.offering.findUniqueOrThrow({
    where: { id: offeringId },
    select: { webhookSecret: true, previousWebhookSecret: true, previousSecretExpiresAt: true },
  });
}

async function communityIdsOf(offeringId: string) {
  const offering = await db.offering.findUniqueOrThrow({
    where: { id: offeringId },
    select: { communities: { select: { communityId: true } } },
  });
  return offering.communities.map((link) => link.communityId).sort();
}

describe("admin: creating an offering", () => {
  it("returns the webhook URL and secret, and stores the secret encrypted", async () => {
    const created = await makeOffering({ name: "Masterclass" });

    expect(created.webhookSecret).toMatch(/^whsec_.{20,}/);
    expect(created.webhookUrl).toBe(`http://localhost:3000/webhooks/offerings/${created.id}`);
    const stored = await storedSecrets(created.id);
    expect(stored.webhookSecret).not.toBe(created.webhookSecret);
    expect(stored.webhookSecret).not.toContain(created.webhookSecret);
    expect(decryptSecret(stored.webhookSecret)).toBe(created.webhookSecret);
    const details = await getOfferingWebhookDetails({ offeringId: created.id });
    expect(details).toEqual({
      webhookUrl: created.webhookUrl,
      webhookSecret: created.webhookSecret,
      previousSecretValidUntil: null,
      stripeSigningSecretSet: false,
    });
  });

  it("refuses a community that does not exist with 422 and creates nothing", async () => {
    await expect(makeOffering({ communityIds: ["no-such-community"] })).rejects.toMatchObject({
      code: "validation_failed",
      status: 422,
    });
    expect(await db.offering.count()).toBe(0);
  });

  it("leaves the secret out of ordinary reads", async () => {
    const created = await makeOffering();
    const row = await db.offering.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).not.toHaveProperty("webhookSecret");
    expect(JSON.stringify(await listOfferingsForAdmin({ page: 1, pageSize: 25 }))).not.toContain(
      created.webhookSecret,
    );
  });
});

describe("admin: updating an offering", () => {
  it("replaces the communities it grants", async () => {
    const [first, second, third] = await Promise.all([
      makeCommunity("A"),
      makeCommunity("B"),
      makeCommunity("C"),
    ]);
    const offering = await makeOffering({ communityIds: [first.id, second.id] });

    const input = offeringInput.parse({
      name: "Renamed",
      priceAmount: 9900,
      currency: "eur",
      pricingType: "ONE_TIME",
      channel: "STRIPE_EMBEDDED",
      communityIds: [third.id],
    });
    await updateOffering({ offeringId: offering.id, input });

    expect(await communityIdsOf(offering.id)).toEqual([third.id]);
    const row = await db.offering.findUniqueOrThrow({ where: { id: offering.id } });
    expect(row).toMatchObject({
      name: "Renamed",
      priceAmount: 9900,
      currency: "eur",
      paymentLink: null,
    });
  });

  it("answers not_found for an unknown offering", async () => {
    const input = offeringInput.parse({
      name: "X",
      priceAmount: 1,
      currency: "usd",
      pricingType: "ONE_TIME",
      channel: "STRIPE_EMBEDDED",
    });
    await expect(updateOffering({ offeringId: "missing", input })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("patches given fields over the current ones and revalidates the whole", async () => {
    const community = await makeCommunity();
    const offering = await makeOffering({
      communityIds: [community.id],
      imageUrl: "https://img.example.com/a.png",
    });

    const patched = await patchOffering({
      offeringId: offering.id,
      changes: { priceAmount: 1500, imageUrl: null },
      actorId: ADMIN_ID,
    });

    expect(patched).toMatchObject({
      name: "Course",
      priceAmount: 1500,
      imageUrl: null,
      paymentLink: expect.any(String),
    });
    expect(await communityIdsOf(offering.id)).toEqual([community.id]);
    await expect(
      patchOffering({ offeringId: offering.id, changes: { paymentLink: null }, actorId: ADMIN_ID }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(
      patchOffering({
        offeringId: offering.id,
        changes: { imageUrl: "javascript:alert(1)" },
        actorId: ADMIN_ID,
      }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(
      patchOffering({ offeringId: "missing", changes: {}, actorId: ADMIN_ID }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("admin: archiving", () => {
  it("takes an offering out of the catalog and brings it back", async () => {
    const kept = await makeOffering({ name: "Kept" });
    const archived = await makeOffering({ name: "Archived" });

    await setOfferingArchived({ offeringId: archived.id, archived: true, actorId: ADMIN_ID });
    expect((await listActiveOfferings()).map((offering) => offering.id)).toEqual([kept.id]);
    const all = (await listOfferingsForAdmin({ page: 1, pageSize: 25 })).items;
    expect(all.find((offering) => offering.id === archived.id)?.archivedAt).toBeInstanceOf(Date);
    await expect(
      startLinkPurchase({ userId: (await makeUser()).id, offeringId: archived.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });

    await patchOffering({
      offeringId: archived.id,
      changes: { archived: false },
      actorId: ADMIN_ID,
    });
    expect((await listActiveOfferings()).map((offering) => offering.id).sort()).toEqual(
      [kept.id, archived.id].sort(),
    );
  });
});
