-- stg_linkedin__rich_media
-- One row per photo, video or document upload (or legacy pointer row); the newest export wins.
-- grain: _member, uploaded_at, media_kind, media_path, pointer_type, pointer_url
-- columns:
--   _copies: Rows loaded for this record: in all exports, repeats within a file included.
--   _exports_with_copy: Exports that hold this record (the same record in several exports).
--   media_path: The media link without its query string: `?e=...&v=beta&t=...` is a signed token that changes between exports, the path does not.
with source as (select * from raw.linkedin__rich_media),
renamed as (
    select
        *,
        nullif(regexp_replace(trim(media_url), '[?#].*$', ''), '') as media_path
    from source
),
deduplicated as (
    -- A post with four photos is four rows with the same time and description and four links: the link's path tells
    -- them apart. The same upload appears in every later export (with a new signed query): keep the newest copy.
    select
        *,
        count(*) over copies as _copies,
        count(distinct _export_id) over copies as _exports_with_copy
    from renamed
    window copies as (partition by _member, uploaded_at, media_kind, media_path, pointer_type, pointer_url)
    qualify row_number() over (
        partition by _member, uploaded_at, media_kind, media_path, pointer_type, pointer_url
        order by _exported_at desc nulls last, _export_id desc, _source_line
    ) = 1
)
select * from deduplicated
