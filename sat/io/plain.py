"""Pydantic's validation errors in the words of a case file: what is wrong, and what is allowed.

An analyst reads YAML, not Python: no message says "dictionary", "tuple" or a
regular expression. ``PLAIN`` is the one table from pydantic's error types to
plain words; each entry is given the error, where it is and the field's own
rules (its allowed values, its range, the form of an id), read from the model,
so that every message says what the field accepts.

Examples
--------
>>> from sat.case import Evidence
>>> err = {"type": "string_pattern_mismatch", "loc": ("id",), "msg": "...", "input": "E 11",
...        "ctx": {"pattern": "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"}}
>>> print(message(err, ("id",), Evidence))
'E 11' is not an id: 1-64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sat.ids import ID_PATTERN, ID_RULE
from sat.scales import percent

__all__ = ["PLAIN", "message", "shown", "what"]

#: The forms a text field may be held to, in words.
PATTERNS = {
    ID_PATTERN: ID_RULE,
    r"^[0-9a-f]{64}$": "a SHA-256 digest: 64 hexadecimal digits (0-9 and a-f)",
}
PROBABILITY = "should be a probability: a number from 0 to 1, or a percentage such as 60%"
LIST = "should be a list: [a, b] or lines starting with '- '"
MAPPING = "should be `field: value` lines"


def shown(value: Any) -> str:
    """A value as a message quotes it (cut at 60 characters).

    Examples
    --------
    >>> shown("HUMINTX"), shown(None)
    ("'HUMINTX'", 'an empty value')
    """
    if value is None:
        return "an empty value"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def what(value: Any) -> str:
    """What a YAML value looks like, in an analyst's words.

    Examples
    --------
    >>> what({"a": 1}), what([1]), what(None), what(3)
    ('`field: value` lines', 'a list', 'nothing', 'the single value 3')
    """
    if isinstance(value, Mapping):
        return "`field: value` lines"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing"
    return f"the single value {shown(value)}"


def _got(value: Any) -> str:
    if isinstance(value, str | int | float | bool) or value is None:
        return f"(got {shown(value)})"
    return f"(got {what(value)})"


@dataclass(frozen=True)
class Rules:
    """What the model says a field accepts: its allowed values, its bounds, whether it is a
    whole number or a probability (a number or a percentage), the model it holds."""

    allowed: tuple[Any, ...] = ()
    bounds: Mapping[str, float] = field(default_factory=dict)
    whole: bool = False
    probability: bool = False
    model: type[BaseModel] | None = None


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation allows, with Optional, Annotated and unions opened."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for a in typing.get_args(annotation) for t in _unwrap(a)]
    return [annotation]


def _constraints(annotation: Any, found: dict[str, Any]) -> None:
    """Collect gt/ge/lt/le from every layer of ``annotation``, and whether it reads percentages."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        for item in extra:
            if getattr(item, "func", None) is percent:
                found["probability"] = True
            for c in item.metadata if isinstance(item, FieldInfo) else [item]:
                for name in ("gt", "ge", "lt", "le"):
                    if getattr(c, name, None) is not None:
                        found.setdefault(name, getattr(c, name))
        _constraints(inner, found)
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            _constraints(arg, found)


def _inner(annotation: Any, step: Any) -> Any:
    """The type one step (a list position or a mapping key) inside a container type."""
    for kind in _unwrap(annotation):
        origin = typing.get_origin(kind)
        args = typing.get_args(kind)
        if origin in (tuple, list) and args:
            return args[0]
        if origin in (dict, Mapping, typing.Mapping) or (
            isinstance(origin, type) and issubclass(origin, Mapping)
        ):
            return args[1] if len(args) == 2 else Any
    return None


def rules(root: type[BaseModel], loc: tuple) -> Rules:
    """What the field at ``loc`` (inside a ``root`` model) accepts, read from the model.

    Examples
    --------
    >>> from sat.case import Case
    >>> rules(Case, ("evidence", 3, "information_credibility")).bounds
    {'ge': 1, 'le': 6}
    >>> rules(Case, ("scenarios", 0, "kind")).allowed
    ('best', 'worst', 'most likely', 'alternative')
    >>> rules(Case, ("deception", 0, "answers", "mom.motive")).model.__name__
    'Answer'
    """
    annotation: Any = root
    info: FieldInfo | None = None
    for step in loc:
        models = [
            t for t in _unwrap(annotation) if isinstance(t, type) and issubclass(t, BaseModel)
        ]
        if isinstance(step, str) and models and step in models[0].model_fields:
            info = models[0].model_fields[step]
            annotation = info.annotation
        else:
            info, annotation = None, _inner(annotation, step)
            if annotation is None:
                return Rules()
    found: dict[str, Any] = {}
    if info is not None:
        for c in info.metadata:
            for name in ("gt", "ge", "lt", "le"):
                if getattr(c, name, None) is not None:
                    found.setdefault(name, getattr(c, name))
    _constraints(annotation, found)
    kinds = _unwrap(annotation)
    allowed = tuple(
        v for t in kinds if typing.get_origin(t) is typing.Literal for v in typing.get_args(t)
    )
    models = [t for t in kinds if isinstance(t, type) and issubclass(t, BaseModel)]
    probability = bool(found.pop("probability", False))
    return Rules(
        allowed=allowed,
        bounds=found,
        probability=probability,
        whole=int in kinds and float not in kinds,
        model=models[0] if models else None,
    )


