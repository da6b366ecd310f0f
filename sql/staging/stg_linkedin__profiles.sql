-- stg_linkedin__profiles
-- One row per member: the profile from the newest export.
-- grain: _member
with source as (select * from raw.linkedin__profile),
renamed as (
    select
        *
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select * from renamed
    qualify row_number() over (partition by _member order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
