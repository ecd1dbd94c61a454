"""Render many briefs at once: parallel, bounded in time, never stopped by one bad case.

Locally, ``workers`` render processes (``sat.run.worker``) each keep a
warm kernel and take the briefs one after another, so the cost of starting a
kernel and importing the scientific stack is paid once per worker, not once per
brief. Each worker runs in its own session: a brief that overruns its time limit
is stopped by killing its worker and kernel, and a new worker takes the next
brief. Ctrl-C stops every worker and kernel before returning.

With ``scheduler`` (a Dask distributed scheduler address) the same jobs go to a
cluster instead, each rendered there in a fresh ``sat report`` process.

The run ends with ``index.html``: every brief with its leading hypothesis,
likelihood, confidence and date, and every failure with the notebook that shows it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sat.errors import CaseError, MissingToolError, UsageError
from sat.paths import BRIEF_NOTEBOOK
from sat.report.notebooks import check_parameters, parse_parameters
from sat.run.processes import (
    KILL_WAIT,
    LineReader,
    kill_group,
    kill_kernel,
    marked_processes,
    wait_until_gone,
)
from sat.run.render import INDEX, folder_name

#: Seconds a process may outlive its case's time limit (start-up, conversion, PDF) before it is killed.
GRACE = 60.0
#: Seconds to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = 20.0


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
    matrix: str | None = None
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
            "matrix": self.matrix,
            "notebook": self.notebook,
            "summary": self.summary,
            "problems": list(self.problems),
        }


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
            label = folder_name(name, parameters)
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
        kill_group(process)
        process.communicate()
        return _timed_out(job, started, timeout + GRACE)
    seconds = time.monotonic() - started
    try:
        (report,) = json.loads(stdout)
    except ValueError:
        last = (stderr.strip().splitlines() or [f"exit code {process.returncode}"])[-1]
        return Outcome(job, "failed", seconds, message=last)
    return _outcome(job, report, seconds)


def _timed_out(job: Job, started: float, limit: float) -> Outcome:
    """A brief stopped after ``limit`` seconds: its last good brief stays, and the notebook the
    killed run had written so far is kept beside it as ``brief.failed.ipynb``."""
    from sat.io.outputs import discard, latest_staging
    from sat.run.render import keep_failed

    kept = None
    work = latest_staging(job.out_dir) if job.out_dir.is_dir() else None
    if work is not None:
        kept = keep_failed(work, job.out_dir)
        discard(work)
    return Outcome(
        job,
        "timeout",
        time.monotonic() - started,
        message=f"killed after {limit:g} s",
        notebook=kept,
    )


def _outcome(job: Job, report: dict[str, Any], seconds: float) -> Outcome:
    return Outcome(
        job,
        report.get("status", "failed"),
        seconds,
        message=report.get("error", ""),
        html=report.get("html"),
        pdf=report.get("pdf"),
        matrix=report.get("matrix"),
        notebook=report.get("notebook"),
        summary=report.get("summary") or {},
        problems=tuple(report.get("problems", ())),
    )


def _short_temporary_folder() -> str | None:
    """The temporary folder, or /tmp when its path is so long that a kernel's Unix socket inside a
    worker's folder would pass the 107-byte limit on socket paths."""
    base = tempfile.gettempdir()
    return "/tmp" if len(base) > 60 and os.path.isdir("/tmp") else None


