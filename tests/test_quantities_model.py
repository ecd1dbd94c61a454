"""Quantities in the case file: seed questions, targets, and the analysts' answers in rounds."""

import datetime as dt
import textwrap

import pydantic
import pytest

from sat.case import Case
from sat.errors import CaseError
from sat.io import load_case
from sat.models.quantities import DEFAULT_QUANTILES, quantile_problems

BASE = {
    "id": "t",
    "title": "T",
    "question": "Q?",
    "date": "2026-01-01",
    "analysts": ["Ana", "Ben"],
    "sources": [{"id": "S1", "title": "s"}],
    "hypotheses": [
        {"id": "H1", "label": "a", "statement": "A."},
        {"id": "H2", "label": "b", "statement": "B."},
    ],
    "quantities": [
        {
            "id": "Q1",
            "question": "Japan's defence budget for fiscal 2026?",
            "unit": "trillion yen",
            "realization": {"value": 9.04, "source": "S1"},
        },
        {
            "id": "Q2",
            "question": "How many Japanese firms will China have named by 30 June 2026?",
            "unit": "firms",
            "scale": "LOG",
            "resolution": {"criterion": "MOFCOM's lists", "deadline": "2026-06-30"},
        },
    ],
}


def case_with(**changes):
    return Case.model_validate(BASE | changes)


def message(caught: pytest.ExceptionInfo) -> str:
    return "; ".join(e["msg"] for e in caught.value.errors())


def test_a_case_without_quantities_asks_for_the_classical_models_usual_quantiles():
    case = case_with(quantities=[])
    assert case.quantities == () and dict(case.quantity_estimates) == {}
    assert case.quantiles == DEFAULT_QUANTILES == (0.05, 0.5, 0.95)


def test_seeds_and_targets_with_answers_as_quantiles_or_four_points_kept_as_given():
    case = case_with(
        quantiles=["5%", "25%", "50%", "75%", "95%"],
        quantity_estimates={
            "Ana": [
                {"quantity": "Q1", "values": [8, 8.5, 9, 9.5, 10], "entered": "2026-02-26T10:30"},
                {"quantity": "Q2", "round": 2, "lowest": 10, "best": 25, "highest": 60,
                 "confidence": "80%"},
            ]
        },
    )  # fmt: skip
    q1, q2 = case.quantities
    assert q1.seed and not q2.seed and q2.scale == "log"  # any letter case, stored as the scale's
    assert q2.resolution.deadline == dt.date(2026, 6, 30)
    assert case.quantiles == (0.05, 0.25, 0.5, 0.75, 0.95)
    first, second = case.quantity_estimates["Ana"]
    assert first.values == (8, 8.5, 9, 9.5, 10) and not first.four_point and first.round == 1
    assert first.entered == dt.datetime(2026, 2, 26, 10, 30)
    assert second.four_point and (second.lowest, second.best, second.highest) == (10, 25, 60)
    assert second.confidence == 0.8 and second.values is None  # the original answer, not quantiles


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ({"values": [3, 2, 4]}, "each value must be above the one before"),
        ({"values": [1, 1, 4]}, "each value must be above the one before"),
        ({}, "give values (the quantiles) or lowest, best, highest and confidence"),
        ({"lowest": 1, "best": 2}, "a four-point answer needs highest, confidence too"),
        ({"values": [1, 2, 3], "best": 2}, "give either values"),
        ({"lowest": 5, "best": 2, "highest": 9, "confidence": 0.8}, "lowest < best < highest"),
        ({"lowest": 1, "best": 2, "highest": 9, "confidence": 0.4}, "between 50% and 100%"),
        ({"lowest": 1, "best": 2, "highest": 9, "confidence": 1.2}, "less than or equal to 1"),
        ({"values": [1, 2, float("nan")]}, "finite number"),
        ({"values": [1, 2, 3], "round": 0}, "greater than or equal to 1"),
    ],
)
def test_an_answer_is_quantiles_in_order_or_all_four_points_in_order(answer, said):
    with pytest.raises(pydantic.ValidationError) as caught:
        case_with(quantity_estimates={"Ana": [{"quantity": "Q1", **answer}]})
    assert said in message(caught)


def test_a_log_scale_quantity_is_positive_and_quantiles_increase_inside_0_1():
    bad = {**BASE["quantities"][1], "realization": {"value": 0}}
    with pytest.raises(pydantic.ValidationError) as caught:
        case_with(quantities=[bad])
    assert "log-scale quantity's realization must be above 0" in message(caught)
    for quantiles in ([0.5, 0.05], [0, 0.5], [0.05, 1], []):
        assert quantile_problems(tuple(quantiles)), quantiles
        with pytest.raises(pydantic.ValidationError) as caught:
            case_with(quantiles=quantiles)
        assert "quantiles must increase, each strictly between 0 and 1" in message(caught)


