"""The facts and findings of the bias stress test (``sat.techniques.bias``), and its rules'
thresholds: shared by the detectors (``sat.techniques._bias_detectors``) and the result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sat.techniques._frames import rounded

#: Each detector's bias, named as Heuer names it.
BIASES = {
    "confirmation": "confirmation bias",
    "concentration": "oversensitivity to consistency (source concentration)",
    "uncertain_accuracy": "evidence of uncertain accuracy",
    "closure": "premature closure and satisficing",
    "absence": "absence of evidence ignored",
    "anchoring": "anchoring and persistence of impressions",
    "vividness": "vividness",
    "base_rates": "base-rate neglect",
    "mirror_imaging": "mirror-imaging and the rational-actor assumption",
}

SEVERITIES = ("high", "medium", "low")

FEW_DISCONFIRMING = 0.10
CONSISTENCY_RATIO = 2.0
DISCOUNT_GAP = 0.25
HHI_MEDIUM, HHI_HIGH = 0.25, 0.5
SIMILAR_SHARE, SIMILAR_MIN_ITEMS = 0.9, 5
MIN_DATED = 6
#: Scores within this are equal (sums of √2 weights are not exact in floating point).
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Fact:
    """One measured fact: its ``kind`` (``"confirmation.none_against"``, ``"tied"``, ...) and the
    ``figures`` it rests on. The words are the presentation layer's (``sat.report.claims.bias``),
    which states each kind's condition (``sat.report.conditions.bias``)."""

    kind: str
    figures: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "figures": rounded(self.figures)}


class NotChecked(Exception):
    """Raised by a detector that has nothing to work on: ``fact`` says why."""

    def __init__(self, kind: str, **figures: Any):
        super().__init__(kind)
        self.fact = Fact(kind, figures)


@dataclass(frozen=True)
class Finding:
    """One bias the analysis shows signs of: the ``facts`` that fired its rule."""

    detector: str
    severity: str
    facts: tuple[Fact, ...]
    numbers: dict[str, Any] = field(default_factory=dict)

    @property
    def bias(self) -> str:
        """The bias's name as Heuer gives it."""
        return BIASES[self.detector]

    def to_dict(self) -> dict[str, Any]:
        return {
            "detector": self.detector,
            "bias": self.bias,
            "severity": self.severity,
            "facts": [f.to_dict() for f in self.facts],
            "numbers": rounded(self.numbers),
        }
