-- stg_linkedin__votes
-- One row per poll vote; the newest export wins.
-- grain: _member, voted_at, post_url
with source as (select * from raw.linkedin__votes),
renamed as (
    select
        *
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select * from renamed
    qualify row_number() over (partition by _member, voted_at, post_url order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
