"""The ``sat`` command line: parses arguments, calls one library function, prints or writes.

Exit codes: 0 success; 1 invalid input (every problem printed, one per line, to
stderr); 2 usage error; 3 a brief failed to render.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from sat.errors import CaseError, MissingToolError, RenderError, SatError, UsageError

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_RENDER = 0, 1, 2, 3

_EPILOG = """\
exit codes: 0 ok, 1 invalid input, 2 usage error, 3 render failure.
Every command takes --json for scripting; problems always go to stderr.
Docs: README.md. Example: sat ach data/cases/china-japan-dual-use-2026.yaml
"""


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def _load(path: str) -> Any:
    """Load a case, printing its notes (priors rescaled, short matrix rows) to stderr."""
    from sat.io import load_case

    notes: list[Any] = []
    case = load_case(path, notes=notes)
    for note in notes:
        print(f"sat: note: {note}", file=sys.stderr)
    return case


def _analyse(args: argparse.Namespace, **options: Any) -> Any:
    """The analysis of the command's case (``sat.analyse``), its notes printed to stderr."""
    from sat.analysis import analyse

    return analyse(_load(args.case), **options)


def _cmd_validate(args: argparse.Namespace) -> int:
    from sat.io import load_case

    status, report = EXIT_OK, []
    for path in args.cases:
        notes: list[Any] = []
        try:
            case = load_case(path, notes=notes)
        except CaseError as exc:
            status = EXIT_INVALID
            report.append(
                {"file": path, "valid": False, "problems": [p.to_dict() for p in exc.problems]}
            )
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        unrated = sum(len(case.hypotheses) - len(e.ratings) for e in case.evidence)
        summary = {
            "file": path,
            "valid": True,
            "id": case.id,
            "hypotheses": len(case.hypotheses),
            "evidence": len(case.evidence),
            "sources": len(case.sources),
            "unrated_cells": unrated,
            "problems": [],
            "notes": [n.to_dict() for n in notes],
        }
        report.append(summary)
        for note in notes:
            print(f"sat: note: {note}", file=sys.stderr)
        if not args.json:
            print(
                f"{path}: valid case '{case.id}': {summary['hypotheses']} hypotheses, "
                f"{summary['evidence']} evidence items, {summary['sources']} sources"
                + (f", {unrated} unrated cells" if unrated else "")
            )
    if args.json:
        _print_json(report if len(report) > 1 else report[0])
    return status


def _cmd_ach(args: argparse.Namespace) -> int:
    import pandas as pd

    result = _analyse(args).ach
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    hyp = result.hypotheses.sort_values("rank", kind="stable")
    table = hyp[
        ["label", "inconsistency", "weighted_inconsistency", "consistency", "rank", "steps_to_lead"]
    ]
    table = table.rename(columns={"weighted_inconsistency": "weighted", "steps_to_lead": "steps"})
    with pd.option_context(
        "display.width", 120, "display.max_colwidth", 40, "display.precision", 2
    ):
        print(table.to_string())
        leader = " = ".join(result.leader)
        print(f"\nleader: {leader}" + (" (tied)" if result.tied else ""))
        if result.margin is not None and not result.tied:
            print(
                f"margin: {result.margin} one-step rating change(s) to bring "
                f"{', '.join(result.closest_challengers)} level"
            )
        ev = result.evidence
        print("\nmost diagnostic evidence:")
        print(
            ev[["weight", "diagnosticity", "weighted_diagnosticity", "linchpin"]]
            .head(args.top)
            .to_string()
        )
    print(f"\nlinchpins: {', '.join(result.linchpins) or 'none'}")
    print(f"not diagnostic: {', '.join(result.non_diagnostic) or 'none'}")
    if result.unrated:
        print(f"unrated cells: {len(result.unrated)}")
    if result.probability_cells:
        print(f"probability cells (not in these scores): {result.probability_cells}")
    return EXIT_OK


def _table(frame: Any, columns: list[str], width: int = 48) -> str:
    """A frame as aligned text: sequences joined, None blank, long text cut, numbers to 2-3 places."""
    import pandas as pd

    def cell(value: Any) -> Any:
        if isinstance(value, tuple | list):
            value = ", ".join(map(str, value))
        if value is None:
            return ""
        if isinstance(value, str) and len(value) > width:
            return value[: width - 1] + "…"
        return value

    shown = frame[columns].copy()
    for column in columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].map(cell)
        elif pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].round(3)
    with pd.option_context("display.width", 200, "display.precision", 3):
        return shown.to_string()


