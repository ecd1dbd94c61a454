"""Shared fixtures: the example case, the hand-computed case, and a writer for throwaway case files."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

import sat
from sat.paths import EXAMPLE_CASE

# No time limit per generated example: a busy two-core machine runs them slowly, and a property
# test states a property, never a speed (a test's own settings may still set one).
settings.register_profile("sat", deadline=None)
settings.load_profile("sat")

FIXTURES = Path(__file__).parent / "fixtures"

MINIMAL = """\
id: t
title: T
question: Q?
date: 2026-01-01
analysts: [me]
sources:
  - {id: S1, title: Src, reliability: C, reliability_reason: ok}
hypotheses:
  - {id: H1, label: One, statement: First.}
  - {id: H2, label: Two, statement: Second.}
evidence:
  - {id: E1, summary: Seen, sources: [S1], ratings: {H1: C, H2: I}}
"""


def require_chromium() -> str:
    """The headless Chromium the PDF and browser tests need.

    Outside CI a machine without one skips those tests with one line saying how to
    install it; in CI (``CI`` set, as ``.ci/run`` installs it) a missing browser fails.
    """
    from sat.run.pdf import find_chromium

    browser = find_chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail(
                "CI is set but Chromium is missing: .ci/run installs it with apt-get install chromium"
            )
        pytest.skip(
            "Chromium is not installed (apt-get install chromium); browser and PDF tests skipped"
        )
    return browser


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of the headless Chromium; skips without one (fails in CI)."""
    return require_chromium()


@pytest.fixture(scope="session")
def example_case() -> sat.Case:
    return sat.load_case(EXAMPLE_CASE)


@pytest.fixture(scope="session")
def hand_case() -> sat.Case:
    return sat.load_case(FIXTURES / "hand.yaml")


@pytest.fixture
def write(tmp_path: Path):
    """Write text (dedented) or bytes to a file in a temporary directory and return its path."""

    def _write(content: str | bytes, name: str = "case.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return _write


#: A folder and a case file named to break out of the notebook's parameters cell, had a path
#: been pasted into code there (the render would stop with SystemExit).
HOSTILE_FOLDER = 'it\'s "quoted"; import os #'
HOSTILE_NAME = 'x"; raise SystemExit("pwned") #.yaml'


@pytest.fixture(scope="session")
def hostile_brief(tmp_path_factory):
    """The hostile case of ``tests/xss.py`` (a payload in every text field, its stored text
    beside it) at a path made to inject code, rendered once for every test that reads the result:
    the HTML audits (tests/report/test_injection.py) and Chromium opening the page and printing
    it (tests/browser/test_injection.py; the PDF is printed when Chromium is installed)."""
    import yaml

    from sat.run import render
    from sat.run.pdf import find_chromium
    from tests.xss import hostile_case, stored_text

    root = tmp_path_factory.mktemp("xss")
    folder = root / HOSTILE_FOLDER
    folder.mkdir()
    case = folder / HOSTILE_NAME
    case.write_text(yaml.safe_dump(hostile_case(), allow_unicode=True), encoding="utf-8")
    (folder / "s1.txt").write_text(stored_text(), encoding="utf-8")
    return render.render_brief(
        case, root / "out", parameters={"previous": ""}, pdf=find_chromium() is not None
    )
