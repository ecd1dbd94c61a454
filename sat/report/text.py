"""Results as plain text for a terminal: what ``sat <technique>`` prints.

One function per technique, named after it and beside the HTML views of
``sat.report.tables``. Each takes the technique's result (and the view's
options) and returns the text; none computes anything of its own. Text from
the case is printed as it is: a terminal, unlike a page, runs no markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def table(frame: Any, columns: Sequence[str], width: int = 48) -> str:
    """A frame as aligned text: sequences joined, None blank, long text cut, numbers to 2-3 places."""
    import pandas as pd

    def cell(value: Any) -> Any:
        if isinstance(value, tuple | list):
            value = ", ".join(map(str, value))
        if value is None:
            return ""
        if isinstance(value, str) and len(value) > width:
            return value[: width - 1] + "…"
        return value

    shown = frame[list(columns)].copy()
    for column in columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].map(cell)
        elif pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].round(3)
        if shown[column].isna().any():  # a ratio over nothing, a rank not given: a dash
            shown[column] = shown[column].astype(object).where(shown[column].notna(), "–")
    with pd.option_context("display.width", 200, "display.precision", 3):
        return str(shown.to_string())


def _names(items: Iterable[str]) -> str:
    return ", ".join(items) or "none"


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
    lines.append(f"Weakly diagnostic (consistency only): {_names(result.weakly_diagnostic)}.")
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
    lines.append(f"\nsingle-source items: {_names(result.single_source)}")
    lines.append(f"corroborated by independent sources: {_names(result.corroborated)}")
    from sat.report.claims.quality import critical_claims, overgraded_claims, sourcing_claims

    lines += [f"re-check {c.text}" for c in critical_claims(result)]
    lines += [f"weighted above its grades: {c.text}" for c in overgraded_claims(result)]
    lines += [c.text for c in sourcing_claims(result)]
    return "\n".join(lines)


def gaps(result: Any) -> str:
    """The analyst's gaps, those found in the data, and expected evidence recorded as absent."""
    lines = ["listed by the analyst:", *(f"  - {gap}" for gap in result.listed or ["(none)"])]
    lines += ["found in the data:", *(f"  - {gap}" for gap in result.found or ["(none)"])]
    if result.absences:
        lines.append(f"expected evidence recorded as absent: {', '.join(result.absences)}")
    return "\n".join(lines)


def _said(claims: Sequence[Any]) -> list[str]:
    """Claims as lines of text, one sentence a line, after a blank line (none when none)."""
    return ["", *(c.text for c in claims)] if claims else []


def indicators(result: Any, *, analysis: Any = None) -> str:
    """Indicators observed per hypothesis, what has been seen and what would cut against the
    judgement (the brief's claims, given the ``analysis``), the tables of both, what changed."""
    columns = ["indicators", "observed", "contradicted", "open", "share_observed"]
    lines = [table(result.by_hypothesis, columns)]
    if analysis is not None:
        from sat.report.claims import indicators_summary

        lines += _said(indicators_summary(analysis.case, result))
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


def bayes(result: Any, *, confidence: Any, analysis: Any = None, top: int = 8) -> str:
    """Posteriors with intervals, the leader in words (the brief's claims, given the ``analysis``),
    confidence apart, and the trace."""
    columns = ["label", "prior", "posterior", "posterior_low", "posterior_high", "low", "high"]
    columns += ["p_most_likely", "likelihood"]
    from sat.report.claims.likelihood import hypothesis_words

    shown = result.hypotheses.sort_values("posterior", ascending=False)
    items = len(result.trace)
    shown = shown.assign(
        likelihood=[hypothesis_words(row, items) for _, row in shown.iterrows()],
        # a share of simulations says nothing of a hypothesis never compared with a rated rival
        p_most_likely=[
            "unranked"
            if row.get("unranked", False)
            else "only one rated"
            if row.get("only_rated", False)
            else round(float(row["p_most_likely"]), 3)
            for _, row in shown.iterrows()
        ],
    )
    lines = [table(shown, columns, 36)]
    if analysis is not None:
        from sat.report.claims import drivers_claims, likelihood_claims, robustness_claims
        from sat.report.claims import text as said

        case, ach = analysis.case, analysis.ach
        lines.append("\n" + said(likelihood_claims(case, ach, result)))
        lines.append(said(robustness_claims(case, ach, result)))
        drivers = drivers_claims(case, result)
        if drivers:
            lines.append(said(drivers))
    from sat.report.claims.confidence import sentence

    lines.append(sentence(confidence))
    leaders = tuple(getattr(result, "leaders", (result.leader,)))
    if result.runner_up and len(leaders) == 1:
        lines.append(
            f"\nwhat moved it ({result.leader} against {result.runner_up}), largest first:"
        )
        lines.append(table(result.trace.head(top), ["llr", "factor", "favours", "summary"], 60))
    return "\n".join(lines)


