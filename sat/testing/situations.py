"""The named situations: ``SITUATIONS``, ``situation`` (with the table of defining properties), ``write_situation``."""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Any

import numpy as np

import sat.testing.contents as _contents  # noqa: F401  (importing registers its builders)
import sat.testing.standings as _standings  # noqa: F401  (likewise)
from sat.testing.generated import _dump_yaml
from sat.testing.specs import _SPECS, _sizes

SITUATIONS: tuple[str, ...] = (
    "typical",
    "example-like",
    "top-tie",
    "tie-break-lead",
    "all-tied",
    "posterior-tie",
    "unrated-leader",
    "partly-unrated",
    "untested-leader",
    "no-sources",
    "one-source",
    "one-source-but-one",
    "all-na",
    "non-diagnostic",
    "consistent-neutral",
    "two-hypotheses",
    "twelve-hypotheses",
    "no-priors",
    "weak-prior-basis",
    "no-assumptions",
    "assumptions-outside-matrix",
    "undated",
    "no-base-rates",
    "analysts-disagree",
    "bare-csv",
    "leader-alone",
    "assumption-linchpin",
)
"""The situations ``situation`` can make, by name (see its table)."""

if set(SITUATIONS) != set(_SPECS):  # a builder registered but not listed, or listed but missing
    raise RuntimeError(f"SITUATIONS and the registered builders differ: {sorted(_SPECS)}")


