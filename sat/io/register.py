"""The judgement register: one CSV file of forecasts and their outcomes, for a team's whole portfolio.

Each row is one forecast of one judgement: a judgement (``id``) is registered
once per version of its case; registering it again after a revision adds a
new forecast (``forecast`` 2, 3, ...), so a judgement's history stays in the
file. An outcome, once known, is recorded on every forecast of the judgement.
The file is plain CSV with a header, one row per forecast, in the order they
were made: it diffs cleanly in git and opens in a spreadsheet. Columns:

``id, forecast, case, version, analyst, kind, statement, probability,
criterion, deadline, registered, outcome, resolved``

``probability`` is a number in [0, 1]; ``outcome`` is 1, 0 or empty while the
judgement is open; dates are YYYY-MM-DD. Text that a spreadsheet would
evaluate as a formula is written behind a quote, removed again on reading.
Every problem in a file is reported at once, with its line and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from sat.errors import CaseError, Problem
from sat.io.files import read_text, write_atomic
from sat.io.matrix import FORMULA_START

__all__ = ["COLUMNS", "Entry", "add", "read_register", "resolve", "write_register"]

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
#: The columns a register must have (the others may be empty or missing, for other tools' files).
REQUIRED = ("id", "analyst", "probability", "outcome")


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


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _text(value: str) -> str:
    value = value.strip()
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


def read_register(path: str | os.PathLike[str]) -> tuple[Entry, ...]:
    """The entries of a register file (a file that does not exist yet is an empty register).

    Raises
    ------
    CaseError
        Every problem at once, each with the file, the line and the column.
    """
    target = Path(path)
    shown = os.fspath(path)
    if not target.exists():
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
                    f"{', '.join(missing)} (columns: {', '.join(COLUMNS)})",
                )
            ]
        )
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, int], int] = {}
    for row in reader:
        line = reader.line_num
        values = {c: _text(row.get(c) or "") for c in COLUMNS}
        found: dict[str, Any] = {}
        for column, convert, allowed in (
            ("forecast", lambda v: int(v) if v else 1, "a whole number from 1"),
            ("probability", float, "a number from 0 to 1"),
            ("outcome", lambda v: {"": None, "1": 1, "0": 0}[v], "1, 0 or empty (open)"),
            ("deadline", _date, "a date, YYYY-MM-DD"),
            ("registered", _date, "a date, YYYY-MM-DD"),
            ("resolved", _date, "a date, YYYY-MM-DD"),
        ):
            try:
                found[column] = convert(values[column])
            except (ValueError, KeyError):
                problems.append(
                    Problem(shown, line, column, f"'{values[column]}' should be {allowed}")
                )
        if not values["id"]:
            problems.append(Problem(shown, line, "id", "every forecast needs the judgement's id"))
        p = found.get("probability")
        if p is not None and not 0 <= p <= 1:
            problems.append(
                Problem(shown, line, "probability", f"{p:g} should be a number from 0 to 1")
            )
        if values["id"] and "forecast" in found:
            key = (values["id"], found["forecast"])
            if key in seen:
                problems.append(
                    Problem(
                        shown,
                        line,
                        "forecast",
                        f"forecast {key[1]} of '{key[0]}' is also on line {seen[key]}",
                    )
                )
            seen[key] = line
        if len(found) < 6 or not values["id"]:
            continue
        entries.append(
            Entry(**{f.name: found.get(f.name, values.get(f.name, "")) for f in fields(Entry)})
        )
    if problems:
        raise CaseError(problems)
    return tuple(entries)


def _inert(value: Any) -> str:
    text = "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_register(path: str | os.PathLike[str], entries: Iterable[Entry]) -> Path:
    """Write a register atomically (a temporary file renamed over the old one)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        row = []
        for column in COLUMNS:
            value = getattr(entry, column)
            if column == "probability":
                row.append(f"{value:.6g}")
            else:
                row.append(_inert(value))
        writer.writerow(row)
    target = Path(path)
    write_atomic(target, out.getvalue())
    return target


def add(
    entries: Sequence[Entry],
    judgements: Iterable[Any],
    *,
    version: str,
    analyst: str,
    today: dt.date,
) -> tuple[tuple[Entry, ...], list[Entry], list[str]]:
    """Register judgements: new ones, and a new forecast of those whose case has a new version.

    Returns the register's entries, the entries added, and the ids skipped
    because this version of their case is registered already.
    """
    latest: dict[str, Entry] = {}
    for entry in entries:
        if entry.id not in latest or entry.forecast > latest[entry.id].forecast:
            latest[entry.id] = entry
    versions = {(e.id, e.version) for e in entries}
    added: list[Entry] = []
    skipped: list[str] = []
    for j in judgements:
        if (j.id, version) in versions:
            skipped.append(j.id)
            continue
        before = latest.get(j.id)
        added.append(
            Entry(
                id=j.id,
                forecast=1 if before is None else before.forecast + 1,
                case=j.id.rsplit(":", 1)[0],
                version=version,
                analyst=analyst,
                kind=j.kind,
                statement=j.statement,
                probability=float(j.probability),
                criterion=j.criterion,
                deadline=j.deadline,
                registered=today,
                outcome=None if before is None else before.outcome,
                resolved=None if before is None else before.resolved,
            )
        )
    return (*entries, *added), added, skipped


def resolve(
    entries: Sequence[Entry], ident: str, outcome: bool, when: dt.date
) -> tuple[Entry, ...]:
    """Record a judgement's outcome on every forecast of it (``KeyError`` for an unknown id)."""
    if not any(e.id == ident for e in entries):
        raise KeyError(ident)
    return tuple(
        replace(e, outcome=int(outcome), resolved=when) if e.id == ident else e for e in entries
    )
