-- outbox_emit: the one writer of an "OutboxMessage" (the transactional outbox, docs/outgoing-webhooks.md).
--
-- Writes a message of `p_type` about `p_subject` (the ids the fact is about; the dispatcher in
-- lib/notifications builds the payload from them later) in the caller's transaction, so the
-- message exists exactly when the change it reports commits. The same fact is written once:
-- a second message with the same `p_dedupe_key` is dropped. Wakes the outbox workers (LISTEN
-- outbox) when the transaction commits. Returns the message id ("msg_…", the webhook-id
-- receivers dedupe on), or null when the fact was already written.
--
-- Called by the outbox triggers (outbox_*_changed, on the rows each fact is about) and by
-- lib/outbox/emit-message.ts (facts no row change carries: access that ended by time). This file
-- is the source: `npm run db:migration -- <name>` copies it into a migration when it changes
-- (docs/development.md).
CREATE OR REPLACE FUNCTION outbox_emit(
  p_type text,
  p_dedupe_key text,
  p_subject jsonb
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_id text;
BEGIN
  INSERT INTO "OutboxMessage" (id, type, "dedupeKey", subject, "createdAt")
  VALUES ('msg_' || replace(gen_random_uuid()::text, '-', ''), p_type, p_dedupe_key, p_subject,
          timezone('UTC', now()))
  ON CONFLICT ("dedupeKey") DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NOT NULL THEN
    -- Notifications with the same payload in one transaction are delivered once, at commit.
    PERFORM pg_notify('outbox', '');
  END IF;
  RETURN v_id;
END;
$$;
