"""Write realistic synthetic LinkedIn exports (ZIPs) plus a recorded SSI history per member, fast.

EVERYTHING WRITTEN HERE IS INVENTED: members, people, companies, texts and URLs. E-mail addresses use only
example.com / example.org; linked pages use example.com / example.org / invented licdn.com tokens. What is real is
the structure, per `shared/docs/linkedin-export-format.md`: file names, headers by era, quoting bugs, line endings,
trailing newlines and date formats.

Used by tests (tiny scales) and by `bench/run_bench.py` (the heavy export). Speed is the point: rows are built
from pre-quoted pools with list comprehensions and f-strings, and every CSV is streamed in chunks straight into its
ZIP entry (`ZipFile.open(name, "w")`), never through a temporary file. How LinkedIn writes each file (quoting,
date formats, headers, line endings, the ZIP) comes from `synthetic/linkedin_format/`, shared with the bundled
sample's generator. This module draws the members and writes their exports and SSI histories; what each member
did is `team_member.py` (with the invented words of `team_vocabulary.py`), the files it makes `team_files.py` and
`team_messages.py`.

Layout written by `write_synthetic(outdir, ...)`, one folder per member:

    <outdir>/<member-slug>/Complete_LinkedInDataExport_MM-DD-YYYY.zip
    <outdir>/<member-slug>/ssi_scores.csv     weekly: date,total,brand,people,insights,relationships,
                                               industry_rank,network_rank,member
    <outdir>/<member-slug>/counts.json        records written per file (what the loader must load), bytes, era...

With `months=M` (M > 1) each member gets a history instead: M monthly exports, the last on the day the single export
would have, each in the layout of its date (`team_history.era_on`), one in six a Basic archive:

    <outdir>/<member-slug>/Complete_LinkedInDataExport_MM-DD-YYYY.zip   (or Basic_..., one per month)
    <outdir>/<member-slug>/Complete_LinkedInDataExport_MM-DD-YYYY.counts.json   that export's counts.json, plus its
                                               kind, which export of how many, the first day its Invitations.csv
                                               keeps, the connections added and removed since the previous export
    <outdir>/<member-slug>/ssi_scores.csv     weekly, covering the whole span

The member's whole history is drawn once per layout its exports use, and each export keeps its share: everything up
to its date, less the connections removed by then, and Invitations only within the member's 6-9 month window.

Eras (one per member, drawn from the seed so that consecutive members get different eras):

| era     | what differs                                                                                       |
|---------|----------------------------------------------------------------------------------------------------|
| 2021    | Connections without URL; 9-column messages; Invitations without profile URLs (the owner is then   |
|         | found from Profile.csv + their own messages); CRLF activity files; Comments leave newline-only    |
|         | messages unquoted; `Rich Media.csv` pointer file; Shares `SharedURL,MediaURL`                      |
| 2023    | Connections `URL`; 10-column messages; Invitations with `inviterProfileUrl,inviteeProfileUrl`       |
| 2024-12 | 12-column messages with draft flags (drafts in threads, orphan drafts last); `Rich_Media.csv`       |
|         | sentences; Shares `SharedUrl,MediaUrl`; still CRLF activity files and legacy Comments quoting      |
| 2025    | 11-column messages (ATTACHMENTS); LF everywhere; Comments `\\"` escaping; SearchQueries unquoted    |
| 2026    | messages fully quoted (header too); numbered chunks `Comments_<n>.csv` (two), `Shares_<n>.csv`,     |
|         | `Member_Follows_<n>.csv`                                                                           |

Every era: the 3-line Connections `Notes:` preamble, no trailing newline on Connections / Company Follows, hidden
connections (only `Connected On`), Shares' `"`-newline-`"` commentary mangling, percent-encoded slugs in
Connections and raw non-ASCII slugs in Invitations, names with credentials, emoji and trailing spaces. About 5%
of message CONTENT values hold line breaks (quoted) in *every* era: real exports before 2026 flatten them, but the
benchmark needs the multi-line path exercised whatever the layout.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from linkedin_ssi.synthetic.linkedin_format import links, ssi_csv
from linkedin_ssi.synthetic.linkedin_format.archive import export_zip_name, write_zip
from linkedin_ssi.synthetic.linkedin_format.layout import ExportFile
from linkedin_ssi.synthetic.team_files import Export, member_exports
from linkedin_ssi.synthetic.team_history import ERAS
from linkedin_ssi.synthetic.team_member import Member, plan_member
from linkedin_ssi.synthetic.team_vocabulary import FIRST_NAMES, LAST_NAMES

GENERATOR_VERSION = "1"

# A "normal" member (scale 1.0) and the heavy member (scale "heavy"), in records per file family.
NORMAL_COUNTS = {
    "messages": 2_000,
    "connections": 500,
    "invitations": 150,
    "reactions": 1_000,
    "comments": 200,
    "shares": 80,
    "search_queries": 300,
}
HEAVY_COUNTS = {
    "messages": 1_000_000,
    "connections": 30_000,
    "invitations": 5_000,
    "reactions": 100_000,
    "comments": 20_000,
    "shares": 10_000,
    "search_queries": 50_000,
}
# Smaller files scale with the same factor; relative to NORMAL_COUNTS["messages"].
_MINOR_PER_NORMAL = {"votes": 20, "member_follows": 30, "company_follows": 25, "endorsements": 40, "rich_media": 16}
# Floors so that even a tiny scale yields an identifiable member and something in every pillar.
_FLOORS = {
    "messages": 12,
    "connections": 5,
    "invitations": 2,
    "reactions": 1,
    "comments": 1,
    "shares": 1,
    "search_queries": 1,
    "votes": 1,
    "member_follows": 1,
    "company_follows": 1,
    "endorsements": 1,
    "rich_media": 1,
}

_ERA_EXPORT_DAY = {
    "2021": date(2021, 6, 14),
    "2023": date(2023, 10, 16),
    "2024-12": date(2024, 12, 9),
    "2025": date(2025, 8, 18),
    "2026": date(2026, 10, 12),
}

SSI_WEEKS = 30


# ------------------------------------------------------------------------------------------------------------
# Scale grammar
# ------------------------------------------------------------------------------------------------------------


def parse_scale(scale: str | float) -> dict[str, int]:
    """Return the records per file family for one member at `scale`.

    Grammar (whitespace ignored, case-insensitive):

        scale   := NUMBER | "normal" [":" NUMBER] | "heavy" [":" NUMBER]
        NUMBER  := a positive finite decimal (int/float, or a string such as "0.25")

    - a NUMBER `f` (or "normal:f") multiplies the normal member: 2,000 messages, 500 connections,
      150 invitations, 1,000 reactions, 200 comments, 80 shares, 300 search queries (`NORMAL_COUNTS`);
    - "heavy" is exactly 1,000,000 messages, 30,000 connections, 5,000 invitations, 100,000 reactions,
      20,000 comments, 10,000 shares and 50,000 search queries per member (`HEAVY_COUNTS`);
      "heavy:f" multiplies those counts (so "heavy:1" == "heavy", "heavy:0.25" is a quarter of it).

    Smaller files (votes, follows, endorsements, uploads) scale with the same factor. Each count is rounded
    to the nearest integer, with a small floor (`_FLOORS`) so that a tiny scale still yields an identifiable
    member. Raises ValueError for anything else.
    """
    base, factor = _split_scale(scale)
    counts = {k: v * factor for k, v in base.items()}
    per_message = base["messages"] / NORMAL_COUNTS["messages"] * factor
    counts.update({k: v * per_message for k, v in _MINOR_PER_NORMAL.items()})
    return {k: max(_FLOORS[k], int(math.floor(v + 0.5))) for k, v in counts.items()}


def _split_scale(scale: str | float) -> tuple[dict[str, int], float]:
    """Return (base counts, factor) for a scale expression; see `parse_scale`."""
    if isinstance(scale, bool):
        raise ValueError(f"scale must be a number, 'normal[:f]' or 'heavy[:f]', not {scale!r}")
    if isinstance(scale, (int, float)):
        base, text = NORMAL_COUNTS, str(scale)
    else:
        text = str(scale).strip().lower()
        base = NORMAL_COUNTS
        for name, counts in (("heavy", HEAVY_COUNTS), ("normal", NORMAL_COUNTS)):
            if text == name:
                return counts, 1.0
            if text.startswith(name + ":"):
                base, text = counts, text[len(name) + 1 :].strip()
                break
    try:
        factor = float(text)
    except ValueError:
        raise ValueError(f"scale must be a number, 'normal[:f]' or 'heavy[:f]', not {scale!r}") from None
    if not (factor > 0 and math.isfinite(factor)):
        raise ValueError(f"scale factor must be positive and finite, not {scale!r}")
    return base, factor


# ------------------------------------------------------------------------------------------------------------
# The members
# ------------------------------------------------------------------------------------------------------------


def _make_members(members: int, scale: str | float, seed: int, eras: tuple[str, ...] | None) -> Iterator[Member]:
    """Yield the members to write, one at a time (a written member's history is then freed: a thousand of them
    held took a gigabyte): identities, eras and export days drawn from `seed`."""
    counts = parse_scale(scale)
    rng = random.Random(f"synth/{seed}")
    era_cycle = tuple(eras) if eras else tuple(rng.sample(ERAS, len(ERAS)))
    bad = [e for e in era_cycle if e not in ERAS]
    if bad:
        raise ValueError(f"unknown era(s) {bad}; known: {', '.join(ERAS)}")
    for i in range(members):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        slug = f"{links.ascii_slug(first)}-{links.ascii_slug(last)}-{i:x}{rng.getrandbits(12):03x}"
        era = era_cycle[i % len(era_cycle)]
        export_day = _ERA_EXPORT_DAY[era] + timedelta(days=rng.randrange(0, 21))
        yield Member(
            i, era, first, last, slug, export_day, rng.randrange(10_000_000, 99_999_999), dict(counts), f"{seed}/{i}"
        )


def _file_progress(m: Member, progress: Callable[[str], None] | None) -> Callable[[ExportFile, int], None] | None:
    """Return the ZIP writer's per-file callback: a progress line for each large file, or None."""
    if progress is None:
        return None

    def on_file(f: ExportFile, written: int) -> None:
        if f.records >= 10_000:
            progress(f"{m.slug}: {f.path}: {f.records:,} records, {written / 1e6:.1f} MB")

    return on_file


