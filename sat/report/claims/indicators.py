"""Why an indicator would shift the judgement, in words: the watch list's and the warnings' reasons.

``sat.techniques.indicators`` gives each indicator on the watch list (open) or among the
warnings (observed) its ``effect`` (``undermines_leader`` or ``supports_challenger``) and, for a
challenger, its ``steps`` from the lead. Here each becomes a phrase ("would undermine the
leader, H1"; "would support H3, 1 step from the lead"; once observed, "undermines ...",
"supports ..."), a claim whose condition ``sat.report.conditions.indicators`` tests against the
case's indicators and the matrix's scores.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sat.language import counted
from sat.report.claims._base import Claim

__all__ = ["indicators_data", "reason", "reason_claims", "said"]


def reason(effect: str, hypothesis: str, steps: int | None, *, tied: bool, seen: bool) -> str:
    """Why an indicator bears on the judgement, as a phrase.

    Examples
    --------
    >>> reason("supports_challenger", "H3", 1, tied=False, seen=False)
    'would support H3, 1 step from the lead'
    >>> reason("undermines_leader", "H1", None, tied=True, seen=True)
    'undermines H1, tied for the lead'
    """
    if effect == "undermines_leader":
        verb = "undermines" if seen else "would undermine"
        return (
            f"{verb} {hypothesis}, tied for the lead"
            if tied
            else f"{verb} the leader, {hypothesis}"
        )
    if effect == "supports_challenger":
        verb = "supports" if seen else "would support"
        far = "" if steps is None else f", {counted(int(steps), 'step')} from the lead"
        return f"{verb} {hypothesis}{far}"
    raise ValueError(f"no words for the indicator effect {effect!r}")


def _steps(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def reason_claims(result: Any) -> list[Claim]:
    """Each reason of the watch list, then of the warnings, as a claim (``indicators.watch``,
    ``indicators.warning``) citing the indicator, its hypothesis, effect, steps and whether the
    lead is tied."""
    tied = len(result.leader) > 1
    claims = []
    for kind, frame, seen in (
        ("indicators.watch", result.watch_frame, False),
        ("indicators.warning", result.warnings_frame, True),
    ):
        for i, row in frame.iterrows():
            steps = _steps(row["steps"])
            text = reason(row["effect"], row["hypothesis"], steps, tied=tied, seen=seen)
            figures = {
                "indicator": str(i),
                "hypothesis": row["hypothesis"],
                "effect": row["effect"],
                "steps": steps,
                "tied": tied,
            }
            claims.append(Claim(kind, text, figures))
    return claims


def said(frame: pd.DataFrame, result: Any, *, seen: bool) -> pd.DataFrame:
    """The watch list (or, ``seen``, the warnings) with ``why`` in words in place of the facts
    ``effect`` and ``steps``, as the text and HTML views show it."""
    tied = len(result.leader) > 1
    why = [
        reason(row["effect"], row["hypothesis"], _steps(row["steps"]), tied=tied, seen=seen)
        for _, row in frame.iterrows()
    ]
    return frame.drop(columns=["effect", "steps"]).assign(why=pd.Series(why, index=frame.index))


def indicators_data(result: Any) -> dict[str, Any]:
    """The result as ``sat indicators --json`` gives it: the watch list and warnings with
    ``why`` in words in place of ``effect`` and ``steps``."""
    data = result.to_dict()
    tied = len(result.leader) > 1
    for key, seen in (("watch", False), ("warnings", True)):
        records = []
        for record in data[key]:
            why = reason(
                record["effect"], record["hypothesis"], record["steps"], tied=tied, seen=seen
            )
            kept = {k: v for k, v in record.items() if k not in ("effect", "steps")}
            records.append({**kept, "why": why})
        data[key] = records
    return data
