"""Cross-validation of the classical model: weights fitted on some seeds, scored on the rest."""

import math

import numpy as np
import pytest

from sat.errors import AnalysisError
from sat.models.study import Item, Study
from sat.techniques import experts
from sat.techniques.experts_oos import cross_validate
from sat.techniques.experts_scores import item_information

P3 = (0.05, 0.5, 0.95)


def panel(seeds: int) -> Study:
    """Expert A's median is each seed's truth with a 90% interval of +-1; B is sure of 5-7."""
    items = tuple(Item(f"S{i}", realization=float(i)) for i in range(seeds))
    good = tuple((i - 1.0, float(i), i + 1.0) for i in range(seeds))
    bad = tuple((5.0, 6.0, 7.0) for _ in range(seeds))
    return Study(P3, items, ("A", "B"), (good, bad))


def test_every_split_when_few():
    r = cross_validate(panel(5), training=0.6)
    # 3 of 5 seeds train, 2 test: C(5, 3) = 10 splits, each seen once
    assert (r.training_size, r.test_size, r.possible, r.sampled) == (3, 2, 10, False)
    assert len(r.splits) == 10 and len({s.training for s in r.splits}) == 10
    for s in r.splits:
        assert len(s.training) == 3
        # on 2 test seeds, N = 2 and both fall in A's bins 2 or 3 (truth at the median: bin 2)
        assert s.weighted.seeds == 2
    # B's answers are far from most truths: the weighted DM beats the equal one on every split
    assert r.wins == 10
    d = r.to_dict()
    assert d["weighted_better"] == 10 and d["splits"] == 10
    assert d["weighted"]["combined"] > d["equal"]["combined"]


def test_a_seeded_sample_when_too_many():
    r = cross_validate(panel(12), training=0.5, max_splits=20, seed=3)
    assert r.possible == math.comb(12, 6) and r.sampled and len(r.splits) == 20
    assert len({s.training for s in r.splits}) == 20
    again = cross_validate(panel(12), training=0.5, max_splits=20, seed=3)
    assert again == r


def test_the_dms_are_scored_on_the_test_seeds_only():
    study = panel(5)
    full = experts.run(study)
    for split in cross_validate(study, training=0.6).splits:
        test = [q.id for q in study.items if q.id not in split.training]
        # the equal DM does not depend on the split: its information is its mean over the test seeds
        assert split.equal.information_seed == pytest.approx(_info_on(full, test), rel=1e-12)
        assert split.equal.information == split.equal.information_seed


def _info_on(result, ids):
    """The equal DM's mean information over the items ``ids``, from its quantiles and ranges."""
    index = [result.items.index(i) for i in ids]
    values = np.array([[result.equal.quantiles[i] for i in index]])
    low = np.array([result.ranges[i][0] for i in index])
    high = np.array([result.ranges[i][1] for i in index])
    return float(item_information(values, low, high, np.array(P3)).mean())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"training": 1.0}, "training share"), ({"max_splits": 0}, "max_splits")],
)
def test_bad_options_are_refused(kwargs, message):
    with pytest.raises(AnalysisError, match=message):
        cross_validate(panel(5), **kwargs)


def test_one_seed_is_not_enough():
    with pytest.raises(AnalysisError, match="at least 2 seed questions, not 1"):
        cross_validate(panel(1))


def test_splits_that_leave_an_expert_no_seed_on_one_side_are_left_out():
    full = panel(4)
    # B answered S0 alone: with 3 training seeds and 1 test seed, B has a test seed only when
    # S0 is the one held back, and then no training seed: every split is left out but none
    skipped = Study(
        full.probabilities,
        full.items,
        full.experts,
        (full.answers[0], (full.answers[1][0], None, None, None)),
    )
    with pytest.raises(AnalysisError, match="no split leaves every expert a seed answered"):
        cross_validate(skipped, training=0.75)
    # B answered S0 and S1: the splits holding one of them back and training on the other count
    two = Study(
        full.probabilities,
        full.items,
        full.experts,
        (full.answers[0], (full.answers[1][0], full.answers[1][1], None, None)),
    )
    r = cross_validate(two, training=0.75)
    assert r.possible == 4 and len(r.splits) == 2
    assert sorted(s.training for s in r.splits) == [("S0", "S2", "S3"), ("S1", "S2", "S3")]
