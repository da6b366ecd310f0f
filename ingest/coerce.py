"""Turn the string records of one file into a typed polars frame, one parser per (file, column).

Values that do not parse are not turned into NULLs: the row is set aside with a reason naming
the column, the value and the formats tried, and ends in the quarantine table. What each column is (its kind,
formats, repairs and derived columns) is the registry's (ingest.registry); this module only does it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import polars as pl
from linkedin_ssi.ingest.errors import ExportFormatError
from linkedin_ssi.ingest.registry import (
    UTC,
    Col,
    TableSpec,
    has_time,
    norm_header,
    schema_of,
    stored_columns,
    time_flag,
    timestamp_flag,
)

_NULLS = {"", "N/A"}


@dataclass
class Rejected:
    """A record set aside: where it is, which columns failed, why, and its raw values."""

    line: int
    column: str
    reason: str
    raw: dict[str, str]


@dataclass
class Coerced:
    """Typed rows that parsed, the records that did not, and notes for the load report."""

    frame: pl.DataFrame
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what a person must know: a column whose data is not typed


def output_schema(spec: TableSpec) -> dict[str, pl.DataType]:
    """Return the typed column names and dtypes a spec produces (before lineage columns)."""
    return schema_of(stored_columns(spec))


def map_header(spec: TableSpec, header: list[str], file_name: str) -> tuple[dict[str, int], dict[str, int]]:
    """Return {column: index} for the spec's columns found in `header`, and {header: index} for the rest.

    Raises ExportFormatError naming the file when a required column is missing.
    """
    positions: dict[str, int] = {}
    for i, h in enumerate(header):
        positions.setdefault(norm_header(h), i)
    mapped, used = {}, set()
    for col in spec.columns:
        for alias in col.headers:
            if alias in positions:
                mapped[col.name] = positions[alias]
                used.add(positions[alias])
                break
    missing = [c for c in spec.columns if c.required and c.name not in mapped]
    if missing:
        names = ", ".join(f'"{c.label}"' for c in missing)
        raise ExportFormatError(
            f"{file_name}: column{'s' if len(missing) > 1 else ''} {names} missing (header: {','.join(header)})"
        )
    unmapped = {h or f"column_{i + 1}": i for i, h in enumerate(header) if i not in used and h.strip() != ""}
    return mapped, unmapped


def _fix_shares(text: str | None) -> str | None:
    """Undo LinkedIn's ShareCommentary mangling: each line break is written as `"`+newline+`"`."""
    if text is None:
        return None
    fixed, n = re.subn(r'"(\r?\n)"', r"\1", text)
    if n and fixed.count('"') % 2 == 1:
        # A stray quote left at either end of the text is part of the same artefact.
        if fixed.startswith('"'):
            fixed = fixed[1:]
        elif fixed.endswith('"'):
            fixed = fixed[:-1]
    return fixed


_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>|</p>|</li>|</h\d>", re.IGNORECASE)
_LOOKS_HTML = re.compile(r"</?(p|br|strong|em|ul|li|a|sup|div|span)\b[^>]*>", re.IGNORECASE)


def html_to_text(value: str | None) -> str | None:
    """Return readable text from a message body that may be HTML (sponsored, InMail campaigns)."""
    if value is None or not _LOOKS_HTML.search(value):
        return value
    text = _TAG.sub("", _BREAK.sub("\n", value))
    return html.unescape(text).replace("\xa0", " ").strip()


_MONTH = re.compile(r"^(?:(?P<mon>[A-Za-z]{3}) )?(?P<year>\d{4})$")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def _parse_month(value: str) -> str | None:
    m = _MONTH.match(value.strip())
    if not m:
        return None
    month = _MONTHS.get((m.group("mon") or "jan").lower())
    return f"{m.group('year')}-{month:02d}-01" if month else None


_RICH = re.compile(r"^You uploaded an? (?P<kind>.+?) on (?P<when>\w+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [AP]M) \(GMT\)$")