def _number(x: float) -> str:
    return f"{x:,}" if isinstance(x, int) else f"{x:g}"


def span(bounds: Mapping[str, float], whole: bool) -> str:
    """A range in words.

    Examples
    --------
    >>> span({"ge": 1, "le": 6}, True), span({"gt": 0, "le": 10}, False)
    ('a whole number from 1 to 6', 'a number above 0 and at most 10')
    >>> span({"ge": 0, "lt": 1}, False), span({"le": 5}, True)
    ('a number at least 0 and below 1', 'a whole number of 5 or less')
    >>> span({"ge": 100}, True), span({"gt": 0}, False), span({}, False)
    ('a whole number of 100 or more', 'a number above 0', 'a number')
    """
    noun = "a whole number" if whole else "a number"
    ge, gt, le, lt = (bounds.get(k) for k in ("ge", "gt", "le", "lt"))
    if ge is not None and le is not None:
        return f"{noun} from {_number(ge)} to {_number(le)}"
    low = f"at least {_number(ge)}" if ge is not None else None
    low = f"above {_number(gt)}" if gt is not None else low
    high = f"at most {_number(le)}" if le is not None else None
    high = f"below {_number(lt)}" if lt is not None else high
    if low and high:
        return f"{noun} {low} and {high}"
    if ge is not None or le is not None:  # one inclusive bound: "of 100 or more"
        return f"{noun} of {_number(ge if ge is not None else le)} or {'more' if low else 'less'}"
    return f"{noun} {low or high}" if low or high else noun


def _listed(values: tuple[Any, ...]) -> str:
    return ", ".join(str(v) for v in values)


def _literal(err: Mapping[str, Any], loc: tuple, rule: Rules) -> str:
    value = err.get("input")
    hint = ""
    if value is None and "null" in rule.allowed:
        hint = "; write 'null' in quotes, since YAML reads a bare null as nothing"
    if loc[-1:] == ("reliability",) and isinstance(value, str):
        grade = re.match(r"^\s*([A-Fa-f])\s*([1-6])\s*$", value)
        if grade:
            letter, digit = grade.group(1).upper(), grade.group(2)
            return (
                f"{shown(value)} joins the source's reliability ({letter}) to the "
                f"information's credibility ({digit}, on the 1-6 scale): write "
                f"`reliability: {letter}` here, and rate the credibility of each evidence "
                "item drawn from this source as its `credibility:` (H, M or L)"
            )
    allowed = _listed(rule.allowed) if rule.allowed else err.get("ctx", {}).get("expected", "")
    return f"{shown(value)} is not allowed (allowed: {allowed}; in any letter case){hint}"


def _pattern(err: Mapping[str, Any], loc: tuple, rule: Rules) -> str:
    form = PATTERNS.get(err.get("ctx", {}).get("pattern", ""))
    value = err.get("input")
    if isinstance(value, str) and not value.strip():
        return f"is empty; write {form or 'a value'}"
    if form is None:
        return f"{shown(value)} does not have the form this field takes"
    return f"{shown(value)} is not {form}"


def _bound(err: Mapping[str, Any], loc: tuple, rule: Rules) -> str:
    value = err.get("input")
    if loc[-1:] == ("prior",) and err["type"] == "greater_than" and value in (0, "0%"):
        return (
            "a prior must be above 0: zero would rule the hypothesis out before any evidence "
            f"(got {shown(value)}); give a small prior such as 0.01, or remove the hypothesis"
        )
    if rule.probability:
        return f"{PROBABILITY} {_got(value)}"
    bounds = rule.bounds or {
        k: v for k, v in err.get("ctx", {}).items() if k in ("gt", "ge", "lt", "le")
    }
    return f"should be {span(bounds, rule.whole)} {_got(value)}"


def _shape(words: str) -> Callable[[Mapping[str, Any], tuple, Rules], str]:
    def say(err: Mapping[str, Any], loc: tuple, rule: Rules) -> str:
        if rule.probability:
            return f"{PROBABILITY} {_got(err.get('input'))}"
        return f"{words} {_got(err.get('input'))}"

    return say


