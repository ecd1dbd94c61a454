"""Text for a terminal: every character a case, a register or a file name can carry, made visible.

A case file, a register or a stored source is untrusted text. Printed raw, an escape sequence in
a hypothesis label (``ESC [ 2 J``, an OSC 8 link, a title change), a carriage return or a
bidirectional override could clear the screen, forge a line, hide a warning or change the
terminal's state. ``sat``'s command line prints everything through :class:`EscapedStream`
(installed on stdout and stderr for the length of a command by ``sat.cli.main``), so no command
and no message needs to remember to escape: control characters are written as ``\\uXXXX``, which
is also what JSON would write, so ``--json`` output stays valid and means the same.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["EscapedStream", "escape", "escaped_streams"]

#: Characters that change a terminal's state or hide text: C0 controls but newline and tab, DEL,
#: C1 controls (U+0080-U+009F, among them CSI), line and paragraph separators, bidirectional
#: embeddings, overrides, isolates and marks.
_UNSAFE = (
    [c for c in range(0x20) if c not in (0x09, 0x0A)]
    + list(range(0x7F, 0xA0))
    + [0x061C, 0x200E, 0x200F, 0x2028, 0x2029]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
)
_TABLE = {c: f"\\u{c:04x}" for c in _UNSAFE}


def escape(text: str) -> str:
    """``text`` with every character in ``_UNSAFE`` written as a visible ``\\uXXXX``.

    Examples
    --------
    >>> escape("H1\\x1b[2J cleared")
    'H1\\\\u001b[2J cleared'
    >>> escape("two\\nlines\\tand a tab")
    'two\\nlines\\tand a tab'
    >>> escape("\\u202eevil")
    '\\\\u202eevil'
    """
    return text.translate(_TABLE)


class EscapedStream:
    """A text stream that escapes what it writes (see :func:`escape`); everything else is the
    wrapped stream's. ``sat_unescaped`` is the stream itself, for output that is sat's own and
    needs control characters (a progress bar's carriage return)."""

    def __init__(self, stream: Any):
        self.sat_unescaped = stream

    def write(self, text: str) -> int:
        return self.sat_unescaped.write(escape(text))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.sat_unescaped, name)


@contextlib.contextmanager
def escaped_streams() -> Iterator[None]:
    """Escape everything written to ``sys.stdout`` and ``sys.stderr`` while the block runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapedStream(saved[0]), EscapedStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
