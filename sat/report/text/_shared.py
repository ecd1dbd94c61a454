"""The pieces every text view shares: aligned tables and lists of names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def table(frame: Any, columns: Sequence[str], width: int = 48) -> str:
    """A frame as aligned text: sequences joined, None blank, long text cut, numbers to 2-3 places."""
    import pandas as pd

    def cell(value: Any) -> Any:
        if isinstance(value, tuple | list):
            value = ", ".join(map(str, value))
        if value is None:
            return ""
        if isinstance(value, str) and len(value) > width:
            return value[: width - 1] + "…"
        return value

    shown = frame[list(columns)].copy()
    for column in columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].map(cell)
        elif pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].round(3)
        if shown[column].isna().any():  # a ratio over nothing, a rank not given: a dash
            shown[column] = shown[column].astype(object).where(shown[column].notna(), "–")
    with pd.option_context("display.width", 200, "display.precision", 3):
        return str(shown.to_string())


def names(items: Iterable[str]) -> str:
    return ", ".join(items) or "none"


def said_lines(claims: Sequence[Any]) -> list[str]:
    """Claims as lines of text, one sentence a line, after a blank line (none when none)."""
    return ["", *(c.text for c in claims)] if claims else []
