"""Turn the string records of one file into a typed polars frame, one parser per (file, column).

Values that do not parse are not turned into NULLs: the row is set aside with a reason naming
the column, the value and the formats tried, and ends in the quarantine table. What each column is (its kind,
formats, repairs and derived columns) is the registry's (ingest.registry); this module only does it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache

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
    stored_names,
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
    """Return the typed column names and dtypes a spec produces (before lineage columns); do not change it (it is
    shared: computed once per spec)."""
    cached = _SCHEMAS.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = _SCHEMAS[id(spec)] = (spec, schema_of(stored_columns(spec)))  # holds the spec: its id stays its own
    return cached[1]


_SCHEMAS: dict[int, tuple[TableSpec, dict[str, pl.DataType]]] = {}


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


@cache
def _string_columns(width: int) -> dict[str, pl.DataType]:
    """Return the schema of `width` record columns: c0.. as text."""
    return {f"c{i}": pl.String() for i in range(width)}


def scan_records(rows: list[list[str]], width: int) -> tuple[tuple[int, ...], frozenset[int]]:
    """Return (the longest value of each record column, the columns with CRLF inside a value) of records read by
    Python: for a small file, cheaper than asking polars (coerce takes it as `scanned`)."""
    longest = [0] * width
    crlf = set()
    for fields in rows:
        for i, value in enumerate(fields):
            if len(value) > longest[i]:
                longest[i] = len(value)
            if "\r\n" in value:
                crlf.add(i)
    return tuple(longest), frozenset(crlf)


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
    frame = pl.DataFrame([fields for _, fields in good], schema=_string_columns(width), orient="row")
    return frame, pl.Series("line", [line for line, _ in good], dtype=pl.Int64), rejected


def coerce(
    spec: TableSpec,
    header: list[str],
    raw_frame: pl.DataFrame,
    lines: pl.Series,
    file_name: str,
    base_name: str,
    rejected: list[Rejected] | None = None,
    scanned: tuple[tuple[int, ...], frozenset[int]] | None = None,
) -> Coerced:
    """Return the typed frame for one file's records, given as string columns c0.. (header removed) and the
    physical line of each record, with `_source_file` (`file_name`) after `_source_line`; `rejected` are records
    already set aside by the reader; `scanned` is scan_records' answer for the records, when the caller has it."""
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
    crlf = _scan_fields(raw_frame, lines, file_name, scanned)

    # Every column is typed by expressions run in one polars query over the file's records: a file costs a few
    # polars calls whatever its width, where a call per column and step made the many small files of a team slow.
    schema = output_schema(spec)
    derived = {c.name for c in spec.derived}
    plan = _typing_plan(spec, tuple(mapped.items()), tuple(unmapped.items()), crlf)
    query = raw_frame.hstack([lines]).lazy()
    for stage in plan.stages:
        query = query.with_columns(stage)
    # The in-memory engine: the default streaming one costs about a millisecond more to start, per file. The plan is
    # already what it should run (each intermediate once): the optimiser's passes would only cost time.
    query = query.select(*plan.typed, "_source_line", pl.lit(file_name).alias("_source_file"), *plan.masks)
    frame = query.collect(engine="in-memory", optimizations=_NO_OPTIMIZATIONS)
    if derived:
        # One call per derivation: one may fill several columns (the HTML flag and the text it converts).
        derivations = dict.fromkeys(c.derive for c in spec.derived)
        exprs = {name: e for derive in derivations for name, e in DERIVATIONS[derive](base_name).items()}
        frame = frame.with_columns(exprs[name].cast(schema[name]).alias(name) for name in schema if name in derived)
        for derive in derivations:
            if finish := FINISHES.get(derive):
                frame = finish(frame)
    errors: dict[int, list[tuple[str, str]]] = {}
    if plan.masks:
        failing = [frame.get_column(f"_fail{k}").any() for k in range(len(plan.masks))]
        for k in (k for k, any_bad in enumerate(failing) if any_bad):
            col, i, why = plan.checks[k]
            raw = raw_frame.get_column(f"c{i}")
            if i in crlf:
                raw = raw.str.replace_all("\r\n", "\n", literal=True)
            _collect_failures(frame.get_column(f"_fail{k}"), raw, col, why, file_name, errors)
    frame = pl.DataFrame([frame.get_column(name) for name in (*schema, "_source_line", "_source_file")])

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


