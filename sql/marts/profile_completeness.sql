-- profile_completeness
-- Profile completeness as each export shows it (the state on the day it was made): how many of 8 items are filled (headline, summary, industry, location, a position, an education, 5+ skills, a profile photo upload).
-- grain: export_id
-- columns:
--   member: Member.
--   export_id: Export whose Profile.csv was scored.
select _member as member, _export_id as export_id, exported_on, items_filled, completeness
from intermediate.int_profile_completeness_scored
