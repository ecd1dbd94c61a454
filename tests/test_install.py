"""An installed ``sat`` works outside the checkout: a wheel, a fresh virtualenv, another folder.

The wheel is built from a copy of the project (so the checkout gets no build
files) and installed without dependencies into a new virtualenv whose only link
to the project's environment is a ``.pth`` line naming its site-packages (and
``JUPYTER_PATH`` for its data files), for the dependencies. That line does not
run the checkout's editable-install hook, so ``sat`` itself can only come from
the wheel, which the test checks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from sat.paths import EXAMPLE_CASE, ROOT


def _run(command: list, cwd: Path, env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{command}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict]:
    """A virtualenv elsewhere with sat installed from a freshly built wheel."""
    uv = Path(sys.executable).with_name("uv")
    if not uv.exists():
        pytest.fail("uv is missing from the environment: run `make setup`")
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for name in ("sat", "notebooks"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    _run(
        [
            uv,
            "build",
            "--wheel",
            "--no-build-isolation",
            "--python",
            sys.executable,
            "-o",
            base / "dist",
            source,
        ],
        base,
        env,
    )
    (wheel,) = (base / "dist").glob("sat-*.whl")
    target = base / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    (site / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([uv, "pip", "install", "--no-deps", "--python", python, wheel], base, env)
    env["PATH"] = f"{target / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # Data files of the dependencies (nbconvert's templates, ipykernel's kernel spec) live under
    # the prefix they were installed in; a full install would have put them under the new one.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return target, env


def test_sat_comes_from_the_wheel_not_the_checkout(installed, tmp_path):
    target, env = installed
    done = _run(
        [
            target / "bin" / "python",
            "-c",
            "import sat, sat.paths as p; print(sat.__file__); print(p.BRIEF_NOTEBOOK)",
        ],
        tmp_path,
        env,
    )
    module, brief = done.stdout.split()
    assert Path(module).is_relative_to(target) and not Path(module).is_relative_to(ROOT)
    assert Path(brief).is_relative_to(target) and Path(brief).is_file()


@pytest.fixture(scope="module")
def user_folder(installed, tmp_path_factory) -> tuple[Path, dict]:
    """A user's folder outside the checkout where the installed ``sat`` has rendered two briefs:
    the example case (``sat report case.yaml -o out``) and a new case from the template (``sat
    new``, then ``sat report`` with no ``-o``). The two renders are independent, so they run at
    once; returns the folder and each command's finished process (checked as ``_run`` does)."""
    target, env = installed
    sat = target / "bin" / "sat"
    folder = tmp_path_factory.mktemp("user")
    shutil.copy(EXAMPLE_CASE, folder / "case.yaml")
    _run([sat, "new", "phishing-2026", "-o", "cases"], folder, env)
    commands = {
        "example": [sat, "report", "case.yaml", "-o", "out"],
        "new": [sat, "report", folder / "cases" / "phishing-2026.yaml"],
    }
    running = {
        name: subprocess.Popen(
            [str(c) for c in command],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, command in commands.items()
    }
    done = {}
    for name, process in running.items():
        stdout, stderr = process.communicate(timeout=600)
        done[name] = subprocess.CompletedProcess(commands[name], process.returncode, stdout, stderr)
    for name, finished in done.items():
        assert finished.returncode == 0, (
            f"{commands[name]}: {finished.returncode}\n{finished.stdout}\n{finished.stderr}"
        )
        assert "Traceback" not in finished.stderr, finished.stderr
    return folder, done


def test_the_installed_wheel_renders_the_example_brief_from_another_folder(user_folder):
    folder, _ = user_folder
    html = (folder / "out" / "brief.html").read_text(encoding="utf-8")
    assert "Coercion over Taiwan" in html and "Bottom line" in html
    summary = json.loads((folder / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["case_id"] == "china-japan-dual-use-2026"


def test_a_new_case_from_the_template_validates_and_renders_where_the_user_is(
    installed, user_folder
):
    target, env = installed
    folder, done = user_folder
    sat = target / "bin" / "sat"
    case = folder / "cases" / "phishing-2026.yaml"
    report = json.loads(_run([sat, "validate", case, "--json"], folder, env).stdout)
    assert report["valid"] and report["problems"] == [] and report["notes"] == []
    brief = folder / "reports" / "phishing-2026" / "brief.html"
    assert str(brief.resolve()) in done["new"].stdout  # it says where it wrote
    assert "Criminal group" in brief.read_text(encoding="utf-8")
    _run([sat, "notebook", "ach", case, "-o", "work"], folder, env)
    notebook = json.loads((folder / "work" / "ach.ipynb").read_text(encoding="utf-8"))
    injected = [
        c for c in notebook["cells"] if "injected-parameters" in c["metadata"].get("tags", [])
    ]
    assert "../cases/phishing-2026.yaml" in "".join(injected[0]["source"])
