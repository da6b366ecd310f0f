-- stg_linkedin__comments
-- One row per comment the member wrote; the newest export wins.
-- grain: _member, commented_at, post_url, message_hash
-- columns:
--   _copies: Rows loaded for this record: in all exports, repeats within a file included.
--   _exports_with_copy: Exports that hold this record (the same record in several exports).
--   message_hash: 64-bit hash of the comment text with whitespace collapsed (part of the natural key; line breaks and trailing spaces differ between eras).
with source as (select * from raw.linkedin__comments),
renamed as (
    select
        *,
        text_key(message) as message_hash
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select *,
        count(*) over copies as _copies,
        count(distinct _export_id) over copies as _exports_with_copy
    from renamed
    window copies as (partition by _member, commented_at, post_url, message_hash)
    qualify row_number() over (partition by _member, commented_at, post_url, message_hash order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
