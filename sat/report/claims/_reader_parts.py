"""Parts of the reader's brief (``sat.report.claims.reader``): what would change the judgement, the
main reason for confidence, the change since the previous assessment and the dissent, in words of
the evidence (the analyst's summaries and descriptions, quoted), never ids or score names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sat.language import listed, span
from sat.report.claims._base import Claim
from sat.report.claims.confidence import shown as shown_factors

Label = Callable[[Any, str], str]

#: How many words of the analyst's text a quotation keeps in the bottom line.
QUOTED = 16


def quote(text: str, limit: int | None = None) -> str:
    """The analyst's words in quotation marks, closing punctuation dropped (cut to ``limit``
    words with "…")."""
    words = " ".join(text.split()).rstrip(".;:, ").split()
    cut = limit is not None and len(words) > limit
    return "“" + " ".join(words[:limit] if cut else words) + (" …" if cut else "") + "”"


def _summary(case: Any, item: str, limit: int | None) -> str:
    return quote(case.item(item).summary, limit)


# --- what would change the judgement ------------------------------------------------------------


#: The signs to watch the reader's brief names at most (the annex lists them all).
WATCHED = 2


def overturn_claims(
    analysis: Any,
    front: Sequence[str],
    label: Label,
    *,
    brief: bool = False,
    quoted: int | None = None,
) -> list[Claim]:
    """What would change the judgement: with hypotheses not told apart, evidence that separates
    them; with one leader, the open indicators that would cut against it, the items without which
    another would lead, and the re-reading of items that would put a challenger ahead (its
    ``ach.overturn`` plan), each by the analyst's words; or that no sign to watch is recorded.
    ``brief``: each cut to its first indicator or item, quotations shortened; else at most
    ``WATCHED`` indicators, quotations shortened to ``quoted`` words."""
    case, ach = analysis.case, analysis.ach
    limit = QUOTED if brief else quoted
    if not front:
        return []
    if len(front) > 1:
        names = listed([label(case, h) for h in front])
        text = (
            f"Evidence that tells {names} apart would settle the judgement."
            if len(front) <= 3
            else f"Evidence that tells the {len(front)} hypotheses at the top apart would settle "
            "the judgement."
        )
        return [Claim("reader.settle", text, {"hypotheses": tuple(front)})]
    leader = front[0]
    if ach.sole != leader:
        return []
    out: list[Claim] = []
    watch = analysis.indicators.watch
    ids = tuple(watch.index)[: 1 if brief else WATCHED]
    if ids:
        said = "; ".join(quote(case.indicators[_at(case, i)].description, limit) for i in ids)
        more = 0 if brief else len(watch) - len(ids)
        text = (
            f"Seeing {said} would cut against the judgement"
            if len(ids) == 1
            else f"Seeing any of these would cut against the judgement: {said}"
        ) + (f" ({more} more in the annex)." if more else ".")
        figures = {"leader": leader, "indicators": ids, "more": more}
        out.append(Claim("reader.watch", text, figures))
    ev = ach.evidence
    pins = ev[ev["linchpin"] & (ev["effect"] == "leader")]
    groups: dict[tuple[str, ...], list[str]] = {}
    for item, row in pins.iterrows():
        groups.setdefault(tuple(row["leader_without"]), []).append(str(item))
    for who, items in list(groups.items())[: 1 if brief else None]:
        items = items[:1] if brief else items
        said = listed([_summary(case, e, limit) for e in items], "or")
        instead = (
            "no hypothesis would lead"
            if not who
            else f"{label(case, who[0])} would lead instead"
            if len(who) == 1
            else f"{listed([label(case, h) for h in who])} would tie for the lead"
        )
        text = f"Without {'any one of ' if len(items) > 1 else ''}{said}, {instead}."
        figures = {"items": tuple(items), "effect": "instead", "who": who}
        out.append(Claim("reader.without", text, figures))
    challenger = ach.easiest_challenger
    if challenger is not None:
        plan = ach.overturn_plan(challenger)
        moves = tuple(
            (r["evidence"], r["hypothesis"], r["from"], r["to"]) for _, r in plan.iterrows()
        )
        items = tuple(dict.fromkeys(m[0] for m in moves))
        how = {
            e: listed([_direction(case, h, a, b, label) for x, h, a, b in moves if x == e])
            for e in items
        }
        if len(set(how.values())) == 1:  # every item moved the same way: said once
            said = listed([_summary(case, e, limit) for e in items])
            read = [f"{said} judged {how[items[0]]}"]
        else:
            read = [f"{_summary(case, e, limit)} judged {how[e]}" for e in items]
        text = f"Were {listed(read)}, {label(case, challenger)} would lead."
        figures = {"challenger": challenger, "moves": moves, "items": items}
        out.append(Claim("reader.reading", text, figures))
    if not ids:
        text = "The case records no sign to watch that would cut against the judgement."
        out.append(Claim("reader.no_watch", text, {"leader": leader}))
    return out


#: Rating codes from most consistent to most inconsistent.
_SCALE = ("CC", "C", "N", "I", "II")


def _direction(case: Any, h: str, was: str, now: str, label: Label) -> str:
    """How a re-rating moves an item's bearing on a hypothesis, in words: "to count against X",
    "to count for X", "no longer to count for X", "to count less for X", "no longer to count
    against X", "to count less against X" (and "more" for a step further the same way)."""
    name = label(case, h)
    if was not in _SCALE or now not in _SCALE:
        return f"differently as to {name}"
    if _SCALE.index(now) > _SCALE.index(was):  # less consistent with it
        return (
            f"to count against {name}"
            if now in ("I", "II") and was not in ("I", "II")
            else f"no longer to count for {name}"
            if now == "N"
            else f"to count less for {name}"
            if now == "C"
            else f"to count more against {name}"
        )
    return (
        f"to count for {name}"
        if now in ("C", "CC") and was not in ("C", "CC")
        else f"no longer to count against {name}"
        if now == "N"
        else f"to count less against {name}"
        if now == "I"
        else f"to count more for {name}"
    )


