"""Scenarios: futures built from events, with coherent probabilities, words, signposts and timelines.

A scenario lists events that happen (``X1``) or do not (``not X1``). Its
probability follows the chain rule: each event contributes P(event | the events
it is ``given``), or 1 minus that for ``not``; an event depends only on the events
it names, and is independent of the rest. So a chain of independent events
multiplies (it never averages), and conditional events chain. A chance per
period over several independent periods is ``1 − (1 − p)^n``.

Alternative futures take two unconditional events as drivers and give the four
combinations, which sum to 1. Checks report scenarios that overlap (neither
excludes the other), a scenario labelled *most likely* that is less probable
than another at the precision shown, and, when the scenarios exclude each other,
how much probability lies in futures none of them describes (1 minus their
sum), each as a ``Fact`` (a kind and its figures). The most probable scenario is
named ``most_likely`` only when the probability shown for it is above every
other's, and ``below_even`` says whether it is shown below even odds. The words
are the presentation layer's (``sat.report.claims.scenarios``).

A probability is shown as a percentage (``sat.language.percent``); its ICD 203
word and band are those of the figure shown (``printed``), so 0.5501, shown as
55%, reads "roughly even chance" (55% is that band's edge), never "55% (likely)".

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 12
   (scenario probability is a product; periodic chances compound).
.. [2] US Government, *A Tradecraft Primer*, 2009 (Alternative Futures: two critical
   drivers form a 2 × 2 of scenarios, each with indicators).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sat.case import Case, Event, Scenario, split_event_ref
from sat.language import Estimate, over_periods, percent, words
from sat.techniques._frames import FrameCopy, records_frame
from sat.techniques.bias import Fact

__all__ = [
    "ScenariosResult",
    "event_probability",
    "printed",
    "printed_words",
    "run",
    "scenario_probability",
]


def printed(p: float) -> float:
    """The probability as ``sat.language.percent`` shows it, read back as a number: the
    percentage (whole, or with the decimals that keep it off a multiple of 5% it is below), or
    0.005 for "<1%" and 0.995 for ">99%" (between the figures a reader would put either side of
    them). Two probabilities are apart to the reader when these differ.

    Examples
    --------
    >>> printed(0.21001), printed(0.5501), printed(0.44999), printed(0.004), printed(0.9964)
    (0.21, 0.55, 0.44999, 0.005, 0.995)
    """
    shown = percent(p)
    return {"<1%": 0.005, ">99%": 0.995}.get(shown) or round(float(shown.rstrip("%")) / 100, 14)


def printed_words(p: float) -> Estimate:
    """The ICD 203 words of the probability as shown (``printed``), so that the word a reader
    meets beside "55%" is the one for 55% (the edge belongs to the band nearer 50%), whatever
    decimals the figure was rounded from.

    Examples
    --------
    >>> printed_words(0.5501).likelihood, words(0.5501).likelihood
    ('roughly even chance', 'likely')
    >>> str(printed_words(0.004)), str(printed_words(0.9964))
    ('almost no chance (0–1%)', 'almost certain (99–100%)')
    """
    return words(printed(p))


def event_probability(event: Event) -> float:
    """The event's probability (conditional on its ``given`` events, if any)."""
    if event.probability is not None:
        return float(event.probability)
    return over_periods(float(event.per_period), int(event.periods))


def scenario_probability(case: Case, scenario: Scenario) -> tuple[float, list[tuple[str, float]]]:
    """The chain-rule probability of a scenario, and each event's factor in it.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> case = load_case(EXAMPLE_CASE)
    >>> p, chain = scenario_probability(case, case.scenarios[0])
    >>> round(p, 6) == round(float(__import__("numpy").prod([f for _, f in chain])), 6)
    True
    """
    events = {e.id: e for e in case.events}
    probability, chain = 1.0, []
    for ref in scenario.events:
        negated, ident = split_event_ref(ref)
        p = event_probability(events[ident])
        factor = 1 - p if negated else p
        chain.append((ref, factor))
        probability *= factor
    return probability, chain


def _exclusive(a: Scenario, b: Scenario) -> bool:
    sa = {split_event_ref(r)[1]: split_event_ref(r)[0] for r in a.events}
    sb = {split_event_ref(r)[1]: split_event_ref(r)[0] for r in b.events}
    return any(e in sb and sb[e] != neg for e, neg in sa.items())


