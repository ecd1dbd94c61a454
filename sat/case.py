"""The case: the immutable model of one analytic problem.

A case holds the question, the sources (graded on the Admiralty scale), the
competing hypotheses and the evidence with its ratings against each hypothesis.
Later techniques add their own sections. Models are frozen: editing returns a
copy (``case.model_copy(update=...)``), so results computed from a case can
never drift from it.

Build one with ``sat.load_case`` (which reports every problem with its file
and line) or directly in Python:

>>> case = Case(
...     id="demo", title="Demo", question="Why?", date="2026-01-07", analysts=["A. Analyst"],
...     hypotheses=[{"id": "H1", "label": "One", "statement": "The first explanation."},
...                 {"id": "H2", "label": "Two", "statement": "The second explanation."}],
...     evidence=[{"id": "E1", "summary": "Something seen.", "ratings": {"H1": "C", "H2": "II"}}],
... )
>>> case.evidence[0].rating("H2"), case.evidence[0].rating("H1"), case.evidence[0].credibility
('II', 'C', 'M')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from sat import scales
from sat.checks import as_tuple as _as_tuple
from sat.checks import (
    estimate_notes,
    prior_notes,
    prior_probabilities,
    reference_problems,
    split_event_ref,
)
from sat.ids import ID_PATTERN, locator
from sat.ids import id_text as _id_from_number

__all__ = [
    "Actor",
    "Answer",
    "Assumption",
    "BayesSettings",
    "Case",
    "DeceptionCheck",
    "Event",
    "Evidence",
    "Futures",
    "Hypothesis",
    "Implications",
    "Indicator",
    "KeyJudgement",
    "PreviousAssessment",
    "Recommendations",
    "Relation",
    "Scenario",
    "Source",
    "estimate_notes",
    "prior_notes",
    "prior_probabilities",
    "reference_problems",
    "select_evidence",
    "split_event_ref",
]


# Constraints come before the before-validators so that the JSON Schema shows them.
Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=ID_PATTERN),
    BeforeValidator(_id_from_number),
]
"""An identifier: a letter or digit, then letters, digits, ``_ . : -``; at most 64 characters."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


def _one_line(value: Any) -> Any:
    if isinstance(value, str) and ("\n" in value.strip() or "\r" in value.strip()):
        raise ValueError("must be one line")
    return value


OneLine = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    BeforeValidator(_one_line),
]


Level = Annotated[
    str,
    PlainValidator(scales.parse_level),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": scales.LEVEL_PATTERN}, {"type": "null"}],
            "description": "H, M or L (high, medium, low; any letter case; blank means M)",
        }
    ),
]
"""Credibility or relevance: ``H``, ``M`` or ``L``."""

Rating = Annotated[
    str | float,
    PlainValidator(scales.parse_rating),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": [*scales.RATING_CODES, *scales.RATING_ALIASES, 0]},
                {"type": "number", "minimum": 0, "maximum": 1},
                {"type": "null"},
            ],
            "description": "CC, C, N, I, II, NA (or ++ + 0 - --), or P(evidence | hypothesis)",
        }
    ),
]
"""A matrix cell: a code from ``sat.scales.RATING_CODES`` or a probability in [0, 1]."""


def _enumerated(allowed: Iterable[str], aliases: Mapping[str, str] | None = None) -> Any:
    """A field holding one value of a scale: written in any letter case and spacing (``HUMINT``,
    ``Most_Likely``), stored as the scale writes it (``humint``, ``most likely``)."""
    read = scales.Canonical(allowed, aliases)
    schema = {"anyOf": [{"enum": list(read.allowed)}, {"type": "string", "pattern": read.pattern}]}
    return Annotated[
        Literal[read.allowed],  # type: ignore[valid-type]
        BeforeValidator(read),
        WithJsonSchema(schema),
    ]


def _scale_keys(allowed: Iterable[str], aliases: Mapping[str, str] | None = None) -> Any:
    """A before-validator reading a mapping's keys as a scale writes them (``cc`` -> ``CC``)."""
    return BeforeValidator(scales.Canonical(allowed, aliases).keys)


def _probability_type(low: str) -> Any:
    """A probability field: a number in [0, 1] or a percentage such as ``60%``."""
    bound = {low: 0, "maximum": 1}
    schema = {
        "anyOf": [
            {"type": "number", **bound},
            {"type": "string", "pattern": scales.PERCENT_PATTERN},
        ]
    }
    bounds = Field(gt=0, le=1) if low == "exclusiveMinimum" else Field(ge=0, le=1)
    return Annotated[float, BeforeValidator(scales.percent), bounds, WithJsonSchema(schema)]


