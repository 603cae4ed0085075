-- set_purchase_access_end: moves the end of the access a purchase gives to p_until.
--
-- Each of the purchase's memberships whose end moves, or that was revoked, gets the new end
-- (reopened) and an entry on the access trail (a revoked one only if the offering grants its
-- community: one a plan switch took away stays revoked): GRANT for one reopened, EXTEND when its end moves
-- later (or had none), SHORTEN when it moves earlier. The purchase's own end follows, and
-- communities added to the offering since (or the first grant) get their membership now
-- (grant_purchase_access). Expiry itself is read at query time.
--
-- Renewals use it: subscriptions (sync_subscription_access) and recurring external payments,
-- through lib/access/set-purchase-access-end.ts. Returns how many entries of each kind it wrote.
-- This file is the source: `npm run db:migration -- <name>` copies it into a migration when it
-- changes (docs/development.md).
CREATE OR REPLACE FUNCTION set_purchase_access_end(
  p_purchase_id text,
  p_user_id text,
  p_offering_id text,
  p_until timestamp(3),            -- the new end (UTC)
  p_cause text,                    -- why, for the trail
  p_event_id text,                 -- the "ProcessedEvent" that caused it, or null
  p_actor_id text                  -- the admin who did it, or null
) RETURNS TABLE (granted integer, reopened integer, extended integer, shortened integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_now timestamp(3) := timezone('UTC', now());
  v_membership record;
  v_action "AccessAction";
  v_reopened integer := 0;
  v_extended integer := 0;
  v_shortened integer := 0;
BEGIN
  FOR v_membership IN
    SELECT m.id, m."communityId", m."expiresAt", m."revokedAt"
    FROM "Membership" m
    WHERE m."purchaseId" = p_purchase_id
      AND (m."revokedAt" IS NOT NULL OR m."expiresAt" IS DISTINCT FROM p_until)
      AND (m."revokedAt" IS NULL OR EXISTS (
        SELECT 1 FROM "OfferingCommunity" oc
        WHERE oc."offeringId" = p_offering_id AND oc."communityId" = m."communityId"))
  LOOP
    v_action := CASE
      WHEN v_membership."revokedAt" IS NOT NULL THEN 'GRANT'
      WHEN v_membership."expiresAt" IS NULL OR p_until > v_membership."expiresAt" THEN 'EXTEND'
      ELSE 'SHORTEN'
    END;
    UPDATE "Membership" SET "expiresAt" = p_until, "revokedAt" = NULL WHERE id = v_membership.id;
    -- After the membership moved: the outbox's trigger reports the end as it is now.
    INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId",
                               cause, "eventId", "actorId", "createdAt")
    VALUES (gen_random_uuid()::text, v_action, p_user_id, v_membership."communityId",
            v_membership.id, p_purchase_id, p_cause, p_event_id, p_actor_id, v_now);
    CASE v_action
      WHEN 'GRANT' THEN v_reopened := v_reopened + 1;
      WHEN 'EXTEND' THEN v_extended := v_extended + 1;
      ELSE v_shortened := v_shortened + 1;
    END CASE;
  END LOOP;

  UPDATE "Purchase" SET "expiresAt" = p_until, "updatedAt" = v_now WHERE id = p_purchase_id;
  RETURN QUERY SELECT
    grant_purchase_access(p_purchase_id, p_user_id, p_offering_id, p_until, p_cause, p_event_id,
                          p_actor_id),
    v_reopened, v_extended, v_shortened;
END;
$$;
