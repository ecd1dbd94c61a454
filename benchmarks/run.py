"""Run the benchmarks and print each figure as a ratio measured side by side, with its target.

``python -m benchmarks.run`` (``make bench``) measures at full size, taking the
median of several repeats; ``--smoke`` runs every benchmark once on tiny inputs
(``make test`` does this, so the benchmarks cannot rot), the brief and batch
commands on a stand-in notebook that only takes its parameters (the real brief is
rendered by tests/report). Numbers computed two ways are asserted identical before
any time is reported. No test asserts a time.
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
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sat.io.document import CaseDocument

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


def median_time(
    fn: Callable[[], object], repeats: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
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


def naive_posterior(case, hyps):
    """The posterior one item at a time, in pure Python, under the shared-reliability model."""
    from sat.techniques.bayes import DEFAULT_LIKELIHOODS, DEFAULT_TEMPERING, RELIABILITY
    from sat.techniques.quality import independence_groups

    # posterior with the default likelihoods and tempering, in logs; reports of one independence
    # group of sources share its reliability r (Admiralty grade, mean over the group):
    # P(reports | h) = r prod l_u(h) + (1 - r) prod max_h' l_u(h'); items of one cluster or with the
    # same quote are one unit (mean of their log likelihoods); unsourced items stand alone (r = 1);
    # assumptions count for nothing
    group = independence_groups(case.sources)
    grades: dict = {}
    for s in case.sources:
        grades.setdefault(group[s.id], []).append(RELIABILITY[s.reliability])
    items = [e for e in case.evidence if e.type != "assumption"]
    parent = list(range(len(items)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    seen = {}
    for i, e in enumerate(items):
        keys = ([("cluster", e.cluster)] if e.cluster else []) + [
            ("quote", " ".join(q.casefold().split())) for q in e.quote
        ]
        for k in keys:
            if k in seen:
                a, b = find(i), find(seen[k])
                parent[max(a, b)] = min(a, b)
            else:
                seen[k] = i
    units: dict = {}
    for i in range(len(items)):
        units.setdefault(find(i), []).append(items[i])
    origins: dict = {}
    for root, members in units.items():
        groups = frozenset(group[s] for e in members for s in e.sources if s in group)
        origins.setdefault(groups or ("alone", root), []).append(members)
    logpost = dict.fromkeys(hyps, math.log(1 / len(hyps)))
    for key, unit_list in origins.items():
        if isinstance(key, frozenset):
            r = 1 - math.prod(1 - sum(grades[g]) / len(grades[g]) for g in key)
        else:
            r = 1.0
        rel = dict.fromkeys(hyps, 0.0)
        for members in unit_list:
            logs = {}
            for h in hyps:
                total = 0.0
                for e in members:
                    code = e.ratings.get(h, "NA")
                    t = DEFAULT_TEMPERING[e.credibility]
                    p = 0.5 if code == "NA" else t * DEFAULT_LIKELIHOODS[code] + (1 - t) * 0.5
                    total += math.log(p)
                logs[h] = total / len(members)
            top = max(logs.values())
            for h in hyps:
                rel[h] += logs[h] - top
        for h in hyps:
            logpost[h] += rel[h] if r == 1 else math.log(r * math.exp(rel[h]) + 1 - r)
    top = max(logpost.values())
    total = sum(math.exp(v - top) for v in logpost.values())
    return {h: math.exp(logpost[h] - top) / total for h in hyps}


def naive_ach(case):
    """ACH one cell at a time, in pure Python: Heuer's and PARC's scores and the consistency
    count per hypothesis, each item's diagnosticity, and the linchpins (items whose removal
    alone changes who leads, or whether one leader is level with another on the score)."""
    from sat import scales

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

    def standing(wt, ct):  # who leads, and whether one leader is level with another on the score
        first = _leaders(hyps, wt, ct)
        level = len(first) == 1 and any(
            abs(wt[h] - wt[first[0]]) <= 1e-9 for h in hyps if h != first[0]
        )
        return first, level

    now = standing(weighted, consistency)
    linchpins = []
    for item_id, row, diagnosticity in rows:
        wt = {h: weighted[h] - row[h][0] for h in hyps}
        ct = {h: consistency[h] - row[h][1] for h in hyps}
        if diagnosticity > 0 and standing(wt, ct) != now:
            linchpins.append(item_id)
    diagnosticity = {r[0]: r[2] for r in rows}
    return inconsistency, weighted, consistency, diagnosticity, sorted(linchpins)


def naive_scores(case):
    """The same analysis one cell and one analyst at a time, in pure Python.

    ACH scores, diagnosticity, linchpins (``naive_ach``) and the posterior of
    the case's own matrix; then, per cell, the analysts' votes: Open Synthesis
    mean and disagreement, opposition, the median consensus; each analyst's and
    the consensus matrix's weighted inconsistency and leader.
    """
    from sat import scales

    hyps = [h.id for h in case.hypotheses]
    inconsistency, weighted, consistency, diagnosticity, linchpins = naive_ach(case)
    posterior = naive_posterior(case, hyps)
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
                opposed = sum(
                    1
                    for a in range(n)
                    for b in range(a + 1, n)
                    if (rated[a] <= 2 and rated[b] >= 4) or (rated[a] >= 4 and rated[b] <= 2)
                )
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
        diagnosticity,
        linchpins,
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
        return ach.run(case), bayes.point(case), consensus.run(case)

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
    assert np.allclose(
        got[["mean", "disagreement", "opposition"]].to_numpy(float), [c[:3] for c in expected]
    )
    assert got["consensus"].tolist() == [c[3] for c in expected]
    compared = panel.compared  # the analysts' columns, then the consensus matrix's as (median)
    for name, column in side.items():
        key = "(median)" if name == "consensus" else name
        assert np.allclose(compared[key], [column[h] for h in hyp.index]), name
    assert panel.leaders | {"consensus": panel.consensus_leaders} == leaders

    t_ours = median_time(ours, repeats)
    t_naive = median_time(lambda: naive_scores(case), repeats)
    size = f"{n_evidence} × {n_hypotheses} × {n_analysts} analysts"
    return [
        Figure(
            f"ACH scores, diagnosticity, linchpins, posterior, consensus ({size}) vs per-cell Python",
            t_ours,
            t_naive,
            "≥ 50× faster",
            t_naive / t_ours >= 50,
            "identical numbers asserted; ours also finds the margin (exact steps search)",
        ),
        Figure(
            f"the same, building the arrays from the model first ({size})",
            t_ours + t_arrays,
            t_naive,
            "(shown for honesty)",
            True,
            f"building the arrays takes {t_arrays:.3f} s once per load (in the loading figures)",
        ),
    ]


def bench_ach(n_evidence: int, n_hypotheses: int, repeats: int) -> list[Figure]:
    """``ach.run`` alone against ``naive_ach``: the result's arrays, then its frames built too."""
    from sat.case import Case
    from sat.techniques import ach
    from sat.testing import generate_case

    case = Case.model_validate(generate_case(n_evidence, n_hypotheses, seed=3))
    case.matrix  # noqa: B018 -- as sat.load_case leaves it: the arrays built while loading
    result = ach.run(case)
    inc, wt, cons, diag, linch = naive_ach(case)
    a, ids = result.arrays, result.arrays.hypothesis_ids
    assert a.inconsistency.tolist() == [inc[h] for h in ids]
    assert np.allclose(a.weighted_inconsistency, [wt[h] for h in ids], rtol=1e-12, atol=1e-9)
    assert a.consistency.tolist() == [cons[h] for h in ids]
    assert np.allclose(a.diagnosticity, [diag[e] for e in a.evidence_ids], rtol=0, atol=1e-12)
    assert sorted(result.linchpins) == linch

    def with_frames():
        r = ach.run(case)
        return r.hypotheses_frame, r.evidence_frame, r.ratings_frame, r.contributions_frame

    t_ours = median_time(lambda: ach.run(case), repeats)
    t_frames = median_time(with_frames, repeats)
    t_naive = median_time(lambda: naive_ach(case), repeats)
    size = f"{n_evidence} × {n_hypotheses}"
    return [
        Figure(
            f"ACH engine alone: scores, diagnosticity, linchpins ({size}) vs per-cell Python",
            t_ours,
            t_naive,
            "≥ 20× faster",
            t_naive / t_ours >= 20,
            "identical numbers asserted; ach.run also finds the margin (exact steps search)",
        ),
        Figure(
            f"the same, with every frame of the result built ({size})",
            t_frames,
            t_naive,
            "(shown for honesty)",
            True,
            "built on first access: pandas frames and each hypothesis's steps to lead",
        ),
    ]


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
        Figure(
            f"load + validate a {n_evidence}-item YAML case vs bare CSafeLoader",
            t_sat,
            t_yaml,
            "within 3× (ratio ≥ 0.33)",
            t_yaml / t_sat >= 1 / 3,
        ),
        Figure(
            f"load + validate a {n_evidence}-item CSV matrix vs pandas.read_csv",
            t_csv,
            t_pd,
            "within 3× (ratio ≥ 0.33)",
            t_pd / t_csv >= 1 / 3,
            "pandas only parses; sat also validates every cell and builds the model",
        ),
    ]


