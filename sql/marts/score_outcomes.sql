-- score_outcomes
-- For every recorded score, what the member received in the config.params.outcome_days days from the score day on: invitations received, messages from people new to the member's conversations, replies to the member's own messages, and the acceptance of requests sent (the SSI-value claim).
-- grain: member, score_date, outcome
select member, score_date, total, total_change, outcome, window_start_on, window_end_on, is_covered, value
from intermediate.int_score_outcomes_followed
