"""Batch rendering: parallel, isolated, bounded in time, with an index of what happened."""

import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from sat.cli import EXIT_INVALID, EXIT_RENDER, EXIT_USAGE, main
from sat.errors import UsageError
from sat.paths import EXAMPLE_CASE
from sat.run import batch
from sat.run.processes import LineReader, kill_kernel, marked_processes, running
from tests.conftest import MINIMAL


def test_parse_parameters_multiplies_repeated_names():
    sets = batch.parse_parameters(["a=1", "a=2", "b=x", "b=y", "c=true"])
    assert sets == [
        {"a": 1, "b": "x", "c": True},
        {"a": 1, "b": "y", "c": True},
        {"a": 2, "b": "x", "c": True},
        {"a": 2, "b": "y", "c": True},
    ]
    with pytest.raises(UsageError, match="not name=value"):
        batch.parse_parameters(["oops"])


def test_plan_names_each_run(tmp_path, write):
    broken = write("id: [\n", name="broken.yaml")
    jobs = batch.plan([str(EXAMPLE_CASE), str(broken), str(EXAMPLE_CASE)], tmp_path, [{}])
    assert [j.out_dir.name for j in jobs] == [
        "china-japan-dual-use-2026",
        "broken",
        "china-japan-dual-use-2026-2",
    ]
    jobs = batch.plan(
        [str(EXAMPLE_CASE)], tmp_path, [{"min_credibility": "L"}, {"min_credibility": "H"}]
    )
    assert [j.out_dir.name for j in jobs] == [
        "china-japan-dual-use-2026--min_credibility-L",
        "china-japan-dual-use-2026--min_credibility-H",
    ]


def test_a_case_named_like_the_index_gets_a_folder_of_its_own(tmp_path, write):
    case = write("id: index.html\n", name="index.html.yaml")
    (job,) = batch.plan([str(case)], tmp_path, [{}])
    assert job.out_dir.name == "case-index.html"


