-- stg_linkedin__load_ledger
-- One row per file per loaded export: what became of it and its rows (rows read = rows loaded + rows quarantined + rows kept as text), as raw.load_ledger holds it.
-- grain: export_id, source_file
select
    export_id, member, source_file, table_name, status, rows_read, rows_loaded, rows_quarantined, rows_kept_as_text,
    reason, encoding, header_line, warnings
from raw.load_ledger
