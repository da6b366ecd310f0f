-- stg_linkedin__profile_snapshots
-- One row per export's Profile.csv row (nothing de-duplicated across exports): the profile as that export shows it, with the sizes of the profile sections LinkedIn's completeness counts, so each export tells the state on the day it was made.
-- grain: _export_id
-- columns:
--   exported_on: Day the export was made (UTC).
--   positions_count: Positions in the export.
--   education_count: Education entries in the export.
--   skills_count: Skills in the export.
--   profile_photo_count: Profile photos the export's rich media lists.
with exports as (select export_id as _export_id, member as _member, cast(exported_at as date) as exported_on from raw.exports),
profile as (select * from raw.linkedin__profile),
counted as (
    select
        exports._member,
        exports._export_id,
        exports.exported_on,
        profile.headline,
        profile.summary,
        profile.industry,
        profile.geo_location,
        (select count(*) from raw.linkedin__positions p where p._export_id = exports._export_id) as positions_count,
        (select count(*) from raw.linkedin__education e where e._export_id = exports._export_id) as education_count,
        (select count(*) from raw.linkedin__skills s where s._export_id = exports._export_id) as skills_count,
        (select count(*) from raw.linkedin__rich_media r
         where r._export_id = exports._export_id and r.media_kind = 'profile photo') as profile_photo_count
    from exports
    join profile using (_export_id)
)
select * from counted
