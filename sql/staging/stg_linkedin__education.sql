-- stg_linkedin__education
-- One row per education entry; the newest export wins.
-- grain: _member, school_name, degree_name, started_on
with source as (select * from raw.linkedin__education),
renamed as (
    select
        *
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select * from renamed
    qualify row_number() over (partition by _member, school_name, degree_name, started_on order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