def test_a_problem_in_an_answer_names_the_file_line_and_field(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            id: q
            title: Quantities
            question: How many?
            date: 2026-01-01
            analysts: [Ana]
            hypotheses:
              - {id: H1, label: a, statement: A.}
              - {id: H2, label: b, statement: B.}
            quantities:
              - {id: Q1, question: How many firms?, unit: firms}
            quantity_estimates:
              Ana:
                - {quantity: Q1, values: [30, 20, 40]}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(CaseError) as caught:
        load_case(path)
    text = str(caught.value)
    assert "q.yaml:13" in text and "quantity_estimates" in text and "values" in text
    assert "each value must be above the one before" in text
    assert "Traceback" not in text


def answers(*given, analyst="Ana"):
    return {analyst: [dict(a) for a in given]}


@pytest.mark.parametrize(
    ("changes", "where", "said"),
    [
        ({"quantity_estimates": answers({"quantity": "Q9", "values": [1, 2, 3]})},
         ("quantity_estimates", "Ana", 0, "quantity"), "unknown quantity 'Q9' (known: Q1, Q2)"),
        ({"quantity_estimates": answers({"quantity": "Q1", "values": [1, 2, 3]}, analyst="Zoe")},
         ("quantity_estimates", "Zoe"), "'Zoe' is not one of the case's analysts (Ana, Ben)"),
        ({"quantity_estimates": answers({"quantity": "Q1", "values": [1, 2, 3, 4]})},
         ("quantity_estimates", "Ana", 0, "values"),
         "4 values; the case's quantiles ask for 3, one per quantile"),
        ({"quantity_estimates": answers({"quantity": "Q2", "values": [-1, 2, 3]})},
         ("quantity_estimates", "Ana", 0, "values"), "a log-scale quantity's answers must be above 0"),
        ({"quantity_estimates": answers(
            {"quantity": "Q2", "lowest": 0, "best": 2, "highest": 3, "confidence": 0.9})},
         ("quantity_estimates", "Ana", 0, "lowest"), "a log-scale quantity's answers must be above 0"),
        ({"quantity_estimates": answers({"quantity": "Q1", "values": [1, 2, 3]},
                                        {"quantity": "Q1", "values": [1, 2, 4], "round": 1})},
         ("quantity_estimates", "Ana", 1, "round"),
         "a second answer of Ana's to Q1 in round 1 (the first is answer 1)"),
        ({"quantities": [*BASE["quantities"], {"id": "Q1", "question": "Again?"}]},
         ("quantities", 2, "id"), "duplicate id 'Q1' (also quantities item 1)"),
        ({"quantities": [{**BASE["quantities"][0], "realization": {"value": 1, "source": "S7"}}]},
         ("quantities", 0, "realization", "source"), "unknown source 'S7' (known: S1)"),
    ],
)  # fmt: skip
def test_every_broken_reference_of_an_answer_is_one_located_problem(changes, where, said):
    from sat.checks import reference_problems

    problems = reference_problems(BASE | changes)  # the plain data a file gives
    assert [loc for loc, _ in problems] == [where]
    assert said in problems[0][1]
    with pytest.raises(pydantic.ValidationError):
        case_with(**changes)


def test_answers_in_every_round_pass_and_the_quantiles_decide_how_many_values():
    case = case_with(
        quantiles=[0.1, 0.5, 0.9, 0.99],
        quantity_estimates=answers(
            {"quantity": "Q1", "values": [1, 2, 3, 4]},
            {"quantity": "Q1", "round": 2, "values": [1, 2, 3, 5]},
            {"quantity": "Q2", "lowest": 1, "best": 2, "highest": 3, "confidence": 0.9},
        ),
    )
    assert [a.round for a in case.quantity_estimates["Ana"]] == [1, 2, 1]


def test_too_many_answers_are_refused_while_reading():
    from sat.io.validate import MAX_OTHER_ENTRIES, size_problems

    many = [{"quantity": "Q1"}] * (MAX_OTHER_ENTRIES + 1)
    assert size_problems({"quantity_estimates": {"Ana": many}}) == [
        (("quantity_estimates", "Ana"), f"{len(many):,} answers; sat reads at most "
         f"{MAX_OTHER_ENTRIES:,} answers of one analyst")
    ]  # fmt: skip