# -- 2b. editing: a case file and the workbook ---------------------------------------------------------


def bench_editing(
    n_evidence: int, n_hypotheses: int, n_analysts: int, folder: Path
) -> list[Figure]:
    """``CaseDocument`` on a large case: opening against ``load_case``; each edit under 1 s."""
    import shutil

    import sat
    from sat.io.document import CaseDocument
    from sat.testing import write_case

    path = write_case(folder / "edit.yaml", n_evidence, n_hypotheses, n_analysts=n_analysts, seed=7)
    size = f"{n_evidence}-item, {n_hypotheses}-hypothesis, {n_analysts}-analyst case"
    t_load = median_time(lambda: sat.load_case(path), 1)
    opened: list[CaseDocument] = []
    t_open = median_time(lambda: opened.append(CaseDocument(path)), 1)
    doc = opened[-1]
    last = f"E{n_evidence}"
    edits: list[tuple[str, Callable[[], object]]] = [
        ("set_rating", lambda: doc.set_rating("E2", "H1", "II")),
        ("set_fields", lambda: doc.set_fields("evidence", last, {"credibility": "L"})),
        ("undo", doc.undo),
        ("add_evidence", lambda: doc.add_evidence("E999999", "New.", ratings={"H1": "C"})),
        ("add_hypothesis", lambda: doc.add_hypothesis("H99", "New", "A new one.")),
        ("rename_hypothesis", lambda: doc.rename_hypothesis("H2", "H2b")),
        ("remove_hypothesis", lambda: doc.remove_hypothesis("H3")),
        ("remove_evidence", lambda: doc.remove_evidence("E3")),
    ]
    figures = [
        Figure(
            f"open a {size} for editing vs load_case",
            t_open,
            t_load,
            "under 2× load_case (ratio ≥ 0.5)",
            t_load / t_open >= 0.5,
        ),
        _rekey_figure(doc, size),
    ]
    for name, edit in edits:
        t = median_time(edit, 1)
        figures.append(
            Figure(
                f"CaseDocument.{name} on the {size} vs load_case",
                t,
                t_load,
                "under 1 s",
                t < 1.0,
                "validates the edited case; the whole file is read back on save",
            )
        )
    t_save = median_time(lambda: doc.save(folder / "edited.yaml"), 1)
    shutil.copy(folder / "edited.yaml", folder / "check.yaml")
    assert sat.load_case(folder / "check.yaml").hypothesis("H2b")  # the edits read back
    figures.append(
        Figure(
            f"save the edited {size} vs load_case",
            t_save,
            t_load,
            "within 2× load_case (ratio ≥ 0.5)",
            t_load / t_save >= 0.5,
            "reads the whole text back and checks it is the edited case before writing",
        )
    )
    return figures


