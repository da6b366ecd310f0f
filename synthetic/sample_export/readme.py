"""The sample export's README.md: the files with their layout, lines and records, and where each quirk is, by
file and line. Generated with the data, so the line numbers it quotes are always right."""

from __future__ import annotations

from linkedin_ssi.synthetic.sample_export.state import EXPORT_DAY, OWNER_URL, Sample
from linkedin_ssi.synthetic.sample_export.world import World


def md(text: str) -> str:
    """Return `text` safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", "\\n")


def readme_text(s: Sample, wd: World, ssi_lines: list[str]) -> str:
    """Return the README's text (it has no final newline)."""
    out = []
    out.append("# Sample export: Avery Example (INVENTED DATA)\n")
    out.append(
        "An unzipped LinkedIn *Complete* export of the fictional member **Avery Example** "
        f"(owner profile `{OWNER_URL}`), exported {EXPORT_DAY.isoformat()}. Every person, company, text, e-mail, "
        "URL and IP address is invented; only the structure follows `docs/linkedin-export-format.md`.\n"
    )
    out.append(
        "**Generated** by `scripts/make_sample_export.py` (seed 20261015). Do not edit by hand: change the script and "
        "rerun "
        "it; this README (line numbers included) is regenerated with the data. This README is not a CSV, and a parser "
        "must ignore it.\n"
    )
    out.append(
        "Definitions: *physical lines* = number of LF characters, plus 1 if the file does not end with one (UTF-16 "
        "files are "
        "counted after decoding; CRLF counts as one line break). *Records* = data records that a correct parser must "
        "produce "
        "(header, preamble and blank lines excluded; a multi-line record counts once; drafts, hidden connections "
        "and reshares included). Line numbers below are 1-based physical lines.\n"
    )
    out.append("## Files\n")
    out.append("| File | Encoding / layout | Physical lines | Records |")
    out.append("|---|---|---:|---:|")
    for f in sorted(s.files, key=lambda x: x.relpath.lower()):
        out.append(f"| `{f.relpath}` | {md(f.layout.describe())} | {f.physical_lines()} | {f.data_records} |")
    for p, b, desc in sorted(s.blobs):
        out.append(f"| `{p}` | {desc} ({len(b)} bytes) | – | – |")
    out.append("")
    out.append(
        "Activity volumes in the active period 2026-03-01 .. 2026-10-14 are driven by weekly latent effort levels "
        "(posting, engaging, searching, networking), so weeks that are busy in one file tend to be busy in related "
        "ones.\n"
    )
    out.append("## Quirks: where each one is exercised\n")
    out.append("| # | File | Where | Quirk | Expected parse |")
    out.append("|---:|---|---|---|---|")
    for i, (file, where, what, exp) in enumerate(s.quirks, 1):
        out.append(f"| {i} | `{file}` | {md(where)} | {md(what)} | {md(exp)} |")
    out.append("")
    out.append("## Cross-file facts to test\n")
    out.append(
        f"- Owner URL `{OWNER_URL}` is not in `Profile.csv`; derive it from `Invitations.csv` (OUTGOING inviter / "
        "INCOMING invitee) or from `messages.csv` rows whose FROM is `Avery Example`."
    )
    out.append(
        "- Zoë Lambert appears as `zo%C3%AB-lambert-5e2b19` (Connections, Notes) and `zoë-lambert-5e2b19` "
        "(Invitations, Endorsement_Received_Info): one person after `unquote()`."
    )
    acc = sum(1 for i in wd.invitations if i["dir"] == "OUTGOING" and i["accept_after"] is not None)
    out.append(
        f"- {acc} OUTGOING invitations are accepted: their invitee URL (after unquote) is in `Connections.csv`, "
        "with `Connected On` 0-10 days after `Sent At`."
    )
    out.append(
        "- `Comments_34875879.csv` + `Comments_34875880.csv` are one table (`Comments`), "
        f"{sum(f.data_records for f in s.files if f.relpath.startswith('Comments_'))} records in total."
    )
    out.append(
        "- `Endorsement Received Info.csv` (legacy UTF-16) and `Endorsement_Received_Info.csv` normalise to the same "
        "base name; they hold different rows (3 old + 40 new)."
    )
    out.append(
        f"- `../sample_ssi_scores.csv`: {len(ssi_lines) - 1} weekly rows (Mondays 2026-04-06 .. 2026-10-12); pillars "
        "are built from trailing-28-day counts in this export (brand: shares + Rich_Media; people: searches + company "
        "and member follows; insights: comments + reactions; relationships: new connections + accepted invitations), "
        "plus a slow upward trend and Gaussian noise (sd 0.4). Ranks are integers 1-100, lower is better."
    )
    out.append("")
    return "\n".join(out)
