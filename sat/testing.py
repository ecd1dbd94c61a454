"""Generated cases for benchmarks and reliability tests: large, realistic in shape, seeded.

``generate_case`` makes a typical matrix: most cells neutral or consistent,
some inconsistent, a few very consistent or very inconsistent, the odd NA; a
few items are assumptions or absences; sources are shared between items.

``situation`` makes a case in one of the *situations* named in ``SITUATIONS``:
a tie at the top, an unrated hypothesis, no sources, analysts who disagree, ...
Each is randomised by its seed (sizes and ratings vary) but always keeps its
defining property (the table in ``situation``), so that property tests can look
for the case where a sentence of a brief is false. ``cases`` and
``case_objects`` are Hypothesis strategies over the situations (Hypothesis is
imported only when they are called); ``write_situation`` writes one as a case
file for the command line.

Examples
--------
>>> from sat.testing import generate_case
>>> data = generate_case(50, 4, n_analysts=3, seed=1)
>>> len(data["evidence"]), len(data["hypotheses"]), len(data["evidence"][0]["analyst_ratings"])
(50, 4, 3)
>>> from sat.case import Case
>>> case = Case.model_validate(situation("top-tie", seed=3, n_evidence=8, n_hypotheses=4))
>>> len(case.evidence), len(case.hypotheses)
(8, 4)
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sat import scales

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from sat.case import Case

__all__ = [
    "SITUATIONS",
    "case_objects",
    "cases",
    "generate_case",
    "situation",
    "synthetic_entries",
    "synthetic_register",
    "write_case",
    "write_situation",
]

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


# Situations ------------------------------------------------------------------------------------
# Code positions are those of ``sat.scales.RATING_CODES``: CC 0, C 1, N 2, I 3, II 4, NA 5.

_C, _N, _I, _II, _NA = 1, 2, 3, 4, 5
_NAMES = np.array(_CODES, dtype=object)
_POINTS = np.array([-scales.WEIGHTED_VALUE[c] for c in _CODES], float)  # I 1, II 2
_LEVEL_WEIGHTS = np.array([scales.LEVEL_WEIGHT[level] for level in scales.LEVELS])
_ON_LADDER = np.array(_WEIGHTS[:5]) / sum(_WEIGHTS[:5])  # the typical weights without NA
_KINDS = (
    "report",
    "official statement",
    "expert comment",
    "data",
    "assumption",
    "absence of evidence",
)
_KIND_WEIGHTS = (0.5, 0.15, 0.15, 0.1, 0.05, 0.05)
# A score must beat another by more than ``sat.techniques.ach``'s tolerance (1e-9) to count.
_CLEAR = 1e-6


@dataclass(frozen=True)
class _Spec:
    build: Callable[..., dict[str, Any]]
    min_evidence: int = 1
    max_evidence: int = 500
    hypotheses: tuple[int, int] | None = (2, 50)  # None: the builder decides (example-like)


_SPECS: dict[str, _Spec] = {}


def _situation(name: str, **limits: Any) -> Callable:
    def register(build: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        _SPECS[name] = _Spec(build, **limits)
        return build

    return register


def _levels(rng: np.random.Generator, n: int) -> np.ndarray:
    """Credibility and relevance positions in ``LEVELS`` (items × 2)."""
    return rng.choice(3, size=(n, 2), p=(0.2, 0.5, 0.3))


def _item_weights(levels: np.ndarray) -> np.ndarray:
    return _LEVEL_WEIGHTS[levels[:, 0]] * _LEVEL_WEIGHTS[levels[:, 1]]


def _draw(
    rng: np.random.Generator, n_e: int, n_h: int, p: Iterable[float] = _WEIGHTS
) -> np.ndarray:
    p = np.asarray(tuple(p), float)
    return rng.choice(len(p), size=(n_e, n_h), p=p / p.sum())


def _make_room(rng: np.random.Generator, codes: np.ndarray, top: list[int]) -> None:
    """Make sure ``top`` can lead (in place): each top column holds a scored rating (a column of
    NA only is unranked) and not every top cell is II (so the others can score worse)."""
    block = codes[:, top]
    if (block == _II).all() or (block == _NA).all(axis=0).any():
        codes[rng.integers(len(codes)), top] = _N


def _push_above(
    rng: np.random.Generator,
    codes: np.ndarray,
    weight: np.ndarray,
    bound: float,
    others: Iterable[int],
) -> None:
    """Raise each of ``others`` until its weighted inconsistency clearly exceeds ``bound`` (in place).

    Cells move to I, then to II, in a random order; NA cells count as rated N.
    Possible whenever ``bound`` is below every item at II (``_make_room``).
    """
    for j in others:
        score = float(weight @ _POINTS[codes[:, j]])
        for target in (_I, _II):
            for i in rng.permutation(len(codes)).tolist():
                if score > bound + _CLEAR:
                    break
                code = codes[i, j]
                if code == _NA or code < target:
                    score += weight[i] * (_POINTS[target] - _POINTS[code])
                    codes[i, j] = target


def _assemble(
    rng: np.random.Generator,
    codes: np.ndarray,
    *,
    levels: np.ndarray | None = None,
    unrated: np.ndarray | None = None,
    sourcing: str = "shared",
    dated: bool = True,
    assumption_items: bool = True,
    grades: dict[int, str] | None = None,
) -> dict[str, Any]:
    """Case data around a matrix of code positions (items × hypotheses).

    ``sourcing``: ``shared`` (as ``generate_case``: one or two of n/10 sources an item,
    none for assumptions), ``none``, ``one`` (every item cites S1) or ``all-but-one``
    (every item cites S1 but one, which cites S2). ``unrated`` marks cells left out of
    ``ratings``. ``grades`` overrides sources' reliability by position.
    """
    n_e, n_h = codes.shape
    hyps = [f"H{j + 1}" for j in range(n_h)]
    levels = _levels(rng, n_e) if levels is None else levels
    kinds = rng.choice(len(_KINDS), size=n_e, p=_KIND_WEIGHTS)
    if not assumption_items:
        kinds[kinds == _KINDS.index("assumption")] = 0
    if sourcing == "shared":
        n_sources = max(2, n_e // 10)
        picks = [
            [f"S{k + 1}" for k in sorted(rng.choice(n_sources, size=m, replace=False).tolist())]
            for m in (1 + (rng.random(n_e) < 0.3)).tolist()
        ]
    elif sourcing == "none":
        n_sources, picks = 0, [[] for _ in range(n_e)]
    elif sourcing == "one":
        n_sources, picks = 1, [["S1"] for _ in range(n_e)]
    else:  # all-but-one
        n_sources, picks = 2, [["S1"] for _ in range(n_e)]
        picks[int(rng.integers(n_e))] = ["S2"]
    matrix = _NAMES[codes].tolist()
    rated = ~unrated if unrated is not None else np.ones(codes.shape, bool)
    start = dt.date(2026, 1, 1)
    evidence = []
    for i in range(n_e):
        kind = _KINDS[kinds[i]]
        item: dict[str, Any] = {
            "id": f"E{i + 1}",
            "summary": f"Generated item {i + 1}",
            "type": kind,
            "credibility": scales.LEVELS[levels[i, 0]],
            "relevance": scales.LEVELS[levels[i, 1]],
        }
        if dated:
            item["date"] = (start + dt.timedelta(days=i % 365)).isoformat()
        item["ratings"] = {h: c for h, c, r in zip(hyps, matrix[i], rated[i], strict=True) if r}
        if picks[i] and (sourcing != "shared" or kind != "assumption"):
            item["sources"] = picks[i]
        evidence.append(item)
    grades = grades or {}
    return {
        "id": "generated",
        "title": "Generated case",
        "question": "Which hypothesis does the generated evidence favour?",
        "date": start.isoformat(),
        "analysts": ["generator"],
        "sources": [
            {
                "id": f"S{k + 1}",
                "title": f"Source {k + 1}",
                "publisher": f"Outlet {k % 7}",
                "reliability": grades.get(k, "ABCDEF"[k % 6]),
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


def _tied_pair(rng: np.random.Generator, n_e: int, n_h: int, p: Iterable[float] = _WEIGHTS):
    """Codes where two columns are identical and every other scores clearly worse; the pair."""
    codes = _draw(rng, n_e, n_h, p)
    levels = _levels(rng, n_e)
    weight = _item_weights(levels)
    a, b = rng.choice(n_h, size=2, replace=False).tolist()
    codes[:, b] = codes[:, a]
    _make_room(rng, codes, [a, b])
    others = [j for j in range(n_h) if j not in (a, b)]
    _push_above(rng, codes, weight, float(weight @ _POINTS[codes[:, a]]), others)
    return codes, levels, a, b


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


@_situation("top-tie")
def _top_tie(rng, n_e, n_h, seed):
    codes, levels, _, _ = _tied_pair(rng, n_e, n_h)
    return _assemble(rng, codes, levels=levels)


@_situation("tie-break-lead")
def _tie_break_lead(rng, n_e, n_h, seed):
    codes, levels, a, b = _tied_pair(rng, n_e, n_h)
    i = int(rng.integers(n_e))  # a leads on consistency alone: C against N, both scoring 0
    codes[i, a], codes[i, b] = _C, _N
    return _assemble(rng, codes, levels=levels)


@_situation("all-tied")
def _all_tied(rng, n_e, n_h, seed):
    levels = _levels(rng, n_e)
    column = _draw(rng, n_e, 1)[:, 0]
    if (column == _NA).all():  # a column of NA only is unranked: nothing would lead
        column[rng.integers(n_e)] = _N
    codes = np.empty((n_e, n_h), int)
    groups: dict[tuple[int, int], list[int]] = {}
    for i, pair in enumerate(map(tuple, levels.tolist())):
        groups.setdefault(pair, []).append(i)
    for rows in groups.values():  # within items of one weight, each column a rotation of one
        for j in range(n_h):
            codes[rows, j] = np.roll(column[rows], j)
    return _assemble(rng, codes, levels=levels)


@_situation("posterior-tie")
def _posterior_tie(rng, n_e, n_h, seed):
    codes = _draw(rng, n_e, n_h, _ON_LADDER)
    a, b = rng.choice(n_h, size=2, replace=False).tolist()
    codes[:, b] = codes[:, a]
    _make_room(rng, codes, [a, b])
    for j in range(n_h):
        if j in (a, b):
            continue
        # never more consistent than a, cell by cell
        codes[:, j] = np.maximum(codes[:, j], codes[:, a])
        if not (codes[:, j] > codes[:, a]).any():
            i = int(rng.choice(np.flatnonzero(codes[:, a] < _II)))
            codes[i, j] = codes[i, a] + 1
    data = _assemble(rng, codes, assumption_items=False)  # the Bayesian mode weighs those 0
    if rng.random() < 0.5:
        for h in data["hypotheses"]:
            h["prior"] = 1 / n_h
    return data


@_situation("unrated-leader")
def _unrated_leader(rng, n_e, n_h, seed):
    codes = _draw(rng, n_e, n_h)
    levels = _levels(rng, n_e)
    _push_above(rng, codes, _item_weights(levels), 0.0, range(n_h - 1))
    unrated = np.zeros(codes.shape, bool)
    unrated[:, -1] = True  # the last hypothesis, added after the matrix was rated
    return _assemble(rng, codes, levels=levels, unrated=unrated)


@_situation("partly-unrated", min_evidence=2)
def _partly_unrated(rng, n_e, n_h, seed):
    codes = _draw(rng, n_e, n_h)
    unrated = np.zeros(codes.shape, bool)
    j = int(rng.integers(n_h))
    unrated[rng.choice(n_e, size=int(rng.integers(1, n_e)), replace=False), j] = True
    return _assemble(rng, codes, unrated=unrated)


@_situation("no-sources")
def _no_sources(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h), sourcing="none")


@_situation("one-source")
def _one_source(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h), sourcing="one")


@_situation("one-source-but-one", min_evidence=2)
def _one_source_but_one(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h), sourcing="all-but-one")


@_situation("all-na")
def _all_na(rng, n_e, n_h, seed):
    return _assemble(rng, np.full((n_e, n_h), _NA))


@_situation("non-diagnostic")
def _non_diagnostic(rng, n_e, n_h, seed):
    return _assemble(rng, np.repeat(_draw(rng, n_e, 1), n_h, axis=1))


@_situation("consistent-neutral")
def _consistent_neutral(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h, (0.15, 0.45, 0.4)))


@_situation("two-hypotheses", hypotheses=(2, 2))
def _two(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h))


@_situation("twelve-hypotheses", hypotheses=(12, 12))
def _twelve(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h))


@_situation("no-priors")
def _no_priors(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h))


def _priors(rng: np.random.Generator, n_h: int) -> list[float]:
    """Unequal-in-general priors in hundredths, each at least 0.01, summing to 1."""
    counts = rng.multinomial(100 - n_h, rng.dirichlet(np.ones(n_h))) + 1
    return [int(c) / 100 for c in counts]


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


@_situation("analysts-disagree", hypotheses=(3, 50))
def _analysts_disagree(rng, n_e, n_h, seed):
    codes = _draw(rng, n_e, n_h)
    levels = _levels(rng, n_e)
    weight = _item_weights(levels)
    data = _assemble(rng, codes, levels=levels)
    names = ["Analyst 1", "Analyst 2", "Analyst 3"]
    data["analysts"] = ["generator", *names]
    panels = []
    for lead in rng.choice(n_h, size=3, replace=False).tolist():
        own = codes.copy()
        shift = rng.choice([-1, 0, 0, 1], size=own.shape)
        own = np.where(own == _NA, _NA, np.clip(own + shift, 0, _II))
        _make_room(rng, own, [lead])
        bound = float(weight @ _POINTS[own[:, lead]])
        _push_above(rng, own, weight, bound, [j for j in range(n_h) if j != lead])
        panels.append(_NAMES[own].tolist())
    hyps = [h["id"] for h in data["hypotheses"]]
    for i, item in enumerate(data["evidence"]):
        item["analyst_ratings"] = {
            name: dict(zip(hyps, panel[i], strict=True))
            for name, panel in zip(names, panels, strict=True)
        }
    return data


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


SITUATIONS: tuple[str, ...] = tuple(_SPECS)
"""The situations ``situation`` can make, by name (see its table)."""


def _sizes(
    name: str, rng: np.random.Generator, n_evidence: int | None, n_hypotheses: int | None
) -> tuple[int, int | None]:
    spec = _SPECS[name]
    if n_evidence is None:
        n_evidence = int(rng.integers(spec.min_evidence, min(spec.max_evidence, 20) + 1))
    if not spec.min_evidence <= n_evidence <= spec.max_evidence:
        raise ValueError(
            f"{name} needs {spec.min_evidence} to {spec.max_evidence} items, not {n_evidence}"
        )
    if spec.hypotheses is None:
        return n_evidence, n_hypotheses
    low, high = spec.hypotheses
    if n_hypotheses is None:
        n_hypotheses = int(rng.integers(low, max(low, min(high, 6)) + 1))
    if not low <= n_hypotheses <= high:
        raise ValueError(f"{name} needs {low} to {high} hypotheses, not {n_hypotheses}")
    return n_evidence, n_hypotheses


def situation(
    name: str, *, seed: int = 0, n_evidence: int | None = None, n_hypotheses: int | None = None
) -> dict[str, Any]:
    """Case data (plain, for ``Case.model_validate``) in one of the ``SITUATIONS``.

    The seed draws the sizes left unset (up to 20 items and 6 hypotheses), the
    ratings, weights, sources and types; whatever it draws, the situation's
    defining property holds:

    | name | defining property |
    |------|-------------------|
    | typical | what ``generate_case(n_evidence, n_hypotheses, seed=seed)`` gives |
    | example-like | the example case (every section) with its ratings and analysts' ratings re-drawn; its first ``n_evidence`` items (generated ones past its own), references to dropped items dropped, stored files and quotes left out; its own hypotheses (``n_hypotheses`` must be None or their number) |
    | top-tie | two hypotheses rated identically lead, every other clearly worse on weighted inconsistency: an exact tie on the score and the tie-break |
    | tie-break-lead | two hypotheses level on weighted inconsistency, one ahead on consistency only (C against N on one item); every other clearly worse |
    | all-tied | every hypothesis level on both scores (within items of one weight, each column a rotation of one column of ratings) |
    | posterior-tie | two hypotheses rated identically (no NA, no item of type assumption: the Bayesian mode weighs those 0), equal priors (all equal, or none); every other no more consistent on any item and less on one: equal, highest posteriors |
    | unrated-leader | the last hypothesis has no ratings at all; every other has a weighted inconsistency above 0, so by score alone the unrated one would lead |
    | partly-unrated | one hypothesis is unrated on some items (at least one, not all) |
    | no-sources | no sources in the case, none cited |
    | one-source | one source, cited by every item |
    | one-source-but-one | every item cites S1 but one, which cites S2 only |
    | all-na | every cell NA |
    | non-diagnostic | every item rated alike against every hypothesis |
    | consistent-neutral | ratings only CC, C and N |
    | two-hypotheses | exactly 2 hypotheses |
    | twelve-hypotheses | exactly 12 hypotheses |
    | no-priors | no hypothesis has a prior |
    | weak-prior-basis | every hypothesis has a prior (the priors sum to 1) and a ``prior_basis`` citing S1, a source graded D, E or F (the case file has no field linking a prior to a source: the basis names its id, which is what ``sat.techniques.bias`` reads) |
    | no-assumptions | no ``assumptions`` and no item of type assumption |
    | assumptions-outside-matrix | one to three ``assumptions``, none carried into the matrix (no ``evidence`` link) |
    | undated | no item has a ``date`` |
    | no-base-rates | no hypothesis has a ``prior_basis`` (priors or none) and the checklist does not answer ``base_rates`` |
    | analysts-disagree | ``analyst_ratings`` on every item by three analysts, each of whose own matrix has a different sole leader (at least 3 hypotheses) |
    | bare-csv | a matrix of ids, summaries and complete ratings written with ``sat.io.matrix.write_csv`` and read back with ``sat.load_case``: what a bare CSV gives (hypotheses labelled by their ids, one analyst "unrecorded", no sources; dated 2026-01-01); returned as ``model_dump(mode="json", exclude_defaults=True)`` |

    Parameters
    ----------
    name : str
        One of ``SITUATIONS``.
    seed : int
        Seeds everything drawn; the same arguments give the same data.
    n_evidence, n_hypotheses : int, optional
        Sizes; drawn from the seed when not given. Fixed-size situations (two- and
        twelve-hypotheses, example-like) refuse another number of hypotheses, and a
        situation refuses fewer items or hypotheses than its property needs.

    Returns
    -------
    dict
        Plain data (text, numbers, lists, dicts) that ``sat.case.Case.model_validate`` accepts
        and YAML can dump; its ``id`` is ``<name>-<seed>``.

    Raises
    ------
    ValueError
        An unknown name, or sizes the situation cannot have.

    Examples
    --------
    >>> from sat.case import Case
    >>> case = Case.model_validate(situation("unrated-leader", seed=2, n_evidence=5, n_hypotheses=3))
    >>> case.id, [len(e.ratings) for e in case.evidence]
    ('unrated-leader-2', [2, 2, 2, 2, 2])
    >>> situation("two-hypotheses", seed=7)["hypotheses"][1]["id"]
    'H2'
    """
    if name not in _SPECS:
        raise ValueError(f"unknown situation {name!r} (known: {', '.join(SITUATIONS)})")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a whole number, 0 or more, not {seed!r}")
    rng = np.random.default_rng([int(seed), zlib.crc32(name.encode())])
    n_e, n_h = _sizes(name, rng, n_evidence, n_hypotheses)
    data = _SPECS[name].build(rng, n_e, n_h, int(seed))
    data["id"] = f"{name}-{seed}"
    if name not in ("example-like",):
        data["title"] = f"Generated situation {name} (seed {seed})"
    return data


def _bounds(name: str, max_evidence: int, max_hypotheses: int) -> tuple[int, int, tuple | None]:
    spec = _SPECS[name]
    hyps = spec.hypotheses
    if hyps is not None:
        hyps = (hyps[0], min(hyps[1], max_hypotheses))
    return spec.min_evidence, min(spec.max_evidence, max_evidence), hyps


def _fits(name: str, max_evidence: int, max_hypotheses: int) -> bool:
    low_e, high_e, hyps = _bounds(name, max_evidence, max_hypotheses)
    return low_e <= high_e and (hyps is None or hyps[0] <= hyps[1])


def cases(
    situations: Iterable[str] = SITUATIONS, max_evidence: int = 30, max_hypotheses: int = 12
) -> SearchStrategy[dict[str, Any]]:
    """A Hypothesis strategy for case data: a situation, a seed and sizes, drawn.

    Shrinks towards the first situation listed, seed 0 and the fewest items and
    hypotheses the situation allows. With the default ``situations``, those that
    cannot fit the bounds (twelve-hypotheses under ``max_hypotheses=12``) are left
    out; a situation named explicitly that cannot fit is an error.

    Parameters
    ----------
    situations : iterable of str
        Names from ``SITUATIONS``.
    max_evidence, max_hypotheses : int
        Largest sizes drawn (example-like keeps its own hypotheses).

    Returns
    -------
    hypothesis.strategies.SearchStrategy of dict

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, deadline=None)
    ... @given(cases(["top-tie", "all-na"], max_evidence=6))
    ... def test(data):
    ...     assert len(data["evidence"]) <= 6
    >>> test()
    """
    from hypothesis import strategies as st

    explicit = situations is not SITUATIONS
    names = tuple(situations)
    unknown = [n for n in names if n not in _SPECS]
    if unknown or not names:
        raise ValueError(
            f"unknown situations {unknown} (known: {', '.join(SITUATIONS)})"
            if unknown
            else "no situations given"
        )
    fitting = tuple(n for n in names if _fits(n, max_evidence, max_hypotheses))
    if (explicit and fitting != names) or not fitting:
        misfits = [n for n in names if n not in fitting]
        raise ValueError(
            f"{', '.join(misfits)} cannot fit max_evidence={max_evidence}, "
            f"max_hypotheses={max_hypotheses}"
        )

    @st.composite
    def draw(pick: Callable) -> dict[str, Any]:
        name = pick(st.sampled_from(fitting))
        low_e, high_e, hyps = _bounds(name, max_evidence, max_hypotheses)
        n_e = pick(st.integers(low_e, high_e))
        n_h = None if hyps is None else pick(st.integers(*hyps))
        seed = pick(st.integers(0, 2**32 - 1))
        return situation(name, seed=seed, n_evidence=n_e, n_hypotheses=n_h)

    return draw()


def case_objects(
    situations: Iterable[str] = SITUATIONS, max_evidence: int = 30, max_hypotheses: int = 12
) -> SearchStrategy[Case]:
    """``cases`` mapped to validated ``sat.case.Case`` objects (same arguments).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3, deadline=None)
    ... @given(case_objects(["no-sources"]))
    ... def test(case):
    ...     assert not case.sources
    >>> test()
    """
    from sat.case import Case

    return cases(situations, max_evidence, max_hypotheses).map(Case.model_validate)


def write_situation(folder: str | os.PathLike[str], name: str, seed: int = 0) -> Path:
    """Write a situation as a YAML case file ``<folder>/<name>-<seed>.yaml``, for CLI tests.

    Written atomically (``sat.io.files.write_atomic``), like ``write_case``; the
    folder is made if missing.

    Examples
    --------
    >>> import tempfile
    >>> from sat.io import load_case
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_situation(folder, "all-na", seed=1)
    ...     path.name, load_case(path).id
    ('all-na-1.yaml', 'all-na-1')
    """
    data = situation(name, seed=seed)
    return _dump_yaml(Path(folder) / f"{data['id']}.yaml", data)
