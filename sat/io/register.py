"""The judgement register: one CSV file of forecasts and their outcomes, for a team's whole portfolio.

Each row is one forecast of one judgement by one forecaster (``analyst``): the
analysis's own figure under the name that says it is the analysis
(``ANALYSIS``, "the analysis", or a team's name), and each analyst's own
estimate of it (the case's ``estimates``) under that analyst's name, so that
scores by analyst (``sat calibration``) are each forecaster's. A judgement
(``id``) is registered once per version of its case by each forecaster;
registering it again after a revision adds a new forecast (``forecast`` 2, 3,
..., counted per forecaster), so a judgement's history stays in the file. An
outcome, once known, is the judgement's: it is recorded on every forecast of
it, whoever made it, and the judgement is not registered again.
The file is plain CSV with a header, one row per forecast, in the order they
were made: it diffs cleanly in git and opens in a spreadsheet. Columns:

``id, forecast, case, version, analyst, kind, statement, probability,
criterion, deadline, registered, outcome, resolved``

``probability`` is a number in [0, 1]; ``outcome`` is 1, 0 or empty while the
judgement is open, the same on every forecast of it; dates are YYYY-MM-DD;
``resolved`` goes with an outcome and is not before ``registered``. Text that
a spreadsheet would evaluate as a formula is written behind a quote, removed
again on reading. Every problem in a file is reported at once, one line each
with its line, the judgement's id and the column.

A case's quantity targets (a number with a ``resolution``) are registered too,
as rows of kind ``quantity``: a forecaster's quantiles in the column
``quantiles`` (``5:22;50:35;95:70``: percent, then the value, exactly as
written), the quantity's ``scale`` (``uniform`` or ``log``) and, once known, the
realised ``value`` (``sat resolve REGISTER ID --value X``); their
``probability`` and ``outcome`` are empty (``sat.io.register_quantities``).
These three columns come after the others, and only in a register that holds a
quantity row: a register of probabilities alone is written exactly as before,
and a register written before them reads as it did. ``read_register`` gives the
probability forecasts (what the Brier scores and earned weights read);
``read_rows`` gives every row, in the file's order, for a writer to write back.

Every ``sat`` command that changes the register (``sat register``, ``sat
resolve``) holds the register's lock from its read to its write (``updating``),
so that updates made at the same moment are all kept; the file is replaced
atomically, through a symbolic link; and only a regular file is read or
written: a FIFO or a device is refused in one line before it is opened.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from sat.errors import CaseError, Problem, _printable
from sat.io.files import locked, not_regular, read_text, write_atomic
from sat.io.register_quantities import (
    CONVERT as QUANTITY_CONVERT,
)
from sat.io.register_quantities import (
    QUANTITY,
    QUANTITY_COLUMNS,
    QuantityEntry,
    cell,
    check_settled_after,
    row_problems,
)
from sat.language import exact_number

__all__ = [
    "ANALYSIS",
    "COLUMNS",
    "KINDS",
    "Entry",
    "QuantityEntry",
    "add",
    "read_register",
    "read_rows",
    "resolve",
    "updating",
    "write_register",
]

COLUMNS = (
    "id",
    "forecast",
    "case",
    "version",
    "analyst",
    "kind",
    "statement",
    "probability",
    "criterion",
    "deadline",
    "registered",
    "outcome",
    "resolved",
)
#: The kinds of judgement ``sat`` registers (``sat.techniques.judgements``); other tools' rows may leave it empty.
KINDS = ("hypothesis", "scenario", "indicator", QUANTITY)
#: The columns a register must have (the others may be empty or missing, for other tools' files).
REQUIRED = ("id", "analyst", "probability", "outcome")
#: The forecaster the analysis's own figures (the matrix's posterior, the scenarios' and
#: indicators' probabilities) are registered under unless another name is given.
ANALYSIS = "the analysis"


@dataclass(frozen=True)
class Entry:
    """One forecast of one judgement."""

    id: str
    forecast: int
    case: str
    version: str
    analyst: str
    kind: str
    statement: str
    probability: float
    criterion: str
    deadline: dt.date | None
    registered: dt.date | None
    outcome: int | None = None
    resolved: dt.date | None = None

    @property
    def open(self) -> bool:
        return self.outcome is None


_WHOLE = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _forecast(text: str) -> int:
    if not text:
        return 1
    if not _WHOLE.fullmatch(text) or int(text) < 1:
        raise ValueError(text)
    return int(text)


def _probability(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:  # NaN fails too
        raise ValueError(text)
    return value


def _date(text: str) -> dt.date | None:
    if not text:
        return None
    if not _ISO_DATE.fullmatch(text):  # fromisoformat also takes 20260101 and 2026-W05-1
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def _kind(text: str) -> str:
    if text and text not in KINDS:
        raise ValueError(text)
    return text


#: How each column is read, and what it allows (every other column is free text).
_CONVERT = (
    ("forecast", _forecast, "a whole number from 1"),
    ("kind", _kind, f"{', '.join(KINDS[:-1])}, {KINDS[-1]} or empty"),
    ("probability", _probability, "a number from 0 to 1"),
    ("outcome", lambda v: {"": None, "1": 1, "0": 0}[v], "1, 0 or empty (open)"),
    ("deadline", _date, "a date, YYYY-MM-DD"),
    ("registered", _date, "a date, YYYY-MM-DD"),
    ("resolved", _date, "a date, YYYY-MM-DD"),
)
#: A quantity's row: the same, but its quantiles, scale and value in place of a probability and
#: an outcome (``sat.io.register_quantities``).
_QUANTITY_CONVERT = (
    *(c for c in _CONVERT if c[0] not in ("probability", "outcome")),
    *QUANTITY_CONVERT,
)


def _text(value: str) -> str:
    from sat.io.matrix import uninert

    return uninert(value.strip())


def _shown(text: str, limit: int = 60) -> str:
    """A register's text as a problem shows it: control characters escaped (one problem, one
    line), and cut short past ``limit`` characters.

    Examples
    --------
    >>> _shown("a\\nb"), _shown("x" * 70)[-3:]
    ('a\\\\nb', 'xx…')
    """
    return _printable(text if len(text) <= limit else text[: limit - 1] + "…")


def _rows(reader: csv.DictReader, shown: str) -> Iterator[dict[str, Any]]:
    """The reader's rows; a CSV syntax error (a field over the csv module's limit, say) is a
    located problem, not a traceback (the line is the one being read when it was found)."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CaseError(
                [
                    Problem(
                        shown,
                        reader.line_num + 1,
                        "",
                        f"CSV syntax: {exc}",
                    )
                ]
            ) from None
        yield row


