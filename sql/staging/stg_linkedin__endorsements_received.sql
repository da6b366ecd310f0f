-- stg_linkedin__endorsements_received
-- One row per endorsement received (modern and legacy UTF-16 files); the newest export wins.
-- grain: _member, endorsed_at, skill_name, endorser_first_name, endorser_last_name
-- columns:
--   _copies: Rows loaded for this record: in all exports, repeats within a file included.
--   _exports_with_copy: Exports that hold this record (the same record in several exports).
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
    select
        *,
        count(*) over copies as _copies,
        count(distinct _export_id) over copies as _exports_with_copy
    from renamed
    window copies as (partition by _member, endorsed_at, skill_name, trim(endorser_first_name), trim(endorser_last_name))
    qualify row_number() over (partition by _member, endorsed_at, skill_name, trim(endorser_first_name), trim(endorser_last_name) order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
