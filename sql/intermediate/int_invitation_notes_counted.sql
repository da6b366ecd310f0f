-- int_invitation_notes_counted
-- Claim 3: connection requests the member sent, with and without a personal note, and how many were accepted (the invitee appears in Connections on or after the request), per month sent. Needs no SSI.
-- grain: _member, sent_month, has_note
-- columns:
--   sent_month: First day of the month the requests were sent (UTC).
--   has_note: The request carried a personal note (Invitations.csv Message not empty).
--   requests_count: Requests sent.
--   accepted_count: Of them, accepted by the newest export.
with invitations as (select * from intermediate.int_invitations_matched)
select
    _member,
    date_trunc('month', sent_on)::date as sent_month,
    coalesce(trim(message), '') <> '' as has_note,
    count(*) as requests_count,
    count(accepted_on) as accepted_count
from invitations
group by all
