"""Typical generated cases: large, realistic in shape, seeded, as data or as a case file.

``generate_case`` makes a typical matrix: most cells neutral or consistent, some
inconsistent, a few very consistent or very inconsistent, the odd NA; a few items
are assumptions or absences; sources are shared between items. ``write_case``
writes one as YAML or as a CSV matrix, for benchmarks and command-line tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np

from sat import scales

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


def _dump_yaml(target: Path, data: dict[str, Any]) -> Path:
    import yaml

    from sat.io.files import write_atomic

    write_atomic(
        target,
        yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False),
    )
    return target


def write_case(path: str | Path, *args: Any, **kwargs: Any) -> Path:
    """Generate a case and write it as YAML (``.yaml``) or as a CSV matrix (``.csv``)."""
    from sat.case import Case

    data = generate_case(*args, **kwargs)
    target = Path(path)
    if target.suffix == ".csv":
        from sat.io.matrix import write_csv

        return write_csv(Case.model_validate(data), target)
    return _dump_yaml(target, data)
