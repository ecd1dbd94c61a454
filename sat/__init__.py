"""sat: a structured analytic techniques workbook.

Load a case with ``load_case``, then analyse it::

    import sat
    case = sat.load_case("data/cases/china-japan-dual-use-2026.yaml")
    analysis = sat.analyse(case)          # every technique, each computed once when first read
    analysis.ach.leader, analysis.bayes.estimate, analysis.confidence.level
    result = sat.ach.run(case)            # or one technique, given the results it builds on:
    sat.quality.run(case, ach=result)     # sat.analyse is what wires them

Everything but the errors is imported on first use (``sat.load_case``,
``sat.ach``), so ``sat --help`` starts fast and commands that only read a case
never pay for pandas.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from sat.errors import AnalysisError, CaseError, Problem, RenderError, SatError

__all__ = [
    "Analysis",
    "AnalysisError",
    "Case",
    "CaseError",
    "Problem",
    "RenderError",
    "SatError",
    "__version__",
    "ach",
    "advocacy",
    "analyse",
    "assumptions",
    "bayes",
    "bias",
    "collect",
    "confidence",
    "consensus",
    "deception",
    "diff",
    "estimates",
    "gaps",
    "indicators",
    "load_case",
    "network",
    "quality",
    "scenarios",
    "score_register",
    "select_evidence",
]
__version__ = "0.1.0"

_TECHNIQUES = {
    "ach": "sat.techniques.ach",
    "assumptions": "sat.techniques.assumptions",
    "quality": "sat.techniques.quality",
    "gaps": "sat.techniques.gaps",
    "indicators": "sat.techniques.indicators",
    "bias": "sat.techniques.bias",
    "advocacy": "sat.techniques.advocacy",
    "deception": "sat.techniques.deception",
    "bayes": "sat.techniques.bayes",
    "confidence": "sat.techniques.confidence",
    "scenarios": "sat.techniques.scenarios",
    "network": "sat.techniques.network",
    "consensus": "sat.techniques.consensus",
    "estimates": "sat.techniques.estimates",
    "collect": "sat.techniques.collect",
    "diff": "sat.diff",
}


_LAZY = {
    "Case": ("sat.case", "Case"),
    "select_evidence": ("sat.case", "select_evidence"),
    "load_case": ("sat.io", "load_case"),
    "analyse": ("sat.analysis", "analyse"),
    "Analysis": ("sat.analysis", "Analysis"),
    "score_register": ("sat.analysis", "score_register"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    if name in _TECHNIQUES:
        module = importlib.import_module(_TECHNIQUES[name])
        globals()[name] = module
        return module
    raise AttributeError(f"module 'sat' has no attribute {name!r}")


if "IPython" in sys.modules:  # in a kernel: results display as HTML (registered, not imported)
    from sat.report.display import register_in_kernel

    register_in_kernel()
