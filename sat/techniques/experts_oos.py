"""Out-of-sample validation of the classical model: do performance weights help this panel?

The seeds are split into a training set of a fixed share and a test set, over every split
(or a seeded sample of them when there are more than ``MAX_SPLITS``), as Colson & Cooke (2017)
do. On each split the experts are scored on the training seeds alone (N the smallest number of
training seeds answered), the global weights and alpha chosen there; the performance-weighted
and the equal-weight DMs are then scored on the test seeds alone (N the smallest number of test
seeds answered), with the study's background ranges. The result gives each split's scores and
how often performance weights scored higher.

References
----------
.. [1] A. R. Colson and R. M. Cooke, "Cross validation for the classical model of structured
   expert judgment", *Reliability Engineering & System Safety* 163, 109-120, 2017.
.. [2] R. M. Cooke, *Experts in Uncertainty*, Oxford University Press, 1991.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from sat.errors import AnalysisError
from sat.models.study import Study
from sat.techniques.experts import OVERSHOOT, Performance, global_weights, mixture, prepare, score

__all__ = ["MAX_SPLITS", "TRAINING", "OutOfSample", "Split", "cross_validate"]

#: The share of the seeds each split trains on (Colson & Cooke 2017 report 80%).
TRAINING = 0.8
#: Most splits scored; above it, a seeded sample of this many distinct splits.
MAX_SPLITS = 500


@dataclass(frozen=True, slots=True)
class Split:
    """One split: the seeds trained on and the two DMs' scores on the rest.

    Attributes
    ----------
    training : tuple of str
        The seeds the weights were fitted on; the others are the test seeds.
    alpha : float
        The cut-off chosen on the training seeds.
    weighted, equal : Performance
        The performance-weighted and the equal-weight DM on the test seeds (``information`` and
        ``information_seed`` are both over the test seeds).
    """

    training: tuple[str, ...]
    alpha: float
    weighted: Performance
    equal: Performance


@dataclass(frozen=True)
class OutOfSample:
    """The cross-validation of one study.

    Attributes
    ----------
    training_size, test_size : int
        Seeds in each training and each test set.
    possible : int
        How many distinct splits there are.
    sampled : bool
        Whether ``splits`` is a seeded sample of them (else it is all of them).
    seed : int
        The random seed of the sample.
    splits : tuple of Split
        The splits scored: every one chosen but those where some expert answered none of the
        training or none of the test seeds (no N to score them with).
    tried : int
        How many splits were chosen (all ``possible``, or the sample); ``tried - len(splits)``
        were left unscored for want of a seed answered on both sides.
    """

    training_size: int
    test_size: int
    possible: int
    sampled: bool
    seed: int
    splits: tuple[Split, ...]
    tried: int

    def _mean(self, which: str, what: str) -> float:
        return float(np.mean([getattr(getattr(s, which), what) for s in self.splits]))

    def mean(self, which: str) -> dict[str, float]:
        """Mean calibration, information and combined score of the ``weighted`` or ``equal`` DM."""
        return {
            "calibration": self._mean(which, "calibration"),
            "information": self._mean(which, "information_seed"),
            "combined": self._mean(which, "combined"),
        }

    @property
    def wins(self) -> int:
        """Splits on which the performance-weighted DM's combined score is the higher (by more
        than rounding: see ``ties``)."""
        return sum(
            s.weighted.combined > s.equal.combined and not _same(s.weighted, s.equal)
            for s in self.splits
        )

    @property
    def ties(self) -> int:
        """Splits on which the two combined scores are equal, to within floating-point rounding
        (identical analysts weighted 1/3 each or 1 each give one mixture, computed two ways)."""
        return sum(_same(s.weighted, s.equal) for s in self.splits)

    def to_dict(self) -> dict[str, Any]:
        return {
            "training_size": self.training_size,
            "test_size": self.test_size,
            "splits": len(self.splits),
            "tried": self.tried,
            "possible": self.possible,
            "sampled": self.sampled,
            "seed": self.seed,
            "weighted": self.mean("weighted"),
            "equal": self.mean("equal"),
            "weighted_better": self.wins,
            "ties": self.ties,
        }


def _splits(
    count: int, size: int, limit: int, seed: int
) -> tuple[list[tuple[int, ...]], int, bool]:
    """The training sets (as sorted index tuples): all of them, or a seeded sample of ``limit``."""
    possible = math.comb(count, size)
    if possible <= limit:
        return list(itertools.combinations(range(count), size)), possible, False
    rng = np.random.default_rng(seed)
    chosen: set[tuple[int, ...]] = set()
    while len(chosen) < limit:
        chosen.add(tuple(sorted(rng.choice(count, size, replace=False).tolist())))
    return sorted(chosen), possible, True


def cross_validate(
    study: Study,
    *,
    training: float = TRAINING,
    max_splits: int = MAX_SPLITS,
    seed: int = 0,
    alpha: float | None = None,
    overshoot: float = OVERSHOOT,
) -> OutOfSample:
    """Score performance-weighted against equal-weight DMs on seeds held back from the weighting.

    Parameters
    ----------
    study : Study
    training : float
        The share of the seeds each split trains on (rounded, at least 1, leaving at least 1).
    max_splits : int
        Most splits scored; more possible splits are sampled with ``seed``.
    seed : int
        Seed of the sample of splits.
    alpha : float, optional
        A fixed calibration cut-off; by default optimised on each training set.
    overshoot : float

    Returns
    -------
    OutOfSample

    Raises
    ------
    AnalysisError
        With fewer than two seeds, a share outside (0, 1), or a study that cannot be scored.

    Examples
    --------
    >>> from sat.models.study import Item, Study
    >>> s = Study((0.05, 0.5, 0.95), tuple(Item(f"Q{i}", realization=float(i)) for i in range(3)),
    ...           ("A", "B"), (((-1.0, 0.0, 1.0), (0.0, 1.0, 2.0), (1.0, 2.0, 3.0)),
    ...                        ((5.0, 6.0, 7.0), (5.0, 6.0, 7.0), (5.0, 6.0, 7.0))))
    >>> r = cross_validate(s, training=0.67)
    >>> r.training_size, r.test_size, len(r.splits), r.wins
    (2, 1, 3, 3)
    """
    if not (isinstance(training, int | float) and 0 < training < 1):
        raise AnalysisError(f"training share should be a number between 0 and 1, not {training!r}")
    if not (isinstance(max_splits, int) and max_splits >= 1):
        raise AnalysisError(
            f"max_splits should be a whole number of at least 1, not {max_splits!r}"
        )
    prep = prepare(study, overshoot)
    seeds = np.flatnonzero(prep.seeds)
    if seeds.size < 2:
        raise AnalysisError(f"cross-validation needs at least 2 seed questions, not {seeds.size}")
    size = min(max(round(training * seeds.size), 1), seeds.size - 1)
    sets, possible, sampled = _splits(seeds.size, size, max_splits, seed)
    answered = ~np.isnan(prep.values[:, :, 0])
    ids = [q.id for q in study.items]
    count = len(study.experts)
    equal_dm = mixture(prep, np.ones(count))
    out = []
    for chosen in sets:
        train = np.zeros(len(ids), dtype=bool)
        train[seeds[list(chosen)]] = True
        test = prep.seeds & ~train
        n_train = int(answered[:, train].sum(axis=1).min())
        n_test = int(answered[:, test].sum(axis=1).min())
        if n_train == 0 or n_test == 0:
            continue  # some expert answered none of these seeds: no N to score with
        experts = score(prep, prep.values, train, n_train)
        weights, cut, _ = global_weights(prep, experts, alpha, train, n_train)
        both = np.stack([mixture(prep, weights, test), equal_dm])
        weighted, equal = (_on(p, test) for p in score(prep, both, test, n_test))
        out.append(Split(tuple(ids[i] for i in np.flatnonzero(train)), cut, weighted, equal))
    if not out:
        raise AnalysisError("no split leaves every expert a seed answered on both sides")
    return OutOfSample(
        size, int(seeds.size - size), possible, sampled, seed, tuple(out), tried=len(sets)
    )


def _same(a: Performance, b: Performance) -> bool:
    """Whether two combined scores are equal but for floating-point rounding."""
    return math.isclose(a.combined, b.combined, rel_tol=1e-12, abs_tol=1e-300)


def _on(p: Performance, test: np.ndarray) -> Performance:
    """A DM's test performance: its information is that over the test seeds."""
    return Performance(p.calibration, p.information_seed, p.information_seed, p.seeds)
