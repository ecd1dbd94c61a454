"""The one exception hierarchy of ``sat``.

Every error that ``sat`` raises on purpose is a ``SatError``. Errors about
an analyst's input carry ``Problem`` records that name the file, the line
and the field, so the command line can print one located line per problem
instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Characters that change a terminal's state or hide text: C0 controls but newline and tab, DEL,
#: C1 controls (U+0080-U+009F, among them CSI), line and paragraph separators, bidirectional
#: embeddings, overrides, isolates and marks.
UNSAFE = (
    [c for c in range(0x20) if c not in (0x09, 0x0A)]
    + list(range(0x7F, 0xA0))
    + [0x061C, 0x200E, 0x200F, 0x2028, 0x2029]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
)
_TABLE = {c: f"\\u{c:04x}" for c in UNSAFE}


def escape(text: str) -> str:
    """``text`` with every character in ``UNSAFE`` written as a visible ``\\uXXXX``.

    Examples
    --------
    >>> escape("H1\\x1b[2J cleared")
    'H1\\\\u001b[2J cleared'
    >>> escape("two\\nlines\\tand a tab")
    'two\\nlines\\tand a tab'
    >>> escape("\\u202eevil")
    '\\\\u202eevil'
    """
    return text.translate(_TABLE)


def _printable(name: str) -> str:
    """A file name with its control characters (a newline, say) escaped, so one problem stays
    one line.

    Examples
    --------
    >>> _printable("a\\nb.yaml")
    'a\\\\nb.yaml'
    """
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in name)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as the format allows.

    Parameters
    ----------
    file : str
        The path of the file, as the analyst gave it.
    line : int or None
        1-based line (or CSV row) number, when known.
    field : str
        Where in the case the problem is, the item named as the analyst knows it
        (``sat.ids.locator``), e.g. ``evidence E04.ratings.H5``; a position
        (``key_judgements[1].about``) only for an item without an id; empty for
        problems with the whole file.
    message : str
        What is wrong and what is allowed instead.
    item : str or None
        The name ``field`` gives the item (its id, ``G2`` for a gap, ``CN->JP`` for a
        relation, a deception check's subject); None when the problem is not in a named
        item.

    Examples
    --------
    >>> str(Problem("x.yaml", 42, "evidence E04.ratings.H5", "unknown hypothesis 'H5'", "E04"))
    "x.yaml:42: evidence E04.ratings.H5: unknown hypothesis 'H5'"
    """

    file: str
    line: int | None
    field: str
    message: str
    item: str | None = None

    def __str__(self) -> str:
        shown = _printable(self.file)
        where = shown if self.line is None else f"{shown}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "item": self.item,
            "message": self.message,
        }


def field_path(loc: tuple | list) -> str:
    """Write a location tuple by position (``sat.ids.locator`` names the item by its id instead).

    Examples
    --------
    >>> field_path(("evidence", 3, "ratings", "H5"))
    'evidence[3].ratings.H5'
    """
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class SatError(Exception):
    """Base class of every error ``sat`` raises deliberately."""


class CaseError(SatError):
    """A case file could not be read or is not a valid case.

    Holds every problem found in one pass, in file order.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], notebook: str | None = None):
        self.problems: tuple[Problem, ...] = tuple(
            sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))
        )
        #: The executed notebook that shows the failure, when a render met the bad case.
        self.notebook = notebook
        super().__init__("\n".join(str(p) for p in self.problems))


class AnalysisError(SatError):
    """A technique cannot run on this case (for example, no hypotheses to compare)."""


class UsageError(SatError):
    """A command or function was called with arguments it cannot use (exit code 2)."""


class UnsafeFileError(UsageError):
    """A file ``sat`` was asked to read or write is not one it may touch: a device, a FIFO or a
    folder where a file belongs, a path outside the case's folder, or a file ``sat`` did not
    create and would have to overwrite. Says which file and what is allowed (exit code 2)."""


class MissingToolError(SatError):
    """An optional outside tool (such as Chromium for PDF) is not installed; says how to get it."""


class RenderError(SatError):
    """A notebook failed while rendering a brief.

    Parameters
    ----------
    message : str
        What failed.
    notebook : str or None
        The executed notebook kept for inspection (papermill marks the failing cell).
    """

    def __init__(self, message: str, notebook: str | None = None):
        self.notebook = notebook
        super().__init__(message if notebook is None else f"{message} (see {notebook})")
