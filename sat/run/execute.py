"""Run a notebook on a case: papermill over a private kernel (Unix sockets, no TCP port).

``execute`` runs the brief notebook on a case, turning papermill's failures into one
``RenderError``; ``ipc_kernel_manager`` is the kernel manager it starts (and the batch's
workers keep warm). Heavy libraries (papermill, nbformat, jupyter_client) are imported only when
used.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from sat.errors import RenderError
from sat.io.files import write_atomic
from sat.paths import BRIEF_NOTEBOOK, NOTEBOOKS

__all__ = ["KERNEL_LOG", "execute", "ipc_kernel_manager", "mark_timeout"]


def ipc_kernel_manager(directory: str, quiet: bool = False) -> type:
    """A kernel manager that talks to the kernel over Unix sockets in a private directory.

    No TCP ports are opened on the machine, and the kernel does not warn about
    unencrypted TCP traffic on every run. ``quiet`` sends the kernel's own output to
    ``KERNEL_LOG`` in ``directory`` instead of the terminal.
    """
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(directory, "kernel"))
            super().__init__(**kwargs)

        async def start_kernel(self, **kw: Any) -> None:
            if not quiet:
                return await super().start_kernel(**kw)
            # the kernel's own output (ipykernel's log, a traceback as it is stopped) goes to a
            # file beside its sockets, never raw to the analyst's terminal
            with open(os.path.join(directory, KERNEL_LOG), "ab") as log:
                kw.setdefault("stdout", log)
                kw.setdefault("stderr", log)
                return await super().start_kernel(**kw)

    return IPCKernelManager


#: Where a kernel that ``execute`` starts writes its own output (beside its sockets).
KERNEL_LOG = "kernel.log"


def mark_timeout(executed: Path, timeout: float) -> None:
    """Put a banner at the top of a notebook whose run was stopped by the time limit."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    banner = nbformat.v4.new_markdown_cell(
        f'<span style="color:red;font-size:2em">A cell ran longer than {timeout:g} s and was stopped.</span>'
    )
    banner.metadata["tags"] = ["sat-error"]
    notebook.cells.insert(0, banner)
    write_atomic(executed, nbformat.writes(notebook))


def execute(
    case_path: str | os.PathLike[str],
    executed: Path,
    parameters: dict[str, Any] | None = None,
    timeout: float | None = None,
    notebook: Path = BRIEF_NOTEBOOK,
    kernel_manager: Any = None,
) -> None:
    """Run the brief notebook on a case with papermill, writing the executed notebook.

    ``kernel_manager`` runs it on a kernel that is already started (the batch
    workers keep one warm between briefs); by default a new kernel is started
    and shut down.

    Raises
    ------
    RenderError
        When a cell fails, the kernel dies, or a cell runs past ``timeout``
        seconds (the notebook is kept).
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    values = {"case_path": str(Path(case_path).resolve()), **(parameters or {})}
    try:
        with tempfile.TemporaryDirectory(prefix="sat-kernel-") as sockets:
            extra: dict[str, Any] = {}
            if kernel_manager is not None:
                extra["km"] = kernel_manager
            elif sys.platform != "win32":
                extra["kernel_manager_class"] = ipc_kernel_manager(sockets, quiet=True)
            if timeout:
                extra["execution_timeout"] = timeout
            papermill.execute_notebook(
                str(notebook),
                str(executed),
                parameters=values,
                kernel_name="python3",
                cwd=str(NOTEBOOKS),
                progress_bar=False,
                log_output=False,
                **extra,
            )
    except PapermillExecutionError as exc:
        error = RenderError(
            f"cell {exc.exec_count} of {notebook.name} failed: {exc.ename}: "
            + (exc.evalue.splitlines() or [""])[0],
            notebook=str(executed),
        )
        error.ename = exc.ename
        raise error from None
    except CellTimeoutError:
        if executed.is_file():
            mark_timeout(executed, timeout or 0)
        raise RenderError(f"a cell ran longer than {timeout:g} s", notebook=str(executed)) from None
    except DeadKernelError:
        raise RenderError(
            "the notebook's kernel died (out of memory, or killed) before the brief was finished",
            notebook=str(executed) if executed.is_file() else None,
        ) from None
