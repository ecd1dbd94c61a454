"""The notebooks ``sat`` ships, as programs: their parameters, a copy to open, a run by papermill.

``check_parameters`` refuses a parameter a notebook does not declare (papermill
would only warn); ``parse_parameters`` turns ``-p name=value`` options into
runs; ``write_notebook`` writes a parameterised copy for JupyterLab;
``execute`` runs the brief notebook on a case over a private kernel (Unix
sockets, no TCP port), turning papermill's failures into one ``RenderError``.
Heavy libraries (papermill, nbformat, jupyter_client) are imported only when used.
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from sat.errors import RenderError, UsageError
from sat.io.files import write_atomic
from sat.paths import BRIEF_NOTEBOOK, NOTEBOOKS


def notebook_parameters(notebook: Path = BRIEF_NOTEBOOK) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares: name -> papermill's description (type, default, help)."""
    import papermill

    return papermill.inspect_notebook(str(notebook))


def check_parameters(parameters: dict[str, Any], notebook: Path = BRIEF_NOTEBOOK) -> None:
    """Refuse parameters the notebook does not declare (papermill would only warn)."""
    try:
        known = notebook_parameters(notebook)
    except Exception as exc:  # papermill raises several types for a notebook it cannot read
        raise UsageError(f"cannot read notebook {notebook}: {exc}") from None
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        allowed = ", ".join(f"{name} (default {info['default']})" for name, info in known.items())
        raise UsageError(
            f"unknown parameter {', '.join(unknown)} for {notebook.name}; allowed: {allowed}"
        )


#: Parameters the commands set themselves, and why -p cannot.
RESERVED = {"case_path": "the case comes from the CASE arguments (each brief is labelled with it)"}


def parse_parameters(pairs: Sequence[str]) -> list[dict[str, Any]]:
    """Turn ``name=value`` options into parameter sets.

    A name given once applies to every run; a name given several times makes
    one run per value (several names multiply). Values are read as YAML
    scalars, so ``3`` is a number and ``true`` a boolean.

    Examples
    --------
    >>> parse_parameters(["min_credibility=L", "min_credibility=H", "matrix_order=case"])
    [{'min_credibility': 'L', 'matrix_order': 'case'}, {'min_credibility': 'H', 'matrix_order': 'case'}]
    >>> parse_parameters([])
    [{}]
    """
    values: dict[str, list[Any]] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise UsageError(f"parameter '{pair}' is not name=value")
        if name in RESERVED:
            raise UsageError(f"-p {name}: {RESERVED[name]}; it cannot be set with -p")
        try:
            value = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError:
            value = raw
        if not isinstance(value, str | int | float | bool):
            value = raw
        values.setdefault(name, []).append(value)
    names = list(values)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values.values())]


def write_notebook(
    name: str,
    out_dir: str | os.PathLike[str] = ".",
    parameters: dict[str, Any] | None = None,
    *,
    overwrite: bool = False,
) -> Path:
    """Write a copy of one of ``sat``'s notebooks, ready to open in JupyterLab.

    Parameters
    ----------
    name : str
        A notebook that ships with ``sat`` (``sat.paths.notebook_names``), e.g. ``ach``.
    out_dir : path-like
        The folder to write ``<name>.ipynb`` in (created if needed).
    parameters : dict, optional
        New defaults for the notebook's parameters, e.g. ``{"case_path": "case.yaml"}``
        (papermill's injected-parameters cell, so the notebook runs on that case).
    overwrite : bool
        Replace an existing file of that name (default: refuse).

    Raises
    ------
    UsageError
        For an unknown notebook or parameter, or a file that exists.
    """
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from sat.paths import NOTEBOOKS, notebook_names

    known = notebook_names()
    if name.removesuffix(".ipynb") not in known:
        raise UsageError(f"no notebook '{name}' ships with sat (choose: {', '.join(known)})")
    source = NOTEBOOKS / f"{name.removesuffix('.ipynb')}.ipynb"
    target = Path(out_dir) / source.name
    if target.exists() and not overwrite:
        raise UsageError(f"{target} already exists; remove it, or pass --force to replace it")
    notebook = load_notebook_node(str(source))
    if parameters:
        check_parameters(parameters, source)
        notebook = parameterize_notebook(notebook, parameters, report_mode=False)
    try:  # exclusive unless asked to replace: a file that appeared meanwhile is kept too
        write_atomic(target, nbformat.writes(notebook), exclusive=not overwrite)
    except FileExistsError:
        raise UsageError(
            f"{target} already exists; remove it, or pass --force to replace it"
        ) from None
    return target


def _ipc_kernel_manager(directory: str, quiet: bool = False) -> type:
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


def _mark_timeout(executed: Path, timeout: float) -> None:
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
                extra["kernel_manager_class"] = _ipc_kernel_manager(sockets, quiet=True)
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
            _mark_timeout(executed, timeout or 0)
        raise RenderError(f"a cell ran longer than {timeout:g} s", notebook=str(executed)) from None
    except DeadKernelError:
        raise RenderError(
            "the notebook's kernel died (out of memory, or killed) before the brief was finished",
            notebook=str(executed) if executed.is_file() else None,
        ) from None