def split_records(
    records: list[tuple[int, list[str]]], width: int, header: list[str]
) -> tuple[pl.DataFrame, pl.Series, list[Rejected]]:
    """Return (string columns c0.., their physical lines, records of the wrong width) from Python-read records."""
    good = [(line, fields) for line, fields in records if len(fields) == width]
    rejected = [
        Rejected(line, "*", f"record has {len(fields)} fields, header has {width}", _raw_dict(header, fields))
        for line, fields in records
        if len(fields) != width
    ]
    columns = list(zip(*(fields for _, fields in good))) or [()] * width
    frame = pl.DataFrame({f"c{i}": pl.Series(list(col), dtype=pl.String) for i, col in enumerate(columns)})
    return frame, pl.Series("line", [line for line, _ in good], dtype=pl.Int64), rejected


def coerce(
    spec: TableSpec,
    header: list[str],
    raw_frame: pl.DataFrame,
    lines: pl.Series,
    file_name: str,
    base_name: str,
    rejected: list[Rejected] | None = None,
) -> Coerced:
    """Return the typed frame for one file's records, given as string columns c0.. (header removed) and the
    physical line of each record; `rejected` are records already set aside by the reader."""
    mapped, unmapped = map_header(spec, header, file_name)
    result = Coerced(pl.DataFrame(), list(rejected or []))
    if unmapped:
        result.warnings.append(f"{file_name}: columns kept in _unmapped (not in the registry): {', '.join(unmapped)}")
        # A column the registry does not know that holds data is often a renamed one: its values are kept (in
        # _unmapped) but not typed, so the analysis cannot see them. An empty one (Learning's trailing comma) is not.
        holding = [
            h
            for h, i in unmapped.items()
            if raw_frame.height and raw_frame.get_column(f"c{i}").fill_null("").str.strip_chars().ne("").any()
        ]
        if holding:
            absent = [f'"{c.label}"' for c in spec.columns if c.name not in mapped and not c.required and c.label]
            hint = f" ({', '.join(absent)} missing: renamed?)" if absent else ""
            names = ", ".join(f'"{h}"' for h in holding)
            result.problems.append(
                f"column{'s' if len(holding) > 1 else ''} {names} not known: the values are kept "
                f"in _unmapped but not typed{hint}"
            )
    height = raw_frame.height
    lines = lines.alias("_source_line")
    _check_field_lengths(raw_frame, lines, file_name)

    # Every column is typed by expressions run in one select over the file's records: a file costs a few polars
    # calls whatever its width, where a call per column and step made the many small files of a team slow.
    exprs: dict[str, pl.Expr] = {}
    checks: list[tuple[Col, pl.Expr, str]] = []  # (column, raw value, why) per mask column `_fail<k>`, in order
    masks: list[pl.Expr] = []

    def fail(mask: pl.Expr, col: Col, raw: pl.Expr, why: str) -> None:
        masks.append(mask.alias(f"_fail{len(checks)}"))
        checks.append((col, raw, why))

    for col in spec.columns:
        raw = _raw_column(mapped.get(col.name), height)
        present = raw.is_not_null() & ~raw.str.strip_chars().is_in(list(_NULLS))
        if col.kind == "text":
            keep = (raw != "") & ~raw.str.strip_chars().is_in(list(col.placeholders)) if col.placeholders else raw != ""
            value = pl.when(keep).then(raw)
            if col.repair:
                value = value.map_elements(REPAIRS[col.repair], return_dtype=pl.String)
            exprs[col.name] = value
        elif col.kind == "timestamp":
            ts, tz, timed = _timestamps(pl.when(present).then(raw), col.formats)
            fail(present & ts.is_null(), col, raw, f"does not match {' or '.join(repr(f) for f, _ in col.formats)}")
            exprs[col.name] = ts
            if flag := timestamp_flag(col):
                exprs[flag] = tz
            if flag := time_flag(col):
                exprs[flag] = timed
        elif col.kind == "date":
            ts, _, _ = _timestamps(pl.when(present).then(raw), col.formats)
            fail(present & ts.is_null(), col, raw, f"does not match {' or '.join(repr(f) for f, _ in col.formats)}")
            exprs[col.name] = ts.dt.date()
        elif col.kind == "month":
            iso = pl.when(present).then(raw).map_elements(_parse_month, return_dtype=pl.String)
            fail(present & iso.is_null(), col, raw, "is not 'Mon YYYY' or 'YYYY'")
            exprs[col.name] = iso.str.to_date("%Y-%m-%d")
        elif col.kind == "bool":
            low = raw.str.strip_chars().str.to_lowercase()
            known = low.is_in(["yes", "no", "true", "false"])
            fail(present & ~known, col, raw, "is not Yes/No/true/false")
            exprs[col.name] = pl.when(present & known).then(low.is_in(list(col.true_values)))
        elif col.kind == "events_range":
            parts = raw.str.split_exact(" - ", 1)
            fmt = (("%b %d, %Y %I:%M %p", False),)
            start, _, _ = _timestamps(parts.struct.field("field_0"), fmt)
            end, _, _ = _timestamps(parts.struct.field("field_1"), fmt)
            fail(
                present & (start.is_null() | end.is_null()),
                col,
                raw,
                "is not 'Mon D, YYYY h:mm AM - Mon D, YYYY h:mm AM'",
            )
            exprs["starts_at"], exprs["ends_at"] = start, end
        elif col.kind == "rich_media_sentence":
            found = raw.str.strip_chars().str.extract_groups(_RICH.pattern)
            when, _, _ = _timestamps(found.struct.field("when"), (("%B %d, %Y at %I:%M %p", True),))
            fail(
                present & when.is_null(),
                col,
                raw,
                "is not 'You uploaded a <kind> on <Month D, YYYY> at <h:mm AM> (GMT)'",
            )
            exprs[col.name], exprs["media_kind"] = when, found.struct.field("kind")
        else:  # pragma: no cover - registry typo
            raise ValueError(f"unknown column kind {col.kind}")
        # Emptiness and allowed values are the contract's job (ingest/contracts.py), not the parser's.

    exprs["_unmapped"] = (
        pl.struct([pl.col(f"c{i}").fill_null("").alias(h) for h, i in unmapped.items()]).struct.json_encode()
        if unmapped
        else pl.repeat(None, height, dtype=pl.String)
    )
    schema = output_schema(spec)
    derived = {c.name for c in spec.derived}
    typed = [exprs[name].cast(dtype).alias(name) for name, dtype in schema.items() if name not in derived]
    frame = raw_frame.hstack([lines]).select(*typed, "_source_line", *masks)
    if derived:
        cols = {name: frame.get_column(name) for name in frame.columns}
        # One call per derivation: one may fill several columns (the HTML flag and the text it converts).
        for derive in dict.fromkeys(c.derive for c in spec.derived):
            cols.update(DERIVATIONS[derive](cols, base_name, height))
        frame = frame.with_columns(cols[name].alias(name).cast(schema[name]) for name in schema if name in derived)
    errors: dict[int, list[tuple[str, str]]] = {}
    if masks:
        failing = frame.select(pl.col(f"_fail{k}").any() for k in range(len(masks))).row(0)
        for k in (k for k, any_bad in enumerate(failing) if any_bad):
            col, raw, why = checks[k]
            _collect_failures(frame.get_column(f"_fail{k}"), raw_frame.select(raw).to_series(), col, why, file_name, errors)
    frame = frame.select(*schema, "_source_line")

    if errors:
        bad = sorted(errors)
        for idx in bad:
            problems = errors[idx]
            fields = ["" if v is None else v for v in raw_frame.row(idx)]
            result.rejected.append(
                Rejected(
                    lines[idx],
                    ",".join(dict.fromkeys(c for c, _ in problems)),
                    "; ".join(r for _, r in problems),
                    _raw_dict(header, fields),
                )
            )
        keep = pl.Series([i not in errors for i in range(height)])
        frame = frame.filter(keep)
    result.frame = frame
    return result


