import base64
import re

from sat.report.charts import inconsistency_chart
from sat.techniques import ach
from tests.techniques.test_ach import make_case


def _png(fragment):
    match = re.search(r'src="data:image/png;base64,([^"]+)"', fragment)
    assert match, "chart is embedded as PNG data"
    return base64.b64decode(match.group(1))


def test_chart_is_an_embedded_png_with_an_alt_text(hand_case):
    html = inconsistency_chart(ach.run(hand_case))
    assert _png(html).startswith(b"\x89PNG")
    assert (
        'alt="Bar chart of weighted inconsistency by hypothesis: H1 0.71; H3 4.00; H2 4.00"' in html
    )


def test_hostile_labels_draw_as_plain_text():
    case = make_case([["C", "I"]], hypotheses=["H1", "H2"])
    labelled = case.model_copy(
        update={
            "hypotheses": tuple(
                h.model_copy(update={"label": label})
                for h, label in zip(
                    case.hypotheses, ['$\\frac{1}{0}$ "><script>', "50% $$"], strict=True
                )
            )
        }
    )
    html = inconsistency_chart(ach.run(labelled))
    assert _png(html)
    assert "<script>" not in html
