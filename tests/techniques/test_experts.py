"""Cooke's classical model against hand-worked numbers and two studies ANDURYL 1.2.2 scored."""

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pytest

from sat.errors import AnalysisError
from sat.io.excalibur import read_study
from sat.models.study import Item, Study
from sat.techniques import experts
from sat.techniques.experts_scores import chi2_sf

SEJU = Path(__file__).parent.parent / "fixtures" / "seju"
P3 = (0.05, 0.5, 0.95)
LN12 = math.log(12)


# --- the chi-square survival function --------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "df", "p"),
    [  # chi-square table: the 95th and 99th percentiles (Abramowitz & Stegun table 26.8)
        (3.841458820694124, 1, 0.05),
        (5.991464547107979, 2, 0.05),
        (7.814727903251178, 3, 0.05),
        (9.487729036781154, 4, 0.05),
        (11.070497693516351, 5, 0.05),
        (12.591587243743977, 6, 0.05),
        (14.067140449340169, 7, 0.05),
        (15.507313055865453, 8, 0.05),
        (16.918977604620448, 9, 0.05),
        (18.307038053275146, 10, 0.05),
        (6.6348966010212145, 1, 0.01),
        (9.21034037197618, 2, 0.01),
        (11.344866730144373, 3, 0.01),
        (13.276704135987622, 4, 0.01),
    ],
)
def test_chi2_sf_matches_the_table(x, df, p):
    assert chi2_sf(x, df) == pytest.approx(p, abs=1e-12)


def test_chi2_sf_closed_forms_and_edges():
    # df 2: exp(-x/2); df 1: erfc(sqrt(x/2)); df 4: exp(-x/2)(1 + x/2)
    assert chi2_sf(3.0, 2) == pytest.approx(math.exp(-1.5), rel=1e-15)
    assert chi2_sf(3.0, 1) == pytest.approx(math.erfc(math.sqrt(1.5)), rel=1e-15)
    assert chi2_sf(3.0, 4) == pytest.approx(math.exp(-1.5) * 2.5, rel=1e-15)
    assert chi2_sf(0.0, 5) == 1.0
    assert chi2_sf(5000.0, 3) == 0.0
    assert 0 < chi2_sf(400.0, 40) < 1e-50
    with pytest.raises(ValueError, match="whole number"):
        chi2_sf(1.0, 0)


# --- a hand-worked panel: two experts, three seeds --------------------------------------------

# Quantiles at 5/50/95%, so the bins carry q = (0.05, 0.45, 0.45, 0.05).
#             A           B            realisation
#   S1   (1, 4, 6)    (0, 5, 10)     5   A: bin 3 (4 < 5 <= 6)  B: bin 2 (5 <= 5)
#   S2   (2, 3, 4)    (0, 5, 10)     8   A: bin 4               B: bin 3
#   S3   (4, 5, 6)    (0, 5, 10)     1   A: bin 1               B: bin 2
# Every item spans l = 0 to h = 10, so L = -1, U = 11 (overshoot 0.1) and ln(U - L) = ln 12.
HAND = Study(
    P3,
    (Item("S1", realization=5.0), Item("S2", realization=8.0), Item("S3", realization=1.0)),
    ("A", "B"),
    (
        ((1.0, 4.0, 6.0), (2.0, 3.0, 4.0), (4.0, 5.0, 6.0)),
        ((0.0, 5.0, 10.0), (0.0, 5.0, 10.0), (0.0, 5.0, 10.0)),
    ),
)
# A: s = (1/3, 0, 1/3, 1/3): I = 1/3 [2 ln((1/3)/0.05) + ln((1/3)/0.45)] = 1/3 [2 x 1.897120 -
#    0.300105] = 1.164712; 2 N I = 6.988271 with N = 3; C = P(chi2_3 > 6.988271) = 0.072273
#    (scipy.stats.chi2.sf gives 0.0722725646).
I_A = (2 * math.log((1 / 3) / 0.05) + math.log((1 / 3) / 0.45)) / 3
# B: s = (0, 2/3, 1/3, 0): I = 2/3 ln((2/3)/0.45) + 1/3 ln((1/3)/0.45) = 0.262029 - 0.100035
#    = 0.161994; 2 N I = 0.971961; C = P(chi2_3 > 0.971961) = 0.808036.
I_B = 2 / 3 * math.log((2 / 3) / 0.45) + 1 / 3 * math.log((1 / 3) / 0.45)
# Information, per item ln 12 + sum q_k ln(q_k / width_k) with the widths between L, the
# quantiles and U:
#   A S1 widths (2, 3, 2, 5); S2 (3, 1, 1, 7); S3 (5, 1, 1, 5); B every item (1, 5, 5, 1).


