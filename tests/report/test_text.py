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


#: Views of results a bare case cannot give, and what the reason says to add.
NEEDS = {"experts": "add `quantities:`, some with a known `realization`"}


@pytest.mark.parametrize("name", VIEWS)
def test_every_view_prints_the_example_and_a_bare_case(example_case, bare_case, name):
    full = _view(sat.analyse(example_case), name)
    assert full.strip() and not full.endswith("\n")
    if name in NEEDS:  # the classical model needs seed questions: the reason says what to add
        assert NEEDS[name] in sat.analyse(bare_case).why(name)
        return
    assert _view(sat.analyse(bare_case), name).strip()


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


def test_the_bayes_view_prints_no_share_for_a_hypothesis_without_a_rated_rival():
    """One hypothesis rated, two not: the unrated are 'unranked' and the rated one 'only one
    rated', never a share of 1.0 that says nothing."""
    from sat.case import Case

    case = Case.model_validate(
        {
            "id": "x",
            "title": "x",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["x"],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in ("H1", "H2", "H3")],
            "evidence": [{"id": "E1", "summary": "s", "ratings": {"H2": "I"}}],
        }
    )
    analysis = sat.analyse(case)
    view = text.bayes(analysis.bayes, confidence=analysis.confidence, analysis=analysis)
    rows = {
        line.split()[0]: line for line in view.splitlines()[:5] if line[:2] in ("H1", "H2", "H3")
    }
    assert "only one rated" in rows["H2"] and "unranked" in rows["H1"] and "unranked" in rows["H3"]
    assert " 1.0" not in rows["H2"]
