"""Bayesian mode against textbook answers, invariances and numerical limits."""

import math

import numpy as np
import pandas as pd
import pytest

import sat
from sat.case import Case
from sat.errors import AnalysisError
from sat.language import span
from sat.techniques import bayes, posterior
from sat.techniques import dependence as dep
from sat.testing import SITUATIONS, situation

#: Monte Carlo settings under which every draw is the point estimate.
NO_ERRORS = {
    "rating_error": 0,
    "credibility_error": 0,
    "source_error": 0,
    "analyst_error": 0,
    "vary_table": False,
    "prior_strength": None,
}


def make(evidence, hypotheses=("H1", "H2"), priors=None, **extra):
    hyps = []
    for i, h in enumerate(hypotheses):
        item = {"id": h, "label": h, "statement": h}
        if priors is not None and priors[i] is not None:
            item["prior"] = priors[i]
        hyps.append(item)
    return Case.model_validate(
        {
            "id": "b",
            "title": "B",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["t"],
            "hypotheses": hyps,
            "evidence": evidence,
            **extra,
        }
    )


def test_base_rate_problem_the_naive_answer_is_wrong():
    # Heuer ch. 12 / Tversky and Kahneman's cab problem: 15% of cabs are blue; a witness who is
    # right 80% of the time says "blue". P(blue | says blue) = .15 x .8 / (.15 x .8 + .85 x .2) = 12/29.
    case = make(
        [{"id": "W", "summary": "the witness says blue", "ratings": {"blue": 0.8, "green": 0.2}}],
        hypotheses=("blue", "green"),
        priors=(0.15, 0.85),
    )
    result = bayes.run(case)
    assert result.hypotheses.at["blue", "posterior"] == pytest.approx(12 / 29)
    assert result.hypotheses.at["blue", "posterior"] < 0.8  # not the witness's accuracy
    assert result.leader == "green"


def test_default_mapping_and_tempering_by_hand():
    case = make(
        [
            {"id": "E1", "summary": "a", "credibility": "H", "ratings": {"H1": "C", "H2": "I"}},
            {"id": "E2", "summary": "b", "credibility": "M", "ratings": {"H1": "CC", "H2": "II"}},
            {"id": "E3", "summary": "c", "credibility": "L", "ratings": {"H1": "N"}},
        ]
    )
    lik = bayes.likelihoods(case)
    # H: as mapped; M keeps 0.8: 0.8 x 0.65 + 0.2 x 0.5 = 0.62 and 0.8 x 0.1 + 0.1 = 0.18; unrated 0.5
    assert lik.to_numpy() == pytest.approx(np.array([[0.55, 0.3], [0.62, 0.18], [0.5, 0.5]]))
    post = bayes.run(case).hypotheses["posterior"]
    odds = (0.55 * 0.62) / (0.3 * 0.18)
    assert post["H1"] == pytest.approx(odds / (1 + odds))
    assert post.sum() == pytest.approx(1.0)


def test_case_overrides_likelihoods_and_tempering():
    evidence = [{"id": "E1", "summary": "a", "credibility": "L", "ratings": {"H1": "C", "H2": "I"}}]
    case = make(evidence, bayes={"likelihoods": {"C": 0.8, "I": 0.2}, "tempering": {"L": 1.0}})
    assert bayes.likelihoods(case).to_numpy() == pytest.approx(np.array([[0.8, 0.2]]))


def test_priors_partial_and_bad():
    case = make([], hypotheses=("H1", "H2", "H3"), priors=(0.5, None, None))
    assert bayes.run(case).hypotheses["prior"].tolist() == pytest.approx([0.5, 0.25, 0.25])
    case = make([], hypotheses=("H1", "H2", "H3"), priors=(0.6, 0.6, None))
    with pytest.raises(AnalysisError, match=r"already sum to 1\.2"):
        bayes.run(case)
    case = make([], priors=(2 / 10, 3 / 10))  # normalised when all are given
    assert bayes.run(case).hypotheses["prior"].tolist() == pytest.approx([0.4, 0.6])


def test_posterior_does_not_depend_on_evidence_order():
    rng = np.random.default_rng(1)
    codes = ["CC", "C", "N", "I", "II"]
    evidence = [
        {
            "id": f"E{i}",
            "summary": "x",
            "credibility": "HML"[i % 3],
            "ratings": {h: codes[rng.integers(5)] for h in ("H1", "H2", "H3")},
        }
        for i in range(40)
    ]
    forward = bayes.run(make(evidence, hypotheses=("H1", "H2", "H3")))
    backward = bayes.run(make(evidence[::-1], hypotheses=("H1", "H2", "H3")))
    assert forward.hypotheses["posterior"].tolist() == pytest.approx(
        backward.hypotheses["posterior"].tolist(), rel=1e-12
    )


