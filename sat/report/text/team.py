"""The team, as text: the analysts' own estimates, their consensus, what changed between
versions, and the register's scores."""

from __future__ import annotations

from typing import Any

from sat.report.text._shared import names, table


def estimates(result: Any) -> str:
    """Each analyst's estimates as given and made coherent, the pool, and the matrix beside it."""
    if not result.analysts:
        return (
            "no estimates: add each analyst's own probabilities to the case, e.g.\n"
            "  estimates:\n    Analyst A: {H1: 0.6, H2: 0.3, H3: 0.1}"
        )
    from sat.report.claims import estimates_claims

    said: dict[str | None, list[str]] = {}  # an analyst's sentences (a partial set has two)
    kinds: dict[str, list[str]] = {}  # the others, by kind
    for claim in estimates_claims(result):
        if "analyst" in claim.figures:
            said.setdefault(claim.figures["analyst"], []).append(claim.text)
        else:
            kinds.setdefault(claim.kind, []).append(claim.text)
    given, coherent = result.given, result.coherent
    lines = []
    for analyst in result.analysts:
        row = [
            f"{k} {given.at[analyst, k]:.2f}"
            + (
                f" -> {coherent.at[analyst, k]:.2f}"
                if abs(coherent.at[analyst, k] - given.at[analyst, k]) >= 0.005
                else ""
            )
            for k in given.columns
            if given.notna().at[analyst, k]
        ]
        lines.append(" ".join(said[analyst]) + "\n  " + ", ".join(row))
    lines.append(f"pooled by {result.method}:")  # whose numbers each pooled figure holds
    lines += [
        f"  {t}" for k in ("estimates.pooled", "estimates.not_pooled") for t in kinds.get(k, [])
    ]
    if result.earned is not None:
        lines += _weighted(result)
    if result.comparison_frame is not None:
        lines.append("beside the matrix's posterior (sat bayes):")
        lines.append(table(result.comparison, ["aggregate", "posterior", "difference"], 20))
        for kind in ("estimates.agree", "estimates.differ", "estimates.reexamine"):
            lines += kinds.get(kind, [])  # whether the two agree, where they differ most, and
            # the ratings to re-examine if the analysts are right
    return "\n".join(lines)


def _weighted(result: Any) -> list[str]:
    """The pool with earned weights beside the equal one, and what the weights rest on."""
    from sat.report.claims.earned import weighted_claims

    lines = [f"  {c.text}" for c in weighted_claims(result)]
    if result.weighted_series is not None:
        import pandas as pd

        both = pd.DataFrame({"equal": result.aggregate_series, "weighted": result.weighted_series})
        both.index.name = "id"
        lines.append(table(both, ["equal", "weighted"], 20))
    return ["pooled with earned weights (sat earned):", *lines]


def consensus(result: Any, *, top: int = 10, method: str = "sat") -> str:
    """Each analyst's leader, the cells to discuss first, the readings side by side."""
    if not result.analysts:
        return "no analyst's own ratings in the case (add `analyst_ratings` to evidence items)"
    from sat.report.claims import consensus_claims
    from sat.report.claims.team import disputed_claims

    lines = [f"analysts: {', '.join(result.analysts)}"]
    lines += [f"  {c.text}" for c in consensus_claims(result)]  # each reading's leader, as claims
    lines += ["", *(c.text for c in disputed_claims(result, top))]  # how many cells in dispute
    cells = result.disputed.head(top).reset_index()
    if not cells.empty:
        cells["votes"] = cells["votes"].map(lambda v: ", ".join(f"{k} {c}" for k, c in v.items()))
        columns = ["votes", "disagreement", "band", "opposition", "consensus"]
        lines += [
            "cells to discuss first:",
            table(cells.set_index(["evidence", "hypothesis"]), columns, 60),
        ]
    lines += [
        "\nweighted inconsistency of each analyst's reading (the agreed matrix with their own "
        "votes where they voted), and in the last column, (median), of the consensus matrix:"
    ]
    lines.append(result.compared.round(2).to_string())
    if method == "opensynthesis":
        lines += ["\nOpen Synthesis scores:", result.open_synthesis.round(3).to_string()]
    return "\n".join(lines)


def diff(result: Any) -> str:
    """Why the judgement moved (``sat.report.claims.diff_claims``), the changes, the
    hypotheses before and after, and what changed in the quantities (when either version has
    some) with the combined estimates and weights before and after."""
    from sat.report.claims import diff_claims

    lines = [c.text for c in diff_claims(result)]
    if not result.changes.empty:  # an item added has nothing it was, one removed nothing it is
        changes = result.changes.astype(object).where(result.changes.notna(), "–")
        lines += ["", changes.to_string(index=False)]
    hyp = result.hypotheses
    lines += ["", table(hyp, list(hyp.columns), 20)]
    if result.quantities is not None:  # the quantities' changes, and what they did to the numbers
        from sat.report.text.quantity_changes import quantity_changes

        lines += quantity_changes(result.quantities)
    return "\n".join(lines)