def _rekey_figure(doc: CaseDocument, size: str) -> Figure:
    """A hypothesis renamed in every rated item's text, as the editor does it (each key changed
    where libyaml finds it, and the data alongside) against the round-trip tree it replaced for
    this (ruamel.yaml: load the item, rename the key in each table, write it again); the two
    texts asserted equal (a file written by PyYAML, which the tree keeps as it is)."""
    import io

    from sat.io.document.rekey import _piece_item, _rekey_plain, _rekey_text
    from sat.io.document.tree import _yaml

    pieces = doc._state.pieces
    chunks = [pieces.chunks[k] for k in pieces.items("evidence")]
    data = doc._state.data["evidence"]
    yaml = _yaml(*pieces.styles.get("evidence", pieces.style))
    texts: dict[str, list[str]] = {}

    def ours() -> None:
        texts["ours"] = [_rekey_text(c, "H2", "H2b", _piece_item) for c in chunks]
        for item in data:
            _rekey_plain(item, "H2", "H2b")

    def tree() -> None:
        texts["tree"] = []
        for chunk in chunks:
            root = yaml.load(chunk)
            for table in (root[0]["ratings"], *(root[0].get("analyst_ratings") or {}).values()):
                table.insert(list(table).index("H2"), "H2b", table.pop("H2"))
            out = io.StringIO()
            yaml.dump(root, out)
            texts["tree"].append(out.getvalue())

    t_ours, t_tree = median_time(ours, 3), median_time(tree, 1)
    assert texts["ours"] == texts["tree"]
    return Figure(
        f"rename a hypothesis in every item's text of the {size} vs the round-trip tree",
        t_ours,
        t_tree,
        "≥ 20×",
        t_tree / t_ours >= 20,
        "libyaml finds each key; the tree is ruamel.yaml's parser and writer, pure Python",
    )


