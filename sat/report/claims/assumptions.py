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
        it, each = ("it", "it is") if one else ("each", "each is")
        claims.append(
            Claim(
                "assumptions.linchpin",
                f"Linchpin assumption{'' if one else 's'}: {_and(pins)} ({each} insecure, the "
                f"leading judgement relies on {it}, and dropping "
                f"{'it' if one else 'any one of them'} from the matrix changes who leads or "
                "whether the lead rests on the consistency tie-break).",
                {"assumptions": pins},
            )
        )
    untested = tuple(kac.untested)
    if untested:
        one = len(untested) == 1
        it, each, them = ("it", "it is", "it") if one else ("each", "each is", "them")
        claims.append(
            Claim(
                "assumptions.untested",
                f"Not tested in the matrix: {_and(untested)} ({each} insecure and the leading "
                f"judgement relies on {it}, but no item of evidence carries {them} into the "
                f"matrix, so nothing shows whether the judgement turns on {them}).",
                {"assumptions": untested},
            )
        )
    return claims
