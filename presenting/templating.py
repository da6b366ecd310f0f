"""The Jinja2 environment the report is written with: templates from `presenting/templates/` (package data),
autoescaping on for every template, and the number and date filters of `presenting.formatting`."""

from __future__ import annotations

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from linkedin_ssi.presenting import formatting
from markupsafe import Markup


class _BestEffortCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache that never fails a render: a cache file that cannot be read or written (a full or
    read-only temporary directory) means the template is compiled again, as without a cache."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Return the cache in Jinja's folder of this user under the temporary directory, or None when Jinja finds no
    safe one (it refuses a folder another user owns) or cannot make it."""
    try:
        return _BestEffortCache()
    except (RuntimeError, OSError):
        return None


def _blank_none(value):
    """Return '' for None, so a missing value prints as an empty cell and never as the word 'None'."""
    return "" if value is None else value


ENVIRONMENT = Environment(
    loader=PackageLoader("linkedin_ssi.presenting", "templates"),
    # Every template writes HTML or SVG, and everything they print may come from a user's files.
    autoescape=True,
    # A misspelt name fails the render instead of printing nothing.
    undefined=StrictUndefined,
    finalize=_blank_none,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    # Compiling the templates cost every publish about 0.1 s: Jinja keeps the compiled code (templates only, never
    # data) in a folder of its own per user under the temporary directory, checked against the template's source;
    # a cache it cannot use is skipped, never an error.
    bytecode_cache=_bytecode_cache(),
)
ENVIRONMENT.filters.update(
    num=formatting.num,
    day=formatting.day,
    stamp=formatting.stamp,
    plural=formatting.plural,
    thousands=formatting.thousands,
)


def render(template: str, **context) -> Markup:
    """Return the template rendered with `context`, as markup (safe to place in another template)."""
    return Markup(ENVIRONMENT.get_template(template).render(**context))