def confidence(result: Any) -> str:
    """The level and why (the brief's claims: what lowers, limits and supports it), then each
    factor's points and what it found; a factor that could not be measured is "missing"."""
    from sat.report.claims.confidence import factor_rows, sentence

    lines = [sentence(result), "", f"factors ({result.score} of 10 points; 0-2 each):"]
    width = max(len(f.name) for f in result.factors)
    for f in factor_rows(result):
        points = "missing" if f.points is None else str(f.points)
        lines.append(f"  {f.name:<{width}}  {points:>7}  {f.detail}")
    return "\n".join(lines)


def scenarios(result: Any, *, analysis: Any = None) -> str:
    """Each scenario's probability, chain and signposts; the futures; then, given the ``analysis``,
    the brief's claims: the words for each probability, the most likely, the coherence checks."""
    if result.scenarios.empty and result.futures is None:
        return "the case models no scenarios (add `events:` and `scenarios:` sections)"
    lines = []
    for s, row in result.scenarios.iterrows():
        lines.append(f"{s} {row['name']} ({row['kind']}): {row['probability']:.3f}")
        lines.append(f"    {row['chain']}")
        if row["signposts"]:
            lines.append("    signposts: " + ", ".join(f"{i} ({st})" for i, st in row["signposts"]))
    if result.futures is not None:
        lines += ["\nalternative futures:", result.futures.round(3).to_string()]
    if analysis is not None:
        from sat.report.claims import scenarios_summary

        lines += _said(scenarios_summary(analysis.case, result))
    return "\n".join(lines)


def network(
    result: Any,
    *,
    paths: list[list[str]] | None = None,
    ends: Sequence[str] = (),
    written: dict[str, str] | None = None,
    analysis: Any = None,
) -> str:
    """Actors by influence and the camps' members; given the ``analysis``, the brief's claims (who
    matters most, the camps and the ties against them, who links them); paths and files written,
    if asked."""
    if result.actors.empty:
        return "the case lists no actors (add `actors:` and `relations:` sections)"
    columns = ["name", "kind", "influence", "degree", "betweenness", "community", "camp"]
    lines = [table(result.actors, columns, 30)]
    lines += [f"{name}: {', '.join(members)}" for name, members in result.camps.items()]
    if analysis is not None:
        from sat.report.claims import network_summary

        lines += _said(network_summary(analysis.case, result))
    if paths is not None:
        lines.append(f"influence paths {ends[0]} -> {ends[1]}:")
        lines += ["  " + " -> ".join(path) for path in paths or [["(none)"]]]
    lines += [f"wrote {kind}: {path}" for kind, path in (written or {}).items()]
    return "\n".join(lines)


def collect(result: Any, *, top: int = 10) -> str:
    """Open indicators and observable gaps by expected information gain, and what each would do
    to the leader."""
    targets = result.targets
    if targets.empty:
        return (
            "nothing to collect on: no open indicators, and no information gap phrased as an "
            "observation"
        )
    from sat.report.claims import collect_claims
    from sat.report.claims.team import collect_more_claims

    follows, now = result.leader, targets["follows_now"].iloc[0]
    said = " ".join(c.text for c in collect_claims(result))  # who leads, as a claim
    ranked = "" if result.leaders else f" (unranked) at {now:.2f}"
    standing = (
        f"{said} The columns {follows}_if_seen and {follows}_if_not follow {follows}{ranked}; "
        "leads_if_seen and leads_if_not say who would lead then, at what probability."
    )
    shown = targets.head(top).rename(
        columns={
            "follows_if_observed": f"{follows}_if_seen",
            "follows_if_not": f"{follows}_if_not",
        }
    )
    for when, column in (("observed", "leads_if_seen"), ("not", "leads_if_not")):
        shown[column] = [
            _would_lead(w, p)
            for w, p in zip(shown[f"leader_if_{when}"], shown[f"p_leader_if_{when}"], strict=True)
        ]
    columns = [
        "kind",
        "hypothesis",
        "gain",
        "p_observed",
        f"{follows}_if_seen",
        f"{follows}_if_not",
        "leads_if_seen",
        "leads_if_not",
    ]
    lines = [
        f"current uncertainty: {result.entropy:.2f} bits over the hypotheses. {standing}",
        table(shown, [*columns, "description"], 60),
    ]
    lines += [c.text for c in collect_more_claims(result, top, f"--top {len(targets)} lists all")]
    default = [i for i, rated in targets["rated"].items() if not rated]
    if default:
        lines.append(
            "read without ratings (an indicator as C or I for its hypothesis and N elsewhere, a "
            f"gap as N everywhere): {_names(default)}"
        )
    return "\n".join(lines)


