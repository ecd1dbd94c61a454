"""The cognitive bias stress test in words: each fact a finding rests on, what could not be checked
and why, and the action that would test each finding (Heuer 1999, chs. 10–14; the facts are
``sat.techniques.bias``'s, the conditions ``sat.report.conditions.bias``'s).

A finding's sentence is its facts' claims joined; every fact is a ``Claim`` of kind
``bias.<fact kind>``, every reason a detector could not run one of kind
``bias.not_checked.<reason>``, and the detectors that ran and found nothing one claim of kind
``bias.clean``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sat.language import dissent
from sat.report.claims._base import Claim, _and, _is_are
from sat.techniques.bias import BIASES, BiasResult, Fact, Finding

__all__ = [
    "action",
    "bias_claims",
    "fact_claim",
    "finding_claims",
    "finding_text",
    "findings_frame",
    "not_checked_claim",
]


def _s(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _ids(ids: Any) -> str:
    return ", ".join(ids)


def _points(value: float) -> str:
    """A positive score to two places, never rounded down to a false 0.00."""
    return f"{value:.2f}" if value >= 0.005 else "under 0.01"


def _none_against(f: Mapping[str, Any]) -> str:
    said = f"of the {f['items']} items rated on {f['leader']}, none is inconsistent with it"
    if f["votes"]:
        said += f" in the agreed matrix, though {dissent(f['votes'])}"
    return said


def _few_against(f: Mapping[str, Any]) -> str:
    n, k, leader = f["items"], f["against"], f["leader"]
    if k:
        return f"only {k} of {n} items {_is_are(k)} rated inconsistent with {leader}"
    said = (
        f"the one item rated on {leader} is not inconsistent with it"
        if n == 1
        else f"none of the {n} items rated on {leader} is inconsistent with it"
    )
    if f["votes"]:
        said += f" in the agreed matrix, though {dissent(f['votes'])}"
    return said


def _nil_lead(f: Mapping[str, Any]) -> str:
    leader, runner = f["leader"], f["runner_up"]
    return (
        f"{leader} and {runner} are equally inconsistent with the evidence: {leader} is ahead "
        f"only on evidence consistent with it ({f['consistency']} points against "
        f"{f['other']}, C counting 1 and CC 2)"
    )


def _small_lead(f: Mapping[str, Any]) -> str:
    return (
        f"{f['leader']}'s lead over {f['runner_up']} in weighted inconsistency "
        f"({_points(f['lead'])}) is less than one inconsistent rating of medium weight, while the "
        f"evidence consistent with it counts {f['consistency']} points (C 1, CC 2)"
    )


def _ratio(f: Mapping[str, Any]) -> str:
    return (
        f"the evidence consistent with {f['leader']} counts {f['consistency']} points (C 1, "
        f"CC 2), {f['consistency'] / f['lead']:.1f} times its lead over {f['runner_up']} in "
        f"weighted inconsistency ({f['lead']:.2f}): consistent evidence proves little when it "
        "fits other hypotheses too"
    )


def _discounted(f: Mapping[str, Any]) -> str:
    said = f"{f['low_against']:.0%} of the items against {f['leader']} are graded low credibility, "
    if f["low_for"] is None:
        return said + "and no item is rated for it"
    return said + f"against {f['low_for']:.0%} of those for it"


def _group(sources: Any) -> str:
    """An independence group by its sources."""
    if len(sources) == 1:
        return f"source {sources[0]}"
    return f"sources {_and(list(sources))} (of one origin, so one independent source)"


def _concentration(f: Mapping[str, Any]) -> str:
    items, score = f["hhi_items"], f["hhi_score"]
    effective = 1 / max(items, score or 0.0)
    top = f["top_items"]
    where = f"{_group(top)} {'carries' if len(top) == 1 else 'carry'} {f['share_items']:.0%} of the sourced items"
    index = "a concentration index (Herfindahl–Hirschman; 1 for a single source) of"
    if score is None:
        return (
            f"the sourced items come from few independent sources: {index} {items:.2f}, as if "
            f"from {effective:.1f} independent sources (they carry none of the weighted score, "
            f"so its concentration is not measured); {where}"
        )
    measured = (
        f"the evidence comes from few independent sources: {index} {items:.2f} over the sourced "
        f"items and {score:.2f} over their weighted score, as if from {effective:.1f} "
        "independent sources"
    )
    if tuple(top) == tuple(f["top_score"]):
        return f"{measured}; {where} and {f['share_score']:.0%} of their score"
    return f"{measured}; {where}, {_group(f['top_score'])} {f['share_score']:.0%} of their score"


def _leader_changes(f: Mapping[str, Any]) -> str:
    after, leader, low = f["after"], f["leader"], f["low"]
    what = f"dropping the {_s(len(low), 'low-credibility item')} ({_ids(low)})"
    if not after:
        return f"{what} leaves no hypothesis ranked, where {leader} now leads"
    if leader in after:
        others = [h for h in after if h != leader]
        return f"{what} leaves {leader} level with {_and(others)} instead of leading alone"
    if len(after) > 1:
        return f"{what} leaves {_and(list(after))} level in the lead instead of {leader}"
    return f"{what} puts {after[0]} in the lead instead of {leader}"


def _few_hypotheses(f: Mapping[str, Any]) -> str:
    n = f["hypotheses"]
    return "only one hypothesis is weighed" if n == 1 else f"only {n} hypotheses are weighed"


def _overlap(f: Mapping[str, Any]) -> str:
    return "hypotheses meant to exclude each other overlap: " + ", ".join(
        f"{a} and {b}" for a, b in f["pairs"]
    )


def _alike(f: Mapping[str, Any]) -> str:
    return "the ratings hardly tell apart " + ", ".join(
        f"{a} and {b} (rated alike on all {n} items)"
        if same >= 1
        else f"{a} and {b} (rated alike on {same:.0%} of {n} items)"
        for a, b, same, n in f["pairs"]
    )


def _no_absence(f: Mapping[str, Any]) -> str:
    n = f["items"]
    opening = "the one item does not record" if n == 1 else f"none of the {n} items records"
    return opening + " expected evidence that has not appeared"


def _anchoring(f: Mapping[str, Any]) -> str:
    later, start = f["later"], f["from"]
    rest = (
        f"the one other, dated {start}, is not"
        if later == 1
        else f"none of the {later} others, dated from {start} on, is"
    )
    return (
        f"the {f['early']} earliest dated items (to {f['until']}) already put {f['leader']} "
        f"first, and {rest} rated against it: the early judgement has not been tested"
    )


def _vivid(f: Mapping[str, Any]) -> str:
    items, critical = f["items"], f["critical"]
    said = (
        f"{_s(len(items), 'highly relevant item')} {_is_are(len(items))} not corroborated by a "
        f"second independent source ({_ids(items)})"
    )
    if critical:
        said += (
            f"; {_ids(critical)} {_is_are(len(critical))} a linchpin or highly diagnostic (among "
            "the Quality of Information Check's items to re-check)"
        )
    return said


def _weak_basis(f: Mapping[str, Any]) -> str:
    who = f["hypotheses"]
    whose = (
        f"{who[0]}'s prior basis cites" if len(who) == 1 else f"the prior bases of {_ids(who)} cite"
    )
    return f"{whose} {f['source']}, a source graded {f['grade']}"


def _no_null(f: Mapping[str, Any]) -> str:
    n = f["hypotheses"]
    if n == 1:
        return "the one hypothesis weighed is not one of routine or accident"
    return f"none of the {n} hypotheses is one of routine or accident"


#: The words of each fact a finding can rest on.
FACT_WORDS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "confirmation.none_against": _none_against,
    "confirmation.few_against": _few_against,
    "confirmation.nil_lead": _nil_lead,
    "confirmation.small_lead": _small_lead,
    "confirmation.consistency_ratio": _ratio,
    "confirmation.discounted": _discounted,
    "concentration.items": _concentration,
    "concentration.scored": _concentration,
    "uncertain_accuracy.leader_changes": _leader_changes,
    "closure.few": _few_hypotheses,
    "closure.no_alternative": lambda f: (
        "no null hypothesis (routine, accident) and no deception hypothesis"
    ),
    "closure.overlap": _overlap,
    "closure.alike": _alike,
    "absence.none_recorded": _no_absence,
    "anchoring.untested": _anchoring,
    "vividness.uncorroborated": _vivid,
    "base_rates.missing": lambda f: f"priors are missing for {_ids(f['missing'])}",
    "base_rates.uniform": lambda f: "every prior is the same",
    "base_rates.copied": lambda f: f"{_ids(f['hypotheses'])} share one basis word for word",
    "base_rates.weak": _weak_basis,
    "mirror_imaging.no_null": _no_null,
    "mirror_imaging.unanswered": lambda f: "the checklist question on mirror-imaging is unanswered",
    "mirror_imaging.insecure": lambda f: (
        f"insecure assumptions to examine: {_ids(f['assumptions'])}"
    ),
}


def _few_dated(f: Mapping[str, Any]) -> str:
    n, total, needed = f["dated"], f["items"], f["needed"]
    which = (
        f"only {n} of the {total} items {_is_are(n)} dated"
        if n < total
        else f"there {_is_are(n)} only {_s(n, 'item')}, {'dated' if n == 1 else 'all dated'}"
    )
    return f"{which}; comparing early with late evidence needs at least {needed}"


#: Why a detector could not run, by reason.
NOT_CHECKED_WORDS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "no_evidence": lambda f: "the matrix has no evidence",
    "tied": lambda f: (
        f"the lead is tied ({' = '.join(f['leaders'])}): there is no single leader to test"
    ),
    "none_ranked": lambda f: "no hypothesis is ranked: there is no leader to test",
    "no_sources": lambda f: "no sources are recorded",
    "none_cited": lambda f: "no evidence item cites a source",
    "none_low": lambda f: "no item is graded low credibility, so there is nothing to drop",
    "undated": lambda f: "no evidence item is dated, so early and late evidence cannot be compared",
    "few_dated": _few_dated,
    "one_date": lambda f: f"all {f['dated']} dated items carry the same date",
    "no_sources_recorded": lambda f: "no sources are recorded, so corroboration cannot be judged",
    "no_base_rate": lambda f: (
        "no hypothesis records the base rate its prior is set by (its prior basis)"
    ),
}

#: What would test each finding, by detector (Heuer 1999, chs. 10–14; Tradecraft Primer 2009).
ACTIONS: dict[str, Callable[[str | None], str]] = {
    "confirmation": lambda leader: (
        f"Try to disprove {leader}: list what it predicts that has not been seen, rate more items "
        "against it, and re-check the credibility given to the evidence that counts against it."
    ),
    "concentration": lambda _: (
        "Look for independent reporting of the items that rest on the dominant sources, and check "
        "whether apparently separate sources share an origin."
    ),
    "uncertain_accuracy": lambda _: (
        "Confirm or replace the low-credibility items before relying on the ranking."
    ),
    "closure": lambda _: (
        "Brainstorm further hypotheses (include one of routine or accident and one of "
        "deception), and reword or merge hypotheses the evidence cannot separate."
    ),
    "absence": lambda _: (
        "For each hypothesis ask what should have been seen if it were true, and record what is "
        "missing as evidence of type 'absence of evidence'."
    ),
    "anchoring": lambda leader: (
        "Re-rate the later evidence as if meeting the case fresh, asking what would count "
        f"against {leader}."
    ),
    "vividness": lambda _: (
        "Ask whether each would be rated as relevant if it were less striking; seek independent "
        "corroboration."
    ),
    "base_rates": lambda _: (
        "Set each hypothesis's prior from its own base rate, from a dependable source, then see "
        "how far the evidence moves it."
    ),
    "mirror_imaging": lambda _: (
        "Think as the other side would (Red Team): what would it fear, value and misjudge? Add a "
        "hypothesis of routine or accident if none is weighed."
    ),
}


def _sentence(clause: str) -> str:
    return clause[:1].upper() + clause[1:] + "."


def fact_claim(fact: Fact) -> Claim:
    """A finding's fact as a claim of kind ``bias.<fact kind>``, a sentence of its own."""
    text = _sentence(FACT_WORDS[fact.kind](fact.figures))
    return Claim(f"bias.{fact.kind}", text, dict(fact.figures))


