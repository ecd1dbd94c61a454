"""What to collect next: expected information gain against hand-worked answers."""

import math
import textwrap

import numpy as np
import pytest

import sat
from sat.case import Case
from sat.techniques import collect as collection


def entropy2(*p):
    return -sum(x * math.log2(x) for x in p if x > 0)


def test_two_hypotheses_by_hand():
    # Even priors; P(o | H1) = 0.8, P(o | H2) = 0.2. P(o) = 0.5; after o: (0.8, 0.2); after not o:
    # (0.2, 0.8). Gain = 1 - 0.5 H(0.8, 0.2) - 0.5 H(0.2, 0.8) = 1 - H(0.8, 0.2) = 0.2781 bits.
    out = collection.information_gain(np.array([0.5, 0.5]), np.array([[0.8, 0.2], [0.4, 0.4]]))
    assert out["p_observed"].tolist() == pytest.approx([0.5, 0.4])
    assert out["if_observed"][0].tolist() == pytest.approx([0.8, 0.2])
    assert out["if_not"][0].tolist() == pytest.approx([0.2, 0.8])
    assert out["gain"][0] == pytest.approx(1 - entropy2(0.8, 0.2))
    assert out["gain"][1] == pytest.approx(0.0)  # equally likely under both: tells nothing


def test_uneven_priors_by_hand():
    # P = (0.7, 0.3); P(o | H) = (0.9, 0.3): P(o) = 0.63 + 0.09 = 0.72; after o (0.875, 0.125);
    # after not o: (0.07, 0.21) / 0.28 = (0.25, 0.75).
    out = collection.information_gain(np.array([0.7, 0.3]), np.array([[0.9, 0.3]]))
    expected = entropy2(0.7, 0.3) - 0.72 * entropy2(0.875, 0.125) - 0.28 * entropy2(0.25, 0.75)
    assert out["p_observed"][0] == pytest.approx(0.72)
    assert out["if_observed"][0].tolist() == pytest.approx([0.875, 0.125])
    assert out["gain"][0] == pytest.approx(expected)


def case_with(indicators, priors=(0.5, 0.5)):
    return Case.model_validate(
        {
            "id": "c",
            "title": "C",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["me"],
            "hypotheses": [
                {"id": h, "label": h, "statement": h, "prior": p}
                for h, p in zip(("H1", "H2"), priors, strict=True)
            ],
            "indicators": indicators,
        }
    )


def test_run_ranks_open_indicators_and_reads_ratings():
    case = case_with(
        [
            {
                "id": "I1",
                "hypothesis": "H1",
                "description": "weak",
                "ratings": {"H1": 0.6, "H2": 0.4},
            },
            {
                "id": "I2",
                "hypothesis": "H1",
                "description": "strong",
                "ratings": {"H1": 0.8, "H2": 0.2},
            },
            {"id": "I3", "hypothesis": "H2", "description": "seen", "status": "observed"},
            # no ratings: read as C for H1 (0.55) and N for H2 (0.5)
            {"id": "I4", "hypothesis": "H1", "description": "default"},
        ]
    )
    result = sat.analyse(case).collect
    targets = result.targets
    assert targets.index.tolist() == ["I2", "I1", "I4"]  # I3 is no longer open
    assert targets.at["I2", "gain"] == pytest.approx(1 - entropy2(0.8, 0.2))
    assert targets.at["I2", "follows_if_observed"] == pytest.approx(0.8)
    assert targets.at["I2", "change"] == pytest.approx(0.3)
    assert targets.at["I4", "p_observed"] == pytest.approx(0.525)
    assert targets.at["I4", "follows_if_observed"] == pytest.approx(0.55 / 1.05)
    assert not targets.at["I4", "rated"] and targets.at["I2", "rated"]
    assert result.entropy == pytest.approx(1.0)
    assert result.to_dict()["targets"][0]["id"] == "I2"


