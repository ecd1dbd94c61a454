"""Conditions of the reader's brief (``sat.report.claims.reader``), recomputed from the case.

Who the analysis puts first is scored afresh (the matrix's least inconsistent, and the Bayesian
mode's front as ``review`` recomputes it); posteriors and their ranges across the likelihood tables
cell by cell (``_posterior``); a scenario's probability by the chain rule (``foresight``); the
confidence level by its rule (``people``); an analyst's words read afresh with
``sat.techniques.wording.expressions`` and checked by the rules written in
``sat.techniques.wording.check``'s documentation, not by calling it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sat.language import percent, span
from sat.report.conditions import (
    bayes,
    foresight,
    people,
    reader_numbers,
    review,
    standing,
    team,
)
from sat.report.conditions._facts import _VALUE, TOLERANCE, Facts, _first, _points, _scores


def _front(facts: Facts) -> set[str]:
    """The matrix's least inconsistent, with those the Bayesian mode cannot tell apart at the
    top, recomputed."""
    first = set(_first(*_scores(facts)))
    if facts.bayes is not None and bayes._ranked_bayes(facts):
        first |= review._front(facts)
    return first


def _ranked(facts: Facts) -> set[str]:
    ranked = _scores(facts)[2]
    return ranked | bayes._ranked_bayes(facts) if facts.bayes is not None else ranked


def _one(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """One hypothesis is first, the one named, among as many weighed as said."""
    return _front(facts) == {figures["leader"]} and len(_ranked(facts)) == figures["hypotheses"]


# --- the composed standing ------------------------------------------------------------------------


def _no_judgement(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Nothing is ranked, by the matrix or the Bayesian mode."""
    return not _front(facts)


