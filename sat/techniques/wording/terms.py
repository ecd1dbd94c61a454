"""The words the reader knows: estimative terms with their bands and sources, confidence words,
certainty markers and hedges.

Every band comes from ``sat.language`` (ICD 203's table and the UK yardstick), so
the reader and the writer share one table. Where a form is in neither table,
``Term.source`` says which convention it follows and why.

Conventions
-----------
* **The ends of the scale.** ICD 203's scale stops at 1% and 99%, and
  ``sat.language.words`` keeps the end terms beyond them (it prints 0–1% and
  99–100%): so the reader reads *almost no chance* and *remote* as 0–5% and
  *almost certain* and *nearly certain* as 95–100%.
* **A word in both tables** (*unlikely*, *likely*, *almost certain*) is read
  with the wider of its two bands, which is ICD 203's in every case (the UK
  yardstick's band lies inside it): a word is then called stronger or weaker
  than the analysis only when neither table allows it.
* **Intensified forms** not in either table: *extremely likely* and *extremely
  unlikely* are read as ICD 203's *very likely* (80–95%) and *very unlikely*
  (5–20%), the wider of the two tables' bands one step from the middle (the UK
  yardstick's *highly likely* is 80–90%, *highly unlikely* 10–20%): "extremely"
  says more than "likely" and less than "almost certain". *a near certainty*
  and *a virtual certainty* are *almost certain* (95–100%).
* **"probably"** is the UK yardstick's word (55–75%) and the adverb of ICD 203's
  *probable* (55–80%): the wider, 55–80%. *almost certainly* is ICD 203's own
  ("almost certain(ly)").

References
----------
.. [1] Office of the Director of National Intelligence, *Intelligence Community
   Directive 203: Analytic Standards*, 2015, D.6.e(2).
.. [2] UK Defence Intelligence, probability yardstick (secondary copies).
.. [3] S. Kent, "Words of Estimative Probability", *Studies in Intelligence* 8(4),
   1964 (the synonyms grouped with each of his estimates).
"""

from __future__ import annotations

from dataclasses import dataclass

from sat.language import ICD203, UK_YARDSTICK
from sat.scales import CONFIDENCE_LEVELS  # one home: the case file's scale

__all__ = [
    "CONFIDENCE_LEVELS",
    "TERMS",
    "Term",
    "mirror",
    "negate",
    "side_of",
]


_ICD = "ICD 203"
_UK = "UK yardstick"


def side_of(band: tuple[float, float]) -> str:
    """Which way a band leans: ``likely`` above one half, ``unlikely`` below, else ``even``.

    Examples
    --------
    >>> side_of((0.55, 0.8)), side_of((0.2, 0.45)), side_of((0.4, 0.5))
    ('likely', 'unlikely', 'even')
    """
    low, high = band
    if low > 0.5:
        return "likely"
    if high < 0.5:
        return "unlikely"
    return "even"


@dataclass(frozen=True)
class Term:
    """An estimative term: the ``forms`` it is written in, its ``band`` and where that comes from.

    ``side`` is the way the term leans (``side_of`` its band unless given: a bound such as
    *more likely than not* leans the way it bounds); ``negatable`` is False for a term that
    carries its own negation.
    """

    words: str
    forms: tuple[str, ...]
    band: tuple[float, float]
    source: str
    side: str = ""
    negatable: bool = True

    def __post_init__(self) -> None:
        if not self.side:
            object.__setattr__(self, "side", side_of(self.band))


def _percent(band: tuple[float, float]) -> str:
    return f"{band[0] * 100:.0f}–{band[1] * 100:.0f}%"


def _icd_band(i: int) -> tuple[float, float]:
    """ICD 203's band ``i``, its end bands stretched to 0 and 1 (the module's convention)."""
    _, _, low, high = ICD203[i]
    return (0.0 if i == 0 else low, 1.0 if i == len(ICD203) - 1 else high)


def _tables() -> dict[str, Term]:
    """The terms both tables print, each word once: ICD 203's likelihood and probability columns
    and the UK yardstick's terms, a word in both read with the wider band."""
    found: dict[str, Term] = {}

    def add(words: str, band: tuple[float, float], source: str, *forms: str) -> None:
        if words in found:  # in both tables: the wider band, both sources
            old = found[words]
            band = (min(old.band[0], band[0]), max(old.band[1], band[1]))
            source = f"{old.source}; {source}: the wider"
            forms = tuple(dict.fromkeys((*old.forms, *forms)))
        found[words] = Term(words, forms or (words,), band, source)

    for i, (likelihood, probability, low, high) in enumerate(ICD203):
        band = _icd_band(i)
        said = _percent((low, high))
        if band != (low, high):
            said += f", read as {_percent(band)} at the end of the scale"
        extra = ("almost certainly",) if likelihood == "almost certain" else ()
        add(likelihood, band, f"{_ICD} likelihood term ({said})", likelihood, *extra)
        add(probability, band, f"{_ICD} probability term ({said})", probability)
    for term, low, high in UK_YARDSTICK:
        for words in term.split(" or "):  # "likely or probably"
            add(words, (low, high), f"{_UK} term ({_percent((low, high))})", words)
    probable = found.pop("probable")
    probably = found.pop("probably")
    found["probable"] = Term(
        "probable",
        ("probable", "probably"),
        (min(probable.band[0], probably.band[0]), max(probable.band[1], probably.band[1])),
        f"{probable.source}; 'probably': {probably.source}: the wider",
    )
    even = found["roughly even chance"]
    found[even.words] = Term(
        even.words, (*even.forms, "roughly even chances"), even.band, even.source
    )
    return found


