"""LinkedIn's CSV quoting dialects: which fields a file quotes, and how it escapes a quote, per file and era.

Each function returns one field as it is written. None of them is Python's `csv` module: LinkedIn's writers are
not standard (Comments leaves line breaks unquoted before 2025 and escapes quotes with a backslash from 2025,
SearchQueries stops quoting at all in 2025), and the generators must reproduce exactly that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Quote = Callable[[str], str]


def q_min(value: str) -> str:
    """Return the field with LinkedIn's usual minimal quoting: quoted when it holds `,` `"` or a line break,
    quotes doubled."""
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def q_all(value: str) -> str:
    """Return the field always quoted, quotes doubled, an empty one as `""` (2026 messages.csv, header too; the
    legacy UTF-16 TSV files)."""
    return '"' + value.replace('"', '""') + '"'


def q_none(value: str) -> str:
    """Return the field as it is, never quoted (SearchQueries.csv from 2025: a comma splits the query)."""
    return value


def q_comments_legacy(value: str) -> str:
    """Return a 2021–2024 Comments field: quoted only on `,` or `"` (doubled); a line break alone is written raw."""
    if "," in value or '"' in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def q_comments_2025(value: str) -> str:
    """Return a 2025+ Comments field: quoted on `,` `"` or a line break, but `"` escaped as `\\"`, not doubled."""
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '\\"') + '"'
    return value


def mangle_commentary(text: str) -> str:
    """Return Shares.csv's ShareCommentary as LinkedIn mangles it (all eras): each line break becomes `"` + line
    break + `"`. Quote the result with `q_min` as any other field."""
    return text.replace("\n", '"\n"')


def join_fields(fields: Iterable[str], quote: Quote = q_min, delimiter: str = ",") -> str:
    """Return one record: the fields quoted with `quote` and joined with `delimiter` (no line break)."""
    return delimiter.join(quote(f) for f in fields)
