"""The commands that keep score: ``sat register`` (a case's scorable judgements and quantity
targets into a register), ``sat resolve`` (an outcome, or the value a target took) and ``sat
calibration`` (the register's resolved forecasts scored)."""

from __future__ import annotations

import argparse

from sat.cli.commands import load, show
from sat.errors import UsageError

__all__ = ["calibration", "finite_number", "register", "resolve"]


def finite_number(text: str) -> float:
    """A finite number (a quantity's value): ``nan`` and ``inf`` are refused."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"'{text}' must be a finite number")
    return value


def _version(path: str) -> str:
    """A case file's version: the first 12 hex digits of its content's SHA-256."""
    from pathlib import Path

    from sat.io.sources import digest

    return digest(Path(path))[:12]


def register(args: argparse.Namespace) -> int:
    """Register the case's scorable judgements in a register file (CSV, created if missing): its
    hypotheses, scenarios and open indicators that carry `resolution: {criterion, deadline}`. Each
    is registered under its forecaster's name: the probability the brief gives under the
    analysis's ("the analysis", or --as NAME, e.g. the team's), and each analyst's own estimate
    of a hypothesis or scenario (the case's estimates) under that analyst's, so that scores by
    analyst are each forecaster's own. Each quantity target with a resolution is registered too:
    each analyst's quantiles (their latest round) under their name, the equal-weight combination
    under the analysis's, and the performance-weighted one (where the case's seeds weigh the
    analysts) under the analysis's name followed by "(performance-weighted)". Each judgement is
    registered once per version of the case (the file's SHA-256); after a revision, registering
    again records a new forecast of it, unless its outcome is recorded already. Judgements
    without a resolution are listed: they cannot be scored."""
    import datetime as dt

    from sat.analysis import analyse
    from sat.io.register import ANALYSIS, add, read_rows, updating, write_register
    from sat.io.register_quantities import add_quantities, weighted_name
    from sat.report.claims.judgements import statements, why
    from sat.report.text import registered

    case = load(args.case)
    analyst = args.analyst or ANALYSIS
    if analyst in case.estimates or analyst in case.quantity_estimates:
        raise UsageError(
            f"--as {analyst}: that analyst's own estimates are registered under their name; "
            f"give the analysis's figures a name of their own (default: {ANALYSIS}; the team's)"
        )
    if weighted_name(analyst) in case.quantity_estimates:
        raise UsageError(
            f"--as {analyst}: an analyst is named {weighted_name(analyst)}, the name the "
            "performance-weighted combination is registered under; give another (--as NAME)"
        )
    found = analyse(case).judgements
    said = statements(found)
    version, today = _version(args.case), args.date or dt.date.today()
    with updating(args.register):  # no other sat writer between this read and the write
        rows = read_rows(args.register)
        entries, added, skipped, settled = add(
            rows,
            found.judgements,
            version=version,
            analyst=analyst,
            today=today,
            estimates=case.estimates,
            statements=said,
        )
        more, skipped_targets, settled_targets, unreadable = add_quantities(
            rows, found.quantities, version=version, analyst=analyst, today=today, statements=said
        )
        if added or more:
            write_register(args.register, (*entries, *more))
    unscorable = [
        *found.unscorable,
        *((f"{i} ({who})", "no-quantiles") for i, who in unreadable),
    ]
    data = {
        "register": args.register,
        "added": [
            {
                "id": e.id,
                "analyst": e.analyst,
                "forecast": e.forecast,
                "probability": e.probability,
            }
            for e in added
        ],
        "already_registered": [*skipped, *skipped_targets],
        "already_resolved": [*settled, *settled_targets],
        "unscorable": [{"id": i, "why": why(code)} for i, code in unscorable],
    }
    if found.quantities:
        data["added_quantities"] = [
            {
                "id": e.id,
                "analyst": e.analyst,
                "forecast": e.forecast,
                "quantiles": [list(q) for q in e.quantiles],
            }
            for e in more
        ]
    return show(
        args,
        data,
        lambda: registered(
            args.register,
            [*added, *more],
            [*skipped, *skipped_targets],
            unscorable,
            settled,
            settled_targets,
        ),
    )


def resolve(args: argparse.Namespace) -> int:
    """Record a judgement's outcome (--outcome yes: it came true; no: it did not), or a quantity
    target's realised value (--value X), on every forecast of it."""
    import datetime as dt

    from sat.io.register import read_rows, updating, write_register
    from sat.io.register import resolve as record
    from sat.io.register_quantities import resolve_value

    if (args.outcome is None) == (args.value is None):
        raise UsageError(
            "give --outcome yes|no for a probability judgement, or --value X for a quantity "
            "target (one of them)"
        )
    when = args.date or dt.date.today()
    with updating(args.register):  # no other sat writer between this read and the write
        entries = read_rows(args.register)
        if not entries:
            raise UsageError(f"{args.register} holds no judgements (sat register CASE adds them)")
        try:
            if args.value is None:
                entries = record(entries, args.id, args.outcome == "yes", when)
            else:
                entries = resolve_value(entries, args.id, args.value, when)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        except KeyError:
            known = sorted({e.id for e in entries})
            shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
            raise UsageError(
                f"no judgement '{args.id}' in {args.register} (known: {shown})"
            ) from None
        write_register(args.register, entries)
    n = sum(e.id == args.id for e in entries)
    if args.value is not None:
        from sat.language import exact_number

        data = {"id": args.id, "value": args.value, "forecasts": n}
        return show(
            args,
            data,
            lambda: (
                f"{args.id}: value {exact_number(args.value)} recorded on {n} forecast(s) "
                f"in {args.register}"
            ),
        )
    data = {"id": args.id, "outcome": int(args.outcome == "yes"), "forecasts": n}
    return show(
        args,
        data,
        lambda: f"{args.id}: outcome {args.outcome} recorded on {n} forecast(s) in {args.register}",
    )


def calibration(args: argparse.Namespace) -> int:
    """Score a register's resolved judgements: the Brier score with Murphy's decomposition
    (reliability, resolution, uncertainty), by analyst, by ICD 203 band and by quarter; the reliability
    diagram's points and the sharpness of the forecasts; with --fit, the logistic recalibration map
    that would have scored best, with its standard errors and whether there are enough judgements for
    it to mean anything (fit it per analyst with --analyst). --chart FILE draws the reliability diagram
    and sharpness histogram (PNG/SVG). A register's resolved quantity targets are scored apart, per
    forecaster: how many values fell inside the outermost interval, Cooke's calibration over them
    and the mean interval score."""
    from sat.analysis import score_quantities, score_register
    from sat.errors import AnalysisError
    from sat.io.register import Entry, read_rows
    from sat.report.claims import calibration_claims
    from sat.report.text import calibration as shown
    from sat.report.text.team import quantity_scores

    rows = read_rows(args.register)
    numbers, said = None, {}
    if any(not isinstance(e, Entry) for e in rows):
        from sat.report.claims.quantity_scores import quantity_claims

        numbers = score_quantities(rows, analyst=args.analyst)
        said = {
            **numbers.to_dict(),
            "claims": [c.to_dict() for c in quantity_claims(numbers)],
        }
    try:
        result = score_register(
            [e for e in rows if isinstance(e, Entry)], fit=args.fit, analyst=args.analyst
        )
    except AnalysisError as exc:  # quantities alone can still be scored
        if numbers is not None and not numbers.forecasters and not args.analyst:
            from sat.language import counted

            raise AnalysisError(
                f"{exc}; {counted(numbers.open, 'quantity target')} open too: record the "
                "value each took with sat resolve REGISTER ID --value X"
            ) from None
        if numbers is None or not numbers.forecasters or args.chart:
            raise
        message = str(exc)
        data = {"error": message, "quantities": said}
        return show(args, data, lambda: f"{message}\n{quantity_scores(numbers)}")
    data = {**result.to_dict(), "claims": [c.to_dict() for c in calibration_claims(result)]}
    if numbers is not None:
        data["quantities"] = said
    if args.chart:
        import io
        from pathlib import Path

        import matplotlib.pyplot as plt

        from sat.io.outputs import write_owned
        from sat.report.charts import calibration_figure

        target = Path(args.chart)
        if target.suffix.lower() not in (".png", ".svg") or not target.parent.is_dir():
            raise UsageError(f"--chart {args.chart}: a .png or .svg file in a folder that exists")
        figure, image = calibration_figure(result), io.BytesIO()
        try:
            figure.savefig(image, format=target.suffix.lower()[1:], dpi=144, bbox_inches="tight")
        finally:
            plt.close(figure)
        write_owned(target.parent, target.name, image.getvalue())  # never a file of another's
        data["chart"] = str(target)
    return show(
        args,
        data,
        lambda: (
            shown(result)
            + ("" if numbers is None else f"\n{quantity_scores(numbers)}")
            + (f"\nwrote {data['chart']}" if args.chart else "")
        ),
    )
