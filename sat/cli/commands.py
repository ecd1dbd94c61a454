"""What the commands that are not a technique do: each calls one library function and prints.

A handler's docstring is its command's help (``sat COMMAND --help``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from typing import Any

from sat.errors import CaseError, UsageError

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_RENDER = 0, 1, 2, 3


def utf8(stream: Any) -> bool:
    """Whether a text stream writes UTF-8 (and so can write any character)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding in ("utf8", "utf8sig")


def print_json(data: Any) -> None:
    """Print data as indented JSON on stdout (non-ASCII kept where stdout is UTF-8, escaped as
    \\uXXXX where it is not, so nothing is lost; anything else as its text)."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=not utf8(sys.stdout), default=str)
    sys.stdout.write("\n")


def show(args: argparse.Namespace, data: Any, text: Callable[[], str | None]) -> int:
    """Print ``data`` as JSON with --json, else the text (nothing when it is None)."""
    if args.json:
        print_json(data)
    elif (shown := text()) is not None:
        print(shown)
    return EXIT_OK


#: Output folders this command created (``output_folder``): removed again, if still empty,
#: when the command stops on an error, so a refused run leaves nothing behind.
CREATED: list[Any] = []


def remove_created_folders() -> None:
    """Remove the output folders this command created and left empty (an error stopped it)."""
    import os

    while CREATED:
        with contextlib.suppress(OSError):
            os.rmdir(CREATED.pop())  # only an empty folder: never anything written in it


def output_folder(path: str) -> Any:
    """The output folder, created if needed and checked writable (a file is made and removed in
    it): a ``UsageError`` saying why not (a file in the way, no permission), never a traceback
    half-way through a run."""
    import tempfile
    from pathlib import Path

    folder = Path(path)
    try:
        if not folder.exists() and not folder.is_symlink():
            CREATED.append(folder)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except FileExistsError:
        raise UsageError(f"-o {path}: a file is in the way; give a folder") from None
    except NotADirectoryError:
        raise UsageError(f"-o {path}: part of the path is a file, not a folder") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"-o {path}: cannot write there ({reason.lower()})") from None
    return folder


def load(path: str) -> Any:
    """Load a case, printing its notes (priors rescaled, short matrix rows) to stderr."""
    from sat.io import load_case

    notes: list[Any] = []
    case = load_case(path, notes=notes)
    for note in notes:
        print(f"sat: note: {note}", file=sys.stderr)
    return case


def network_files(result: Any, args: argparse.Namespace) -> dict[str, Any]:
    written = {}
    if args.graphml:
        written["graphml"] = str(result.write_graphml(args.graphml))
    if args.gexf:
        written["gexf"] = str(result.write_gexf(args.gexf))
    if not args.path:
        return {"written": written}
    try:
        paths = result.paths(*args.path, k=args.k)
    except KeyError as exc:
        raise UsageError(str(exc).strip("'\"")) from None
    return {"paths": paths, "written": written} | ({} if args.json else {"ends": args.path})


def review_findings(analysis: Any) -> dict[str, Any]:
    """What ``sat review --json`` gives first: each claim of the review as a finding (``where``,
    ``phrase``, ``problem``, ``analysis``, ``kind``, ``stronger``, ``check``, ``sentence``)."""
    from sat.report.claims.review import as_finding, result_claims

    return {"findings": [as_finding(c) for c in result_claims(analysis.case, analysis.review)]}


def review_status(result: Any) -> int:
    """``sat review``'s exit code: 1 when any of the analyst's words outrun the analysis (or two
    key judgements cannot both hold), as ``sat validate`` exits 1 on an invalid file; else 0."""
    return EXIT_INVALID if result.stronger else EXIT_OK


def validate(args: argparse.Namespace) -> int:
    """Load each case file and report every problem in one pass, one line each:
    FILE:LINE: FIELD: MESSAGE. Stored source texts are checked too: a missing file, a digest
    that no longer matches, a quote not found in its sources' text (with the closest passage).
    Exit 1 if any file is invalid."""
    from sat.io import load_case
    from sat.report.text import validated

    status, report = EXIT_OK, []
    for path in args.cases:
        notes: list[Any] = []
        try:
            case = load_case(path, notes=notes, check_sources=True)
            entry, problems = {"valid": True, **case.counts()}, []
        except CaseError as exc:
            status, entry, problems = EXIT_INVALID, {"valid": False}, list(exc.problems)
        for line in [*problems, *(f"sat: note: {note}" for note in notes)]:
            print(line, file=sys.stderr)
        as_data = {
            "problems": [p.to_dict() for p in problems],
            "notes": [n.to_dict() for n in notes],
        }
        report.append({"file": path, **entry, **as_data})
        if not problems and not args.json:
            print(validated(report[-1]))
    if args.json:
        print_json(report if len(report) > 1 else report[0])
    return status


def source(args: argparse.Namespace) -> int:
    """Bring a saved article into a case: `sat source add CASE FILE [--id S5]`.

    The main text and metadata (title, author, publisher, url, and the date when the document
    states it to the day: never guessed) are extracted without a language model (trafilatura for
    HTML, pypdf for PDF; text and Markdown as written). The text is stored as UTF-8 beside the case
    (default: sources/<case-id>/ next to the case file's folder, data/sources/<id>/ for
    data/cases/<id>.yaml; --folder must be inside the case's folder or that one; the original HTML
    or PDF is kept beside it; a name already taken gets -2, nothing is replaced), and a source
    entry with its sha256 is added to the case through the round-trip editor, so comments and
    order survive. The grade is yours: --reliability B --reason "..." grades it as it is added;
    without them it is left ungraded (reported as such, never defaulted). Then `sat quotes CASE`
    proposes quotes for the items you cite it in."""
    from sat.io.ingest import add_source
    from sat.report.text import sources

    added = add_source(
        args.case,
        args.file,
        source_id=args.source_id,
        folder=args.folder,
        reliability=args.reliability,
        reason=args.reason,
    )
    for note in added.notes:  # a date left out rather than guessed
        print(f"sat: note: {note}", file=sys.stderr)
    return show(args, added.to_dict(), lambda: sources(added))


def quotes(args: argparse.Namespace) -> int:
    """Propose, for each item without a quote (or the one named by --evidence), the passages of its
    sources' stored text most like its summary, ranked by BM25, with their scores. Read them, then
    accept one with `--evidence E07 --accept N`: it is written as the item's quote (round-trip
    editor: comments and order kept) and checked at once like every quote."""
    from pathlib import Path

    from sat.io.quotes import candidates
    from sat.io.sources import verify
    from sat.report.text import quotes as shown

    case = load(args.case)
    if args.accept is not None and not args.evidence:
        raise UsageError("--accept needs --evidence: the item whose quote to set")
    if args.evidence and args.evidence not in {e.id for e in case.evidence}:
        known = ", ".join(e.id for e in case.evidence[:12])
        raise UsageError(f"no evidence item '{args.evidence}' in {args.case} (known: {known}, ...)")
    found = verify(case, Path(args.case).parent)
    if found.unusable:  # a stored text missing, refused or unreadable: located, as validate says
        from sat.io import load_case

        load_case(args.case, check_sources=True)  # raises CaseError listing every problem
    items = [args.evidence] if args.evidence else list(found.unquoted)
    proposed = {e: candidates(case, found, e, args.top) for e in items}
    if args.accept is not None:
        options = proposed[args.evidence]
        if not 1 <= args.accept <= len(options):
            raise UsageError(
                f"--accept {args.accept}: {args.evidence} has {len(options)} candidate(s)"
            )
        chosen = options[args.accept - 1]
        from sat.io.document import CaseDocument

        doc = CaseDocument(args.case)
        doc.set_field(
            "evidence", args.evidence, "quote", [*case.item(args.evidence).quote, chosen.passage]
        )
        doc.save()
        from sat.io import load_case

        load_case(args.case, check_sources=True)  # the quote is checked like every other
        data = {"accepted": chosen.to_dict()}
        return show(
            args, data, lambda: f"{args.evidence}: quote set from {chosen.source}: {chosen.passage}"
        )
    data = {"candidates": {e: [c.to_dict() for c in cs] for e, cs in proposed.items()}}
    return show(args, data, lambda: shown(proposed))


def wep(args: argparse.Namespace) -> int:
    """The ICD 203 likelihood and probability terms, with the band's range, and the UK
    yardstick term for a probability (0.62 or 62%). A boundary belongs to the band nearer 50%."""
    from sat.language import words
    from sat.report.text import wep
    from sat.scales import parse_probability

    try:
        estimate = words(parse_probability(args.probability), uk=True)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return show(args, estimate.to_dict(), lambda: wep(estimate))


def export(args: argparse.Namespace) -> int:
    """Export a case (any format sat reads) as PARC ACH 2.0 (.achz), the CSV or .xlsx matrix,
    or JSON (the whole validated case); what a format cannot hold is noted on stderr.
    --to excalibur writes the case's quantities as an Excalibur study, NAME.dtt and NAME.rls
    (each analyst's latest answers; docs/experts.md)."""
    from pathlib import Path

    from sat.io.export import export

    suffix = "dtt" if args.to == "excalibur" else args.to  # and NAME.rls beside it
    target = Path(args.output or Path(args.case).with_suffix(f".{suffix}"))
    if target.resolve() == Path(args.case).resolve():
        raise UsageError(
            f"refusing to overwrite the case file itself: give -o another path than {target}"
        )
    warnings = export(load(args.case), args.to, target)
    for warning in warnings:
        print(f"sat: note: {warning}", file=sys.stderr)
    where = "" if args.output else " (beside the case file; -o PATH writes elsewhere)"
    data = {"file": str(target), "format": args.to, "warnings": warnings}
    written = str(target)
    if args.to == "excalibur":
        rls = target.with_suffix(".rls") if target.suffix == ".dtt" else Path(f"{target}.rls")
        target = target if target.suffix == ".dtt" else Path(f"{target}.dtt")
        data |= {"file": str(target), "files": [str(target), str(rls)]}
        written = f"{target} and {rls}"
    return show(args, data, lambda: f"wrote {written}{where}")


def diff(args: argparse.Namespace) -> int:
    """Compare two versions of a case (a path, or path@rev for a git revision): what changed,
    how ranks, scores, posteriors, leader and confidence moved, and which changes moved them."""
    from sat import diff
    from sat.analysis import analyse
    from sat.io.versions import load_version
    from sat.report import text
    from sat.report.claims import diff_claims

    result = diff.run(analyse(load_version(args.old)), analyse(load_version(args.new)))
    said = [c.to_dict() for c in diff_claims(result)]  # the movement in sentences, with their kinds
    return show(args, {**result.to_dict(), "claims": said}, lambda: text.diff(result))


def report(args: argparse.Namespace) -> int:
    """Render each case's brief (sat's brief notebook, run by papermill) to a self-contained
    HTML page in ./reports/<case-id>/ (or -o DIR), beside summary.json, matrix.csv and the
    executed notebook (kept, failing cell marked, when it fails); --pdf adds brief.pdf. A run
    with -p parameters (min_credibility, matrix_order, previous) gets <case-id>--<name>-<value>/."""
    from pathlib import Path

    from sat.run.render import render_cases

    if args.output is not None:
        output_folder(args.output)
    status, records = EXIT_OK, []
    options = {"pdf": args.pdf, "timeout": args.timeout, "notebook": args.notebook}
    for record in render_cases(args.cases, args.output, args.parameter, **options):
        records.append(record)
        if record["status"] == "invalid":
            status = max(status, EXIT_INVALID)
            print("\n".join(record["problems"]), file=sys.stderr)
        elif record["status"] == "failed":
            status = EXIT_RENDER
            print(f"{record['case']}: {record['error']}", file=sys.stderr)
        elif not args.json:
            wrote = [str(Path(record[kind]).resolve()) for kind in ("html", "pdf") if record[kind]]
            print(f"{record['case']}: wrote {' and '.join(wrote)}")
    if args.json:
        print_json(records)
    return status


@contextlib.contextmanager
def _stopped_by_signals():
    """While a batch runs, SIGTERM and SIGHUP stop it as Ctrl-C does (every worker and kernel
    stopped, the index of what finished written); yields the list the signal number goes in."""
    import signal

    received: list[int] = []

    def stop(signum: int, frame: Any) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    handled = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s]
    previous = {s: signal.signal(s, stop) for s in handled}
    try:
        yield received
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def batch(args: argparse.Namespace) -> int:
    """Render every CASE, times every parameter set (-p NAME=VALUE, a name repeated for one
    brief per value), in parallel, each worker keeping a warm kernel, with OUT/index.html. A
    failing or hung case never stops the others. --scheduler sends the briefs to a Dask
    cluster (pip install 'sat[dask]'). Ctrl-C, SIGTERM or SIGHUP stops every worker and kernel
    and writes the index of what finished. --register adds the team's track record from a judgement register to the
    index. Exit 0 all rendered, 1 invalid cases, 3 a render failed, 130 Ctrl-C, 143 SIGTERM,
    129 SIGHUP."""
    from sat.run.batch import render_many

    output_folder(args.output)
    register = None
    if args.register:
        from sat.io.register import read_register

        register = read_register(args.register)  # a bad register stops the run before it starts
    with _stopped_by_signals() as received:
        run = render_many(
            args.cases,
            args.output,
            args.parameter,
            workers=args.workers,
            timeout=args.timeout,
            pdf=args.pdf,
            notebook=args.notebook,
            scheduler=args.scheduler,
            progress=False if args.json else None,
            register=register,
        )
    finished = f"{len(run.outcomes) - len(run.failed)} of {run.planned} briefs"
    if run.interrupted:
        import signal

        signum = received[0] if received else signal.SIGINT
        how = (
            "interrupted"
            if signum == signal.SIGINT
            else f"stopped by {signal.Signals(signum).name}"
        )
        print(
            f"sat: {how}: {len(run.outcomes)} of {run.planned} briefs finished; every "
            f"worker and kernel stopped; index: {run.index}",
            file=sys.stderr,
        )
        return 128 + int(signum)
    data = {"index": str(run.index), "briefs": [o.to_dict() for o in run.outcomes]}
    show(args, data, lambda: f"{finished} rendered; index: {run.index}")
    for o in [] if args.json else run.failed:
        where = f" (see {o.notebook})" if o.notebook else ""
        print(f"  {o.status}: {o.job.case_path}: {o.message}{where}", file=sys.stderr)
    if any(o.status in ("failed", "timeout") for o in run.failed):
        return EXIT_RENDER
    return EXIT_INVALID if run.failed else EXIT_OK


