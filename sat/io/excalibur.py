"""Excalibur's study files: a ``.dtt`` of the experts' quantiles and the ``.rls`` of realisations.

Excalibur (TU Delft) and ANDURIL/ANDURYL read and write these fixed-column text files; the TU
Delft expert-judgement database (Cooke & Goossens 2008) is published in them.

``NAME.dtt``: a header ``* CLASS ASCII OUTPUT FILE. NQ=   3   QU=   5  50  95`` (the number of
quantiles, then their probabilities in percent), then one line per expert and item::

    columns  1-5   expert number          6-14  expert id (at most 8 characters)
            15-19  item number           20-34  item id (at most 14 characters)
            35-38  scale, UNI or LOG     39-    the quantiles, 15 columns each, in Fortran
                                                 E notation (``  1.20000E+0001``), then the
                                                 question to the end of the line

``NAME.rls``: one line per item: item number (columns 1-5), item id (6-20), realisation (21-35),
scale (36-39), question. A value at or below -995 (Excalibur writes -999.5) means none: in the
``.rls``, an item with no realisation (a target); in the ``.dtt``, an item the expert did not
answer.

Reading is bounded while it happens: at most ``MAX_BYTES`` per file and ``MAX_LINES`` lines;
every problem is one located line (file, line, the expert and item, the field, what is allowed),
all of them reported at once. Writing gives values six significant digits in the same notation,
so a study read from these files is written back with every value field as it was.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from sat.errors import CaseError, Problem
from sat.io.files import read_text
from sat.models.study import Item, Study

__all__ = [
    "MAX_BYTES",
    "MAX_LINES",
    "NO_ANSWER",
    "dumps",
    "format_value",
    "read_study",
    "write_study",
    "written",
]

#: Largest ``.dtt`` or ``.rls`` read, in bytes.
MAX_BYTES = 16 * 1024 * 1024
#: Most lines read from either file.
MAX_LINES = 200_000
#: Most quantiles per assessment.
MAX_QUANTILES = 20
#: Values at or below this mean "no answer" or "no realisation".
SENTINEL_AT_MOST = -995.0
#: What is written for no answer and no realisation.
NO_ANSWER = -999.5
SCALES = {"UNI": "uniform", "LOG": "log"}
_CODES = {v: k for k, v in SCALES.items()}
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eEdD][+-]?\d+)?")
_HEADER = re.compile(r"^\*.*?NQ=\s*(\S+)\s+QU=(.*)$")
#: Widths of the fixed columns.
EXPERT_ID_WIDTH, ITEM_ID_WIDTH, VALUE_WIDTH, QUESTION_WIDTH = 8, 14, 15, 174


def format_value(value: float | None) -> str:
    """A value in the files' Fortran E notation with a four-digit exponent, as Excalibur writes
    it (six significant digits), with more digits where the value needs them to read back the
    same, as many as its column holds (14 characters and a space before it: seven significant
    digits, six for a negative value); None as the no-answer sentinel.

    Examples
    --------
    >>> format_value(12.0), format_value(0.000069), format_value(None), format_value(-2.5)
    ('1.20000E+0001', '6.90000E-0005', '-9.99500E+0002', '-2.50000E+0000')
    >>> format_value(1000001.0), format_value(1234567.8)  # the second does not fit: rounded
    ('1.000001E+0006', '1.234568E+0006')
    """
    if value is None:
        value = NO_ANSWER
    text = _e_notation(value, 5)
    for decimals in range(6, 15):
        if float(text) == value:
            break
        wider = _e_notation(value, decimals)
        if len(wider) > VALUE_WIDTH - 1:
            break
        text = wider
    return text


def _e_notation(value: float, decimals: int) -> str:
    mantissa, exponent = f"{value:.{decimals}E}".split("E")
    return f"{mantissa}E{exponent[0]}{int(exponent[1:]):04d}"


def written(value: float) -> float:
    """The value the files hold for ``value`` (``format_value`` read back)."""
    return float(format_value(value))


def _number(text: str) -> float | None:
    """A number as the files write it (Fortran's D exponent too), or None if it is not one."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text.replace("D", "E").replace("d", "e"))
    return value if math.isfinite(value) else None


class _Reader:
    """Collects the problems of one read, each located."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, line: int | None, field: str, message: str, item: str | None = None):
        self.problems.append(Problem(file, line, field, message, item))

    def lines(self, path: Path, shown: str) -> list[str]:
        lines = read_text(path, shown, MAX_BYTES).splitlines()  # the bytes bounded first
        if len(lines) > MAX_LINES:
            raise CaseError(
                [Problem(shown, None, "", f"{len(lines):,} lines; the limit is {MAX_LINES:,}")]
            )
        return lines


def _header(line: str, shown: str, r: _Reader) -> tuple[float, ...] | None:
    found = _HEADER.match(line)
    if not found:
        r.add(
            shown,
            1,
            "header",
            "the first line should be '* CLASS ASCII OUTPUT FILE. NQ= m QU= p1 p2 ...'",
        )
        return None
    count = found.group(1)
    if not count.isdigit() or not 1 <= int(count) <= MAX_QUANTILES:
        r.add(
            shown,
            1,
            "header.NQ",
            f"{count!r} is not a number of quantiles: a whole number from 1 to {MAX_QUANTILES}",
        )
        return None
    words = found.group(2).split()
    percents = [_number(w) for w in words]
    if len(words) != int(count) or any(p is None for p in percents):
        r.add(
            shown,
            1,
            "header.QU",
            f"should give {count} quantile percentages (numbers), got {' '.join(words)!r}",
        )
        return None
    if any(not 0 < p < 100 for p in percents) or any(a >= b for a, b in pairwise(percents)):  # type: ignore[operator]
        r.add(
            shown,
            1,
            "header.QU",
            f"percentages should increase strictly between 0 and 100, got {' '.join(words)}",
        )
        return None
    return tuple(p / 100 for p in percents)  # type: ignore[operator]


def _whole(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _rls_line(line: str, at: int, shown: str, r: _Reader) -> tuple[int, Item] | None:
    """One ``.rls`` line's item number and item, or None after reporting its problem."""
    number, ident, rest = _whole(line[:5]), line[5:20].strip(), line[20:].split(None, 2)
    where = f"item {ident}" if ident else "item"
    if number is None:
        r.add(
            shown,
            at,
            f"{where}.number",
            f"{line[:5].strip()!r} should be a whole number (columns 1-5)",
            ident or None,
        )
        return None
    if not ident:
        r.add(shown, at, f"{where}.id", "no item id (columns 6-20)")
        return None
    if len(rest) < 2:
        r.add(
            shown,
            at,
            where,
            "should give the realisation and the scale (UNI or LOG) after the id",
            ident,
        )
        return None
    value, code = _number(rest[0]), rest[1]
    if value is None:
        r.add(
            shown,
            at,
            f"{where}.realization",
            f"{rest[0]!r} is not a number (write -999.5 for none)",
            ident,
        )
        return None
    if code not in SCALES:
        r.add(shown, at, f"{where}.scale", f"{code!r} should be UNI or LOG", ident)
        return None
    real = None if value <= SENTINEL_AT_MOST else value
    if code == "LOG" and real is not None and real <= 0:
        r.add(
            shown,
            at,
            f"{where}.realization",
            f"{rest[0]} is not positive: a LOG item's values must be",
            ident,
        )
        return None
    question = rest[2].strip() if len(rest) > 2 else ""
    return number, Item(ident, question, SCALES[code], real)


def _realisations(path: Path, r: _Reader, broken: set[str]) -> dict[str, tuple[int, int, Item]]:
    """The ``.rls`` items: id -> (item number, line, Item); the ids of lines with a problem are
    added to ``broken`` (so the ``.dtt`` lines of those items are not reported again)."""
    shown = str(path)
    items: dict[str, tuple[int, int, Item]] = {}
    numbers: dict[int, int] = {}  # item number -> its line
    for at, line in enumerate(r.lines(path, shown), start=1):
        if line.strip():
            before = len(r.problems)
            found = _rls_line(line, at, shown, r)
            ident = line[5:20].strip()
            if found is not None:
                number, item = found
                if item.id in items or number in numbers:
                    first = items[item.id][1] if item.id in items else numbers[number]
                    r.add(
                        shown,
                        at,
                        f"item {ident}",
                        f"item {number} {ident} is given twice (see line {first})",
                        ident,
                    )
                else:
                    numbers[number] = at
                    items[item.id] = (number, at, item)
            if len(r.problems) > before:
                broken.add(ident)
    if not items and not r.problems:
        r.add(shown, None, "", "no items: give one line per item")
    return items


def read_study(path: str | os.PathLike[str]) -> Study:
    """Read an Excalibur study: ``path`` (the ``.dtt``) and the ``.rls`` beside it.

    Raises
    ------
    CaseError
        Every problem of both files, one located line each; or a file is missing, too large,
        not a regular file or not text.

    Examples
    --------
    >>> from sat.paths import ROOT
    >>> study = read_study(ROOT / "tests" / "fixtures" / "seju" / "tobacco.dtt")
    >>> len(study.experts), len(study.items), len(study.seeds), study.probabilities
    (7, 21, 10, (0.05, 0.25, 0.5, 0.75, 0.95))
    """
    dtt = Path(path)
    rls = dtt.with_suffix(".rls")
    r = _Reader()
    shown = str(dtt)
    if not rls.exists():
        raise CaseError(
            [
                Problem(
                    str(rls),
                    None,
                    "",
                    f"no realisations file beside {dtt.name}: Excalibur keeps them in {rls.name}",
                )
            ]
        )
    broken: set[str] = set()
    items = _realisations(rls, r, broken)
    lines = r.lines(dtt, shown)
    probabilities = _header(lines[0], shown, r) if lines else None
    if not lines:
        r.add(
            shown,
            None,
            "",
            "the file is empty: give the header line and one line per expert and item",
        )
    order = list(items)
    experts: dict[str, int] = {}
    numbers: dict[int, str] = {}
    answers: dict[tuple[str, str], tuple[float, ...] | None] = {}
    seen: dict[tuple[str, str], int] = {}
    asked: dict[str, str] = {}  # a question the .dtt gives, for an item the .rls gives none
    m = len(probabilities) if probabilities else 0
    for at, line in enumerate(lines[1:] if probabilities else [], start=2):
        if not line.strip():
            continue
        number, expert = _whole(line[:5]), line[5:14].strip()
        item_number, ident, code = _whole(line[14:19]), line[19:34].strip(), line[34:38].strip()
        where = f"expert {expert or '?'}.item {ident or '?'}"
        bad = False
        for ok, field, message in (
            (
                number is not None,
                "expert number",
                f"{line[:5].strip()!r} should be a whole number (columns 1-5)",
            ),
            (bool(expert), "expert id", "no expert id (columns 6-14)"),
            (
                item_number is not None,
                "item number",
                f"{line[14:19].strip()!r} should be a whole number (columns 15-19)",
            ),
            (bool(ident), "item id", "no item id (columns 20-34)"),
            (code in SCALES, "scale", f"{code!r} should be UNI or LOG (columns 35-38)"),
        ):
            if not ok:
                r.add(shown, at, f"{where}.{field}", message, ident or None)
                bad = True
        if bad:
            continue
        if ident in broken:
            continue  # its .rls line's problem is reported
        if ident not in items:
            r.add(
                shown,
                at,
                f"{where}.item id",
                f"item {ident!r} is not in {rls.name}: give it a line there",
                ident,
            )
            continue
        item_no, _, item = items[ident]
        if item_number != item_no:
            r.add(
                shown,
                at,
                f"{where}.item number",
                f"{item_number} but {rls.name} numbers item {ident} {item_no}",
                ident,
            )
            continue
        if SCALES[code] != item.scale:
            r.add(
                shown,
                at,
                f"{where}.scale",
                f"{code} but {rls.name} gives item {ident} {_CODES[item.scale]}",
                ident,
            )
            continue
        if (
            numbers.setdefault(number, expert) != expert
            or experts.setdefault(expert, number) != number
        ):
            r.add(
                shown,
                at,
                f"{where}.expert number",
                f"expert {number} is {numbers[number]} elsewhere; expert {expert} is {experts[expert]}: one number per expert",
                ident,
            )
            continue
        fields = line[38:].split(None, m)
        texts = fields[:m]
        if len(fields) > m and fields[m].strip():
            asked.setdefault(ident, fields[m].strip())
        values = [_number(t) for t in texts]
        if len(texts) < m or any(v is None for v in values):
            bad_at = next((k for k, v in enumerate(values) if v is None), len(texts))
            got = repr(texts[bad_at]) if bad_at < len(texts) else "nothing"
            r.add(
                shown,
                at,
                f"{where}.quantile {_percent(probabilities[bad_at])}",
                f"got {got}: should be a number such as 1.20000E+0001 (-999.5 for no answer)",
                ident,
            )
            continue
        if (expert, ident) in seen:
            r.add(shown, at, where, f"given twice (see line {seen[(expert, ident)]})", ident)
            continue
        seen[(expert, ident)] = at
        missing = [v <= SENTINEL_AT_MOST for v in values]  # type: ignore[operator]
        if all(missing):
            answers[(expert, ident)] = None
            continue
        if any(missing):
            r.add(
                shown,
                at,
                where,
                "some quantiles are -999.5 (no answer) and some are not: give all or none",
                ident,
            )
            continue
        for k, (a, b) in enumerate(pairwise(values)):
            if a >= b:  # type: ignore[operator]
                r.add(
                    shown,
                    at,
                    f"{where}.quantile {_percent(probabilities[k + 1])}",
                    f"{texts[k + 1]} should be above the {_percent(probabilities[k])} quantile {texts[k]}",
                    ident,
                )
                bad = True
                break
        if not bad and item.scale == "log" and values[0] <= 0:  # type: ignore[operator]
            r.add(
                shown,
                at,
                f"{where}.quantile {_percent(probabilities[0])}",
                f"{texts[0]} is not positive: a LOG item's values must be",
                ident,
            )
            bad = True
        if not bad:
            answers[(expert, ident)] = tuple(values)  # type: ignore[arg-type]
    if probabilities and not experts and not r.problems:
        r.add(shown, None, "", "no assessments: give one line per expert and item after the header")
    if r.problems:
        raise CaseError(r.problems)
    assert probabilities is not None
    ids = sorted(experts, key=experts.__getitem__)
    return Study(
        probabilities=probabilities,
        items=tuple(
            replace(items[i][2], question=asked[i])
            if not items[i][2].question and i in asked
            else items[i][2]
            for i in order
        ),
        experts=tuple(ids),
        answers=tuple(tuple(answers.get((e, i)) for i in order) for e in ids),
    )


def _percent(p: float) -> str:
    return f"{p * 100:g}%"


_UNHOLDABLE = (
    "Excalibur's files hold finite values above -995 (at or below it a value means no answer)"
)


_DIGITS = (
    "Excalibur's columns hold seven significant digits, six for a value below 0 (give the answer "
    "in a larger unit, or with fewer digits)"
)


def _holdable(value: float) -> bool:
    return math.isfinite(value) and value > SENTINEL_AT_MOST and abs(value) < 1e300


def _check_writable(study: Study, shown: str) -> list[Problem]:
    out = []
    for e in study.experts:
        if not e or len(e) > EXPERT_ID_WIDTH or not e.isprintable() or e != e.strip():
            out.append(
                Problem(
                    shown,
                    None,
                    f"expert {e}",
                    f"an Excalibur expert id is 1-{EXPERT_ID_WIDTH} printable characters without leading or trailing space",
                    e,
                )
            )
    for q in study.items:
        if not q.id or len(q.id) > ITEM_ID_WIDTH or not q.id.isprintable() or q.id != q.id.strip():
            out.append(
                Problem(
                    shown,
                    None,
                    f"item {q.id}",
                    f"an Excalibur item id is 1-{ITEM_ID_WIDTH} printable characters without leading or trailing space",
                    q.id,
                )
            )
        if not q.question.isprintable():
            out.append(
                Problem(
                    shown,
                    None,
                    f"item {q.id}.question",
                    "an Excalibur question is one line of printable characters",
                    q.id,
                )
            )
    for e, row in zip(study.experts, study.answers, strict=True):
        for q, answer in zip(study.items, row, strict=True):
            if answer is not None and any(not _holdable(v) for v in answer):
                out.append(Problem(shown, None, f"expert {e}.item {q.id}", _UNHOLDABLE, q.id))
            elif answer is not None and any(written(a) >= written(b) for a, b in pairwise(answer)):
                said = f"quantiles {', '.join(f'{v:.15g}' for v in answer)} would read back as "
                said += f"{', '.join(format_value(v) for v in answer)}, not increasing: {_DIGITS}"
                out.append(Problem(shown, None, f"expert {e}.item {q.id}", said, q.id))
    for q in study.items:
        if q.realization is not None and not _holdable(q.realization):
            out.append(Problem(shown, None, f"item {q.id}.realization", _UNHOLDABLE, q.id))
    for p in study.probabilities:
        if abs(p * 100 - round(p * 100)) > 1e-9:
            out.append(
                Problem(
                    shown,
                    None,
                    "probabilities",
                    f"{_percent(p)}: Excalibur's header holds whole percentages",
                )
            )
    return out


def dumps(study: Study, shown: str = "study.dtt") -> tuple[str, str]:
    """The ``.dtt`` and ``.rls`` texts of ``study`` (experts and items numbered from 1 in order).

    Each item's question is written in the ``.rls`` and on the first expert's ``.dtt`` lines.

    Raises
    ------
    CaseError
        When an id, a question or a value does not fit the files (one problem each, named
        after the file ``shown``).

    Examples
    --------
    >>> from sat.models.study import Item, Study
    >>> s = Study((0.05, 0.5, 0.95), (Item("Q1", "How many?", realization=4.0),), ("A",),
    ...           (((1.0, 3.0, 9.0),),))
    >>> dtt, rls = dumps(s)
    >>> print(dtt.splitlines()[0])
    * CLASS ASCII OUTPUT FILE. NQ=   3   QU=   5  50  95
    >>> dtt.splitlines()[1][:83]
    '    1        A    1             Q1 UNI  1.00000E+0000  3.00000E+0000  9.00000E+0000'
    >>> rls.splitlines()[0][:39]
    '    1             Q1  4.00000E+0000 UNI'
    """
    problems = _check_writable(study, shown)
    if problems:
        raise CaseError(problems)
    percents = "".join(f"{round(p * 100):4d}" for p in study.probabilities)
    dtt = [f"* CLASS ASCII OUTPUT FILE. NQ={len(study.probabilities):4d}   QU={percents}"]
    for n, (expert, row) in enumerate(zip(study.experts, study.answers, strict=True), start=1):
        for i, (item, answer) in enumerate(zip(study.items, row, strict=True), start=1):
            values = answer if answer is not None else (None,) * len(study.probabilities)
            cells = "".join(f"{format_value(v):>{VALUE_WIDTH}}" for v in values)
            dtt.append(
                f"{n:5d}{expert:>9}{i:5d}{item.id:>15} {_CODES[item.scale]}{cells}{_question(item.question if n == 1 else '')}"
            )
    rls = [
        f"{i:5d}{q.id:>15}{format_value(q.realization):>15} {_CODES[q.scale]}{q.question:>{QUESTION_WIDTH}} "
        for i, q in enumerate(study.items, start=1)
    ]
    return "\n".join(dtt) + "\n", "\n".join(rls) + "\n"


def _question(text: str) -> str:
    """A ``.dtt`` line's question column: right-aligned in 174 columns, then a space; a lone space
    when there is none."""
    return f"{text:>{QUESTION_WIDTH}} " if text else " "


def write_study(study: Study, path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write ``study`` as ``path`` (a ``.dtt``) and the ``.rls`` beside it, each atomically.

    A file there that ``sat`` did not write is never replaced (``sat.io.outputs``).

    Returns
    -------
    tuple of Path
        The ``.dtt`` and ``.rls`` written.
    """
    from sat.io.outputs import claim, write_owned

    dtt = Path(path)
    if dtt.suffix != ".dtt":
        dtt = dtt.with_name(dtt.name + ".dtt")
    rls = dtt.with_suffix(".rls")
    texts = dumps(study, str(dtt))
    claim(dtt.parent, [dtt.name, rls.name])
    write_owned(dtt.parent, dtt.name, texts[0])
    write_owned(rls.parent, rls.name, texts[1])
    return dtt, rls