@dataclass(frozen=True)
class ScenariosResult:
    """The result of ``run``.

    Attributes
    ----------
    scenarios : pandas.DataFrame
        By scenario id: ``name``, ``kind``, ``probability``, ``likelihood`` and
        ``range`` (the ICD 203 words of the probability as shown, ``printed_words``),
        ``chain`` (the factors, as text), ``signposts`` (indicator id and status),
        ``timeline``.
    futures : pandas.DataFrame or None
        The 2 × 2 of alternative futures: rows the first driver, columns the second.
    checks : tuple of Fact
        Coherence facts, in this order: ``"overlap"`` {first, second} for each pair
        of scenarios that can both happen; ``"mislabelled"`` {scenario, probability,
        best, best_probability} for a scenario labelled most likely whose percentage
        shown is below the most probable one's; ``"uncovered"`` {covered} when the
        scenarios exclude each other and cover less than 99.5% of the outcomes.
    covered : float or None
        The probability the scenarios cover when they exclude each other (their
        sum); None when some overlap, so that their sum means nothing.
    most_likely : str or None
        The scenario whose percentage shown is above every other's (None with fewer
        than two scenarios or a tie at the precision shown).
    below_even : bool
        Whether ``most_likely`` is shown below 50% (so still less likely than not).
    """

    scenarios_frame: pd.DataFrame = field(repr=False)
    futures_frame: pd.DataFrame | None = field(repr=False)
    futures_names: dict[str, str]
    checks: tuple[Fact, ...]
    covered: float | None = None
    most_likely: str | None = None
    below_even: bool = False

    scenarios = FrameCopy()
    futures = FrameCopy("The 2 x 2 of alternative futures, or None without two drivers.")

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenarios": [
                {
                    "id": s,
                    "name": r["name"],
                    "kind": r["kind"],
                    "probability": round(float(r["probability"]), 6),
                    "likelihood": r["likelihood"],
                    "range": r["range"],
                    "chain": r["chain"],
                    "signposts": [list(p) for p in r["signposts"]],
                    "timeline": [list(t) for t in r["timeline"]],
                }
                for s, r in self.scenarios_frame.iterrows()
            ],
            "futures": None
            if self.futures_frame is None
            else {
                "rows": list(self.futures_frame.index),
                "columns": list(self.futures_frame.columns),
                "probabilities": self.futures_frame.round(6).values.tolist(),
                "names": self.futures_names,
            },
            "checks": [c.to_dict() for c in self.checks],
            "covered": None if self.covered is None else round(self.covered, 6),
            "most_likely": self.most_likely,
            "below_even": self.below_even,
        }


def run(case: Case) -> ScenariosResult:
    """Compute every scenario's probability, the alternative futures and the coherence checks."""
    status = {i.id: i.status for i in case.indicators}
    rows = []
    for scenario in case.scenarios:
        p, chain = scenario_probability(case, scenario)
        estimate = printed_words(p)
        rows.append(
            {
                "id": scenario.id,
                "name": scenario.name,
                "kind": scenario.kind,
                "probability": p,
                "likelihood": estimate.likelihood,
                "range": estimate.range,
                "chain": " × ".join(f"P({ref}) {factor:.3g}" for ref, factor in chain),
                "signposts": tuple((i, status[i]) for i in scenario.signposts),
                "timeline": tuple((t.when, t.what) for t in scenario.timeline),
                "description": scenario.description,
            }
        )
    frame = records_frame(
        rows,
        "id",
        [
            "name",
            "kind",
            "probability",
            "likelihood",
            "range",
            "chain",
            "signposts",
            "timeline",
            "description",
        ],
    )
    frame["probability"] = frame["probability"].astype(float)

    checks = []
    listed = case.scenarios
    overlapping = [
        (a, b) for i, a in enumerate(listed) for b in listed[i + 1 :] if not _exclusive(a, b)
    ]
    for a, b in overlapping:
        checks.append(Fact("overlap", {"first": a.id, "second": b.id}))
    likely = [s for s in listed if s.kind == "most likely"]
    if likely and len(listed) > 1:
        best = frame["probability"].idxmax()
        top = float(frame.at[best, "probability"])
        for s in likely:
            p = float(frame.at[s.id, "probability"])
            if printed(p) < printed(top):  # apart at the precision shown, not by a rounding
                figures = {
                    "scenario": s.id,
                    "probability": p,
                    "best": best,
                    "best_probability": top,
                }
                checks.append(Fact("mislabelled", figures))

    covered = float(frame["probability"].sum()) if listed and not overlapping else None
    if covered is not None and covered < 1 - 0.005:
        checks.append(Fact("uncovered", {"covered": covered}))
    most_likely, below_even = None, False
    if listed:
        best = frame["probability"].idxmax()
        shown = frame["probability"].map(printed)
        ahead = (shown < shown[best]).sum() == len(frame) - 1
        if ahead and len(frame) > 1:
            most_likely, below_even = str(best), bool(shown[best] < 0.5)

    futures, names = None, {}
    if case.futures is not None:
        events = {e.id: e for e in case.events}
        first, second = case.futures.drivers
        p1, p2 = event_probability(events[first]), event_probability(events[second])
        futures = pd.DataFrame(
            [[p1 * p2, p1 * (1 - p2)], [(1 - p1) * p2, (1 - p1) * (1 - p2)]],
            index=pd.Index([first, f"not {first}"], name="driver 1"),
            columns=[second, f"not {second}"],
        )
        names = dict(case.futures.names)
    return ScenariosResult(frame, futures, names, tuple(checks), covered, most_likely, below_even)
