"""A stored text read as its reader reads it: paragraphs, sentences and a title.

Texts come in three layouts: hard-wrapped (lines broken at about 70 columns,
blank lines between paragraphs: e-mail, plain-text reports, a PDF's lines), a
paragraph a line (the text trafilatura takes from a web page, or a page pasted
into a file), and Markdown. ``paragraphs`` reads all three:

* a blank line ends a paragraph;
* a heading (a Markdown ``#`` line) and a table row (``|``) are paragraphs by
  themselves, and a bullet (``-``, ``*``, ``+``, ``•``), a numbered or lettered
  item (``1.``, ``2)``, ``a)``, ``(iv)``) and a block quote (``>``) begin one;
* any other line break inside a paragraph is read as a space when the text was
  wrapped there: the next line's first word would not have fitted on the line
  at the text's wrap width (``wrap_width``; unless the line ends in a colon and
  the next begins with a capital), or the line does not end a
  sentence and either ends in a comma or a word such as "and", "the" or "of",
  or the next line goes on in lower case. Otherwise the line stays a paragraph
  of its own (a short heading line above its text, as a web page's text has
  them).

``sentences`` splits a paragraph after ``.``, ``!``, ``?`` or ``…`` (and any
closing quotes or brackets) where a space is followed by a capital letter, a
digit or an opening quote; not after an initial (``J.``, ``U.S.``), a common
abbreviation (``Dr.``, ``Gen.``, ``Jan.``, ``No.``) or before a no-break space.

A passage keeps the source's own characters: the only changes are that the
spaces around a line break inside a paragraph become one space (none after a
hyphen inside a word: ``rare-`` and ``earth`` read ``rare-earth``, as
``HYPHEN_BREAK`` says), and the marks that begin a heading, a bullet or a block
quote are left out. So the quote check
(``sat.io.sources.StoredSource.holds``), which compares texts with their runs of
whitespace made one space, finds every passage in the text it came from.
"""

from __future__ import annotations

import re

__all__ = [
    "HYPHENS",
    "HYPHEN_BREAK",
    "TITLE_LENGTH",
    "paragraphs",
    "passages",
    "sentences",
    "title",
    "wrap_width",
]

#: Hyphens after which a line broken inside a word goes on without a space (the soft hyphen too).
HYPHENS = "-\u2010\u2011\u00ad"
_BREAK = "\n\r\v\f\x1c-\x1e\x85\u2028\u2029"  # the line boundaries str.splitlines knows
#: A line broken after a hyphen inside a word ("rare-" then "earth"): read without a space.
HYPHEN_BREAK = re.compile(
    rf"(?<=\w[{HYPHENS}])[^\S{_BREAK}]*(?:\r\n|[{_BREAK}])[^\S{_BREAK}]*(?=\w)"
)
#: The longest title taken from a text; a first sentence longer than this is cut at a word.
TITLE_LENGTH = 120
#: The widest a text is taken to be hard-wrapped at; lines longer than this are paragraphs.
MAX_WRAP = 132

_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+|$)")
_ROW = re.compile(r"\s*\|")
#: A line of one repeated mark: a Markdown rule or a heading's underline.
_RULE = re.compile(r"\s*([-=*_~#])(?:\s*\1){2,}\s*$")
#: Marks that begin a bullet or a block quote: markup, left out of the passage.
_MARK = re.compile(r"\s*(?:[-*+\u2022\u2023\u25e6\u25aa\u25cf\u2219\u2043](?=\s)|>+)\s*")
#: An enumerator that begins an item: part of the text, kept.
_ITEM = re.compile(r"\s*(?:\(?\d{1,3}[.)]|\(?[a-z]\)|\([ivxlc]{1,5}\))\s")
#: A line that ends a sentence (or a clause introducing what follows).
_ENDS = re.compile(r"[.!?:\u2026][\"'\u201d\u2019)\]\u00bb\u203a]*$")
#: A line that cannot end a sentence or a heading: it ends in a comma or a word such as "and".
_GOES_ON = re.compile(
    r"(?:[,;]|\b(?:a|an|the|and|or|nor|but|of|by|from|into|as|than|that|which|whose|its|their|his"
    r"|her|our|is|are|was|were|be|been|has|have|had))$",
    re.IGNORECASE,
)
#: The first letter or digit of a line, after any opening quotes or brackets.
_FIRST = re.compile(r"\s*[(\[\"'\u201c\u2018\u00ab\u2039]*(\w)")
#: A sentence's end, its closing marks and the breakable space after it (no-break spaces excluded).
_STOP = re.compile(r"([.!?\u2026])[\"'\u201d\u2019)\]\u00bb\u203a]*[^\S\u00a0\u2007\u202f]+")
_OPENERS = "\"'\u201c\u2018\u00ab\u2039(["
_ABBREVIATIONS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "Rev",
        "Hon",
        "St",
        "Mt",
        "Ft",
        "Gen",
        "Col",
        "Lt",
        "Maj",
        "Capt",
        "Cmdr",
        "Adm",
        "Sgt",
        "Sen",
        "Rep",
        "Gov",
        "Pres",
        "Jr",
        "Sr",
        "No",
        "Nos",
        "Fig",
        "Vol",
        "Art",
        "Sec",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Inc",
        "Ltd",
        "Co",
        "Corp",
        "vs",
        "cf",
        "al",
        "approx",
        "ca",
    ]
)
#: A word of initials, written with full stops (J, U.S, e.g: the full stop after it is looked at).
_INITIALS = re.compile(r"[(\[\"'\u201c\u2018]*(?:[^\W\d_]\.)*[^\W\d_]")


