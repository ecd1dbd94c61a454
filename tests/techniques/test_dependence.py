"""Source dependence through shared reliability: hand-computed answers and the inequalities."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sat.case import Case
from sat.errors import AnalysisError
from sat.techniques import bayes
from sat.techniques import dependence as dep

GRADES = "ABCDEF"
#: cells favouring H1 over H2 (H1's code first on the ladder), and probability cells
FAVOURING = [
    ("CC", "C"),
    ("CC", "N"),
    ("C", "N"),
    ("C", "I"),
    ("N", "I"),
    ("CC", "II"),
    ("I", "II"),
]
QUIET = {
    "draws": 100,
    "rating_error": 0,
    "credibility_error": 0,
    "source_error": 0,
    "analyst_error": 0,
    "vary_table": False,
    "prior_strength": None,
}
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def make(evidence, sources=(), hypotheses=("H1", "H2")):
    return Case.model_validate(
        {
            "id": "d",
            "title": "D",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["t"],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in hypotheses],
            "evidence": list(evidence),
            "sources": list(sources),
            "bayes": QUIET,
        }
    )


def source(k, grade, publisher=None):
    return {
        "id": f"S{k}",
        "title": f"S{k}",
        "reliability": grade,
        "reliability_reason": "r",
        "publisher": publisher or f"Outlet {k}",
    }


def item(k, ratings, sources=(), **extra):
    return {"id": f"E{k}", "summary": "x", "sources": list(sources), "ratings": ratings, **extra}


def log_odds(case, a="H1", b="H2"):
    post = bayes.point(case)
    return math.log(post[a] / post[b])


def test_the_reliability_table():
    assert dict(dep.RELIABILITY) == {
        "A": 0.9,
        "B": 0.75,
        "C": 0.5,
        "D": 0.3,
        "E": 0.1,
        "F": 0.5,
        None: 0.5,
    }
    # a group takes the mean of its sources; an item citing two groups is wrong only if both are
    sources = [source(0, "A", "Daily"), source(1, "E", "Daily"), source(2, "B")]
    case = make([item(0, {"H1": "C"}, ["S0"]), item(1, {"H1": "C"}, ["S0", "S2"])], sources)
    assert dep.dependence(case)["reliability"].tolist() == pytest.approx([0.5, 1 - 0.5 * 0.25])
    # ungraded counts as F, cannot be judged: 0.5
    ungraded = [{"id": "S0", "title": "S0"}]
    assert (
        dep.dependence(make([item(0, {"H1": "C"}, ["S0"])], ungraded))["reliability"].iloc[0] == 0.5
    )


def test_a_what_if_table_overrides_the_grades():
    rows = {"H1": "C", "H2": "I"}
    case = make([item(k, rows, ["S0"]) for k in range(3)], [source(0, "C")])
    assert bayes.run(case, reliability={"C": 1.0}).hypotheses.at["H1", "posterior"] == (
        pytest.approx(1 / (1 + (0.34 / 0.54) ** 3))  # fully reliable: naive Bayes
    )
    one = bayes.run(case, reliability={"C": 0.0})  # a source that never reports what it sees
    assert one.hypotheses.at["H1", "posterior"] == pytest.approx(0.5)
    assert (
        one.settings["reliability"]["C"] == 0.0 and one.settings["reliability"]["ungraded"] == 0.5
    )
    with pytest.raises(ValueError, match="between 0 and 1"):
        dep.structure(case, {"C": 1.5})


def test_a_partly_reliable_source_cannot_rule_a_hypothesis_out():
    # P(e | H2) = 0 from a source graded C: r x 0 + (1 - r) x 0.9 -> odds 0.9 / 0.45 = 2
    case = make([item(0, {"H1": 0.9, "H2": 0.0}, ["S0"])], [source(0, "C")])
    assert log_odds(case) == pytest.approx(math.log(2))
    result = bayes.run(case)
    assert result.trace.at["E0", "llr"] == pytest.approx(math.log(2))
    # without a source it still eliminates; a report no hypothesis explains is an error
    assert bayes.point(make([item(0, {"H1": 0.9, "H2": 0.0})]))["H2"] == 0.0
    with pytest.raises(AnalysisError, match="rules out every hypothesis"):
        bayes.run(make([item(0, {"H1": 0.0, "H2": 0.0}, ["S0"])], [source(0, "C")]))


def test_thousands_of_reports_from_one_source_do_not_underflow():
    rows = {"H1": "C", "H2": "II"}
    case = make([item(k, rows, ["S0"]) for k in range(3000)], [source(0, "B")])
    odds = log_odds(case)
    # 0.34 / 0.54 per report, to the 3000th power, is 0 in floating point: the bound is reached
    assert odds == pytest.approx(math.log(1 / (1 - 0.75)))
    result = bayes.run(case)
    assert result.trace["llr"].sum() == pytest.approx(odds)
    assert np.isfinite(result.trace["llr"]).all()


@SLOW
@given(
    cells=st.lists(st.sampled_from(FAVOURING), min_size=2, max_size=8),
    grade=st.sampled_from("BCDE"),
    credibility=st.sampled_from("HML"),
)
def test_k_reports_add_more_than_one_and_less_than_k_independent(cells, grade, credibility):
    k = len(cells)
    evidence = [
        item(j, {"H1": a, "H2": b}, [f"S{j}"], credibility=credibility)
        for j, (a, b) in enumerate(cells)
    ]
    one_source = make(evidence, [source(j, grade, "Daily") for j in range(k)])
    independent = make(evidence, [source(j, grade) for j in range(k)])
    singles = [make([e], [source(j, grade)]) for j, e in enumerate(evidence)]
    shared = log_odds(one_source)
    apart = log_odds(independent)
    each = [log_odds(c) for c in singles]
    assert apart == pytest.approx(sum(each))
    assert shared > max(each) - 1e-12  # more than the strongest one of them (all favour H1)
    assert shared < apart + 1e-12  # less than the k of them from independent sources
    assert shared <= math.log(1 / (1 - dep.RELIABILITY[grade])) + 1e-12


@SLOW
@given(
    ratings=st.lists(
        st.tuples(
            st.sampled_from(["CC", "C", "N", "I", "II", "NA", 0.05, 0.5, 0.95]),
            st.sampled_from(["CC", "C", "N", "I", "II", "NA", 0.05, 0.5, 0.95]),
            st.sampled_from(["CC", "C", "N", "I", "II", "NA"]),
        ),
        min_size=1,
        max_size=30,
    ),
    grade=st.sampled_from(GRADES),
)
def test_a_source_moves_the_log_odds_at_most_ln_one_over_one_minus_r(ratings, grade):
    # the exact bound: |ln P(reports | h) - ln P(reports | g)| <= ln 1/(1 - r), any h, g, any k
    evidence = [
        item(j, dict(zip(("H1", "H2", "H3"), row, strict=True))) for j, row in enumerate(ratings)
    ]
    evidence = [{**e, "sources": ["S0"]} for e in evidence]
    case = make(evidence, [source(0, grade)], hypotheses=("H1", "H2", "H3"))
    bound = -math.log1p(-dep.RELIABILITY[grade])
    post = bayes.point(case).to_numpy()
    logs = np.log(post)
    assert np.abs(logs[:, None] - logs[None, :]).max() <= bound + 1e-9


@SLOW
@given(
    copies=st.integers(1, 6),
    grade=st.sampled_from(GRADES),
    how=st.sampled_from(["cluster", "quote"]),
)
def test_a_fact_retold_counts_once(copies, grade, how):
    rows = {"H1": "CC", "H2": "I"}
    link = {"cluster": "story"} if how == "cluster" else {"quote": "The same words."}
    base = [item(0, rows, ["S0"], **link), item(9, {"H1": "C", "H2": "N"}, ["S0"])]
    retold = base + [item(j, rows, ["S0"], **link) for j in range(1, copies)]
    srcs = [source(0, grade)]
    assert log_odds(make(retold, srcs)) == pytest.approx(log_odds(make(base, srcs)))


@SLOW
@given(
    cells=st.lists(
        st.tuples(
            st.sampled_from(["CC", "C", "N", "I", "II"]),
            st.sampled_from(["CC", "C", "N", "I", "II"]),
        ),
        min_size=1,
        max_size=10,
    ),
    groups=st.lists(st.integers(0, 3), min_size=10, max_size=10),
    grades=st.lists(st.sampled_from(GRADES), min_size=4, max_size=4),
)
def test_the_trace_adds_up_to_the_posterior_log_odds(cells, groups, grades):
    evidence = [
        item(j, {"H1": a, "H2": b}, [f"S{groups[j]}"] if groups[j] < 3 else [])
        for j, (a, b) in enumerate(cells)
    ]
    case = make(evidence, [source(g, grades[g]) for g in range(3)])
    result = bayes.run(case)
    if result.runner_up is None:  # tied with nothing outside: no trace to check
        assert result.tied
        return
    hyp = result.hypotheses
    prior = math.log(hyp.at[result.leader, "prior"] / hyp.at[result.runner_up, "prior"])
    odds = math.log(hyp.at[result.leader, "posterior"] / hyp.at[result.runner_up, "posterior"])
    assert prior + result.trace["llr"].sum() == pytest.approx(odds, abs=1e-9)
    # each item keeps its sign and never counts more than it would alone
    assert (result.trace["weight"] <= 1 + 1e-12).all() and (result.trace["weight"] >= 0).all()


def test_unsourced_items_stand_alone_as_before():
    # no sources: naive Bayes with credibility tempering, as the mode always did
    evidence = [item(0, {"H1": "C", "H2": "I"}), item(1, {"H1": "CC", "H2": "N"}, credibility="H")]
    assert log_odds(make(evidence)) == pytest.approx(math.log(0.54 / 0.34) + math.log(0.65 / 0.5))
    assert dep.structure(make(evidence)).trivial
