-- int_activity_pillars_mapped
-- The one place that says which export activity is a proxy for which SSI pillar, what it counts, and what it cannot see. Edit this list to change the proxies; the README table is generated from it.
-- grain: pillar, proxy
-- columns:
--   pillar: SSI pillar: brand (Establish your professional brand), people (Find the right people), insights (Engage with insights), relationships (Build relationships).
--   proxy: Name of the activity proxy.
--   activity_kind: Kind of event counted (intermediate.int_activity_events_unioned); NULL for rates and levels.
--   source_table: Staging source whose coverage decides whether a window can be measured.
--   measure_kind: count (events in the window), rate (a ratio over the window), cumulative (total up to the window end), level (state as of the window end).
--   definition: What the proxy counts, in words.
select * from (values
    ('brand', 'posts', 'post', 'shares', 'count', 'Posts published with the member''s own text (Shares.csv rows with commentary).'),
    ('brand', 'posts_with_media_or_link', 'post_with_media_or_link', 'shares', 'count', 'Posts that carry an image, video, document or link.'),
    ('brand', 'articles_published', 'article_published', 'articles', 'count', 'Long-form articles published (Articles/*.html with a publication time).'),
    ('brand', 'media_uploads', 'media_upload', 'rich_media', 'count', 'Photos, videos and documents uploaded (Rich_Media.csv, 2024-12+ exports).'),
    ('brand', 'endorsements_received', 'endorsement_received', 'endorsements_received', 'count', 'Skill endorsements received.'),
    ('brand', 'recommendations_received', 'recommendation_received', 'recommendations_received', 'count', 'Recommendations received.'),
    ('brand', 'profile_completeness', null, 'profile', 'level', 'Share of 8 profile items filled (headline, summary, industry, location, a position, an education, 5+ skills, a profile photo upload), from the newest export made before the window end.'),
    ('people', 'search_queries', 'search_query', 'search_queries', 'count', 'Searches run (SearchQueries.csv).'),
    ('people', 'member_follows', 'member_follow', 'member_follows', 'count', 'Members followed (Member_Follows.csv, status Active).'),
    ('people', 'company_follows', 'company_follow', 'company_follows', 'count', 'Companies followed (Company Follows.csv).'),
    ('people', 'invitations_sent', 'invitation_sent', 'invitations', 'count', 'Connection requests sent (Invitations.csv, OUTGOING).'),
    ('insights', 'comments', 'comment', 'comments', 'count', 'Comments written.'),
    ('insights', 'reactions', 'reaction', 'reactions', 'count', 'Reactions given (likes and the other types).'),
    ('insights', 'reposts', 'repost', 'shares', 'count', 'Reshares without the member''s own text.'),
    ('insights', 'poll_votes', 'poll_vote', 'votes', 'count', 'Poll votes cast.'),
    ('insights', 'messages_sent', 'message_sent', 'messages', 'count', 'Messages the member sent (drafts, side files and sponsored messages excluded).'),
    ('insights', 'reply_rate', null, 'messages', 'rate', 'Share of messages received in the window that the member answered in the same conversation by the window end.'),
    ('relationships', 'invitations_sent', 'invitation_sent', 'invitations', 'count', 'Connection requests sent.'),
    ('relationships', 'invitations_accepted', 'invitation_accepted', 'invitations', 'count', 'Sent requests accepted in the window (the invitee appears in Connections, connected on or after the request).'),
    ('relationships', 'acceptance_rate', null, 'invitations', 'rate', 'Share of requests sent in the window accepted by the window end.'),
    ('relationships', 'new_connections', 'new_connection', 'connections', 'count', 'Connections made (either side invited).'),
    ('relationships', 'total_connections', null, 'connections', 'cumulative', 'Connections made up to the window end (a trending level: read its change, not its level).'),
    ('relationships', 'conversations_started', 'conversation_started', 'messages', 'count', 'Conversations whose first message the member wrote.'),
    ('relationships', 'endorsements_given', 'endorsement_given', 'endorsements_given', 'count', 'Skill endorsements given.'),
    ('relationships', 'recommendations_given', 'recommendation_given', 'recommendations_given', 'count', 'Recommendations written.')
) as mapping(pillar, proxy, activity_kind, source_table, measure_kind, definition)
