"""Checking an analyst's expressions against the analysis: facts, no words.

The rules
---------
**Likelihood** (``compare``). An estimative expression allows a band of
probabilities; the analysis gives the hypothesis a range (its posterior's lowest
and highest across the Bayesian mode's family of likelihood tables). SAT-REFERENCE
section 10 lets a brief print one ICD 203 word "only when the range across the
likelihood tables stays inside its band": a word is earned when it holds however
the evidence is read. So:

* ``inside``: the range lies within the band (containment, not mere overlap:
  the section 10 rule the brief's own words follow);
* ``overlaps``: band and range share a probability but the range leaves the
  band. The words are consistent with the analysis (some reading of the
  evidence gives a probability the words allow), so this is not a problem, but
  they are firmer than the analysis: its own words would span two bands;
* ``stronger``: band and range are apart and the words go further than the
  analysis in the direction they move the probability away from it. A word
  leaning ``likely`` or ``even`` is stronger when its band lies wholly above the
  range (it makes the hypothesis sound more probable than the analysis allows:
  "likely" said at 30–40%, "a realistic possibility" or "a toss-up" said at
  12–21%); a word leaning ``unlikely`` when its band lies wholly below it ("very
  unlikely" said at 30–40%). A word on the wrong side of the range ("likely"
  said of a hypothesis at 10–20%, "unlikely" at 70–80%) lies beyond it in its
  own direction, so it is stronger too;
* ``weaker``: apart, the other way: the words are more cautious than the
  analysis ("likely" said at 90–97%, "unlikely" at 2–4%, "roughly even chance"
  at 90–97%: an even-chance word below the range understates the hypothesis).

An even-chance word about a hypothesis says that it may well hold, so it is
read with the hypothesis, as ``likely`` words are: above the range it
overstates it, below it understates it. Only the ``unlikely`` side reverses.

An expression the reader found but could not resolve (no band: a denied
figure, a double negation, a negated clause after it; ``read``) is
``unchecked``.

Bands and ranges are closed and compared within 1e-9.

**Confidence**: the levels the expression allows (``Expression.levels``)
against the level the analysis computes (``sat.techniques.confidence``):
``same``, ``above`` (every level allowed is higher) or ``below``. ICD 203 also
asks for confidence apart from likelihood, never in one sentence
(``with_likelihood``, from ``review``).

**Ranking**: "most likely" is earned only by a hypothesis the analysis puts
first alone: ``not_leader`` when the hypothesis is not among ``leaders`` (the
hypotheses the analysis cannot tell apart at the top, ``BayesResult.front``),
``tied`` when it is but others are too (section 10: no leader is named), and
``denies_leader`` for "not the most likely" said of the one leader.

**No figure**: a likelihood said of a hypothesis the analysis gives no likelihood of its own
(the Bayesian mode could not run; it is rated against nothing or fewer than half the items; it
is the only one rated) is ``unsupported``: the words give a probability the analysis does not.
Said of an event given others, or of nothing named, it is ``unchecked``.

**Certainty**: an unhedged marker (``Expression``, kind ``certainty``) is
``unhedged``: the analysis gives probabilities, never certainty.

**Missing**: a text about a hypothesis with no estimative or ranking
expression at all is ``missing`` its likelihood (``review``).

``Finding.stronger`` is true of the findings where the words outrun the
analysis: ``stronger``, ``unsupported``, ``above``, ``unhedged``, ``not_leader``, ``tied`` and
``denies_leader``.

References
----------
.. [1] ODNI, *Intelligence Community Directive 203: Analytic Standards*, 2015,
   D.6.e(2) (likelihood words; confidence stated apart from likelihood).
.. [2] SAT-REFERENCE.md, section 10 (one word only inside its band; ties name no leader).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sat.techniques.wording.expression import Expression
from sat.techniques.wording.read import expressions
from sat.techniques.wording.terms import CONFIDENCE_LEVELS

__all__ = [
    "PROBLEMS",
    "STRONGER",
    "Conflict",
    "Figures",
    "Finding",
    "check",
    "compare",
    "conflicts",
    "review",
]

TOLERANCE = 1e-9
#: Relations where the words outrun the analysis.
STRONGER = frozenset(
    {"stronger", "unsupported", "above", "unhedged", "not_leader", "tied", "denies_leader"}
)
#: Why the analysis gives a hypothesis no likelihood of its own: words that give it one say
#: more than the analysis (``unsupported``); an event given others, or a text about nothing,
#: is only ``unchecked``.
UNSUPPORTED = frozenset({"no_bayes", "unranked", "untested", "only_rated"})
#: Relations that are problems: the stronger ones, and words weaker than, apart from or missing
#: from what the analysis supports.
PROBLEMS = STRONGER | {"weaker", "below", "with_likelihood", "missing"}


@dataclass(frozen=True)
class Figures:
    """The analysis figures a text is checked against.

    Attributes
    ----------
    about : str or None
        The id the text is about (a hypothesis, event or scenario), if any.
    range : tuple of float or None
        The hypothesis's posterior range (lowest, highest across the likelihood tables).
    confidence : str or None
        The level of confidence the analysis computes.
    leaders : tuple of str
        The hypotheses the analysis cannot tell apart at the top (one when it names a leader).
    why : str or None
        Why ``range`` is None: ``not_a_hypothesis``, ``no_bayes`` (the Bayesian mode could
        not run), ``unranked`` (rated against nothing), ``only_rated`` (the only hypothesis
        rated: first for want of a rival) or ``untested`` (rated against fewer than half the
        items); the analysis gives the last two no words. For an event or a scenario
        (``sat.techniques.review.figures_for``): ``conditional`` (an event given others).
    """

    about: str | None = None
    range: tuple[float, float] | None = None
    confidence: str | None = None
    leaders: tuple[str, ...] = ()
    why: str | None = None

    @classmethod
    def of(cls, bayes: Any, confidence: Any = None, about: str | None = None) -> Figures:
        """From a ``BayesResult`` (or None) and a ``Confidence`` (or None), for ``about``.

        Examples
        --------
        >>> import sat
        >>> from sat.paths import EXAMPLE_CASE
        >>> a = sat.analyse(sat.load_case(EXAMPLE_CASE))
        >>> f = Figures.of(a.bayes, a.confidence, "H2")
        >>> f.leaders, f.confidence, [round(x, 3) for x in f.range]
        (('H1',), 'low', [0.079, 0.118])
        """
        level = getattr(confidence, "level", None)
        if bayes is None:
            return cls(about, None, level, (), "no_bayes" if about else None)
        leaders = tuple(bayes.front) if bayes.leaders else ()
        hyp = bayes.hypotheses
        if about is None:
            return cls(None, None, level, leaders)
        if about not in hyp.index:
            return cls(about, None, level, (), "not_a_hypothesis")
        row = hyp.loc[about]
        if bool(row["unranked"]):
            return cls(about, None, level, leaders, "unranked")
        if row["likelihood"] is None:  # no words: the only one rated, or rated on few items
            why = "only_rated" if bool(row.get("only_rated", False)) else "untested"
            return cls(about, None, level, leaders, why)
        span = (float(row["posterior_low"]), float(row["posterior_high"]))
        return cls(about, span, level, leaders)

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "range": None if self.range is None else list(self.range),
            "confidence": self.confidence,
            "leaders": list(self.leaders),
            "why": self.why,
        }


@dataclass(frozen=True)
class Finding:
    """One expression checked: which check, the relation found, and the figures it was
    checked against (``other``: the second expression of a ``with_likelihood`` finding)."""

    check: str
    relation: str
    expression: Expression | None
    figures: Figures
    other: Expression | None = None

    @property
    def stronger(self) -> bool:
        """Whether the words outrun the analysis (``STRONGER``)."""
        return self.relation in STRONGER

    @property
    def problem(self) -> bool:
        """Whether the finding is a problem (``PROBLEMS``); ``inside``, ``overlaps``, ``same``,
        ``consistent`` and ``unchecked`` are not."""
        return self.relation in PROBLEMS

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "relation": self.relation,
            "stronger": self.stronger,
            "expression": None if self.expression is None else self.expression.to_dict(),
            "other": None if self.other is None else self.other.to_dict(),
            "figures": self.figures.to_dict(),
        }


def compare(band: tuple[float, float], side: str, span: tuple[float, float]) -> str:
    """How a band of probabilities said with a lean compares to the analysis's range.

    ``inside``, ``overlaps``, ``stronger`` or ``weaker``: the module's rule.

    Examples
    --------
    >>> compare((0.55, 0.8), "likely", (0.6, 0.7)), compare((0.55, 0.8), "likely", (0.5, 0.7))
    ('inside', 'overlaps')
    >>> compare((0.95, 1.0), "likely", (0.6, 0.7)), compare((0.55, 0.8), "likely", (0.9, 0.97))
    ('stronger', 'weaker')
    >>> compare((0.2, 0.45), "unlikely", (0.7, 0.8)), compare((0.45, 0.55), "even", (0.9, 0.97))
    ('stronger', 'weaker')
    >>> compare((0.4, 0.5), "even", (0.12, 0.21))  # "a realistic possibility" said at 12-21%
    'stronger'
    """
    low, high = band
    lo, hi = sorted(span)
    if low - TOLERANCE <= lo and hi <= high + TOLERANCE:
        return "inside"
    if low <= hi + TOLERANCE and lo <= high + TOLERANCE:
        return "overlaps"
    if low > hi:  # the words put it more probable than the analysis
        return "weaker" if side == "unlikely" else "stronger"
    return "stronger" if side == "unlikely" else "weaker"


def check(expression: Expression, figures: Figures) -> Finding:
    """One expression against the analysis's figures (the module's rules).

    Examples
    --------
    >>> (e,) = expressions("H1 is almost certainly the answer.")
    >>> check(e, Figures("H1", (0.6, 0.7))).relation
    'stronger'
    >>> (e,) = expressions("We have high confidence in it.")
    >>> check(e, Figures(confidence="moderate")).relation
    'above'
    >>> (e,) = expressions("H2 is the most likely explanation.")
    >>> check(e, Figures("H2", leaders=("H1",))).relation
    'not_leader'
    """
    kind = expression.kind
    if kind == "estimative":
        if expression.band is None or expression.side is None:
            return Finding("likelihood", "unchecked", expression, figures)
        if figures.range is None:
            relation = "unsupported" if figures.why in UNSUPPORTED else "unchecked"
            return Finding("likelihood", relation, expression, figures)
        relation = compare(expression.band, expression.side, figures.range)
        return Finding("likelihood", relation, expression, figures)
    if kind == "confidence":
        if figures.confidence not in CONFIDENCE_LEVELS:
            return Finding("confidence", "unchecked", expression, figures)
        return Finding(
            "confidence", _level(expression.levels, figures.confidence), expression, figures
        )
    if kind == "ranking":
        return Finding("ranking", _ranking(expression, figures), expression, figures)
    if kind == "certainty":
        return Finding("certainty", "unhedged", expression, figures)
    raise ValueError(f"no check for an expression of kind {kind!r}")


def _level(levels: Sequence[str], computed: str) -> str:
    if computed in levels:
        return "same"
    rank = CONFIDENCE_LEVELS.index
    return "above" if min(rank(x) for x in levels) > rank(computed) else "below"


def _ranking(expression: Expression, figures: Figures) -> str:
    about, leaders = figures.about, figures.leaders
    if about is None or not leaders:
        return "unchecked"
    if expression.negated:
        return "denies_leader" if leaders == (about,) else "consistent"
    if about not in leaders:
        return "not_leader"
    return "tied" if len(leaders) > 1 else "consistent"


def review(text: str, figures: Figures) -> tuple[Finding, ...]:
    """Every expression of ``text`` checked against ``figures``, with a ``with_likelihood``
    finding for each confidence expression in a sentence that also gives a likelihood, and a
    ``missing`` one when a text about a hypothesis gives no likelihood at all.

    Examples
    --------
    >>> text = "We judge with high confidence that H1 will likely hold. It will end soon."
    >>> [(f.check, f.relation) for f in review(text, Figures("H1", (0.6, 0.7), "low", ("H1",)))]
    [('confidence', 'above'), ('likelihood', 'inside'), ('certainty', 'unhedged'), ('confidence', 'with_likelihood')]
    >>> [f.relation for f in review("H1 explains the embargo.", Figures("H1", (0.6, 0.7)))]
    ['missing']
    """
    found = expressions(text)
    findings = [check(e, figures) for e in found]
    for e in found:
        if e.kind != "confidence":
            continue
        same = [x for x in found if x.kind == "estimative" and x.sentence == e.sentence]
        if same:
            findings.append(Finding("confidence", "with_likelihood", e, figures, other=same[0]))
    said = any(e.kind in ("estimative", "ranking") for e in found)
    if figures.about is not None and figures.why != "not_a_hypothesis" and not said:
        findings.append(Finding("likelihood", "missing", None, figures))
    return tuple(findings)


@dataclass(frozen=True)
class Conflict:
    """Two statements that cannot both hold: their indices, the ``rule`` broken (``disjoint``:
    one hypothesis given bands apart; ``exceed``: two exclusive hypotheses given bands whose
    lower ends add up to more than 1; ``two_first``: two hypotheses each called most likely)
    and the two expressions."""

    first: int
    second: int
    rule: str
    expressions: tuple[Expression, Expression]


def conflicts(
    statements: Sequence[tuple[str | None, Sequence[Expression]]],
    *,
    hypotheses: Collection[str],
    overlapping: Collection[Collection[str]] = (),
) -> tuple[Conflict, ...]:
    """The pairs of statements (each: what it is about, and its expressions) that cannot both
    hold, one conflict per pair. Two of the ``hypotheses`` exclude each other (as ACH assumes)
    unless their pair is in ``overlapping``; an event or a scenario excludes nothing.

    Examples
    --------
    >>> a, b = expressions("H1 is likely."), expressions("H2 is very likely.")
    >>> [(c.first, c.second, c.rule) for c in conflicts([("H1", a), ("H2", b)], hypotheses={"H1", "H2"})]
    [(0, 1, 'exceed')]
    >>> conflicts([("H1", a), ("H2", b)], hypotheses={"H1", "H2"}, overlapping=[{"H1", "H2"}])
    ()
    """
    linked = {frozenset(pair) for pair in overlapping}
    found = []
    for i, (about_i, said_i) in enumerate(statements):
        for j in range(i + 1, len(statements)):
            about_j, said_j = statements[j]
            if about_i is None or about_j is None:
                continue
            exclusive = (
                about_i != about_j
                and {about_i, about_j} <= set(hypotheses)
                and frozenset({about_i, about_j}) not in linked
            )
            rule = next(
                (
                    (r, e, f)
                    for e in said_i
                    for f in said_j
                    if (r := _clash(e, f, about_i == about_j, exclusive))
                ),
                None,
            )
            if rule:
                found.append(Conflict(i, j, rule[0], (rule[1], rule[2])))
    return tuple(found)


def _clash(e: Expression, f: Expression, same: bool, exclusive: bool) -> str | None:
    if e.kind == f.kind == "estimative" and e.band and f.band:
        if same and (e.band[0] > f.band[1] + TOLERANCE or f.band[0] > e.band[1] + TOLERANCE):
            return "disjoint"
        if exclusive and e.band[0] + f.band[0] > 1 + TOLERANCE:
            return "exceed"
    if e.kind == f.kind == "ranking" and exclusive and not (e.negated or f.negated):
        return "two_first"
    return None
