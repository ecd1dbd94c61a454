"""The next free id of a section, numbered as the case numbers it.

A case numbers its items in its own way: ``H1``, ``H2`` ...; ``E01`` ... ``E29``;
``EV-001``. The next id follows the way most of the section's ids are written
(their prefix and, when they are padded with zeros, their width) and comes after
the highest number used, so an id removed earlier is not given to a new item.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["next_id"]

_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def next_id(taken: Iterable[str], prefix: str) -> str:
    """The id after the highest of ``taken`` written as most of them are, else ``prefix`` + 1.

    Parameters
    ----------
    taken : iterable of str
        The section's ids (hypotheses' or evidence's).
    prefix : str
        The prefix to use when no id of the section ends in a number (``"H"``, ``"E"``).

    Returns
    -------
    str
        An id not in ``taken``.

    Examples
    --------
    >>> next_id(["H1", "H2", "H3", "H4"], "H")
    'H5'
    >>> next_id([f"E{n}" for n in range(1, 12)], "E")
    'E12'
    >>> next_id(["E01", "E02", "E09"], "E"), next_id(["EV-099", "EV-100"], "E")
    ('E10', 'EV-101')
    >>> next_id([], "H"), next_id(["DEC", "NULL"], "H")
    ('H1', 'H1')
    """
    numbered = [m for m in (_NUMBERED.match(t) for t in taken) if m]
    if not numbered:
        found, width, n = prefix, 1, 1
    else:
        counts = Counter(m.group(1) for m in numbered)
        # the prefix most ids use; on a tie, the section's usual one, then the first in order
        found = max(sorted(counts), key=lambda p: (counts[p], p == prefix))
        digits = [m.group(2) for m in numbered if m.group(1) == found]
        padded = [d for d in digits if len(d) > 1 and d.startswith("0")]
        width = max(len(d) for d in padded) if padded else 1
        n = max(int(d) for d in digits) + 1
    return f"{found}{n:0{width}d}"  # above every number of its prefix: free in any width
