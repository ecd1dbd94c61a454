"""Render briefs: papermill executes the brief notebook, nbconvert turns it into one HTML page.

The executed notebook is kept beside the page (``brief.ipynb``). When a cell fails,
papermill marks it in the notebook, which is kept as ``brief.failed.ipynb`` beside the
last good brief (never in its place), so the analyst sees where the run broke. The output
folder is written as ``sat.io.outputs`` says: only ``sat``'s own files are ever replaced.
Heavy libraries are imported only when a brief is rendered.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sat.errors import CaseError, RenderError, UsageError
from sat.io import load_case
from sat.io.files import write_atomic
from sat.io.outputs import claim, discard, publish, staging
from sat.paths import BRIEF_NOTEBOOK, REPORTS
from sat.report.notebooks import check_parameters, parse_parameters
from sat.run.execute import execute

#: The page ``sat batch`` writes beside the briefs' folders.
INDEX = "index.html"
#: The executed notebook of a run that failed, kept beside the last good brief.
FAILED = "brief.failed.ipynb"
#: Tag of the notebook cell whose JSON output summarises the brief (left out of the page).
SUMMARY_TAG = "sat-summary"


@dataclass(frozen=True)
class Rendered:
    """What one render wrote."""

    case_path: str
    out_dir: Path
    notebook: Path
    html: Path
    pdf: Path | None = None
    matrix: Path | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case_path,
            "ok": True,
            "html": str(self.html),
            "pdf": None if self.pdf is None else str(self.pdf),
            "matrix": None if self.matrix is None else str(self.matrix),
            "notebook": str(self.notebook),
            "parameters": self.parameters,
            "summary": self.summary,
        }


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "case"


def folder_name(case_id: str, parameters: dict[str, Any]) -> str:
    """The output folder of one brief: the case id, then its parameters when it has any.

    A run with parameters never lands in (and overwrites) the plain brief's folder.

    Examples
    --------
    >>> folder_name("demo", {})
    'demo'
    >>> folder_name("demo", {"min_credibility": "M"})
    'demo--min_credibility-M'
    >>> folder_name("index.html", {})
    'case-index.html'
    """
    label = _slug(case_id)
    if parameters:
        label += "--" + _slug("_".join(f"{k}-{v}" for k, v in parameters.items()))
    if label.casefold() == INDEX:  # beside a batch's index page: never in its place
        label = f"case-{label}"
    return label


def notebook_to_html(notebook_path: Path, title: str, source: str) -> str:
    """Convert an executed notebook to a self-contained HTML page of its displayed outputs.

    Code cells, prompts, markdown cells (notes for the notebook's user) and the
    summary cell are left out. The page loads nothing from anywhere: styles are
    inline, images are embedded, and a Content-Security-Policy forbids scripts,
    so a brief opens offline and inert.
    """
    import nbformat
    from markupsafe import Markup
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    from sat import __version__
    from sat.report.html import render

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {SUMMARY_TAG}
    notebook = nbformat.read(notebook_path, as_version=4)
    exporter = HTMLExporter(
        config=config,
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


def read_summary(notebook_path: Path) -> dict[str, Any]:
    """The JSON the summary cell displayed in an executed brief notebook ({} if none)."""
    import nbformat

    notebook = nbformat.read(notebook_path, as_version=4)
    for cell in notebook.cells:
        if SUMMARY_TAG in cell.get("metadata", {}).get("tags", []):
            for output in cell.get("outputs", []):
                data = output.get("data", {}).get("application/json")
                if data is not None:
                    return dict(data)
    return {}


def render_brief(
    case_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    parameters: dict[str, Any] | None = None,
    pdf: bool = False,
    timeout: float | None = None,
    notebook: str | os.PathLike[str] | None = None,
    kernel_manager: Any = None,
) -> Rendered:
    """Render the brief of one case to ``<out_dir>/brief.html``.

    Without ``out_dir`` the brief goes to ``reports/<case-id>/`` under the current
    directory, or ``reports/<case-id>--<name>-<value>/`` when it has parameters
    (the folders ``sat batch`` uses), so a sensitivity run never overwrites the plain brief.

    Parameters
    ----------
    case_path : path-like
        The case file.
    out_dir : path-like, optional
        Where to write ``brief.html``, ``brief.pdf``, ``summary.json``, ``matrix.csv``
        (the full matrix, every item) and the executed ``brief.ipynb``, beside whatever else
        is there (``-o .`` works). Only files ``sat`` wrote there earlier are replaced; a file
        of another's under one of those names refuses the run before anything is written.
        A failed run leaves the last good brief and adds ``brief.failed.ipynb``.
    parameters : dict, optional
        Values for the brief notebook's other parameters (``min_credibility``, ``matrix_order``).
    pdf : bool
        Also print the page to ``brief.pdf`` with headless Chromium.
    timeout : float, optional
        Seconds a single cell may run before the render is stopped.
    notebook : path-like, optional
        A brief notebook of your own (default ``notebooks/brief.ipynb``); it must
        declare a ``case_path`` parameter.
    kernel_manager : jupyter_client kernel manager, optional
        A started kernel to run on (see ``execute``).

    Returns
    -------
    Rendered
        The files written and the brief's summary.

    Raises
    ------
    CaseError
        If the case is invalid; the notebook that met it is kept (``error.notebook``).
    RenderError
        If a cell fails or times out, or the disk is full; the executed notebook is kept for
        inspection (``brief.failed.ipynb``) and the previous good brief stays.
    UnsafeFileError
        If a file ``sat`` did not write is in the way in the output folder.
    UsageError
        For a parameter the notebook does not declare.
    MissingToolError
        When a PDF is asked for and no Chromium is installed.
    """
    parameters = dict(parameters or {})
    folder_parameters = dict(parameters)  # as given, before paths are made absolute
    if parameters.get(
        "previous"
    ):  # the notebook runs in notebooks/: make the earlier version absolute
        from sat.io.versions import absolute_version

        parameters["previous"] = absolute_version(parameters["previous"])
    template = Path(notebook) if notebook is not None else BRIEF_NOTEBOOK
    if not template.is_file():
        raise UsageError(f"notebook {template} does not exist")
    check_parameters({"case_path": None, **parameters}, template)
    if pdf:
        from sat.errors import MissingToolError
        from sat.run.pdf import INSTALL_HINT, find_chromium

        if find_chromium() is None:
            raise MissingToolError(INSTALL_HINT)
    try:
        case, invalid = load_case(case_path), None
    except CaseError as exc:
        case, invalid = None, exc
    name = case.id if case is not None else Path(case_path).stem
    target = REPORTS / folder_name(name, folder_parameters) if out_dir is None else Path(out_dir)
    for path, what in ((case_path, "the case file"), (target, "the output folder")):
        if not _utf8(path):  # the executed notebook records both paths as UTF-8 text
            raise UsageError(
                f"{os.fsencode(path)!r}: the name of {what} is not UTF-8 text; rename it"
            )
    claim(target, OUTPUTS)  # before any work: refused if a file of the analyst's is in the way
    work = staging(target)
    try:
        rendered = _render_into(
            work,
            target,
            case,
            invalid,
            case_path,
            parameters,
            folder_parameters,
            template,
            timeout,
            pdf,
            kernel_manager,
        )
    except (CaseError, RenderError) as exc:
        raise _failed(exc, work, target) from None
    except OSError as exc:  # a full disk, say: nothing published, the last good brief kept
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        raise RenderError(
            f"could not write the brief ({where}{exc.strerror or exc}); "
            f"the previous output in {target} is kept"
        ) from None
    else:
        publish(work, target, complete=True, removable=OUTPUTS)
        return rendered
    finally:
        discard(work)


def _utf8(path: Any) -> bool:
    try:
        str(Path(path).resolve()).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


#: The files a render may write into its output folder.
OUTPUTS = ("brief.html", "brief.pdf", "brief.ipynb", FAILED, "summary.json", "matrix.csv")


def keep_failed(work: Path, target: Path) -> str | None:
    """Publish a failed run's executed notebook from its staging folder as ``brief.failed.ipynb``
    beside the last good brief; its path, or None when there is none whole to keep (a full disk
    cut it short) or it cannot be published."""
    from sat.errors import SatError

    executed = work / "brief.ipynb"
    with contextlib.suppress(OSError, ValueError, SatError):
        json.loads(executed.read_bytes())  # complete, so worth keeping
        executed.rename(work / FAILED)
        publish(work, target, [FAILED], complete=False)
        return str(target / FAILED)
    return None


def _failed(exc: CaseError | RenderError, work: Path, target: Path) -> CaseError | RenderError:
    """Publish a failed run's notebook as ``brief.failed.ipynb`` beside the last good brief (which
    stays), and name it in the error."""
    kept = keep_failed(work, target)
    if isinstance(exc, CaseError):
        return CaseError(exc.problems, notebook=kept)
    message = str(exc)
    if exc.notebook and message.endswith(f" (see {exc.notebook})"):
        message = message.removesuffix(f" (see {exc.notebook})")
    error = RenderError(message, kept)
    if hasattr(exc, "ename"):
        error.ename = exc.ename
    return error


def _render_into(
    work: Path,
    target: Path,
    case: Any,
    invalid: CaseError | None,
    case_path: Any,
    parameters: dict[str, Any],
    folder_parameters: dict[str, Any],
    template: Path,
    timeout: float,
    pdf: bool,
    kernel_manager: Any,
) -> Rendered:
    """The steps of ``render_brief``, writing into ``work``; paths returned are in ``target``."""
    executed = work / "brief.ipynb"
    try:
        execute(case_path, executed, parameters, timeout, template, kernel_manager)
    except RenderError:
        if invalid is not None:
            raise CaseError(invalid.problems) from None
        raise
    if invalid is not None:  # the notebook cannot succeed on an invalid case; be sure anyway
        raise CaseError(invalid.problems)
    summary = {**read_summary(executed), "parameters": folder_parameters}  # paths as given
    html_path = work / "brief.html"
    write_atomic(
        html_path, notebook_to_html(executed, title=case.title, source=Path(case_path).name)
    )
    from sat.io.matrix import write_csv
    from sat.report.annex import MATRIX_ATTACHMENT

    # every item, whatever the brief shows; a table to read, so what CSV cannot hold exactly
    # (a source title with ';') never stops the brief
    write_csv(case, work / MATRIX_ATTACHMENT, exact=False)
    if pdf:
        from sat.run.pdf import html_to_pdf

        html_to_pdf(html_path, work / "brief.pdf")
    write_atomic(work / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return Rendered(
        case_path=str(case_path),
        out_dir=target,
        notebook=target / "brief.ipynb",
        html=target / "brief.html",
        pdf=target / "brief.pdf" if pdf else None,
        matrix=target / MATRIX_ATTACHMENT,
        parameters=parameters,
        summary=summary,
    )


def render_record(
    case_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Render one brief and describe the outcome as plain data (``sat report --json``).

    Takes the options of ``render_brief``. Never raises for a bad case or a
    failed render: ``status`` is ``ok``, ``invalid`` (with ``problems``) or
    ``failed`` (with ``error``), and ``notebook`` names the executed notebook
    whenever one was written.
    """
    from sat.errors import MissingToolError, UnsafeFileError

    record: dict[str, Any] = {"case": str(case_path), "parameters": options.get("parameters") or {}}
    try:
        rendered = render_brief(case_path, out_dir, **options)
    except CaseError as exc:
        record.update(
            status="invalid",
            error=f"invalid case ({len(exc.problems)} problems)",
            problems=[str(p) for p in exc.problems],
            notebook=exc.notebook,
        )
    except (RenderError, MissingToolError, UnsafeFileError) as exc:
        record.update(status="failed", error=str(exc), notebook=getattr(exc, "notebook", None))
    else:
        record.update(status="ok", **rendered.to_dict())
    return record


def render_cases(
    cases: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    parameters: Sequence[str] = (),
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """Render each case's brief in turn, yielding ``render_record``'s description of each.

    ``parameters`` are ``NAME=VALUE`` texts, one value per name (``sat
    batch`` renders several). With several cases, each brief goes to a
    subfolder of ``out_dir`` named after its file; without ``out_dir``, to
    ``reports/<case-id>/``. Takes the other options of ``render_brief``.
    """
    (given, *more) = parse_parameters(parameters)
    if more:
        raise UsageError("sat report takes one value per parameter; use sat batch for several")
    taken: set[str] = set()
    for path in cases:
        out = out_dir
        if out is not None and len(cases) > 1:  # one folder each, inside out_dir, never shared
            label = unique = folder_name(Path(path).stem, {})
            n = 2
            while unique in taken:
                unique, n = f"{label}-{n}", n + 1
            taken.add(unique)
            out = Path(out) / unique
        yield render_record(path, out, parameters=given, **options)