def bench_workbook(folder: Path, n_evidence: int, n_hypotheses: int, repeats: int) -> list[Figure]:
    """The workbook's widget model driven in-process: opening it (building and displaying every
    widget, the kernel's share of opening it in JupyterLab) against the grid it had before, a
    dropdown widget per cell (rebuilt here as ``dropdown_grid``); then each action to updated
    scores, against rebuilding the whole grid.

    The browser's own drawing is not included (see tests/browser, which records it)."""
    import shutil

    from sat.paths import EXAMPLE_CASE
    from sat.testing import write_case

    example = folder / "workbook.yaml"
    shutil.copy(EXAMPLE_CASE, example)
    small = write_case(folder / "workbook-small.yaml", 20, 5, seed=9)
    big = write_case(folder / "workbook-big.yaml", n_evidence, n_hypotheses, seed=9)
    return [
        *_opening_figures(example, "the example case", repeats),
        *_opening_figures(small, "a 20×5 case", repeats),
        *_opening_figures(big, f"a {n_evidence}×{n_hypotheses} case", repeats),
        *_workbook_figures(example, "the example case", 0.15, 0.3, repeats),
        *_workbook_figures(big, f"a {n_evidence}×{n_hypotheses} case", 1.0, None, repeats),
    ]


def dropdown_grid(case):
    """The grid as the workbook built it until December 2026: an ipywidgets dropdown per cell,
    two per item for its credibility and relevance, an HTML card per item, in a GridBox."""
    import ipywidgets as w

    from sat import scales
    from sat.widgets.markup import evidence_card

    grades = {s.id: s.reliability or "ungraded" for s in case.sources}
    published = {s.id: s.date for s in case.sources}
    options = [("", ""), *((c, c) for c in scales.RATING_CODES)]
    children = [w.HTML(f"<b>{h.id}</b>") for h in case.hypotheses]
    for item in case.evidence:
        children.append(w.HTML(evidence_card(item, grades, published)))
        for field in ("credibility", "relevance"):
            level = w.Dropdown(options=list(scales.LEVELS), value=getattr(item, field))
            level.observe(lambda _: None, names="value")
            children.append(level)
        for h in case.hypotheses:
            value = item.ratings.get(h.id)
            cell = w.Dropdown(
                options=options
                + ([] if value is None or isinstance(value, str) else [(f"{value:g}", value)]),
                value="" if value is None else value,
                layout=w.Layout(width="4.6em"),
            )
            cell.add_class(f"sat-cell-{item.id}-{h.id}")
            cell.observe(lambda _: None, names="value")
            children.append(cell)
    grid = w.GridBox(children)
    grid._repr_mimebundle_()
    return grid


