"""Deception checks: MOM, POP, MOSES and EVE, answered in the case and weighed here.

The case answers the checklists per actor (MOM: motive, opportunity and means;
POP: past opposition practices) and per source (MOSES: manipulability of
sources), with EVE (evaluation of evidence) for either. Each answer carries a
rating of how strongly it points to deception (H = 1, M = 0.5, L = 0).

* A subject's **risk** is the mean of its answered ratings: at least 0.6 is
  *high*, at least 0.35 *medium*, otherwise *low*; with no answers it is not
  assessed. An actor is assessed only once some MOM or POP question (the actor
  checklists) is answered: EVE answers bear on the evidence, and alone they say
  nothing of the actor's motive, means or record. The reasons are the notes of
  its H answers.
* A source's **manipulability** is the mean of its MOSES answers; items citing a
  source whose manipulability is at least 0.6 are **exposed**.
* **Add a deception hypothesis** to the ACH when none is weighed (listed and
  rated against some item) and some actor's risk is high, or medium with motive
  rated H.

References
----------
.. [1] R. J. Heuer Jr. and R. H. Pherson, *Structured Analytic Techniques for
   Intelligence Analysis* (deception detection checklists; secondary copies).
.. [2] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 step 6
   (deception is considered where the conclusion hinges on a few items).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sat import scales
from sat.case import Case
from sat.techniques._frames import FrameCopy, records_frame
from sat.techniques.ach import scored

__all__ = ["DeceptionResult", "run"]

_VALUE = {"H": 1.0, "M": 0.5, "L": 0.0}
HIGH, MEDIUM = 0.6, 0.35
EXPOSED = 0.6


def _on_actor(question: str) -> bool:
    """Whether a question is of the actor checklists (MOM, POP)."""
    return question.startswith(("mom.", "pop."))


def _level(score: float | None) -> str | None:
    if score is None:
        return None
    return "high" if score >= HIGH else "medium" if score >= MEDIUM else "low"


@dataclass(frozen=True)
class DeceptionResult:
    """The result of ``run``.

    Attributes
    ----------
    subjects : pandas.DataFrame
        By subject: ``kind``, ``answered``, ``unanswered`` (question ids),
        ``score``, ``risk``, ``manipulability`` (sources), ``reasons``.
    exposed : pandas.DataFrame
        Evidence items citing highly manipulable sources: ``sources``, ``summary``.
    add_hypothesis : bool or None
        Whether to add a deception hypothesis to the ACH (None: no actor assessed).
    worrying : tuple of str
        The assessed actors whose risk is high, or medium with motive rated H, in
        case order (empty when a deception hypothesis is already weighed, that is
        listed and rated against some item).
    deception_hypotheses : tuple of str
        The hypotheses of kind deception the case lists.
    unrated_deception : tuple of str
        Those of them rated against nothing (no code other than NA): listed, not
        yet weighed.

    ``recommendation`` names which of the four outcomes it is; the words are the
    presentation layer's (``sat.report.claims.deception``).
    """

    subjects_frame: pd.DataFrame = field(repr=False)
    exposed_frame: pd.DataFrame = field(repr=False)
    add_hypothesis: bool | None
    worrying: tuple[str, ...] = ()
    deception_hypotheses: tuple[str, ...] = ()
    unrated_deception: tuple[str, ...] = ()

    subjects = FrameCopy()
    exposed = FrameCopy()

    @property
    def high_risk(self) -> tuple[str, ...]:
        """Actors and sources whose deception risk is high."""
        s = self.subjects_frame
        return tuple(s.index[s["risk"] == "high"])

    @property
    def recommendation(self) -> str:
        """``weighed`` (a deception hypothesis is rated in the ACH), ``not_assessed`` (no actor
        has answers), ``add`` (some actor is worrying) or ``not_needed``. A deception
        hypothesis listed but rated against nothing is not weighed: the actors decide."""
        if set(self.deception_hypotheses) - set(self.unrated_deception):
            return "weighed"
        if self.add_hypothesis is None:
            return "not_assessed"
        return "add" if self.add_hypothesis else "not_needed"

    def to_dict(self) -> dict[str, Any]:
        subjects = []
        for subject, row in self.subjects_frame.iterrows():
            subjects.append(
                {
                    "subject": subject,
                    "kind": row["kind"],
                    "answered": int(row["answered"]),
                    "unanswered": list(row["unanswered"]),
                    "score": None if row["score"] is None else round(float(row["score"]), 6),
                    "risk": row["risk"],
                    "manipulability": None
                    if row["manipulability"] is None
                    else round(float(row["manipulability"]), 6),
                    "reasons": list(row["reasons"]),
                }
            )
        return {
            "subjects": subjects,
            "exposed": [
                {"id": e, "sources": list(r["sources"]), "summary": r["summary"]}
                for e, r in self.exposed_frame.iterrows()
            ],
            "add_deception_hypothesis": self.add_hypothesis,
            "recommendation": self.recommendation,
            "worrying": list(self.worrying),
            "deception_hypotheses": list(self.deception_hypotheses),
            "unrated_deception": list(self.unrated_deception),
        }


def run(case: Case) -> DeceptionResult:
    """Weigh the case's deception checklists.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> result = run(load_case(EXAMPLE_CASE))
    >>> result.subjects.loc["Chinese government", "risk"], result.add_hypothesis
    ('high', True)
    """
    rows = []
    for entry in case.deception:
        values = {q: _VALUE[a.rating] for q, a in entry.answers.items()}
        assessed = bool(values) and (entry.kind != "actor" or any(map(_on_actor, values)))
        score = sum(values.values()) / len(values) if assessed else None
        moses = [v for q, v in values.items() if q.startswith("moses.")]
        rows.append(
            {
                "subject": entry.subject,
                "kind": entry.kind,
                "answered": len(values),
                "unanswered": tuple(
                    q for q in scales.deception_questions(entry.kind) if q not in entry.answers
                ),
                "score": score,
                "risk": _level(score),
                "manipulability": sum(moses) / len(moses) if moses else None,
                "reasons": tuple(
                    f"{q}: {a.note}" if a.note else q
                    for q, a in entry.answers.items()
                    if a.rating == "H"
                ),
                "motive": entry.answers["mom.motive"].rating
                if "mom.motive" in entry.answers
                else None,
            }
        )
    columns = [
        "kind",
        "answered",
        "unanswered",
        "score",
        "risk",
        "manipulability",
        "reasons",
        "motive",
    ]
    subjects = records_frame(rows, "subject", columns)

    manipulable = {
        r["subject"]
        for r in rows
        if r["kind"] == "source"
        and r["manipulability"] is not None
        and r["manipulability"] >= EXPOSED
    }
    exposed = records_frame(
        [
            {
                "id": e.id,
                "sources": tuple(s for s in e.sources if s in manipulable),
                "summary": e.summary,
            }
            for e in case.evidence
            if manipulable & set(e.sources)
        ],
        "id",
        ["sources", "summary"],
    )

    deceptive = tuple(h.id for h in case.hypotheses if h.kind == "deception")
    rated = dict(
        zip(case.matrix.hypothesis_ids, scored(case.matrix.index).any(axis=0), strict=True)
    )
    unrated = tuple(h for h in deceptive if not rated.get(h, False))
    actors = [r for r in rows if r["kind"] == "actor" and r["score"] is not None]
    worrying: tuple[str, ...] = ()
    if len(unrated) < len(deceptive):  # one is weighed: rated against some item
        add = False
    elif not actors:
        add = None
    else:
        worrying = tuple(
            r["subject"]
            for r in actors
            if r["risk"] == "high" or (r["risk"] == "medium" and r["motive"] == "H")
        )
        add = bool(worrying)
    return DeceptionResult(
        subjects_frame=subjects.drop(columns=["motive"]),
        exposed_frame=exposed,
        add_hypothesis=add,
        worrying=worrying,
        deception_hypotheses=deceptive,
        unrated_deception=unrated,
    )