def _would_lead(leaders: Sequence[str], p: float) -> str:
    """Who would lead, in a table cell: one at its probability, the tied, or none ranked."""
    if not leaders:
        return "none ranked"
    return f"{leaders[0]} {p:.2f}" if len(leaders) == 1 else f"{'='.join(leaders)} tied {p:.2f}"


def estimates(result: Any) -> str:
    """Each analyst's estimates as given and made coherent, the pool, and the matrix beside it."""
    if not result.analysts:
        return (
            "no estimates: add each analyst's own probabilities to the case, e.g.\n"
            "  estimates:\n    Analyst A: {H1: 0.6, H2: 0.3, H3: 0.1}"
        )
    from sat.report.claims import estimates_claims

    said: dict[str | None, list[str]] = {}  # an analyst's sentences (a partial set has two)
    kinds: dict[str, list[str]] = {}  # the others, by kind
    for claim in estimates_claims(result):
        if "analyst" in claim.figures:
            said.setdefault(claim.figures["analyst"], []).append(claim.text)
        else:
            kinds.setdefault(claim.kind, []).append(claim.text)
    given, coherent = result.given, result.coherent
    lines = []
    for analyst in result.analysts:
        row = [
            f"{k} {given.at[analyst, k]:.2f}"
            + (
                f" -> {coherent.at[analyst, k]:.2f}"
                if abs(coherent.at[analyst, k] - given.at[analyst, k]) >= 0.005
                else ""
            )
            for k in given.columns
            if given.notna().at[analyst, k]
        ]
        lines.append(" ".join(said[analyst]) + "\n  " + ", ".join(row))
    lines.append(f"pooled by {result.method}:")  # whose numbers each pooled figure holds
    lines += [
        f"  {t}" for k in ("estimates.pooled", "estimates.not_pooled") for t in kinds.get(k, [])
    ]
    if result.comparison_frame is not None:
        lines.append("beside the matrix's posterior (sat bayes):")
        lines.append(table(result.comparison, ["aggregate", "posterior", "difference"], 20))
        for kind in ("estimates.agree", "estimates.differ", "estimates.reexamine"):
            lines += kinds.get(kind, [])  # whether the two agree, where they differ most, and
            # the ratings to re-examine if the analysts are right
    return "\n".join(lines)


def judgements(result: Any) -> str:
    """The judgements a register can score, as ``sat register`` would record the analysis's: each
    with its probability, deadline, statement and what settles it; then those that cannot be
    scored, with why."""
    from sat.language import counted

    found = result.judgements
    if found:
        lines = [
            f"{counted(len(found), 'judgement')} can be scored, each with the analysis's "
            "probability, to register with `sat register CASE REGISTER`:"
        ]
    elif result.unscorable:
        lines = ["no judgement can be scored"]
    else:  # every hypothesis, scenario and open indicator is one or the other
        lines = ["the case has no hypotheses, scenarios or open indicators to score"]
    for j in found:
        lines += [
            f"  {j.id} ({j.kind}): {j.probability:.2f}, settled by {j.deadline.isoformat()}",
            f"    judgement: {j.statement}",
            f"    settled when: {j.criterion}",
        ]
    if result.unscorable:
        lines.append(f"cannot be scored ({len(result.unscorable)}):")
        lines += [f"  {i}: {why}" for i, why in result.unscorable]
    return "\n".join(lines)


