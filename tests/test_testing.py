"""sat.testing: every situation validates, analyses, and keeps its defining property for any seed."""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Callable

import numpy as np
import pytest

import sat
from sat import testing
from sat.case import Case
from sat.paths import EXAMPLE_CASE
from sat.techniques import ach, assumptions, bayes

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
# One check per situation, on the validated case; run for several seeds at the drawn sizes, and
# at sizes Hypothesis draws (down to one item).

CHECKS: dict[str, Callable[[Case], None]] = {}


def check(name: str):
    def register(function: Callable[[Case], None]) -> Callable[[Case], None]:
        CHECKS[name] = function
        return function

    return register


@check("typical")
def _typical(case):
    seed = int(case.id.rsplit("-", 1)[1])
    data = case.model_dump(mode="json", exclude={"id", "title"}, exclude_defaults=True)
    expected = Case.model_validate(
        testing.generate_case(len(case.evidence), len(case.hypotheses), seed=seed)
    ).model_dump(mode="json", exclude={"id", "title"}, exclude_defaults=True)
    assert data == expected


@check("example-like")
def _example_like(case):
    example = _example()
    assert [h.id for h in case.hypotheses] == [h.id for h in example.hypotheses]
    assert len(case.assumptions) == len(example.assumptions)
    assert len(case.indicators) == len(example.indicators)
    assert case.checklist == example.checklist
    assert not any(s.file for s in case.sources) and not any(e.quote for e in case.evidence)


@functools.cache
def _example() -> Case:
    return sat.load_case(EXAMPLE_CASE)


@check("top-tie")
def _top_tie(case):
    result, hyp = scores(case)
    assert len(result.leader) == 2 and result.tied
    top = hyp.loc[list(result.leader)]
    assert top["weighted_inconsistency"].nunique() == 1 and top["consistency"].nunique() == 1
    rest = hyp.drop(index=list(result.leader))
    assert (rest["weighted_inconsistency"] > top["weighted_inconsistency"].iloc[0]).all()


@check("tie-break-lead")
def _tie_break_lead(case):
    result, hyp = scores(case)
    assert len(result.leader) == 1 and not result.tied
    leader = hyp.loc[result.leader[0]]
    level = hyp[
        (hyp["weighted_inconsistency"] - leader["weighted_inconsistency"]).abs() <= TOLERANCE
    ]
    assert len(level) == 2  # the leader and one other, level on the primary score
    runner = level.drop(index=result.leader[0]).iloc[0]
    assert leader["consistency"] > runner["consistency"]
    assert result.margin == 0  # the lead rests on the tie-break alone


@check("all-tied")
def _all_tied(case):
    result, hyp = scores(case)
    assert len(result.leader) == len(case.hypotheses) and (hyp["rank"] == 1).all()


@check("posterior-tie")
def _posterior_tie(case):
    posterior = bayes.point(case).sort_values(ascending=False).to_numpy()
    assert posterior[0] == pytest.approx(posterior[1], rel=1e-12, abs=0)
    assert (posterior[2:] < posterior[0] * (1 - 1e-9)).all()
    assert len({h.prior for h in case.hypotheses}) == 1


@check("unrated-leader")
def _unrated_leader(case):
    result, hyp = scores(case)
    last = case.hypotheses[-1].id
    assert hyp.loc[last, "unrated"] == len(case.evidence)
    assert (hyp.drop(index=last)["unrated"] == 0).all()
    others = hyp.drop(index=last)["weighted_inconsistency"]
    assert hyp.loc[last, "weighted_inconsistency"] == 0 < others.min()
    assert last not in result.leader  # reference section 10: unrated, never the leader


@check("partly-unrated")
def _partly_unrated(case):
    _, hyp = scores(case)
    assert ((hyp["unrated"] > 0) & (hyp["unrated"] < len(case.evidence))).sum() == 1
    assert (hyp["unrated"] < len(case.evidence)).all()


@check("untested-leader")
def _untested_leader(case):
    result, hyp = scores(case)
    last, n = case.hypotheses[-1].id, len(case.evidence)
    assert 0 < n - hyp.loc[last, "unrated"] < n / 2
    assert (hyp.drop(index=last)["unrated"] == 0).all()
    assert set(result.ratings.loc[result.ratings[last] != "", last]) <= {"CC", "C"}
    assert (
        hyp.loc[last, "weighted_inconsistency"]
        == 0
        < hyp.drop(index=last)["weighted_inconsistency"].min()
    )
    assert result.leader == (last,)
    posterior = bayes.point(case)
    assert (posterior.drop(index=last) < posterior[last] * (1 - 1e-9)).all()
    assert all(h.prior is None for h in case.hypotheses)


@check("no-sources")
def _no_sources(case):
    assert not case.sources and not any(e.sources for e in case.evidence)


@check("one-source")
def _one_source(case):
    assert [s.id for s in case.sources] == ["S1"]
    assert all(e.sources == ("S1",) for e in case.evidence)


@check("one-source-but-one")
def _one_source_but_one(case):
    cited = [e.sources for e in case.evidence]
    assert cited.count(("S2",)) == 1 and cited.count(("S1",)) == len(cited) - 1


