"""Structured analytic techniques: pure functions from a :class:`~sat.case.Case` to an immutable result."""
