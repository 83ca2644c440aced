"""The real `ctpat edit` in tmux, as a user over SSH: type an answer, lose the connection, find the answer saved."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"),
]

CTPAT = [sys.executable, "-m", "ctpat_tui"]
CHECKOUT = Path(__file__).resolve().parent.parent


def tmux(*args: str) -> str:
    """Run a tmux command on the test's private server socket and return its output."""
    result = subprocess.run(["tmux", *args], capture_output=True, text=True, check=False, timeout=20)
    return result.stdout


def wait_until(predicate: Callable[[], object], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {predicate}; the pane last showed:\n{_last_screen[0]}")


@pytest.fixture
def session(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A detached 80x24 tmux session name on a private socket; killed afterwards."""
    socket_name = f"ctpat-test-{uuid.uuid4().hex[:8]}"
    name = "edit"
    yield socket_name, name
    subprocess.run(["tmux", "-L", socket_name, "kill-server"], capture_output=True, check=False)


def send(socket_name: str, name: str, *keys: str) -> None:
    for key in keys:
        tmux("-L", socket_name, "send-keys", "-t", name, key)
        time.sleep(0.15)


_last_screen = [""]


def screen(socket_name: str, name: str) -> str:
    _last_screen[0] = tmux("-L", socket_name, "capture-pane", "-p", "-t", name)
    return _last_screen[0]


@pytest.mark.parametrize("term", ["xterm", "linux"])
def test_hangup_over_ssh_keeps_the_typed_answer(session, tmp_path: Path, term: str) -> None:  # type: ignore[no-untyped-def]
    socket_name, name = session
    profile = tmp_path / "profile.toml"
    subprocess.run([*CTPAT, "new", str(profile), "--entity", "importer", "--company", "Hangup Test LLC"],
                   check=True, cwd=CHECKOUT, capture_output=True)
    pid_file = tmp_path / "pid"
    env = {"TERM": term, "CTPAT_AUTOSAVE_DELAY": "60", "XDG_STATE_HOME": os.environ.get("XDG_STATE_HOME", ""),
           "XDG_CONFIG_HOME": os.environ.get("XDG_CONFIG_HOME", ""),
           "CTPAT_CATALOG_OVERLAY": os.environ.get("CTPAT_CATALOG_OVERLAY", "")}
    exports = " ".join(f"{key}={value!s}" for key, value in env.items() if value)
    command = f"cd {CHECKOUT} && echo $$ > {pid_file} && exec env {exports} {' '.join(CTPAT)} edit {profile}"
    tmux("-L", socket_name, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", command)
    wait_until(lambda: "Hangup Test LLC" in screen(socket_name, name) and "saved" in screen(socket_name, name))
    time.sleep(0.5)
    send(socket_name, name, "Enter", "Tab")
    typed = "Security committee meets monthly"
    send(socket_name, name, typed)
    wait_until(lambda: "committee meets monthly" in screen(socket_name, name))
    assert typed not in profile.read_text(encoding="utf-8"), "the autosave delay must not have saved it yet"
    pid = int(pid_file.read_text().strip())
    tmux("-L", socket_name, "kill-session", "-t", name)  # the terminal goes away: the app gets SIGHUP

    def gone() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False

    wait_until(gone, timeout=10)
    assert f'controls = "{typed}"' in profile.read_text(encoding="utf-8")
    assert not (tmp_path / ".profile.toml.lock").exists(), "the lock is released"


def test_sigterm_saves_and_restores_the_terminal(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    socket_name, name = session
    profile = tmp_path / "profile.toml"
    subprocess.run([*CTPAT, "new", str(profile), "--entity", "importer", "--company", "Term Test LLC"],
                   check=True, cwd=CHECKOUT, capture_output=True)
    pid_file, code_file = tmp_path / "pid", tmp_path / "code"
    command = (f"cd {CHECKOUT} && (echo $BASHPID > {pid_file}; exec env TERM=xterm-256color CTPAT_AUTOSAVE_DELAY=60 "
               f"XDG_STATE_HOME={os.environ.get('XDG_STATE_HOME', '/tmp')} {' '.join(CTPAT)} edit {profile}); "
               f"echo $? > {code_file}; sleep 30")
    tmux("-L", socket_name, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", f"bash -c '{command}'")
    wait_until(lambda: "Term Test LLC" in screen(socket_name, name) and "saved" in screen(socket_name, name))
    time.sleep(0.5)
    send(socket_name, name, "Enter", "Tab", "Board approved the CTPAT policy")
    wait_until(lambda: "Board approved" in screen(socket_name, name))
    os.kill(int(pid_file.read_text().strip()), 15)
    wait_until(code_file.exists, timeout=10)
    assert code_file.read_text().strip() == str(128 + 15)
    assert 'controls = "Board approved the CTPAT policy"' in profile.read_text(encoding="utf-8")
    wait_until(lambda: "Term Test LLC" not in screen(socket_name, name), timeout=5)


def test_a_multi_line_answer_pasted_over_ssh_keeps_every_line(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    socket_name, name = session
    profile = tmp_path / "profile.toml"
    subprocess.run([*CTPAT, "new", str(profile), "--entity", "importer", "--company", "Paste Test LLC"],
                   check=True, cwd=CHECKOUT, capture_output=True)
    command = (f"cd {CHECKOUT} && exec env TERM=xterm-256color CTPAT_AUTOSAVE_DELAY=0.2 "
               f"XDG_STATE_HOME={os.environ.get('XDG_STATE_HOME', '/tmp')} {' '.join(CTPAT)} edit {profile}")
    tmux("-L", socket_name, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", command)
    wait_until(lambda: "Paste Test LLC" in screen(socket_name, name) and "saved" in screen(socket_name, name))
    time.sleep(0.5)
    send(socket_name, name, "Enter", "Tab")  # into the form, then the Controls box
    tmux("-L", socket_name, "set-buffer", "Seal SOP v3\nchecked at every load\n\nsecond paragraph")
    tmux("-L", socket_name, "paste-buffer", "-p", "-t", name)  # bracketed paste, as tmux and terminals do it
    time.sleep(0.3)
    tmux("-L", socket_name, "send-keys", "-t", name, "-l", "\nline fed\nat once")  # a burst with bare line feeds
    time.sleep(0.3)
    tmux("-L", socket_name, "send-keys", "-t", name, "x", "Enter", "y")  # a burst with Enter keys
    time.sleep(0.3)
    send(socket_name, name, "Tab")  # How often: a one-line field
    tmux("-L", socket_name, "set-buffer", "every shipment\nand a monthly audit")
    tmux("-L", socket_name, "paste-buffer", "-p", "-t", name)
    wait_until(lambda: "monthly audit" in profile.read_text(encoding="utf-8"))
    text = profile.read_text(encoding="utf-8")
    assert 'controls = """Seal SOP v3\nchecked at every load\n\nsecond paragraph\nline fed\nat oncex\ny"""' in text
    assert 'frequency = "every shipment and a monthly audit"' in text
