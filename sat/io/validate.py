"""Turn plain data read from any format into a :class:`~sat.case.Case`, or into located problems."""

from __future__ import annotations

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


def build_case(data: Any, lines: Mapping[tuple, int], shown: str) -> Case:
    """Validate plain data into a case, reporting every problem in one pass.

    Parameters
    ----------
    data : Any
        What the file held (a mapping for a valid case).
    lines : Mapping
        Location tuple -> 1-based line, as produced by the format's reader.
    shown : str
        The file name used in problems.

    Raises
    ------
    CaseError
        One :class:`~sat.errors.Problem` per field error, duplicate id or dangling reference.
    """
    if not isinstance(data, Mapping):
        kind = type(data).__name__ if data is not None else "nothing"
        raise CaseError(
            [
                Problem(
                    shown,
                    lines.get((), 1),
                    "",
                    f"a case file holds a mapping of keys (id, title, question, ...), not {kind}",
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
        for end in range(len(loc), -1, -1):
            if loc[:end] in lines:
                return lines[loc[:end]]
        return None

    too_big = [Problem(shown, line(loc), field_path(loc), msg) for loc, msg in size_problems(data)]
    if too_big:
        raise CaseError(too_big)
    problems = [
        Problem(shown, line(loc), field_path(loc), msg) for loc, msg in reference_problems(data)
    ]
    try:
        case = Case.model_validate(data, context={"references_checked": True})
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if p != "[key]")
            message = _message(err, loc)
            if message is not None:
                problems.append(Problem(shown, line(loc), field_path(loc), message))
    if problems:
        raise CaseError(problems)
    return case


def size_problems(data: Mapping[str, Any]) -> list[tuple[tuple, str]]:
    """Sections with more entries, or matrices with more cells, than :data:`MAX_ENTRIES` allow.

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
                (("evidence",), f"{cells:,} rating cells (ratings and analysts' votes); sat reads "
                                f"at most {MAX_CELLS:,} in one case")
            )  # fmt: skip
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
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if isinstance(value, str | int | float | bool) or value is None:
        return f"{msg[0].lower()}{msg[1:]} (got {_shown(value)})"
    return f"{msg[0].lower()}{msg[1:]} (got a {type(value).__name__})"