def _at(case: Any, indicator: str) -> int:
    return next(k for k, i in enumerate(case.indicators) if i.id == indicator)


# --- confidence and its main reason ----------------------------------------------------------------

#: Each reason confidence can rest on, in words (ids and score names left out).
REASONS = {
    "no_leader": "the evidence singles out no one hypothesis",
    "no_challenger": "with only one hypothesis weighed, there is no rival to test it against",
    "no_source": "no source is recorded for the evidence",
    "one_source": "all the sourced evidence comes from a single source or origin",
    "nothing_against": "no evidence counts against any rival",
    "untested": "the leading hypothesis is weighed against fewer than half the items",
    "analysts_none": "none of the analysts' own ratings put it first",
    "unweighed_above": "a hypothesis not yet weighed against the evidence comes out more probable",
    "prior": "the lead comes from the starting odds, not from the evidence",
    "robustness_0": "the lead does not hold up under plausible errors in the ratings",
    "robustness_missing": "no rival is weighed to test the lead against",
    "margin_0": "a small change to the ratings would bring a rival level with it",
    "margin_missing": "no rival is weighed to measure a margin against",
    "sourcing_0": "the evidence that separates it from its rival is poorly sourced",
    "sourcing_missing": "the sourcing of what separates it from its rival cannot be measured",
    "corroboration_0": "little of the evidence is corroborated by an independent source",
    "corroboration_missing": "no item of evidence cites a source",
    "linchpins_0": "it turns on single items of evidence",
    "linchpins_0_assumptions": "it turns on unsupported assumptions",
    "linchpins_0_both": "it turns on single items of evidence and on unsupported assumptions",
    "linchpins_missing": "whether it rests on untested assumptions is not known",
    "few_items": "too few sourced items tell the hypotheses apart",
    "few_sources": "the evidence that tells the hypotheses apart comes from too few sources",
    "analysts_split": "not all the analysts' own ratings put it first",
    "robustness_1": "the lead holds in most, but not all, simulated errors in the ratings",
    "margin_1": "two rating changes would bring a rival level with it",
    "sourcing_1": "the evidence that separates it from its rival is only moderately sourced",
    "corroboration_1": "only some of the evidence is corroborated by an independent source",
    "linchpins_1": "it rests on an assumption that holds only with caveats",
    "supports": "no factor measured weighs against it",
}


