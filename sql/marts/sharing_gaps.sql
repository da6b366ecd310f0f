-- sharing_gaps
-- Every run of at least config.params.gap_min_days days without a post, repost or article, inside the days the loaded exports cover for Shares.csv: what the sharing-gap claim compares the score across.
-- grain: member, gap_start_on
-- columns:
--   member: Member.
select _member as member, gap_start_on, gap_end_on, gap_days, is_open_ended
from intermediate.int_sharing_gaps_found
