-- int_connection_changes_found
-- Connections that appeared or disappeared between two consecutive exports of the same member, found by comparing each export's full list with the previous one's. Published as marts.connection_changes.
-- grain: _member, to_export_id, connection_key
-- columns:
--   change: 'appeared' (in this export, not the previous one) or 'disappeared' (in the previous export, not this one).
--   from_export_id: The member's previous export that has Connections.csv.
--   to_export_id: The export compared with it.
--   from_exported_at: When the previous export was made.
--   to_exported_at: When the compared export was made.
--   connection_key: The connection (see staging.stg_linkedin__connections).
--   first_name: Name as written in the export where the connection is present.
--   last_name: Name as written in the export where the connection is present.
--   connected_on: Day the connection was made.
with snapshots as (
    -- Every export's full list, keyed alike in every era (see staging.stg_linkedin__connection_snapshots).
    select _member, _export_id, _exported_at, first_name, last_name, connected_on, connection_key
    from staging.stg_linkedin__connection_snapshots
),
exports as (
    select distinct _member, _export_id, _exported_at from snapshots
),
pairs as (
    select
        _member,
        lag(_export_id) over (partition by _member order by _exported_at, _export_id) as from_export_id,
        lag(_exported_at) over (partition by _member order by _exported_at, _export_id) as from_exported_at,
        _export_id as to_export_id,
        _exported_at as to_exported_at
    from exports
),
appeared as (
    select 'appeared' as change, p.from_export_id, p.to_export_id, p.from_exported_at, p.to_exported_at, p._member,
           n.connection_key, n.first_name, n.last_name, n.connected_on
    from pairs p
    join snapshots n on n._export_id = p.to_export_id
    where p.from_export_id is not null
      and not exists (select 1 from snapshots o where o._export_id = p.from_export_id and o.connection_key = n.connection_key)
),
disappeared as (
    select 'disappeared' as change, p.from_export_id, p.to_export_id, p.from_exported_at, p.to_exported_at, p._member,
           o.connection_key, o.first_name, o.last_name, o.connected_on
    from pairs p
    join snapshots o on o._export_id = p.from_export_id
    where p.from_export_id is not null
      and not exists (select 1 from snapshots n where n._export_id = p.to_export_id and n.connection_key = o.connection_key)
)
select * from appeared
union all
select * from disappeared
