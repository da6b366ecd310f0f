-- int_pillar_blind_spots_listed
-- Per pillar, what LinkedIn says the SSI uses that the data export cannot see, so every correlation is read with its coverage in mind.
-- grain: pillar, signal
-- columns:
--   pillar: SSI pillar.
--   signal: An input LinkedIn documents for the pillar (Help a105145, LinkedIn Sales Blog 2015).
--   seen_in_export: Whether the export shows it: yes, partly or no.
--   seen_detail: Through which proxy the export shows it, or what it lacks; NULL when there is nothing to add.
--   in_export: seen_in_export and seen_detail as one phrase ('yes: search_queries ...'), as the README's table words it.
with blind_spots as (
    -- The answer and its detail are two values, so no reader has to split a phrase to colour the answer.
    select * from (values
        ('brand', 'profile completeness and endorsements received', 'yes', 'profile_completeness, endorsements_received'),
        ('brand', 'articles published and followers they bring', 'partly', 'articles_published; followers gained are not in the export'),
        ('brand', 'engagement others give your posts (likes, comments, shares received)', 'no', 'only in the Creator analytics export'),
        ('people', 'people searches', 'yes', 'search_queries (Sales Navigator searches are not included)'),
        ('people', 'profile views (who you viewed, who viewed you)', 'no', null),
        ('people', 'days active', 'no', 'Logins.csv keeps only a few recent logins'),
        ('people', 'Sales Navigator leads and accounts saved', 'no', null),
        ('insights', 'shares, likes, comments and reshares', 'yes', 'posts, reactions, comments, reposts'),
        ('insights', 'messages sent and response rate', 'yes', 'messages_sent, reply_rate (messages.csv may be truncated)'),
        ('insights', 'groups joined and group engagement', 'no', 'only groupPost links inside other files'),
        ('insights', 'InMail response rate', 'partly', 'InMail threads are in messages.csv but not told apart reliably'),
        ('relationships', 'connections', 'yes', 'new_connections, total_connections'),
        ('relationships', 'connection request acceptance rate', 'yes', 'acceptance_rate (Invitations.csv keeps only 6-9 months)'),
        ('relationships', 'relationships with decision makers (seniority)', 'no', 'only the current title of each connection')
    ) as listed(pillar, signal, seen_in_export, seen_detail)
)
select pillar, signal, seen_in_export, seen_detail, seen_in_export || coalesce(': ' || seen_detail, '') as in_export
from blind_spots