def _cmd_assumptions(args: argparse.Namespace) -> int:
    result = _analyse(args).assumptions
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    if result.table.empty:
        print("The case lists no assumptions (add an `assumptions:` section).")
        return EXIT_OK
    print(_table(result.table, ["statement", "rating", "impact", "risk", "supports", "linchpin"]))
    print(
        f"\nlinchpins (insecure, and the leading judgement depends on them): "
        f"{', '.join(result.linchpins) or 'none'}"
    )
    for a, row in result.table.iterrows():
        if row["evidence"]:
            moved = ", ".join(f"{h} {b}->{n}" for h, (b, n) in row["ranking_change"].items())
            print(
                f"dropping {a} ({row['evidence']}) from the matrix: leader "
                f"{' = '.join(row['leader_if_dropped'])}; {moved or 'no rank moves'}"
            )
    for a, missing in result.incomplete.items():
        print(f"incomplete: {a}: unanswered {', '.join(missing)}")
    return EXIT_OK


def _cmd_quality(args: argparse.Namespace) -> int:
    result = _analyse(args).quality
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    print(_table(result.sources, ["reliability", "group", "items", "sole_source_items", "share"]))
    if result.unsourced_share:
        print(f"unsourced items carry {result.unsourced_share:.0%} of the score")
    print(f"\nsingle-source items: {', '.join(result.single_source) or 'none'}")
    print(f"corroborated by independent sources: {', '.join(result.corroborated) or 'none'}")
    ev = result.evidence
    for e in result.critical:
        print(f"re-check {e}: {'; '.join(ev.at[e, 'reasons'])}")
    sourcing = result.sourcing
    if sourcing.get("share") is not None:
        print(
            f"sourcing of the lead: {sourcing['level']} ({sourcing['share']:.0%} of the "
            f"{sourcing['basis']} is well sourced)"
        )
    return EXIT_OK


def _cmd_gaps(args: argparse.Namespace) -> int:
    result = _analyse(args).gaps
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    print("listed by the analyst:")
    for gap in result.listed or ["(none)"]:
        print(f"  - {gap}")
    print("found in the data:")
    for gap in result.found or ["(none)"]:
        print(f"  - {gap}")
    if result.absences:
        print(f"expected evidence recorded as absent: {', '.join(result.absences)}")
    return EXIT_OK


def _cmd_indicators(args: argparse.Namespace) -> int:
    result = _analyse(args, since=args.since).indicators
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    print(
        _table(
            result.by_hypothesis,
            ["indicators", "observed", "contradicted", "open", "share_observed"],
        )
    )
    if not result.warnings.empty:
        print("\nobserved and cutting against the leader:")
        print(_table(result.warnings, ["hypothesis", "why", "description"], width=60))
    if not result.watch.empty:
        print("\nwould shift the judgement (not yet observed):")
        print(_table(result.watch, ["hypothesis", "why", "description"], width=60))
    if result.since is not None:
        print(f"\nchanged since {result.since}: {', '.join(result.changed) or 'nothing'}")
    if result.uncovered:
        print(f"hypotheses with no indicators: {', '.join(result.uncovered)}")
    return EXIT_OK


def _cmd_bias(args: argparse.Namespace) -> int:
    result = _analyse(args).bias
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    for f in result.findings:
        print(f"[{f.severity}] {f.bias}\n  found: {f.facts}\n  test:  {f.action}")
    if not result.findings:
        print("no bias detector fired")
    print(f"\nclean: {', '.join(result.passed) or 'none'}")
    if result.unanswered:
        print(f"checklist questions unanswered: {', '.join(result.unanswered)}")
    return EXIT_OK


def _cmd_advocacy(args: argparse.Namespace) -> int:
    result = _analyse(args, challenger=args.challenger).advocacy
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    if result.leader is not None:
        print(f"the case for {result.challenger} against {result.leader}:")
    for line in result.case_against:
        print(f"  - {line}")
    return EXIT_OK


def _cmd_deception(args: argparse.Namespace) -> int:
    result = _analyse(args).deception
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    if result.subjects.empty:
        print("no deception checklist is answered in the case (add a `deception:` section)")
        return EXIT_OK
    print(_table(result.subjects, ["kind", "answered", "score", "risk", "manipulability"]))
    for subject, row in result.subjects.iterrows():
        for reason in row["reasons"]:
            print(f"  {subject}: {reason}")
    if not result.exposed.empty:
        print(f"exposed evidence (manipulable sources): {', '.join(result.exposed.index)}")
    if result.add_hypothesis is not None:
        verdict = (
            "add a deception hypothesis"
            if result.add_hypothesis
            else "no deception hypothesis needed now"
        )
        print(f"{verdict}: {result.reason}")
    return EXIT_OK


