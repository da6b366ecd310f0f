-- ssi_scores
-- The recorded SSI history: one row per member per day, with the change since the member's previous recorded score.
-- grain: member, score_date

-- Differenced in intermediate.int_ssi_scores_differenced (the columns' descriptions are there), which reads
-- staging's scores: a model reads only its own layer or the one below.
select * from intermediate.int_ssi_scores_differenced
