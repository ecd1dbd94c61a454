"""The reader's brief in words (issue 29): the analyst's key judgements, or plain sentences composed
from the analysis, the outlook, what would change the judgement, confidence and its main reason,
the change since the previous assessment and the dissent, each a claim.

Hypotheses are named by their labels, evidence and indicators by the analyst's own words (an item's
summary, an indicator's description), never by their ids, and no score is named. The bottom line
(``"bluf"``) says the same in at most ``BLUF_WORDS`` words: the key judgements that fit, in the
analyst's order (at least the first, and a line saying how many more follow below), else the
composed standing; the outlook; confidence with its main reason; what would change the judgement.
Each claim's condition is in ``sat.report.conditions.reader``.

References
----------
.. [1] ODNI, *Intelligence Community Directive 203*, 2015 (likelihood words, confidence said apart
   from likelihood, consistency of analysis over time).
"""

from __future__ import annotations

from typing import Any

from sat.case import Case
from sat.language import listed, percent, span
from sat.report.claims._base import Claim
from sat.report.claims._reader_numbers import numbers_claims
from sat.report.claims._reader_parts import (
    QUOTED,
    change_claims,
    confidence_reason,
    dissent_line,
    overturn_claims,
    quote,
)
from sat.report.claims.likelihood import mostly_untested
from sat.techniques.review import subject
from sat.techniques.scenarios import printed, printed_words

__all__ = ["BLUF_WORDS", "label", "lead_claim", "reader_claims"]

#: The longest the bottom line may run, in words (the seed brief's was 71).
BLUF_WORDS = 120
#: Hypotheses named in one breath at most; more are counted (a tie of ten long labels would
#: fill the bottom line).
NAMED = 3
#: The signposts the outlook names at most (the annex's scenarios table lists them all).
SIGNPOSTS = 2


def label(case: Case, h: str) -> str:
    """A hypothesis by its label (a bare matrix's label is its id: its only name)."""
    try:
        return case.hypothesis(h).label.strip() or h
    except KeyError:
        return h


def _labels(case: Case, ids: Any, word: str = "and") -> str:
    return listed([label(case, h) for h in ids], word)


def _words(claims: list[Claim]) -> int:
    return sum(len(c.text.split()) for c in claims)


# --- the standing, composed -----------------------------------------------------------------------


def _front(analysis: Any) -> tuple[str, ...]:
    """Who the analysis puts first: the matrix's leaders, then those the Bayesian mode cannot tell
    apart at the top (one hypothesis only when both agree on it)."""
    bayes = analysis.optional("bayes")
    front = list(analysis.ach.leader)
    if bayes is not None and len(bayes.leaders):
        front += [h for h in bayes.front if h not in front]
    return tuple(front)


def _ranked(analysis: Any) -> tuple[str, ...]:
    """The hypotheses weighed against the evidence (a rating code, or a probability cell)."""
    hyp = analysis.ach.hypotheses
    ranked = [h for h in hyp.index if bool(hyp.at[h, "ranked"])]
    bayes = analysis.optional("bayes")
    if bayes is not None:
        rated = bayes.hypotheses
        ranked += [h for h in rated.index if not bool(rated.at[h, "unranked"]) and h not in ranked]
    return tuple(h for h in hyp.index if h in ranked)


