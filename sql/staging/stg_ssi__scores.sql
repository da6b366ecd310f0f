-- stg_ssi__scores
-- One recorded SSI score per member per day: the latest capture of the day wins (every capture stays in raw.ssi__scores).
-- grain: member, score_date
-- columns:
--   member: Member the score belongs to (matches _member of the export tables).
--   score_date: Day the score was recorded.
--   total: SSI, 0-100.
--   captures_that_day: How many captures the day had (only the latest is kept here).
with source as (select * from raw.ssi__scores),
ranked as (
    select
        *,
        count(*) over (partition by member, score_date) as captures_that_day
    from source
    qualify row_number() over (
        partition by member, score_date
        order by captured_at desc nulls last, _imported_at desc, source_line desc
    ) = 1
)
select * exclude (raw_record) from ranked