def info(widths):
    q = (0.05, 0.45, 0.45, 0.05)
    return LN12 + sum(p * math.log(p / w) for p, w in zip(q, widths, strict=True))


INFO_A = (info((2, 3, 2, 5)) + info((3, 1, 1, 7)) + info((5, 1, 1, 5))) / 3
INFO_B = info((1, 5, 5, 1))  # = ln 12 + 0.1 ln 0.05 + 0.9 ln 0.09 = 0.018183


def test_hand_worked_calibration_and_information():
    r = experts.run(HAND)
    a, b = r.performance
    assert math.isclose(I_A, 1.164712, abs_tol=1e-6) and math.isclose(I_B, 0.161994, abs_tol=1e-6)
    assert a.calibration == pytest.approx(chi2_sf(6 * I_A, 3), rel=1e-12)
    assert a.calibration == pytest.approx(0.0722725646, abs=1e-9)
    assert b.calibration == pytest.approx(chi2_sf(6 * I_B, 3), rel=1e-12)
    assert b.calibration == pytest.approx(0.8080360827, abs=1e-9)
    assert a.information == a.information_seed == pytest.approx(INFO_A, rel=1e-12)
    assert b.information == pytest.approx(INFO_B, rel=1e-12)
    assert math.isclose(INFO_B, 0.018183, abs_tol=1e-6)
    assert r.n == 3 and r.ranges == ((-1.0, 11.0),) * 3


def test_hand_worked_weights_and_decision_makers():
    r = experts.run(HAND)
    a, b = r.performance
    # global weights: C x I_seed = 0.0723 x 1.0552 = 0.0763 for A, 0.8080 x 0.0182 = 0.0147 for
    # B. alpha = 0.808 leaves B alone, a DM scoring B's 0.0147; alpha = 0.072 mixes both, a DM
    # scoring more (0.147 x 0.238 = 0.035), so that alpha is kept and the weights are 0.84, 0.16
    raw = np.array([a.combined, b.combined])
    assert raw == pytest.approx([0.0762581, 0.0146920], abs=1e-7)
    assert r.optimised.alpha == a.calibration
    assert r.optimised.weights == pytest.approx(tuple(raw / raw.sum()), rel=1e-12)
    assert r.optimised.performance.combined > b.combined
    assert r.equal.weights == (0.5, 0.5) and r.equal.alpha is None
    # whichever alpha was chosen scores at least as well as the other
    other = experts.run(HAND, alpha=b.calibration).optimised.performance.combined
    assert r.optimised.performance.combined >= other


def test_a_fixed_alpha_above_every_calibration_is_refused():
    with pytest.raises(AnalysisError, match=r"highest calibration is 0\.808"):
        experts.run(HAND, alpha=0.9)


def test_one_weighted_expert_makes_the_dm_that_expert():
    r = experts.run(HAND, alpha=0.5)  # only B (0.81) reaches 0.5
    assert r.optimised.weights == (0.0, 1.0) and r.optimised.alpha == 0.5
    assert r.optimised.quantiles == ((0.0, 5.0, 10.0),) * 3
    assert r.optimised.performance == r.performance[1]


