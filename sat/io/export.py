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
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sat.case import Case
from sat.errors import CaseError, Problem

#: Formats ``export`` writes, by the suffix it gives them.
FORMATS = ("achz", "csv", "xlsx", "json")

#: Characters XML 1.0 cannot hold, and so neither .xlsx nor .achz: the C0 controls other than
#: tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Characters no UTF-8 file can hold (lone surrogates).
NOT_UTF8 = re.compile("[\ud800-\udfff]")
#: ... and NUL, which marks a binary file: what a text file (CSV) cannot hold.
NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
#: Characters written to JSON as ``\\uXXXX``: YAML readers (sat reads JSON as YAML) refuse
#: the C1 controls and non-characters, and fold line separators.
_JSON_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")

_MATRIX_ONLY = (
    "the {} matrix holds the evidence and ratings only (no assumptions, sources' grades, ...)"
)


def character(c: str) -> str:
    """A character as a message names it.

    Examples
    --------
    >>> character("\\x07"), character("\\ufffe"), character("é")
    ('U+0007 (a control character)', 'U+FFFE (a noncharacter)', 'U+00E9 (latin small letter e with acute)')
    """
    kinds = {"Cc": "a control character", "Cs": "a lone surrogate", "Cn": "a noncharacter"}
    name = kinds.get(unicodedata.category(c)) or unicodedata.name(c, "unnamed").lower()
    return f"U+{ord(c):04X} ({name})"


def unwritable(
    shown: str,
    texts: Iterable[tuple[str, str, str | None]],
    pattern: re.Pattern,
    what: str,
    hint: str = "remove it, or export as JSON, which holds any text",
) -> list[Problem]:
    """One problem per text holding a character ``pattern`` matches.

    Parameters
    ----------
    shown : str
        The file being written, as the problems name it.
    texts : iterable of (field, owner, text)
        Each text with its field (``evidence[3].summary``) and owner (``item E4``).
    pattern : re.Pattern
        The characters the format cannot hold.
    what : str
        The format, as the message names it (``.xlsx``).
    hint : str
        What the analyst can do instead.

    Examples
    --------
    >>> [str(p) for p in unwritable("m.xlsx", [("title", "the case", "a\\x01")], NOT_XML, ".xlsx")]
    ['m.xlsx: title: the case: U+0001 (a control character) cannot be written to .xlsx; remove it, or export as JSON, which holds any text']
    """
    problems = []
    for field, owner, text in texts:
        found = pattern.search(text or "")
        if found:
            problems.append(
                Problem(
                    shown,
                    None,
                    field,
                    f"{owner}: {character(found.group())} cannot be written to {what}; {hint}",
                )
            )
    return problems


def _strings(value: Any, where: str = "") -> Iterable[tuple[str, str, str]]:
    """Every text in a dumped case, with its field."""
    if isinstance(value, str):
        yield where, "the case", value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, where)
            yield from _strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list | tuple):
        for k, item in enumerate(value):
            yield from _strings(item, f"{where}[{k}]")


def to_json(case: Case, shown: str) -> str:
    """The whole validated case as JSON text that ``sat.load_case`` reads back exactly."""
    data = case.model_dump(mode="json")
    problems = unwritable(shown, _strings(data), NOT_UTF8, "a UTF-8 file", "remove it")
    if problems:
        raise CaseError(problems)
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def export(case: Case, to: str, target: str | os.PathLike[str]) -> list[str]:
    """Write ``case`` to ``target`` as ``to`` (one of ``FORMATS``), atomically.

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
        When ``target`` is a folder, a FIFO or a device.
    """
    from sat.io.files import write_atomic

    target = Path(target)
    if to == "json":
        write_atomic(target, to_json(case, str(target)))
        return []
    if to in ("csv", "xlsx"):
        from sat.io.matrix import write_csv, write_xlsx

        (write_csv if to == "csv" else write_xlsx)(case, target)
        return [_MATRIX_ONLY.format("CSV" if to == "csv" else ".xlsx")]
    if to == "achz":
        from sat.io.parc import write_achz

        return list(write_achz(case, target)[1])
    raise ValueError(f"cannot export to '{to}' (choose: {', '.join(FORMATS)})")
