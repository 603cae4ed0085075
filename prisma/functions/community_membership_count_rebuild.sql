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
