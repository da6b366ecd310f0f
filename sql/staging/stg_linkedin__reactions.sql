-- stg_linkedin__reactions
-- One row per reaction the member gave; the newest export wins.
-- grain: _member, reacted_at, post_url
-- columns:
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
    select * from renamed
    qualify row_number() over (partition by _member, reacted_at, post_url order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
