"""Writing a case in another format: PARC ACH (.achz), the CSV or .xlsx matrix, or JSON.

Nothing is lost and nothing leaks: what a format holds reads back exactly (``sat`` reads
each of these formats), what it cannot hold is said in a warning, and a text it cannot
hold at all is refused before a byte is written, one problem per field naming the item
(a control character in .xlsx or .achz, whose XML 1.0 cannot carry it). JSON holds any
text: the characters a YAML reader would refuse or fold are written as ``\\uXXXX``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sat.case import Case
from sat.errors import CaseError
from sat.ids import locator
from sat.io.writable import NOT_TEXT, NOT_UTF8, NOT_XML, character, unwritable

#: Formats ``export`` writes, by the suffix it gives them.
FORMATS = ("achz", "csv", "xlsx", "json")
__all__ = [
    "FORMATS",
    "NOT_TEXT",
    "NOT_UTF8",
    "NOT_XML",
    "character",
    "export",
    "to_json",
    "unwritable",
]

#: Characters written to JSON as ``\\uXXXX``: YAML readers (sat reads JSON as YAML) refuse
#: the C1 controls and non-characters, and fold line separators.
_JSON_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")

_MATRIX_ONLY = (
    "the {} matrix holds the evidence and ratings only (no assumptions, sources' grades, ...)"
)


def _strings(value: Any, loc: tuple = ()) -> Iterable[tuple[tuple, str, str]]:
    """Every text in a dumped case, with its location."""
    if isinstance(value, str):
        yield loc, "the case", value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, loc)
            yield from _strings(item, (*loc, str(key)))
    elif isinstance(value, list | tuple):
        for k, item in enumerate(value):
            yield from _strings(item, (*loc, k))


def to_json(case: Case, shown: str) -> str:
    """The whole validated case as JSON text that ``sat.load_case`` reads back exactly."""
    data = case.model_dump(mode="json")
    where = locator(data)
    texts = ((where(loc)[0], owner, text) for loc, owner, text in _strings(data))
    problems = unwritable(shown, texts, NOT_UTF8, "a UTF-8 file", "remove it")
    if problems:
        raise CaseError(problems)
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def export(case: Case, to: str, target: str | os.PathLike[str]) -> list[str]:
    """Write ``case`` to ``target`` as ``to`` (one of ``FORMATS``), atomically; or, ``to``
    ``"excalibur"``, its quantities as the study ``target`` (``NAME.dtt``) and ``NAME.rls``
    beside it (``sat.io.excalibur_case.export_study``).

    Returns
    -------
    list of str
        What the format could not hold, one sentence each (nothing for JSON,
        which holds the whole validated case).

    Raises
    ------
    CaseError
        When the case holds text the format cannot hold (one problem per field, naming
        the item); nothing is written.
    UnsafeFileError
        When ``target`` is a folder, a FIFO or a device, or a file ``sat`` did not write
        (an export replaces only an earlier export of ``sat``'s: ``sat.io.outputs``).
    """
    import tempfile

    from sat.io.outputs import claim, write_owned

    if to == "excalibur":  # two files, NAME.dtt and NAME.rls: the case's quantities only
        from sat.io.excalibur_case import export_study

        return export_study(case, target)[1]
    if to not in FORMATS:
        raise ValueError(f"cannot export to '{to}' (choose: {', '.join(FORMATS)})")
    target = Path(target)
    claim(target.parent, [target.name])  # a file of another's there: refused before any work
    notes: list[str] = []
    if to == "json":
        data = to_json(case, str(target)).encode("utf-8")
    else:  # written aside first: a refused export leaves nothing beside the target
        with tempfile.TemporaryDirectory(prefix="sat-export-") as aside:
            built = Path(aside) / f"export.{to}"
            if to in ("csv", "xlsx"):
                from sat.io.matrix import write_csv, write_xlsx

                try:
                    (write_csv if to == "csv" else write_xlsx)(case, built)
                except CaseError as exc:
                    raise _named(exc, built, target) from None
                notes = [_MATRIX_ONLY.format("CSV" if to == "csv" else ".xlsx")]
            else:
                from sat.io.parc import write_achz

                try:
                    notes = list(write_achz(case, built)[1])
                except CaseError as exc:
                    raise _named(exc, built, target) from None
            data = built.read_bytes()
    write_owned(target.parent, target.name, data)  # replaces only an earlier export of sat's
    return notes


def _named(error: CaseError, built: Path, target: Path) -> CaseError:
    """The writer's problems, naming the file asked for rather than the one written aside."""
    return CaseError(
        [replace(p, file=str(target)) if p.file == str(built) else p for p in error.problems]
    )
