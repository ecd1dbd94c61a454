"""The terminal views: one per technique, reading results and computing nothing."""

import inspect

import pytest

import sat
from sat.analysis import TECHNIQUES
from sat.report import text
from tests.conftest import MINIMAL

VIEWS = [name for name in TECHNIQUES if name != "confidence"]  # confidence is printed with bayes


@pytest.fixture
def bare_case(write):
    return sat.load_case(write(MINIMAL))


def _view(analysis, name):
    extra = {"confidence": analysis.confidence} if name == "bayes" else {}
    return getattr(text, name)(getattr(analysis, name), **extra)


@pytest.mark.parametrize("name", VIEWS)
def test_every_view_prints_the_example_and_a_bare_case(example_case, bare_case, name):
    full = _view(sat.analyse(example_case), name)
    bare = _view(sat.analyse(bare_case), name)
    assert full.strip() and bare.strip() and not full.endswith("\n")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("assumptions", "lists no assumptions"),
        ("deception", "no deception checklist"),
        ("scenarios", "models no scenarios"),
        ("network", "lists no actors"),
        ("consensus", "no analyst's own ratings"),
    ],
)
def test_a_section_the_case_lacks_is_named_with_how_to_add_it(bare_case, name, says):
    assert says in _view(sat.analyse(bare_case), name)


def test_ach_view_states_the_leader_and_margin_of_the_hand_case(bare_case):
    analysis = sat.analyse(bare_case)
    shown = text.ach(analysis.ach, top=1)
    assert "H1 is least inconsistent, 1 one-step rating change from H2 drawing level" in shown
    assert "Linchpin: E1." in shown


def test_table_cuts_long_text_and_joins_sequences():
    import pandas as pd

    frame = pd.DataFrame({"a": ["x" * 80, None], "b": [("E1", "E2"), ()], "c": [0.12345, 1.0]})
    shown = text.table(frame, ["a", "b", "c"], width=10)
    assert "x" * 9 + "…" in shown and "E1, E2" in shown and "0.123" in shown and "None" not in shown


def test_views_take_results_not_cases():
    for name in VIEWS:
        first = next(iter(inspect.signature(getattr(text, name)).parameters))
        assert first == "result", name
