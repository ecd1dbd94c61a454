"""Turn plain data read from any format into a ``Case``, or into located problems."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from sat.case import (
    Actor,
    Answer,
    Assumption,
    BayesSettings,
    Case,
    DeceptionCheck,
    Event,
    Evidence,
    Futures,
    Hypothesis,
    Implications,
    Indicator,
    Recommendations,
    Relation,
    Scenario,
    Source,
    estimate_notes,
    prior_notes,
    reference_problems,
)
from sat.errors import CaseError, Problem, field_path

_SECTIONS: dict[str, type[BaseModel]] = {
    "sources": Source,
    "hypotheses": Hypothesis,
    "evidence": Evidence,
    "assumptions": Assumption,
    "indicators": Indicator,
    "deception": DeceptionCheck,
    "events": Event,
    "scenarios": Scenario,
    "actors": Actor,
    "relations": Relation,
}

_MAPPINGS: dict[tuple, type[BaseModel]] = {
    ("implications",): Implications,
    ("recommendations",): Recommendations,
    ("bayes",): BayesSettings,
    ("futures",): Futures,
}

#: Most entries a case may hold per section (beyond them loading time and memory grow without
#: bound; every limit is a located error, checked before any field is validated).
MAX_ENTRIES = {"evidence": 50_000, "sources": 50_000, "hypotheses": 500}
MAX_OTHER_ENTRIES = 10_000
#: Most rating cells (each item's ratings plus every analyst's) a case may hold.
MAX_CELLS = 2_500_000
MAX_ANALYSTS = 1_000

_ID_RULE = "ids are a letter or digit, then letters, digits, _ . : - (at most 64 characters)"

#: Sections holding a list of entries, with the first line of an example entry.
_LIST_EXAMPLES = {
    "sources": "- id: S1",
    "hypotheses": "- id: H1",
    "evidence": "- id: E1",
    "assumptions": "- id: A1",
    "indicators": "- id: I1",
    "deception": "- subject: S1",
    "events": "- id: X1",
    "scenarios": "- id: SC1",
    "actors": "- id: CN",
    "relations": "- source: CN",
}
#: Sections holding `field: value` lines, with an example line.
_MAPPING_EXAMPLES = {
    "checklist": "change_mind: What would make you change your mind?",
    "implications": "summary: What the judgement means for the reader.",
    "recommendations": "immediate: [Reset the exposed credentials]",
    "bayes": "seed: 2026",
    "futures": "drivers: [X1, X2]",
}
#: What pydantic calls a shape, in the words of a YAML file.
_PLAIN_TYPES = {
    "string_type": "should be text",
    "dict_type": "should be `field: value` lines",
    "model_type": "should be `field: value` lines",
    "model_attributes_type": "should be `field: value` lines",
    "mapping_type": "should be `field: value` lines",
    "tuple_type": "should be a list: [a, b] or lines starting with '- '",
    "list_type": "should be a list: [a, b] or lines starting with '- '",
    "iterable_type": "should be a list: [a, b] or lines starting with '- '",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_type": "should be a number",
    "float_parsing": "should be a number",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
}
#: Fields that hold a probability (a number from 0 to 1, or a percentage).
_PROBABILITY_FIELDS = {"prior", "probability", "per_period"}
_PROBABILITY = "should be a probability: a number from 0 to 1, or a percentage such as 60%"


def _what(value: Any) -> str:
    """What a YAML value looks like, in an analyst's words."""
    if isinstance(value, Mapping):
        return "`field: value` lines"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing"
    return f"the single value {_shown(value)}"