def test_an_index_page_of_someone_elses_stops_the_batch_before_it_starts(tmp_path, capsys):
    (tmp_path / "index.html").write_text("the team's own start page")
    code = main(["batch", str(EXAMPLE_CASE), "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and "not written by sat" in err and len(err.splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
    assert (tmp_path / "index.html").read_text() == "the team's own start page"


_DISK_FULL = """
import hashlib, json, os, subprocess, sys
root, case, notebook = sys.argv[1:4]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", root], check=True)
out = os.path.join(root, "reports")
def batch():
    return subprocess.run(
        [sys.executable, "-m", "sat", "batch", case, "-o", out, "--notebook", notebook],
        capture_output=True, text=True,
    )
first = batch()
def digests():
    found = {}
    for folder, _, names in os.walk(out):
        for name in names:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, out)] = hashlib.sha256(open(path, "rb").read()).hexdigest()
    return found
good = digests()
try:  # fill the file system to the last block
    with open(os.path.join(root, "filler"), "wb") as filler:
        while True:
            filler.write(b"x" * 65536)
            filler.flush()
except OSError:
    pass
second = batch()
print(json.dumps({"first": first.returncode, "good": good, "after": digests(),
                  "code": second.returncode, "err": second.stderr}))
"""


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root and unshare"
)
def test_a_full_disk_leaves_the_last_good_brief_and_index(tmp_path):
    """A batch into a file system with no space left: the run fails in one line per problem,
    and every file of the previous good run (brief, notebook, index) is still there, whole."""
    import subprocess
    import sys

    root = tmp_path / "disk"
    root.mkdir()
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    notebook = _slow_notebook(tmp_path / "tiny.ipynb", "print('a tiny brief')")
    script = tmp_path / "full.py"
    script.write_text(_DISK_FULL)
    done = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            sys.executable,
            str(script),
            str(root),
            str(case),
            str(notebook),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0 or not done.stdout.strip():  # no namespace or tmpfs for us here
        said = (done.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"cannot mount a tmpfs in a private namespace here: {said}")
    result = json.loads(done.stdout)
    assert result["first"] == 0
    assert {"index.html", "t/brief.html", "t/brief.ipynb"} <= set(result["good"])
    assert result["code"] != 0
    assert "Traceback" not in result["err"]
    for name, digest in result["good"].items():
        if name != ".sat-output.json":
            assert result["after"].get(name) == digest, name


def _links(html):
    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.hrefs = []

        def handle_starttag(self, tag, attrs):
            if tag == "a":
                self.hrefs.append(dict(attrs)["href"])

    parser = Links()
    parser.feed(html)
    return parser.hrefs


@pytest.fixture(scope="module")
def example_twice_and_a_broken_case(tmp_path_factory):
    """One batch on one worker, read by the two tests below (each brief is a full render, so it
    is run once): the example case, the example again (on the first one's kernel, reset), then a
    broken case file. Returns the exit code, the ``--json`` report and the output folder."""
    import contextlib
    import io

    folder = tmp_path_factory.mktemp("batch")
    broken = folder / "broken.yaml"
    broken.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    out = folder / "reports"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
        code = main(
            [
                "batch",
                str(EXAMPLE_CASE),
                str(EXAMPLE_CASE),
                str(broken),
                "-o",
                str(out),
                "--workers",
                "1",
                "--json",
            ]
        )
    return code, json.loads(stdout.getvalue()), out


def test_batch_with_a_broken_case_renders_the_rest(example_twice_and_a_broken_case):
    code, report, out = example_twice_and_a_broken_case
    assert code == EXIT_INVALID
    statuses = [(Path(b["case"]).name, b["status"]) for b in report["briefs"]]
    assert statuses == [
        ("china-japan-dual-use-2026.yaml", "ok"),
        ("china-japan-dual-use-2026.yaml", "ok"),
        ("broken.yaml", "invalid"),
    ]
    assert (out / "china-japan-dual-use-2026" / "brief.html").is_file()
    assert (out / "china-japan-dual-use-2026-2" / "brief.html").is_file()
    error_notebook = out / "broken" / "brief.failed.ipynb"
    assert "CaseError" in error_notebook.read_text()
    index = (out / "index.html").read_text()
    assert "2 rendered" in index and "1 failed" in index
    assert "Coercion over Taiwan" in index
    assert "broken.yaml:3: YAML syntax" in index  # libyaml reports the end of the open list
    hrefs = _links(index)
    assert "china-japan-dual-use-2026/brief.html" in hrefs and "broken/brief.failed.ipynb" in hrefs
    assert "china-japan-dual-use-2026/matrix.csv" in hrefs  # the full matrix beside the brief
    for href in hrefs:
        assert (out / href).is_file()


def _slow_notebook(path: Path, body: str) -> Path:
    cells = [nbformat.v4.new_code_cell('case_path = ""'), nbformat.v4.new_code_cell(body)]
    cells[0].metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        },
    )
    nbformat.write(nb, path)
    return path


def test_a_cell_past_the_time_limit_fails_its_case_with_a_marked_notebook(tmp_path):
    notebook = _slow_notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(900)")
    (job,) = batch.plan([str(EXAMPLE_CASE)], tmp_path / "out", [{}])
    outcome = batch.run_job(job, timeout=2, notebook=notebook)
    assert outcome.status == "failed" and "longer than 2 s" in outcome.message
    kept = nbformat.read(outcome.notebook, as_version=4)
    assert "was stopped" in kept.cells[0].source
    assert outcome.seconds < 600  # stopped, not run to the end of its 900 s cell


def test_a_hung_process_is_killed_and_the_batch_goes_on(tmp_path, monkeypatch):
    # The cell ignores the interrupt that the cell time limit sends, so only the kill stops it.
    notebook = _slow_notebook(
        tmp_path / "hung.ipynb",
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(900)",
    )
    monkeypatch.setattr(batch, "GRACE", 3.0)
    jobs = batch.plan([str(EXAMPLE_CASE)], tmp_path / "out", [{}])
    (outcome,) = batch.run_batch(jobs, timeout=2, notebook=notebook, progress=False)
    assert outcome.status in ("timeout", "failed")
    assert outcome.seconds < 600  # killed, not run to the end of its 900 s cell