def _kind(line: str) -> tuple[str, str]:
    """What a line is (heading, row, rule, start of a bullet or item, quote, text) and its words."""
    heading = _HEADING.match(line)
    if heading:
        return "heading", line[heading.end() :].strip().rstrip("#").strip()
    if _RULE.match(line):
        return "rule", ""
    if _ROW.match(line):
        return "row", line.strip()
    mark = _MARK.match(line)
    if mark:
        return ("quote" if line.lstrip().startswith(">") else "start"), line[mark.end() :].strip()
    if _ITEM.match(line):
        return "start", line.strip()
    return "text", line.strip()


def wrap_width(text: str) -> int | None:
    """The width a text is hard-wrapped at, or None when its line breaks are not wrapping.

    The width is the length of the longest lines, the longest tenth left out (a URL or a table
    row may run past it). The text is taken to be wrapped there when it is at most ``MAX_WRAP``
    and at least half of the line breaks between two lines of text, and two at the least, come
    where the next line's first word would not have fitted.

    Examples
    --------
    >>> wrap_width("Divers planted the explosives\\nduring a NATO exercise known\\nas BALTOPS 22, in the Baltic.")
    29
    >>> wrap_width("Overview\\nChina bans the export of dual-use goods to Japan.") is None
    True
    """
    lines = [line.rstrip() for line in text.splitlines()]
    return _width(lines, [_kind(line)[0] for line in lines])