Probability = _probability_type("minimum")
"""A probability in [0, 1], written as a number or a percentage (``0.6`` or ``60%``)."""
PositiveProbability = _probability_type("exclusiveMinimum")
"""A probability in (0, 1] (a prior: zero would rule a hypothesis out before any evidence)."""


def _url(value: Any) -> Any:
    if isinstance(value, str):
        low = value.strip().lower()
        if not low.startswith(("http://", "https://", "mailto:")) or any(c.isspace() for c in low):
            raise ValueError("must be an http://, https:// or mailto: address without spaces")
    return value


Url = Annotated[
    str, BeforeValidator(_url), StringConstraints(strip_whitespace=True, max_length=2000)
]


class FrozenDict(Mapping):
    """A read-only mapping that copies and pickles as itself (the models' mappings are immutable)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()):
        self._data = dict(data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenDict({self._data!r})"

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict:
        return self

    def __reduce__(self) -> tuple:
        return (FrozenDict, (self._data,))


def _freeze(value: Mapping[str, Any]) -> FrozenDict:
    return FrozenDict(
        {k: _freeze(v) if isinstance(v, dict | FrozenDict) else v for k, v in value.items()}
    )


def _thaw(value: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for key, item in value.items():
        if isinstance(item, dict | FrozenDict):
            item = _thaw(item)
        elif isinstance(item, BaseModel):
            item = item.model_dump()
        out[key] = item
    return out


def frozen(mapping: Any) -> Any:
    """A mapping field that validates as ``mapping``, is stored read-only and dumps as plain dicts.

    The one frozen-mapping type of the model (nested mappings are frozen too).
    """
    return Annotated[mapping, AfterValidator(_freeze), PlainSerializer(_thaw, return_type=dict)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Source(_Model):
    """A source of reporting, graded on the Admiralty reliability scale (A–F)."""

    id: Id
    title: Title
    author: Title | None = None
    publisher: Title | None = None
    date: dt.date | None = Field(None, description="When the source was published.")
    url: Url | None = None
    origin: Title | None = Field(
        None,
        description="The statement or outlet this source repeats; sources sharing an origin "
        "(or a publisher) are not independent of each other.",
    )
    reliability: _enumerated(scales.RELIABILITY) | None = Field(
        None,
        description="Admiralty reliability: "
        + "; ".join(f"{k} {v}" for k, v in scales.RELIABILITY.items())
        + ". Left out, the source is ungraded: reported as such, never given a default grade.",
    )
    reliability_reason: OneLine | None = Field(
        None, description="One line: why this grade (required with a grade)."
    )
    file: str | None = Field(
        None,
        description="The source's stored text (plain text, Markdown, HTML or PDF), relative to the "
        "case file; quotes are checked against it.",
    )
    sha256: (
        Annotated[
            str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[0-9a-f]{64}$")
        ]
        | None
    ) = Field(
        None,
        description="SHA-256 digest of the stored file (64 hexadecimal digits): `sat validate` "
        "reports a file that no longer matches it.",
    )

    @model_validator(mode="after")
    def _graded_with_reason(self) -> Source:
        if self.reliability is not None and self.reliability_reason is None:
            raise ValueError(
                "a graded source needs reliability_reason: one line saying why it is graded "
                f"{self.reliability}"
            )
        return self


class Resolution(_Model):
    """How, and by when, a judgement will be known to be right or wrong (for the register)."""

    criterion: Text = Field(
        description="What will settle it, stated so that someone else could decide it."
    )
    deadline: dt.date = Field(
        description="The date by which it is settled (an open one is scored as unresolved)."
    )


class Elicitation(_Model):
    """One analyst's blind rating session: the order items were shown in, and were rated in.

    The order is a random permutation drawn with ``seed`` (kept, so it can be
    drawn again); ``entered`` lists the items in the order the analyst rated
    them across every hypothesis, so order effects can be studied.
    """

    seed: int = Field(ge=0, description="The seed the order was drawn with.")
    order: Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)] = Field(
        (), description="The evidence ids in the order they were shown."
    )
    entered: Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)] = Field(
        (), description="The evidence ids in the order they were rated."
    )


class Hypothesis(_Model):
    """One of the competing explanations."""

    id: Id
    label: Title = Field(description="A short label for tables and charts.")
    statement: Text = Field(description="The hypothesis, stated so that it can be disproved.")
    prior: PositiveProbability | None = Field(
        None, gt=0, le=1, description="Prior probability, for the Bayesian mode (optional)."
    )
    prior_basis: Text | None = Field(
        None, description="Where the prior comes from (a base rate and its source)."
    )
    kind: _enumerated(scales.HYPOTHESIS_KINDS) = Field(
        "substantive",
        description="substantive; null (no design: routine, accident, coincidence); deception "
        "(what we see is staged for us), Heuer: keep both alive; or residual (something else, "
        "none of those listed), so that probabilities are not silently conditional on the list.",
    )
    overlaps: Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)] = Field(
        (), description="Hypotheses this one is known not to exclude."
    )
    resolution: Resolution | None = Field(
        None, description="How and by when it will be known whether this is the explanation."
    )


class Evidence(_Model):
    """An item of evidence (or an assumption, or an absence) and its ratings.

    A hypothesis missing from ``ratings`` is *unrated*: scored as ``NA`` and
    reported as unrated, so gaps in the matrix stay visible.
    """

    id: Id
    summary: Text = Field(description="The item in the analyst's own words.")
    sources: Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)] = ()
    quote: Annotated[tuple[Text, ...], BeforeValidator(_as_tuple)] = Field(
        (),
        description="The words of its sources this item rests on, one string or a list, each "
        "found verbatim (typography and spacing aside) in a source's stored text.",
    )
    date: dt.date | None = Field(
        None, description="When the event happened (its source's publication date is the source's)."
    )
    type: _enumerated(scales.EVIDENCE_TYPES) = "report"
    information_credibility: Annotated[int, Field(ge=1, le=6)] | None = Field(
        None,
        description="Admiralty information credibility, the second axis beside the source's "
        "reliability: " + "; ".join(f"{k} {v}" for k, v in scales.INFORMATION_CREDIBILITY.items()),
    )
    credibility: Level = "M"
    relevance: Level = "M"
    ratings: frozen(Mapping[Id, Rating]) = Field(default_factory=lambda: FrozenDict({}))
    notes: Text | None = None
    analyst_ratings: frozen(Mapping[Title, Mapping[Id, Rating]]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="Ratings by individual analysts, for consensus: {analyst: {hypothesis: rating}}.",
    )
    link: Url | None = Field(
        None, description="Where the item can be read (http, https or mailto)."
    )
    code: Title | None = Field(None, description="The item's code in another tool (e.g. PARC ACH).")
    flagged: bool = Field(False, description="Marked for attention (PARC ACH's flag).")
    cluster: Id | None = Field(
        None,
        description="Items in one cluster (a causal chain, one reporting stream) are not independent "
        "of each other: the Bayesian mode counts the cluster as one item.",
    )

    def rating(self, hypothesis_id: str) -> str | float:
        """The cell for one hypothesis: a code, a probability, or ``NA`` when unrated."""
        return self.ratings.get(hypothesis_id, "NA")

    @property
    def weight(self) -> float:
        """PARC's weight: credibility weight × relevance weight."""
        return scales.LEVEL_WEIGHT[self.credibility] * scales.LEVEL_WEIGHT[self.relevance]


