"""Loading a large matrix file (CSV, 20,000 × 50) against ``pandas.read_csv`` of the same file,
with the time of each step of the load.

``sat.load_case`` splits the rows, validates every column at once, reads the rating cells as
bytes and builds the case and its matrix arrays (``sat.io.matrix_fast``); pandas only parses.
Before any time is reported the case is asserted equal to the one the item-by-item path gives
(``sat.io.matrix_read``), which is also timed, as the path every file took before. The two
loads are timed in turn, round after round (medians of 2 × repeats + 1 rounds, wall clock and
processor time), so that the machine's other work falls on both alike. The steps are timed one
by one on the same rows, in processor time; their sum is near the load's time, less Python's
cyclic collector, which the load pauses, and freeing what the steps made.
"""

from __future__ import annotations

import statistics
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

    (t_sat, c_sat), (t_pd, c_pd) = _alternating(
        [lambda: sat.load_case(path), lambda: pd.read_csv(path)], 2 * repeats + 1
    )
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
    from dataclasses import replace
    from itertools import repeat
    from operator import itemgetter

    from sat.io import matrix_fast as fast
    from sat.io.matrix import _delimiter
    from sat.io.matrix_case import Body, case_data, layout_of
    from sat.io.matrix_cells import tail_cells
    from sat.io.validate import build_case
    from sat.matrix import Matrix

    text = path.read_text(encoding="utf-8")
    delimiter = _delimiter(text)
    lines = fast._lines(text, delimiter)
    header = lines[0].split(delimiter)
    layout = layout_of(header, 1, str(path))
    first = layout.hypotheses[0][0]  # the hypotheses' columns come last, side by side
    hypotheses = [h for _, h in layout.hypotheses]

    def split():
        rows = list(map(str.split, lines[1:], repeat(delimiter), repeat(first)))
        assert set(map(len, rows)) == {first + 1}
        assert set(map(str.count, map(itemgetter(first), rows), repeat(delimiter))) == {
            len(hypotheses) - 1
        }
        return rows

    rows = split()
    known = replace(layout, width=first + 1)
    ids = fast._column(rows, known, "id", True)
    items = fast._validated_columns(rows, known, ids, True)
    cited = items.pop("source")
    tails = list(map(itemgetter(-1), rows))
    cells = tail_cells(tails, delimiter, hypotheses)
    body = Body()
    sources = fast._sources(cited, body.sources)
    data, lines_of = case_data(path, layout, body)
    small = build_case(data, lines_of, str(path))
    evidence = fast._evidence(items, sources, cells)
    case = small.model_copy(update={"evidence": evidence})

    def columns():
        found = fast._validated_columns(rows, known, fast._column(rows, known, "id", True), True)
        return fast._sources(found.pop("source"), Body().sources)

    steps = [
        (
            "the text split into lines",
            lambda: fast._lines(text, delimiter),
            "str.split; no cell is quoted (else the csv module reads the rows)",
        ),
        (
            "each line split up to its first rating cell",
            split,
            "the hypotheses' columns come last, side by side; their cells stay one text a row",
        ),
        (
            "every item column validated (ids, summaries, levels, types, dates, sources)",
            columns,
            "one TypeAdapter call per column; each distinct level, type, date and source cell once",
        ),
        (
            "the rating cells read into arrays",
            lambda: tail_cells(list(map(itemgetter(-1), rows)), delimiter, hypotheses),
            "compared as bytes (numpy), each distinct cell validated once",
        ),
        (
            "the case around the items (hypotheses, sources) validated",
            lambda: build_case(data, lines_of, str(path)),
            "",
        ),
        (
            "the item models made",
            lambda: fast._evidence(items, sources, cells),
            "from fields already validated; ratings mappings made when looked at",
        ),
        (
            "the matrix arrays",
            lambda: Matrix(
                case, (cells.index, cells.probability, cells.rated), fast._matrix_columns(items)
            ),
            "the ratings are already arrays; the items' fields read from their columns",
        ),
    ]
    return [
        (name, median_time(_paused(step), 2 * repeats + 1, time.process_time), note)
        for name, step, note in steps
    ]


def _alternating(runs: list, repeats: int) -> list[tuple[float, float]]:
    """Each run's median wall-clock and processor time over ``repeats`` rounds, the runs taken
    in turn within a round, so that the machine's other work falls on each alike."""
    times: list[list[tuple[float, float]]] = [[] for _ in runs]
    for _ in range(repeats):
        for run, taken in zip(runs, times, strict=True):
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            taken.append((time.perf_counter() - wall, time.process_time() - cpu))
    return [
        (statistics.median(w for w, _ in taken), statistics.median(c for _, c in taken))
        for taken in times
    ]


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
