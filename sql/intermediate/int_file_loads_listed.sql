-- int_file_loads_listed
-- One row per file per loaded export: what became of it (loaded, ignored, withheld, kept as text, ...) and its rows, the load ledger as `status -v` shows it (published as marts.loaded_files).
-- grain: export_id, source_file
select
    export_id, member, source_file, table_name, status, rows_read, rows_loaded, rows_quarantined, rows_kept_as_text,
    reason, encoding, header_line, warnings
from staging.stg_linkedin__load_ledger
