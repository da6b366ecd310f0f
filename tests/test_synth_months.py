"""A history of monthly exports per member (`write_synthetic(months=M)`, `linkedin-ssi synth --months M`): loaded by
the real loader, every export holds exactly what its counts say, and one member's exports tell one story:
connections grow and a few go, messages accumulate, Invitations keep a window, a Basic archive holds only the
Basic files, each export is in its date's layout, and the SSI history covers them all."""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest
from linkedin_ssi.flows.cli import main
from linkedin_ssi.ingest.ssi_store import import_ssi_file
from linkedin_ssi.synthetic import synth
from linkedin_ssi.synthetic.linkedin_format import headers
from linkedin_ssi.synthetic.synth import ERAS, SSI_WEEKS, write_synthetic
from linkedin_ssi.synthetic.team_files import member_exports
from linkedin_ssi.synthetic.team_history import basic_indexes, era_on, is_complete_only
from linkedin_ssi.synthetic.team_member import plan_member

MEMBERS, MONTHS, SCALE, SEED = 2, 4, 0.05, 5
# Both members' histories cross a layout change: 2023 -> 2024-12 and 2024-12 -> 2025.
HISTORY_ERAS = ("2024-12", "2025")
# What a Basic archive holds of what the generator writes (linkedin-export-format.md §1.3), before the era's extras.
BASIC_FILES = {
    "Connections.csv",
    "Invitations.csv",
    "Profile.csv",
    "Positions.csv",
    "Education.csv",
    "Skills.csv",
    "messages.csv",
    "Company Follows.csv",
    "Endorsement_Received_Info.csv",
}


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> list[Path]:
    return write_synthetic(tmp_path_factory.mktemp("months"), MEMBERS, SCALE, SEED, months=MONTHS, eras=HISTORY_ERAS)


@pytest.fixture(scope="module")
def home(history, tmp_path_factory) -> Path:
    """A home where `linkedin-ssi ingest` loaded every export of the team (and published the warehouse)."""
    home = tmp_path_factory.mktemp("home")
    assert main(["ingest", *map(str, history), "--home", str(home)]) == 0
    return home


def counts_of(zip_path: Path) -> dict:
    return json.loads(zip_path.with_suffix(".counts.json").read_text())


def by_member(zips: list[Path]) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    for z in zips:
        out.setdefault(z.parent.name, []).append(z)
    return out


def manifest_of(home: Path, zip_path: Path) -> dict:
    """Return the load ledger of one export (matched on member and archive name)."""
    found = [
        m
        for p in (home / "lake" / "manifests").glob("*.json")
        if (m := json.loads(p.read_text()))["member"] == zip_path.parent.name and m["source_name"] == zip_path.name
    ]
    assert len(found) == 1, zip_path
    return found[0]


def rows_of(home: Path, zip_path: Path, table: str, columns: list[str]) -> Counter:
    """Return the export's loaded rows of `table` (from the lake) as a multiset of `columns` tuples."""
    path = home / "lake" / table / f"{manifest_of(home, zip_path)['export_id']}.parquet"
    return Counter(pl.read_parquet(path).select(columns).iter_rows())


def day_of(zip_path: Path) -> date:
    return date.fromisoformat(counts_of(zip_path)["export_day"])


def midnight(d: date):
    return pl.datetime(d.year, d.month, d.day, time_zone="UTC")


def zip_names(zip_path: Path) -> set[str]:
    with zipfile.ZipFile(zip_path) as zf:
        return set(zf.namelist())


def first_line(zip_path: Path, name: str) -> str:
    with zipfile.ZipFile(zip_path) as zf:
        return zf.read(name).decode().split("\n", 1)[0]


# ------------------------------------------------------------------------------------------------------------
# What is written
# ------------------------------------------------------------------------------------------------------------


