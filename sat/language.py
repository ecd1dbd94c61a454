"""Words of estimative probability: ICD 203 terms (both columns) and the UK yardstick.

This module is the one place that turns a probability into words.

ICD 203 (2015, section D.6.e(2)) pairs each band with a likelihood term and a
probability term; analysts use one column consistently. Boundaries belong to
the band nearer 50%, so the words never overstate: exactly 20% is *unlikely*
(not *very unlikely*), exactly 80% *likely*, 45% and 55% *roughly even chance*.
Probabilities below 1% or above 99% keep the end terms, with the range shown as
0–1% or 99–100% (the directive's scale stops at 1% and 99%).

A *range* of probabilities (the same judgement under several defensible
likelihood tables, say) gets one term only when both ends fall in one band;
otherwise the two ends' terms are joined, ``unlikely to roughly even chance
(20–55%)`` (``span``), so a single word never claims more precision than the
range has.

The UK Defence Intelligence yardstick leaves deliberate gaps between its bands
(a probability in a gap is reported as lying between two terms).

References
----------
.. [1] Office of the Director of National Intelligence, *Intelligence Community
   Directive 203: Analytic Standards*, 2015, D.6.e(2).
.. [2] UK Defence Intelligence, probability yardstick (secondary copies).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

__all__ = [
    "ICD203",
    "UK_YARDSTICK",
    "Estimate",
    "Span",
    "amount",
    "counted",
    "dissent",
    "in_simulations",
    "listed",
    "over_periods",
    "percent",
    "sourcing_basis",
    "span",
    "words",
]

#: (likelihood term, probability term, lower, upper), lowest first.
ICD203: tuple[tuple[str, str, float, float], ...] = (
    ("almost no chance", "remote", 0.01, 0.05),
    ("very unlikely", "highly improbable", 0.05, 0.20),
    ("unlikely", "improbable", 0.20, 0.45),
    ("roughly even chance", "roughly even odds", 0.45, 0.55),
    ("likely", "probable", 0.55, 0.80),
    ("very likely", "highly probable", 0.80, 0.95),
    ("almost certain", "nearly certain", 0.95, 0.99),
)

#: (term, lower, upper) of the UK yardstick; gaps between bands are deliberate.
UK_YARDSTICK: tuple[tuple[str, float, float], ...] = (
    ("remote chance", 0.0, 0.05),
    ("highly unlikely", 0.10, 0.20),
    ("unlikely", 0.25, 0.35),
    ("realistic possibility", 0.40, 0.50),
    ("likely or probably", 0.55, 0.75),
    ("highly likely", 0.80, 0.90),
    ("almost certain", 0.95, 1.0),
)


@dataclass(frozen=True)
class Estimate:
    """A probability in words."""

    probability: float
    likelihood: str
    probability_term: str
    lower: float
    upper: float
    uk: str | None = None

    @property
    def range(self) -> str:
        """The band as a percentage range, e.g. ``55–80%``."""
        return f"{self.lower * 100:.0f}–{self.upper * 100:.0f}%"

    def __str__(self) -> str:
        return f"{self.likelihood} ({self.range})"

    def to_dict(self) -> dict:
        return {**asdict(self), "range": self.range}


def _band(p: float) -> int:
    """Index of the ICD 203 band; a boundary belongs to the band nearer 50%."""
    if p < 0.45:
        return next(i for i, band in enumerate(ICD203[:3]) if p < band[3])
    if p <= 0.55:
        return 3
    return next((i for i in (4, 5) if p <= ICD203[i][3]), 6)


def _uk(p: float) -> str:
    for term, lower, upper in UK_YARDSTICK:
        if lower <= p <= upper:
            return term
    below = max((b for b in UK_YARDSTICK if b[2] < p), key=lambda b: b[2])
    above = min((b for b in UK_YARDSTICK if b[1] > p), key=lambda b: b[1])
    return f"between {below[0]} and {above[0]} (a gap in the yardstick)"


def words(p: float, *, uk: bool = False) -> Estimate:
    """The ICD 203 words for a probability (and, with ``uk``, the UK yardstick's).

    Examples
    --------
    >>> str(words(0.62))
    'likely (55–80%)'
    >>> words(0.20).likelihood, words(0.80).likelihood, words(0.45).likelihood, words(0.55).likelihood
    ('unlikely', 'likely', 'roughly even chance', 'roughly even chance')
    >>> words(0.07, uk=True).uk
    'between remote chance and highly unlikely (a gap in the yardstick)'
    """
    if not isinstance(p, int | float) or isinstance(p, bool) or math.isnan(p) or not 0 <= p <= 1:
        raise ValueError(f"{p!r} is not a probability between 0 and 1")
    likelihood, term, lower, upper = ICD203[_band(float(p))]
    if p < lower:  # below the directive's scale: say so rather than claim 1-5%
        lower, upper = 0.0, lower
    elif p > upper:
        lower, upper = upper, 1.0
    return Estimate(float(p), likelihood, term, lower, upper, _uk(float(p)) if uk else None)


@dataclass(frozen=True)
class Span:
    """A range of probabilities in words: one ICD 203 term when both ends share its band, else
    the two ends' terms joined (``unlikely to roughly even chance``).

    ``likelihood`` and ``probability_term`` are the words, ``lower`` and
    ``upper`` the band (or bands) they cover, ``low`` and ``high`` the
    probabilities themselves and ``stable`` whether one band holds both.
    """

    low: float
    high: float
    likelihood: str
    probability_term: str
    lower: float
    upper: float
    stable: bool

    @property
    def range(self) -> str:
        """The band or bands as a percentage range, e.g. ``20–55%``."""
        return f"{self.lower * 100:.0f}–{self.upper * 100:.0f}%"

    def __str__(self) -> str:
        return f"{self.likelihood} ({self.range})"

    def to_dict(self) -> dict:
        return {**asdict(self), "range": self.range}


def span(low: float, high: float) -> Span:
    """The ICD 203 words for a range of probabilities (the two ends may come in either order).

    One term when both ends fall in one band, with ``words`` deciding the
    boundaries (a boundary belongs to the band nearer 50%); otherwise the terms
    of the two ends joined by "to", and the range from the lower end's band to
    the upper end's.

    Examples
    --------
    >>> str(span(0.6, 0.75))
    'likely (55–80%)'
    >>> str(span(0.3, 0.5))
    'unlikely to roughly even chance (20–55%)'
    >>> span(0.45, 0.55).stable, span(0.2, 0.45).stable, span(0.199, 0.2).likelihood
    (True, False, 'very unlikely to unlikely')
    """
    a, b = words(low), words(high)
    if a.probability > b.probability:
        a, b = b, a
    if a.likelihood == b.likelihood:
        return Span(
            a.probability,
            b.probability,
            a.likelihood,
            a.probability_term,
            min(a.lower, b.lower),
            max(a.upper, b.upper),
            True,
        )
    return Span(
        a.probability,
        b.probability,
        f"{a.likelihood} to {b.likelihood}",
        f"{a.probability_term} to {b.probability_term}",
        a.lower,
        b.upper,
        False,
    )


def over_periods(p: float, periods: int) -> float:
    """The chance an event with probability ``p`` per period happens at least once in ``periods``.

    Independent periods: ``1 - (1 - p) ** periods``, not ``p * periods`` (Heuer, ch. 12).

    Examples
    --------
    >>> round(over_periods(0.05, 12), 4)
    0.4596
    """
    if not 0 <= p <= 1 or periods < 0:
        raise ValueError("need 0 <= p <= 1 and periods >= 0")
    return 1 - (1 - p) ** periods


def percent(p: float) -> str:
    """A probability as a whole percentage that never rounds to certainty or impossibility, nor up
    onto a multiple of 5% it is below.

    The thresholds a sentence compares a share with (90% of simulations, 50% well
    sourced, the ICD 203 band edges) are multiples of 5%: a share just below one is
    printed with as many decimals as it takes to show it below, so "90%" never
    stands beside "below 90%".

    Examples
    --------
    >>> percent(0.9964), percent(0.004), percent(0.5), percent(1.0), percent(0.0)
    ('>99%', '<1%', '50%', '100%', '0%')
    >>> percent(0.8973), percent(0.497475), percent(0.8996), percent(0.9004), percent(0.6949)
    ('89.7%', '49.7%', '89.96%', '90%', '69%')
    """
    if 0 < p < 0.01:
        return "<1%"
    if 0.99 < p < 1:
        return ">99%"
    whole = f"{p * 100:.0f}"
    if int(whole) % 5 == 0 and p * 100 < int(whole) - 1e-9:
        for digits in range(1, 13):
            finer = f"{p * 100:.{digits}f}"
            if float(finer) < int(whole):
                return f"{finer}%"
    return f"{whole}%"


def in_simulations(p: float) -> str:
    """A share of simulations as a phrase: every one, none, or a percentage (``percent``).

    Examples
    --------
    >>> in_simulations(1.0), in_simulations(0.0), in_simulations(0.79), in_simulations(0.999)
    ('in every simulation', 'in none of the simulations', 'in 79% of simulations', 'in >99% of simulations')
    """
    if p >= 1:
        return "in every simulation"
    if p <= 0:
        return "in none of the simulations"
    return f"in {percent(p)} of simulations"


def dissent(votes: Mapping[str, Sequence[str]]) -> str:
    """Who rated which items against a hypothesis, as a clause (``Matrix.votes_against`` values).

    Examples
    --------
    >>> dissent({"E21": ("Analyst B",), "E7": ("Analyst A", "Analyst C")})
    'Analyst B rated E21, and Analyst A and Analyst C rated E7, against it'
    >>> dissent({"E2": ("B",), "E5": ("B",)})
    'B rated E2 and E5 against it'
    """
    by_who: dict[tuple[str, ...], list[str]] = {}
    for item, names in votes.items():
        by_who.setdefault(tuple(names), []).append(item)
    parts = [f"{listed(who)} rated {listed(items)}" for who, items in by_who.items()]
    clause = ", and ".join(parts) + ("," if len(parts) > 1 else "")
    return f"{clause} against it"


def listed(items: Iterable[str], word: str = "and") -> str:
    """Items as a list in a sentence.

    Examples
    --------
    >>> listed(["H1"]), listed(["H1", "H2"]), listed(["E1", "E2", "E3"], "or"), listed([])
    ('H1', 'H1 and H2', 'E1, E2 or E3', '')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def sourcing_basis(sourcing: Mapping[str, object]) -> str:
    """What the sourcing of the lead (``QualityResult.sourcing``) was measured on, or why it was
    not, as a phrase.

    Examples
    --------
    >>> sourcing_basis({"basis": "separating", "leader": "H1", "challenger": "H4"})
    'evidence separating H1 from H4'
    >>> sourcing_basis({"basis": "none_separates", "leader": "H1", "challenger": "H4"})
    'no evidence separates H1 from H4'
    >>> sourcing_basis({"basis": "no_challenger"})
    'no challenger is rated'
    """
    basis = sourcing.get("basis")
    if basis == "separating":
        return f"evidence separating {sourcing['leader']} from {sourcing['challenger']}"
    if basis == "none_separates":
        return f"no evidence separates {sourcing['leader']} from {sourcing['challenger']}"
    if basis == "no_leader":
        return "there is no single leader to assess"
    if basis == "no_challenger":
        return "no challenger is rated"
    return "no evidence separates the leader from a challenger"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun in the number it takes: "1 source", "3 sources", "0 sources";
    ``plural`` where adding "s" would be wrong ("1 hypothesis", "2 hypotheses").

    Examples
    --------
    >>> counted(1, "source"), counted(3, "source"), counted(2, "hypothesis", "hypotheses")
    ('1 source', '3 sources', '2 hypotheses')
    """
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def exact_number(value: float) -> str:
    """A number as the shortest text that reads back as the very same float, without ``.0``
    on a whole number: for what must round-trip (a register's cells, an editor's fields, a
    value as the case gives it), where ``amount`` rounds for a reader.

    Examples
    --------
    >>> exact_number(1200.0), exact_number(0.1), exact_number(1e20), exact_number(-2.5)
    ('1200', '0.1', '1e+20', '-2.5')
    >>> exact_number(1234567.0), exact_number(1 / 3), exact_number(2e-07)
    ('1234567', '0.3333333333333333', '2e-07')
    """
    return repr(float(value)).removesuffix(".0")


def amount(value: float, figures: int = 3) -> str:
    """A quantity's value as a reader takes it in: three significant figures (or ``figures``),
    thousands grouped, never in exponent notation.

    Examples
    --------
    >>> amount(57.8), amount(2), amount(0.01234), amount(512345.6), amount(-1500), amount(99.96)
    ('57.8', '2', '0.0123', '512,000', '-1,500', '100')
    >>> amount(68.94, 2), amount(1.852, 2), amount(34.05, 2)
    ('69', '1.9', '34')
    """
    if value == 0:
        return "0"
    from math import floor, log10

    digits = figures - 1 - floor(log10(abs(value)))
    rounded = round(value, digits)
    if rounded != 0 and floor(log10(abs(rounded))) > floor(log10(abs(value))):
        digits -= 1  # 99.96 rounds up to 100.0: one digit fewer
        rounded = round(value, digits)
    if digits <= 0:
        return f"{rounded:,.0f}"
    return f"{rounded:,.{digits}f}".rstrip("0").rstrip(".")
