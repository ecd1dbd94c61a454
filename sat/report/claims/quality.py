"""The Quality of Information Check in words: the items to re-check and why, the items weighted
above their grades, and how well the lead is sourced (Tradecraft Primer 2009; the check is
``sat.techniques.quality``'s, the conditions ``sat.report.conditions.quality``'s)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sat import scales
from sat.language import listed, percent, sourcing_basis
from sat.report.claims._base import Claim
from sat.techniques.quality import QualityResult

#: Why an item matters, and why its sourcing is thin.
IMPORTANT = {"linchpin": "an ACH linchpin", "diagnostic": "highly diagnostic"}
THIN = {
    "one_group": "resting on one independent source",
    "unsourced": "with no source",
    "weak_only": "sourced only from grades D–F or ungraded sources",
}


def overgraded_words(fact: Mapping[str, Any]) -> str:
    """Why an item weighted H claims more than its grades support."""
    if fact["kind"] == "information":
        grade = fact["information_credibility"]
        return (
            f"credibility H on information graded {grade} ({scales.INFORMATION_CREDIBILITY[grade]})"
        )
    if fact["kind"] == "ungraded":
        return f"credibility H on one ungraded source, {fact['source']}"
    return f"credibility H on one source, {fact['source']}, graded {fact['grade']}"


def critical_claims(result: QualityResult) -> list[Claim]:
    """Each item to re-check: why it matters and why its sourcing is thin."""
    ev = result.evidence_frame
    claims = []
    for e in result.critical:
        important, thin = tuple(ev.at[e, "important"]), tuple(ev.at[e, "thin"])
        matters = " and ".join(IMPORTANT[k] for k in important)
        text = f"{matters}, " + " and ".join(THIN[k] for k in thin)
        sources = tuple(ev.at[e, "sources"])
        if len(sources) > 1 and "one_group" in thin:
            text += f" ({listed(sources)}, of one origin, so one independent source)"
        elif sources:
            text += f" ({listed(sources)})"
        figures = {"item": e, "important": important, "thin": thin, "sources": sources}
        claims.append(Claim("quality.critical", f"{e}: {text}.", figures))
    return claims


def overgraded_claims(result: QualityResult) -> list[Claim]:
    """Each item weighted H beyond what its grades support."""
    return [
        Claim("quality.overgraded", f"{e}: {overgraded_words(fact)}.", {"item": e, **fact})
        for e, fact in result.overgraded.items()
    ]


def sourcing_claims(result: QualityResult) -> list[Claim]:
    """How well the evidence separating the leader from the runner-up is sourced, or why that
    cannot be measured."""
    sourcing = result.sourcing
    basis = sourcing.get("basis")
    if basis is None:
        return []
    if basis == "separating":
        leader, challenger = sourcing["leader"], sourcing["challenger"]
        text = (
            f"Sourcing of the lead is {sourcing['level']}: {percent(sourcing['share'])} of the evidence "
            f"separating {leader} from {challenger} (weighted by how far apart its ratings are) "
            "is corroborated by independent sources, at least one graded A–C."
        )
        figures = {k: sourcing[k] for k in ("leader", "challenger", "share", "level")}
        return [Claim("quality.sourcing", text, figures)]
    why = sourcing_basis(sourcing)
    figures = {k: sourcing[k] for k in ("basis", "leader", "challenger") if k in sourcing}
    text = f"Sourcing of the lead is not measured, since {why}."
    return [Claim("quality.sourcing_missing", text, figures)]


def quality_claims(result: QualityResult) -> list[Claim]:
    """Every claim of the Quality of Information Check, in the order a brief gives them."""
    return [*critical_claims(result), *overgraded_claims(result), *sourcing_claims(result)]