def test_batch_refuses_unknown_parameters_before_running(tmp_path, capsys):
    code = main(["batch", str(EXAMPLE_CASE), "-o", str(tmp_path), "-p", "colour=red"])
    assert code == EXIT_USAGE
    assert "unknown parameter colour" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_render_failures_exit_3(tmp_path, capsys):
    notebook = _slow_notebook(tmp_path / "bad.ipynb", "1 / 0")
    code = main(
        ["batch", str(EXAMPLE_CASE), "-o", str(tmp_path / "o"), "--notebook", str(notebook)]
    )
    assert code == EXIT_RENDER
    assert "ZeroDivisionError" in capsys.readouterr().err


def _without_cell_ids(html: str) -> str:
    # papermill gives the injected-parameters cell a random id on every run
    import re

    return re.sub(r'id="cell-id=[^"]*"', "", html)


def test_a_warm_kernel_renders_exactly_what_a_fresh_one_does(example_twice_and_a_broken_case):
    """Two briefs on one worker: the second runs on the reset kernel of the first."""
    _, report, _ = example_twice_and_a_broken_case
    first, second, _ = report["briefs"]
    assert first["status"] == "ok" and second["status"] == "ok", (
        first["message"],
        second["message"],
    )
    fresh = (Path(first["out_dir"]) / "brief.html").read_text()
    warm = (Path(second["out_dir"]) / "brief.html").read_text()
    assert _without_cell_ids(warm) == _without_cell_ids(fresh)
    counts = [
        c.execution_count
        for c in nbformat.read(second["notebook"], as_version=4).cells
        if c.cell_type == "code"
    ]
    assert counts[:3] == [1, 2, 3]  # a new session: nothing left of the previous brief


def test_a_kernel_that_dies_fails_its_brief_and_the_next_gets_a_new_kernel(tmp_path):
    notebook = _slow_notebook(
        tmp_path / "die.ipynb",
        "import os, signal\nif 'doomed' in case_path:\n    os.kill(os.getpid(), signal.SIGKILL)",
    )
    doomed = tmp_path / "doomed.yaml"
    doomed.write_text(EXAMPLE_CASE.read_text(encoding="utf-8"), encoding="utf-8")
    jobs = batch.plan([str(doomed), str(EXAMPLE_CASE)], tmp_path / "out", [{}])
    died, fine = batch.run_batch(jobs, workers=1, notebook=notebook, progress=False)
    assert died.status == "failed" and "kernel died" in died.message
    assert fine.ok, fine.message