def registered(path: str, added: Any, skipped: Any, unscorable: Any, settled: Any = ()) -> str:
    """What ``sat register`` did: each judgement registered, with each forecaster's probability
    under their name (the analysis's and each analyst's own)."""
    from sat.language import counted

    by_id: dict[str, list[Any]] = {}
    for e in added:
        by_id.setdefault(e.id, []).append(e)
    lines = [
        f"{path}: {counted(len(by_id), 'judgement')} registered, "
        f"{counted(len(added), 'forecast')}" + (":" if added else "")
    ]
    for ident, forecasts in by_id.items():
        first = forecasts[0]
        lines.append(f"  {ident}, settled by {first.deadline}: {first.criterion}")
        lines += [
            f"    {e.analyst}: {e.probability:.2f} (forecast {e.forecast})" for e in forecasts
        ]
    if skipped:
        lines.append(f"already registered for this version of the case: {_names(skipped)}")
    if settled:
        lines.append(f"not registered again, their outcome is recorded: {_names(settled)}")
    if unscorable:
        lines.append("cannot be scored (give them a resolution: criterion and deadline):")
        lines += [f"  {i}: {why}" for i, why in unscorable]
    return "\n".join(lines)


def calibration(result: Any) -> str:
    """A register's scores: Brier and its decomposition, by analyst, band and quarter, and the fit."""
    lines = [
        f"{result.n} resolved judgement(s) scored, {result.open} open",
        f"Brier score {result.brier:.3f} (0 is perfect; always saying 50% scores 0.250)",
        f"  = reliability {result.reliability:.3f} (lower: better calibrated)"
        f" - resolution {result.resolution:.3f} (higher: better discrimination)"
        f" + uncertainty {result.uncertainty:.3f} (the outcomes' own variance)"
        + (
            f" + {result.remainder:.3f} (spread within the bins)"
            if abs(result.remainder) >= 5e-4
            else ""
        ),
        f"bins: {result.binning}",
        "reliability diagram (forecast against the share that came true):",
        table(result.bins, ["forecast", "observed", "n"], 20),
        "by analyst:",
        table(result.by_analyst, ["n", "brier", "mean_forecast", "observed"], 20),
        "by ICD 203 band of the forecast:",
        table(result.by_band, ["n", "brier", "mean_forecast", "observed"], 20),
        "by quarter registered:",
        table(result.by_period, ["n", "brier", "reliability", "resolution"], 20),
    ]
    fit = result.fit
    if fit is not None:
        from sat.report.claims import calibration_claims

        lines += [
            f"recalibration: logit(p') = {fit['a']:.2f} (± {fit['se_a']:.2f}) + {fit['b']:.2f} "
            f"(± {fit['se_b']:.2f}) × logit(p), from {fit['n']} judgements; Brier "
            f"{fit['brier_before']:.3f} -> {fit['brier_after']:.3f} on the same judgements",
            *(f"  {c.text}" for c in calibration_claims(result)),
        ]
        implied = fit.get("table")
        if implied is not None:
            codes = ", ".join(f"{k}: {v:g}" for k, v in implied["likelihoods"].items())
            lines += [
                f"the hypothesis judgements alone ({implied['n']}) give slope {implied['b']:.2f} "
                f"(± {implied['se_b']:.2f}); the likelihood table it implies (a case adopts it as "
                f"bayes: likelihoods: {{{codes}}})"
                + ("" if implied["enough"] else ": too few judgements to adopt it yet"),
            ]
    if result.no_fit:
        lines.append(result.no_fit)
    return "\n".join(lines)


def sources(added: Any) -> str:
    """What ``sat source add`` did."""
    entry = added.entry
    known = ", ".join(
        f"{k} {entry[k]}"
        for k in ("author", "publisher", "date", "url")
        if entry.get(k) is not None
    )
    return "\n".join(
        [
            f"added {added.id}: {entry['title']}" + (f" ({known})" if known else ""),
            f"  text ({len(added.extracted.text):,} characters) stored in {added.text_file}"
            + (f"; original kept as {added.original.name}" if added.original else ""),
            f"  sha256 {entry['sha256']}",
            f"  graded {entry['reliability']}: {entry['reliability_reason']}"
            if entry.get("reliability")
            else f"  ungraded: give {added.id} a reliability (A-F) and a reliability_reason",
        ]
    )