def read_register(path: str | os.PathLike[str]) -> tuple[Entry, ...]:
    """The probability forecasts of a register file (``read_rows``' ``Entry`` rows; a file that
    does not exist yet is an empty register). Every row is checked, the quantity rows too.
    """
    return tuple(e for e in read_rows(path) if isinstance(e, Entry))


def read_rows(path: str | os.PathLike[str]) -> tuple[Entry | QuantityEntry, ...]:
    """Every row of a register file, in its order: ``Entry`` for a probability forecast,
    ``QuantityEntry`` for a quantity target's (a file that does not exist yet is empty).

    Every field of every row is checked: ``id`` present, ``forecast`` a whole number from 1 and
    not repeated for the same id and forecaster (``analyst``), ``kind`` one of ``KINDS`` or empty, ``probability`` in [0, 1],
    ``outcome`` 1, 0 or empty and the same on every forecast of a judgement, dates YYYY-MM-DD
    and real, ``resolved`` only with an outcome and not before ``registered``, no row longer
    than the header. Only regular files are read (``sat.io.files``): a FIFO or a device is
    refused before it is opened.

    Raises
    ------
    CaseError
        Every problem at once, each on one line with the file, the line, the judgement's id and
        the column, and what is allowed.
    """
    target = Path(path)
    shown = os.fspath(path)
    if not target.exists() and not_regular(target) is None:
        return ()
    text = read_text(target, shown)
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise CaseError(
            [
                Problem(
                    shown,
                    1,
                    "",
                    f"a register needs the columns {', '.join(REQUIRED)}; missing: "
                    f"{', '.join(missing)} (this file's first row: "
                    f"{_shown(', '.join(header[:12]) or 'nothing')}; a register's columns: "
                    f"{', '.join(COLUMNS)})",
                )
            ]
        )
    entries: list[Entry | QuantityEntry] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, int], int] = {}
    outcomes: dict[tuple[str, bool], tuple[Any, int, int]] = {}  # outcome or value, forecast, line
    kinds: dict[str, tuple[bool, int]] = {}  # id: whether a quantity, the first line
    for row in _rows(reader, shown):
        line = reader.line_num
        values = {c: _text(row.get(c) or "") for c in (*COLUMNS, *QUANTITY_COLUMNS)}
        quantity = values["kind"] == QUANTITY
        settles = "value" if quantity else "outcome"
        ident = values["id"]
        named = _shown(ident)

        def problem(column: str, message: str, line: int = line, named: str = named) -> None:
            where = f"{column} of {named}" if named else column
            problems.append(Problem(shown, line, where, message))

        found: dict[str, Any] = {}
        converts = _QUANTITY_CONVERT if quantity else _CONVERT
        for column, convert, allowed in converts:
            try:
                found[column] = convert(values[column])
            except (ValueError, KeyError):
                problem(column, f"'{_shown(values[column])}' should be {allowed}")
        if quantity:
            for column, message in row_problems(values, found):
                problem(column, message)
        else:
            for column in QUANTITY_COLUMNS:
                if values[column]:
                    problem(
                        column,
                        f"'{_shown(values[column])}': only a quantity's row (kind {QUANTITY}) "
                        "has quantiles, a scale and a value; leave it empty",
                    )
        if ident:
            first_kind = kinds.setdefault(ident, (quantity, line))
            if first_kind[0] != quantity:
                problem(
                    "kind",
                    f"'{values['kind'] or 'empty'}', but line {first_kind[1]} has "
                    f"{named} as {'a quantity' if first_kind[0] else 'a probability judgement'}: "
                    "a judgement's forecasts are all of one kind",
                )
        if not ident:
            problem("id", "every forecast needs the judgement's id")
        if row.get(None):  # csv.DictReader keeps the values past the header's width under None
            problem(
                "row",
                f"{len(header) + len(row[None])} values, but the header has {len(header)} columns",
            )
        outcome, registered, resolved = (
            found.get(c) for c in ("outcome", "registered", "resolved")
        )
        if not quantity and resolved is not None and "outcome" in found and outcome is None:
            problem(
                "resolved",
                "a resolved date needs an outcome (1 or 0); leave both empty while the judgement is open",
            )
        if resolved is not None and registered is not None and resolved < registered:
            problem(
                "resolved",
                f"{resolved} is before the date registered, {registered}: an outcome is known "
                "after the forecast",
            )
        if ident and "forecast" in found:
            key = (ident, values["analyst"], found["forecast"])
            if key in seen:
                by = f" by {_shown(key[1])}" if key[1] else ""
                problem(
                    "forecast", f"forecast {key[2]} of '{named}'{by} is also on line {seen[key]}"
                )
            seen[key] = line
            if settles in found:
                settled = found[settles]
                first = outcomes.setdefault((ident, quantity), (settled, found["forecast"], line))
                if first[0] != settled:
                    what = (
                        "a value is the target's" if quantity else "an outcome is the judgement's"
                    )
                    problem(
                        settles,
                        f"{'empty' if settled is None else values[settles]}, but forecast "
                        f"{first[1]} of {named} (line {first[2]}) has "
                        f"{'none' if first[0] is None else _settled(first[0])}: {what}, the "
                        "same on every forecast",
                    )
        if len(found) < len(converts) or not ident:
            continue
        kind = QuantityEntry if quantity else Entry
        entries.append(
            kind(**{f.name: found.get(f.name, values.get(f.name, "")) for f in fields(kind)})
        )
    if problems:
        raise CaseError(problems)
    return tuple(entries)


