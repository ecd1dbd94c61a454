"""The judgements a register can score, on the command line and in a notebook: what ``sat
judgements`` prints is what ``sat register`` records, and every sentence of either view holds of
the numbers beside it, in every situation (nothing scorable, the Bayesian mode unable to run,
hostile text)."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

import sat
from sat.case import Case
from sat.cli import main
from sat.paths import EXAMPLE_CASE
from sat.report import tables, text
from sat.report.claims.judgements import judgements_data, why
from sat.techniques import judgements
from sat.techniques.judgements import JudgementsResult
from sat.testing import SITUATIONS, generate_case, situation
from tests.xss import PAYLOADS

SETTLED = {"criterion": "An official statement says so.", "deadline": "2027-01-01"}
NO_RESOLUTION = "no resolution (criterion and deadline) in the case"

#: Text no reader should meet: a missing value or a non-number.
UNSAYABLE = re.compile(r"<NA>|\b[Nn]a[Nn]\b|\b-?inf\b|\bNone\b|\bNaT\b")


def _plain(page: str) -> str:
    """What a reader sees of an HTML fragment: its text, entities resolved, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def _case(criterion: str = SETTLED["criterion"], **hypothesis: str) -> Case:
    data = generate_case(4, 2)
    data["hypotheses"][0] |= {"resolution": SETTLED | {"criterion": criterion}, **hypothesis}
    data["events"] = [{"id": "X1", "description": "Talks open.", "probability": 0.4}]
    data["scenarios"] = [{"id": "SC1", "name": "Talks", "events": ["X1"], "resolution": SETTLED}]
    data["indicators"] = [{"id": "I1", "hypothesis": "H2", "description": "A denial."}]
    return Case.model_validate(data)


@pytest.fixture
def by_hand() -> JudgementsResult:
    """H1 at 0.7 by hand; the scenarios and the indicators' chances not computed."""
    posterior = pd.Series({"H1": 0.7, "H2": 0.3})
    return judgements.run(_case(), posterior=posterior, scenarios=None, collect=None)


def test_the_text_view_lists_each_judgement_then_what_cannot_be_scored(by_hand):
    assert text.judgements(by_hand) == "\n".join(
        [
            "1 judgement can be scored, each with the analysis's probability, to register with "
            "`sat register CASE REGISTER`:",
            "  generated-4x2:H1 (hypothesis): 0.70, settled by 2027-01-01",
            "    judgement: H1 (Hypothesis H1) is the explanation: Generated hypothesis H1. "
            "(probability conditional on one of H1, H2 being true)",
            "    settled when: An official statement says so.",
            "cannot be scored (3):",
            f"  generated-4x2:H2: {NO_RESOLUTION}",
            "  generated-4x2:SC1: the scenarios cannot be computed for the case",
            f"  generated-4x2:I1: {NO_RESOLUTION}",
        ]
    )


def test_the_html_view_shows_the_same(by_hand):
    page = str(tables.judgements_html(by_hand))
    row = re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)
    cells = [_plain(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells == [
        "generated-4x2:H1",
        "hypothesis",
        "0.70",
        "2027-01-01",
        "H1 (Hypothesis H1) is the explanation: Generated hypothesis H1. (probability "
        "conditional on one of H1, H2 being true)",
        "An official statement says so.",
    ]
    said = _plain(page)
    assert said.startswith("1 judgement can be scored, each with the analysis's probability")
    assert "Cannot be scored (3): generated-4x2:H2: no resolution" in said
    assert said.endswith("generated-4x2:I1: no resolution (criterion and deadline) in the case")


def test_nothing_to_score_is_said_as_nothing_never_as_zero(hand_case):
    found = sat.analyse(hand_case).judgements
    assert found.judgements == () and len(found.unscorable) == 3
    printed, page = text.judgements(found), _plain(str(tables.judgements_html(found)))
    assert printed.splitlines()[:2] == ["no judgement can be scored", "cannot be scored (3):"]
    assert page.startswith("No judgement can be scored. Cannot be scored (3):")
    empty = JudgementsResult("x", (), ())  # nothing to list at all
    assert (
        text.judgements(empty)
        == "the case has no hypotheses, scenarios or open indicators to score"
    )
    assert "0 " not in text.judgements(empty) + str(tables.judgements_html(empty))


@pytest.mark.parametrize("resolved", [False, True], ids=["no-resolution", "first-resolved"])
@pytest.mark.parametrize("name", SITUATIONS)
def test_in_every_situation_the_counts_said_are_the_counts_listed(name, resolved):
    data = situation(name, seed=1)
    if resolved:
        data["hypotheses"][0]["resolution"] = SETTLED
    case = Case.model_validate(data)
    case = case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 400})})
    found = sat.analyse(case).judgements
    printed, page = text.judgements(found), _plain(str(tables.judgements_html(found)))
    n, m = len(found.judgements), len(found.unscorable)
    assert n >= int(resolved)
    for said in (printed, page):
        assert not UNSAYABLE.search(said), said
        assert not re.search(r"\b0 judgements\b|\(0\)", said), said
        k = len(found.quantities)  # the quantity targets a register can score
        if n:
            assert re.match(rf"{n} judgements? can be scored", said)
        elif k:
            assert re.match(rf"{k} quantity targets? can be scored", said)
        else:
            assert said.lower().startswith("no judgement can be scored")
        if k:
            assert f"{k} quantity target{'s' if k > 1 else ''} can be scored" in said
        assert f"annot be scored ({m}):" in said if m else "annot be scored" not in said
        for ident, code in found.unscorable:
            assert f"{ident}: {why(code)}" in said
        assert said.count(" can be scored") == 1 + bool(k)