def test_a_gap_phrased_as_an_observation_is_weighed_beside_the_indicators(write):
    from sat.errors import CaseError
    from sat.io import load_case

    base = """\
        id: g
        title: G
        question: "?"
        date: 2026-01-01
        analysts: [me]
        hypotheses:
          - {id: H1, label: a, statement: a, prior: 0.5}
          - {id: H2, label: b, statement: b, prior: 0.5}
        information_gaps:
          - Who decided it.
          - text: Where the shipments went.
            observation: Customs data show the shipments stopped.
            ratings: {H1: 0.9, H2: 0.3}
        """
    case = load_case(write(base))
    assert [g.text for g in case.information_gaps] == [
        "Who decided it.",
        "Where the shipments went.",
    ]
    result = sat.analyse(case).collect
    assert result.targets.index.tolist() == ["G2"]  # the plain-text gap is not an observation
    row = result.targets.loc["G2"]
    assert row["kind"] == "gap" and row["description"] == "Customs data show the shipments stopped."
    # P(o) = 0.6; after o: (0.75, 0.25); after not o: (0.05, 0.35) / 0.4 = (0.125, 0.875)
    expected = 1 - 0.6 * entropy2(0.75, 0.25) - 0.4 * entropy2(0.125, 0.875)
    assert row["gain"] == pytest.approx(expected)
    bad = textwrap.dedent(base).replace(
        "    observation: Customs data show the shipments stopped.\n", ""
    )
    bad = bad.replace("{H1: 0.9, H2: 0.3}", "{H1: 0.9, H9: 0.3}")
    with pytest.raises(CaseError) as caught:
        load_case(write(bad))
    messages = [(p.field, p.message) for p in caught.value.problems]
    assert any(
        f == "information_gaps G2.ratings.H9" and "unknown hypothesis" in m for f, m in messages
    )
    assert any("ratings need the observation" in m for _, m in messages)


def test_a_leader_the_bayesian_mode_does_not_tell_apart_is_not_called_the_most_probable():
    import sat
    from sat.report import text
    from sat.report.tables import collect_html
    from sat.testing import situation

    data = situation("typical", seed=3)  # H1 0.3165 but H3 first in more simulations
    data["indicators"] = [{"id": "I1", "hypothesis": "H1", "description": "a port closes"}]
    analysis = sat.analyse(Case.model_validate(data))
    result = analysis.collect
    assert result.leaders == ("H1",) and result.contenders == analysis.bayes.contenders == ("H3",)
    assert result.to_dict()["contenders"] == ["H3"]
    assert "not told apart from H3 (no leader)" in text.collect(result)
    html = str(collect_html(result))
    assert "not told apart from H3 (no leader)" in html and "the most probable" not in html


def test_who_would_lead_is_named_with_its_probability_seen_or_not():
    # Even priors, no evidence. I2 gives P(o | H) = (0.8, 0.2): seen, (0.8, 0.2) and H1 leads
    # at 0.8; not seen, (0.2, 0.8) and H2 leads at 0.8, while H1 (the hypothesis followed) is at
    # 0.2. I5 gives (0.3, 0.3): it moves nothing, and H1 and H2 stay tied at 0.5 either way.
    case = case_with(
        [
            {"id": "I2", "hypothesis": "H1", "description": "s", "ratings": {"H1": 0.8, "H2": 0.2}},
            {"id": "I5", "hypothesis": "H1", "description": "f", "ratings": {"H1": 0.3, "H2": 0.3}},
        ]
    )
    result = sat.analyse(case).collect
    targets = result.targets
    assert result.leader == "H1"
    assert targets.at["I2", "leader_if_observed"] == ("H1",)
    assert targets.at["I2", "p_leader_if_observed"] == pytest.approx(0.8)
    assert targets.at["I2", "leader_if_not"] == ("H2",)
    assert targets.at["I2", "p_leader_if_not"] == pytest.approx(0.8)
    assert targets.at["I2", "follows_if_not"] == pytest.approx(0.2)
    assert targets.at["I5", "leader_if_observed"] == ("H1", "H2")  # a tie names both
    assert targets.at["I5", "p_leader_if_not"] == pytest.approx(0.5)
    first = result.to_dict()["targets"][0]
    assert first["leader_if_not"] == ["H2"] and first["p_leader_if_not"] == pytest.approx(0.8)
    assert "leader_now" not in first and first["follows_now"] == pytest.approx(0.5)


def test_nothing_ranked_names_no_one_who_would_lead():
    # no evidence and the open indicator rates nothing explicitly (NA): no hypothesis is ranked
    case = case_with(
        [{"id": "I1", "hypothesis": "H1", "description": "x", "ratings": {"H1": "NA"}}]
    )
    targets = sat.analyse(case).collect.targets
    assert targets.at["I1", "leader_if_observed"] == ()
    assert np.isnan(targets.at["I1", "p_leader_if_observed"])
    assert sat.analyse(case).collect.to_dict()["targets"][0]["p_leader_if_observed"] is None
