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

Those without a resolution, and those whose probability cannot be computed
(the Bayesian mode or the scenarios cannot run on the case), are listed apart
with why, so a brief can say which of its judgements cannot be scored. ``sat
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
from dataclasses import asdict, dataclass
from typing import Any

from sat.case import Case

__all__ = ["Judgement", "JudgementsResult", "run"]


@dataclass(frozen=True)
class Judgement:
    """One judgement to register: what is claimed, how likely, and how it will be settled."""

    id: str
    kind: str
    target: str
    statement: str
    probability: float
    criterion: str
    deadline: dt.date


@dataclass(frozen=True)
class JudgementsResult:
    """The result of ``run``.

    Attributes
    ----------
    judgements : tuple of Judgement
        Those that can be scored, in the order hypotheses, scenarios, indicators.
    unscorable : tuple of (str, str)
        (id, why) for the hypotheses, scenarios and open indicators that cannot be scored: those
        with no resolution, and those whose probability cannot be computed for the case (every
        one of them is either a judgement or here).
    """

    case: str
    judgements: tuple[Judgement, ...]
    unscorable: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
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
        }


def run(case: Case, *, posterior: Any, scenarios: Any, collect: Any) -> JudgementsResult:
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
    missing = "no resolution (criterion and deadline) in the case"

    def judge(kind: str, item: Any, statement: str, probability: float) -> None:
        found.append(
            Judgement(
                f"{case.id}:{item.id}",
                kind,
                item.id,
                statement,
                float(probability),
                item.resolution.criterion,
                item.resolution.deadline,
            )
        )

    listed = ", ".join(h.id for h in case.hypotheses)
    for h in case.hypotheses:
        if h.resolution is None:
            unscorable.append((f"{case.id}:{h.id}", missing))
        elif posterior is None:
            unscorable.append((f"{case.id}:{h.id}", "the Bayesian mode cannot run on the case"))
        else:
            statement = (
                f"{h.id} ({h.label}) is the explanation: {h.statement} "
                f"(probability conditional on one of {listed} being true)"
            )
            judge("hypothesis", h, statement, posterior[h.id])
    probabilities = {} if scenarios is None else scenarios.scenarios_frame["probability"].to_dict()
    for s in case.scenarios:
        if s.resolution is None:
            unscorable.append((f"{case.id}:{s.id}", missing))
        elif s.id not in probabilities:  # never silently left out: the register says why
            unscorable.append(
                (f"{case.id}:{s.id}", "the scenarios cannot be computed for the case")
            )
        else:
            statement = f"{s.name} comes about: {s.description or ', '.join(s.events)}"
            judge("scenario", s, statement, probabilities[s.id])
    observed = {} if collect is None else collect.targets_frame["p_observed"].to_dict()
    for i in (i for i in case.indicators if i.status == "not observed"):
        if i.resolution is None:
            unscorable.append((f"{case.id}:{i.id}", missing))
        elif i.id not in observed:
            why = "the Bayesian mode cannot give the chance it is observed"
            unscorable.append((f"{case.id}:{i.id}", why))
        else:
            statement = (
                f"{i.id} is observed by {i.resolution.deadline.isoformat()}: {i.description}"
            )
            judge("indicator", i, statement, observed[i.id])
    return JudgementsResult(case.id, tuple(found), tuple(unscorable))