def _cmd_bayes(args: argparse.Namespace) -> int:
    analysis = _analyse(args)
    result, conf = analysis.bayes, analysis.confidence
    if args.json:
        _print_json({**result.to_dict(), "confidence": conf.to_dict()})
        return EXIT_OK
    table = result.hypotheses.sort_values("posterior", ascending=False)
    print(
        _table(
            table, ["label", "prior", "posterior", "low", "high", "p_most_likely", "likelihood"], 36
        )
    )
    print(f"\n{result.leader} is {result.estimate} (UK yardstick: {result.estimate.uk}).")
    print(conf.sentence)
    if result.runner_up:
        print(f"\nwhat moved it ({result.leader} against {result.runner_up}), largest first:")
        print(_table(result.trace.head(args.top), ["llr", "factor", "favours", "summary"], 60))
    return EXIT_OK


def _cmd_wep(args: argparse.Namespace) -> int:
    from sat.language import words
    from sat.scales import parse_probability

    try:
        estimate = words(parse_probability(args.probability), uk=True)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        _print_json(estimate.to_dict())
        return EXIT_OK
    print(
        f"{estimate.probability:g}: {estimate.likelihood} / {estimate.probability_term} ({estimate.range}, ICD 203)"
    )
    print(f"UK yardstick: {estimate.uk}")
    return EXIT_OK


def _cmd_scenarios(args: argparse.Namespace) -> int:
    result = _analyse(args).scenarios
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    if result.scenarios.empty and result.futures is None:
        print("the case models no scenarios (add `events:` and `scenarios:` sections)")
        return EXIT_OK
    for s, row in result.scenarios.iterrows():
        print(
            f"{s} {row['name']} ({row['kind']}): {row['probability']:.3f}, {row['likelihood']} ({row['range']})"
        )
        print(f"    {row['chain']}")
        if row["signposts"]:
            print("    signposts: " + ", ".join(f"{i} ({st})" for i, st in row["signposts"]))
    if result.futures is not None:
        print("\nalternative futures:")
        print(result.futures.round(3).to_string())
    for check in result.checks:
        print(f"check: {check}")
    return EXIT_OK


