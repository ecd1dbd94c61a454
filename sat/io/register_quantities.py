"""The register's quantity targets: a forecaster's quantiles of a number, and the value it took.

A case's quantity with a ``resolution`` (``sat.models.quantities``) is a *target*: the value the
team wants, settled later as its criterion says. ``sat register`` records each forecaster's
quantiles of it as one row of kind ``quantity`` (``sat.io.register``), in three columns a
probability row leaves empty:

``quantiles``
    the forecaster's quantiles, ``percent:value`` pairs joined by ``;`` in increasing order, e.g.
    ``5:22;50:35;95:70``: each percent strictly between 0 and 100, each value a finite number
    above the one before, written as Python's ``repr`` writes it (``1200`` for 1200.0), so
    reading it back gives the very same numbers;
``scale``
    ``uniform`` or ``log`` (empty reads as ``uniform``): on a ``log`` quantity every value and
    the realised value must be above 0, and it is scored on their logarithms;
``value``
    the realised value, recorded by ``sat resolve REGISTER ID --value X``; empty while the target
    is open, the same on every forecast of it.

A quantity row's ``probability`` and ``outcome`` are empty; its ``resolved`` date goes with the
value. A register without quantity rows is written without these columns, exactly as before.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from sat.language import exact_number

__all__ = [
    "QUANTITY",
    "QUANTITY_COLUMNS",
    "SCALES",
    "QuantityEntry",
    "add_quantities",
    "check_settled_after",
    "format_quantiles",
    "parse_quantiles",
    "resolve_value",
]

#: The kind of a quantity target's rows.
QUANTITY = "quantity"
#: The columns only a quantity row fills, written after the register's own.
QUANTITY_COLUMNS = ("quantiles", "scale", "value")
SCALES = ("uniform", "log")
#: What the ``quantiles`` column allows, as a problem says it.
ALLOWED = "percent:value pairs joined by ';', each percent between 0 and 100 and each value above the one before (e.g. 5:22;50:35;95:70)"


@dataclass(frozen=True)
class QuantityEntry:
    """One forecaster's quantiles of one quantity target.

    Attributes
    ----------
    quantiles : tuple of (float, float)
        (probability, value) pairs, probabilities from 0 to 1 and values both increasing.
    scale : str
        ``uniform`` or ``log``.
    value : float or None
        The realised value (None while the target is open).
    """

    id: str
    forecast: int
    case: str
    version: str
    analyst: str
    statement: str
    quantiles: tuple[tuple[float, float], ...]
    scale: str
    criterion: str
    deadline: dt.date | None
    registered: dt.date | None
    value: float | None = None
    resolved: dt.date | None = None
    kind: str = QUANTITY

    @property
    def open(self) -> bool:
        return self.value is None

    @property
    def probabilities(self) -> tuple[float, ...]:
        return tuple(p for p, _ in self.quantiles)

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(v for _, v in self.quantiles)


def _percent(probability: float) -> str:
    """A probability in percent, written so that reading it (``parse_quantiles``: the decimal
    moved two places, then rounded once to a float) gives the very same float.

    >>> _percent(0.05), _percent(0.07), _percent(0.5), _percent(1 / 3)
    ('5', '7', '50', '33.33333333333333')
    """
    return format(Decimal(repr(float(probability))).scaleb(2).normalize(), "f")


def format_quantiles(quantiles: Iterable[tuple[float, float]]) -> str:
    """The ``quantiles`` cell of a row.

    >>> format_quantiles([(0.05, 22.0), (0.5, 35.0), (0.95, 70.5)])
    '5:22;50:35;95:70.5'
    """
    return ";".join(f"{_percent(p)}:{exact_number(v)}" for p, v in quantiles)


_PAIR = re.compile(r"\s*([^:;\s]+)\s*:\s*([^:;\s]+)\s*")


def parse_quantiles(text: str) -> tuple[tuple[float, float], ...]:
    """A ``quantiles`` cell as (probability, value) pairs.

    Raises
    ------
    ValueError
        When the cell is not ``ALLOWED``.

    Examples
    --------
    >>> parse_quantiles("5:22;50:35;95:70.5")
    ((0.05, 22.0), (0.5, 35.0), (0.95, 70.5))
    """
    pairs = []
    for part in text.split(";"):
        found = _PAIR.fullmatch(part)
        if found is None:
            raise ValueError(text)
        try:
            percent = Decimal(found.group(1))
        except InvalidOperation:
            raise ValueError(text) from None
        value = float(found.group(2))
        if not (percent.is_finite() and 0 < percent < 100 and math.isfinite(value)):
            raise ValueError(text)
        pairs.append((float(percent.scaleb(-2)), value))
    if any(b[0] <= a[0] or b[1] <= a[1] for a, b in itertools.pairwise(pairs)):
        raise ValueError(text)
    return tuple(pairs)


def _scale(text: str) -> str:
    if text and text not in SCALES:
        raise ValueError(text)
    return text or "uniform"


def _value(text: str) -> float | None:
    if not text:
        return None
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


#: How each quantity column is read, and what it allows.
CONVERT = (
    ("quantiles", parse_quantiles, ALLOWED),
    ("scale", _scale, "uniform, log or empty (uniform)"),
    ("value", _value, "a finite number, or empty while the target is open"),
)


def row_problems(values: Mapping[str, str], found: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(column, message) for what is wrong with a quantity row beyond its cells' own forms: a
    probability or an outcome given, a ``log`` quantity's values not above 0, a resolved date
    without a value."""
    out = []
    for column in ("probability", "outcome"):
        if values.get(column):
            out.append(
                (
                    column,
                    f"a quantity's row has no {column}; leave it empty (its forecast and what "
                    "it came to are in the columns quantiles and value)",
                )
            )
    if found.get("scale") == "log":
        if "quantiles" in found and found["quantiles"][0][1] <= 0:
            out.append(("quantiles", "a log-scale quantity's values must be above 0"))
        if found.get("value") is not None and found["value"] <= 0:
            out.append(("value", "a log-scale quantity's value must be above 0"))
    if found.get("resolved") is not None and "value" in found and found["value"] is None:
        out.append(
            (
                "resolved",
                "a resolved date needs a value; leave both empty while the target is open",
            )
        )
    return out


