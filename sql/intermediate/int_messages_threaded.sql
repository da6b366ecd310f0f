-- int_messages_threaded
-- The members' direct messages (drafts excluded) with only the columns the conversation models read: who wrote each, and whether it opened its conversation. A view over staging.stg_linkedin__messages; a member build computes it once for the three models that read it (models.warehouse.build_members), instead of each reading a recruiter's million messages again.
-- grain: _member, conversation_id, sent_at, from_name, content_hash
-- materialized: view
-- columns:
--   sender_key: Who wrote it: the sender's profile slug, else the sender's name lowercased and trimmed.
--   is_conversation_start: The first message of its conversation (by time, then by line in the file).
select
    _member, conversation_id, sent_at, _source_line, from_name, content_hash, is_from_owner, is_possibly_sponsored,
    coalesce(sender_slug, lower(trim(from_name))) as sender_key,
    row_number() over (partition by _member, conversation_id order by sent_at, _source_line) = 1 as is_conversation_start
from staging.stg_linkedin__messages
where channel = 'messages' and not is_draft
