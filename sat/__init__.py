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
never pay for pandas. ``sat.<technique>`` is each technique's module, for every
technique in ``sat.registry``; ``dir(sat)`` lists them with the rest of the API.
"""

from __future__ import annotations

import sys as _sys
from importlib import import_module as _import_module
from typing import Any as _Any

from sat.errors import AnalysisError as AnalysisError
from sat.errors import CaseError as CaseError
from sat.errors import Problem as Problem
from sat.errors import RenderError as RenderError
from sat.errors import SatError as SatError
from sat.registry import REGISTRY as _REGISTRY

__version__ = "0.1.0"

#: The rest of the public API, imported on first use: name -> (module, attribute).
_LAZY = {
    "Case": ("sat.case", "Case"),
    "select_evidence": ("sat.case", "select_evidence"),
    "load_case": ("sat.io", "load_case"),
    "analyse": ("sat.analysis", "analyse"),
    "Analysis": ("sat.analysis", "Analysis"),
    "score_register": ("sat.analysis", "score_register"),
}
#: ``sat.<technique>`` is the technique's module (``sat.ach.run``), for every row of the registry.
_TECHNIQUES = {row.name: row.module for row in _REGISTRY}

__all__ = sorted(
    [
        "AnalysisError",
        "CaseError",
        "Problem",
        "RenderError",
        "SatError",
        "__version__",
        *_LAZY,
        *_TECHNIQUES,
    ]
)


def __getattr__(name: str) -> _Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(_import_module(module), attribute)
    elif name in _TECHNIQUES:
        value = _import_module(_TECHNIQUES[name])
    else:
        raise AttributeError(f"module 'sat' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public API and every technique (``dir(sat)``, and a notebook's completion)."""
    return list(__all__)


if "IPython" in _sys.modules:  # in a kernel: results display as HTML (registered, not imported)
    from sat.report.display import register_in_kernel

    register_in_kernel()
