"""Where the analysts disagree, as claims (the confidence sentence's parts are
``sat.report.claims.confidence``'s)."""

from __future__ import annotations

from sat.case import Case
from sat.report.claims._base import Claim, _and, _name
from sat.techniques.consensus import ConsensusResult


def dissent_claims(case: Case, consensus: ConsensusResult | None) -> list[Claim]:
    """Who each analyst's own ratings put first, when they do not all agree (Open Synthesis
    readings: an analyst's votes where they voted, the agreed ratings elsewhere)."""
    if consensus is None or not consensus.leaders_differ:
        return []
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, leader in consensus.leaders.items():  # the analysts only: the median is apart
        groups.setdefault(tuple(leader), []).append(name)

    def first(leader: tuple[str, ...]) -> str:
        names = _and([_name(case, h) for h in leader])
        return (
            "no hypothesis is ranked"
            if not leader
            else names + (" comes first" if len(leader) == 1 else " tie for first")
        )

    said = "; ".join(f"{first(leader)} for {_and(who)}" for leader, who in groups.items())
    median = tuple(consensus.consensus_leaders)
    return [
        Claim(
            "consensus.dissent",
            "The analysts disagree. Read with each analyst's own votes (the case's recorded "
            f"ratings where they did not vote), {said}. With the median of their votes, "
            f'{first(median)}. The judgement above rests on the recorded ratings; see "Where the '
            'analysts disagree".',
            {"groups": {leader: tuple(who) for leader, who in groups.items()}, "median": median},
        )
    ]
