-- int_profile_completeness_aligned
-- Claim 4: for every recorded score, the profile completeness of the newest export made before the score day (what the export knew then), next to the brand pillar and its change within the regime.
-- grain: member, score_date
-- columns:
--   completeness: Share of the 8 profile items filled (intermediate.int_profile_completeness_scored); NULL before the first export.
--   completeness_change: Change in completeness since the member's previous score of the same regime.
with scores as (select * from intermediate.int_score_regimes_numbered),
aligned as (
    select
        scores.member, scores.score_date, scores.regime_number, scores.previous_score_date, scores.brand, scores.brand_change,
        (select p.completeness from intermediate.int_profile_completeness_scored p
         where p._member = scores.member and p.exported_on < scores.score_date
         order by p.exported_on desc limit 1) as completeness
    from scores
)
select
    *,
    completeness - lag(completeness) over (partition by member, regime_number order by score_date) as completeness_change
from aligned