def test_equal_weight_dm_is_the_mixture():
    # S1: A's CDF runs through (-1, 0), (1, .05), (4, .5), (6, .95), (11, 1) and B's through
    # (-1, 0), (0, .05), (5, .5), (10, .95), (11, 1). On [4, 5] A rises from 0.5 to 0.725 and
    # B from 0.41 to 0.5, so the half-and-half mixture is 0.455 + 0.1575 (x - 4): it reaches
    # 0.5 at x = 4 + 0.045 / 0.1575 = 4.285714 (= 30/7).
    r = experts.run(HAND)
    median = r.equal.quantiles[0][1]

    def cdf(x, knots, levels=(0, 0.05, 0.5, 0.95, 1)):
        return float(np.interp(x, knots, levels))

    mix = 0.5 * cdf(median, (-1, 1, 4, 6, 11)) + 0.5 * cdf(median, (-1, 0, 5, 10, 11))
    assert mix == pytest.approx(0.5, abs=1e-12)
    assert median == pytest.approx(30 / 7, rel=1e-12)


# --- an expert who skipped a seed --------------------------------------------------------------


def test_an_expert_who_skipped_a_seed_sets_n():
    skipped = dataclasses.replace(
        HAND, answers=(HAND.answers[0], (HAND.answers[1][0], None, HAND.answers[1][2]))
    )
    r = experts.run(skipped)
    a, b = r.performance
    assert r.n == 2 and (a.seeds, b.seeds) == (3, 2)
    # A is scored on its 3 seeds, with N = 2: P(chi2_3 > 2 x 2 x I_A = 4.658847) = 0.198552
    assert a.calibration == pytest.approx(chi2_sf(4 * I_A, 3), rel=1e-12)
    assert a.calibration == pytest.approx(0.1985516201, abs=1e-9)
    # B answered S1 (bin 2) and S3 (bin 2): s = (0, 1, 0, 0), I = ln(1/0.45): C = 0.362666
    assert b.calibration == pytest.approx(chi2_sf(4 * math.log(1 / 0.45), 3), rel=1e-12)
    assert b.calibration == pytest.approx(0.3626659749, abs=1e-9)
    assert b.information_seed == pytest.approx(INFO_B, rel=1e-12)
    # S2's range is now A's alone with the realisation: l = 2, h = 8, [1.4, 8.6]
    assert r.ranges[1] == pytest.approx((1.4, 8.6))
    # the equal DM on S2 is A's answer (B did not answer it)
    assert r.equal.quantiles[1] == pytest.approx((2.0, 3.0, 4.0))


# --- log-scale items ---------------------------------------------------------------------------


def test_a_log_item_is_scored_on_its_logarithms():
    values = (((1.0, 10.0, 100.0),), ((5.0, 50.0, 200.0),))
    logged = Study(P3, (Item("L", scale="log", realization=30.0),), ("A", "B"), values)
    on_ln = Study(
        P3,
        (Item("L", realization=math.log(30.0)),),
        ("A", "B"),
        tuple(tuple(tuple(math.log(v) for v in a) for a in row) for row in values),
    )
    r, u = experts.run(logged), experts.run(on_ln)
    for p, q in zip(r.performance, u.performance, strict=True):
        assert p.calibration == pytest.approx(q.calibration, rel=1e-12)
        assert p.information == pytest.approx(q.information, rel=1e-12)
    assert r.equal.quantiles[0] == pytest.approx(tuple(math.exp(v) for v in u.equal.quantiles[0]))
    # the range is [ln 1 - 0.1 ln 200, ln 200 + 0.1 ln 200] in logs, so [200^-0.1, 200^1.1]
    assert r.ranges[0] == pytest.approx((200**-0.1, 200**1.1))


def test_a_log_item_needs_positive_values():
    bad = Study(P3, (Item("L", scale="log", realization=3.0),), ("A",), (((0.0, 1.0, 2.0),),))
    with pytest.raises(AnalysisError, match="expert A, item L: a log-scale item's quantiles"):
        experts.run(bad)


# --- the two studies of the TU Delft database against ANDURYL ----------------------------------


