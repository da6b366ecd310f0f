-- int_score_windows_aligned
-- For every recorded score, one trailing window per configured length and lag (config.params). A window holds whole days strictly before the score date, shifted back by the lag, so no activity after the capture can leak in (capture times are often unknown).
-- grain: member, score_date, window_days, lag_days
-- columns:
--   window_days: Window length in days.
--   lag_days: Days between the window end and the day before the score.
--   window_start_on: First day in the window.
--   window_end_on: Last day in the window (score_date - lag_days - 1).
with scores as (select member, score_date from staging.stg_ssi__scores),
windows as (select unnest(windows)::integer as window_days from config.params),
lags as (select unnest(lags)::integer as lag_days from config.params)
select
    scores.member,
    scores.score_date,
    windows.window_days,
    lags.lag_days,
    scores.score_date - lags.lag_days - windows.window_days as window_start_on,
    scores.score_date - lags.lag_days - 1 as window_end_on
from scores
cross join windows
cross join lags
