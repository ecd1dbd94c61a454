"""The scenarios' facts in words: the coherence checks the scenarios view and ``--json`` state, and
the reading beside the most probable scenario.

``sat.techniques.scenarios`` gives each check as a ``Fact`` (``"overlap"``, ``"mislabelled"``,
``"uncovered"``) and names the scenario shown as more probable than every other
(``most_likely``, ``below_even``); this module says them. The brief's own sentences about the
scenarios are the claims of ``sat.report.claims.foresight``.

Examples
--------
>>> from sat.techniques.bias import Fact
>>> check_said(Fact("uncovered", {"covered": 0.69}))
'the scenarios exclude each other and cover 69% of the outcomes: 31% lies in futures none of them describes'
"""

from __future__ import annotations

from typing import Any

from sat.language import percent

__all__ = ["check_said", "checks_said", "reading", "scenarios_data"]


def check_said(fact: Any) -> str:
    """One coherence check (a ``Fact`` of ``ScenariosResult.checks``) as a line of the view."""
    f = fact.figures
    if fact.kind == "overlap":
        return (
            f"{f['first']} and {f['second']} can both happen (neither rules out an event of the "
            "other): their probabilities overlap and should not be added"
        )
    if fact.kind == "mislabelled":
        return (
            f"{f['scenario']} is labelled most likely ({percent(f['probability'])}) but "
            f"{f['best']} is more probable ({percent(f['best_probability'])})"
        )
    if fact.kind == "uncovered":
        covered = f["covered"]
        return (
            f"the scenarios exclude each other and cover {covered:.0%} of the outcomes: "
            f"{1 - covered:.0%} lies in futures none of them describes"
        )
    raise ValueError(f"no words for the scenarios check {fact.kind!r}")


def checks_said(result: Any) -> tuple[str, ...]:
    """Every coherence check of the ``ScenariosResult``, in its order, as lines of the view."""
    return tuple(check_said(c) for c in result.checks)


def reading(result: Any, scenario: str) -> str:
    """The reading shown beside ``scenario``: "the most likely of these" (with ", though less
    likely than not" when shown below 50%) for the scenario shown as more probable than every
    other, else nothing."""
    if scenario != result.most_likely:
        return ""
    return "the most likely of these" + (
        ", though less likely than not" if result.below_even else ""
    )


def scenarios_data(result: Any) -> dict[str, Any]:
    """The result as ``sat scenarios --json`` gives it: each scenario with its ``reading`` and the
    checks as lines, in place of the facts ``most_likely``, ``below_even`` and the checks' kinds."""
    data = result.to_dict()
    data["scenarios"] = [{**s, "reading": reading(result, s["id"])} for s in data["scenarios"]]
    data["checks"] = list(checks_said(result))
    del data["most_likely"], data["below_even"]
    return data
