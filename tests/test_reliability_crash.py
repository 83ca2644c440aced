"""Crash safety: a process killed with SIGKILL in the middle of a stream of saves never leaves a broken profile."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

from ctpat_tui.profile.store import ProfileLock, backup_path

SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ctpat_tui.profile.document import ProfileDocument

    path = Path(sys.argv[1])
    document = ProfileDocument.load(path)
    start = int(document.profile.answer("7.23").frequency or 0)
    filler = "x" * 20000
    for counter in range(start + 1, start + 100000):
        document.set_answer_value("7.23", "frequency", str(counter))
        document.set_answer_value("7.23", "controls", f"save {counter} " + filler)
        document.save()
        print(counter, flush=True)
    """
)

KILLS = int(os.environ.get("CTPAT_CRASH_KILLS", "60"))


def _counter(path: Path) -> int:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return int(data["answers"]["7.23"]["frequency"] or 0)


@pytest.mark.slow
def test_sigkill_during_autosaves_always_leaves_the_last_or_previous_save(tmp_path):
    profile = tmp_path / "profile.toml"
    profile.write_text('[profile]\nschema = 1\ncompany = "Acme"\nentity_type = "importer"\n\n'
                       '[answers."7.23"]\nfrequency = "0"\n')
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    rng = random.Random(1729)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    kills_during_saves = 0
    for _round in range(KILLS):
        before = _counter(profile)
        child = subprocess.Popen([sys.executable, str(script), str(profile)], stdout=subprocess.PIPE, text=True,
                                 env=env)
        assert child.stdout is not None
        first = child.stdout.readline()           # wait until it is saving
        assert first.strip(), "saver did not start"
        time.sleep(rng.uniform(0.0, 0.05))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        reported = [int(line) for line in (first + rest).split()]
        last_reported = reported[-1] if reported else before
        on_disk = _counter(profile)               # parses: never a torn file
        assert on_disk in (last_reported, last_reported + 1), (before, last_reported, on_disk)
        if on_disk == last_reported + 1:
            kills_during_saves += 1
        bak = backup_path(profile)
        if bak.exists():
            assert _counter(bak) in (on_disk - 1, on_disk, last_reported - 1), "backup must be a valid earlier save"
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert len(leftovers) <= 2                # the killed save's temp file and its backup staging link
        lock = ProfileLock(profile)
        lock.acquire()                            # the next session clears what a killed save left behind
        lock.release()
        assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert _counter(profile) > 0
