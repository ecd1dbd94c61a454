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


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=144, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def inconsistency_chart(result: ACHResult, *, title: str | None = None) -> Fragment:
    """Horizontal bars of weighted inconsistency per hypothesis, best first, the leader in blue.

    Each bar is labelled with its score and, for challengers, the steps they are
    from the lead, so the reader sees the ranking and how close it is at a glance.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

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