def test_each_member_gets_one_export_a_month_in_its_dates_layout(history):
    members = by_member(history)
    assert len(members) == MEMBERS and all(len(z) == MONTHS for z in members.values())
    for forced_era, zips in zip(HISTORY_ERAS, members.values()):
        days = [day_of(z) for z in zips]
        assert all(27 <= (b - a).days <= 35 for a, b in zip(days, days[1:]))
        assert len({z.name for z in zips}) == MONTHS
        eras = [counts_of(z)["era"] for z in zips]
        assert eras == [era_on(d) for d in days] and eras[-1] == forced_era
        assert len(set(eras)) == 2  # the fixture's histories cross a layout change
        for z, era in zip(zips, eras):
            c = counts_of(z)
            assert z.name == f"{c['kind']}_LinkedInDataExport_{days[c['export'] - 1]:%m-%d-%Y}.zip"
            assert set(c["files"]) == zip_names(z)
            assert first_line(z, "messages.csv") == ",".join(headers.MESSAGES[era])
            assert ("Rich Media.csv" in c["files"]) == (era in ("2021", "2023"))
        assert (zips[0].parent / "ssi_scores.csv").is_file() and not (zips[0].parent / "counts.json").exists()


def test_every_export_loads_exactly_what_its_counts_say(home, history):
    for z in history:
        manifest = manifest_of(home, z)
        loaded = {f["file"]: f["rows_loaded"] for f in manifest["files"] if f["status"] != "ignored"}
        assert loaded == counts_of(z)["files"], z
        assert sum(f["rows_quarantined"] for f in manifest["files"]) == 0
        assert manifest["member"] == counts_of(z)["member"]


def test_each_export_was_made_after_the_one_before(home, history):
    """Every month holds a new message, so the loader orders a member's exports as they were made."""
    for zips in by_member(history).values():
        made = [date.fromisoformat(manifest_of(home, z)["exported_at"][:10]) for z in zips]
        assert all(at < day_of(z) for z, at in zip(zips, made))
        assert all(day_of(before) <= at for before, at in zip(zips, made[1:]))


def test_connections_grow_and_a_few_are_removed(home, history):
    key = ["first_name", "last_name", "profile_url", "connected_at"]
    added = removed = 0
    for zips in by_member(history).values():
        for before, after in zip(zips, zips[1:]):
            old, new = rows_of(home, before, "connections", key), rows_of(home, after, "connections", key)
            c = counts_of(after)
            assert c["previous_zip"] == before.name
            assert (sum((old - new).values()), sum((new - old).values())) == (
                c["connections_removed"],
                c["connections_added"],
            )
            assert all(connected.date() < day_of(before) for _, _, _, connected in old - new)  # gone, not redated
            added, removed = added + c["connections_added"], removed + c["connections_removed"]
    assert added > 0 and removed > 0  # the fixture exercises both


def test_the_warehouse_sees_the_same_connection_changes(home, history):
    with duckdb.connect(str(home / "warehouse" / "linkedin.duckdb"), read_only=True) as con:
        seen = dict(
            ((m, ch), n)
            for m, ch, n in con.execute(
                "select _member, change, count(*) from marts.connection_changes group by all"
            ).fetchall()
        )
    for member, zips in by_member(history).items():
        later = [counts_of(z) for z in zips[1:]]
        assert seen.get((member, "appeared"), 0) == sum(c["connections_added"] for c in later)
        assert seen.get((member, "disappeared"), 0) == sum(c["connections_removed"] for c in later)


