-- correlation_counts
-- Per member (or all, the team's pooled tests): the cells of marts.pillar_correlations, how many were tested and how many survive the correction. What the report's team index shows per member, read from one row per member instead of every cell (a 1,000-member team has about two million).
-- grain: member
-- columns:
--   cells: Cells of the member's grid (pillar, proxy, window, lag, measure, method).
--   tested: Cells with an estimate.
--   flagged: Cells that survive the multiple-testing correction (verdict 'positive association' or 'negative association').
--   grid_flagged: Flagged Spearman cells of the change measure (the report's grid).
select
    member,
    count(*) as cells,
    count(estimate) as tested,
    count(*) filter (where verdict in ('positive association', 'negative association')) as flagged,
    count(*) filter (
        where verdict in ('positive association', 'negative association') and method = 'spearman' and measure = 'change'
    ) as grid_flagged
from marts.pillar_correlations
group by member
