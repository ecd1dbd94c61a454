"""Structured analytic techniques: pure functions from a ``Case`` to an immutable result.

Every technique module has one entry point with one shape::

    run(case, *, ach, quality, assumptions, ...) -> Result

The case comes first; the results of other techniques it builds on are
required keyword arguments named after their module, and a technique never
computes one itself: ``sat.bias.run(case)`` raises a TypeError naming ``ach``,
``quality`` and ``assumptions``. ``sat.analyse`` (``sat/analysis.py``) is the
one place the techniques are wired, each result computed once; options that are
not results (``since``, ``challenger``, ``pool_by``) keep their defaults.
A result a technique can do without (``consensus`` with no panel, ``bayes`` when
the priors leave it nothing) is still passed, as None.
The analytic diff compares two analyses and so sits above them, in ``sat.diff``.
"""