def test_five_thousand_items_do_not_underflow():
    # 2,500 items favour H1 and 2,500 favour H2 equally: the posterior is exactly even. Multiplying
    # the likelihoods directly would give 0.54^2500 x 0.34^2500 = 0 for both, and 0 / 0.
    evidence = [
        {
            "id": f"E{i}",
            "summary": "x",
            "ratings": {"H1": "C", "H2": "I"} if i % 2 else {"H1": "I", "H2": "C"},
        }
        for i in range(5000)
    ]
    assert 0.54**2500 * 0.34**2500 == 0.0
    result = bayes.run(make(evidence, bayes={"draws": 200}))
    assert result.hypotheses["posterior"].tolist() == pytest.approx([0.5, 0.5])
    tilted = bayes.run(make(evidence[1:], bayes={"draws": 200})).hypotheses["posterior"]
    # one item more for H1; credibility M keeps 0.8 of each likelihood: C 0.54, I 0.34
    assert tilted["H1"] == pytest.approx(0.54 / (0.54 + 0.34))


def test_a_zero_likelihood_eliminates_and_all_zero_is_an_error():
    case = make([{"id": "E1", "summary": "x", "ratings": {"H1": 0.0, "H2": 0.4}}])
    assert bayes.run(case).hypotheses["posterior"].tolist() == [0.0, 1.0]
    case = make([{"id": "E1", "summary": "x", "ratings": {"H1": 0.0, "H2": 0.0}}])
    with pytest.raises(AnalysisError, match="rules out every hypothesis"):
        bayes.run(case)


def test_the_trace_adds_up_to_the_posterior_odds():
    case = make(
        [
            {"id": "E1", "summary": "a", "ratings": {"H1": "C", "H2": "I"}},
            {"id": "E2", "summary": "b", "credibility": "L", "ratings": {"H1": "II", "H2": "N"}},
            {"id": "E3", "summary": "c", "ratings": {"H1": "CC", "H2": "C"}},
        ],
        priors=(0.3, 0.7),
    )
    result = bayes.run(case)
    post = result.hypotheses["posterior"]
    leader, runner = result.leader, result.runner_up
    prior_log_odds = math.log(
        result.hypotheses.at[leader, "prior"] / result.hypotheses.at[runner, "prior"]
    )
    assert prior_log_odds + result.trace["llr"].sum() == pytest.approx(
        math.log(post[leader] / post[runner])
    )


def test_monte_carlo_is_seeded_reproducible_and_collapses_without_errors():
    evidence = [
        {"id": f"E{i}", "summary": "x", "ratings": {"H1": "C", "H2": "I", "H3": "N"}}
        for i in range(6)
    ]
    hyps = ("H1", "H2", "H3")
    first = bayes.run(make(evidence, hypotheses=hyps, bayes={"seed": 7, "draws": 2000}))
    again = bayes.run(make(evidence, hypotheses=hyps, bayes={"seed": 7, "draws": 2000}))
    other = bayes.run(make(evidence, hypotheses=hyps, bayes={"seed": 8, "draws": 2000}))
    cols = ["low", "median", "high", "p_most_likely"]
    assert first.hypotheses[cols].equals(again.hypotheses[cols])
    assert not first.hypotheses[cols].equals(other.hypotheses[cols])
    exact = bayes.run(
        make(
            evidence,
            hypotheses=hyps,
            bayes={**NO_ERRORS, "draws": 100},
        )
    ).hypotheses
    assert exact["low"].tolist() == pytest.approx(exact["posterior"].tolist())
    assert exact["high"].tolist() == pytest.approx(exact["posterior"].tolist())
    assert exact["p_most_likely"].tolist() == [1.0, 0.0, 0.0]
    assert (first.hypotheses["low"] <= first.hypotheses["high"]).all()


def test_example_case(example_case):
    result = sat.bayes.run(example_case)
    assert result.leader == "H1" and result.runner_up == "H4"
    # its 27 items rest on three independence groups (and two are assumptions): counted honestly,
    # the leader is the most probable of seven, yet less likely than not
    assert result.estimate.likelihood == "unlikely"
    assert result.band_stable
    low, high = result.to_dict()["hypotheses"][0]["posterior_range"]
    assert low < result.hypotheses.at["H1", "posterior"] < high
    assert result.to_dict()["hypotheses"][0].keys() >= {"id", "prior", "posterior", "only_rated"}


def _sources(n, publisher=None, grade="C"):
    return [
        {
            "id": f"S{k}",
            "title": f"S{k}",
            "reliability": grade,
            "reliability_reason": "r",
            "publisher": publisher or f"Outlet {k}",
        }
        for k in range(n)
    ]


