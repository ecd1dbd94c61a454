"""Generated cases for benchmarks and reliability tests: large, realistic in shape, seeded.

``generate_case`` makes a typical matrix: most cells neutral or consistent,
some inconsistent, a few very consistent or very inconsistent, the odd NA; a
few items are assumptions or absences; sources are shared between items.

``situation`` makes a case in one of the *situations* named in ``SITUATIONS``:
a tie at the top, an unrated hypothesis, no sources, analysts who disagree, ...
Each is randomised by its seed (sizes and ratings vary) but always keeps its
defining property (the table in ``situation``), so that property tests can look
for the case where a sentence of a brief is false. ``cases`` and
``case_objects`` are Hypothesis strategies over the situations (Hypothesis is
imported only when they are called); ``write_situation`` writes one as a case
file for the command line.

The modules: ``generated`` (``generate_case``, ``write_case``), ``register``
(synthetic forecast registers), ``matrices`` (drawing rating matrices and
assembling case data around them), ``specs`` (the register of situations and
their sizes), ``standings`` and ``contents`` (the situations' builders),
``situations`` (``SITUATIONS``, ``situation``, ``write_situation``),
``strategies`` (the Hypothesis strategies) and ``quantities`` (``quantity_cases``: cases with
quantities and a team's answers).

Examples
--------
>>> from sat.testing import generate_case
>>> data = generate_case(50, 4, n_analysts=3, seed=1)
>>> len(data["evidence"]), len(data["hypotheses"]), len(data["evidence"][0]["analyst_ratings"])
(50, 4, 3)
>>> from sat.case import Case
>>> case = Case.model_validate(situation("top-tie", seed=3, n_evidence=8, n_hypotheses=4))
>>> len(case.evidence), len(case.hypotheses)
(8, 4)
"""

from __future__ import annotations

from sat.testing.generated import generate_case, write_case
from sat.testing.quantities import quantity_cases
from sat.testing.register import synthetic_entries, synthetic_register
from sat.testing.situations import SITUATIONS, situation, write_situation
from sat.testing.specs import _SPECS as _SPECS
from sat.testing.strategies import case_objects, cases

__all__ = [
    "SITUATIONS",
    "case_objects",
    "cases",
    "generate_case",
    "quantity_cases",
    "situation",
    "synthetic_entries",
    "synthetic_register",
    "write_case",
    "write_situation",
]
