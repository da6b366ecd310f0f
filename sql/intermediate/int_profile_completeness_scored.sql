-- int_profile_completeness_scored
-- Profile completeness as shown by each export (the state on the day it was made): the share of 8 items filled.
-- grain: _export_id
-- columns:
--   exported_on: Day the export was made: the completeness is known from this day on, not before.
--   items_filled: How many of the 8 items are filled.
--   completeness: items_filled / 8.
with snapshots as (select * from staging.stg_linkedin__profile_snapshots),
scored as (
    select
        _member, _export_id, exported_on,
        (headline is not null)::int + (summary is not null)::int + (industry is not null)::int
            + (geo_location is not null)::int + (positions_count > 0)::int + (education_count > 0)::int
            + (skills_count >= 5)::int + (profile_photo_count > 0)::int as items_filled
    from snapshots
)
select *, items_filled / 8.0 as completeness from scored
