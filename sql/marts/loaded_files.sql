-- loaded_files
-- One row per file per loaded export: what became of it (loaded, ignored, withheld, kept as text, ...) and its rows, the load ledger as `status -v` shows it.
-- grain: export_id, source_file

-- Listed in intermediate.int_file_loads_listed, which reads staging's ledger: a model reads only its own layer or
-- the one below.
select * from intermediate.int_file_loads_listed
