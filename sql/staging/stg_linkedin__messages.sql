-- stg_linkedin__messages
-- One row per message (and draft) per member, all channels; the newest export wins. A view over the lake: a recruiter's million message bodies are read only by the queries that ask for them.
-- grain: _member, channel, conversation_id, sent_at, from_name, content_hash
-- materialized: view
-- columns:
--   content_hash: 64-bit hash of CONTENT as written (identifies the row: a thread can hold two messages in the same second). Across exports the same message is recognised by its text with whitespace collapsed (text_key): HTML, flattened or real line breaks and trailing spaces differ between eras, the text does not.
--   sender_slug: Sender's profile slug.
--   is_from_owner: The member wrote it: the sender is the member's own profile (or name), or a 2018 OUTGOING/SENT row.
--   is_draft: An unsent draft: IS MESSAGE DRAFT = Yes, or an orphan draft with no conversation id.
--   is_possibly_sponsored: No sender profile and HTML content or a 'Sponsored Conversation' title.
with source as (select * from raw.linkedin__messages),
exports as (
    -- Rank each member's exports, newest first: rows of the newest export are kept as they are.
    select export_id, member_name, profile_slug(member_profile_url) as owner_slug,
           row_number() over (partition by member order by exported_at desc nulls last, export_id desc) as recency
    from raw.exports
),
renamed as (
    select
        source.*,
        hash(coalesce(source.content, '')) as content_hash,
        profile_slug(source.sender_profile_url) as sender_slug,
        exports.owner_slug,
        exports.member_name,
        exports.recency
    from source
    join exports on exports.export_id = source._export_id
),
flagged as (
    select
        * exclude (owner_slug, member_name),
        coalesce(
            sender_slug = owner_slug
                or trim(from_name) = member_name
                or direction = 'OUTGOING'
                or folder = 'SENT',
            false
        ) as is_from_owner,
        coalesce(is_message_draft, false) or conversation_id is null as is_draft,
        sender_profile_url is null
            and (has_html or coalesce(conversation_title = 'Sponsored Conversation', false))
            as is_possibly_sponsored
    from renamed
),
deduplicated as (
    -- A message repeats in every later export: keep the newest export's copy. Messages are the largest table
    -- (a million rows for a recruiter), so instead of a window over all rows, older exports contribute only
    -- the messages that no newer export of the member has.
    select * from flagged where recency = 1
    union all
    select older.* from flagged as older
    where older.recency > 1
      and not exists (
          select 1 from flagged as newer
          where newer._member = older._member and newer.recency < older.recency
            and newer.channel = older.channel
            and newer.conversation_id is not distinct from older.conversation_id
            and newer.sent_at = older.sent_at
            and trim(newer.from_name) is not distinct from trim(older.from_name)
            -- Compared only for the few candidates that match on everything else (a million rows are not rehashed).
            and text_key(newer.content_text) = text_key(older.content_text)
      )
      qualify row_number() over (
          partition by older._member, older.channel, older.conversation_id, older.sent_at, trim(older.from_name),
                       text_key(older.content_text)
          order by older.recency, older._source_line) = 1
)
select * exclude (recency) from deduplicated
