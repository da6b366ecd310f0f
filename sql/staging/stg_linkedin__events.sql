-- stg_linkedin__events
-- One row per event registration; the newest export wins.
-- grain: _member, event_name, starts_at
with source as (select * from raw.linkedin__events),
renamed as (
    select
        *
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select * from renamed
    qualify row_number() over (partition by _member, event_name, starts_at order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
