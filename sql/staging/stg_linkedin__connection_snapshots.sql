-- stg_linkedin__connection_snapshots
-- One row per connection per export (nothing de-duplicated across exports), keyed so that the same connection gets
-- the same key in every export of its member, whatever the era.
-- grain: _export_id, connection_key
-- columns:
--   connected_on: Day the connection was made (the UTC day of connected_at).
--   profile_slug: Case-folded, percent-decoded profile slug (the join key with invitations and messages).
--   is_hidden_member: LinkedIn gave only the date (a closed, hidden or restricted member); counted, but not a person.
--   name_key: '<lower-case name>|<day>|<n>' for the n-th row of that name and day in the export ('' for hidden members).
--   connection_key: The profile slug; else the slug another export of the member gives for the same name_key (an export from before mid-2023 has no URL column); else 'name|<name_key>', or 'hidden|<day>|<n>' for hidden members.
with source as (select * from raw.linkedin__connections),
renamed as (
    select
        *,
        cast(connected_at as date) as connected_on,
        profile_slug(profile_url) as profile_slug,
        (first_name is null and last_name is null and profile_url is null) as is_hidden_member
    from source
),
named as (
    select
        *,
        connection_name_key(first_name, last_name, connected_on, row_number() over (
            partition by _export_id, person_name(first_name, last_name), connected_on
            order by _source_line)) as name_key
    from renamed
),
keyed as (
    select
        *,
        coalesce(
            profile_slug,
            -- Names can repeat; a slug cannot: take the slug only when one slug matches this name, day and rank.
            case when count(distinct profile_slug) over (partition by _member, name_key) = 1
                 then max(profile_slug) over (partition by _member, name_key) end,
            case when is_hidden_member then 'hidden|' || substr(name_key, 2) else 'name|' || name_key end
        ) as connection_key
    from named
)
select * from keyed
