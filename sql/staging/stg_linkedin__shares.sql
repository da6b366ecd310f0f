-- stg_linkedin__shares
-- One row per post or reshare the member published; the newest export wins.
-- grain: _member, share_key
-- columns:
--   _copies: Rows loaded for this record: in all exports, repeats within a file included.
--   _exports_with_copy: Exports that hold this record (the same record in several exports).
--   share_key: The post link, or its time when LinkedIn gave no link.
--   is_reshare: A reshare: no commentary of the member's own.
--   has_link: The post links an article or URL.
--   has_media: The post carries an image, video or document.
with source as (select * from raw.linkedin__shares),
renamed as (
    select
        *,
        coalesce(trim(share_url), shared_at::varchar) as share_key,
        commentary is null as is_reshare,
        shared_url is not null as has_link,
        media_url is not null as has_media
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select
        *,
        count(*) over copies as _copies,
        count(distinct _export_id) over copies as _exports_with_copy
    from renamed
    window copies as (partition by _member, share_key)
    qualify row_number() over (partition by _member, share_key order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
