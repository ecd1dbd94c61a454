"""The IDEA session's answers as facts: a four-point answer checked as typed, each analyst's
anonymous letter, and a round's answers to a quantity without their authors' names, beside the
group's equal-weight combination (``sat.widgets.idea`` shows them)."""

from __future__ import annotations

import hashlib
import math
import string
from dataclasses import dataclass
from typing import Any

__all__ = [
    "FIELDS",
    "AnonymousAnswer",
    "anonymous_labels",
    "check_four_point",
    "quantile_names",
    "round_answers",
]

FIELDS = ("lowest", "best", "highest", "confidence")


@dataclass(frozen=True)
class AnonymousAnswer:
    """One row of the table shown after round 1: an answer without its author's name.

    Attributes
    ----------
    label : str
        "Panellist A", ...; "Equal weights" for the group's combination.
    own : bool
        The analyst's own answer.
    given : tuple of (str, float)
        The answer as given: lowest, best, highest and confidence, or the quantiles.
    quantiles : tuple of float
        The answer at the case's quantiles (a four-point answer standardised).
    combined : bool
        The group's equal-weight combination, not one analyst's answer.
    """

    label: str
    own: bool
    given: tuple[tuple[str, float], ...]
    quantiles: tuple[float, ...]
    combined: bool = False


def anonymous_labels(case: Any) -> dict[str, str]:
    """Each analyst's letter for the session: the same for every reader of the case, in an order
    set by a hash of the case's id and the name (not the file's order, not the alphabet).

    >>> from sat.case import Case
    >>> case = Case(id="q", title="Q", question="Q?", date="2026-01-01", analysts=["Ana", "Ben"],
    ...             hypotheses=[{"id": "H1", "label": "a", "statement": "A."},
    ...                         {"id": "H2", "label": "b", "statement": "B."}])
    >>> sorted(anonymous_labels(case).values())
    ['Panellist A', 'Panellist B']
    """

    def key(name: str) -> str:
        return hashlib.sha256(f"{case.id}\0{name}".encode()).hexdigest()

    order = sorted(case.analysts, key=key)
    return {name: f"Panellist {_letters(k)}" for k, name in enumerate(order)}


def _letters(k: int) -> str:
    letters = string.ascii_uppercase
    return letters[k] if k < len(letters) else letters[k // 26 - 1] + letters[k % 26]


def round_answers(
    case: Any, analyst: str, quantity_id: str, round: int
) -> tuple[AnonymousAnswer, ...]:
    """The answers of ``round`` to one quantity, anonymised, in letter order, then the group's
    equal-weight combination (over the answers alone: a seed's true value plays no part)."""
    from sat.errors import AnalysisError
    from sat.models.panel import study_of
    from sat.techniques.experts_pool import equal_pool, without_realizations

    labels = anonymous_labels(case)
    try:
        study = study_of(case, round=round)
    except AnalysisError:
        return ()
    i = [q.id for q in case.quantities].index(quantity_id)
    given = {
        name: a
        for name, answers in case.quantity_estimates.items()
        for a in answers
        if a.quantity == quantity_id and a.round == round
    }
    rows = []
    for name, row in zip(study.experts, study.answers, strict=True):
        if row[i] is None or name not in given:
            continue
        a = given[name]
        kept = (
            tuple((f, float(getattr(a, f))) for f in FIELDS)
            if a.four_point
            else tuple(zip(quantile_names(case.quantiles), a.values, strict=True))  # type: ignore[arg-type]
        )
        rows.append(AnonymousAnswer(labels[name], name == analyst, kept, row[i]))
    rows.sort(key=lambda r: (len(r.label), r.label))
    pooled = equal_pool(without_realizations(study))[i]
    if rows and pooled is not None:
        rows.append(AnonymousAnswer("Group (equal weights)", False, (), pooled, combined=True))
    return tuple(rows)


def quantile_names(probabilities: Any) -> tuple[str, ...]:
    return tuple(f"{p * 100:.4g}%" for p in probabilities)


def _number(text: Any) -> float | None:
    """A typed number, or None when the text is not one."""
    if isinstance(text, int | float):
        return float(text)
    try:
        value = float(str(text).strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def check_four_point(
    lowest: Any, best: Any, highest: Any, confidence: Any, *, scale: str = "uniform"
) -> tuple[dict[str, float] | None, list[str]]:
    """A four-point answer as typed (numbers or text; confidence in percent, 50 to 100) checked:
    the answer to save, or None and what is wrong, in plain words, one line each.

    >>> check_four_point("10", "18", "30", "80")
    ({'lowest': 10, 'best': 18, 'highest': 30, 'confidence': 0.8}, [])
    >>> check_four_point("10", "40", "30", "45")[1]
    ['the best estimate must be above the lowest and below the highest', 'confidence must be a percentage from 50 to 100: how sure you are that the truth lies between your lowest and highest']
    """
    problems = []
    values: dict[str, float] = {}
    for name, text in (("lowest", lowest), ("best", best), ("highest", highest)):
        shown = str(text).strip() if text is not None else ""
        if not shown:
            problems.append(f"give the {name if name != 'best' else 'best estimate'}")
            continue
        if "," in shown:
            problems.append(f"{name}: write the number without commas (1200, or 1.5)")
            continue
        value = _number(shown)
        if value is None:
            problems.append(f"{name}: '{shown}' is not a number")
            continue
        if scale == "log" and value <= 0:
            problems.append(
                f"{name} must be above 0: this question is on a log scale (a count, a size)"
            )
            continue
        values[name] = int(value) if value.is_integer() and abs(value) < 1e15 else value
    if len(values) == 3 and not values["lowest"] < values["best"] < values["highest"]:
        problems.append("the best estimate must be above the lowest and below the highest")
    shown = str(confidence).strip().rstrip("%").strip() if confidence is not None else ""
    sure = _number(shown) if shown else None
    if not shown:
        problems.append("give your confidence (50 to 100%)")
    elif sure is None or not 50 <= sure <= 100:
        problems.append(
            "confidence must be a percentage from 50 to 100: how sure you are that the truth "
            "lies between your lowest and highest"
        )
    if problems:
        return None, problems
    return {**values, "confidence": round(sure / 100, 4)}, []  # type: ignore[operator]