# ------------------------------------------------------------------------------------------------------------
# SSI history
# ------------------------------------------------------------------------------------------------------------


def _ssi_rows(m: Member) -> list[str]:
    """Return weekly SSI rows (header first) driven by the trailing-28-day activity that was written: `SSI_WEEKS`
    weeks ending the week before the (last) export, plus the weeks of a history of exports.

    pillar = base + 6·sqrt(count28 / mean count28) + slow trend + N(0, 0.5), clipped to 0–25, in cents;
    total = the sum of the rounded pillars, so `total == round(sum, 2)` exactly.
    """
    rng = m.rng("ssi")
    export_idx = m.end // 86400 + 1
    weeks = SSI_WEEKS + -(-m.history_days // 7)
    dates = [export_idx - 7 * (weeks - k) for k in range(weeks)]
    bases = {"brand": 11.0, "people": 7.5, "insights": 7.0, "relationships": 9.0}
    windows = {}
    for pillar in bases:
        prefix = [0, *accumulate(m.daily[pillar])]
        counts = [prefix[d] - prefix[max(0, d - 28)] for d in dates]
        mean = sum(counts) / len(counts) or 1.0
        windows[pillar] = [x / mean for x in counts]
    lines = [",".join([*ssi_csv.COLUMNS, "member"])]
    for k, d in enumerate(dates):
        cents = [
            ssi_csv.pillar_cents(base + 6.0 * math.sqrt(windows[pillar][k]) + 0.04 * k + rng.gauss(0, 0.5))
            for pillar, base in bases.items()
        ]
        industry, network = ssi_csv.ranks(sum(cents) / 100, rng)
        lines.append(ssi_csv.score_row(m.clock.iso_day[d], cents, industry, network, m.slug))
    return lines


# ------------------------------------------------------------------------------------------------------------
# Entry point
# ------------------------------------------------------------------------------------------------------------


def write_synthetic(
    outdir: Path,
    members: int,
    scale: str | float,
    seed: int,
    progress: Callable[[str], None] | None = None,
    *,
    eras: Iterable[str] | None = None,
    compresslevel: int = 6,
    note_acceptance: tuple[float, float] | None = None,
    months: int = 1,
) -> list[Path]:
    """Write `members` invented LinkedIn exports under `outdir`; return the ZIP paths (member by member, each
    member's oldest first: one per member without `months`).

    For each member, `<outdir>/<slug>/` receives the export ZIP
    (`Complete_LinkedInDataExport_MM-DD-YYYY.zip`), `ssi_scores.csv` (30 weekly scores ending the week of the
    export, and a week more for every week of a history, in the plain CSV format `linkedin-ssi ssi import` reads)
    and `counts.json` (records per file: exactly what the loader must load, plus bytes, era and export day).

    - `scale`: see `parse_scale` (a factor of the normal member, `"heavy"` or `"heavy:<f>"`).
    - `seed`: everything (members, eras, rows, ZIP bytes) is a function of it; the same seed gives byte-identical
      files.
    - `progress`: called with a short line for each member and each large file written.
    - `eras`: force the layouts, cycled over members (default: a seed-drawn order of all five eras, so any
      five consecutive members cover every era).
    - `note_acceptance`: plant claim 3's truth: half of each member's sent requests carry a note and are accepted
      with probability `note_acceptance[0]`, the others with `note_acceptance[1]` (default: 5% notes, no effect,
      and the files are byte-identical to those written without the argument).
    - `compresslevel`: zlib level 0–9; 6 is zlib's default, what archivers use (1 writes the heavy export ~2× faster
      and inflates just as fast).
    - `months`: write each member's history as `months` monthly exports, the last one on the day a single export
      would have, each with `<zip stem>.counts.json` instead of `counts.json` (see the module's docstring); 1 (the
      default) writes exactly what a single export always was.
    """
    outdir = Path(outdir)
    if members < 1:
        raise ValueError(f"members must be at least 1, not {members}")
    if months < 1:
        raise ValueError(f"months must be at least 1, not {months}")
    if not 0 <= compresslevel <= 9:
        raise ValueError(f"compresslevel must be 0-9, not {compresslevel}")
    zips = []
    for m in _make_members(members, scale, seed, tuple(eras) if eras else None):
        m.note_acceptance = note_acceptance
        plan_member(m, months)
        if progress:
            layouts = " -> ".join(dict.fromkeys(cut.era for cut in m.cuts))
            span = f"{months} exports to {m.export_day}" if months > 1 else f"exported {m.export_day}"
            progress(
                f"member {m.index + 1}/{members}: {m.slug} ({layouts} layout, {span}, "
                f"{m.counts['messages']:,} messages)"
            )
        folder = outdir / m.slug
        folder.mkdir(parents=True, exist_ok=True)
        exports = [
            _write_export(folder, export, compresslevel, _file_progress(m, progress)) for export in member_exports(m)
        ]
        ssi = _ssi_rows(m)  # after the exports: writing messages.csv counts the SSI drivers it draws
        (folder / "ssi_scores.csv").write_text("\n".join(ssi) + "\n", encoding="utf-8")
        for (export, zip_path, sizes), previous in zip(exports, [None, *exports]):
            counts = {
                "generator_version": GENERATOR_VERSION,
                "seed": seed,
                "scale": str(scale),
                "member": m.slug,
                "name": m.name,
                "profile_url": m.url,
                "era": export.cut.era,
                "export_day": export.cut.day.isoformat(),
                "zip": zip_path.name,
                "zip_bytes": zip_path.stat().st_size,
                "files": {f.path: f.records for f in export.files},
                "bytes": sizes,
                "total_records": sum(f.records for f in export.files),
                "ssi_rows": len(ssi) - 1,
            }
            if months == 1:
                _write_json(folder / "counts.json", counts)
            else:
                _write_json(zip_path.with_suffix(".counts.json"), counts | _history_fields(m, export, previous))
            zips.append(zip_path)
    return zips


def _write_export(
    folder: Path, export: Export, compresslevel: int, on_file: Callable[[ExportFile, int], None] | None
) -> tuple[Export, Path, dict[str, int]]:
    """Write one export's ZIP, named as LinkedIn names it; return (the export, its path, bytes per file)."""
    zip_path = folder / export_zip_name(export.cut.day, export.cut.kind)
    return export, zip_path, write_zip(zip_path, export.files, export.cut.day, compresslevel, on_file)


def _history_fields(m: Member, export: Export, previous: tuple[Export, Path, dict[str, int]] | None) -> dict:
    """Return what a history's export adds to its counts: which export of how many, its kind, the first day
    Invitations.csv keeps, and the connections added and removed since the previous export (the ZIP named)."""
    cut = export.cut
    out = {
        "kind": cut.kind,
        "export": cut.index + 1,
        "months": len(m.cuts),
        "invitations_since": m.clock.dates[cut.invitations_from // 86400].isoformat(),
        "previous_zip": previous[1].name if previous else None,
    }
    return out | {"connections_added": export.connections_added, "connections_removed": export.connections_removed}


def _write_json(path: Path, data: dict) -> None:
    """Write `data` as the generator's JSON files are written (one-space indent, UTF-8, a final newline)."""
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