def schema(args: argparse.Namespace) -> int:
    """Write the JSON Schema generated from the case model, for editors that validate YAML as
    you type (a `# yaml-language-server: $schema=...` comment); --check only compares."""
    from sat.schema import write_schema

    path, current = write_schema(args.output, check=args.check)
    if not current:
        print(f"{path}: out of date; run `sat schema` to regenerate it", file=sys.stderr)
        return EXIT_INVALID
    data = {"file": str(path), "current" if args.check else "written": True}
    return show(args, data, lambda: None if args.check else f"wrote {path}")


def new(args: argparse.Namespace) -> int:
    """Write DIR/CASE-ID.yaml: every section of a case file, with a note on what goes there and
    an example line each. It validates and renders as it is. Never overwrites."""
    from sat.io.template import new_case

    path = new_case(args.case_id, args.output)
    next_step = f"next: edit it, then `sat validate {path}` and `sat report {path}`"
    return show(args, {"file": str(path), "id": args.case_id}, lambda: f"wrote {path}\n{next_step}")


def notebook(args: argparse.Namespace) -> int:
    """Write DIR/NAME.ipynb, a copy of a notebook that ships with sat, to open in JupyterLab;
    with CASE, its case_path points at that case. Without NAME, list the notebooks."""
    from sat.paths import notebook_names
    from sat.report.notebooks import notebook_for_case

    if args.name is None:
        names = notebook_names()
        return show(args, {"notebooks": names}, lambda: "\n".join(names))
    path, parameters = notebook_for_case(
        args.name, args.case, args.output, args.parameter, overwrite=args.force
    )
    data = {"file": str(path), "notebook": path.stem, "parameters": parameters}
    return show(args, data, lambda: f"wrote {path}")


def iso_date(text: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def positive_number(text: str) -> float:
    """A finite number above 0 (seconds, a factor): ``nan``, ``inf``, 0 and below are refused."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"'{text}' must be a finite number above 0")
    return value
