"""How a command stops: Ctrl-C (SIGINT) and SIGTERM end it within a second, with exit
130 or 143, no traceback and no half-written output.

Python runs a signal handler only between bytecodes of the main thread, and the main
thread may be inside Oxigraph for minutes. So the handler raises :class:`Stopped` where
it can (``finally`` blocks then remove temporary files), and a watchdog thread, woken by
the signal through a file descriptor, ends the process itself when the main thread has
not finished within :data:`GRACE` seconds. Either way the temporary outputs registered
here are removed first, and worker processes are killed.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

GRACE = 0.6  # seconds the main thread has to stop on its own
EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}

_temporary: set[Path] = set()
_lock = threading.Lock()


class Stopped(BaseException):
    """The command was told to stop (not an Exception: nothing may swallow it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return EXIT_CODES.get(signal.Signals(self.signum), 128 + self.signum)

    def __str__(self) -> str:
        return f"stopped by {signal.Signals(self.signum).name}"


@contextmanager
def temporary(path: Path) -> Iterator[Path]:
    """A temporary output being written: removed if the command is stopped meanwhile."""
    with _lock:
        _temporary.add(path)
    try:
        yield path
    finally:
        with _lock:
            _temporary.discard(path)


def remove_temporary() -> None:
    """Remove every temporary output still registered (best effort)."""
    with _lock:
        paths = list(_temporary)
        _temporary.clear()
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            # a thread may still be writing into it (Oxigraph's loader): again until it is gone
            for _ in range(10):
                shutil.rmtree(path, ignore_errors=True)
                if not path.exists():
                    break
                time.sleep(0.02)
        else:
            path.unlink(missing_ok=True)


def kill_workers() -> None:
    """Kill the worker processes this process started (reading pools, query workers)."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.kill()


def _raise(signum: int, frame: object) -> None:
    raise Stopped(signum)


def install() -> None:
    """Make SIGINT and SIGTERM stop the command (call once, from the main thread)."""
    for signum in EXIT_CODES:
        signal.signal(signum, _raise)
    try:
        read, write = os.pipe()
        os.set_blocking(write, False)
        signal.set_wakeup_fd(write, warn_on_full_buffer=False)
    except (OSError, ValueError):  # Windows takes only a socket here: no watchdog, the handler alone
        return
    threading.Thread(target=_watch, args=(read,), name="stop-watchdog", daemon=True).start()


def _watch(read: int) -> None:
    """Woken by the C-level signal handler even while the main thread is in native code."""
    while True:
        data = os.read(read, 16)
        received = [s for s in data if s in (signal.SIGINT, signal.SIGTERM)]
        if received:
            break
    main = threading.main_thread()
    main.join(GRACE)
    if main.is_alive():  # held in native code: stop from here
        finish(Stopped(received[0]))


def finish(stop: Stopped) -> None:
    """Clean up and end the process at once with the stop's exit code (no threads joined,
    no worker pools shut down politely: that could take longer than a second)."""
    kill_workers()
    remove_temporary()
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:
        os.write(2, f"stopped ({signal.Signals(stop.signum).name}); nothing half-written was left\n".encode())
    except OSError:
        pass
    os._exit(stop.exit_code)


def ignore_in_worker() -> None:
    """In a worker process: leave stopping to the parent, which kills the worker (Ctrl-C
    reaches the whole process group; a worker of its own would print a traceback). A
    forked worker also drops the parent's handlers and its wake-up descriptor."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.set_wakeup_fd(-1)
