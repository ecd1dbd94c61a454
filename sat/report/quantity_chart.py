"""The range chart of a quantity: each analyst's range and middle value, the combined estimates
below them, and the true value when it is known.

One chart per quantity, drawn for the brief's width (7.2 inches, as the other charts):

* each analyst's answer as a horizontal line from their lowest quantile to their highest (5 to
  95% unless the case sets other quantiles), a dot at their median (or, when the case's
  quantiles hold no 50%, at the quantile nearest it) and small ticks at any quantiles between;
* the decision makers (the equal-weight and the global-weight combination, when given) below
  the analysts, after a gap, as thicker dark lines with a diamond;
* a seed question's true value as a vertical dashed line, labelled;
* a ``log`` quantity on a logarithmic axis.

Every drawn range is a line whose gid is ``range:<row>``; the middle marks are ``middle:<row>``,
the true value ``realization``. Case text (questions, units, names) is drawn with mathtext and
TeX off, so ``$x$`` is drawn as written, and an SVG of the chart holds it only as escaped text.
Drawing is lazy (matplotlib is imported when a chart is drawn) and deterministic: the same
answers give the same SVG, byte for byte.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sat.report.charts import _png, _pyplot
from sat.report.html import Fragment, render

if TYPE_CHECKING:
    from sat.case import Case
    from sat.techniques.experts import ExpertsResult

__all__ = [
    "WIDTH",
    "QuantityRanges",
    "RangeRow",
    "middle_index",
    "quantile_label",
    "range_chart",
    "range_figure",
    "range_svg",
    "range_words",
    "ranges_of",
]

#: The figure's width in inches: the brief's (and the other charts') width.
WIDTH = 7.2
ANALYST_COLOUR = "#0969da"
OWN_COLOUR = "#bf3989"
COMBINED_COLOUR = "#24292f"
TRUTH_COLOUR = "#1a7f37"
_ROW = 0.26  # inches per row
_LABEL_CHARACTERS = 30
_TITLE_CHARACTERS = 100


@dataclass(frozen=True)
class RangeRow:
    """One row of a range chart.

    Attributes
    ----------
    label : str
        Who or what the row is (an analyst, "Equal weights").
    quantiles : tuple of float
        The values at the chart's probabilities, increasing.
    combined : bool
        A decision maker (a combination of the analysts), drawn below them in its own style.
    own : bool
        The reader's own answer, drawn in its own colour and marked.
    """

    label: str
    quantiles: tuple[float, ...]
    combined: bool = False
    own: bool = False


@dataclass(frozen=True)
class QuantityRanges:
    """What one quantity's range chart shows.

    Attributes
    ----------
    quantity : str
        The quantity's id.
    title : str
        Its short label or id and its question.
    unit : str or None
    scale : {"uniform", "log"}
    probabilities : tuple of float
        The probabilities of every row's quantiles.
    rows : tuple of RangeRow
    realization : float or None
        The true value of a seed question (None for a target, or when it is not to be shown).
    """

    quantity: str
    title: str
    unit: str | None
    scale: str
    probabilities: tuple[float, ...]
    rows: tuple[RangeRow, ...]
    realization: float | None = None


def middle_index(probabilities: Sequence[float]) -> int:
    """The quantile drawn as a row's middle: the median, else the one nearest 50% (the lower on a
    tie).

    >>> middle_index((0.05, 0.5, 0.95)), middle_index((0.1, 0.3, 0.8, 0.9)), middle_index((0.05,))
    (1, 1, 0)
    """
    return min(range(len(probabilities)), key=lambda k: (abs(probabilities[k] - 0.5), k))


def ranges_of(
    case: Case, *, round: int | None = None, result: ExpertsResult | None = None
) -> tuple[QuantityRanges, ...]:
    """Every quantity of ``case`` as a range chart's contents: each analyst's answer (the
    ``round`` asked for, else their latest) as quantiles, then the decision makers of
    ``result`` (``sat.techniques.experts.run`` on the same study) when given."""
    from sat.errors import AnalysisError
    from sat.models.panel import study_of

    try:
        study = study_of(case, round=round)
    except AnalysisError:
        study = None
    out = []
    for i, q in enumerate(case.quantities):
        rows: list[RangeRow] = []
        if study is not None:
            rows += [
                RangeRow(name, answer)
                for name, answer in zip(
                    study.experts, (row[i] for row in study.answers), strict=True
                )
                if answer is not None
            ]
        if result is not None and q.id in result.items:
            k = result.items.index(q.id)
            rows.append(RangeRow("Equal weights", result.equal.quantiles[k], combined=True))
            # the cut-off alpha is in the table beside the chart: the label fits its 30 characters
            rows.append(
                RangeRow("Performance weights", result.optimised.quantiles[k], combined=True)
            )
        out.append(
            QuantityRanges(
                quantity=q.id,
                title=f"{q.label or q.id}: {' '.join(q.question.split())}",
                unit=q.unit,
                scale=q.scale,
                probabilities=tuple(case.quantiles),
                rows=tuple(rows),
                realization=None if q.realization is None else q.realization.value,
            )
        )
    return tuple(out)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def quantile_label(p: float) -> str:
    """A quantile's probability as its column and legend show it: 0.05 -> '5%'."""
    return f"{p * 100:.4g}%"


