"""The ``sat`` command line: one table of commands, each a library call and a printer.

A technique's command reads its result from ``sat.analyse`` and prints it with
the function of the same name in ``sat.report.text`` (``--json``: the result's
part of ``Analysis.to_dict``); its help is the technique module's docstring.
The other commands are the handlers below, whose docstrings are their help.

Exit codes: 0 success; 1 invalid input (every problem printed, one per line, to
stderr), or for ``sat review`` words stronger than the analysis; 2 usage error; 3 a brief
failed to render.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sat import registry
from sat.cli import commands, numbers, track
from sat.cli.commands import EXIT_INVALID, EXIT_OK, EXIT_RENDER, EXIT_USAGE, load, print_json
from sat.cli.terminal import escaped_streams
from sat.errors import CaseError, MissingToolError, RenderError, SatError, UsageError

_EPILOG = """\
exit codes: 0 ok, 1 invalid input (sat review: words stronger than the analysis), 2 usage
error, 3 render failure.
Every command takes --json for scripting; problems always go to stderr.
Reference: docs/ (make docs). Example: sat ach data/cases/china-japan-dual-use-2026.yaml
"""


def arg(*flags: str, **options: Any) -> tuple[tuple[str, ...], dict[str, Any]]:
    """An argument of a command, as ``argparse.ArgumentParser.add_argument`` takes it."""
    return flags, options


@dataclass(frozen=True)
class Command:
    """A command: its name, a line for ``sat --help``, its arguments, and what runs it.

    ``run`` is None for a technique: the command prints ``Analysis.<name>``
    (and the results in ``shown_with``) with ``sat.report.text.<name>``,
    handing the options named in ``analyse`` to ``sat.analyse`` and those in
    ``view`` to the printer. ``files`` writes what options ask for and returns
    what it adds to the output (``sat network --graphml``); ``given`` reads what the analysis needs
    beside the case (``sat estimates --register``: the weights earned there), and ``prepare`` changes
    the case file before it is read (``sat quantities --import`` adds a study to it). ``data`` gives what its
    ``--json`` adds from the analysis (``sat review``'s findings), and ``status`` its exit code
    from the result (``sat review``: 1 when the analyst's words outrun the analysis).
    """

    name: str
    summary: str
    arguments: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = ()
    run: Callable[[argparse.Namespace], int] | None = None
    analyse: tuple[str, ...] = ()
    view: tuple[str, ...] = ()
    shown_with: tuple[str, ...] = ()
    files: Callable[[Any, argparse.Namespace], dict[str, Any]] | None = None
    data: Callable[[Any], dict[str, Any]] | None = None
    status: Callable[[Any], int] | None = None
    given: Callable[[argparse.Namespace], dict[str, Any]] | None = None
    prepare: Callable[[argparse.Namespace], None] | None = None


def _technique(command: Command, args: argparse.Namespace) -> int:
    from sat.analysis import analyse
    from sat.report import text

    if command.prepare:
        command.prepare(args)
    given = command.given(args) if command.given else {}
    analysis = analyse(load(args.case), **{k: getattr(args, k) for k in command.analyse}, **given)
    names = (command.name, *command.shown_with)
    results = {name: getattr(analysis, name) for name in names}  # raises what cannot be computed
    added = command.files(results[command.name], args) if command.files else {}
    status = command.status(results[command.name]) if command.status else EXIT_OK
    if args.json:
        from sat.report.claims import claims_of
        from sat.report.data import as_data

        data = as_data(analysis, *names)
        said = claims_of(command.name, analysis)  # the sentences the view says, with their kinds
        claims = {} if said is None else {"claims": [c.to_dict() for c in said]}
        first = command.data(analysis) if command.data else {}
        shown_with = {n: data[n] for n in command.shown_with}
        print_json({**first, **data[command.name], **shown_with, **claims, **added})
        return status
    options = {k: getattr(args, k) for k in command.view} | added
    shown = {name: results[name] for name in command.shown_with}
    view = getattr(text, command.name)
    if "analysis" in inspect.signature(view).parameters:  # views that say the brief's claims
        options["analysis"] = analysis
    print(view(results[command.name], **options, **shown))
    return status


def technique(name: str, *parts: Any, **options: Any) -> Command:
    """The command of a technique in ``sat.registry``, named and summarised by its row."""
    row = registry.technique(name)
    return Command(row.command or name, row.description, *parts, **options)


CASE = arg("case", metavar="CASE", help="case file (.yaml, .yml, .csv, .xlsx, .achz)")
CASES = arg("cases", nargs="+", metavar="CASE", help="case files")
OUT = arg("-o", "--output", default=".", metavar="DIR", help="folder (default: here)")
TOP = {"type": int, "metavar": "N"}

# fmt: off
RENDERING = (
    arg("--pdf", action="store_true", help="also print brief.pdf with headless Chromium"),
    arg("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
        help="a notebook parameter, e.g. -p min_credibility=M; repeat a name for several runs"),
    arg("--timeout", type=commands.positive_number, default=600.0, metavar="S",
        help="seconds a notebook cell may run before the case is stopped (default 600)"),
    arg("--notebook", metavar="PATH", help="a brief notebook of your own instead of sat's"),
)
COMMANDS = (
    Command("validate", "check case files and report every problem", (CASES,), commands.validate),
    technique("ach",
              (CASE, arg("--top", default=10, help="evidence rows to show (default 10)", **TOP)), view=("top",)),
    technique("assumptions", (CASE,)),
    technique("quality", (CASE,)),
    technique("gaps", (CASE,)),
    technique("indicators",
              (CASE, arg("--since", metavar="DATE", type=commands.iso_date, help="report changes on or after DATE (YYYY-MM-DD)")),
              analyse=("since",)),
    technique("bias", (CASE,)),
    technique("advocacy",
              (CASE, arg("--challenger", metavar="H", help="the hypothesis to argue for (default: the one the fewest rating changes would put ahead of the leader)")),
              analyse=("challenger",)),
    technique("deception", (CASE,)),
    technique("bayes",
              (CASE, arg("--top", default=8, help="trace rows to show (default 8)", **TOP)),
              view=("top",), shown_with=("confidence",)),
    technique("confidence", (CASE,)),
    technique("estimates",
              (CASE,
               arg("--pool", choices=["mean", "logodds"], default="mean",
                   help="mean: the arithmetic mean of the coherent sets (default); logodds: the "
                        "log-odds pool with extremizing"),
               arg("--extremize", type=commands.positive_number, default=2.0, metavar="A",
                   help="the log-odds pool's factor a (default 2; 1 does not extremize)"),
               arg("--register", metavar="FILE",
                   help="a judgement register (.csv): also pool with the weights the analysts earned "
                        "there (sat earned), beside the equal-weight pool")),
              analyse=("pool", "extremize"), given=numbers.track_record),
    technique("quantities",
              (CASE, arg("--round", type=numbers.round_number, metavar="N",
                         help="combine the answers as they stood after round N (round 1: the first answers alone; default: each analyst's latest)"),
               arg("--import", dest="study", metavar="STUDY.dtt",
                   help="first add an Excalibur study (and the .rls beside it) to a case without quantities")),
              analyse=("round",), prepare=numbers.import_study),
    technique("experts",
              (arg("case", metavar="CASE", help="a case file with quantities, or an Excalibur study (NAME.dtt)"),
               arg("--alpha", type=numbers.alpha, metavar="A",
                   help="the calibration cut-off (default: the one whose combination scores best)"),
               arg("--round", type=numbers.round_number, metavar="N",
                   help="weigh the answers as they stood after round N (round 1: the first answers alone; default: each analyst's latest)"),
               arg("--out-of-sample", action="store_true",
                   help="fit the weights on 80%% of the seeds, test on the rest, over every split")),
              numbers.experts),
    technique("judgements", (CASE,)),
    Command("register", "add a case's scorable judgements to a register (CSV) to score them later",
            (CASE,
             arg("register", metavar="REGISTER", help="the register file (.csv; created if missing)"),
             arg("--as", "--analyst", dest="analyst", metavar="NAME",
                 help="the name the analysis's own figures are registered under (default: 'the analysis'; "
                      "e.g. the team's); each analyst's own estimates go under their names"),
             arg("--date", type=commands.iso_date, metavar="DATE", help="the date registered (default: today)")),
            track.register),
    Command("resolve", "record whether a registered judgement came true, or the value a quantity took",
            (arg("register", metavar="REGISTER", help="the register file (.csv)"),
             arg("id", metavar="ID", help="the judgement's id, e.g. china-japan-dual-use-2026:H1"),
             arg("--outcome", choices=["yes", "no"], help="yes: it came true; no: it did not"),
             arg("--value", type=track.finite_number, metavar="X",
                 help="a quantity target's realised value, in its unit"),
             arg("--date", type=commands.iso_date, metavar="DATE", help="when it was settled (default: today)")),
            track.resolve),
    technique("earned",
              (arg("register", metavar="REGISTER", help="the register file (.csv)"),),
              numbers.earned),
    technique("calibration",
              (arg("register", metavar="REGISTER", help="the register file (.csv)"),
               arg("--fit", action="store_true", help="fit the recalibration map that would have scored best"),
               arg("--analyst", metavar="NAME", help="score only this analyst's judgements"),
               arg("--chart", metavar="FILE", help="draw the reliability diagram and sharpness (.png or .svg)")),
              track.calibration),
    technique("collect",
              (CASE, arg("--top", default=10, help="indicators to show (default 10)", **TOP)), view=("top",)),
    Command("source", "bring a saved article (HTML, PDF, text) into a case as a source, text stored",
            (arg("action", choices=["add"], help="add: extract the text, store it, register the source"),
             CASE, arg("file", metavar="FILE", help="the saved article (.html, .pdf, .txt, .md)"),
             arg("--id", dest="source_id", metavar="ID", help="the new source's id (default: numbered after the case's own, e.g. S4 after S3)"),
             arg("--folder", metavar="DIR", help="where to store the text (default: sources/<case-id>/)"),
             arg("--reliability", metavar="A-F", help="your Admiralty grade for the source (with --reason)"),
             arg("--reason", metavar="TEXT", help="one line: why that grade")),
            commands.source),
    Command("quotes", "propose the words each item rests on from its sources' text; accept one",
            (CASE, arg("--evidence", metavar="ID", help="one item (default: every item without a quote)"),
             arg("--top", default=3, help="candidates per item (default 3)", **TOP),
             arg("--accept", metavar="N", type=int, help="write candidate N as the item's quote (needs --evidence)")),
            commands.quotes),
    Command("wep", "words of estimative probability for a number (ICD 203 and UK yardstick)",
            (arg("probability", metavar="P", help="a probability: 0.62 or 62%%"),), commands.wep),
    technique("review",
              (CASE,), data=commands.review_findings, status=commands.review_status),
    technique("scenarios", (CASE,)),
    technique("network",
              (CASE, arg("--graphml", metavar="FILE", help="write the graph as GraphML"),
               arg("--gexf", metavar="FILE", help="write the graph as GEXF (Gephi)"),
               arg("--path", nargs=2, metavar=("FROM", "TO"), help="influence paths between two actor ids"),
               arg("-k", default=3, help="how many paths (default 3)", **TOP)), files=commands.network_files),
    Command("export", "write a case as PARC ACH (.achz), CSV or .xlsx matrix, or JSON",
            (CASE, arg("--to", required=True, choices=["achz", "csv", "xlsx", "json", "excalibur"],
                       help="output format (excalibur: NAME.dtt and NAME.rls)"),
             arg("-o", "--output", metavar="PATH", help="output file (default: CASE with the new suffix)")), commands.export),
    technique("diff",
              (arg("old", metavar="OLD", help="the earlier version (path or path@gitrev)"),
               arg("new", metavar="NEW", help="the later version (path or path@gitrev)")), commands.diff),
    technique("consensus",
              (CASE, arg("--method", choices=["sat", "opensynthesis"], default="sat", help="opensynthesis adds its scores"),
               arg("--top", default=10, help="cells to list (default 10)", **TOP)), view=("top", "method")),
    Command("report", "render the brief of one or more cases to HTML (and PDF)",
            (CASES, arg("-o", "--output", metavar="DIR", help="output folder (default ./reports/<case-id>/)"),
             *RENDERING), commands.report),
    Command("batch", "render many briefs in parallel, with an index page",
            (CASES, arg("-o", "--output", default="reports", metavar="DIR", help="output root (default reports/)"),
             arg("--workers", metavar="N", type=int, help="briefs rendered at once (default: cores, at most 4)"),
             arg("--scheduler", metavar="ADDRESS", help="a Dask scheduler, e.g. tcp://10.0.0.5:8786"),
             arg("--register", metavar="FILE", help="a judgement register (.csv): the index shows the team's track record"),
             *RENDERING), commands.batch),
    Command("schema", "write the JSON Schema of the case file",
            (arg("-o", "--output", metavar="PATH", help="default data/schema/case.schema.json in a checkout"),
             arg("--check", action="store_true", help="exit 1 if the file is not current")), commands.schema),
    Command("new", "start a new case file from a commented template",
            (arg("case_id", metavar="CASE-ID", help="the new case's id, also its file name"), OUT), commands.new),
    Command("notebook", "write a copy of one of sat's notebooks, set up for a case",
            (arg("name", nargs="?", metavar="NAME", help="the notebook (omit to list them)"),
             arg("case", nargs="?", metavar="CASE", help="case file the notebook analyses"), OUT,
             arg("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                 help="another notebook parameter, e.g. -p since=2026-02-01"),
             arg("--force", action="store_true", help="replace an existing file")), commands.notebook),
)
# fmt: on


def _help(command: Command) -> str:
    """A command's help: its handler's docstring, or its technique module's without the references."""
    import inspect

    if command.run is not None:
        doc = inspect.getdoc(command.run) or ""
    else:  # read, not imported: `sat --help` stays fast
        from importlib.util import find_spec

        module = registry.technique(command.name).module
        origin = find_spec(module).origin  # type: ignore[union-attr]
        with open(origin, encoding="utf-8") as source:
            doc = inspect.cleandoc(source.read().split('"""')[1])
        doc = doc.split("\nReferences\n---")[0].split("\nExamples\n---")[0].rstrip()
    # a description is printed as written (argparse %-formats it only when it holds "%(prog)")
    return doc.replace("``", "`")


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
    for command in COMMANDS:
        p = sub.add_parser(
            command.name,
            help=command.summary,
            description=_help(command),
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("--json", action="store_true", help="print machine-readable JSON on stdout")
        for flags, options in command.arguments:
            p.add_argument(*flags, **options)
        p.set_defaults(handler=command)
    return parser


def _tolerant_streams() -> None:
    """Where stdout or stderr cannot encode every character (a latin-1 or ASCII terminal), write
    a replacement character for what it cannot show rather than fail (``--json`` escapes instead,
    losing nothing: see ``print_json``)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not commands.utf8(stream):
            reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code. Everything it prints, on stdout and stderr,
    has its control characters escaped (``sat.cli.terminal``)."""
    _tolerant_streams()
    with escaped_streams():
        code = _main(argv)
    if code != commands.EXIT_OK:
        commands.remove_created_folders()  # an error stopped it: no empty folder left behind
    commands.CREATED.clear()
    return code


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    command: Command = args.handler
    try:
        return command.run(args) if command.run else _technique(command, args)
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
    except OSError as exc:  # a file that cannot be read or written: say which, in one line
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"sat: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