class _Worker:
    """One render worker process with a warm kernel, supervised from a thread of the batch."""

    def __init__(self, *, pdf: bool, timeout: float, notebook: Path):
        self.command = [
            sys.executable,
            "-m",
            "sat.run.worker",
            "--timeout",
            str(timeout),
            "--notebook",
            str(notebook),
        ] + (["--pdf"] if pdf else [])
        self.timeout = timeout
        self.token = os.urandom(8).hex()  # in the environment of the worker and its kernels
        # every temporary file of the worker and its kernels (their sockets too) lives here, and
        # goes with it however it stops (a worker killed outright cannot clean up after itself)
        self.scratch = tempfile.mkdtemp(prefix="sat-w", dir=_short_temporary_folder())
        self.process: subprocess.Popen | None = None
        self.replies: LineReader | None = None
        self.kernels: set[int] = set()
        self.stopped = False  # set when the batch stops it on purpose: no process starts after
        self.lock = threading.Lock()  # a start and a stop never overlap
        # the worker's standard error, for the message when it stops (closed in close())
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")  # noqa: SIM115

    def _start(self) -> subprocess.Popen | None:
        """A new worker process, or None once the batch is stopping."""
        with self.lock:
            if self.stopped:
                return None
            self.process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.log,
                text=True,
                encoding="utf-8",
                start_new_session=True,  # Ctrl-C at the terminal reaches the batch, which stops us
                env={**os.environ, "SAT_WORKER": self.token, "TMPDIR": self.scratch},
            )
            self.replies = LineReader(self.process.stdout)
            return self.process

    def run(self, job: Job) -> Outcome:
        started = time.monotonic()
        job.out_dir.mkdir(parents=True, exist_ok=True)
        request = {"case": job.case_path, "out_dir": str(job.out_dir), "parameters": job.parameters}
        deadline = started + self.timeout + GRACE
        process = self.process if self.process and self.process.poll() is None else self._start()
        if process is None:
            return Outcome(job, "failed", 0.0, message="stopped")
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            while True:
                line = self.replies.readline(deadline - time.monotonic())
                if line is None:
                    self.kill()
                    return _timed_out(job, started, self.timeout + GRACE)
                if not line:
                    raise BrokenPipeError
                reply = json.loads(line)
                if "kernel" in reply:
                    self.kernels.add(reply["kernel"])
                    continue
                return _outcome(job, reply["record"], time.monotonic() - started)
        except (BrokenPipeError, OSError, ValueError):
            code = process.wait()
            self._forget_kernels()
            if self.stopped:
                return Outcome(job, "failed", time.monotonic() - started, message="stopped")
            return Outcome(
                job,
                "failed",
                time.monotonic() - started,
                message=f"the render worker stopped (exit code {code}): {self._last_log()}",
            )

    def _last_log(self) -> str:
        self.log.seek(0)
        lines = [line.strip() for line in self.log.read().splitlines() if line.strip()]
        return lines[-1] if lines else "no message"

    def _forget_kernels(self) -> None:
        """Kill the worker's kernels, those it reported and those that carry its token, and wait
        until they have ended."""
        kernels = self.kernels | set(marked_processes("SAT_WORKER", self.token))
        for pid in kernels:
            kill_kernel(pid)
        wait_until_gone(kernels)
        self.kernels.clear()

    def kill(self, *, stopping: bool = False) -> None:
        """Stop the worker and its kernels at once (a brief overran, or the batch was interrupted);
        when ``stopping``, none is started again and its temporary folder goes."""
        with self.lock:
            self.stopped = self.stopped or stopping
            if self.process is not None and self.process.poll() is None:
                kill_group(self.process)
                self.process.wait()
        self._forget_kernels()
        if stopping:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def close(self) -> None:
        """Let the worker shut its kernel down cleanly (end of input), or kill it if it will not."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):  # then it is killed
                self.process.stdin.close()
                if self.process.wait(timeout=30) == 0:
                    self.kernels.clear()  # it shut its kernel down itself
        self.kill(stopping=True)
        self.log.close()


def run_batch(
    jobs: Sequence[Job],
    *,
    workers: int | None = None,
    timeout: float = 600.0,
    pdf: bool = False,
    notebook: Path = BRIEF_NOTEBOOK,
    progress: bool | None = None,
    on_done: Callable[[Outcome], None] | None = None,
    scheduler: str | None = None,
) -> list[Outcome]:
    """Render every job, ``workers`` at a time, with a progress bar on a terminal.

    Returns the outcomes in the order of ``jobs``; a failure never stops the
    others. With ``scheduler`` (``tcp://host:8786``) the jobs run on that Dask
    cluster instead. ``KeyboardInterrupt`` stops every worker and kernel, then
    propagates.
    """
    from tqdm import tqdm

    bar = tqdm(
        total=len(jobs),
        unit="brief",
        desc="rendering",
        disable=None if progress is None else not progress,
        file=getattr(sys.stderr, "sat_unescaped", sys.stderr),  # the bar's own \r, not escaped
    )
    outcomes: dict[int, Outcome] = {}

    def done(i: int, outcome: Outcome) -> None:
        outcomes[i] = outcome
        bar.update(1)
        if not outcome.ok:
            from sat.errors import escape

            bar.write(  # on the bar's own stream, so tqdm clears the bar first; escaped here
                escape(f"{outcome.job.case_path}: {outcome.status}: {outcome.message}"),
                file=getattr(bar, "fp", sys.stderr),  # a disabled bar has no stream
            )
        if on_done is not None:
            on_done(outcome)

    options = {"pdf": pdf, "timeout": timeout, "notebook": Path(notebook)}
    with bar:
        if scheduler:
            _run_on_cluster(jobs, scheduler, options, done)
        else:
            _run_locally(jobs, max(1, workers or min(4, os.cpu_count() or 1)), options, done)
    return [outcomes[i] for i in range(len(jobs))]


def _run_locally(jobs: Sequence[Job], workers: int, options: dict[str, Any], done) -> None:
    todo: queue.Queue[tuple[int, Job]] = queue.Queue()
    for item in enumerate(jobs):
        todo.put(item)
    results: queue.Queue[tuple[int, Outcome]] = queue.Queue()
    stop = threading.Event()
    pool: list[_Worker] = []
    threads: list[threading.Thread] = []

    def serve(worker: _Worker) -> None:
        while not stop.is_set():
            try:
                i, job = todo.get_nowait()
            except queue.Empty:
                return
            try:
                outcome = worker.run(job)
            except Exception as exc:  # a supervisor fault must not take the other briefs down
                outcome = Outcome(job, "failed", 0.0, message=f"the batch could not run it: {exc}")
            if not stop.is_set():
                results.put((i, outcome))

    try:  # an interrupt from here on stops every worker begun, and removes its folder
        for _ in range(min(workers, len(jobs))):
            pool.append(_Worker(**options))
            threads.append(threading.Thread(target=serve, args=(pool[-1],), daemon=True))
            threads[-1].start()
        for _ in range(len(jobs)):
            while True:
                try:
                    i, outcome = results.get(timeout=0.2)
                    break
                except queue.Empty:
                    if not any(t.is_alive() for t in threads) and results.empty():
                        raise RuntimeError("every render worker stopped") from None
            done(i, outcome)
    except BaseException:
        stop.set()
        for worker in pool:
            worker.kill(stopping=True)
        raise
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=KILL_WAIT)  # its worker is stopped: it returns at once
        for worker in pool:
            worker.close()


def _run_on_cluster(jobs: Sequence[Job], scheduler: str, options: dict[str, Any], done) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise MissingToolError(
            "--scheduler needs Dask distributed: pip install 'sat[dask]' (here and on the cluster)"
        ) from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    except Exception:  # a peer that is not Dask fails the protocol in many ways
        raise UsageError(
            f"{scheduler} answered, but not as a Dask scheduler; "
            "give the address `dask scheduler` prints, e.g. tcp://10.0.0.5:8786"
        ) from None
    with client:
        futures = {
            client.submit(run_job, job, pure=False, **options): i for i, job in enumerate(jobs)
        }
        try:
            for future in as_completed(futures):
                i = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:  # the cluster lost the task or its worker
                    outcome = Outcome(jobs[i], "failed", 0.0, message=f"on the cluster: {exc}")
                done(i, outcome)
        except BaseException:
            client.cancel(list(futures))
            raise


def write_index(
    outcomes: Sequence[Outcome], out_root: Path, register: Sequence[Any] | None = None
) -> Path:
    """Write ``index.html`` in ``out_root``: every brief of the run, failures first, and with a
    judgement register (``sat.io.register`` entries), the team's track record."""
    from sat import __version__
    from sat.io.outputs import write_owned
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
            "matrix": link(o.matrix),
            "notebook": link(o.notebook),
            "parameters": ", ".join(f"{k}={v}" for k, v in o.job.parameters.items()),
            "case": _relative(o.job.case_path, out_root),
        }
        for o in outcomes
    ]
    page = render(
        "index.html.j2",
        ok=[r for r in rows if r["outcome"].ok],
        failed=[r for r in rows if not r["outcome"].ok],
        version=__version__,
        generated=time.strftime("%Y-%m-%d %H:%M"),
        record=_track_record(register),
    )
    return write_owned(out_root, INDEX, page)


