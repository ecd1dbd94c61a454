"""Analysis of Competing Hypotheses: scores, ranking, diagnosticity and sensitivity.

Everything is computed on the whole matrix at once (NumPy), from the case's
ratings. The scores are aids to judgement, not the judgement: Heuer's point is
that the hypothesis with the fewest inconsistencies is *probably* the most
likely, and that conclusions must be tested against the few items they hinge on.

The scores
----------
``inconsistency``
    Heuer's count: I = 1 point, II = 2 points, everything else 0. Lower is better.
``weighted_inconsistency``
    PARC ACH 2.0: the sum over items of credibility weight × relevance weight ×
    value, with II = −2, I = −1, others 0, and weights L = 1/√2, M = 1, H = √2;
    reported as a positive number (higher = more inconsistent).
``consistency``
    C = 1, CC = 2 points. Used only to break ties in the weighted score.
``rank``
    By weighted inconsistency (ascending), then consistency (descending).
    Hypotheses equal on both share a rank and are reported as tied.

Cells holding a probability P(evidence | hypothesis) instead of a code take no
part in these scores (they are read by the Bayesian mode); unrated cells count as
NA and are listed in ``ACHResult.unrated``.

Scores within 1e-9 of each other are equal, so sums of √2 weights tie exactly
when they should.

Diagnosticity and sensitivity
-----------------------------
``diagnosticity``
    Of an item: the population standard deviation of its ratings across the
    hypotheses on the scale CC 2, C 1, N/NA 0, I −1, II −2 (a probability cell
    counts 0 here, as the scores do not read it). An item is ``non_diagnostic``
    (a candidate for Heuer's step 4) when it is *rated alike against every
    hypothesis*: at least one cell is given, and either it holds no probability
    cell and its diagnosticity is 0, or every cell holds the same probability.
    An item with no rating at all is not rated alike (it is unrated), nor is one
    whose probability cells differ, or that mixes probabilities and codes: the
    Bayesian mode may read it as telling the hypotheses apart.
    ``weighted_diagnosticity`` multiplies it by
    the item's weight; evidence is listed most diagnostic first. An item whose
    ratings differ only between CC, C and N (no I or II) is ``weakly_diagnostic``:
    consistent evidence proves little, and ACH users tend to weigh such items as
    if they discriminated (Karvetski and Mandel 2020). The Bayesian mode gives
    each item's likelihood ratio, the other measure of how far it separates them.
``linchpin``
    Heuer's step 6: an item whose removal alone changes the standing, that is
    who leads, or whether the lead rests on the consistency tie-break (another
    hypothesis level with it on weighted inconsistency); ``leader_without``,
    ``level_without`` and ``effect`` say how. An item whose removal leaves the
    standing as it was is not a linchpin, however level the challenger already
    is, and an item whose codes are alike (diagnosticity 0: every non-diagnostic
    item) never is.
``unranked``
    A hypothesis with no scored rating (no code other than NA) has no score:
    it gets no rank, never leads, and takes no part in margins. Of these,
    ``probability_only`` are the ones with a probability cell: the matrix
    cannot score them, but the Bayesian mode reads their cells and ranks them.
``steps_to_lead`` and the margin
    For each hypothesis, the fewest one-step rating changes (one cell moved
    one place along CC–C–N–I–II) after which it scores no worse than the
    leader; the margin is the smallest. The search is exact (a small knapsack
    over the step budget, checked against brute force in the tests), and
    ``ACHResult.closing_moves`` lists the single changes that narrow the gap most.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, CIA, 1999, ch. 8
   (steps 3–6: the matrix, diagnosticity, disproving hypotheses, sensitivity).
.. [2] Palo Alto Research Center, *ACH 2.0* (weighted inconsistency score;
   secondary copies of its technical description).
.. [3] T. Schiller, *Open Synthesis* (``openach/metrics.py``): diagnosticity as the
   spread of an item's ratings across hypotheses, NA counted as neutral.
.. [4] C. W. Karvetski and D. R. Mandel, "Coherence of probability judgments from
   uncertain evidence: Does ACH help?", *Judgment and Decision Making*, 2020
   (ACH users weigh non-diagnostic evidence as if it were diagnostic).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

import numpy as np
import pandas as pd

from sat.case import Case
from sat.matrix import Matrix
from sat.techniques import _ach_frames, _ach_standing, sensitivity
from sat.techniques._ach_frames import ACHArrays
from sat.techniques._ach_standing import (
    _CONSISTENCY,
    _I,
    _II,
    _NA,
    _SCALE,
    _WEIGHTED,
    TOLERANCE,
    ranks,
    rated_alike,
    without_each,
)
from sat.techniques._frames import FrameCopy

__all__ = ["ACHResult", "run"]


def mostly_unrated(unrated: np.ndarray | int, items: int) -> np.ndarray:
    """The rule for a hypothesis rated against fewer than half of the ``items``: its count of
    unrated items where that count is more than half, else 0 (element-wise). Its low score, or its
    posterior, then mostly measures how little it has been tested (SAT-REFERENCE section 10), so
    no brief gives it words.

    Examples
    --------
    >>> mostly_unrated(np.array([0, 2, 3, 4]), 5).tolist()
    [0, 0, 3, 4]
    """
    unrated = np.asarray(unrated, dtype=int)
    return np.where(unrated * 2 > items, unrated, 0)


def scored(index: np.ndarray) -> np.ndarray:
    """Which cells count in the scores: a rating code other than NA (not unrated, not a probability)."""
    return index != _NA


def column_scores(index: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted inconsistency and consistency per hypothesis of code positions (..., items, hypotheses).

    ``index`` holds positions in ``sat.scales.RATING_CODES`` (as in
    ``sat.case.Matrix.index``); leading axes (e.g. one matrix per analyst)
    are kept. ``weight`` is each item's credibility × relevance weight.
    """
    weighted = np.einsum("...eh,e->...h", _WEIGHTED[index], weight)
    return weighted, _CONSISTENCY[index].sum(axis=-2)


