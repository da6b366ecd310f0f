-- stg_linkedin__invitations
-- One row per connection request sent or received; the newest export wins. LinkedIn keeps only the last 6–9 months per export.
-- grain: _member, direction, sent_at, from_name, to_name
-- columns:
--   _copies: Rows loaded for this record: in all exports, repeats within a file included.
--   _exports_with_copy: Exports that hold this record (the same record in several exports).
--   is_outgoing: The member sent the invitation.
--   inviter_slug: Inviter's profile slug.
--   invitee_slug: Invitee's profile slug.
with source as (select * from raw.linkedin__invitations),
renamed as (
    select
        *,
        direction = 'OUTGOING' as is_outgoing,
        profile_slug(inviter_profile_url) as inviter_slug,
        profile_slug(invitee_profile_url) as invitee_slug
    from source
),
deduplicated as (
    select
        *,
        count(*) over copies as _copies,
        count(distinct _export_id) over copies as _exports_with_copy
    from renamed
    window copies as (partition by _member, direction, sent_at, trim(from_name), trim(to_name))
    qualify row_number() over (
        partition by _member, direction, sent_at, trim(from_name), trim(to_name)
        order by _exported_at desc nulls last, _export_id desc, _source_line
    ) = 1
)
select * from deduplicated