@dataclass(frozen=True)
class _TypingPlan:
    """How one file layout is typed: `stages` of intermediate columns (each computed once, then reused), the typed
    columns in the spec's order (derived ones left out), the failure masks `_fail<k>` and, per mask, the column,
    its record column and why a value fails."""

    stages: tuple[tuple[pl.Expr, ...], ...]
    typed: tuple[pl.Expr, ...]
    masks: tuple[pl.Expr, ...]
    checks: tuple[tuple[Col, int, str], ...]


# A file's expressions depend only on its spec and header: the same layout in the next export reuses them (building
# them costs more than running them on a small file).
_PLANS: dict[tuple, tuple[TableSpec, _TypingPlan]] = {}


def _typing_plan(
    spec: TableSpec,
    mapped_items: tuple[tuple[str, int], ...],
    unmapped_items: tuple[tuple[str, int], ...],
    crlf: frozenset[int],
) -> _TypingPlan:
    """Return the typing plan of records whose header maps as given, `crlf` the record columns holding CRLF."""
    key = (id(spec), mapped_items, unmapped_items, crlf)
    cached = _PLANS.get(key)
    if cached is not None and cached[0] is spec:
        return cached[1]
    if len(_PLANS) > 1024:  # headers LinkedIn never wrote (hostile files) must not grow it forever
        _PLANS.clear()
    plan = _build_typing_plan(spec, dict(mapped_items), dict(unmapped_items), crlf)
    _PLANS[key] = (spec, plan)  # holds the spec, so its id is not reused while the entry lives
    return plan


