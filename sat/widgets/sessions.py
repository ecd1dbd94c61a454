"""What every one-analyst session (blind rating, IDEA) opens with: the case file, ready for safe
edits, and the analyst checked against the case's analysts."""

from __future__ import annotations

import os

from sat.errors import SatError
from sat.io.document import CaseDocument

__all__ = ["open_as"]


def open_as(case_path: str | os.PathLike[str], analyst: str) -> CaseDocument:
    """The case at ``case_path`` prepared for editing by ``analyst``; a ``SatError`` naming the
    case's analysts when ``analyst`` is not one of them."""
    document = CaseDocument(case_path)
    document.prepare()
    case = document.case
    if analyst not in case.analysts:
        raise SatError(
            f"'{analyst}' is not one of the case's analysts ({', '.join(case.analysts)})"
        )
    return document
