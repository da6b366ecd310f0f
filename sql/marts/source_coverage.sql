-- source_coverage
-- Per member and source file, the spans of days the loaded exports cover: a proxy or an outcome is measured only inside one span. Files cover different spans: Invitations.csv keeps 6-9 months, messages.csv may be truncated.
-- grain: member, source_table, span_number
-- columns:
--   member: Member.
--   covers_all_history: The file lists everything ever (Connections), so covered_from is the sentinel 1900-01-01 of intermediate.int_source_coverage_spanned, not a day seen in the data.
select
    _member as member,
    source_table,
    span_number::bigint as span_number,
    covered_from,
    covered_to,
    covered_from = date '1900-01-01' as covers_all_history
from intermediate.int_source_coverage_spanned
