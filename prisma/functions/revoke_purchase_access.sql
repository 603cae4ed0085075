-- revoke_purchase_access: the memberships a purchase granted end now, each with a REVOKE entry
-- on the access trail; with p_keep_community_ids, all but those (a plan switch keeps what both
-- plans grant). Access the user holds through another purchase lives in other memberships and
-- stays. Returns how many it revoked.
--
-- Refunds, ended subscriptions (sync_subscription_access) and an admin's revoke call it, through
-- lib/access/revoke-purchase-access.ts. This file is the source: `npm run db:migration -- <name>`
-- copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION revoke_purchase_access(
  p_purchase_id text,
  p_cause text,                    -- why, for the trail
  p_event_id text,                 -- the "ProcessedEvent" that caused it, or null
  p_actor_id text,                 -- the admin who did it, or null
  p_keep_community_ids text[]      -- memberships of these communities stay
) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamp(3) := timezone('UTC', now());
  v_revoked integer;
BEGIN
  WITH revoked AS (
    UPDATE "Membership" SET "revokedAt" = v_now
    WHERE "purchaseId" = p_purchase_id AND "revokedAt" IS NULL
      AND "communityId" <> ALL (p_keep_community_ids)
    RETURNING id, "userId", "communityId"
  ), trail AS (
    INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId",
                               cause, "eventId", "actorId", "createdAt")
    SELECT gen_random_uuid()::text, 'REVOKE', revoked."userId", revoked."communityId", revoked.id,
           p_purchase_id, p_cause, p_event_id, p_actor_id, v_now
    FROM revoked
    RETURNING 1
  )
  SELECT count(*)::int INTO v_revoked FROM trail;
  RETURN v_revoked;
END;
$$;

