-- int_messages_replied
-- One row per message the member received (direct messages only; drafts and sponsored messages excluded), with when the member first answered in the same conversation.
-- grain: _member, conversation_id, sent_at, from_name, content_hash
-- columns:
--   received_on: Day the message arrived (UTC).
--   replied_at: First later message of the member in the conversation; NULL if none.
with messages as (select * from intermediate.int_messages_threaded),
received as (
    select * from messages where not is_from_owner and not is_possibly_sponsored
),
replied as (
    select
        received._member, received.conversation_id, received.sent_at, received.from_name, received.content_hash,
        cast(received.sent_at as date) as received_on,
        (
            select min(m.sent_at) from messages m
            where m._member = received._member and m.conversation_id = received.conversation_id
              and m.is_from_owner and m.sent_at > received.sent_at
        ) as replied_at
    from received
)
select * from replied
