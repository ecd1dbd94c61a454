"""Numbers from a team, as text: the answers to a case's quantities, the analysts weighed on the
seeds (Cooke's classical model), and the weights forecasters earned on a register."""

from __future__ import annotations

import math
from typing import Any

from sat.language import listed

__all__ = ["earned", "experts", "quantities"]


def _number(value: float | None) -> str:
    from sat.language import amount

    return "–" if value is None or math.isnan(value) else amount(value)


def _row(label: str, cells: list[str], width: int, cell: int = 12) -> str:
    """A table row: the label, then each cell right-aligned in ``cell`` characters, a space
    before each at least (a number wider than its column moves the rest, never touches them)."""
    return f"{label:<{width}}" + "".join(f" {c:>{cell - 1}}" for c in cells)


def _percents(probabilities: tuple[float, ...]) -> list[str]:
    return [f"{p * 100:g}%" for p in probabilities]


def quantities(result: Any) -> str:
    """Each quantity: seed or target, who answered it (four-point answers marked *), and the
    equal-weight combination's quantiles."""
    from sat.language import counted

    study = result.study
    if not result.quantities:
        return (
            "the case asks for no quantities: add the numbers the team estimates, e.g.\n"
            "  quantities:\n"
            "    - {id: Q1, question: How many firms are listed?, realization: {value: 20}}\n"
            "    - {id: Q2, question: How many by June?, unit: firms}\n"
            "  quantity_estimates:\n"
            "    Analyst A: [{quantity: Q1, values: [10, 18, 30]}]"
        )
    shown = (
        "each analyst's latest answer"
        if result.round is None
        else f"the answers as they stood after round {result.round}"
    )
    lines = [
        f"{counted(len(result.quantities), 'quantity', 'quantities')} "
        f"({counted(len(result.seeds), 'seed')}, {counted(len(result.targets), 'target')}), "
        f"answered by {counted(len(study.experts), 'analyst')}; {shown}; "
        f"rounds given: {', '.join(map(str, result.rounds)) or 'none'}",
        "",
    ]
    width = max(12, *(len(q) + 2 for q in result.quantities))
    lines.append(_row("quantity", ["kind", "answers", *_percents(result.probabilities)], width))
    for i, ident in enumerate(result.quantities):
        kind = "seed" if ident in result.seeds else "target"
        combined = result.combined[i]
        cells = [_number(v) for v in combined] if combined else ["–"] * len(result.probabilities)
        lines.append(_row(ident, [kind, str(len(result.answered[ident])), *cells], width))
    lines.append("")
    lines.append("The quantiles are the answers combined with equal weights (the analysts' "
                 "distributions averaged).")  # fmt: skip
    four = sorted({a for who in result.four_point.values() for a in who})
    if four:
        lines.append(
            f"Answered in IDEA's four points, widened to the case's quantiles: {', '.join(four)}."
        )
    if result.unseeded:
        lines.append(
            f"Answered no seed question, so not weighed by sat experts: {', '.join(result.unseeded)}."
        )
    return "\n".join(lines)


def experts(result: Any, *, analysis: Any = None, out_of_sample: Any = None) -> str:
    """Each analyst's calibration, information and weight; the equal- and global-weight decision
    makers with their scores and each target's quantiles; the Quantities section's sentences
    (given the ``analysis``); the cross-validation when it was run."""
    percents = _percents(result.probabilities)
    lines = [
        f"{len(result.experts)} analysts, {len(result.items)} quantities, "
        f"{len(result.seeds)} seeds (N {result.n}), quantiles {' '.join(percents)}, "
        f"overshoot {result.overshoot:g}",
        "",
    ]
    if analysis is not None:
        from sat.report.claims.quantities import quantities_claims

        said = quantities_claims(analysis.case, analysis.quantities, result)
        lines += [" ".join(c.text for c in said), ""]
    width = max(16, *(len(e) + 2 for e in result.experts), *(len(t) + 2 for t in result.targets))
    lines.append(_row("analyst", ["calibration", "information", "on seeds", "weight"], width, 13))
    for e, p, w in zip(result.experts, result.performance, result.optimised.weights, strict=True):
        cells = [f"{p.calibration:.4g}", f"{p.information:.4g}", f"{p.information_seed:.4g}"]
        lines.append(_row(e, [*cells, f"{w:.3f}"], width, 13))
    kept = "fixed" if result.alpha_fixed else "optimised"
    for label, dm, extra in (
        ("equal weights", result.equal, ""),
        ("global weights", result.optimised, f"  alpha {result.optimised.alpha:.4g} ({kept})"),
    ):
        p = dm.performance
        cells = [f"{p.calibration:.4g}", f"{p.information:.4g}", f"{p.information_seed:.4g}"]
        lines.append(_row(label, cells, width, 13) + extra)
    if result.targets:
        lines += ["", *_targets(result, analysis, percents, width)]
    if out_of_sample is not None:
        lines += ["", *_out_of_sample(out_of_sample, width)]
    return "\n".join(lines)


