"""Turn plain data read from any format into a ``Case``, or into located problems."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from sat.case import Case, estimate_notes, prior_notes, reference_problems
from sat.errors import CaseError, Problem, field_path
from sat.ids import locator
from sat.io.plain import message, what

#: Sections holding a list of entries (each limited in number).
_SECTIONS = (
    "sources",
    "hypotheses",
    "evidence",
    "assumptions",
    "indicators",
    "deception",
    "events",
    "scenarios",
    "actors",
    "relations",
    "quantities",
)

#: Most entries a case may hold per section (beyond them loading time and memory grow without
#: bound; every limit is a located error, checked before any field is validated).
MAX_ENTRIES = {"evidence": 50_000, "sources": 50_000, "hypotheses": 500}
MAX_OTHER_ENTRIES = 10_000
#: Most rating cells (each item's ratings plus every analyst's) a case may hold.
MAX_CELLS = 2_500_000
MAX_ANALYSTS = 1_000

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
    "quantities": "- id: Q1",
}
#: Sections holding `field: value` lines, with an example line.
_MAPPING_EXAMPLES = {
    "checklist": "change_mind: What would make you change your mind?",
    "implications": "summary: What the judgement means for the reader.",
    "recommendations": "immediate: [Reset the exposed credentials]",
    "bayes": "seed: 2026",
    "futures": "drivers: [X1, X2]",
}


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
                    f"under it (this file gives {what(value)})",
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
                        f"`{example}` (this one is {what(entry)})",
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
                    f"`{section}:` then `  {example}` (this file gives {what(value)})",
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
                    f"question: ..., ...); this file holds {what(data)}",
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

    problem = locating(shown, lines, data)
    too_big = [problem(loc, msg) for loc, msg in size_problems(data)]
    if too_big:
        raise CaseError(too_big)
    shapes, broken = shape_problems(data)
    shown_at = {loc for loc, _ in shapes}
    problems = [problem(loc, msg) for loc, msg in shapes]
    problems += [problem(loc, msg) for loc, msg in reference_problems(data, incomplete=broken)]
    try:
        case = Case.model_validate(data, context={"references_checked": True})
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if p != "[key]")
            if any(loc[: len(at)] == at for at in shown_at):
                continue  # the shape problem already says what is wrong here
            if broken and not loc:
                continue  # a whole-case check that a malformed section misled
            said = message(err, loc, Case)
            if said is not None:
                problems.append(problem(loc, said))
    if problems:
        raise CaseError(problems)
    if notes is not None:
        found = [*prior_notes(case), *estimate_notes(case)]  # priors rescaled, partial sets
        notes.extend(problem(loc, msg) for loc, msg in found)
    return case


def locating(shown: str, lines: Mapping[tuple, int], data: Any) -> Callable[[tuple, str], Problem]:
    """A function making the ``Problem`` for a location in ``data`` and a message: located on
    its line, its item named as the analyst knows it (``sat.ids.locator``).

    Examples
    --------
    >>> problem = locating("x.yaml", {("evidence", 0): 9}, {"evidence": [{"id": "E1"}]})
    >>> print(problem(("evidence", 0, "quote", 1), "not found in its sources"))
    x.yaml:9: evidence E1.quote[1]: not found in its sources
    """
    where = locator(data)

    def problem(loc: tuple, message: str) -> Problem:
        field, item = where(loc)
        return Problem(shown, locate(lines, loc), field, message, item)

    return problem


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
    answers = data.get("quantity_estimates")
    if isinstance(answers, Mapping):
        if len(answers) > MAX_ANALYSTS:
            problems.append(
                (
                    ("quantity_estimates",),
                    f"{len(answers):,} analysts; sat reads at most {MAX_ANALYSTS:,} in one case",
                )
            )
        for name, given in answers.items():
            if isinstance(given, list | tuple) and len(given) > MAX_OTHER_ENTRIES:
                problems.append(
                    (
                        ("quantity_estimates", name),
                        f"{len(given):,} answers; sat reads at most {MAX_OTHER_ENTRIES:,} "
                        "answers of one analyst",
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


def plain_problems(model: type[BaseModel], values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with ``values`` as one ``model`` (a hypothesis, an evidence item, ...), in
    the words ``sat validate`` uses: ``(field, message)`` pairs, empty when they are valid.

    For a form that edits one item (the workbook's Structure tab): show each as
    ``f"{field}: {message}"``. References to other items (a source id, say) are not checked
    here: only the case knows them.

    Examples
    --------
    >>> from sat.case import Hypothesis
    >>> for field, said in plain_problems(Hypothesis, {"id": "H 5", "label": "", "kind": "Null"}):
    ...     print(f"{field}: {said}")
    id: 'H 5' is not an id: 1-64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit
    label: must not be empty
    statement: required field is missing
    >>> plain_problems(Hypothesis, {"id": "H5", "label": "Five", "statement": "It is five."})
    []
    """
    try:
        model.model_validate(values)
    except ValidationError as exc:
        found = []
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if p != "[key]")
            said = message(err, loc, model)
            if said is not None:
                found.append((field_path(loc) or "form", said))
        return found
    return []
