-- stg_linkedin__export_sources
-- One row per export and source table that the export holds: whether its file was there (with rows or empty), and when the table's earliest record in that export happened. The material of the coverage spans.
-- grain: _export_id, source_table
-- columns:
--   exported_on: Day the export was made (UTC).
--   source_table: Raw table name (connections, invitations, ...; a generic table's name for a CSV the registry does not know).
--   has_file: The export held a file for this table, loaded, empty or a placeholder (a missing file, or one kept as text or skipped, covers nothing).
--   first_at: When the table's earliest record in this export happened (UTC); NULL when the file is empty or the table has no activity time (Connections, Profile, ...). For messages, the messages channel only: the side files (coach, guide) are other conversations.
with exports as (
    select export_id as _export_id, member as _member, cast(exported_at as date) as exported_on from raw.exports
),
files as (
    select distinct export_id as _export_id, table_name as source_table, true as has_file
    from raw.load_ledger
    where table_name is not null and status in ('loaded', 'empty', 'placeholder')
),
first_records as (
    select _export_id, 'shares' as source_table, min(shared_at) as first_at from raw.linkedin__shares group by 1
    union all select _export_id, 'comments', min(commented_at) from raw.linkedin__comments group by 1
    union all select _export_id, 'reactions', min(reacted_at) from raw.linkedin__reactions group by 1
    union all select _export_id, 'votes', min(voted_at) from raw.linkedin__votes group by 1
    union all select _export_id, 'search_queries', min(searched_at) from raw.linkedin__search_queries group by 1
    union all select _export_id, 'invitations', min(sent_at) from raw.linkedin__invitations group by 1
    union all select _export_id, 'messages', min(sent_at) from raw.linkedin__messages where channel = 'messages' group by 1
    union all select _export_id, 'member_follows', min(followed_at) from raw.linkedin__member_follows group by 1
    union all select _export_id, 'company_follows', min(followed_at) from raw.linkedin__company_follows group by 1
    union all select _export_id, 'endorsements_received', min(endorsed_at) from raw.linkedin__endorsements_received group by 1
    union all select _export_id, 'endorsements_given', min(endorsed_at) from raw.linkedin__endorsements_given group by 1
    union all select _export_id, 'recommendations_received', min(created_at) from raw.linkedin__recommendations_received group by 1
    union all select _export_id, 'recommendations_given', min(created_at) from raw.linkedin__recommendations_given group by 1
    union all select _export_id, 'rich_media', min(uploaded_at) from raw.linkedin__rich_media group by 1
    union all select _export_id, 'articles', min(created_at) from raw.linkedin__articles group by 1
)
select
    exports._member,
    exports._export_id,
    exports.exported_on,
    source_table,
    coalesce(files.has_file, false) as has_file,
    first_records.first_at
from files
full join first_records using (_export_id, source_table)
join exports using (_export_id)
