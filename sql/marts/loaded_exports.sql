-- loaded_exports
-- One row per loaded export with what was read from it, as `ingest` reported it: files read (ignored files counted apart) and rows read, loaded and quarantined (rows read = rows loaded + rows quarantined + rows kept as text).
-- grain: export_id

-- Totalled in intermediate.int_export_loads_totalled (the columns' descriptions are there): a model reads only its
-- own layer or the one below.
select * from intermediate.int_export_loads_totalled
