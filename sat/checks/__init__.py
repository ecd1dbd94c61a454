"""Checks across a case's items, on the model or on the plain data read from a file.

Ids are unique in their section; every reference names an item that exists; a
scenario's events come after the events they are conditional on, and none
depends on itself; a key judgement is about a hypothesis, an event or a
scenario; estimates and blind sessions name the case's analysts. Each problem
is a ``(location, message)`` pair (``sat.io.validate`` locates it on its line
and names its item by id). ``prior_notes`` and ``estimate_notes`` say what does
not make a case invalid but is worth knowing.

These checks tolerate wrong types in plain data (field validation reports
those), so the loader reports every problem in one pass. They read a case by its attributes (a
``sat.case.Case``, or anything shaped like one) and sit below the model, which uses them: they never
import it.
"""

from sat.checks.index import as_tuple, split_event_ref
from sat.checks.notes import estimate_notes, prior_notes, prior_probabilities
from sat.checks.references import reference_problems

__all__ = [
    "as_tuple",
    "estimate_notes",
    "prior_notes",
    "prior_probabilities",
    "reference_problems",
    "split_event_ref",
]
