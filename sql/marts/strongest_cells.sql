-- strongest_cells
-- Per member (or all) and pillar, each proxy's strongest Spearman cell over every window, lag and measure, ranked by the size of its estimate: the report's "strongest proxies". Where any cell of the pillar survives the multiple-testing correction, only flagged cells compete (a proxy without one has no row); otherwise every estimated cell does, and none of them is evidence (is_flagged false).
-- grain: member, pillar, proxy
-- columns:
--   strength_rank: 1 for the pillar's strongest proxy, then 2, 3, ... by |estimate| (ties: proxy, window, lag, measure).
--   is_flagged: The cell survives the correction (verdict 'positive association' or 'negative association').
--   family_tests: Tests in the member's corrected family (cells of the member's grid with a p-value): what the q-value was corrected for.
with cells as (
    select
        *,
        verdict in ('positive association', 'negative association') as is_flagged
    from marts.pillar_correlations
    where method = 'spearman' and estimate is not null
),
pillars as (
    select member, pillar, bool_or(is_flagged) as has_flagged from cells group by member, pillar
),
competing as (
    select cells.*
    from cells
    join pillars using (member, pillar)
    where cells.is_flagged or not pillars.has_flagged
),
best_per_proxy as (
    select * from competing
    qualify row_number() over (
        partition by member, pillar, proxy order by abs(estimate) desc, window_days, lag_days, measure) = 1
),
families as (
    select member, count(p_value) as family_tests from marts.pillar_correlations group by member
)
select
    best_per_proxy.member,
    best_per_proxy.pillar,
    row_number() over (
        partition by best_per_proxy.member, best_per_proxy.pillar
        order by abs(estimate) desc, proxy, window_days, lag_days, measure
    ) as strength_rank,
    proxy, window_days, lag_days, measure, method, n, n_eff, estimate, ci_low, ci_high, p_value, q_value, verdict, is_flagged,
    families.family_tests
from best_per_proxy
join families using (member)
