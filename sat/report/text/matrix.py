"""The matrix and the checks on it, as text: ACH, key assumptions, quality of information, gaps,
indicators, the bias stress test, devil's advocacy and deception."""

from __future__ import annotations

from typing import Any

from sat.report.claims.gaps import gaps_found
from sat.report.text._shared import names, said_lines, table


def ach(result: Any, *, top: int = 10) -> str:
    """The ranking, the leader and margin, the most diagnostic evidence, linchpins."""
    import pandas as pd

    hyp = result.hypotheses.sort_values("rank", kind="stable")
    ranking = hyp[
        ["label", "inconsistency", "weighted_inconsistency", "consistency", "rank", "steps_to_lead"]
    ].rename(columns={"weighted_inconsistency": "weighted", "steps_to_lead": "steps"})
    # no <NA> reaches a reader: an unranked hypothesis has no rank, a tie no steps
    ranking = ranking.astype({"rank": object, "steps": object})
    ranking["rank"] = [r if pd.notna(r) else "unranked" for r in ranking["rank"]]
    ranking["steps"] = [
        ("tied" if result.tied else "lead") if h in result.leader else (s if pd.notna(s) else "–")
        for h, s in ranking["steps"].items()
    ]
    diagnostic = ["weight", "diagnosticity", "weighted_diagnosticity", "linchpin"]
    with pd.option_context(
        "display.width", 120, "display.max_colwidth", 40, "display.precision", 2
    ):
        lines = [ranking.to_string()]
        from sat.report.claims import ach_summary

        said = ach_summary(result)  # the standing as the panel and the brief's summary say it
        items = ("summary.linchpins", "summary.non_diagnostic")
        lines.append("\n" + "\n".join(c.text for c in said if c.kind not in items))
        lines += ["\nmost diagnostic evidence:", result.evidence[diagnostic].head(top).to_string()]
    lines.append("")
    lines += [c.text for c in said if c.kind in items]
    if not result.linchpins:
        lines.append("Linchpins: none.")
    lines.append(f"Weakly diagnostic (consistency only): {names(result.weakly_diagnostic)}.")
    if result.unrated:
        lines.append(f"unrated cells: {len(result.unrated)}")
    if result.probability_cells:
        lines.append(f"probability cells (not in these scores): {result.probability_cells}")
    return "\n".join(lines)


def assumptions(result: Any) -> str:
    """The assumptions riskiest first, linchpins (dropping them from the matrix changes the
    standing), those not tested in the matrix, and what dropping each would do."""
    if result.table.empty:
        return "The case lists no assumptions (add an `assumptions:` section)."
    frame = result.table
    lines = [table(frame, ["statement", "rating", "impact", "risk", "supports", "linchpin"])]
    from sat.report.claims import assumption_claims

    said = assumption_claims(result)
    if not any(c.kind == "assumptions.linchpin" for c in said):
        lines.append("\nlinchpin assumptions: none")
    lines += [("\n" if i == 0 else "") + c.text for i, c in enumerate(said)]
    for a, row in frame.iterrows():
        if row["in_matrix"]:
            moved = ", ".join(
                f"{h} {'unranked' if b is None else b}->{'unranked' if n is None else n}"
                for h, (b, n) in row["ranking_change"].items()
            )
            leaders, still = row["leader_if_dropped"], "" if row["changes_standing"] else "still "
            standing = (
                "no hypothesis would be ranked"
                if not leaders
                else f"{' and '.join(leaders)} would {still}be tied for the lead"
                if len(leaders) > 1
                else f"{leaders[0]} would {still}lead only on the consistency tie-break"
                if row["tiebreak_if_dropped"]
                else f"{leaders[0]} would lead outright"
                if row["changes_standing"]
                else f"{leaders[0]} would still lead"
            )
            verdict = "the standing changes" if row["changes_standing"] else "the standing holds"
            lines.append(
                f"dropping {a} ({row['evidence']}) from the matrix: {verdict}, {standing}; "
                f"{moved or 'no rank moves'}"
            )
    for a, missing in result.incomplete.items():
        lines.append(f"incomplete: {a}: unanswered {', '.join(missing)}")
    return "\n".join(lines)


def _scored(result: Any) -> bool:
    """Whether a Quality of Information Check had a score to share out among the sources (its
    shares, with the unsourced items', add up to 1; with no score at all every share is 0)."""
    return float(result.sources_frame["share"].sum()) + float(result.unsourced_share) > 0