def _raw_column(i: int | None, height: int) -> pl.Expr:
    """Return the expression of a record column's text (CRLF inside a field, as 2021-2024 activity files have,
    read as LF), or all NULL for a column the file does not have."""
    if i is None:
        return pl.repeat(None, height, dtype=pl.String)
    return pl.col(f"c{i}").str.replace_all("\r\n", "\n", literal=True)


def _timestamps(raw: pl.Expr, formats: tuple[tuple[str, bool], ...]) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """Return expressions of (UTC timestamps, zone-given flags, time-of-day-given flags): the first format that
    parses a value wins."""
    values = raw.str.strip_chars()
    parsed = [values.str.strptime(pl.Datetime("us"), fmt, strict=False) for fmt, _ in formats]
    if not parsed:
        return pl.lit(None, dtype=pl.Datetime("us", UTC)), pl.lit(None, dtype=pl.Boolean), pl.lit(None, dtype=pl.Boolean)
    # coalesce keeps the first non-null: the flags of the format that parsed the value.
    tz = pl.coalesce([pl.when(p.is_not_null()).then(pl.lit(has_tz)) for p, (_, has_tz) in zip(parsed, formats)])
    timed = pl.coalesce([pl.when(p.is_not_null()).then(pl.lit(has_time(f))) for p, (f, _) in zip(parsed, formats)])
    return pl.coalesce(parsed).dt.replace_time_zone(UTC), tz, timed


