"""The brief's list of the structured analytic techniques applied and what each found.

One row per technique (``APPLIED``): its name and source, the result it reads, when it counts as
applied (a technique that had nothing to work on, such as no assumptions, no sources or no
indicators, is not listed: the brief never claims a technique that produced nothing) and the
claims that say what it found, each with a tested condition.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sat.case import Case
from sat.report.html import Fragment, render
from sat.techniques.ach import ACHResult
from sat.techniques.advocacy import AdvocacyResult
from sat.techniques.assumptions import KACResult
from sat.techniques.bayes import BayesResult
from sat.techniques.bias import BiasResult
from sat.techniques.deception import DeceptionResult
from sat.techniques.indicators import IndicatorResult
from sat.techniques.network import NetworkResult
from sat.techniques.quality import QualityResult
from sat.techniques.scenarios import ScenariosResult

__all__ = ["APPLIED", "Applied", "techniques_section"]


@dataclass(frozen=True)
class Applied:
    """One technique's line in the list: ``result`` names its keyword argument of
    ``techniques_section``; ``ran`` says whether it had something to work on, given the case and
    the result; ``claims`` says what it found, given the case and every result."""

    name: str
    source: str
    kind: str
    result: str
    claims: Callable[[Case, dict[str, Any]], Sequence[Any]]
    ran: Callable[[Case, Any], bool] = lambda case, result: True


def _ach(case: Case, r: dict[str, Any]) -> list[Any]:
    from sat.report.claims import ach_summary, matrix_summary

    return [*matrix_summary(case, r["ach"]), *ach_summary(r["ach"])]


def _bayes(case: Case, r: dict[str, Any]) -> list[Any]:
    from sat.report.claims import bayes_summary

    return bayes_summary(case, r["ach"], r["bayes"]) if r["ach"] is not None else []


def _kac(case: Case, r: dict[str, Any]) -> list[Any]:
    from sat.report.claims import kac_summary

    return kac_summary(case, r["assumptions"])


def _quality(case: Case, r: dict[str, Any]) -> list[Any]:
    from sat.report.claims import quality_summary

    return quality_summary(case, r["quality"])


def _indicators(case: Case, r: dict[str, Any]) -> list[Any]:
    from sat.report.claims.foresight import indicators_summary

    return indicators_summary(case, r["indicators"])


def _bias(case: Case, r: dict[str, Any]) -> list[Any]:
    from sat.report.claims import bias_summary

    return bias_summary(r["bias"])


def _advocacy(case: Case, r: dict[str, Any]) -> list[Any]:
    from sat.report.claims import advocacy_summary

    return advocacy_summary(r["advocacy"])


def _deception(case: Case, r: dict[str, Any]) -> list[Any]:
    from sat.report.claims import deception_summary

    return deception_summary(case, r["deception"])


def _scenarios(case: Case, r: dict[str, Any]) -> list[Any]:
    from sat.report.claims.foresight import scenarios_summary

    return scenarios_summary(case, r["scenarios"])


def _network(case: Case, r: dict[str, Any]) -> list[Any]:
    from sat.report.claims.foresight import network_summary

    return network_summary(case, r["network"])


#: The techniques in the order the brief lists them.
APPLIED = (
    Applied(
        "Analysis of Competing Hypotheses",
        "Heuer 1999, ch. 8; PARC ACH 2.0 weighting",
        "ach",
        "ach",
        _ach,
    ),
    Applied(
        "Bayesian analysis of competing hypotheses",
        "Heuer 1999, ch. 8; ICD 203 probability language",
        "bayes",
        "bayes",
        _bayes,
    ),
    Applied(
        "Key Assumptions Check",
        "Tradecraft Primer 2009; Heuer and Pherson",
        "kac",
        "assumptions",
        _kac,
        lambda case, _: bool(case.assumptions),
    ),
    Applied(
        "Quality of Information Check",
        "Tradecraft Primer 2009; Admiralty grading",
        "quality",
        "quality",
        _quality,
        lambda case, _: bool(case.sources),
    ),
    Applied(
        "Indicators and signposts",
        "Tradecraft Primer 2009; Heuer's step 8",
        "indicators",
        "indicators",
        _indicators,
        lambda case, _: bool(case.indicators),
    ),
    Applied("Cognitive bias stress test", "Heuer 1999, chs. 10–14", "bias", "bias", _bias),
    Applied(
        "Devil's advocacy",
        "Tradecraft Primer 2009",
        "advocacy",
        "advocacy",
        _advocacy,
        lambda _, advocacy: advocacy.leader is not None,
    ),
    Applied(
        "Deception checks (MOM, POP, MOSES, EVE)",
        "Heuer and Pherson",
        "deception",
        "deception",
        _deception,
        lambda case, _: bool(case.deception),
    ),
    Applied(
        "Scenarios and alternative futures",
        "Tradecraft Primer 2009; Heuer 1999, ch. 12",
        "scenarios",
        "scenarios",
        _scenarios,
        lambda case, _: bool(case.scenarios),
    ),
    Applied(
        "Network influence mapping",
        "PageRank, betweenness, modularity, structural balance",
        "network",
        "network",
        _network,
        lambda case, _: bool(case.actors),
    ),
)


def techniques_section(
    case: Case,
    *,
    ach: ACHResult | None = None,
    assumptions: KACResult | None = None,
    quality: QualityResult | None = None,
    indicators: IndicatorResult | None = None,
    bias: BiasResult | None = None,
    advocacy: AdvocacyResult | None = None,
    deception: DeceptionResult | None = None,
    bayes: BayesResult | None = None,
    scenarios: ScenariosResult | None = None,
    network: NetworkResult | None = None,
) -> Fragment:
    """The techniques actually run on this case and what each found (``APPLIED``, in order).

    A technique that had nothing to work on (no assumptions, no sources, no
    indicators) is not listed: the brief never claims a technique that produced nothing.
    Every line is said with claims that have tested conditions: the judgements (the matrix's
    standing, the Bayesian leader, devil's advocacy: ``sat.report.claims.summary``), the checks on
    the analysis (the matrix's size, assumptions, quality of information, bias, deception:
    ``sat.report.claims.checks``) and indicators, scenarios and the network
    (``sat.report.claims.foresight``).
    """
    results = {
        "ach": ach,
        "assumptions": assumptions,
        "quality": quality,
        "indicators": indicators,
        "bias": bias,
        "advocacy": advocacy,
        "deception": deception,
        "bayes": bayes,
        "scenarios": scenarios,
        "network": network,
    }
    applied = [
        {
            "name": row.name,
            "source": row.source,
            "kind": row.kind,
            "claims": row.claims(case, results),
        }
        for row in APPLIED
        if results[row.result] is not None and row.ran(case, results[row.result])
    ]
    return render("techniques.html.j2", applied=applied)