def one_grid(case):
    """The grid as the workbook builds it now: one ``RatingGrid`` widget holding the matrix."""
    from sat.widgets.grid import RatingGrid
    from sat.widgets.markup import evidence_card

    grades = {s.id: s.reliability or "ungraded" for s in case.sources}
    published = {s.id: s.date for s in case.sources}
    grid = RatingGrid(lambda *_: None, lambda *_: None)
    grid.show_case(case, [evidence_card(item, grades, published) for item in case.evidence])
    grid.show_rows([item.id for item in case.evidence])
    grid._repr_mimebundle_()
    return grid


def _opening_figures(path: Path, label: str, repeats: int) -> list[Figure]:
    import sat
    from sat.widgets import Workbook

    case = sat.load_case(path)
    Workbook(path)._repr_mimebundle_()  # once untimed: the imports and caches of a first open
    t_old = median_time(lambda: dropdown_grid(case), repeats)
    t_grid = median_time(lambda: one_grid(case), repeats)
    t_open = median_time(lambda: Workbook(path)._repr_mimebundle_(), repeats)
    note = "kernel time to build and display"
    return [
        Figure(
            f"workbook, {label}: the grid, one widget vs a dropdown widget per cell",
            t_grid,
            t_old,
            "faster than a widget per cell",
            t_grid < t_old,
            note,
        ),
        Figure(
            f"workbook, {label}: open it (every tab, the scores) vs the former grid alone",
            t_open,
            t_old,
            "under 1 s",
            t_open < 1.0,
            note,
        ),
    ]


def _workbook_figures(
    path: Path, label: str, rate_target: float, edit_target: float | None, repeats: int
) -> list[Figure]:
    from sat.widgets import Workbook

    wb = Workbook(path)
    case = wb.document.case
    e, h = case.evidence[1].id, case.hypotheses[0].id
    t_rebuild = median_time(wb._rebuild, repeats)
    codes = iter(["II", "CC"] * (repeats + 1))
    levels = iter(["L", "H"] * (repeats + 1))
    actions: list[tuple[str, Callable[[], object], float | None]] = [
        ("a rating change", lambda: wb.rate(e, h, next(codes)), rate_target),
        ("a credibility change", lambda: wb.set_level(e, "credibility", next(levels)), rate_target),
        ("undo", wb.undo, edit_target),
    ]
    if edit_target:
        doc = wb.document
        actions += [
            (name, lambda a=action, x=args: wb.edit(a, *x), edit_target)
            for name, action, args in (
                ("add a hypothesis", doc.add_hypothesis, ("HX", "New", "A new one.")),
                ("rename it", doc.rename_hypothesis, ("HX", "HY")),
                ("remove it", doc.remove_hypothesis, ("HY",)),
                ("remove an item", doc.remove_evidence, (e,)),
            )
        ]
        actions.append(("undo the removal", wb.undo, edit_target))
    figures = []
    for name, action, target in actions:
        once = name not in ("a rating change", "a credibility change")
        t = median_time(action, 1 if once else repeats)
        figures.append(
            Figure(
                f"workbook, {label}: {name} to updated scores vs a grid rebuild",
                t,
                t_rebuild,
                f"under {target * 1000:.0f} ms" if target else "faster than a rebuild",
                t < target if target else t < t_rebuild,
                "in-process widget model",
            )
        )
    return figures


# -- 3. Monte Carlo against numpy's floor -----------------------------------------------------------


def bench_monte_carlo(n_evidence: int, n_hypotheses: int, draws: int, repeats: int) -> Figure:
    from sat.case import Case
    from sat.techniques import bayes
    from sat.testing import generate_case

    data = generate_case(n_evidence, n_hypotheses, seed=7)
    data["bayes"] = {"draws": draws}
    case = Case.model_validate(data)
    t_ours = median_time(lambda: bayes.run(case.model_copy()), repeats)
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
        t_ours,
        t_floor,
        "within 10× (ratio ≥ 0.1)",
        t_floor / t_ours >= 0.1,
        f"{values:,} random values; memory bounded by chunks of {chunk:,} cells",
    )


