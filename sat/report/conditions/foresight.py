"""Conditions of the indicators', scenarios' and network's sentences, recomputed from the case: the
indicators' statuses and directions against the standing scored afresh, each scenario's chain of
event probabilities (SAT-REFERENCE section 6: a product, never an average), the 2 × 2 of two
drivers, and the actors' relations (influence by PageRank on the ties that carry it, each tie's
net sign, the paths between the camps)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from sat import scales
from sat.case import Case, Scenario, split_event_ref
from sat.language import ICD203, percent
from sat.report.conditions._facts import Facts, _first, _scores

#: Scores closer than this are level.
TOL = 1e-9


# --- indicators ----------------------------------------------------------------------------------


def _sole(facts: Facts) -> str | None:
    first = _first(*_scores(facts))
    return first[0] if len(first) == 1 else None


def _indicators(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The case has indicators, as many as said, and as many observed, seen not to happen and not
    yet seen as said."""
    found = [i.status for i in facts.case.indicators]
    return bool(found) and (
        figures["indicators"],
        figures["observed"],
        figures["contradicted"],
        figures["open"],
    ) == (
        len(found),
        found.count("observed"),
        found.count("contradicted"),
        found.count("not observed"),
    )


def _cutting(facts: Facts, leader: str, status: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The indicators with this status that undermine the leader, and those (with their
    hypothesis) that support another."""
    undermine, support = set(), set()
    for i in facts.case.indicators:
        if i.status != status:
            continue
        if i.hypothesis == leader and i.direction == "undermines":
            undermine.add(i.id)
        elif i.hypothesis != leader and i.direction == "supports":
            support.add((i.id, i.hypothesis))
    return undermine, support


def _watch(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """One hypothesis ranks first (scored afresh) and it is the one said; some indicators are not
    yet seen, and those that would undermine it, and those that would support another, are
    exactly the ones said."""
    leader = figures["leader"]
    if _sole(facts) != leader:
        return False
    if not any(i.status == "not observed" for i in facts.case.indicators):
        return False
    undermine, support = _cutting(facts, leader, "not observed")
    return set(figures["undermine"]) == undermine and set(figures["support"]) == {
        i for i, _ in support
    }


def _against(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The hypotheses said to lead are those ranked first (scored afresh: one, or all those tied);
    the indicators said to cut against them are exactly, with the hypothesis each bears on, those
    observed that undermine one of them or support another hypothesis, and those seen not to
    happen (contradicted) that would have supported one of them or undermined another; at least
    one."""
    leaders = set(figures["leaders"])
    if not leaders or set(_first(*_scores(facts))) != leaders:
        return False
    expected: dict[str, set[tuple[str, str]]] = {
        "undermine": set(),
        "support": set(),
        "unmet": set(),
        "spared": set(),
    }
    for i in facts.case.indicators:
        leading, supports = i.hypothesis in leaders, i.direction == "supports"
        if i.status == "observed" and leading != supports:
            expected["support" if supports else "undermine"].add((i.id, i.hypothesis))
        elif i.status == "contradicted" and leading == supports:
            expected["unmet" if supports else "spared"].add((i.id, i.hypothesis))
    said = {key: {tuple(pair) for pair in figures[key]} for key in expected}
    return any(expected.values()) and said == expected


def _uncovered(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the hypotheses named have no indicator."""
    covered = {i.hypothesis for i in facts.case.indicators}
    bare = {h.id for h in facts.case.hypotheses if h.id not in covered}
    return bool(bare) and set(figures["hypotheses"]) == bare


# --- scenarios -----------------------------------------------------------------------------------


def _event(case: Case, ident: str) -> float:
    """An event's chance: as given, or over independent periods 1 − (1 − p)^n (Heuer ch. 12)."""
    event = next(e for e in case.events if e.id == ident)
    if event.probability is not None:
        return float(event.probability)
    return 1 - (1 - float(event.per_period)) ** int(event.periods)


def _chance(case: Case, scenario: Scenario) -> float:
    """The chain rule: the product of each event's chance given the events it names, one minus it
    for an event that does not happen."""
    p = 1.0
    for ref in scenario.events:
        negated, ident = split_event_ref(ref)
        q = _event(case, ident)
        p *= 1 - q if negated else q
    return p


def _chances(case: Case) -> dict[str, float]:
    return {s.id: _chance(case, s) for s in case.scenarios}


def _in_band(p: float, word: str) -> bool:
    """The ICD 203 word's band holds p (a boundary belongs to the band nearer 50%; the end bands
    reach 0 and 1)."""
    for k, (likelihood, _, lower, upper) in enumerate(ICD203):
        if likelihood != word:
            continue
        low = 0.0 if k == 0 else lower
        high = 1.0 if k == len(ICD203) - 1 else upper
        if k < 3:
            return low <= p < high
        if k == 3:
            return lower <= p <= upper
        return low < p <= high
    return False


def _shown(p: float) -> float:
    """What the reader sees of a probability: the percentage ``percent`` prints, as a number;
    "<1%" and ">99%" read as lying between the whole percentages either side of them."""
    found = re.fullmatch(r"([<>]?)(\d+(?:\.\d+)?)%", percent(p))
    if found is None:
        raise ValueError(f"unexpected percentage {percent(p)!r}")
    sign, figure = found.groups()
    return (float(figure) + {"<": -0.5, ">": 0.5, "": 0.0}[sign]) / 100


def _scenarios(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Every scenario of the case is listed once, under its name, most probable first, each with its
    chain-rule probability and an ICD 203 word whose band holds the percentage shown for it (so
    "55% (likely)" is never said of 0.5501: 55% is the edge of roughly even chance)."""
    case = facts.case
    chance = _chances(case)
    names = {s.id: s.name for s in case.scenarios}
    listed = figures["scenarios"]
    ids = [s for s, _, _, _ in listed]
    if not listed or sorted(ids) != sorted(chance):
        return False
    said = [p for _, _, p, _ in listed]
    if any(a < b - TOL for a, b in pairwise(said)):
        return False
    return all(
        names[s] == name and abs(chance[s] - p) <= TOL and _in_band(_shown(p), word)
        for s, name, p, word in listed
    )


def _most_likely(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """More than one scenario, and the one named is shown as more probable than every other (its
    percentage above theirs, not level at the precision shown); "less likely than not" said
    exactly when the percentage shown for it is below one half."""
    chance = _chances(facts.case)
    best = figures["scenario"]
    if len(chance) < 2 or best not in chance:
        return False
    p = chance[best]
    return (
        all(_shown(p) > _shown(q) for s, q in chance.items() if s != best)
        and abs(p - figures["probability"]) <= TOL
        and figures["below_even"] == (_shown(p) < 0.5)
    )


def _exclusive(a: Scenario, b: Scenario) -> bool:
    """Some event happens in one and does not in the other."""
    one = {split_event_ref(r) for r in a.events}
    other = {split_event_ref(r) for r in b.events}
    return any((not negated, ident) in other for negated, ident in one)


def _overlap(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Neither scenario of the pair rules out an event of the other."""
    found = {s.id: s for s in facts.case.scenarios}
    a, b = figures["pair"]
    return a != b and a in found and b in found and not _exclusive(found[a], found[b])


def _mislabelled(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The scenario is labelled most likely and is shown as less probable than the one named (the
    percentages shown differ: a gap a reader can see), the most probable of all; the
    probabilities said are theirs."""
    case = facts.case
    chance = _chances(case)
    s, best = figures["scenario"], figures["best"]
    kind = {x.id: x.kind for x in case.scenarios}
    if s not in chance or best not in chance or kind[s] != "most likely":
        return False
    return (
        _shown(figures["probability"]) < _shown(figures["best_probability"])
        and chance[best] >= max(chance.values()) - TOL
        and abs(chance[s] - figures["probability"]) <= TOL
        and abs(chance[best] - figures["best_probability"]) <= TOL
    )


def _scenarios_uncovered(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The scenarios exclude one another (each pair) and their probabilities add up to the share
    said, short of 1 by at least half a percent."""
    listed = facts.case.scenarios
    if not listed:
        return False
    if any(not _exclusive(a, b) for k, a in enumerate(listed) for b in listed[k + 1 :]):
        return False
    covered = sum(_chances(facts.case).values())
    return abs(covered - figures["covered"]) <= TOL and covered < 1 - 0.005


def _futures(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The case's two drivers, and the four futures' probabilities: each the product of the two
    drivers' chances (or one minus them), keyed as said."""
    futures = facts.case.futures
    if futures is None or tuple(figures["drivers"]) != tuple(futures.drivers):
        return False
    first, second = futures.drivers
    p, q = _event(facts.case, first), _event(facts.case, second)
    expected = (
        (f"{first} {second}", p * q),
        (f"{first} not {second}", p * (1 - q)),
        (f"not {first} {second}", (1 - p) * q),
        (f"not {first} not {second}", (1 - p) * (1 - q)),
    )
    said = tuple(figures["futures"])
    return len(said) == 4 and all(
        k == key and abs(x - y) <= TOL for (k, x), (key, y) in zip(said, expected, strict=True)
    )


# --- network -------------------------------------------------------------------------------------

_SIGN = {"cooperative": 1, "hostile": -1, "neutral": 0}


def _ties(case: Case) -> tuple[dict[tuple[str, str], float], dict[frozenset, int]]:
    """The influence each directed tie carries, and each pair's net sign: the relations between
    two actors in one direction merged (weights added, signs netted), then both directions."""
    carried: dict[tuple[str, str], float] = {}
    signed: dict[tuple[str, str], float] = {}
    weight: dict[tuple[str, str], float] = {}
    for r in case.relations:
        pairs = [(r.source, r.target)] + ([] if r.is_directed else [(r.target, r.source)])
        for pair in pairs:
            weight[pair] = weight.get(pair, 0.0) + r.weight
            signed[pair] = signed.get(pair, 0.0) + _SIGN[r.polarity] * r.weight
            if scales.RELATION_TYPES[r.type][2]:
                carried[pair] = carried.get(pair, 0.0) + r.weight
    net: dict[frozenset, float] = {}
    for pair, w in weight.items():
        sign = (signed[pair] > 0) - (signed[pair] < 0)
        key = frozenset(pair)
        net[key] = net.get(key, 0.0) + sign * w
    return carried, {k: (v > 0) - (v < 0) for k, v in net.items()}


def _influence(case: Case) -> dict[str, float]:
    """PageRank on the influence-carrying ties, each reversed (an actor scores when it acts on
    actors that themselves act on many)."""
    import networkx as nx

    from sat.techniques.network import pagerank

    carried, _ = _ties(case)
    g = nx.DiGraph()
    g.add_nodes_from(a.id for a in case.actors)
    g.add_edges_from((b, a, {"weight": w}) for (a, b), w in carried.items() if w > 0)
    return pagerank(g)


def _top(score: Mapping[str, float], named: Sequence[str], most: int = 3) -> bool:
    """The named are highest first, each strictly above every actor not named, and no larger set
    of at most ``most`` would be (none named only when no such set exists)."""
    rest = [score[a] for a in score if a not in named]
    said = [score[a] for a in named]
    if len(named) > most or any(a < b for a, b in pairwise(said)):
        return False
    if named and rest and min(said) <= max(rest) + TOL:
        return False
    ordered = sorted(score.values(), reverse=True)
    larger = range(len(named) + 1, min(most, len(ordered)) + 1)
    return not any(k == len(ordered) or ordered[k - 1] > ordered[k] + TOL for k in larger)


def _network(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """As many actors and relations as the case lists; the most influential named are the largest
    set of at most three each strictly above every other (with more than one actor), and no one
    is said to stand out when every actor's influence is the same."""
    case = facts.case
    if figures["actors"] != len(case.actors) or figures["relations"] != len(case.relations):
        return False
    if not case.actors:
        return False
    influence = _influence(case)
    level = max(influence.values()) - min(influence.values()) <= TOL
    if len(case.actors) == 1:
        return not figures["top"] and not figures["level"]
    top = tuple(figures["top"])
    if figures["level"] != level or (level and top):
        return False
    return level or _top(influence, top, min(3, len(case.actors) - 1))


def _aligned(case: Case, camps: Sequence[tuple[str, Sequence[str]]]) -> bool:
    """At most two camps, apart, each of two or more actors each with a cooperative tie to another
    member, named after its most influential member."""
    _, sign = _ties(case)
    influence = _influence(case)
    names = {a.id: a.name for a in case.actors}
    seen: set[str] = set()
    if not 1 <= len(camps) <= 2:
        return False
    for name, members in camps:
        if len(members) < 2 or seen & set(members) or not set(members) <= set(names):
            return False
        seen |= set(members)
        if any(
            not any(sign.get(frozenset((a, b)), 0) > 0 for b in members if b != a) for a in members
        ):
            return False
        top = max(influence[a] for a in members)
        if not any(f"{names[a]} camp" == name and influence[a] >= top - TOL for a in members):
            return False
    return True


def _camps(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The camps hold (``_aligned``); the ties said to go against them are exactly the ties between
    their members that are hostile within a camp or (with two) cooperative across the camps, so
    that one camp is said to cooperate within (nothing said against it) only when no two of its
    members have a hostile tie."""
    camps = figures["camps"]
    if not _aligned(facts.case, camps):
        return False
    _, sign = _ties(facts.case)
    side = {a: k for k, (_, members) in enumerate(camps) for a in members}
    against = {
        frozenset(pair)
        for pair, s in sign.items()
        if len(pair) == 2
        and pair <= set(side)
        and (
            (s > 0 and len({side[a] for a in pair}) == 2)
            or (s < 0 and len({side[a] for a in pair}) == 1)
        )
    }
    return {frozenset(p) for p in figures["across"]} == against


def _brokers(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Two camps hold, and the actors named lie on the most shortest paths (ties of any sign, taken
    both ways) from one camp's members to the other's: each on some, the largest set of at most
    three strictly above every other."""
    import networkx as nx

    case, camps = facts.case, figures["camps"]
    if len(camps) != 2 or not _aligned(case, camps):
        return False
    g = nx.Graph()
    g.add_nodes_from(a.id for a in case.actors)
    g.add_edges_from((r.source, r.target) for r in case.relations)  # never a self-loop (case.py)
    (_, one), (_, other) = camps
    through = nx.betweenness_centrality_subset(
        g, sources=list(one), targets=list(other), normalized=False
    )
    named = tuple(figures["brokers"])
    return bool(named) and all(through[a] > TOL for a in named) and _top(through, named)


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "summary.indicators": _indicators,
    "summary.indicators_watch": _watch,
    "summary.indicators_against": _against,
    "summary.indicators_uncovered": _uncovered,
    "summary.scenarios": _scenarios,
    "summary.scenarios_most_likely": _most_likely,
    "summary.scenarios_overlap": _overlap,
    "summary.scenarios_mislabelled": _mislabelled,
    "summary.scenarios_uncovered": _scenarios_uncovered,
    "summary.futures": _futures,
    "summary.network": _network,
    "summary.network_camps": _camps,
    "summary.network_brokers": _brokers,
}