def test_consistent_evidence_alone_reaches_the_prior_across_the_family():
    # ten items, each C for H1 and N for H2, from ten independent outlets (credibility M: t = 0.8)
    evidence = [
        {"id": f"E{k}", "summary": "x", "sources": [f"S{k}"], "ratings": {"H1": "C", "H2": "N"}}
        for k in range(10)
    ]
    result = bayes.run(make(evidence, sources=_sources(10)))
    c = 0.8 * 0.55 + 0.2 * 0.5  # 0.54
    # each outlet is graded C (r = 0.5): P(report | H2) = 0.5 x 0.5 + 0.5 x 0.54 (its bias term)
    stated = 1 / (1 + ((0.5 * 0.5 + 0.5 * c) / c) ** 10)  # 0.5932
    hyp = result.hypotheses
    assert hyp.at["H1", "posterior"] == pytest.approx(stated)
    # Heuer's conservative reading counts C as N: nothing moves, the posterior is the prior
    assert result.family_posteriors["conservative"] == pytest.approx(0.5)
    assert hyp.at["H1", "posterior_low"] == pytest.approx(0.5)
    assert hyp.at["H1", "posterior_high"] == pytest.approx(result.family_posteriors["steeper"])
    assert result.estimate.likelihood == "likely" and not result.band_stable
    # the words span the family: one term only inside one band, else the two ends' terms
    low, high = hyp.at["H1", "posterior_low"], hyp.at["H1", "posterior_high"]
    assert (
        hyp.at["H1", "likelihood"] == "roughly even chance to likely" == span(low, high).likelihood
    )
    assert hyp.at["H1", "range"] == "45–80%" and not hyp.at["H1", "band_stable"]
    assert result.likelihood_words == "roughly even chance to likely (45–80%)"
    assert result.to_dict()["hypotheses"][0]["likelihood"] == "roughly even chance to likely"


def log_odds(result, a="H1", b="H2"):
    return math.log(result.hypotheses.at[a, "posterior"] / result.hypotheses.at[b, "posterior"])


def test_reports_from_one_source_share_its_reliability():
    rows = {"H1": "C", "H2": "I"}
    one = [{"id": f"E{k}", "summary": "x", "sources": [f"S{k}"], "ratings": rows} for k in range(8)]
    same = bayes.run(make(one, sources=_sources(8, publisher="Daily")))
    apart = bayes.run(make(one, sources=_sources(8)))
    single = bayes.run(make(one[:1], sources=_sources(1)))
    # c = 0.54, i = 0.8 x 0.3 + 0.1 = 0.34; grade C: r = 0.5, and the bias term is max(c, i) = c
    r, c, i = 0.5, 0.54, 0.34
    step = math.log(c / (r * i + (1 - r) * c))  # one report, tempered by its source's reliability
    assert log_odds(single) == pytest.approx(step)
    assert log_odds(apart) == pytest.approx(8 * step)  # eight independent outlets
    shared = -math.log(r * (i / c) ** 8 + 1 - r)  # eight reports of one outlet
    assert log_odds(same) == pytest.approx(shared)
    assert step < shared < 8 * step and shared < math.log(1 / (1 - r))
    assert set(same.trace["cluster"]) == {"source S0"}
    assert same.trace["share"].tolist() == [1.0] * 8
    # the trace hands the source's log ratio to its items in proportion to their own
    assert same.trace["llr"].tolist() == pytest.approx([shared / 8] * 8)
    assert same.trace["weight"].tolist() == pytest.approx([shared / (8 * math.log(c / i))] * 8)
    src = same.sources
    assert src.index.tolist() == ["source S0"]
    assert src.at["source S0", "items"] == 8 and src.at["source S0", "reliability"] == 0.5
    assert src.at["source S0", "push"] == pytest.approx(shared)
    assert src.at["source S0", "naive"] == pytest.approx(8 * math.log(c / i))
    assert src.at["source S0", "share"] == pytest.approx(1.0)
    assert src.at["source S0", "bound"] == pytest.approx(math.log(2))


