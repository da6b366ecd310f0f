-- stg_linkedin__company_follows
-- One row per company the member follows; the newest export wins.
-- grain: _member, organization
with source as (select * from raw.linkedin__company_follows),
renamed as (
    select
        *
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select * from renamed
    qualify row_number() over (partition by _member, trim(organization) order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
