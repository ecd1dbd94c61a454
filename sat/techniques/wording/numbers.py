"""Numbers read as probabilities: percentages, ranges and fractions, only with a cue.

In this field a bare percentage is far more often a tariff or a share than a
chance, so a number is a probability only with a cue word after it
(*chance*, *probability*, *likelihood*, *odds*, *likely*, *probable*: "a 70%
chance", "70% likely", "a one-in-three chance"), a cue before it ("a
probability of about 70%", "the odds are one in three"), or in parentheses
straight after an estimative term ("likely (55–80%)").

* A percentage stands for the interval it rounds from: "62%" is 61.5–62.5% and
  "62.5%" 62.45–62.55%, so a figure copied from a rounded print is read as the
  print meant it. "60–70%", "60 to 70 per cent", "between 60 and 70%" span both.
* *about*, *around*, *roughly*, *approximately*, *some*, *circa*, *nearly*,
  *almost* widen a figure by 5 points each way (the half-width of ICD 203's
  narrowest band, its even chance).
* *more than*, *greater than*, *over*, *above*, *at least*, *no less than* make
  it a lower bound (to 100%, leaning ``likely``); *less than*, *under*, *below*,
  *at most*, *no more than*, *up to* an upper bound (from 0%, leaning ``unlikely``).
* "N in M" and "N out of M" (numerals or the words one to ten, twenty,
  hundred, thousand) are N/M exactly.
* **Odds** "N to M", "N-to-M" and "N:M", only with *odds* or *chance(s)* as
  their cue (after or before them: "odds of 9 to 1", "9-to-1 odds", "the odds
  of H1 are 9:1"), are odds on what is said, N/(N+M) exactly: analysts write
  odds for the event ("9-to-1 odds in its favour"). Followed by *against* they
  are odds against it, M/(N+M) (the bettor's convention, "9 to 1 against").
* **Decimals** ("0.7", ".85", "1.0") are probabilities only with a cue before
  them ("a probability of 0.7", "the probability of H1 is 0.9", "P = 0.9",
  "P(H1) = 0.9") or after ("a 0.7 probability"), or in parentheses after a
  term; like a percentage, a decimal stands for the interval it rounds from
  ("0.7" is 0.65–0.75, "0.72" 0.715–0.725).
* A cue before a number may name what it is of ("the probability of H1 is
  90%", "the odds of H1 are 9:1", "probability of H1: 90%"): up to 40
  characters, no figure, between the cue word and *is*, *are*, *at*, ``:`` or
  ``=`` straight before the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sat.techniques.wording.expression import Expression
from sat.techniques.wording.terms import side_of

__all__ = ["numbers"]

_NUM = r"\d+(?:\.\d+)?"
_UNIT = r"(?:%|\s*per\s*cent\b|\s*percent\b)"
_APPROX = r"(?P<approx>(?:about|around|roughly|approximately|some|circa|nearly|almost)\s+|~\s*)?"
_LOWER = r"more\s+than|greater\s+than|over|above|at\s+least|no\s+less\s+than"
_UPPER = r"less\s+than|under|below|at\s+most|no\s+more\s+than|up\s+to"
_CUE_AFTER = r"(?P<cue>\s*-?\s*(?:chances?|probability|likelihood|odds|likely|probable)\b)?"
_PERCENT = re.compile(
    rf"{_APPROX}(?:(?:(?P<lower>{_LOWER})|(?P<upper>{_UPPER}))\s+(?:an?\s+)?)?"
    r"(?P<between>between\s+)?"
    rf"\b(?P<x>{_NUM})(?P<u1>{_UNIT})?(?:\s*(?P<sep>-|–|—|\bto\b|\band\b)\s*(?P<y>{_NUM}))?"
    rf"(?P<unit>{_UNIT}){_CUE_AFTER}",
    re.IGNORECASE,
)
_NUMBERS = "one two three four five six seven eight nine ten".split()  # noqa: SIM905
_WORDS = {w: i for i, w in enumerate(_NUMBERS, 1)}
_DENOMINATORS = {**_WORDS, "twenty": 20, "hundred": 100, "thousand": 1000}
_RATIO = re.compile(
    rf"{_APPROX}\b(?P<n>\d+|{'|'.join(_WORDS)})\s*-?\s*(?:in|out\s+of)\s*-?\s*"
    rf"(?:a\s+)?(?P<d>\d+|{'|'.join(_DENOMINATORS)})\b(?!\s*%){_CUE_AFTER}",
    re.IGNORECASE,
)
_CUE_BEFORE = re.compile(
    r"\b(?:chances?|probability|likelihood|odds)\s*(?:(?:of|is|are|was|were|at|as|stands|put|"
    r"estimated|assessed|judged|to|be|about|around|roughly|approximately)\s+|:\s*)*$"
    r"|\b(?:chances?|probability|likelihood|odds)\s+(?:of|that|for|on)\s+[^,;:.()%=]{1,40}?\s*"
    r"(?:\b(?:is|are|was|were|at|stands?\s+at|put\s+at)\s+|[:=]\s*)$"
    r"|(?<![A-Za-z])[Pp]\s*(?:\([^()]{0,30}\))?\s*=\s*$",
    re.IGNORECASE,
)
_ODDS_CUE = r"(?P<cue>\s*-?\s*(?:odds|chances?)\b)?"
_ODDS = re.compile(
    rf"{_APPROX}(?<![\d.])\b(?P<n>\d+(?:\.\d+)?)(?:\s*-\s*to\s*-\s*|\s+to\s+|\s*:\s*)"
    rf"(?P<d>\d+(?:\.\d+)?)\b(?![.:]?\d)(?!\s*(?:%|per\s*cent|percent))"
    rf"(?P<against>\s+against\b)?{_ODDS_CUE}(?(cue)(?P<against2>\s+against\b)?)",
    re.IGNORECASE,
)
_DECIMAL = re.compile(
    rf"{_APPROX}(?:(?:(?P<lower>{_LOWER})|(?P<upper>{_UPPER}))\s+(?:an?\s+)?)?"
    r"(?<![\d.])(?P<x>0?\.\d+|1\.0+)\b(?!\.\d|\s*(?:%|per\s*cent|percent))"
    r"(?P<cue>\s*-?\s*(?:chances?|probability|likelihood)\b)?",
    re.IGNORECASE,
)


def numbers(text: str, start: int, end: int, term_ends: set[int]) -> Iterator[Expression]:
    """The numbers read as probabilities in ``text[start:end]`` (a sentence), given where its
    estimative terms end (for the parenthesised figure after a term)."""
    ends = term_ends
    for pattern, band_of, name in (
        (_PERCENT, _percent_band, "percentage"),
        (_RATIO, _ratio, "ratio"),
        (_ODDS, _odds, "odds"),
        (_DECIMAL, _decimal, "decimal"),
    ):
        for m in _matches(pattern, text, start, end):
            band = band_of(m)
            if band is None or not _cued(text, start, m, ends):
                continue
            if m.group("approx"):
                band = (max(0.0, round(band[0] - 0.05, 12)), min(1.0, round(band[1] + 0.05, 12)))
            side = side_of(band)
            lower, upper = m.groupdict().get("lower"), m.groupdict().get("upper")
            if lower:
                band, side = (band[0], 1.0), "likely"
            elif upper:
                band, side = (0.0, band[1]), "unlikely"
            source = _SOURCES[name]
            yield Expression(
                m.group(0), m.span(), "estimative", band=band, side=side, term=name, source=source
            )


_SOURCES = {
    "percentage": "convention: the figure as written, a whole percentage standing for the "
    "interval it rounds from",
    "ratio": "convention: the fraction as written",
    "odds": "convention: odds N to M on what is said, N/(N+M) (against it: M/(N+M))",
    "decimal": "convention: the decimal as written, standing for the interval it rounds from",
}


def _matches(pattern: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Every match, each search resuming one character after the last match began, so that a
    match the caller rejects ("2023 in one") does not hide one inside it ("one in three chance");
    matches that overlap an earlier one are resolved by the reader, longest first."""
    pos = start
    while (m := pattern.search(text, pos, end)) is not None:
        yield m
        pos = m.start() + 1