def test_one_source_two_reports_by_hand():
    # source graded B (r = 0.75), credibility H (no tempering): E1 C / I (0.55 / 0.3), E2 CC / N
    # (0.65 / 0.5). The bias terms are each report's best likelihood: 0.55 and 0.65.
    sources = [{"id": "S", "title": "S", "reliability": "B", "reliability_reason": "r"}]
    evidence = [
        {
            "id": "E1",
            "summary": "a",
            "sources": ["S"],
            "credibility": "H",
            "ratings": {"H1": "C", "H2": "I"},
        },
        {
            "id": "E2",
            "summary": "b",
            "sources": ["S"],
            "credibility": "H",
            "ratings": {"H1": "CC", "H2": "N"},
        },
    ]
    result = bayes.run(make(evidence, sources=sources, bayes={"draws": 100}))
    h1 = 0.75 * 0.55 * 0.65 + 0.25 * 0.55 * 0.65  # 0.3575
    h2 = 0.75 * 0.3 * 0.5 + 0.25 * 0.55 * 0.65  # 0.201875
    assert result.hypotheses.at["H1", "posterior"] == pytest.approx(h1 / (h1 + h2))
    push = math.log(h1 / h2)
    naive = math.log(0.55 / 0.3) + math.log(0.65 / 0.5)
    assert result.trace.at["E1", "llr"] == pytest.approx(math.log(0.55 / 0.3) * push / naive)
    assert result.trace.at["E2", "llr"] == pytest.approx(math.log(0.65 / 0.5) * push / naive)
    assert result.trace["discount"].tolist() == pytest.approx([push / naive] * 2)
    assert result.to_dict()["sources"][0]["push"] == pytest.approx(push, abs=1e-6)


def test_a_declared_cluster_counts_once_and_assumptions_not_at_all():
    rows = {"H1": "CC", "H2": "II"}
    evidence = [
        {"id": "E1", "summary": "cause", "cluster": "chain", "ratings": rows},
        {"id": "E2", "summary": "effect", "cluster": "chain", "ratings": rows},
        {"id": "E3", "summary": "premise", "type": "assumption", "ratings": rows},
    ]
    result = bayes.run(make(evidence))
    # E1 and E2 share the cluster (1/2 each); E3 is a premise, not an observation (0)
    assert result.trace.loc[["E1", "E2", "E3"], "weight"].tolist() == [0.5, 0.5, 0.0]
    cc, ii = 0.8 * 0.65 + 0.1, 0.8 * 0.1 + 0.1  # 0.62 and 0.18
    assert result.hypotheses.at["H1", "posterior"] == pytest.approx(cc / (cc + ii))
    only_premise = bayes.run(make(evidence[2:]))
    assert only_premise.hypotheses["posterior"].tolist() == pytest.approx([0.5, 0.5])


def test_the_monte_carlo_varies_table_and_priors_only_when_asked():
    evidence = [{"id": "E1", "summary": "x", "ratings": {"H1": "C", "H2": "N"}}]
    fixed = {**NO_ERRORS, "draws": 200}
    still = bayes.run(make(evidence, bayes=fixed))
    table = bayes.run(make(evidence, bayes={**fixed, "vary_table": True}))
    priors = bayes.run(make(evidence, bayes={**fixed, "prior_strength": 50}))
    assert still.hypotheses.at["H1", "high"] == pytest.approx(still.hypotheses.at["H1", "low"])
    # over the family the draws span the four tables' posteriors, from the conservative 0.5 up
    assert table.hypotheses.at["H1", "low"] == pytest.approx(0.5)
    assert table.hypotheses.at["H1", "high"] == pytest.approx(
        table.hypotheses.at["H1", "posterior_high"]
    )
    assert priors.hypotheses.at["H1", "high"] - priors.hypotheses.at["H1", "low"] > 0.1


def test_each_item_has_its_likelihood_ratio():
    evidence = [
        {"id": "E1", "summary": "x", "ratings": {"H1": "C", "H2": "I"}},
        {"id": "E2", "summary": "y", "ratings": {"H1": "N", "H2": "N"}},
        {"id": "E3", "summary": "z", "ratings": {"H1": 0.9, "H2": 0.0}},
    ]
    trace = bayes.run(make(evidence)).trace
    assert trace.at["E1", "likelihood_ratio"] == pytest.approx(0.54 / 0.34)  # M: t = 0.8
    assert trace.at["E2", "likelihood_ratio"] == 1.0
    assert math.isinf(trace.at["E3", "likelihood_ratio"])


