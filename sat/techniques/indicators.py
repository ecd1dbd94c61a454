"""Indicators and signposts of change: what to watch, what has been seen, what would shift the judgement.

Each indicator belongs to one hypothesis and either *supports* or *undermines*
it; its status is *not observed*, *observed* or *contradicted* (seen not to
happen). For each hypothesis the review reports how many of its indicators
have been observed; with a date, what has changed since; and for the brief the
*watch list*: open indicators that would undermine the leader or support a
challenger, closest challenger first. Observed indicators that already cut
against the leader are *warnings*.

References
----------
.. [1] US Government, *A Tradecraft Primer*, 2009 (Indicators or Signposts of Change).
.. [2] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 step 8
   (identify milestones that would show events taking a different course).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sat.case import Case
from sat.techniques import ach as ach_technique
from sat.techniques._frames import FrameCopy, records_frame

__all__ = ["IndicatorResult", "IndicatorsResult", "run"]

_COLUMNS = ["hypothesis", "description", "direction", "status", "observed", "evidence"]


@dataclass(frozen=True)
class IndicatorsResult:
    """The result of ``run``.

    Attributes
    ----------
    table : pandas.DataFrame
        Every indicator by id: ``hypothesis``, ``description``, ``direction``,
        ``status``, ``observed`` (date), ``evidence``, ``changed`` (since the date given).
    by_hypothesis : pandas.DataFrame
        Per hypothesis: ``indicators``, ``observed``, ``contradicted``, ``open``,
        ``share_observed`` (NaN when it has none).
    watch : pandas.DataFrame
        Open indicators that would shift the judgement, most pressing first (those against the
        leader, then those for the challengers nearest the lead), with their ``effect``
        (``"undermines_leader"`` or ``"supports_challenger"``) and, for a challenger, its
        ``steps`` from the lead (one-step rating changes; None where there are none to count).
        ``sat.report.claims.indicators`` says why in words.
    warnings : pandas.DataFrame
        Observed indicators that already undermine the leader or support a challenger, with
        their ``observed`` date, ``effect`` and ``steps``.
    """

    since: dt.date | None
    leader: tuple[str, ...]
    table_frame: pd.DataFrame = field(repr=False)
    by_hypothesis_frame: pd.DataFrame = field(repr=False)
    watch_frame: pd.DataFrame = field(repr=False)
    warnings_frame: pd.DataFrame = field(repr=False)

    table = FrameCopy()
    by_hypothesis = FrameCopy()
    watch = FrameCopy()
    warnings = FrameCopy()

    @property
    def changed(self) -> tuple[str, ...]:
        t = self.table_frame
        return tuple(t.index[t["changed"]])

    @property
    def observed_count(self) -> int:
        """How many indicators have been observed, over every hypothesis."""
        return int(self.by_hypothesis_frame["observed"].sum())

    @property
    def uncovered(self) -> tuple[str, ...]:
        """Hypotheses with no indicator at all."""
        b = self.by_hypothesis_frame
        return tuple(b.index[b["indicators"] == 0])

    def to_dict(self) -> dict[str, Any]:
        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            out = []
            for i, row in frame.iterrows():
                item = {"id": i}
                for key, value in row.items():
                    if isinstance(value, tuple):
                        value = list(value)
                    elif isinstance(value, dt.date):
                        value = value.isoformat()
                    elif pd.isna(value) if not isinstance(value, list | tuple) else False:
                        value = None
                    item[key] = value
                out.append(item)
            return out

        return {
            "since": None if self.since is None else self.since.isoformat(),
            "leader": list(self.leader),
            "indicators": records(self.table_frame),
            "by_hypothesis": records(self.by_hypothesis_frame),
            "changed": list(self.changed),
            "watch": records(self.watch_frame),
            "warnings": records(self.warnings_frame),
        }


def run(
    case: Case, *, ach: ach_technique.ACHResult, since: dt.date | str | None = None
) -> IndicatorsResult:
    """Review a case's indicators against its ACH ranking.

    Parameters
    ----------
    case : Case
        The case, with its ``indicators``.
    since : date or ISO string, optional
        Report the indicators whose status changed on or after this date.
    ach : ACHResult
        The case's ACH result (it decides leader and challengers; ``sat.analyse`` passes it).

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> indicators = run(case, ach=sat.ach.run(case))
    >>> bool((indicators.by_hypothesis["indicators"] >= 2).all())
    True
    """
    result = ach
    if isinstance(since, str):
        since = dt.date.fromisoformat(since)
    leader = result.leader
    steps = result.hypotheses["steps_to_lead"]
    table = records_frame(
        [
            {
                "id": i.id,
                "hypothesis": i.hypothesis,
                "description": i.description,
                "direction": i.direction,
                "status": i.status,
                "observed": i.observed,
                "evidence": i.evidence,
            }
            for i in case.indicators
        ],
        "id",
        _COLUMNS,
    )
    if since is None:
        table["changed"] = False
    else:
        table["changed"] = (
            table["observed"].map(lambda d: d is not None and d >= since).astype(bool)
        )

    counts = (
        pd.crosstab(table["hypothesis"], table["status"])
        .reindex(
            index=list(result.hypotheses.index),
            columns=["observed", "contradicted", "not observed"],
            fill_value=0,
        )
        .astype(int)
    )
    total = counts.sum(axis=1)
    by_hypothesis = pd.DataFrame(
        {
            "indicators": total,
            "observed": counts["observed"],
            "contradicted": counts["contradicted"],
            "open": counts["not observed"],
            "share_observed": (counts["observed"] / total.where(total > 0)).astype(float),
        }
    )
    by_hypothesis.index.name = "hypothesis"

    against_leader = table["hypothesis"].isin(leader) & (table["direction"] == "undermines")
    for_challenger = ~table["hypothesis"].isin(leader) & (table["direction"] == "supports")
    shifting = against_leader | for_challenger
    effect = pd.Series("", index=table.index, dtype=object)
    effect[against_leader] = "undermines_leader"
    effect[for_challenger] = "supports_challenger"
    # a challenger's one-step rating changes to the lead (None for the leader, or unknown)
    closeness = table["hypothesis"].map(
        lambda h: steps.get(h) if h in steps.index and h not in leader else None
    )
    steps_to_lead = pd.Series(
        [
            int(s) if supports and s is not None and not pd.isna(s) else None
            for s, supports in zip(closeness, for_challenger, strict=True)
        ],
        index=table.index,
        dtype=object,
    )
    order = table.assign(
        effect=effect,
        steps=steps_to_lead,
        _rank=(~against_leader).astype(int),
        _steps=closeness.map(lambda s: 10**9 if s is None or pd.isna(s) else int(s)),
    )
    facts = ["effect", "steps"]
    open_ = order[shifting & (table["status"] == "not observed")]
    watch = open_.sort_values(["_rank", "_steps"], kind="stable")[[*_COLUMNS[:3], *facts]]
    seen = order[shifting & (table["status"] == "observed")]
    warnings = seen.sort_values(["_rank", "_steps"], kind="stable")[
        [*_COLUMNS[:3], "observed", *facts]
    ]
    return IndicatorsResult(
        since=since,
        leader=leader,
        table_frame=table,
        by_hypothesis_frame=by_hypothesis,
        watch_frame=watch,
        warnings_frame=warnings,
    )


#: The name this result had before every result was called ``<Technique>Result`` (kept so old code runs).
IndicatorResult = IndicatorsResult