def ground_key(fact: Any) -> str:
    """The reason a ground or limit of ``sat.techniques.confidence`` gives (a ``Fact``), as a key
    of ``REASONS``: its kind."""
    return fact.kind


def main_reason(conf: Any) -> str:
    """The key of the first thing that lowers confidence (the grounds, the factors at zero or
    missing, the limits, in the order the confidence sentence says them), or, with none, of the
    first factor at one point; ``supports`` when nothing weighs against it."""
    shown = shown_factors(conf)
    if conf.grounds:
        return ground_key(conf.grounds[0])
    for f in shown:
        if not f.points:
            return f"{f.name}_{'missing' if f.points is None else 0}"
    if conf.limits:
        return ground_key(conf.limits[0])
    for f in shown:
        if f.points == 1:
            return f"{f.name}_1"
    return "supports"


def confidence_reason(analysis: Any, front: Sequence[str]) -> Claim:
    """Confidence in one sentence: the level and its main reason, or why it is not assessed."""
    conf = analysis.optional("confidence")
    if conf is None:
        text = "Confidence is not assessed: the probabilities it rests on cannot be computed."
        return Claim("reader.no_confidence", text, {})
    key = main_reason(conf)
    figures = {"level": conf.level, "reason": key}
    said = REASONS[key]
    if key == "linchpins_0":  # only what the case has: linchpin items, unsupported assumptions
        on = turns_on(conf)
        figures["on"] = on
        said = REASONS[
            "linchpins_0" + {"items": "", "assumptions": "_assumptions"}.get(on, "_both")
        ]
    if key == "no_leader":
        text = f"Confidence is low by rule: no leading judgement can be drawn, as {said}."
    elif key == "no_challenger":
        text = f"Confidence is low by rule: {said}."
    elif key == "supports":
        text = f"Confidence is {conf.level}: {said}."
    else:
        text = f"Confidence is {conf.level}, mainly because {said}."
    return Claim("reader.confidence", text, figures)


def turns_on(conf: Any) -> str:
    """What a judgement whose linchpins factor is at zero turns on: ``items`` (items of evidence
    without which another would lead, or a rival come level), ``assumptions`` (unsupported
    assumptions it relies on) or ``both``."""
    (factor,) = [f for f in conf.factors if f.name == "linchpins"]
    found = factor.fact.figures
    items = bool(found.get("instead") or found.get("level"))
    assumptions = bool(found.get("unsupported"))
    return "both" if items and assumptions else "assumptions" if assumptions else "items"


# --- the change since the previous assessment ----------------------------------------------------

_LEVELS = ("low", "moderate", "high")


def _way(before: float, after: float) -> str:
    return "unchanged" if before == after else "higher" if after > before else "lower"


def _standing_part(case: Any, about: str, front: Sequence[str], label: Label) -> str:
    name = label(case, about)
    if not front:
        return "no hypothesis is now ranked"
    if tuple(front) == (about,):
        return f"{name} still leads"
    if about in front:
        others = listed([label(case, h) for h in front if h != about])
        return f"{name} can no longer be separated from {others}"
    if len(front) == 1:
        return f"the lead has passed to {label(case, front[0])}"
    return f"the lead is now open between {listed([label(case, h) for h in front])}"


def likelihood_change(words: str, figure: tuple[float, float]) -> tuple[str, Any] | None:
    """How the analysis's range compares with the previous assessment's words: ``lower``
    (their band lies above the range), ``higher``, ``unchanged`` (the range inside the band) or
    ``spans`` (they overlap); with the band read (``sat.techniques.wording``). None when the
    words give no likelihood."""
    from sat.techniques.wording import compare, expressions

    found = [e for e in expressions(words) if e.kind == "estimative" and e.band and e.side]
    if not found:  # a bare figure ("70%", "60-70%") is a chance: read it with its cue
        cued = expressions(f"a {words} chance")
        found = [e for e in cued if e.kind == "estimative" and e.band and e.side]
    if not found:
        return None
    e = found[0]
    lo, hi = sorted(figure)
    relation = compare(e.band, e.side, (lo, hi))
    if relation in ("stronger", "weaker"):
        return ("lower" if e.band[0] > hi else "higher"), e.band
    return ("unchanged" if relation == "inside" else "spans"), e.band


