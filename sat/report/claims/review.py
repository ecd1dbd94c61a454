"""The findings of ``sat review`` in words: where the analyst's own words outrun, fall short of,
or cannot be checked against the analysis (``sat.techniques.wording``), as claims.

One claim per finding that is a problem or a note (``inside``, ``same`` and
``consistent`` findings say nothing), and one per pair of statements that
cannot both hold. Each claim cites the phrase, the sentence it stands in and
its place there, and the figures it was checked against, so that its condition
(``sat.report.conditions.review``) can read the phrase afresh and recompute the
figures from the case.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sat.case import Case
from sat.language import percent, span
from sat.report.claims._base import Claim, _and, _name
from sat.techniques.wording import Conflict, Expression, Finding

#: The claim kind of each relation a finding can have (``inside``, ``same`` and ``consistent``
#: are said by none).
KIND = {
    "stronger": "review.stronger",
    "weaker": "review.weaker",
    "overlaps": "review.overlaps",
    "unchecked": "review.unchecked",
    "above": "review.confidence_above",
    "below": "review.confidence_below",
    "with_likelihood": "review.with_likelihood",
    "unhedged": "review.unhedged",
    "not_leader": "review.not_leader",
    "tied": "review.tied",
    "denies_leader": "review.denies_leader",
    "missing": "review.missing",
}

_WHY = {
    "not_about": "the statement does not say which hypothesis it is about",
    "not_a_hypothesis": "{about} is not a hypothesis",
    "no_bayes": "the Bayesian mode could not run on this case",
    "unranked": "{name} is rated against nothing",
    "untested": "{name} is rated against fewer than half the items",
    "no_confidence": "the analysis could not assess its confidence",
    "no_leader": "no hypothesis is ranked",
}


def _who(case: Case | None, h: str) -> str:
    if case is None:
        return h
    try:
        return _name(case, h)
    except (KeyError, LookupError, ValueError):
        return h


def _band(e: Expression) -> str:
    """The band of a term, for words; a number says its own."""
    if e.band is None or e.term in ("percentage", "ratio"):
        return ""
    low, high = e.band
    return f" ({low * 100:.0f}–{high * 100:.0f}%)"


def _posterior(lo: float, hi: float) -> str:
    return f"{percent(lo)} to {percent(hi)} across the likelihood tables: {span(lo, hi)}"


def _base(finding: Finding, where: str | None) -> dict[str, Any]:
    """The figures every review claim cites: where, the phrase in its sentence, and what it was
    checked against."""
    f, e = finding.figures, finding.expression
    out: dict[str, Any] = {
        "where": where,
        "check": finding.check,
        "about": f.about,
        "range": f.range,
        "computed": f.confidence,
        "leaders": f.leaders,
        "why": f.why,
    }
    if e is not None:
        out.update(phrase=e.phrase, at=e.span[0] - e.sentence[0], band=e.band, side=e.side)
        out.update(levels=e.levels)
    return out


def review_claims(
    findings: Sequence[Finding],
    case: Case | None = None,
    where: str | None = None,
    text: str | None = None,
) -> list[Claim]:
    """The findings of one text (``sat.techniques.wording.review``) as claims, in order; ``text``
    is the text reviewed (its sentences are cited from it), ``where`` where it stands in the
    case (``key_judgements[0]``, say)."""
    claims = []
    for finding in findings:
        kind = KIND.get(finding.relation)
        if kind is None:
            continue
        figures = _base(finding, where)
        e = finding.expression
        if e is not None and text is not None:
            figures["sentence"] = text[e.sentence[0] : e.sentence[1]]
        if finding.relation == "missing":
            figures["text"] = text
        if finding.other is not None and text is not None:
            figures["other"] = finding.other.phrase
            figures["other_at"] = finding.other.span[0] - finding.other.sentence[0]
        claims.append(Claim(kind, _say(finding, case), figures))
    return claims


def _say(finding: Finding, case: Case | None) -> str:
    f, e, relation = finding.figures, finding.expression, finding.relation
    said = f'"{e.phrase}"' if e is not None else ""
    about = f.about or ""
    if relation in ("stronger", "weaker", "overlaps") and e is not None and f.range:
        than = {
            "stronger": "is stronger than the analysis, which puts",
            "weaker": "is weaker than the analysis, which puts",
            "overlaps": "covers only part of the analysis, which puts",
        }[relation]
        return f"{said}{_band(e)} {than} {_who(case, about)} at {_posterior(*f.range)}."
    if relation == "unchecked":
        why = _unchecked(finding)
        return (
            f"{said} cannot be checked against the analysis: "
            + _WHY[why].format(about=about, name=_who(case, about) if about else "")
            + "."
        )
    if relation in ("above", "below"):
        more = "more" if relation == "above" else "less"
        return (
            f"{said} claims {more} confidence than the analysis, which assesses "
            f"{f.confidence} confidence."
        )
    if relation == "with_likelihood":
        other = f'"{finding.other.phrase}"' if finding.other is not None else "a likelihood"
        return (
            f"{said} is said in the same sentence as {other}: ICD 203 asks for confidence to be "
            "said apart from likelihood."
        )
    if relation == "unhedged":
        return (
            f"{said} states as certain what the analysis gives only as a probability: the "
            "sentence has no word of likelihood."
        )
    leaders = _and([_who(case, h) for h in f.leaders])
    if relation == "not_leader":
        first = (
            f"puts {leaders} first"
            if len(f.leaders) == 1
            else f"cannot tell {leaders} apart at the top"
        )
        return f"{said} is said of {_who(case, about)}, but the analysis {first}."
    if relation == "tied":
        return (
            f"{said} is said of {_who(case, about)}, but the analysis cannot tell {leaders} "
            "apart at the top: none is the most likely."
        )
    if relation == "denies_leader":
        return f"{said} is said of {_who(case, about)}, which the analysis puts first."
    if relation == "missing":
        given = f"; the analysis puts it at {_posterior(*f.range)}" if f.range else ""
        return f"The statement about {_who(case, about)} gives no likelihood{given}."
    raise ValueError(f"no words for a finding {relation!r}")


def _unchecked(finding: Finding) -> str:
    """Why a finding could not be checked, as a key of ``_WHY``."""
    f = finding.figures
    if finding.check == "confidence":
        return "no_confidence"
    if f.about is None:
        return "not_about"
    if finding.check == "ranking":
        return "not_a_hypothesis" if f.why == "not_a_hypothesis" else "no_leader"
    return f.why or "no_bayes"


_RULE = {
    "disjoint": "their bands do not meet",
    "exceed": "the two hypotheses exclude each other, and the lower ends of the two bands add "
    "up to more than 100%",
    "two_first": "the two hypotheses exclude each other, and each is called the most likely",
}


def conflict_claims(
    found: Sequence[Conflict],
    statements: Sequence[tuple[str | None, str]],
    case: Case | None = None,
    where: Sequence[str] | None = None,
) -> list[Claim]:
    """Pairs of statements that cannot both hold (``sat.techniques.wording.conflicts``) as
    claims; ``statements`` are (what it is about, its text) as the conflicts were found over."""
    claims = []
    for c in found:
        (about_a, text_a), (about_b, text_b) = statements[c.first], statements[c.second]
        e, f = c.expressions
        a, b = _who(case, about_a or ""), _who(case, about_b or "")
        said = (
            f'"{e.phrase}" and "{f.phrase}", both about {a},'
            if about_a == about_b
            else f'"{e.phrase}" about {a} and "{f.phrase}" about {b}'
        )
        claims.append(
            Claim(
                "review.conflict",
                f"{said} cannot both hold: {_RULE[c.rule]}.",
                {
                    "rule": c.rule,
                    "about": (about_a, about_b),
                    "where": None if where is None else (where[c.first], where[c.second]),
                    "sentences": (
                        text_a[e.sentence[0] : e.sentence[1]],
                        text_b[f.sentence[0] : f.sentence[1]],
                    ),
                    "phrases": (e.phrase, f.phrase),
                    "at": (e.span[0] - e.sentence[0], f.span[0] - f.sentence[0]),
                },
            )
        )
    return claims