_CODE_ARRAY = np.array(scales.RATING_CODES)
_CODE_NUMBER = {code: k for k, code in enumerate(scales.RATING_CODES)}
_NA = _CODE_NUMBER["NA"]
_LEVEL_INDEX = {level: k for k, level in enumerate(scales.LEVELS)}
_LEVEL_WEIGHTS = np.array([scales.LEVEL_WEIGHT[level] for level in scales.LEVELS])


def _plain_dict(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    # The dict inside a FrozenDict: its .get is a C call, which matters once per cell.
    return mapping._data if isinstance(mapping, FrozenDict) else mapping


def _objects(values: list[Any]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _read_cells(cells: list[Any], shape: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """Code positions, probabilities and given-ness of validated cells, in bulk.

    Validated cells hold a canonical code, a float or ``None``: one vectorised
    comparison per code (NumPy's loop over the object array, not a Python step
    per cell) places them all.
    """
    values = _objects(cells)
    index = np.full(len(values), _NA, dtype=np.int8)
    coded = np.zeros(len(values), dtype=bool)
    for k, code in enumerate(scales.RATING_CODES):
        hit = values == code
        index[hit] = k
        coded |= hit
    rated = values != None  # noqa: E711 -- elementwise over the object array
    probability = np.full(len(values), np.nan)
    explicit = rated & ~coded
    probability[explicit] = values[explicit].astype(float)
    return index.reshape(shape), probability.reshape(shape), rated.reshape(shape)


class Matrix:
    """The ratings of a case as arrays (evidence down, hypotheses across), built once.

    ``index`` holds each cell's position in ``sat.scales.RATING_CODES``
    (that of ``NA`` for unrated and for probability cells) and ``codes`` the code
    itself; ``probability`` holds the probability cells (NaN elsewhere),
    ``rated`` whether the analyst gave the cell at all, ``level`` each item's
    credibility as a position in ``sat.scales.LEVELS``, ``weight`` its
    credibility × relevance weight; ``summary``, ``type``, ``credibility`` and
    ``relevance`` hold those fields of the items (object arrays). ``votes``
    (analysts × evidence × hypotheses) holds the individual analysts' codes as
    positions too, −1 where an analyst gave no code, for the ``analysts`` who
    rated anything (case order first).

    Cells are read in bulk (vectorised comparisons, not Python steps per cell),
    and ``sat.io.load_case`` builds the matrix as part of loading, so the
    techniques work on arrays only. All arrays are read-only.
    """

    __slots__ = (
        "analysts",
        "codes",
        "credibility",
        "evidence_ids",
        "hypothesis_ids",
        "index",
        "level",
        "probability",
        "rated",
        "relevance",
        "summary",
        "type",
        "votes",
        "weight",
    )

    def __init__(self, case: Case):
        self.hypothesis_ids: tuple[str, ...] = tuple(h.id for h in case.hypotheses)
        self.evidence_ids: tuple[str, ...] = tuple(e.id for e in case.evidence)
        hyps = self.hypothesis_ids
        shape = (len(self.evidence_ids), len(hyps))
        cells: list[Any] = []
        extend = cells.extend
        for item in case.evidence:
            extend(map(_plain_dict(item.ratings).get, hyps))
        self.index, self.probability, self.rated = _read_cells(cells, shape)
        self.codes = _CODE_ARRAY[self.index]
        items = case.evidence
        self.summary = _objects([e.summary for e in items])
        self.type = _objects([e.type for e in items])
        self.credibility = _objects([e.credibility for e in items])
        self.relevance = _objects([e.relevance for e in items])
        self.level = np.array([_LEVEL_INDEX[c] for c in self.credibility], dtype=np.int8)
        relevance = np.array([_LEVEL_INDEX[r] for r in self.relevance], dtype=np.intp)
        self.weight = _LEVEL_WEIGHTS[self.level.astype(np.intp)] * _LEVEL_WEIGHTS[relevance]
        named = dict.fromkeys(n for e in case.evidence for n in e.analyst_ratings)
        self.analysts: tuple[str, ...] = (
            *(a for a in case.analysts if a in named),
            *(n for n in named if n not in case.analysts),
        )
        votes: list[Any] = []
        extend = votes.extend
        empty: dict[str, Any] = {}
        panels = [_plain_dict(e.analyst_ratings) for e in case.evidence]
        for name in self.analysts:
            for panel in panels:
                extend(map(_plain_dict(panel.get(name, empty)).get, hyps))
        index, probability, rated = _read_cells(votes, (len(self.analysts), *shape))
        self.votes = np.where(rated & np.isnan(probability), index, -1).astype(np.int8)
        for array in (
            self.index,
            self.codes,
            self.probability,
            self.rated,
            self.level,
            self.weight,
            self.votes,
            self.summary,
            self.type,
            self.credibility,
            self.relevance,
        ):
            array.flags.writeable = False

    def votes_against(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """By hypothesis, the items some analyst's own vote rates I or II against it, and who.

        ``{hypothesis: {item: (analyst, ...)}}`` in case order; hypotheses no
        analyst voted against are left out. The agreed ratings are not consulted:
        this is the dissent a statement about the agreed matrix must not hide.
        """
        against = np.isin(self.votes, [_CODE_NUMBER["I"], _CODE_NUMBER["II"]])
        found: dict[str, dict[str, tuple[str, ...]]] = {}
        for e, h, a in zip(*np.nonzero(against.transpose(1, 2, 0)), strict=True):
            items = found.setdefault(self.hypothesis_ids[h], {})
            item = self.evidence_ids[e]
            items[item] = (*items.get(item, ()), self.analysts[a])
        return found


def _yes_no(value: Any) -> Any:
    # A YAML 1.1 writer may read yes/no as booleans.
    return ("yes" if value else "no") if isinstance(value, bool) else value


class Assumption(_Model):
    """A premise the analytic line rests on, challenged and rated (Key Assumptions Check).

    The challenge questions (after the US Tradecraft Primer, 2009): why must it
    be true (``rationale``)? Does it hold in all conditions (``conditions``)? What
    could undermine it (``undermined_by``)? Has it weakened over time
    (``weakened``)? How much would being wrong change the line (``impact``)?
    Ratings follow Heuer and Pherson: basically solid, correct with caveats,
    unsupported (a key uncertainty). Any unanswered question leaves the
    assumption *incomplete*.
    """

    id: Id
    statement: Text
    supports: Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)] = Field(
        (), description="Hypotheses that rely on it; empty means the overall judgement."
    )
    evidence: Id | None = Field(
        None, description="The ACH evidence item (type assumption) that carries it into the matrix."
    )
    rating: _enumerated(scales.ASSUMPTION_RATINGS, scales.ASSUMPTION_RATING_ALIASES) | None = Field(
        None, description="basically solid, correct with caveats, or unsupported"
    )
    rationale: Text | None = Field(None, description="Why must it be true? How confident are we?")
    conditions: Text | None = Field(None, description="Does it hold in all conditions? When not?")
    undermined_by: Text | None = Field(None, description="What could undermine it?")
    weakened: Annotated[_enumerated(scales.YES_NO_UNCLEAR), BeforeValidator(_yes_no)] | None = (
        Field(None, description="Was it true before but less so now?")
    )
    impact: Level | None = Field(
        None, description="How much would being wrong change the line (H/M/L)?"
    )


class Indicator(_Model):
    """An observable signpost for one hypothesis (Tradecraft Primer: Indicators or Signposts of Change)."""

    id: Id
    hypothesis: Id
    description: Text = Field(
        description="What would be observed, stated so that it can be checked."
    )
    direction: _enumerated(scales.INDICATOR_DIRECTIONS) = "supports"
    status: _enumerated(scales.INDICATOR_STATUSES) = "not observed"
    observed: dt.date | None = Field(None, description="When its status last changed.")
    evidence: Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)] = ()
    resolution: Resolution | None = Field(
        None,
        description="By when it is expected (the judgement registered is that it is observed by "
        "then), and what counts as observing it.",
    )
    ratings: frozen(Mapping[Id, Rating]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="How the observation would be rated against each hypothesis if it were seen "
        "(a code or P(observed | hypothesis)), for what to collect next; left out, it reads as C "
        "(or I) for its hypothesis and N for the others.",
    )
    notes: Text | None = None


