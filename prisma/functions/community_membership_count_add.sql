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
