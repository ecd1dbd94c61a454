"""Versions of a case from git: a revision is never an option to git."""

import subprocess

import pytest

from sat.errors import CaseError
from sat.io.versions import load_version
from tests.conftest import MINIMAL


@pytest.mark.parametrize("rev", ["--output=/tmp/sat-owned", "-p", ""])
def test_a_revision_that_git_would_read_as_an_option_is_refused(tmp_path, rev):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    with pytest.raises(CaseError) as info:
        load_version(f"{case}@{rev}")
    (problem,) = info.value.problems
    assert "is not a git revision" in problem.message
    assert not (tmp_path / "sat-owned").exists()
