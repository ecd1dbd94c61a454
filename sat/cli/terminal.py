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

from sat.errors import UNSAFE, escape

__all__ = ["UNSAFE", "EscapedStream", "escape", "escaped_streams"]


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
