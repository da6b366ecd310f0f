"""Process-wide settings of the `linkedin-ssi` command, made before the libraries that read them are imported.

Only the command line applies them (`flows.cli.main`): a program that imports the package keeps its own.
"""

from __future__ import annotations

import gc
import os

# Allocations between two collections of the youngest generation (Python's default: 700), and collections of each
# generation between two of the next (default 10 and 10).
GC_THRESHOLDS = (50_000, 20, 20)


def tune_process() -> None:
    """Make this process's numpy use one BLAS thread (unless the environment says otherwise) and its garbage
    collector run less often.

    Measured on a team of 1,000 members (one more export `ingest`ed, `perf` and `gc.callbacks`): numpy's OpenBLAS
    kept a thread per core spinning between the permutation tests' matrix products, which are too small to share
    (0.7-1.0 s of CPU of 9.5 s, taken from DuckDB's threads on 2 cores); the collector walked every object the
    imports made five times (0.36 s; 0.09 s with these thresholds). Memory is freed by reference counting as before:
    only cycles wait longer.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    gc.set_threshold(*GC_THRESHOLDS)
