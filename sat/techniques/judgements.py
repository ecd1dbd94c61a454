"""The key judgements a brief makes, in the form a register needs to score them later.

A judgement can be scored only if it says what would settle it and by when.
Hypotheses, scenarios and indicators carry that as ``resolution: {criterion,
deadline}`` in the case; each one that does becomes a judgement:

* a hypothesis: "it is the explanation", with the matrix's posterior (the
  point estimate of ``sat.bayes``, conditional on one of the listed hypotheses
  being true, which the statement says);
* a scenario: "this future comes about", with its chain-rule probability
  (``sat.scenarios``);
* an indicator not yet observed: "it is observed by the deadline", with the
  chance the Bayesian model gives it (``sat.collect``).

A quantity with a resolution (a *target*, ``sat.models.quantities``) becomes a
``QuantityTarget``: each analyst's quantiles of it (their latest round), the
team's equal-weight combination (``sat.quantities``) and, where the case's seeds
weigh the analysts, the performance-weighted decision maker (``sat.experts``).

Those without a resolution, and those whose probability cannot be computed
(the Bayesian mode or the scenarios cannot run on the case), are listed apart
with why (a code: ``UNSCORABLE``), so a brief can say which of its judgements
cannot be scored. Every result here is facts: the statement a register records
is said by ``sat.report.claims.judgements``. ``sat
judgements CASE`` shows them before ``sat register CASE REGISTER`` records
them (the analysis's probabilities, and each analyst's own estimates under
their name). Keeping score once outcomes are known is one of the practices
shown to improve analysts' judgements: Mandel and Barnes (2014) scored 1,514
strategic forecasts and found them well discriminating, under-confident, and
improved by recalibration.

References
----------
.. [1] D. R. Mandel and A. Barnes, "Accuracy of forecasts in strategic
   intelligence", *PNAS* 111(30), 2014.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from typing import Any

from sat.case import Case

__all__ = ["UNSCORABLE", "Judgement", "JudgementsResult", "QuantityTarget", "run"]

#: Why a hypothesis, scenario or open indicator cannot be scored: ``no-resolution`` (no criterion
#: and deadline in the case), ``no-bayes`` (the Bayesian mode cannot run on the case),
#: ``no-scenarios`` (the scenarios cannot be computed), ``no-chance`` (the Bayesian mode cannot
#: give the chance an indicator is observed), ``no-answers`` (no analyst answered a quantity target).
UNSCORABLE = ("no-resolution", "no-bayes", "no-scenarios", "no-chance", "no-answers")


@dataclass(frozen=True)
class Judgement:
    """One judgement to register: what is claimed, how likely, and how it will be settled.

    Attributes
    ----------
    kind : str
        ``hypothesis``, ``scenario`` or ``indicator``.
    target : str
        The item's id in the case.
    label : str
        A hypothesis's label, a scenario's name (empty for an indicator).
    text : str
        A hypothesis's statement, a scenario's description, an indicator's description (may be
        empty for a scenario).
    events : tuple of str
        A scenario's events (empty for the others).
    given : tuple of str
        The hypotheses a hypothesis's probability is conditional on one of being true (all the
        case's; empty for the others).
    """

    id: str
    kind: str
    target: str
    label: str
    text: str
    probability: float
    criterion: str
    deadline: dt.date
    events: tuple[str, ...] = ()
    given: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuantityTarget:
    """A quantity target to register: each forecaster's quantiles and how it will be settled.

    Attributes
    ----------
    target : str
        The quantity's id in the case.
    probabilities : tuple of float
        The case's quantiles (0.05, 0.5, 0.95 unless it says otherwise).
    analysts : tuple of (str, tuple of float)
        Each analyst who answered it, with their quantiles (latest round; four points widened).
    equal : tuple of float or None
        The equal-weight combination's quantiles.
    weighted : tuple of float or None
        The performance-weighted decision maker's, where the case's seeds weigh the analysts
        (None where the classical model cannot run).
    """

    id: str
    target: str
    label: str
    question: str
    unit: str
    scale: str
    criterion: str
    deadline: dt.date
    probabilities: tuple[float, ...]
    analysts: tuple[tuple[str, tuple[float, ...]], ...]
    equal: tuple[float, ...] | None
    weighted: tuple[float, ...] | None


@dataclass(frozen=True)
class JudgementsResult:
    """The result of ``run``.

    Attributes
    ----------
    judgements : tuple of Judgement
        Those that can be scored, in the order hypotheses, scenarios, indicators.
    unscorable : tuple of (str, str)
        (id, code) for the hypotheses, scenarios, open indicators and quantity targets that
        cannot be scored: those with no resolution, those whose probability cannot be computed
        for the case and the targets nobody answered (every one of them is either a judgement, a
        quantity target or here); the code is one of ``UNSCORABLE``.
    quantities : tuple of QuantityTarget
        The case's quantity targets with a resolution that someone answered, in the case's order.
    """

    case: str
    judgements: tuple[Judgement, ...]
    unscorable: tuple[tuple[str, str], ...]
    quantities: tuple[QuantityTarget, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The facts (``sat.report.claims.judgements.judgements_data`` gives them with words)."""
        return {
            "case": self.case,
            "judgements": [
                {
                    **asdict(j),
                    "deadline": j.deadline.isoformat(),
                    "probability": round(j.probability, 6),
                }
                for j in self.judgements
            ],
            "unscorable": [{"id": i, "why": why} for i, why in self.unscorable],
            "quantities": [
                {**asdict(q), "deadline": q.deadline.isoformat()} for q in self.quantities
            ],
        }


