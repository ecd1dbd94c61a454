"""The notebooks of gaps, devil's advocacy and the judgements a register can score ship with sat:
``sat notebook`` lists them and writes each out set up for a case, with its parameters declared
so that papermill (and ``-p NAME=VALUE``) can set them."""

from __future__ import annotations

import json
import os

import pytest

from sat.cli import main
from sat.paths import EXAMPLE_CASE, NOTEBOOKS


@pytest.mark.parametrize("name", ["gaps", "advocacy", "judgements"])
def test_sat_notebook_lists_and_writes_the_notebook(name, capsys, tmp_path):
    assert main(["notebook", "--json"]) == 0
    assert name in json.loads(capsys.readouterr().out)["notebooks"]
    assert main(["notebook", name, str(EXAMPLE_CASE), "-o", str(tmp_path), "--json"]) == 0
    written = json.loads(capsys.readouterr().out)
    relative = os.path.relpath(EXAMPLE_CASE.resolve(), tmp_path.resolve())
    assert written["file"] == str(tmp_path / f"{name}.ipynb")
    assert written["parameters"] == {"case_path": relative}
    assert (tmp_path / f"{name}.ipynb").is_file()


def test_the_challenger_is_a_parameter_papermill_sees(capsys, tmp_path):
    import papermill

    declared = papermill.inspect_notebook(str(NOTEBOOKS / "advocacy.ipynb"))
    assert set(declared) == {"case_path", "challenger"}
    assert declared["challenger"]["default"] == '""'  # empty: the easiest challenger
    argv = ["notebook", "advocacy", str(EXAMPLE_CASE), "-o", str(tmp_path), "-p", "challenger=H7"]
    assert main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["parameters"]["challenger"] == "H7"
