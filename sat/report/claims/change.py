"""What changed between two versions of a case (``sat diff``, the brief's "What changed"), as claims.

The analytic diff (``sat.diff``) returns facts only: the changes, the leaders and
confidence of both versions, and each item's effect on the gap between two hypotheses. The
sentences are built here, each a claim whose condition (``sat.report.conditions.change``)
recomputes it from the two versions' cases: the counts of changes, the standing before and after
(a tie is said as a tie, nothing ranked as such), that the items named as reasons moved the gap the
way and by the amount stated, and the confidence levels.
"""

from __future__ import annotations

from collections.abc import Sequence

from sat.diff import DiffResult
from sat.report.claims._base import Claim, _and

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
    "hypothesis renamed": (
        "hypothesis given a new id (the same statement)",
        "hypotheses given new ids (the same statements)",
    ),
    "hypothesis changed": ("field of a hypothesis changed", "fields of hypotheses changed"),
    "evidence added": ("item of evidence added", "items of evidence added"),
    "evidence removed": ("item of evidence removed", "items of evidence removed"),
    "evidence changed": ("field of an item changed", "fields of items changed"),
    "rating changed": ("rating changed", "ratings changed"),
}


def _counted(kind: str, n: int) -> str:
    one, many = _KINDS.get(kind, (kind, kind))
    return f"{n} {one if n == 1 else many}"


def _moved_by(gap: float) -> str:
    """An item's part in the gap (always above 0: it grew), signed to two decimals; a part that
    rounds to nothing is said to be less than 0.01, never "+0.00"."""
    return f"{gap:+.2f}" if round(gap, 2) != 0 else "less than 0.01"


def _was(ids: Sequence[str], verb: str) -> str:
    return f"{_and(list(ids))} {'was' if len(ids) == 1 else 'were'} {verb}"


def diff_claims(result: DiffResult) -> list[Claim]:
    """The movement in sentences: what changed (counts by kind), whether the lead changed and
    which changes moved it (the largest first), and whether confidence moved (it can with nothing
    in the matrix changed: a source regraded, the Bayesian settings).

    A hypothesis is known by its id, and one given a new id with the same statement is the same
    hypothesis (``DiffResult.renamed``): a leader renamed is not a change of leader. A leader of
    either version that the other does not have is said to have been removed, or added."""
    changes = result.changes_frame
    counts = changes["kind"].value_counts()
    before, after = tuple(result.old_leader), tuple(result.new_leader)
    renamed = dict(result.renamed)
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
        claims.append(_leader_changed(result, before, after, renamed))
    elif not counts.empty:  # with nothing changed, "the same" says the standing is too
        formerly = {h: was for was, h in renamed.items() if h in after}
        said = ", ".join(f"{h} formerly {was}" for h, was in formerly.items())
        text = (
            "No hypothesis is ranked in either version."
            if not after
            else f"The leader is unchanged ({after[0]}, formerly {formerly[after[0]]})."
            if len(after) == 1 and formerly
            else f"The leader is unchanged ({after[0]})."
            if len(after) == 1
            else f"The lead is unchanged: {standing(after)}{'; ' + said if said else ''}."
        )
        claims.append(Claim("diff.unchanged", text, {"leaders": after, "formerly": formerly}))
    if result.old_confidence != result.new_confidence:
        old, new = result.old_confidence, result.new_confidence
        text = f"Confidence moved from {_level(old)} to {_level(new)}."
        claims.append(Claim("diff.confidence", text, {"before": old, "after": new}))
    return claims


def _leader_changed(
    result: DiffResult, before: tuple[str, ...], after: tuple[str, ...], renamed: dict[str, str]
) -> Claim:
    """The change of lead, what became of the old leaders (removed, given a new id) and of the
    new (added), and the changes that moved the gap between the pair the most."""
    changes = result.changes_frame
    gone = set(changes.loc[changes["kind"] == "hypothesis removed", "item"])
    came = set(changes.loc[changes["kind"] == "hypothesis added", "item"])
    removed = tuple(h for h in before if h in gone)
    added = tuple(h for h in after if h in came)
    named = {h: renamed[h] for h in before if h in renamed}
    named |= {was: h for was, h in renamed.items() if h in after}
    single = len(before) == 1 and len(after) == 1
    moved = (
        f"The {'leader' if single else 'lead'} changed from {standing(before)} to {standing(after)}"
    )
    pair = result.pair
    reasons: tuple[tuple[str, float], ...] = ()
    if pair is not None:
        gaps = result.attribution_frame["gap"]
        reasons = tuple((str(e), float(g)) for e, g in gaps[gaps > 1e-12].head(REASONS).items())
    notes = [
        *([_was(removed, "removed")] if removed else []),
        *([_was(added, "added")] if added else []),
        *(f"{was} is now {h}" for was, h in named.items()),
    ]
    if reasons and pair is not None:
        causes = result.attribution_frame["cause"]
        said = "; ".join(f"{e} ({causes[e]}, {_moved_by(g)})" for e, g in reasons)
        notes.append(
            f"the evidence against {pair[0]} grew, or that against {pair[1]} shrank, by these "
            f"changes: {said}"
        )
    text = f"{moved}: {'; '.join(notes)}." if notes else f"{moved}."
    figures = {
        "before": before,
        "after": after,
        "pair": pair,
        "reasons": reasons,
        "removed": removed,
        "added": added,
        "renamed": named,
    }
    return Claim("diff.leader_changed", text, figures)
