"""The fast reader gives exactly what the Python reader gives, on every standard-dialect file we have,
and steps aside (None) whenever a file is irregular."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from linkedin_ssi.ingest.coerce import split_records
from linkedin_ssi.ingest.csv_file import line_offset, read_records
from linkedin_ssi.ingest.decode import decode_bytes
from linkedin_ssi.ingest.fast_csv import read_fast
from linkedin_ssi.ingest.headers import find_header
from linkedin_ssi.ingest.registry import BY_FILE, norm_file

from support import ERAS, SAMPLE

FILES = [
    p
    for p in sorted([*SAMPLE.rglob("*.csv"), *ERAS.rglob("*.csv")])
    if (spec := BY_FILE.get(norm_file(p.name)))
    and spec.dialect == "standard"
    and not p.read_bytes().startswith(b"\xff\xfe")
    and p.read_bytes().strip() != b"No conversations found"
]


def both(path: Path):
    data = path.read_bytes()
    decoded = decode_bytes(data, path.name)
    found = find_header(decoded.text, ",", BY_FILE[norm_file(path.name)], path.name)
    if found is None:
        return None, None
    line, header = found
    slow, slow_lines, rejected = split_records(read_records(decoded.text, ",", "standard", line), len(header), header)
    assert rejected == []
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    fast = read_fast(data, line_offset(data, start, line), line, len(header))
    return (slow, slow_lines), fast


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(p.parents[2])) for p in FILES])
def test_fast_reader_matches_the_python_reader(path):
    slow, fast = both(path)
    if slow is None:
        pytest.skip("placeholder or empty file")
    assert fast is not None, "the fast reader fell back on a well-formed file"

    def normalise(frame):
        return [tuple(v or None for v in row) for row in frame.rows()]

    assert normalise(fast[0]) == normalise(slow[0])
    assert fast[1].to_list() == slow[1].to_list()


@pytest.mark.parametrize(
    "body", [b"h1,h2\na,b,c\n", b"h1,h2\na\n", b'h1,h2\na,5" screen\n', b'h1,h2\n"a,b\n', b"h1,h2\n\xff\xfe,x\n"]
)
def test_fast_reader_falls_back_on_irregular_files(body):
    assert read_fast(body, 6, 1, 2) is None


@given(
    data=st.binary(max_size=200).map(lambda b: bytes(b'a,\n"'[x % 4] for x in b)),
    chunk=st.integers(min_value=1, max_value=16),
)
def test_commas_per_line_is_the_same_whatever_the_chunk_size(data, chunk):
    import numpy as np
    from linkedin_ssi.ingest import fast_csv

    expected = [line.count(b",") for line in data.split(b"\n")]
    saved = fast_csv.CHUNK
    try:
        fast_csv.CHUNK = chunk
        counts, newlines = fast_csv._commas_per_line(np.frombuffer(data, dtype=np.uint8))
    finally:
        fast_csv.CHUNK = saved
    assert counts.tolist() == expected and newlines == data.count(b"\n")


def test_blank_records_are_dropped_and_the_others_keep_their_lines():
    body = b"h1,h2\na,b\n,\n\nc,d\n"
    frame, lines = read_fast(body, 6, 1, 2)
    assert frame.rows() == [("a", "b"), ("c", "d")] and lines.to_list() == [2, 5]
    frame, lines = read_fast(b"h1,h2\na,b\nc,d\n", 6, 1, 2)
    assert frame.rows() == [("a", "b"), ("c", "d")] and lines.to_list() == [2, 3]
