"""Futures: events with their probabilities, the scenarios built from them, and the two drivers
of alternative futures."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from sat import scales
from sat.checks import as_tuple, split_event_ref
from sat.models.fields import (
    FrozenDict,
    Id,
    Model,
    Probability,
    Text,
    Title,
    enumerated,
    frozen,
)
from sat.models.judgements import Resolution

__all__ = ["Event", "Futures", "Scenario", "TimelineEntry"]


class Event(Model):
    """An event a scenario is built from, with its probability (optionally per period or conditional).

    ``given`` names the events it depends on: its probability is then P(event | those
    events), and it is independent of every other event.
    """

    id: Id
    description: Text
    probability: Probability | None = Field(None, ge=0, le=1)
    per_period: Probability | None = Field(None, ge=0, le=1, description="Chance in each period.")
    periods: int | None = Field(None, ge=1, le=10_000, description="Number of independent periods.")
    given: Annotated[tuple[Id, ...], BeforeValidator(as_tuple)] = ()

    @model_validator(mode="after")
    def _one_probability(self) -> Event:
        periodic = self.per_period is not None or self.periods is not None
        if periodic and (self.per_period is None or self.periods is None):
            raise ValueError("give per_period and periods together")
        if periodic == (self.probability is not None):
            raise ValueError("give either probability, or per_period with periods")
        return self


class TimelineEntry(Model):
    when: Title
    what: Text


def _event_ref(ref: Any) -> Any:
    # `NOT X1` or `Not  X1` is stored as `not X1`
    if not isinstance(ref, str):
        return ref
    negated, event = split_event_ref(ref)
    return f"not {event}" if negated else event


def _event_refs(value: Any) -> Any:
    value = as_tuple(value)
    return tuple(map(_event_ref, value)) if isinstance(value, list | tuple) else value


class Scenario(Model):
    """A future described by events that happen (``X1``) or do not (``not X1``)."""

    id: Id
    name: Title
    kind: enumerated(scales.SCENARIO_KINDS) = "alternative"
    description: Text | None = None
    events: Annotated[tuple[Title, ...], BeforeValidator(_event_refs)] = Field(min_length=1)
    signposts: Annotated[tuple[Id, ...], BeforeValidator(as_tuple)] = Field(
        (), description="Indicator ids that would show this future arriving."
    )
    timeline: tuple[TimelineEntry, ...] = ()
    resolution: Resolution | None = Field(
        None, description="How and by when it will be known whether this future came about."
    )


class Futures(Model):
    """Alternative futures: two drivers (unconditional events) form a 2 × 2 of futures."""

    drivers: Annotated[tuple[Id, ...], BeforeValidator(as_tuple)] = Field(
        min_length=2, max_length=2
    )
    names: frozen(Mapping[str, Title]) = Field(
        default_factory=lambda: FrozenDict({}),
        description='Names of the four futures, keyed "X1 X2", "X1 not X2", "not X1 X2", "not X1 not X2".',
    )
