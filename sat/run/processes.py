"""Child processes of a batch: read their replies line by line, stop them, and wait until they are gone.

A batch supervises render workers (``sat.run.worker``) and their kernels. It
reads each worker's reply lines with a time limit (``LineReader``), kills a worker
together with its process group (``kill_group``), finds the kernels a worker
started by the token in their environment (``marked_processes``), kills them
(``kill_kernel``) and, before it says they are stopped, waits until they have
ended (``wait_until_gone``): woken by the system when a process ends, never by
looking again after a fixed pause where the system can tell. Processes are listed
and looked at with psutil, so this works on any system psutil supports, not only
where there is a ``/proc``.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import time
from collections.abc import Iterable
from typing import IO

import psutil

#: Seconds to wait for killed processes to end before going on without them.
KILL_WAIT = 30.0


class LineReader:
    """Whole lines from a pipe, each waited for at most a given time.

    ``select`` on a buffered file object misses a line that arrived in the same read
    as the previous one (it sits in the file's buffer, not in the pipe); this reader
    keeps its own buffer and looks in it first.
    """

    def __init__(self, stream: IO) -> None:
        self._stream = stream  # kept open while it is read
        self._fd = stream.fileno()
        self._buffer = b""

    def readline(self, timeout: float) -> str | None:
        """The next line with its newline; ``""`` at the end of input; ``None`` if no whole line
        came within ``timeout`` seconds.

        Examples
        --------
        >>> import os
        >>> read, write = os.pipe()
        >>> _ = os.write(write, b'{"kernel": 7}\\n{"record": {}}\\n')
        >>> reader = LineReader(os.fdopen(read, "rb"))
        >>> reader.readline(1.0), reader.readline(0.0), reader.readline(0.0)
        ('{"kernel": 7}\\n', '{"record": {}}\\n', None)
        >>> os.close(write)
        >>> reader.readline(1.0)
        ''
        """
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            ready, _, _ = select.select([self._fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                return None
            chunk = os.read(self._fd, 65536)
            if not chunk:  # end of input: what is left, then ""
                rest, self._buffer = self._buffer, b""
                return rest.decode("utf-8", errors="replace")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return (line + b"\n").decode("utf-8", errors="replace")


def kill_group(process: subprocess.Popen) -> None:
    """Kill a child started in a session of its own, with every process of its group."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()


def marked_processes(name: str, token: str) -> list[int]:
    """Live processes whose environment carries ``name=token``, by pid.

    A worker's kernels inherit its token, so a kernel that was starting when its worker
    was killed (before the worker could report its pid) is still found. Processes whose
    environment may not be read (another user's) are passed over.
    """
    found = []
    for process in psutil.process_iter(["environ"]):
        environ = process.info["environ"] or {}  # None where it may not be read
        if environ.get(name) == token and running(process.pid):
            found.append(process.pid)
    return sorted(found)


def kill_kernel(pid: int | None) -> None:
    """Kill a kernel and its process group (jupyter_client starts kernels in a session of their
    own), or the process alone if it leads no group or the system has no process groups."""
    if not pid:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
        return
    except PermissionError:
        return
    except (ProcessLookupError, AttributeError):  # not a group leader, or no groups (Windows)
        pass
    with contextlib.suppress(psutil.Error):
        psutil.Process(pid).kill()


def running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (a zombie, ended but not yet collected by
    its parent, runs no more)."""
    try:
        return psutil.Process(pid).status() not in (psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD)
    except psutil.NoSuchProcess:  # ZombieProcess too, where a zombie may not be looked at
        return False
    except psutil.AccessDenied:  # there, but another user's
        return True


def wait_until_gone(pids: Iterable[int], limit: float = KILL_WAIT) -> bool:
    """Wait until every process of ``pids`` has ended, ``limit`` seconds at most in all; whether
    they all have. Where the system offers it (``pidfd_open``, Linux 5.3), it wakes us as a
    process ends; elsewhere each is looked at every 10 ms."""
    deadline = time.monotonic() + limit
    return all([_wait_one(pid, deadline) for pid in pids])


def _wait_one(pid: int, deadline: float) -> bool:
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    except (AttributeError, OSError):  # no pidfd here (not Linux, or a sandbox forbids it)
        while running(pid):
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True
    try:
        ready, _, _ = select.select([handle], [], [], max(0.0, deadline - time.monotonic()))
        return bool(ready) or not running(pid)
    finally:
        os.close(handle)
