-- grant_purchase_access: what a paid purchase gives, its offering's communities.
--
-- Adds the user to every community of the offering ("OfferingCommunity"), with a GRANT entry on
-- the access trail ("AccessEvent") for each new membership, and returns how many it added. The
-- (purchase, community) unique key makes it once per community however often it runs, whichever
-- path gets here first; a community added to the offering later is granted on the next run.
--
-- Called by complete_purchase (a first payment) and by lib/access/grant-purchase-access.ts
-- (renewals, an admin's grant). This file is the source: `npm run db:migration -- <name>` copies
-- it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION grant_purchase_access(
  p_purchase_id text,
  p_user_id text,
  p_offering_id text,
  p_expires_at timestamp(3),       -- the memberships' end (UTC), or null for never
  p_cause text,                    -- why, for the trail: "stripe checkout.session.completed evt_…"
  p_event_id text,                 -- the "ProcessedEvent" that caused it, or null
  p_actor_id text                  -- the admin who did it, or null
) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamp(3) := timezone('UTC', now());
  v_granted integer;
BEGIN
  WITH membership AS (
    INSERT INTO "Membership" (id, "userId", "communityId", "purchaseId", "expiresAt", "grantedAt")
    SELECT gen_random_uuid()::text, p_user_id, link."communityId", p_purchase_id, p_expires_at, v_now
    FROM "OfferingCommunity" link WHERE link."offeringId" = p_offering_id
    ON CONFLICT ("purchaseId", "communityId") DO NOTHING
    RETURNING id, "communityId"
  ), trail AS (
    INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId",
                               cause, "eventId", "actorId", "createdAt")
    SELECT gen_random_uuid()::text, 'GRANT', p_user_id, membership."communityId", membership.id,
           p_purchase_id, p_cause, p_event_id, p_actor_id, v_now
    FROM membership
    RETURNING 1
  )
  SELECT count(*)::int INTO v_granted FROM trail;
  RETURN v_granted;
END;
$$;
