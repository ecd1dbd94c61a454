"""Reading case files: YAML (the native format), and the CSV / .xlsx matrix interchange format."""

from __future__ import annotations

import os
from pathlib import Path

from sat.case import Case
from sat.errors import CaseError, Problem

#: File types ``load_case`` reads, by suffix.
SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx", ".achz")


def load_case(
    path: str | os.PathLike[str],
    *,
    notes: list[Problem] | None = None,
    check_sources: bool = False,
) -> Case:
    """Read and validate a case file.

    Parameters
    ----------
    path : str or path-like
        A ``.yaml``/``.yml`` case file, a ``.csv``/``.xlsx`` matrix, or a PARC ACH ``.achz``.
    notes : list, optional
        Receives a located ``Problem`` for each thing worth knowing
        that does not make the case invalid: priors the Bayesian mode rescales, matrix
        rows shorter than the header (their missing cells are unrated), source
        digests worth recording (with ``check_sources``).
    check_sources : bool, default False
        Also read every source's stored text (``file:``, relative to the case file),
        compare its ``sha256`` and look for every evidence ``quote`` in it
        (``sat.io.sources.verify``); a missing or changed file, or a quote not
        found, is a problem like any other. ``sat validate`` does this.

    Returns
    -------
    Case
        The validated, immutable case.

    Raises
    ------
    CaseError
        Listing every problem found, each with its file, line and field.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = load_case(EXAMPLE_CASE)
    >>> len(case.hypotheses) >= 5
    True
    """
    shown = os.fspath(path)
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise CaseError(
            [
                Problem(
                    shown,
                    None,
                    "",
                    f"unsupported file type '{suffix or '(none)'}' "
                    f"(allowed: {', '.join(SUFFIXES)})",
                )
            ]
        )
    from sat.io.files import not_regular

    why = not_regular(target)
    if why is not None:
        raise CaseError([Problem(shown, None, "", f"the file {why}; give a case file")])
    if not target.is_file():
        raise CaseError([Problem(shown, None, "", "the file does not exist")])
    notes = [] if notes is None else notes
    case, lines = _read(target, shown, suffix, notes)
    case.matrix  # noqa: B018 -- the rating arrays are built as part of loading, once
    if check_sources:
        from sat.io.sources import verify
        from sat.io.validate import locating

        found, problem = verify(case, target.parent), locating(shown, lines, case)
        problems = [problem(loc, message) for loc, message in found.problems(case)]
        if problems:
            raise CaseError(problems)
        notes.extend(problem(loc, message) for loc, message in found.notes(case))
    return case


def _read(
    target: Path, shown: str, suffix: str, notes: list[Problem]
) -> tuple[Case, dict[tuple, int]]:
    """The case in a file, and where each field is (YAML only: location -> line)."""
    if suffix == ".csv":
        from sat.io.matrix import read_csv

        return read_csv(target, shown, notes), {}
    if suffix == ".xlsx":
        from sat.io.matrix import read_xlsx

        return read_xlsx(target, shown, notes), {}
    if suffix == ".achz":
        from sat.io.parc import read_achz

        return read_achz(target, shown, notes), {}
    from sat.io.files import read_text
    from sat.io.validate import build_case
    from sat.io.yamlfile import load_yaml

    data, lines = load_yaml(read_text(target, shown), shown)
    return build_case(data, lines, shown, notes), lines
