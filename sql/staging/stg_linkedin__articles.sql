-- stg_linkedin__articles
-- One row per long-form article (published or draft); the newest export wins.
-- grain: _member, article_key
-- columns:
--   _copies: Rows loaded for this record: in all exports, repeats within a file included.
--   _exports_with_copy: Exports that hold this record (the same record in several exports).
--   article_key: The article link, else the HTML file name.
with source as (select * from raw.linkedin__articles),
renamed as (
    select
        *,
        coalesce(article_url, file_name) as article_key
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select *,
        count(*) over copies as _copies,
        count(distinct _export_id) over copies as _exports_with_copy
    from renamed
    window copies as (partition by _member, article_key)
    qualify row_number() over (partition by _member, article_key order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