def shape_problems(data: Mapping[str, Any]) -> tuple[list[tuple[tuple, str]], set[str]]:
    """Sections of the wrong shape, said in YAML words, and the sections whose ids are unknowable.

    A section written as a mapping where a list belongs (or an entry that is not a
    set of ``field: value`` lines) gets one problem with a one-line example; the
    errors that would follow from it (every reference to its ids looking unknown)
    are left out, so the real mistake is not buried.

    Examples
    --------
    >>> problems, broken = shape_problems({"hypotheses": {"H1": "Coercion"}})
    >>> print(problems[0][1])
    must be a list of entries, each starting with '- ': write `hypotheses:` then `  - id: H1` with the entry's other fields indented under it (this file gives `field: value` lines)
    >>> broken
    {'hypotheses'}
    """
    problems: list[tuple[tuple, str]] = []
    broken: set[str] = set()
    for section, example in _LIST_EXAMPLES.items():
        value = data.get(section)
        if value is None:
            continue
        if not isinstance(value, list | tuple):
            broken.add(section)
            problems.append(
                (
                    (section,),
                    "must be a list of entries, each starting with '- ': write "
                    f"`{section}:` then `  {example}` with the entry's other fields indented "
                    f"under it (this file gives {_what(value)})",
                )
            )
            continue
        key = example[2:].split(":")[0]
        for i, entry in enumerate(value):
            if not isinstance(entry, Mapping):
                broken.add(section)
                problems.append(
                    (
                        (section, i),
                        f"each entry is a set of `field: value` lines starting with '- ', e.g. "
                        f"`{example}` (this one is {_what(entry)})",
                    )
                )
            elif key == "id" and not isinstance(entry.get("id"), str | int):
                broken.add(section)  # its id is missing: references to it cannot be checked
    for section, example in _MAPPING_EXAMPLES.items():
        value = data.get(section)
        if value is not None and not isinstance(value, Mapping):
            problems.append(
                (
                    (section,),
                    f"must be `field: value` lines indented under `{section}:`, e.g. "
                    f"`{section}:` then `  {example}` (this file gives {_what(value)})",
                )
            )
            broken.add(section)
    return problems, broken


def build_case(
    data: Any, lines: Mapping[tuple, int], shown: str, notes: list[Problem] | None = None
) -> Case:
    """Validate plain data into a case, reporting every problem in one pass.

    Parameters
    ----------
    data : Any
        What the file held (a mapping for a valid case).
    lines : Mapping
        Location tuple -> 1-based line, as produced by the format's reader.
    shown : str
        The file name used in problems.
    notes : list, optional
        Receives located remarks that do not make the case invalid, such as priors
        the Bayesian mode will rescale.

    Raises
    ------
    CaseError
        One ``Problem`` per field error, duplicate id or dangling reference.
    """
    if not isinstance(data, Mapping):
        raise CaseError(
            [
                Problem(
                    shown,
                    lines.get((), 1),
                    "",
                    "a case file is a set of `field: value` lines (id: ..., title: ..., "
                    f"question: ..., ...); this file holds {_what(data)}",
                )
            ]
        )
    bad_keys = [k for k in data if not isinstance(k, str)]
    if bad_keys:
        raise CaseError(
            [
                Problem(
                    shown, lines.get((), 1), "", f"top-level keys must be text, not {bad_keys[0]!r}"
                )
            ]
        )

    def line(loc: tuple) -> int | None:
        return locate(lines, loc)

    too_big = [Problem(shown, line(loc), field_path(loc), msg) for loc, msg in size_problems(data)]
    if too_big:
        raise CaseError(too_big)
    shapes, broken = shape_problems(data)
    shown_at = {loc for loc, _ in shapes}
    problems = [Problem(shown, line(loc), field_path(loc), msg) for loc, msg in shapes]
    problems += [
        Problem(shown, line(loc), field_path(loc), msg)
        for loc, msg in reference_problems(data, incomplete=broken)
    ]
    try:
        case = Case.model_validate(data, context={"references_checked": True})
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if p != "[key]")
            if any(loc[: len(at)] == at for at in shown_at):
                continue  # the shape problem already says what is wrong here
            if broken and not loc:
                continue  # a whole-case check that a malformed section misled
            message = _message(err, loc)
            if message is not None:
                problems.append(Problem(shown, line(loc), field_path(loc), message))
    if problems:
        raise CaseError(problems)
    if notes is not None:
        found = [*prior_notes(case), *estimate_notes(case)]  # priors rescaled, partial sets
        notes.extend(Problem(shown, line(loc), field_path(loc), msg) for loc, msg in found)
    return case


