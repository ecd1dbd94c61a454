"""What to collect next: the open indicators whose answer would tell the hypotheses apart most.

For every indicator not yet observed (or contradicted), and every information
gap the case phrases as an observation (``information_gaps`` entries with an
``observation``, listed as G1, G2, ... by position), the question is how much
learning whether it happens would change the picture. Under the Bayesian model
(``sat.bayes``), with the current posterior P(H):

* P(o | H), the chance of observing it under each hypothesis, comes from the
  indicator's ``ratings`` (what it would be rated against each hypothesis if
  seen), read through the case's likelihood table as evidence cells are, with no
  credibility tempering (the observation is taken as sound); a cell holding a
  probability is used as given. An indicator without ratings is read as C for
  the hypothesis it supports (I for one it undermines) and N for the others; a
  gap without ratings is N everywhere, and so tells nothing until rated.
* P(o) = Σ P(H) P(o | H); the posterior after observing it is P(H) P(o | H) / P(o),
  after seeing it not happen P(H) (1 − P(o | H)) / (1 − P(o)).
* The **expected information gain** is the expected fall in the entropy of the
  posterior over the hypotheses, in bits: H(P) − P(o) H(P | o) − (1 − P(o)) H(P | not o),
  the mutual information between the indicator and the hypothesis. It is never
  negative, and 0 when the indicator is equally likely under every hypothesis.
* The **leader's change** is its posterior after observing the indicator minus its
  posterior now (and likewise if the indicator is seen not to happen).
* **Who would lead** once it is seen, or seen not to happen: the ranked hypotheses (those the
  case rates, or the indicator's own ratings would) sharing the largest posterior then, with
  that posterior; all of them on a tie, none when nothing is ranked.

Candidates are ranked by expected gain. Because ordinal ratings are read
through a table, the gains are comparable with each other rather than exact:
give P(o | H) as probabilities where they can be estimated.

References
----------
.. [1] D. V. Lindley, "On a measure of the information provided by an experiment",
   *Annals of Mathematical Statistics* 27(4), 1956 (expected information gain).
.. [2] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 step 8
   (milestones that would show events taking a different course).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case
from sat.techniques._frames import FrameCopy, records_frame, rounded
from sat.techniques.bayes import BayesResult
from sat.techniques.posterior import leading, rated_hypotheses, stated_table

__all__ = ["CollectResult", "CollectionResult", "entropy", "information_gain", "run"]


def entropy(p: np.ndarray) -> np.ndarray:
    """Shannon entropy in bits along the last axis (0 log 0 = 0).

    Examples
    --------
    >>> float(entropy(np.array([0.5, 0.5])))
    1.0
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log2(np.where(p > 0, p, 1.0)), 0.0)
    return terms.sum(axis=-1)


def information_gain(prior: np.ndarray, likelihood: np.ndarray) -> dict[str, np.ndarray]:
    """Expected information gain of binary observations, all at once.

    Parameters
    ----------
    prior : array (hypotheses,)
        The current probabilities.
    likelihood : array (candidates, hypotheses)
        P(observed | hypothesis) for each candidate.

    Returns
    -------
    dict
        ``p_observed``, ``if_observed`` and ``if_not`` (posteriors, candidates ×
        hypotheses) and ``gain`` (bits, per candidate).

    Examples
    --------
    >>> out = information_gain(np.array([0.5, 0.5]), np.array([[0.8, 0.2]]))
    >>> round(float(out["gain"][0]), 4)
    0.2781
    """
    joint = prior[None, :] * likelihood
    p_obs = joint.sum(axis=1)
    miss = prior[None, :] * (1 - likelihood)
    p_not = miss.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        if_obs = np.where(p_obs[:, None] > 0, joint / p_obs[:, None], prior[None, :])
        if_not = np.where(p_not[:, None] > 0, miss / p_not[:, None], prior[None, :])
    gain = entropy(prior) - p_obs * entropy(if_obs) - p_not * entropy(if_not)
    return {
        "p_observed": p_obs,
        "if_observed": if_obs,
        "if_not": if_not,
        "gain": np.maximum(gain, 0.0),  # rounding can leave -1e-17
    }