def _settled(value: Any) -> str:
    """An outcome (1 or 0) or a quantity's value as a problem names it."""
    return str(value) if isinstance(value, int) else exact_number(value)


@contextlib.contextmanager
def updating(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the lock every ``sat`` writer of the register holds (``sat.io.files.locked``) around a
    read-modify-write, so that no two writers' updates are lost. A register that is a FIFO, a
    device or a folder is refused first, before a lock file is made beside it.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "register.csv"
    >>> with updating(path):
    ...     _ = write_register(path, read_register(path))
    >>> read_register(path)
    ()
    """
    target = Path(path)
    why = not_regular(target)
    if why is not None:
        raise CaseError(
            [Problem(os.fspath(path), None, "", f"the register {why}; give a regular file (.csv)")]
        )
    with locked(target):
        yield


def _inert(value: Any) -> str:
    from sat.io.matrix import inert  # the one reversible formula guard (see uninert)

    text = "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)
    return inert(text)


def write_register(path: str | os.PathLike[str], entries: Iterable[Entry | QuantityEntry]) -> Path:
    """Write a register atomically (a temporary file renamed over the old one): the quantity
    columns only when a quantity row is among ``entries``."""
    entries = tuple(entries)
    columns = COLUMNS
    if any(isinstance(e, QuantityEntry) for e in entries):
        columns = (*COLUMNS, *QUANTITY_COLUMNS)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for entry in entries:
        row = []
        for column in columns:
            if isinstance(entry, QuantityEntry):
                text = cell(entry, column)
                row.append(_inert(getattr(entry, column) if text is None else text))
            elif column in QUANTITY_COLUMNS:
                row.append("")
            elif column == "probability":
                row.append(f"{entry.probability:.6g}")
            else:
                row.append(_inert(getattr(entry, column)))
        writer.writerow(row)
    target = Path(path)
    write_atomic(target, out.getvalue())
    return target


def add(
    entries: Sequence[Entry],
    judgements: Iterable[Any],
    *,
    version: str,
    analyst: str = ANALYSIS,
    today: dt.date,
    estimates: Mapping[str, Mapping[str, float]] | None = None,
    statements: Mapping[str, str] | None = None,
) -> tuple[tuple[Entry | QuantityEntry, ...], list[Entry], list[str], list[str]]:
    """Register judgements: new ones, and a new forecast of those whose case has a new version.

    Each judgement is registered under ``analyst``, the name for the analysis's own figure
    (``ANALYSIS`` by default), and, for a hypothesis or a scenario, once more under the name of
    each analyst in ``estimates`` (the case's: analyst -> target id -> probability) who gave it a
    probability, with that probability as they gave it. A forecaster's forecasts of a judgement
    are numbered 1, 2, ... in the order made. ``statements`` gives each judgement's words by id
    (the presentation layer's, ``sat.report.claims.judgements``); a judgement without is
    registered with its id as its statement.

    A judgement whose outcome is recorded already is not registered again: a forecast made once
    the outcome is known would not be a forecast.

    Returns the register's entries, the entries added, the ids skipped because this version of
    their case is registered already (by every forecaster), and the ids skipped because their
    outcome is known.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> j = NS(id="c:H1", target="H1", kind="hypothesis", probability=0.33, criterion="x",
    ...        deadline=None)
    >>> _, added, _, _ = add((), [j], version="v1", today=dt.date(2026, 1, 1),
    ...                      estimates={"Analyst A": {"H1": 0.5, "X1": 0.2}, "Analyst B": {}},
    ...                      statements={"c:H1": "H1 is the explanation"})
    >>> [(e.analyst, e.probability, e.forecast, e.statement) for e in added]
    [('the analysis', 0.33, 1, 'H1 is the explanation'), ('Analyst A', 0.5, 1, 'H1 is the explanation')]
    """
    latest: dict[tuple[str, str], Entry] = {}  # (id, forecaster): the last forecast
    outcomes: dict[str, int | None] = {}
    for entry in entries:
        key = (entry.id, entry.analyst)
        if key not in latest or entry.forecast > latest[key].forecast:
            latest[key] = entry
        if getattr(entry, "outcome", None) is not None:  # a quantity's row has none
            outcomes[entry.id] = entry.outcome
    versions = {(e.id, e.analyst, e.version) for e in entries}
    added: list[Entry] = []
    skipped: list[str] = []
    settled: list[str] = []
    for j in judgements:
        if j.id in outcomes:
            settled.append(j.id)
            continue
        forecasts = [(analyst, float(j.probability))]
        if j.kind in ("hypothesis", "scenario"):
            forecasts += [
                (name, float(given[j.target]))
                for name, given in (estimates or {}).items()
                if j.target in given
            ]
        new = [(who, p) for who, p in forecasts if (j.id, who, version) not in versions]
        if not new:
            skipped.append(j.id)
        for who, p in new:
            before = latest.get((j.id, who))
            added.append(
                Entry(
                    id=j.id,
                    forecast=1 if before is None else before.forecast + 1,
                    case=j.id.rsplit(":", 1)[0],
                    version=version,
                    analyst=who,
                    kind=j.kind,
                    statement=(statements or {}).get(j.id, j.id),
                    probability=p,
                    criterion=j.criterion,
                    deadline=j.deadline,
                    registered=today,
                )
            )
    return (*entries, *added), added, skipped, settled


def resolve(
    entries: Sequence[Entry], ident: str, outcome: bool, when: dt.date
) -> tuple[Entry, ...]:
    """Record a judgement's outcome on every forecast of it.

    Raises
    ------
    KeyError
        For an id that is not in the register.
    ValueError
        When ``when`` is before a forecast of the judgement was registered.
    """
    forecasts = [e for e in entries if e.id == ident]
    if not forecasts:
        raise KeyError(ident)
    if any(isinstance(e, QuantityEntry) for e in forecasts):
        raise ValueError(
            f"{ident} is a quantity target: give the value it took (--value X), not --outcome"
        )
    check_settled_after(forecasts, ident, when)
    return tuple(
        replace(e, outcome=int(outcome), resolved=when) if e.id == ident else e for e in entries
    )
