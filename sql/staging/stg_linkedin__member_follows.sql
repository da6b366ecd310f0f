-- stg_linkedin__member_follows
-- One row per follow or unfollow of a member; the newest export wins.
-- grain: _member, full_name, followed_at
with source as (select * from raw.linkedin__member_follows),
renamed as (
    select
        *
    from source
),
deduplicated as (
    -- The same record appears in every later export (and sometimes twice in numbered chunks): keep the copy from the newest export.
    select * from renamed
    qualify row_number() over (partition by _member, trim(full_name), followed_at order by _exported_at desc nulls last, _export_id desc, _source_line) = 1
)
select * from deduplicated
