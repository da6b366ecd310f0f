"""contracts.passes, the fast path that spares pandera the frames that pass, says "passes" exactly when pandera's
full validation raises nothing: on every table of the sample export, and on frames mutated value by value, column by
column and dtype by dtype. A load that finds nothing wrong never imports pandera."""

import os
import subprocess
import sys
from datetime import UTC, datetime

import pandera.polars as pa
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from linkedin_ssi.ingest.archive import open_export
from linkedin_ssi.ingest.contracts import passes, table_contract
from linkedin_ssi.ingest.parse import KEPT_AS_TEXT_TABLE, parse_export
from linkedin_ssi.ingest.registry import BY_TABLE, stored_columns

from linkedin_ssi.infra import faults
from linkedin_ssi.infra.settings import ENV_PREFIX, FaultPoints
from support import SAMPLE

TABLES = {t: f for t, f in parse_export(open_export(SAMPLE)).tables.items() if t != KEPT_AS_TEXT_TABLE}
NAMES = sorted(TABLES)
# Columns whose contract checks their values (an enum, a URL prefix, a pattern), per table.
CHECKED = {
    t: [c.name for c in stored_columns(BY_TABLE[t]) if c.isin or c.startswith or c.pattern]
    for t in NAMES
    if t in BY_TABLE and any(c.isin or c.startswith or c.pattern for c in stored_columns(BY_TABLE[t]))
}


def pandera_passes(table: str, frame: pl.DataFrame) -> bool:
    """Return True when pandera's full validation of `frame` against the table's contract raises nothing."""
    try:
        table_contract(table, tuple(frame.columns)).validate(frame, lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError):
        return False
    return True


@pytest.mark.parametrize("table", NAMES)
def test_every_sample_table_passes_both(table):
    assert passes(table, TABLES[table])
    assert pandera_passes(table, TABLES[table])


# Values a mutation writes into a cell: empty, NULL, text LinkedIn never writes there, and near misses of the
# contracts' enums, URL prefixes and patterns.
TEXTS = st.one_of(
    st.sampled_from(["", " ", "N/A", "http", "https://x", "HTTP://x", "INCOMING", "incoming", "OUT", "LIKE", "A_B"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8),
)
OTHER_DTYPES = [pl.Int32(), pl.Int64(), pl.Float64(), pl.Boolean(), pl.Date(), pl.Datetime("us"), pl.Categorical()]


def set_cell(frame: pl.DataFrame, column: str, row: int, value) -> pl.DataFrame:
    """Return `frame` with one cell replaced (the column keeps its dtype)."""
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()) == row).then(pl.lit(value)).otherwise(pl.col(column)).alias(column)
    )


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), table=st.sampled_from(NAMES))
def test_the_fast_path_and_pandera_agree_on_mutated_frames(data, table):
    frame = TABLES[table]
    kind = data.draw(st.sampled_from(["null", "text", "dtype", "drop", "extra", "rename", "empty", "several"]))
    columns = frame.columns
    column = data.draw(st.sampled_from(columns))
    row = data.draw(st.integers(0, max(frame.height - 1, 0)))
    times = 3 if kind == "several" else 1
    for _ in range(times):
        if kind in ("null", "several") and frame.height:
            frame = set_cell(frame, column, row, None)
        if kind in ("text", "several") and frame.height and frame.schema[column] == pl.String:
            frame = set_cell(frame, column, row, data.draw(TEXTS))
        column = data.draw(st.sampled_from(columns))
        row = data.draw(st.integers(0, max(frame.height - 1, 0)))
    if kind == "dtype":
        dtype = data.draw(st.sampled_from(OTHER_DTYPES))
        try:
            frame = frame.with_columns(pl.col(column).cast(dtype, strict=False))
        except pl.exceptions.PolarsError:  # no cast from this dtype: a column of NULLs of that dtype
            frame = frame.with_columns(pl.lit(None, dtype=dtype).alias(column))
    elif kind == "drop":
        frame = frame.drop(column)
    elif kind == "extra":
        frame = frame.with_columns(pl.lit("x").alias(data.draw(st.sampled_from(["extra", "_extra", "Extra"]))))
    elif kind == "rename":
        frame = frame.rename({column: f"{column}_renamed"})
    elif kind == "empty":
        frame = frame.clear()
    assert passes(table, frame) == pandera_passes(table, frame)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), table=st.sampled_from(sorted(CHECKED)))
def test_the_fast_path_and_pandera_agree_on_checked_values(data, table):
    frame = TABLES[table]
    column = data.draw(st.sampled_from(CHECKED[table]))
    for _ in range(data.draw(st.integers(1, 3))):
        frame = set_cell(frame, column, data.draw(st.integers(0, frame.height - 1)), data.draw(TEXTS))
    assert passes(table, frame) == pandera_passes(table, frame)


def test_a_datetime_in_another_zone_or_unit_is_left_to_pandera():
    frame = TABLES["votes"]
    for dtype in (pl.Datetime("us"), pl.Datetime("ns", "UTC"), pl.Datetime("us", "Europe/Paris")):
        changed = frame.with_columns(pl.col("voted_at").cast(dtype))
        assert not passes("votes", changed)
        assert not pandera_passes("votes", changed)
    late = frame.with_columns(pl.lit(datetime(2030, 1, 1, tzinfo=UTC)).dt.cast_time_unit("us").alias("voted_at"))
    assert passes("votes", late) and pandera_passes("votes", late)


def test_loading_a_clean_export_never_imports_pandera(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from linkedin_ssi.ingest.load import load_export\n"
        f"load_export(Path({str(tmp_path / 'home')!r}), Path({str(SAMPLE)!r}))\n"
        "print(sorted(m for m in ('pandera', 'pydantic_settings') if m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_fault_points_are_the_settings_variables():
    assert faults._VARIABLES == {f"{ENV_PREFIX}{name.upper()}" for name in FaultPoints.model_fields}
