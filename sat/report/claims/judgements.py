"""The judgements a register can score, in words: the statement each is registered with, and why
those that cannot be scored cannot.

``sat.techniques.judgements`` gives each judgement as facts (its kind, the item's id, label and
text, the hypotheses a posterior is conditional on) and each unscorable item as (id, code); this
module says them, for ``sat judgements`` (its view and ``--json``) and for the statements ``sat
register`` writes in the register.

Examples
--------
>>> import datetime as dt
>>> from sat.techniques.judgements import Judgement
>>> j = Judgement("c:H1", "hypothesis", "H1", label="Coercion", text="China coerces Japan.",
...               probability=0.7, criterion="x", deadline=dt.date(2027, 1, 1), given=("H1", "H2"))
>>> statement(j)
'H1 (Coercion) is the explanation: China coerces Japan. (probability conditional on one of H1, H2 being true)'
>>> why("no-resolution")
'no resolution (criterion and deadline) in the case'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

__all__ = [
    "WHY",
    "SaidJudgement",
    "judgements_data",
    "quantiles_said",
    "quantity_lines",
    "quantity_statement",
    "said",
    "statement",
    "statements",
    "unscorable_said",
    "why",
]

#: Why an item cannot be scored, by the code of ``sat.techniques.judgements.UNSCORABLE``.
WHY = {
    "no-resolution": "no resolution (criterion and deadline) in the case",
    "no-bayes": "the Bayesian mode cannot run on the case",
    "no-scenarios": "the scenarios cannot be computed for the case",
    "no-chance": "the Bayesian mode cannot give the chance it is observed",
    "no-answers": "no analyst answered it",
    "no-quantiles": "its quantiles do not increase (answers too close to tell apart), so they "
    "could not be read back from the register",
}


def why(code: str) -> str:
    """Why an item cannot be scored, in words."""
    return WHY[code]


def statement(j: Any) -> str:
    """What a judgement (``sat.techniques.judgements.Judgement``) claims, as the register
    records it."""
    if j.kind == "hypothesis":
        return (
            f"{j.target} ({j.label}) is the explanation: {j.text} "
            f"(probability conditional on one of {', '.join(j.given)} being true)"
        )
    if j.kind == "scenario":
        return f"{j.label} comes about: {j.text or ', '.join(j.events)}"
    if j.kind == "indicator":
        return f"{j.target} is observed by {j.deadline.isoformat()}: {j.text}"
    raise ValueError(f"no words for a judgement of kind {j.kind!r}")


def quantity_statement(t: Any) -> str:
    """What a quantity target (``sat.techniques.judgements.QuantityTarget``) asks, as the
    register records it: its id and label, its question and its unit.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> quantity_statement(NS(target="Q4", label="Firms listed", question="How many?",
    ...                       unit="companies", scale="log"))
    'Q4 (Firms listed): How many? (in companies, on a log scale)'
    """
    named = f"{t.target} ({t.label})" if t.label else t.target
    said = [f"in {t.unit}"] if t.unit else []
    if t.scale == "log":
        said.append("on a log scale")
    return f"{named}: {t.question}" + (f" ({', '.join(said)})" if said else "")


def statements(result: Any) -> dict[str, str]:
    """Every judgement's and quantity target's statement, by id (what ``sat register`` writes)."""
    return {
        **{j.id: statement(j) for j in result.judgements},
        **{t.id: quantity_statement(t) for t in result.quantities},
    }


def quantiles_said(probabilities: Any, values: Any) -> str:
    """Quantiles as a line shows them: ``5% 19.5, 50% 31.8, 95% 66.3``."""
    from sat.language import amount
    from sat.report.quantity_chart import quantile_label

    return ", ".join(
        f"{quantile_label(p)} {amount(v)}" for p, v in zip(probabilities, values, strict=True)
    )


def quantity_lines(targets: Any) -> list[str]:
    """The quantity targets a register can score, as ``sat judgements`` lists them: what each
    asks, by when and how it is settled, the combinations' quantiles and who answered."""
    from sat.language import counted

    lines = [
        f"{counted(len(targets), 'quantity target')} can be scored, with each analyst's "
        "quantiles and the combinations (`sat register` records them all):"
    ]
    for t in targets:
        lines += [
            f"  {t.id} (quantity{', log scale' if t.scale == 'log' else ''}), settled by "
            f"{t.deadline.isoformat()}",
            f"    asks: {quantity_statement(t)}",
        ]
        if t.equal is not None:
            lines.append(f"    equal weights: {quantiles_said(t.probabilities, t.equal)}")
        if t.weighted is not None:
            lines.append(f"    performance weights: {quantiles_said(t.probabilities, t.weighted)}")
        lines += [
            f"    answered by: {', '.join(name for name, _ in t.analysts)}",
            f"    settled when: {t.criterion}",
        ]
    return lines


def judgements_data(result: Any) -> dict[str, Any]:
    """``sat judgements --json``: each judgement with its statement, and each unscorable item
    with why, in words; and, for a case with quantity targets, each target with what it asks and
    each forecaster's quantiles."""
    quantities = (
        {
            "quantities": [
                {
                    "id": t.id,
                    "target": t.target,
                    "statement": quantity_statement(t),
                    "scale": t.scale,
                    "probabilities": list(t.probabilities),
                    "analysts": {name: list(q) for name, q in t.analysts},
                    "equal": None if t.equal is None else list(t.equal),
                    "weighted": None if t.weighted is None else list(t.weighted),
                    "criterion": t.criterion,
                    "deadline": t.deadline.isoformat(),
                }
                for t in result.quantities
            ]
        }
        if result.quantities
        else {}
    )
    return {
        "case": result.case,
        "judgements": [
            {
                "id": j.id,
                "kind": j.kind,
                "target": j.target,
                "statement": statement(j),
                "probability": round(j.probability, 6),
                "criterion": j.criterion,
                "deadline": j.deadline.isoformat(),
            }
            for j in result.judgements
        ],
        "unscorable": [{"id": i, "why": why(code)} for i, code in result.unscorable],
        **quantities,
    }


@dataclass(frozen=True)
class SaidJudgement:
    """A judgement as a register holds it: its statement in words beside its facts."""

    id: str
    kind: str
    target: str
    statement: str
    probability: float
    criterion: str
    deadline: dt.date


def said(result: Any) -> tuple[SaidJudgement, ...]:
    """Each judgement of a ``JudgementsResult`` as a register holds it (for a notebook's table)."""
    return tuple(
        SaidJudgement(j.id, j.kind, j.target, statement(j), j.probability, j.criterion, j.deadline)
        for j in result.judgements
    )


def unscorable_said(result: Any) -> tuple[tuple[str, str], ...]:
    """(id, why in words) for each item that cannot be scored."""
    return tuple((ident, why(code)) for ident, code in result.unscorable)
