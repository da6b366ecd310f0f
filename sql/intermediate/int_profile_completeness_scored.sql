-- int_profile_completeness_scored
-- Profile completeness as shown by each export (the state on the day it was made): the share of 8 items filled.
-- grain: _export_id
-- columns:
--   exported_on: Day the export was made: the completeness is known from this day on, not before.
--   items_filled: How many of the 8 items are filled.
--   completeness: items_filled / 8.
with exports as (select export_id as _export_id, member as _member, cast(exported_at as date) as exported_on from raw.exports),
profile as (select * from raw.linkedin__profile),
counts as (
    select
        exports._member,
        exports._export_id,
        exports.exported_on,
        (select count(*) from raw.linkedin__positions p where p._export_id = exports._export_id) as positions_count,
        (select count(*) from raw.linkedin__education e where e._export_id = exports._export_id) as education_count,
        (select count(*) from raw.linkedin__skills s where s._export_id = exports._export_id) as skills_count,
        (select count(*) from raw.linkedin__rich_media r
         where r._export_id = exports._export_id and r.media_kind = 'profile photo') as profile_photo_count
    from exports
    where exists (select 1 from profile where profile._export_id = exports._export_id)
),
scored as (
    select
        counts._member, counts._export_id, counts.exported_on,
        (profile.headline is not null)::int + (profile.summary is not null)::int + (profile.industry is not null)::int
            + (profile.geo_location is not null)::int + (positions_count > 0)::int + (education_count > 0)::int
            + (skills_count >= 5)::int + (profile_photo_count > 0)::int as items_filled
    from counts
    join profile using (_export_id)
)
select *, items_filled / 8.0 as completeness from scored