def _build_typing_plan(
    spec: TableSpec, mapped: dict[str, int], unmapped: dict[str, int], crlf: frozenset[int]
) -> _TypingPlan:
    """Return _typing_plan's answer, built. Intermediate columns, per record column i: `_v<i>` the value stripped,
    NULL where it is empty or N/A (present); `_p<i>_<k>` parsed with format k; `_t<i>` the first parse that worked."""
    present_stage: list[pl.Expr] = []  # needs only the record columns
    parse_stage: list[pl.Expr] = []  # needs present_stage
    pick_stage: list[pl.Expr] = []  # needs parse_stage
    exprs: dict[str, pl.Expr] = {}
    masks: list[pl.Expr] = []
    checks: list[tuple[Col, int, str]] = []

    def fail(mask: pl.Expr, col: Col, i: int, why: str) -> None:
        masks.append(mask.alias(f"_fail{len(checks)}"))
        checks.append((col, i, why))

    def timestamps(i: str, source: pl.Expr, formats: tuple[tuple[str, bool], ...]) -> tuple[pl.Expr, ...]:
        """Add the parses of `source` (stripped text) to the stages; return (timestamps, zone flags, time flags)."""
        parsed = [f"_p{i}_{k}" for k in range(len(formats))]
        parse_stage.extend(
            source.str.strptime(pl.Datetime("us"), fmt, strict=False).alias(name)
            for name, (fmt, _) in zip(parsed, formats, strict=True)
        )
        pick_stage.append(pl.coalesce(parsed).dt.replace_time_zone(UTC).alias(f"_t{i}"))
        # coalesce keeps the first non-null: the flags of the format that parsed the value.
        tz = pl.coalesce([pl.when(pl.col(p).is_not_null()).then(pl.lit(z)) for p, (_, z) in zip(parsed, formats)])
        timed = pl.coalesce(
            [pl.when(pl.col(p).is_not_null()).then(pl.lit(has_time(f))) for p, (f, _) in zip(parsed, formats)]
        )
        return pl.col(f"_t{i}"), tz, timed

    for col in spec.columns:
        i = mapped.get(col.name)
        if i is None:  # the file does not have the column: every column it stores is NULL
            for stored in stored_names(col):
                exprs[stored] = _ALL_NULL
            continue
        raw = pl.col(f"c{i}")
        if i in crlf:  # CRLF inside a field (2021-2024 activity files) reads as LF
            raw = raw.str.replace_all("\r\n", "\n", literal=True)
        if col.kind == "text":
            value: pl.Expr
            if col.placeholders:
                value = pl.when((raw != "") & ~raw.str.strip_chars().is_in(list(col.placeholders))).then(raw)
            else:
                value = raw.replace("", None)
            if col.repair:
                value = value.map_elements(REPAIRS[col.repair], return_dtype=pl.String)
            exprs[col.name] = value
            continue
        present_stage.append(raw.str.strip_chars().replace(list(_NULLS), None).alias(f"_v{i}"))
        present, stripped = pl.col(f"_v{i}").is_not_null(), pl.col(f"_v{i}")
        formats_tried = f"does not match {' or '.join(repr(f) for f, _ in col.formats)}"
        if col.kind in ("timestamp", "date"):
            ts, tz, timed = timestamps(str(i), stripped, col.formats)
            fail(present & ts.is_null(), col, i, formats_tried)
            exprs[col.name] = ts if col.kind == "timestamp" else ts.dt.date()
            if flag := timestamp_flag(col):
                exprs[flag] = tz
            if flag := time_flag(col):
                exprs[flag] = timed
        elif col.kind == "month":
            parse_stage.append(stripped.map_elements(_parse_month, return_dtype=pl.String).alias(f"_m{i}"))
            fail(present & pl.col(f"_m{i}").is_null(), col, i, "is not 'Mon YYYY' or 'YYYY'")
            exprs[col.name] = pl.col(f"_m{i}").str.to_date("%Y-%m-%d")
        elif col.kind == "bool":
            parse_stage.append(stripped.str.to_lowercase().alias(f"_l{i}"))
            low = pl.col(f"_l{i}")
            known = low.is_in(["yes", "no", "true", "false"])
            fail(present & ~known, col, i, "is not Yes/No/true/false")
            exprs[col.name] = pl.when(present & known).then(low.is_in(list(col.true_values)))
        elif col.kind == "events_range":
            parts = raw.str.split_exact(" - ", 1)
            fmt = (("%b %d, %Y %I:%M %p", False),)
            start, _, _ = timestamps(f"{i}_start", parts.struct.field("field_0").str.strip_chars(), fmt)
            end, _, _ = timestamps(f"{i}_end", parts.struct.field("field_1").str.strip_chars(), fmt)
            fail(
                present & (start.is_null() | end.is_null()),
                col,
                i,
                "is not 'Mon D, YYYY h:mm AM - Mon D, YYYY h:mm AM'",
            )
            exprs["starts_at"], exprs["ends_at"] = start, end
        elif col.kind == "rich_media_sentence":
            present_stage.append(raw.str.strip_chars().str.extract_groups(_RICH.pattern).alias(f"_g{i}"))
            found = pl.col(f"_g{i}")
            when, _, _ = timestamps(
                str(i), found.struct.field("when").str.strip_chars(), (("%B %d, %Y at %I:%M %p", True),)
            )
            fail(
                present & when.is_null(),
                col,
                i,
                "is not 'You uploaded a <kind> on <Month D, YYYY> at <h:mm AM> (GMT)'",
            )
            exprs[col.name], exprs["media_kind"] = when, found.struct.field("kind")
        else:  # pragma: no cover - registry typo
            raise ValueError(f"unknown column kind {col.kind}")
        # Emptiness and allowed values are the contract's job (ingest/contracts.py), not the parser's.

    exprs["_unmapped"] = (
        pl.struct([pl.col(f"c{i}").fill_null("").alias(h) for h, i in unmapped.items()]).struct.json_encode()
        if unmapped
        else _ALL_NULL
    )
    schema = output_schema(spec)
    # Each kind's expression already has its column's dtype; a column the file lacks is NULL text, cast to it.
    typed = tuple(
        (exprs[name].cast(dtype) if exprs[name] is _ALL_NULL and dtype != pl.String else exprs[name]).alias(name)
        for name, dtype in schema.items()
        if name not in _derived(spec)
    )
    stages = tuple(tuple(stage) for stage in (present_stage, parse_stage, pick_stage) if stage)
    return _TypingPlan(stages, typed, tuple(masks), tuple(checks))