def calibration(result: Any) -> str:
    """A register's scores: Brier and its decomposition, by analyst, band and quarter, and the fit."""
    lines = [
        f"{result.n} resolved judgement(s) scored, {result.open} open",
        f"Brier score {result.brier:.3f} (0 is perfect; always saying 50% scores 0.250)",
        f"  = reliability {result.reliability:.3f} (lower: better calibrated)"
        f" - resolution {result.resolution:.3f} (higher: better discrimination)"
        f" + uncertainty {result.uncertainty:.3f} (the outcomes' own variance)"
        + (
            f" + {result.remainder:.3f} (spread within the bins)"
            if abs(result.remainder) >= 5e-4
            else ""
        ),
        f"bins: {result.binning}",
        "reliability diagram (forecast against the share that came true):",
        table(result.bins, ["forecast", "observed", "n"], 20),
        "by analyst:",
        table(result.by_analyst, ["n", "brier", "mean_forecast", "observed"], 20),
        "by ICD 203 band of the forecast:",
        table(result.by_band, ["n", "brier", "mean_forecast", "observed"], 20),
        "by quarter registered:",
        table(result.by_period, ["n", "brier", "reliability", "resolution"], 20),
    ]
    fit = result.fit
    if fit is not None:
        from sat.report.claims import calibration_claims

        lines += [
            f"recalibration: logit(p') = {fit['a']:.2f} (± {fit['se_a']:.2f}) + {fit['b']:.2f} "
            f"(± {fit['se_b']:.2f}) × logit(p), from {fit['n']} judgements; Brier "
            f"{fit['brier_before']:.3f} -> {fit['brier_after']:.3f} on the same judgements",
            *(f"  {c.text}" for c in calibration_claims(result)),
        ]
        implied = fit.get("table")
        if implied is not None:
            codes = ", ".join(f"{k}: {v:g}" for k, v in implied["likelihoods"].items())
            lines += [
                f"the hypothesis judgements alone ({implied['n']}) give slope {implied['b']:.2f} "
                f"(± {implied['se_b']:.2f}); the likelihood table it implies (a case adopts it as "
                f"bayes: likelihoods: {{{codes}}})"
                + ("" if implied["enough"] else ": too few judgements to adopt it yet"),
            ]
    if result.no_fit:
        lines.append(result.no_fit)
    return "\n".join(lines)


def quantity_scores(result: Any) -> str:
    """A register's quantity targets scored, per forecaster (``sat.techniques.quantity_scores``):
    how many values fell inside their outermost interval, Cooke's calibration over the targets
    and the mean interval score, apart from the probabilities' Brier scores."""
    from sat.language import counted

    lines = [
        f"quantity targets: {result.resolved} resolved, {result.open} open; scored apart from "
        "the probabilities, on each forecaster's latest forecast"
    ]
    if not result.forecasters:
        lines.append("  none resolved yet: record a value with sat resolve REGISTER ID --value X")
        return "\n".join(lines)
    width = max(len("forecaster"), *(len(f.analyst) for f in result.forecasters)) + 2
    lines.append(
        f"{'forecaster':<{width}}{'targets':>8}{'inside range':>20}{'calibration':>13}"
        f"{'interval score':>16}"
    )
    for f in result.forecasters:
        inside = f"{f.inside} of {f.n} ({f.coverage * 100:.4g}%)"
        lines.append(
            f"{f.analyst:<{width}}{f.n:>8}{inside:>20}{f.calibration:>13.3f}"
            f"{f.interval_score:>16.4g}"
        )
    logs = {f.logs for f in result.forecasters}
    lines.append(
        "inside range: values inside the lowest-to-highest quantile range (its probability in "
        "brackets); calibration: Cooke's, the targets taken as seeds (1 is best); interval "
        "score: Gneiting and Raftery's, of that range (lower is better), in each quantity's unit"
        + (", on ln values for a log-scale quantity" if logs != {0} else "")
    )
    from sat.report.claims.quantity_scores import quantity_claims

    lines += [c.text for c in quantity_claims(result)]
    for f in result.forecasters:
        if f.skipped:
            lines.append(
                f"{f.analyst}: {counted(len(f.skipped), 'target')} not scored, their quantiles "
                f"differ from the {', '.join(f'{p * 100:.4g}%' for p in f.probabilities)} of "
                f"the others: {names(i for i, _ in f.skipped)}"
            )
    return "\n".join(lines)


def registered(
    path: str,
    added: Any,
    skipped: Any,
    unscorable: Any,
    settled: Any = (),
    settled_targets: Any = (),
) -> str:
    """What ``sat register`` did: each judgement registered, with each forecaster's probability
    under their name (the analysis's and each analyst's own), and each quantity target with each
    forecaster's quantiles; then what was not registered, and why (``unscorable``: (id, code) of
    ``sat.techniques.judgements``)."""
    from sat.language import counted
    from sat.report.claims.judgements import why

    by_id: dict[str, list[Any]] = {}
    for e in added:
        by_id.setdefault(e.id, []).append(e)
    targets = sum(f[0].kind == "quantity" for f in by_id.values())
    registered = (
        counted(len(by_id), "judgement")
        if not targets
        else f"{counted(len(by_id) - targets, 'judgement')} and "
        f"{counted(targets, 'quantity target')}"
    )
    lines = [
        f"{path}: {registered} registered, "
        f"{counted(len(added), 'forecast')}" + (":" if added else "")
    ]
    for ident, forecasts in by_id.items():
        first = forecasts[0]
        lines.append(f"  {ident}, settled by {first.deadline}: {first.criterion}")
        lines += [f"    {e.analyst}: {_forecast(e)} (forecast {e.forecast})" for e in forecasts]
    if skipped:
        lines.append(f"already registered for this version of the case: {names(skipped)}")
    if settled:
        lines.append(f"not registered again, their outcome is recorded: {names(settled)}")
    if settled_targets:
        lines.append(f"not registered again, their value is recorded: {names(settled_targets)}")
    if unscorable:
        lines.append("cannot be scored:")
        lines += [f"  {i}: {why(code)}" for i, code in unscorable]
    return "\n".join(lines)


def _forecast(entry: Any) -> str:
    """A forecast as ``sat register`` lists it: a probability, or a quantity's quantiles."""
    if entry.kind != "quantity":
        return f"{entry.probability:.2f}"
    from sat.report.claims.judgements import quantiles_said

    return quantiles_said(entry.probabilities, entry.values)
