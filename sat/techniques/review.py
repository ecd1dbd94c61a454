"""The analysts' own words against the analysis (``sat review CASE``): where they outrun it.

An assessment is written by analysts, in words; the workings support it. ``sat review``
reads what the analysts wrote in the case file (their ``key_judgements`` first, then the
``summary``, the ``implications`` and the ``recommendations``) and checks every word of
likelihood, confidence, ranking and certainty against the figures the analysis computes.
It prints one line per finding under where the words stand (``key_judgements[0]``,
``implications.political``), marking ``!`` those stronger than the analysis::

    key_judgements[0]
      ! "almost certainly" (95–100%) is stronger than the analysis, which puts H1
        (Coercion over Taiwan) at 27% to 41% across the likelihood tables: unlikely (20–45%).
    key_judgements[2]
      ! "will" states as certain what the analysis gives only as a probability: ...

    2 of the 17 statements the analysts wrote (4 key judgements) use words stronger than the
    analysis.

What it finds:

* a word of likelihood (ICD 203's "likely", "very unlikely", "almost certainly"; the UK
  yardstick's "realistic possibility", "remote chance"; "probably", "we judge ... likely",
  "30-35%") outside the probability the analysis gives what it is about: a hypothesis's
  posterior range across the likelihood tables ("likely" said of H1 at 27-41% is stronger
  than the analysis, "likely" of one at 90-97% weaker), an event's or a scenario's
  probability ("almost certainly" of an event at 75%). A word is earned only when the whole
  range lies in its band; "not likely" is read as denied;
* a confidence word above or below the confidence the analysis computes ("high confidence"
  where it is low), or said in the same sentence as a likelihood (ICD 203 keeps them apart);
* certainty about what is not known ("will", "certainly", "clearly", "proves") in a sentence
  with no word of likelihood and no hedge: "China will extend the controls" is found,
  "China will probably extend the controls" is not;
* "most likely" said of a hypothesis the analysis does not put first, or of one it cannot
  tell apart from others (of a scenario: not first at its printed percentage);
* a key judgement about a hypothesis, event or scenario that gives no likelihood at all;
* two key judgements that cannot both hold ("H1 is almost certain" and "H4 is very likely",
  when H1 and H4 exclude each other).

Exit codes: 0 when no word is stronger than the analysis (weaker words and notes are listed,
and pass); 1 when any is, or two key judgements cannot both hold. A team can gate a brief on
it in CI: ``sat review data/cases/x.yaml`` fails the job until the words match the analysis.
``--json`` gives ``{"findings": [{"where", "phrase", "problem", "analysis", "kind",
"stronger", "check", "sentence"}], "checked": N, ...}``.

How each text is read:

* a key judgement is checked against the item it is ``about``: a hypothesis's posterior
  range, an event's or a scenario's probability (an event conditional on others, ``given``,
  is not checked: its probability holds only given them). Without ``about``, against the one
  hypothesis its text names by id or label, if it names one. A clause that names another
  hypothesis alone ("A strike is the most likely cause, and storm damage is unlikely") is
  checked against that one (``targets``: a sentence divides into clauses at a semicolon, a
  colon or a conjunction joining two statements); a word in a sentence or clause naming
  several, none of them its subject, is checked for confidence and certainty only;
* the other texts are read the same way, each word against the one hypothesis its clause or
  sentence names, by id or by its label as written (a common word in lower case, "sanctions",
  is not the hypothesis "Sanctions"); a word of likelihood in a sentence that names no
  hypothesis is about something the analysis does not model (a market, a supply chain) and
  is not checked;
* pairs of key judgements that cannot both hold (``wording.conflicts``): one hypothesis given
  bands that do not meet, two exclusive hypotheses given bands whose lower ends add up to
  more than 1, two hypotheses each called most likely.

The result says, per statement, what was found (``sat.techniques.wording.Finding``);
``stronger`` is true when any expression outruns the analysis. The words of the findings
are claims in ``sat.report.claims.review``.

References
----------
.. [1] ODNI, *Intelligence Community Directive 203: Analytic Standards*, 2015,
   D.6.e(2) (likelihood and confidence expressed apart and consistently) and
   D.6.e(5)-(6) (logical argumentation; consistency of analysis and change).
.. [2] SAT-REFERENCE.md, section 2 (the likelihood bands) and section 10 (what a
   brief may claim).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sat.case import Case
from sat.techniques import wording
from sat.techniques.wording import Conflict, Figures, Finding

__all__ = [
    "ReviewResult",
    "Reviewed",
    "Statement",
    "figures_for",
    "named",
    "run",
    "statements",
    "subject",
    "targets",
]


@dataclass(frozen=True)
class Statement:
    """One text of the analyst's, where it stands in the case (``key_judgements[0]``,
    ``implications.political``, ``recommendations.immediate[1]``) and the id it is about:
    the key judgement's ``about`` (``given``), or for a sentence of another text the one
    hypothesis it names."""

    where: str
    text: str
    about: str | None = None
    given: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"where": self.where, "text": self.text, "about": self.about, "given": self.given}


@dataclass(frozen=True)
class Reviewed:
    """A statement and what its expressions were found to be against the analysis."""

    statement: Statement
    findings: tuple[Finding, ...]

    @property
    def stronger(self) -> bool:
        """Whether any expression outruns the analysis."""
        return any(f.stronger for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.statement.to_dict(),
            "stronger": self.stronger,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class ReviewResult:
    """The result of ``run``.

    Attributes
    ----------
    statements : tuple of Reviewed
        Every statement checked, in the case file's order: the key judgements first.
    conflicts : tuple of wording.Conflict
        Pairs of key judgements that cannot both hold; ``first`` and ``second`` index
        ``judgements``.
    judgements : int
        How many of ``statements`` are key judgements (they come first).
    """

    statements: tuple[Reviewed, ...]
    conflicts: tuple[Conflict, ...] = ()
    judgements_count: int = 0

    @property
    def judgements(self) -> tuple[Reviewed, ...]:
        """The key judgements, reviewed, in the analyst's order."""
        return self.statements[: self.judgements_count]

    @property
    def stronger(self) -> bool:
        """Whether any statement's words outrun the analysis, or two key judgements cannot
        both hold (``sat review`` exits 1)."""
        return bool(self.conflicts) or any(r.stronger for r in self.statements)

    @property
    def checked(self) -> int:
        """How many statements were read."""
        return len(self.statements)

    def to_dict(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "stronger": self.stronger,
            "statements": [r.to_dict() for r in self.statements],
            "conflicts": [
                {
                    "first": c.first,
                    "second": c.second,
                    "rule": c.rule,
                    "phrases": [e.phrase for e in c.expressions],
                }
                for c in self.conflicts
            ],
        }