def not_checked_claim(detector: str, fact: Fact) -> Claim:
    """Why a detector could not run, as a claim of kind ``bias.not_checked.<reason>``."""
    figures = {"detector": detector, **fact.figures}
    said = f"The check for {BIASES[detector]} could not run ({why_not_checked(fact)})."
    return Claim(f"bias.not_checked.{fact.kind}", said, figures)


def finding_claims(finding: Finding) -> list[Claim]:
    """The facts a finding rests on, as claims, in the order the detector found them."""
    return [fact_claim(f) for f in finding.facts]


def finding_text(finding: Finding) -> str:
    """What the case shows, as one sentence: the facts' claims joined (base rates open with the
    hypotheses that record one)."""
    said = "; ".join(FACT_WORDS[f.kind](f.figures) for f in finding.facts)
    if finding.detector == "base_rates":
        recorded = finding.facts[0].figures["recorded"]
        said = f"base rates are recorded for {_ids(recorded)} but {said}"
    return _sentence(said)


def action(finding: Finding) -> str:
    """What would test the finding."""
    leader = next((f.figures["leader"] for f in finding.facts if "leader" in f.figures), None)
    return ACTIONS[finding.detector](leader)


def why_not_checked(fact: Fact) -> str:
    """Why a detector could not run, in words."""
    return NOT_CHECKED_WORDS[fact.kind](fact.figures)


def bias_claims(result: BiasResult) -> list[Claim]:
    """Every claim of the bias stress test: each finding's facts (most severe finding first), the
    detectors checked and clean, and why each of the others could not run."""
    claims = [c for f in result.findings for c in finding_claims(f)]
    if result.passed:
        names = tuple(result.passed)
        claims.append(
            Claim(
                "bias.clean",
                "Checked and clean: " + "; ".join(BIASES[n] for n in names) + ".",
                {"detectors": names},
            )
        )
    claims += [not_checked_claim(d, fact) for d, fact in result.not_checked]
    return claims


def findings_frame(result: BiasResult) -> Any:
    """The findings as a table in words: detector, bias, severity, what the case shows, and the
    action that would test it."""
    import pandas as pd

    rows = [
        {
            "detector": f.detector,
            "bias": f.bias,
            "severity": f.severity,
            "facts": finding_text(f),
            "action": action(f),
        }
        for f in result.findings
    ]
    return pd.DataFrame(rows, columns=["detector", "bias", "severity", "facts", "action"])