def _number(value: float, _position: object = None) -> str:
    """A tick's number as plain text (the default log labels are mathtext)."""
    if value == round(value) and abs(value) < 1e7:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _plain_ticks(axes, *, log: bool) -> None:
    """Tick labels as plain numbers; on a log axis spanning less than about a decade, the
    minor ticks labelled too."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    axes.xaxis.set_major_formatter(FuncFormatter(_number))
    if log:
        low, high = axes.get_xlim()
        few = high / low < 30
        axes.xaxis.set_minor_formatter(FuncFormatter(_number) if few else NullFormatter())


def range_figure(ranges: QuantityRanges):
    """One quantity's range chart as a matplotlib figure (the caller closes it)."""
    plt = _pyplot()
    analysts = [r for r in ranges.rows if not r.combined]
    combined = [r for r in ranges.rows if r.combined]
    # analysts from the top, then a gap, then the decision makers
    ys = [float(k) for k in range(len(analysts))]
    ys += [len(analysts) + 0.5 + k for k in range(len(combined))]
    ordered = analysts + combined
    title = textwrap.wrap(" ".join(ranges.title.split()), _TITLE_CHARACTERS) or [ranges.quantity]
    if len(title) > 2:  # two lines at most, the second cut short
        title = [title[0], _short(f"{title[1]} {title[2]}", _TITLE_CHARACTERS)]
    rows = max(len(ordered), 1)
    height = 0.75 + 0.17 * len(title) + _ROW * (rows + (0.5 if combined and analysts else 0))
    middle = middle_index(ranges.probabilities) if ranges.probabilities else 0
    with plt.rc_context(
        {
            "text.parse_math": False,
            "text.usetex": False,
            "font.size": 8,
        }
    ):
        figure = plt.figure(figsize=(WIDTH, height), dpi=144)
        axes = figure.add_axes(
            (0.28, 0.55 / height, 0.69, (height - 0.62 - 0.17 * len(title)) / height)
        )
        figure.text(
            0.01,
            1 - 0.06 / height,
            "\n".join(title),
            ha="left",
            va="top",
            fontsize=8.5,
            fontweight="bold",
            parse_math=False,
            usetex=False,
        )
        if ranges.scale == "log":
            axes.set_xscale("log")
        labels = []
        for k, (y, row) in enumerate(zip(ys, ordered, strict=True)):
            colour = COMBINED_COLOUR if row.combined else OWN_COLOUR if row.own else ANALYST_COLOUR
            values = list(row.quantiles)
            axes.plot(
                [values[0], values[-1]],
                [y, y],
                color=colour,
                linewidth=3.0 if row.combined else 2.0,
                solid_capstyle="butt",
                gid=f"range:{k}",
            )
            inner = [v for j, v in enumerate(values) if 0 < j < len(values) - 1 and j != middle]
            if inner:
                axes.plot(
                    inner,
                    [y] * len(inner),
                    linestyle="none",
                    marker="|",
                    markersize=8,
                    color=colour,
                    gid=f"inner:{k}",
                )
            axes.plot(
                [values[min(middle, len(values) - 1)]],
                [y],
                linestyle="none",
                marker="D" if row.combined else "o",
                markersize=6 if row.combined else 5,
                color=colour,
                markeredgecolor="white",
                gid=f"middle:{k}",
            )
            label = _short(row.label, _LABEL_CHARACTERS) + (" (you)" if row.own else "")
            labels.append(label)
        axes.set_yticks(ys, labels=labels)
        for tick, row in zip(axes.get_yticklabels(), ordered, strict=True):
            tick.set_parse_math(False)
            if row.combined or row.own:
                tick.set_fontweight("bold")
        axes.set_ylim(max(ys, default=0) + 0.6, -0.6)
        if ranges.realization is not None:
            axes.axvline(
                ranges.realization,
                color=TRUTH_COLOUR,
                linestyle="--",
                linewidth=1.2,
                gid="realization",
            )
            axes.annotate(
                f"true value {ranges.realization:g}",
                (ranges.realization, 0),
                xycoords=("data", "axes fraction"),
                xytext=(3, 2),
                textcoords="offset points",
                fontsize=7,
                color=TRUTH_COLOUR,
                parse_math=False,
                usetex=False,
            )
        if not ordered:
            axes.text(
                0.5, 0.5, "no answers yet", transform=axes.transAxes, ha="center", va="center"
            )
        probabilities = ranges.probabilities
        if probabilities:
            spans = f"{quantile_label(probabilities[0])} to {quantile_label(probabilities[-1])}"
            what = f"line: {spans}; dot: {quantile_label(probabilities[middle])}"
        else:
            what = ""
        unit = _short(ranges.unit, 40) if ranges.unit else "value"
        scale = ", log scale" if ranges.scale == "log" else ""
        _plain_ticks(axes, log=ranges.scale == "log")
        axes.set_xlabel(f"{unit}{scale}    ({what})" if what else unit)
        axes.xaxis.label.set_parse_math(False)
        axes.grid(axis="x", color="#d0d7de", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.spines[["top", "right", "left"]].set_visible(False)
        axes.tick_params(axis="y", length=0)
        axes.tick_params(axis="x", which="both", length=3, labelsize=7.5)
    return figure


def range_svg(ranges: QuantityRanges) -> str:
    """One quantity's range chart as SVG text (case text in it escaped; the same input gives the
    same bytes)."""
    plt = _pyplot()
    figure = range_figure(ranges)
    try:
        buffer = io.StringIO()
        with plt.rc_context({"svg.hashsalt": "sat-range-chart", "svg.fonttype": "path"}):
            figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    finally:
        plt.close(figure)
    return buffer.getvalue()


def range_words(ranges: QuantityRanges) -> str:
    """The chart in words, for its alt text: each row's quantiles, then the true value.

    >>> range_words(QuantityRanges("Q1", "Q1: how many?", "firms", "uniform", (0.05, 0.5, 0.95),
    ...                            (RangeRow("Ana", (2.0, 5.0, 9.0)),), realization=7.0))
    'Range chart of Q1: how many? (firms). Ana: 5% 2, 50% 5, 95% 9. True value 7.'
    """
    unit = f" ({ranges.unit})" if ranges.unit else ""
    parts = [f"Range chart of {' '.join(ranges.title.split())}{unit}."]
    for row in ranges.rows:
        values = ", ".join(
            f"{quantile_label(p)} {v:g}"
            for p, v in zip(ranges.probabilities, row.quantiles, strict=True)
        )
        parts.append(f"{row.label}{' (you)' if row.own else ''}: {values}.")
    if ranges.realization is not None:
        parts.append(f"True value {ranges.realization:g}.")
    return " ".join(parts)


def range_chart(ranges: QuantityRanges) -> Fragment:
    """One quantity's range chart as an embedded PNG for briefs and notebooks, described in its
    alt text (``range_words``)."""
    plt = _pyplot()
    figure = range_figure(ranges)
    try:
        data = _png(figure)
    finally:
        plt.close(figure)
    return render("chart.html.j2", data=data, alt=range_words(ranges))