def _interruptible() -> None:
    """In the child before it runs: SIGINT and SIGTERM back to their defaults."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _kernels_running_their_cell(ready: LineReader, process, count: int) -> list[int]:
    """The pids the first ``count`` kernels write on the ``ready`` pipe as their cell starts.

    Waits for the kernels themselves, however slowly a busy machine starts them; fails at once if
    the batch exits first. 300 s is a guard against a hang, not a time the test relies on."""
    import time

    pids: list[int] = []
    guard = time.monotonic() + 300
    while len(pids) < count:
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < guard, f"{len(pids)} of {count} kernels started in 300 s"
        line = ready.readline(1.0)  # a line as soon as a kernel writes it
        if line:
            pids.append(int(line))
    return pids


@pytest.fixture
def short_temporary_folder():
    """An empty folder with a short path (kernels' sockets live under it), removed after."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="t", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
@pytest.mark.parametrize(
    ("signame", "code", "said"),
    [
        ("SIGINT", 130, "interrupted"),
        ("SIGTERM", 143, "stopped by SIGTERM"),
        ("SIGHUP", 129, "stopped by SIGHUP"),
    ],
)
def test_a_signal_stops_the_batch_and_leaves_no_kernel_or_temporary_folder_behind(
    tmp_path, short_temporary_folder, signame, code, said
):
    """The signal is sent once both workers' kernels run a brief's cell (each says so on a pipe);
    when the batch has exited, no worker or kernel of it runs and its temporary folder is gone."""
    import signal
    import subprocess
    import sys
    import uuid

    ready_path = tmp_path / "ready"
    os.mkfifo(ready_path)
    # read and write: opening waits for no writer, and a kernel opening it to write never waits
    stream = os.fdopen(os.open(ready_path, os.O_RDWR), "rb", buffering=0)
    notebook = _slow_notebook(
        tmp_path / "slow.ipynb",
        f"import os, time\nos.write(os.open({str(ready_path)!r}, os.O_WRONLY), b'%d\\n' % os.getpid())"
        "\ntime.sleep(900)",
    )
    mark = uuid.uuid4().hex
    scratch = short_temporary_folder
    env = {**os.environ, "SAT_TEST_MARK": mark, "TMPDIR": str(scratch)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sat",
            "batch",
            str(EXAMPLE_CASE),
            str(EXAMPLE_CASE),
            str(EXAMPLE_CASE),
            "-o",
            str(tmp_path / "out"),
            "--workers",
            "2",
            "--notebook",
            str(notebook),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # as from a terminal: a shell without job control starts background jobs with SIGINT
        # ignored, and Python keeps a signal ignored at startup, so Ctrl-C would never arrive
        preexec_fn=_interruptible,
    )
    try:
        kernels = _kernels_running_their_cell(LineReader(stream), process, 2)
        process.send_signal(getattr(signal, signame))
        _, stderr = process.communicate(timeout=300)  # a guard against a hang
    finally:
        stream.close()
        if process.poll() is None:  # the test failed: leave nothing of the batch running
            process.kill()
            process.wait()
            for pid in marked_processes("SAT_TEST_MARK", mark):
                kill_kernel(pid)
    assert process.returncode == code, stderr
    assert f"{said}: 0 of 3 briefs finished" in stderr
    assert "Traceback" not in stderr
    # the batch waits for its workers and kernels to end before it exits: nothing to wait for here
    assert not any(running(pid) for pid in kernels), "a kernel outlived the batch"
    assert marked_processes("SAT_TEST_MARK", mark) == [], "a worker or kernel outlived the batch"
    assert (tmp_path / "out" / "index.html").is_file()
    assert [p.name for p in scratch.iterdir()] == []  # no sat-kernel-* sockets, no worker folder


def test_batch_on_a_dask_cluster(tmp_path, capsys, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", 300.0)  # a guard only: a busy machine is slow
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        code = main(
            [
                "batch",
                str(EXAMPLE_CASE),
                "-o",
                str(tmp_path / "out"),
                "--json",
                "--scheduler",
                cluster.scheduler_address,
            ]
        )
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    (brief,) = report["briefs"]
    assert brief["status"] == "ok"
    assert "Coercion over Taiwan" in Path(brief["html"]).read_text()
    assert "Coercion over Taiwan" in (tmp_path / "out" / "index.html").read_text()


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", 2.0)
    code = main(
        [
            "batch",
            str(EXAMPLE_CASE),
            "-o",
            str(tmp_path / "out"),
            "--scheduler",
            "tcp://127.0.0.1:9",
        ]
    )
    assert code == EXIT_USAGE
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err


def test_the_index_shows_the_teams_track_record_from_a_register(tmp_path):
    from sat.techniques import calibration
    from sat.testing import synthetic_entries

    entries = synthetic_entries(40, (("Analyst A", 0.0, 1.0), ("Analyst B", 0.0, 2.0)), seed=2)
    page = batch.write_index([], tmp_path, entries).read_text()
    scores = calibration.run(entries)
    assert "Track record" in page and f"Brier score {scores.brier:.3f}</b> over {scores.n}" in page
    assert "Analyst B" in page and "Open, by deadline" in page
    still_open = [e for e in entries if e.outcome is None]
    page = batch.write_index([], tmp_path, still_open).read_text()
    judgements = len({e.id for e in still_open})
    assert (
        f"{judgements} judgements registered ({len(still_open)} forecasts), none resolved yet"
        in page
    )
    assert "<th>By</th>" in page and f"<td>{still_open[0].analyst}</td>" in page
    assert "Track record" not in batch.write_index([], tmp_path).read_text()


def test_the_index_prints_case_paths_relative_to_its_folder(tmp_path):
    from sat.run.batch import Job, Outcome

    absolute = tmp_path / "private" / "folders" / "case.yaml"
    job = Job(str(absolute), tmp_path / "out" / "case", {})
    page = batch.write_index([Outcome(job, "invalid", 0.1, message="bad")], tmp_path / "out")
    text = page.read_text()
    assert "../private/folders/case.yaml" in text and str(tmp_path) not in text