def test_the_bayesian_mode_unable_to_run_is_the_reason_given():
    data = generate_case(3, 2)
    data["hypotheses"][0]["resolution"] = SETTLED
    data["evidence"][0]["ratings"] = {"H1": 0.0, "H2": 0.0}  # rules out every hypothesis
    analysis = sat.analyse(Case.model_validate(data))
    assert analysis.why("bayes") is not None
    printed = text.judgements(analysis.judgements)
    assert printed.splitlines()[0] == "no judgement can be scored"
    assert "  generated-3x2:H1: the Bayesian mode cannot run on the case" in printed


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_is_escaped_in_the_html_view(payload):
    case = _case(payload, label=payload[:200], statement=payload)
    posterior = pd.Series({"H1": 0.7, "H2": 0.3})
    found = judgements.run(case, posterior=posterior, scenarios=None, collect=None)
    page = str(tables.judgements_html(found))
    assert "<" not in re.sub(
        r"</?(div|p|b|code|table|thead|tbody|tr|th|td|ul|li)\b[^>]*>", "", page
    )
    assert html.escape(payload, quote=False).replace("'", "&#39;") in page.replace("&#34;", '"')


def test_sat_judgements_shows_what_sat_register_records(capsys, tmp_path):
    analysis = sat.analyse(sat.load_case(EXAMPLE_CASE))
    assert main(["judgements", str(EXAMPLE_CASE), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == json.loads(json.dumps(judgements_data(analysis.judgements)))
    assert main(["judgements", str(EXAMPLE_CASE)]) == 0
    assert capsys.readouterr().out == text.judgements(analysis.judgements) + "\n"
    register = tmp_path / "register.csv"
    assert main(["register", str(EXAMPLE_CASE), str(register), "--json"]) == 0
    registered = json.loads(capsys.readouterr().out)
    recorded = {
        a["id"]: a["probability"] for a in registered["added"] if a["analyst"] == "the analysis"
    }
    expected = {j["id"]: j["probability"] for j in shown["judgements"]}  # to 6 places
    assert recorded == pytest.approx(expected, abs=5e-7)
    assert registered["unscorable"] == shown["unscorable"]


def test_the_quantity_targets_are_listed_as_sat_register_records_them():
    found = sat.analyse(sat.load_case(EXAMPLE_CASE)).judgements
    printed = text.judgements(found)
    assert (
        "2 quantity targets can be scored, with each analyst's quantiles and the combinations"
        in (printed)
    )
    q4 = next(t for t in found.quantities if t.target == "Q4")
    assert f"  {q4.id} (quantity, log scale), settled by 2026-06-30" in printed
    page = _plain(str(tables.judgements_html(found)))
    data = judgements_data(found)
    assert [q["target"] for q in data["quantities"]] == ["Q4", "Q5"]
    assert data["quantities"][0]["analysts"]["Analyst A"] == [22.0, 35.0, 70.0]
    for said in (printed, page):
        assert "Analyst A, Analyst B, Analyst C" in said
        assert "5% 19.5, 50% 31.8, 95% 66.3" in said  # the equal-weight combination, 3 figures
