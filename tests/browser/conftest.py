"""Real-browser tests: a real JupyterLab (or Voila) on 127.0.0.1, driven through Playwright in Debian's Chromium.

The servers run on a copy of the project's workbook and example case in a temporary
folder, so nothing in the checkout is edited. Screenshots are kept under
``reports/browser/``. Without Chromium the tests skip with a message, unless CI is
set, where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from sat.paths import EXAMPLE_CASE, JUPYTER_DATA, NOTEBOOKS, REPORTS
from tests.conftest import require_chromium

ARTIFACTS = REPORTS / "browser"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    return require_chromium()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def project(tmp_path):
    """A throwaway copy of the workbook notebook and the example case, laid out as in the repository."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "data" / "cases").mkdir(parents=True)
    shutil.copy(NOTEBOOKS / "workbook.ipynb", tmp_path / "notebooks")
    shutil.copy(NOTEBOOKS / "app.ipynb", tmp_path / "notebooks")
    shutil.copy(NOTEBOOKS / "blind.ipynb", tmp_path / "notebooks")
    shutil.copy(EXAMPLE_CASE, tmp_path / "data" / "cases")
    return tmp_path


#: Seconds a server may take to start or a page to answer: a guard against a hang only (a busy
#: two-core machine starts JupyterLab slowly), never a time a test relies on.
HANG_GUARD = 300


def _wait_for(url: str, process: subprocess.Popen, timeout: float = HANG_GUARD) -> None:
    """Wait until the server at ``url`` answers 200; fail at once if it exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)  # not listening yet: ask again
    raise TimeoutError(f"{url} did not answer in {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """One JupyterLab on 127.0.0.1 with a token for every lab test of a module, serving pytest's
    temporary folder (each test's copy of the project is a folder in it); stopped after the
    module."""
    _chromium()
    root = tmp_path_factory.getbasetemp()
    port, token = _free_port(), "sat-browser-test"
    settings = tmp_path_factory.mktemp("lab-settings")
    notification = settings / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTER_RUNTIME_DIR": str(settings / "runtime"),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--ServerApp.token={token}",
            "--allow-root",
            f"--ServerApp.root_dir={root}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=root,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/api/status?token={token}", process)
        yield f"http://127.0.0.1:{port}", token, root
    finally:
        _stop(process)


def _api(url: str, method: str = "GET"):
    request = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(request, timeout=HANG_GUARD) as answer:
        return json.loads(answer.read() or b"null")


@pytest.fixture
def lab(lab_server, project, request):
    """JupyterLab on the test's copy of the project: the address of the copy's folder in the
    session's server, in a workspace of the test's own (nothing of an earlier test's layout is
    restored), and the token. Every kernel the test started is shut down after it."""
    from urllib.parse import quote

    url, token, root = lab_server
    workspace = quote(request.node.name.replace("/", "-"), safe="")
    folder = quote(project.relative_to(root).as_posix())
    try:
        yield f"{url}/lab/workspaces/{workspace}/tree/{folder}", token
    finally:
        for session in _api(f"{url}/api/sessions?token={token}"):
            _api(f"{url}/api/sessions/{session['id']}?token={token}", method="DELETE")


def _voila(project, notebook: str, edit: bool):
    """Voila as ``make app`` runs it: sat's template (nothing from a CDN), a preheated kernel."""
    _chromium()
    port = _free_port()
    env = {
        **os.environ,
        "SAT_EDIT": "1" if edit else "0",
        "JUPYTER_PATH": str(JUPYTER_DATA),
        "SAT_CASE": str(project / "data" / "cases" / EXAMPLE_CASE.name),
    }
    log = (project / f"voila-{notebook}.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            f"notebooks/{notebook}",
            "--no-browser",
            "--template=sat",
            "--preheat_kernel=True",
            "--Voila.ip=127.0.0.1",
            f"--port={port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log,
        env=env,
        cwd=project,
    )
    return process, port, project / f"voila-{notebook}.log"


def wait_until_warm(log, timeout: float = HANG_GUARD, render: float = 10) -> None:
    """Wait for Voila's preheated kernel, then give it ``render`` seconds to render the page, so
    that a recorded timing is what a reader arriving later would see.

    Only ``record_timing`` depends on the pause (Voila logs no end to the render): whatever the
    pause, the test then waits for the page's elements themselves."""
    deadline = time.monotonic() + timeout
    while "is filled" not in log.read_text():
        assert time.monotonic() < deadline, f"Voila's kernel was not ready in {timeout} s"
        time.sleep(0.5)  # Voila writes its log as it goes: read it again
    time.sleep(render)


def _serve(process: subprocess.Popen, port: int, log):
    try:
        # the preheated kernel renders the page before it is asked for: wait for the port to open
        deadline = time.monotonic() + HANG_GUARD
        while True:
            assert process.poll() is None, f"Voila exited with {process.returncode}"
            assert time.monotonic() < deadline, f"Voila did not listen in {HANG_GUARD} s"
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=30):
                    break
            except OSError:
                time.sleep(0.5)  # not listening yet: ask again
        yield f"http://127.0.0.1:{port}", log
    finally:
        _stop(process)


@pytest.fixture
def voila(project):
    """The reader's app (notebooks/app.ipynb) on 127.0.0.1, on the copy."""
    yield from _serve(*_voila(project, "app.ipynb", edit=False))


@pytest.fixture
def voila_workbook(project):
    """The workbook as a Voila app, read-only (SAT_EDIT=0), on the copy."""
    yield from _serve(*_voila(project, "workbook.ipynb", edit=False))


def record_timing(name: str, seconds: float) -> None:
    """Keep a time measured in the browser with the other benchmark results (never asserted)."""
    path = ARTIFACTS / "timings.json"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    timings = json.loads(path.read_text()) if path.exists() else {}
    timings[name] = round(seconds, 3)
    path.write_text(json.dumps(timings, indent=2, sort_keys=True) + "\n")


def _launched():
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def browser():
    yield from _launched()


@pytest.fixture(scope="module")
def module_browser():
    """One Chromium for every test of a module (use it alone in that module, not with ``browser``)."""
    yield from _launched()
