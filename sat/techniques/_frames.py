"""Building result frames that keep None as None.

pandas 3 stores text columns as strings with NaN for missing values; results
here hold optional text (ratings, links, dates) that presentation and JSON
must see as None. Flag columns stay boolean.
"""

from __future__ import annotations

from collections.abc import Sequence
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
