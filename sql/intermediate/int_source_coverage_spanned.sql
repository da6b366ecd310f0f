-- int_source_coverage_spanned
-- Per member and source, the spans of days the loaded exports cover; a window is measurable only inside one span. Files cover different spans: Invitations.csv keeps 6-9 months, messages.csv may be truncated.
-- grain: _member, source_table, span_number
-- columns:
--   source_table: Staging source (the raw table name).
--   span_number: 1, 2, ... in time order (gaps appear when exports are far apart).
--   covered_from: First day covered: the source's earliest record in an export (Connections: all of history, as the file lists every connection); for a file present but empty, the export's earliest activity.
--   covered_to: Last day covered: the day the export was made.
with exports as (
    select export_id as _export_id, member as _member, cast(exported_at as date) as exported_on from raw.exports
),
files as (
    -- A file that was in the export (with rows or empty) covers its span; a missing file covers nothing.
    select distinct export_id as _export_id, table_name as source_table
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
),
export_first as (
    select _export_id, cast(min(first_at) as date) as first_on from first_records group by 1
),
spans as (
    select
        exports._member,
        files.source_table,
        case
            when files.source_table = 'connections' then date '1900-01-01'
            else coalesce(cast(first_records.first_at as date), export_first.first_on, exports.exported_on)
        end as covered_from,
        exports.exported_on as covered_to
    from files
    join exports using (_export_id)
    left join first_records using (_export_id, source_table)
    left join export_first using (_export_id)
),
ordered as (
    select
        *,
        max(covered_to) over (
            partition by _member, source_table order by covered_from, covered_to
            rows between unbounded preceding and 1 preceding
        ) as previous_to
    from spans
),
islands as (
    -- Merge overlapping or touching spans (gaps-and-islands): a new island starts after a gap of a day or more.
    select
        *,
        sum(case when previous_to is null or covered_from > previous_to + 1 then 1 else 0 end) over (
            partition by _member, source_table order by covered_from, covered_to rows unbounded preceding
        ) as span_number
    from ordered
)
select _member, source_table, span_number, min(covered_from) as covered_from, max(covered_to) as covered_to
from islands
group by all
