"""Run the benchmarks and print each figure as a ratio measured side by side, with its target.

``python -m benchmarks.run`` (``make bench``) measures at full size, taking the
median of several repeats; ``--smoke`` runs every benchmark once on tiny inputs
(``make test`` does this, so the benchmarks cannot rot). Numbers computed two
ways are asserted identical before any time is reported. No test asserts a time.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Figure:
    name: str
    ours: float
    baseline: float
    target: str
    met: bool
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.baseline / self.ours if self.ours else math.inf


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# -- 1. the engine against the straightforward way --------------------------------------------------

_VOTE = {"NA": 0, "II": 1, "I": 2, "N": 3, "C": 4, "CC": 5}
_CODE = {v: k for k, v in _VOTE.items()}


def _sample_sd(values):
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def _leaders(hyps, weighted, consistency):
    best = min(weighted.values())
    tied = [h for h in hyps if abs(weighted[h] - best) <= 1e-9]
    top = max(consistency[h] for h in tied)
    return tuple(h for h in tied if consistency[h] == top)


def naive_scores(case):
    """The same analysis one cell and one analyst at a time, in pure Python.

    ACH scores, diagnosticity, linchpins and the posterior of the case's own
    matrix; then, per cell, the analysts' votes: Open Synthesis mean and
    disagreement, opposition, the median consensus; each analyst's and the
    consensus matrix's weighted inconsistency and leader.
    """
    from sat import scales
    from sat.techniques.bayes import DEFAULT_LIKELIHOODS, DEFAULT_TEMPERING

    hyps = [h.id for h in case.hypotheses]
    inconsistency = dict.fromkeys(hyps, 0)
    weighted = dict.fromkeys(hyps, 0.0)
    consistency = dict.fromkeys(hyps, 0)
    rows = []
    for item in case.evidence:
        w = scales.LEVEL_WEIGHT[item.credibility] * scales.LEVEL_WEIGHT[item.relevance]
        row = {}
        values = []
        for h in hyps:
            code = item.ratings.get(h, "NA")
            code = code if isinstance(code, str) else "NA"
            inconsistency[h] += scales.INCONSISTENCY_POINTS[code]
            weighted[h] += -scales.WEIGHTED_VALUE[code] * w
            consistency[h] += scales.CONSISTENCY_POINTS[code]
            row[h] = (-scales.WEIGHTED_VALUE[code] * w, scales.CONSISTENCY_POINTS[code])
            values.append(scales.SCALE_VALUE[code])
        mean = sum(values) / len(values)
        diagnosticity = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        rows.append((item.id, row, diagnosticity))
    leader = _leaders(hyps, weighted, consistency)
    linchpins = []
    for item_id, row, _ in rows:
        wt = {h: weighted[h] - row[h][0] for h in hyps}
        ct = {h: consistency[h] - row[h][1] for h in hyps}
        if _leaders(hyps, wt, ct) != leader:
            linchpins.append(item_id)
    # posterior with the default likelihoods and tempering, in logs
    logpost = dict.fromkeys(hyps, math.log(1 / len(hyps)))
    for item in case.evidence:
        t = DEFAULT_TEMPERING[item.credibility]
        for h in hyps:
            code = item.ratings.get(h, "NA")
            p = 0.5 if code == "NA" else t * DEFAULT_LIKELIHOODS[code] + (1 - t) * 0.5
            logpost[h] += math.log(p)
    top = max(logpost.values())
    total = sum(math.exp(v - top) for v in logpost.values())
    posterior = {h: math.exp(logpost[h] - top) / total for h in hyps}
    # the analysts, cell by cell
    names = list(dict.fromkeys(n for e in case.evidence for n in e.analyst_ratings))
    own = {n: (dict.fromkeys(hyps, 0.0), dict.fromkeys(hyps, 0)) for n in names}
    agreed = (dict.fromkeys(hyps, 0.0), dict.fromkeys(hyps, 0))
    cells = {}
    for item in case.evidence:
        w = scales.LEVEL_WEIGHT[item.credibility] * scales.LEVEL_WEIGHT[item.relevance]
        for h in hyps:
            votes = []
            for n in names:
                code = item.analyst_ratings.get(n, {}).get(h)
                if isinstance(code, str):
                    votes.append(_VOTE[code])
                    own[n][0][h] += -scales.WEIGHTED_VALUE[code] * w
                    own[n][1][h] += scales.CONSISTENCY_POINTS[code]
            code = item.ratings.get(h, "NA")
            code = code if isinstance(code, str) else "NA"
            if votes:
                rated = sorted(v for v in votes if v > 0)
                mean = sum(3 if v == 0 else v for v in votes) / len(votes)
                spread = max(_sample_sd([1 if v == 0 else 0 for v in votes]), _sample_sd(rated))
                n = len(rated)
                opposed = sum(1 for a in range(n) for b in range(a + 1, n)
                              if (rated[a] <= 2 and rated[b] >= 4) or (rated[a] >= 4 and rated[b] <= 2))  # fmt: skip
                opposition = opposed / (n * (n - 1) / 2) if n > 1 else 0.0
                if sum(1 for v in votes if v == 0) > len(votes) / 2 or not rated:
                    code = "NA"
                else:
                    median = (rated[(n - 1) // 2] + rated[n // 2]) / 2
                    code = _CODE[int(math.floor(median) if median > 3 else math.ceil(median))]
                cells[(item.id, h)] = (mean, spread, opposition, code)
            agreed[0][h] += -scales.WEIGHTED_VALUE[code] * w
            agreed[1][h] += scales.CONSISTENCY_POINTS[code]
    side = {n: own[n][0] for n in names} | {"consensus": agreed[0]}
    leaders = {n: _leaders(hyps, *own[n]) for n in names} | {"consensus": _leaders(hyps, *agreed)}
    return (
        inconsistency,
        weighted,
        consistency,
        {r[0]: r[2] for r in rows},
        sorted(linchpins),
        posterior,
        cells,
        side,
        leaders,
    )


def bench_engine(n_evidence: int, n_hypotheses: int, n_analysts: int, repeats: int) -> list[Figure]:
    from sat.case import Case
    from sat.techniques import ach, bayes, consensus
    from sat.testing import generate_case

    data = generate_case(n_evidence, n_hypotheses, n_analysts=n_analysts, seed=3)
    case = Case.model_validate(data)
    t_arrays = median_time(lambda: case.model_copy().matrix, repeats)
    case.matrix  # noqa: B018 -- as sat.load_case leaves it: the arrays built while loading

    def ours():
        return ach.score(case), bayes.point(case), consensus.assess(case)

    result, post, panel = ours()
    inc, wt, cons, diag, linch, naive_post, cells, side, leaders = naive_scores(case)
    hyp = result.hypotheses
    assert hyp["inconsistency"].tolist() == [inc[h] for h in hyp.index]
    assert np.allclose(hyp["weighted_inconsistency"], [wt[h] for h in hyp.index])
    assert hyp["consistency"].tolist() == [cons[h] for h in hyp.index]
    assert np.allclose(result.evidence["diagnosticity"], [diag[e] for e in result.evidence.index])
    assert sorted(result.linchpins) == linch
    assert np.allclose(post, [naive_post[h] for h in post.index])
    got = panel.cells_frame
    assert len(got) == len(cells)
    expected = [cells[key] for key in got.index]
    assert np.allclose(got[["mean", "disagreement", "opposition"]].to_numpy(float),
                       [c[:3] for c in expected])  # fmt: skip
    assert got["consensus"].tolist() == [c[3] for c in expected]
    for name, column in side.items():
        assert np.allclose(panel.side_by_side[name], [column[h] for h in hyp.index]), name
    assert panel.leaders == leaders

    t_ours = median_time(ours, repeats)
    t_naive = median_time(lambda: naive_scores(case), repeats)
    size = f"{n_evidence} × {n_hypotheses} × {n_analysts} analysts"
    return [
        Figure(
            f"ACH scores, diagnosticity, linchpins, posterior, consensus ({size}) vs per-cell Python",
            t_ours, t_naive, "≥ 50× faster", t_naive / t_ours >= 50,
            "identical numbers asserted; ours also finds the exact steps to lead",
        ),
        Figure(
            f"the same, building the arrays from the model first ({size})",
            t_ours + t_arrays, t_naive, "(shown for honesty)", True,
            f"building the arrays takes {t_arrays:.3f} s once per load (in the loading figures)",
        ),
    ]  # fmt: skip


# -- 2. loading against the parser's floor ----------------------------------------------------------


def bench_loading(n_evidence: int, n_hypotheses: int, repeats: int, folder: Path) -> list[Figure]:
    import pandas as pd
    import yaml

    import sat
    from sat.testing import write_case

    yaml_path = write_case(folder / "big.yaml", n_evidence, n_hypotheses, seed=5)
    csv_path = write_case(folder / "big.csv", n_evidence, n_hypotheses, seed=5)
    text = yaml_path.read_text()
    t_sat = median_time(lambda: sat.load_case(yaml_path), repeats)
    t_yaml = median_time(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeats)
    t_csv = median_time(lambda: sat.load_case(csv_path), repeats)
    t_pd = median_time(lambda: pd.read_csv(csv_path), repeats)
    return [
        Figure(f"load + validate a {n_evidence}-item YAML case vs bare CSafeLoader", t_sat, t_yaml,
               "within 3× (ratio ≥ 0.33)", t_yaml / t_sat >= 1 / 3),
        Figure(f"load + validate a {n_evidence}-item CSV matrix vs pandas.read_csv", t_csv, t_pd,
               "within 3× (ratio ≥ 0.33)", t_pd / t_csv >= 1 / 3,
               "pandas only parses; sat also validates every cell and builds the model"),
    ]  # fmt: skip


# -- 3. Monte Carlo against numpy's floor -----------------------------------------------------------


def bench_monte_carlo(n_evidence: int, n_hypotheses: int, draws: int, repeats: int) -> Figure:
    from sat.case import Case
    from sat.techniques import bayes
    from sat.testing import generate_case

    data = generate_case(n_evidence, n_hypotheses, seed=7)
    data["bayes"] = {"draws": draws}
    case = Case.model_validate(data)
    t_ours = median_time(lambda: bayes.posterior(case.model_copy()), repeats)
    values = draws * (2 * n_evidence * n_hypotheses + 2 * n_evidence)
    rng = np.random.default_rng(0)
    chunk = bayes.CHUNK_CELLS

    def floor():
        left = values
        while left > 0:
            rng.random(min(left, chunk))
            left -= chunk

    t_floor = median_time(floor, repeats)
    return Figure(
        f"Monte Carlo, {draws} draws over {n_evidence} × {n_hypotheses} vs generating its random numbers",
        t_ours, t_floor, "within 10× (ratio ≥ 0.1)", t_floor / t_ours >= 0.1,
        f"{values:,} random values; memory bounded by chunks of {chunk:,} cells",
    )  # fmt: skip


# -- 6. start-up ------------------------------------------------------------------------------------


def _python(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def bench_startup(repeats: int) -> list[Figure]:
    t_sat = statistics.median(_python("import sat") for _ in range(repeats))
    t_pandas = statistics.median(_python("import pandas") for _ in range(repeats))
    t_help = statistics.median(_python("import sys; sys.argv=['sat','--help']\ntry:\n from sat.cli import main; main()\nexcept SystemExit: pass") for _ in range(repeats))  # fmt: skip
    t_bare = statistics.median(_python("pass") for _ in range(repeats))
    heavy = subprocess.run(
        [sys.executable, "-c", "import sys, sat; print(','.join(m for m in ('pandas','matplotlib','networkx','papermill','ipywidgets') if m in sys.modules))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    return [
        Figure("import sat vs import pandas", t_sat, t_pandas, "within 1.3× (ratio ≥ 0.77)", t_pandas / t_sat >= 1 / 1.3,
               f"heavy libraries loaded by import sat: {heavy or 'none'}"),
        Figure("sat --help vs a bare Python start", t_help, t_bare, "under 0.5 s", t_help < 0.5,
               f"{t_help:.2f} s in all"),
    ]  # fmt: skip


def run(smoke: bool) -> list[Figure]:
    repeats = 1 if smoke else 5
    with tempfile.TemporaryDirectory() as folder:
        figures = [
            *bench_engine(60 if smoke else 5000, 5 if smoke else 20, 4 if smoke else 20, repeats),
            *bench_loading(60 if smoke else 5000, 5 if smoke else 20, repeats, Path(folder)),
            bench_monte_carlo(
                30 if smoke else 500, 4 if smoke else 10, 200 if smoke else 10_000, repeats
            ),
            *bench_startup(1 if smoke else 5),
        ]
    return figures


def report(figures: list[Figure]) -> str:
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"numpy {np.__version__}",
        "",
        "| benchmark | sat (s) | alternative (s) | ratio | target | met | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(f"| {f.name} | {f.ours:.4f} | {f.baseline:.4f} | {f.ratio:.2f}× | {f.target} | "
                     f"{'yes' if f.met else 'NO'} | {f.note} |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--smoke", action="store_true", help="tiny inputs, one repeat (used by make test)"
    )
    args = parser.parse_args(argv)
    print(report(run(args.smoke)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