def statements(case: Case) -> Iterator[Statement]:
    """The analyst's texts in the case file's order, each once: key judgements, then the
    summary, the implications and the recommendations (their ``where`` as in the file)."""
    for i, kj in enumerate(case.key_judgements):
        yield Statement(f"key_judgements[{i}]", kj.text, kj.about, kj.about is not None)
    if case.summary:
        yield Statement("summary", case.summary)
    if case.implications is not None:
        for name, value in case.implications.model_dump().items():
            if value:
                yield Statement(f"implications.{name}", value)
    if case.recommendations is not None:
        for name, values in case.recommendations.model_dump().items():
            for i, value in enumerate(values):
                yield Statement(f"recommendations.{name}[{i}]", value)


@lru_cache(maxsize=64)
def _patterns(
    names: tuple[tuple[str, str], ...], exact: bool
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each hypothesis (id, label) with a pattern finding its id or its label as whole words (any
    letter case, or with ``exact`` only as written): compiled once per set of names, not per
    sentence read (the workbook reads on every keystroke)."""
    out = []
    flags = 0 if exact else re.IGNORECASE
    for ident, label in names:
        forms = sorted({ident, label.strip()} - {""}, key=len, reverse=True)
        alternation = "|".join(re.escape(f) for f in forms)
        out.append((ident, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", flags)))
    return tuple(out)


def _names(case: Case, exact: bool = False) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return _patterns(tuple((h.id, h.label) for h in case.hypotheses), exact)


def named(case: Case, sentence: str, exact: bool = False) -> tuple[str, ...]:
    """The hypotheses a sentence names, by id or label as whole words (in any letter case, or
    with ``exact`` only as written).

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> named(case, "Coercion over Taiwan is the likeliest reading; H4 is less likely.")
    ('H1', 'H4')
    """
    return tuple(h for h, pattern in _names(case, exact) if pattern.search(sentence))


def figures_for(
    case: Case, bayes: Any, confidence: Any, about: str | None, scenarios: Any = None
) -> Figures:
    """The figures a statement about ``about`` is checked against: a hypothesis's
    (``Figures.of``), an event's or a scenario's probability (``why`` ``conditional`` for
    an event given others), or only the confidence and the leaders for None. The leaders of
    a scenario are the scenarios first at the printed probability (``scenarios.printed``);
    events have none."""
    events = {e.id: e for e in case.events}
    by_scenario = {s.id: s for s in case.scenarios}
    if about in events or about in by_scenario:
        from sat.techniques.scenarios import event_probability, printed, scenario_probability

        level = getattr(confidence, "level", None)
        if about in events:  # events are not ranked against each other
            event = events[about]
            if event.given:
                return Figures(about, None, level, (), "conditional")
            p = event_probability(event)
            return Figures(about, (p, p), level, ())
        # scenarios are ranked as the brief prints them: first alone at the printed figure
        shown = {s: printed(scenario_probability(case, x)[0]) for s, x in by_scenario.items()}
        top = max(shown.values())
        leaders = tuple(s for s, p in shown.items() if p == top)
        p = scenario_probability(case, by_scenario[about])[0]
        return Figures(about, (p, p), level, leaders)
    return Figures.of(bayes, confidence, about)


#: Where a sentence divides into clauses for attributing its words: a semicolon, a colon, or a
#: comma or space before a conjunction that joins two statements.
_CLAUSE = re.compile(
    r";|:\s|,\s+(?:and|but|while|whereas|though|although|yet)\s+|\s+(?:but|whereas)\s+"
)


def _clause(text: str, sentence: tuple[int, int], at: int) -> tuple[int, int]:
    """The clause of ``sentence`` (a span of ``text``) holding position ``at``."""
    start, end = sentence
    bounds = [start]
    for m in _CLAUSE.finditer(text, start, end):
        bounds += [m.start(), m.end()]
    bounds.append(end)
    pairs = list(zip(bounds[::2], bounds[1::2], strict=True))
    return next(((a, b) for a, b in pairs if a <= at < b), sentence)


def _target(clause: tuple[str, ...], sentence: tuple[str, ...], default: str | None) -> str | None:
    if default is not None and default in clause:
        return default
    if clause:
        return clause[0] if len(clause) == 1 else None
    if default is not None:
        return default
    return sentence[0] if len(sentence) == 1 else None


def subject(case: Case, text: str, about: str | None = None, judgement: bool = False) -> str | None:
    """What a statement is about as a whole: its ``about``; for a key judgement without one,
    the one hypothesis its text names (by id or label, any case); else None."""
    if about is not None or not judgement:
        return about
    whole = named(case, text)
    return whole[0] if len(whole) == 1 else None


def targets(
    case: Case, text: str, about: str | None = None, judgement: bool = False
) -> tuple[tuple[wording.Expression, str | None], ...]:
    """Each expression of ``text`` (``wording.expressions``) with the item it is checked against.

    The clause holding the expression decides (a sentence divides at a semicolon, a colon, or
    a conjunction joining two statements): the statement's subject (``subject``) when the
    clause names it, among others or alone; else the one hypothesis the clause names; None when
    it names several. A clause naming none is about the statement's subject, or, for a
    statement without one, about the one hypothesis its sentence names. A key judgement names
    hypotheses by id or label in any letter case; the other texts (summary, implications,
    recommendations) only by id or by the label as written, so that a common word ("sanctions")
    is not taken for a hypothesis ("Sanctions").

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> text = "Coercion over Taiwan is likely, and H4 is unlikely. It is almost certain."
    >>> [(e.phrase, about) for e, about in targets(case, text, "H1", judgement=True)]
    [('likely', 'H1'), ('unlikely', 'H4'), ('almost certain', 'H1')]
    """
    exact = not judgement
    default = subject(case, text, about, judgement)
    out = []
    for e in wording.expressions(text):
        a, b = _clause(text, e.sentence, e.span[0])
        out.append(
            (
                e,
                _target(
                    named(case, text[a:b], exact),
                    named(case, text[e.sentence[0] : e.sentence[1]], exact),
                    default,
                ),
            )
        )
    return tuple(out)


def _review(case: Case, statement: Statement, bayes: Any, confidence: Any) -> tuple[Finding, ...]:
    text = statement.text
    judgement = statement.where.startswith("key_judgements[")
    pairs = targets(case, text, statement.about, judgement)

    def figures(about: str | None) -> Figures:
        return figures_for(case, bayes, confidence, about)

    found: list[tuple[tuple[int, int, int], Finding]] = []  # in reading order, by sentence
    for k, (e, about) in enumerate(pairs):
        if about is None and e.kind in ("estimative", "ranking") and not judgement:
            continue  # about nothing the analysis weighs (a market, a supply chain)
        found.append(((e.sentence[0], 0, k), wording.check(e, figures(about))))
    for k, (e, about) in enumerate(pairs):
        if e.kind != "confidence":
            continue
        same = [x for x, _ in pairs if x.kind == "estimative" and x.sentence == e.sentence]
        if same:
            finding = Finding("confidence", "with_likelihood", e, figures(about), other=same[0])
            found.append(((e.sentence[0], 1, k), finding))
    likelihood = {x.sentence for x, _ in pairs if x.kind in ("estimative", "ranking")}
    if judgement:  # a key judgement about an item that gives no likelihood at all
        whole = figures(subject(case, text, statement.about, True))
        if whole.about is not None and whole.why != "not_a_hypothesis" and not likelihood:
            found.append(((len(text), 2, 0), Finding("likelihood", "missing", None, whole)))
    else:  # a sentence naming one hypothesis that gives it no likelihood
        for span in wording.sentences(text):
            names = named(case, text[span[0] : span[1]], exact=True)
            if len(names) == 1 and span not in likelihood:
                missing = Finding("likelihood", "missing", None, figures(names[0]))
                found.append(((span[0], 2, 0), missing))
    return tuple(f for _, f in sorted(found, key=lambda pair: pair[0]))


def run(case: Case, bayes: Any, confidence: Any) -> ReviewResult:
    """Check the analyst's words against the analysis (the module's rules).

    Parameters
    ----------
    case : Case
        The case, whose ``key_judgements``, ``summary``, ``implications`` and
        ``recommendations`` are read.
    bayes : BayesResult or None
        The Bayesian result the likelihood words are checked against (None when it
        cannot run: not checked).
    confidence : Confidence or None
        The computed confidence the confidence words are checked against (None: not checked).

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> a = sat.analyse(sat.load_case(EXAMPLE_CASE))
    >>> result = run(a.case, a.bayes, a.confidence)
    >>> result.stronger
    False
    """
    found = tuple(Reviewed(s, _review(case, s, bayes, confidence)) for s in statements(case))
    count = len(case.key_judgements)
    said = [
        (
            subject(case, r.statement.text, r.statement.about, True),
            wording.expressions(r.statement.text),
        )
        for r in found[:count]
    ]
    clashes = wording.conflicts(
        said,
        hypotheses={h.id for h in case.hypotheses} if case.exclusive else set(),
        overlapping=[{h.id, o} for h in case.hypotheses for o in h.overlaps],
    )
    return ReviewResult(found, clashes, count)
