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

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case
from sat.techniques import _steps, sensitivity
from sat.techniques._frames import FrameCopy

__all__ = ["ACHResult", "run"]

_CODES = np.array(scales.RATING_CODES)
_INCONSISTENCY = np.array([scales.INCONSISTENCY_POINTS[c] for c in scales.RATING_CODES], float)
_WEIGHTED = np.array([-scales.WEIGHTED_VALUE[c] for c in scales.RATING_CODES], float)
_CONSISTENCY = np.array([scales.CONSISTENCY_POINTS[c] for c in scales.RATING_CODES], float)
_SCALE = np.array([scales.SCALE_VALUE[c] for c in scales.RATING_CODES], float)
# Sums of √2 weights are not exact in floating point: scores within this are equal.
TOLERANCE = 1e-9
_NA = scales.RATING_CODES.index("NA")


def _ranks(weighted: np.ndarray, consistency: np.ndarray, ranked: np.ndarray | None = None):
    """Competition ranks (1, 1, 3, ...) by weighted inconsistency, then consistency.

    Hypotheses not ``ranked`` (no scored rating) get rank 0 and are passed over.
    """
    ranked = np.ones(weighted.shape, bool) if ranked is None else ranked
    level = np.abs(weighted[None, :] - weighted[:, None]) <= TOLERANCE
    better = ((weighted[None, :] < weighted[:, None]) & ~level) | (
        level & (consistency[None, :] > consistency[:, None])
    )
    return np.where(ranked, 1 + (better & ranked[None, :]).sum(axis=1), 0)


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
    first = _ranks(weighted, consistency, ranked) == 1
    return tuple(h for h, top in zip(ids, first, strict=True) if top)


