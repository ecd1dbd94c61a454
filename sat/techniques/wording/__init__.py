"""The analyst's own words read for estimative and confidence language and checked against the
analysis (the engine of ``sat review``).

``expressions(text)`` finds, with their character spans, the estimative
expressions (ICD 203's likelihood and probability terms, the UK yardstick's,
common forms, percentages and fractions with a cue, each with its probability
band and the source of that band), the confidence expressions (with their
level), "most likely" (a ranking) and the unhedged certainty markers
(``read``). ``check`` and ``review`` compare them with the analysis's figures
(a hypothesis's posterior range, the computed confidence, the leaders) and
return facts: ``inside``, ``overlaps``, ``stronger``, ``weaker``, ``above``,
``below``, ``unhedged``, ``not_leader``, ... (``check``); ``conflicts`` finds
statements that cannot both hold. The words for the findings are claims in
``sat.report.claims.review``.

Examples
--------
>>> from sat.techniques import wording
>>> (e,) = wording.expressions("China is very likely to extend the controls.")
>>> e.phrase, e.band, e.source
('very likely', (0.8, 0.95), 'ICD 203 likelihood term (80–95%)')
>>> wording.check(e, wording.Figures("H1", (0.55, 0.7))).relation
'stronger'

References
----------
.. [1] ODNI, *Intelligence Community Directive 203: Analytic Standards*, 2015, D.6.e(2).
.. [2] UK Defence Intelligence, probability yardstick (secondary copies).
.. [3] S. Kent, "Words of Estimative Probability", *Studies in Intelligence* 8(4), 1964.
"""

from sat.techniques.wording.check import (
    PROBLEMS,
    STRONGER,
    Conflict,
    Figures,
    Finding,
    check,
    compare,
    conflicts,
    review,
)
from sat.techniques.wording.expression import KINDS, Expression
from sat.techniques.wording.read import expressions
from sat.techniques.wording.sentences import sentences
from sat.techniques.wording.terms import TERMS, Term

__all__ = [
    "KINDS",
    "PROBLEMS",
    "STRONGER",
    "TERMS",
    "Conflict",
    "Expression",
    "Figures",
    "Finding",
    "Term",
    "check",
    "compare",
    "conflicts",
    "expressions",
    "review",
    "sentences",
]
