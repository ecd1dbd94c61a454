"""Reading an analyst's sentences: estimative, confidence, ranking and unhedged certainty
expressions, each with its character span and what it claims.

The rules (each documented where it is applied):

* **Estimative terms** (``terms.TERMS``): the words of both ICD 203 columns, the
  UK yardstick and the common forms, longest first, so *very likely* is one
  expression and not *likely* inside it. *remote* alone is read only as a
  predicate ("the chance is remote", "remote.") or before *chance*,
  *possibility* or *prospect*: "a remote region" is no estimate. "T1 to T2"
  (``sat.language.span``'s "unlikely to roughly even chance") is one expression
  spanning both bands.
* **Negation** directly before a term (*not*, *n't*, *never*, *hardly*, *no*,
  *cannot*, *do not*, with at most one of *a*, *the*, *at all*, *particularly*,
  *that*, *so*, *even*, *yet* between): ``terms.negate``, so "not likely" is at
  most 55% and leans down, "is not almost certain" at most 95%, "not unlikely" at
  least 45%, and "cannot rule out" at least 1%.
* **A negating frame** earlier in the term's clause (the clause begins after
  ``, ; : ( —`` or *but*, *and*, *while*, *whereas*, *although*, *though*,
  *because*, *since*), with no other estimative expression between: *do / does
  / did not* (or *n't*) + *judge*, *think*, *assess*, *believe*, *expect*,
  *consider*, *regard*, *see*, *find*, *deem*, *view*, *estimate*; *we / I /
  they / analysts doubt (that)*, *doubtful*; *no longer*; *neither*, *nor*.
  The term is denied (``terms.negate``): "We do not judge it likely that…" and
  "We doubt that H1 is likely" are "not likely", "We do not think H1 is
  unlikely" is "not unlikely"; "most likely" is denied. ("There is no doubt
  that" is no frame: it names no one who doubts.)
* **A clause saying the opposite** straight after the term or figure ("that
  H1 is wrong / false / incorrect / mistaken / untrue / not true / not the
  case", "that H1 did not happen / occur / hold"): the words are said of the
  hypothesis's negation, ``terms.mirror`` ("a 10% chance that H1 is wrong" is
  90%, "unlikely that H1 did not happen" 55–80%).
* **Unresolved** (no band, so ``check`` reports ``unchecked``, never stronger
  or weaker): a figure directly denied ("not a 90% chance") or under a frame
  ("we do not think there is a 90% chance"); two negations at once (a frame,
  a negation before or after the term, an opposite clause: "we do not think it
  is not likely"); and a ``that`` clause after the term holding any other
  negation ("likely that China will not lift the controls"), which may be the
  hypothesis's own words or its opposite.
* **Inversion**: a term followed by *not* (but not *not only*), *to not*, or a
  negated auxiliary ("probably will not", "likely won't", "unlikely not to",
  "almost certainly not") is said of the event's negation: ``terms.mirror``.
  A negation both before and after ("not likely not to") is the mirror denied.
* **Numbers** (percentages, ranges, fractions) are read as probabilities only
  with a cue: ``numbers``.
* **Ranking**: *most likely*, *most probable*, *likeliest* (not *second most
  likely*, *least likely*) rank one hypothesis first; "not the most likely"
  denies it. Comparatives (*more likely*, *less probable*, *likelier*, and *as
  likely* only before *as* or *than* or after *just*, *equally*, *about*,
  *roughly*, *nearly*, *almost*) carry no band and hedge: "we assess H1 as
  likely" is the term *likely*.
* **Confidence**: "high / moderate / medium / low confidence" (*medium* read as
  moderate, *very high* as high, *very low* as low), "a high degree of
  confidence", "confidence ... is moderate", and "we are (highly, very, fairly,
  reasonably, moderately) confident" (unqualified or *highly*/*very*/*quite*:
  high; the others moderate), "Confidence: high". A range of levels
  ("low-to-moderate", "low to moderate", "moderate–high confidence") allows each
  level in it; *strong confidence* is high, *considerable confidence* moderate
  to high (more than moderate, short of saying high). Denied ("not high
  confidence", "we lack high confidence", "we are not confident"): the levels
  below (``Expression.levels``).
* **Certainty markers** (*will*, *won't*, *certainly*, *clearly*,
  *undoubtedly*, *definitely*, *inevitably*, *inevitable*, *impossible*,
  *proves*, *proved*, *proven*, predicative *certain*, *(there is) no doubt*,
  *without doubt*, *beyond doubt*, *sure to*, *it is clear*, *must have*,
  *surely*, *we are certain*, *we are sure*, *there is no question (that, about,
  of)*, *beyond question*, *bound to* (not before *the*, *a*, *its*, …: "bound
  to the treaty")) are returned only when unhedged:
  in a sentence with no estimative or ranking expression and no hedge (*may*,
  *might*, *could*, *possibly*, *perhaps*, *conceivably*, *potentially*,
  *plausibly*, *possible*, *appears to*, *seems to*, *suggests*, *not
  impossible*, a comparative). A marker directly denied ("not clearly", "not
  certain") is not one; nor is *will* as a noun ("the political will", "at
  will") or a name (*Will* inside a sentence); nor *May* the month.
* Straight and curly apostrophes are alike ("isn’t likely", "won’t").
* **Not read**: words inside double quotation marks (a source's words, not the
  analyst's judgement) and questions (a sentence ending in "?" asserts nothing).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from sat.techniques.wording.expression import Expression
from sat.techniques.wording.numbers import numbers
from sat.techniques.wording.sentences import sentences
from sat.techniques.wording.terms import (
    CONFIDENCE_LEVELS,
    TERMS,
    Term,
    mirror,
    negate,
    side_of,
)

__all__ = ["expressions"]

# --- patterns ------------------------------------------------------------------------------------


def _alternation(forms: Any) -> str:
    ordered = sorted(set(forms), key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


_FORMS: dict[str, Term] = {form: term for term in TERMS.values() for form in term.forms}
_NEG = (
    r"(?:\b(?:not|never|hardly|no|cannot|can\s+not|could\s+not|do\s+not|does\s+not|did\s+not)"
    r"|n['’]t)\s+(?:(?:a|an|the|at\s+all|particularly|especially|all\s+that|that|so|even|yet)\s+)?"
)
_AUX = r"will|would|does|do|did|is|are|was|were|can|could|should|has|have|had"
_MIRROR = (
    r"\s+(?:not|never)\b(?!\s+only\b)(?:\s+to\b)?|\s+to\s+not\b"
    rf"|\s+(?:{_AUX})\s+(?:not|never)\b(?!\s+only\b)|\s+(?:{_AUX}|ca|wo)n['’]t\b|\s+cannot\b"
)
_TERM = re.compile(
    rf"(?P<neg>{_NEG})?\b(?P<term>{_alternation(_FORMS)})\b"
    rf"(?:(?P<mirror>{_MIRROR})|\s+to\s+(?P<term2>{_alternation(_FORMS)})\b)?",
    re.IGNORECASE,
)
_COPULA = re.compile(
    r"\b(?:is|are|was|were|be|been|being|remains?|seems?|looks?|appears?|becomes?|became|stays?)"
    r"\s+(?:(?:now|still|very|extremely|increasingly|rather|quite|not)\s+)?$",
    re.IGNORECASE,
)
_RANKING = re.compile(
    rf"(?P<neg>{_NEG})?\b(?:most\s+(?:likely|probable|probably)|likeliest)\b", re.IGNORECASE
)
_NOT_FIRST = re.compile(r"\b(?:second|third|fourth|next)\s+$", re.IGNORECASE)
_HEDGE = re.compile(
    r"\b(?:might|possibly|perhaps|conceivably|potentially|plausibly|plausible|possible|may)\b"
    r"|\bcould\b(?!\s+not\b)|\b(?:appears?|seems?)\s+to\b|\bsuggests?\b|\bnot\s+impossible\b"
    r"|\b(?:more|less|equally|increasingly)\s+(?:likely|probable|unlikely)\b|\blikelier\b"
    r"|\b(?:(?:just|equally|about|roughly|nearly|almost)\s+)?as\s+(?:likely|probable|unlikely)"
    r"(?=\s+(?:as|than)\b)|\b(?:just|equally|about|roughly|nearly|almost)\s+as\s+"
    r"(?:likely|probable|unlikely)\b",
    re.IGNORECASE,
)
_CERTAIN = re.compile(
    r"\bwill\b(?!\s*power)|\bwon['’]t\b"
    r"|\b(?:certainly|clearly|undoubtedly|definitely|inevitably|inevitable|impossible|proves|proved"
    r"|proven)\b|\bcertain\b(?=\s+(?:that|to|of)\b|\s*[.,;:!?)]|\s*$)"
    r"|\b(?:there\s+is\s+|there['’]s\s+)?no\s+doubt\b|\bwithout\s+(?:a\s+|any\s+)?doubt\b"
    r"|\bbeyond\s+(?:any\s+|all\s+|reasonable\s+)?doubt\b|\bsure\s+to\b"
    r"|\bit\s+is\s+clear\b|\bit['’]s\s+clear\b|\bmust\s+have\b|\bsurely\b"
    r"|\b(?:we|i)(?:\s+are|\s+am|['’]re|['’]m)\s+(?:absolutely\s+|completely\s+|quite\s+)?"
    r"(?:certain|sure)\b|\b(?:there\s+is\s+|there['’]s\s+)?no\s+question(?=\s+(?:that|about|of)\b)"
    r"|\bbeyond\s+(?:any\s+|all\s+)?question\b"
    r"|\bbound\s+to\b(?!\s+(?:the|a|an|its|their|his|her|our|this|that|these|those)\b)",
    re.IGNORECASE,
)
_DENIED = re.compile(r"(?:\b(?:not|never|hardly)|n['’]t)\s+$", re.IGNORECASE)
#: Words before "will" that make it a noun ("the political will", "at will").
_NOUN_WILL = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|my|your|political|free|good|ill|popular|public|national"
    r"|own|whose|of|at|no|any|strong|collective|last|sovereign)\s+$",
    re.IGNORECASE,
)
_LEVEL = r"very\s+high|high|moderate|medium|very\s+low|low"
_LEVEL_WORD = rf"{_LEVEL}|considerable|strong"
_UPTO = rf"(?:\s*-\s*to\s*-\s*|\s*[-–]\s*|\s+(?:to|or)\s+)(?P<top>{_LEVEL})"
_CONFIDENCE = (
    re.compile(
        r"(?P<neg>(?:\b(?:not|without|no|lacks?|lacking|lacked)|n['’]t)\s+"
        r"(?:(?:have|hold|with|a|any)\s+)*)?"
        rf"\b(?P<lvl>{_LEVEL_WORD})(?:{_UPTO})?(?:\s*-\s*|\s+)(?:(?:level|degree)\s+of\s+)?"
        r"confidence\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\bconfidence\s*[:=]\s*(?P<lvl>{_LEVEL})(?:{_UPTO})?\b", re.IGNORECASE),
    re.compile(
        r"\bconfidence\s+(?:(?:in|about|on|that)\s+[^.;:]{0,80}?\s+)?"
        r"(?:is|was|are|remains|remained|stays)\s+(?P<neg>not\s+)?(?:only\s+|very\s+|still\s+)?"
        r"(?P<lvl>high|moderate|medium|low)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:we|i)(?:\s+are|\s+am|['’]re|['’]m|\s+remain|\s+feel)\s+(?P<neg>not\s+)?"
        r"(?P<adv>(?:highly|very|fairly|reasonably|moderately|quite|somewhat|only\s+moderately)\s+)?"
        r"confident\b",
        re.IGNORECASE,
    ),
)
#: A negating frame before a term in its clause ("we do not judge it likely", "we doubt that H1
#: is likely", "no longer likely", "neither likely nor ...").
_FRAME = re.compile(
    r"\b(?:(?:do|does|did)\s+not|(?:do|does|did)n['’]t)\s+(?:\w+ly\s+)?"
    r"(?:judge|think|assess|believe|expect|consider|regard|see|find|deem|view|estimate)\b"
    r"|\b(?:we|i|they|he|she|analysts?)\s+(?:\w+ly\s+)?doubt(?:s|ed)?\b|\bdoubtful\b"
    r"|\bno\s+longer\b|\bnot\s+any\s+longer\b|\bneither\b|\bnor\b",
    re.IGNORECASE,
)
#: Where a clause begins: punctuation, or a conjunction that starts another clause.
_CLAUSE = re.compile(
    r"[,;:()\u2014]|\s[-–]\s|\b(?:but|and|while|whereas|although|though|because|since)\b",
    re.IGNORECASE,
)
#: A clause after a term, "that ...", up to the clause's end.
_COMPLEMENT = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:that|whether)\b(?P<rest>[^,;:.!?]*)", re.IGNORECASE
)
#: A complement that plainly says the opposite of what it names ("that H1 is wrong", "that H1 did
#: not happen").
_OPPOSITE = re.compile(
    r"\b(?:is|are|was|were|be|proves?|proved|turns?\s+out)\s+(?:to\s+be\s+)?"
    r"(?:wrong|false|incorrect|mistaken|untrue|not\s+(?:true|correct|right|the\s+case|so))\b"
    r"|(?:\b(?:did|does|do|will|would|has|have|had)\s+not|\b(?:didn|doesn|don|won|hasn|haven|hadn)"
    r"['’]t)\s+(?:happen|happened|occur|occurred|hold|held|take\s+place|taken\s+place|exist|apply)\b",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"(?:\b(?:not|never|no|none|nothing|neither|nor|cannot)\b|n['’]t\b)(?!\s+only\b)",
    re.IGNORECASE,
)
_NEG_BEFORE = re.compile(rf"{_NEG}$", re.IGNORECASE)
_FIGURES = ("percentage", "ratio", "odds", "decimal")
_UNREAD = (
    "not read: the words deny or turn it in a way the reader does not resolve (a denied figure, "
    "a negation both around and within it, or a negated clause after it)"
)

_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")


def _words(s: str) -> str:
    return " ".join(s.lower().split())


# --- reading ------------------------------------------------------------------------------------


def expressions(text: str) -> tuple[Expression, ...]:
    """The estimative, confidence, ranking and unhedged certainty expressions in ``text``, in
    order, each with its span (see the module's rules).

    Examples
    --------
    >>> [(e.phrase, e.band, e.side) for e in expressions("H1 is probably not the answer.")]
    [('probably not', (0.2, 0.45), 'unlikely')]
    >>> [(e.phrase, e.band) for e in expressions("The U.S. will not act; it is not likely to.")]
    [('not likely', (0.0, 0.55))]
    >>> [(e.phrase, e.kind) for e in expressions("China will retaliate. We have high confidence.")]
    [('will', 'certainty'), ('high confidence', 'confidence')]
    >>> [(e.phrase, e.band) for e in expressions("A 25% tariff gives a one-in-four chance.")]
    [('one-in-four chance', (0.25, 0.25))]
    """
    found: list[Expression] = []
    for start, end in sentences(text):
        if text[start:end].rstrip("\"'”’)] ").endswith("?"):
            continue  # a question asserts no judgement
        found += _sentence(text, start, end)
    return tuple(found)


def _sentence(text: str, start: int, end: int) -> list[Expression]:
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text, start, end)]
    terms = list(_terms(text, start, end))
    candidates = [
        *terms,
        *numbers(text, start, end, {t.span[1] for t in terms}),
        *_rankings(text, start, end),
        *_confidence(text, start, end),
        *_hedges(text, start, end),
        *_certainty(text, start, end),
    ]
    candidates = [
        c for c in candidates if not any(a <= c.span[0] and c.span[1] <= b for a, b in quoted)
    ]
    kept: list[Expression] = []
    for c in sorted(candidates, key=lambda c: (c.span[0], c.span[0] - c.span[1])):
        if not kept or c.span[0] >= kept[-1].span[1]:
            kept.append(c)
    kept = _turned(text, start, end, kept)
    hedged = any(c.kind in ("estimative", "ranking", "hedge") for c in kept)
    return [
        replace(c, sentence=(start, end))
        for c in kept
        if c.kind != "hedge" and not (c.kind == "certainty" and hedged)
    ]


def _turned(text: str, start: int, end: int, kept: list[Expression]) -> list[Expression]:
    """The estimative and ranking expressions with the negations around them read: a negating
    frame before one in its clause (``terms.negate``; a ranking denied), a clause after it
    saying the opposite of what it names (``terms.mirror``), and, where the reader cannot tell
    which way the words go, the band left out (``unchecked``)."""
    out = []
    previous = start
    for e in kept:
        if e.kind not in ("estimative", "ranking"):
            out.append(e)
            continue
        a = max((m.end() for m in _CLAUSE.finditer(text, previous, e.span[0])), default=previous)
        frame = _FRAME.search(text, a, e.span[0]) is not None
        previous = e.span[1]
        if e.kind == "ranking":
            out.append(replace(e, negated=e.negated != frame))
            continue
        figure = e.term in _FIGURES
        denied = figure and _NEG_BEFORE.search(text, a, e.span[0]) is not None
        complement = _COMPLEMENT.match(text, e.span[1], end)
        rest = complement.group("rest") if complement else ""
        rest = rest[: next((m.start() for m in _CLAUSE.finditer(rest)), len(rest))]
        opposite = bool(_OPPOSITE.search(rest))
        turned = opposite or bool(_NEGATIVE.search(rest))
        turns = frame + turned + (e.negated and not figure) + denied
        unsure = e.band is None or denied or (frame and figure) or (turned and not opposite)
        if turns > 1 or unsure:
            if turns or denied:
                e = replace(e, band=None, side=None, negated=True, source=_UNREAD)
        elif frame:
            band, side = negate(e.band, e.side)  # type: ignore[arg-type]
            e = replace(e, band=band, side=side, negated=True)
        elif opposite:
            band, side = mirror(e.band, e.side)  # type: ignore[arg-type]
            e = replace(e, band=band, side=side, negated=True)
        out.append(e)
    return out


def _terms(text: str, start: int, end: int):
    for m in _TERM.finditer(text, start, end):
        term = _FORMS[_words(m.group("term"))]
        if term.words == "remote" and not _predicate(text, start, end, m):
            continue
        band, side, stop = term.band, term.side, m.end()
        name, source = term.words, term.source
        second = m.group("term2") and _FORMS[_words(m.group("term2"))]
        if second and second.words == "remote":
            second = None  # "remote" alone ends a sentence: not the end of a "T1 to T2"
        if second:
            band = (min(band[0], second.band[0]), max(band[1], second.band[1]))
            side = side_of(band)
            name, source = f"{term.words} to {second.words}", f"{source}; {second.source}"
        elif m.group("term2"):
            stop = m.end("term")
        if m.group("mirror"):
            band, side = mirror(band, side)
        if m.group("neg"):
            band, side = negate(band, side)
        yield Expression(
            text[m.start() : stop],
            (m.start(), stop),
            "estimative",
            band=band,
            side=side,
            negated=bool(m.group("neg") or m.group("mirror")),
            term=name,
            source=source,
        )


def _predicate(text: str, start: int, end: int, m: re.Match[str]) -> bool:
    """Whether a bare "remote" is said of a chance: as a predicate ("is remote"), or at the end
    of a clause."""
    before = text[start : m.start("term")]
    if m.group("neg"):
        before = text[start : m.start()] + "not "
    after = text[m.end("term") : end]
    return bool(_COPULA.search(before) or re.match(r"\s*(?:[.,;:!?)]|$)", after))


def _rankings(text: str, start: int, end: int):
    for m in _RANKING.finditer(text, start, end):
        if _NOT_FIRST.search(text, start, m.start()):
            yield Expression(m.group(0), m.span(), "hedge")  # "second most likely": no band
            continue
        yield Expression(m.group(0), m.span(), "ranking", negated=bool(m.group("neg")))


def _confidence(text: str, start: int, end: int):
    for pattern in _CONFIDENCE:
        for m in pattern.finditer(text, start, end):
            groups = m.groupdict()
            top = None
            if groups.get("lvl"):
                level = _level(groups["lvl"])
                if level == "considerable":  # more than moderate, short of saying high
                    level, top = "moderate", "high"
                if groups.get("top"):
                    level, top = sorted((level, _level(groups["top"])), key=CONFIDENCE_LEVELS.index)
                    top = None if top == level else top
            else:
                adverb = _words(groups.get("adv") or "")
                level = "high" if adverb in ("", "highly", "very", "quite") else "moderate"
            yield Expression(
                m.group(0),
                m.span(),
                "confidence",
                level=level,
                top=top,
                negated=bool(groups.get("neg")),
            )


def _level(words: str) -> str:
    """A level as named: *medium* is moderate, *very high* high, *strong* high."""
    word = _words(words).removeprefix("very ")
    return {"medium": "moderate", "strong": "high"}.get(word, word)


def _hedges(text: str, start: int, end: int):
    for m in _HEDGE.finditer(text, start, end):
        word = m.group(0)
        if word == "May" and m.start() != start:
            continue  # the month
        if word.lower() == "possible" and _DENIED.search(text, start, m.start()):
            continue
        yield Expression(word, m.span(), "hedge")


def _certainty(text: str, start: int, end: int):
    for m in _CERTAIN.finditer(text, start, end):
        word = m.group(0)
        if _DENIED.search(text, start, m.start()):
            continue  # "not clearly", "not certain": no claim of certainty
        if word.lower() == "will" and (
            _NOUN_WILL.search(text, start, m.start()) or (word == "Will" and m.start() != start)
        ):
            continue  # "the political will", "at will"; Will, a name
        yield Expression(word, m.span(), "certainty")
