"""What challenges and watches the analytic line: key assumptions (Key Assumptions Check),
indicators (signposts of change) and deception checklists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator

from sat import scales
from sat.checks import as_tuple
from sat.models.fields import (
    FrozenDict,
    Id,
    Level,
    Model,
    Rating,
    Text,
    Title,
    enumerated,
    frozen,
    scale_keys,
)
from sat.models.judgements import Resolution

__all__ = ["Answer", "Assumption", "DeceptionCheck", "Indicator"]


def _yes_no(value: Any) -> Any:
    # A YAML 1.1 writer may read yes/no as booleans.
    return ("yes" if value else "no") if isinstance(value, bool) else value


class Assumption(Model):
    """A premise the analytic line rests on, challenged and rated (Key Assumptions Check).

    The challenge questions (after the US Tradecraft Primer, 2009): why must it
    be true (``rationale``)? Does it hold in all conditions (``conditions``)? What
    could undermine it (``undermined_by``)? Has it weakened over time
    (``weakened``)? How much would being wrong change the line (``impact``)?
    Ratings follow Heuer and Pherson: basically solid, correct with caveats,
    unsupported (a key uncertainty). Any unanswered question leaves the
    assumption *incomplete*.
    """

    id: Id
    statement: Text
    supports: Annotated[tuple[Id, ...], BeforeValidator(as_tuple)] = Field(
        (), description="Hypotheses that rely on it; empty means the overall judgement."
    )
    evidence: Id | None = Field(
        None, description="The ACH evidence item (type assumption) that carries it into the matrix."
    )
    rating: enumerated(scales.ASSUMPTION_RATINGS, scales.ASSUMPTION_RATING_ALIASES) | None = Field(
        None, description="basically solid, correct with caveats, or unsupported"
    )
    rationale: Text | None = Field(None, description="Why must it be true? How confident are we?")
    conditions: Text | None = Field(None, description="Does it hold in all conditions? When not?")
    undermined_by: Text | None = Field(None, description="What could undermine it?")
    weakened: Annotated[enumerated(scales.YES_NO_UNCLEAR), BeforeValidator(_yes_no)] | None = Field(
        None, description="Was it true before but less so now?"
    )
    impact: Level | None = Field(
        None, description="How much would being wrong change the line (H/M/L)?"
    )


class Indicator(Model):
    """An observable signpost for one hypothesis (Tradecraft Primer: Indicators or Signposts of Change)."""

    id: Id
    hypothesis: Id
    description: Text = Field(
        description="What would be observed, stated so that it can be checked."
    )
    direction: enumerated(scales.INDICATOR_DIRECTIONS) = "supports"
    status: enumerated(scales.INDICATOR_STATUSES) = "not observed"
    observed: dt.date | None = Field(None, description="When its status last changed.")
    evidence: Annotated[tuple[Id, ...], BeforeValidator(as_tuple)] = ()
    resolution: Resolution | None = Field(
        None,
        description="By when it is expected (the judgement registered is that it is observed by "
        "then), and what counts as observing it.",
    )
    ratings: frozen(Mapping[Id, Rating]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="How the observation would be rated against each hypothesis if it were seen "
        "(a code or P(observed | hypothesis)), for what to collect next; left out, it reads as C "
        "(or I) for its hypothesis and N for the others.",
    )
    notes: Text | None = None


class Answer(Model):
    """An answer to one deception-check question: the deception risk it points to, and why."""

    rating: Level = Field(description="How strongly the answer points to deception: H, M or L.")
    note: Text | None = None


class DeceptionCheck(Model):
    """Deception checklists (MOM, POP, MOSES, EVE; Heuer and Pherson) answered for one actor or source.

    Keys of ``answers`` are ``framework.question`` (see ``sat.scales.DECEPTION_QUESTIONS``).
    MOM and POP apply to actors, MOSES to sources, EVE to both.
    """

    subject: Title = Field(description="An actor's name, or a source id when kind is source.")
    kind: enumerated(scales.DECEPTION_SUBJECTS) = "actor"
    answers: Annotated[frozen(Mapping[str, Answer]), scale_keys(scales.DECEPTION_QUESTIONS)] = (
        Field(default_factory=lambda: FrozenDict({}))
    )

    @field_validator("answers", mode="after")
    @classmethod
    def _known_questions(cls, value: Mapping[str, Any], info: ValidationInfo) -> Mapping[str, Any]:
        kind = info.data.get("kind", "actor")
        allowed = scales.deception_questions(kind)
        unknown = [key for key in value if key not in allowed]
        if unknown:
            raise ValueError(
                f"unknown question {', '.join(repr(k) for k in unknown)} for {'an actor' if kind == 'actor' else 'a source'} "
                f"(allowed: {', '.join(allowed)})"
            )
        return value
