-- int_proxy_observations_paired
-- The input of the correlation analysis: for each member, pillar, proxy, window and lag, the pairs (proxy x, pillar score y) as levels, and as changes between consecutive recorded scores. Nothing straddles a regime break (config.params.regime_breaks, LinkedIn's formula changes): a window that starts before a break and is scored after it is left out like an uncovered one, and changes are taken within a regime.
-- grain: member, pillar, proxy, window_days, lag_days, measure, score_date
-- columns:
--   measure: level (x and y as they are) or change (x and y minus their values at the member's previous recorded score; NULL pairs dropped).
--   x: Proxy value (or its change).
--   y: Pillar score (or its change).
with proxies as (select * from intermediate.int_pillar_proxies_measured),
scores as (select * from staging.stg_ssi__scores),
breaks as (select unnest(regime_breaks) as break_on from config.params),
paired as (
    select
        proxies.member, proxies.pillar, proxies.proxy, proxies.window_days, proxies.lag_days, proxies.score_date,
        (select count(*) from breaks where breaks.break_on <= proxies.score_date) as regime_number,
        case when (select count(*) from breaks where breaks.break_on > proxies.score_date
                       - (proxies.lag_days + proxies.window_days)::integer and breaks.break_on <= proxies.score_date) = 0
             then proxies.value end as x,
        case proxies.pillar
            when 'brand' then scores.brand
            when 'people' then scores.people
            when 'insights' then scores.insights
            when 'relationships' then scores.relationships
        end as y
    from proxies
    join scores on scores.member = proxies.member and scores.score_date = proxies.score_date
),
with_previous as (
    -- The previous row is the member's previous recorded score, covered or not: a change across an uncovered score is not computed.
    select
        *,
        x - lag(x) over w as dx,
        y - lag(y) over w as dy
    from paired
    window w as (partition by member, pillar, proxy, window_days, lag_days, regime_number order by score_date)
)
select member, pillar, proxy, window_days, lag_days, 'level' as measure, score_date, x, y
from with_previous where x is not null and y is not null
union all
select member, pillar, proxy, window_days, lag_days, 'change' as measure, score_date, dx as x, dy as y
from with_previous where dx is not null and dy is not null
