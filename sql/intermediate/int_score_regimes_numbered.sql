-- int_score_regimes_numbered
-- Every recorded score with its regime (the SSI formula in force: config.params.regime_breaks split history) and its change since the member's previous recorded score of the same regime, so no change straddles a formula change.
-- grain: member, score_date
-- columns:
--   regime_number: 0 before the first break in config.params.regime_breaks, 1 after it, and so on (a break day starts the new regime).
--   previous_score_date: The member's previous recorded score day in the same regime; NULL for the first score of a regime.
--   total_change: Change in total since previous_score_date (NULL without one).
--   brand_change: Change in brand since previous_score_date.
--   people_change: Change in people since previous_score_date.
--   insights_change: Change in insights since previous_score_date.
--   relationships_change: Change in relationships since previous_score_date.
with scores as (select member, score_date, total, brand, people, insights, relationships from staging.stg_ssi__scores),
breaks as (select unnest(regime_breaks) as break_on from config.params),
numbered as (
    select scores.*, (select count(*) from breaks where breaks.break_on <= scores.score_date) as regime_number
    from scores
)
select
    member, score_date, regime_number, total, brand, people, insights, relationships,
    lag(score_date) over w as previous_score_date,
    total - lag(total) over w as total_change,
    brand - lag(brand) over w as brand_change,
    people - lag(people) over w as people_change,
    insights - lag(insights) over w as insights_change,
    relationships - lag(relationships) over w as relationships_change
from numbered
window w as (partition by member, regime_number order by score_date)
