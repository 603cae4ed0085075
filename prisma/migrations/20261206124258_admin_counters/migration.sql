-- CreateTable
CREATE TABLE "OfferingPurchaseCount" (
    "offeringId" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "purchases" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OfferingPurchaseCount_pkey" PRIMARY KEY ("offeringId","shard")
);

-- CreateTable
CREATE TABLE "CommunityMembershipCount" (
    "communityId" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "memberships" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CommunityMembershipCount_pkey" PRIMARY KEY ("communityId","shard")
);

-- AddForeignKey
ALTER TABLE "OfferingPurchaseCount" ADD CONSTRAINT "OfferingPurchaseCount_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "Offering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityMembershipCount" ADD CONSTRAINT "CommunityMembershipCount_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- prisma/functions/community_membership_count_add.sql
-- community_membership_count_add: adds p_memberships (negative to take away) to the count of a
-- community's memberships that the admin communities list shows ("CommunityMembershipCount").
-- Called by the trigger of community_membership_count_membership. Nothing is added for a
-- community that is gone: deleting a community deletes its counts and its memberships (both
-- cascades), and those memberships' deletions find no community left to count for.
--
-- Each database connection adds to its own shard of the community (its backend pid modulo 16), so
-- grants on concurrent connections never wait for one another's row; readers sum the shards. This
-- file is the source: `npm run db:migration -- <name>` copies it into a migration when it changes
-- (docs/development.md).
CREATE OR REPLACE FUNCTION community_membership_count_add(
  p_community_id text,
  p_memberships integer
) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "CommunityMembershipCount" ("communityId", shard, memberships)
  SELECT c.id, pg_backend_pid() % 16, p_memberships FROM "Community" c WHERE c.id = p_community_id
  ON CONFLICT ("communityId", shard) DO UPDATE SET
    memberships = "CommunityMembershipCount".memberships + EXCLUDED.memberships;
$$;

-- prisma/functions/community_membership_count_membership.sql
-- community_membership_count_membership: the trigger on "Membership" that keeps
-- "CommunityMembershipCount" equal to the number of memberships of each community, revoked and
-- expired ones included (a revoke or an end date only updates the row; it still counts), which
-- lib/communities/manage-communities.ts shows beside each community. A new membership adds one,
-- a deleted one (its user or community deleted) takes one away. This file is the source:
-- `npm run db:migration -- <name>` copies it into a migration when it changes
-- (docs/development.md).
CREATE OR REPLACE FUNCTION community_membership_count_membership() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM community_membership_count_add(OLD."communityId", -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM community_membership_count_add(NEW."communityId", 1);
  END IF;
  RETURN NULL;
END;
$$;

-- prisma/functions/community_membership_count_rebuild.sql
-- community_membership_count_rebuild: "CommunityMembershipCount" made afresh from "Membership",
-- by the rule the trigger (community_membership_count_membership) applies one change at a time.
-- Run by the migration that made the table, and by anything that writes memberships with triggers
-- off (the admin benchmark's seed). This file is the source: `npm run db:migration -- <name>`
-- copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION community_membership_count_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM "CommunityMembershipCount";
  INSERT INTO "CommunityMembershipCount" ("communityId", shard, memberships)
  SELECT m."communityId", 0, count(*) FROM "Membership" m GROUP BY m."communityId";
$$;

-- prisma/functions/offering_purchase_count_add.sql
-- offering_purchase_count_add: adds p_purchases (negative to take away) to the count of an
-- offering's purchases that the admin offerings list shows ("OfferingPurchaseCount"). Called by
-- the trigger of offering_purchase_count_purchase.
--
-- Each database connection adds to its own shard of the offering (its backend pid modulo 16), so
-- checkouts of one offering on concurrent connections never wait for one another's row; readers
-- sum the shards. This file is the source: `npm run db:migration -- <name>` copies it into a
-- migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION offering_purchase_count_add(
  p_offering_id text,
  p_purchases integer
) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "OfferingPurchaseCount" ("offeringId", shard, purchases)
  VALUES (p_offering_id, pg_backend_pid() % 16, p_purchases)
  ON CONFLICT ("offeringId", shard) DO UPDATE SET
    purchases = "OfferingPurchaseCount".purchases + EXCLUDED.purchases;
$$;

-- prisma/functions/offering_purchase_count_purchase.sql
-- offering_purchase_count_purchase: the trigger on "Purchase" that keeps "OfferingPurchaseCount"
-- equal to the number of purchases of each offering, whatever their status (pending, failed,
-- refunded… all count), which lib/offerings/list-offerings.ts shows beside each offering. A new
-- purchase adds one, a deleted one takes one away, and one moved to another offering (a plan
-- switch) moves its one. This file is the source: `npm run db:migration -- <name>` copies it into
-- a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION offering_purchase_count_purchase() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM offering_purchase_count_add(OLD."offeringId", -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM offering_purchase_count_add(NEW."offeringId", 1);
  END IF;
  RETURN NULL;
END;
$$;

-- prisma/functions/offering_purchase_count_rebuild.sql
-- offering_purchase_count_rebuild: "OfferingPurchaseCount" made afresh from "Purchase", by the
-- rule the trigger (offering_purchase_count_purchase) applies one change at a time. Run by the
-- migration that made the table, and by anything that writes purchases with triggers off (the
-- admin benchmark's seed). This file is the source: `npm run db:migration -- <name>` copies it
-- into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION offering_purchase_count_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM "OfferingPurchaseCount";
  INSERT INTO "OfferingPurchaseCount" ("offeringId", shard, purchases)
  SELECT p."offeringId", 0, count(*) FROM "Purchase" p GROUP BY p."offeringId";
$$;


-- The trigger that keeps "OfferingPurchaseCount" (offering_purchase_count_purchase), called only
-- when a change can move a count: a purchase made, deleted, or moved to another offering.
CREATE TRIGGER offering_purchase_count_inserted AFTER INSERT ON "Purchase"
  FOR EACH ROW
  EXECUTE FUNCTION offering_purchase_count_purchase();
CREATE TRIGGER offering_purchase_count_changed AFTER UPDATE ON "Purchase"
  FOR EACH ROW WHEN (OLD."offeringId" IS DISTINCT FROM NEW."offeringId")
  EXECUTE FUNCTION offering_purchase_count_purchase();
CREATE TRIGGER offering_purchase_count_deleted AFTER DELETE ON "Purchase"
  FOR EACH ROW
  EXECUTE FUNCTION offering_purchase_count_purchase();

-- The purchases already there. The triggers' locks keep every write to "Purchase" waiting until
-- this migration commits, so none is counted twice or missed.
SELECT offering_purchase_count_rebuild();

-- The trigger that keeps "CommunityMembershipCount" (community_membership_count_membership),
-- called only when a change can move a count: a membership made, deleted, or moved to another
-- community.
CREATE TRIGGER community_membership_count_inserted AFTER INSERT ON "Membership"
  FOR EACH ROW
  EXECUTE FUNCTION community_membership_count_membership();
CREATE TRIGGER community_membership_count_changed AFTER UPDATE ON "Membership"
  FOR EACH ROW WHEN (OLD."communityId" IS DISTINCT FROM NEW."communityId")
  EXECUTE FUNCTION community_membership_count_membership();
CREATE TRIGGER community_membership_count_deleted AFTER DELETE ON "Membership"
  FOR EACH ROW
  EXECUTE FUNCTION community_membership_count_membership();

-- The memberships already there, likewise.
SELECT community_membership_count_rebuild();