def test_messages_accumulate(home, history):
    key = ["conversation_id", "sent_at", "from_name", "content", "is_message_draft"]
    for zips in by_member(history).values():
        sizes = []
        for before, after in zip(zips, zips[1:]):
            # is_message_draft is empty in the layouts without the draft columns: not a draft.
            old, new = (
                Counter({(*r[:4], bool(r[4])): n for r, n in rows_of(home, z, "messages", key).items()})
                for z in (before, after)
            )
            assert not old - new  # every message of an export is in the next one
            newer = new - old
            sent = [at.date() for _, at, _, _, draft in newer if not draft]
            assert sent and all(day_of(before) <= d < day_of(after) for d in sent)
            # Unsent drafts (older) appear only once the layout has the draft columns (2024-12).
            drafts = [at for _, at, _, _, draft in newer if draft]
            assert not drafts or (counts_of(after)["era"], counts_of(before)["era"]) == ("2024-12", "2023")
            sizes.append(sum(new.values()))
        assert sizes == sorted(set(sizes))


def test_invitations_keep_a_window_of_six_to_nine_months(home, history):
    key = ["direction", "from_name", "to_name", "sent_at"]
    for zips in by_member(history).values():
        since = [date.fromisoformat(counts_of(z)["invitations_since"]) for z in zips]
        assert all(183 <= (day_of(z) - s).days <= 274 for z, s in zip(zips, since))
        held = [rows_of(home, z, "invitations", key) for z in zips]
        for z, s, rows in zip(zips, since, held):
            assert rows and all(s <= sent.date() < day_of(z) for _, _, _, sent in rows)
        for k in range(1, MONTHS):
            # What the later export still keeps of the earlier one's requests is exactly those inside its window.
            kept_then = Counter({r: n for r, n in held[k - 1].items() if r[3].date() >= since[k]})
            sent_before = Counter({r: n for r, n in held[k].items() if r[3].date() < day_of(zips[k - 1])})
            assert kept_then == sent_before


def test_a_basic_export_holds_only_the_basic_files(history):
    for zips in by_member(history).values():
        kinds = [counts_of(z)["kind"] for z in zips]
        assert kinds.count("Basic") == 1 and kinds[0] == kinds[-1] == "Complete"
        for z in zips:
            c = counts_of(z)
            extras = (
                {"Rich Media.csv"}
                if c["era"] in ("2021", "2023")
                else {"Rich_Media.csv", "Profile Summary.csv", "guide_messages.csv"}
            )
            names = zip_names(z)
            if c["kind"] == "Basic":
                assert z.name.startswith("Basic_LinkedInDataExport_")
                assert names == BASIC_FILES | extras
            else:
                complete_only = {n for n in names if is_complete_only(n)}
                assert names == BASIC_FILES | extras | complete_only
                assert {n.split("_")[0].removesuffix(".csv") for n in complete_only} >= {
                    "Reactions",
                    "Comments",
                    "Shares",
                    "SearchQueries",
                    "Votes",
                    "Member",
                }


