-- int_score_intervals_classified
-- Claim 1: the score changes to compare. A gap interval runs between the first recorded score on or after a sharing gap starts and the last one on or before the day after it ends (no sharing in between, at least config.params.gap_min_days days, one regime). Active intervals are the member's other score pairs of exactly the same length that overlap no gap.
-- grain: member, kind, start_date, end_date
-- columns:
--   kind: gap (inside a sharing gap) or active (the same length, overlapping no gap, inside the Shares.csv coverage).
--   start_date: Score day at the start of the interval.
--   end_date: Score day at the end (the score reflects activity up to the day before).
--   interval_days: end_date - start_date.
--   gap_start_on: For a gap interval, the gap it lies in (intermediate.int_sharing_gaps_found).
--   sharing_count: Posts, reposts and articles on days start_date to end_date - 1.
--   total_change: Total at end_date minus total at start_date.
--   brand_change: Brand change over the interval.
--   people_change: People change over the interval.
--   insights_change: Insights change over the interval.
--   relationships_change: Relationships change over the interval.
with scores as (select * from intermediate.int_score_regimes_numbered),
gaps as (select * from intermediate.int_sharing_gaps_found),
spans as (select * from intermediate.int_source_coverage_spanned where source_table = 'shares'),
sharing as (
    select _member, activity_on from intermediate.int_activity_events_unioned
    where activity_kind in ('post', 'repost', 'article_published')
),
pairs as (
    select
        s0.member, s0.score_date as start_date, s1.score_date as end_date, s1.score_date - s0.score_date as interval_days,
        s1.total - s0.total as total_change, s1.brand - s0.brand as brand_change, s1.people - s0.people as people_change,
        s1.insights - s0.insights as insights_change, s1.relationships - s0.relationships as relationships_change
    from scores s0
    join scores s1 on s1.member = s0.member and s1.regime_number = s0.regime_number and s1.score_date > s0.score_date
),
gap_intervals as (
    select pairs.*, gaps.gap_start_on
    from pairs
    join gaps on gaps._member = pairs.member
             and pairs.start_date >= gaps.gap_start_on and pairs.end_date - 1 <= gaps.gap_end_on
    where pairs.interval_days >= (select gap_min_days from config.params)
    -- The widest bracket of each gap: the most of the gap the recorded scores can see.
    qualify row_number() over (partition by pairs.member, gaps.gap_start_on order by pairs.interval_days desc, pairs.start_date) = 1
),
active_intervals as (
    select pairs.*, null::date as gap_start_on
    from pairs
    where pairs.interval_days in (select g.interval_days from gap_intervals g where g.member = pairs.member)
      and exists (select 1 from spans where spans._member = pairs.member
                  and spans.covered_from <= pairs.start_date and spans.covered_to >= pairs.end_date - 1)
      and not exists (select 1 from gaps where gaps._member = pairs.member
                      and gaps.gap_start_on <= pairs.end_date - 1 and gaps.gap_end_on >= pairs.start_date)
),
classified as (
    select 'gap' as kind, * from gap_intervals
    union all
    select 'active' as kind, * from active_intervals
)
select
    classified.member, classified.kind, classified.start_date, classified.end_date, classified.interval_days,
    classified.gap_start_on,
    (select count(*) from sharing where sharing._member = classified.member
     and sharing.activity_on >= classified.start_date and sharing.activity_on < classified.end_date) as sharing_count,
    classified.total_change, classified.brand_change, classified.people_change, classified.insights_change,
    classified.relationships_change
from classified
