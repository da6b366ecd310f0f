-- stg_linkedin__rich_media
-- One row per photo, video or document upload (or legacy pointer row); the newest export wins.
-- grain: _member, uploaded_at, media_kind, pointer_type
with source as (select * from raw.linkedin__rich_media),
renamed as (
    select
        *
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select * from renamed
    qualify row_number() over (partition by _member, uploaded_at, media_kind, pointer_type, media_description order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
