"""Every reference from one item of a case to another names an item that exists, and ids are
unique in their section: one check per kind of reference, run in the order of ``_CHECKS``."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sat import scales
from sat.checks.futures import judgement_problems, scenario_problems
from sat.checks.index import SECTIONS, Index, Problems, as_tuple, build_index, get
from sat.checks.quantities import quantity_problems
from sat.ids import id_text as _id_from_number

__all__ = ["reference_problems"]

#: Raw spellings of the enumerated values the reference checks read, as the model stores them.
_EVIDENCE_TYPE = scales.Canonical(scales.EVIDENCE_TYPES)
_DECEPTION_SUBJECT = scales.Canonical(scales.DECEPTION_SUBJECTS)


def reference_problems(case: Any, incomplete: Collection[str] = ()) -> list[tuple[tuple, str]]:
    """Check that ids are unique and that every reference names something that exists.

    Works on a ``Case`` and on the raw mapping read from a file (tolerating
    wrong types there, which field validation reports), so the loader can report
    these problems in the same pass as the others. Each kind of check is one step of
    ``_CHECKS``, run in that order.

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
    index = build_index(case, incomplete)
    return [problem for check in _CHECKS for problem in check(index)]


def _field_refs(value: Any, shape: str) -> list[tuple[tuple, Any]]:
    """(location suffix, referenced id) pairs found in one field."""
    if shape == "one":
        return [((), value)] if value is not None else []
    if shape == "keys":
        return [((key,), key) for key in value] if isinstance(value, Mapping) else []
    value = as_tuple(value)
    return [((k,), ref) for k, ref in enumerate(value)] if isinstance(value, list | tuple) else []


def _duplicate_ids(index: Index) -> Problems:
    """Ids are unique in their section."""
    return list(index.duplicates)


def _assumption_evidence(index: Index, where: tuple, ref: str) -> Problems:
    """An assumption links only to evidence of type 'assumption'."""
    linked = index.items("evidence")[index.known["evidence"][ref.strip()]]
    kind = _EVIDENCE_TYPE(get(linked, "type") or "report")
    if kind == "assumption":
        return []
    return [
        (
            where,
            f"'{ref}' is evidence of type '{kind}'; link an "
            "assumption only to evidence of type 'assumption'",
        )
    ]


@dataclass(frozen=True)
class _Reference:
    """One field by which an item names items of a section: ``shape`` is ``one`` (an id),
    ``list`` (ids) or ``keys`` (a mapping keyed by ids); ``also`` checks an id that exists."""

    section: str
    field: str
    target: str
    shape: str
    also: Callable[[Index, tuple, str], Problems] | None = None

    def __call__(self, index: Index) -> Problems:
        if self.target in index.incomplete:
            return []
        known = index.known[self.target]
        problems: Problems = []
        for i, item in enumerate(index.items(self.section)):
            if not isinstance(item, Mapping | BaseModel):
                continue
            value = get(item, self.field)
            if self.shape == "keys" and isinstance(value, Mapping) and value.keys() <= known.keys():
                continue  # the common case, one set operation per item
            for suffix, ref in _field_refs(value, self.shape):
                ref = _id_from_number(ref)
                if not isinstance(ref, str):
                    continue
                where = (self.section, i, self.field, *suffix)
                if ref.strip() not in known:
                    problems.append(
                        (
                            where,
                            f"unknown {SECTIONS[self.target]} '{ref}' {index.listing(self.target)}",
                        )
                    )
                elif self.also is not None:
                    problems.extend(self.also(index, where, ref))
        return problems


def _self_relations(index: Index) -> Problems:
    """A tie from an actor to itself would count as a relation and as influence."""
    return [
        (
            ("relations", i, "target"),
            f"'{t}' is also the source: a relation ties two different actors",
        )
        for i, r in enumerate(index.items("relations"))
        if isinstance(r, Mapping | BaseModel)
        and isinstance(t := _id_from_number(get(r, "target")), str)
        and t.strip() == str(_id_from_number(get(r, "source"))).strip()
    ]


