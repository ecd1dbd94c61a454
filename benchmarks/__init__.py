"""Benchmarks of sat against the obvious alternatives (``make bench``; see RESULTS.md)."""