def leaders(
    ids: list[str] | tuple[str, ...],
    weighted: np.ndarray,
    consistency: np.ndarray,
    ranked: np.ndarray | None = None,
):
    """The hypotheses ranked first by weighted inconsistency, then consistency (ties all listed).

    ``ranked`` marks the hypotheses with a scored rating; the others are never first.
    """
    first = ranks(weighted, consistency, ranked) == 1
    return tuple(h for h, top in zip(ids, first, strict=True) if top)


@dataclass(frozen=True)
class ACHResult:
    """The result of ``run``. Frames are returned as copies: the result never changes.

    Attributes
    ----------
    hypotheses : pandas.DataFrame
        Indexed by hypothesis id, in case order: ``label``, ``inconsistency``,
        ``weighted_inconsistency``, ``consistency``, ``rank``, ``tied``,
        ``steps_to_lead`` (see ``run``) and ``unrated`` (items not rated against
        it: its scores say nothing about them, so a low score may only mean untested).
    evidence : pandas.DataFrame
        Indexed by evidence id, most diagnostic first: ``summary``, ``type``,
        ``credibility``, ``relevance``, ``weight``,
        ``diagnosticity``, ``weighted_diagnosticity``, ``non_diagnostic``,
        ``weakly_diagnostic``, ``linchpin``, ``leader_without`` (who would lead
        without the item, when that changes), ``level_without`` (who would be
        level with the leader on weighted inconsistency without it) and
        ``effect`` (what removing a linchpin does: ``leader``, another leader or
        none; ``level``, the lead comes to rest on the tie-break; ``clear``, a
        lead resting on the tie-break becomes a lead on the score; empty for
        other items).
    leader : tuple of str
        The hypotheses ranked first (more than one when tied).
    margin : int or None
        Fewest one-step rating changes that would take away the leader's sole
        lead on weighted inconsistency; 0 when the lead is shared or rests on
        the consistency tie-break alone; None when no rating changes could.
    unrated : tuple of (evidence id, hypothesis id)
        Cells the analyst left empty (scored as NA).
    probability_cells : int
        Cells holding a probability instead of a code (not in these scores).
    arrays : ACHArrays
        The same scores as NumPy arrays, case order (``sat.techniques._ach_frames``); the
        frames are built from them when first asked for.
    """

    case_id: str
    leader: tuple[str, ...]
    margin: int | None
    unrated: tuple[tuple[str, str], ...]
    probability_cells: int
    arrays: ACHArrays = field(repr=False)

    # Built on first access from ``arrays`` and kept (``cached_property`` writes the instance's
    # __dict__, which a frozen dataclass allows): on a large matrix building them costs more
    # than the scores, and most callers read a few numbers.
    @cached_property
    def hypotheses_frame(self) -> pd.DataFrame:
        """The frame behind ``hypotheses`` (not a copy: do not change it)."""
        return _ach_frames.hypotheses_frame(self.arrays)

    @cached_property
    def evidence_frame(self) -> pd.DataFrame:
        """The frame behind ``evidence`` (not a copy: do not change it)."""
        return _ach_frames.evidence_frame(self.arrays)

    @cached_property
    def ratings_frame(self) -> pd.DataFrame:
        """The frame behind ``ratings`` (not a copy: do not change it)."""
        return _ach_frames.ratings_frame(self.arrays)

    @cached_property
    def contributions_frame(self) -> pd.DataFrame:
        """The frame behind ``contributions`` (not a copy: do not change it)."""
        return _ach_frames.contributions_frame(self.arrays)

    hypotheses = FrameCopy()
    evidence = FrameCopy()
    ratings = FrameCopy(
        "The matrix as codes (evidence × hypotheses, case order); ``P`` marks probability cells."
    )
    contributions = FrameCopy(
        "Each item's weighted inconsistency against each hypothesis (evidence × hypotheses)."
    )

    @property
    def tied(self) -> bool:
        """Whether more than one hypothesis ranks first."""
        return len(self.leader) > 1

    @property
    def sole(self) -> str | None:
        """The one hypothesis ranked first; None when the lead is tied or nothing is ranked."""
        return self.leader[0] if len(self.leader) == 1 else None

    @property
    def unranked(self) -> tuple[str, ...]:
        """Hypotheses with no scored rating (no code other than NA): no score, never the leader."""
        a = self.arrays
        return tuple(h for h, r in zip(a.hypothesis_ids, a.ranked.tolist(), strict=True) if not r)

    @property
    def probability_only(self) -> tuple[str, ...]:
        """The ``unranked`` hypotheses with a probability cell: rated only by probabilities (and
        NA), which these scores do not read; the Bayesian mode ranks them."""
        m = self.arrays.matrix
        held = (m.rated & ~np.isnan(m.probability)).any(axis=0)
        column = dict(zip(m.hypothesis_ids, held.tolist(), strict=True))
        return tuple(h for h in self.unranked if column[h])

    @property
    def on_tiebreak(self) -> bool:
        """Whether the sole leader is level with another hypothesis on weighted inconsistency, first
        only on the consistency tie-break."""
        if self.sole is None:
            return False
        a = self.arrays
        scores = a.weighted_inconsistency[a.ranked]
        lead = a.weighted_inconsistency[a.hypothesis_ids.index(self.sole)]
        return bool((np.abs(scores - lead) <= TOLERANCE).sum() > 1)

    @property
    def linchpins(self) -> tuple[str, ...]:
        """Items whose removal alone would change the leading hypothesis."""
        return self.arrays.items(self.arrays.linchpin)

    @property
    def weakly_diagnostic(self) -> tuple[str, ...]:
        """Items that separate the hypotheses only by consistency (C or CC against N, no I or II)."""
        return self.arrays.items(self.arrays.weakly_diagnostic)

    @property
    def non_diagnostic(self) -> tuple[str, ...]:
        """Items rated alike against every hypothesis: candidates for Heuer's step 4. An item
        with no rating at all, or whose probability cells differ (or mix with codes), is not one
        (see ``run``)."""
        return self.arrays.items(self.arrays.non_diagnostic)

    def disconfirming(self, hypothesis_id: str, n: int = 3) -> pd.Series:
        """The items that count most against one hypothesis (largest weighted inconsistency first).

        Returns at most ``n`` items, only those that count against it at all.
        """
        column = self.contributions_frame[hypothesis_id]
        column = column[column > 0]
        return column.sort_values(ascending=False, kind="stable").head(n)

    def mostly_unrated(self, h: str) -> int:
        """How many items ``h`` is not rated against, when that is more than half of them (its
        low score then mostly means it has not been tested); else 0."""
        a = self.arrays
        unrated = int(a.unrated[a.hypothesis_ids.index(h)]) if h in a.hypothesis_ids else 0
        return int(mostly_unrated(unrated, len(a.evidence_ids)))

    @property
    def closest_challengers(self) -> tuple[str, ...]:
        """The hypotheses fewest one-step changes away from the lead, in rank order (empty when tied
        or out of reach)."""
        if self.sole is None or self.margin is None:
            return ()
        hyp = self.hypotheses_frame.sort_values("rank", kind="stable")
        steps = hyp["steps_to_lead"]
        others = steps[~steps.index.isin(self.leader) & hyp["ranked"]]
        return tuple(others.index[others == self.margin])

    @cached_property  # a plan per ranked challenger: computed once per result
    def easiest_challenger(self) -> str | None:
        """The ranked challenger the fewest one-step rating changes would put strictly ahead of
        the leader (``overturn_plan``); of equals the runner-up, then the closest challengers,
        then rank order. None when no change could."""
        if self.sole is None:
            return None
        hyp = self.hypotheses_frame.sort_values("rank", kind="stable")
        ranked = [h for h in hyp.index[hyp["ranked"].to_numpy(dtype=bool)] if h != self.sole]
        order = dict.fromkeys((self.runner_up, *self.closest_challengers, *ranked))
        steps = {}
        for h in order:
            plan = self.overturn_plan(h) if h else None
            if plan is not None and not plan.empty:
                steps[h] = int(plan["steps"].sum())
        return min(steps, key=steps.__getitem__) if steps else None

    def closing_moves(self, challenger: str | None = None, n: int | None = None) -> pd.DataFrame:
        """Single one-step rating changes that would narrow the gap between the leader and a challenger.

        ``challenger`` defaults to the first of ``closest_challengers``; with
        no challenger (a tied lead) the frame is empty.

        Only changes that move the weighted inconsistency score count: a cell of
        the leader's column moved N → I or I → II, or of the challenger's moved
        II → I or I → N. Each row gives the item, the hypothesis, the change, the
        ``gain`` (how much of the gap it closes) and ``closes_gap`` (whether it
        alone would bring the challenger level). Changes that close the gap come
        first, re-judgements of evidence against the challenger before new
        evidence against the leader, then by gain.
        """
        if challenger is None:
            challenger = self.closest_challengers[0] if self.closest_challengers else None
        scores = self.hypotheses_frame["weighted_inconsistency"]
        return sensitivity.closing_moves(
            self._diagnostic_ratings(),
            self.evidence_frame["weight"],
            scores,
            self.sole,
            challenger,
            n,
        )

    def _diagnostic_ratings(self) -> pd.DataFrame:
        """The ratings of the items whose codes bear on the hypotheses (diagnosticity above 0;
        every non-diagnostic item is left out: re-judging an item rated alike everywhere is never
        what would overturn a judgement)."""
        ev = self.evidence_frame
        keep = ev.index[ev["diagnosticity"] > 0]  # the codes tell the hypotheses apart
        codes = self.ratings_frame
        return codes[codes.index.isin(keep)]

    @property
    def runner_up(self) -> str | None:
        """The best-placed ranked hypothesis after the leader (None when the lead is tied)."""
        if self.sole is None:
            return None
        hyp = self.hypotheses_frame
        others = hyp[~hyp.index.isin(self.leader) & hyp["ranked"]]
        if others.empty:
            return None
        return others.sort_values(["rank", "weighted_inconsistency"], kind="stable").index[0]

    def overturn_plan(self, challenger: str | None = None, *, strict: bool = True) -> pd.DataFrame:
        """The fewest one-step rating changes that would put a challenger ahead of the leader.

        Ahead means strictly less weighted inconsistency (``strict=False``: no more
        than the leader, the rule of ``steps_to_lead``). The count is exact (see
        ``run``); the rows are one optimal set of cell changes, each with the
        number of one-step moves it takes (``steps``; their sum is the count).
        An empty frame means the lead is tied, or no rating changes could do it.

        Only items that already tell the two apart (rated differently for the
        leader and the challenger) are re-judged: an item rated alike for both says
        nothing about which of them is right, so it is never what would overturn
        the judgement (SAT-REFERENCE section 10). Of equally short plans, the one
        re-judging the items that most separate the two comes first (devil's
        advocacy's "re-examine first" order).

        Parameters
        ----------
        challenger : str, optional
            Defaults to the runner-up.
        """
        challenger = challenger if challenger is not None else self.runner_up
        return sensitivity.overturn_plan(
            self.ratings_frame,
            self.evidence_frame["weight"],
            self.hypotheses_frame["weighted_inconsistency"],
            self.sole,
            challenger,
            strict=strict,
        )

    def to_dict(self) -> dict:
        """Plain data for ``--json``: the documented keys of ``sat ach --json``."""
        hyp = self.hypotheses_frame
        ev = self.evidence_frame
        return {
            "case": self.case_id,
            "hypotheses": [
                {
                    "id": h,
                    "label": row["label"],
                    "inconsistency": int(row["inconsistency"]),
                    "weighted_inconsistency": round(float(row["weighted_inconsistency"]), 6),
                    "consistency": int(row["consistency"]),
                    "rank": None if pd.isna(row["rank"]) else int(row["rank"]),
                    "ranked": bool(row["ranked"]),
                    "tied": bool(row["tied"]),
                    "steps_to_lead": None
                    if pd.isna(row["steps_to_lead"])
                    else int(row["steps_to_lead"]),
                    "unrated": int(row["unrated"]),
                }
                for h, row in hyp.iterrows()
            ],
            "evidence": [
                {
                    "id": e,
                    "diagnosticity": round(float(row["diagnosticity"]), 6),
                    "weighted_diagnosticity": round(float(row["weighted_diagnosticity"]), 6),
                    "non_diagnostic": bool(row["non_diagnostic"]),
                    "weakly_diagnostic": bool(row["weakly_diagnostic"]),
                    "linchpin": bool(row["linchpin"]),
                    "leader_without": list(row["leader_without"]),
                    "level_without": list(row["level_without"]),
                    "effect": row["effect"] or None,
                }
                for e, row in ev.iterrows()
            ],
            "leader": list(self.leader),
            "margin": self.margin,
            "unrated": [list(pair) for pair in self.unrated],
            "probability_cells": self.probability_cells,
        }


