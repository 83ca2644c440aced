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


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from ctpat_tui.profile.store import ProfileLock

    ProfileLock(Path(sys.argv[1])).acquire()
    print("held", flush=True)
    time.sleep(600)
    """
)


def test_a_session_killed_with_sigkill_leaves_a_lock_that_the_next_session_clears(tmp_path):
    import datetime as dt
    import socket

    from ctpat_tui.profile.errors import LockHeld

    profile = tmp_path / "profile.toml"
    profile.write_text('[profile]\nschema = 1\ncompany = "Acme"\nentity_type = "importer"\n')
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(profile)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        second = ProfileLock(profile)
        with pytest.raises(LockHeld) as held:
            second.acquire()
        assert (held.value.host, held.value.pid) == (socket.gethostname(), holder.pid)
        assert dt.datetime.fromisoformat(held.value.since) <= dt.datetime.now().astimezone()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    second.acquire()                                  # the dead holder's lock is detected and cleared
    assert second.held and second.holder()["pid"] == os.getpid()
    second.release()
    assert not (tmp_path / ".profile.toml.lock").exists()


def test_a_lock_whose_pid_now_belongs_to_another_process_is_stale(tmp_path):
    import json
    import socket

    profile = tmp_path / "profile.toml"
    profile.write_text('[profile]\nschema = 1\ncompany = "Acme"\nentity_type = "importer"\n')
    (tmp_path / ".profile.toml.lock").write_text(json.dumps(        # the pid was reused after a crash
        {"host": socket.gethostname(), "pid": os.getppid(), "user": "x", "start": "1", "since": "2026-01-01"}))
    lock = ProfileLock(profile)
    lock.acquire()
    assert lock.held
    lock.release()
