"""Information gaps: the analyst's own list, and the gaps the case's data reveal.

Found from the data:

* hypotheses never tested against disconfirming evidence (no item rated I or II
  against them), which Heuer's step 5 needs: a hypothesis is judged by trying to
  disprove it; where an analyst's own vote did rate an item against one, that
  dissent is named beside it;
* kinds of evidence never collected (evidence types with no item);
* expected evidence recorded as absent (items of type absence of evidence),
  and whether the case records any at all (Heuer's step 2);
* unrated cells of the matrix, by hypothesis;
* items other than assumptions that cite no source.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8
   (steps 2 and 5) and ch. 10 (absence of evidence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sat import scales
from sat.case import Case

__all__ = ["GapsResult", "run"]

#: Evidence types whose absence is worth a line (``other`` is not).
EXPECTED_TYPES = tuple(t for t in scales.EVIDENCE_TYPES if t != "other")


@dataclass(frozen=True)
class GapsResult:
    """The result of ``run``; plain values only (the gaps in words:
    ``sat.report.claims.gaps.gaps_found``)."""

    listed: tuple[str, ...]
    untested: tuple[str, ...]
    missing_types: tuple[str, ...]
    absences: tuple[str, ...]
    unrated: dict[str, int]
    unsourced: tuple[str, ...]
    #: For untested hypotheses, the items an analyst's own vote rates against them, and who.
    dissent: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "listed": list(self.listed),
            "untested": list(self.untested),
            "missing_types": list(self.missing_types),
            "absences": list(self.absences),
            "unrated": dict(self.unrated),
            "unsourced": list(self.unsourced),
            "dissent": {h: {e: list(a) for e, a in v.items()} for h, v in self.dissent.items()},
        }


def run(case: Case) -> GapsResult:
    """Collect the information gaps of a case.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> gaps = run(load_case(EXAMPLE_CASE))
    >>> gaps.untested, "imagery" in gaps.missing_types
    (('H1',), True)
    """
    m = case.matrix
    disconfirmed = ((m.codes == "I") | (m.codes == "II")).any(axis=0)
    untested = tuple(np.array(m.hypothesis_ids, dtype=object)[~disconfirmed].tolist())
    present = {e.type for e in case.evidence}
    unrated = dict(zip(m.hypothesis_ids, (~m.rated).sum(axis=0).tolist(), strict=True))
    return GapsResult(
        listed=tuple(g.text for g in case.information_gaps),
        untested=untested,
        missing_types=tuple(t for t in EXPECTED_TYPES if t not in present),
        absences=tuple(e.id for e in case.evidence if e.type == "absence of evidence"),
        unrated=unrated,
        unsourced=tuple(e.id for e in case.evidence if not e.sources and e.type != "assumption"),
        dissent={h: v for h, v in m.votes_against().items() if h in untested},
    )
