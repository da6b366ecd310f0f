-- monthly_activity
-- Per member and calendar month (UTC), what the export shows without any score: posts, reposts and articles published, connection requests sent and accepted, messages received and answered. A month appears when any of them happened in it.
-- grain: member, month
-- columns:
--   member: Member.
--   month: First day of the month.
--   shared_count: Posts, reposts and articles published in the month (0 when none).
--   requests_sent_count: Connection requests sent in the month (0 when none).
--   requests_accepted_count: Of them, accepted by the newest export.
--   acceptance_rate: requests_accepted_count / requests_sent_count; NULL without a request.
--   messages_received_count: Direct messages received in the month (drafts and sponsored messages excluded; 0 when none).
--   messages_answered_count: Of them, answered by the member later in the same conversation.
--   reply_rate: messages_answered_count / messages_received_count; NULL without a message.
with shared as (
    select _member as member, date_trunc('month', activity_on)::date as month, count(*) as shared_count
    from intermediate.int_activity_events_unioned
    where activity_kind in ('post', 'repost', 'article_published')
    group by all
),
requests as (
    select _member as member, date_trunc('month', sent_on)::date as month,
           count(*) as requests_sent_count, count(accepted_on) as requests_accepted_count
    from intermediate.int_invitations_matched
    group by all
),
received as (
    select _member as member, date_trunc('month', received_on)::date as month,
           count(*) as messages_received_count, count(replied_at) as messages_answered_count
    from intermediate.int_messages_replied
    group by all
),
months as (
    select member, month from shared
    union
    select member, month from requests
    union
    select member, month from received
)
select
    months.member,
    months.month,
    coalesce(shared.shared_count, 0) as shared_count,
    coalesce(requests.requests_sent_count, 0) as requests_sent_count,
    coalesce(requests.requests_accepted_count, 0) as requests_accepted_count,
    requests.requests_accepted_count / requests.requests_sent_count as acceptance_rate,
    coalesce(received.messages_received_count, 0) as messages_received_count,
    coalesce(received.messages_answered_count, 0) as messages_answered_count,
    received.messages_answered_count / received.messages_received_count as reply_rate
from months
left join shared using (member, month)
left join requests using (member, month)
left join received using (member, month)
