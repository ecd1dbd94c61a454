"""What lies ahead, in words: the indicators watched and what has been seen, the scenarios and the
alternative futures with their probabilities, and the network of actors (who matters most, the
camps and who links them). The techniques (``sat.techniques.indicators``, ``scenarios`` and
``network``) return the facts; each sentence here is a claim whose condition
(``sat.report.conditions.foresight``) recomputes it from the case's indicators, events,
scenarios, actors and relations.

References
----------
.. [1] US Government, *A Tradecraft Primer*, 2009 (Indicators or Signposts of Change;
   Alternative Futures).
.. [2] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 step 8 and ch. 12
   (a scenario's probability is the product of its events').
.. [3] ODNI, *Intelligence Community Directive 203*, 2015 (likelihood words).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sat.case import Case
from sat.language import percent
from sat.report.claims._base import Claim, _and, _is_are
from sat.techniques.indicators import IndicatorResult
from sat.techniques.network import NetworkResult
from sat.techniques.scenarios import ScenariosResult, printed

if TYPE_CHECKING:
    import pandas as pd

#: Tolerance for scores said to be level or apart.
_TOL = 1e-9


def _s(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _cut(ids: list[str], score: dict[str, float], most: int = 3) -> tuple[str, ...]:
    """The first ``k <= most`` of ``ids`` (highest score first) standing strictly above all the
    rest: the largest such k, or none when the first ``most + 1`` are level."""
    for k in range(min(most, len(ids)), 0, -1):
        rest = [score[a] for a in ids[k:]]
        if not rest or score[ids[k - 1]] > max(rest) + _TOL:
            return tuple(ids[:k])
    return ()


# --- indicators ----------------------------------------------------------------------------------


def indicators_summary(case: Case, result: IndicatorResult) -> list[Claim]:
    """How many indicators are watched and what has been seen of them; those not yet seen that would
    cut against the judgement; those seen (or seen not to happen) that already do, against the
    one hypothesis ranked first or any of those tied for first; the hypotheses no indicator
    covers."""
    table = result.table_frame
    n = len(table)
    claims: list[Claim] = []
    if n:
        status = table["status"]
        observed = int((status == "observed").sum())
        contradicted = int((status == "contradicted").sum())
        open_ = int((status == "not observed").sum())
        text = (
            f"{_s(n, 'indicator')} of change {_is_are(n)} watched (events that, if seen, would "
            "bear a hypothesis out or undercut it): "
        )
        if observed == contradicted == 0:
            none = {1: "it has not", 2: "neither has"}.get(n, "none has")
            text += f"{none} been seen yet."
        else:
            parts = [
                *([f"{observed} seen"] if observed else []),
                *([f"{contradicted} seen not to happen"] if contradicted else []),
                *([f"{open_} not yet seen"] if open_ else []),
            ]
            text += _and(parts) + "."
        figures = {
            "indicators": n,
            "observed": observed,
            "contradicted": contradicted,
            "open": open_,
        }
        claims.append(Claim("summary.indicators", text, figures))
        if len(result.leader) == 1:
            claims += _watch_claims(result)
        if result.leader:
            claims += _against_claims(result)
    if result.uncovered and not n:
        uncovered = tuple(result.uncovered)
        text = (
            "The case lists no indicators, so nothing watched would show events bearing out or "
            "ruling out any hypothesis."
        )
        claims.append(Claim("summary.indicators_uncovered", text, {"hypotheses": uncovered}))
    elif result.uncovered:
        uncovered = tuple(result.uncovered)
        one = len(uncovered) == 1
        text = (
            f"{_and(uncovered)} {'has' if one else 'have'} no indicator, so nothing watched would "
            f"show events bearing {'it' if one else 'them'} out or ruling {'it' if one else 'them'} "
            "out."
        )
        claims.append(Claim("summary.indicators_uncovered", text, {"hypotheses": uncovered}))
    return claims


def _watch_claims(result: IndicatorResult) -> list[Claim]:
    """With one hypothesis ranked first: the open indicators that would cut against it if seen."""
    leader = result.leader[0]
    table = result.table_frame
    against = (table["hypothesis"] == leader) & (table["direction"] == "undermines")
    rival = (table["hypothesis"] != leader) & (table["direction"] == "supports")
    waiting = table["status"] == "not observed"
    m = int(waiting.sum())
    if not m:
        return []
    undermine = tuple(table.index[waiting & against])
    support = tuple(table.index[waiting & rival])
    figures = {"leader": leader, "undermine": undermine, "support": support}
    k = len(undermine) + len(support)
    if k == 0 and m == 1:
        ((i, row),) = table[waiting].iterrows()
        what = (
            f"support {leader}, the hypothesis ranked first"
            if row["hypothesis"] == leader
            else f"undercut {row['hypothesis']}, not the hypothesis ranked first"
        )
        text = (
            f"The one not yet seen, {i}, would not cut against the judgement if seen: it would "
            f"{what}."
        )
    elif k == 0:
        text = (
            "Those not yet seen would not cut against the judgement if seen: each would "
            f"support {leader}, the hypothesis ranked first, or undercut another."
        )
    else:
        parts = []
        if undermine:
            parts.append(f"{_and(undermine)} would undercut {leader}, the hypothesis ranked first")
        if support and undermine:
            parts.append(
                "the other would support another hypothesis"
                if len(support) == 1
                else f"the other {len(support)} would support other hypotheses"
            )
        elif support:
            one = len(support) == 1
            parts.append(
                f"{'it' if one else 'each'} would support a hypothesis other than {leader}, "
                "the one ranked first"
            )
        lead = "The one not yet seen" if m == 1 else f"Of those not yet seen, {k}"
        text = f"{lead} would cut against the judgement if seen: {'; '.join(parts)}."
    return [Claim("summary.indicators_watch", text, figures)]


def _against_claims(result: IndicatorResult) -> list[Claim]:
    """The indicators already settled that cut against the hypothesis ranked first, or against any
    of those tied for first: seen and undercutting one of them or supporting another hypothesis,
    or seen not to happen when they would have supported one of them or undercut another."""
    leaders = tuple(result.leader)
    table = result.table_frame
    first = table["hypothesis"].isin(leaders)
    undermines = table["direction"] == "undermines"
    seen, unseen = table["status"] == "observed", table["status"] == "contradicted"

    def pairs(mask: pd.Series) -> tuple[tuple[str, str], ...]:
        return tuple((i, str(table.at[i, "hypothesis"])) for i in table.index[mask])

    figures = {
        "leaders": leaders,
        "undermine": pairs(seen & first & undermines),
        "support": pairs(seen & ~first & ~undermines),
        "unmet": pairs(unseen & first & ~undermines),
        "spared": pairs(unseen & ~first & undermines),
    }
    parts = [f"{i}, which undercuts {h}" for i, h in figures["undermine"]]
    parts += [f"{i}, which supports {h}" for i, h in figures["support"]]
    parts += [
        f"{i}, which would have supported {h} but was seen not to happen"
        for i, h in figures["unmet"]
    ]
    parts += [
        f"{i}, which would have undercut {h} but was seen not to happen"
        for i, h in figures["spared"]
    ]
    if not parts:
        return []
    judgement = (
        f"the judgement that puts {leaders[0]} first"
        if len(leaders) == 1
        else f"the hypotheses tied for first, {_and(leaders)}"
    )
    text = f"Already seen and cutting against {judgement}: {'; '.join(parts)}."
    return [Claim("summary.indicators_against", text, figures)]


# --- scenarios -----------------------------------------------------------------------------------


def scenarios_summary(case: Case, result: ScenariosResult) -> list[Claim]:
    """Each scenario's probability with the ICD 203 word of the figure shown, the most likely of
    them, whether they overlap or leave futures undescribed, a scenario mislabelled most likely,
    and the 2 × 2 of alternative futures. One scenario is said to be more probable than another
    only when the percentages shown for them differ."""
    frame = result.scenarios_frame
    claims: list[Claim] = []
    if len(frame):
        order = frame.sort_values("probability", ascending=False, kind="stable")
        listed = tuple(
            (s, str(r["name"]), float(r["probability"]), str(r["likelihood"]))
            for s, r in order.iterrows()
        )
        items = "; ".join(f"{s} {name}, {percent(p)} ({word})" for s, name, p, word in listed)
        n = len(listed)
        if n == 1:
            text = (
                "One scenario is modelled from the case's events (its probability the product of "
                f"its events' chances): {items}."
            )
        else:
            text = (
                f"{n} scenarios are modelled from the case's events (each probability the product "
                f"of its events' chances), most probable first: {items}."
            )
        claims.append(Claim("summary.scenarios", text, {"scenarios": listed}))
        best, p = listed[0][0], listed[0][2]
        if n > 1 and printed(p) > printed(listed[1][2]):  # ahead at the precision shown
            below = printed(p) < 0.5  # never "less likely than not" beside "50%"
            text = f"{best} is the most likely of these{', though less likely than not' if below else ''}."
            figures = {"scenario": best, "probability": p, "below_even": below}
            claims.append(Claim("summary.scenarios_most_likely", text, figures))
        claims += _coherence_claims(case, result, listed)
    if result.futures_frame is not None:
        claims.append(_futures_claim(case, result))
    return claims


def _coherence_claims(
    case: Case, result: ScenariosResult, listed: tuple[tuple[str, str, float, str], ...]
) -> list[Claim]:
    claims = []
    scenarios = case.scenarios
    for fact in (c for c in result.checks if c.kind == "overlap"):  # in the case's order
        a, b = fact.figures["first"], fact.figures["second"]
        text = (
            f"{a} and {b} can both happen (neither rules out an event of the "
            "other), so their probabilities overlap and are not to be added."
        )
        claims.append(Claim("summary.scenarios_overlap", text, {"pair": (a, b)}))
    probability = {s: p for s, _, p, _ in listed}
    best = listed[0][0]
    if len(listed) > 1:
        for s in scenarios:
            # more probable only by a gap the figures shown make visible, never 21% against 21%
            if s.kind == "most likely" and printed(probability[s.id]) < printed(probability[best]):
                text = (
                    f"{s.id} is labelled most likely ({percent(probability[s.id])}) but {best} is "
                    f"more probable ({percent(probability[best])})."
                )
                figures = {
                    "scenario": s.id,
                    "probability": probability[s.id],
                    "best": best,
                    "best_probability": probability[best],
                }
                claims.append(Claim("summary.scenarios_mislabelled", text, figures))
    covered = result.covered
    if covered is not None and covered < 1 - 0.005:
        rest = 1 - covered
        if len(listed) == 1:
            text = (
                f"The one scenario covers {percent(covered)} of the outcomes: {percent(rest)} lies "
                "in futures it does not describe."
            )
        else:
            text = (
                f"The scenarios exclude one another and together cover {percent(covered)} of the "
                f"outcomes: {percent(rest)} lies in futures none of them describes."
            )
        claims.append(Claim("summary.scenarios_uncovered", text, {"covered": covered}))
    return claims


def _futures_claim(case: Case, result: ScenariosResult) -> Claim:
    frame = result.futures_frame
    first, second = case.futures.drivers
    what = {e.id: e.description.strip().rstrip(".") for e in case.events}
    combos = (
        (f"{first} {second}", "both", float(frame.iat[0, 0])),
        (f"{first} not {second}", f"{first} without {second}", float(frame.iat[0, 1])),
        (f"not {first} {second}", f"{second} without {first}", float(frame.iat[1, 0])),
        (f"not {first} not {second}", "neither", float(frame.iat[1, 1])),
    )
    names = result.futures_names
    items = "; ".join(
        f"{names[key]} ({how}), {percent(p)}" if key in names else f"{how}, {percent(p)}"
        for key, how, p in combos
    )
    text = (
        f"Four alternative futures cross two drivers, each happening or not, {first} "
        f"“{what[first]}” and {second} “{what[second]}”: {items}."
    )
    figures = {"drivers": (first, second), "futures": tuple((k, p) for k, _, p in combos)}
    return Claim("summary.futures", text, figures)


# --- network -------------------------------------------------------------------------------------


def network_summary(case: Case, result: NetworkResult) -> list[Claim]:
    """How many actors and relations are mapped and who is most influential; the camps the friendly
    and hostile ties form and the ties that go against them (a single camp's members said to
    cooperate with one another only when no tie between two of them is hostile); who links the
    two camps."""
    frame = result.actors_frame
    n = len(frame)
    if n == 0:
        return []
    names = dict(frame["name"])
    ids = list(frame.index)
    influence = {a: float(frame.at[a, "influence"]) for a in ids}
    ties = len(case.relations)
    if ties:
        text = f"{_s(n, 'actor')} and {_s(ties, 'relation')} between them are mapped"
    else:
        text = f"{_s(n, 'actor')} {_is_are(n)} mapped, with no relation recorded"
    top: tuple[str, ...] = _cut(ids, influence, min(3, n - 1)) if n > 1 else ()
    level = n > 1 and max(influence.values()) - min(influence.values()) <= _TOL
    if top:
        who = _and([names[a] for a in top])
        text += (
            f"; the most influential, by the ties through which they act on others, "
            f"{'is' if len(top) == 1 else 'are'} {who}"
        )
    elif level:
        text += "; no actor stands out as more influential than another"
    figures = {"actors": n, "relations": ties, "top": top, "level": level}
    claims = [Claim("summary.network", text + ".", figures)]
    camps = {name: tuple(members) for name, members in result.camps.items()}
    if camps:
        claims.append(_camps_claim(result, camps, names))
    if len(camps) == 2:
        broker = {a: float(frame.at[a, "broker"]) for a in ids}
        ranked = [a for a in sorted(ids, key=lambda a: -broker[a]) if broker[a] > 0]
        brokers = _cut(ranked + [a for a in ids if broker[a] <= 0], broker)
        brokers = tuple(a for a in brokers if broker[a] > 0)
        if brokers:
            text = (
                f"The shortest paths between the two camps run most through "
                f"{_and([names[a] for a in brokers])}."
            )
            figures = {"brokers": brokers, "camps": tuple(camps.items())}
            claims.append(Claim("summary.network_brokers", text, figures))
    return claims


def _camps_claim(
    result: NetworkResult, camps: dict[str, tuple[str, ...]], names: dict[str, str]
) -> Claim:
    members = {a for group in camps.values() for a in group}
    figures = {"camps": tuple(camps.items())}
    sizes = [f"the {name} ({_s(len(group), 'actor')})" for name, group in camps.items()]
    across = tuple((a, b) for a, b in result.frustrated if a in members and b in members)
    pairs = "; ".join(f"{names[a]} and {names[b]}" for a, b in across)
    ties = _s(len(across), "tie")
    if len(camps) == 1:
        # with one camp, a frustrated tie between two members is a hostile tie inside it
        ((name, group),) = camps.items()
        text = f"The friendly and hostile ties align one camp: the {name} ({len(group)} actors"
        if across:
            text += f"), though {ties} inside it {_is_are(len(across))} hostile: {pairs}."
        else:
            text += " who cooperate with one another)."
    elif across:
        text = (
            f"The friendly and hostile ties divide them into two camps, {_and(sizes)}; {ties} "
            f"between their members {'goes' if len(across) == 1 else 'go'} against that split "
            f"(cooperative across the camps or hostile within one): {pairs}."
        )
    else:
        text = (
            f"The friendly and hostile ties divide them into two camps, {_and(sizes)}; every tie "
            "between their members agrees with that split."
        )
    return Claim("summary.network_camps", text, {**figures, "across": across})
    text = f"The friendly and hostile ties divide them into two camps, {_and(sizes)}"
    if across:
        pairs = "; ".join(f"{names[a]} and {names[b]}" for a, b in across)
        text += (
            f"; {_s(len(across), 'tie')} between their members "
            f"{'goes' if len(across) == 1 else 'go'} against that split (cooperative across the "
            f"camps or hostile within one): {pairs}."
        )
    else:
        text += "; every tie between their members agrees with that split."
    return Claim("summary.network_camps", text, {**figures, "across": across})
