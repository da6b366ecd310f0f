"""`linkedin-ssi ssi add`: check its options, and turn them (or the SSI page's pasted text) into one validated row."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from linkedin_ssi.ingest.pillars import PILLARS

if TYPE_CHECKING:
    import polars as pl


def add_date(args: argparse.Namespace) -> date:
    """Return the day of an `ssi add` (today for --paste without --date), after checking that the options fit
    together; ValueError (one line) says what to type instead."""
    pillars = {
        "--brand": args.brand,
        "--people": args.people,
        "--insights": args.insights,
        "--relationships": args.relationships,
    }
    given = [name for name, value in pillars.items() if value is not None]
    if args.paste and (given or args.total is not None):
        raise ValueError(
            f"ssi add: --paste reads every score from the pasted text; drop {', '.join(given or ['--total'])}"
        )
    if not args.paste:
        missing = [name for name, value in pillars.items() if value is None] + (["--date"] if not args.date else [])
        if missing:
            raise ValueError(
                f"ssi add: {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} required "
                "(or --paste to read the text of linkedin.com/sales/ssi)"
            )
    if args.date is None:
        return date.today()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date.strip()):
        try:
            day = date.fromisoformat(args.date.strip())
        except ValueError:  # 2026-02-30
            raise ValueError(_not_a_date(args.date)) from None
        if day > date.today():  # a score is read off the page: it cannot come from the future (a typo'd year?)
            raise ValueError(
                f"--date: {day.isoformat()} is in the future; the SSI is recorded on or after the day it is read"
            )
        return day
    raise ValueError(_not_a_date(args.date))


def _not_a_date(text: str) -> str:
    """Return the error for a --date that is not YYYY-MM-DD; its example is the date the user probably meant when a
    day-first or month-first reading is unambiguous (19/10/2026 -> 2026-10-19)."""
    example = "2026-10-19"
    parts = [int(p) for p in re.findall(r"\d+", text)]
    if len(parts) == 3 and parts[2] > 31:
        day_first = [(parts[2], parts[1], parts[0])] if parts[0] > 12 else []
        month_first = [(parts[2], parts[0], parts[1])] if parts[1] > 12 else []
        for y, m, d in day_first + month_first:
            try:
                example = date(y, m, d).isoformat()
            except ValueError:
                pass
    return f'--date: "{text}" is not a date; use YYYY-MM-DD, e.g. {example}'


def add_rows(args: argparse.Namespace, progress: Callable[[str], None]) -> tuple[pl.DataFrame, str, str, float]:
    """Return (validated canonical row, source name, source format, total) of an `ssi add`: from the options, or
    from the SSI page's text on standard input with --paste. Raises SsiFormatError (one line)."""
    from linkedin_ssi.ingest.ssi_formats import manual_row

    if args.paste:
        from linkedin_ssi.ingest.ssi_paste import SOURCE, SSI_PAGE, parse_ssi_page

        if sys.stdin.isatty():
            progress(f"paste the text of {SSI_PAGE} (select all, copy), then press Ctrl-D (Ctrl-Z Enter on Windows)")
        values, lines = parse_ssi_page(sys.stdin.read())
        brand, people, insights, relationships = (values[p] for p in PILLARS)
        total = values.get("total", round(brand + people + insights + relationships, 2))
        rows = manual_row(
            args.date,
            total,
            brand,
            people,
            insights,
            relationships,
            member=args.member,
            industry_rank=values.get("industry_rank"),
            network_rank=values.get("network_rank"),
            source=SOURCE,
            source_format="ssi_page",
            raw={"score_date": str(args.date), "lines": lines},
        )
        return rows, SOURCE, "ssi_page", total
    pillars = [args.brand, args.people, args.insights, args.relationships]
    total = args.total if args.total is not None else round(sum(pillars), 2)
    rows = manual_row(
        args.date,
        total,
        args.brand,
        args.people,
        args.insights,
        args.relationships,
        member=args.member,
        industry_rank=args.industry_rank,
        network_rank=args.network_rank,
    )
    return rows, "manual entry", "manual", total