@dataclass(frozen=True)
class CollectResult:
    """The result of ``run``.

    Attributes
    ----------
    targets : pandas.DataFrame
        Open indicators and observable gaps by id, most informative first:
        ``kind`` (indicator or gap), ``description`` (for a gap, its observation),
        ``hypothesis`` (an indicator's), ``p_observed``, ``gain`` (bits); the posterior of
        ``leader`` now, if the candidate is seen and if it is seen not to happen
        (``follows_now``, ``follows_if_observed``, ``follows_if_not``) and ``change`` (if
        seen); who would lead then (``leader_if_observed``, ``leader_if_not``: tuples of
        hypothesis ids, several on a tie, empty with nothing ranked) and at what posterior
        (``p_leader_if_observed``, ``p_leader_if_not``; NaN with nothing ranked);
        ``rated`` (whether the case gave its ratings, or the default reading was used).
    leader : str
        The hypothesis whose posterior the ``follows_*`` columns follow: the first of
        ``leaders``; with nothing ranked, the most probable hypothesis (ranked or not).
        Check ``leaders`` before calling it the leader.
    leaders : tuple of str
        The ranked hypotheses sharing the largest posterior (``BayesResult.leaders``): one
        is the leader, several are tied, none when nothing is ranked.
    contenders : tuple of str
        Hypotheses the Bayesian mode does not tell apart from a sole leader
        (``BayesResult.contenders``): call the leader the
        most probable only when this is empty.
    unrated_above : tuple of str
        Hypotheses rated against nothing whose posterior (their prior, since nothing tests them)
        is larger than the leaders': the leaders are the most probable of the rated hypotheses
        only.
    entropy : float
        The entropy of the current posterior, in bits (the most any answer could remove).
    """

    leader: str
    entropy: float
    targets_frame: pd.DataFrame = field(repr=False)
    leaders: tuple[str, ...] = ()
    contenders: tuple[str, ...] = ()
    unrated_above: tuple[str, ...] = ()

    targets = FrameCopy()

    def top(self, n: int = 3) -> pd.DataFrame:
        return self.targets_frame.head(n).copy()

    @property
    def tied(self) -> bool:
        """Whether several hypotheses share the largest posterior: name no leader then."""
        return len(self.leaders) > 1

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``: ``leader`` as ``sat bayes --json`` gives it (the one leader,
        a list of the tied, or null with nothing ranked); ``follows``, whose posterior the
        ``follows_*`` figures are; each target's ``leader_if_observed`` and ``leader_if_not``
        as lists (the tied all listed; empty with nothing ranked)."""
        leader: str | list[str] | None = (
            list(self.leaders) if self.tied else (self.leaders[0] if self.leaders else None)
        )
        return {
            "leader": leader,
            "leaders": list(self.leaders),
            "contenders": list(self.contenders),
            "unrated_above": list(self.unrated_above),
            "tied": self.tied,
            "follows": self.leader,
            "entropy": round(self.entropy, 6),
            "targets": [
                {
                    "id": i,
                    **{
                        k: None if isinstance(v, float) and np.isnan(v) else v
                        for k, v in rounded(row.to_dict()).items()
                    },
                }
                for i, row in self.targets_frame.iterrows()
            ],
        }


def _candidates(case: Case) -> list[dict[str, Any]]:
    """Open indicators, then information gaps phrased as observations, with their cells."""
    found = []
    for indicator in case.indicators:
        if indicator.status != "not observed":
            continue
        cells = dict(indicator.ratings) or {
            indicator.hypothesis: "C" if indicator.direction == "supports" else "I"
        }
        found.append(
            {
                "id": indicator.id,
                "kind": "indicator",
                "description": indicator.description,
                "hypothesis": indicator.hypothesis,
                "cells": cells,
                "rated": bool(indicator.ratings),
            }
        )
    for k, gap in enumerate(case.information_gaps, 1):
        if gap.observation is not None:
            found.append(
                {
                    "id": f"G{k}",
                    "kind": "gap",
                    "description": gap.observation,
                    "hypothesis": None,
                    "cells": dict(gap.ratings),
                    "rated": bool(gap.ratings),
                }
            )
    return found


def _rates(cell: Any) -> bool:
    """Whether a candidate's cell rates its hypothesis (a code other than NA, or a probability)."""
    return cell is not None and (not isinstance(cell, str) or cell in scales.RATING_LADDER)