def _collect_failures(
    mask: pl.Series, raw: pl.Series, col: Col, why: str, file_name: str, errors: dict[int, list[tuple[str, str]]]
) -> None:
    """Add the rows `mask` marks to `errors` ({row: [(column, reason)]}); raise ExportFormatError when most of the
    column's values fail: not bad rows but a format this file never used."""
    bad = mask.arg_true().to_list()
    present_count = int((raw.is_not_null() & (raw.str.strip_chars() != "")).sum())
    if col.kind != "text" and bad and len(bad) * 2 > present_count:
        raise ExportFormatError(
            f'{file_name}: column "{col.label}": values like {raw[bad[0]]!r} '
            f"{why.replace('does not', 'do not').replace('is not', 'are not')} ({len(bad)} of {present_count} "
            "rows): a date format this version does not know"
        )
    for idx in bad:
        errors.setdefault(idx, []).append((col.name, f"{col.name}: {raw[idx]!r} {why}"))


MAX_FIELD_CHARS = 1_000_000


def _check_field_lengths(raw_frame: pl.DataFrame, lines: pl.Series, file_name: str) -> None:
    """Raise ExportFormatError for a field over MAX_FIELD_CHARS (no LinkedIn field comes close)."""
    if not raw_frame.height:
        return
    longest = raw_frame.select(pl.all().str.len_chars().max()).row(0)
    for i, length in enumerate(longest):
        if length is not None and length > MAX_FIELD_CHARS:
            row = raw_frame.get_column(f"c{i}").str.len_chars().arg_max()
            assert row is not None, "the column has a non-null length, so it has a longest value"
            raise ExportFormatError(
                f"{file_name}: line {lines[row]} has a field of {length:,} characters (limit {MAX_FIELD_CHARS:,})"
            )


def _channel(base_name: str) -> str:
    """Return the message channel from the file's base name (`guide_messages` -> `guide`)."""
    name = re.sub(r"[\s_]*messages$", "", re.sub(r"([a-z])([A-Z])", r"\1_\2", base_name).lower()).strip("_")
    return name.replace(" ", "_") or "messages"


def _message_channel(cols: dict[str, pl.Series], base_name: str, height: int) -> dict[str, pl.Series]:
    """Return {"channel": the file's message channel on every row}."""
    return {"channel": pl.Series([_channel(base_name)] * height, dtype=pl.String)}


def _html_text(cols: dict[str, pl.Series], base_name: str, height: int) -> dict[str, pl.Series]:
    """Return {"has_html": whether CONTENT is HTML, "content_text": CONTENT as plain text}."""
    content = cols["content"]
    has_html = content.str.contains(_LOOKS_HTML.pattern).fill_null(False)
    # Only the few HTML bodies (sponsored, InMail campaigns) need the slow Python conversion.
    converted = content.filter(has_html).map_elements(html_to_text, return_dtype=pl.String)
    text = content.clone()
    if converted.len():
        text = text.scatter(has_html.arg_true(), converted)
    return {"has_html": has_html, "content_text": text}


# The registry names these: a text column's repair (Col.repair), a derived column's derivation (Column.derive).
REPAIRS = {"share_line_breaks": _fix_shares}
DERIVATIONS = {"message_channel": _message_channel, "html_text": _html_text}


def _raw_dict(header: list[str], fields: list[str]) -> dict[str, str]:
    out = {}
    for i, value in enumerate(fields):
        key = header[i] if i < len(header) and header[i] else f"column_{i + 1}"
        out[key if key not in out else f"{key}_{i + 1}"] = value
    return out
