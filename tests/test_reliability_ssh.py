"""Over a real SSH connection: type an answer in `ctpat edit`, lose the connection, find the answer saved."""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.store import backup_path, lock_path

SSHD = shutil.which("sshd") or next((p for p in ("/usr/sbin/sshd", "/usr/local/sbin/sshd") if os.access(p, os.X_OK)),
                                    None)
MISSING = [name for name, found in (("sshd (openssh-server)", SSHD), ("ssh (openssh-client)", shutil.which("ssh")),
                                    ("ssh-keygen", shutil.which("ssh-keygen")), ("tmux", shutil.which("tmux")))
           if not found]
pytestmark = [
    pytest.mark.ssh,
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)}; .ci/run installs them"),
    pytest.mark.skipif(os.geteuid() != 0, reason="sshd must run as root to open a login session"),
]

CHECKOUT = Path(__file__).resolve().parent.parent
PRIVSEP_DIR = Path("/run/sshd")
SSHD_CONFIG = """Port {port}
ListenAddress 127.0.0.1
HostKey {folder}/host_key
PidFile {folder}/sshd.pid
AuthorizedKeysFile {folder}/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
LogLevel VERBOSE
"""


def wait_until(predicate: Callable[[], object], timeout: float, what: str, details: Callable[[], str] = str) -> None:
    """Poll `predicate` until it is true; after `timeout` seconds fail, saying what was awaited and what was seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}\n{details()}")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def accepts(port: int) -> bool:
    """True when something accepts TCP connections on 127.0.0.1:`port`."""
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


@pytest.fixture
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """A private sshd on a free loopback port (own host key, one authorised client key); yields (port, key)."""
    folder = tmp_path_factory.mktemp("sshd")
    for name in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / name)], check=True,
                       capture_output=True, timeout=30)
    (folder / "authorized_keys").write_text((folder / "client_key.pub").read_text())
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(SSHD_CONFIG.format(port=port, folder=folder))
    made_privsep_dir = not PRIVSEP_DIR.exists()
    if made_privsep_dir:
        PRIVSEP_DIR.mkdir(mode=0o755, parents=True)
    assert SSHD is not None
    log = open(folder / "sshd.log", "wb")  # noqa: SIM115 - closed below, after the server stops
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while not accepts(port) and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if not accepts(port):
            pytest.skip(f"sshd did not start: {(folder / 'sshd.log').read_text(errors='replace')[-400:]}")
        yield port, folder / "client_key"
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=10)
        if server.poll() is None:
            server.kill()
            server.wait()
        log.close()
        if made_privsep_dir:
            with contextlib.suppress(OSError):
                PRIVSEP_DIR.rmdir()


@pytest.fixture
def terminal() -> Iterator[Callable[..., str]]:
    """A function running tmux commands on a private server (the user's terminal window); killed afterwards."""
    socket_name = f"ctpat-ssh-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> str:
        done = subprocess.run(["tmux", "-L", socket_name, *args], capture_output=True, text=True, timeout=20,
                              check=False)
        return done.stdout

    yield tmux
    subprocess.run(["tmux", "-L", socket_name, "kill-server"], capture_output=True, check=False, timeout=20)


def running(pid: int) -> bool:
    """True while process `pid` exists (and is not a zombie)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def command_of(pid: int) -> list[str]:
    """The command line of process `pid`."""
    with open(f"/proc/{pid}/cmdline", "rb") as handle:
        return [os.fsdecode(part) for part in handle.read().split(b"\0") if part]


def parent_of(pid: int) -> int:
    """The parent process id of `pid`."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
        return int(handle.read().rsplit(")", 1)[1].split()[1])


@pytest.mark.parametrize("drop", ["ssh client killed", "server side of the connection killed"])
def test_a_dropped_ssh_connection_keeps_the_typed_answer(sshd: tuple[int, Path], terminal: Callable[..., str],
                                                        tmp_path: Path, drop: str) -> None:
    port, key = sshd
    profile = tmp_path / "profile.toml"
    subprocess.run([sys.executable, "-m", "ctpat_tui", "new", str(profile), "--entity", "importer", "--company",
                    "Dropped Link LLC"], check=True, cwd=CHECKOUT, capture_output=True, timeout=60)
    app_pid_file, ssh_pid_file = tmp_path / "app.pid", tmp_path / "ssh.pid"
    settings = {"TERM": "xterm-256color", "CTPAT_AUTOSAVE_DELAY": "60", "PYTHONPATH": str(CHECKOUT),
                **{name: os.environ[name] for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME",
                                                       "CTPAT_CATALOG_OVERLAY") if os.environ.get(name)}}
    exports = " ".join(f"{name}={value}" for name, value in settings.items())
    remote = (f"cd {CHECKOUT} && echo $$ > {app_pid_file} && "
              f"exec env {exports} {sys.executable} -m ctpat_tui edit {profile}")
    client = tmp_path / "connect.sh"                     # the user's terminal runs ssh, the server runs ctpat edit
    client.write_text(f"echo $$ > {ssh_pid_file}\nexec ssh -tt -F /dev/null -E {tmp_path}/ssh.log -i {key} -p {port} -o BatchMode=yes "
                      f"-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "
                      f"{getpass.getuser()}@127.0.0.1 '{remote}'\n")
    terminal("new-session", "-d", "-s", "user", "-x", "80", "-y", "24", f"sh {client}")

    def screen() -> str:
        return terminal("capture-pane", "-p", "-t", "user")

    def seen() -> str:
        log = tmp_path / "ssh.log"
        return f"terminal:\n{screen()}\nssh log:\n{log.read_text(errors='replace') if log.exists() else ''}"

    wait_until(lambda: "Dropped Link LLC" in screen() and "saved" in screen(), 30, "the app over ssh", seen)
    time.sleep(0.5)
    typed = "Security committee meets monthly"
    for keys in ("Enter", "Tab", typed):
        terminal("send-keys", "-t", "user", keys)
        time.sleep(0.2)
    wait_until(lambda: "committee meets monthly" in screen(), 20, "the typed answer on screen", seen)
    assert typed not in profile.read_text(encoding="utf-8"), "the autosave delay must not have saved it yet"
    app_pid, ssh_pid = int(app_pid_file.read_text().strip()), int(ssh_pid_file.read_text().strip())
    assert command_of(app_pid)[1:4] == ["-m", "ctpat_tui", "edit"] and command_of(ssh_pid)[0] == "ssh"
    if drop == "ssh client killed":
        os.kill(ssh_pid, signal.SIGKILL)
    else:
        server_side = parent_of(app_pid)                    # the sshd process serving this connection
        assert command_of(server_side)[0].startswith("sshd:")
        os.kill(server_side, signal.SIGKILL)
    wait_until(lambda: not running(app_pid), 15, "the app to end after the hang-up")
    text = profile.read_text(encoding="utf-8")
    assert f'controls = "{typed}"' in text
    assert ProfileDocument.load(profile).profile.company == "Dropped Link LLC"  # valid and complete
    ProfileDocument.load(backup_path(profile))
    assert not lock_path(profile).exists(), "the lock is released"
    assert not list(tmp_path.glob(".profile.toml.*tmp"))
