"""Presentation: tables, brief sections and rendering. Computes no analysis of its own."""
