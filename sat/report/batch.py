"""Render many briefs at once: parallel, bounded in time, never stopped by one bad case.

Each brief renders in its own process (``python -m sat report ... --json``), so
a case that crashes or hangs is killed alone and the others carry on. The run
ends with ``index.html``: every brief with its leading hypothesis, likelihood,
confidence and date, and every failure with the notebook that shows it.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sat.errors import CaseError, UsageError
from sat.paths import BRIEF_NOTEBOOK

#: Seconds a process may outlive its case's time limit (start-up, conversion, PDF) before it is killed.
GRACE = 60.0


@dataclass(frozen=True)
class Job:
    """One brief to render: a case, where to write it, and the notebook parameters."""

    case_path: str
    out_dir: Path
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """How one job ended. ``status`` is ``ok``, ``invalid`` (bad case), ``failed`` or ``timeout``."""

    job: Job
    status: str
    seconds: float
    message: str = ""
    html: str | None = None
    pdf: str | None = None
    notebook: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.job.case_path,
            "out_dir": str(self.job.out_dir),
            "parameters": self.job.parameters,
            "status": self.status,
            "seconds": round(self.seconds, 2),
            "message": self.message,
            "html": self.html,
            "pdf": self.pdf,
            "notebook": self.notebook,
            "summary": self.summary,
            "problems": list(self.problems),
        }


def parse_parameters(pairs: Sequence[str]) -> list[dict[str, Any]]:
    """Turn ``name=value`` options into parameter sets.

    A name given once applies to every run; a name given several times makes
    one run per value (several names multiply). Values are read as YAML
    scalars, so ``3`` is a number and ``true`` a boolean.

    Examples
    --------
    >>> parse_parameters(["min_credibility=L", "min_credibility=H", "matrix_order=case"])
    [{'min_credibility': 'L', 'matrix_order': 'case'}, {'min_credibility': 'H', 'matrix_order': 'case'}]
    >>> parse_parameters([])
    [{}]
    """
    values: dict[str, list[Any]] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise UsageError(f"parameter '{pair}' is not name=value")
        try:
            value = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError:
            value = raw
        if not isinstance(value, str | int | float | bool):
            value = raw
        values.setdefault(name, []).append(value)
    names = list(values)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values.values())]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "case"


def plan(
    cases: Iterable[str], out_root: Path, parameter_sets: Sequence[dict[str, Any]]
) -> list[Job]:
    """One job per case and parameter set, each with its own output directory under ``out_root``."""
    from sat.io import load_case

    jobs: list[Job] = []
    taken: set[str] = set()
    for case_path in cases:
        try:
            name = load_case(case_path).id
        except CaseError:
            name = Path(case_path).stem
        for parameters in parameter_sets:
            label = _slug(name)
            if len(parameter_sets) > 1:
                label += "--" + _slug("_".join(f"{k}-{v}" for k, v in parameters.items()))
            unique, n = label, 2
            while unique in taken:
                unique, n = f"{label}-{n}", n + 1
            taken.add(unique)
            jobs.append(Job(str(case_path), out_root / unique, dict(parameters)))
    return jobs


def _command(job: Job, pdf: bool, timeout: float, notebook: Path) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "sat",
        "report",
        job.case_path,
        "-o",
        str(job.out_dir),
        "--json",
    ]
    command += ["--timeout", str(timeout), "--notebook", str(notebook)]
    for name, value in job.parameters.items():
        command += ["-p", f"{name}={json.dumps(value) if not isinstance(value, str) else value}"]
    if pdf:
        command.append("--pdf")
    return command


def run_job(
    job: Job, *, pdf: bool = False, timeout: float = 600.0, notebook: Path = BRIEF_NOTEBOOK
) -> Outcome:
    """Render one job in a child process, killing it (and its kernel) if it overruns."""
    started = time.monotonic()
    job.out_dir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        _command(job, pdf, timeout, notebook),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: a kill takes the kernel with it
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout + GRACE)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        process.communicate()
        executed = job.out_dir / "brief.ipynb"
        return Outcome(
            job,
            "timeout",
            time.monotonic() - started,
            message=f"killed after {timeout + GRACE:g} s",
            notebook=str(executed) if executed.exists() else None,
        )
    seconds = time.monotonic() - started
    try:
        (report,) = json.loads(stdout)
    except ValueError:
        last = (stderr.strip().splitlines() or [f"exit code {process.returncode}"])[-1]
        return Outcome(job, "failed", seconds, message=last)
    status = report.get("status", "failed")
    return Outcome(
        job,
        status,
        seconds,
        message=report.get("error", ""),
        html=report.get("html"),
        pdf=report.get("pdf"),
        notebook=report.get("notebook"),
        summary=report.get("summary") or {},
        problems=tuple(report.get("problems", ())),
    )


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()


def run_batch(
    jobs: Sequence[Job],
    *,
    workers: int | None = None,
    timeout: float = 600.0,
    pdf: bool = False,
    notebook: Path = BRIEF_NOTEBOOK,
    progress: bool | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Render every job, ``workers`` at a time, with a progress bar on a terminal.

    Returns the outcomes in the order of ``jobs``; a failure never stops the others.
    """
    from tqdm import tqdm

    workers = max(1, workers or min(4, os.cpu_count() or 1))
    outcomes: dict[int, Outcome] = {}
    bar = tqdm(
        total=len(jobs),
        unit="brief",
        desc="rendering",
        disable=None if progress is None else not progress,
        file=sys.stderr,
    )
    with bar, ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(run_job, job, pdf=pdf, timeout=timeout, notebook=notebook): i
            for i, job in enumerate(jobs)
        }
        for future in as_completed(futures):
            outcome = future.result()
            outcomes[futures[future]] = outcome
            bar.update(1)
            if not outcome.ok:
                bar.write(
                    f"{outcome.job.case_path}: {outcome.status}: {outcome.message}", file=sys.stderr
                )
            if on_done is not None:
                on_done(outcome)
    return [outcomes[i] for i in range(len(jobs))]


def write_index(outcomes: Sequence[Outcome], out_root: Path) -> Path:
    """Write ``index.html`` in ``out_root``: every brief of the run, failures first."""
    from sat import __version__
    from sat.io.files import write_atomic
    from sat.report.html import render

    def link(path: str | None) -> str | None:
        if not path:
            return None
        try:
            return Path(os.path.relpath(Path(path).resolve(), out_root.resolve())).as_posix()
        except ValueError:
            return Path(path).resolve().as_uri()

    rows = [
        {
            "outcome": o,
            "summary": o.summary,
            "html": link(o.html),
            "pdf": link(o.pdf),
            "notebook": link(o.notebook),
            "parameters": ", ".join(f"{k}={v}" for k, v in o.job.parameters.items()),
        }
        for o in outcomes
    ]
    page = render(
        "index.html.j2",
        ok=[r for r in rows if r["outcome"].ok],
        failed=[r for r in rows if not r["outcome"].ok],
        version=__version__,
        generated=time.strftime("%Y-%m-%d %H:%M"),
    )
    index = out_root / "index.html"
    write_atomic(index, page)
    return index
