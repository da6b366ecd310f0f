-- int_source_coverage_spanned
-- Per member and source, the spans of days the loaded exports cover; a window is measurable only inside one span. Files cover different spans: Invitations.csv keeps 6-9 months, messages.csv may be truncated.
-- grain: _member, source_table, span_number
-- columns:
--   source_table: Staging source (the raw table name).
--   span_number: 1, 2, ... in time order (gaps appear when exports are far apart).
--   covered_from: First day covered: the source's earliest record in an export (Connections: all of history, as the file lists every connection); for a file present but empty, the export's earliest activity.
--   covered_to: Last day covered: the day the export was made.
with sources as (select * from staging.stg_linkedin__export_sources),
export_first as (
    select _export_id, cast(min(first_at) as date) as first_on from sources group by 1
),
spans as (
    select
        sources._member,
        sources.source_table,
        case
            when sources.source_table = 'connections' then date '1900-01-01'
            else coalesce(cast(sources.first_at as date), export_first.first_on, sources.exported_on)
        end as covered_from,
        sources.exported_on as covered_to
    from sources
    left join export_first using (_export_id)
    where sources.has_file
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
