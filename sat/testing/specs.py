"""The register of situations: each one's builder and the sizes it can have."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


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


def _bounds(name: str, max_evidence: int, max_hypotheses: int) -> tuple[int, int, tuple | None]:
    spec = _SPECS[name]
    hyps = spec.hypotheses
    if hyps is not None:
        hyps = (hyps[0], min(hyps[1], max_hypotheses))
    return spec.min_evidence, min(spec.max_evidence, max_evidence), hyps


def _fits(name: str, max_evidence: int, max_hypotheses: int) -> bool:
    low_e, high_e, hyps = _bounds(name, max_evidence, max_hypotheses)
    return low_e <= high_e and (hyps is None or hyps[0] <= hyps[1])
