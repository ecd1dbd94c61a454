"""The code stays ruff-clean (lint and format), checked with the rest of the suite."""

import shutil
import subprocess
import sys

import pytest

from sat.paths import ROOT


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]])
def test_ruff(args):
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    done = subprocess.run(
        [ruff, *args, "sat", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_python_version():
    assert sys.version_info >= (3, 11)