def run(
    case: Case,
    *,
    posterior: Any,
    scenarios: Any,
    collect: Any,
    quantities: Any = None,
    experts: Any = None,
) -> JudgementsResult:
    """The case's scorable judgements (see the module docstring).

    Parameters
    ----------
    case : Case
    posterior : pandas.Series or None
        The matrix's posterior by hypothesis (``sat.bayes``); None when the Bayesian
        mode cannot run, and then no hypothesis is registered (the reason is given).
    scenarios : ScenariosResult or None
    collect : CollectionResult or None
        For the open indicators' chance of being observed (None when it cannot run).
    quantities : QuantitiesResult or None
        The answers to the case's quantities and their equal-weight combination (None: the case
        has none, and no quantity target is registered).
    experts : ExpertsResult or None
        The classical model on the same answers (None: it cannot run; no weighted forecast).

    Examples
    --------
    >>> from sat.testing import generate_case
    >>> data = generate_case(4, 2)
    >>> data["hypotheses"][0]["resolution"] = {"criterion": "An official admits it.", "deadline": "2027-01-01"}
    >>> import pandas as pd
    >>> result = run(Case.model_validate(data), posterior=pd.Series({"H1": 0.7, "H2": 0.3}),
    ...              scenarios=None, collect=None)
    >>> [(j.id, j.probability) for j in result.judgements], [i for i, _ in result.unscorable]
    ([('generated-4x2:H1', 0.7)], ['generated-4x2:H2'])
    """
    found: list[Judgement] = []
    unscorable: list[tuple[str, str]] = []

    def judge(kind: str, item: Any, probability: float, **parts: Any) -> None:
        found.append(
            Judgement(
                f"{case.id}:{item.id}",
                kind,
                item.id,
                probability=float(probability),
                criterion=item.resolution.criterion,
                deadline=item.resolution.deadline,
                **parts,
            )
        )

    listed = tuple(h.id for h in case.hypotheses)
    for h in case.hypotheses:
        if h.resolution is None:
            unscorable.append((f"{case.id}:{h.id}", "no-resolution"))
        elif posterior is None:
            unscorable.append((f"{case.id}:{h.id}", "no-bayes"))
        else:
            judge("hypothesis", h, posterior[h.id], label=h.label, text=h.statement, given=listed)
    probabilities = {} if scenarios is None else scenarios.scenarios_frame["probability"].to_dict()
    for s in case.scenarios:
        if s.resolution is None:
            unscorable.append((f"{case.id}:{s.id}", "no-resolution"))
        elif s.id not in probabilities:  # never silently left out: the register says why
            unscorable.append((f"{case.id}:{s.id}", "no-scenarios"))
        else:
            judge(
                "scenario",
                s,
                probabilities[s.id],
                label=s.name,
                text=s.description or "",
                events=tuple(s.events),
            )
    observed = {} if collect is None else collect.targets_frame["p_observed"].to_dict()
    for i in (i for i in case.indicators if i.status == "not observed"):
        if i.resolution is None:
            unscorable.append((f"{case.id}:{i.id}", "no-resolution"))
        elif i.id not in observed:
            unscorable.append((f"{case.id}:{i.id}", "no-chance"))
        else:
            judge("indicator", i, observed[i.id], label="", text=i.description)
    targets = _quantity_targets(case, quantities, experts)
    named = {t.target for t in targets}
    for q in (q for q in case.quantities if q.realization is None and q.id not in named):
        code = "no-resolution" if q.resolution is None else "no-answers"
        unscorable.append((f"{case.id}:{q.id}", code))
    return JudgementsResult(case.id, tuple(found), tuple(unscorable), targets)


def _quantity_targets(case: Case, quantities: Any, experts: Any) -> tuple[QuantityTarget, ...]:
    """The case's quantity targets with a resolution that someone answered, each with its
    forecasters' quantiles."""
    if quantities is None:
        return ()
    study = quantities.study
    index = {item.id: i for i, item in enumerate(study.items)}
    weighted: dict[str, tuple[float, ...]] = {}
    if experts is not None:
        for i, item in enumerate(experts.items):
            q = tuple(float(v) for v in experts.optimised.quantiles[i])
            if item in experts.targets and all(math.isfinite(v) for v in q):
                weighted[item] = q
    out = []
    for q in case.quantities:
        if q.resolution is None or q.realization is not None or q.id not in index:
            continue
        i = index[q.id]
        answers = tuple(
            (name, tuple(float(v) for v in row[i]))
            for name, row in zip(study.experts, study.answers, strict=True)
            if row[i] is not None
        )
        if not answers:  # listed as unscorable: nobody answered it
            continue
        equal = quantities.combined[i]
        out.append(
            QuantityTarget(
                f"{case.id}:{q.id}",
                q.id,
                label=q.label or "",
                question=q.question,
                unit=q.unit or "",
                scale=q.scale,
                criterion=q.resolution.criterion,
                deadline=q.resolution.deadline,
                probabilities=tuple(float(p) for p in study.probabilities),
                analysts=answers,
                equal=None if equal is None else tuple(float(v) for v in equal),
                weighted=weighted.get(q.id),
            )
        )
    return tuple(out)
