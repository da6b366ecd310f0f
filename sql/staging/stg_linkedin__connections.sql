-- stg_linkedin__connections
-- One row per 1st-degree connection per member, across all of the member's exports; the newest export that lists it wins.
-- grain: _member, connection_key
-- columns:
--   _copies: Rows loaded for this record: in all exports, repeats within a file included.
--   _exports_with_copy: Exports that hold this record (the same record in several exports).
--   is_in_latest_export: The connection is in the member's newest export that has Connections.csv; false means it was removed since.
with snapshots as (select * from staging.stg_linkedin__connection_snapshots),
flagged as (
    select
        *,
        _exported_at = max(_exported_at) over (partition by _member) as _from_latest
    from snapshots
),
deduplicated as (
    select
        * exclude (_from_latest),
        bool_or(_from_latest) over copies as is_in_latest_export,
        count(*) over copies as _copies,
        count(distinct _export_id) over copies as _exports_with_copy
    from flagged
    window copies as (partition by _member, connection_key)
    qualify row_number() over (
        partition by _member, connection_key order by _exported_at desc nulls last, _export_id desc, _source_line
    ) = 1
)
select * from deduplicated