def _number_shape(err: Mapping[str, Any], loc: tuple, rule: Rules) -> str:
    if rule.probability:
        return f"{PROBABILITY} {_got(err.get('input'))}"
    whole = rule.whole or err["type"].startswith("int")
    return f"should be {span(rule.bounds, whole)} {_got(err.get('input'))}"


def _too_short(err: Mapping[str, Any], loc: tuple, rule: Rules) -> str | None:
    value, least = err.get("input"), err.get("ctx", {}).get("min_length", 1)
    if isinstance(value, list | tuple) and len(value) >= least:
        return None  # enough items were given; their own errors say what is wrong
    if loc == ("hypotheses",):
        return "a case needs at least 2 hypotheses to compare"
    if isinstance(value, str):
        return "must not be empty"
    entries = "entry" if least == 1 else "entries"
    return f"needs at least {least} {entries} (got {len(value) if value is not None else 0})"


def _too_long(err: Mapping[str, Any], loc: tuple, rule: Rules) -> str:
    ctx, value = err.get("ctx", {}), err.get("input")
    most = ctx.get("max_length")
    if isinstance(value, str):
        return f"is {len(value):,} characters long; at most {most:,} are allowed"
    return f"takes at most {most} entries (got {ctx.get('actual_length', len(value or ()))})"


def _unknown_field(err: Mapping[str, Any], loc: tuple, rule: Rules) -> str:
    model = rule.model
    return f"unknown field (allowed: {', '.join(model.model_fields)})" if model else "unknown field"


def _own(err: Mapping[str, Any], loc: tuple, rule: Rules) -> str:
    # A check of sat's own: its words already say what is wrong and what is allowed.
    text = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return _python_words(text)


_DATE = "is not a date (write YYYY-MM-DD, e.g. 2026-01-06)"

#: Every kind of pydantic error a case file can meet, in plain words (every ``date_...`` error
#: is a ``date_type``). Each entry is given the error, its location and the field's rules
#: (``rules``); None means "nothing to add" (another error says it).
PLAIN: dict[str, Callable[[Mapping[str, Any], tuple, Rules], str | None]] = {
    "missing": lambda err, loc, rule: "required field is missing",
    "extra_forbidden": _unknown_field,
    "literal_error": _literal,
    "string_pattern_mismatch": _pattern,
    "string_too_short": lambda err, loc, rule: "must not be empty",
    "string_too_long": _too_long,
    "too_short": _too_short,
    "too_long": _too_long,
    "greater_than": _bound,
    "greater_than_equal": _bound,
    "less_than": _bound,
    "less_than_equal": _bound,
    "finite_number": lambda err, loc, rule: f"should be a finite number {_got(err.get('input'))}",
    "value_error": _own,
    "assertion_error": _own,
    "string_type": _shape("should be text"),
    "string_unicode": _shape("should be text"),
    "dict_type": _shape(MAPPING),
    "model_type": _shape(MAPPING),
    "model_attributes_type": _shape(MAPPING),
    "mapping_type": _shape(MAPPING),
    "tuple_type": _shape(LIST),
    "list_type": _shape(LIST),
    "iterable_type": _shape(LIST),
    "int_type": _number_shape,
    "int_parsing": _number_shape,
    "int_from_float": _number_shape,
    "int_parsing_size": _number_shape,
    "float_type": _number_shape,
    "float_parsing": _number_shape,
    "bool_type": _shape("should be true or false"),
    "bool_parsing": _shape("should be true or false"),
    "date_type": lambda err, loc, rule: f"{shown(err.get('input'))} {_DATE}",
}


def message(err: Mapping[str, Any], loc: tuple, root: type[BaseModel]) -> str | None:
    """One line saying what is wrong at ``loc`` (inside a ``root`` model) and what is allowed;
    None when another error already says it.

    Examples
    --------
    >>> from sat.case import Case
    >>> err = {"type": "literal_error", "input": "likely", "msg": "...",
    ...        "ctx": {"expected": "'best', 'worst', 'most likely' or 'alternative'"}}
    >>> print(message(err, ("scenarios", 0, "kind"), Case))
    'likely' is not allowed (allowed: best, worst, most likely, alternative; in any letter case)
    """
    kind = err["type"]
    if kind.startswith("date_"):
        kind = "date_type"
    rule = rules(root, loc[:-1] if kind == "extra_forbidden" else loc)
    say = PLAIN.get(kind)
    if say is not None:
        return say(err, loc, rule)
    text = err["msg"]
    return f"{_python_words(text[:1].lower() + text[1:])} {_got(err.get('input'))}"


def _python_words(text: str) -> str:
    """A message without Python's type names (an analyst reads YAML, not dicts and tuples)."""
    for word, plain in (
        ("a valid dictionary", "`field: value` lines"),
        ("dictionary", "`field: value` lines"),
        ("a valid tuple", "a list"),
        ("tuple", "list"),
        ("a valid string", "text"),
        ("string", "text"),
    ):
        text = text.replace(word, plain)
    return text
