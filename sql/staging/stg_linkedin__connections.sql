-- stg_linkedin__connections
-- One row per 1st-degree connection per member, across all of the member's exports; the newest export that lists it wins.
-- grain: _member, connection_key
-- columns:
--   connection_key: How a connection is recognised across exports: the profile slug, else 'name|<first last>', else 'hidden|<date>|<n>' for the n-th hidden member connected that day.
--   profile_slug: Case-folded, percent-decoded profile slug (the join key with invitations and messages).
--   is_hidden_member: LinkedIn gave only the date (a closed, hidden or restricted member); counted, but not a person.
--   is_in_latest_export: The connection is in the member's newest export that has Connections.csv; false means it was removed since.
with source as (select * from raw.linkedin__connections),
renamed as (
    select
        *,
        profile_slug(profile_url) as profile_slug,
        (first_name is null and last_name is null and profile_url is null) as is_hidden_member
    from source
),
keyed as (
    select
        *,
        coalesce(
            profile_slug,
            'name|' || nullif(lower(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))), ''),
            -- Hidden rows are identical ("",...,"07 Jun 2022"); number them within a day so each export's n-th matches.
            'hidden|' || connected_on::varchar || '|'
                || row_number() over (partition by _export_id, connected_on, is_hidden_member order by _source_line)
        ) as connection_key,
        _exported_at = max(_exported_at) over (partition by _member) as _from_latest
    from renamed
),
deduplicated as (
    select
        * exclude (_from_latest),
        bool_or(_from_latest) over (partition by _member, connection_key) as is_in_latest_export
    from keyed
    qualify row_number() over (
        partition by _member, connection_key order by _exported_at desc nulls last, _export_id desc, _source_line
    ) = 1
)
select * from deduplicated
