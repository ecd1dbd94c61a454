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
  least 45%, and "cannot rule out" at least 1%. A negation further from the term
  ("this does not make H1 likely") is not read.
* **Inversion**: a term followed by *not* (but not *not only*), *to not*, or a
  negated auxiliary ("probably will not", "likely won't", "unlikely not to",
  "almost certainly not") is said of the event's negation: ``terms.mirror``.
  A negation both before and after ("not likely not to") is the mirror denied.
* **Numbers** (percentages, ranges, fractions) are read as probabilities only
  with a cue: ``numbers``.
* **Ranking**: *most likely*, *most probable*, *likeliest* (not *second most
  likely*, *least likely*) rank one hypothesis first; "not the most likely"
  denies it. Comparatives (*more likely*, *less probable*, *as likely as*)
  carry no band and hedge.
* **Confidence**: "high / moderate / medium / low confidence" (*medium* read as
  moderate, *very high* as high, *very low* as low), "a high degree of
  confidence", "confidence ... is moderate", and "we are (highly, very, fairly,
  reasonably, moderately) confident" (unqualified or *highly*/*very*/*quite*:
  high; the others moderate). Denied ("not high confidence", "we are not
  confident"): the levels below (``Expression.levels``).
* **Certainty markers** (*will*, *won't*, *certainly*, *clearly*,
  *undoubtedly*, *definitely*, *inevitably*, *inevitable*, *impossible*,
  *proves*, *proved*, *proven*, predicative *certain*, *(there is) no doubt*,
  *without doubt*, *beyond doubt*, *sure to*) are returned only when unhedged:
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
from sat.techniques.wording.terms import TERMS, Term, mirror, negate, side_of

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
    r"|\b(?:more|less|equally|increasingly|as)\s+(?:likely|probable|unlikely)\b|\blikelier\b",
    re.IGNORECASE,
)
_CERTAIN = re.compile(
    r"\bwill\b(?!\s*power)|\bwon['’]t\b"
    r"|\b(?:certainly|clearly|undoubtedly|definitely|inevitably|inevitable|impossible|proves|proved"
    r"|proven)\b|\bcertain\b(?=\s+(?:that|to|of)\b|\s*[.,;:!?)]|\s*$)"
    r"|\b(?:there\s+is\s+|there['’]s\s+)?no\s+doubt\b|\bwithout\s+(?:a\s+|any\s+)?doubt\b"
    r"|\bbeyond\s+(?:any\s+|all\s+|reasonable\s+)?doubt\b|\bsure\s+to\b",
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
_CONFIDENCE = (
    re.compile(
        r"(?P<neg>(?:\b(?:not|without|no)|n['’]t)\s+(?:(?:have|hold|with|a|any)\s+)*)?"
        rf"\b(?P<lvl>{_LEVEL})(?:\s*-\s*|\s+)(?:(?:level|degree)\s+of\s+)?confidence\b",
        re.IGNORECASE,
    ),
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
    hedged = any(c.kind in ("estimative", "ranking", "hedge") for c in kept)
    return [
        replace(c, sentence=(start, end))
        for c in kept
        if c.kind != "hedge" and not (c.kind == "certainty" and hedged)
    ]


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
            if groups.get("lvl"):
                word = _words(groups["lvl"]).removeprefix("very ")
                level = {"medium": "moderate"}.get(word, word)
            else:
                adverb = _words(groups.get("adv") or "")
                level = "high" if adverb in ("", "highly", "very", "quite") else "moderate"
            yield Expression(
                m.group(0), m.span(), "confidence", level=level, negated=bool(groups.get("neg"))
            )


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
