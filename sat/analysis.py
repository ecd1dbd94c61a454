"""The analysis of one case: every technique, each computed once, on demand, in one place.

``analyse`` is the spine of ``sat``. The brief, the command line, the
workbook, the analytic diff and the notebooks all take their results from an
``Analysis``; the dependencies between techniques (the Key Assumptions
Check needs the ACH scores, confidence needs six results, ...) are written
here and nowhere else: a technique takes every result it builds on as a
required keyword argument and never computes one (``sat.bias.run(case, ach=...,
quality=..., assumptions=...)``), so this module is the one place they are
wired, and ``tests/test_layers.py`` checks that no other module of ``sat``
calls a technique. An ``Analysis`` computes each result once and keeps every
reader of a case on the same numbers.

Examples
--------
>>> import sat
>>> from sat.paths import EXAMPLE_CASE
>>> analysis = sat.analyse(sat.load_case(EXAMPLE_CASE))
>>> analysis.ach.leader, analysis.confidence.level
(('H1',), 'low')
>>> sorted(k for k in vars(analysis) if k in TECHNIQUES)  # computed: what was read, and what it needed
['ach', 'assumptions', 'bayes', 'bias', 'confidence', 'consensus', 'quality']
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sat.case import Case, select_evidence
from sat.registry import REGISTRY

if TYPE_CHECKING:  # the techniques are imported when their result is first asked for
    import pandas as pd

    from sat.io.sources import Provenance
    from sat.techniques.ach import ACHResult
    from sat.techniques.advocacy import AdvocacyResult
    from sat.techniques.assumptions import AssumptionsResult
    from sat.techniques.bayes import BayesResult
    from sat.techniques.bias import BiasResult
    from sat.techniques.calibration import CalibrationResult
    from sat.techniques.collect import CollectResult
    from sat.techniques.confidence import ConfidenceResult
    from sat.techniques.consensus import ConsensusResult
    from sat.techniques.deception import DeceptionResult
    from sat.techniques.earned import EarnedResult
    from sat.techniques.estimates import EstimatesResult
    from sat.techniques.experts import ExpertsResult
    from sat.techniques.gaps import GapsResult
    from sat.techniques.indicators import IndicatorsResult
    from sat.techniques.judgements import JudgementsResult
    from sat.techniques.network import NetworkResult
    from sat.techniques.quality import QualityResult
    from sat.techniques.quantities import QuantitiesResult
    from sat.techniques.quantity_scores import QuantityScoresResult
    from sat.techniques.review import ReviewResult
    from sat.techniques.scenarios import ScenariosResult

#: The results an ``Analysis`` offers and ``to_dict`` reports, in the order a reader meets them:
#: the techniques of a case in ``sat.registry``, whose rows also say what each needs (the
#: properties below pass exactly that, which ``tests/test_registry.py`` checks).
TECHNIQUES = tuple(row.name for row in REGISTRY if row.reads == "case" and row.reported)


#: The results that read the analysts' own words (``Analysis.reworded`` computes them again).
_READS_WORDS = frozenset({"review"})
_WORDS = {"key_judgements": (), "summary": None, "implications": None, "recommendations": None}


def _without_words(case: Case) -> Case:
    return case.model_copy(update=_WORDS)


@dataclass(frozen=True, eq=False)
class Analysis:
    """Every technique's result for one case, computed lazily and once.

    Build it with ``analyse``. Each attribute named in ``TECHNIQUES`` is
    computed the first time it is read and kept; a technique that cannot run on
    the case (for example the Bayesian mode with priors that leave nothing for a
    hypothesis) raises its ``AnalysisError`` each time it is read.

    Attributes
    ----------
    case : Case
        The case analysed: the file's case, less any evidence below ``min_credibility``.
    full : Case
        The case as loaded, before any evidence was left out.
    min_credibility : str
        ``L`` (every item), ``M`` or ``H``.
    since : datetime.date or None
        The date indicators report changes from.
    challenger : str or None
        The hypothesis the devil's advocate argues for (default: the runner-up).
    previous : Case or None
        An earlier version of the case, for ``sat.diff.changes``.
    pool : {"mean", "logodds"}
        How ``estimates`` pools the analysts' coherent estimates.
    extremize : float
        The log-odds pool's extremizing factor.
    earned : EarnedResult or None
        The weights the analysts earned on a judgement register (``earn_weights``): the
        estimates are then also pooled with them, beside the equal-weight pool.
    round : int or None
        The round after which the quantity answers are combined, as they stood then (None: each
        analyst's latest).
    alpha : float or None
        The classical model's calibration cut-off (None: optimised).
    """

    full: Case
    min_credibility: str = "L"
    since: dt.date | None = None
    challenger: str | None = None
    previous: Case | None = field(default=None, repr=False)
    case_path: Path | None = None
    pool: str = "mean"
    extremize: float = 2.0
    earned: EarnedResult | None = field(default=None, repr=False)
    round: int | None = None
    alpha: float | None = None

    @cached_property
    def case(self) -> Case:
        return select_evidence(self.full, self.min_credibility)

    @cached_property
    def ach(self) -> ACHResult:
        """Analysis of Competing Hypotheses (``sat.ach.run``)."""
        from sat.techniques import ach

        return ach.run(self.case)

    @cached_property
    def assumptions(self) -> AssumptionsResult:
        """Key Assumptions Check (``sat.assumptions.run``), on ``ach``."""
        from sat.techniques import assumptions

        return assumptions.run(self.case, ach=self.ach)

    @cached_property
    def quality(self) -> QualityResult:
        """Quality of Information Check (``sat.quality.run``), on ``ach``."""
        from sat.techniques import quality

        return quality.run(self.case, ach=self.ach)

    @cached_property
    def gaps(self) -> GapsResult:
        """Information gaps (``sat.gaps.run``)."""
        from sat.techniques import gaps

        return gaps.run(self.case)

    @cached_property
    def indicators(self) -> IndicatorsResult:
        """Indicators and signposts (``sat.indicators.run``), from ``since``."""
        from sat.techniques import indicators

        return indicators.run(self.case, ach=self.ach, since=self.since)

    @cached_property
    def bias(self) -> BiasResult:
        """Cognitive bias stress test (``sat.bias.run``)."""
        from sat.techniques import bias

        return bias.run(self.case, ach=self.ach, quality=self.quality, assumptions=self.assumptions)

    @cached_property
    def advocacy(self) -> AdvocacyResult:
        """Devil's advocacy against the leader (``sat.advocacy.run``)."""
        from sat.techniques import advocacy

        return advocacy.run(
            self.case, ach=self.ach, assumptions=self.assumptions, challenger=self.challenger
        )

    @cached_property
    def deception(self) -> DeceptionResult:
        """Deception checks (``sat.deception.run``)."""
        from sat.techniques import deception

        return deception.run(self.case)

    @cached_property
    def bayes(self) -> BayesResult:
        """Bayesian ACH (``sat.bayes.run``)."""
        from sat.techniques import bayes

        return bayes.run(self.case)

    @cached_property
    def posterior_point(self) -> pd.Series:
        """The posteriors' point estimate (``sat.bayes.point``): Bayes' rule once, without the
        Monte Carlo of ``bayes``, for a view that follows every edit (the workbook's live panel)."""
        from sat.techniques import bayes

        return bayes.point(self.case)

    @cached_property
    def confidence(self) -> ConfidenceResult:
        """Confidence in the judgement (``sat.confidence.run``), from six results."""
        from sat.techniques import confidence

        return confidence.run(
            self.case,
            ach=self.ach,
            bayes=self.bayes,
            quality=self.quality,
            assumptions=self.assumptions,
            bias=self.bias,
            consensus=self.optional("consensus")
            if self.case.matrix.analysts  # a panel voted
            else None,
        )

    @cached_property
    def scenarios(self) -> ScenariosResult:
        """Scenarios and alternative futures (``sat.scenarios.run``)."""
        from sat.techniques import scenarios

        return scenarios.run(self.case)

    @cached_property
    def network(self) -> NetworkResult:
        """Network influence mapping (``sat.network.run``)."""
        from sat.techniques import network

        return network.run(self.case)

    @cached_property
    def consensus(self) -> ConsensusResult:
        """Consensus among the case's analysts (``sat.consensus.run``)."""
        from sat.techniques import consensus

        return consensus.run(self.case)

    @cached_property
    def estimates(self) -> EstimatesResult:
        """The analysts' own probabilities, coherent and pooled (``sat.estimates.run``), beside
        the posterior of ``bayes`` when it can run."""
        from sat.techniques import estimates

        bayes = self.optional("bayes")
        posterior = None if bayes is None else bayes.hypotheses_frame["posterior"]
        return estimates.run(
            self.case,
            pool_by=self.pool,
            extremize=self.extremize,
            posterior=posterior,
            earned=self.earned,
        )

    @cached_property
    def quantities(self) -> QuantitiesResult:
        """The answers to the case's quantities and their equal-weight combination
        (``sat.quantities.run``)."""
        from sat.techniques import quantities

        return quantities.run(self.case, round=self.round)

    @cached_property
    def experts(self) -> ExpertsResult:
        """The analysts who answered a seed question, weighed by Cooke's classical model on the
        seeds (``sat.experts.run``), on ``quantities``."""
        from sat.techniques import experts

        return experts.run(self.quantities.weighable, alpha=self.alpha)

    @cached_property
    def collect(self) -> CollectResult:
        """What to collect next (``sat.collect.run``), on ``bayes``."""
        from sat.techniques import collect

        return collect.run(self.case, bayes=self.bayes)

    @cached_property
    def review(self) -> ReviewResult:
        """The analysts' own words against the analysis (``sat.techniques.review.run``), on
        ``bayes`` and ``confidence`` where they can run."""
        from sat.techniques import review

        return review.run(
            self.case, bayes=self.optional("bayes"), confidence=self.optional("confidence")
        )

    @cached_property
    def judgements(self) -> JudgementsResult:
        """The judgements a register can score (``sat.techniques.judgements.run``), on ``bayes``,
        ``scenarios`` and ``collect`` where they can run, and the quantity targets on
        ``quantities`` and ``experts`` where they can."""
        from sat.techniques import judgements

        bayes = self.optional("bayes")
        return judgements.run(
            self.case,
            posterior=None if bayes is None else bayes.hypotheses_frame["posterior"],
            scenarios=self.optional("scenarios"),
            collect=self.optional("collect"),
            quantities=self.optional("quantities"),
            experts=self.optional("experts"),
        )

    @cached_property
    def provenance(self) -> Provenance | None:
        """Stored source texts and quotes checked (``sat.io.sources.verify``) beside ``case_path``.

        None when the analysis was not given the case file's path. Computed on the
        case as loaded (``full``): quotes are checked whatever ``min_credibility`` leaves out.
        """
        if self.case_path is None:
            return None
        from sat.io.sources import verify

        return verify(self.full, self.case_path.parent)

    def reworded(self, case: Case) -> Analysis:
        """This analysis of ``case``, the same case in all but the analysts' own words (its key
        judgements, summary, implications and recommendations).

        Every result already computed that does not read those words (all but ``review``) is
        kept, so the workbook can review a judgement as it is typed without simulating again.

        Raises
        ------
        ValueError
            When ``case`` differs from the case analysed in anything but those words.

        Examples
        --------
        >>> import sat
        >>> from sat.paths import EXAMPLE_CASE
        >>> analysis = sat.analyse(sat.load_case(EXAMPLE_CASE))
        >>> bayes = analysis.bayes
        >>> draft = analysis.full.model_copy(update={"summary": "Coercion is almost certain."})
        >>> analysis.reworded(draft).bayes is bayes
        True
        """
        if _without_words(case) != _without_words(self.full):
            raise ValueError("the case differs in more than the analysts' words")
        new = replace(self, full=case)
        new.__dict__.update(
            (name, value)
            for name, value in vars(self).items()
            if name in TECHNIQUES and name not in _READS_WORDS
        )
        return new

    def optional(self, name: str) -> Any:
        """A technique's result, or None when it cannot run on this case (``why`` says why).

        For views that show what they can: the brief shows "not assessed" with the
        reason where, say, the priors leave the Bayesian mode nothing to compute.
        """
        from sat.errors import AnalysisError

        try:
            return getattr(self, name)
        except AnalysisError:
            return None

    def why(self, name: str) -> str | None:
        """Why a technique cannot run on this case (its ``AnalysisError``), or None when it can."""
        from sat.errors import AnalysisError

        try:
            getattr(self, name)
        except AnalysisError as exc:
            return str(exc)
        return None

    def to_dict(self, *names: str) -> dict[str, Any]:
        """The named results (default: every technique) as JSON-safe data, by name.

        A technique that cannot run on the case appears as ``{"error": message}``.
        """
        from sat.errors import AnalysisError

        out: dict[str, Any] = {"case": self.case.id}
        for name in names or TECHNIQUES:
            try:
                out[name] = getattr(self, name).to_dict()
            except AnalysisError as exc:
                out[name] = {"error": str(exc)}
        return out


def analyse(
    case: Case,
    *,
    min_credibility: str = "L",
    since: dt.date | str | None = None,
    challenger: str | None = None,
    previous: Case | str | os.PathLike[str] | None = None,
    case_path: str | os.PathLike[str] | None = None,
    pool: str = "mean",
    extremize: float = 2.0,
    earned: EarnedResult | None = None,
    round: int | None = None,
    alpha: float | None = None,
) -> Analysis:
    """Analyse a case: an ``Analysis`` whose results are computed when first read.

    Parameters
    ----------
    case : Case
        The case, as loaded.
    min_credibility : {"L", "M", "H"}
        Leave out evidence below this credibility (``L`` keeps everything): a
        sensitivity run, see ``sat.select_evidence``.
    since : date or ISO date text, optional
        The date from which indicators report changes.
    challenger : str, optional
        The hypothesis devil's advocacy argues for (default: the runner-up).
    previous : Case, or a path or ``path@gitrev``, optional
        An earlier version of the case, for ``sat.diff.changes`` (empty text: none).
    case_path : path, optional
        The case file, so that ``Analysis.provenance`` can check the sources' stored
        texts beside it.
    pool : {"mean", "logodds"}
        How the analysts' own estimates are pooled (``Analysis.estimates``).
    extremize : float
        The log-odds pool's extremizing factor (Satopää et al. 2014).
    earned : EarnedResult, optional
        The weights the analysts earned on a judgement register (``earn_weights``): their
        estimates are then also pooled with them, beside the equal-weight pool.
    round : int, optional
        The round after which the answers to the case's quantities are combined, as they stood
        then (default: each analyst's latest answer).
    alpha : float, optional
        The classical model's calibration cut-off (default: the one that scores best).

    References
    ----------
    .. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8: the
       steps of ACH, whose later steps (sensitivity, milestones) build on the scores.
    """
    if isinstance(since, str):
        since = dt.date.fromisoformat(since) if since.strip() else None
    if isinstance(previous, str | os.PathLike):
        from sat.io.versions import load_version

        previous = load_version(previous) if os.fspath(previous).strip() else None
    return Analysis(
        case,
        min_credibility=min_credibility,
        since=since,
        challenger=challenger,
        previous=previous,
        case_path=None if case_path is None else Path(case_path),
        pool=pool,
        extremize=extremize,
        earned=earned,
        round=round,
        alpha=alpha,
    )


def score_register(
    entries: Any, *, fit: bool = False, analyst: str | None = None
) -> CalibrationResult:
    """Score a register's resolved judgements (``sat.techniques.calibration.run``).

    A register holds many cases' judgements, so it is scored apart from any one
    ``Analysis``; the command line and the batch index ask here, like every reader of a
    technique.

    Parameters
    ----------
    entries : sequence of ``sat.io.register.Entry``
    fit : bool
        Also fit the recalibration map.
    analyst : str, optional
        Score only this analyst's forecasts.
    """
    from sat.techniques import calibration

    return calibration.run(entries, fit=fit, analyst=analyst)


def score_quantities(entries: Any, *, analyst: str | None = None) -> QuantityScoresResult:
    """Score a register's resolved quantity targets per forecaster
    (``sat.techniques.quantity_scores.score``): hits in the outermost interval, Cooke's
    calibration over them as seeds, the mean interval score. Apart from ``score_register``: a
    quantity's score and a probability's never join in one figure.

    Parameters
    ----------
    entries : sequence of ``sat.io.register`` rows (``read_rows``)
    analyst : str, optional
        Score only this forecaster's.
    """
    from sat.techniques import quantity_scores

    return quantity_scores.score(entries, analyst=analyst)


def earn_weights(entries: Any) -> EarnedResult:
    """The weight each forecaster earned on a register's resolved judgements
    (``sat.techniques.earned.run``), to pool a case's estimates with (``analyse(earned=...)``).

    Parameters
    ----------
    entries : sequence of ``sat.io.register.Entry``
    """
    from sat.techniques import earned

    return earned.run(entries)


def weigh_study(study: Any, *, alpha: float | None = None) -> ExpertsResult:
    """Weigh the experts of a study that is not a case (an Excalibur ``.dtt``/``.rls`` pair,
    ``sat.io.excalibur.read_study``) by Cooke's classical model (``sat.experts.run``)."""
    from sat.techniques import experts

    return experts.run(study, alpha=alpha)


def cross_validate(study: Any, *, alpha: float | None = None) -> Any:
    """The classical model's weights tested out of sample on ``study``'s seeds
    (``sat.techniques.experts_oos.cross_validate``)."""
    from sat.techniques.experts_oos import cross_validate as tested

    return tested(study, alpha=alpha)
