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

from sat.errors import CaseError, RenderError, SatError

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_RENDER = 0, 1, 2, 3

_EPILOG = """\
exit codes: 0 ok, 1 invalid input, 2 usage error, 3 render failure.
Every command takes --json for scripting; problems always go to stderr.
Docs: README.md. Example: sat ach data/cases/china-japan-dual-use-2026.yaml
"""


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def _cmd_validate(args: argparse.Namespace) -> int:
    from sat.io import load_case

    status, report = EXIT_OK, []
    for path in args.cases:
        try:
            case = load_case(path)
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
        }
        report.append(summary)
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

    from sat.io import load_case
    from sat.techniques import ach

    result = ach.score(load_case(args.case))
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


def _cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sat.report.render import render_brief

    status, written = EXIT_OK, []
    for path in args.cases:
        out = args.output
        if out is not None and len(args.cases) > 1:
            out = str(Path(out) / Path(path).stem)
        try:
            html = render_brief(path, out)
        except CaseError as exc:
            status = max(status, EXIT_INVALID)
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            written.append({"case": path, "ok": False, "error": "invalid case"})
            continue
        except RenderError as exc:
            status = EXIT_RENDER
            print(f"{path}: {exc}", file=sys.stderr)
            written.append({"case": path, "ok": False, "error": str(exc), "notebook": exc.notebook})
            continue
        written.append(
            {
                "case": path,
                "ok": True,
                "html": str(html),
                "notebook": str(html.with_suffix(".ipynb")),
            }
        )
        if not args.json:
            print(f"{path}: {html}")
    if args.json:
        _print_json(written)
    return status


def _cmd_schema(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sat.report.render import write_atomic
    from sat.schema import case_schema_text

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


def build_parser() -> argparse.ArgumentParser:
    from sat import __version__
    from sat.paths import SCHEMA

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
        "report",
        "render the brief of one or more cases to HTML",
        "Execute notebooks/brief.ipynb with papermill (parameter case_path) and convert it\n"
        "to a self-contained HTML page without code. Writes reports/<case-id>/brief.html and\n"
        "the executed brief.ipynb beside it (kept on failure, with the failing cell marked).",
    )
    p.add_argument("cases", nargs="+", metavar="CASE", help="case files to render")
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="output directory (default reports/<case-id>/; one subdirectory per case when several)",
    )
    p.set_defaults(run=_cmd_report)

    p = command(
        "schema",
        "write the JSON Schema of the case file",
        "Write the JSON Schema generated from the case model, for editors that validate YAML\n"
        "as you type (e.g. a `# yaml-language-server: $schema=...` comment).",
    )
    p.add_argument("-o", "--output", default=str(SCHEMA), metavar="PATH", help=f"default {SCHEMA}")
    p.add_argument("--check", action="store_true", help="exit 1 if the file is not current")
    p.set_defaults(run=_cmd_schema)
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
    except RenderError as exc:
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
