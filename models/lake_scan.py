"""What changed in the lake since the published build, per member, without reading what did not change.

A publish records, in the warehouse's `meta` schema, each manifest's and each SSI file's name, size and modification
time with the member(s) it belongs to. The next publish lists the two folders (names and `stat` only: milliseconds for
thousands of exports), reads only the files that are new or changed, and returns the members whose data changed:
those, and only those, get their partitions rebuilt.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from linkedin_ssi.ingest.lake import compactions_dir, manifests_dir, ssi_dir

# name -> (mtime_ns, size, members): the members an SSI file holds (several for a team's file), one for a manifest.
Entries = dict[str, tuple[int, int, tuple[str, ...]]]


@dataclass
class LakeScan:
    """The lake's files as listed now, each with its member(s), and the members whose files changed since `previous`."""

    manifests: Entries = field(default_factory=dict)
    ssi: Entries = field(default_factory=dict)
    dirty: set[str] = field(default_factory=set)

    @property
    def members(self) -> set[str]:
        """Return every member with an export or a recorded SSI score."""
        return {m for _, _, ms in self.manifests.values() for m in ms} | {
            m for _, _, ms in self.ssi.values() for m in ms
        }

    def manifest_names(self, members: set[str] | None = None) -> list[str]:
        """Return the manifests (file names) of `members` (every member when None), sorted."""
        return sorted(
            n
            for n, (_, _, ms) in self.manifests.items()
            if not n.startswith(COMPACTION_PREFIX) and (members is None or set(ms) & members)
        )

    def ssi_names(self, members: set[str] | None = None) -> list[str]:
        """Return the SSI files (names) holding a score of `members` (every member when None), sorted."""
        return sorted(n for n, (_, _, ms) in self.ssi.items() if members is None or set(ms) & members)


def _listing(folder: Path, suffix: str) -> dict[str, tuple[int, int]]:
    if not folder.is_dir():
        return {}
    out = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(suffix) and not entry.name.startswith("."):
                st = entry.stat()
                out[entry.name] = (st.st_mtime_ns, st.st_size)
    return out


def _manifest_member(path: Path) -> tuple[str, ...]:
    return (json.loads(path.read_text())["member"],)


def _ssi_members(path: Path) -> tuple[str, ...]:
    import polars as pl  # only for an SSI file new since the build: a no-op check never needs it

    members = pl.scan_parquet(path).select("member").unique().collect()["member"].to_list()
    return tuple(sorted(m for m in members if m))


def _entries(folder: Path, suffix: str, previous: Entries | None, members_of) -> tuple[Entries, set[str]]:
    """Return (the folder's entries, the members whose entries appeared, changed or went since `previous`)."""
    now, previous = _listing(folder, suffix), previous or {}
    entries: Entries = {}
    dirty: set[str] = set()
    for name, (mtime, size) in now.items():
        before = previous.get(name)
        if before is not None and before[:2] == (mtime, size):
            entries[name] = before
            continue
        members = members_of(folder / name)
        entries[name] = (mtime, size, members)
        dirty.update(members)
        if before is not None:
            dirty.update(before[2])
    for name, (_, _, members) in previous.items():
        if name not in now:
            dirty.update(members)
    return entries, dirty


COMPACTION_PREFIX = "compactions/"


def _compactions(manifests: Entries | None) -> Entries | None:
    """Return the compaction records among a build's recorded manifest entries (stored with a prefix)."""
    if manifests is None:
        return None
    return {n.removeprefix(COMPACTION_PREFIX): e for n, e in manifests.items() if n.startswith(COMPACTION_PREFIX)}


def scan_lake(home: Path, manifests: Entries | None = None, ssi: Entries | None = None) -> LakeScan:
    """Return the lake's manifests and SSI files now, and the members whose files differ from the entries a previous
    build recorded (`manifests`, `ssi`; None means no previous build: every member is dirty)."""
    home = Path(home)
    exports = None if manifests is None else {n: e for n, e in manifests.items() if not n.startswith(COMPACTION_PREFIX)}
    found_m, dirty_m = _entries(manifests_dir(home), ".json", exports, _manifest_member)
    # A compaction changes which files hold a member's rows (not the rows): its record is watched like a manifest, so
    # the member's raw views move to the compacted file and the replaced ones stop being read.
    found_c, dirty_c = _entries(compactions_dir(home), ".json", _compactions(manifests), _manifest_member)
    found_m |= {f"{COMPACTION_PREFIX}{n}": e for n, e in found_c.items()}
    dirty_m |= dirty_c
    found_s, dirty_s = _entries(ssi_dir(home), ".parquet", ssi, _ssi_members)
    scan = LakeScan(found_m, found_s, dirty_m | dirty_s)
    if manifests is None or ssi is None:
        scan.dirty = scan.members
    return scan


def member_manifests(home: Path, members: set[str], known: Entries | None) -> list[dict]:
    """Return the export manifests of `members`, ordered as `ingest.lake.read_manifests` orders them, reading theirs
    only: the folder's other files are matched to their member by `known` (a build's record, `read_manifest_entries`)
    while unchanged since; without it every manifest is read. After one export of a team of 1,000 x 12, that is a
    dozen files read instead of 12,000."""
    exports = None if known is None else {n: e for n, e in known.items() if not n.startswith(COMPACTION_PREFIX)}
    entries, _ = _entries(manifests_dir(home), ".json", exports, _manifest_member)
    folder = manifests_dir(home)
    found = [json.loads((folder / n).read_text()) for n, (_, _, ms) in entries.items() if set(ms) & members]
    return sorted(found, key=lambda m: (m["member"], m["exported_at"] or "", m["export_id"]))
