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
-- The messages of the members with a score only: outcomes are counted in score windows alone, so a member
-- without a score history (a recruiter's million messages, before an SSI import) costs nothing here.
messages as (
    select * from intermediate.int_messages_threaded where _member in (select member from scores)
),
conversation_starts as (select _member, conversation_id, min(sent_at) as first_at from messages group by all),
sender_starts as (select _member, sender_key, min(sent_at) as first_at from messages group by all),
new_people as (
    -- The first message of a conversation, from someone who had never written to the member before.
    select messages._member, cast(messages.sent_at as date) as event_on
    from messages
    join conversation_starts c on c._member = messages._member and c.conversation_id = messages.conversation_id
                               and c.first_at = messages.sent_at
    join sender_starts s on s._member = messages._member and s.sender_key = messages.sender_key
                         and s.first_at = messages.sent_at
    where not messages.is_from_owner and not messages.is_possibly_sponsored
),
replies as (
    select _member, cast(sent_at as date) as event_on
    from (
        select *, lag(is_from_owner) over (partition by _member, conversation_id order by sent_at) as previous_is_from_owner
        from messages
    )
    where not is_from_owner and previous_is_from_owner
),
events as (
    select _member, cast(sent_at as date) as event_on, 'invitations_received' as outcome
    from staging.stg_linkedin__invitations where not is_outgoing
    union all
    select _member, event_on, 'messages_from_new_people' from new_people
    union all
    select _member, event_on, 'replies_received' from replies
),
daily as (select _member, outcome, event_on, count(*) as events_count from events group by all),
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
acceptance as (
    select grid.member, grid.score_date, count(i.accepted_on)::double / nullif(count(i.sent_on), 0) as rate
    from grid
    left join intermediate.int_invitations_matched i
        on i._member = grid.member and i.sent_on between grid.window_start_on and grid.window_end_on
    where grid.outcome = 'acceptance_rate'
    group by all
),
counted as (
    -- Events are counted per day first, so the window join runs over days, not over every message.
    select grid.member, grid.score_date, grid.outcome, coalesce(sum(daily.events_count), 0)::double as events_count
    from grid
    left join daily
        on daily._member = grid.member and daily.outcome = grid.outcome
       and daily.event_on between grid.window_start_on and grid.window_end_on
    where grid.outcome <> 'acceptance_rate'
    group by all
),
measured as (
    select grid.*, case when grid.outcome = 'acceptance_rate' then acceptance.rate else counted.events_count end as measured_value
    from grid
    left join acceptance using (member, score_date)
    left join counted using (member, score_date, outcome)
)
select
    member, score_date, regime_number, total, total_change, outcome, window_start_on, window_end_on, is_covered,
    case when is_covered then measured_value end as value
from measured
