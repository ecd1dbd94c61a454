"""Devil's advocacy in words: the strongest case for a challenger against the leading hypothesis,
strongest point first (Heuer & Pherson: devil's advocacy; the changes are ``sat.techniques.advocacy``'s)."""

from __future__ import annotations

from sat import scales
from sat.language import counted
from sat.report.claims._base import Claim
from sat.techniques.advocacy import AdvocacyResult

#: Items named under "re-examine first".
FIRST = 3

#: Credibility levels in words.
_LEVEL = {"H": "high", "M": "medium", "L": "low"}


def _insecure(rating: str | None) -> str:
    """An insecure assumption's rating in words (Key Assumptions Check)."""
    return {"unsupported": "unsupported, a key uncertainty", "caveats": "correct with caveats"}.get(
        rating or "", "not rated"
    )


#: Rating codes from most consistent to most inconsistent: a step is one place along it.
_SCALE = ("CC", "C", "N", "I", "II")


def _steps(a: str, b: str) -> int:
    """How many one-step changes take a rating from ``a`` to ``b`` (1 when either is off the
    scale)."""
    if a not in _SCALE or b not in _SCALE:
        return 1
    return abs(_SCALE.index(a) - _SCALE.index(b))


def advocacy_claims(result: AdvocacyResult) -> list[Claim]:
    """The argument as claims: the rating changes, the credibility changes (or that none would
    do), the items to re-examine first and the insecure assumptions the leader rests on."""
    leader, challenger = result.leader, result.challenger
    if leader is None:
        return [
            Claim(
                "advocacy.no_leader",
                "No hypothesis leads: there is no mainline judgement to challenge.",
                {},
            )
        ]
    if challenger is None:
        return [
            Claim(
                "advocacy.no_challenger",
                "No other hypothesis is rated against the evidence: there is no challenger to "
                f"argue for against {leader}.",
                {"leader": leader},
            )
        ]
    claims = []
    if result.rating_steps is not None:
        moves = tuple(
            (r["evidence"], r["hypothesis"], r["from"], r["to"])
            for _, r in result.rating_plan.iterrows()
        )
        said = "; ".join(
            f"{e} re-rated from {scales.RATING_MEANING[a]} to {scales.RATING_MEANING[b]} with {h}"
            + (f" ({n} steps)" if (n := _steps(a, b)) > 1 else "")
            for e, h, a, b in moves
        )
        claims.append(
            Claim(
                "advocacy.ratings",
                f"{counted(result.rating_steps, 'one-step rating change')} would put {challenger} ahead of "
                f"{leader}: {said}.",
                {
                    "leader": leader,
                    "challenger": challenger,
                    "steps": result.rating_steps,
                    "moves": moves,
                },
            )
        )
    if result.credibility_steps is not None:
        moves = tuple(
            (r["evidence"], r["from"], r["to"]) for _, r in result.credibility_plan.iterrows()
        )
        said = "; ".join(f"{e}'s credibility from {_LEVEL[a]} to {_LEVEL[b]}" for e, a, b in moves)
        claims.append(
            Claim(
                "advocacy.credibility",
                f"With the ratings unchanged, {counted(result.credibility_steps, 'one-step credibility change')} "
                f"would do the same: {said}.",
                {
                    "leader": leader,
                    "challenger": challenger,
                    "steps": result.credibility_steps,
                    "moves": moves,
                },
            )
        )
    else:
        claims.append(
            Claim(
                "advocacy.no_credibility",
                "No change of credibility alone, the ratings left as they are, would put "
                f"{challenger} ahead.",
                {"leader": leader, "challenger": challenger},
            )
        )
    if not result.key_evidence.empty:
        first = tuple(result.key_evidence.index[:FIRST])
        what = "the item that most separates" if len(first) == 1 else "the items that most separate"
        claims.append(
            Claim(
                "advocacy.reexamine",
                f"Re-examine first: {', '.join(first)}, {what} {leader} from {challenger}.",
                {"leader": leader, "challenger": challenger, "items": first},
            )
        )
    table = result.assumptions
    if not table.empty:
        weak = table[table["rating"].isin(["unsupported", "caveats"]) | table["rating"].isna()]
        if not weak.empty:
            # an unrated assumption is None, never the frame's NaN (--json stays valid JSON)
            listed = tuple(
                (str(a), r["rating"] if isinstance(r["rating"], str) else None)
                for a, r in weak.iterrows()
            )
            claims.append(
                Claim(
                    "advocacy.assumptions",
                    f"{leader} rests on "
                    + ("an insecure assumption: " if len(listed) == 1 else "insecure assumptions: ")
                    + "; ".join(f"{a} ({_insecure(r)})" for a, r in listed)
                    + ".",
                    {"leader": leader, "assumptions": listed},
                )
            )
    return claims
