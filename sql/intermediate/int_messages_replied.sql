-- int_messages_replied
-- One row per message the member received (direct messages only; drafts and sponsored messages excluded), with when the member first answered in the same conversation. A view: a member build computes it once, for the two models that read it (models.warehouse.shared_views); the published warehouse does not keep a copy of every message received.
-- grain: _member, conversation_id, sent_at, from_name, content_hash
-- materialized: view
-- columns:
--   received_on: Day the message arrived (UTC).
--   replied_at: First later message of the member in the conversation; NULL if none.
-- One window over each conversation in time order: the earliest message of the member strictly later than this one
-- (`exclude group` leaves out the messages of the same second). A correlated lookup per received message cost a
-- recruiter's million messages a fifth more.
select _member, conversation_id, sent_at, from_name, content_hash, cast(sent_at as date) as received_on, replied_at
from (
    select
        _member, conversation_id, sent_at, from_name, content_hash, is_from_owner, is_possibly_sponsored,
        min(case when is_from_owner then sent_at end) over (
            partition by _member, conversation_id order by sent_at
            range between current row and unbounded following exclude group
        ) as replied_at
    from intermediate.int_messages_threaded
)
where not is_from_owner and not is_possibly_sponsored
