"""The group's equal-weight combination of a panel's answers, with or without seed questions.

``sat.techniques.experts.run`` builds the equal-weight decision maker of a study with seeds and
scores it. Between the rounds of an IDEA session (Hemming et al. 2018) the team sees its
combined answer before anything is scored, and perhaps before any seed is answered:
``equal_pool`` mixes the answers given, each item on its own, exactly as the equal-weight
decision maker does (the experts' piecewise-linear distributions over each item's background
range, averaged), but over the answers alone: a seed's true value does not widen the range, so
nothing of it shows before the team has answered.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from sat.models.study import Study
from sat.techniques.experts import OVERSHOOT
from sat.techniques.experts_scores import dm_quantiles, intrinsic_range

__all__ = ["equal_pool", "without_realizations"]


def equal_pool(
    study: Study, *, overshoot: float = OVERSHOOT
) -> tuple[tuple[float, ...] | None, ...]:
    """Per item of ``study``, the equal-weight mixture's quantiles (None where nobody answered).

    Examples
    --------
    Two experts on one item: the range is [2, 8] widened by 0.6 each side to [1.4, 8.6]; by
    symmetry the mixture's median is 5, and its 5% is where A's CDF (0.05 + 0.45 (y - 2)) and B's
    (0.05 (y - 1.4) / 4.6) average 0.05: y = 0.965217 / 0.460870 = 2.09434.

    >>> from sat.models.study import Item, Study
    >>> s = Study((0.05, 0.5, 0.95), (Item("Q1"), Item("Q2")), ("A", "B"),
    ...           (((2.0, 3.0, 4.0), None), ((6.0, 7.0, 8.0), None)))
    >>> [None if q is None else [round(v, 6) for v in q] for q in equal_pool(s)]
    [[2.09434, 5.0, 7.90566], None]
    """
    answered = [
        i for i in range(len(study.items)) if any(row[i] is not None for row in study.answers)
    ]
    out: list[tuple[float, ...] | None] = [None] * len(study.items)
    if not answered:
        return tuple(out)
    m = len(study.probabilities)
    values = np.array(
        [
            [row[i] if row[i] is not None else (math.nan,) * m for i in answered]
            for row in study.answers
        ],
        dtype=float,
    ).reshape(len(study.experts), len(answered), m)
    log = np.array([study.items[i].scale == "log" for i in answered], dtype=bool)
    values[:, log, :] = np.log(values[:, log, :])
    low, high = intrinsic_range(values, np.full(len(answered), math.nan), overshoot)
    probabilities = np.array(study.probabilities, dtype=float)
    pooled = dm_quantiles(values, np.ones(len(study.experts)), low, high, probabilities)
    pooled[log] = np.exp(pooled[log])
    for k, i in enumerate(answered):
        out[i] = tuple(float(v) for v in pooled[k])
    return tuple(out)


def without_realizations(study: Study) -> Study:
    """The same study with every item a target (what a session shows before it is scored)."""
    return replace(study, items=tuple(replace(q, realization=None) for q in study.items))