def test_the_ssi_history_spans_every_export(history, tmp_path):
    for member, zips in by_member(history).items():
        path = zips[0].parent / "ssi_scores.csv"
        days = [date.fromisoformat(r["date"]) for r in csv.DictReader(io.StringIO(path.read_text()))]
        first, last = day_of(zips[0]), day_of(zips[-1])
        assert all((b - a).days == 7 for a, b in zip(days, days[1:]))
        assert len(days) == SSI_WEEKS + -(-(last - first).days // 7) == counts_of(zips[0])["ssi_rows"]
        # Every export has the 30 weekly scores before it that a single export has, and the last one ends the week
        # before the newest export.
        assert days[0] <= first - timedelta(weeks=SSI_WEEKS - 1) and last - timedelta(days=7) <= days[-1] < last
        result = import_ssi_file(tmp_path / "home", path)
        assert (result.status, result.members, result.rows) == ("imported", [member], len(days))


def test_the_same_seed_writes_the_same_history(history, tmp_path):
    again = write_synthetic(tmp_path, MEMBERS, SCALE, SEED, months=MONTHS, eras=HISTORY_ERAS)
    root = history[0].parents[1]
    assert [z.relative_to(tmp_path) for z in again] == [z.relative_to(root) for z in history]
    written = sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert all((root / p).read_bytes() == (tmp_path / p).read_bytes() for p in written)


# ------------------------------------------------------------------------------------------------------------
# One month is the single export
# ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("era", ERAS)
def test_a_single_export_taken_from_the_history_is_the_streamed_export(era):
    """The way a history writes its exports (each layout's rows drawn once, every export selecting its own) gives,
    for one export holding everything, the same bytes as the streamed single export and the same SSI drivers."""
    written = []
    for stream in (True, False):
        (m,) = synth._make_members(1, SCALE, 3, (era,))
        plan_member(m)
        (export,) = member_exports(m, stream=stream)
        files = {f.path: (f.records, b"".join(f.encoded())) for f in export.files}
        written.append((files, m.daily))
    assert written[0] == written[1]
    assert "messages.csv" in written[0][0]


def test_months_1_writes_what_a_single_export_writes(tmp_path):
    plain = write_synthetic(tmp_path / "plain", 2, SCALE, 9)
    one = write_synthetic(tmp_path / "one", 2, SCALE, 9, months=1)
    assert [z.relative_to(tmp_path / "plain") for z in plain] == [z.relative_to(tmp_path / "one") for z in one]
    for a, b in zip(plain, one):
        assert sorted(p.name for p in a.parent.iterdir()) == [a.name, "counts.json", "ssi_scores.csv"]
        assert all(
            (a.parent / n).read_bytes() == (b.parent / n).read_bytes()
            for n in (a.name, "counts.json", "ssi_scores.csv")
        )
    with pytest.raises(ValueError, match="months must be at least 1"):
        write_synthetic(tmp_path / "none", 1, SCALE, 9, months=0)


# ------------------------------------------------------------------------------------------------------------
# The rules and the command
# ------------------------------------------------------------------------------------------------------------


def test_the_layout_of_a_date():
    assert [
        era_on(d)
        for d in (
            date(2020, 1, 1),
            date(2023, 8, 31),
            date(2023, 9, 1),
            date(2024, 11, 30),
            date(2024, 12, 1),
            date(2025, 6, 1),
            date(2026, 2, 28),
            date(2026, 3, 1),
        )
    ] == ["2021", "2021", "2023", "2023", "2024-12", "2025", "2025", "2026"]


def test_which_files_a_basic_archive_leaves_out():
    left_out = [
        "Comments_34875879.csv",
        "Shares_2.csv",
        "Member_Follows.csv",
        "SearchQueries.csv",
        "Reactions.csv",
        "Votes.csv",
        "LearningCoachMessages.csv",
    ]
    kept = [
        "Connections.csv",
        "messages.csv",
        "guide_messages.csv",
        "Company Follows.csv",
        "Rich_Media.csv",
        "Invitations.csv",
        "Profile Summary.csv",
        "Endorsement_Received_Info.csv",
    ]
    assert [is_complete_only(n) for n in left_out + kept] == [True] * len(left_out) + [False] * len(kept)


def test_one_basic_export_in_each_six_never_the_first_or_the_last():
    for months, runs in (
        (2, []),
        (3, [{1}]),
        (4, [{1, 2}]),
        (12, [set(range(1, 6)), set(range(6, 11))]),
        (13, [set(range(1, 6)), set(range(6, 12))]),
    ):
        for seed in range(20):
            picks = sorted(basic_indexes(random.Random(seed), months))
            assert len(picks) == len(runs) and all(p in run for p, run in zip(picks, runs))


def test_synth_command_writes_a_history(tmp_path, capsys):
    out = tmp_path / "team"
    assert main(["synth", str(out), "--members", "2", "--scale", "0.02", "--seed", "4", "--months", "3", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert len(summary["exports"]) == 6 and len(summary["ssi_files"]) == 2
    assert sorted(Path(p) for p in summary["exports"]) == sorted(out.glob("*/*.zip"))
    assert all(Path(p).with_suffix(".counts.json").is_file() for p in summary["exports"])
