"""The field types of the case model, its frozen mappings, and the base every model builds on.

An identifier (``Id``), text of bounded length (``Text``, ``Title``, ``OneLine``), a
credibility level (``Level``), a matrix cell (``Rating``), a probability written as a number
or a percentage, a web address; ``enumerated`` makes a field holding one value of a scale
(written in any letter case), ``frozen`` a read-only mapping field. Each type carries the JSON
Schema the case file's schema shows for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)

from sat import scales
from sat.ids import ID_PATTERN
from sat.ids import id_text as _id_from_number

__all__ = [
    "FrozenDict",
    "Id",
    "Level",
    "Model",
    "OneLine",
    "PositiveProbability",
    "Probability",
    "Rating",
    "Text",
    "Title",
    "Url",
    "enumerated",
    "frozen",
    "scale_keys",
]


# Constraints come before the before-validators so that the JSON Schema shows them.
Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=ID_PATTERN),
    BeforeValidator(_id_from_number),
]
"""An identifier: a letter or digit, then letters, digits, ``_ . : -``; at most 64 characters."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


def _one_line(value: Any) -> Any:
    if isinstance(value, str) and ("\n" in value.strip() or "\r" in value.strip()):
        raise ValueError("must be one line")
    return value


OneLine = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    BeforeValidator(_one_line),
]


Level = Annotated[
    str,
    PlainValidator(scales.parse_level),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": scales.LEVEL_PATTERN}, {"type": "null"}],
            "description": "H, M or L (high, medium, low; any letter case; blank means M)",
        }
    ),
]
"""Credibility or relevance: ``H``, ``M`` or ``L``."""

Rating = Annotated[
    str | float,
    PlainValidator(scales.parse_rating),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": [*scales.RATING_CODES, *scales.RATING_ALIASES, 0]},
                {"type": "number", "minimum": 0, "maximum": 1},
                {"type": "null"},
            ],
            "description": "CC, C, N, I, II, NA (or ++ + 0 - --), or P(evidence | hypothesis)",
        }
    ),
]
"""A matrix cell: a code from ``sat.scales.RATING_CODES`` or a probability in [0, 1]."""


def enumerated(allowed: Iterable[str], aliases: Mapping[str, str] | None = None) -> Any:
    """A field holding one value of a scale: written in any letter case and spacing (``HUMINT``,
    ``Most_Likely``), stored as the scale writes it (``humint``, ``most likely``)."""
    read = scales.Canonical(allowed, aliases)
    schema = {"anyOf": [{"enum": list(read.allowed)}, {"type": "string", "pattern": read.pattern}]}
    return Annotated[
        Literal[read.allowed],  # type: ignore[valid-type]
        BeforeValidator(read),
        WithJsonSchema(schema),
    ]


def scale_keys(allowed: Iterable[str], aliases: Mapping[str, str] | None = None) -> Any:
    """A before-validator reading a mapping's keys as a scale writes them (``cc`` -> ``CC``)."""
    return BeforeValidator(scales.Canonical(allowed, aliases).keys)


def _probability_type(low: str) -> Any:
    """A probability field: a number in [0, 1] or a percentage such as ``60%``."""
    bound = {low: 0, "maximum": 1}
    schema = {
        "anyOf": [
            {"type": "number", **bound},
            {"type": "string", "pattern": scales.PERCENT_PATTERN},
        ]
    }
    bounds = Field(gt=0, le=1) if low == "exclusiveMinimum" else Field(ge=0, le=1)
    return Annotated[float, BeforeValidator(scales.percent), bounds, WithJsonSchema(schema)]


Probability = _probability_type("minimum")
"""A probability in [0, 1], written as a number or a percentage (``0.6`` or ``60%``)."""
PositiveProbability = _probability_type("exclusiveMinimum")
"""A probability in (0, 1] (a prior: zero would rule a hypothesis out before any evidence)."""


def _url(value: Any) -> Any:
    if isinstance(value, str):
        low = value.strip().lower()
        if not low.startswith(("http://", "https://", "mailto:")) or any(c.isspace() for c in low):
            raise ValueError("must be an http://, https:// or mailto: address without spaces")
    return value


Url = Annotated[
    str, BeforeValidator(_url), StringConstraints(strip_whitespace=True, max_length=2000)
]


class FrozenDict(Mapping):
    """A read-only mapping that copies and pickles as itself (the models' mappings are immutable)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()):
        self._data = dict(data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenDict({self._data!r})"

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict:
        return self

    def __reduce__(self) -> tuple:
        return (FrozenDict, (self._data,))


def _freeze(value: Mapping[str, Any]) -> FrozenDict:
    return FrozenDict(
        {k: _freeze(v) if isinstance(v, dict | FrozenDict) else v for k, v in value.items()}
    )


def _thaw(value: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for key, item in value.items():
        if isinstance(item, dict | FrozenDict):
            item = _thaw(item)
        elif isinstance(item, BaseModel):
            item = item.model_dump()
        out[key] = item
    return out


def frozen(mapping: Any) -> Any:
    """A mapping field that validates as ``mapping``, is stored read-only and dumps as plain dicts.

    The one frozen-mapping type of the model (nested mappings are frozen too).
    """
    return Annotated[mapping, AfterValidator(_freeze), PlainSerializer(_thaw, return_type=dict)]


class Model(BaseModel):
    """The base of every item model and of the case: frozen (editing returns a copy), no unknown
    fields, surrounding whitespace stripped from text."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
