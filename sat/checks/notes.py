"""What does not make a case invalid but is worth knowing: the priors the Bayesian mode uses where
they differ from the case file's, and analysts' estimates that leave out a hypothesis."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sat.checks.index import get

__all__ = ["estimate_notes", "prior_notes", "prior_probabilities"]


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
    given = [get(h, "prior") for h in hypotheses]
    if not given:
        return ()
    if all(p is None for p in given):
        return tuple(1 / len(given) for _ in given)
    known = sum(p for p in given if p is not None)
    missing = [i for i, p in enumerate(given) if p is None]
    if missing:
        if known >= 1:
            names = ", ".join(str(get(hypotheses[i], "id") or f"#{i + 1}") for i in missing)
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
