"""`ssi add --paste`: the text copied from linkedin.com/sales/ssi, however the browser laid it out."""

from __future__ import annotations

import pytest
from linkedin_ssi.ingest.ssi_paste import parse_ssi_page
from linkedin_ssi.ingest.ssi_validate import SsiFormatError

# Labels on lines of their own, values on the next line, decimal commas, the page's clutter around them.
PAGE = """Sales Navigator
Social Selling Index
Your Social Selling Index
65
out of 100
Four components of your score
Establish your professional brand
19,4
Find the right people
15,1
Engage with insights
14,9
Build relationships
15,6
Industry SSI rank
Top 12%
People in the Software Development industry have an average SSI of 28.
Network SSI rank
Top 5%
People in your network have an average SSI of 24.
"""

# Everything on one line each (another browser's copy), tabs, a decimal point.
INLINE = """Your Social Selling Index 65 out of 100
Establish your professional brand\t19.4
Find the right people 15.1
Engage with insights 14.9 / 25
Build relationships 15.6
Industry SSI rank Top 12%
Network SSI rank Top 5%
"""


@pytest.mark.parametrize("text", [PAGE, INLINE, PAGE.replace("\n", "\r\n")])
def test_the_page_text_gives_total_pillars_and_ranks(text):
    values, _ = parse_ssi_page(text)
    assert values == {
        "total": 65.0,
        "brand": 19.4,
        "people": 15.1,
        "insights": 14.9,
        "relationships": 15.6,
        "industry_rank": 12.0,
        "network_rank": 5.0,
    }


def test_only_the_lines_read_are_kept_not_the_rest_of_the_page():
    _, lines = parse_ssi_page(PAGE)
    assert lines == [
        "Your Social Selling Index",
        "65",
        "Establish your professional brand",
        "19,4",
        "Find the right people",
        "15,1",
        "Engage with insights",
        "14,9",
        "Build relationships",
        "15,6",
        "Industry SSI rank",
        "Top 12%",
        "Network SSI rank",
        "Top 5%",
    ]


def test_first_value_wins_and_a_label_without_a_value_does_not_steal_the_next_labels():
    # The group's pillar average (after the member's own) is ignored; "Social Selling Index" with no number
    # before "Your Social Selling Index 65" does not take the 65 of a label two lines further.
    text = (
        "Social Selling Index\nYour Social Selling Index\n65\n"
        + INLINE.split("\n", 1)[1]
        + "Establish your professional brand 10.2\n"
    )
    values, _ = parse_ssi_page(text)
    assert (values["total"], values["brand"]) == (65.0, 19.4)


def test_the_portuguese_page_reads_too():
    text = (
        "Social Selling Index atual\n53\nEstabelecer sua marca profissional\n20,97\nLocalizar as pessoas certas\n"
        "6,38\nInteragir oferecendo insights\n10,25\nCriar relacionamentos\n15\n"
        "Classificação SSI do setor\nPrimeiros 10%\nClassificação SSI da rede\nPrimeiros 9%\n"
    )
    assert parse_ssi_page(text)[0] == {
        "total": 53.0,
        "brand": 20.97,
        "people": 6.38,
        "insights": 10.25,
        "relationships": 15.0,
        "industry_rank": 10.0,
        "network_rank": 9.0,
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "",
            "pasted text: nothing was pasted; copy the whole page at https://www.linkedin.com/sales/ssi and paste it "
            "into standard input",
        ),
        (
            "\n  \n",
            "pasted text: nothing was pasted; copy the whole page at https://www.linkedin.com/sales/ssi and "
            "paste it into standard input",
        ),
        (
            PAGE.replace("Find the right people\n15,1\n", "").replace(
                "Build relationships\n15,6", "Build relationships"
            ),
            "pasted text: no score found for Find the right people, Build relationships; copy the whole page at "
            "https://www.linkedin.com/sales/ssi (select all, copy) and paste it again",
        ),
    ],
)
def test_missing_values_are_one_line_naming_what_is_missing(text, message):
    with pytest.raises(SsiFormatError) as info:
        parse_ssi_page(text)
    assert str(info.value) == message


def test_values_on_the_line_before_their_labels_are_not_shifted_to_the_neighbour():
    # Read "after the label", brand would take people's 15.1 and so on: the layout is recognised instead.
    text = (
        "Your Social Selling Index\n65\n19,4\nEstablish your professional brand\n15,1\nFind the right people\n"
        "14,9\nEngage with insights\n15,6\nBuild relationships\nIndustry SSI rank\nTop 12%\n"
        "Network SSI rank\nTop 5%\n"
    )
    assert parse_ssi_page(text)[0] == {
        "total": 65.0,
        "brand": 19.4,
        "people": 15.1,
        "insights": 14.9,
        "relationships": 15.6,
        "industry_rank": 12.0,
        "network_rank": 5.0,
    }


def test_a_missing_last_pillar_after_the_total_is_reported_not_misread():
    text = (
        "Your Social Selling Index\n65\nEstablish your professional brand\n19,4\nFind the right people\n15,1\n"
        "Engage with insights\n14,9\nBuild relationships\nIndustry SSI rank\nTop 12%\n"
    )
    with pytest.raises(SsiFormatError, match="^pasted text: no score found for Build relationships; "):
        parse_ssi_page(text)
