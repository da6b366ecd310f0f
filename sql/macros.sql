-- Macros shared by the models; run before them in every build.
-- profile_slug: 'https://www.linkedin.com/in/Zo%C3%AB-x/?q' and 'www.linkedin.com/in/zoë-x' -> 'zoë-x' (the join key for people).
create or replace macro profile_slug(url) as
    nullif(lower(url_decode(regexp_extract(url, '/in/([^/?#]+)', 1))), '');
-- person_name: 'John ' + 'Smith' -> 'john smith' (LinkedIn does not trim names, and not alike in every export).
create or replace macro person_name(first_name, last_name) as
    lower(trim(coalesce(trim(first_name), '') || ' ' || coalesce(trim(last_name), '')));
-- connection_name_key: a connection without a profile URL (exports before mid-2023, hidden members) is recognised by
-- its name, the day it was made and its rank among same-name rows of that day in its export: two 'John Smith's
-- connected on different days (or twice the same day) stay two connections; hidden members have an empty name.
create or replace macro connection_name_key(first_name, last_name, connected_on, n) as
    person_name(first_name, last_name) || '|' || connected_on::varchar || '|' || n::varchar;
-- text_key: a text's identity across exports: whitespace collapsed and trimmed (line breaks, HTML conversion and
-- trailing spaces differ between eras), then a 64-bit hash.
create or replace macro text_key(t) as hash(regexp_replace(trim(coalesce(t, '')), '\s+', ' ', 'g'));
