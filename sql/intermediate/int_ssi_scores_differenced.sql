-- int_ssi_scores_differenced
-- The recorded SSI history: one row per member per day, with the change since the member's previous recorded score (whatever the regime: intermediate.int_score_regimes_numbered takes changes within one). Published as marts.ssi_scores.
-- grain: member, score_date
-- columns:
--   days_since_previous: Days since the member's previous recorded score.
--   total_change: Change in total since the previous recorded score.
--   brand_change: Change in brand since the previous recorded score.
--   people_change: Change in people since the previous recorded score.
--   insights_change: Change in insights since the previous recorded score.
--   relationships_change: Change in relationships since the previous recorded score.
with scores as (select * from staging.stg_ssi__scores)
select
    member, score_date, total, brand, people, insights, relationships, industry_rank, network_rank,
    score_date - lag(score_date) over w as days_since_previous,
    total - lag(total) over w as total_change,
    brand - lag(brand) over w as brand_change,
    people - lag(people) over w as people_change,
    insights - lag(insights) over w as insights_change,
    relationships - lag(relationships) over w as relationships_change
from scores
window w as (partition by member order by score_date)