class Answer(_Model):
    """An answer to one deception-check question: the deception risk it points to, and why."""

    rating: Level = Field(description="How strongly the answer points to deception: H, M or L.")
    note: Text | None = None


class DeceptionCheck(_Model):
    """Deception checklists (MOM, POP, MOSES, EVE; Heuer and Pherson) answered for one actor or source.

    Keys of ``answers`` are ``framework.question`` (see ``sat.scales.DECEPTION_QUESTIONS``).
    MOM and POP apply to actors, MOSES to sources, EVE to both.
    """

    subject: Title = Field(description="An actor's name, or a source id when kind is source.")
    kind: _enumerated(scales.DECEPTION_SUBJECTS) = "actor"
    answers: Annotated[frozen(Mapping[str, Answer]), _scale_keys(scales.DECEPTION_QUESTIONS)] = (
        Field(default_factory=lambda: FrozenDict({}))
    )

    @field_validator("answers", mode="after")
    @classmethod
    def _known_questions(cls, value: Mapping[str, Any], info: ValidationInfo) -> Mapping[str, Any]:
        kind = info.data.get("kind", "actor")
        allowed = scales.deception_questions(kind)
        unknown = [key for key in value if key not in allowed]
        if unknown:
            raise ValueError(
                f"unknown question {', '.join(repr(k) for k in unknown)} for {'an actor' if kind == 'actor' else 'a source'} "
                f"(allowed: {', '.join(allowed)})"
            )
        return value


