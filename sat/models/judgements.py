"""The analyst's own judgements and text: how a judgement will be known to be right or wrong,
the gaps they know of, the key judgements, what an earlier assessment concluded, implications and
recommendations. The brief shows them as given; ``sat review`` checks their words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pydantic import Field, model_validator

from sat import scales
from sat.models.fields import (
    FrozenDict,
    Id,
    Model,
    OneLine,
    Rating,
    Text,
    Title,
    enumerated,
    frozen,
)

__all__ = [
    "Implications",
    "InformationGap",
    "KeyJudgement",
    "PreviousAssessment",
    "Recommendations",
    "Resolution",
]


class Resolution(Model):
    """How, and by when, a judgement will be known to be right or wrong (for the register)."""

    criterion: Text = Field(
        description="What will settle it, stated so that someone else could decide it."
    )
    deadline: dt.date = Field(
        description="The date by which it is settled (an open one is scored as unresolved)."
    )


class InformationGap(Model):
    """Something the analyst knows is missing, and, if it can be phrased so, the observation
    that would fill it, rated as it would be against each hypothesis if it were made
    (for what to collect next)."""

    text: Text
    observation: Text | None = Field(
        None, description="The gap phrased as something that could be observed."
    )
    ratings: frozen(Mapping[Id, Rating]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="How the observation would be rated against each hypothesis if it were made.",
    )

    @model_validator(mode="after")
    def _rated_observation(self) -> InformationGap:
        if self.ratings and self.observation is None:
            raise ValueError("ratings need the observation they rate: add `observation: ...`")
        return self

    def __str__(self) -> str:
        return self.text


class Implications(Model):
    """The analyst's reading of what the judgement means, by domain (as in the seed brief's section 4)."""

    summary: Text | None = None
    political: Text | None = Field(None, description="Political and geopolitical.")
    security: Text | None = Field(None, description="Security, military and counter-terrorism.")
    cyber: Text | None = Field(None, description="Cyber and the information space.")
    economic: Text | None = Field(None, description="Economic and social.")


class Recommendations(Model):
    """Actions the analyst recommends, by horizon."""

    immediate: tuple[Text, ...] = Field((), description="Immediate actions (0–30 days).")
    medium_term: tuple[Text, ...] = Field((), description="Medium-term posture (1–12 months).")


class KeyJudgement(Model):
    """One of the analyst's key judgements, in their own words (``sat review`` checks its words
    against the analysis; the reader's brief opens with it)."""

    id: Id | None = None
    text: Text = Field(description="The judgement as the analyst states it to a reader.")
    about: Id | None = Field(
        None,
        description="The hypothesis, event or scenario it is about, by id: its words are checked "
        "against that item's probability.",
    )


class PreviousAssessment(Model):
    """What an earlier assessment of the same question concluded (ICD 203's standard on
    consistency and change: say what changed since, and why)."""

    source: Title = Field(description="Who made it, or where it was published.")
    date: dt.date | None = Field(None, description="When it was made.")
    conclusion: Text = Field(description="What it concluded, in brief.")
    about: Id | None = Field(
        None, description="The hypothesis of this case that its conclusion favoured, by id."
    )
    likelihood: OneLine | None = Field(
        None, description='Its likelihood words for that hypothesis ("likely", "70%").'
    )
    confidence: enumerated(scales.CONFIDENCE_LEVELS) | None = Field(
        None, description="The confidence it stated: low, moderate or high."
    )