def quotes(found: Any) -> str:
    """Quote candidates per item, best first, with their BM25 scores."""
    if not found:
        return "every item resting on a stored source has a quote"
    lines = []
    for item, candidates in found.items():
        lines.append(f"{item}:")
        if not candidates:
            lines.append("  no passage of its sources' stored text shares a word with its summary")
        lines += [f"  {c.rank}. [{c.source}, score {c.score:.2f}] {c.passage}" for c in candidates]
    return "\n".join(lines)


def consensus(result: Any, *, top: int = 10, method: str = "sat") -> str:
    """Each analyst's leader, the cells to discuss first, the readings side by side."""
    if not result.analysts:
        return "no analyst's own ratings in the case (add `analyst_ratings` to evidence items)"
    from sat.report.claims import consensus_claims
    from sat.report.claims.team import disputed_claims

    lines = [f"analysts: {', '.join(result.analysts)}"]
    lines += [f"  {c.text}" for c in consensus_claims(result)]  # each reading's leader, as claims
    lines += ["", *(c.text for c in disputed_claims(result, top))]  # how many cells in dispute
    cells = result.disputed.head(top).reset_index()
    if not cells.empty:
        cells["votes"] = cells["votes"].map(lambda v: ", ".join(f"{k} {c}" for k, c in v.items()))
        columns = ["votes", "disagreement", "band", "opposition", "consensus"]
        lines += [
            "cells to discuss first:",
            table(cells.set_index(["evidence", "hypothesis"]), columns, 60),
        ]
    lines += [
        "\nweighted inconsistency of each analyst's reading (the agreed matrix with their own "
        "votes where they voted), and in the last column, (median), of the consensus matrix:"
    ]
    lines.append(result.compared.round(2).to_string())
    if method == "opensynthesis":
        lines += ["\nOpen Synthesis scores:", result.open_synthesis.round(3).to_string()]
    return "\n".join(lines)


def diff(result: Any) -> str:
    """Why the judgement moved (``sat.report.claims.diff_claims``), the changes, and the
    hypotheses before and after."""
    from sat.report.claims import diff_claims

    lines = [c.text for c in diff_claims(result)]
    if not result.changes.empty:  # an item added has nothing it was, one removed nothing it is
        changes = result.changes.astype(object).where(result.changes.notna(), "–")
        lines += ["", changes.to_string(index=False)]
    hyp = result.hypotheses
    return "\n".join([*lines, "", table(hyp, list(hyp.columns), 20)])


#: How ``review`` marks a finding whose words outrun the analysis, and any other.
OUTRUNS, NOTED = "!", "-"


def review(result: Any, *, analysis: Any = None) -> str:
    """The analyst's words against the analysis (``sat review``): one line per finding, the
    claims of ``sat.report.claims.review.result_claims``, grouped by where they stand in the case
    (a conflict under both places), those stronger than the analysis marked ``!``; a last line
    saying the review as a whole (``summary_claims``: how many statements were checked and how
    many outrun the analysis, or that there is nothing to check). Names are given with their
    labels when the ``analysis`` (its case) is given."""
    from sat.report.claims.review import STRONGER, place, result_claims, summary_claims

    case = None if analysis is None else analysis.case
    (summary,) = summary_claims(case, result)
    if result.checked == 0:
        return summary.text
    lines: list[str] = []
    places: dict[str, list[str]] = {}
    for claim in result_claims(case, result):
        mark = OUTRUNS if claim.kind in STRONGER else NOTED
        places.setdefault(place(case, claim.figures["where"]), []).append(f"  {mark} {claim.text}")
    for where, said in places.items():
        lines += [where, *said]
    return "\n".join([*lines, *([""] if lines else []), summary.text])


def wep(estimate: Any) -> str:
    """A probability in ICD 203 words (both columns, with the band) and on the UK yardstick."""
    return (
        f"{estimate.probability:g}: {estimate.likelihood} / {estimate.probability_term} "
        f"({estimate.range}, ICD 203)\nUK yardstick: {estimate.uk}"
    )


def validated(summary: dict[str, Any]) -> str:
    """One line for a valid case file (``sat validate``)."""
    unrated = summary["unrated_cells"]
    from sat.language import counted

    return (
        f"{summary['file']}: valid case '{summary['id']}': "
        f"{counted(summary['hypotheses'], 'hypothesis', 'hypotheses')}, "
        f"{counted(summary['evidence'], 'evidence item')}, {counted(summary['sources'], 'source')}"
        + (f", {counted(unrated, 'unrated cell')}" if unrated else "")
    )
