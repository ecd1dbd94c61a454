"""The scales of the workbook, in one place.

Rating codes and their scores (Heuer 1999, ch. 8; PARC ACH 2.0), the
credibility and relevance weights of PARC's weighted inconsistency score, the
Admiralty source-reliability grades (NATO; US FM 2-22.3, appendix B), evidence
types and the colours of the matrix. Everything else in ``sat`` reads these
tables; nothing else defines a scale.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, CIA Center for the
   Study of Intelligence, 1999, chapter 8.
.. [2] Palo Alto Research Center, *ACH 2.0* and its technical description
   (secondary copies).
.. [3] US Army, *FM 2-22.3*, appendix B (source and information reliability).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

#: Rating codes, most consistent first. ``NA``: the item does not bear on the hypothesis.
RATING_CODES: tuple[str, ...] = ("CC", "C", "N", "I", "II", "NA")

#: The five codes a one-step change moves between, in order (``NA`` is not on the ladder).
RATING_LADDER: tuple[str, ...] = ("CC", "C", "N", "I", "II")

#: What each code means, for help texts and legends.
RATING_MEANING = MappingProxyType(
    {
        "CC": "very consistent",
        "C": "consistent",
        "N": "neutral",
        "I": "inconsistent",
        "II": "very inconsistent",
        "NA": "not applicable",
    }
)

#: Other spellings accepted on input: Heuer's symbols and PARC's spaced codes.
RATING_ALIASES = MappingProxyType(
    {"++": "CC", "+": "C", "0": "N", "-": "I", "--": "II", "C C": "CC", "I I": "II", "N/A": "NA"}
)

#: Heuer's inconsistency points (lower is better).
INCONSISTENCY_POINTS = MappingProxyType({"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2, "NA": 0})

#: PARC's per-item values for the weighted inconsistency score.
WEIGHTED_VALUE = MappingProxyType({"CC": 0, "C": 0, "N": 0, "I": -1, "II": -2, "NA": 0})

#: Consistency points, used only to break ties.
CONSISTENCY_POINTS = MappingProxyType({"CC": 2, "C": 1, "N": 0, "I": 0, "II": 0, "NA": 0})

#: Position on the consistency scale, used for diagnosticity (NA counts as neutral).
SCALE_VALUE = MappingProxyType({"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2, "NA": 0})

#: Credibility and relevance levels, lowest first.
LEVELS: tuple[str, ...] = ("L", "M", "H")
LEVEL_MEANING = MappingProxyType({"L": "low", "M": "medium", "H": "high"})
LEVEL_ALIASES = MappingProxyType({"LOW": "L", "MEDIUM": "M", "MED": "M", "HIGH": "H"})


def _any_case(word: str) -> str:
    """A regular expression matching ``word`` in any letter case (a JSON Schema pattern too)."""
    return "".join(
        f"[{c.upper()}{c.lower()}]" if c.isalpha() else c if c.isdigit() or c == "-" else "\\" + c
        for c in word
    )


def _spelled(text: str) -> str:
    """The form two spellings of one word share: letter case, ``_`` and runs of spaces aside."""
    return " ".join(text.replace("_", " ").split()).casefold()


class Canonical:
    """Reads a value of an enumerated field written in any letter case and spacing as the scale
    writes it; a value that is none of them is returned as given, for validation to refuse with
    the allowed values.

    No scale of the case file tells two values apart by letter case alone (the Admiralty grades
    are ``A``-``F``, the rating codes ``CC`` ... ``NA``, the levels ``H M L``), so ``humint``,
    ``HUMINT`` and ``Humint`` are one evidence type, and ``Most_Likely`` is the scenario kind
    ``most likely``.

    Parameters
    ----------
    allowed : iterable of str
        The values as the scale writes them.
    aliases : mapping, optional
        Other words for them (alias -> allowed value), read the same way.

    Examples
    --------
    >>> kind = Canonical(EVIDENCE_TYPES)
    >>> kind("HUMINT"), kind(" Official_Statement "), kind("rumour"), kind(None)
    ('humint', 'official statement', 'rumour', None)
    >>> Canonical(ASSUMPTION_RATINGS, ASSUMPTION_RATING_ALIASES)("Basically  Solid")
    'solid'
    """

    __slots__ = ("_lookup", "aliases", "allowed")

    def __init__(self, allowed: Iterable[str], aliases: Mapping[str, str] | None = None):
        self.allowed: tuple[str, ...] = tuple(allowed)
        self.aliases = MappingProxyType(dict(aliases or {}))
        self._lookup = {_spelled(a): c for a, c in self.aliases.items()}
        self._lookup.update({_spelled(a): a for a in self.allowed})

    def __call__(self, value: object) -> object:
        if isinstance(value, str):
            return self._lookup.get(_spelled(value), value)
        return value

    def __repr__(self) -> str:
        return f"Canonical({self.allowed!r})"

    @property
    def pattern(self) -> str:
        """Every spelling it accepts, as a JSON Schema pattern (for editors checking a case file).

        Examples
        --------
        >>> import re
        >>> rule = re.compile(Canonical(["most likely", "best"]).pattern)
        >>> [bool(rule.match(v)) for v in ["Most_Likely", " BEST ", "most"]]
        [True, True, False]
        """
        # longest first, so that a word is not matched by its beginning; a stable order
        words = sorted(dict.fromkeys([*self.allowed, *self.aliases]), key=len, reverse=True)
        alternatives = (
            "[\\s_]+".join(_any_case(part) for part in word.replace("_", " ").split())
            for word in words
        )
        return r"^\s*(" + "|".join(alternatives) + r")\s*$"

    def keys(self, mapping: object) -> object:
        """A mapping with its keys read as the scale writes them (anything else as given).

        Raises
        ------
        ValueError
            When two keys are spellings of one value.

        Examples
        --------
        >>> Canonical(RATING_LADDER).keys({"cc": 0.9, "ii": 0.1})
        {'CC': 0.9, 'II': 0.1}
        """
        if not isinstance(mapping, Mapping):
            return mapping
        out: dict[object, object] = {}
        given: dict[object, object] = {}
        for key, value in mapping.items():
            name = self(key)
            if name in out:
                raise ValueError(
                    f"{given[name]!r} and {key!r} are the same key ({name}): give it once"
                )
            out[name], given[name] = value, key
        return out


#: Every spelling ``parse_level`` accepts, as a JSON Schema pattern (any letter case,
#: surrounding spaces, blank for M): the loader and the schema share this one source.
LEVEL_PATTERN = (
    r"^\s*("
    + "|".join(_any_case(w) for w in sorted([*LEVELS, *LEVEL_ALIASES], key=len, reverse=True))
    + r")?\s*$"
)

#: PARC ACH 2.0 weights: Low = 1/sqrt(2), Medium = 1, High = sqrt(2).
LEVEL_WEIGHT = MappingProxyType({"L": 1 / math.sqrt(2), "M": 1.0, "H": math.sqrt(2)})

#: Admiralty (NATO) source reliability grades.
RELIABILITY = MappingProxyType(
    {
        "A": "completely reliable",
        "B": "usually reliable",
        "C": "fairly reliable",
        "D": "not usually reliable",
        "E": "unreliable",
        "F": "reliability cannot be judged",
    }
)

#: Admiralty (NATO) information credibility grades (for later techniques and notes).
INFORMATION_CREDIBILITY = MappingProxyType(
    {
        1: "confirmed by other independent sources",
        2: "probably true",
        3: "possibly true",
        4: "doubtful",
        5: "improbable",
        6: "truth cannot be judged",
    }
)

#: Kinds of evidence. Heuer's step 2 counts assumptions and absent evidence as evidence.
EVIDENCE_TYPES = MappingProxyType(
    {
        "report": "reporting of events (press, agency or field report)",
        "official statement": "what a government or organisation says on the record",
        "expert comment": "the view of a named analyst or specialist",
        "data": "figures, trade or market data",
        "document": "a primary document (law, notice, filing)",
        "imagery": "imagery or other sensor data (IMINT)",
        "humint": "human-source reporting (HUMINT)",
        "sigint": "signals intelligence (SIGINT)",
        "masint": "measurement and signature intelligence (MASINT)",
        "assumption": "a premise the analysis rests on, not an observation",
        "absence of evidence": "something expected under a hypothesis that has not been seen",
        "other": "anything else",
    }
)

#: Key Assumptions Check ratings (Heuer and Pherson), most secure first.
ASSUMPTION_RATINGS = MappingProxyType(
    {
        "solid": "basically solid",
        "caveats": "correct with caveats",
        "unsupported": "unsupported (key uncertainty)",
    }
)
ASSUMPTION_RATING_ALIASES = MappingProxyType(
    {
        "basically solid": "solid",
        "correct with caveats": "caveats",
        "correct with some caveats": "caveats",
        "caveated": "caveats",
        "unsupported or questionable": "unsupported",
        "questionable": "unsupported",
        "key uncertainty": "unsupported",
    }
)

#: Heuer's checklist for the analyst (Psychology of Intelligence Analysis, chs. 10-14 and the
#: Tradecraft Primer), as questions the case file answers by id.
CHECKLIST = MappingProxyType(
    {
        "change_mind": "What would make you change your mind?",
        "other_assumptions": "Would different assumptions give a different reading of the evidence?",
        "mirror_imaging": "Are you assuming the other side reasons as you do?",
        "other_causes": "Have bargaining, bureaucratic routine and accident been weighed, not only deliberate strategy?",
        "deception": "Is a deception hypothesis kept alive, even without evidence for it?",
        "surprise": "What surprised you, and what does the surprise tell you?",
        "base_rates": "What are the base rates, and are they used?",
        "numbers": "Are numbers put beside the verbal probabilities?",
        "absence": "What evidence would you expect to see that has not appeared?",
    }
)

#: Deception-check questions (Heuer and Pherson; secondary copies), by framework.question.
DECEPTION_QUESTIONS = MappingProxyType(
    {
        "mom.motive": ("actor", "Motive: does it gain from deceiving us?"),
        "mom.channels": ("actor", "Opportunity: what channels can it use to feed us information?"),
        "mom.risk": ("actor", "Means: how little does it risk if found out? (little risk: H)"),
        "mom.cost": (
            "actor",
            "Means: could it be believed without giving up real secrets? (yes: H)",
        ),
        "mom.feedback": ("actor", "Opportunity: can it see how we react?"),
        "pop.history": ("actor", "Past practice: has it deceived before?"),
        "pop.pattern": ("actor", "Past practice: does this case fit that pattern?"),
        "pop.change": (
            "actor",
            "Past practice: has something changed to make deception attractive now?",
        ),
        "moses.controlled": ("source", "Could the source be controlled or fed?"),
        "moses.basis": ("source", "How weak is the basis for judging it reliable? (weak: H)"),
        "moses.access": ("source", "How indirect is its access? (indirect: H)"),
        "moses.record": ("source", "How poor or unknown is its track record? (poor or unknown: H)"),
        "eve.accuracy": (
            "both",
            "How unchecked is the reporting chain, translation included? (unchecked: H)",
        ),
        "eve.critical": ("both", "How far is the critical evidence from checking out? (far: H)"),
        "eve.conflict": ("both", "Do sources conflict?"),
        "eve.corroboration": ("both", "How little corroboration is there? (little: H)"),
        "eve.missing": ("both", "Is expected evidence missing?"),
    }
)


def deception_questions(kind: str) -> tuple[str, ...]:
    """The question ids that apply to an ``actor`` or a ``source``.

    Examples
    --------
    >>> deception_questions("source")[:2]
    ('moses.controlled', 'moses.basis')
    """
    return tuple(q for q, (applies, _) in DECEPTION_QUESTIONS.items() if applies in (kind, "both"))


#: Kinds of actor in network influence mapping.
ACTOR_KINDS = MappingProxyType(
    {
        "person": "an individual",
        "government body": "a ministry, agency, force or office",
        "state": "a state or government as a whole",
        "company": "a company or corporation",
        "international organisation": "an international or regional organisation",
        "media": "a news outlet or publisher",
        "other": "anything else",
    }
)

#: Relation types: (usual sign, usually directed, carries influence from source to target).
#: Only cooperative and hostile ties decide camps; a meeting is contact, not alignment (give
#: ``sign: cooperative`` to a relation that is both).
RELATION_TYPES = MappingProxyType(
    {
        "commands": ("cooperative", True, True),
        "member of": ("cooperative", True, False),
        "regulates": ("neutral", True, True),
        "supplies": ("cooperative", True, True),
        "sanctions": ("hostile", True, True),
        "allied with": ("cooperative", False, True),
        "meets": ("neutral", False, True),
        "opposes": ("hostile", True, True),
        "influences": ("neutral", True, True),
        "reports on": ("neutral", True, False),
        "other": ("neutral", True, True),
    }
)

#: Relation signs: a relation's ``sign`` overrides its type's usual one.
RELATION_SIGNS: tuple[str, ...] = ("cooperative", "hostile", "neutral")

#: The backgrounds a quantity's information is measured against (Cooke 1991): ``uniform`` on the
#: values, or ``log``, uniform on their logarithms, for a quantity spanning orders of magnitude.
QUANTITY_SCALES: tuple[str, ...] = ("uniform", "log")

#: The largest size of a quantity's value, an answer or a true value: beyond it the classical
#: model's background range (the answers' span, widened by a tenth each side) would not fit a
#: float, and Excalibur's files could not hold it.
QUANTITY_LIMIT = 1e300

#: Indicator statuses and directions.
INDICATOR_STATUSES: tuple[str, ...] = ("not observed", "observed", "contradicted")
INDICATOR_DIRECTIONS: tuple[str, ...] = ("supports", "undermines")

#: Kinds of hypothesis: substantive; null (no design: routine, accident, coincidence); deception
#: (what we see is staged for us); residual (something else, none of those listed).
HYPOTHESIS_KINDS: tuple[str, ...] = ("substantive", "null", "deception", "residual")

#: Kinds of scenario.
SCENARIO_KINDS: tuple[str, ...] = ("best", "worst", "most likely", "alternative")

#: What a deception check is answered for.
DECEPTION_SUBJECTS: tuple[str, ...] = ("actor", "source")

#: Answers to the Key Assumptions Check's "was it true before but less so now?".
YES_NO_UNCLEAR: tuple[str, ...] = ("yes", "no", "unclear")

#: Confidence levels, lowest first, as a previous assessment states them and sat review reads them
#: (the three levels are community convention; ICD 203 asks for confidence but names no levels).
CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "moderate", "high")

#: Matrix colours in the manner of PARC ACH: greens consistent, reds inconsistent.
RATING_COLOURS = MappingProxyType(
    {
        "CC": ("#1a7f37", "#ffffff"),
        "C": ("#aee9b8", "#0b3d17"),
        "N": ("#f6f8fa", "#24292f"),
        "I": ("#ffc1bd", "#5c0a05"),
        "II": ("#cf222e", "#ffffff"),
        "NA": ("#d0d7de", "#57606a"),
        "P": ("#ddf4ff", "#0a3069"),
        "unrated": ("#ffffff", "#8c959f"),
    }
)

_EXACT_RATINGS = {
    **{c: c for c in RATING_CODES},
    **{c.lower(): c for c in RATING_CODES},
    **{a: c for a, c in RATING_ALIASES.items() if a == " ".join(a.split())},
}
_NUMBER = re.compile(r"^[+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
#: What a probability written as text may look like (JSON Schema), besides a number in [0, 1].
PERCENT_PATTERN = r"^\s*[+]?(\d+(\.\d*)?|\.\d+)\s*%\s*$"
_PERCENT = re.compile(PERCENT_PATTERN)


def percent(value: object) -> object:
    """Read a percentage such as ``"60%"`` as the probability 0.6; leave anything else as it is.

    Every probability ``sat`` reads (priors, event probabilities, matrix cells,
    ``sat wep``) accepts both spellings, so 0.6 and 60% mean the same everywhere.

    Examples
    --------
    >>> percent("60%"), percent(" 2.5 % "), percent(0.6), percent("high")
    (0.6, 0.025, 0.6, 'high')
    """
    if isinstance(value, str) and _PERCENT.match(value):
        return float(value.strip().rstrip("%")) / 100
    return value


def parse_probability(value: object) -> float:
    """A probability in [0, 1], written as a number (``0.62``) or a percentage (``62%``).

    Raises
    ------
    ValueError
        When the value is neither, or lies outside [0, 1].

    Examples
    --------
    >>> parse_probability("62%"), parse_probability("0.62"), parse_probability(1)
    (0.62, 0.62, 1.0)
    """
    given = percent(value)
    if isinstance(given, str) and _NUMBER.match(given.strip()):
        given = float(given)
    if (
        isinstance(given, int | float)
        and not isinstance(given, bool)
        and math.isfinite(given)
        and 0.0 <= given <= 1.0
    ):
        return float(given)
    raise ValueError(
        f"{value!r} is not a probability (a number from 0 to 1, or a percentage such as 62%)"
    )


def parse_rating(value: object) -> str | float:
    """Read one matrix cell: a rating code or a probability P(evidence | hypothesis).

    Codes are case-insensitive; Heuer's symbols ``++ + 0 - --`` and PARC's spaced
    ``C C`` and ``I I`` are accepted; a blank cell is ``NA``. Any other number in
    [0, 1] is a probability (write ``0.0`` for a zero probability: ``0`` alone is
    Heuer's neutral symbol).

    Raises
    ------
    ValueError
        With the allowed values, when the cell is none of these.

    Examples
    --------
    >>> parse_rating("ii"), parse_rating("--"), parse_rating(""), parse_rating("0.35")
    ('II', 'II', 'NA', 0.35)
    >>> parse_rating(0), parse_rating(1)
    ('N', 1.0)
    """
    if type(value) is str and value in _EXACT_RATINGS:  # the common case, one lookup
        return _EXACT_RATINGS[value]
    if value is None:
        return "NA"
    if isinstance(value, bool):
        raise ValueError(_rating_help(value))
    if isinstance(value, int | float):
        if value == 0 and isinstance(value, int):
            return "N"
        if math.isfinite(value) and 0.0 <= value <= 1.0:
            return float(value)
        raise ValueError(_rating_help(value))
    if not isinstance(value, str):
        raise ValueError(_rating_help(value))
    text = " ".join(value.split())
    upper = text.upper()
    if upper in RATING_CODES:
        return upper
    if text in RATING_ALIASES:
        return RATING_ALIASES[text]
    if upper in RATING_ALIASES:
        return RATING_ALIASES[upper]
    if text == "":
        return "NA"
    if _NUMBER.match(text):
        return parse_rating(float(text))
    if _PERCENT.match(text):
        return parse_rating(percent(text))
    raise ValueError(_rating_help(value))


def _rating_help(value: object) -> str:
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "...'"
    return (
        f"{shown} is not a rating (allowed: {', '.join(RATING_CODES)}, "
        "or ++ + 0 - --, or a probability between 0 and 1 such as 0.7 or 70%)"
    )


def parse_level(value: object) -> str:
    """Read a credibility or relevance level: ``H``, ``M`` or ``L`` (or the words).

    A blank value is ``M``, the default of the matrix format.

    Examples
    --------
    >>> parse_level("high"), parse_level(" l "), parse_level(None)
    ('H', 'L', 'M')
    """
    if value is None:
        return "M"
    if isinstance(value, str):
        text = value.strip().upper()
        if text == "":
            return "M"
        if text in LEVELS:
            return text
        if text in LEVEL_ALIASES:
            return LEVEL_ALIASES[text]
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "...'"
    raise ValueError(f"{shown} is not a level (allowed: H, M, L, or high, medium, low)")