def weighs_most(case: Any, ach: Any, after: Any, n: int = 2) -> tuple[str, ...]:
    """The items dated after ``after`` that weigh most: the largest spread of their weighted
    inconsistency across the ranked hypotheses (case order among equals), at most ``n``."""
    contributions = ach.contributions
    hyp = ach.hypotheses
    ranked = [h for h in hyp.index if bool(hyp.at[h, "ranked"])]
    spread = {}
    for e in case.evidence:
        if e.date is not None and e.date > after and ranked:
            row = contributions.loc[e.id, ranked]
            gap = float(row.max() - row.min())
            if gap > 1e-12:
                spread[e.id] = gap
    return tuple(sorted(spread, key=lambda e: -spread[e])[:n])


#: Standings too weak to say a hypothesis "leads", in words of the hypothesis first (the lead
#: claim's kinds: the only one weighed, one a hypothesis never weighed could outrank, one
#: weighed against too few items).
_WEAK = {
    "reader.alone": "{name} is now the only hypothesis weighed against the evidence, so none leads",
    "reader.open": "{name} fits best of the hypotheses weighed, but not every hypothesis has "
    "been weighed",
    "reader.untested": "{name} fits best so far, but on too few items to lead",
}


def change_claims(
    analysis: Any, front: Sequence[str], label: Label, lead: Claim | None = None
) -> list[Claim]:
    """One sentence on what changed since the previous assessment (the case's
    ``previous_assessment``; else the previous version the analysis was given): the leader, the
    likelihood and the confidence, and what moved it. Empty without either."""
    case = analysis.case
    previous = getattr(case, "previous_assessment", None)
    if previous is None:
        from sat.diff import changes as since_previous

        changes = since_previous(analysis)
        return [] if changes is None else _diff_sentence(analysis, changes, label)
    about, figures = previous.about, {"about": previous.about, "front": tuple(front)}
    when = f", {previous.date.isoformat()}" if previous.date else ""
    source = _without_ids(case, previous.source)
    opening = f"The previous assessment ({source}{when})"
    if about is not None:  # its words quoted: they are the earlier assessment's, not ours
        opening += (
            f" called {label(case, about)} “{previous.likelihood}”"
            if previous.likelihood
            else f" favoured {label(case, about)}"
        )
    elif previous.likelihood:
        opening += f" said “{previous.likelihood}”"
    if previous.confidence:
        opening += (
            f", with {previous.confidence} confidence"
            if about is not None or previous.likelihood
            else f" stated {previous.confidence} confidence"
        )
    parts = []
    if about is not None:
        if lead is not None and lead.kind in _WEAK:  # said as the bottom line says it
            name = label(case, lead.figures["leader"])
            parts.append(_WEAK[lead.kind].format(name=name))
            figures["lead"] = (lead.kind, dict(lead.figures))
        else:
            parts.append(_standing_part(case, about, front, label))
        bayes = analysis.optional("bayes")
        from sat.techniques.wording import Figures

        figure = Figures.of(bayes, None, about).range
        words = previous.likelihood
        read = likelihood_change(words, figure) if words and figure is not None else None
        # "its" only while the sentence has just named that hypothesis as the one that leads
        subject = (
            "its likelihood"
            if tuple(front) == (about,)
            else f"the likelihood of {label(case, about)}"
        )
        if previous.likelihood and figure is None:
            parts.append(f"{subject} is not assessed now")
        elif read is not None:
            way, band = read
            now = span(*figure)
            parts.append(
                f"{subject} is unchanged ({now})"
                if way == "unchanged"
                else f"{subject} now spans {now}"
                if way == "spans"
                else f"{subject} is {way}, now {now}"
            )
            figures |= {"range": figure, "band": band, "likelihood": way}
    if previous.confidence:
        conf = analysis.optional("confidence")
        level = None if conf is None else conf.level
        if level is None:
            parts.append("confidence is not assessed now")
        else:
            way = _way(_LEVELS.index(previous.confidence), _LEVELS.index(level))
            parts.append(
                f"confidence is unchanged ({level})"
                if way == "unchanged"
                else f"confidence is {way}, now {level}"
            )
        figures |= {"confidence": (previous.confidence, level)}
    if previous.date is not None:
        items = weighs_most(case, analysis.ach, previous.date)
        parts.append(
            "what weighs most since then: " + "; ".join(_summary(case, e, None) for e in items)
            if items
            else "no newer evidence tells the hypotheses apart"
        )
        figures |= {"date": previous.date, "items": items}
    text = opening + (": " + "; ".join(parts) if parts else "") + "."
    return [Claim("reader.change", text, figures)]