def _analyst_ratings(index: Index) -> Problems:
    """An evidence item's panel ratings name the case's analysts and its hypotheses."""
    hypotheses = index.known["hypotheses"]
    problems: Problems = []
    for i, item in enumerate(index.items("evidence")):
        panel = get(item, "analyst_ratings") if isinstance(item, Mapping | BaseModel) else None
        if not isinstance(panel, Mapping):
            continue
        for name, votes in panel.items():
            problems += index.not_an_analyst(("evidence", i, "analyst_ratings", name), name)
            if "hypotheses" in index.incomplete or (
                isinstance(votes, Mapping) and votes.keys() <= hypotheses.keys()
            ):
                continue
            for key in votes if isinstance(votes, Mapping) else ():
                key = _id_from_number(key)
                if isinstance(key, str) and key.strip() not in hypotheses:
                    problems.append(
                        (
                            ("evidence", i, "analyst_ratings", name, key),
                            f"unknown hypothesis '{key}' {index.listing('hypotheses')}",
                        )
                    )
    return problems


def _elicitation(index: Index) -> Problems:
    """A blind session names one of the case's analysts and the case's evidence."""
    sessions = get(index.case, "elicitation")
    problems: Problems = []
    for name, session in sessions.items() if isinstance(sessions, Mapping) else ():
        problems += index.not_an_analyst(("elicitation", name), name)
        for field in ("order", "entered"):
            refs = get(session, field) if isinstance(session, Mapping | BaseModel) else None
            for k, ref in enumerate(refs if isinstance(refs, list | tuple) else ()):
                if (
                    "evidence" not in index.incomplete
                    and str(ref).strip() not in index.known["evidence"]
                ):
                    problems.append(
                        (
                            ("elicitation", name, field, k),
                            f"unknown evidence item '{ref}' {index.listing('evidence')}",
                        )
                    )
    return problems


def _deception(index: Index) -> Problems:
    """Each deception subject is answered in one entry; a source subject is a source of the case."""
    answered: dict[tuple[str, str], int] = {}
    problems: Problems = []
    for i, check in enumerate(index.items("deception")):
        subject, kind = get(check, "subject"), _DECEPTION_SUBJECT(get(check, "kind") or "actor")
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
            "sources" in index.incomplete
            or not isinstance(check, Mapping | BaseModel)
            or kind != "source"
        ):
            continue
        if isinstance(subject, str) and subject.strip() not in index.known["sources"]:
            problems.append(
                (
                    ("deception", i, "subject"),
                    f"unknown source '{subject}' {index.listing('sources')}",
                )
            )
    return problems


def _estimates(index: Index) -> Problems:
    """Estimates name the case's analysts and its hypotheses, events or scenarios. (A set that
    leaves out a hypothesis is not an error: ``sat.estimates`` leaves it out of the pool, and
    says so, so that adding a hypothesis never makes a case invalid.)"""
    estimates = get(index.case, "estimates")
    if not isinstance(estimates, Mapping) or {"hypotheses", "events", "scenarios"} & set(
        index.incomplete
    ):
        return []
    known = index.known
    targets = {**known["scenarios"], **known["events"], **known["hypotheses"]}
    problems: Problems = []
    for name, values in estimates.items():
        problems += index.not_an_analyst(("estimates", name), name)
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


#: Every check, in the order its problems are reported: ids, then each field that names other
#: items (the item's section, the field, the section it names, its shape), then the checks
#: that read more than one field.
_CHECKS: tuple[Callable[[Index], Problems], ...] = (
    _duplicate_ids,
    _Reference("evidence", "sources", "sources", "list"),
    _Reference("evidence", "ratings", "hypotheses", "keys"),
    _Reference("assumptions", "supports", "hypotheses", "list"),
    _Reference("assumptions", "evidence", "evidence", "one", also=_assumption_evidence),
    _Reference("indicators", "hypothesis", "hypotheses", "one"),
    _Reference("indicators", "evidence", "evidence", "list"),
    _Reference("indicators", "ratings", "hypotheses", "keys"),
    _Reference("information_gaps", "ratings", "hypotheses", "keys"),
    _Reference("hypotheses", "overlaps", "hypotheses", "list"),
    _Reference("events", "given", "events", "list"),
    _Reference("scenarios", "signposts", "indicators", "list"),
    _Reference("relations", "source", "actors", "one"),
    _Reference("relations", "target", "actors", "one"),
    _Reference("relations", "evidence", "evidence", "list"),
    _self_relations,
    scenario_problems,
    judgement_problems,
    _analyst_ratings,
    _estimates,
    _elicitation,
    _deception,
    quantity_problems,
)