_TABLE = _tables()


def _like(words: str, *forms: str, why: str) -> Term:
    """A form in neither table, read as the table's ``words`` (``why`` says why)."""
    term = _TABLE[words]
    return Term(forms[0], forms, term.band, f"convention: read as '{words}' ({why})")


_VERY = (
    "ICD 203 writes 'very' in its likelihood column where its probability column writes 'highly'"
)
_EVEN = "ICD 203's even band, the narrowest, without 'roughly'"

#: Forms in neither table and the conventions they are read by.
_CONVENTIONS: tuple[Term, ...] = (
    _like("highly probable", "very probable", "very probably", why=_VERY),
    _like("highly improbable", "very improbable", why=_VERY),
    _like("nearly certain", "nearly certainly", why="the adverb of ICD 203's term"),
    _like(
        "almost certain",
        "virtually certain",
        "virtually certainly",
        why="Kent (1964) groups it with 'almost certain'",
    ),
    _like(
        "very likely",
        "extremely likely",
        why="an intensifier above 'likely' and short of 'almost certain': ICD 203's 'very', the "
        "wider of its band (80–95%) and the UK yardstick's 'highly likely' (80–90%)",
    ),
    _like(
        "very unlikely",
        "extremely unlikely",
        why="an intensifier below 'unlikely' and short of 'almost no chance': ICD 203's 'very', "
        "the wider of its band (5–20%) and the UK yardstick's 'highly unlikely' (10–20%)",
    ),
    _like(
        "highly probable", "extremely probable", why="as 'extremely likely', in ICD 203's column"
    ),
    _like(
        "highly improbable",
        "extremely improbable",
        why="as 'extremely unlikely', in ICD 203's column",
    ),
    _like(
        "almost certain",
        "near certainty",
        "near-certainty",
        "virtual certainty",
        why="the nouns of 'nearly certain' and 'virtually certain'",
    ),
    _like(
        "remote chance",
        "remote possibility",
        "remote prospect",
        why="ICD 203's 'remote' and the UK yardstick's 'remote chance'",
    ),
    _like(
        "roughly even chance",
        "even chance",
        "even chances",
        "even odds",
        "fifty-fifty",
        "50-50",
        "50/50",
        "toss-up",
        "as likely as not",
        "about as likely as not",
        why=_EVEN,
    ),
    Term(
        "more likely than not",
        ("more likely than not", "better than even", "better than evens"),
        (0.5, 1.0),
        "convention: the literal meaning, a probability above one half (a bound leans the way "
        "it bounds)",
        side="likely",
    ),
    Term(
        "less likely than not",
        ("less likely than not", "less than even"),
        (0.0, 0.5),
        "convention: the literal meaning, a probability below one half",
        side="unlikely",
    ),
    Term(
        "ruled out",
        ("ruled out", "rule out", "rules out", "ruling out", "be ruled out"),
        (0.0, 0.01),
        "convention: below ICD 203's scale (under 1%, printed 0–1% by sat.language); "
        "'cannot rule out' is its negation, at least 1%",
        side="unlikely",
    ),
)

#: Every estimative term the reader knows, by its words.
TERMS: dict[str, Term] = {**_TABLE, **{t.words: t for t in _CONVENTIONS}}


def negate(band: tuple[float, float], side: str) -> tuple[tuple[float, float], str]:
    """The band of a denied term ("not likely", "is not almost certain", "not unlikely").

    Denying a term says the probability lies on the near side of its band, towards
    and past even: English does not say "not likely" for *very likely*. So "not"
    with a term that leans up (or an even one: "no realistic possibility") is an
    upper bound at the band's lower end, leaning down; with a term that leans down
    it is a lower bound at the band's upper end, leaning up.

    Examples
    --------
    >>> negate((0.55, 0.8), "likely")
    ((0.0, 0.55), 'unlikely')
    >>> negate((0.2, 0.45), "unlikely")
    ((0.45, 1.0), 'likely')
    >>> negate((0.95, 1.0), "likely")
    ((0.0, 0.95), 'unlikely')
    """
    low, high = band
    if side == "unlikely":
        return (high, 1.0), "likely"
    return (0.0, low), "unlikely"


def mirror(band: tuple[float, float], side: str) -> tuple[tuple[float, float], str]:
    """The band of a term said of the event's negation ("probably not", "unlikely not to",
    "almost certainly not"): P(not X) in the band puts P(X) in the band mirrored about one half.

    Examples
    --------
    >>> mirror((0.55, 0.8), "likely")
    ((0.2, 0.45), 'unlikely')
    >>> mirror((0.2, 0.45), "unlikely")
    ((0.55, 0.8), 'likely')
    """
    low, high = band
    flipped = {"likely": "unlikely", "unlikely": "likely"}.get(side, side)
    return (round(1.0 - high, 12), round(1.0 - low, 12)), flipped
