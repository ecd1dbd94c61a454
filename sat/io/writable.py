"""What each export format can hold, and the one-line problems for text it cannot.

Kept apart from ``sat.io.export`` so that the writers (``matrix``, ``parc``) and the export
command share the rules without importing one another.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sat.errors import Problem

#: Characters XML 1.0 cannot hold, and so neither .xlsx nor .achz: the C0 controls other than
#: tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Characters no UTF-8 file can hold (lone surrogates).
NOT_UTF8 = re.compile("[\ud800-\udfff]")
#: ... and NUL, which marks a binary file: what a text file (CSV) cannot hold.
NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


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
