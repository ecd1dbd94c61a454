"""Generated cases for benchmarks and reliability tests: large, realistic in shape, seeded.

Ratings follow what real matrices look like: most cells neutral or consistent,
some inconsistent, a few very consistent or very inconsistent, the odd NA; a
few items are assumptions or absences; sources are shared between items.

Examples
--------
>>> from sat.testing import generate_case
>>> data = generate_case(50, 4, n_analysts=3, seed=1)
>>> len(data["evidence"]), len(data["hypotheses"]), len(data["evidence"][0]["analyst_ratings"])
(50, 4, 3)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np

from sat import scales

__all__ = ["generate_case", "synthetic_entries", "synthetic_register", "write_case"]

_CODES = ("CC", "C", "N", "I", "II", "NA")
_WEIGHTS = (0.05, 0.25, 0.4, 0.2, 0.07, 0.03)


def generate_case(
    n_evidence: int,
    n_hypotheses: int,
    *,
    n_analysts: int = 0,
    n_sources: int | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """A valid case as plain data (ready for ``Case.model_validate`` or a YAML dump)."""
    rng = np.random.default_rng(seed)
    n_sources = n_sources or max(2, n_evidence // 10)
    hyps = [f"H{j + 1}" for j in range(n_hypotheses)]
    analysts = [f"Analyst {k + 1}" for k in range(n_analysts)]
    codes = rng.choice(len(_CODES), size=(n_evidence, n_hypotheses), p=_WEIGHTS)
    levels = rng.choice(3, size=(n_evidence, 2), p=(0.2, 0.5, 0.3))
    kinds = rng.choice(
        [
            "report",
            "official statement",
            "expert comment",
            "data",
            "assumption",
            "absence of evidence",
        ],
        size=n_evidence,
        p=(0.5, 0.15, 0.15, 0.1, 0.05, 0.05),
    )
    start = dt.date(2026, 1, 1)
    names = np.array(_CODES, dtype=object)
    matrix = names[codes].tolist()
    if analysts:  # each analyst moves some cells one step either way (NA stays NA)
        shift = rng.choice([-1, 0, 0, 0, 1], size=(n_evidence, n_analysts, n_hypotheses))
        base = codes[:, None, :]
        panel = names[np.where(base < 5, np.clip(base + shift, 0, 4), 5)].tolist()
    n_picks = 1 + (rng.random(n_evidence) < 0.3)
    picks = [rng.choice(n_sources, size=k, replace=False) for k in n_picks.tolist()]
    evidence = []
    for i in range(n_evidence):
        item: dict[str, Any] = {
            "id": f"E{i + 1}",
            "summary": f"Generated item {i + 1}",
            "type": str(kinds[i]),
            "credibility": scales.LEVELS[levels[i, 0]],
            "relevance": scales.LEVELS[levels[i, 1]],
            "date": (start + dt.timedelta(days=i % 365)).isoformat(),
            "ratings": dict(zip(hyps, matrix[i], strict=True)),
        }
        if kinds[i] != "assumption":
            item["sources"] = [f"S{k + 1}" for k in sorted(picks[i].tolist())]
        if analysts:
            item["analyst_ratings"] = {
                a: dict(zip(hyps, row, strict=True))
                for a, row in zip(analysts, panel[i], strict=True)
            }
        evidence.append(item)
    return {
        "id": f"generated-{n_evidence}x{n_hypotheses}",
        "title": f"Generated case: {n_evidence} items, {n_hypotheses} hypotheses",
        "question": "Which hypothesis does the generated evidence favour?",
        "date": start.isoformat(),
        "analysts": ["generator", *analysts],
        "sources": [
            {
                "id": f"S{k + 1}",
                "title": f"Source {k + 1}",
                "publisher": f"Outlet {k % 7}",
                "reliability": "ABCDEF"[k % 6],
                "reliability_reason": "generated",
            }
            for k in range(n_sources)
        ],
        "hypotheses": [
            {"id": h, "label": f"Hypothesis {h}", "statement": f"Generated hypothesis {h}."}
            for h in hyps
        ],
        "evidence": evidence,
    }


def write_case(path: str | Path, *args: Any, **kwargs: Any) -> Path:
    """Generate a case and write it as YAML (``.yaml``) or as a CSV matrix (``.csv``)."""
    import yaml

    from sat.case import Case
    from sat.io.files import write_atomic

    data = generate_case(*args, **kwargs)
    target = Path(path)
    if target.suffix == ".csv":
        from sat.io.matrix import write_csv

        return write_csv(Case.model_validate(data), target)
    write_atomic(
        target,
        yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False),
    )
    return target


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
