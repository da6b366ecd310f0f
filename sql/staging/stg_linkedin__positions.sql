-- stg_linkedin__positions
-- One row per position on the profile; the newest export wins.
-- grain: _member, company_name, title, started_on
with source as (select * from raw.linkedin__positions),
renamed as (
    select
        *
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select * from renamed
    qualify row_number() over (partition by _member, company_name, title, started_on order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
