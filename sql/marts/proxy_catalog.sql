-- proxy_catalog
-- What each pillar proxy counts and where it comes from, next to what the export cannot see for that pillar: read every correlation with its coverage.
-- grain: pillar, proxy (one row per blind spot has proxy NULL)
-- columns:
--   kind: proxy (a measured activity) or blind_spot (an SSI input the export does not show).
--   description: The proxy's definition, or the blind spot and how much of it the export shows.
--   signal: For a blind spot, the SSI input LinkedIn documents; NULL for a proxy.
--   seen_in_export: For a blind spot, whether the export shows it: yes, partly or no; NULL for a proxy.
--   seen_detail: For a blind spot, through which proxy the export shows it or what it lacks (NULL when nothing to add, and for a proxy).
select pillar, 'proxy' as kind, proxy, source_table, measure_kind, definition as description,
       null::varchar as signal, null::varchar as seen_in_export, null::varchar as seen_detail
from intermediate.int_activity_pillars_mapped
union all
select pillar, 'blind_spot' as kind, null as proxy, null as source_table, null as measure_kind,
       signal || ' — in the export: ' || in_export as description,
       signal, seen_in_export, seen_detail
from intermediate.int_pillar_blind_spots_listed
