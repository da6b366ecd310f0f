-- int_sharing_gaps_found
-- Claim 1: every run of at least config.params.gap_min_days days without a post, repost or article, inside the days the loaded exports cover for Shares.csv (a gap the export cannot see is not a gap).
-- grain: _member, gap_start_on
-- columns:
--   gap_start_on: First day without sharing (the day after a sharing day).
--   gap_end_on: Last day without sharing (the day before the next sharing day, or the export day when sharing had not resumed).
--   gap_days: Days in the gap.
--   is_open_ended: The gap lasted until the export: the member may not have shared since.
with sharing as (
    select distinct _member, activity_on from intermediate.int_activity_events_unioned
    where activity_kind in ('post', 'repost', 'article_published')
),
spans as (select * from intermediate.int_source_coverage_spanned where source_table = 'shares'),
in_span as (
    select sharing._member, sharing.activity_on, spans.span_number, spans.covered_to
    from sharing
    join spans on spans._member = sharing._member
               and sharing.activity_on between spans.covered_from and spans.covered_to
),
followed as (
    select *, lead(activity_on) over (partition by _member, span_number order by activity_on) as next_on
    from in_span
),
gaps as (
    select
        _member,
        activity_on + 1 as gap_start_on,
        coalesce(next_on - 1, covered_to) as gap_end_on,
        next_on is null as is_open_ended
    from followed
)
select _member, gap_start_on, gap_end_on, gap_end_on - gap_start_on + 1 as gap_days, is_open_ended
from gaps
where gap_end_on - gap_start_on + 1 >= (select gap_min_days from config.params)
