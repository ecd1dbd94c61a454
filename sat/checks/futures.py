"""Checks of a case's futures and judgements: a scenario's events come after the events they are
conditional on and none depends on itself; a key judgement is about a hypothesis, an event or a
scenario of the case."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from sat.checks.index import Index, Problems, as_date, as_tuple, get, split_event_ref
from sat.ids import id_text as _id_from_number

__all__ = ["judgement_problems", "scenario_problems"]


def judgement_problems(index: Index) -> Problems:
    """A key judgement is about a hypothesis, an event or a scenario of the case; a previous
    assessment favoured a hypothesis of the case."""
    if any(s in index.incomplete for s in _ABOUT):
        return []
    return [*_shared_ids(index), *_judgements_about(index), *_previous_assessment(index)]


#: The sections a key judgement's ``about`` may name.
_ABOUT = ("hypotheses", "events", "scenarios")


def _shared_ids(index: Index) -> Problems:
    """An ``about`` names one of three sections: an id they share would make it ambiguous."""
    problems: Problems = []
    first: dict[str, str] = {}
    for section in _ABOUT:
        for ident, i in index.known[section].items():
            if ident in first:
                problems.append(
                    (
                        (section, i, "id"),
                        f"'{ident}' is also the id of one of the {first[ident]}: hypotheses, "
                        "events and scenarios need ids of their own (a key judgement names one "
                        "of them by id)",
                    )
                )
            else:
                first.setdefault(ident, section)
    return problems


def _judgements_about(index: Index) -> Problems:
    """Each key judgement's ``about`` is a hypothesis, an event or a scenario of the case."""
    known, problems = index.known, []
    judgements = get(index.case, "key_judgements")
    for i, item in enumerate(judgements if isinstance(judgements, list | tuple) else ()):
        about = (
            _id_from_number(get(item, "about")) if isinstance(item, Mapping | BaseModel) else None
        )
        if isinstance(about, str) and not any(about.strip() in known[s] for s in _ABOUT):
            ids = [x for s in _ABOUT for x in known[s]]
            shown = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
            problems.append(
                (
                    ("key_judgements", i, "about"),
                    f"unknown hypothesis, event or scenario '{about}' (known: {shown})",
                )
            )
    return problems


def _previous_assessment(index: Index) -> Problems:
    """A previous assessment favoured a hypothesis of the case, and was made before this one."""
    case, problems = index.case, []
    previous = get(case, "previous_assessment")
    if not isinstance(previous, Mapping | BaseModel):
        return problems
    about = _id_from_number(get(previous, "about"))
    if isinstance(about, str) and about.strip() not in index.known["hypotheses"]:
        ids = list(index.known["hypotheses"])
        problems.append(
            (
                ("previous_assessment", "about"),
                f"unknown hypothesis '{about}' (known: {', '.join(ids[:12])}"
                + (", ...)" if len(ids) > 12 else ")"),
            )
        )
    when, today = as_date(get(previous, "date")), as_date(get(case, "date"))
    if when is not None and today is not None and when > today:
        problems.append(
            (
                ("previous_assessment", "date"),
                f"{when.isoformat()} is after this assessment's date ({today.isoformat()}): "
                "a previous assessment was made before this one",
            )
        )
    return problems


def scenario_problems(index: Index) -> Problems:
    """Events exist; a conditional event follows the events it is conditional on; no cycles."""
    if "events" in index.incomplete:
        return []
    events = index.items("events")
    given: dict[str, tuple] = {}
    for item in events:
        ident = _id_from_number(get(item, "id"))
        refs = as_tuple(get(item, "given"))
        if isinstance(ident, str) and isinstance(refs, list | tuple):
            given[ident.strip()] = tuple(str(r).strip() for r in refs)
    problems = _cycles(events, given)
    for i, scenario in enumerate(index.items("scenarios")):
        problems += _scenario_events(index, i, scenario, given)
    return problems + _drivers(index, given)


def _cycles(events: Sequence[Any], given: dict[str, tuple]) -> Problems:
    """An event cannot depend on itself, even indirectly."""
    problems: Problems = []
    for i, item in enumerate(events):
        ident = str(_id_from_number(get(item, "id"))).strip()
        seen, stack = set(), list(given.get(ident, ()))
        while stack:
            nxt = stack.pop()
            if nxt == ident:
                problems.append(
                    (("events", i, "given"), f"'{ident}' depends on itself through 'given'")
                )
                break
            if nxt not in seen:
                seen.add(nxt)
                stack.extend(given.get(nxt, ()))
    return problems


def _scenario_events(index: Index, i: int, scenario: Any, given: dict[str, tuple]) -> Problems:
    """A scenario names each event once, each an event of the case, after the events it is
    conditional on (not negated)."""
    refs = as_tuple(get(scenario, "events"))
    if not isinstance(refs, list | tuple):
        return []
    known = index.known["events"]
    problems: Problems = []
    happened: set[str] = set()
    named: dict[str, int] = {}
    for k, ref in enumerate(refs):
        if not isinstance(ref, str):
            continue
        negated, event = split_event_ref(ref)
        where = ("scenarios", i, "events", k)
        if event in named:  # X twice is counted twice; X and not X cannot both happen
            problems.append(
                (
                    where,
                    f"'{event}' is already named in this scenario (events[{named[event]}]): "
                    "name each event once, as happening or not",
                )
            )
            continue
        named[event] = k
        if event not in known:
            problems.append(
                (where, f"unknown event '{event}' (known: {', '.join(known) or 'none'})")
            )
            continue
        missing = [g for g in given.get(event, ()) if g not in happened]
        if missing:
            problems.append(
                (
                    where,
                    f"'{event}' is conditional on {', '.join(missing)}: list "
                    f"{'it' if len(missing) == 1 else 'them'} (not negated) earlier in the scenario, "
                    f"or give '{event}' an unconditional probability",
                )
            )
        if not negated:
            happened.add(event)
    return problems


def _drivers(index: Index, given: dict[str, tuple]) -> Problems:
    """The futures' drivers are unconditional events of the case."""
    futures = get(index.case, "futures")
    drivers = as_tuple(get(futures, "drivers")) if futures is not None else ()
    known = index.known["events"]
    problems: Problems = []
    for k, driver in enumerate(drivers if isinstance(drivers, list | tuple) else ()):
        driver = str(_id_from_number(driver)).strip()
        where = ("futures", "drivers", k)
        if driver not in known:
            problems.append(
                (where, f"unknown event '{driver}' (known: {', '.join(known) or 'none'})")
            )
        elif given.get(driver):
            problems.append(
                (
                    where,
                    f"a driver must be an unconditional event; '{driver}' is given {', '.join(given[driver])}",
                )
            )
    return problems