def test_repeats_count_once_and_join_their_source():
    rows = {"H1": "C", "H2": "I"}
    evidence = [
        {"id": f"E{k}", "summary": "x", "sources": ["S0"], "ratings": rows} for k in range(4)
    ]
    evidence[0]["cluster"] = "chain"
    evidence.append({"id": "E9", "summary": "y", "cluster": "chain", "ratings": rows})
    evidence.append({"id": "Q1", "summary": "z", "quote": ["The  Ship sailed."], "ratings": rows})
    evidence.append({"id": "Q2", "summary": "z", "quote": "the ship sailed.", "ratings": rows})
    case = make(evidence, sources=_sources(1))
    d = bayes.dependence(case)
    # E0 and E9 retell one fact (the chain): half each, and E9 joins E0's source; Q1 and Q2 quote
    # the same words (case and spacing aside): half each, standing alone without a source
    assert d["share"].tolist() == pytest.approx([0.5, 1, 1, 1, 0.5, 0.5, 0.5])
    assert d.at["E0", "cluster"] == "cluster chain; source S0" == d.at["E9", "cluster"]
    assert d.at["Q1", "cluster"] == "same quote as Q1" and pd.isna(d.at["Q1", "source"])
    assert d["reliability"].tolist() == [0.5] * 5 + [1.0] * 2
    # four reports of source S0 (one of them the chain), and one report (Q) alone
    r, c, i = 0.5, 0.54, 0.34
    expected = -math.log(r * (i / c) ** 4 + 1 - r) + math.log(c / i)
    assert log_odds(bayes.run(make(evidence, sources=_sources(1), bayes={"draws": 100}))) == (
        pytest.approx(expected)
    )


def test_errors_that_move_together_widen_the_interval_more_than_independent_ones():
    # three reports from one outlet graded A: a misjudged source moves all three together
    rows = {"H1": "C", "H2": "I"}
    evidence = [
        {"id": f"E{k}", "summary": "x", "sources": [f"S{k}"], "ratings": rows} for k in range(3)
    ]
    quiet = {**NO_ERRORS, "draws": 4000}
    sources = [{**s, "reliability": "A"} for s in _sources(3, "Daily")]

    def width(**errors):
        result = bayes.run(make(evidence, sources=sources, bayes={**quiet, **errors}))
        return result.hypotheses.at["H1", "high"] - result.hypotheses.at["H1", "low"]

    assert width() == pytest.approx(0.0)
    assert width(source_error=0.5) > 0.05
    assert width(analyst_error=0.5) > 0.05


def test_rating_errors_leave_each_cells_expected_weight_unchanged():
    # Stated table, credibility H: N 0.5 -> C 0.55 is +ln 1.1, N -> I 0.3 is ln 0.6. An error moves
    # N towards I with chance p where p ln 0.6 + (1 - p) ln 1.1 = 0: p = ln 1.1 / (ln 1.1 - ln 0.6).
    case = make([{"id": "E1", "summary": "x", "ratings": {"H1": "N"}}])
    odds = posterior.step_odds(np.log(posterior.tempered(case))[None])
    high = len(sat.scales.LEVELS) - 1
    n = sat.scales.RATING_LADDER.index("N")
    assert odds[0, high, n] == pytest.approx(math.log(1.1) / (math.log(1.1) - math.log(0.6)))
    # at the ends an error can only move inwards
    assert odds[0, :, 0].tolist() == [1.0] * 3 and odds[0, :, -1].tolist() == [0.0] * 3
    # Two hypotheses, one rated N throughout and one I throughout: symmetric steps on the ladder
    # would cost the first ~0.2 x 0.21 and the second ~0.2 x 0.29 in log likelihood per item, and
    # pull the simulated log odds off the point estimate; weight-neutral steps keep them centred.
    evidence = [
        {"id": f"E{i}", "summary": "x", "ratings": {"H1": "N", "H2": "I"}} for i in range(10)
    ]
    errors = {**NO_ERRORS, "rating_error": 0.3, "draws": 40_000}
    result = bayes.run(make(evidence, bayes=errors))
    case = make(evidence, bayes=errors)
    samples, _ = posterior.simulate(
        case, np.array([0.5, 0.5]), dep.structure(case), bayes.likelihoods(case).to_numpy()
    )
    log_odds = np.log(samples[:, 0] / samples[:, 1])
    point = 10 * math.log(0.5 / (0.8 * 0.3 + 0.2 * 0.5))  # credibility M keeps 0.8 of I's 0.3
    assert log_odds.mean() == pytest.approx(point, abs=0.02)
    assert result.hypotheses.at["H1", "median"] == pytest.approx(
        result.hypotheses.at["H1", "posterior"], abs=0.005
    )


