"""The matrix's columns and rows and where they come from: hypotheses, evidence items and their
sources, the blind rating sessions, and the settings that weigh the evidence in the Bayesian
mode."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints, field_validator, model_validator

from sat import scales
from sat.checks import as_tuple
from sat.models.fields import (
    FrozenDict,
    Id,
    Level,
    Model,
    OneLine,
    PositiveProbability,
    Rating,
    Text,
    Title,
    Url,
    enumerated,
    frozen,
    scale_keys,
)
from sat.models.judgements import Resolution

__all__ = ["BayesSettings", "Elicitation", "Evidence", "Hypothesis", "Source"]


class Source(Model):
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
    reliability: enumerated(scales.RELIABILITY) | None = Field(
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


class Elicitation(Model):
    """One analyst's blind rating session: the order items were shown in, and were rated in.

    The order is a random permutation drawn with ``seed`` (kept, so it can be
    drawn again); ``entered`` lists the items in the order the analyst rated
    them across every hypothesis, so order effects can be studied.
    """

    seed: int = Field(ge=0, description="The seed the order was drawn with.")
    order: Annotated[tuple[Id, ...], BeforeValidator(as_tuple)] = Field(
        (), description="The evidence ids in the order they were shown."
    )
    entered: Annotated[tuple[Id, ...], BeforeValidator(as_tuple)] = Field(
        (), description="The evidence ids in the order they were rated."
    )


class Hypothesis(Model):
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
    kind: enumerated(scales.HYPOTHESIS_KINDS) = Field(
        "substantive",
        description="substantive; null (no design: routine, accident, coincidence); deception "
        "(what we see is staged for us), Heuer: keep both alive; or residual (something else, "
        "none of those listed), so that probabilities are not silently conditional on the list.",
    )
    overlaps: Annotated[tuple[Id, ...], BeforeValidator(as_tuple)] = Field(
        (), description="Hypotheses this one is known not to exclude."
    )
    resolution: Resolution | None = Field(
        None, description="How and by when it will be known whether this is the explanation."
    )


class Evidence(Model):
    """An item of evidence (or an assumption, or an absence) and its ratings.

    A hypothesis missing from ``ratings`` is *unrated*: scored as ``NA`` and
    reported as unrated, so gaps in the matrix stay visible.
    """

    id: Id
    summary: Text = Field(description="The item in the analyst's own words.")
    sources: Annotated[tuple[Id, ...], BeforeValidator(as_tuple)] = ()
    quote: Annotated[tuple[Text, ...], BeforeValidator(as_tuple)] = Field(
        (),
        description="The words of its sources this item rests on, one string or a list, each "
        "found verbatim (typography and spacing aside) in a source's stored text.",
    )
    date: dt.date | None = Field(
        None, description="When the event happened (its source's publication date is the source's)."
    )
    type: enumerated(scales.EVIDENCE_TYPES) = "report"
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


class BayesSettings(Model):
    """Settings of the Bayesian mode (all optional; see ``sat.techniques.bayes``)."""

    likelihoods: (
        Annotated[
            frozen(Mapping[str, Annotated[float, Field(gt=0, lt=1)]]),
            scale_keys(scales.RATING_LADDER),
        ]
        | None
    ) = Field(
        None,
        description="P(evidence | hypothesis) for each rating code, e.g. {CC: 0.9, ..., II: 0.1}.",
    )
    tempering: (
        Annotated[
            frozen(Mapping[str, Annotated[float, Field(ge=0, le=1)]]),
            scale_keys(scales.LEVELS, scales.LEVEL_ALIASES),
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
