-- int_activity_events_unioned
-- Every activity event of every member, one row per event and pillar it feeds, tagged with its activity kind (the mapping is intermediate.int_activity_pillars_mapped). A view: a member build computes it once, for the models that read it (models.warehouse.shared_views); the published warehouse does not keep a copy of every event (half a second of writing for a recruiter's million messages).
-- grain: one row per event and pillar (an invitation sent feeds two pillars)
-- materialized: view
-- columns:
--   activity_at: When the activity happened (UTC; midnight for date-only sources such as Connections).
--   activity_on: Day of the activity (UTC).
--   activity_kind: What happened (post, comment, reaction, search_query, invitation_sent, ...).
--   pillar: SSI pillar the activity is a proxy for.
--   proxy: Proxy the event is counted in.
--   source_table: Staging table the event comes from.
with shares as (select * from staging.stg_linkedin__shares),
messages as (select * from intermediate.int_messages_threaded),
events as (
    select _member, shared_at as activity_at, 'post' as activity_kind from shares where not is_reshare
    union all
    select _member, shared_at, 'post_with_media_or_link' from shares where not is_reshare and (has_link or has_media)
    union all
    select _member, shared_at, 'repost' from shares where is_reshare
    union all
    select _member, published_at, 'article_published' from staging.stg_linkedin__articles where is_published
    union all
    select _member, uploaded_at, 'media_upload' from staging.stg_linkedin__rich_media where uploaded_at is not null
    union all
    select _member, endorsed_at, 'endorsement_received' from staging.stg_linkedin__endorsements_received
    union all
    select _member, created_at, 'recommendation_received' from staging.stg_linkedin__recommendations_received
    where created_at is not null
    union all
    select _member, searched_at, 'search_query' from staging.stg_linkedin__search_queries
    union all
    select _member, followed_at, 'member_follow' from staging.stg_linkedin__member_follows where status = 'Active'
    union all
    select _member, followed_at, 'company_follow' from staging.stg_linkedin__company_follows where followed_at is not null
    union all
    select _member, sent_at, 'invitation_sent' from staging.stg_linkedin__invitations where is_outgoing
    union all
    select _member, cast(accepted_on as timestamptz), 'invitation_accepted' from intermediate.int_invitations_matched
    where accepted_on is not null
    union all
    select _member, commented_at, 'comment' from staging.stg_linkedin__comments
    union all
    select _member, reacted_at, 'reaction' from staging.stg_linkedin__reactions
    union all
    select _member, voted_at, 'poll_vote' from staging.stg_linkedin__votes
    union all
    select _member, sent_at, 'message_sent' from messages where is_from_owner
    union all
    select _member, sent_at, 'conversation_started' from messages where is_conversation_start and is_from_owner
    union all
    select _member, cast(connected_on as timestamptz), 'new_connection' from staging.stg_linkedin__connections
    union all
    select _member, endorsed_at, 'endorsement_given' from staging.stg_linkedin__endorsements_given
    union all
    select _member, created_at, 'recommendation_given' from staging.stg_linkedin__recommendations_given
    where created_at is not null
)
select
    events._member,
    events.activity_at,
    cast(events.activity_at as date) as activity_on,
    events.activity_kind,
    mapping.pillar,
    mapping.proxy,
    mapping.source_table
from events
join intermediate.int_activity_pillars_mapped as mapping using (activity_kind)
