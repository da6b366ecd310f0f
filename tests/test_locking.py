"""The home's lock: one writer at a time, the second says who holds it; no `fcntl` needed (Windows)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from linkedin_ssi.infra import locking
from linkedin_ssi.infra.locking import HomeBusy, home_lock


def test_a_second_holder_waits_says_who_holds_the_lock_and_gives_up_after_the_wait(tmp_path):
    home = tmp_path / "home"
    said = []
    with home_lock(home):
        assert (home / ".lock.holder").read_text().startswith(f"pid {os.getpid()} since ")
        with pytest.raises(
            HomeBusy,
            match=rf"^{home}: another run is in progress \(pid {os.getpid()} since .*\); "
            r"try again when it has finished$",
        ):
            with home_lock(home, wait=0):
                pass
        with pytest.raises(HomeBusy):
            with home_lock(home, wait=0.5, on_wait=said.append):
                pass
    assert len(said) == 1 and said[0].startswith(f"another run is in progress (pid {os.getpid()} since ")
    assert said[0].endswith("; waiting for it to finish")
    with home_lock(home, wait=0):  # released: taken at once
        pass
    assert not (home / ".lock.holder").exists()
    assert stat.S_IMODE((home / ".lock").stat().st_mode) == 0o600


def test_locking_works_without_fcntl_as_on_windows(tmp_path):
    # `fcntl` does not exist on Windows: with it unimportable, the module still imports and still excludes.
    code = (
        "import sys; sys.modules['fcntl'] = None\n"
        "from pathlib import Path\n"
        "from linkedin_ssi.infra.locking import HomeBusy, home_lock\n"
        f"home = Path({str(tmp_path / 'home')!r})\n"
        "with home_lock(home):\n"
        "    try:\n"
        "        with home_lock(home, wait=0): print('not exclusive')\n"
        "    except HomeBusy as e: print('busy:', e)\n"
        "with home_lock(home, wait=0): print('free again')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("busy: ") and "another run is in progress (pid" in lines[0]
    assert lines[1:] == ["free again"]
    assert "import fcntl" not in Path(locking.__file__).read_text()
