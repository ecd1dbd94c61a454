"""The actors of a case and the ties between them, established by evidence (for the network
analysis)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field

from sat import scales
from sat.checks import as_tuple
from sat.models.fields import Id, Model, Text, Title, enumerated

__all__ = ["Actor", "Relation"]


class Actor(Model):
    """A person, body, company, state, organisation or outlet that figures in the case."""

    id: Id
    name: Title
    kind: enumerated(scales.ACTOR_KINDS) = "person"
    affiliation: Title | None = None
    role: Text | None = None
    aliases: Annotated[tuple[Title, ...], BeforeValidator(as_tuple)] = Field(
        (), description="Other names hypotheses may use for it (e.g. Beijing for China)."
    )


class Relation(Model):
    """A tie between two actors, established by evidence."""

    source: Id
    target: Id
    type: enumerated(scales.RELATION_TYPES)
    directed: bool | None = Field(
        None, description="Default: as the type usually is (allied with: no)."
    )
    sign: enumerated(scales.RELATION_SIGNS) | None = Field(
        None,
        description="Default: the type's usual sign (sanctions: hostile; supplies: cooperative).",
    )
    weight: float = Field(1.0, gt=0, le=10, description="Strength of the tie.")
    evidence: Annotated[tuple[Id, ...], BeforeValidator(as_tuple)] = ()
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def is_directed(self) -> bool:
        return scales.RELATION_TYPES[self.type][1] if self.directed is None else self.directed

    @property
    def polarity(self) -> str:
        return self.sign or scales.RELATION_TYPES[self.type][0]