def _without_ids(case: Any, text: str) -> str:
    """The text less any parenthesis holding only ids of the case (``Brief (S0)``)."""
    import re

    ids = {x.id for part in (case.sources, case.hypotheses, case.evidence) for x in part}
    return re.sub(
        r"\s*\(([^()]*)\)",
        lambda m: "" if set(re.split(r",\s*", m.group(1))) <= ids else m.group(0),
        text,
    ).strip()


def _diff_sentence(analysis: Any, changes: Any, label: Label) -> list[Claim]:
    """The change since the previous version (``sat diff``) in one sentence, the items by their
    summaries."""
    from sat.report.claims.change import diff_claims

    case, old = analysis.case, analysis.previous
    said = {c.kind: c for c in diff_claims(changes)}

    def name(h: str) -> str:
        return label(case, h) if h in {x.id for x in case.hypotheses} else label(old, h)

    def summary(e: str) -> str:
        known = {x.id for x in case.evidence}
        return quote((case if e in known else old).item(e).summary)

    parts = []
    if "diff.leader_changed" in said:
        f = said["diff.leader_changed"].figures
        before = listed([name(h) for h in f["before"]]) or "no hypothesis"
        after = listed([name(h) for h in f["after"]]) or "no hypothesis"
        moved = f"the lead moved from {before} to {after}"
        if f["reasons"]:
            moved += ", moved most by " + "; ".join(summary(e) for e, _ in f["reasons"][:2])
        parts.append(moved)
    elif "diff.unchanged" in said:
        leaders = said["diff.unchanged"].figures["leaders"]
        parts.append(
            "no hypothesis is ranked in either"
            if not leaders
            else f"{name(leaders[0])} still leads"
            if len(leaders) == 1
            else f"{listed([name(h) for h in leaders])} are still not separated"
        )
    if "diff.confidence" in said:
        f = said["diff.confidence"].figures
        parts.append(f"confidence moved from {f['before'] or 'none'} to {f['after'] or 'none'}")
    if not parts:
        parts.append("nothing changed in the hypotheses, the evidence or the ratings")
    subs = tuple((k, dict(c.figures)) for k, c in said.items() if k != "diff.changes")
    text = "Since the previous version, " + "; ".join(parts) + "."
    return [Claim("reader.change_version", text, {"diff": subs})]


# --- the dissent ----------------------------------------------------------------------------------


def dissent_line(analysis: Any, label: Label) -> list[Claim]:
    """Where the analysts disagree, in one line: who each analyst's own ratings put first."""
    case = analysis.case
    consensus = analysis.optional("consensus") if case.matrix.analysts else None
    if consensus is None or not consensus.leaders_differ:
        return []
    groups: dict[tuple[str, ...], list[str]] = {}
    for who, leader in consensus.leaders.items():
        groups.setdefault(tuple(leader), []).append(who)

    single = all(len(leader) == 1 for leader in groups)

    def first(leader: tuple[str, ...]) -> str:
        names = listed([label(case, h) for h in leader])
        return (
            "no hypothesis is ranked"
            if not leader
            else names + (" comes first" if len(leader) == 1 else " tie for first")
        )

    said = "; ".join(  # "comes first" said once while each group puts one hypothesis first
        f"{listed([label(case, h) for h in leader]) if k and single else first(leader)} for "
        f"{listed(who)}"
        for k, (leader, who) in enumerate(groups.items())
    )
    figures = {
        "groups": {leader: tuple(who) for leader, who in groups.items()},
        "median": tuple(consensus.consensus_leaders),
    }
    return [
        Claim("reader.dissent", f"The analysts disagree: on their own ratings, {said}.", figures)
    ]