class BayesSettings(_Model):
    """Settings of the Bayesian mode (all optional; see ``sat.techniques.bayes``)."""

    likelihoods: (
        Annotated[
            frozen(Mapping[str, Annotated[float, Field(gt=0, lt=1)]]),
            _scale_keys(scales.RATING_LADDER),
        ]
        | None
    ) = Field(
        None,
        description="P(evidence | hypothesis) for each rating code, e.g. {CC: 0.9, ..., II: 0.1}.",
    )
    tempering: (
        Annotated[
            frozen(Mapping[str, Annotated[float, Field(ge=0, le=1)]]),
            _scale_keys(scales.LEVELS, scales.LEVEL_ALIASES),
        ]
        | None
    ) = Field(
        None, description="How much of a code's likelihood survives at each credibility (H, M, L)."
    )
    rating_error: float = Field(
        0.2,
        ge=0,
        le=1,
        description="Chance a rating is one step off (in the direction that leaves its expected "
        "weight unchanged).",
    )
    credibility_error: float = Field(
        0.2, ge=0, le=1, description="Chance a credibility grade is one level off."
    )
    source_error: float = Field(
        0.1,
        ge=0,
        le=1,
        description="Chance that all the items of one independence group of sources are one "
        "credibility level off together (a source misjudged).",
    )
    analyst_error: float = Field(
        0.1,
        ge=0,
        le=1,
        description="Chance that every rating is one step nearer to, or further from, neutral "
        "together (an analyst who reads the evidence too strongly or too weakly).",
    )
    vary_table: bool = Field(
        True,
        description="Whether the Monte Carlo also varies the likelihood table over the family "
        "(stated, conservative, flatter, steeper).",
    )
    prior_strength: float | None = Field(
        50.0,
        gt=0,
        description="How firmly the priors are held: the Monte Carlo draws them from a Dirichlet "
        "distribution with this total weight (larger: closer to the stated priors; null: fixed).",
    )
    draws: int = Field(10_000, ge=100, le=1_000_000, description="Monte Carlo draws.")
    seed: int = Field(
        2026, ge=0, description="Random seed: the same seed gives the same intervals."
    )

    @field_validator("likelihoods", mode="after")
    @classmethod
    def _codes(cls, value: Mapping[str, float] | None) -> Mapping[str, float] | None:
        if value is None:
            return None
        unknown = [k for k in value if k not in scales.RATING_LADDER]
        if unknown:
            raise ValueError(
                f"unknown rating {', '.join(unknown)} (allowed: {', '.join(scales.RATING_LADDER)})"
            )
        return value

    @field_validator("tempering", mode="after")
    @classmethod
    def _levels(cls, value: Mapping[str, float] | None) -> Mapping[str, float] | None:
        if value is None:
            return None
        unknown = [k for k in value if k not in scales.LEVELS]
        if unknown:
            raise ValueError(f"unknown level {', '.join(unknown)} (allowed: H, M, L)")
        return value