@check("all-na")
def _all_na(case):
    result, hyp = scores(case)
    assert (result.ratings == "NA").all().all()
    assert (hyp["weighted_inconsistency"] == 0).all() and (hyp["consistency"] == 0).all()


@check("non-diagnostic")
def _non_diagnostic(case):
    assert scores(case)[0].evidence["non_diagnostic"].all()


@check("consistent-neutral")
def _consistent_neutral(case):
    result, hyp = scores(case)
    assert set(np.unique(result.ratings.to_numpy())) <= {"CC", "C", "N"}
    assert (hyp["weighted_inconsistency"] == 0).all()


@check("two-hypotheses")
def _two(case):
    assert len(scores(case)[1]) == 2


@check("twelve-hypotheses")
def _twelve(case):
    assert len(scores(case)[1]) == 12


@check("no-priors")
def _no_priors(case):
    assert all(h.prior is None for h in case.hypotheses)


@check("weak-prior-basis")
def _weak_prior_basis(case):
    assert sum(h.prior for h in case.hypotheses) == pytest.approx(1)
    assert all("S1" in h.prior_basis for h in case.hypotheses)
    assert case.source("S1").reliability in ("D", "E", "F")
    (finding,) = [f for f in sat.analyse(case).bias.findings if f.detector == "base_rates"]
    assert "S1" in str(finding)


@check("no-base-rates")
def _no_base_rates(case):
    assert not any(h.prior_basis for h in case.hypotheses)
    assert "base_rates" not in case.checklist
    assert not [f for f in sat.analyse(case).bias.findings if f.detector == "base_rates"]


@check("no-assumptions")
def _no_assumptions(case):
    assert not case.assumptions and len(sat.analyse(case).assumptions.table) == 0
    assert all(e.type != "assumption" for e in case.evidence)


@check("assumptions-outside-matrix")
def _assumptions_outside(case):
    table = sat.analyse(case).assumptions.table
    assert 1 <= len(table) == len(case.assumptions)
    assert table["evidence"].isna().all()  # none carried into the matrix


@check("undated")
def _undated(case):
    assert all(e.date is None for e in case.evidence)


@check("analysts-disagree")
def _analysts_disagree(case):
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
        leader = ach.run(own).leader
        assert len(leader) == 1
        leaders.append(leader[0])
    assert len(set(leaders)) == 3


@check("bare-csv")
def _bare_csv(case):
    assert not case.sources and case.analysts == ("unrecorded",)
    assert all(h.label == h.id == h.statement for h in case.hypotheses)
    assert all(len(e.ratings) == len(case.hypotheses) for e in case.evidence)
    assert str(case.date) == "2026-01-01"


@check("leader-alone")
def _leader_alone(case):
    scored = [
        h.id
        for h in case.hypotheses
        if any(e.ratings.get(h.id) not in (None, "NA") for e in case.evidence)
    ]
    assert len(scored) == 1
    result = ach.run(case)
    assert result.leader == tuple(scored) and result.runner_up is None
    assert set(result.unranked) == {h.id for h in case.hypotheses} - set(scored)
    assert len(result.unranked) == len(case.hypotheses) - 1


@check("assumption-linchpin")
def _assumption_linchpin(case):
    result = ach.run(case)
    assert len(result.leader) == 1
    types = {e.id: e.type for e in case.evidence}
    linked = [a for a in case.assumptions if a.evidence is not None]
    assert 1 <= len(case.assumptions) <= 3 and all(
        types[a.evidence] == "assumption" for a in linked
    )
    pins = [
        a
        for a in linked
        if result.evidence.loc[a.evidence, "linchpin"]
        and a.rating in ("unsupported", "caveats")
        and (not a.supports or result.leader[0] in a.supports)
    ]
    assert pins
    kac = assumptions.run(case, ach=result)
    assert kac.linchpins and {a.id for a in pins} <= set(kac.linchpins)


def test_every_situation_has_a_check():
    assert set(CHECKS) == set(testing.SITUATIONS)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", testing.SITUATIONS)
def test_defining_property(name, seed):
    CHECKS[name](case_of(name, seed))


def test_defining_properties_at_drawn_sizes():
    from hypothesis import given, settings

    @settings(max_examples=250, deadline=None, database=None)
    @given(testing.case_objects(max_evidence=12, max_hypotheses=12))
    def holds(case):
        CHECKS[case.id.rsplit("-", 1)[0]](case)

    holds()


def test_example_like_sizes():
    for n_e in (1, 3, 40):
        case = case_of("example-like", 2, n_evidence=n_e)
        assert len(case.evidence) == n_e
        _example_like(case)
    assert case_of("example-like", 0).evidence != _example().evidence  # ratings re-drawn


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
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name", ["posterior-tie", "unrated-leader", "all-na", "bare-csv"])
def test_write_situation_gives_a_case_file_the_command_line_reads(tmp_path, capsys, name):
    from sat.cli import EXIT_OK, main

    path = testing.write_situation(tmp_path / "cases", name, seed=3)
    assert path == tmp_path / "cases" / f"{name}-3.yaml"
    assert sat.load_case(path) == Case.model_validate(testing.situation(name, seed=3))
    assert main(["bayes", str(path)]) == EXIT_OK
    assert capsys.readouterr().out
