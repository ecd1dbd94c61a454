"""Analysts' own probabilities: coherence by projection, pooling, and the matrix beside them."""

import json

import numpy as np
import pytest

from sat.case import Case
from sat.errors import AnalysisError
from sat.techniques import estimates
from sat.testing import generate_case


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([0.5, 0.4, 0.3], [0.5 - 0.2 / 3, 0.4 - 0.2 / 3, 0.3 - 0.2 / 3]),  # sum 1.2: all lowered
        ([0.2, 0.4], [0.4, 0.6]),  # sum 0.6: both raised by 0.2, not rescaled to (1/3, 2/3)
        ([0.7, 0.6, 0.1], [0.55, 0.45, 0.0]),  # one value clipped at 0 (theta = 0.15)
        ([0.25, 0.25, 0.5], [0.25, 0.25, 0.5]),  # coherent already: unchanged
    ],
)
def test_projection_onto_the_simplex_by_hand(given, expected):
    assert estimates.project_simplex(given) == pytest.approx(expected, abs=1e-12)


def test_the_projection_is_the_closest_coherent_set():
    rng = np.random.default_rng(3)
    for _ in range(50):
        u = rng.uniform(0, 1, 5)
        p = estimates.project_simplex(u)
        assert p.min() >= 0 and p.sum() == pytest.approx(1)
        for _ in range(20):  # no other point of the simplex is closer
            q = rng.dirichlet(np.ones(5))
            assert np.sum((u - p) ** 2) <= np.sum((u - q) ** 2) + 1e-12


def test_the_mean_and_the_log_odds_pool_by_hand():
    sets = [[0.6, 0.4], [0.8, 0.2]]
    assert estimates.pool(sets) == pytest.approx([0.7, 0.3])
    g1, g2 = np.sqrt(0.6 * 0.8), np.sqrt(0.4 * 0.2)  # geometric means, normalised
    assert estimates.pool(sets, "logodds", 1.0) == pytest.approx([g1 / (g1 + g2), g2 / (g1 + g2)])
    assert estimates.pool(sets, "logodds", 2.0)[0] == pytest.approx(0.48 / (0.48 + 0.08))
    # one event, a = 1: the mean of the log odds
    logit = (np.log(0.6 / 0.4) + np.log(0.9 / 0.1)) / 2
    event = estimates.pool([[0.6], [0.9]], "logodds", 1.0, exclusive=False)
    assert event[0] == pytest.approx(1 / (1 + np.exp(-logit)))
    with pytest.raises(ValueError, match="unknown pool"):
        estimates.pool(sets, "median")


def _case(**extra):
    data = generate_case(8, 3, n_analysts=2, seed=2)
    data.update(extra)
    return Case.model_validate(data)


def test_each_set_is_made_coherent_then_pooled_and_set_beside_the_posterior():
    from sat.techniques import bayes

    case = _case(
        estimates={
            "Analyst 1": {"H1": 0.5, "H2": 0.4, "H3": 0.3},
            "Analyst 2": {"H1": 0.2, "H2": 0.4, "H3": 0.0},
        }
    )
    posterior = bayes.point(case)
    result = estimates.run(case, posterior=posterior)
    assert result.analysts == ("Analyst 1", "Analyst 2")
    one = [0.5 - 0.2 / 3, 0.4 - 0.2 / 3, 0.3 - 0.2 / 3]
    two = np.array([0.2, 0.4, 0.0]) + 0.4 / 3  # sum 0.6: each raised by 0.4 / 3
    assert result.coherent.loc["Analyst 1"].tolist() == pytest.approx(one)
    assert result.aggregate.tolist() == pytest.approx(((np.array(one) + two) / 2).tolist())
    assert result.method == "the arithmetic mean"
    comparison = result.comparison
    assert comparison["posterior"].tolist() == pytest.approx(posterior.tolist())
    assert comparison["difference"].tolist() == pytest.approx(
        (comparison["aggregate"] - comparison["posterior"]).tolist()
    )
    gap = float(comparison["difference"].abs().sum())
    for change in result.reconcile:  # each listed change brings the posterior closer
        assert (
            change["gap_after"] < gap
            and change["hypothesis"] == comparison["difference"].abs().idxmax()
        )
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) >= {"analysts", "aggregate", "method"}
    assert data["analysts"]["Analyst 2"]["coherent"] == pytest.approx(
        dict(zip(["H1", "H2", "H3"], two.tolist(), strict=True)), abs=1e-6
    )
    assert all(0 <= p <= 1 for p in data["aggregate"].values())
    logodds = estimates.run(case, pool_by="logodds", extremize=1.5, posterior=None)
    assert logodds.method == "the log-odds pool with extremizing a = 1.5"
    with pytest.raises(AnalysisError, match="unknown pool"):
        estimates.run(case, pool_by="vote", posterior=None)