class Event(_Model):
    """An event a scenario is built from, with its probability (optionally per period or conditional).

    ``given`` names the events it depends on: its probability is then P(event | those
    events), and it is independent of every other event.
    """

    id: Id
    description: Text
    probability: Probability | None = Field(None, ge=0, le=1)
    per_period: Probability | None = Field(None, ge=0, le=1, description="Chance in each period.")
    periods: int | None = Field(None, ge=1, le=10_000, description="Number of independent periods.")
    given: Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)] = ()

    @model_validator(mode="after")
    def _one_probability(self) -> Event:
        periodic = self.per_period is not None or self.periods is not None
        if periodic and (self.per_period is None or self.periods is None):
            raise ValueError("give per_period and periods together")
        if periodic == (self.probability is not None):
            raise ValueError("give either probability, or per_period with periods")
        return self


class TimelineEntry(_Model):
    when: Title
    what: Text


def _event_ref(ref: Any) -> Any:
    # `NOT X1` or `Not  X1` is stored as `not X1`
    if not isinstance(ref, str):
        return ref
    negated, event = split_event_ref(ref)
    return f"not {event}" if negated else event


def _event_refs(value: Any) -> Any:
    value = _as_tuple(value)
    return tuple(map(_event_ref, value)) if isinstance(value, list | tuple) else value


class Scenario(_Model):
    """A future described by events that happen (``X1``) or do not (``not X1``)."""

    id: Id
    name: Title
    kind: _enumerated(scales.SCENARIO_KINDS) = "alternative"
    description: Text | None = None
    events: Annotated[tuple[Title, ...], BeforeValidator(_event_refs)] = Field(min_length=1)
    signposts: Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)] = Field(
        (), description="Indicator ids that would show this future arriving."
    )
    timeline: tuple[TimelineEntry, ...] = ()
    resolution: Resolution | None = Field(
        None, description="How and by when it will be known whether this future came about."
    )


class Futures(_Model):
    """Alternative futures: two drivers (unconditional events) form a 2 × 2 of futures."""

    drivers: Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)] = Field(
        min_length=2, max_length=2
    )
    names: frozen(Mapping[str, Title]) = Field(
        default_factory=lambda: FrozenDict({}),
        description='Names of the four futures, keyed "X1 X2", "X1 not X2", "not X1 X2", "not X1 not X2".',
    )


class Actor(_Model):
    """A person, body, company, state, organisation or outlet that figures in the case."""

    id: Id
    name: Title
    kind: _enumerated(scales.ACTOR_KINDS) = "person"
    affiliation: Title | None = None
    role: Text | None = None
    aliases: Annotated[tuple[Title, ...], BeforeValidator(_as_tuple)] = Field(
        (), description="Other names hypotheses may use for it (e.g. Beijing for China)."
    )


class Relation(_Model):
    """A tie between two actors, established by evidence."""

    source: Id
    target: Id
    type: _enumerated(scales.RELATION_TYPES)
    directed: bool | None = Field(
        None, description="Default: as the type usually is (allied with: no)."
    )
    sign: _enumerated(scales.RELATION_SIGNS) | None = Field(
        None,
        description="Default: the type's usual sign (sanctions: hostile; supplies: cooperative).",
    )
    weight: float = Field(1.0, gt=0, le=10, description="Strength of the tie.")
    evidence: Annotated[tuple[Id, ...], BeforeValidator(_as_tuple)] = ()
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def is_directed(self) -> bool:
        return scales.RELATION_TYPES[self.type][1] if self.directed is None else self.directed

    @property
    def polarity(self) -> str:
        return self.sign or scales.RELATION_TYPES[self.type][0]


