-- int_post_quality_measured
-- Claim 2: for every recorded score, how often and how well the member published in the config.params.claim_window_days days before it (whole days strictly before the score day), next to the brand pillar.
-- grain: member, score_date
-- columns:
--   window_start_on: First day of the window.
--   window_end_on: Last day of the window (the day before the score).
--   is_covered: The loaded exports cover every day of the window for Shares.csv, and no regime break (config.params.regime_breaks) falls between the window start and the score.
--   posts_and_articles: Posts with the member's own text plus articles published in the window (frequency).
--   mean_text_length: Mean length in characters of the member's own text in those posts (NULL without a post).
--   media_or_link_share: Share of those posts carrying an image, video, document or link (NULL without a post).
--   article_words: Words in the articles published in the window (0 without one).
with scores as (select * from intermediate.int_score_regimes_numbered),
windows as (
    select
        member, score_date, regime_number, brand, brand_change,
        score_date - (select claim_window_days::integer from config.params) as window_start_on,
        score_date - 1 as window_end_on
    from scores
),
posts as (
    select _member, cast(shared_at as date) as shared_on, length(commentary) as text_length, has_link or has_media as is_rich
    from staging.stg_linkedin__shares where not is_reshare
),
articles as (
    select _member, cast(published_at as date) as published_on, word_count
    from staging.stg_linkedin__articles where is_published
),
spans as (select * from intermediate.int_source_coverage_spanned where source_table = 'shares'),
breaks as (select unnest(regime_breaks) as break_on from config.params),
measured as (
    select
        windows.*,
        exists (select 1 from spans where spans._member = windows.member
                and spans.covered_from <= windows.window_start_on and spans.covered_to >= windows.window_end_on)
        and not exists (select 1 from breaks
                        where breaks.break_on > windows.window_start_on and breaks.break_on <= windows.score_date) as is_covered,
        (select count(*) from posts p where p._member = windows.member
         and p.shared_on between windows.window_start_on and windows.window_end_on) as posts_count,
        (select avg(text_length) from posts p where p._member = windows.member
         and p.shared_on between windows.window_start_on and windows.window_end_on) as mean_text_length,
        (select avg(is_rich::int) from posts p where p._member = windows.member
         and p.shared_on between windows.window_start_on and windows.window_end_on) as media_or_link_share,
        (select count(*) from articles a where a._member = windows.member
         and a.published_on between windows.window_start_on and windows.window_end_on) as articles_count,
        (select coalesce(sum(word_count), 0) from articles a where a._member = windows.member
         and a.published_on between windows.window_start_on and windows.window_end_on) as article_words
    from windows
)
select
    member, score_date, regime_number, brand, brand_change, window_start_on, window_end_on, is_covered,
    posts_count + articles_count as posts_and_articles, mean_text_length, media_or_link_share, article_words
from measured
