"""The project's own files agree with each other."""

import ast
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml

from sat.paths import ROOT, SCHEMA
from sat.schema import case_schema_text


def _name(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    wanted = dict(_name(r) for r in project["dependencies"] + extras["lab"] + extras["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = dict(_name(d) for d in env["dependencies"] if isinstance(d, str))
    listed.pop("pip", None)
    python = listed.pop("python")
    assert python == f">={project['requires-python'].removeprefix('>=')}"
    assert listed == wanted


def _imported_distributions() -> set[str]:
    """The distributions whose modules sat's own code imports (at module level or inside a function)."""
    modules = set()
    for path in (ROOT / "sat").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    provided = metadata.packages_distributions()
    return {
        re.sub(r"[-_.]+", "-", dist).lower()
        for module in modules - set(sys.stdlib_module_names) - {"sat"}
        for dist in provided.get(module, [module])
    }


#: Runtime dependencies sat needs but never imports, and why.
NOT_IMPORTED = {"ipykernel": "the kernel a brief's notebook runs in (papermill starts it)"}


def test_every_runtime_dependency_is_used_and_the_faces_are_an_extra():
    """A runtime dependency is one sat imports; JupyterLab and Voila, programs sat never imports,
    are the ``lab`` extra that ``make setup`` installs."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {re.sub(r"[-_.]+", "-", _name(r)[0]) for r in project["dependencies"]}
    unused = runtime - _imported_distributions() - NOT_IMPORTED.keys()
    assert not unused, f"declared but never imported by sat: {sorted(unused)}"
    lab = {_name(r)[0] for r in project["optional-dependencies"]["lab"]}
    assert lab == {"jupyterlab", "voila"} and not lab & _imported_distributions()
    assert "--extra dev --extra lab" in (ROOT / "Makefile").read_text()


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


def test_the_notebooks_ship_with_the_package():
    """What a render needs is found through importlib.resources (the wheel carries it)."""
    from sat import paths

    assert paths.NOTEBOOKS.resolve() == (ROOT / "notebooks").resolve()
    assert set(paths.notebook_names()) == {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert project["package-dir"]["sat.notebooks"] == "notebooks"
    assert "*.ipynb" in project["package-data"]["sat.notebooks"]


def _uv() -> Path:
    uv = Path(sys.executable).with_name("uv")
    if not uv.exists():
        pytest.fail("uv is missing from the environment: run `make setup`")
    return uv


def test_the_lock_is_current_with_pyproject():
    """Editing a dependency in pyproject.toml without `make lock` fails here."""
    done = subprocess.run(
        [_uv(), "lock", "--check", "--offline", "--directory", ROOT],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"uv.lock is stale: run `make lock`\n{done.stderr}"


def test_the_environment_holds_exactly_the_locked_versions():
    """`make setup` installs what uv.lock pins, nothing newer or older."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    pinned: dict[str, set[str]] = {}  # a universal lock may pin one version per Python range
    for package in lock["package"]:
        if "version" in package:
            pinned.setdefault(package["name"], set()).add(package["version"])
    assert {"pandas", "papermill", "nbval", "pyyaml", "uv"} <= pinned.keys()
    installed = {}
    for dist in metadata.distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
        installed[name] = dist.version
    wrong = {
        name: (installed[name], sorted(versions))
        for name, versions in pinned.items()
        if name in installed and installed[name] not in versions and name != "sat"
    }
    assert not wrong, f"installed vs locked: {wrong}; run `make setup`"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    direct = {
        re.sub(r"[-_.]+", "-", _name(r)[0])
        for r in project["dependencies"] + extras["lab"] + extras["dev"]
    }
    assert direct <= installed.keys(), direct - installed.keys()


def test_makefile_installs_from_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert "sync -q --frozen" in makefile and "$(STAMP): pyproject.toml uv.lock" in makefile
    assert re.search(r"^lock:", makefile, re.M) and re.search(r"^upgrade:", makefile, re.M)


def test_every_package_of_sat_is_in_the_wheel():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "sat").rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"
