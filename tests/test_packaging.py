"""The project's own files agree with each other."""

import re
import tomllib
from pathlib import Path

import yaml

from sat.paths import ROOT, SCHEMA
from sat.schema import case_schema_text


def _name(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(
        _name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]
    )
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = dict(_name(d) for d in env["dependencies"] if isinstance(d, str))
    listed.pop("pip", None)
    python = listed.pop("python")
    assert python == f">={project['requires-python'].removeprefix('>=')}"
    assert listed == wanted


def test_json_schema_is_current():
    assert SCHEMA.read_text(encoding="utf-8") == case_schema_text(), "run `make schema`"


def test_every_case_in_data_validates():
    import sat

    cases = sorted((ROOT / "data" / "cases").glob("*.yaml"))
    assert cases
    for path in cases:
        case = sat.load_case(path)
        assert case.id == path.stem, f"{path.name}: id should match the file name"


def test_generated_and_ignored_paths():
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "reports/" in ignored and ".venv/" in ignored
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")
    assert Path(ROOT / "notebooks" / "brief.ipynb").is_file()