def run(case: Case) -> ACHResult:
    """Score the ACH matrix of a case.

    Parameters
    ----------
    case : Case
        A validated case with at least two hypotheses.

    Returns
    -------
    ACHResult
        Scores and ranks per hypothesis, diagnosticity and sensitivity per item.

    Notes
    -----
    *Diagnosticity* of an item is the population standard deviation of its
    ratings across hypotheses on the scale CC = 2, C = 1, N = NA = 0, I = −1,
    II = −2 (NA and probability cells count as neutral, as in Open Synthesis). It is
    exactly 0 when an item's codes are alike against every hypothesis. Items
    *rated alike* are flagged ``non_diagnostic``, candidates for removal in
    Heuer's step 4: at least one cell given, and either no probability cell and
    diagnosticity 0, or the same probability in every cell (an item left
    unrated, or whose probabilities differ or mix with codes, is not flagged). The
    ``weighted_diagnosticity`` multiplies it by the item's credibility ×
    relevance weight; items are listed by it, most diagnostic first.

    *Sensitivity* (Heuer's step 6). An item is a ``linchpin`` when removing it
    alone changes the standing: the set of hypotheses ranked first
    (``leader_without`` says what would lead instead), or whether a single
    leader's lead rests on the consistency tie-break (``level_without``).
    An item whose codes are alike (diagnosticity 0, as every non-diagnostic item's
    are) is never a linchpin. ``steps_to_lead`` is, for each
    ranked hypothesis, the fewest one-step rating changes (one cell of an item
    that bears on the hypotheses moved one place along CC–C–N–I–II; NA,
    unrated and probability cells and items of diagnosticity 0 left alone) after which its
    weighted inconsistency is no greater than the leader's. Only the leader's
    column (made more inconsistent) and the challenger's (made less) can help;
    a step that only leads to a scoring one (C → N before N → I) counts too.
    The count is exact: a grouped knapsack over the step budget (see
    ``sat.techniques._steps.fewest_steps``). The ``margin`` is the smallest such count: small margins
    mean the ranking hangs on a few judgements.

    References
    ----------
    .. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, CIA, 1999, ch. 8.
    .. [2] PARC, *ACH 2.0*: weighted inconsistency (secondary copies).

    Examples
    --------
    >>> from sat.case import Case
    >>> case = Case(id="x", title="x", question="?", date="2026-01-01", analysts=["me"],
    ...     hypotheses=[{"id": h, "label": h, "statement": h} for h in ("H1", "H2")],
    ...     evidence=[{"id": "E1", "summary": "a", "ratings": {"H1": "C", "H2": "I"}},
    ...               {"id": "E2", "summary": "b", "credibility": "H", "ratings": {"H1": "N", "H2": "II"}}])
    >>> result = run(case)
    >>> result.leader
    ('H1',)
    >>> result.hypotheses[["inconsistency", "weighted_inconsistency", "rank"]].round(3)
        inconsistency  weighted_inconsistency  rank
    id
    H1              0                   0.000     1
    H2              3                   3.828     2
    >>> result.margin
    3
    """
    m = case.matrix
    index = m.index
    hyp_ids = np.array(m.hypothesis_ids, dtype=object)
    sc = _ach_standing.score(m.index, m.weight)
    diagnosticity = _SCALE[index].std(axis=1) if len(hyp_ids) else np.zeros(len(m.evidence_ids))
    diagnostic = diagnosticity > 0  # the codes tell the hypotheses apart: the scores can move
    held = ~np.isnan(m.probability)
    # Sensitivity (Heuer's step 6), all items at once
    linchpin, leader_without, level_without, effect = without_each(
        index,
        sc.is_scored,
        sc.contrib,
        sc.weighted,
        sc.consistency,
        sc.counts,
        sc.leaders,
        sc.ranked,
        diagnostic,
        m.weight,
        hyp_ids,
    )
    sole, margin = _standing(m, sc, diagnostic)
    unrated, unrated_pairs = _unrated(m, hyp_ids)
    arrays = ACHArrays(
        hypothesis_ids=m.hypothesis_ids,
        labels=tuple(h.label for h in case.hypotheses),
        inconsistency=_frozen(sc.inconsistency),
        weighted_inconsistency=_frozen(sc.weighted),
        consistency=_frozen(sc.consistency),
        rank=_frozen(sc.rank),
        ranked=_frozen(sc.ranked),
        leader_position=sole,
        unrated=_frozen(unrated),
        diagnosticity=_frozen(diagnosticity),
        non_diagnostic=_frozen(rated_alike(m.rated, m.probability, diagnostic, held)),
        weakly_diagnostic=_frozen(diagnostic & ~((index == _I) | (index == _II)).any(axis=1)),
        linchpin=_frozen(linchpin),
        effect=_frozen(effect),
        leader_without=MappingProxyType(leader_without),
        level_without=MappingProxyType(level_without),
        contributions=_frozen(sc.contrib),
        matrix=m,
    )
    return ACHResult(
        case_id=case.id,
        leader=tuple(hyp_ids[sc.leaders].tolist()),
        margin=margin,
        unrated=unrated_pairs,
        probability_cells=int(held.sum()),
        arrays=arrays,
    )


