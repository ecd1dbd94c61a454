"""The interactive workbook and the blind rating view: edit a case in JupyterLab (or a Voila app).

``Workbook`` shows the ACH matrix as a colour-coded grid whose cells are chosen
in place, with credibility and relevance per item; tabs for the assumptions,
indicators, Heuer's checklist, deception checks, the quotes each item rests on
(checked against the sources' stored texts, with candidate passages ranked by
BM25 to accept), the key judgements (the analysts' own words, checked against
the analysis as they are typed) and the case's structure (add, rename and
remove hypotheses and evidence); and a live panel of scores and posteriors
that updates on every change. ``BlindRating`` lets one analyst rate every item
across the hypotheses, blind. ``IdeaSession`` takes one analyst through the IDEA
protocol on the case's quantities: private answers, the team's anonymised answers
and a discussion, private answers again.

The modules, one a purpose: ``workbook`` (the editor, its live panel and its
commands), ``matrix`` (the Matrix tab), ``grid`` (its one grid widget, drawn in the
browser by ``static/grid.js``), ``checks`` (assumptions, indicators, checklist,
deception), ``quotes``, ``judgements``, ``structure`` (the tabs), ``blind``, ``idea`` (with ``idea_answers``),
and ``markup`` (the stylesheet, labels and an item's card that they share). All
case text is shown through escaping widgets, escaped HTML, or set as text by the grid's script.
"""

from sat.widgets.blind import BlindRating
from sat.widgets.idea import IdeaSession
from sat.widgets.markup import evidence_card
from sat.widgets.workbook import Workbook, edit_mode

__all__ = ["BlindRating", "IdeaSession", "Workbook", "edit_mode", "evidence_card"]