def add_quantities(
    entries: Sequence[Any],
    targets: Iterable[Any],
    *,
    version: str,
    analyst: str,
    today: dt.date,
    statements: Mapping[str, str] | None = None,
) -> tuple[list[QuantityEntry], list[str], list[str], list[tuple[str, str]]]:
    """The forecasts of quantity targets to add to a register.

    Each target (``sat.techniques.judgements.QuantityTarget``) is registered under each of its
    forecasters: an analyst's own quantiles under their name, the equal-weight combination under
    ``analyst`` (the analysis's name) and the performance-weighted decision maker under
    ``weighted_name(analyst)``. A forecaster's forecasts of a target are numbered 1, 2, ... A
    target whose value is recorded already is not registered again.

    Returns the entries to add, the ids skipped because this version is registered already (by
    every forecaster), the ids skipped because their value is known, and the (id, forecaster)
    pairs left out because their quantiles could not be read back (not finite, not increasing,
    or not above 0 on a log scale: a combination of answers too close to tell apart), so that
    nothing written makes the register unreadable.
    """
    latest: dict[tuple[str, str], int] = {}
    known: set[str] = set()
    for entry in entries:
        key = (entry.id, entry.analyst)
        latest[key] = max(latest.get(key, 0), entry.forecast)
        if isinstance(entry, QuantityEntry) and entry.value is not None:
            known.add(entry.id)
    versions = {(e.id, e.analyst, e.version) for e in entries}
    added: list[QuantityEntry] = []
    skipped: list[str] = []
    settled: list[str] = []
    unreadable: list[tuple[str, str]] = []
    for t in targets:
        if t.id in known:
            settled.append(t.id)
            continue
        forecasts = [(name, q) for name, q in t.analysts]
        if t.equal is not None:
            forecasts.append((analyst, t.equal))
        if t.weighted is not None:
            forecasts.append((weighted_name(analyst), t.weighted))
        new = [(who, q) for who, q in forecasts if (t.id, who, version) not in versions]
        if not new and forecasts:
            skipped.append(t.id)
        for who, q in new:
            if not _readable(t.probabilities, q, t.scale):
                unreadable.append((t.id, who))
                continue
            added.append(
                QuantityEntry(
                    id=t.id,
                    forecast=latest.get((t.id, who), 0) + 1,
                    case=t.id.rsplit(":", 1)[0],
                    version=version,
                    analyst=who,
                    statement=(statements or {}).get(t.id, t.id),
                    quantiles=tuple(zip(t.probabilities, q, strict=True)),
                    scale=t.scale,
                    criterion=t.criterion,
                    deadline=t.deadline,
                    registered=today,
                )
            )
    return added, skipped, settled, unreadable


