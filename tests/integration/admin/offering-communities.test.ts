/**
 * The communities an offering grants, as the explicit OfferingCommunity rows: what the admin's
 * create and update write, and what the catalog and a community's page read through them.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getCommunityForViewer } from "@/lib/communities/get-community-for-viewer";
import { getActiveOffering, getOfferingForEdit } from "@/lib/offerings/list-offerings";
import { offeringInput } from "@/lib/offerings/schemas";
import { setOfferingArchived } from "@/lib/offerings/set-offering-archived";
import { updateOffering } from "@/lib/offerings/update-offering";
import { makeCommunity, makeOffering } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const links = (offeringId: string) =>
  db.offeringCommunity.findMany({ where: { offeringId }, orderBy: { communityId: "asc" } });

function inputWith(communityIds: string[]) {
  return offeringInput.parse({
    name: "Course",
    priceAmount: 4900,
    currency: "usd",
    pricingType: "ONE_TIME",
    channel: "STRIPE_EMBEDDED",
    communityIds,
  });
}

describe("an offering's communities", () => {
  it("keeps a link that stays chosen, adds the new one and drops the one left out", async () => {
    const [kept, dropped, added] = await Promise.all([
      makeCommunity("Kept"),
      makeCommunity("Dropped"),
      makeCommunity("Added"),
    ]);
    const offering = await makeOffering({ communityIds: [kept.id, dropped.id] });
    const [keptBefore] = (await links(offering.id)).filter((link) => link.communityId === kept.id);

    await updateOffering({ offeringId: offering.id, input: inputWith([kept.id, added.id]) });

    const after = await links(offering.id);
    expect(after.map((link) => link.communityId).sort()).toEqual([added.id, kept.id].sort());
    const keptAfter = after.find((link) => link.communityId === kept.id);
    expect(keptAfter?.createdAt).toEqual(keptBefore.createdAt);
    expect((await getOfferingForEdit(offering.id))?.communities).toEqual(
      expect.arrayContaining([{ id: kept.id }, { id: added.id }]),
    );
  });

  it("refuses a community that does not exist, changing nothing", async () => {
    const community = await makeCommunity();
    const offering = await makeOffering({ communityIds: [community.id] });

    await expect(
      updateOffering({ offeringId: offering.id, input: inputWith(["no-such-community"]) }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await links(offering.id)).map((link) => link.communityId)).toEqual([community.id]);
  });

  it("shows the catalog the communities and a community page its active offerings", async () => {
    const community = await makeCommunity("Circle");
    const [active, archived] = [
      await makeOffering({ name: "Active", communityIds: [community.id] }),
      await makeOffering({ name: "Archived", communityIds: [community.id] }),
    ];
    await setOfferingArchived({ offeringId: archived.id, archived: true, actorId: "test-admin" });

    expect((await getActiveOffering(active.id))?.communities).toEqual([
      { id: community.id, name: "Circle", description: "Circle community" },
    ]);
    const page = await getCommunityForViewer({ communityId: community.id, userId: null });
    expect(page?.offerings).toEqual([{ id: active.id, name: "Active" }]);
  });

  it("goes with its offering or its community", async () => {
    const [first, second] = [await makeCommunity(), await makeCommunity()];
    const offering = await makeOffering({ communityIds: [first.id, second.id] });

    await db.community.delete({ where: { id: first.id } });
    expect((await links(offering.id)).map((link) => link.communityId)).toEqual([second.id]);
    await db.offering.delete({ where: { id: offering.id } });
    expect(await db.offeringCommunity.count()).toBe(0);
  });
});
