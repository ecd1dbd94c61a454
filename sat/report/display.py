"""How results look in a notebook: an HTML view for each technique's result, registered with IPython.

Results are plain data and know nothing of presentation; this module, on the
presentation side, tells IPython how to show each type. ``register`` runs
when ``sat`` is imported in a kernel. It registers by the type's module and
name, so no technique (and no pandas) is imported until a result is shown.
"""

from __future__ import annotations

import sys
from typing import Any

#: Result type (module, class name) -> the function of ``sat.report.tables`` that draws it.
VIEWS: dict[tuple[str, str], str] = {
    ("sat.techniques.ach", "ACHResult"): "ach_matrix_html",
    ("sat.techniques.advocacy", "AdvocacyResult"): "advocacy_html",
    ("sat.techniques.assumptions", "KACResult"): "assumptions_html",
    ("sat.techniques.bayes", "BayesResult"): "bayes_html",
    ("sat.techniques.bias", "BiasResult"): "bias_html",
    ("sat.techniques.collect", "CollectionResult"): "collect_html",
    ("sat.techniques.consensus", "ConsensusResult"): "consensus_html",
    ("sat.techniques.deception", "DeceptionResult"): "deception_html",
    ("sat.techniques.diff", "DiffResult"): "diff_html",
    ("sat.techniques.indicators", "IndicatorResult"): "indicators_html",
    ("sat.techniques.network", "NetworkResult"): "network_html",
    ("sat.techniques.quality", "QualityResult"): "quality_html",
    ("sat.techniques.scenarios", "ScenariosResult"): "scenarios_html",
}


def html(result: Any) -> str:
    """The HTML a notebook shows for a technique's result (text from the case escaped).

    A large ACH matrix is shown to ``sat.report.tables.ROW_LIMIT`` rows, so
    a notebook stays responsive.

    Raises
    ------
    TypeError
        For an object that is not a technique's result.
    """
    from sat.report import tables

    kind = type(result)
    name = VIEWS.get((kind.__module__, kind.__name__))
    if name is None:
        raise TypeError(f"no notebook view for {kind.__name__}")
    if name == "ach_matrix_html":
        return str(tables.ach_matrix_html(result, limit=tables.ROW_LIMIT))
    return str(getattr(tables, name)(result))


def register(shell: Any) -> None:
    """Show every technique's result as HTML in this IPython shell (types are not imported)."""
    formatter = shell.display_formatter.formatters["text/html"]
    for module, name in VIEWS:
        formatter.for_type_by_name(module, name, html)


def register_in_kernel() -> None:
    """Register the views when running inside IPython (a Jupyter kernel, nbval, papermill)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and hasattr(shell, "display_formatter"):
        register(shell)
