"""Conditions of ``sat review``'s findings: the analyst's phrase, read afresh in its sentence,
against the analysis recomputed from the case.

The phrase is read again by ``sat.techniques.wording.expressions`` (tested term
by term on its own) at the place the claim cites; the figures it is compared
with are recomputed here: the posterior range across the likelihood tables
cell by cell (``_posterior``), the confidence level by the rule of
``confidence.level``, and the hypotheses at the top as ``bayes.tie`` and
``bayes.near_tie`` find them. A statement about an event is checked against
the event's probability (as given, or ``1 − (1 − p)^n`` over independent
periods), and one about an event given others not at all; a statement about a
scenario against the chain-rule product of its events' chances, and "most
likely" against the scenarios first at the percentage printed for them
(``foresight``'s rules, SAT-REFERENCE section 6). The comparisons are written
from the rules in ``sat.techniques.wording.check``'s documentation, not by
calling it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sat.report.conditions import bayes, people
from sat.report.conditions._facts import Facts
from sat.report.conditions.foresight import _chance, _event, _shown
from sat.techniques.wording import Expression, expressions

TOLERANCE = 1e-9
_LEVELS = ("low", "moderate", "high")


def _read(sentence: str | None, at: int, phrase: str, kind: str) -> Expression | None:
    """The expression of ``kind`` the reader finds at ``at`` in ``sentence``, if its words are
    ``phrase``."""
    if sentence is None:
        return None
    for e in expressions(sentence):
        if e.span[0] == at and e.phrase == phrase and e.kind == kind:
            return e
    return None


def _hypotheses(facts: Facts) -> set[str]:
    return {h.id for h in facts.case.hypotheses}


def _forecast(facts: Facts, about: str | None) -> str | None:
    """``event`` or ``scenario`` when the case has one with this id, else None."""
    if any(e.id == about for e in facts.case.events):
        return "event"
    if any(s.id == about for s in facts.case.scenarios):
        return "scenario"
    return None


def _probability(facts: Facts, about: str) -> float | None:
    """An event's probability or a scenario's chain-rule one, recomputed; None for an event
    given others (its probability holds only given them)."""
    case = facts.case
    event = next((e for e in case.events if e.id == about), None)
    if event is not None:
        return None if event.given else _event(case, about)
    return _chance(case, next(s for s in case.scenarios if s.id == about))


def _why(facts: Facts, about: str | None) -> str | None:
    """Why the analysis gives ``about`` no range to check words against, recomputed; None when
    it gives one."""
    if about is None:
        return "not_about"
    if _forecast(facts, about) is not None:
        return "conditional" if _probability(facts, about) is None else None
    if about not in _hypotheses(facts):
        return "not_a_hypothesis"
    if facts.bayes is None:
        return "no_bayes"
    if about not in bayes._ranked_bayes(facts):
        return "unranked"
    if bayes._ranked_bayes(facts) == {about}:
        return "only_rated"
    if bayes._rated_on(facts, about) is not None:
        return "untested"
    return None


def _range(facts: Facts, figures: Mapping[str, Any]) -> tuple[float, float] | None:
    """The posterior range recomputed for the hypothesis the claim is about, when it agrees
    with the range the claim cites; else None."""
    about, said = figures["about"], figures["range"]
    if said is None or _why(facts, about) is not None:
        return None
    if _forecast(facts, about) is not None:
        lo = hi = _probability(facts, about)  # type: ignore[assignment]
    else:
        lo, hi = bayes._table_range(facts)[about]
    if abs(lo - said[0]) > TOLERANCE or abs(hi - said[1]) > TOLERANCE:
        return None
    return lo, hi


def _placed(facts: Facts, figures: Mapping[str, Any]) -> tuple[Expression, float, float] | None:
    """The estimative expression re-read with the band said, and the recomputed range."""
    e = _read(figures.get("sentence"), figures["at"], figures["phrase"], "estimative")
    span = _range(facts, figures)
    if e is None or span is None or e.band is None or tuple(figures["band"]) != e.band:
        return None
    return e, *span


def _apart(band: tuple[float, float], lo: float, hi: float) -> str | None:
    """``above`` or ``below`` when the band lies wholly above or below the range, else None."""
    if band[0] > hi + TOLERANCE:
        return "above"
    if band[1] < lo - TOLERANCE:
        return "below"
    return None


#: (where the band lies from the range, the way the phrase leans) when the words go further
#: than the analysis: above the range for a phrase leaning likely or even (an even chance makes
#: a hypothesis the analysis puts lower sound more probable), below it for one leaning unlikely.
BEYOND = frozenset({("above", "likely"), ("above", "even"), ("below", "unlikely")})


def _stronger(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The band lies apart from the recomputed range beyond it in the direction the phrase
    moves the probability: above it for a phrase leaning likely or even, below it for one
    leaning unlikely (``BEYOND``)."""
    placed = _placed(facts, figures)
    if placed is None:
        return False
    e, lo, hi = placed
    return (_apart(e.band, lo, hi), e.side) in BEYOND  # type: ignore[arg-type]


