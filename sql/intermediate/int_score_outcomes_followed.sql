-- int_score_outcomes_followed
-- Claim 5: for every recorded score, what the member received in the config.params.outcome_days days from the score day on (after the score, so the score cannot have been made from it): invitations received, messages from people new to the member's conversations, replies to the member's own messages, and the acceptance of requests sent.
-- grain: member, score_date, outcome
-- columns:
--   outcome: invitations_received, messages_from_new_people (first message of a conversation from someone who had never written to the member; InMail included), replies_received (messages answering the member's own, the previous message in the conversation being the member's), acceptance_rate (share of requests sent in the window accepted by the newest export).
--   window_start_on: First day counted (the score day).
--   window_end_on: Last day counted.
--   is_covered: The loaded exports cover every day of the window for the outcome's source file.
--   value: The outcome over the window; NULL when not covered or, for acceptance_rate, when no request was sent.
with scores as (select * from intermediate.int_score_regimes_numbered),
coverage as (select * from intermediate.int_source_coverage_spanned),
windows as (
    select
        member, score_date, regime_number, total, total_change,
        score_date as window_start_on,
        score_date + (select outcome_days::integer from config.params) - 1 as window_end_on
    from scores
),
messages as (
    select
        _member, conversation_id, sent_at, is_from_owner, is_possibly_sponsored,
        coalesce(sender_slug, lower(trim(from_name))) as sender_key
    from staging.stg_linkedin__messages
    where channel = 'messages' and not is_draft
),
sequenced as (
    select
        *,
        lag(is_from_owner) over (partition by _member, conversation_id order by sent_at) as previous_is_from_owner,
        row_number() over (partition by _member, conversation_id order by sent_at) as position_in_conversation,
        row_number() over (partition by _member, sender_key order by sent_at) as position_of_sender
    from messages
),
events as (
    select _member, cast(sent_at as date) as event_on, 'invitations_received' as outcome, 'invitations' as source_table
    from staging.stg_linkedin__invitations where not is_outgoing
    union all
    select _member, cast(sent_at as date), 'messages_from_new_people', 'messages' from sequenced
    where not is_from_owner and not is_possibly_sponsored and position_in_conversation = 1 and position_of_sender = 1
    union all
    select _member, cast(sent_at as date), 'replies_received', 'messages' from sequenced
    where not is_from_owner and previous_is_from_owner
),
outcomes as (
    select * from (values
        ('invitations_received', 'invitations'), ('messages_from_new_people', 'messages'),
        ('replies_received', 'messages'), ('acceptance_rate', 'invitations')
    ) as o(outcome, source_table)
),
grid as (
    select
        windows.*, outcomes.outcome, outcomes.source_table,
        exists (select 1 from coverage c where c._member = windows.member and c.source_table = outcomes.source_table
                and c.covered_from <= windows.window_start_on and c.covered_to >= windows.window_end_on) as is_covered
    from windows cross join outcomes
),
measured as (
    select
        grid.*,
        case when grid.outcome = 'acceptance_rate' then (
            select count(accepted_on)::double / nullif(count(*), 0) from intermediate.int_invitations_matched i
            where i._member = grid.member and i.sent_on between grid.window_start_on and grid.window_end_on)
        else (
            select count(*)::double from events e
            where e._member = grid.member and e.outcome = grid.outcome
              and e.event_on between grid.window_start_on and grid.window_end_on)
        end as measured_value
    from grid
)
select
    member, score_date, regime_number, total, total_change, outcome, window_start_on, window_end_on, is_covered,
    case when is_covered then measured_value end as value
from measured
