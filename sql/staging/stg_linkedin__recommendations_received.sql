-- stg_linkedin__recommendations_received
-- One row per recommendation received; the newest export wins.
-- grain: _member, first_name, last_name, created_at
with source as (select * from raw.linkedin__recommendations_received),
renamed as (
    select
        *
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select * from renamed
    qualify row_number() over (partition by _member, trim(first_name), trim(last_name), created_at order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