def test_events_and_scenarios_are_made_coherent_by_the_chain_rule():
    case = _case(
        events=[
            {"id": "X1", "description": "one", "probability": 0.3},
            {"id": "X2", "description": "two", "probability": 0.3},
        ],
        scenarios=[{"id": "S1", "name": "both", "events": ["X1", "X2"]}],
        estimates={"Analyst 1": {"X1": 0.5, "X2": 0.5, "S1": 0.5}},  # S1 should be 0.25
    )
    coherent = estimates.run(case, posterior=None).coherent.loc["Analyst 1"]
    # least squares: 2 (q - 0.5)^2 + (q^2 - 0.5)^2 is least where q^3 + 0.5 q - 0.5 = 0
    q = np.roots([1, 0, 0.5, -0.5])
    q = float(q[np.isreal(q)].real[0])
    assert coherent["X1"] == pytest.approx(q, abs=1e-5) and coherent["X2"] == pytest.approx(
        q, abs=1e-5
    )
    assert coherent["S1"] == pytest.approx(q * q, abs=1e-5)


def test_estimates_name_known_analysts_and_targets_and_a_partial_set_is_not_pooled():
    with pytest.raises(ValueError) as caught:
        _case(estimates={"Someone": {"H9": 0.2}})
    message = str(caught.value)
    assert "'Someone' is not one of the case's analysts" in message
    assert "unknown hypothesis, event or scenario 'H9'" in message
    # a set without H3 (a hypothesis added after it was given) is shown but not pooled
    partial = estimates.run(
        _case(
            estimates={
                "Analyst 1": {"H1": 0.6, "H2": 0.3},
                "Analyst 2": {"H1": 0.5, "H2": 0.3, "H3": 0.2},
            }
        ),
        posterior=None,
    )
    assert partial.incomplete == {"Analyst 1": ("H3",)}
    assert partial.aggregate.to_dict() == pytest.approx({"H1": 0.5, "H2": 0.3, "H3": 0.2})
    empty = estimates.run(_case(), posterior=None)
    assert (
        empty.analysts == ()
        and empty.comparison_frame is None
        and empty.to_dict()["aggregate"] == {}
    )


def test_the_pool_says_whose_numbers_it_holds_for_each_target():
    # Analyst 1 leaves out H3, so the hypotheses' pool is Analyst 2's set alone; both gave X1
    # (0.4 and 0.6: the mean 0.5), only Analyst 1 gave X2
    case = _case(
        events=[
            {"id": "X1", "description": "one", "probability": 0.3},
            {"id": "X2", "description": "two", "probability": 0.3},
        ],
        estimates={
            "Analyst 1": {"H1": 0.6, "H2": 0.3, "X1": 0.4, "X2": 0.9},
            "Analyst 2": {"H1": 0.5, "H2": 0.3, "H3": 0.2, "X1": 0.6},
        },
    )
    result = estimates.run(case, posterior=None)
    assert result.pooled_from == {
        "H1": ("Analyst 2",),
        "H2": ("Analyst 2",),
        "H3": ("Analyst 2",),
        "X1": ("Analyst 1", "Analyst 2"),
        "X2": ("Analyst 1",),
    }
    assert result.aggregate["X1"] == pytest.approx(0.5)
    assert result.to_dict()["pooled_from"]["X1"] == ["Analyst 1", "Analyst 2"]


def test_sat_validate_notes_a_set_that_leaves_out_a_hypothesis_on_its_line(write, capsys):
    from sat.cli import main

    path = write(
        """\
        id: k
        title: K
        question: Q
        date: 2026-01-01
        analysts: [Analyst A, Analyst B]
        hypotheses:
          - {id: H1, label: a, statement: a}
          - {id: H2, label: b, statement: b}
          - {id: H3, label: c, statement: c}
        estimates:
          Analyst A: {H1: 0.5, H2: 0.3, H3: 0.2}
          Analyst B: {H2: 0.6}
        """
    )
    assert main(["validate", str(path)]) == 0  # a note, not an error: adding a hypothesis
    err = capsys.readouterr().err.splitlines()  # never makes a case invalid
    assert err == [
        f"sat: note: {path}:12: estimates.Analyst B: Analyst B gives no probability for H1 and "
        "H3: sat estimates neither checks Analyst B's probabilities for the hypotheses for "
        "coherence nor pools them until all 3 have one"
    ]


def test_every_commands_help_prints_percentages_as_written(capsys):
    from sat.cli import COMMANDS, main

    with pytest.raises(SystemExit):
        main(["estimates", "--help"])
    assert "cut mean absolute\nerror by 61% this way" in capsys.readouterr().out
    for command in COMMANDS:
        with pytest.raises(SystemExit):
            main([command.name, "--help"])
        assert "%%" not in capsys.readouterr().out, command.name