def _cannot_separate(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """More than one hypothesis is first (tied, not told apart, or first by one method only), and
    the named are exactly those."""
    front = _front(facts)
    return len(front) > 1 and set(figures["hypotheses"]) == front


def _alone(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return _one(facts, figures) and _ranked(facts) == {figures["leader"]}


def _no_likelihood(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return facts.bayes is None and _one(facts, figures) and figures["hypotheses"] > 1


def _open(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The named are exactly the hypotheses rated against nothing with a larger posterior."""
    larger = bayes.larger_unrated(facts) if facts.bayes is not None else set()
    return _one(facts, figures) and bool(larger) and set(figures["unweighed"]) == larger


def _untested(facts: Facts, figures: Mapping[str, Any]) -> bool:
    rated = bayes._rated_on(facts, figures["leader"])
    return (
        facts.bayes is not None
        and _one(facts, figures)
        and not bayes.larger_unrated(facts)
        and rated is not None
        and rated == tuple(figures["rated"])
    )


def _most_probable(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The leader's posterior is strictly the largest (no hypothesis rated against nothing above
    it), it is rated on at least half the items, another is weighed, and the words are those of
    its range across the likelihood tables, recomputed ("though itself" when the range lies below
    even chance)."""
    leader = figures["leader"]
    if facts.bayes is None or not _one(facts, figures) or figures["hypotheses"] < 2:
        return False
    if bayes.larger_unrated(facts) or bayes._rated_on(facts, leader) is not None:
        return False
    lo, hi = bayes._table_range(facts)[leader]
    said = figures["range"]
    return (
        bayes.tied_first(facts) == {leader}
        and abs(lo - said[0]) <= TOLERANCE
        and abs(hi - said[1]) <= TOLERANCE
        and span(lo, hi).likelihood == figures["words"]
    )


# --- the key judgements ---------------------------------------------------------------------------


def _figure(facts: Facts, about: str | None) -> tuple[str | None, Any, str | None]:
    """(what it is about, its figure as a range, why none), recomputed."""
    case = facts.case
    if about is None:
        return None, None, None
    scenarios = {s.id: s for s in case.scenarios}
    events = {e.id: e for e in case.events}
    if about in scenarios:
        p = foresight._chance(case, scenarios[about])
        return "scenario", (p, p), None
    if about in events:
        if events[about].given:
            return "event", None, "conditional"
        p = foresight._event(case, about)
        return "event", (p, p), None
    why = review._why(facts, about)
    if why is None and bayes._ranked_bayes(facts) == {about}:
        why = "only_rated"  # first in every simulation for want of a rival: no words
    return "hypothesis", None if why else bayes._table_range(facts)[about], why


def _context(facts: Facts, s: str, context: Mapping[str, Any] | None) -> bool:
    """A scenario's context as said: the number modelled, how many are shown above it and level
    with it (``percent``), the share of outcomes they cover together (said only when they
    exclude one another and it shows short of 100%), and the analysts' estimate of it pooled
    afresh from exactly those who gave one (said whenever one did)."""
    case = facts.case
    chance = foresight._chances(case)
    if context is None or s not in chance:
        return False
    seen = {x: foresight._shown(p) for x, p in chance.items()}
    listed = case.scenarios
    exclusive = all(
        foresight._exclusive(a, b) for k, a in enumerate(listed) for b in listed[k + 1 :]
    )
    covered = sum(chance.values())
    shows_all = percent(covered) == "100%"
    if context["covered"] is None:
        if exclusive and not shows_all:
            return False
    elif not exclusive or shows_all or abs(covered - context["covered"]) > TOLERANCE:
        return False
    gave = tuple(a for a, given in case.estimates.items() if s in given)
    if context["estimate"] is None:
        estimate = not gave
    else:
        value = team._pooled_value(case, s, gave, context)
        estimate = (
            bool(gave)
            and tuple(context["by"]) == gave
            and context["analysts"] == len(case.estimates)
            and abs(value - context["estimate"]) <= TOLERANCE
        )
    return (
        estimate
        and context["n"] == len(chance)
        and context["above"] == sum(v > seen[s] for v in seen.values())
        and context["level"] == sum(v == seen[s] for x, v in seen.items() if x != s)
    )


def _stronger(facts: Facts, kj: Any) -> bool:
    """As ``sat review`` reads a key judgement: each expression against the item it is read
    against (``sat.techniques.review.targets``, parsing tested on its own)."""
    from sat.techniques.review import targets

    level = review._computed(facts)
    return any(
        review._says_more(facts, e, a, level)
        for e, a in targets(facts.case, kj.text, kj.about, True)
    )


def _judgement(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The key judgement at the index, as written (or its first words, when cut), about what it
    names (its ``about``, else the one hypothesis it names), with that item's figure recomputed
    (a hypothesis's range across the tables, or why it has none; a scenario's or an unconditional
    event's chance) and marked exactly when its words outrun the analysis or it cannot hold
    together with another key judgement."""
    from sat.report.claims.reader import shown

    judgements = facts.case.key_judgements
    i = figures["index"]
    if not 0 <= i < len(judgements):
        return False
    kj = judgements[i]
    from sat.techniques.review import subject

    about = subject(facts.case, kj.text, kj.about, judgement=True)
    what, figure, why = _figure(facts, about)
    said = figures["figure"]
    same = (figure is None) == (said is None) and (
        figure is None or all(abs(a - b) <= TOLERANCE for a, b in zip(figure, said, strict=True))
    )
    context = figures.get("context")
    if what == "scenario" and not _context(facts, about, context):
        return False
    return (
        about == figures["about"]
        and what == figures["what"]
        and why == figures["why"]
        and same
        and (context is None) == (what != "scenario")
        and shown(what, figure, why, context)
        == shown(figures["what"], said, figures["why"], context)
        and (_stronger(facts, kj) or any(i in pair for pair in review._clashing(facts)))
        == figures["stronger"]
    )


def _more(facts: Facts, figures: Mapping[str, Any]) -> bool:
    n = len(facts.case.key_judgements)
    more, continues = figures["more"], figures["continues"]
    return (more > 0 or continues) and figures["shown"] + more == n and more >= 0


# --- the outlook ----------------------------------------------------------------------------------


def _no_outlook(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return not facts.case.scenarios


def _outlook_level(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The named are exactly the scenarios shown at the largest percentage, more than one."""
    chance = foresight._chances(facts.case)
    top = max(foresight._shown(p) for p in chance.values())
    level = {s for s, p in chance.items() if foresight._shown(p) == top}
    return len(level) > 1 and set(figures["scenarios"]) == level


def _outlook(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The scenario named is shown as more probable than every other, at its chain-rule chance,
    with the ICD 203 word of the percentage shown; the signposts said are its indicators not yet
    seen, in its order (all of them, when said to be)."""
    case = facts.case
    chance = foresight._chances(case)
    best = figures["scenario"]
    if best not in chance or figures["n"] != len(chance):
        return False
    p = chance[best]
    if any(foresight._shown(q) >= foresight._shown(p) for s, q in chance.items() if s != best):
        return False
    status = {i.id: i.status for i in case.indicators}
    scenario = next(s for s in case.scenarios if s.id == best)
    open_ = tuple(i for i in scenario.signposts if status[i] == "not observed")
    said = tuple(figures["signposts"])
    return (
        _context(facts, best, figures["context"])
        and abs(p - figures["probability"]) <= TOLERANCE
        and foresight._in_band(foresight._shown(p), figures["word"])
        and said == open_[: len(said)]
        and figures["all"] == (said == open_)
    )


# --- what would change the judgement ------------------------------------------------------------


def _cutting(facts: Facts, leader: str) -> set[str]:
    """The indicators not yet seen that would undercut the leader or support another."""
    return {
        i.id
        for i in facts.case.indicators
        if i.status == "not observed"
        and (
            (i.hypothesis == leader and i.direction == "undermines")
            or (i.hypothesis != leader and i.direction == "supports")
        )
    }


def _sole(facts: Facts, leader: str) -> bool:
    return _front(facts) == {leader} and foresight._sole(facts) == leader


def _settle(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return _cannot_separate(facts, figures)


def _watch(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Each indicator named is not yet seen and would undercut the one leader or support
    another hypothesis; the number said to be in the annex is the number of the others."""
    said = set(figures["indicators"])
    cutting = _cutting(facts, figures["leader"]) if _sole(facts, figures["leader"]) else set()
    more = figures.get("more", 0)
    return bool(said) and said <= cutting and (more == 0 or more == len(cutting) - len(said))


def _no_watch(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return _sole(facts, figures["leader"]) and not _cutting(facts, figures["leader"])


def _without(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Removing each item named alone puts the hypotheses named in the lead (``ach.linchpin``)."""
    lead = foresight._sole(facts)
    return lead is not None and _front(facts) == {lead} and standing._linchpin(facts, figures)


def _reading(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The items named are those the cheapest overturn re-judges (``ach.overturn``)."""
    lead = foresight._sole(facts)
    items = tuple(dict.fromkeys(m[0] for m in figures["moves"]))
    return (
        lead is not None
        and _front(facts) == {lead}
        and items == tuple(figures["items"])
        and standing._overturn(facts, figures)
    )


# --- confidence ----------------------------------------------------------------------------------


def _reason_holds(facts: Facts, key: str) -> bool:
    """The reason named holds of the case, recomputed where the rule is the case's alone (no
    leader, nothing to lead over, no source, one origin, the leader mostly unrated); a factor's
    reason by its points."""
    weighted, first, ranked, cited = people._grounds(facts)
    if key == "no_leader":
        return len(first) != 1
    if key == "no_challenger":
        return len(first) == 1 and ranked == set(first)
    if key == "no_source":
        return not cited
    if key == "one_source":
        return len(cited) == 1
    if key == "untested":
        return len(first) == 1 and bayes._rated_on(facts, first[0]) is not None
    if key == "nothing_against":
        return len(first) == 1 and all(weighted[h] <= TOLERANCE for h in ranked - set(first))
    name, _, points = key.rpartition("_")
    factors = {f.name: f.points for f in facts.confidence.factors}
    if name in factors:
        return factors[name] == (None if points == "missing" else int(points))
    return True  # said by the grounds or limits themselves: checked by their order below


def _confidence(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The level is the one the rule gives, recomputed, and the reason is the first of what
    lowers it (the grounds, then factors at zero or missing, then the limits; with none, the first
    factor at one point), and holds of the case."""
    from sat.report.claims._reader_parts import main_reason

    c = facts.confidence
    if c is None or review._computed(facts) != figures["level"]:
        return False
    key = figures["reason"]
    if key in ("no_leader", "no_challenger") and not people._no_judgement(facts, figures):
        return False
    if key == "linchpins_0" and not _turns_on(facts, figures["on"]):
        return False
    return main_reason(c) == key and _reason_holds(facts, key)


def _turns_on(facts: Facts, on: str) -> bool:
    """What a judgement is said to turn on holds: single items (items of evidence the matrix
    finds the lead turns on), unsupported assumptions (assumptions of the case rated unsupported
    or not rated), or both, as the linchpins factor found them."""
    (factor,) = [f for f in facts.confidence.factors if f.name == "linchpins"]
    found = factor.fact.figures
    items = bool(found.get("instead") or found.get("level"))
    rated = {a.id: getattr(a, "rating", None) for a in facts.case.assumptions}
    unsupported = [a for a, _ in found.get("unsupported", ())]
    assumptions = bool(unsupported) and all(
        a in rated and rated[a] in (None, "unsupported") for a in unsupported
    )
    if items and not set(facts.ach.linchpins):
        return False
    return on == ("both" if items and assumptions else "assumptions" if assumptions else "items")


def _no_confidence(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return facts.confidence is None


# --- change and dissent --------------------------------------------------------------------------


def _spread(facts: Facts, after: Any) -> dict[str, float]:
    """Each item dated after ``after``: the spread of its weighted inconsistency across the ranked
    hypotheses, recomputed from its ratings (those above 0)."""
    codes = facts.ach.ratings
    weight = facts.ach.evidence["weight"]
    ranked = sorted(_scores(facts)[2])
    out = {}
    for e in facts.case.evidence:
        if e.date is None or e.date <= after or not ranked:
            continue
        row = _points(codes.loc[e.id, ranked], _VALUE) * float(weight[e.id])
        if float(row.max() - row.min()) > 1e-12:
            out[e.id] = float(row.max() - row.min())
    return out


def _previous_words(words: str) -> list[Any]:
    """The previous assessment's likelihood words, read afresh: as written, or a bare figure
    ("70%") read with the cue a chance needs."""
    from sat.techniques.wording import expressions

    found = [e for e in expressions(words) if e.kind == "estimative"]
    return found or [e for e in expressions(f"a {words} chance") if e.kind == "estimative"]


def _change(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Against the case's previous assessment: the standing recomputed is the one said; the
    previous likelihood words, read afresh, are compared with the range recomputed (lower when
    their band lies above it, higher below, unchanged inside, spans when they overlap); the
    previous confidence with the level by rule; the items named are those dated after it that
    weigh most (largest spread of weighted inconsistency, at most two)."""

    previous = facts.case.previous_assessment
    if previous is None or figures["about"] != previous.about:
        return False
    if set(figures["front"]) != _front(facts):
        return False
    if "lead" in figures:  # a weak standing, said as its own claim says it
        kind, said = figures["lead"]
        if not CONDITIONS[kind](facts, said):
            return False
    if "likelihood" in figures:
        about = previous.about
        if review._why(facts, about) is not None:
            return False
        lo, hi = bayes._table_range(facts)[about]
        found = _previous_words(previous.likelihood or "")
        band = found[0].band if found else None
        if band is None or tuple(figures["band"]) != band:
            return False
        said = figures["range"]
        if abs(lo - said[0]) > TOLERANCE or abs(hi - said[1]) > TOLERANCE:
            return False
        way = (
            "lower"
            if band[0] > hi + TOLERANCE
            else "higher"
            if band[1] < lo - TOLERANCE
            else "unchanged"
            if band[0] - TOLERANCE <= lo and hi <= band[1] + TOLERANCE
            else "spans"
        )
        if way != figures["likelihood"]:
            return False
    elif previous.about is not None and previous.likelihood:  # said not assessed, or not said
        read = [e for e in _previous_words(previous.likelihood) if e.band]
        if read and review._why(facts, previous.about) is None:
            return False
    computed = (previous.confidence, review._computed(facts))
    if "confidence" in figures and tuple(figures["confidence"]) != computed:
        return False
    if "items" in figures:
        spread = _spread(facts, previous.date)
        items = tuple(figures["items"])
        if len(items) != min(2, len(spread)) or not set(items) <= set(spread):
            return False
        rest = [g for e, g in spread.items() if e not in items]
        if rest and min(spread[e] for e in items) < max(rest) - TOLERANCE:
            return False
    return True


def _change_version(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Each part said holds as ``sat diff``'s claim of it (``diff.leader_changed``,
    ``diff.unchanged``, ``diff.confidence``), recomputed from the two versions."""
    from sat.report.conditions.change import CONDITIONS as DIFF

    parts = figures["diff"]
    return facts.previous is not None and all(DIFF[k](facts, f) for k, f in parts)


def _dissent(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return people._dissent(facts, figures)


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "reader.no_judgement": _no_judgement,
    "reader.cannot_separate": _cannot_separate,
    "reader.alone": _alone,
    "reader.no_likelihood": _no_likelihood,
    "reader.open": _open,
    "reader.untested": _untested,
    "reader.most_probable": _most_probable,
    "reader.judgement": _judgement,
    "reader.more": _more,
    "reader.no_outlook": _no_outlook,
    "reader.outlook_level": _outlook_level,
    "reader.outlook": _outlook,
    "reader.signposts": _outlook,
    "reader.settle": _settle,
    "reader.watch": _watch,
    "reader.no_watch": _no_watch,
    "reader.without": _without,
    "reader.reading": _reading,
    "reader.confidence": _confidence,
    "reader.no_confidence": _no_confidence,
    "reader.change": _change,
    "reader.change_version": _change_version,
    "reader.dissent": _dissent,
    **reader_numbers.CONDITIONS,
}