def test_equal_posteriors_are_tied_and_name_no_single_leader():
    # E1 and E2 mirror each other for H1 and H2; H3 is rated against by both
    evidence = [
        {"id": "E1", "summary": "a", "ratings": {"H1": "C", "H2": "I", "H3": "II"}},
        {"id": "E2", "summary": "b", "ratings": {"H1": "I", "H2": "C", "H3": "II"}},
        {"id": "E3", "summary": "c", "ratings": {"H1": "CC", "H2": "CC", "H3": "N"}},
    ]
    result = bayes.run(
        make(evidence, hypotheses=("H1", "H2", "H3"), bayes={**NO_ERRORS, "draws": 100})
    )
    assert result.leaders == ("H1", "H2") and result.tied
    assert result.leader == "H1" and result.runner_up == "H3"  # first in case order; best outside
    out = result.to_dict()
    assert out["leader"] == ["H1", "H2"] and out["leaders"] == ["H1", "H2"] and out["tied"] is True
    assert result.hypotheses["p_most_likely"].tolist() == pytest.approx([0.5, 0.5, 0.0])
    # the trace still explains leader against runner-up
    prior_odds = 0.0
    assert prior_odds + result.trace["llr"].sum() == pytest.approx(log_odds(result, "H1", "H3"))
    # one item more for H1 breaks the tie
    more = bayes.run(
        make(
            [*evidence, {"id": "E4", "summary": "d", "ratings": {"H1": "C"}}],
            hypotheses=("H1", "H2", "H3"),
        )
    )
    assert more.leaders == ("H1",) and not more.tied and more.runner_up == "H2"
    assert more.to_dict()["leader"] == "H1"


def test_ties_survive_rounding_in_the_sums():
    # the same multiset of ratings in a different order: equal up to rounding, so tied
    codes = ["CC", "C", "N", "I", "II", "C", "I"]
    evidence = [
        {
            "id": f"E{k}",
            "summary": "x",
            "credibility": "HML"[k % 3],
            "ratings": {"H1": codes[k], "H2": codes[(k + 3) % 7]},
        }
        for k in range(7)
    ]
    evidence = [{**e, "credibility": "M"} for e in evidence]
    result = bayes.run(make(evidence, bayes={"draws": 100}))
    assert result.tied and result.leaders == ("H1", "H2") and result.runner_up is None
    assert result.drivers is None


def test_an_unrated_hypothesis_is_unranked_whatever_its_posterior():
    # H1 has the largest prior and no ratings: its posterior (0.63) is the largest, yet it has no score
    evidence = [{"id": "E1", "summary": "a", "ratings": {"H2": "C", "H3": "I"}}]
    case = make(
        evidence,
        hypotheses=("H1", "H2", "H3"),
        priors=(0.6, 0.2, 0.2),
        bayes={**NO_ERRORS, "draws": 100},
    )
    result = bayes.run(case)
    post = result.hypotheses["posterior"]
    assert post["H1"] == pytest.approx(0.3 / (0.3 + 0.2 * 0.54 + 0.2 * 0.34))
    assert post.idxmax() == "H1"
    assert result.unranked == ("H1",)
    assert result.leaders == ("H2",) and result.leader == "H2" and result.runner_up == "H3"
    assert result.hypotheses["unranked"].tolist() == [True, False, False]
    assert result.hypotheses["p_most_likely"].tolist() == [0.0, 1.0, 0.0]
    out = result.to_dict()
    assert out["leader"] == "H2" and out["unranked"] == ["H1"]
    assert [h["unranked"] for h in out["hypotheses"]] == [True, False, False]
    # an NA cell is no rating either; a probability cell is one
    na = make([{"id": "E1", "summary": "a", "ratings": {"H1": "NA", "H2": "C"}}])
    assert bayes.run(na).unranked == ("H1",)
    prob = make([{"id": "E1", "summary": "a", "ratings": {"H1": 0.4, "H2": "C"}}])
    assert bayes.run(prob).unranked == ()


def test_nothing_ranked_names_no_leader():
    result = bayes.run(make([], bayes={"draws": 100}))
    assert result.leaders == () and not result.tied and result.unranked == ("H1", "H2")
    assert result.leader == "H1" and result.runner_up is None and result.drivers is None
    out = result.to_dict()
    assert out["leader"] is None and out["leaders"] == [] and out["drivers"] is None
    assert result.hypotheses["p_most_likely"].tolist() == [0.0, 0.0]


def test_drivers_split_the_log_odds_by_hand():
    evidence = [
        {"id": "E1", "summary": "against", "ratings": {"H1": "C", "H2": "I"}},
        {"id": "E2", "summary": "consistent", "ratings": {"H1": "CC", "H2": "C"}},
        {"id": "E3", "summary": "explicit", "ratings": {"H1": 0.8, "H2": 0.4}},
        {
            "id": "E4",
            "summary": "premise",
            "type": "assumption",
            "ratings": {"H1": "CC", "H2": "II"},
        },
    ]
    result = bayes.run(make(evidence, priors=(0.3, 0.7), bayes={**NO_ERRORS, "draws": 100}))
    d = result.drivers
    assert (d.leader, d.runner_up) == ("H1", "H2") == (result.leader, result.runner_up)
    assert d.prior == pytest.approx(math.log(0.3 / 0.7))
    assert d.against == pytest.approx(math.log(0.54 / 0.34))
    assert d.consistent == pytest.approx(math.log(0.62 / 0.54))
    assert d.explicit == pytest.approx(math.log(2))
    assert abs(d.total - d.posterior_log_odds) < 1e-9
    assert d.posterior_log_odds == pytest.approx(log_odds(result))
    evidence_odds = math.log(0.54 / 0.34 * 0.62 / 0.54 * 2)
    assert d.equal_prior_posterior["H1"] == pytest.approx(1 / (1 + math.exp(-evidence_odds)))
    assert d.equal_prior_leaders == ("H1",) and d.equal_prior_share == 1.0
    assert d.shares["explicit"] == pytest.approx(math.log(2) / d.posterior_log_odds)
    assert result.to_dict()["drivers"]["against"] == pytest.approx(d.against, abs=1e-6)


