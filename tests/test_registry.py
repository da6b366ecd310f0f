"""File-name matching across eras and numbered chunks."""

from linkedin_ssi.ingest.registry import BY_FILE, norm_file, norm_header


def test_file_names_match_across_eras_and_chunks():
    cases = {
        "messages.csv": "messages",
        "Messages.csv": "messages",
        "Search Queries.csv": "search_queries",
        "SearchQueries.csv": "search_queries",
        "Rich Media.csv": "rich_media",
        "Rich_Media.csv": "rich_media",
        "Comments_34875879.csv": "comments",
        "Member_Follows_5521.csv": "member_follows",
        "Endorsement Received Info.csv": "endorsements_received",
        "Endorsement_Received_Info.csv": "endorsements_received",
        "LearningCoachMessages.csv": "messages",
        "learning_coach_messages.csv": "messages",
        "Recommendations Received.csv": "recommendations_received",
    }
    assert {name: BY_FILE[norm_file(name)].table for name in cases} == cases


def test_unknown_and_non_csv_names():
    assert norm_file("Receipts_v2.csv") == "receiptsv2"
    assert norm_file("Receipts_v2.csv") not in BY_FILE
    assert norm_file("README.md") is None


def test_header_normalisation_ignores_case_spaces_underscores_quotes_and_bom():
    assert {norm_header(h) for h in ("SharedURL", "SharedUrl", " Shared URL ", '"Shared_Url"', "\ufeffSharedUrl")} == {
        "sharedurl"
    }