def _leader_masks(weighted: np.ndarray, consistency: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """Per row of (items × hypotheses) scores, which ranked hypotheses rank first."""
    w = np.where(ranked, weighted, np.inf)
    best = ranked & (w <= w.min(axis=1, keepdims=True) + TOLERANCE)
    top = np.where(best, consistency, -np.inf).max(axis=1, keepdims=True)
    return best & (consistency == top)


def _on_tiebreak(weighted: np.ndarray, first: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """Per row: one hypothesis is first, and another ranked one is level with it on the primary score."""
    single = first.sum(axis=-1) == 1
    lead = np.where(first, weighted, np.inf).min(axis=-1, keepdims=True)
    level = ranked & ~first & (np.abs(weighted - lead) <= TOLERANCE)
    return single & level.any(axis=-1)


def _rated_alike(rated: np.ndarray, probability: np.ndarray, diagnostic: np.ndarray) -> np.ndarray:
    """Per item: rated alike against every hypothesis. At least one cell is given, and either
    no cell holds a probability and the codes do not differ (NA and unrated counting as N), or
    every cell holds the same probability.

    Examples
    --------
    >>> nan = np.nan
    >>> rated = np.array([[True, True], [True, True], [False, False], [True, True], [True, False]])
    >>> p = np.array([[nan, nan], [0.52, 0.48], [nan, nan], [0.5, 0.5], [0.5, nan]])
    >>> _rated_alike(rated, p, np.zeros(5, bool)).tolist()
    [True, False, False, True, False]
    """
    held = ~np.isnan(probability)
    high = np.where(held, probability, -np.inf).max(axis=1, initial=-np.inf)
    low = np.where(held, probability, np.inf).min(axis=1, initial=np.inf)
    same_probability = held.all(axis=1) & (high == low)
    return rated.any(axis=1) & ((~held.any(axis=1) & ~diagnostic) | same_probability)


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
    """

    case_id: str
    leader: tuple[str, ...]
    margin: int | None
    unrated: tuple[tuple[str, str], ...]
    probability_cells: int
    hypotheses_frame: pd.DataFrame = field(repr=False)
    evidence_frame: pd.DataFrame = field(repr=False)
    ratings_frame: pd.DataFrame = field(repr=False)
    contributions_frame: pd.DataFrame = field(repr=False)

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
        hyp = self.hypotheses_frame
        return tuple(hyp.index[~hyp["ranked"]])

    @property
    def probability_only(self) -> tuple[str, ...]:
        """The ``unranked`` hypotheses with a probability cell: rated only by probabilities (and
        NA), which these scores do not read; the Bayesian mode ranks them."""
        held = (self.ratings_frame == "P").any(axis=0)
        return tuple(h for h in self.unranked if bool(held[h]))

    @property
    def on_tiebreak(self) -> bool:
        """Whether the sole leader is level with another hypothesis on weighted inconsistency, first
        only on the consistency tie-break."""
        if self.sole is None:
            return False
        hyp = self.hypotheses_frame[self.hypotheses_frame["ranked"]]
        scores = hyp["weighted_inconsistency"]
        level = (scores - scores[self.sole]).abs() <= TOLERANCE
        return bool(level.sum() > 1)

    @property
    def linchpins(self) -> tuple[str, ...]:
        """Items whose removal alone would change the leading hypothesis."""
        ev = self.evidence_frame
        return tuple(ev.index[ev["linchpin"]])

    @property
    def weakly_diagnostic(self) -> tuple[str, ...]:
        """Items that separate the hypotheses only by consistency (C or CC against N, no I or II)."""
        ev = self.evidence_frame
        return tuple(ev.index[ev["weakly_diagnostic"]])

    @property
    def non_diagnostic(self) -> tuple[str, ...]:
        """Items rated alike against every hypothesis: candidates for Heuer's step 4. An item
        with no rating at all, or whose probability cells differ (or mix with codes), is not one
        (see ``run``)."""
        ev = self.evidence_frame
        return tuple(ev.index[ev["non_diagnostic"]])

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
        hyp = self.hypotheses_frame
        unrated = int(hyp.at[h, "unrated"]) if h in hyp.index else 0
        return int(mostly_unrated(unrated, len(self.evidence_frame)))

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
    weight = m.weight
    n_h = len(m.hypothesis_ids)
    contrib = _WEIGHTED[index] * weight[:, None]
    inconsistency = _INCONSISTENCY[index].sum(axis=0)
    weighted = contrib.sum(axis=0)
    cons_rows = _CONSISTENCY[index]
    consistency = cons_rows.sum(axis=0)
    is_scored = scored(index)
    ranked = is_scored.any(axis=0)
    ranks = _ranks(weighted, consistency, ranked)
    leaders = ranks == 1
    leader_ids = tuple(np.array(m.hypothesis_ids, dtype=object)[leaders].tolist())
    values = _SCALE[index]
    diagnosticity = values.std(axis=1) if n_h else np.zeros(len(m.evidence_ids))
    diagnostic = diagnosticity > 0  # the codes tell the hypotheses apart: the scores can move
    alike = _rated_alike(m.rated, m.probability, diagnostic)

    # Sensitivity (Heuer's step 6), all items at once: the standing without each item is who
    # leads and whether the lead rests on the tie-break; an item is a linchpin when it changes.
    rest = weighted[None, :] - contrib
    ranked_rest = (is_scored.sum(axis=0)[None, :] - is_scored) > 0
    without = _leader_masks(rest, consistency[None, :] - cons_rows, ranked_rest)
    changed = (without != leaders[None, :]).any(axis=1)
    tiebreak_now = bool(_on_tiebreak(weighted, leaders, ranked))
    tiebreak_without = _on_tiebreak(rest, without, ranked_rest)
    linchpin = (changed | (tiebreak_without != tiebreak_now)) & diagnostic
    hyp_ids = np.array(m.hypothesis_ids, dtype=object)
    leader_without = [
        tuple(hyp_ids[row].tolist()) if c else () for row, c in zip(without, changed, strict=True)
    ]
    lead_rest = np.where(without, rest, np.inf).min(axis=1, keepdims=True)
    level = ranked_rest & ~without & (np.abs(rest - lead_rest) <= TOLERANCE)
    level_without = [
        tuple(hyp_ids[row].tolist()) if pin and not c and on else ()
        for row, pin, c, on in zip(level, linchpin, changed, tiebreak_without, strict=True)
    ]
    # what removing a linchpin does: another leader (or none), a lead resting on the
    # tie-break, or a tie-break lead made clear
    effect = np.where(
        ~linchpin, "", np.where(changed, "leader", np.where(tiebreak_without, "level", "clear"))
    )

    margin: int | None
    if leaders.sum() != 1:
        steps = np.where(leaders, 0, None).astype(object)
        margin = 0 if leaders.sum() > 1 else None
    else:
        # re-judgements of items that bear on the hypotheses: a non-diagnostic item never counts
        steps = _steps.steps_to_lead(
            index[diagnostic], weight[diagnostic], weighted, int(np.flatnonzero(leaders)[0])
        )
        steps = np.where(ranked, steps, None).astype(object)
        others = [s for j, s in enumerate(steps) if not leaders[j] and ranked[j]]
        finite = [s for s in others if s is not None]
        margin = min(finite) if finite else None

    hypotheses = pd.DataFrame(
        {
            "label": [h.label for h in case.hypotheses],
            "inconsistency": inconsistency.astype(int),
            "weighted_inconsistency": weighted,
            "consistency": consistency.astype(int),
            "rank": pd.array([int(r) if r else None for r in ranks.tolist()], dtype="Int64"),
            "tied": ranked & (np.bincount(ranks, minlength=n_h + 1)[ranks] > 1),
            "ranked": ranked,
            "steps_to_lead": pd.array(list(steps), dtype="Int64"),
            "unrated": (~m.rated).sum(axis=0).astype(int),
        },
        index=pd.Index(m.hypothesis_ids, name="id"),
    )
    evidence = pd.DataFrame(
        {
            "summary": m.summary,
            "type": m.type,
            "credibility": m.credibility,
            "relevance": m.relevance,
            "weight": weight,
            "diagnosticity": diagnosticity,
            "weighted_diagnosticity": diagnosticity * weight,
            "non_diagnostic": alike,
            "weakly_diagnostic": (diagnosticity > 0) & (values.min(axis=1, initial=0) >= 0),
            "linchpin": linchpin,
            "leader_without": leader_without,
            "level_without": level_without,
            "effect": effect.astype(object),
        },
        index=pd.Index(m.evidence_ids, name="id"),
    )
    evidence = evidence.sort_values(
        ["weighted_diagnosticity", "diagnosticity"], ascending=False, kind="stable"
    )
    shown = np.where(np.isnan(m.probability), m.codes, "P")
    shown = np.where(m.rated, shown, "")
    ratings = pd.DataFrame(
        shown, index=pd.Index(m.evidence_ids, name="id"), columns=list(m.hypothesis_ids)
    )
    contributions = pd.DataFrame(contrib, index=ratings.index, columns=list(m.hypothesis_ids))
    unrated_cells = np.argwhere(~m.rated)
    return ACHResult(
        case_id=case.id,
        leader=leader_ids,
        margin=margin,
        unrated=tuple((m.evidence_ids[i], m.hypothesis_ids[j]) for i, j in unrated_cells.tolist()),
        probability_cells=int((~np.isnan(m.probability)).sum()),
        hypotheses_frame=hypotheses,
        evidence_frame=evidence,
        ratings_frame=ratings,
        contributions_frame=contributions,
    )
