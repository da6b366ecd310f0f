-- int_article_scores_compared
-- Claim 2 (persistence): for every published article, the mean brand pillar of the scores recorded in the config.params.claim_window_days days up to it, and of those recorded from config.params.persistence_days days after it for another claim_window_days days, when both lie in the article's regime.
-- grain: _member, article_key
-- columns:
--   published_on: Day the article was published.
--   before_count: Scores recorded from published_on - claim_window_days to published_on.
--   before_brand: Their mean brand pillar.
--   after_count: Scores recorded from published_on + persistence_days to published_on + persistence_days + claim_window_days.
--   after_brand: Their mean brand pillar.
with articles as (
    select _member, article_key, cast(published_at as date) as published_on
    from staging.stg_linkedin__articles where is_published and published_at is not null
),
scores as (select * from intermediate.int_score_regimes_numbered),
settings as (select claim_window_days::integer as claim_window_days, persistence_days::integer as persistence_days from config.params),
located as (
    select
        articles.*,
        (select count(*) from config.params p, unnest(p.regime_breaks) as b(break_on)
         where b.break_on <= articles.published_on) as regime_number
    from articles
),
compared as (
    select
        located._member, located.article_key, located.published_on,
        count(*) filter (where s.score_date between located.published_on - settings.claim_window_days and located.published_on) as before_count,
        avg(s.brand) filter (where s.score_date between located.published_on - settings.claim_window_days and located.published_on) as before_brand,
        count(*) filter (where s.score_date between located.published_on + settings.persistence_days
                         and located.published_on + settings.persistence_days + settings.claim_window_days) as after_count,
        avg(s.brand) filter (where s.score_date between located.published_on + settings.persistence_days
                             and located.published_on + settings.persistence_days + settings.claim_window_days) as after_brand
    from located
    cross join settings
    left join scores s on s.member = located._member and s.regime_number = located.regime_number
    group by all
)
select * from compared