def test_a_lead_carried_by_the_prior_shows_under_equal_priors():
    evidence = [
        {"id": f"E{k}", "summary": "x", "ratings": {"H1": "N", "H2": "C"}} for k in range(3)
    ]
    result = bayes.run(make(evidence, priors=(0.9, 0.1), bayes={"draws": 2000}))
    d = result.drivers
    assert result.leader == "H1" and d.prior > d.posterior_log_odds > 0 > d.consistent
    assert d.equal_prior_leaders == ("H2",) and d.equal_prior_share < 0.5
    assert d.equal_prior_posterior["H2"] > 0.5
    # reproducible with the seed
    assert bayes.run(make(evidence, priors=(0.9, 0.1), bayes={"draws": 2000})).drivers == d
    # the evidence alone across the four tables: what the same case with equal priors gives
    equal = bayes.run(make(evidence, priors=(0.5, 0.5), bayes={"draws": 100})).hypotheses
    for h in ("H1", "H2"):
        low, high = d.equal_prior_range[h]
        assert low == pytest.approx(equal.at[h, "posterior_low"], abs=1e-12)
        assert high == pytest.approx(equal.at[h, "posterior_high"], abs=1e-12)
        assert low <= d.equal_prior_posterior[h] <= high
    # by hand: three C-against-N items, the conservative table reads C as N (0.5 each)
    assert d.equal_prior_range["H1"][1] == pytest.approx(0.5)


@pytest.mark.parametrize("seed", range(5))
def test_the_parts_add_up_on_random_cases(seed):
    rng = np.random.default_rng(seed)
    codes = ["CC", "C", "N", "I", "II", "NA", 0.3, 0.7]
    hyps = ("H1", "H2", "H3")
    evidence = [
        {
            "id": f"E{k}",
            "summary": "x",
            "credibility": "HML"[rng.integers(3)],
            "sources": [f"S{rng.integers(4)}"] if rng.random() < 0.7 else [],
            "ratings": {h: codes[rng.integers(len(codes))] for h in hyps},
            **({"cluster": "c"} if rng.random() < 0.2 else {}),
        }
        for k in range(30)
    ]
    srcs = [{**s, "reliability": "ABCDEF"[rng.integers(6)]} for s in _sources(4)]
    srcs[1]["publisher"] = srcs[0]["publisher"]
    result = bayes.run(make(evidence, hypotheses=hyps, sources=srcs, bayes={"draws": 200}))
    d = result.drivers
    hyp = result.hypotheses
    prior = math.log(hyp.at[d.leader, "prior"] / hyp.at[d.runner_up, "prior"])
    assert prior + result.trace["llr"].sum() == pytest.approx(d.posterior_log_odds, abs=1e-9)
    assert abs(d.total - d.posterior_log_odds) < 1e-9
    assert result.sources["push"].sum() == pytest.approx(result.trace["llr"].sum(), abs=1e-9)
    assert result.sources["share"].abs().sum() == pytest.approx(1.0)
    assert (result.sources["push"].abs() <= result.sources["bound"] + 1e-12).all()


def test_no_words_for_a_hypothesis_rated_against_fewer_than_half_the_items():
    # four items: H1 is rated on one (three unrated: no words), H2 on two (half: words), H3 on none
    evidence = [
        {"id": "E1", "summary": "a", "ratings": {"H1": "C", "H2": "I"}},
        {"id": "E2", "summary": "b", "ratings": {"H2": "C"}},
        {"id": "E3", "summary": "c", "ratings": {}},
        {"id": "E4", "summary": "d", "ratings": {}},
    ]
    case = make(evidence, hypotheses=("H1", "H2", "H3"), bayes={**NO_ERRORS, "draws": 100})
    result = bayes.run(case)
    hyp = result.hypotheses
    assert hyp["unrated"].tolist() == [3, 2, 4]
    assert hyp.at["H1", "likelihood"] is None and hyp.at["H3", "likelihood"] is None
    assert (
        hyp.at["H2", "likelihood"]
        == span(hyp.at["H2", "posterior_low"], hyp.at["H2", "posterior_high"]).likelihood
    )
    out = {h["id"]: h for h in result.to_dict()["hypotheses"]}
    assert out["H1"]["likelihood"] is None and out["H1"]["unrated"] == 3
    from sat.report.claims.likelihood import hypothesis_words

    said = {h: hypothesis_words(row, 4) for h, row in hyp.iterrows()}
    assert said["H1"] == "no words: rated on only 1 of 4 items"
    assert said["H3"] == "no words: rated against nothing"
    assert said["H2"].startswith(hyp.at["H2", "likelihood"] + " (")


