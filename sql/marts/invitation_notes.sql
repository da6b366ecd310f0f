-- invitation_notes
-- Connection requests the member sent per month, with and without a personal note, and how many were accepted: what the note claim compares. Needs no SSI.
-- grain: member, sent_month, has_note
-- columns:
--   member: Member.
select _member as member, sent_month, has_note, requests_count, accepted_count
from intermediate.int_invitation_notes_counted
