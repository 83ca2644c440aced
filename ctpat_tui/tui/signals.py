"""Hang-up and terminate signals: save what the user typed, release the lock, then leave."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable

EXIT_GRACE_SECONDS = 3.0


def install_flush_handlers(on_signal: Callable[[int], None]) -> list[int]:
    """Run `on_signal(signum)` on the event loop for SIGHUP and SIGTERM (Textual handles neither)."""
    loop = asyncio.get_running_loop()
    installed: list[int] = []
    for signum in (signal.SIGHUP, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, on_signal, signum)
        except (NotImplementedError, RuntimeError, ValueError):
            continue
        installed.append(signum)
    return installed


def remove_flush_handlers(signals: list[int]) -> None:
    """Undo install_flush_handlers."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    for signum in signals:
        loop.remove_signal_handler(signum)


def exit_soon_anyway(code: int, delay: float = EXIT_GRACE_SECONDS) -> None:
    """End the process after `delay` seconds if the normal shutdown hangs (a dead terminal can block it)."""
    timer = threading.Timer(delay, os._exit, (code,))
    timer.daemon = True
    timer.start()
