"""A starting point for a new case: the commented template behind ``sat new``."""

from __future__ import annotations

import datetime as dt
import os
import re
import string
from pathlib import Path

from sat.errors import UsageError
from sat.io.files import write_atomic

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


def case_template(case_id: str, file_name: str | None = None, today: dt.date | None = None) -> str:
    """The text of a new case file: every section, a note on each, an example line for each.

    Parameters
    ----------
    case_id : str
        The new case's id (letters, digits, ``_ . : -``; at most 64 characters).
    file_name : str, optional
        The file's name, shown in the comments' example commands (default ``<case_id>.yaml``).
    today : datetime.date, optional
        The assessment date written into the case (default today).

    Raises
    ------
    UsageError
        If ``case_id`` is not a valid id.

    Examples
    --------
    >>> text = case_template("phishing-2026", today=dt.date(2026, 3, 1))
    >>> "id: phishing-2026" in text and "date: 2026-03-01" in text
    True
    """
    if not _ID.match(case_id):
        raise UsageError(
            f"'{case_id}' is not a valid case id: a letter or digit, then letters, digits, "
            "_ . : - (at most 64 characters), e.g. phishing-2026"
        )
    from sat.paths import CASE_TEMPLATE

    template = string.Template(CASE_TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(
        case_id=case_id,
        file_name=file_name or f"{case_id}.yaml",
        today=(today or dt.date.today()).isoformat(),
    )


def new_case(case_id: str, directory: str | os.PathLike[str] = ".") -> Path:
    """Write ``<directory>/<case_id>.yaml`` from the template; never overwrites a file.

    The file appears whole or not at all, and an existing file of that name (even
    one created a moment earlier by another process) is never replaced
    (``sat.io.files.write_atomic`` with ``exclusive``).

    Returns
    -------
    Path
        The new case file.

    Raises
    ------
    UsageError
        If the id is not valid, the file already exists, or the directory cannot be written.
    """
    target = Path(directory) / f"{case_id}.yaml"
    text = case_template(case_id, str(target))
    try:
        write_atomic(target, text, exclusive=True)
    except FileExistsError:
        if not target.exists():  # something in the way of the folder
            raise UsageError(f"cannot write {target}: {directory} is not a folder") from None
        raise UsageError(
            f"{target} already exists; choose another id or directory (-o DIR)"
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
