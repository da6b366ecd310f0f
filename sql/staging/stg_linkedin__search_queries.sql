-- stg_linkedin__search_queries
-- One row per search the member ran; identical searches in the same second count once.
-- grain: _member, searched_at, query
-- columns:
--   _copies: Rows loaded for this record: in all exports, repeats within a file included.
--   _exports_with_copy: Exports that hold this record (the same record in several exports).
with source as (select * from raw.linkedin__search_queries),
renamed as (
    select
        *
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select
        *,
        count(*) over copies as _copies,
        count(distinct _export_id) over copies as _exports_with_copy
    from renamed
    window copies as (partition by _member, searched_at, query)
    qualify row_number() over (partition by _member, searched_at, query order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
