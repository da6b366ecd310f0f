-- connection_changes
-- Connections that appeared or disappeared between two consecutive exports of the same member (history across exports).
-- grain: _member, to_export_id, connection_key

-- Found in intermediate.int_connection_changes_found (the columns' descriptions are there): it compares the
-- exports' full lists, which are staging's, and a model reads only its own layer or the one below.
select * from intermediate.int_connection_changes_found
