"""Writing a case in another format: PARC ACH (.achz), the CSV or .xlsx matrix, or JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sat.case import Case

#: Formats ``export`` writes, by the suffix it gives them.
FORMATS = ("achz", "csv", "xlsx", "json")

_MATRIX_ONLY = (
    "the {} matrix holds the evidence and ratings only (no assumptions, sources' grades, ...)"
)


def export(case: Case, to: str, target: str | os.PathLike[str]) -> list[str]:
    """Write ``case`` to ``target`` as ``to`` (one of ``FORMATS``), atomically.

    Returns
    -------
    list of str
        What the format could not hold, one sentence each (nothing for JSON,
        which holds the whole validated case).
    """
    from sat.io.files import write_atomic

    target = Path(target)
    if to == "json":
        text = json.dumps(case.model_dump(mode="json"), indent=2, ensure_ascii=False)
        write_atomic(target, text + "\n")
        return []
    if to in ("csv", "xlsx"):
        from sat.io.matrix import write_csv, write_xlsx

        (write_csv if to == "csv" else write_xlsx)(case, target)
        return [_MATRIX_ONLY.format("CSV" if to == "csv" else ".xlsx")]
    if to == "achz":
        from sat.io.parc import write_achz

        return list(write_achz(case, target)[1])
    raise ValueError(f"cannot export to '{to}' (choose: {', '.join(FORMATS)})")
