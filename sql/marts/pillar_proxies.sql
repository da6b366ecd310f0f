-- pillar_proxies
-- Every activity proxy for every recorded score, window and lag: the value, or NULL where the export does not cover the whole window for that proxy's source.
-- grain: member, score_date, window_days, lag_days, pillar, proxy

-- Measured in intermediate.int_pillar_proxies_measured (the columns' descriptions are there): the correlation
-- analysis pairs the values from there, since a model reads only its own layer or the one below.
select * from intermediate.int_pillar_proxies_measured
