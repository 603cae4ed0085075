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
