"""What the file commands did, as text: a source added, quotes proposed, a case validated."""

from __future__ import annotations

from typing import Any


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
