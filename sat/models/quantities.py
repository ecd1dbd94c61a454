"""Quantities in the case file: numbers a team estimates (how many, how much, how long), the seed
questions whose true values are known, and each analyst's answers, round by round.

A quantity with a ``realization`` is a *seed*: its true value is known (a source states it), and
the answers to it show how well calibrated and informative each analyst is (Cooke's classical
model, SAT-REFERENCE.md section 9). A quantity with a ``resolution`` is a *target*: the value the
team wants, settled later as the criterion says. An answer gives the value at each of the case's
quantiles (``quantiles:``, 5, 50 and 95% unless the case says otherwise), or the IDEA protocol's
four points (lowest, best, highest and how confident the analyst is that the truth lies between
the lowest and the highest; Hemming et al. 2018), kept as given and converted to quantiles when
the answers are combined (``sat.models.idea``). ``sat.models.study`` is what the
classical model reads; the case's quantities give one.

References
----------
Cooke, R. M. (1991). *Experts in Uncertainty*. Oxford University Press.
Hemming, V., Burgman, M. A., Hanea, A. M., McBride, M. F. and Wintle, B. C. (2018). A practical
guide to structured expert elicitation using the IDEA protocol. *Methods in Ecology and
Evolution* 9(1): 169-180.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Annotated

from pydantic import BeforeValidator, Field, field_validator, model_validator

from sat import scales
from sat.checks import as_tuple
from sat.models.fields import Id, Model, OneLine, Probability, Text, enumerated
from sat.models.judgements import Resolution

__all__ = [
    "DEFAULT_QUANTILES",
    "LOWEST_CONFIDENCE",
    "MAX_ROUND",
    "Quantity",
    "QuantityAnswer",
    "Realization",
    "quantile_problems",
]

#: The quantiles an answer gives unless the case sets ``quantiles:`` (the classical model's usual
#: 5, 50 and 95%).
DEFAULT_QUANTILES: tuple[float, ...] = (0.05, 0.5, 0.95)
#: The IDEA protocol has two rounds; a team may hold a few more.
MAX_ROUND = 9
#: The narrowest confidence a four-point answer may state (IDEA asks for 50-100%).
LOWEST_CONFIDENCE = 0.5

Number = Annotated[
    float, Field(allow_inf_nan=False, ge=-scales.QUANTITY_LIMIT, le=scales.QUANTITY_LIMIT)
]


class Realization(Model):
    """The known true value of a seed question, and where it is stated."""

    value: Number = Field(description="The true value, in the quantity's unit.")
    source: Id | None = Field(None, description="The source that states it, by id.")
    note: OneLine | None = Field(None, description="One line: how the value was read or derived.")


class Quantity(Model):
    """A number the team estimates: a seed question (``realization`` known) or a target."""

    id: Id
    label: OneLine | None = Field(
        None, description="A short name for tables and charts (an Excalibur study's item id)."
    )
    question: Text = Field(description="The question, stated so the answer is one number.")
    unit: OneLine | None = Field(None, description='The unit of the answer ("firms", "%").')
    scale: enumerated(scales.QUANTITY_SCALES) = Field(  # type: ignore[valid-type]
        "uniform",
        description="uniform, or log for a quantity spanning orders of magnitude "
        "(information measured on the logarithm; values must be positive).",
    )
    realization: Realization | None = Field(
        None, description="A seed question's true value: {value, source}."
    )
    resolution: Resolution | None = Field(
        None,
        description="A target's criterion and deadline, so that `sat register` can score it later.",
    )
    discussion: Text | None = Field(
        None,
        description="The team's notes from discussing the first round's answers (IDEA), kept "
        "with the question.",
    )

    @model_validator(mode="after")
    def _positive_on_log(self) -> Quantity:
        if self.scale == "log" and self.realization is not None and self.realization.value <= 0:
            raise ValueError("a log-scale quantity's realization must be above 0")
        return self

    @property
    def seed(self) -> bool:
        """Whether its true value is known (it earns the analysts their weights)."""
        return self.realization is not None


class QuantityAnswer(Model):
    """One analyst's answer to one quantity in one round: quantiles, or IDEA's four points."""

    quantity: Id = Field(description="The quantity answered, by id.")
    round: int = Field(
        1, ge=1, le=MAX_ROUND, description="The elicitation round (IDEA: 1, then 2)."
    )
    entered: dt.datetime | None = Field(None, description="When the answer was entered.")
    values: Annotated[tuple[Number, ...], BeforeValidator(as_tuple)] | None = Field(
        None,
        description="The value at each of the case's quantiles, increasing (5, 50, 95% unless the "
        "case's `quantiles:` says otherwise).",
    )
    lowest: Number | None = Field(None, description="IDEA: the lowest plausible value.")
    best: Number | None = Field(None, description="IDEA: the best estimate.")
    highest: Number | None = Field(None, description="IDEA: the highest plausible value.")
    confidence: Probability | None = Field(
        None,
        description="IDEA: how sure (50-100%) the analyst is that the truth lies between the "
        "lowest and the highest.",
    )

    @field_validator("values")
    @classmethod
    def _increasing(cls, values: tuple[float, ...] | None) -> tuple[float, ...] | None:
        if values is not None and any(b <= a for a, b in itertools.pairwise(values)):
            raise ValueError("each value must be above the one before (one per quantile, in order)")
        return values

    @model_validator(mode="after")
    def _one_form(self) -> QuantityAnswer:
        names = ("lowest", "best", "highest", "confidence")
        points = (self.lowest, self.best, self.highest, self.confidence)
        given = sum(p is not None for p in points)
        if self.values is not None and given:
            raise ValueError(
                "give either values (the quantiles) or lowest, best, highest and confidence"
            )
        if self.values is None and given < 4:
            if given == 0:
                raise ValueError(
                    "give values (the quantiles) or lowest, best, highest and confidence"
                )
            missing = [n for n, p in zip(names, points, strict=True) if p is None]
            raise ValueError(f"a four-point answer needs {', '.join(missing)} too")
        if self.values is None:
            if not self.lowest < self.best < self.highest:  # type: ignore[operator]
                raise ValueError("lowest < best < highest is needed")
            if self.confidence < LOWEST_CONFIDENCE:  # type: ignore[operator]
                raise ValueError("confidence must be between 50% and 100%")
        return self

    @property
    def four_point(self) -> bool:
        """Whether the answer was given as IDEA's four points (kept as given)."""
        return self.values is None


def quantile_problems(quantiles: tuple[float, ...]) -> list[str]:
    """What is wrong with a case's ``quantiles:`` (empty when nothing is).

    >>> quantile_problems((0.05, 0.5, 0.95)), quantile_problems((0.5, 0.05))
    ([], ['quantiles must increase, each strictly between 0 and 1 (e.g. [5%, 50%, 95%])'])
    """
    inside = all(0 < q < 1 for q in quantiles)
    increasing = all(b > a for a, b in itertools.pairwise(quantiles))
    if len(quantiles) < 1 or not inside or not increasing:
        return ["quantiles must increase, each strictly between 0 and 1 (e.g. [5%, 50%, 95%])"]
    return []