# -- 4. briefs against papermill's floor ------------------------------------------------------------

BIN = Path(sys.executable).parent


def _floor_notebook(path: Path) -> Path:
    import nbformat

    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import pandas, matplotlib")],
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        },
    )
    nbformat.write(notebook, path)
    return path


def _run(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd)
    return time.perf_counter() - start


def _papermill_and_nbconvert(
    notebook: Path, out: Path, parameters: dict[str, str] | None = None, cwd: Path | None = None
) -> float:
    """The two commands a shell script would run for one rendered notebook."""
    command = [
        str(BIN / "papermill"),
        str(notebook),
        str(out),
        "-k",
        "python3",
        "--no-progress-bar",
    ]
    for name, value in (parameters or {}).items():
        command += ["-p", name, value]
    if cwd is not None:
        command += ["--cwd", str(cwd)]
    seconds = _run(command)
    return seconds + _run(
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)]
    )


def _stand_in_notebook(path: Path) -> Path:
    """A brief notebook that only takes its parameters, for a smoke run: the commands and their
    arguments are the benchmark's own, without the cost of the real brief (tests/report renders
    that, on its own and in a batch)."""
    import nbformat

    cell = nbformat.v4.new_code_cell('case_path = ""')
    cell.metadata["tags"] = ["parameters"]
    notebook = nbformat.v4.new_notebook(
        cells=[cell],
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        },
    )
    nbformat.write(notebook, path)
    return path


def _notebook_option(notebook: Path | None) -> list[str]:
    return [] if notebook is None else ["--notebook", str(notebook)]


def bench_brief(repeats: int, folder: Path, notebook: Path | None = None) -> Figure:
    """``notebook`` replaces the brief notebook (a smoke run's stand-in); at full size, None."""
    from sat.paths import EXAMPLE_CASE

    floor_nb = _floor_notebook(folder / "floor.ipynb")
    command = [str(BIN / "sat"), "report", str(EXAMPLE_CASE), "-o", str(folder / "brief")]
    t_ours = median_time(lambda: _run([*command, *_notebook_option(notebook)]), repeats)
    t_floor = statistics.median(
        _papermill_and_nbconvert(floor_nb, folder / "floor-out.ipynb") for _ in range(repeats)
    )
    return Figure(
        "sat report (example case) vs papermill + nbconvert on a one-cell pandas/matplotlib notebook",
        t_ours,
        t_floor,
        "within 2× (ratio ≥ 0.5)",
        t_floor / t_ours >= 0.5,
        "both as the commands a user runs; see 'Where a brief's time goes'",
    )


# -- 5. batch throughput against a shell loop -------------------------------------------------------


def bench_batch(
    n_cases: int, shell_cases: int, folder: Path, notebook: Path | None = None
) -> Figure:
    """``notebook`` replaces the brief notebook in both (a smoke run's stand-in); at full size,
    None."""
    from sat.paths import BRIEF_NOTEBOOK, EXAMPLE_CASE, NOTEBOOKS

    text = EXAMPLE_CASE.read_text(encoding="utf-8")
    cases = []
    for k in range(n_cases):
        path = folder / f"case-{k:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        cases.append(path)
    t_batch = _run(
        [
            str(BIN / "sat"),
            "batch",
            *map(str, cases),
            "-o",
            str(folder / "batch"),
            "--workers",
            "2",
            *_notebook_option(notebook),
        ]
    )
    loop = folder / "loop"
    loop.mkdir()
    t_loop = sum(
        _papermill_and_nbconvert(
            notebook or BRIEF_NOTEBOOK,
            loop / f"{case.stem}.ipynb",
            {"case_path": str(case)},
            cwd=NOTEBOOKS,
        )
        for case in cases[:shell_cases]
    )
    per_batch, per_loop = t_batch / n_cases, t_loop / shell_cases
    return Figure(
        f"seconds per brief: sat batch --workers 2 on {n_cases} cases vs a shell loop of "
        "papermill + jupyter nbconvert",
        per_batch,
        per_loop,
        "≥ 3× the throughput",
        per_loop / per_batch >= 3,
        f"batch {t_batch:.0f} s for {n_cases}; the loop timed on {shell_cases} cases "
        f"({t_loop:.0f} s; a loop's cost per case is constant)",
    )


