-- outbox_access_changed: the trigger on "AccessEvent" (the access trail) that reports each change
-- of access, in the transaction that writes it (outbox_emit), one message per trail entry:
--
--   GRANT    → access.granted (a new membership, or one reopened);
--   EXTEND   → access.extended (its end moved later);
--   SHORTEN  → access.extended too, with the new, earlier end: a receiver that keeps the end
--              date stays right (a subscription falling past due ends at its paid period);
--   REVOKE   → access.revoked.
--
-- Every grant and revoke writes the trail (grant_purchase_access, lib/access), whatever the path:
-- payments, renewals, refunds, an admin's grant or revoke. Access that ends by time writes no
-- trail; the expiry scan reports it (lib/outbox/scan-expired-access.ts). The subject carries the
-- membership's end as it is now, after the change. This file is the source: `npm run
-- db:migration -- <name>` copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION outbox_access_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_type text := CASE NEW.action
    WHEN 'GRANT' THEN 'access.granted'
    WHEN 'REVOKE' THEN 'access.revoked'
    ELSE 'access.extended'
  END;
  v_ends_at timestamp(3);
BEGIN
  SELECT m."expiresAt" INTO v_ends_at FROM "Membership" m WHERE m.id = NEW."membershipId";
  PERFORM outbox_emit(v_type, v_type || ':' || NEW.id, jsonb_build_object(
    'accessEventId', NEW.id, 'action', NEW.action, 'membershipId', NEW."membershipId",
    'userId', NEW."userId", 'communityId', NEW."communityId", 'purchaseId', NEW."purchaseId",
    'manual', NEW."actorId" IS NOT NULL, 'accessEndsAt', v_ends_at, 'at', NEW."createdAt"));
  RETURN NULL;
END;
$$;
