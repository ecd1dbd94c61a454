"""The example case's quantity targets through the register, end to end in a folder of its own:
registered (each analyst's latest quantiles, both combinations), resolved with the values they
took, scored apart from the probabilities, against figures worked by hand from the case."""

from __future__ import annotations

import json
import math
import shutil

import pytest

from sat.cli import EXIT_OK, main
from sat.paths import EXAMPLE_CASE

Q4, Q5 = "china-japan-dual-use-2026:Q4", "china-japan-dual-use-2026:Q5"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def chi2_3(x):
    """P(chi-square with 3 degrees of freedom > x), by Abramowitz and Stegun 26.4.5."""
    return math.erfc(math.sqrt(x / 2)) + math.exp(-x / 2) * math.sqrt(2 * x / math.pi)


def test_the_example_cases_targets_registered_resolved_and_scored(tmp_path, capsys):
    case = tmp_path / EXAMPLE_CASE.name
    shutil.copy(EXAMPLE_CASE, case)
    register = tmp_path / "register.csv"
    code, out, _ = run(capsys, "register", case, register, "--date", "2026-03-01", "--json")
    added = json.loads(out)["added_quantities"]
    by = {(a["id"], a["analyst"]): a["quantiles"] for a in added}
    assert {who for _, who in by} == {
        "Analyst A",
        "Analyst B",
        "Analyst C",
        "the analysis",
        "the analysis (performance-weighted)",
    }
    # Analyst A's round-2 answers, exactly as the case gives them
    assert by[(Q4, "Analyst A")] == [[0.05, 22], [0.5, 35], [0.95, 70]]
    assert by[(Q5, "Analyst A")] == [[0.05, 5], [0.5, 18], [0.95, 40]]
    assert (Q4, "Analyst C") in by and (Q5, "Analyst C") in by  # C's Q5 from round 1
    text = register.read_text()
    assert "5:22;50:35;95:70,log," in text and "5:5;50:18;95:40,uniform," in text

    # nothing is scored before a value is known; then Q4 came to 31 firms, Q5 to 12%
    code, _, err = run(capsys, "calibration", register)
    assert err.endswith(
        "; 2 quantity targets open too: record the value each took with sat resolve REGISTER "
        "ID --value X\n"
    )
    for ident, value in ((Q4, 31), (Q5, 12)):
        code, out, _ = run(
            capsys, "resolve", register, ident, "--value", value, "--date", "2027-01-05"
        )
        assert code == EXIT_OK and out.startswith(
            f"{ident}: value {value} recorded on 5 forecast(s)"
        )
    code, out, _ = run(capsys, "register", case, register, "--date", "2027-01-06")
    assert f"not registered again, their value is recorded: {Q4}, {Q5}" in out
    code, out, _ = run(capsys, "calibration", register, "--json")
    data = json.loads(out)
    assert "no resolved judgements" in data["error"]  # no probability is resolved: said apart
    a = data["quantities"]["by_analyst"]["Analyst A"]
    # Q4 (log): ln 31 inside [ln 22, ln 70], below the median 35; Q5: 12 inside [5, 40], below 18
    assert (a["targets"], a["inside"], a["coverage"], a["log_scale_targets"]) == (2, 2, 0.9, 1)
    assert a["interval_score"] == pytest.approx((math.log(70 / 22) + (40 - 5)) / 2)
    # both in bin 2 of (0.05, 0.45, 0.45, 0.05): I = ln(1 / 0.45), N = 2
    assert a["calibration"] == pytest.approx(chi2_3(2 * 2 * math.log(1 / 0.45)), rel=1e-9)
    b = data["quantities"]["by_analyst"]["Analyst B"]
    # B's Q4 [20, 28, 50]: 31 above the median (bin 3); Q5 [10, 25, 42]: 12 in bin 2
    assert b["inside"] == 2
    assert b["calibration"] == pytest.approx(
        chi2_3(2 * 2 * (0.5 * math.log(0.5 / 0.45) * 2)), rel=1e-9
    )
    code, out, _ = run(capsys, "calibration", register)
    assert out.startswith("no resolved judgements to score yet")
    assert "the analysis (performance-weighted)" in out and "on ln values" in out
    # the probability judgements are scored as before once one is resolved; the numbers apart
    run(capsys, "resolve", register, "china-japan-dual-use-2026:H1", "--outcome", "no")
    code, out, _ = run(capsys, "calibration", register, "--json")
    data = json.loads(out)
    assert data["n"] == 4 and "error" not in data  # H1's four forecasters
    assert set(data["by_analyst"]) == {"the analysis", "Analyst A", "Analyst B", "Analyst C"}
    assert data["quantities"]["by_analyst"]["Analyst A"] == a