# -- 7. scale ---------------------------------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        todo.extend(children.get(current, []))
    return total


def _measured(command: list[str]) -> tuple[float, float]:
    """Seconds and peak memory (MB, the process tree sampled every 0.05 s) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = _tree_rss(process.pid)
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {process.stderr.read().decode()[-500:]}")
    return seconds, peak / 2**20


@dataclass
class ScaleRow:
    items: int
    ach: float
    bayes: float
    brief: float | None
    peak_mb: float


def bench_scale(
    sizes: list[int], n_hypotheses: int, brief_from: int, folder: Path
) -> tuple[list[Figure], list[ScaleRow]]:
    from sat.testing import write_case

    rows = []
    for n in sizes:
        path = write_case(folder / f"scale-{n}.yaml", n, n_hypotheses, seed=11)
        t_ach, m_ach = _measured([str(BIN / "sat"), "ach", str(path), "--json"])
        t_bayes, m_bayes = _measured([str(BIN / "sat"), "bayes", str(path), "--json"])
        t_brief, m_brief = None, 0.0
        if n >= brief_from:
            t_brief, m_brief = _measured(
                [
                    str(BIN / "sat"),
                    "report",
                    str(path),
                    "-o",
                    str(folder / f"brief-{n}"),
                    "--timeout",
                    "3600",
                ]
            )
        rows.append(ScaleRow(n, t_ach, t_bayes, t_brief, max(m_ach, m_bayes, m_brief)))
    big, small = rows[-1], rows[-2]
    slope = math.log((big.ach + big.bayes) / (small.ach + small.bayes)) / math.log(
        big.items / small.items
    )
    figures = [
        Figure(
            f"peak memory (MB) of sat ach, sat bayes and the brief, {big.items:,} items",
            big.peak_mb,
            2048.0,
            "under 2 GB",
            big.peak_mb < 2048,
            "whole process tree (sat and its kernel), sampled every 0.05 s",
        ),
        Figure(
            f"growth of sat ach + sat bayes time from {small.items:,} to {big.items:,} items "
            "(log-log slope; 1 is linear)",
            slope,
            1.0,
            "close to linear (slope ≤ 1.2)",
            slope <= 1.2,
            "the ratio column is not meaningful here",
        ),
    ]
    return figures, rows


def scale_table(rows: list[ScaleRow]) -> str:
    lines = [
        "| items | sat ach (s) | sat bayes (s) | sat report (s) | peak memory (MB) |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        brief = f"{r.brief:.1f}" if r.brief is not None else "–"
        lines.append(f"| {r.items:,} | {r.ach:.1f} | {r.bayes:.1f} | {brief} | {r.peak_mb:.0f} |")
    return "\n".join(lines)


# -- 6. start-up ------------------------------------------------------------------------------------


def _python(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def bench_startup(repeats: int) -> list[Figure]:
    t_sat = statistics.median(_python("import sat") for _ in range(repeats))
    t_pandas = statistics.median(_python("import pandas") for _ in range(repeats))
    t_help = statistics.median(
        _python(
            "import sys; sys.argv=['sat','--help']\ntry:\n from sat.cli import main; main()\nexcept SystemExit: pass"
        )
        for _ in range(repeats)
    )
    t_bare = statistics.median(_python("pass") for _ in range(repeats))
    heavy = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, sat; print(','.join(m for m in ('pandas','matplotlib','networkx','papermill','ipywidgets') if m in sys.modules))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return [
        Figure(
            "import sat vs import pandas",
            t_sat,
            t_pandas,
            "within 1.3× (ratio ≥ 0.77)",
            t_pandas / t_sat >= 1 / 1.3,
            f"heavy libraries loaded by import sat: {heavy or 'none'}",
        ),
        Figure(
            "sat --help vs a bare Python start",
            t_help,
            t_bare,
            "under 0.5 s",
            t_help < 0.5,
            f"{t_help:.2f} s in all",
        ),
    ]


def run(smoke: bool) -> tuple[list[Figure], list[ScaleRow]]:
    from benchmarks.bench_limits import bench_limits  # imports Figure from here
    from benchmarks.bench_matrix import bench_matrix_load  # imports Figure from here

    repeats = 1 if smoke else 5
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        # a smoke run renders a stand-in notebook: every command still runs with the benchmark's
        # arguments; the real brief's renders, alone and in a batch, are tests/report's
        stand_in = _stand_in_notebook(root / "stand-in.ipynb") if smoke else None
        # each benchmark in the order of the table; those marked True time commands in child
        # processes (sat, papermill, jupyter, python) and write only files of their own in root
        benchmarks: list[tuple[bool, Callable[[], object]]] = [
            (
                False,
                lambda: bench_engine(
                    60 if smoke else 5000, 5 if smoke else 20, 4 if smoke else 20, repeats
                ),
            ),
            (False, lambda: bench_ach(80 if smoke else 20_000, 5 if smoke else 50, repeats)),
            (
                False,
                lambda: bench_loading(60 if smoke else 5000, 5 if smoke else 20, repeats, root),
            ),
            (
                False,
                lambda: bench_matrix_load(
                    60 if smoke else 20_000, 5 if smoke else 50, repeats, root
                ),
            ),
            (
                False,
                lambda: bench_editing(
                    60 if smoke else 3000, 4 if smoke else 10, 1 if smoke else 3, root
                ),
            ),
            (
                False,
                lambda: bench_workbook(root, 40 if smoke else 500, 4 if smoke else 10, repeats),
            ),
            (
                False,
                lambda: [
                    bench_monte_carlo(
                        30 if smoke else 500, 4 if smoke else 10, 200 if smoke else 10_000, repeats
                    )
                ],
            ),
            (True, lambda: [bench_brief(1 if smoke else 3, root, stand_in)]),
            (True, lambda: [bench_batch(2 if smoke else 50, 1 if smoke else 6, root, stand_in)]),
            (True, lambda: bench_startup(1 if smoke else 5)),
            (False, lambda: bench_limits(smoke, repeats, root)),
            (
                True,
                lambda: bench_scale(
                    [50, 200] if smoke else [100, 1000, 5000, 20_000],
                    10,
                    10**9 if smoke else 20_000,
                    root,
                ),
            ),
        ]
        *results, (scaled, rows) = _run_all(benchmarks, side_by_side=smoke)
    figures = [f for result in results for f in result]
    return figures + scaled, rows


def _run_all(benchmarks: list[tuple[bool, Callable[[], object]]], side_by_side: bool) -> list:
    """Each benchmark's result, in order. At full size they run one after another, so that none
    slows another's timings. A smoke run (``make test``) only checks that every benchmark still
    runs and its numbers agree, its times unused: there those of child processes run in two
    threads beside the in-process ones, so that they take the machine's other cores."""
    if not side_by_side:
        return [bench() for _, bench in benchmarks]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {k: pool.submit(bench) for k, (child, bench) in enumerate(benchmarks) if child}
        done = {k: bench() for k, (child, bench) in enumerate(benchmarks) if not child}
        done.update((k, future.result()) for k, future in futures.items())
    return [done[k] for k in range(len(benchmarks))]


def report(figures: list[Figure]) -> str:
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"numpy {np.__version__}",
        "",
        "| benchmark | sat (s) | alternative (s) | ratio | target | met | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f.name} | {f.ours:.4f} | {f.baseline:.4f} | {f.ratio:.2f}× | {f.target} | "
            f"{'yes' if f.met else 'NO'} | {f.note} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--smoke", action="store_true", help="tiny inputs, one repeat (used by make test)"
    )
    args = parser.parse_args(argv)
    figures, rows = run(args.smoke)
    print(report(figures))
    print()
    print(scale_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