@pytest.mark.parametrize("name", SITUATIONS)
def test_words_only_for_tested_hypotheses_and_inside_their_band(name):
    """In every generated situation a hypothesis has ICD 203 words only when it is ranked, not the
    only one ranked, and rated against at least half the items, and one word only when its range
    stays in that band."""
    case = Case.model_validate(situation(name, seed=1))
    fast = case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 200})})
    hyp = bayes.run(fast).hypotheses
    n = len(case.evidence)
    alone = int((~hyp["unranked"]).sum()) == 1
    for h, row in hyp.iterrows():
        rated = n - int(row["unrated"])
        tested = not row["unranked"] and not alone and 2 * rated >= n
        assert (row["likelihood"] is not None) == tested, (name, h)
        if tested and " to " not in row["likelihood"]:
            low, high = (
                sat.language.words(row["posterior_low"]),
                sat.language.words(row["posterior_high"]),
            )
            assert low.likelihood == high.likelihood == row["likelihood"], (name, h)


def test_the_only_ranked_hypothesis_has_no_words_and_no_share_that_says_anything():
    # H2 alone is rated (I against E1, credibility M: 0.8 x 0.3 + 0.2 x 0.5 = 0.34); H1 and H3
    # count 0.5 everywhere: posteriors 0.5 / 1.34, 0.34 / 1.34 and 0.5 / 1.34
    from sat.report.claims.likelihood import ONLY_RATED, hypothesis_words

    evidence = [
        {"id": "E1", "summary": "a", "ratings": {"H2": "I"}},
        {"id": "E2", "summary": "b", "ratings": {}},
    ]
    case = make(evidence, hypotheses=("H1", "H2", "H3"), bayes={**NO_ERRORS, "draws": 100})
    hyp = bayes.run(case).hypotheses
    assert hyp["posterior"].tolist() == pytest.approx([0.5 / 1.34, 0.34 / 1.34, 0.5 / 1.34])
    assert hyp["only_rated"].tolist() == [False, True, False]
    assert hyp["likelihood"].isna().all()
    assert hyp.at["H2", "p_most_likely"] == 1.0  # first in every draw, for want of a rival
    assert hypothesis_words(hyp.loc["H2"], 2) == ONLY_RATED
    assert hypothesis_words(hyp.loc["H1"], 2) == "no words: rated against nothing"


def test_what_favours_the_leader_counts_each_item_for_it_alone():
    # H1 against H2 (credibility M): E1 C/N pushes ln(0.54 / 0.5) for H1, E2 N/I ln(0.5 / 0.34)
    # for H1, E3 I/N the same for H2; the net "against" part is 0, what favours H1 is not
    evidence = [
        {"id": "E1", "summary": "a", "ratings": {"H1": "C", "H2": "N"}},
        {"id": "E2", "summary": "b", "ratings": {"H1": "N", "H2": "I"}},
        {"id": "E3", "summary": "c", "ratings": {"H1": "I", "H2": "N"}},
    ]
    drivers = bayes.run(make(evidence, bayes={**NO_ERRORS, "draws": 100})).drivers
    assert drivers.against == pytest.approx(0.0, abs=1e-12)
    assert drivers.favouring == pytest.approx(
        {
            "prior": 0.0,
            "consistent": math.log(0.54 / 0.5),
            "against": math.log(0.5 / 0.34),
            "explicit": 0.0,
        },
        abs=1e-12,
    )


def test_json_gives_what_favours_the_leader_part_by_part(example_case):
    out = bayes.run(example_case).to_dict()
    favouring = out["drivers"]["favouring"]
    assert set(favouring) == {"prior", "consistent", "against", "explicit"}
    assert all(v >= 0 for v in favouring.values())
    # the prior's part is the log prior ratio of H1 (0.20) over H4 (0.15), positive, so counted
    assert favouring["prior"] == pytest.approx(math.log(0.20 / 0.15), abs=1e-6)