def situation(
    name: str, *, seed: int = 0, n_evidence: int | None = None, n_hypotheses: int | None = None
) -> dict[str, Any]:
    """Case data (plain, for ``Case.model_validate``) in one of the ``SITUATIONS``.

    The seed draws the sizes left unset (up to 20 items and 6 hypotheses), the
    ratings, weights, sources and types; whatever it draws, the situation's
    defining property holds:

    | name | defining property |
    |------|-------------------|
    | typical | what ``generate_case(n_evidence, n_hypotheses, seed=seed)`` gives |
    | example-like | the example case (every section) with its ratings and analysts' ratings re-drawn; its first ``n_evidence`` items (generated ones past its own), references to dropped items dropped, stored files and quotes left out; its own hypotheses (``n_hypotheses`` must be None or their number) |
    | top-tie | two hypotheses rated identically lead, every other clearly worse on weighted inconsistency: an exact tie on the score and the tie-break |
    | tie-break-lead | two hypotheses level on weighted inconsistency, one ahead on consistency only (C against N on one item); every other clearly worse |
    | all-tied | every hypothesis level on both scores (within items of one weight, each column a rotation of one column of ratings) |
    | posterior-tie | two hypotheses rated identically (no NA, no item of type assumption: the Bayesian mode weighs those 0), equal priors (all equal, or none); every other no more consistent on any item and less on one: equal, highest posteriors |
    | unrated-leader | the last hypothesis has no ratings at all; every other has a weighted inconsistency above 0, so by score alone the unrated one would lead |
    | partly-unrated | one hypothesis is unrated on some items (at least one, not all) |
    | untested-leader | the last hypothesis is rated on fewer than half the items (at least one), CC or C wherever rated; every other is rated on every item, cell by cell never more consistent than it (an unrated cell read as N) and I or II on at least one; no item of type assumption: it leads the matrix (weighted inconsistency 0 against more) and has the largest posterior (no priors) |
    | no-sources | no sources in the case, none cited |
    | one-source | one source, cited by every item |
    | one-source-but-one | every item cites S1 but one, which cites S2 only |
    | all-na | every cell NA |
    | non-diagnostic | every item rated alike against every hypothesis |
    | consistent-neutral | ratings only CC, C and N |
    | two-hypotheses | exactly 2 hypotheses |
    | twelve-hypotheses | exactly 12 hypotheses |
    | no-priors | no hypothesis has a prior |
    | weak-prior-basis | every hypothesis has a prior (the priors sum to 1) and a ``prior_basis`` citing S1, a source graded D, E or F (the case file has no field linking a prior to a source: the basis names its id, which is what ``sat.techniques.bias`` reads) |
    | no-assumptions | no ``assumptions`` and no item of type assumption |
    | assumptions-outside-matrix | one to three ``assumptions``, none carried into the matrix (no ``evidence`` link) |
    | undated | no item has a ``date`` |
    | no-base-rates | no hypothesis has a ``prior_basis`` (priors or none) and the checklist does not answer ``base_rates`` |
    | analysts-disagree | ``analyst_ratings`` on every item by three analysts, each of whose own matrix has a different sole leader (at least 3 hypotheses) |
    | bare-csv | a matrix of ids, summaries and complete ratings written with ``sat.io.matrix.write_csv`` and read back with ``sat.load_case``: what a bare CSV gives (hypotheses labelled by their ids, one analyst "unrecorded", no sources; dated 2026-01-01); returned as ``model_dump(mode="json", exclude_defaults=True)`` |
    | leader-alone | exactly one hypothesis has a scored rating (a code other than NA, on at least one item); every other is rated NA or not at all on every item (a column at a time NA, unrated or a mix): it leads alone (``sat.techniques.ach``: leader that one, no runner-up, every other unranked) |
    | assumption-linchpin | one to three ``assumptions``; one of them, rated unsupported or caveats and supporting the leader or the overall judgement (``supports`` empty), is linked (``evidence``) to an item of type assumption that is an ACH linchpin: the leader and another hypothesis are rated identically on every other item, the leader ahead on that one (CC, C or N against I or II), every other hypothesis clearly worse; so ``sat.techniques.assumptions`` lists it among ``linchpins``. The others are rated at random, linked to another item of type assumption or to none |

    Parameters
    ----------
    name : str
        One of ``SITUATIONS``.
    seed : int
        Seeds everything drawn; the same arguments give the same data.
    n_evidence, n_hypotheses : int, optional
        Sizes; drawn from the seed when not given. Fixed-size situations (two- and
        twelve-hypotheses, example-like) refuse another number of hypotheses, and a
        situation refuses fewer items or hypotheses than its property needs.

    Returns
    -------
    dict
        Plain data (text, numbers, lists, dicts) that ``sat.case.Case.model_validate`` accepts
        and YAML can dump; its ``id`` is ``<name>-<seed>``.

    Raises
    ------
    ValueError
        An unknown name, or sizes the situation cannot have.

    Examples
    --------
    >>> from sat.case import Case
    >>> case = Case.model_validate(situation("unrated-leader", seed=2, n_evidence=5, n_hypotheses=3))
    >>> case.id, [len(e.ratings) for e in case.evidence]
    ('unrated-leader-2', [2, 2, 2, 2, 2])
    >>> situation("two-hypotheses", seed=7)["hypotheses"][1]["id"]
    'H2'
    """
    if name not in _SPECS:
        raise ValueError(f"unknown situation {name!r} (known: {', '.join(SITUATIONS)})")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a whole number, 0 or more, not {seed!r}")
    rng = np.random.default_rng([int(seed), zlib.crc32(name.encode())])
    n_e, n_h = _sizes(name, rng, n_evidence, n_hypotheses)
    data = _SPECS[name].build(rng, n_e, n_h, int(seed))
    data["id"] = f"{name}-{seed}"
    if name not in ("example-like",):
        data["title"] = f"Generated situation {name} (seed {seed})"
    return data


def write_situation(folder: str | os.PathLike[str], name: str, seed: int = 0) -> Path:
    """Write a situation as a YAML case file ``<folder>/<name>-<seed>.yaml``, for CLI tests.

    Written atomically (``sat.io.files.write_atomic``), like ``write_case``; the
    folder is made if missing.

    Examples
    --------
    >>> import tempfile
    >>> from sat.io import load_case
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_situation(folder, "all-na", seed=1)
    ...     path.name, load_case(path).id
    ('all-na-1.yaml', 'all-na-1')
    """
    data = situation(name, seed=seed)
    return _dump_yaml(Path(folder) / f"{data['id']}.yaml", data)