def _readable(probabilities: Sequence[float], quantiles: Sequence[float], scale: str) -> bool:
    """Whether quantiles read back from the cell they are written as: the reader's own checks
    (``parse_quantiles``, and ``row_problems`` for a log scale), run on what would be written."""
    try:
        found = parse_quantiles(format_quantiles(zip(probabilities, quantiles, strict=True)))
    except ValueError:
        return False
    return not row_problems({}, {"scale": scale, "quantiles": found})


def weighted_name(analyst: str) -> str:
    """The forecaster the performance-weighted decision maker is registered under.

    >>> weighted_name("the analysis")
    'the analysis (performance-weighted)'
    """
    return f"{analyst} (performance-weighted)"


def resolve_value(
    entries: Sequence[Any], ident: str, value: float, when: dt.date
) -> tuple[Any, ...]:
    """Record a quantity target's realised value on every forecast of it.

    Raises
    ------
    KeyError
        For an id that is not in the register.
    ValueError
        For a probability judgement (it takes ``--outcome``), a value a log-scale target cannot
        take, or ``when`` before a forecast of it was registered.
    """
    forecasts = [e for e in entries if e.id == ident]
    if not forecasts:
        raise KeyError(ident)
    if not all(isinstance(e, QuantityEntry) for e in forecasts):
        raise ValueError(
            f"{ident} is a probability judgement: give whether it came true "
            "(--outcome yes or no), not --value"
        )
    if not math.isfinite(value):
        raise ValueError(f"--value {value}: a finite number")
    if any(e.scale == "log" for e in forecasts) and value <= 0:
        raise ValueError(
            f"--value {exact_number(value)}: {ident} is on a log scale, give a value above 0"
        )
    check_settled_after(forecasts, ident, when)
    return tuple(
        replace(e, value=float(value), resolved=when) if e.id == ident else e for e in entries
    )


def check_settled_after(forecasts: Sequence[Any], ident: str, when: dt.date) -> None:
    """Refuse a resolution dated before one of the judgement's forecasts was registered (for
    ``sat.io.register.resolve`` and ``resolve_value`` alike).

    Raises
    ------
    ValueError
        Naming the forecast registered after ``when``.
    """
    for e in forecasts:
        if e.registered is not None and when < e.registered:
            raise ValueError(
                f"{ident} was resolved on {when}, before forecast {e.forecast} of it was "
                f"registered ({e.registered}); give the date it was settled (--date YYYY-MM-DD)"
            )


def cell(entry: QuantityEntry, column: str) -> str | None:
    """A quantity row's text in ``column`` before the formula guard (None: the shared writer's)."""
    if column == "quantiles":
        return format_quantiles(entry.quantiles)
    if column == "value":
        return "" if entry.value is None else exact_number(entry.value)
    if column in ("probability", "outcome"):
        return ""
    return None
