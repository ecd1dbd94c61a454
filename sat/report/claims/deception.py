"""The deception checks' recommendation in words: whether the ACH should weigh a deception
hypothesis, and why (Heuer & Pherson's MOM and POP; the weighing is ``sat.techniques.deception``'s,
the condition ``sat.report.conditions.deception``'s)."""

from __future__ import annotations

from sat.report.claims._base import Claim, _and
from sat.techniques.deception import DeceptionResult


def deception_claims(result: DeceptionResult) -> list[Claim]:
    """The recommendation as one claim of kind ``deception.<recommendation>``."""
    kind = result.recommendation
    if kind == "weighed":
        hypotheses = result.deception_hypotheses
        text = f"The ACH already weighs a deception hypothesis ({_and(hypotheses)})."
        return [Claim("deception.weighed", text, {"hypotheses": hypotheses})]
    if kind == "not_assessed":
        text = "No actor has been assessed with MOM and POP, so no deception risk is measured."
        return [Claim("deception.not_assessed", text, {})]
    if kind == "add":
        actors = result.worrying
        has = "has" if len(actors) == 1 else "have"
        text = (
            f"The deception checks find that {_and(actors)} {has} the motive and means to "
            "deceive, and no deception hypothesis is weighed."
        )
        return [Claim("deception.add", text, {"actors": actors})]
    text = "No assessed actor shows a high deception risk (or a medium one with a strong motive)."
    return [Claim("deception.not_needed", text, {})]
