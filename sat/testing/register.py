"""Synthetic forecast registers with a known miscalibration, for the calibration tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np


def synthetic_register(
    n: int, *, a: float = 0.0, b: float = 1.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Forecasts and outcomes with a known miscalibration: P(outcome) = 1 / (1 + exp(-(a + b logit f))).

    Forecasts are drawn from the values analysts use (5%, 10%, ..., 95%); ``b`` above 1
    makes the forecaster under-confident (the truth is more extreme than said), below 1
    over-confident; ``a`` shifts every outcome's chance. ``a=0, b=1`` is well calibrated.

    Examples
    --------
    >>> f, o = synthetic_register(1000, seed=2)
    >>> len(f), set(np.unique(o)) <= {0.0, 1.0}
    (1000, True)
    """
    rng = np.random.default_rng(seed)
    f = rng.choice(np.arange(1, 20) / 20, size=n)
    truth = 1 / (1 + np.exp(-(a + b * np.log(f / (1 - f)))))
    return f, (rng.random(n) < truth).astype(float)


def synthetic_entries(
    n: int,
    analysts: tuple[tuple[str, float, float], ...],
    *,
    open_share: float = 0.1,
    seed: int = 0,
) -> list[Any]:
    """A register of ``n`` forecasts per analyst, each analyst ``(name, a, b)`` miscalibrated as in
    ``synthetic_register``, registered over two years; ``open_share`` of them still open."""
    from sat.io.register import Entry

    rng = np.random.default_rng(seed)
    entries = []
    start = dt.date(2024, 1, 1)
    for k, (name, a, b) in enumerate(analysts):
        f, o = synthetic_register(n, a=a, b=b, seed=seed + k)
        for i in range(n):
            registered = start + dt.timedelta(days=int(rng.integers(0, 730)))
            resolved = rng.random() >= open_share
            entries.append(
                Entry(
                    id=f"synthetic:{name}:{i + 1}",
                    forecast=1,
                    case="synthetic",
                    version="v1",
                    analyst=name,
                    kind="hypothesis",
                    statement=f"Synthetic judgement {i + 1} by {name}",
                    probability=float(f[i]),
                    criterion="synthetic: decided by the generator",
                    deadline=registered + dt.timedelta(days=180),
                    registered=registered,
                    outcome=int(o[i]) if resolved else None,
                    resolved=registered + dt.timedelta(days=180) if resolved else None,
                )
            )
    entries.sort(key=lambda e: (e.registered, e.id))
    return entries