def _relative(path: str, out_root: Path) -> str:
    """A case's path as the index shows it: relative to the output folder, so that an absolute
    input does not print the analyst's own folders."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), out_root.resolve())).as_posix()
    except ValueError:  # another drive
        return Path(path).name


def _track_record(register: Sequence[Any] | None) -> dict[str, Any] | None:
    """What the index says of a register: its scores once outcomes are known, else what is open."""
    if register is None:
        return None
    from sat.analysis import score_register as score

    still_open = sorted(
        (e for e in register if e.outcome is None), key=lambda e: e.deadline or dt.date.max
    )
    resolved = [e for e in register if e.outcome is not None]
    return {
        "total": len(register),
        "judgements": len({e.id for e in register}),  # a judgement has one forecast or more
        "open": still_open,
        "scores": score(register) if resolved else None,
    }


@dataclass(frozen=True)
class BatchRun:
    """What ``render_many`` did: the index page, each brief's outcome, and whether it was cut short."""

    index: Path
    outcomes: tuple[Outcome, ...]
    planned: int
    interrupted: bool = False

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if not o.ok)


def render_many(
    cases: Sequence[str],
    out_root: str | os.PathLike[str] = "reports",
    parameters: Sequence[str] = (),
    *,
    notebook: str | os.PathLike[str] | None = None,
    pdf: bool = False,
    register: Sequence[Any] | None = None,
    **options: Any,
) -> BatchRun:
    """Render every case times every parameter set, and write the index (``sat batch``).

    ``parameters`` are ``NAME=VALUE`` texts; a name given with several values
    renders one brief per value. Every parameter is checked against the notebook,
    and Chromium looked for when ``pdf`` is asked, before anything runs. Takes the
    options of ``run_batch``. Ctrl-C stops every worker and kernel, and the
    index lists what finished (``interrupted`` is then true).
    """
    notebook = Path(notebook) if notebook else BRIEF_NOTEBOOK
    sets = parse_parameters(parameters)
    for given in sets:
        check_parameters({"case_path": None, **given}, notebook)
    if pdf:
        from sat.run.pdf import INSTALL_HINT, find_chromium

        if find_chromium() is None:
            raise MissingToolError(INSTALL_HINT)
    out_root = Path(out_root)
    from sat.io.outputs import claim

    claim(out_root, [INDEX])  # an index.html of someone else's refuses the run before it starts
    jobs = plan(cases, out_root, sets)
    finished: list[Outcome] = []
    try:
        outcomes = run_batch(jobs, pdf=pdf, notebook=notebook, on_done=finished.append, **options)
    except KeyboardInterrupt:
        return BatchRun(write_index(finished, out_root, register), tuple(finished), len(jobs), True)
    return BatchRun(write_index(outcomes, out_root, register), tuple(outcomes), len(jobs))
