-- int_pillar_proxies_measured
-- Every activity proxy for every recorded score, window and lag: the value, or NULL where the export does not cover the whole window for that proxy's source. Published as marts.pillar_proxies; paired with the scores in intermediate.int_proxy_observations_paired.
-- grain: member, score_date, window_days, lag_days, pillar, proxy
-- columns:
--   member: Member.
--   pillar: SSI pillar the proxy stands for.
--   proxy: Proxy name (see intermediate.int_activity_pillars_mapped).
--   measure_kind: count, rate, cumulative or level.
--   is_covered: The source's loaded exports cover every day of the window (or, for a level, an export was made by the window end).
--   value: The proxy's value over the window; NULL when not covered, or for a rate with nothing to divide.
with windows as (select * from intermediate.int_score_windows_aligned),
mapping as (select * from intermediate.int_activity_pillars_mapped),
coverage as (select * from intermediate.int_source_coverage_spanned),
grid as (
    select windows.*, mapping.pillar, mapping.proxy, mapping.activity_kind, mapping.source_table, mapping.measure_kind
    from windows cross join mapping
),
covered as (
    select
        grid.*,
        case
            when grid.measure_kind = 'level' then exists (
                select 1 from intermediate.int_profile_completeness_scored p
                where p._member = grid.member and p.exported_on <= grid.window_end_on)
            else exists (
                select 1 from coverage c
                where c._member = grid.member and c.source_table = grid.source_table
                  and c.covered_from <= grid.window_start_on and c.covered_to >= grid.window_end_on)
        end as is_covered
    from grid
),
daily as (
    -- Events are counted per day first, so the window join runs over days, not over every event.
    select _member, proxy, pillar, activity_on, count(*) as events_count
    from intermediate.int_activity_events_unioned
    where activity_on is not null
    group by all
),
counted as (
    select covered.*, coalesce(sum(daily.events_count), 0)::bigint as event_count
    from covered
    left join daily
        on covered.measure_kind = 'count'
       and daily._member = covered.member
       and daily.proxy = covered.proxy
       and daily.pillar = covered.pillar
       and daily.activity_on between covered.window_start_on and covered.window_end_on
    group by all
),
valued as (
    select
        counted.*,
        case counted.measure_kind
            when 'count' then counted.event_count::double
            when 'cumulative' then (
                select count(*) from staging.stg_linkedin__connections c
                where c._member = counted.member and c.connected_on <= counted.window_end_on)::double
            when 'level' then (
                select p.completeness from intermediate.int_profile_completeness_scored p
                where p._member = counted.member and p.exported_on <= counted.window_end_on
                order by p.exported_on desc limit 1)
            when 'rate' then case counted.proxy
                when 'acceptance_rate' then (
                    select avg(case when i.accepted_on <= counted.window_end_on then 1.0 else 0.0 end)
                    from intermediate.int_invitations_matched i
                    where i._member = counted.member
                      and i.sent_on between counted.window_start_on and counted.window_end_on)
                when 'reply_rate' then (
                    select avg(case when cast(r.replied_at as date) <= counted.window_end_on then 1.0 else 0.0 end)
                    from intermediate.int_messages_replied r
                    where r._member = counted.member
                      and r.received_on between counted.window_start_on and counted.window_end_on)
            end
        end as raw_value
    from counted
)
select
    member, score_date, window_days, lag_days, window_start_on, window_end_on,
    pillar, proxy, measure_kind, is_covered,
    case when is_covered then raw_value end as value
from valued
