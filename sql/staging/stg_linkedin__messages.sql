-- stg_linkedin__messages
-- One row per message (and draft) per member, all channels; the newest export wins.
-- grain: _member, channel, conversation_id, sent_at, from_name, content_hash
-- columns:
--   content_hash: md5 of CONTENT (part of the natural key: a thread can hold two messages in the same second).
--   sender_slug: Sender's profile slug.
--   is_from_owner: The member wrote it: the sender is the member's own profile (or name), or a 2018 OUTGOING/SENT row.
--   is_draft: An unsent draft: IS MESSAGE DRAFT = Yes, or an orphan draft with no conversation id.
--   is_possibly_sponsored: No sender profile and HTML content or a 'Sponsored Conversation' title.
with source as (select * from raw.linkedin__messages),
owners as (select export_id, member_name, profile_slug(member_profile_url) as owner_slug from raw.exports),
renamed as (
    select
        source.*,
        md5(coalesce(source.content, '')) as content_hash,
        profile_slug(source.sender_profile_url) as sender_slug,
        coalesce(
            profile_slug(source.sender_profile_url) = owners.owner_slug
                or trim(source.from_name) = owners.member_name
                or source.direction = 'OUTGOING'
                or source.folder = 'SENT',
            false
        ) as is_from_owner,
        coalesce(source.is_message_draft, false) or source.conversation_id is null as is_draft,
        source.sender_profile_url is null
            and (source.has_html or coalesce(source.conversation_title = 'Sponsored Conversation', false))
            as is_possibly_sponsored
    from source
    left join owners on owners.export_id = source._export_id
),
deduplicated as (
    select * from renamed
    qualify row_number() over (
        partition by _member, channel, conversation_id, sent_at, from_name, content_hash
        order by _exported_at desc nulls last, _export_id desc, _source_line
    ) = 1
)
select * from deduplicated