def quality(result: Any) -> str:
    """The source inventory, corroboration, the items to re-check and how well the lead is sourced."""
    sources = result.sources
    if not _scored(result):  # no item counts against any hypothesis: no score to share out
        sources["share"] = "–"
    lines = [table(sources, ["reliability", "group", "items", "sole_source_items", "share"])]
    if not _scored(result) and not sources.empty:
        lines.append("share: no item counts against any hypothesis, so there is no score to share")
    if result.unsourced_share:
        lines.append(f"unsourced items carry {result.unsourced_share:.0%} of the score")
    lines.append(f"\nsingle-source items: {names(result.single_source)}")
    lines.append(f"corroborated by independent sources: {names(result.corroborated)}")
    from sat.report.claims.quality import critical_claims, overgraded_claims, sourcing_claims

    lines += [f"re-check {c.text}" for c in critical_claims(result)]
    lines += [f"weighted above its grades: {c.text}" for c in overgraded_claims(result)]
    lines += [c.text for c in sourcing_claims(result)]
    return "\n".join(lines)


def gaps(result: Any) -> str:
    """The analyst's gaps, those found in the data, and expected evidence recorded as absent."""
    lines = ["listed by the analyst:", *(f"  - {gap}" for gap in result.listed or ["(none)"])]
    found = gaps_found(result)
    lines += ["found in the data:", *(f"  - {gap}" for gap in found or ["(none)"])]
    if result.absences:
        lines.append(f"expected evidence recorded as absent: {', '.join(result.absences)}")
    return "\n".join(lines)


def indicators(result: Any, *, analysis: Any = None) -> str:
    """Indicators observed per hypothesis, what has been seen and what would cut against the
    judgement (the brief's claims, given the ``analysis``), the tables of both, what changed."""
    columns = ["indicators", "observed", "contradicted", "open", "share_observed"]
    lines = [table(result.by_hypothesis, columns)]
    if analysis is not None:
        from sat.report.claims import indicators_summary

        lines += said_lines(indicators_summary(analysis.case, result))
    from sat.report.claims.indicators import said

    listed = ["hypothesis", "why", "description"]
    if not result.warnings.empty:
        lines += [
            "\nobserved and cutting against the leading judgement:",
            table(said(result.warnings, result, seen=True), listed, 60),
        ]
    if not result.watch.empty:
        lines += [
            "\nwould shift the judgement (not yet observed):",
            table(said(result.watch, result, seen=False), listed, 60),
        ]
    if result.since is not None:
        lines.append(f"\nchanged since {result.since}: {', '.join(result.changed) or 'nothing'}")
    return "\n".join(lines)


def bias(result: Any) -> str:
    """Each finding with its facts and the action that would test it; the clean detectors; the
    detectors that had nothing to work on, with why (never counted as clean)."""
    from sat.report.claims.bias import action, finding_text, why_not_checked

    lines = [
        f"[{f.severity}] {f.bias}\n  found: {finding_text(f)}\n  test:  {action(f)}"
        for f in result.findings
    ]
    if not result.findings:
        lines.append("no bias detector fired")
    from sat.report.claims.bias import bias_claims

    clean = [c.text for c in bias_claims(result) if c.kind == "bias.clean"]
    lines.append("\n" + (clean[0] if clean else "Checked and clean: none."))
    if result.not_checked:
        lines.append("not checked (nothing to work on, so not clean either):")
        lines += [
            f"  {name.replace('_', ' ')}: {why_not_checked(fact)}"
            for name, fact in result.not_checked
        ]
    if result.unanswered:
        lines.append(f"checklist questions unanswered: {', '.join(result.unanswered)}")
    return "\n".join(lines)


def advocacy(result: Any) -> str:
    """The case for the challenger against the leader, one argument a line."""
    lines = (
        []
        if result.leader is None or result.challenger is None
        else [f"the case for {result.challenger} against {result.leader}:"]
    )
    from sat.report.claims import advocacy_claims

    return "\n".join(lines + [f"  - {c.text}" for c in advocacy_claims(result)])


def deception(result: Any) -> str:
    """Risk per actor and source with the reasons, exposed evidence, and the verdict."""
    if result.subjects.empty:
        return (
            "no deception checklist is answered in the case (add a `deception:` section)\n"
            + _deception_verdict(result)
        )
    subjects = result.subjects
    lines = [table(subjects, ["kind", "answered", "score", "risk", "manipulability"])]
    lines += [
        f"  {s}: {reason}" for s, reasons in subjects["reasons"].items() for reason in reasons
    ]
    if not result.exposed.empty:
        lines.append(f"exposed evidence (manipulable sources): {', '.join(result.exposed.index)}")
    lines.append(_deception_verdict(result))
    return "\n".join(lines)


def _deception_verdict(result: Any) -> str:
    """What the checks recommend, with the claim that says why."""
    from sat.report.claims import deception_claims, text

    said = text(deception_claims(result))
    return f"add a deception hypothesis to the ACH: {said}" if result.add_hypothesis else said
