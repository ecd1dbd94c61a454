"""Situations that shape what else a case holds: the example, sources, priors, assumptions, dates, a bare CSV.

Each builder registers itself with ``sat.testing.specs._situation``; the defining
properties are tabled in ``sat.testing.situations.situation``.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from sat import scales
from sat.testing.generated import _CODES, _WEIGHTS, generate_case
from sat.testing.matrices import (
    _I,
    _II,
    _N,
    _NA,
    _NAMES,
    _ON_LADDER,
    _assemble,
    _draw,
    _tied_pair,
)
from sat.testing.specs import _situation


@_situation("typical")
def _typical(rng, n_e, n_h, seed):
    return generate_case(n_e, n_h, seed=seed)


@_situation("example-like", min_evidence=1, hypotheses=None)
def _example_like(rng, n_e, n_h, seed):
    data = copy.deepcopy(_example_data())
    n_example = len(data["hypotheses"])
    if n_h is not None and n_h != n_example:
        raise ValueError(f"example-like has the example's {n_example} hypotheses, not {n_h}")
    for source in data.get("sources", ()):
        source.pop("file", None)  # its stored text is not beside a generated case
        source.pop("sha256", None)
    items = data["evidence"][:n_e]
    hyps = [h["id"] for h in data["hypotheses"]]
    # more than the example holds: generated items, rated against every hypothesis
    for k in range(len(items), n_e):
        items.append({"id": f"G{k + 1}", "summary": f"Generated item {k + 1}", "ratings": {}})
        items[-1]["ratings"] = dict.fromkeys(hyps, "N")
    for item in items:
        item.pop("quote", None)
        base = {}
        for h, value in item.get("ratings", {}).items():
            if isinstance(value, float):  # a probability cell stays
                continue
            base[h] = int(rng.choice(6, p=_WEIGHTS))
            item["ratings"][h] = _CODES[base[h]]
        for votes in item.get("analyst_ratings", {}).values():
            for h, value in votes.items():
                if isinstance(value, float):
                    continue
                code = base.get(h, int(rng.choice(5, p=_ON_LADDER)))
                if code != _NA:
                    code = int(np.clip(code + rng.choice([-1, 0, 0, 1]), 0, _II))
                votes[h] = _CODES[code]
    data["evidence"] = items
    kept = {item["id"] for item in items}
    for assumption in data.get("assumptions", ()):
        if assumption.get("evidence") not in kept:
            assumption.pop("evidence", None)
    for section in ("indicators", "relations"):
        for entry in data.get(section, ()):
            if "evidence" in entry:
                refs = entry["evidence"]
                refs = [refs] if isinstance(refs, str) else refs
                entry["evidence"] = [ref for ref in refs if ref in kept]
    for session in data.get("elicitation", {}).values():
        for field in ("order", "entered"):
            if field in session:
                session[field] = [ref for ref in session[field] if ref in kept]
    return data


@functools.cache
def _example_data() -> dict[str, Any]:
    import yaml

    from sat.paths import EXAMPLE_CASE

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(EXAMPLE_CASE.read_text(encoding="utf-8"), Loader=loader)


@_situation("no-sources")
def _no_sources(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h), sourcing="none")


@_situation("one-source")
def _one_source(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h), sourcing="one")


@_situation("one-source-but-one", min_evidence=2)
def _one_source_but_one(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h), sourcing="all-but-one")


@_situation("no-priors")
def _no_priors(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h))


@_situation("weak-prior-basis", hypotheses=(2, 50))
def _weak_prior_basis(rng, n_e, n_h, seed):
    weak = str(rng.choice(list("DEF")))
    data = _assemble(rng, _draw(rng, n_e, n_h), grades={0: weak})
    for h, prior in zip(data["hypotheses"], _priors(rng, n_h), strict=True):
        h["prior"] = prior
        h["prior_basis"] = f"{round(prior * 100)} in 100 comparable cases (per S1)"
    return data


@_situation("no-assumptions")
def _no_assumptions(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h), assumption_items=False)


@_situation("assumptions-outside-matrix")
def _assumptions_outside(rng, n_e, n_h, seed):
    data = _assemble(rng, _draw(rng, n_e, n_h))
    hyps = [h["id"] for h in data["hypotheses"]]
    data["assumptions"] = [
        {
            "id": f"A{k + 1}",
            "statement": f"Generated premise {k + 1}.",
            "supports": sorted(
                rng.choice(hyps, size=int(rng.integers(0, n_h + 1)), replace=False).tolist()
            ),
            "rating": str(rng.choice(["solid", "caveats", "unsupported"])),
            "impact": str(rng.choice(list(scales.LEVELS))),
        }
        for k in range(int(rng.integers(1, 4)))
    ]
    return data


@_situation("undated")
def _undated(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h), dated=False)


@_situation("no-base-rates")
def _no_base_rates(rng, n_e, n_h, seed):
    data = _assemble(rng, _draw(rng, n_e, n_h))
    if rng.random() < 0.5:  # priors or none, but never a basis for them
        for h, prior in zip(data["hypotheses"], _priors(rng, n_h), strict=True):
            h["prior"] = prior
    return data


def _priors(rng: np.random.Generator, n_h: int) -> list[float]:
    """Unequal-in-general priors in hundredths, each at least 0.01, summing to 1."""
    counts = rng.multinomial(100 - n_h, rng.dirichlet(np.ones(n_h))) + 1
    return [int(c) / 100 for c in counts]


@_situation("bare-csv")
def _bare_csv(rng, n_e, n_h, seed):
    from sat.case import Case
    from sat.io import load_case
    from sat.io.matrix import write_csv

    matrix = _NAMES[_draw(rng, n_e, n_h)].tolist()
    hyps = [f"H{j + 1}" for j in range(n_h)]
    case = Case.model_validate(
        {
            "id": "bare",
            "title": "Bare matrix",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["generator"],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in hyps],
            "evidence": [
                {
                    "id": f"E{i + 1}",
                    "summary": f"Generated item {i + 1}",
                    "ratings": dict(zip(hyps, row, strict=True)),
                }
                for i, row in enumerate(matrix)
            ],
        }
    )
    with tempfile.TemporaryDirectory(prefix="sat-bare-") as folder:
        path = write_csv(case, Path(folder) / f"bare-csv-{seed}.csv")
        noon = dt.datetime(2026, 1, 1, 12).timestamp()  # the case's date is the file's
        os.utime(path, (noon, noon))
        return load_case(path).model_dump(mode="json", exclude_defaults=True)


@_situation("assumption-linchpin")
def _assumption_linchpin(rng, n_e, n_h, seed):
    # a and b rated identically but for item k, where a is rated CC, C or N and b I or II: a
    # leads by item k alone (every other is clearly worse), and without it a and b are level
    codes, levels, a, b = _tied_pair(rng, n_e, n_h)
    k = int(rng.integers(n_e))
    codes[k, a] = rng.integers(_N + 1)
    codes[k, b] = rng.integers(_I, _II + 1)
    data = _assemble(rng, codes, levels=levels)
    item = data["evidence"][k]
    item["type"] = "assumption"  # the item that carries the premise into the matrix
    item.pop("sources", None)
    hyps = [h["id"] for h in data["hypotheses"]]
    free = [e["id"] for i, e in enumerate(data["evidence"]) if i != k and e["type"] == "assumption"]
    n_a = int(rng.integers(1, 4))
    pin = int(rng.integers(n_a))
    assumptions = []
    for m in range(n_a):
        supports = sorted(
            rng.choice(hyps, size=int(rng.integers(0, n_h + 1)), replace=False).tolist()
        )
        entry: dict[str, Any] = {"id": f"A{m + 1}", "statement": f"Generated premise {m + 1}."}
        if m == pin:  # insecure, relied on by the leading judgement (or the overall one)
            if supports:
                supports = sorted({*supports, hyps[a]})
            entry.update(supports=supports, evidence=item["id"])
            entry["rating"] = str(rng.choice(["caveats", "unsupported"]))
        else:
            entry["supports"] = supports
            if free and rng.random() < 0.5:
                entry["evidence"] = free.pop(int(rng.integers(len(free))))
            entry["rating"] = str(rng.choice(["solid", "caveats", "unsupported"]))
        entry["impact"] = str(rng.choice(list(scales.LEVELS)))
        assumptions.append(entry)
    data["assumptions"] = assumptions
    return data