def _width(lines: list[str], kinds: list[str]) -> int | None:
    lengths = sorted((len(line) for line in lines if len(line.split()) > 1), reverse=True)
    if not lengths or lengths[len(lengths) // 10] > MAX_WRAP:
        return None
    width = lengths[len(lengths) // 10]
    breaks = [
        len(a) + 1 + len(b.split()[0]) > width
        for a, b, kind_a, kind_b in zip(lines, lines[1:], kinds, kinds[1:], strict=False)
        if a.strip() and b.strip() and kind_a in ("text", "start", "quote") and kind_b == "text"
    ]
    full = sum(breaks)
    return width if full >= 2 and 2 * full >= len(breaks) else None


def _wrapped(line: str, following: str, width: int | None) -> bool:
    """Whether the break between a line and the words of the next is a wrap (read as a space)."""
    first = _FIRST.match(following)
    lower = first is not None and first.group(1).islower()
    if width is not None and len(line) + 1 + len(following.split()[0]) > width:
        return lower or not line.endswith(":")  # a capital after a colon: a heading or a list
    if _ENDS.search(line):
        return False
    return lower or bool(_GOES_ON.search(line))


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs, each on one line: hard-wrapped lines joined with one space.

    Examples
    --------
    >>> paragraphs("# Title\\nA line that was\\nwrapped here.\\n\\n- a bullet\\n- another")
    ['Title', 'A line that was wrapped here.', 'a bullet', 'another']
    >>> paragraphs("Overview\\nChina bans the export of dual-use goods.\\nWhy it matters")
    ['Overview', 'China bans the export of dual-use goods.', 'Why it matters']
    """
    lines = [line.rstrip() for line in text.splitlines()]
    kinds = [_kind(line) for line in lines]
    width = _width(lines, [k for k, _ in kinds])
    out: list[str] = []
    current: list[str] = []
    previous: str | None = None  # the paragraph's last line so far, None before its first
    quoting = False  # whether that paragraph is a block quote

    def close() -> None:
        if current:
            out.append(" ".join(current))
            current.clear()

    for line, (kind, words) in zip(lines, kinds, strict=True):
        if kind == "quote" and quoting and previous is not None:
            kind = "text"  # a block quote's next line goes on with it
        if not words or kind in ("heading", "row", "rule"):
            close()
            if words:
                out.append(words)
            previous, quoting = None, False
            continue
        if kind != "text" or previous is None or not _wrapped(previous, words, width):
            close()
            quoting = kind == "quote"
        if current and previous is not None and HYPHEN_BREAK.search(f"{previous}\n{line}"):
            current[-1] += words  # "rare-" and "earth": one word, as HYPHEN_BREAK reads it
        else:
            current.append(words)
        previous = line
    close()
    return out


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, each as written.

    Examples
    --------
    >>> sentences("Gen. Smith met U.S. officials on Jan. 5. They agreed. “Fine,” he said.")
    ['Gen. Smith met U.S. officials on Jan. 5.', 'They agreed.', '“Fine,” he said.']
    """
    out = []
    start = 0
    for stop in _STOP.finditer(paragraph):
        after = paragraph[stop.end() : stop.end() + 1]
        if not (after.isupper() or after.isdigit() or after in _OPENERS):
            continue
        if stop.group(1) == "." and _abbreviation(paragraph[start : stop.start(1)]):
            continue
        out.append(paragraph[start : stop.end()].strip())
        start = stop.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def _abbreviation(before: str) -> bool:
    """Whether the full stop after ``before`` (a sentence so far) ends an abbreviation, an initial or
    an item's number, not the sentence."""
    words = before.split()
    if not words:
        return False
    word = words[-1]
    if len(words) == 1 and word.isdigit() and len(word) <= 3:
        return True  # an item's number: "1. BLUF"
    return word in _ABBREVIATIONS or (
        _INITIALS.fullmatch(word) is not None and ("." in word or len(word.lstrip(_OPENERS)) == 1)
    )


def passages(text: str) -> list[str]:
    """A text's sentences, paragraph by paragraph, as quotable passages.

    Examples
    --------
    >>> passages("One point. Another\\nwrapped one!\\n\\n- A bullet")
    ['One point.', 'Another wrapped one!', 'A bullet']
    """
    return [s for p in paragraphs(text) for s in sentences(p)]


def title(text: str, limit: int = TITLE_LENGTH) -> str | None:
    """A text's title: its first Markdown ``#`` heading; else its first line when that is a heading
    (at most ``limit`` characters, not ending in a full stop, and followed by a blank line; or
    underlined); else its first
    sentence, its full stop left off, cut at a word with an ellipsis to at most ``limit``
    characters. None for a text without words.

    Examples
    --------
    >>> title("Report\\n\\nBody."), title("Divers planted it.\\n\\nBody.")
    ('Report', 'Divers planted it')
    >>> title("Divers planted the explosives during\\na NATO exercise. Then they left.")
    'Divers planted the explosives during a NATO exercise'
    >>> title("Divers planted the explosives during a NATO exercise.", limit=30)
    'Divers planted the explosives…'
    """
    lines = text.splitlines()
    for line in lines:
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) == 1 and _kind(line)[1]:
            return _cut(_kind(line)[1], limit)
    filled = [k for k, line in enumerate(lines) if line.strip()]
    if not filled:
        return None
    first = filled[0]
    kind, words = _kind(lines[first])
    following = lines[first + 1] if first + 1 < len(lines) else ""
    if words and (
        kind == "heading"
        or (kind in ("text", "start") and _RULE.match(following) and following.strip()[0] in "=-")
        or (len(words) <= limit and not following.strip() and not words.endswith("."))
    ):
        return _cut(words, limit)
    found = passages(text)
    if not found:
        return None
    sentence = found[0]
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    return _cut(sentence, limit)


def _cut(words: str, limit: int) -> str:
    """``words`` cut at a word to at most ``limit`` characters, an ellipsis marking the cut."""
    if len(words) <= limit:
        return words
    kept = words[: limit - 1]
    if not words[limit - 1].isspace() and " " in kept:
        kept = kept.rsplit(None, 1)[0]
    return kept.rstrip(" ,;:\u2014\u2013-") + "\u2026"