def _cued(text: str, start: int, m: re.Match[str], term_ends: set[int]) -> bool:
    """A number is a probability with a cue word after or before it, or in parentheses straight
    after an estimative term."""
    if m.group("cue"):
        return True
    before = text[start : m.start()]
    if _CUE_BEFORE.search(before):
        return True
    paren = re.search(r"\(\s*$", before)
    return bool(paren) and (len(before[: paren.start()].rstrip()) + start) in term_ends


def _percent_band(m: re.Match[str]) -> tuple[float, float] | None:
    if m.group("sep") and m.group("sep").lower() == "and" and not m.group("between"):
        return None
    if m.group("u1") and not m.group("y"):
        return None
    numbers = [m.group("x")] + ([m.group("y")] if m.group("y") else [])
    values = [float(x) for x in numbers]
    if max(values) > 100:
        return None
    half = [0.5 * 10 ** -(len(x.split(".")[1]) if "." in x else 0) for x in numbers]
    low, high = min(values), max(values)
    return (
        max(0.0, round((low - half[values.index(low)]) / 100, 12)),
        min(1.0, round((high + half[values.index(high)]) / 100, 12)),
    )


def _ratio(m: re.Match[str]) -> tuple[float, float] | None:
    n, d = (_number(m.group(g)) for g in ("n", "d"))
    if not d > 0 or n > d:
        return None
    return (n / d, n / d)


def _number(word: str) -> int:
    word = " ".join(word.lower().split()).removeprefix("a ")
    return int(word) if word.isdigit() else _DENOMINATORS[word]


def _odds(m: re.Match[str]) -> tuple[float, float] | None:
    n, d = float(m.group("n")), float(m.group("d"))
    if n + d <= 0:
        return None
    against = m.group("against") or m.group("against2")
    p = (d if against else n) / (n + d)
    return (p, p)


def _decimal(m: re.Match[str]) -> tuple[float, float] | None:
    x = m.group("x")
    value = float(x)
    if value > 1:
        return None
    half = 0.5 * 10 ** -len(x.split(".")[1])
    return (max(0.0, round(value - half, 12)), min(1.0, round(value + half, 12)))
