"""What comes next, as text: scenarios, the network of actors, and what to collect."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sat.report.text._shared import names, said_lines, table


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

        lines += said_lines(scenarios_summary(analysis.case, result))
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

        lines += said_lines(network_summary(analysis.case, result))
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
            f"gap as N everywhere): {names(default)}"
        )
    return "\n".join(lines)


def _would_lead(leaders: Sequence[str], p: float) -> str:
    """Who would lead, in a table cell: one at its probability, the tied, or none ranked."""
    if not leaders:
        return "none ranked"
    return f"{leaders[0]} {p:.2f}" if len(leaders) == 1 else f"{'='.join(leaders)} tied {p:.2f}"