@pytest.mark.parametrize("name", ["tobacco", "gerstenberger"])
def test_studies_match_anduryl(name):
    expected = json.loads((SEJU / "expected.json").read_text())[name]
    study = read_study(SEJU / f"{name}.dtt")
    r = experts.run(study)
    assert r.probabilities == tuple(expected["quantiles"])
    assert (len(r.items), len(r.seeds)) == (expected["items"], expected["seed_items"])
    for e, p in zip(r.experts, r.performance, strict=True):
        want = expected["experts"][e]
        assert p.calibration == pytest.approx(want["calibration"], abs=1e-6)
        assert p.information == pytest.approx(want["information_all"], abs=1e-6)
        assert p.information_seed == pytest.approx(want["information_seed"], abs=1e-6)
        # ANDURYL's "weights" are calibration x seed information, before the cut-off
        assert p.combined == pytest.approx(expected["global"]["weights"][e], abs=1e-6)
    for key, dm in (("equal", r.equal), ("global", r.optimised)):
        assert dm.performance.calibration == pytest.approx(expected[key]["calibration"], abs=1e-4)
        assert dm.performance.information == pytest.approx(
            expected[key]["information_all"], abs=1e-4
        )
        assert dm.performance.information_seed == pytest.approx(
            expected[key]["information_seed"], abs=1e-4
        )
    assert sum(r.optimised.weights) == pytest.approx(1.0)
    assert r.optimised.alpha in [p.calibration for p in r.performance]


def test_tobacco_global_dm_is_its_best_expert():
    r = experts.run(read_study(SEJU / "tobacco.dtt"))
    best = r.experts.index("Ex7")
    assert r.optimised.alpha == r.performance[best].calibration
    assert r.optimised.weights[best] == 1.0 and sum(r.optimised.weights) == 1.0
    d = r.to_dict()
    assert set(d["experts"]["Ex1"]) == {"calibration", "information", "information_seed", "weight"}
    assert set(d["decision_makers"]) == {"equal", "global"}
    assert set(d["decision_makers"]["global"]) == {
        "calibration",
        "information",
        "information_seed",
        "quantiles",
        "alpha",
    }
    assert list(d["decision_makers"]["equal"]["quantiles"]) == list(r.targets)
    assert len(r.targets) == 11 and all(
        len(v) == 5 for v in d["decision_makers"]["equal"]["quantiles"].values()
    )
    json.dumps(d)


def test_results_are_immutable():
    r = experts.run(HAND)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.n = 4  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.performance[0].calibration = 1.0  # type: ignore[misc]
    prep = experts.prepare(HAND)
    with pytest.raises(ValueError, match="read-only"):
        prep.values[0, 0, 0] = 9.0


@pytest.mark.parametrize(
    ("answers", "items", "message"),
    [
        (
            (((3.0, 2.0, 4.0),),),
            (Item("S", realization=1.0),),
            "expert A, item S: quantiles should increase",
        ),
        ((((1.0, 2.0, 4.0),),), (Item("T"),), "no item has a realization"),
        (
            (((1.0, 2.0, 4.0), None),),
            (Item("T"), Item("S", realization=1.0)),
            "expert A answered no seed",
        ),
    ],
)
def test_unusable_studies_are_refused_with_the_reason(answers, items, message):
    with pytest.raises(AnalysisError, match=message):
        experts.run(Study(P3, items, ("A",), answers))


@pytest.mark.parametrize(("option", "value"), [("alpha", 1.5), ("overshoot", 0.0), ("alpha", -0.1)])
def test_options_out_of_range_are_refused(option, value):
    with pytest.raises(AnalysisError, match=option):
        experts.run(HAND, **{option: value})


def test_overshoot_widens_the_ranges():
    r = experts.run(HAND, overshoot=0.5)
    assert r.ranges == ((-5.0, 15.0),) * 3 and r.overshoot == 0.5


def test_items_taken_in_chunks_give_the_same_dm(monkeypatch):
    from sat.techniques import experts_scores

    study = read_study(SEJU / "tobacco.dtt")
    whole = experts.run(study)
    monkeypatch.setattr(experts_scores, "CHUNK", 1)  # one item at a time
    assert experts.run(study) == whole
