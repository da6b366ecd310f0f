-- strongest_cell_pairs
-- The pairs behind each pillar's strongest cell (marts.strongest_cells, strength_rank 1): the very (proxy, pillar score) pairs its correlation was computed on, levels or changes between consecutive recorded scores as the cell's measure says. For the pooled member 'all', every member's own pairs, not centred.
-- grain: member, pillar, pair_member, score_date
-- columns:
--   member: Member of the cell, or 'all' for the pooled cell of a team.
--   pair_member: Member the pair comes from (the cell's member, or each member for 'all').
--   x: Proxy value over the cell's window (or its change).
--   y: Pillar score (or its change).
with best as (select * from marts.strongest_cells where strength_rank = 1),
pairs as (select * from intermediate.int_proxy_observations_paired)
select
    best.member,
    best.pillar,
    best.proxy,
    best.window_days,
    best.lag_days,
    best.measure,
    pairs.member as pair_member,
    pairs.score_date,
    pairs.x,
    pairs.y
from best
join pairs
    on pairs.pillar = best.pillar
   and pairs.proxy = best.proxy
   and pairs.window_days = best.window_days
   and pairs.lag_days = best.lag_days
   and pairs.measure = best.measure
   and (best.member = 'all' or pairs.member = best.member)