def _standing(
    m: Matrix, sc: _ach_standing.Scores, diagnostic: np.ndarray
) -> tuple[int | None, int | None]:
    """The sole leader's position (None for a tie or none) and the margin: the fewest rating
    steps to bring a challenger level (0 for a tie, None without a leader)."""
    n_leaders = int(sc.leaders.sum())
    sole = int(np.flatnonzero(sc.leaders)[0]) if n_leaders == 1 else None
    margin: int | None = 0 if n_leaders > 1 else None
    if sole is not None:
        margin = _ach_standing.margin(
            m.index, diagnostic, m.weight, sc.weighted, sole, sc.ranked & ~sc.leaders
        )
    return sole, margin


def _unrated(m: Matrix, hyp_ids: np.ndarray) -> tuple[np.ndarray, tuple[tuple[str, str], ...]]:
    """Unrated cells per hypothesis, and each as an (item, hypothesis) pair."""
    n_h = len(hyp_ids)
    if m.rated.all():  # the usual case: nothing to list
        return np.zeros(n_h, int), ()
    rows, columns = np.nonzero(~m.rated)
    ev_ids = np.array(m.evidence_ids, dtype=object)
    pairs = tuple(zip(ev_ids[rows].tolist(), hyp_ids[columns].tolist(), strict=True))
    return np.bincount(columns, minlength=n_h), pairs


def _frozen(array: np.ndarray) -> np.ndarray:
    """``array`` made read-only (a result never changes)."""
    array.flags.writeable = False
    return array
