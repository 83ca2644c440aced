"""Run a program in a pseudo-terminal of a fixed size, draining its output, and wait for it to finish."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios
import threading
import time


def run_in_pty(command: list[str], env: dict[str, str], *, columns: int = 80, rows: int = 24,
               timeout: float = 60.0, cwd: str | None = None) -> tuple[float, int]:
    """Start `command` on a new pty (in folder `cwd`); returns (time.time() just before the start, exit code)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def drain() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    started = time.time()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
                               cwd=cwd)
    os.close(slave)
    try:
        code = process.wait(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return started, code