def _gap(value: Any) -> Any:
    # A gap written as plain text is a gap with no observation.
    return {"text": value} if isinstance(value, str) else value


class InformationGap(_Model):
    """Something the analyst knows is missing, and, if it can be phrased so, the observation
    that would fill it, rated as it would be against each hypothesis if it were made
    (for what to collect next)."""

    text: Text
    observation: Text | None = Field(
        None, description="The gap phrased as something that could be observed."
    )
    ratings: frozen(Mapping[Id, Rating]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="How the observation would be rated against each hypothesis if it were made.",
    )

    @model_validator(mode="after")
    def _rated_observation(self) -> InformationGap:
        if self.ratings and self.observation is None:
            raise ValueError("ratings need the observation they rate: add `observation: ...`")
        return self

    def __str__(self) -> str:
        return self.text


class Implications(_Model):
    """The analyst's reading of what the judgement means, by domain (as in the seed brief's section 4)."""

    summary: Text | None = None
    political: Text | None = Field(None, description="Political and geopolitical.")
    security: Text | None = Field(None, description="Security, military and counter-terrorism.")
    cyber: Text | None = Field(None, description="Cyber and the information space.")
    economic: Text | None = Field(None, description="Economic and social.")


class Recommendations(_Model):
    """Actions the analyst recommends, by horizon."""

    immediate: tuple[Text, ...] = Field((), description="Immediate actions (0–30 days).")
    medium_term: tuple[Text, ...] = Field((), description="Medium-term posture (1–12 months).")


class KeyJudgement(_Model):
    """One of the analyst's key judgements, in their own words (``sat review`` checks its words
    against the analysis; the reader's brief opens with it)."""

    id: Id | None = None
    text: Text = Field(description="The judgement as the analyst states it to a reader.")
    about: Id | None = Field(
        None,
        description="The hypothesis, event or scenario it is about, by id: its words are checked "
        "against that item's probability.",
    )


class PreviousAssessment(_Model):
    """What an earlier assessment of the same question concluded (ICD 203's standard on
    consistency and change: say what changed since, and why)."""

    source: Title = Field(description="Who made it, or where it was published.")
    date: dt.date | None = Field(None, description="When it was made.")
    conclusion: Text = Field(description="What it concluded, in brief.")
    about: Id | None = Field(
        None, description="The hypothesis of this case that its conclusion favoured, by id."
    )
    likelihood: OneLine | None = Field(
        None, description='Its likelihood words for that hypothesis ("likely", "70%").'
    )
    confidence: _enumerated(scales.CONFIDENCE_LEVELS) | None = Field(
        None, description="The confidence it stated: low, moderate or high."
    )


