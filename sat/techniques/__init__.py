"""Structured analytic techniques: pure functions from a ``Case`` to an immutable result."""
