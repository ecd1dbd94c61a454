"""Charts for notebooks and briefs (matplotlib, drawn off-screen, embedded as PNG).

Charts are embedded as PNG data so that a brief stays a single inert file:
no script, and no case text inside markup. Case text is drawn with mathtext
parsing off, so a ``$`` in a label is just a dollar sign.
"""

from __future__ import annotations

import base64
import io

from sat.report.html import Fragment, render
from sat.techniques.ach import ACHResult

LEADER_COLOUR = "#0969da"
OTHER_COLOUR = "#8c959f"


def _pyplot():
    """matplotlib's pyplot on the off-screen Agg backend (imported only when a chart is drawn)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=144, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def inconsistency_chart(result: ACHResult, *, title: str | None = None) -> Fragment:
    """Horizontal bars of weighted inconsistency per hypothesis, best first, the leader in blue.

    Each bar is labelled with its score and, for challengers, the steps they are
    from the lead, so the reader sees the ranking and how close it is at a glance.
    """
    plt = _pyplot()

    hyp = result.hypotheses.sort_values(["rank", "weighted_inconsistency"], kind="stable")
    labels = [f"{h}  {row['label']}" for h, row in hyp.iterrows()]
    values = hyp["weighted_inconsistency"].to_numpy()
    colours = [LEADER_COLOUR if h in result.leader else OTHER_COLOUR for h in hyp.index]
    with plt.rc_context({"text.parse_math": False, "font.size": 9}):
        figure, axes = plt.subplots(figsize=(7.2, 0.42 * len(hyp) + 0.9))
        try:
            positions = range(len(hyp))
            axes.barh(positions, values, color=colours, height=0.62)
            axes.set_yticks(list(positions), labels=labels)
            axes.invert_yaxis()
            for tick, colour in zip(axes.get_yticklabels(), colours, strict=True):
                if colour == LEADER_COLOUR:
                    tick.set_color(LEADER_COLOUR)
                    tick.set_fontweight("bold")
            axes.set_xlabel("weighted inconsistency (lower is better)")
            axes.spines[["top", "right"]].set_visible(False)
            span = max(values.max(), 1.0)
            axes.set_xlim(0, span * 1.28)
            for y, (h, row) in enumerate(hyp.iterrows()):
                steps = row["steps_to_lead"]
                if h in result.leader:
                    note = "leader"
                elif steps is None or str(steps) == "<NA>":
                    note = "cannot catch up"
                else:
                    note = f"{int(steps)} step{'s' if int(steps) != 1 else ''} to lead"
                axes.text(
                    row["weighted_inconsistency"] + span * 0.02,
                    y,
                    f"{row['weighted_inconsistency']:.2f}  ({note})",
                    va="center",
                    fontsize=8,
                )
            axes.set_title(title or "Evidence against each hypothesis", loc="left", fontsize=10)
            data = _png(figure)
        finally:
            plt.close(figure)
    return render(
        "chart.html.j2",
        data=data,
        alt="Bar chart of weighted inconsistency by hypothesis: "
        + "; ".join(f"{h} {v:.2f}" for h, v in zip(hyp.index, values, strict=True)),
    )


def posterior_chart(result) -> Fragment:
    """Posterior probability per hypothesis with its 5–95% Monte Carlo interval, ICD 203 bands shaded."""
    plt = _pyplot()

    from sat.language import ICD203

    hyp = result.hypotheses.sort_values("posterior", ascending=False, kind="stable")
    labels = [f"{h}  {row['label']}" for h, row in hyp.iterrows()]
    post = hyp["posterior"].to_numpy()
    low, high = hyp["low"].to_numpy(), hyp["high"].to_numpy()
    colours = [LEADER_COLOUR if h == result.leader else OTHER_COLOUR for h in hyp.index]
    with plt.rc_context({"text.parse_math": False, "font.size": 9}):
        figure, axes = plt.subplots(figsize=(7.2, 0.42 * len(hyp) + 1.0))
        try:
            for k, (_, _, lower, upper) in enumerate(ICD203):
                if k % 2 == 0:
                    axes.axvspan(lower, upper, color="#f6f8fa", zorder=0)
            positions = list(range(len(hyp)))
            axes.barh(positions, post, color=colours, height=0.6, zorder=2)
            axes.errorbar(
                post,
                positions,
                xerr=[post - low, high - post],
                fmt="none",
                ecolor="#24292f",
                capsize=3,
                linewidth=1,
                zorder=3,
            )
            axes.set_yticks(positions, labels=labels)
            axes.invert_yaxis()
            axes.set_xlim(0, 1)
            axes.set_xlabel(
                "posterior probability (bars) with 5–95% interval; shading marks the ICD 203 bands"
            )
            axes.spines[["top", "right"]].set_visible(False)
            for y, p in enumerate(post):
                axes.text(
                    min(high[y] + 0.015, 0.93), y, f"{p:.2f}", va="center", fontsize=8, zorder=4
                )
            axes.set_title("How likely each hypothesis is, and how sure", loc="left", fontsize=10)
            data = _png(figure)
        finally:
            plt.close(figure)
    return render(
        "chart.html.j2",
        data=data,
        alt="Posterior probabilities: "
        + "; ".join(
            f"{h} {p:.2f} ({lo:.2f}–{hi:.2f})"
            for h, p, lo, hi in zip(hyp.index, post, low, high, strict=True)
        ),
    )


def scenario_chart(result) -> Fragment:
    """Scenario probabilities as bars, labelled with their ICD 203 words."""
    plt = _pyplot()

    frame = result.scenarios
    colours = {
        "best": "#1a7f37",
        "worst": "#cf222e",
        "most likely": LEADER_COLOUR,
        "alternative": OTHER_COLOUR,
    }
    with plt.rc_context({"text.parse_math": False, "font.size": 9}):
        figure, axes = plt.subplots(figsize=(7.2, 0.45 * len(frame) + 0.9))
        try:
            positions = list(range(len(frame)))
            axes.barh(
                positions,
                frame["probability"],
                color=[colours[k] for k in frame["kind"]],
                height=0.6,
            )
            axes.set_yticks(
                positions,
                labels=[f"{s}  {row['name']} ({row['kind']})" for s, row in frame.iterrows()],
            )
            axes.invert_yaxis()
            axes.set_xlim(0, 1)
            axes.set_xlabel("probability")
            axes.spines[["top", "right"]].set_visible(False)
            for y, (_, row) in enumerate(frame.iterrows()):
                axes.text(
                    row["probability"] + 0.015,
                    y,
                    f"{row['probability']:.2f}  {row['likelihood']}",
                    va="center",
                    fontsize=8,
                )
            axes.set_title("Scenario outlook", loc="left", fontsize=10)
            data = _png(figure)
        finally:
            plt.close(figure)
    return render(
        "chart.html.j2",
        data=data,
        alt="Scenario probabilities: "
        + "; ".join(f"{s} {p:.2f}" for s, p in frame["probability"].items()),
    )


def calibration_figure(result):
    """The reliability diagram (observed rate against forecast, by bin, sized by count, with the
    diagonal of perfect calibration) beside the sharpness histogram (forecasts by tenth of the scale).
    The caller closes the figure."""
    plt = _pyplot()

    bins = result.bins
    with plt.rc_context({"text.parse_math": False, "font.size": 9}):
        figure, (left, right) = plt.subplots(1, 2, figsize=(8.4, 3.6))
        left.plot([0, 1], [0, 1], color=OTHER_COLOUR, linewidth=1, linestyle="--", zorder=1)
        left.scatter(
            bins["forecast"],
            bins["observed"],
            s=20 + 180 * bins["n"] / bins["n"].max(),
            color=LEADER_COLOUR,
            zorder=2,
        )
        for _, row in bins.iterrows():
            left.annotate(
                f"{int(row['n'])}",
                (row["forecast"], row["observed"]),
                textcoords="offset points",
                xytext=(6, -10),
                fontsize=7,
                color="#57606a",
            )
        left.set_xlim(0, 1)
        left.set_ylim(-0.02, 1.02)
        left.set_xlabel("forecast probability (mean in the bin)")
        left.set_ylabel("share that came true")
        left.set_title(
            f"Reliability: Brier {result.brier:.3f} over {result.n} judgements",
            loc="left",
            fontsize=10,
        )
        sharp = result.sharpness
        right.bar(range(len(sharp)), sharp.to_numpy(), color=OTHER_COLOUR)
        right.set_xticks(range(len(sharp)), labels=[k.split("–")[0] for k in sharp.index])
        right.set_xlabel("forecast probability (tenths of the scale)")
        right.set_ylabel("forecasts")
        right.set_title("Sharpness: how far forecasts leave 50%", loc="left", fontsize=10)
        for axes in (left, right):
            axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
    return figure


def calibration_chart(result) -> Fragment:
    """``calibration_figure`` as an image for notebooks and pages, described in its alt text."""
    plt = _pyplot()
    figure = calibration_figure(result)
    try:
        data = _png(figure)
    finally:
        plt.close(figure)
    points = "; ".join(
        f"forecast {row['forecast']:.2f}: {row['observed']:.2f} came true ({int(row['n'])})"
        for _, row in result.bins.iterrows()
    )
    return render("chart.html.j2", data=data, alt=f"Reliability diagram: {points}")
