-- int_export_loads_totalled
-- One row per loaded export with what was read from it, as `ingest` reported it (published as marts.loaded_exports): files read (ignored files counted apart) and rows read, loaded and quarantined (rows read = rows loaded + rows quarantined + rows kept as text).
-- grain: export_id
-- columns:
--   files_read: Files read from the export: every file in the load ledger but the ignored ones.
--   files_ignored: Files the registry ignores on purpose (marts.loaded_files status 'ignored').
--   rows_read: Records read over the files read.
--   rows_loaded: Records stored in the raw tables.
--   rows_quarantined: Records set aside in raw.quarantine.
--   rows_kept_as_text: Lines of files kept whole as text in raw.kept_as_text.
with exports as (select * from staging.stg_linkedin__exports),
ledger as (select * from staging.stg_linkedin__load_ledger),
totals as (
    select
        export_id,
        count(*) filter (where status is distinct from 'ignored') as files_read,
        count(*) filter (where status = 'ignored') as files_ignored,
        -- Ignored files read nothing, but only the files read count, as in `ingest`'s line.
        sum(rows_read) filter (where status is distinct from 'ignored') as rows_read,
        sum(rows_loaded) filter (where status is distinct from 'ignored') as rows_loaded,
        sum(rows_quarantined) filter (where status is distinct from 'ignored') as rows_quarantined,
        sum(rows_kept_as_text) filter (where status is distinct from 'ignored') as rows_kept_as_text
    from ledger
    group by export_id
)
select
    exports.export_id,
    exports.member,
    exports.member_name,
    exports.exported_at,
    exports.source_name,
    -- Sums are HUGEINT in DuckDB; BIGINT is what Parquet and notebooks read as plain integers.
    coalesce(totals.files_read, 0)::bigint as files_read,
    coalesce(totals.files_ignored, 0)::bigint as files_ignored,
    coalesce(totals.rows_read, 0)::bigint as rows_read,
    coalesce(totals.rows_loaded, 0)::bigint as rows_loaded,
    coalesce(totals.rows_quarantined, 0)::bigint as rows_quarantined,
    coalesce(totals.rows_kept_as_text, 0)::bigint as rows_kept_as_text
from exports
left join totals using (export_id)