def _cmd_network(args: argparse.Namespace) -> int:
    result = _analyse(args).network
    written = {}
    if args.graphml:
        written["graphml"] = str(result.write_graphml(args.graphml))
    if args.gexf:
        written["gexf"] = str(result.write_gexf(args.gexf))
    paths = None
    if args.path:
        try:
            paths = result.paths(*args.path, k=args.k)
        except KeyError as exc:
            raise UsageError(str(exc).strip("'\"")) from None
    if args.json:
        _print_json(
            {
                **result.to_dict(),
                **({"paths": paths} if paths is not None else {}),
                "written": written,
            }
        )
        return EXIT_OK
    if result.actors.empty:
        print("the case lists no actors (add `actors:` and `relations:` sections)")
        return EXIT_OK
    print(
        _table(
            result.actors,
            ["name", "kind", "influence", "degree", "betweenness", "community", "camp"],
            30,
        )
    )
    for name, members in result.camps.items():
        print(f"{name}: {', '.join(members)}")
    if result.frustrated:
        print("ties across the camps: " + ", ".join(f"{a}-{b}" for a, b in result.frustrated))
    if result.brokers:
        print(f"brokers between the camps: {', '.join(result.brokers)}")
    if paths is not None:
        print(f"influence paths {args.path[0]} -> {args.path[1]}:")
        for path in paths or [["(none)"]]:
            print("  " + " -> ".join(path))
    for kind, path in written.items():
        print(f"wrote {kind}: {path}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sat.io.files import write_atomic

    case = _load(args.case)
    target = Path(args.output) if args.output else Path(args.case).with_suffix(f".{args.to}")
    if target.resolve() == Path(args.case).resolve():
        raise UsageError(
            f"refusing to overwrite the case file itself: give -o another path than {target}"
        )
    warnings: list[str] = []
    if args.to == "json":
        write_atomic(
            target, json.dumps(case.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
        )
    elif args.to == "csv":
        from sat.io.matrix import write_csv

        write_csv(case, target)
        warnings.append(
            "the CSV matrix holds the evidence and ratings only (no assumptions, sources' grades, ...)"
        )
    elif args.to == "xlsx":
        from sat.io.matrix import write_xlsx

        write_xlsx(case, target)
        warnings.append(
            "the .xlsx matrix holds the evidence and ratings only (no assumptions, sources' grades, ...)"
        )
    else:
        from sat.io.parc import write_achz

        _, warnings = write_achz(case, target)
    for warning in warnings:
        print(f"sat: note: {warning}", file=sys.stderr)
    if args.json:
        _print_json({"file": str(target), "format": args.to, "warnings": warnings})
    else:
        where = "" if args.output else " (beside the case file; -o PATH writes elsewhere)"
        print(f"wrote {target}{where}")
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from sat.analysis import analyse
    from sat.io.versions import load_version
    from sat.techniques import diff

    result = diff.compare(analyse(load_version(args.old)), analyse(load_version(args.new)))
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    for line in result.explanation:
        print(line)
    if not result.changes.empty:
        print()
        print(result.changes.to_string(index=False))
    hyp = result.hypotheses
    print()
    print(_table(hyp, list(hyp.columns), 20))
    return EXIT_OK


def _cmd_consensus(args: argparse.Namespace) -> int:
    result = _analyse(args).consensus
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    if not result.analysts:
        print("no analyst's own ratings in the case (add `analyst_ratings` to evidence items)")
        return EXIT_OK
    print(f"analysts: {', '.join(result.analysts)}")
    for name, leader in result.leaders.items():
        print(f"  {name}: leader {' = '.join(leader)}")
    print("\ncells to discuss first:")
    cells = result.cells.head(args.top).reset_index()
    cells["votes"] = cells["votes"].map(lambda v: ", ".join(f"{k} {c}" for k, c in v.items()))
    print(
        _table(
            cells.set_index(["evidence", "hypothesis"]),
            ["votes", "disagreement", "band", "opposition", "consensus"],
            60,
        )
    )
    print("\nweighted inconsistency, each analyst and the consensus:")
    print(result.side_by_side.round(2).to_string())
    if args.method == "opensynthesis":
        print("\nOpen Synthesis scores:")
        print(result.open_synthesis.round(3).to_string())
    return EXIT_OK


def _report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pdf", action="store_true", help="also print brief.pdf with headless Chromium")
    p.add_argument(
        "-p",
        "--parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a brief notebook parameter, e.g. -p min_credibility=M; repeat a name for several runs",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        metavar="S",
        help="seconds a notebook cell may run before the case is stopped (default 600)",
    )
    p.add_argument(
        "--notebook",
        metavar="PATH",
        help="a brief notebook of your own instead of notebooks/brief.ipynb",
    )


def _cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sat.report.batch import parse_parameters
    from sat.report.render import render_record

    (parameters, *more) = parse_parameters(args.parameter)
    if more:
        raise UsageError("sat report takes one value per parameter; use sat batch for several")
    status, written = EXIT_OK, []
    for path in args.cases:
        out = args.output
        if out is not None and len(args.cases) > 1:
            out = str(Path(out) / Path(path).stem)
        record = render_record(
            path,
            out,
            parameters=parameters,
            pdf=args.pdf,
            timeout=args.timeout,
            notebook=args.notebook,
        )
        if record["status"] == "invalid":
            status = max(status, EXIT_INVALID)
            for problem in record["problems"]:
                print(problem, file=sys.stderr)
        elif record["status"] == "failed":
            status = EXIT_RENDER
            print(f"{path}: {record['error']}", file=sys.stderr)
        elif not args.json:
            wrote = [Path(record["html"]).resolve()] + (
                [Path(record["pdf"]).resolve()] if record["pdf"] else []
            )
            print(f"{path}: wrote {' and '.join(map(str, wrote))}")
        written.append(record)
    if args.json:
        _print_json(written)
    return status


def _cmd_batch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sat.paths import BRIEF_NOTEBOOK
    from sat.report.batch import parse_parameters, plan, run_batch, write_index
    from sat.report.render import check_parameters

    notebook = Path(args.notebook) if args.notebook else BRIEF_NOTEBOOK
    sets = parse_parameters(args.parameter)
    for parameters in sets:
        check_parameters({"case_path": None, **parameters}, notebook)
    if args.pdf:
        from sat.errors import MissingToolError
        from sat.report.pdf import INSTALL_HINT, find_chromium

        if find_chromium() is None:
            raise MissingToolError(INSTALL_HINT)
    out_root = Path(args.output)
    jobs = plan(args.cases, out_root, sets)
    finished = []
    try:
        outcomes = run_batch(
            jobs,
            workers=args.workers,
            timeout=args.timeout,
            pdf=args.pdf,
            notebook=notebook,
            progress=False if args.json else None,
            on_done=finished.append,
            scheduler=args.scheduler,
        )
    except KeyboardInterrupt:
        index = write_index(finished, out_root)
        print(
            f"sat: interrupted: {len(finished)} of {len(jobs)} briefs finished; every worker "
            f"and kernel stopped; index: {index}",
            file=sys.stderr,
        )
        return 130
    index = write_index(outcomes, out_root)
    failed = [o for o in outcomes if not o.ok]
    if args.json:
        _print_json({"index": str(index), "briefs": [o.to_dict() for o in outcomes]})
    else:
        print(f"{len(outcomes) - len(failed)} of {len(outcomes)} briefs rendered; index: {index}")
        for outcome in failed:
            where = f" (see {outcome.notebook})" if outcome.notebook else ""
            print(
                f"  {outcome.status}: {outcome.job.case_path}: {outcome.message}{where}",
                file=sys.stderr,
            )
    if any(o.status in ("failed", "timeout") for o in failed):
        return EXIT_RENDER
    return EXIT_INVALID if failed else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sat.io.files import write_atomic
    from sat.paths import SCHEMA
    from sat.schema import case_schema_text

    if args.output is None:  # the checkout's copy, or here when sat is installed elsewhere
        args.output = str(SCHEMA if SCHEMA.parent.is_dir() else Path(SCHEMA.name))
    text = case_schema_text()
    if args.check:
        current = (
            Path(args.output).read_text(encoding="utf-8") if Path(args.output).exists() else ""
        )
        if current != text:
            print(f"{args.output}: out of date; run `sat schema` to regenerate it", file=sys.stderr)
            return EXIT_INVALID
        if args.json:
            _print_json({"file": args.output, "current": True})
        return EXIT_OK
    write_atomic(Path(args.output), text)
    if args.json:
        _print_json({"file": args.output, "written": True})
    else:
        print(f"wrote {args.output}")
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from sat.io.template import new_case

    path = new_case(args.case_id, args.output)
    if args.json:
        _print_json({"file": str(path), "id": args.case_id})
    else:
        print(f"wrote {path}")
        print(f"next: edit it, then `sat validate {path}` and `sat report {path}`")
    return EXIT_OK


def _cmd_notebook(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from sat.paths import notebook_names
    from sat.report.batch import parse_parameters
    from sat.report.render import write_notebook

    if args.name is None:
        names = notebook_names()
        if args.json:
            _print_json({"notebooks": names})
        else:
            print("\n".join(names))
        return EXIT_OK
    (parameters, *more) = parse_parameters(args.parameter)
    if more:
        raise UsageError("give each parameter once")
    if args.case is not None:
        if not Path(args.case).is_file():
            raise UsageError(f"{args.case}: no such case file")
        # relative to the notebook's folder, where its kernel starts
        parameters["case_path"] = os.path.relpath(
            Path(args.case).resolve(), Path(args.output).resolve()
        )
    path = write_notebook(args.name, args.output, parameters, overwrite=args.force)
    if args.json:
        _print_json({"file": str(path), "notebook": path.stem, "parameters": parameters})
    else:
        print(f"wrote {path}")
    return EXIT_OK


def _iso_date(text: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    from sat import __version__

    parser = argparse.ArgumentParser(
        prog="sat",
        description="Structured analytic techniques on a plain-text case file.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sat {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_text: str, description: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=description,
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("--json", action="store_true", help="print machine-readable JSON on stdout")
        return p

    p = command(
        "validate",
        "check case files and report every problem",
        "Load each case file (.yaml, .yml, .csv, .xlsx) and report every problem in one pass,\n"
        "one line each: FILE:LINE: FIELD: MESSAGE. Exit 1 if any file is invalid.",
    )
    p.add_argument("cases", nargs="+", metavar="CASE", help="case files to check")
    p.set_defaults(run=_cmd_validate)

    p = command(
        "ach",
        "score the ACH matrix: ranking, diagnosticity, sensitivity",
        "Analysis of Competing Hypotheses (Heuer, ch. 8; PARC ACH 2.0 weighting).\n"
        "Ranks hypotheses by weighted inconsistency (lower is better; consistency breaks ties),\n"
        "lists evidence by diagnosticity, flags linchpins (items whose removal changes the leader)\n"
        "and the margin (fewest one-step rating changes that would bring a challenger level).\n\n"
        "--json prints {hypotheses: [{id, inconsistency, weighted_inconsistency, consistency, rank,\n"
        "...}], evidence: [{id, diagnosticity, linchpin, ...}], leader: [ids], margin, unrated}.",
    )
    p.add_argument("case", metavar="CASE", help="case file (.yaml, .yml, .csv, .xlsx)")
    p.add_argument("--top", type=int, default=10, help="evidence rows to show (default 10)")
    p.set_defaults(run=_cmd_ach)

    p = command(
        "assumptions",
        "Key Assumptions Check: rated, ranked by risk, linchpins, effect of dropping",
        "Key Assumptions Check (Tradecraft Primer 2009; ratings after Heuer and Pherson).\n"
        "Lists the case's assumptions riskiest first (rating x impact if wrong), calls out\n"
        "linchpins (unsupported or caveated assumptions the leading hypothesis depends on),\n"
        "shows how the ACH ranking moves when an assumption that is also evidence is dropped,\n"
        "and lists assumptions whose challenge questions are unanswered.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.set_defaults(run=_cmd_assumptions)

    p = command(
        "quality",
        "Quality of Information Check: source inventory, corroboration, critical items",
        "Quality of Information Check (Tradecraft Primer 2009). Source inventory with Admiralty\n"
        "grades, items per source and each source's share of the weighted score; independence\n"
        "(sources sharing a publisher or an `origin` are one group); single-source and\n"
        "corroborated items; critical items (linchpins and highly diagnostic items on one\n"
        "independent source or on grades D-F) to re-check; how well the lead is sourced.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.set_defaults(run=_cmd_quality)

    p = command(
        "gaps",
        "information gaps: the analyst's list and those found in the data",
        "Information gaps: the case's own `information_gaps`, plus hypotheses never tested\n"
        "against disconfirming evidence, kinds of evidence never collected, expected evidence\n"
        "recorded as absent, unrated cells and unsourced items.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.set_defaults(run=_cmd_gaps)

    p = command(
        "indicators",
        "indicators and signposts: observed shares, changes, what to watch",
        "Indicators and signposts of change (Tradecraft Primer 2009; Heuer's step 8). Per\n"
        "hypothesis, how many of its indicators are observed; with --since, what changed;\n"
        "the watch list of open indicators that would undermine the leader or support a\n"
        "challenger (closest first); observed indicators already cutting against the leader.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.add_argument(
        "--since",
        metavar="DATE",
        type=_iso_date,
        help="report changes on or after DATE (YYYY-MM-DD)",
    )
    p.set_defaults(run=_cmd_indicators)

    p = command(
        "bias",
        "cognitive bias stress test computed from the case",
        "Cognitive bias stress test (Heuer, chs. 10-14). Each detector has a stated rule\n"
        "(see the module help: python -c 'import sat; help(sat.bias)'): confirmation, source\n"
        "concentration, evidence of uncertain accuracy, premature closure, absence of evidence,\n"
        "anchoring, vividness, base-rate neglect, mirror-imaging. Each finding gives the bias,\n"
        "its severity, the measured facts and the action that would test it; unanswered\n"
        "questions of Heuer's checklist (the case's `checklist:`) are listed.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.set_defaults(run=_cmd_bias)

    p = command(
        "advocacy",
        "devil's advocacy: the strongest case against the leading hypothesis",
        "Devil's advocacy (Tradecraft Primer 2009). The fewest one-step rating changes, and\n"
        "separately the fewest credibility changes, that would put the runner-up (or\n"
        "--challenger) ahead of the leader; the evidence that most separates them; the\n"
        "assumptions the leader rests on.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.add_argument(
        "--challenger", metavar="H", help="the hypothesis to argue for (default: the runner-up)"
    )
    p.set_defaults(run=_cmd_advocacy)

    p = command(
        "deception",
        "deception checks (MOM, POP, MOSES, EVE) weighed per actor and source",
        "Deception checks (Heuer and Pherson). Weighs the case's `deception:` answers into a\n"
        "risk per actor and source with the reasons, lists evidence resting on highly\n"
        "manipulable sources, and says whether a deception hypothesis should be added.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.set_defaults(run=_cmd_deception)

    p = command(
        "bayes",
        "Bayesian ACH: posteriors, intervals, the trace, likelihood and confidence",
        "Bayesian analysis of competing hypotheses. Ratings become P(evidence | hypothesis)\n"
        "(default CC .65, C .55, N .5, I .3, II .1, tempered by credibility; cells holding\n"
        "probabilities are used as given), priors come from the case (uniform by default),\n"
        "posteriors are computed in log space. A seeded Monte Carlo over rating and\n"
        "credibility errors gives 5-95% intervals and how often each hypothesis comes first.\n"
        "Prints the leader's likelihood in ICD 203 words and, separately, the confidence.\n\n"
        "--json prints {hypotheses: [{id, prior, posterior, interval, p_most_likely, likelihood}],\n"
        "leader, trace, monte_carlo, settings, confidence}.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.add_argument("--top", type=int, default=8, help="trace rows to show (default 8)")
    p.set_defaults(run=_cmd_bayes)

    p = command(
        "wep",
        "words of estimative probability for a number (ICD 203 and UK yardstick)",
        "Print the ICD 203 likelihood and probability terms, with the band's range, and the\n"
        "UK Defence Intelligence yardstick term for a probability (0.62 or 62%).\n"
        "Boundaries belong to the band nearer 50%.",
    )
    p.add_argument("probability", metavar="P", help="a probability: 0.62 or 62%%")
    p.set_defaults(run=_cmd_wep)

    p = command(
        "scenarios",
        "scenarios and alternative futures with coherent probabilities",
        "Scenarios built from the case's events (chain rule: independent events multiply,\n"
        "conditional events chain, chances per period compound), with ICD 203 words,\n"
        "signposts and timelines; the 2x2 of alternative futures; coherence checks.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.set_defaults(run=_cmd_scenarios)

    p = command(
        "network",
        "network influence mapping: influence, brokers, communities, camps, paths",
        "Network influence mapping on the case's actors and relations (networkx): influence\n"
        "(PageRank over the ties that carry it, reversed), degree, betweenness (brokers),\n"
        "eigenvector centrality, communities (greedy modularity on cooperative ties), the two\n"
        "camps of the signed structure with the ties that cut across them, brokers between\n"
        "the camps, and each actor's link to the hypotheses. Export for Gephi with --graphml\n"
        "or --gexf; --path A B lists influence paths.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.add_argument("--graphml", metavar="FILE", help="write the graph as GraphML")
    p.add_argument("--gexf", metavar="FILE", help="write the graph as GEXF (Gephi)")
    p.add_argument(
        "--path", nargs=2, metavar=("FROM", "TO"), help="influence paths between two actor ids"
    )
    p.add_argument("-k", type=int, default=3, help="how many paths (default 3)")
    p.set_defaults(run=_cmd_network)

    p = command(
        "export",
        "write a case as PARC ACH (.achz), CSV or .xlsx matrix, or JSON",
        "Export a case: --to achz (PARC ACH 2.0, gzip UTF-16 XML), csv or xlsx (the matrix\n"
        "interchange format sat reads back), or json (the whole validated case). What a format\n"
        "cannot hold is reported on stderr. Any case sat reads can be exported, so\n"
        "`sat export old.achz --to json` converts too.",
    )
    p.add_argument("case", metavar="CASE", help="case file (.yaml, .csv, .xlsx, .achz)")
    p.add_argument(
        "--to", required=True, choices=["achz", "csv", "xlsx", "json"], help="output format"
    )
    p.add_argument(
        "-o", "--output", metavar="PATH", help="output file (default: CASE with the new suffix)"
    )
    p.set_defaults(run=_cmd_export)

    p = command(
        "diff",
        "what changed between two versions of a case, and why the judgement moved",
        "Compare two versions of a case: hypotheses and evidence added or removed, items and\n"
        "ratings changed; how ranks, scores, posteriors, leader and confidence moved; and which\n"
        "changes moved them (weighted inconsistency is a sum over items, so each change's part\n"
        "is exact). A version is a path or path@rev for the file at a git revision, e.g.\n"
        "sat diff data/cases/x.yaml@HEAD~1 data/cases/x.yaml",
    )
    p.add_argument("old", metavar="OLD", help="the earlier version (path or path@gitrev)")
    p.add_argument("new", metavar="NEW", help="the later version (path or path@gitrev)")
    p.set_defaults(run=_cmd_diff)

    p = command(
        "consensus",
        "many analysts: consensus matrix, ranked disagreements, readings side by side",
        "Consensus among the analysts whose own ratings the case records (analyst_ratings):\n"
        "disagreement per cell (Open Synthesis's measure and bands, and opposition: the share\n"
        "of analyst pairs on opposite sides of neutral), the cells to discuss first, the\n"
        "consensus matrix (median votes) scored with ACH, and each analyst's reading beside it.\n"
        "--method opensynthesis also prints the Open Synthesis scores.",
    )
    p.add_argument("case", metavar="CASE", help="case file")
    p.add_argument(
        "--method", choices=["sat", "opensynthesis"], default="sat", help="scores to show beside"
    )
    p.add_argument("--top", type=int, default=10, help="cells to list (default 10)")
    p.set_defaults(run=_cmd_consensus)

    p = command(
        "report",
        "render the brief of one or more cases to HTML (and PDF)",
        "Execute notebooks/brief.ipynb with papermill (parameter case_path) and convert it\n"
        "to a self-contained HTML page without code. Writes reports/<case-id>/brief.html\n"
        "under the current folder (or -o DIR), with summary.json, matrix.csv and the executed\n"
        "brief.ipynb (kept on failure, failing cell marked), and says where; --pdf adds\n"
        "brief.pdf. Brief parameters: min_credibility (L, M, H: leave out weaker evidence, a\n"
        "sensitivity run), matrix_order (diagnosticity or case) and previous (an earlier\n"
        "version). A run with parameters goes to reports/<case-id>--<name>-<value>/.",
    )
    p.add_argument("cases", nargs="+", metavar="CASE", help="case files to render")
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="output directory (default ./reports/<case-id>/; one subdirectory per case when several)",
    )
    _report_options(p)
    p.set_defaults(run=_cmd_report)

    p = command(
        "batch",
        "render many briefs in parallel, with an index page",
        "Render every CASE (times every parameter set) in parallel: N worker processes each\n"
        "keep a warm kernel and take the briefs in turn. A failing or hung case never stops\n"
        "the others (its worker and kernel are replaced): its executed notebook is kept and\n"
        "listed in OUT/index.html with the error. Repeating -p NAME=VALUE with one name\n"
        "renders one brief per value, e.g. -p min_credibility=L -p min_credibility=H.\n"
        "--scheduler tcp://HOST:8786 sends the briefs to a Dask cluster instead (pip install\n"
        "'sat[dask]'; workers need sat and the same paths, e.g. a shared file system).\n"
        "Ctrl-C stops every worker and kernel and writes the index of what was finished.\n"
        "Exit 0 when all rendered, 1 when some case files were invalid, 3 when a render failed,\n"
        "130 when interrupted.",
    )
    p.add_argument("cases", nargs="+", metavar="CASE", help="case files to render")
    p.add_argument(
        "-o", "--output", default="reports", metavar="DIR", help="output root (default reports/)"
    )
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="briefs rendered at once (default: cores, at most 4)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="a Dask distributed scheduler (e.g. tcp://10.0.0.5:8786) to run the briefs on",
    )
    _report_options(p)
    p.set_defaults(run=_cmd_batch)

    p = command(
        "schema",
        "write the JSON Schema of the case file",
        "Write the JSON Schema generated from the case model, for editors that validate YAML\n"
        "as you type (e.g. a `# yaml-language-server: $schema=...` comment).",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="default data/schema/case.schema.json in a checkout of sat, else ./case.schema.json",
    )
    p.add_argument("--check", action="store_true", help="exit 1 if the file is not current")
    p.set_defaults(run=_cmd_schema)

    p = command(
        "new",
        "start a new case file from a commented template",
        "Write DIR/CASE-ID.yaml: every section of a case file with a note on what goes there\n"
        "and an example line for each. It validates and renders as it is; replace the\n"
        "examples with your own, checking with `sat validate` as you go. Never overwrites.\n"
        "Example: sat new phishing-2026 -o cases/ && sat report cases/phishing-2026.yaml",
    )
    p.add_argument("case_id", metavar="CASE-ID", help="the new case's id, also its file name")
    p.add_argument("-o", "--output", default=".", metavar="DIR", help="folder (default: here)")
    p.set_defaults(run=_cmd_new)

    p = command(
        "notebook",
        "write a copy of one of sat's notebooks, set up for a case",
        "Write DIR/NAME.ipynb, a copy of a notebook that ships with sat (ach, bayes, brief,\n"
        "workbook, ...), to open in JupyterLab. With CASE its case_path parameter points at\n"
        "that case; -p NAME=VALUE sets another parameter. Without NAME, list the notebooks.\n"
        "Example: sat notebook ach cases/phishing-2026.yaml -o work/",
    )
    p.add_argument("name", nargs="?", metavar="NAME", help="the notebook (omit to list them)")
    p.add_argument("case", nargs="?", metavar="CASE", help="case file the notebook analyses")
    p.add_argument("-o", "--output", default=".", metavar="DIR", help="folder (default: here)")
    p.add_argument(
        "-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
        help="another notebook parameter, e.g. -p since=2026-02-01",
    )  # fmt: skip
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(run=_cmd_notebook)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except CaseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except UsageError as exc:
        print(f"sat: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (RenderError, MissingToolError) as exc:
        print(f"sat: {exc}", file=sys.stderr)
        return EXIT_RENDER
    except SatError as exc:
        print(f"sat: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("sat: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