def _plain_why(case: Case, why: str | None) -> str:
    """Why the probabilities could not be computed, without the ids the message may cite."""
    import re

    said = re.split(r" \(|; |: ", (why or "").strip())[0].rstrip(".")
    ids = {x.id for part in (case.hypotheses, case.evidence, case.sources) for x in part}
    if not said or any(re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", said) for i in ids):
        return "the probabilities cannot be computed from these ratings"
    return said


def lead_claim(analysis: Any) -> Claim:
    """The standing in one plain sentence: no judgement, hypotheses the evidence cannot separate
    (a tie, a near tie, or the two methods at odds), the only one weighed, an untested leader or
    one a hypothesis never weighed could outrank, or the most probable with its ICD 203 words as
    firm as the likelihood tables allow."""
    case, ach = analysis.case, analysis.ach
    bayes = analysis.optional("bayes")
    front, ranked = _front(analysis), _ranked(analysis)
    if not front:
        text = "No hypothesis has yet been weighed against the evidence, so no judgement is drawn."
        return Claim("reader.no_judgement", text, {})
    if len(front) > 1:
        text = (
            f"The evidence cannot yet separate {_labels(case, front)}, so no one answer is given."
            if len(front) <= NAMED
            else f"The evidence cannot yet separate the {len(front)} hypotheses at the top, so no "
            "one answer is given."
        )
        return Claim("reader.cannot_separate", text, {"hypotheses": front})
    leader = front[0]
    figures: dict[str, Any] = {"leader": leader, "hypotheses": len(ranked)}
    if len(ranked) == 1:
        text = (
            f"{label(case, leader)} is the only hypothesis weighed against the evidence, so the "
            "case cannot rank it against any other."
        )
        return Claim("reader.alone", text, figures)
    if bayes is None:
        why = _plain_why(case, analysis.why("bayes"))
        text = (
            f"{label(case, leader)} fits the evidence best of the {len(ranked)} hypotheses "
            f"weighed; its likelihood is not assessed: {why}."
        )
        return Claim("reader.no_likelihood", text, {**figures, "why": why})
    hyp = bayes.hypotheses
    top = float(hyp.at[leader, "posterior"])
    above = tuple(
        h
        for h in hyp.index
        if bool(hyp.at[h, "unranked"]) and float(hyp.at[h, "posterior"]) > top * (1 + 1e-9)
    )
    if above:
        one = len(above) == 1
        text = (
            f"{label(case, leader)} fits the evidence best of the hypotheses weighed, but "
            f"{_labels(case, above)} {'has' if one else 'have'} not been weighed against it at "
            "all, so the judgement stays open."
        )
        return Claim("reader.open", text, {**figures, "unweighed": above})
    untested = mostly_untested(case, ach, leader)
    if untested is not None:
        text = (
            f"{label(case, leader)} fits the evidence best so far, but it is weighed against only "
            f"{untested[0]} of the {untested[1]} items, so no likelihood is given."
        )
        return Claim("reader.untested", text, {**figures, "rated": untested})
    lo, hi = float(hyp.at[leader, "posterior_low"]), float(hyp.at[leader, "posterior_high"])
    said = span(lo, hi)
    words = f"though itself {said}" if hi < 0.45 else str(said)
    text = (
        f"{label(case, leader)} is the most probable of the {len(ranked)} hypotheses weighed, "
        f"{words}."
        if hi < 0.45
        else f"{label(case, leader)} is the most probable of the {len(ranked)} hypotheses "
        f"weighed: {words}."
    )
    figures |= {"range": (lo, hi), "words": said.likelihood, "band": (said.lower, said.upper)}
    return Claim("reader.most_probable", text, figures)


# --- the key judgements ---------------------------------------------------------------------------


#: Why a key judgement about a hypothesis, event or scenario has no figure beside it, in words.
NO_FIGURE = {
    "unranked": "not weighed against the evidence",
    "untested": "weighed against too few items for a likelihood",
    "only_rated": "the only hypothesis weighed, so no likelihood",
    "no_bayes": "likelihood not assessed",
    "conditional": "a chance only given other events",
}


def _figure(analysis: Any, about: str | None) -> tuple[str | None, tuple | None, str | None]:
    """(what it is about, the figure as a range or None, why there is none), for a judgement."""
    case = analysis.case
    if about is None:
        return None, None, None
    events = {e.id: e for e in case.events}
    scenarios = {s.id: s for s in case.scenarios}
    if about in scenarios:
        from sat.techniques.scenarios import scenario_probability

        p = scenario_probability(case, scenarios[about])[0]
        return "scenario", (p, p), None
    if about in events:
        from sat.techniques.scenarios import event_probability

        if events[about].given:
            return "event", None, "conditional"
        p = event_probability(events[about])
        return "event", (p, p), None
    from sat.techniques.wording import Figures

    bayes = analysis.optional("bayes")
    f = Figures.of(bayes, None, about)
    if f.why == "untested" and bool(bayes.hypotheses.at[about, "only_rated"]):
        return "hypothesis", None, "only_rated"
    return "hypothesis", f.range, f.why


#: Ordinal words for a scenario's place among those modelled.
_PLACES = ("", "", "second ", "third ", "fourth ", "fifth ", "sixth ", "seventh ", "eighth ")


def scenario_context(analysis: Any, s: str) -> dict[str, Any]:
    """What a scenario's chance means beside the others (``shown`` says it): how many scenarios
    are modelled, how many are shown above it and level with it, the share of outcomes they
    cover together (None when it shows as 100% or they overlap), and the analysts' own pooled
    estimate of it (None when none gave one) with how many of how many analysts gave it."""
    frame = analysis.scenarios.scenarios
    seen = {x: printed(float(frame.at[x, "probability"])) for x in frame.index}
    covered = analysis.scenarios.covered
    if covered is not None and percent(covered) == "100%":
        covered = None
    context = {
        "n": len(seen),
        "above": sum(v > seen[s] for v in seen.values()),
        "level": sum(v == seen[s] for x, v in seen.items() if x != s),
        "covered": covered,
        "estimate": None,
    }
    estimates = analysis.optional("estimates")
    if estimates is not None and s in estimates.pooled_from:
        value = float(estimates.aggregate[s])
        if value == value:  # not NaN
            context |= {
                "estimate": value,
                "by": tuple(estimates.pooled_from[s]),
                "analysts": len(estimates.analysts),
                "pool": estimates.pool,
                "extremize": estimates.extremize,
            }
    return context


def _place(context: dict[str, Any]) -> str:
    """The scenario's place among those modelled, in words ("likeliest of 3 modelled")."""
    n, above, level = context["n"], context["above"], context["level"]
    if n == 1:
        return "the only one modelled"
    place = _PLACES[above + 1] if above + 1 < len(_PLACES) else f"{above + 1}th "
    return f"{'joint ' if level else ''}{place}likeliest of {n} modelled"


def _scenario_shown(p: float, context: dict[str, Any] | None) -> str:
    if context is None:
        return f"scenario analysis: {percent(p)} chance"
    said = f"scenario analysis: {percent(p)}, {_place(context)}"
    if context["covered"] is not None:
        verb = "covers" if context["n"] == 1 else "cover"
        said += f", which {verb} {percent(context['covered'])} of outcomes"
    if context["estimate"] is not None:
        said += f"; {_estimate(context)}"
    return said


def _estimate(context: dict[str, Any]) -> str:
    """The analysts' own pooled estimate of a scenario ("2 of 3 analysts: 55%")."""
    by, of = len(context["by"]), context["analysts"]
    who = "analysts" if by == of else f"{by} of {of} analysts"
    return f"{who}: {percent(round(context['estimate'], 4))}"  # as the annex's 0.55


def shown(
    what: str | None,
    figure: tuple | None,
    why: str | None,
    context: dict[str, Any] | None = None,
) -> str:
    """The figure beside a judgement: a range as the brief prints ranges, a scenario's or an
    event's probability as a percentage, or why there is none. A scenario's ``context``
    (``scenario_context``) adds its place among those modelled, the share of outcomes they
    cover when short of all, and the analysts' own estimate of it."""
    if figure is not None:
        lo, hi = figure
        if what == "event":  # an event's chance is the analysts' estimate the scenarios use
            return f"estimated: {percent(lo)} chance"
        if what == "scenario":
            return _scenario_shown(lo, context)
        if percent(lo) == percent(hi):
            return f"analysis: {percent(lo)} chance"
        return f"analysis: {percent(lo)} to {percent(hi)} chance"
    return f"analysis: {NO_FIGURE[why]}" if why in NO_FIGURE else ""


#: The plain mark beside a judgement whose words ``sat review`` finds stronger than the analysis.
MARK = "stronger than the analysis"


def _stronger(analysis: Any, i: int) -> bool:
    review = analysis.optional("review")
    if review is None:  # the review could not run: nothing is marked
        return False
    clash = any(i in (c.first, c.second) for c in review.conflicts)
    return bool(review.judgements[i].stronger) or clash  # a judgement the other denies too


def judgement_claims(analysis: Any) -> list[Claim]:
    """Every key judgement as written, with the analysis's figure beside it and the mark."""
    case = analysis.case
    out = []
    for i, kj in enumerate(case.key_judgements):
        about = subject(case, kj.text, kj.about, judgement=True)
        what, figure, why = _figure(analysis, about)
        context = scenario_context(analysis, about) if what == "scenario" else None
        stronger = _stronger(analysis, i)
        said = shown(what, figure, why, context)
        beside = "; ".join(x for x in (said, MARK if stronger else "") if x)
        figures = {"index": i, "about": about, "what": what, "figure": figure, "why": why}
        figures |= {"context": context, "beside": beside, "stronger": stronger, "cut": 0}
        out.append(Claim("reader.judgement", with_figure(kj.text, beside), figures))
    return out


def with_figure(text: str, beside: str) -> str:
    """The sentence with the figure ``beside`` it in brackets, inside its closing full stop
    (or question or exclamation mark) when it has one."""
    text = text.strip()
    if not beside:
        return text
    if text.endswith("...") or not text.endswith((".", "!", "?")):
        return f"{text} ({beside})"
    return f"{text[:-1]} ({beside}){text[-1]}"


def _cut(claim: Claim, written: str, words: int) -> Claim:
    """A judgement cut to the whole sentences of ``written`` that fit in ``words`` words (its
    first ``words`` words when not even one does), the figure kept beside it."""
    from sat.techniques.wording import sentences

    kept = ""
    for _, end in sentences(written):
        if len(written[:end].split()) > words:
            break
        kept = written[:end].strip()
    if not kept:
        kept = " ".join(written.split()[: max(words, 1)]) + " …"
    text = with_figure(kept, claim.figures["beside"])
    return Claim(claim.kind, text, {**claim.figures, "cut": len(kept.split())})


# --- the outlook ----------------------------------------------------------------------------------


def outlook_claims(
    analysis: Any, signposts: int | None = None, limit: int | None = None
) -> list[Claim]:
    """The most probable scenario by name with its probability (as the scenarios table prints it)
    and its signposts still to watch (their descriptions; ``signposts`` at most), or the outlooks
    level at the top, or "not assessed" without scenarios."""
    case = analysis.case
    if not case.scenarios:
        text = "The outlook is not assessed: the case models no scenarios."
        return [Claim("reader.no_outlook", text, {})]
    frame = analysis.scenarios.scenarios
    chance = {s: float(frame.at[s, "probability"]) for s in frame.index}
    top = max(printed(p) for p in chance.values())
    best = tuple(s for s in frame.index if printed(chance[s]) == top)
    name = {s.id: s.name for s in case.scenarios}
    if len(best) > 1:
        text = (
            f"No one outlook stands out: {listed([name[s] for s in best])} are each put at "
            f"{percent(chance[best[0]])}."
        )
        return [Claim("reader.outlook_level", text, {"scenarios": best})]
    (s,) = best
    p = chance[s]
    word = printed_words(p).likelihood
    scenario = next(x for x in case.scenarios if x.id == s)
    status = {i.id: i for i in case.indicators}
    open_ = tuple(i for i in scenario.signposts if status[i].status == "not observed")
    said = open_ if signposts is None else open_[:signposts]
    context = scenario_context(analysis, s)
    cover = ""
    if context["covered"] is not None:
        verb = "cover" if len(chance) > 1 else "covers"
        cover = f", which {verb} {percent(context['covered'])} of outcomes,"
    what = (
        f"the most probable outlook of the {len(chance)} modelled{cover} is {name[s]}"
        if len(chance) > 1
        else f"the only outlook modelled{cover} is {name[s]}"
    )
    own = "" if context["estimate"] is None else f"; {_estimate(context)}"
    text = f"{what[0].upper()}{what[1:]}, at {percent(p)} ({word}{own})"
    if said:
        text += "; signs to watch for: " + "; ".join(
            quote(status[i].description, limit) for i in said
        )
    figures = {"scenario": s, "probability": p, "word": word, "signposts": said, "n": len(chance)}
    figures["context"] = context
    figures["all"] = said == open_
    return [Claim("reader.outlook", text + ".", figures)]


# --- the whole ------------------------------------------------------------------------------------


def reader_claims(analysis: Any) -> dict[str, list[Claim]]:
    """Every claim of the reader's brief for a ``sat.Analysis``, by part, in reading order:
    ``bluf``, ``judgements``, ``outlook``, ``numbers``, ``change_mind``, ``confidence``,
    ``change`` and ``dissent`` (each a list of ``Claim``; ``numbers`` empty when no target
    quantity was answered, ``change`` and ``dissent`` when there is no previous assessment, or
    no disagreement)."""
    judgements = judgement_claims(analysis)
    outlook = outlook_claims(analysis, SIGNPOSTS)
    change_mind = overturn_claims(analysis, _front(analysis), label, quoted=QUOTED)
    confidence = [confidence_reason(analysis, _front(analysis))]
    bluf = _bluf(analysis, judgements, confidence)
    if _says_outlook(bluf, outlook):  # the analysts named the outlook: add only its signs
        outlook = _signposts(analysis, outlook[0])
    return {
        "bluf": bluf,
        "judgements": judgements,
        "outlook": outlook,
        "numbers": numbers_claims(analysis),
        "change_mind": change_mind,
        "confidence": confidence,
        "change": change_claims(analysis, _front(analysis), label, lead_claim(analysis)),
        "dissent": dissent_line(analysis, label),
    }


def _signposts(analysis: Any, outlook: Claim) -> list[Claim]:
    """The signposts of the outlook's scenario still to watch, alone (the analysts' own
    judgement has named the scenario): none when it has none open."""
    said = outlook.figures["signposts"]
    if not said:
        return []
    status = {i.id: i for i in analysis.case.indicators}
    quoted = "; ".join(quote(status[i].description) for i in said)
    name = next(s.name for s in analysis.case.scenarios if s.id == outlook.figures["scenario"])
    return [Claim("reader.signposts", f"Signs of {name}: {quoted}.", outlook.figures)]


def _says_outlook(claims: list[Claim], outlook: list[Claim]) -> bool:
    """Whether one of the judgements ``claims`` is about the scenario the outlook names: the
    analysts' own words then answer "what next", and the composed sentence is not repeated."""
    named = [c.figures.get("scenario") for c in outlook if c.kind == "reader.outlook"]
    return bool(named) and any(
        c.kind == "reader.judgement" and c.figures.get("about") == named[0] and not c.figures["cut"]
        for c in claims
    )


def _says_confidence(analysis: Any, claims: list[Claim]) -> bool:
    """Whether one of the judgements ``claims`` states the computed confidence (``sat review``
    finds its confidence words the same as the analysis's, and none above or below it)."""
    review = analysis.optional("review")
    if review is None:
        return False
    for c in claims:
        if c.kind != "reader.judgement" or c.figures.get("cut"):
            continue  # a judgement cut short may have lost its words of confidence
        found = review.judgements[c.figures["index"]].findings
        checks = [f.relation for f in found if f.check == "confidence"]
        if "same" in checks and not {"above", "below"} & set(checks):
            return True
    return False


def _bluf(analysis: Any, judgements: list[Claim], confidence: list[Claim]) -> list[Claim]:
    """At most ``BLUF_WORDS`` words: the judgements that fit (at least the first, cut if it must
    be) or the composed standing; the outlook with its first signpost (more as they fit) unless
    a judgement shown is about that scenario; confidence unless a judgement shown states it as
    the analysis computes it; and the shortest thing that would change the judgement
    (quotations shortened)."""
    front = _front(analysis)
    outlooks = [outlook_claims(analysis, k, QUOTED) for k in (1, 2)] + [outlook_claims(analysis)]
    least = outlooks[0]
    mind = overturn_claims(analysis, front, label, brief=True)
    mind = sorted(mind, key=lambda c: len(c.text.split()))[:1]

    def rest(shown: list[Claim]) -> list[Claim]:
        """What the bottom line must add to the judgements ``shown``."""
        outlook = [] if _says_outlook(shown, least) else least
        stated = [] if _says_confidence(analysis, shown) else confidence
        return [*outlook, *stated, *mind]

    opening: list[Claim] = []
    if judgements:
        n = len(judgements)
        written = analysis.case.key_judgements[0].text

        def more(k: int, cut: bool = False) -> list[Claim]:
            if k >= n and not cut:
                return []
            figures = {"shown": k, "more": n - k, "continues": cut}
            return [Claim("reader.more", _more(n - k, cut), figures)]

        first = judgements[0]
        room = BLUF_WORDS - _words(rest([first]))
        if _words([first]) > room - _words(more(1)):
            room = BLUF_WORDS - _words(rest([]))
            first = _cut(
                first,
                written,
                room - _words(more(1, True)) - _words([first]) + len(written.split()),
            )
        cut = first is not judgements[0]
        opening = [first]
        for claim in judgements[1:] if not cut else ():
            trial = [*opening, claim]
            if _words([*trial, *more(len(trial)), *rest(trial)]) > BLUF_WORDS:
                break
            opening.append(claim)
        added = rest(opening)
        opening += more(len(opening), cut)
    else:
        opening = [lead_claim(analysis)]
        added = rest([])
    if any(c in least for c in added):  # the outlook with more signposts, as they fit
        others = [c for c in added if c not in least]
        used = _words(opening) + _words(others)
        outlook = least
        for candidate in outlooks[1:]:
            if used + _words(candidate) <= BLUF_WORDS:
                outlook = candidate
        added = [*outlook, *others]
    bluf = [*opening, *added]
    if _words(bluf) > BLUF_WORDS:  # long names: the outlook without its signpost
        bare = outlook_claims(analysis, 0)
        bluf = [bare[0] if c in least else c for c in bluf]
    return bluf


def _more(n: int, cut: bool = False) -> str:
    """How many key judgements follow below the bottom line (and that the first continues)."""
    many = "one more key judgement" if n == 1 else f"{n} more key judgements"
    if cut:
        return "This judgement continues below" + (f", with {many}." if n else ".")
    return f"{many[0].upper()}{many[1:]} follow{'s' if n == 1 else ''} below."
