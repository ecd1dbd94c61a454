"""The Key Assumptions Check in words: which insecure assumptions the leading judgement turns on,
and which it relies on without the matrix ever testing them (Heuer & Pherson; the Tradecraft
Primer's Key Assumptions Check; the test is ``sat.techniques.assumptions``')."""

from __future__ import annotations

from sat.report.claims._base import Claim, _and
from sat.techniques.assumptions import KACResult


def assumption_claims(kac: KACResult) -> list[Claim]:
    """The linchpin assumptions and the untested ones, each said only when there are some."""
    claims = []
    pins = tuple(kac.linchpins)
    if pins:
        one = len(pins) == 1
        claims.append(
            Claim(
                "assumptions.linchpin",
                f"Linchpin assumption{'' if one else 's'}: {_and(list(pins))} "
                f"({'it is' if one else 'each is'} insecure, the leading judgement relies on "
                f"{'it' if one else 'each'}, and dropping {'it' if one else 'any one of them'} "
                "from the matrix changes who leads or whether the lead rests on the consistency "
                "tie-break).",
                {"assumptions": pins},
            )
        )
    untested = tuple(kac.untested)
    if untested:
        one = len(untested) == 1
        claims.append(
            Claim(
                "assumptions.untested",
                f"Not tested in the matrix: {_and(list(untested))} "
                f"({'it is' if one else 'each is'} insecure and the leading judgement relies on "
                f"{'it' if one else 'each'}, but no item of evidence carries "
                f"{'it' if one else 'them'} into the matrix, so nothing shows whether the "
                "judgement turns on " + ("it" if one else "them") + ").",
                {"assumptions": untested},
            )
        )
    return claims
