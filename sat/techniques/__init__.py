"""Structured analytic techniques: pure functions from a ``Case`` to an immutable result.

Every technique module has one entry point with one shape::

    run(case, *, ach=None, bayes=None, quality=None, assumptions=None, ...) -> Result

The case comes first; results of other techniques it builds on are keyword-only
and named after their module, so ``sat.bias.run(case, ach=a)`` reuses a
computed ACH result instead of scoring again (each is computed when not given).
``sat.analyse`` chains them for a whole case; the analytic diff is the one
exception, ``sat.diff.run(old, new)``, which compares two analyses.
"""