class Case(_Model):
    """One analytic problem: question, sources, hypotheses, evidence, and the analyst's own text.

    ``implications``, ``recommendations``, ``information_gaps`` and ``tags`` are
    written by the analyst; the brief shows them as given and says "not assessed"
    when they are missing, never inventing them.
    """

    id: Id
    title: Title
    question: Text
    date: dt.date
    analysts: Annotated[tuple[Title, ...], BeforeValidator(_as_tuple)] = Field(min_length=1)
    summary: Text | None = Field(None, description="Background, in a few sentences.")
    sources: tuple[Source, ...] = ()
    hypotheses: tuple[Hypothesis, ...] = Field(min_length=2)
    evidence: tuple[Evidence, ...] = ()
    exclusive: bool = Field(
        True,
        description="Whether the hypotheses are meant to be mutually exclusive (ACH assumes so).",
    )
    assumptions: tuple[Assumption, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    checklist: Annotated[frozen(Mapping[str, Text]), _scale_keys(scales.CHECKLIST)] = Field(
        default_factory=lambda: FrozenDict({}),
        description="The analyst's answers to Heuer's checklist, by question id.",
    )
    deception: tuple[DeceptionCheck, ...] = ()
    bayes: BayesSettings = Field(default_factory=BayesSettings)
    estimates: frozen(Mapping[Title, frozen(Mapping[Id, Probability])]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="Each analyst's own probabilities, by analyst: {H1: 0.6, H2: 0.3, ...} for the "
        "hypotheses (every one of them: a set that leaves one out is not pooled), and for events "
        "and scenarios by their ids. sat estimates makes each set coherent and pools them.",
    )
    elicitation: frozen(Mapping[Title, Elicitation]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="Blind rating sessions, by analyst: the random order the items were shown in "
        "(and its seed) and the order they were rated in.",
    )
    events: tuple[Event, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    futures: Futures | None = None
    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
    provenance: frozen(Mapping[str, str]) = Field(
        default_factory=lambda: FrozenDict({}),
        description="Where the case came from: the importing tool's fields that sat does not model, kept "
        "so that exporting back loses nothing (e.g. achz:CLASSIFICATION).",
    )

    information_gaps: tuple[
        Annotated[
            InformationGap, BeforeValidator(_gap, json_schema_input_type=Text | InformationGap)
        ],
        ...,
    ] = Field(
        (),
        description="What the analyst knows is missing: a line of text, or {text, observation, "
        "ratings} when it can be phrased as an observation.",
    )
    key_judgements: tuple[KeyJudgement, ...] = Field(
        (),
        description="The analyst's key judgements: {text, about} each, in their own words; the "
        "reader's brief opens with them and sat review checks them against the analysis.",
    )
    previous_assessment: PreviousAssessment | None = None
    implications: Implications | None = None
    recommendations: Recommendations | None = None
    tags: tuple[Title, ...] = Field((), description="Thematic tags.")

    @field_validator("checklist", mode="after")
    @classmethod
    def _known_checklist(cls, value: Mapping[str, Any]) -> Mapping[str, Any]:
        unknown = [key for key in value if key not in scales.CHECKLIST]
        if unknown:
            raise ValueError(
                f"unknown checklist question {', '.join(repr(k) for k in unknown)} "
                f"(allowed: {', '.join(scales.CHECKLIST)})"
            )
        return value

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Case:
        if info.context and info.context.get("references_checked"):
            return self
        problems = reference_problems(self)
        if problems:
            where = locator(self)
            raise ValueError("; ".join(f"{where(loc)[0]}: {msg}" for loc, msg in problems))
        return self

    @cached_property
    def matrix(self) -> Matrix:
        """The ratings as arrays, computed once per case (copies compute their own)."""
        return Matrix(self)

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        # id -> object per section, built on first lookup (a linear search per lookup is
        # quadratic over a large case)
        return {
            section: {item.id: item for item in getattr(self, section)}
            for section in ("hypotheses", "sources", "evidence")
        }

    def _drop_caches(self) -> None:
        for name in ("matrix", "_by_id"):
            self.__dict__.pop(name, None)

    def __copy__(self) -> Case:
        # model_copy(update=...) copies __dict__, caches included: drop them so an edited copy
        # never reuses the original's matrix or lookups.
        new = super().__copy__()
        new._drop_caches()
        return new

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Case:
        new = super().__deepcopy__(memo)
        new._drop_caches()
        return new

    def hypothesis(self, hypothesis_id: str) -> Hypothesis:
        """The hypothesis with this id (``KeyError`` if there is none)."""
        return self._by_id["hypotheses"][hypothesis_id]

    def source(self, source_id: str) -> Source:
        """The source with this id (``KeyError`` if there is none)."""
        return self._by_id["sources"][source_id]

    def item(self, evidence_id: str) -> Evidence:
        """The evidence item with this id (``KeyError`` if there is none)."""
        return self._by_id["evidence"][evidence_id]

    def counts(self) -> dict[str, Any]:
        """The case in counts: its id, hypotheses, evidence items, sources and unrated cells."""
        return {
            "id": self.id,
            "hypotheses": len(self.hypotheses),
            "evidence": len(self.evidence),
            "sources": len(self.sources),
            "unrated_cells": sum(len(self.hypotheses) - len(e.ratings) for e in self.evidence),
        }


def select_evidence(case: Case, min_credibility: str = "L") -> Case:
    """A copy of the case keeping only evidence of at least this credibility.

    A sensitivity run: does the judgement survive without the weakest
    evidence? (Heuer warns against treating evidence of uncertain accuracy as
    certain.) The original case is not changed.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> case = load_case(EXAMPLE_CASE)
    >>> strong = select_evidence(case, "H")
    >>> {e.credibility for e in strong.evidence}, len(strong.evidence) < len(case.evidence)
    ({'H'}, True)
    """
    level = scales.parse_level(min_credibility)
    floor = scales.LEVELS.index(level)
    kept = tuple(e for e in case.evidence if scales.LEVELS.index(e.credibility) >= floor)
    if len(kept) == len(case.evidence):
        return case
    ids = {e.id for e in kept}
    # references to the items left out are dropped too, so the copy stays consistent
    return case.model_copy(
        update={
            "evidence": kept,
            "assumptions": tuple(
                a
                if a.evidence in ids or a.evidence is None
                else a.model_copy(update={"evidence": None})
                for a in case.assumptions
            ),
            "indicators": tuple(
                i.model_copy(update={"evidence": tuple(e for e in i.evidence if e in ids)})
                for i in case.indicators
            ),
            "relations": tuple(
                r.model_copy(update={"evidence": tuple(e for e in r.evidence if e in ids)})
                for r in case.relations
            ),
        }
    )
