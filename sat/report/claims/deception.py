"""The deception checks' recommendation in words: whether the ACH should weigh a deception
hypothesis, and why (Heuer & Pherson's MOM and POP; the weighing is ``sat.techniques.deception``'s,
the condition ``sat.report.conditions.deception``'s)."""

from __future__ import annotations

from sat.language import counted
from sat.report.claims._base import Claim, _and
from sat.techniques.deception import DeceptionResult


def deception_claims(result: DeceptionResult) -> list[Claim]:
    """The recommendation as one claim of kind ``deception.<recommendation>`` (``deception.unrated``
    when the deception hypotheses listed are rated against nothing)."""
    kind = result.recommendation
    if kind == "weighed":
        weighed = tuple(h for h in result.deception_hypotheses if h not in result.unrated_deception)
        text = f"The ACH weighs a deception hypothesis ({_and(weighed)})."
        return [Claim("deception.weighed", text, {"hypotheses": weighed})]
    return [*_recommendation(result, kind), *_unrated(result)]


def _unrated(result: DeceptionResult) -> list[Claim]:
    """Deception hypotheses listed but rated against nothing: not weighed yet."""
    listed = result.unrated_deception
    if not listed:
        return []
    text = (
        f"The ACH lists a deception hypothesis ({_and(listed)}) but rates it against no "
        "evidence, so deception is not weighed yet."
    )
    return [Claim("deception.unrated", text, {"hypotheses": listed})]


def _recommendation(result: DeceptionResult, kind: str) -> list[Claim]:
    if kind == "not_assessed":
        text = (
            "No actor has been assessed with the MOM and POP checklists, so whether any actor "
            "means to deceive is not measured."
        )
        return [Claim("deception.not_assessed", text, {})]
    if kind == "add":
        frame = result.subjects_frame
        worrying = tuple(
            (a, str(frame.at[a, "risk"]), len(frame.at[a, "reasons"]), int(frame.at[a, "answered"]))
            for a in result.worrying
        )
        parts = [
            f"{actor} a {risk} deception risk"
            + (" with a strong motive" if risk == "medium" else "")
            + f" ({high} of {counted(answered, 'answer')} rated high)"
            for actor, risk, high, answered in worrying
        ]
        text = f"The deception checks rate {_and(parts)}, and no deception hypothesis is weighed."
        return [Claim("deception.add", text, {"actors": worrying})]
    text = "No assessed actor shows a high deception risk, or a medium one with a strong motive."
    return [Claim("deception.not_needed", text, {})]