def _derived(spec: TableSpec) -> set[str]:
    return {c.name for c in spec.derived}


_NO_OPTIMIZATIONS = pl.QueryOptFlags.none()
_ALL_NULL = pl.repeat(None, pl.len(), dtype=pl.String)  # a full-height column of NULLs, whatever the height


def _scan_fields(
    raw_frame: pl.DataFrame,
    lines: pl.Series,
    file_name: str,
    scanned: tuple[tuple[int, ...], frozenset[int]] | None = None,
) -> frozenset[int]:
    """Return the record columns with CRLF inside a value; raise ExportFormatError for a field over
    MAX_FIELD_CHARS (no LinkedIn field comes close)."""
    if not raw_frame.height:
        return frozenset()
    if scanned is not None and max(scanned[0], default=0) <= MAX_FIELD_CHARS:
        return scanned[1]
    width = raw_frame.width
    found = raw_frame.select(
        pl.all().str.len_chars().max(), pl.all().str.contains("\r\n", literal=True).any().name.suffix("_crlf")
    ).row(0)
    for i, length in enumerate(found[:width]):
        if length is not None and length > MAX_FIELD_CHARS:
            row = raw_frame.get_column(f"c{i}").str.len_chars().arg_max()
            assert row is not None, "the column has a non-null length, so it has a longest value"
            raise ExportFormatError(
                f"{file_name}: line {lines[row]} has a field of {length:,} characters (limit {MAX_FIELD_CHARS:,})"
            )
    return frozenset(i for i, has in enumerate(found[width:]) if has)


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


def _channel(base_name: str) -> str:
    """Return the message channel from the file's base name (`guide_messages` -> `guide`)."""
    name = re.sub(r"[\s_]*messages$", "", re.sub(r"([a-z])([A-Z])", r"\1_\2", base_name).lower()).strip("_")
    return name.replace(" ", "_") or "messages"


def _message_channel(base_name: str) -> dict[str, pl.Expr]:
    """Return {"channel": the file's message channel on every row}."""
    return {"channel": pl.lit(_channel(base_name), dtype=pl.String)}


def _html_text(base_name: str) -> dict[str, pl.Expr]:
    """Return {"has_html": whether CONTENT is HTML, "content_text": CONTENT, whose HTML rows _html_to_text then
    converts}."""
    return {
        "has_html": pl.col("content").str.contains(_LOOKS_HTML.pattern).fill_null(False),
        "content_text": pl.col("content"),
    }


def _html_to_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Return `frame` with the HTML bodies of content_text as plain text."""
    has_html = frame.get_column("has_html")
    if not has_html.any():
        return frame
    # Only the few HTML bodies (sponsored, InMail campaigns) need the slow Python conversion.
    content = frame.get_column("content")
    converted = content.filter(has_html).map_elements(html_to_text, return_dtype=pl.String)
    return frame.with_columns(content.clone().scatter(has_html.arg_true(), converted).alias("content_text"))


# The registry names these: a text column's repair (Col.repair), a derived column's derivation (Column.derive).
REPAIRS = {"share_line_breaks": _fix_shares}
# A derivation gives expressions over the typed columns (given the file's base name), then optionally finishes the
# frame in Python.
DERIVATIONS = {"message_channel": _message_channel, "html_text": _html_text}
FINISHES = {"html_text": _html_to_text}


def _raw_dict(header: list[str], fields: list[str]) -> dict[str, str]:
    out = {}
    for i, value in enumerate(fields):
        key = header[i] if i < len(header) and header[i] else f"column_{i + 1}"
        out[key if key not in out else f"{key}_{i + 1}"] = value
    return out
