"""Shared fixtures: the example case, the hand-computed case, and a writer for throwaway case files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import sat
from sat.paths import EXAMPLE_CASE

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
