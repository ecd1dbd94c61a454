"""sat.testing: every situation validates, analyses, and keeps its defining property for any seed."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import sat
from sat import testing
from sat.case import Case
from sat.paths import EXAMPLE_CASE
from sat.techniques import ach, bayes

SEEDS = (0, 1, 2, 3, 17, 2**31 + 5)
#: What ``sat.analyse`` computes lazily and every brief reads.
FORCED = ("ach", "bayes", "confidence", "quality", "bias", "assumptions", "advocacy")
#: Analyses that raise on a legitimate situation (a bug in the technique, not here):
#: (situation, analysis) -> the reason. Empty: every analysis runs on every situation.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}
TOLERANCE = 1e-9  # sat.techniques.ach: scores within this are equal


def case_of(name: str, seed: int, **sizes: int) -> Case:
    return Case.model_validate(testing.situation(name, seed=seed, **sizes))


def scores(case: Case):
    result = ach.run(case)
    return result, result.hypotheses


# Every situation: valid, and every analysis runs ------------------------------------------------


def _analysis_params():
    for name in testing.SITUATIONS:
        for seed in (0, 1, 5):
            for what in FORCED:
                marks = ()
                if (name, what) in KNOWN_FAILURES:
                    marks = pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[name, what])
                yield pytest.param(name, seed, what, marks=marks, id=f"{name}-{seed}-{what}")


@pytest.fixture(scope="module")
def analyses():
    cache: dict[tuple[str, int], sat.Analysis] = {}

    def get(name: str, seed: int):
        if (name, seed) not in cache:
            cache[name, seed] = sat.analyse(case_of(name, seed))
        return cache[name, seed]

    return get


@pytest.mark.parametrize(("name", "seed", "what"), list(_analysis_params()))
def test_every_analysis_runs_on_every_situation(analyses, name, seed, what):
    getattr(analyses(name, seed), what)


@pytest.mark.parametrize("name", testing.SITUATIONS)
def test_situations_are_valid_plain_data_and_seeded(name):
    import yaml

    for seed in SEEDS[:4]:
        data = testing.situation(name, seed=seed)
        assert data == testing.situation(name, seed=seed)  # the same seed, the same case
        yaml.safe_dump(data)  # plain data only
        case = Case.model_validate(data)
        assert case.id == f"{name}-{seed}"
    shapes = {
        (len(d["evidence"]), len(d["hypotheses"]), str(d["evidence"]))
        for d in (testing.situation(name, seed=s) for s in range(6))
    }
    assert len(shapes) > 1  # seeds vary the case


@pytest.mark.parametrize("name", [n for n in testing.SITUATIONS if n != "example-like"])
def test_sizes_asked_for_are_kept(name):
    spec = testing._SPECS[name]
    low, high = spec.hypotheses
    for n_e, n_h in ((spec.min_evidence, low), (30, min(high, 12))):
        case = case_of(name, 4, n_evidence=n_e, n_hypotheses=n_h)
        assert (len(case.evidence), len(case.hypotheses)) == (n_e, n_h)


def test_sizes_a_situation_cannot_have_are_refused():
    with pytest.raises(ValueError, match="unknown situation 'nope'"):
        testing.situation("nope")
    with pytest.raises(ValueError, match="2 to 2 hypotheses"):
        testing.situation("two-hypotheses", n_hypotheses=3)
    with pytest.raises(ValueError, match="3 to 50 hypotheses"):
        testing.situation("analysts-disagree", n_hypotheses=2)
    with pytest.raises(ValueError, match="items"):
        testing.situation("partly-unrated", n_evidence=1)
    with pytest.raises(ValueError, match="seed"):
        testing.situation("typical", seed=-1)
    with pytest.raises(ValueError, match="hypotheses, not 3"):
        testing.situation("example-like", n_hypotheses=3)


def test_generation_is_small_work_at_the_largest_size():
    # no time is asserted: the largest case is drawn and validated, many times over
    for seed in range(40):
        for name in testing.SITUATIONS:
            if name in ("example-like", "bare-csv"):
                continue
            n_h = {"two-hypotheses": 2}.get(name, 12)
            case_of(name, seed, n_evidence=30, n_hypotheses=n_h)


# Each situation's defining property, read from the analysis ------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_typical_is_generate_case(seed):
    data = testing.situation("typical", seed=seed, n_evidence=12, n_hypotheses=4)
    expected = testing.generate_case(12, 4, seed=seed)
    for key in ("id", "title"):
        data.pop(key), expected.pop(key)
    assert data == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_example_like_keeps_the_example_sections(seed):
    example = sat.load_case(EXAMPLE_CASE)
    for n_e in (None, 3, 40):
        sizes = {} if n_e is None else {"n_evidence": n_e}
        case = case_of("example-like", seed, **sizes)
        assert [h.id for h in case.hypotheses] == [h.id for h in example.hypotheses]
        assert len(case.assumptions) == len(example.assumptions)
        assert len(case.indicators) == len(example.indicators)
        assert case.checklist == example.checklist
        if n_e is not None:
            assert len(case.evidence) == n_e
    assert case_of("example-like", seed).evidence != example.evidence  # ratings re-drawn


@pytest.mark.parametrize("seed", SEEDS)
def test_top_tie_is_exact_on_score_and_tie_break(seed):
    result, hyp = scores(case_of("top-tie", seed))
    assert len(result.leader) == 2 and result.tied
    top = hyp.loc[list(result.leader)]
    assert top["weighted_inconsistency"].nunique() == 1 and top["consistency"].nunique() == 1
    rest = hyp.drop(index=list(result.leader))
    assert (rest["weighted_inconsistency"] > top["weighted_inconsistency"].iloc[0]).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_tie_break_lead_rests_on_consistency_alone(seed):
    result, hyp = scores(case_of("tie-break-lead", seed))
    assert len(result.leader) == 1 and not result.tied
    leader = hyp.loc[result.leader[0]]
    level = hyp[
        (hyp["weighted_inconsistency"] - leader["weighted_inconsistency"]).abs() <= TOLERANCE
    ]
    assert len(level) == 2  # the leader and one other, level on the primary score
    runner = level.drop(index=result.leader[0]).iloc[0]
    assert leader["consistency"] > runner["consistency"]
    assert result.margin == 0  # the lead rests on the tie-break alone


@pytest.mark.parametrize("seed", SEEDS)
def test_all_tied_ranks_every_hypothesis_first(seed):
    case = case_of("all-tied", seed)
    result, hyp = scores(case)
    assert len(result.leader) == len(case.hypotheses) and (hyp["rank"] == 1).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_posterior_tie_has_two_equal_highest_posteriors(seed):
    case = case_of("posterior-tie", seed)
    posterior = bayes.point(case).sort_values(ascending=False).to_numpy()
    assert posterior[0] == pytest.approx(posterior[1], rel=1e-12, abs=0)
    assert (posterior[2:] < posterior[0] * (1 - 1e-9)).all()
    priors = {h.prior for h in case.hypotheses}
    assert len(priors) == 1


@pytest.mark.parametrize("seed", SEEDS)
def test_unrated_leader_would_lead_on_score_alone(seed):
    case = case_of("unrated-leader", seed)
    result, hyp = scores(case)
    last = case.hypotheses[-1].id
    assert hyp.loc[last, "unrated"] == len(case.evidence)
    assert (hyp.drop(index=last)["unrated"] == 0).all()
    others = hyp.drop(index=last)["weighted_inconsistency"]
    assert hyp.loc[last, "weighted_inconsistency"] == 0 < others.min()
    assert last not in result.leader  # reference section 10: unrated, never the leader


@pytest.mark.parametrize("seed", SEEDS)
def test_partly_unrated_has_a_hypothesis_with_some_items_unrated(seed):
    case = case_of("partly-unrated", seed)
    _, hyp = scores(case)
    assert ((hyp["unrated"] > 0) & (hyp["unrated"] < len(case.evidence))).sum() == 1
    assert (hyp["unrated"] < len(case.evidence)).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_sourcing_situations(seed):
    bare = case_of("no-sources", seed)
    assert not bare.sources and not any(e.sources for e in bare.evidence)
    one = case_of("one-source", seed)
    assert [s.id for s in one.sources] == ["S1"]
    assert all(e.sources == ("S1",) for e in one.evidence)
    almost = case_of("one-source-but-one", seed)
    assert [e.sources for e in almost.evidence].count(("S2",)) == 1
    assert [e.sources for e in almost.evidence].count(("S1",)) == len(almost.evidence) - 1


@pytest.mark.parametrize("seed", SEEDS)
def test_all_na_scores_nothing(seed):
    result, hyp = scores(case_of("all-na", seed))
    assert (result.ratings == "NA").all().all()
    assert (hyp["weighted_inconsistency"] == 0).all() and (hyp["consistency"] == 0).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_non_diagnostic_items_only(seed):
    result, _ = scores(case_of("non-diagnostic", seed))
    assert result.evidence["non_diagnostic"].all()


@pytest.mark.parametrize("seed", SEEDS)
def test_consistent_neutral_ratings_only(seed):
    result, hyp = scores(case_of("consistent-neutral", seed))
    assert set(np.unique(result.ratings.to_numpy())) <= {"CC", "C", "N"}
    assert (hyp["weighted_inconsistency"] == 0).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_hypothesis_counts(seed):
    assert len(case_of("two-hypotheses", seed).hypotheses) == 2
    assert len(scores(case_of("twelve-hypotheses", seed))[1]) == 12


@pytest.mark.parametrize("seed", SEEDS)
def test_priors_and_base_rates(seed):
    assert all(h.prior is None for h in case_of("no-priors", seed).hypotheses)

    weak = sat.analyse(case_of("weak-prior-basis", seed))
    assert sum(h.prior for h in weak.case.hypotheses) == pytest.approx(1)
    assert all("S1" in h.prior_basis for h in weak.case.hypotheses)
    assert weak.case.source("S1").reliability in ("D", "E", "F")
    (finding,) = [f for f in weak.bias.findings if f.detector == "base_rates"]
    assert "S1" in str(finding)

    none = sat.analyse(case_of("no-base-rates", seed))
    assert not any(h.prior_basis for h in none.case.hypotheses)
    assert "base_rates" not in none.case.checklist
    assert not [f for f in none.bias.findings if f.detector == "base_rates"]


@pytest.mark.parametrize("seed", SEEDS)
def test_assumption_situations(seed):
    none = sat.analyse(case_of("no-assumptions", seed))
    assert not none.case.assumptions and len(none.assumptions.table) == 0
    assert all(e.type != "assumption" for e in none.case.evidence)

    outside = sat.analyse(case_of("assumptions-outside-matrix", seed))
    table = outside.assumptions.table
    assert 1 <= len(table) == len(outside.case.assumptions)
    assert table["evidence"].isna().all()  # none carried into the matrix


@pytest.mark.parametrize("seed", SEEDS)
def test_undated_items(seed):
    assert all(e.date is None for e in case_of("undated", seed).evidence)


@pytest.mark.parametrize("seed", SEEDS)
def test_analysts_disagree_on_the_leader(seed):
    case = case_of("analysts-disagree", seed)
    leaders = []
    for analyst in ("Analyst 1", "Analyst 2", "Analyst 3"):
        own = case.model_copy(
            update={
                "evidence": tuple(
                    e.model_copy(update={"ratings": e.analyst_ratings[analyst]})
                    for e in case.evidence
                )
            }
        )
        own._drop_caches()
        leader = ach.run(own).leader
        assert len(leader) == 1
        leaders.append(leader[0])
    assert len(set(leaders)) == 3


@pytest.mark.parametrize("seed", SEEDS)
def test_bare_csv_is_what_a_matrix_file_gives(seed, tmp_path):
    case = case_of("bare-csv", seed)
    assert not case.sources and case.analysts == ("unrecorded",)
    assert all(h.label == h.id == h.statement for h in case.hypotheses)
    assert all(len(e.ratings) == len(case.hypotheses) for e in case.evidence)
    assert str(case.date) == "2026-01-01"


# Strategies and files ------------------------------------------------------------------------


def test_strategies_draw_valid_cases_in_every_situation():
    from hypothesis import given, settings

    seen = set()

    @settings(max_examples=150, deadline=None, database=None)
    @given(testing.cases())
    def draw(data):
        case = Case.model_validate(data)
        assert len(case.evidence) <= 30 and len(case.hypotheses) <= 12
        seen.add(case.id.rsplit("-", 1)[0])

    draw()
    assert len(seen) > len(testing.SITUATIONS) // 2

    @settings(max_examples=20, deadline=None, database=None)
    @given(testing.case_objects(["all-tied", "top-tie"], max_evidence=5, max_hypotheses=4))
    def objects(case):
        assert isinstance(case, Case) and len(case.evidence) <= 5 and len(case.hypotheses) <= 4
        assert ach.run(case).tied

    objects()


def test_strategy_bounds():
    with pytest.raises(ValueError, match="twelve-hypotheses cannot fit"):
        testing.cases(["twelve-hypotheses"], max_hypotheses=6)
    with pytest.raises(ValueError, match="unknown"):
        testing.cases(["nope"])
    testing.cases(max_hypotheses=6)  # by default, the situations that cannot fit are left out


def test_sat_testing_imports_without_hypothesis():
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import sat.testing as t\n"
        "assert 'hypothesis' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "t.situation('top-tie')\n"
        "try:\n    t.cases()\nexcept ImportError:\n    pass\nelse:\n    raise SystemExit(1)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name", ["posterior-tie", "unrated-leader", "all-na", "bare-csv"])
def test_write_situation_gives_a_case_file_the_command_line_reads(tmp_path, capsys, name):
    from sat.cli import EXIT_OK, main

    path = testing.write_situation(tmp_path / "cases", name, seed=3)
    assert path == tmp_path / "cases" / f"{name}-3.yaml"
    assert sat.load_case(path) == Case.model_validate(testing.situation(name, seed=3))
    assert main(["bayes", str(path)]) == EXIT_OK
    assert capsys.readouterr().out
