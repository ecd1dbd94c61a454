"""What a matrix file's rows hold, as the plain data of a case: where the header puts each
column (``Layout``), what the body gives (``Body``), the ids of the sources a cell names, and
the case's data around them (``case_data``). Both ways of reading the rows
(``sat.io.matrix_read``, ``sat.io.matrix_fast``) fill these."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sat.errors import CaseError, Problem
from sat.io import matrix_format as fmt
from sat.io.matrix_format import HEADER_HELP, KNOWN_COLUMNS, REQUIRED, SPACE, blank, over

__all__ = ["Body", "Layout", "case_data", "layout_of", "source_ids"]

#: What separates the sources named in one cell.
_SEPARATOR = re.compile(r"[;\n]")


@dataclass(frozen=True)
class Layout:
    """Where the header puts each column: ``columns`` maps a known column to its position,
    ``hypotheses`` holds (position, id) in header order; ``width`` counts the cells up to the
    last named column; ``line`` is the header's line."""

    columns: dict[str, int]
    hypotheses: tuple[tuple[int, str], ...]
    width: int
    line: int


@dataclass
class Body:
    """What the body rows hold, as plain data: the evidence items, the priors, the sources
    cited (name -> generated id), the lines of each, and the rows shorter than the header."""

    evidence: list[dict[str, Any]] = field(default_factory=list)
    priors: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    lines: dict[tuple, int] = field(default_factory=dict)
    short: list[int] = field(default_factory=list)
    unrated: int = 0  # rating cells the short rows leave out
    filled: int = 0  # rating cells filled so far
    problems: list[Problem] = field(default_factory=list)


def layout_of(header: list[Any], line: int, shown: str) -> Layout:
    """The header's columns: refused at the hypothesis limit, every other problem at once."""
    problems: list[Problem] = []
    columns: dict[str, int] = {}
    hypotheses: list[tuple[int, str]] = []
    seen: set[str] = set()
    for j, name in enumerate(header):
        if blank(name):
            continue
        label = str(name).strip(SPACE)
        known = label.lower()
        if known in KNOWN_COLUMNS:
            if known in columns:
                problems.append(Problem(shown, line, f"column {label}", "duplicate column"))
            columns[known] = j
        elif label in seen:
            problems.append(Problem(shown, line, f"column {label}", "duplicate hypothesis column"))
        elif len(hypotheses) == fmt.MAX_HYPOTHESES:
            raise over(
                shown, line, "header", f"more than {fmt.MAX_HYPOTHESES:,} hypothesis columns"
            )
        else:
            seen.add(label)
            hypotheses.append((j, label))
    problems += [
        Problem(shown, line, "header", f"missing column '{name}' (the header is {HEADER_HELP})")
        for name in REQUIRED
        if name not in columns
    ]
    if problems:
        raise CaseError(problems)
    width = max(j for j, name in enumerate(header) if not blank(name)) + 1
    return Layout(columns, tuple(hypotheses), width, line)


def source_ids(cited: Any, sources: dict[str, str]) -> list[str]:
    """The ids of the sources a cell names (separated by ``;`` or a line break), each source
    given the next id ``S<n>`` the first time it is named."""
    text = str(cited)
    if ";" not in text and "\n" not in text:  # one source, the common case
        names = [text.strip(SPACE)]
    else:
        names = [s.strip(SPACE) for s in _SEPARATOR.split(text)]
    found = []
    for name in names:
        if name:
            sid = sources.get(name)
            if sid is None:
                sid = sources[name] = f"S{len(sources) + 1}"
            found.append(sid)
    return found


def case_data(path: Path, layout: Layout, body: Body) -> tuple[dict[str, Any], dict[tuple, int]]:
    """The case's plain data and the lines of its fields: its id and title from the file's
    name, its date from the file's modification time, every source ungraded."""
    lines = dict(body.lines)
    for j in range(len(layout.hypotheses)):
        lines[("hypotheses", j)] = layout.line
    # Problems in a row's sources would otherwise point at the generated source list.
    lines.update({("sources", k): layout.line for k in range(len(body.sources))})
    stem = path.stem
    slug = re.sub(r"[^A-Za-z0-9_.:-]+", "-", stem).strip("-.") or "matrix"
    priors = body.priors
    data = {
        "id": slug[:64] if slug[0].isalnum() else f"m{slug}"[:64],
        "title": stem,
        "question": f"Matrix imported from {path.name}",
        "date": dt.date.fromtimestamp(path.stat().st_mtime),
        "analysts": ["unrecorded"],
        "sources": [{"id": sid, "title": name} for name, sid in body.sources.items()],
        "hypotheses": [
            {"id": h, "label": h, "statement": h, **({"prior": priors[h]} if h in priors else {})}
            for _, h in layout.hypotheses
        ],
        "evidence": body.evidence,
    }
    return data, lines
