"""Sentences of an analyst's text, as character spans.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets)
followed by white space or the end of the text, at a blank line, and before a
bulleted or numbered line. A full stop does not end a sentence when:

* it ends a known abbreviation (``e.g.``, ``Mr.``, ``No.``, ``ch.``, ``Jan.``, …)
  or a dotted acronym (``U.S.``, ``U.K.``, ``a.m.``), unless the abbreviation is
  one that can end a sentence (an acronym, ``Inc.``, ``Ltd.``, ``Co.``, ``Jr.``)
  and the next word is one that opens sentences (*The*, *It*, *We*, *This*,
  *However*, …): "the U.S. Treasury" is one sentence, "sanctions on the U.S. The
  ministry said" two;
* it follows a single capital (an initial: ``J. Smith``);
* the next word starts in lower case (an abbreviation the list lacks);
* it is inside a number (``0.7``, ``2.5%``): no white space follows it.
"""

from __future__ import annotations

import re

__all__ = ["sentences"]

#: Abbreviations after which a full stop never ends a sentence (lower case, with the stop).
ABBREVIATIONS = frozenset(
    """
    e.g. i.e. cf. vs. viz. al. approx. ca. c. est. fig. figs. no. nos. vol. vols. ch. chs. p. pp.
    para. paras. sec. art. mr. mrs. ms. dr. prof. st. gen. col. lt. sgt. capt. maj. adm. cmdr.
    sen. rep. gov. pres. amb. jr. sr. inc. ltd. co. corp. dept. govt. jan. feb. mar. apr. jun.
    jul. aug. sep. sept. oct. nov. dec.
    """.split()  # noqa: SIM905 (a list of words reads better as words)
)

#: Abbreviations that may end a sentence (with dotted acronyms): before a word in ``OPENERS``.
CAN_END = frozenset({"inc.", "ltd.", "co.", "corp.", "jr.", "sr.", "al."})
#: Words that open sentences far more often than they follow an abbreviation inside one.
OPENERS = frozenset(
    """
    The This That These Those It Its We Our They Their There He She His Her In On At By For
    But And However If When While As A An Such Both Neither Nor Since Because Although
    """.split()  # noqa: SIM905
)

_END = re.compile(r"([.!?]+)([\"'”’)\]]*)(?=\s|$)")
_BREAK = re.compile(r"\n[ \t]*\n\s*|\n[ \t]*(?=(?:[-*•]|\d+[.)])\s)")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")
_TOKEN = re.compile(r"(\S+)$")


def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences of ``text`` as ``(start, end)`` spans, white space trimmed.

    Examples
    --------
    >>> text = "The U.S. imposed controls, e.g. on chips. China is likely (0.7) to respond. Will it?"
    >>> [text[a:b] for a, b in sentences(text)]
    ['The U.S. imposed controls, e.g. on chips.', 'China is likely (0.7) to respond.', 'Will it?']
    >>> notes = "Mr. Li met Dr. Wu at 3 p.m. on Jan. 5. It ended.\\n\\n- A bullet"
    >>> [notes[a:b] for a, b in sentences(notes)]
    ['Mr. Li met Dr. Wu at 3 p.m. on Jan. 5.', 'It ended.', '- A bullet']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for block in [*_BREAK.finditer(text), None]:
        end = len(text) if block is None else block.start()
        spans += _split(text, start, end)
        start = end if block is None else block.end()
    return tuple(spans)


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    begin = start
    for m in _END.finditer(text, start, end):
        if not _ends(text, m, begin, end):
            continue
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, end))
    trimmed = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


def _ends(text: str, m: re.Match[str], begin: int, end: int) -> bool:
    """Whether the punctuation ``m`` ends a sentence."""
    after = text[m.end() : end].lstrip()
    if after and after[0].islower():
        return False
    if m.group(1) != ".":
        return True
    token = _TOKEN.search(text, begin, m.start())
    word = token.group(1) if token else ""
    if f"{word.lower()}." in ABBREVIATIONS - CAN_END:
        return False
    if _ACRONYM.search(word) or f"{word.lower()}." in CAN_END:
        return after.split(maxsplit=1)[0] in OPENERS if after else True
    return not (len(word) == 1 and word.isupper())