def locate(lines: Mapping[tuple, int], loc: tuple) -> int | None:
    """The line of a field, or of the nearest enclosing field the reader recorded."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def size_problems(data: Mapping[str, Any]) -> list[tuple[tuple, str]]:
    """Sections with more entries, or matrices with more cells, than ``MAX_ENTRIES`` allow.

    Counting is cheap (no validation), so an oversized file is refused in
    bounded time whatever it holds.

    Examples
    --------
    >>> size_problems({"hypotheses": [{}] * 501})
    [(('hypotheses',), '501 entries; sat reads at most 500 hypotheses in one case')]
    """
    problems: list[tuple[tuple, str]] = []
    for section in (*_SECTIONS, "analysts"):
        entries = data.get(section)
        if not isinstance(entries, list | tuple):
            continue
        limit = (
            MAX_ANALYSTS if section == "analysts" else MAX_ENTRIES.get(section, MAX_OTHER_ENTRIES)
        )
        if len(entries) > limit:
            problems.append(
                (
                    (section,),
                    f"{len(entries):,} entries; sat reads at most {limit:,} {section} in one case",
                )
            )
    evidence = data.get("evidence")
    if not problems and isinstance(evidence, list | tuple):
        cells = 0
        for item in evidence:
            if isinstance(item, Mapping):
                ratings, panel = item.get("ratings"), item.get("analyst_ratings")
                cells += len(ratings) if isinstance(ratings, Mapping) else 0
                if isinstance(panel, Mapping):
                    cells += sum(len(v) for v in panel.values() if isinstance(v, Mapping))
        if cells > MAX_CELLS:
            problems.append(
                (
                    ("evidence",),
                    f"{cells:,} rating cells (ratings and analysts' votes); sat reads "
                    f"at most {MAX_CELLS:,} in one case",
                )
            )
    return problems


def _model_at(loc: tuple) -> type[BaseModel] | None:
    if len(loc) == 0:
        return Case
    if len(loc) == 2 and loc[0] in _SECTIONS and isinstance(loc[1], int):
        return _SECTIONS[loc[0]]
    if len(loc) == 4 and loc[0] == "deception" and loc[2] == "answers":
        return Answer
    return _MAPPINGS.get(loc)


def _shown(value: Any) -> str:
    if value is None:
        return "an empty value"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(err: Mapping[str, Any], loc: tuple) -> str | None:
    """A one-line message saying what is wrong and what is allowed (None: nothing to add)."""
    kind, msg = err["type"], err["msg"]
    value = err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = f" (allowed: {', '.join(model.model_fields)})" if model else ""
        return f"unknown field{allowed}"
    if kind == "literal_error":
        hint = ""
        if value is None and "'null'" in err["ctx"]["expected"]:
            hint = "; write 'null' in quotes, since YAML reads a bare null as nothing"
        if loc[-1:] == ("reliability",) and isinstance(value, str):
            grade = re.match(r"^\s*([A-Fa-f])\s*([1-6])\s*$", value)
            if grade:
                letter, digit = grade.group(1).upper(), grade.group(2)
                return (
                    f"{_shown(value)} joins the source's reliability ({letter}) to the "
                    f"information's credibility ({digit}, on the 1-6 scale): write "
                    f"`reliability: {letter}` here, and rate the credibility of each evidence "
                    "item drawn from this source as its `credibility:` (H, M or L)"
                )
        return f"{_shown(value)} is not allowed (allowed: {err['ctx']['expected']}){hint}"
    if kind == "string_pattern_mismatch":
        return f"{_shown(value)} is not a valid id: {_ID_RULE}"
    if kind == "too_short":
        if isinstance(value, list | tuple) and len(value) >= err["ctx"]["min_length"]:
            return None  # enough items were given; their own errors say what is wrong
        if loc == ("hypotheses",):
            return "a case needs at least 2 hypotheses to compare"
    if kind.startswith("date_"):
        return f"{_shown(value)} is not a date (write YYYY-MM-DD, e.g. 2026-01-06)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("value_error", "assertion_error"):
        return _plain(msg.removeprefix("Value error, ").removeprefix("Assertion failed, "))
    if loc[-1:] == ("prior",) and kind == "greater_than" and value in (0, "0%"):
        return (
            "a prior must be above 0: zero would rule the hypothesis out before any evidence "
            f"(got {_shown(value)}); give a small prior such as 0.01, or remove the hypothesis"
        )
    if (
        loc[-1:]
        and loc[-1] in _PROBABILITY_FIELDS
        and (kind in _PLAIN_TYPES or kind.startswith(("greater_than", "less_than")))
    ):
        return f"{_PROBABILITY} (got {_shown(value) if not isinstance(value, Mapping | list) else _what(value)})"
    if kind in _PLAIN_TYPES:
        return f"{_PLAIN_TYPES[kind]} (got {_what(value) if not isinstance(value, str | int | float) or isinstance(value, bool) else _shown(value)})"
    if isinstance(value, str | int | float | bool) or value is None:
        return f"{_plain(msg[0].lower() + msg[1:])} (got {_shown(value)})"
    return f"{_plain(msg[0].lower() + msg[1:])} (got {_what(value)})"


def _plain(message: str) -> str:
    """A message without Python's type names (an analyst reads YAML, not dicts and tuples)."""
    for word, plain in (
        ("a valid dictionary", "`field: value` lines"),
        ("dictionary", "`field: value` lines"),
        ("a valid tuple", "a list"),
        ("tuple", "list"),
        ("a valid string", "text"),
        ("string", "text"),
    ):
        message = message.replace(word, plain)
    return message
