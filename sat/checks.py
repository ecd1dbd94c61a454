"""Checks across a case's items, on the model or on the plain data read from a file.

Ids are unique in their section; every reference names an item that exists; a
scenario's events come after the events they are conditional on, and none
depends on itself; a key judgement is about a hypothesis, an event or a
scenario; estimates and blind sessions name the case's analysts. Each problem
is a ``(location, message)`` pair (``sat.io.validate`` locates it on its line
and names its item by id). ``prior_notes`` and ``estimate_notes`` say what does
not make a case invalid but is worth knowing.

These checks tolerate wrong types in plain data (field validation reports
those), so the loader reports every problem in one pass. They read a case by its attributes (a
``sat.case.Case``, or anything shaped like one) and sit below the model, which uses them: they never
import it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from sat import scales
from sat.ids import id_text as _id_from_number

__all__ = [
    "as_tuple",
    "estimate_notes",
    "prior_notes",
    "prior_probabilities",
    "reference_problems",
    "split_event_ref",
]


def as_tuple(value: Any) -> Any:
    """A single value where a list is expected is a list of one (``sources: S1``); anything else
    as given. The model and these checks read plain data alike.

    Examples
    --------
    >>> as_tuple("S1"), as_tuple(7), as_tuple(["S1"]), as_tuple(True)
    (('S1',), (7,), ['S1'], True)
    """
    return (value,) if isinstance(value, str | int) and not isinstance(value, bool) else value


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def _ids(section: Any) -> list[tuple[int, str]]:
    if not isinstance(section, list | tuple):
        return []
    out = []
    for i, item in enumerate(section):
        value = _id_from_number(_get(item, "id"))
        if isinstance(value, str):
            out.append((i, value.strip()))
    return out


#: Raw spellings of the enumerated values the reference checks read, as the model stores them.
_EVIDENCE_TYPE = scales.Canonical(scales.EVIDENCE_TYPES)
_DECEPTION_SUBJECT = scales.Canonical(scales.DECEPTION_SUBJECTS)

#: Sections whose items carry ids, and what one item is called in messages.
_SECTIONS = {
    "actors": "actor",
    "events": "event",
    "scenarios": "scenario",
    "sources": "source",
    "hypotheses": "hypothesis",
    "evidence": "evidence item",
    "assumptions": "assumption",
    "indicators": "indicator",
    "key_judgements": "key judgement",
}

#: (section, field, target section, shape): every reference from one item to another.
_REFERENCES = (
    ("evidence", "sources", "sources", "list"),
    ("evidence", "ratings", "hypotheses", "keys"),
    ("assumptions", "supports", "hypotheses", "list"),
    ("assumptions", "evidence", "evidence", "one"),
    ("indicators", "hypothesis", "hypotheses", "one"),
    ("indicators", "evidence", "evidence", "list"),
    ("indicators", "ratings", "hypotheses", "keys"),
    ("information_gaps", "ratings", "hypotheses", "keys"),
    ("hypotheses", "overlaps", "hypotheses", "list"),
    ("events", "given", "events", "list"),
    ("scenarios", "signposts", "indicators", "list"),
    ("relations", "source", "actors", "one"),
    ("relations", "target", "actors", "one"),
    ("relations", "evidence", "evidence", "list"),
)


def _refs(value: Any, shape: str) -> list[tuple[tuple, Any]]:
    """(location suffix, referenced id) pairs found in one field."""
    if shape == "one":
        return [((), value)] if value is not None else []
    if shape == "keys":
        return [((key,), key) for key in value] if isinstance(value, Mapping) else []
    value = as_tuple(value)
    return [((k,), ref) for k, ref in enumerate(value)] if isinstance(value, list | tuple) else []


def prior_probabilities(hypotheses: Iterable[Any]) -> tuple[float, ...]:
    """The priors the Bayesian mode uses, from the hypotheses' ``prior`` values.

    All given: rescaled to sum to 1. Some given: the others share what is left
    equally. None given: uniform. Works on hypotheses or on raw mappings.

    Raises
    ------
    ValueError
        When the given priors leave nothing for the hypotheses without one.

    Examples
    --------
    >>> prior_probabilities([{"prior": 0.5}, {"prior": 0.7}])
    (0.4166666666666667, 0.5833333333333334)
    >>> prior_probabilities([{"prior": 0.5}, {}, {}])
    (0.5, 0.25, 0.25)
    """
    given = [_get(h, "prior") for h in hypotheses]
    if not given:
        return ()
    if all(p is None for p in given):
        return tuple(1 / len(given) for _ in given)
    known = sum(p for p in given if p is not None)
    missing = [i for i, p in enumerate(given) if p is None]
    if missing:
        if known >= 1:
            names = ", ".join(str(_get(hypotheses[i], "id") or f"#{i + 1}") for i in missing)
            raise ValueError(
                f"the given priors already sum to {known:g}, leaving nothing for {names} "
                f"(no prior): give {names} a prior or lower the others"
            )
        rest = (1 - known) / len(missing)
        given = [rest if p is None else p for p in given]
    total = sum(given)
    return tuple(p / total for p in given)


def prior_notes(case: Any) -> list[tuple[tuple, str]]:
    """Where the priors the Bayesian mode uses differ from what the case file says, and how.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> hyps = [NS(id="H1", prior=0.5), NS(id="H2", prior=0.7)]
    >>> prior_notes(NS(hypotheses=hyps))  # doctest: +NORMALIZE_WHITESPACE
    [(('hypotheses', 0, 'prior'), 'the priors sum to 1.2, not 1; the Bayesian mode rescales them:
      H1 0.5 -> 0.417, H2 0.7 -> 0.583')]
    """
    given = [h.prior for h in case.hypotheses]
    if all(p is None for p in given):
        return []
    first = next(i for i, p in enumerate(given) if p is not None)
    try:
        used = prior_probabilities(case.hypotheses)
    except ValueError as exc:
        return [(("hypotheses", first, "prior"), f"{exc}; the Bayesian mode cannot run")]
    if None in given:
        shares = ", ".join(
            f"{h.id} {u:.3g}"
            for h, p, u in zip(case.hypotheses, given, used, strict=True)
            if p is None
        )
        return [
            (
                ("hypotheses", first, "prior"),
                f"some hypotheses have no prior; they share what the given priors leave: {shares}",
            )
        ]
    total = sum(given)
    if abs(total - 1) <= 1e-9:
        return []
    changes = ", ".join(
        f"{h.id} {p:g} -> {u:.3g}" for h, p, u in zip(case.hypotheses, given, used, strict=True)
    )
    return [
        (
            ("hypotheses", first, "prior"),
            f"the priors sum to {total:g}, not 1; the Bayesian mode rescales them: {changes}",
        )
    ]


def estimate_notes(case: Any) -> list[tuple[tuple, str]]:
    """The analysts whose estimates give some of the hypotheses a probability but not all: such
    a set is neither made coherent nor pooled (``sat.estimates``), so it is noted, not refused
    (adding a hypothesis never makes a case invalid).

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> hyps = [NS(id="H1"), NS(id="H2"), NS(id="H3")]
    >>> estimate_notes(NS(hypotheses=hyps, estimates={"A": {"H1": 0.5, "X1": 0.2}, "B": {"X1": 0.4}}))
    ... # doctest: +NORMALIZE_WHITESPACE
    [(('estimates', 'A'), "A gives no probability for H2 and H3: sat estimates neither checks
      A's probabilities for the hypotheses for coherence nor pools them until all 3 have one")]
    """
    from sat.language import listed

    notes = []
    for name, given in case.estimates.items():
        missing = [h.id for h in case.hypotheses if h.id not in given]
        if missing and len(missing) < len(case.hypotheses):
            notes.append(
                (
                    ("estimates", name),
                    f"{name} gives no probability for {listed(missing)}: sat estimates neither "
                    f"checks {name}'s probabilities for the hypotheses for coherence nor pools "
                    f"them until all {len(case.hypotheses)} have one",
                )
            )
    return notes


def reference_problems(case: Any, incomplete: Collection[str] = ()) -> list[tuple[tuple, str]]:
    """Check that ids are unique and that every reference names something that exists.

    Works on a ``Case`` and on the raw mapping read from a file (tolerating
    wrong types there, which field validation reports), so the loader can report
    these problems in the same pass as the others.

    Parameters
    ----------
    case : Case or mapping
        The case, or the raw data read from a file.
    incomplete : collection of str
        Sections whose ids cannot all be known (the section is malformed): references
        to them are not checked, since every one would look unknown.

    Returns
    -------
    list of (location, message)
        Location as a tuple of keys and indexes, e.g. ``("evidence", 3, "ratings", "H5")``.
    """
    problems: list[tuple[tuple, str]] = []
    known: dict[str, dict[str, int]] = {}
    for section in _SECTIONS:
        seen: dict[str, int] = {}
        for i, ident in _ids(_get(case, section)):
            if ident in seen:
                problems.append(
                    (
                        (section, i, "id"),
                        f"duplicate id '{ident}' (also {section} item {seen[ident] + 1})",
                    )
                )
            else:
                seen[ident] = i
        known[section] = seen

    def listing(section: str) -> str:
        ids = list(known[section])
        shown = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
        return f"(known: {shown})" if ids else f"(the case has no {section})"

    evidence = _get(case, "evidence")
    evidence = evidence if isinstance(evidence, list | tuple) else ()
    for section, name, target, shape in _REFERENCES:
        if target in incomplete:
            continue
        items = _get(case, section)
        for i, item in enumerate(items if isinstance(items, list | tuple) else ()):
            if not isinstance(item, Mapping | BaseModel):
                continue
            value = _get(item, name)
            if (
                shape == "keys"
                and isinstance(value, Mapping)
                and value.keys() <= known[target].keys()
            ):
                continue  # the common case, one set operation per item
            for suffix, ref in _refs(value, shape):
                ref = _id_from_number(ref)
                if not isinstance(ref, str):
                    continue
                where = (section, i, name, *suffix)
                if ref.strip() not in known[target]:
                    problems.append(
                        (where, f"unknown {_SECTIONS[target]} '{ref}' {listing(target)}")
                    )
                elif section == "assumptions" and name == "evidence":
                    linked = evidence[known[target][ref.strip()]]
                    kind = _EVIDENCE_TYPE(_get(linked, "type") or "report")
                    if kind != "assumption":
                        problems.append(
                            (
                                where,
                                f"'{ref}' is evidence of type '{kind}'; link an "
                                "assumption only to evidence of type 'assumption'",
                            )
                        )
    relations = _get(case, "relations")
    problems += [  # a tie from an actor to itself would count as a relation and as influence
        (
            ("relations", i, "target"),
            f"'{t}' is also the source: a relation ties two different actors",
        )
        for i, r in enumerate(relations if isinstance(relations, list | tuple) else ())
        if isinstance(r, Mapping | BaseModel)
        and isinstance(t := _id_from_number(_get(r, "target")), str)
        and t.strip() == str(_id_from_number(_get(r, "source"))).strip()
    ]
    if "events" not in incomplete:
        problems.extend(_scenario_problems(case, known))
    problems.extend(_judgement_problems(case, known, incomplete))
    analysts = as_tuple(_get(case, "analysts"))
    analysts = {str(a).strip() for a in analysts} if isinstance(analysts, list | tuple) else set()
    for i, item in enumerate(evidence):
        panel = _get(item, "analyst_ratings") if isinstance(item, Mapping | BaseModel) else None
        if not isinstance(panel, Mapping):
            continue
        for name, votes in panel.items():
            if isinstance(name, str) and analysts and name.strip() not in analysts:
                problems.append(
                    (
                        ("evidence", i, "analyst_ratings", name),
                        f"'{name}' is not one of the case's analysts ({', '.join(sorted(analysts))})",
                    )
                )
            if "hypotheses" in incomplete or (
                isinstance(votes, Mapping) and votes.keys() <= known["hypotheses"].keys()
            ):
                continue
            for key in votes if isinstance(votes, Mapping) else ():
                key = _id_from_number(key)
                if isinstance(key, str) and key.strip() not in known["hypotheses"]:
                    problems.append(
                        (
                            ("evidence", i, "analyst_ratings", name, key),
                            f"unknown hypothesis '{key}' {listing('hypotheses')}",
                        )
                    )
    problems.extend(_estimate_problems(case, known, analysts, incomplete))
    sessions = _get(case, "elicitation")
    for name, session in sessions.items() if isinstance(sessions, Mapping) else ():
        if isinstance(name, str) and analysts and name.strip() not in analysts:
            problems.append(
                (
                    ("elicitation", name),
                    f"'{name}' is not one of the case's analysts ({', '.join(sorted(analysts))})",
                )
            )
        for field in ("order", "entered"):
            refs = _get(session, field) if isinstance(session, Mapping | BaseModel) else None
            for k, ref in enumerate(refs if isinstance(refs, list | tuple) else ()):
                if "evidence" not in incomplete and str(ref).strip() not in known["evidence"]:
                    problems.append(
                        (
                            ("elicitation", name, field, k),
                            f"unknown evidence item '{ref}' {listing('evidence')}",
                        )
                    )
    checks = _get(case, "deception")
    answered: dict[tuple[str, str], int] = {}
    for i, check in enumerate(checks if isinstance(checks, list | tuple) else ()):
        subject, kind = _get(check, "subject"), _DECEPTION_SUBJECT(_get(check, "kind") or "actor")
        if isinstance(subject, str) and isinstance(kind, str):
            key = (subject.strip(), kind)
            if key in answered:
                problems.append(
                    (
                        ("deception", i, "subject"),
                        f"{kind} '{subject}' is already answered (deception item "
                        f"{answered[key] + 1}): "
                        "give each subject's answers in one entry",
                    )
                )
            answered.setdefault(key, i)
        if (
            "sources" in incomplete
            or not isinstance(check, Mapping | BaseModel)
            or kind != "source"
        ):
            continue
        subject = _get(check, "subject")
        if isinstance(subject, str) and subject.strip() not in known["sources"]:
            problems.append(
                (("deception", i, "subject"), f"unknown source '{subject}' {listing('sources')}")
            )
    return problems


def _estimate_problems(
    case: Any, known: dict[str, dict[str, int]], analysts: set[str], incomplete: Collection[str]
) -> list[tuple[tuple, str]]:
    """Estimates name the case's analysts and its hypotheses, events or scenarios. (A set that
    leaves out a hypothesis is not an error: ``sat.estimates`` leaves it out of the pool, and
    says so, so that adding a hypothesis never makes a case invalid.)"""
    estimates = _get(case, "estimates")
    if not isinstance(estimates, Mapping) or {"hypotheses", "events", "scenarios"} & set(
        incomplete
    ):
        return []
    targets = {**known["scenarios"], **known["events"], **known["hypotheses"]}
    problems: list[tuple[tuple, str]] = []
    for name, values in estimates.items():
        if isinstance(name, str) and analysts and name.strip() not in analysts:
            problems.append(
                (
                    ("estimates", name),
                    f"'{name}' is not one of the case's analysts ({', '.join(sorted(analysts))})",
                )
            )
        if not isinstance(values, Mapping):
            continue
        for key in values:
            ident = str(_id_from_number(key)).strip()
            if ident not in targets:
                problems.append(
                    (
                        ("estimates", name, key),
                        f"unknown hypothesis, event or scenario '{key}' (known: "
                        f"{', '.join(list(targets)[:12])})",
                    )
                )
    return problems


def split_event_ref(ref: str) -> tuple[bool, str]:
    text = " ".join(ref.split())
    return (True, text[4:].strip()) if text.lower().startswith("not ") else (False, text)


def _as_date(value: Any) -> dt.date | None:
    """A date from a model or raw data (an ISO date as text too); None when it is none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _judgement_problems(
    case: Any, known: dict[str, dict[str, int]], incomplete: Collection[str]
) -> list[tuple[tuple, str]]:
    """A key judgement is about a hypothesis, an event or a scenario of the case; a previous
    assessment favoured a hypothesis of the case."""
    problems: list[tuple[tuple, str]] = []
    sections = ("hypotheses", "events", "scenarios")
    if any(s in incomplete for s in sections):
        return problems
    # an `about` names one of three sections: an id they share would make it ambiguous
    first: dict[str, str] = {}
    for section in sections:
        for ident, i in known[section].items():
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
    judgements = _get(case, "key_judgements")
    for i, item in enumerate(judgements if isinstance(judgements, list | tuple) else ()):
        about = (
            _id_from_number(_get(item, "about")) if isinstance(item, Mapping | BaseModel) else None
        )
        if isinstance(about, str) and not any(about.strip() in known[s] for s in sections):
            ids = [x for s in sections for x in known[s]]
            shown = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
            problems.append(
                (
                    ("key_judgements", i, "about"),
                    f"unknown hypothesis, event or scenario '{about}' (known: {shown})",
                )
            )
    previous = _get(case, "previous_assessment")
    about = (
        _id_from_number(_get(previous, "about"))
        if isinstance(previous, Mapping | BaseModel)
        else None
    )
    if isinstance(about, str) and about.strip() not in known["hypotheses"]:
        ids = list(known["hypotheses"])
        problems.append(
            (
                ("previous_assessment", "about"),
                f"unknown hypothesis '{about}' (known: {', '.join(ids[:12])}"
                + (", ...)" if len(ids) > 12 else ")"),
            )
        )
    when = _as_date(_get(previous, "date")) if isinstance(previous, Mapping | BaseModel) else None
    today = _as_date(_get(case, "date"))
    if when is not None and today is not None and when > today:
        problems.append(
            (
                ("previous_assessment", "date"),
                f"{when.isoformat()} is after this assessment's date ({today.isoformat()}): "
                "a previous assessment was made before this one",
            )
        )
    return problems


def _scenario_problems(case: Any, known: dict[str, dict[str, int]]) -> list[tuple[tuple, str]]:
    """Events exist; a conditional event follows the events it is conditional on; no cycles."""
    problems: list[tuple[tuple, str]] = []
    events = _get(case, "events")
    events = events if isinstance(events, list | tuple) else ()
    given: dict[str, tuple] = {}
    for item in events:
        ident = _id_from_number(_get(item, "id"))
        refs = as_tuple(_get(item, "given"))
        if isinstance(ident, str) and isinstance(refs, list | tuple):
            given[ident.strip()] = tuple(str(r).strip() for r in refs)
    for i, item in enumerate(events):  # cycles: an event cannot depend on itself, even indirectly
        ident = str(_id_from_number(_get(item, "id"))).strip()
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
    scenarios = _get(case, "scenarios")
    for i, scenario in enumerate(scenarios if isinstance(scenarios, list | tuple) else ()):
        refs = as_tuple(_get(scenario, "events"))
        if not isinstance(refs, list | tuple):
            continue
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
            if event not in known["events"]:
                problems.append(
                    (
                        where,
                        f"unknown event '{event}' (known: {', '.join(known['events']) or 'none'})",
                    )
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
    futures = _get(case, "futures")
    drivers = as_tuple(_get(futures, "drivers")) if futures is not None else ()
    for k, driver in enumerate(drivers if isinstance(drivers, list | tuple) else ()):
        driver = str(_id_from_number(driver)).strip()
        where = ("futures", "drivers", k)
        if driver not in known["events"]:
            problems.append(
                (where, f"unknown event '{driver}' (known: {', '.join(known['events']) or 'none'})")
            )
        elif given.get(driver):
            problems.append(
                (
                    where,
                    f"a driver must be an unconditional event; '{driver}' is given {', '.join(given[driver])}",
                )
            )
    return problems
