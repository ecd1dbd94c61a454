"""The commands for numbers from a team: ``sat experts`` (a case's quantities or an Excalibur
study, weighed by Cooke's classical model), ``sat earned`` (the weights forecasters earned on a
register) and what ``sat estimates --register`` reads."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sat.cli.commands import load, show

__all__ = ["alpha", "earned", "experts", "import_study", "round_number", "track_record"]


def alpha(text: str) -> float:
    """An ``--alpha`` value: a calibration cut-off from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a cut-off: give a number from 0 to 1")
    return value


def round_number(text: str) -> int:
    """A ``--round``: a whole number from 1 (IDEA's rounds are 1 and 2)."""
    from sat.models.quantities import MAX_ROUND

    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_ROUND:
        raise argparse.ArgumentTypeError(f"'{text}' is not a round: give 1 to {MAX_ROUND}")
    return int(text)


def track_record(args: argparse.Namespace) -> dict[str, Any]:
    """What ``sat estimates --register FILE`` hands to ``sat.analyse``: the weights earned there."""
    if not args.register:
        return {}
    from sat.analysis import earn_weights
    from sat.io.register import read_register

    return {"earned": earn_weights(read_register(args.register))}


def _is_study(path: str) -> bool:
    return Path(path).suffix.lower() in (".dtt", ".rls")


def experts(args: argparse.Namespace) -> int:
    """Weigh a team's quantity estimates by how they did on seed questions, whose true values are
    known (Cooke's classical model, as Excalibur and ANDURYL compute it): each analyst's
    calibration, information over all quantities and over the seeds, and normalised weight; the
    equal-weight and the optimised global-weight combinations (decision makers) with their scores,
    alpha, and quantiles for every target; in words, what the weights rest on and when to distrust
    them. CASE is a case file with quantities (an analyst who answered no seed question is left
    out and said to be), or an Excalibur study (NAME.dtt, with NAME.rls beside it).
    --out-of-sample fits the weights on 80% of the seeds and scores both combinations on the rest,
    over every split (a seeded sample of 500 when there are more): whether weighting helps this
    team. Method and file format: docs/experts.md."""
    from sat.analysis import analyse, cross_validate, weigh_study
    from sat.report.text import experts as shown

    if _is_study(args.case):
        from sat.io.excalibur import read_study

        study = read_study(Path(args.case).with_suffix(".dtt"))
        result, analysis, quantities = weigh_study(study, alpha=args.alpha), None, None
    else:
        analysis = analyse(load(args.case), round=args.round, alpha=args.alpha)
        result, quantities = analysis.experts, analysis.quantities
        study = quantities.weighable
    tested = cross_validate(study, alpha=args.alpha) if args.out_of_sample else None
    data = result.to_dict()
    if quantities is not None:
        from sat.report.claims import claims_of

        data["claims"] = [c.to_dict() for c in claims_of("experts", analysis)]
    if tested is not None:
        data["out_of_sample"] = tested.to_dict()
    return show(args, data, lambda: shown(result, analysis=analysis, out_of_sample=tested))


def earned(args: argparse.Namespace) -> int:
    """The weight each forecaster earned on a register's resolved judgements: on each judgement
    two or more forecast, how much the pooled forecast's Brier score gained from including them
    (contribution weighting, Budescu & Chen 2015), averaged; the weight is a forecaster's share of
    the positive contributions. Then whether such weights would have helped: each resolved
    judgement left out in turn, pooled with the weights earned on the others, scored against the
    equal-weight pool. `sat estimates CASE --register FILE` pools a case's estimates with these
    weights, beside the equal-weight pool."""
    from sat.analysis import earn_weights
    from sat.io.register import read_register
    from sat.report.text import earned as shown

    result = earn_weights(read_register(args.register))
    return show(args, result.to_dict(), lambda: shown(result))


def import_study(args: argparse.Namespace) -> None:
    """What ``sat quantities CASE --import STUDY.dtt`` does to the case file before it is read:
    the study added to it (``sat.io.excalibur_case.import_study``), what was added said on
    stderr."""
    if not args.study:
        return
    import sys

    from sat.io.excalibur_case import import_study as add

    if _is_study(args.case):
        from sat.errors import UsageError

        raise UsageError(f"{args.case}: give the case file to import into, then --import the study")
    done = add(args.case, args.study)
    new = f", {len(done.new_analysts)} of them added to analysts" if done.new_analysts else ""
    print(
        f"sat: imported {done.quantities} quantities ({done.seeds} seeds) and "
        f"{done.answers} answers of {len(done.analysts)} experts{new} from {args.study} into "
        f"{args.case} (the previous version is {done.backup})",
        file=sys.stderr,
    )
