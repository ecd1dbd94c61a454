"""Loading a large matrix file (CSV, 20,000 × 50) against ``pandas.read_csv`` of the same file,
with the time of each step of the load.

``sat.load_case`` reads the rows, validates every column at once and builds the case and its
matrix arrays (``sat.io.matrix_fast``); pandas only parses. Before any time is reported the case
is asserted equal to the one the item-by-item path gives (``sat.io.matrix_read``), which is
also timed, as the path every file took before. The steps are timed one by one on the same rows;
their sum is near the load's time, less Python's cyclic collector, which the load pauses.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from benchmarks.run import Figure, median_time


def bench_matrix_load(
    n_evidence: int, n_hypotheses: int, repeats: int, folder: Path
) -> list[Figure]:
    import pandas as pd

    import sat
    from sat.io import matrix_fast
    from sat.testing import write_case

    path = write_case(folder / "matrix.csv", n_evidence, n_hypotheses, seed=5)
    taken: list = []
    real = matrix_fast.fast_case
    matrix_fast.fast_case = lambda *a: taken.append(real(*a)) or taken[-1]
    try:
        fast = sat.load_case(path)
        matrix_fast.fast_case = lambda *a: None
        slow = sat.load_case(path)
        t_slow = median_time(lambda: sat.load_case(path), max(1, repeats // 2))
    finally:
        matrix_fast.fast_case = real
    assert isinstance(taken[0], sat.Case), "the generated matrix did not take the fast path"
    assert fast == slow and fast.model_dump(mode="json") == slow.model_dump(mode="json")
    assert (fast.matrix.codes == slow.matrix.codes).all()

    t_sat = median_time(lambda: sat.load_case(path), repeats)
    t_pd = median_time(lambda: pd.read_csv(path), repeats)
    c_sat = median_time(lambda: sat.load_case(path), repeats, time.process_time)
    c_pd = median_time(lambda: pd.read_csv(path), repeats, time.process_time)
    size = f"{n_evidence} × {n_hypotheses}"
    figures = [
        Figure(
            f"load + validate a {size} CSV matrix vs pandas.read_csv of the same file",
            t_sat,
            t_pd,
            "within 3× (ratio ≥ 0.33)",
            t_pd / t_sat >= 1 / 3,
            "pandas only parses; sat validates every cell and builds the case and its matrix",
        ),
        Figure(
            f"the same in processor time ({size}; less moved by the machine's other work)",
            c_sat,
            c_pd,
            "(shown for honesty)",
            True,
            "time.process_time: on a busy machine the wall-clock figure above counts waiting too",
        ),
        Figure(
            f"the same, item by item as before (each row a validated Evidence model, {size})",
            t_slow,
            t_pd,
            "(shown for honesty)",
            True,
            "the path a file takes when the fast path cannot prove every cell valid",
        ),
    ]
    return figures + [
        Figure(f"  step: {name} ({size})", seconds, t_pd, "(a step of the load)", True, note)
        for name, seconds, note in _steps(path, repeats)
    ]


def _steps(path: Path, repeats: int) -> list[tuple[str, float, str]]:
    """Each step of the fast path, timed alone on the same rows (median of ``repeats``)."""
    from sat.io import matrix_fast as fast
    from sat.io.matrix import _delimiter
    from sat.io.matrix_case import Body, case_data, layout_of
    from sat.io.validate import build_case
    from sat.matrix import Matrix

    text = path.read_text(encoding="utf-8")

    def parse():
        reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=_delimiter(text))
        return list(reader)

    parsed = parse()
    layout = layout_of(parsed[0], 1, str(path))
    numbers, body_rows = range(2, len(parsed) + 1), parsed[1:]
    _, rows = fast._uniform(numbers, body_rows, layout.width)
    ids = fast._column(rows, layout, "id")
    items = fast._validated_columns(rows, layout, ids)
    cited = items.pop("source")
    cells = fast._ratings(rows, layout)
    body = Body()
    sources = fast._sources(cited, body.sources)
    data, lines = case_data(path, layout, body)
    small = build_case(data, lines, str(path))
    evidence = fast._evidence(items, sources, cells)
    case = small.model_copy(update={"evidence": evidence})

    def columns():
        found = fast._validated_columns(rows, layout, fast._column(rows, layout, "id"))
        return fast._sources(found.pop("source"), Body().sources)

    steps = [
        (
            "reading the rows (csv module, a thousand at a time)",
            parse,
            "the parse pandas' figure is set against",
        ),
        ("rows of the header's width", lambda: fast._uniform(numbers, body_rows, layout.width), ""),
        (
            "every item column validated (ids, summaries, levels, types, dates, sources)",
            columns,
            "one TypeAdapter call per column; each distinct level, type and date once",
        ),
        (
            "the rating cells read into arrays",
            lambda: fast._ratings(rows, layout),
            "each distinct cell validated once, every cell placed by one lookup",
        ),
        (
            "the case around the items (hypotheses, sources) validated",
            lambda: build_case(data, lines, str(path)),
            "",
        ),
        (
            "the item models made",
            lambda: fast._evidence(items, sources, cells),
            "from fields already validated; ratings mappings made when looked at",
        ),
        (
            "the matrix arrays",
            lambda: Matrix(case, (cells.index, cells.probability, cells.rated)),
            "the ratings are already arrays; the items' levels and weights read",
        ),
    ]
    return [(name, median_time(_paused(step), repeats), note) for name, step, note in steps]


def _paused(step):
    """``step`` run with the cyclic collector paused, as the load runs it."""
    import gc

    def run():
        gc.disable()
        try:
            return step()
        finally:
            gc.enable()

    return run