def _likelihoods(case: Case, candidates: list[dict[str, Any]]) -> np.ndarray:
    """P(observed | H) for each candidate (candidates × hypotheses), read as described above."""
    table = stated_table(case)  # the stated table, untempered: the observation is sound
    rows = []
    for candidate in candidates:
        row = []
        for h in case.hypotheses:
            cell = candidate["cells"].get(h.id, "N")
            if isinstance(cell, str):
                row.append(table.get(cell, 0.5) if cell in scales.RATING_LADDER else 0.5)
            else:
                row.append(float(cell))
        rows.append(row)
    return np.array(rows, dtype=float).reshape(len(candidates), len(case.hypotheses))


def run(case: Case, *, bayes: BayesResult) -> CollectResult:
    """Rank a case's open indicators by how much observing them would tell (see the module docstring).

    Parameters
    ----------
    case : Case
    bayes : BayesResult
        The case's Bayesian result (``sat.analyse`` passes it): its posterior is the prior
        an observation updates, and its leaders the hypotheses an observation could unseat.

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> result = run(case, bayes=sat.bayes.run(case))
    >>> bool((result.targets["gain"].diff().dropna() <= 0).all())  # most informative first
    True
    """
    posterior = bayes.hypotheses_frame["posterior"]
    hyps = [h.id for h in case.hypotheses]
    prior = posterior.reindex(hyps).to_numpy(dtype=float)
    leaders = tuple(bayes.leaders)
    leader = leaders[0] if leaders else hyps[int(np.argmax(prior))]
    lead = hyps.index(leader)
    open_ = _candidates(case)
    found = information_gain(prior, _likelihoods(case, open_))
    ranked = rated_hypotheses(case)

    def first(post: np.ndarray, cells: dict[str, Any]) -> tuple[tuple[str, ...], float]:
        """Who would lead on ``post`` (ranked by the case or by the candidate's own cells)."""
        rates = np.array([_rates(cells.get(h)) for h in hyps], dtype=bool)
        with np.errstate(divide="ignore"):
            top = leading(np.log(post), ranked | rates)
        return tuple(hyps[i] for i in top), float(post[top[0]]) if top else float("nan")

    rows = []
    for k, candidate in enumerate(open_):
        seen, seen_p = first(found["if_observed"][k], candidate["cells"])
        unseen, unseen_p = first(found["if_not"][k], candidate["cells"])
        rows.append(
            {
                "id": candidate["id"],
                "kind": candidate["kind"],
                "description": candidate["description"],
                "hypothesis": candidate["hypothesis"],
                "p_observed": float(found["p_observed"][k]),
                "gain": float(found["gain"][k]),
                "follows_now": float(prior[lead]),
                "follows_if_observed": float(found["if_observed"][k, lead]),
                "follows_if_not": float(found["if_not"][k, lead]),
                "change": float(found["if_observed"][k, lead] - prior[lead]),
                "leader_if_observed": seen,
                "p_leader_if_observed": seen_p,
                "leader_if_not": unseen,
                "p_leader_if_not": unseen_p,
                "rated": candidate["rated"],
            }
        )
    rows.sort(key=lambda r: -r["gain"])
    numbers = (
        "p_observed",
        "gain",
        "follows_now",
        "follows_if_observed",
        "follows_if_not",
        "change",
        "p_leader_if_observed",
        "p_leader_if_not",
    )
    frame = records_frame(
        rows,
        "id",
        [
            "kind",
            "description",
            "hypothesis",
            "p_observed",
            "gain",
            "follows_now",
            "follows_if_observed",
            "follows_if_not",
            "change",
            "leader_if_observed",
            "p_leader_if_observed",
            "leader_if_not",
            "p_leader_if_not",
            "rated",
        ],
        flags=("rated",),
    )
    frame = frame.astype(dict.fromkeys(numbers, float))
    return CollectResult(
        leader=leader,
        entropy=float(entropy(prior)),
        targets_frame=frame,
        leaders=leaders,
        contenders=tuple(bayes.contenders),
        unrated_above=tuple(
            h
            for h, rated, p in zip(hyps, ranked, prior, strict=True)
            if leaders and not rated and p > prior[lead] * (1 + 1e-9)
        ),
    )


#: The name this result had before every result was called ``<Technique>Result`` (kept so old code runs).
CollectionResult = CollectResult