def _weaker(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The band lies apart from the recomputed range the other way: below it for a phrase
    leaning likely or even, above it for one leaning unlikely."""
    placed = _placed(facts, figures)
    if placed is None:
        return False
    e, lo, hi = placed
    way = _apart(e.band, lo, hi)  # type: ignore[arg-type]
    return way is not None and (way, e.side) not in BEYOND


def _overlaps(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The band and the recomputed range share a probability, and the range leaves the band."""
    placed = _placed(facts, figures)
    if placed is None:
        return False
    e, lo, hi = placed
    low, high = e.band  # type: ignore[misc]
    inside = low - TOLERANCE <= lo and hi <= high + TOLERANCE
    return _apart(e.band, lo, hi) is None and not inside  # type: ignore[arg-type]


def _computed(facts: Facts) -> str | None:
    """The confidence level by the rule, recomputed (``confidence.level``, or low when no
    judgement can be drawn); None when confidence was not assessed."""
    if facts.confidence is None:
        return None
    for level in _LEVELS:
        if people._level(facts, {"level": level}):
            return level
    return "low" if people._no_judgement(facts, {"level": "low"}) else None


#: Why the analysis gives a hypothesis no likelihood of its own (its words then say more).
_NO_LIKELIHOOD = frozenset({"no_bayes", "unranked", "untested", "only_rated"})


def _unsupported(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """A likelihood phrase, read afresh at its place with a band, said of a hypothesis the
    analysis gives no likelihood of its own, for the reason said, recomputed (no Bayesian
    mode; rated against nothing, against fewer than half the items, or the only one rated)."""
    e = _read(figures.get("sentence"), figures["at"], figures["phrase"], "estimative")
    why = _why(facts, figures["about"])
    return e is not None and e.band is not None and why in _NO_LIKELIHOOD and why == figures["why"]


def _unchecked(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The analysis has nothing to check the phrase against, for the reason said: no
    confidence assessed; for "most likely", nothing named, an event (events are not ranked),
    or a hypothesis with none ranked; for a likelihood, nothing named, an event given others,
    or a hypothesis the analysis gives no range (not a hypothesis, no Bayesian mode, rated
    against nothing or against fewer than half the items); or, whatever the analysis gives, a
    likelihood phrase the reader, reading it afresh at its place, leaves without a band (words
    around it that deny or turn it in a way it does not resolve)."""
    check, about = figures["check"], figures["about"]
    if check == "confidence":
        return facts.confidence is None
    if check == "ranking":
        forecast = _forecast(facts, about)
        if forecast is not None:
            return forecast == "event"
        if figures["why"] == "no_bayes":
            return facts.bayes is None
        return about is None or about not in _hypotheses(facts) or not _front(facts)
    if figures.get("phrase") is not None and figures.get("band") is None:
        e = _read(figures.get("sentence"), figures["at"], figures["phrase"], "estimative")
        return e is not None and e.band is None
    said = figures["why"] or ("not_about" if about is None else "no_bayes")
    return figures["range"] is None and _why(facts, about) == said


def _confidence(way: str) -> Callable[[Facts, Mapping[str, Any]], bool]:
    def condition(facts: Facts, figures: Mapping[str, Any]) -> bool:
        e = _read(figures.get("sentence"), figures["at"], figures["phrase"], "confidence")
        computed = _computed(facts)
        if e is None or computed is None or computed != figures["computed"]:
            return False
        ranks = [_LEVELS.index(x) for x in e.levels]
        c = _LEVELS.index(computed)
        return min(ranks) > c if way == "above" else max(ranks) < c

    condition.__doc__ = (
        f"Every level the phrase allows, read afresh, is {way} the level recomputed by rule."
    )
    return condition


def _with_likelihood(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The sentence, read afresh, holds the confidence phrase and the estimative one named."""
    sentence = figures.get("sentence")
    conf = _read(sentence, figures["at"], figures["phrase"], "confidence")
    other = _read(sentence, figures.get("other_at", -1), figures.get("other", ""), "estimative")
    return conf is not None and other is not None


def _unhedged(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The reader finds the certainty marker at its place, which it does only in a sentence
    with no estimative or ranking expression and no hedge."""
    return _read(figures.get("sentence"), figures["at"], figures["phrase"], "certainty") is not None


def _front(facts: Facts) -> set[str]:
    """The ranked hypotheses the Bayesian mode cannot tell apart at the top, recomputed: those
    tied first, and those not told apart from them (``bayes.near_tie``)."""
    if facts.bayes is None:
        return set()
    tied = bayes.tied_first(facts)
    if not tied:
        return set()
    others = bayes._ranked_bayes(facts) - tied
    return tied | (bayes._contenders(facts, *tied) if others else set())


def _first_scenarios(facts: Facts) -> set[str]:
    """The scenarios first at the percentage printed for them, recomputed (chain rule)."""
    shown = {s.id: _shown(_chance(facts.case, s)) for s in facts.case.scenarios}
    top = max(shown.values(), default=None)
    return {s for s, p in shown.items() if p == top}


def _ranking(relation: str) -> Callable[[Facts, Mapping[str, Any]], bool]:
    def condition(facts: Facts, figures: Mapping[str, Any]) -> bool:
        e = _read(figures.get("sentence"), figures["at"], figures["phrase"], "ranking")
        about = figures["about"]
        forecast = _forecast(facts, about)
        if forecast == "event":  # events are not ranked against one another
            return False
        front = _first_scenarios(facts) if forecast == "scenario" else _front(facts)
        if e is None or not front or set(figures["leaders"]) != front:
            return False
        if relation == "denies_leader":
            return e.negated and front == {about}
        if e.negated:
            return False
        if relation == "not_leader":
            ranked = forecast == "scenario" or about in _hypotheses(facts)
            return ranked and about not in front
        return about in front and len(front) > 1

    condition.__doc__ = {
        "not_leader": "Said of a hypothesis outside the recomputed front (of a scenario: "
        "outside the scenarios first at the percentage printed).",
        "tied": "Said of one of several hypotheses (or scenarios) the analysis cannot tell "
        "apart at the top.",
        "denies_leader": "Denied of the one hypothesis (or scenario) the analysis puts first.",
    }[relation]
    return condition


def _missing(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The statement is about a hypothesis, an event or a scenario of the case and, read afresh,
    has no estimative or ranking expression; the range cited is the recomputed one (or none,
    when there is none: an event given others, a hypothesis the analysis gives no range)."""
    text, about = figures.get("text"), figures["about"]
    if text is None or (about not in _hypotheses(facts) and _forecast(facts, about) is None):
        return False
    if any(e.kind in ("estimative", "ranking") for e in expressions(text)):
        return False
    if figures["range"] is None:
        return _why(facts, about) is not None
    return _range(facts, figures) is not None


def _conflict(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The two phrases, read afresh, cannot both hold by the rule said: one hypothesis with
    bands that do not meet; two hypotheses that exclude each other (neither lists the other in
    ``overlaps``) with bands whose lower ends add up to more than 1; or two such hypotheses each
    called the most likely."""
    a, b = figures["about"]
    kind = "ranking" if figures["rule"] == "two_first" else "estimative"
    e, f = (
        _read(s, at, p, kind)
        for s, at, p in zip(figures["sentences"], figures["at"], figures["phrases"], strict=True)
    )
    if e is None or f is None or a is None or b is None:
        return False
    hyps = {h.id: h for h in facts.case.hypotheses}
    linked = a in hyps and b in hyps and (b in hyps[a].overlaps or a in hyps[b].overlaps)
    exclusive = a != b and a in hyps and b in hyps and not linked
    if figures["rule"] == "disjoint":
        return a == b and _apart(e.band, *f.band) is not None  # type: ignore[arg-type,misc]
    if figures["rule"] == "exceed":
        return exclusive and e.band[0] + f.band[0] > 1 + TOLERANCE  # type: ignore[index]
    return exclusive and not (e.negated or f.negated)


# --- the review as a whole ------------------------------------------------------------------------

#: The kinds of claim whose words outrun the analysis (``sat review`` exits 1 on any).
_OUTRUN = frozenset(
    {
        "review.stronger",
        "review.unsupported",
        "review.confidence_above",
        "review.unhedged",
        "review.not_leader",
        "review.tied",
        "review.denies_leader",
        "review.conflict",
    }
)


def _texts(facts: Facts, scope: str) -> list[tuple[str, str, str | None]]:
    """(where, text, about) of every text the analysts wrote, counted from the case file's
    fields: each key judgement (with its ``about``), then, unless only the key judgements are
    in ``scope``, the summary, each non-empty field of the implications and each item of the
    recommendations."""
    case = facts.case
    out = [(f"key_judgements[{i}]", k.text, k.about) for i, k in enumerate(case.key_judgements)]
    if scope == "key_judgements":
        return out
    if case.summary:
        out.append(("summary", case.summary, None))
    if case.implications is not None:
        for name in type(case.implications).model_fields:
            if value := getattr(case.implications, name):
                out.append((f"implications.{name}", value, None))
    if case.recommendations is not None:
        for name in type(case.recommendations).model_fields:
            for i, value in enumerate(getattr(case.recommendations, name)):
                out.append((f"recommendations.{name}[{i}]", value, None))
    return out


def _figure(facts: Facts, about: str) -> tuple[float, float] | None:
    """The range words about ``about`` are checked against, recomputed: a hypothesis's
    posterior range across the likelihood tables, an event's or a scenario's probability;
    None when the analysis gives none (``_why``)."""
    if _why(facts, about) is not None:
        return None
    if _forecast(facts, about) is not None:
        p = _probability(facts, about)
        return None if p is None else (p, p)
    return bayes._table_range(facts)[about]


def _first(facts: Facts, about: str) -> set[str]:
    """What "most likely" said of ``about`` is checked against: the recomputed front of the
    hypotheses, the scenarios first at their printed percentage, nothing for an event."""
    forecast = _forecast(facts, about)
    if forecast == "event":
        return set()
    return _first_scenarios(facts) if forecast == "scenario" else _front(facts)


def _says_more(facts: Facts, e: Expression, about: str | None, level: str | None) -> bool:
    """Whether one expression, read afresh, says more than the analysis: a certainty marker
    (the reader finds one only unhedged); a confidence phrase whose every level is above the
    ``level`` recomputed by rule; about an item, a band apart from its recomputed range beyond
    it in the direction the phrase moves the probability (``BEYOND``), or "most likely" of what
    is not alone in the recomputed front (denied of the one there)."""
    if e.kind == "certainty":
        return True
    above = (
        level is not None and e.levels and min(map(_LEVELS.index, e.levels)) > _LEVELS.index(level)
    )
    if e.kind == "confidence" and above:
        return True
    if about is None:
        return False
    if e.kind == "estimative" and e.band is not None and e.side is not None:
        span = _figure(facts, about)
        if span is None and _why(facts, about) in _NO_LIKELIHOOD:
            return True  # a likelihood the analysis does not give
        if span is not None and (_apart(e.band, *span), e.side) in BEYOND:
            return True
    if e.kind == "ranking":
        first = _first(facts, about)
        if first and (first == {about} if e.negated else first != {about}):
            return True
    return False


def _outruns(facts: Facts, text: str, about: str | None, judgement: bool) -> bool:
    """Whether a text outruns the analysis: each expression, read afresh, against the item the
    review reads it against (``sat.techniques.review.targets``: which item a clause, sentence
    or statement names is parsing of the words, not a figure, and is tested on its own)."""
    from sat.techniques.review import targets

    level = _computed(facts)
    return any(
        _says_more(facts, e, a, level) for e, a in targets(facts.case, text, about, judgement)
    )


def _clash(e: Expression, f: Expression, same: bool, exclusive: bool) -> bool:
    if e.kind == f.kind == "estimative" and e.band is not None and f.band is not None:
        if same and _apart(e.band, *f.band) is not None:
            return True
        if exclusive and e.band[0] + f.band[0] > 1 + TOLERANCE:
            return True
    return e.kind == f.kind == "ranking" and exclusive and not (e.negated or f.negated)


def _clashing(facts: Facts) -> list[tuple[int, int]]:
    """The pairs of key judgements (by index) that cannot both hold, recounted: both about an
    item, and one hypothesis given bands apart, or two hypotheses that exclude each other (the
    case's hypotheses are exclusive and neither lists the other in ``overlaps``) given bands
    whose lower ends add up to more than 1, or each called the most likely."""
    case = facts.case
    hyps = {h.id: h for h in case.hypotheses}
    from sat.techniques.review import subject

    said = [
        (subject(case, k.text, k.about, True), expressions(k.text)) for k in case.key_judgements
    ]
    pairs = []
    for i, (a, es) in enumerate(said):
        for j in range(i + 1, len(said)):
            b, fs = said[j]
            if a is None or b is None:
                continue
            both = a != b and a in hyps and b in hyps
            linked = both and (b in hyps[a].overlaps or a in hyps[b].overlaps)
            exclusive = bool(case.exclusive) and both and not linked
            if any(_clash(e, f, a == b, exclusive) for e in es for f in fs):
                pairs.append((i, j))
    return pairs


def _clashes(facts: Facts) -> int:
    """How many pairs of key judgements cannot both hold (``_clashing``)."""
    return len(_clashing(facts))


def _recount(facts: Facts, figures: Mapping[str, Any]) -> tuple[int, int] | None:
    """(statements that outrun the analysis, pairs of key judgements that clash), recounted
    from the case, when the counts of statements and key judgements said are the case's."""
    texts = _texts(facts, figures["scope"])
    if len(texts) != figures["statements"]:
        return None
    if len(facts.case.key_judgements) != figures["judgements"]:
        return None
    return (
        sum(_outruns(facts, t, about, w.startswith("key_judgements[")) for w, t, about in texts),
        _clashes(facts),
    )


def _nothing(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The case holds no text to check (in the scope said: every text, or the key judgements)."""
    return figures["statements"] == 0 and _recount(facts, figures) is not None


def _clean(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """No statement uses words stronger than the analysis, recomputed from the case.

    The statements are counted from the case file's fields (each key judgement, the summary,
    each non-empty field of the implications, each item of the recommendations; the key
    judgements alone for that scope): as many as said, one at least, and as many key judgements
    as said. Each is read afresh (``wording.expressions``): a key judgement about an item whole,
    against it; any other text sentence by sentence, each against the one hypothesis it names
    (``review.named``), or against nothing. Then:

    * no certainty marker (the reader finds one only where nothing hedges it);
    * no confidence phrase whose every level is above the level recomputed by rule
      (``_computed``);
    * about an item the analysis gives a figure (``_why`` is None): no estimative band apart
      from it in the direction the phrase moves the probability (above for one leaning likely
      or even, below for one leaning unlikely), the figure being a hypothesis's posterior
      range across the likelihood tables (``bayes._table_range``), an event's probability, a
      scenario's chain-rule one;
    * "most likely" only of the one hypothesis in the recomputed front (of a scenario: the one
      first at its printed percentage; events are not ranked), and "not the most likely" never
      of it;
    * no two key judgements in conflict: one item given bands that do not meet; two hypotheses
      that exclude each other (the case's hypotheses are exclusive, neither lists the other in
      ``overlaps``) given bands whose lower ends add up to more than 100%, or each called the
      most likely.
    """
    counted = _recount(facts, figures)
    return figures["statements"] > 0 and counted == (0, 0)


def _outruns_summary(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The counts of statements and key judgements are the case's; the statements that
    outrun the analysis and the pairs of key judgements that clash, recounted, are those said,
    one at least; and each claim cited as outrunning it is of a kind that does, stands in a text
    of the scope whose words hold its sentence, and has its own condition hold: the places of
    those about one statement are as many as the statements said, the conflicts as the pairs."""
    counted = _recount(facts, figures)
    stronger, conflicts = figures["stronger"], figures["conflicts"]
    if counted != (stronger, conflicts) or stronger + conflicts == 0:
        return False
    texts = {where: text for where, text, _ in _texts(facts, figures["scope"])}
    places, pairs = set(), 0
    for cited in figures["outrun"]:
        kind, f = cited["kind"], cited["figures"]
        if kind not in _OUTRUN or not CONDITIONS[kind](facts, f):
            return False
        if kind == "review.conflict":
            where, said = f["where"], f["sentences"]
            if where is None or any(
                s not in texts.get(w, "") for w, s in zip(where, said, strict=True)
            ):
                return False
            pairs += 1
            continue
        if f.get("sentence") is None or f["sentence"] not in texts.get(f["where"], ""):
            return False
        places.add(f["where"])
    return len(places) == stronger and pairs == conflicts


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "review.stronger": _stronger,
    "review.weaker": _weaker,
    "review.overlaps": _overlaps,
    "review.unchecked": _unchecked,
    "review.unsupported": _unsupported,
    "review.confidence_above": _confidence("above"),
    "review.confidence_below": _confidence("below"),
    "review.with_likelihood": _with_likelihood,
    "review.unhedged": _unhedged,
    "review.not_leader": _ranking("not_leader"),
    "review.tied": _ranking("tied"),
    "review.denies_leader": _ranking("denies_leader"),
    "review.missing": _missing,
    "review.conflict": _conflict,
    "review.nothing": _nothing,
    "review.clean": _clean,
    "review.outruns": _outruns_summary,
}
