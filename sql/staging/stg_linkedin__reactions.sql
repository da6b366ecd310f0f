-- stg_linkedin__reactions
-- One row per reaction the member gave; the newest export wins.
-- grain: _member, reacted_at, post_url
-- columns:
--   _copies: Rows loaded for this record: in all exports, repeats within a file included.
--   _exports_with_copy: Exports that hold this record (the same record in several exports).
--   is_on_comment: The reaction was given to a comment (the link carries commentUrn).
with source as (select * from raw.linkedin__reactions),
renamed as (
    select
        *,
        post_url like '%commentUrn=%' as is_on_comment
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select
        *,
        count(*) over copies as _copies,
        count(distinct _export_id) over copies as _exports_with_copy
    from renamed
    window copies as (partition by _member, reacted_at, post_url)
    qualify row_number() over (partition by _member, reacted_at, post_url order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
