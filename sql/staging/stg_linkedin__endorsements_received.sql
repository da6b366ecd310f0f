-- stg_linkedin__endorsements_received
-- One row per endorsement received (modern and legacy UTF-16 files); the newest export wins.
-- grain: _member, endorsed_at, skill_name, endorser_first_name, endorser_last_name
-- columns:
--   endorser_slug: Endorser's profile slug.
with source as (select * from raw.linkedin__endorsements_received),
renamed as (
    select
        *,
        profile_slug(endorser_profile_url) as endorser_slug
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select * from renamed
    qualify row_number() over (partition by _member, endorsed_at, skill_name, trim(endorser_first_name), trim(endorser_last_name) order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
