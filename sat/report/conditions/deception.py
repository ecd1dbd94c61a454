"""Condition of the deception checks' recommendation, recomputed from the answers in the case:
a subject's risk is the mean of its answers (H 1, M 0.5, L 0), high from 0.6, medium from 0.35;
an actor is assessed only with some MOM or POP answer (EVE alone is about the evidence); an
actor is worrying when its risk is high, or medium with motive rated H."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sat.report.conditions._facts import Facts, _scores
from sat.techniques.deception import HIGH, MEDIUM

_VALUE = {"H": 1.0, "M": 0.5, "L": 0.0}


def _deceptive(facts: Facts) -> tuple[str, ...]:
    return tuple(h.id for h in facts.case.hypotheses if h.kind == "deception")


def _assessed(facts: Facts) -> list[tuple[str, float, str | None, tuple[str, ...], Any]]:
    """Each actor with answers to the MOM or POP checklists: (subject, mean rating of all its
    answers, motive rating, questions answered H, the answers)."""
    found = []
    for entry in facts.case.deception:
        if entry.kind != "actor" or not actor_assessed(entry.answers):
            continue
        values = [_VALUE[a.rating] for a in entry.answers.values()]
        motive = entry.answers["mom.motive"].rating if "mom.motive" in entry.answers else None
        high = tuple(q for q, a in entry.answers.items() if a.rating == "H")
        found.append((entry.subject, sum(values) / len(values), motive, high, entry.answers))
    return found


def actor_assessed(answers: Mapping[str, Any]) -> bool:
    """Whether an actor's answers include one of the MOM or POP checklists."""
    return any(q.split(".")[0] in ("mom", "pop") for q in answers)


def _worrying(facts: Facts) -> tuple[tuple[str, str, int, int], ...]:
    """The actors whose risk is high, or medium with motive rated H: (actor, risk, answers rated
    H, answers)."""
    return tuple(
        (s, "high" if score >= HIGH else "medium", len(high), len(answers))
        for s, score, motive, high, answers in _assessed(facts)
        if score >= HIGH or (score >= MEDIUM and motive == "H")
    )


def _ranked(facts: Facts) -> set[str]:
    return _scores(facts)[2]


def _weighed(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The hypotheses named are exactly the deception hypotheses the ACH ranks, one at least."""
    weighed = tuple(h for h in _deceptive(facts) if h in _ranked(facts))
    return tuple(figures["hypotheses"]) == weighed != ()


def _unrated(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The case lists deception hypotheses, exactly those named, and rates none of them."""
    deceptive = _deceptive(facts)
    return tuple(figures["hypotheses"]) == deceptive != () and not set(deceptive) & _ranked(facts)


def _none_weighed(facts: Facts) -> bool:
    """No deception hypothesis is rated against any item (listed or not)."""
    return not set(_deceptive(facts)) & _ranked(facts)


def _not_assessed(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return _none_weighed(facts) and not _assessed(facts)


def _add(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """No deception hypothesis is weighed (rated against some item), and the actors named, with
    their risk and how many of their answers are rated H, are exactly the worrying ones."""
    said = tuple(tuple(actor) for actor in figures["actors"])
    return _none_weighed(facts) and said == _worrying(facts) != ()


def _not_needed(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return _none_weighed(facts) and bool(_assessed(facts)) and not _worrying(facts)


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "deception.weighed": _weighed,
    "deception.unrated": _unrated,
    "deception.not_assessed": _not_assessed,
    "deception.add": _add,
    "deception.not_needed": _not_needed,
}
