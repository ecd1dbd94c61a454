"""Every technique of ``sat`` in one table: its module, result, inputs and faces.

One row per technique says where each of its faces lives, and the faces are derived from the
rows, not listed again: ``sat.<name>`` and ``dir(sat)`` (``sat/__init__.py``), the results an
``Analysis`` reports (``sat.analysis.TECHNIQUES``), the notebook display of each result
(``sat.report.display.VIEWS``), the summaries of the technique commands (``sat.cli``) and the
table in ``docs/techniques.md``. ``tests/test_registry.py`` checks every row against the code:
the module has ``run`` and its result type, ``run`` requires exactly the results in ``needs``
(and ``sat/analysis.py`` passes exactly those), each view renders the example case, the notebook
exists and the command is one of ``sat``'s. Adding a technique is one module and one row.

This module imports nothing of ``sat``: reading it costs nothing and it sits below every layer.

Examples
--------
>>> REGISTRY[0].name, REGISTRY[0].result, REGISTRY[0].needs
('ach', 'ACHResult', ())
>>> technique("bias").needs
('ach', 'quality', 'assumptions')
>>> technique("confidence").command  # also said by `sat bayes`, beside the posterior
'confidence'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["REGISTRY", "Technique", "markdown_table", "technique"]


@dataclass(frozen=True)
class Technique:
    """One technique and its faces.

    Attributes
    ----------
    name : str
        ``sat.<name>``, the ``Analysis`` attribute (for a technique of a case) and the key of its
        ``--json``.
    module : str
        The module whose ``run`` computes it.
    result : str
        The name of the result class in ``module``: ``<Technique>Result``, except ``ACHResult``.
    needs : tuple of str
        The results ``run`` requires as keyword arguments, which ``sat.analyse`` wires (options
        with a default, such as ``since``, are not listed).
    text : str or None
        The function of ``sat.report.text`` that prints the result on the command line.
    html : str or None
        The function of ``sat.report.tables`` that draws the result in a notebook.
    notebook : str or None
        The technique's notebook in ``notebooks/`` (without ``.ipynb``).
    command : str or None
        The ``sat`` command that shows it.
    description : str
        One line: what it gives (also the command's line in ``sat --help``).
    reads : {"case", "register", "analyses"}
        What ``run`` is given first: a case (the result is an attribute of ``Analysis``), a
        judgement register (``sat.score_register``) or two analyses (``sat.diff.run``).
    reported : bool
        Whether ``Analysis.to_dict`` and ``sat.analysis.TECHNIQUES`` include it. The judgements
        a register can score are not: they are what ``sat judgements`` shows and ``sat register``
        records, and reporting them would add a key to every analysis's JSON and compute
        ``collect`` (a simulation per open indicator) for every reader of it.
    """

    name: str
    module: str
    result: str
    needs: tuple[str, ...]
    text: str | None
    html: str | None
    notebook: str | None
    command: str | None
    description: str
    reads: Literal["case", "register", "analyses"] = "case"
    reported: bool = True


def _row(name: str, result: str, needs: tuple[str, ...] = (), **faces: object) -> Technique:
    """A row whose faces are named after the technique unless given (None: it has none)."""
    defaults: dict[str, object] = {
        "module": f"sat.techniques.{name}",
        "text": name,
        "html": f"{name}_html",
        "notebook": name,
        "command": name,
    }
    return Technique(name=name, result=result, needs=needs, **(defaults | faces))  # type: ignore[arg-type]


#: Every technique, in the order a reader meets them (the order of ``Analysis.to_dict``).
REGISTRY: tuple[Technique, ...] = (
    _row("ach", "ACHResult", html="ach_matrix_html",
         description="score the ACH matrix: ranking, diagnosticity, sensitivity"),
    _row("assumptions", "AssumptionsResult", ("ach",),
         description="Key Assumptions Check: rated, ranked by risk, linchpins, effect of dropping"),
    _row("quality", "QualityResult", ("ach",),
         description="Quality of Information Check: sources, corroboration, critical items"),
    _row("gaps", "GapsResult",
         description="information gaps: the analyst's list and those found in the data"),
    _row("indicators", "IndicatorsResult", ("ach",),
         description="indicators and signposts: observed shares, changes, what to watch"),
    _row("bias", "BiasResult", ("ach", "quality", "assumptions"),
         description="cognitive bias stress test computed from the case"),
    _row("advocacy", "AdvocacyResult", ("ach", "assumptions"),
         description="devil's advocacy: the strongest case against the leading hypothesis"),
    _row("deception", "DeceptionResult",
         description="deception checks (MOM, POP, MOSES, EVE) weighed per actor and source"),
    _row("bayes", "BayesResult",
         description="Bayesian ACH: posteriors, intervals, the trace, likelihood and confidence"),
    _row("confidence", "ConfidenceResult", ("ach", "bayes", "quality", "assumptions", "bias", "consensus"),
         description="confidence in the leading judgement: its level, factors and main reason"),
    _row("scenarios", "ScenariosResult",
         description="scenarios and alternative futures with coherent probabilities"),
    _row("network", "NetworkResult",
         description="network influence mapping: influence, brokers, communities, camps, paths"),
    _row("consensus", "ConsensusResult",
         description="many analysts: consensus matrix, ranked disagreements, readings side by side"),
    _row("estimates", "EstimatesResult", ("posterior",),
         description="the analysts' own probabilities, made coherent, pooled, beside the posterior"),
    _row("quantities", "QuantitiesResult", notebook="experts",
         description="quantities: who answered each, and the team's equal-weight combination"),
    _row("experts", "ExpertsResult",
         description="Cooke's classical model: the analysts weighed on seed questions; the combined estimates"),
    _row("collect", "CollectResult", ("bayes",),
         description="what to collect next: open indicators and gaps by expected information gain"),
    _row("review", "ReviewResult", ("bayes", "confidence"),
         description="the analysts' own words against the analysis: where they outrun it (exit 1)"),
    _row("judgements", "JudgementsResult", ("posterior", "scenarios", "collect"), reported=False,
         description="the key judgements as a register scores them: hypotheses, scenarios, indicators"),
    _row("calibration", "CalibrationResult", reads="register",
         description="Brier scores of a register's resolved judgements, decomposed; --fit recalibrates"),
    _row("earned", "EarnedResult", reads="register", notebook="calibration",
         description="the weight each forecaster earned on a register's resolved judgements, and whether it helps"),
    _row("diff", "DiffResult", module="sat.diff", reads="analyses",
         description="what changed between two versions of a case, and why the judgement moved"),
)  # fmt: skip

_BY_NAME = {row.name: row for row in REGISTRY}


def technique(name: str) -> Technique:
    """The row of the technique called ``name`` (``KeyError`` for any other name)."""
    return _BY_NAME[name]


def markdown_table() -> str:
    """The table of techniques in ``docs/techniques.md``, one row per technique."""

    def code(value: str | None, form: str = "{}") -> str:
        return "–" if value is None else f"`{form.format(value)}`"

    lines = [
        "| Technique | Result | Needs | Command | Notebook | What it gives |",
        "|---|---|---|---|---|---|",
    ]
    for row in REGISTRY:
        needs = ", ".join(f"`{n}`" for n in row.needs) or "–"
        lines.append(
            f"| `sat.{row.name}` | `{row.result}` | {needs} | {code(row.command, 'sat {}')} "
            f"| {code(row.notebook, 'notebooks/{}.ipynb')} | {row.description} |"
        )
    return "\n".join(lines)