def _targets(result: Any, analysis: Any, percents: list[str], width: int) -> list[str]:
    """Each target's quantiles by the global- and equal-weight decision makers; and, when some
    analysts answered no seed (so the decision makers leave them out), by equal weights over
    everyone who answered (the combination the sentences call "all analysts")."""
    everyone = analysis.quantities if analysis is not None else None
    if everyone is not None and not everyone.unseeded:
        everyone = None
    lines = [_row("target", ["weights", *percents], width)]
    for t in result.targets:
        i = result.items.index(t)
        rows = [("global", result.optimised.quantiles[i]), ("equal", result.equal.quantiles[i])]
        if everyone is not None:
            rows.append(("equal, all", everyone.combined[everyone.quantities.index(t)]))
        for k, (label, values) in enumerate(rows):
            cells = [_number(v) for v in values] if values is not None else ["–"] * len(percents)
            lines.append(_row(t if k == 0 else "", [label, *cells], width))
    if everyone is not None:
        lines.append(
            f"equal: the analysts weighed (who answered a seed); equal, all: every analyst who "
            f"answered, {listed(list(everyone.unseeded))} too"
        )
    return lines


def _out_of_sample(o: Any, width: int) -> list[str]:
    scope = f"a sample of {o.tried} of {o.possible}" if o.sampled else f"all {o.possible}"
    unscored = o.tried - len(o.splits)
    left = (
        f"; {unscored} of them not scored (an analyst answered none of the seeds on one side), "
        f"{len(o.splits)} scored"
        if unscored
        else ""
    )
    lines = [
        f"out of sample: {scope} splits, {o.training_size} seeds to fit the weights and "
        f"{o.test_size} to test them each{left}",
        _row("mean on test seeds", ["calibration", "information", "combined"], width, 13),
    ]
    for label, which in (("global weights", "weighted"), ("equal weights", "equal")):
        m = o.mean(which)
        cells = [f"{m['calibration']:.4g}", f"{m['information']:.4g}", f"{m['combined']:.4g}"]
        lines.append(_row(label, cells, width, 13))
    lost = len(o.splits) - o.wins - o.ties
    lines.append(
        f"global weights scored higher on {o.wins} of {len(o.splits)} splits, equal weights on "
        f"{lost}" + (f", the same on {o.ties}" if o.ties else "")
    )
    return lines


def earned(result: Any) -> str:
    """Each forecaster's record on the resolved judgements (their Brier score, their mean gain to
    the pool, their weight) and whether such weights would have helped, left out one at a time."""
    from sat.language import counted

    if not result.judgements:
        return "No judgement in the register is resolved yet: no weight can be earned."
    lines = [
        f"{counted(result.judgements, 'resolved judgement')}, "
        f"{result.pooled} of them forecast by two or more (the ones weights are earned on)",
        "",
    ]
    width = max(12, *(len(f.name) + 2 for f in result.forecasters))
    lines.append(_row("forecaster", ["judgements", "scored", "Brier", "gain", "weight"], width))
    for f in result.forecasters:
        gain = "–" if f.contribution is None else f"{f.contribution:+.4f}"
        brier = "–" if f.brier is None else f"{f.brier:.4f}"
        cells = [str(f.judgements), str(f.scored), brier, gain, f"{f.weight:.3f}"]
        lines.append(_row(f.name, cells, width))
    lines.append("")
    if not result.earned:
        lines.append(
            "Nobody made the pooled forecast better on average: no weight is earned, and "
            "pools keep equal weights."
        )
    o = result.out_of_sample
    if o.judgements:
        lines.append(
            f"Left out one at a time, the {counted(o.judgements, 'judgement')} pooled with the "
            f"weights earned on the others scored a mean Brier of {o.brier_weighted:.4f} against "
            f"{o.brier_equal:.4f} with equal weights: better on {o.better}, worse on {o.worse}, "
            f"the same on {o.same}"
            + (
                f" ({o.fallbacks} of them with no forecaster weighted, so pooled equally)."
                if o.fallbacks
                else "."
            )
        )
    return "\n".join(lines)
