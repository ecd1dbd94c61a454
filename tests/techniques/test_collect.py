"""What to collect next: expected information gain against hand-worked answers."""

import math

import numpy as np
import pytest

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
    result = collection.run(case)
    targets = result.targets
    assert targets.index.tolist() == ["I2", "I1", "I4"]  # I3 is no longer open
    assert targets.at["I2", "gain"] == pytest.approx(1 - entropy2(0.8, 0.2))
    assert targets.at["I2", "leader_if_observed"] == pytest.approx(0.8)
    assert targets.at["I2", "change"] == pytest.approx(0.3)
    assert targets.at["I4", "p_observed"] == pytest.approx(0.525)
    assert targets.at["I4", "leader_if_observed"] == pytest.approx(0.55 / 1.05)
    assert not targets.at["I4", "rated"] and targets.at["I2", "rated"]
    assert result.entropy == pytest.approx(1.0)
    assert result.to_dict()["targets"][0]["id"] == "I2"
