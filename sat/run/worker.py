"""A render worker for ``sat batch``: one warm kernel, many briefs, one JSON line each.

Starting a kernel and importing pandas, matplotlib and networkx into it costs
more than analysing a case. A batch therefore runs a few long-lived workers
(``python -m sat.run.worker``), each keeping one kernel between briefs: the
kernel's namespace is reset before every brief (``InteractiveShell.reset``, a
new session, so execution counts start again at 1), while the imported modules
stay loaded. A brief that fails, times out or kills its kernel gets a new kernel
for the next one.

The protocol is line-based JSON on the standard streams. Each line read is a
job ``{"case": ..., "out_dir": ..., "parameters": {...}}``; each line written is
either ``{"kernel": pid}`` (a kernel was started: the supervisor kills it too if
it must stop the worker) or ``{"record": {...}}``, the outcome of the job in the
form of ``sat report --json``. End of input stops the worker and its kernel.
Anything else the libraries print goes to standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from typing import IO, Any

from sat.paths import BRIEF_NOTEBOOK, NOTEBOOKS

#: Seconds to wait for a kernel to start or to reset.
KERNEL_WAIT = 120.0


class WarmKernel:
    """A Python kernel on private Unix sockets, reused from one brief to the next."""

    def __init__(self) -> None:
        from jupyter_core.utils import run_sync

        from sat.run.execute import ipc_kernel_manager

        self._sockets = tempfile.mkdtemp(prefix="sat-kernel-")
        self.manager = ipc_kernel_manager(self._sockets)(kernel_name="python3")
        run_sync(self.manager.start_kernel)(cwd=str(NOTEBOOKS))

    @property
    def pid(self) -> int | None:
        provisioner = self.manager.provisioner
        return getattr(provisioner, "pid", None)

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return bool(run_sync(self.manager.is_alive)())

    def reset(self) -> None:
        """Empty the user namespace and start a new session (modules stay imported)."""
        from jupyter_core.utils import run_sync

        async def reset() -> None:
            client = self.manager.client()
            client.start_channels()
            try:
                await client.wait_for_ready(timeout=KERNEL_WAIT)
                await client.execute_interactive(
                    "get_ipython().reset(new_session=True)",
                    silent=True,
                    store_history=False,
                    timeout=KERNEL_WAIT,
                )
            finally:
                client.stop_channels()

        run_sync(reset)()

    def stop(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            run_sync(self.manager.shutdown_kernel)(now=True)
        finally:
            shutil.rmtree(self._sockets, ignore_errors=True)


def serve(
    jobs: IO[str],
    replies: IO[str],
    *,
    timeout: float | None,
    notebook: str,
    pdf: bool,
) -> None:
    """Render each job read from ``jobs``, writing one reply line per event to ``replies``."""
    from sat.run.render import render_record

    def send(message: dict[str, Any]) -> None:
        replies.write(json.dumps(message, ensure_ascii=False) + "\n")
        replies.flush()

    kernel: WarmKernel | None = None
    try:
        for line in jobs:
            if not line.strip():
                continue
            job = json.loads(line)
            if kernel is not None:
                try:
                    kernel.reset()
                except Exception:  # it died or stopped answering between briefs: replace it
                    kernel.stop()
                    kernel = None
            if kernel is None:
                kernel = WarmKernel()
                send({"kernel": kernel.pid})
            record = render_record(
                job["case"],
                job["out_dir"],
                parameters=job.get("parameters") or {},
                pdf=pdf,
                timeout=timeout,
                notebook=notebook,
                kernel_manager=kernel.manager,
            )
            if record["status"] == "failed" or not kernel.alive():
                kernel.stop()  # a cell may still be running, or the kernel is gone: start afresh
                kernel = None
            send({"record": record})
    finally:
        if kernel is not None:
            kernel.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sat.run.worker", description=__doc__)
    parser.add_argument("--timeout", type=float, default=None)
    parser.add_argument("--notebook", default=str(BRIEF_NOTEBOOK))
    parser.add_argument("--pdf", action="store_true")
    args = parser.parse_args(argv)
    # Replies get the real standard output; whatever else is printed goes to standard error.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin, replies, timeout=args.timeout, notebook=args.notebook, pdf=args.pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
