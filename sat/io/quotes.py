"""Proposing the quote an evidence item rests on: passages of its sources ranked by BM25.

For an item without a quote, every sentence of its sources' stored texts is a
candidate passage (``sat.io.sentences``: a hard-wrapped paragraph's lines are
joined, so a sentence is whole wherever the text broke its lines; headings,
bullets and list items stay apart). Candidates are ranked by Okapi BM25
(rank-bm25's ``BM25Okapi``, k1 = 1.5, b = 0.75) with the item's summary as the
query, over lower-cased word tokens with common English function words left
out, so that the words that carry meaning decide. The inverse document
frequency is Lucene's, ``log(1 + (N - n + 0.5) / (n + 0.5))`` for a word in
``n`` of ``N`` passages: always positive, so a source of one or two sentences
still ranks (the classic ``log((N - n + 0.5) / (n + 0.5))`` is 0 or below
there, and scores every passage 0). The analyst reads the candidates and
accepts one (``sat quotes --accept``, or in the workbook); nothing is accepted
for them.

A passage is the source's own words in its own characters (an em dash stays an
em dash, a curly quote curly): only the spaces around a line break inside a
paragraph become one space. What is proposed, and so what is accepted and
stored, is therefore found by the quote check
(``sat.io.sources.StoredSource.holds``); a passage it would not find is never
proposed.

The passages are the stored texts ``sat.io.sources.verify`` read (checked,
bounded): nothing is read again here.

References
----------
.. [1] S. Robertson and H. Zaragoza, "The Probabilistic Relevance Framework: BM25
   and Beyond", *Foundations and Trends in Information Retrieval* 3(4), 2009.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from sat.case import Case
from sat.io.sentences import passages
from sat.io.sources import Provenance, StoredSource

__all__ = ["Candidate", "candidates", "passages", "tokens"]

#: English function words that say nothing about what a passage is about.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "she",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "who",
        "will",
        "with",
        "would",
        "than",
        "then",
        "there",
        "these",
        "those",
        "not",
        "no",
        "so",
        "such",
        "can",
        "could",
        "may",
        "might",
        "should",
        "also",
        "after",
        "before",
        "over",
        "under",
        "about",
        "between",
        "during",
        "said",
        "says",
    ]
)
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens without function words.

    Examples
    --------
    >>> tokens("The ban could touch 40% of China's exports")
    ['ban', 'touch', '40', "china's", 'exports']
    """
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


@dataclass(frozen=True)
class Candidate:
    """One passage proposed as an item's quote."""

    evidence: str
    rank: int
    source: str
    passage: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "evidence": self.evidence,
            "rank": self.rank,
            "source": self.source,
            "passage": self.passage,
            "score": round(self.score, 4),
        }


def candidates(
    case: Case, provenance: Provenance, evidence_id: str, top: int = 3
) -> list[Candidate]:
    """The ``top`` passages of an item's sources most like its summary, best first.

    Passages come from the sources' stored texts as ``sat.io.sources.verify``
    read them, each the source's own characters; the score is BM25 against the
    summary, over all the item's sources' passages at once. Passages scoring 0
    (no word in common), and any the quote check would not find in its source,
    are not proposed.
    """
    item = case.item(evidence_id)
    readable = tuple(
        stored
        for source in dict.fromkeys(item.sources)
        if (stored := provenance.by_source.get(source)) is not None and stored.readable
    )
    if not readable:
        return []
    pool, bm25 = _index(readable)
    if not pool:
        return []
    scores = bm25.get_scores(tokens(item.summary))
    order = sorted(range(len(pool)), key=lambda k: (-scores[k], k))
    by_id = {stored.id: stored for stored in readable}
    out: list[Candidate] = []
    for k in order:
        if scores[k] <= 0 or len(out) == top:
            break
        source, passage = pool[k]
        if by_id[source].holds(passage):  # what is accepted must pass the quote check
            out.append(Candidate(evidence_id, len(out) + 1, source, passage, float(scores[k])))
    return out


@functools.lru_cache(maxsize=8)
def _index(sources: tuple[StoredSource, ...]) -> tuple[list[tuple[str, str]], Any]:
    """The passages of these stored texts, (source id, passage), and their BM25 index: built
    once for the items that cite the same sources."""
    pool: list[tuple[str, str]] = []
    for stored in sources:
        pool.extend((stored.id, p) for p in passages(stored.raw) if tokens(p))
    return pool, (_bm25([tokens(p) for _, p in pool]) if pool else None)


def _bm25(corpus: list[list[str]]) -> Any:
    """rank-bm25's ``BM25Okapi`` over ``corpus`` with Lucene's always-positive idf."""
    from rank_bm25 import BM25Okapi

    class _Okapi(BM25Okapi):
        def _calc_idf(self, nd: dict[str, int]) -> None:
            n = self.corpus_size
            self.idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in nd.items()}

    return _Okapi(corpus)
