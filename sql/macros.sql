-- Macros shared by the models; run before them in every build.
-- profile_slug: 'https://www.linkedin.com/in/Zo%C3%AB-x/?q' and 'www.linkedin.com/in/zoë-x' -> 'zoë-x' (the join key for people).
create or replace macro profile_slug(url) as
    nullif(lower(url_decode(regexp_extract(url, '/in/([^/?#]+)', 1))), '');
