"""Render briefs: papermill executes the brief notebook, nbconvert turns it into one HTML page.

The executed notebook is kept beside the HTML (``brief.ipynb``): when a cell
fails, papermill marks it there, so the analyst can see where the run broke.
Heavy libraries are imported only when a brief is rendered.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from sat.errors import RenderError
from sat.io import load_case
from sat.paths import BRIEF_NOTEBOOK, NOTEBOOKS, REPORTS


def write_atomic(path: Path, text: str) -> None:
    """Write text to ``path`` through a temporary file, flushed and renamed: never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _file_mode(path))
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; give a new one the usual 0o666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _ipc_kernel_manager(directory: str) -> type:
    """A kernel manager that talks to the kernel over Unix sockets in a private directory.

    No TCP ports are opened on the machine, and the kernel does not warn about
    unencrypted TCP traffic on every run.
    """
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(directory, "kernel"))
            super().__init__(**kwargs)

    return IPCKernelManager


def notebook_to_html(notebook_path: Path, title: str, source: str) -> str:
    """Convert an executed notebook to a self-contained HTML page of its displayed outputs.

    Code cells, prompts and markdown cells (notes for the notebook's user) are
    left out. The page loads nothing from anywhere: styles are inline, images
    are embedded, and a Content-Security-Policy forbids scripts, so a brief
    opens offline and inert.
    """
    import nbformat
    from markupsafe import Markup
    from nbconvert import HTMLExporter

    from sat import __version__
    from sat.report.html import render

    notebook = nbformat.read(notebook_path, as_version=4)
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_markdown=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(notebook)
    return render(
        "page.html.j2", title=title, body=Markup(body), version=__version__, source=source
    )


def render_brief(
    case_path: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None
) -> Path:
    """Render the brief of one case to ``<out_dir>/brief.html`` (default ``reports/<case-id>/``).

    Parameters
    ----------
    case_path : path-like
        The case file (validated first, so a bad case fails fast with located problems).
    out_dir : path-like, optional
        Where to write ``brief.html`` and the executed ``brief.ipynb``.

    Returns
    -------
    Path
        The HTML file written.

    Raises
    ------
    CaseError
        If the case is invalid.
    RenderError
        If a notebook cell fails; the executed notebook is kept for inspection.
    """
    case = load_case(case_path)
    target = Path(out_dir) if out_dir is not None else REPORTS / case.id
    target.mkdir(parents=True, exist_ok=True)
    executed = target / "brief.ipynb"
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        with tempfile.TemporaryDirectory(prefix="sat-kernel-") as sockets:
            extra = (
                {}
                if sys.platform == "win32"
                else {"kernel_manager_class": _ipc_kernel_manager(sockets)}
            )
            papermill.execute_notebook(
                str(BRIEF_NOTEBOOK),
                str(executed),
                parameters={"case_path": str(Path(case_path).resolve())},
                kernel_name="python3",
                cwd=str(NOTEBOOKS),
                progress_bar=False,
                log_output=False,
                **extra,
            )
    except PapermillExecutionError as exc:
        raise RenderError(
            f"cell {exc.exec_count} of {BRIEF_NOTEBOOK.name} failed: {exc.ename}: {exc.evalue}",
            notebook=str(executed),
        ) from None
    html_path = target / "brief.html"
    write_atomic(
        html_path, notebook_to_html(executed, title=case.title, source=Path(case_path).name)
    )
    return html_path
