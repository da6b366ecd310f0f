-- int_messages_threaded
-- The members' direct messages (drafts excluded) with only the columns the conversation models read: who wrote each, and whether it opened its conversation. A view over staging.stg_linkedin__messages; a member build computes it once for the three models that read it (models.warehouse.build_members), instead of each reading a recruiter's million messages again.
-- grain: _member, conversation_id, sent_at, from_name, content_hash
-- materialized: view
-- columns:
--   sender_key: Who wrote it: the sender's profile slug, else the sender's name lowercased and trimmed.
--   is_conversation_start: The first message of its conversation (by time, then by line in the file, then by export).
with messages as (
    select
        _member, conversation_id, sent_at, _source_line, _export_id, from_name, content_hash, is_from_owner,
        is_possibly_sponsored, coalesce(sender_slug, lower(trim(from_name))) as sender_key
    from staging.stg_linkedin__messages
    where channel = 'messages' and not is_draft
),
firsts as (
    -- Each conversation's first message by time, then line in the file (then export: a message an older export alone
    -- holds can share both): a grouping and a join instead of a window sorting a million messages with their columns,
    -- two fifths of the cost. A struct sorts its NULL fields last, as the window's `nulls last` did.
    select _member, conversation_id, min((sent_at, _source_line, _export_id)) as first_key from messages group by all
)
select
    messages._member, messages.conversation_id, messages.sent_at, messages._source_line, messages.from_name,
    messages.content_hash, messages.is_from_owner, messages.is_possibly_sponsored, messages.sender_key,
    (messages.sent_at, messages._source_line, messages._export_id) = firsts.first_key as is_conversation_start
from messages
join firsts on firsts._member = messages._member and firsts.conversation_id = messages.conversation_id
