"""What changed between two versions of a case (``sat diff``, the brief's "What changed"), as claims.

The analytic diff (``sat.techniques.diff``) returns facts only: the changes, the leaders and
confidence of both versions, and each item's effect on the gap between two hypotheses. The
sentences are built here, each a claim whose condition (``sat.report.conditions.change``)
recomputes it from the two versions' cases: the counts of changes, the standing before and after
(a tie is said as a tie, nothing ranked as such), that the items named as reasons moved the gap the
way and by the amount stated, and the confidence levels.
"""

from __future__ import annotations

from collections.abc import Sequence

from sat.report.claims._base import Claim
from sat.techniques.diff import DiffResult

#: How many items, at most, a change of leader is explained by (the largest movers first).
REASONS = 4


def standing(leaders: Sequence[str]) -> str:
    """Who leads a version, in words: the leader, the tied (no leader), or nothing ranked."""
    if len(leaders) > 1:
        return f"{' = '.join(leaders)} (tied)"
    return leaders[0] if leaders else "no hypothesis ranked"


def _level(level: str | None) -> str:
    return level if level is not None else "not assessed"


#: How a count of each kind of change reads (one, many): the changed fields of a hypothesis or an
#: item are counted one by one, as the table of changes lists them.
_KINDS = {
    "hypothesis added": ("hypothesis added", "hypotheses added"),
    "hypothesis removed": ("hypothesis removed", "hypotheses removed"),
    "hypothesis changed": ("field of a hypothesis changed", "fields of hypotheses changed"),
    "evidence added": ("item of evidence added", "items of evidence added"),
    "evidence removed": ("item of evidence removed", "items of evidence removed"),
    "evidence changed": ("field of an item changed", "fields of items changed"),
    "rating changed": ("rating changed", "ratings changed"),
}


def _counted(kind: str, n: int) -> str:
    one, many = _KINDS.get(kind, (kind, kind))
    return f"{n} {one if n == 1 else many}"


def diff_claims(result: DiffResult) -> list[Claim]:
    """The movement in sentences: what changed (counts by kind), whether the lead changed and
    which changes moved it (the largest first), and whether confidence moved (it can with nothing
    in the matrix changed: a source regraded, the Bayesian settings)."""
    counts = result.changes_frame["kind"].value_counts()
    before, after = tuple(result.old_leader), tuple(result.new_leader)
    if counts.empty:
        text = (
            "Nothing changed between the two versions in the hypotheses, the evidence or the "
            "ratings."
        )
        claims = [Claim("diff.same", text, {})]
    else:
        tally = {str(kind): int(n) for kind, n in counts.items()}
        listed = ", ".join(_counted(kind, n) for kind, n in tally.items())
        claims = [Claim("diff.changes", f"Changes: {listed}.", {"counts": tally})]
    if result.leader_changed:
        single = len(before) == 1 and len(after) == 1
        moved = (
            f"The {'leader' if single else 'lead'} changed from {standing(before)} to "
            f"{standing(after)}"
        )
        pair = result.pair
        reasons: tuple[tuple[str, float], ...] = ()
        if pair is not None:
            gaps = result.attribution_frame["gap"]
            reasons = tuple((str(e), float(g)) for e, g in gaps[gaps > 1e-12].head(REASONS).items())
        causes = result.attribution_frame["cause"]
        said = "; ".join(f"{e} ({causes[e]}, {g:+.2f})" for e, g in reasons)
        text = (
            f"{moved}: the evidence against {pair[0]} grew, or that against {pair[1]} shrank, by "
            f"these changes: {said}."
            if reasons and pair is not None
            else f"{moved}."
        )
        figures = {"before": before, "after": after, "pair": pair, "reasons": reasons}
        claims.append(Claim("diff.leader_changed", text, figures))
    elif not counts.empty:  # with nothing changed, "the same" says the standing is too
        text = (
            "No hypothesis is ranked in either version."
            if not after
            else f"The leader is unchanged ({after[0]})."
            if len(after) == 1
            else f"The lead is unchanged: {standing(after)}."
        )
        claims.append(Claim("diff.unchanged", text, {"leaders": after}))
    if result.old_confidence != result.new_confidence:
        old, new = result.old_confidence, result.new_confidence
        text = f"Confidence moved from {_level(old)} to {_level(new)}."
        claims.append(Claim("diff.confidence", text, {"before": old, "after": new}))
    return claims
