"""The case: the immutable model of one analytic problem.

A case holds the question, the sources (graded on the Admiralty scale), the
competing hypotheses and the evidence with its ratings against each hypothesis.
Later techniques add their own sections. Models are frozen: editing returns a
copy (``case.model_copy(update=...)``), so results computed from a case can
never drift from it. The parts of the case live in ``sat.models`` (field types and
item models) and ``sat.matrix`` (the ratings as arrays); this module offers every one of them
under the name it has always had.

Build one with ``sat.load_case`` (which reports every problem with its file
and line) or directly in Python:

>>> case = Case(
...     id="demo", title="Demo", question="Why?", date="2026-01-07", analysts=["A. Analyst"],
...     hypotheses=[{"id": "H1", "label": "One", "statement": "The first explanation."},
...                 {"id": "H2", "label": "Two", "statement": "The second explanation."}],
...     evidence=[{"id": "E1", "summary": "Something seen.", "ratings": {"H1": "C", "H2": "II"}}],
... )
>>> case.evidence[0].rating("H2"), case.evidence[0].rating("H1"), case.evidence[0].credibility
('II', 'C', 'M')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from sat import scales
from sat.checks import (
    as_tuple,
    estimate_notes,
    prior_notes,
    prior_probabilities,
    reference_problems,
    split_event_ref,
)
from sat.ids import locator
from sat.matrix import Matrix
from sat.models.actors import Actor, Relation
from sat.models.challenges import Answer, Assumption, DeceptionCheck, Indicator
from sat.models.evidence import BayesSettings, Elicitation, Evidence, Hypothesis, Source
from sat.models.fields import (
    FrozenDict,
    Id,
    Level,  # noqa: F401 -- offered
    Model,
    OneLine,  # noqa: F401 -- offered
    PositiveProbability,  # noqa: F401 -- offered
    Probability,
    Rating,  # noqa: F401 -- offered
    Text,
    Title,
    Url,  # noqa: F401 -- offered
    frozen,
    scale_keys,
)
from sat.models.futures import (
    Event,
    Futures,
    Scenario,
    TimelineEntry,  # noqa: F401 -- offered
)
from sat.models.judgements import (
    Implications,
    InformationGap,
    KeyJudgement,
    PreviousAssessment,
    Recommendations,
    Resolution,  # noqa: F401 -- offered
)
from sat.models.quantities import (
    DEFAULT_QUANTILES,
    Quantity,
    QuantityAnswer,
    Realization,  # noqa: F401 -- offered
    quantile_problems,
)

# The field types and item models live in sat.models, the rating matrix in sat.matrix; the
# imports marked "offered" are not used here but imported from sat.case as they always were.
__all__ = [
    "Actor",
    "Answer",
    "Assumption",
    "BayesSettings",
    "Case",
    "DeceptionCheck",
    "Event",
    "Evidence",
    "Futures",
    "Hypothesis",
    "Implications",
    "Indicator",
    "KeyJudgement",
    "PreviousAssessment",
    "Quantity",
    "QuantityAnswer",
    "Recommendations",
    "Relation",
    "Scenario",
    "Source",
    "estimate_notes",
    "prior_notes",
    "prior_probabilities",
    "reference_problems",
    "select_evidence",
    "split_event_ref",
]


def _gap(value: Any) -> Any:
    # A gap written as plain text is a gap with no observation.
    return {"text": value} if isinstance(value, str) else value


class Case(Model):
    """One analytic problem: question, sources, hypotheses, evidence, and the analyst's own text.

    ``implications``, ``recommendations``, ``information_gaps`` and ``tags`` are
    written by the analyst; the brief shows them as given and says "not assessed"
    when they are missing, never inventing them.
    """

    id: Id
    title: Title
    question: Text
    date: dt.date
    analysts: Annotated[tuple[Title, ...], BeforeValidator(as_tuple)] = Field(min_length=1)
    summary: Text | None = Field(None, description="Background, in a few sentences.")
    sources: tuple[Source, ...] = ()
    hypotheses: tuple[Hypothesis, ...] = Field(min_length=2)
    evidence: tuple[Evidence, ...] = ()
    exclusive: bool = Field(
        True,
        description="Whether the hypotheses are meant to be mutually exclusive (ACH assumes so).",
    )
    assumptions: tuple[Assumption, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    checklist: Annotated[frozen(Mapping[str, Text]), scale_keys(scales.CHECKLIST)] = Field(
        default_factory=lambda: FrozenDict({}),
        description="The analyst's answers to Heuer's checklist, by question id.",
    )
    deception: tuple[DeceptionCheck, ...] = ()
    bayes: BayesSettings = Field(default_factory=BayesSettings)
    estimates: frozen(Mapping[Title, frozen(Mapping[Id, Probability])]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="Each analyst's own probabilities, by analyst: {H1: 0.6, H2: 0.3, ...} for the "
        "hypotheses (every one of them: a set that leaves one out is not pooled), and for events "
        "and scenarios by their ids. sat estimates makes each set coherent and pools them.",
    )
    elicitation: frozen(Mapping[Title, Elicitation]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="Blind rating sessions, by analyst: the random order the items were shown in "
        "(and its seed) and the order they were rated in.",
    )
    quantiles: Annotated[tuple[Probability, ...], BeforeValidator(as_tuple)] = Field(
        DEFAULT_QUANTILES,
        description="The quantiles every answer to a quantity gives, increasing (default 5%, 50%, "
        "95%; Excalibur studies often use 5, 25, 50, 75, 95%).",
    )
    quantities: tuple[Quantity, ...] = Field(
        (),
        description="Numbers the team estimates: seed questions with a known `realization` (they "
        "earn the analysts their weights) and targets with a `resolution`.",
    )
    quantity_estimates: frozen(Mapping[Title, tuple[QuantityAnswer, ...]]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="Each analyst's answers, by analyst: {quantity, round, entered, values} with "
        "the value at each of the case's quantiles, or IDEA's {lowest, best, highest, confidence}.",
    )
    events: tuple[Event, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    futures: Futures | None = None
    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
    provenance: frozen(Mapping[str, str]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="Where the case came from: the importing tool's fields that sat does not model, kept "
        "so that exporting back loses nothing (e.g. achz:CLASSIFICATION).",
    )

    information_gaps: tuple[
        Annotated[
            InformationGap, BeforeValidator(_gap, json_schema_input_type=Text | InformationGap)
        ],
        ...,
    ] = Field(
        (),
        description="What the analyst knows is missing: a line of text, or {text, observation, "
        "ratings} when it can be phrased as an observation.",
    )
    key_judgements: tuple[KeyJudgement, ...] = Field(
        (),
        description="The analyst's key judgements: {text, about} each, in their own words; the "
        "reader's brief opens with them and sat review checks them against the analysis.",
    )
    previous_assessment: PreviousAssessment | None = None
    implications: Implications | None = None
    recommendations: Recommendations | None = None
    tags: tuple[Title, ...] = Field((), description="Thematic tags.")

    @field_validator("checklist", mode="after")
    @classmethod
    def _known_checklist(cls, value: Mapping[str, Any]) -> Mapping[str, Any]:
        unknown = [key for key in value if key not in scales.CHECKLIST]
        if unknown:
            raise ValueError(
                f"unknown checklist question {', '.join(repr(k) for k in unknown)} "
                f"(allowed: {', '.join(scales.CHECKLIST)})"
            )
        return value

    @field_validator("quantiles", mode="after")
    @classmethod
    def _quantiles(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        problems = quantile_problems(value)
        if problems:
            raise ValueError(problems[0])
        return value

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Case:
        if info.context and info.context.get("references_checked"):
            return self
        problems = reference_problems(self)
        if problems:
            where = locator(self)
            raise ValueError("; ".join(f"{where(loc)[0]}: {msg}" for loc, msg in problems))
        return self

    @cached_property
    def matrix(self) -> Matrix:
        """The ratings as arrays, computed once per case (copies compute their own)."""
        return Matrix(self)

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        # id -> object per section, built on first lookup (a linear search per lookup is
        # quadratic over a large case)
        return {
            section: {item.id: item for item in getattr(self, section)}
            for section in ("hypotheses", "sources", "evidence")
        }

    def _drop_caches(self) -> None:
        for name in ("matrix", "_by_id"):
            self.__dict__.pop(name, None)

    def __copy__(self) -> Case:
        # model_copy(update=...) copies __dict__, caches included: drop them so an edited copy
        # never reuses the original's matrix or lookups.
        new = super().__copy__()
        new._drop_caches()
        return new

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Case:
        new = super().__deepcopy__(memo)
        new._drop_caches()
        return new

    def hypothesis(self, hypothesis_id: str) -> Hypothesis:
        """The hypothesis with this id (``KeyError`` if there is none)."""
        return self._by_id["hypotheses"][hypothesis_id]

    def source(self, source_id: str) -> Source:
        """The source with this id (``KeyError`` if there is none)."""
        return self._by_id["sources"][source_id]

    def item(self, evidence_id: str) -> Evidence:
        """The evidence item with this id (``KeyError`` if there is none)."""
        return self._by_id["evidence"][evidence_id]

    def counts(self) -> dict[str, Any]:
        """The case in counts: its id, hypotheses, evidence items, sources and unrated cells."""
        return {
            "id": self.id,
            "hypotheses": len(self.hypotheses),
            "evidence": len(self.evidence),
            "sources": len(self.sources),
            "unrated_cells": sum(len(self.hypotheses) - len(e.ratings) for e in self.evidence),
        }


def select_evidence(case: Case, min_credibility: str = "L") -> Case:
    """A copy of the case keeping only evidence of at least this credibility.

    A sensitivity run: does the judgement survive without the weakest
    evidence? (Heuer warns against treating evidence of uncertain accuracy as
    certain.) The original case is not changed.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> case = load_case(EXAMPLE_CASE)
    >>> strong = select_evidence(case, "H")
    >>> {e.credibility for e in strong.evidence}, len(strong.evidence) < len(case.evidence)
    ({'H'}, True)
    """
    level = scales.parse_level(min_credibility)
    floor = scales.LEVELS.index(level)
    kept = tuple(e for e in case.evidence if scales.LEVELS.index(e.credibility) >= floor)
    if len(kept) == len(case.evidence):
        return case
    ids = {e.id for e in kept}
    # references to the items left out are dropped too, so the copy stays consistent
    return case.model_copy(
        update={
            "evidence": kept,
            "assumptions": tuple(
                a
                if a.evidence in ids or a.evidence is None
                else a.model_copy(update={"evidence": None})
                for a in case.assumptions
            ),
            "indicators": tuple(
                i.model_copy(update={"evidence": tuple(e for e in i.evidence if e in ids)})
                for i in case.indicators
            ),
            "relations": tuple(
                r.model_copy(update={"evidence": tuple(e for e in r.evidence if e in ids)})
                for r in case.relations
            ),
        }
    )
