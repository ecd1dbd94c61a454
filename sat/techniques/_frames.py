"""Result frames: built so that None stays None, and handed out as copies.

pandas 3 stores text columns as strings with NaN for missing values; results
here hold optional text (ratings, links, dates) that presentation and JSON
must see as None. Flag columns stay boolean. A result keeps each frame in a
``<name>_frame`` field and offers it as ``<name>`` through ``FrameCopy``,
a copy each time, so no caller can change a result in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd


def records_frame(
    rows: Sequence[dict[str, Any]], index: str, columns: Sequence[str], flags: Sequence[str] = ()
) -> pd.DataFrame:
    """A frame of ``rows`` indexed by ``index``: object columns (None kept), ``flags`` as bool.

    Examples
    --------
    >>> f = records_frame([{"id": "A", "note": None, "ok": True}], "id", ["note", "ok"], ["ok"])
    >>> f.at["A", "note"] is None, f["ok"].dtype.name
    (True, 'bool')
    """
    data = {c: pd.Series([r.get(c) for r in rows], dtype=object) for c in columns}
    frame = pd.DataFrame(data, columns=list(columns))
    frame.index = pd.Index([r[index] for r in rows], name=index, dtype=object)
    for flag in flags:
        frame[flag] = frame[flag].astype(bool)
    return frame


def rounded(value: Any, digits: int = 6) -> Any:
    """A result's value ready for JSON: floats (numpy's too) to ``digits`` places, through
    dictionaries and lists; anything else as it is.

    Examples
    --------
    >>> rounded({"p": 0.123456789, "n": 3, "xs": [1 / 3]})
    {'p': 0.123457, 'n': 3, 'xs': [0.333333]}
    """
    import numpy as np

    if isinstance(value, Mapping):
        return {k: rounded(v, digits) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(v, digits) for v in value]
    if isinstance(value, float | np.floating):
        return round(float(value), digits)
    return value


class FrameCopy:
    """A read-only attribute that returns a copy of the result's ``<name>_frame`` field (or None).

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Result:
    ...     table_frame: pd.DataFrame
    ...     table = FrameCopy("The table.")
    >>> r = Result(pd.DataFrame({"x": [1]}))
    >>> copy = r.table
    >>> copy.loc[0, "x"] = 9
    >>> int(r.table_frame.loc[0, "x"])  # the result is unchanged
    1
    """

    def __init__(self, doc: str | None = None) -> None:
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self.field = f"{name}_frame"

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        frame = getattr(instance, self.field)
        return None if frame is None else frame.copy()
