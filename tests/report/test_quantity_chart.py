"""The range chart of a quantity, read from its geometry: one line per answer, the combined
estimates below, the true value, the axis scale, and case text drawn as written."""

from __future__ import annotations

import pytest

from sat.case import Case
from sat.models.panel import study_of
from sat.report.charts import _pyplot
from sat.report.quantity_chart import (
    WIDTH,
    QuantityRanges,
    RangeRow,
    range_chart,
    range_figure,
    range_svg,
    ranges_of,
)
from sat.techniques.experts import run
from tests.xss import PAYLOADS

PANEL = (
    RangeRow("Ana", (2.0, 5.0, 9.0)),
    RangeRow("Ben", (3.0, 6.0, 30.0), own=True),
    RangeRow("Equal weights", (1.8, 5.0, 20.0), combined=True),
)


def drawn(figure):
    """The axes and, by gid, the lines drawn on it."""
    (axes,) = figure.axes
    return axes, {line.get_gid(): line for line in axes.lines if line.get_gid()}


@pytest.fixture
def close():
    figures = []
    yield figures.append
    plt = _pyplot()
    for f in figures:
        plt.close(f)


def test_each_answer_is_a_line_from_lowest_to_highest_and_the_combined_are_below(close):
    figure = range_figure(QuantityRanges("Q1", "Q1: how many?", "firms", "uniform",
                                         (0.05, 0.5, 0.95), PANEL, realization=7.0))  # fmt: skip
    close(figure)
    axes, lines = drawn(figure)
    ranges = sorted(g for g in lines if g.startswith("range:"))
    assert ranges == ["range:0", "range:1", "range:2"]
    assert list(lines["range:1"].get_xdata()) == [3.0, 30.0]
    assert list(lines["middle:1"].get_xdata()) == [6.0]
    ys = [lines[f"range:{k}"].get_ydata()[0] for k in range(3)]
    # analysts from the top (the y axis runs downwards), a gap, then the decision maker
    assert ys[0] < ys[1] < ys[2] and ys[2] - ys[1] > 1
    assert axes.yaxis_inverted()
    assert lines["range:2"].get_linewidth() > lines["range:0"].get_linewidth()
    assert lines["range:2"].get_color() != lines["range:0"].get_color()
    assert list(lines["realization"].get_xdata()) == [7.0, 7.0]
    assert axes.get_xscale() == "linear"
    assert [t.get_text() for t in axes.get_yticklabels()] == ["Ana", "Ben (you)", "Equal weights"]
    assert figure.get_size_inches()[0] == WIDTH


def test_a_log_quantity_has_a_log_axis_plain_tick_numbers_and_no_truth_line_when_unknown(close):
    figure = range_figure(QuantityRanges("Q2", "Q2", None, "log", (0.05, 0.5, 0.95), PANEL))
    close(figure)
    axes, lines = drawn(figure)
    assert axes.get_xscale() == "log" and "realization" not in lines
    figure.canvas.draw()
    ticks = [t.get_text() for t in axes.get_xticklabels() if t.get_text()]
    assert ticks and not any("$" in t or "mathdefault" in t for t in ticks)


def test_five_quantiles_draw_ticks_between_and_the_middle_at_the_median(close):
    rows = (RangeRow("Ana", (1.0, 2.0, 3.0, 4.0, 5.0)),)
    figure = range_figure(QuantityRanges("Q", "Q", None, "uniform",
                                         (0.05, 0.25, 0.5, 0.75, 0.95), rows))  # fmt: skip
    close(figure)
    _, lines = drawn(figure)
    assert list(lines["range:0"].get_xdata()) == [1.0, 5.0]
    assert list(lines["inner:0"].get_xdata()) == [2.0, 4.0]
    assert list(lines["middle:0"].get_xdata()) == [3.0]


def test_case_text_is_drawn_as_written_and_escaped_in_the_svg():
    title = "Q1: " + " ".join(PAYLOADS[:3]) + " $x_y$"
    rows = (RangeRow(PAYLOADS[1], (1.0, 2.0, 3.0)), RangeRow("$a_b^c$", (1.5, 2.0, 4.0)))
    ranges = QuantityRanges("Q1", title, PAYLOADS[0], "uniform", (0.05, 0.5, 0.95), rows, 2.5)
    figure = range_figure(ranges)
    try:
        texts = [t.get_text() for t in figure.findobj(lambda o: hasattr(o, "get_text"))]
        labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
        assert "$a_b^c$" in labels and PAYLOADS[1] in labels
        assert any(PAYLOADS[0] in t for t in texts)  # the unit, in the axis label, as written
        assert all(not t.get_parse_math() for t in figure.axes[0].get_yticklabels())
    finally:
        _pyplot().close(figure)
    svg = range_svg(ranges)
    assert (
        svg.startswith("<?xml")
        and "<script" not in svg
        and "onerror=" not in svg.replace("&lt;img src=x onerror=", "")
    )
    assert "&lt;script&gt;" in svg
    assert range_svg(ranges) == svg  # deterministic: the same bytes every time


def test_the_case_gives_each_analysts_latest_answer_and_the_decision_makers():
    case = Case(
        id="q", title="Q", question="How many?", date="2026-01-01", analysts=["Ana", "Ben"],
        hypotheses=[{"id": "H1", "label": "a", "statement": "A."},
                    {"id": "H2", "label": "b", "statement": "B."}],
        quantities=[{"id": "Q1", "question": "How many?", "realization": {"value": 12}},
                    {"id": "Q2", "question": "How long?", "unit": "days", "scale": "log"}],
        quantity_estimates={
            "Ana": [{"quantity": "Q1", "values": [5, 10, 20]},
                    {"quantity": "Q1", "round": 2, "values": [8, 11, 15]},
                    {"quantity": "Q2", "values": [2, 4, 9]}],
            "Ben": [{"quantity": "Q1", "lowest": 10, "highest": 30, "best": 18,
                     "confidence": 0.8}],
        },
    )  # fmt: skip
    result = run(study_of(case))
    q1, q2 = ranges_of(case, result=result)
    assert [r.label for r in q1.rows] == [
        "Ana", "Ben", "Equal weights", "Performance weights"
    ]  # fmt: skip
    assert q1.rows[0].quantiles == (8.0, 11.0, 15.0)  # the latest round
    assert q1.rows[1].quantiles == (9.0, 18.0, 31.5)  # four points at 5/50/95
    assert [r.combined for r in q1.rows] == [False, False, True, True]
    assert q1.realization == 12 and q1.title == "Q1: How many?"
    assert q2.scale == "log" and q2.unit == "days" and q2.realization is None
    assert [r.label for r in q2.rows][:1] == ["Ana"]  # Ben did not answer Q2
    (first, _) = ranges_of(case, round=1)
    assert first.rows[0].quantiles == (5.0, 10.0, 20.0)


def test_the_chart_for_a_brief_is_an_image_described_in_words_escaped():
    rows = (RangeRow("Ana", (2.0, 5.0, 9.0)), RangeRow(PAYLOADS[1], (1.0, 3.0, 4.5), own=True))
    ranges = QuantityRanges("Q1", "Q1: " + PAYLOADS[0], "firms", "log", (0.05, 0.5, 0.95),
                            rows, realization=7.0)  # fmt: skip
    chart = str(range_chart(ranges))
    assert chart.count("<img ") == 1 and 'src="data:image/png;base64,' in chart
    assert "<script" not in chart and "<img src=x" not in chart
    assert "Ana: 5% 2, 50% 5, 95% 9. &lt;img src=x onerror=alert(2)&gt; (you): 5% 1," in chart
    assert chart.count("True value 7.") == 1
