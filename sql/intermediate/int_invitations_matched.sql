-- int_invitations_matched
-- One row per invitation the member sent, with the day it was accepted: the invitee appears in Connections, connected on or after the request.
-- grain: _member, direction, sent_at, from_name, to_name
-- columns:
--   sent_on: Day the request was sent (UTC).
--   accepted_on: Day the invitee became a connection; NULL if not (yet) accepted.
with invitations as (
    select * from staging.stg_linkedin__invitations where is_outgoing
),
connections as (
    select
        _member, profile_slug, connected_on,
        lower(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))) as name_key
    from staging.stg_linkedin__connections
    where not is_hidden_member
),
matched as (
    select
        invitations.*,
        cast(invitations.sent_at as date) as sent_on,
        (
            select min(c.connected_on)
            from connections c
            where c._member = invitations._member
              -- Sent At has no time zone, so allow the connection to be dated the day before in UTC.
              and c.connected_on >= cast(invitations.sent_at as date) - 1
              and (c.profile_slug = invitations.invitee_slug
                   or (invitations.invitee_slug is null and c.name_key = lower(trim(invitations.to_name))))
        ) as accepted_on
    from invitations
)
select * from matched
