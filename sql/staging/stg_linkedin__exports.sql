-- stg_linkedin__exports
-- One row per loaded export: the load ledger's header (who, when, from which file), as raw.exports holds it.
-- grain: export_id
select export_id, member, member_name, member_profile_url, exported_at, source_name, parser_version
from raw.exports
