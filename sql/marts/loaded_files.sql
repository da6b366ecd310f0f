-- loaded_files
-- One row per file per loaded export: what became of it (loaded, ignored, withheld, kept as text, ...) and its rows, the load ledger as `status -v` shows it.
-- grain: export_id, source_file
select
    export_id, member, source_file, table_name, status, rows_read, rows_loaded, rows_quarantined, rows_kept_as_text,
    reason, encoding, header_line, warnings
from raw.load_ledger
