"""The notebooks ``sat`` ships, as programs: their parameters and a copy to open.

``check_parameters`` refuses a parameter a notebook does not declare (papermill
would only warn); ``parse_parameters`` turns ``-p name=value`` options into
runs; ``write_notebook`` writes a parameterised copy for JupyterLab (``notebook_for_case``
pointing it at a case). Running a
notebook is process work: ``sat.run.execute``. Heavy libraries (papermill, nbformat)
are imported only when used.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from sat.errors import UsageError
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

    from sat.paths import notebook_names

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


def notebook_for_case(
    name: str,
    case_path: str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str] = ".",
    parameters: Sequence[str] = (),
    *,
    overwrite: bool = False,
) -> tuple[Path, dict[str, Any]]:
    """``write_notebook`` with its ``case_path`` pointing at a case, from the notebook's folder.

    ``parameters`` are ``NAME=VALUE`` texts. Returns the notebook written and
    the parameters set in it.
    """
    (given, *more) = parse_parameters(parameters)
    if more:
        raise UsageError("give each parameter once")
    if case_path is not None:
        if not Path(case_path).is_file():
            raise UsageError(f"{case_path}: no such case file")
        # relative to the notebook's folder, where its kernel starts
        given["case_path"] = os.path.relpath(Path(case_path).resolve(), Path(out_dir).resolve())
    return write_notebook(name, out_dir, given, overwrite=overwrite), given
