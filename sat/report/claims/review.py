"""The findings of ``sat review`` in words: where the analyst's own words outrun, fall short of,
or cannot be checked against the analysis (``sat.techniques.wording``), as claims.

One claim per finding that is a problem or a note (``inside``, ``same`` and
``consistent`` findings say nothing), and one per pair of statements that
cannot both hold. Each claim cites the phrase, the sentence it stands in and
its place there, and the figures it was checked against, so that its condition
(``sat.report.conditions.review``) can read the phrase afresh and recompute the
figures from the case. A hypothesis is checked against its posterior range
across the likelihood tables; an event or a scenario against its one
probability ("which puts X1 (the controls stay) at 75%"), and an event given
others not at all (its probability holds only given them).

``result_claims`` says a whole ``sat review`` (``sat.techniques.review``): the
claims of every statement, then the conflicts between key judgements; the
command line's text view and ``--json``, the brief's annex and the workbook all
say these. ``finding`` gives one of them as ``sat review --json`` lists it.
``summary_claims`` says the review in one sentence (how many statements were
read, how many outrun the analysis): the command line's last line, the first
line of the brief's annex section and the workbook tab's summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sat.case import Case
from sat.language import counted, percent, span
from sat.report.claims._base import Claim, _and, _name
from sat.techniques.wording import Conflict, Expression, Finding

#: The claim kind of each relation a finding can have (``inside``, ``same`` and ``consistent``
#: are said by none).
KIND = {
    "stronger": "review.stronger",
    "weaker": "review.weaker",
    "overlaps": "review.overlaps",
    "unchecked": "review.unchecked",
    "unsupported": "review.unsupported",
    "above": "review.confidence_above",
    "below": "review.confidence_below",
    "with_likelihood": "review.with_likelihood",
    "unhedged": "review.unhedged",
    "not_leader": "review.not_leader",
    "tied": "review.tied",
    "denies_leader": "review.denies_leader",
    "missing": "review.missing",
}

#: The kinds whose words outrun the analysis (``sat review`` exits 1 when any is said): the
#: findings ``sat.techniques.wording.STRONGER`` names, and two statements that cannot both hold.
STRONGER = frozenset(
    KIND[r]
    for r in ("stronger", "unsupported", "above", "unhedged", "not_leader", "tied", "denies_leader")
) | {"review.conflict"}

_WHY = {
    "not_about": "the statement does not say which hypothesis it is about",
    "conditional": "its probability is given only conditional on {given}",
    "not_ranked": "{name} is an event, and the analysis ranks no events against one another",
    "not_a_hypothesis": "{about} is not a hypothesis",
    "no_bayes": "the Bayesian mode could not run on this case",
    "unranked": "{name} is rated against nothing",
    "untested": "{name} is rated against fewer than half the items",
    "only_rated": "{name} is the only hypothesis rated, first for want of a rival",
    "no_confidence": "the analysis could not assess its confidence",
    "no_leader": "no hypothesis is ranked",
    "unread": "the words around it deny or turn it in a way the reader does not resolve (a "
    "denied figure, a negation both around and within it, or a negated clause after it)",
}


def _who(case: Case | None, h: str) -> str:
    if case is None:
        return h
    try:
        return _name(case, h)
    except (KeyError, LookupError, ValueError):
        return h


#: The most characters of an event's description or a scenario's name said beside its id.
SHORT = 48


def _short(text: str) -> str:
    """A description cut at a word to at most ``SHORT`` characters, with "…" where cut, and
    without its closing full stop."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= SHORT:
        return text
    cut = text[: SHORT - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def _forecast(case: Case | None, about: str | None) -> str | None:
    """``event`` or ``scenario`` when the case has one with this id, else None."""
    if case is None or about is None:
        return None
    if any(e.id == about for e in case.events):
        return "event"
    if any(s.id == about for s in case.scenarios):
        return "scenario"
    return None


def _what(case: Case | None, about: str) -> str:
    """What a statement is about, as a reader meets it: a hypothesis by id and label, an event
    by id and its description shortened, a scenario by id and its name shortened."""
    kind = _forecast(case, about)
    if kind == "event":
        described = next(e.description for e in case.events if e.id == about)  # type: ignore[union-attr]
        return f"{about} ({_short(described)})"
    if kind == "scenario":
        name = next(s.name for s in case.scenarios if s.id == about)  # type: ignore[union-attr]
        return f"{about} ({_short(name)})" if name.strip() != about else about
    return _who(case, about)


def _band(e: Expression) -> str:
    """The band of a term, for words; a number says its own."""
    if e.band is None or e.term in ("percentage", "ratio"):
        return ""
    low, high = e.band
    return f" ({low * 100:.0f}–{high * 100:.0f}%)"


def _posterior(lo: float, hi: float) -> str:
    return f"{percent(lo)} to {percent(hi)} across the likelihood tables: {span(lo, hi)}"


def _figure(case: Case | None, about: str | None, lo: float, hi: float) -> str:
    """The figure checked against: an event's or a scenario's one probability, a hypothesis's
    range across the likelihood tables."""
    if _forecast(case, about) is not None or (case is None and lo == hi):
        return percent(lo)
    return _posterior(lo, hi)


def _base(finding: Finding, where: str | None) -> dict[str, Any]:
    """The figures every review claim cites: where, the phrase in its sentence, and what it was
    checked against."""
    f, e = finding.figures, finding.expression
    out: dict[str, Any] = {
        "where": where,
        "check": finding.check,
        "about": f.about,
        "range": f.range,
        "computed": f.confidence,
        "leaders": f.leaders,
        "why": f.why,
    }
    if e is not None:
        out.update(phrase=e.phrase, at=e.span[0] - e.sentence[0], band=e.band, side=e.side)
        out.update(levels=e.levels)
    return out


def review_claims(
    findings: Sequence[Finding],
    case: Case | None = None,
    where: str | None = None,
    text: str | None = None,
) -> list[Claim]:
    """The findings of one text (``sat.techniques.wording.review``) as claims, in order; ``text``
    is the text reviewed (its sentences are cited from it), ``where`` where it stands in the
    case (``key_judgements[0]``, say)."""
    claims = []
    for finding in findings:
        kind = KIND.get(finding.relation)
        if kind is None:
            continue
        figures = _base(finding, where)
        e = finding.expression
        if e is not None and text is not None:
            figures["sentence"] = text[e.sentence[0] : e.sentence[1]]
        if finding.relation == "missing":
            figures["text"] = text
        if finding.other is not None and text is not None:
            figures["other"] = finding.other.phrase
            figures["other_at"] = finding.other.span[0] - finding.other.sentence[0]
        claims.append(Claim(kind, _say(finding, case), figures))
    return claims


def _say(finding: Finding, case: Case | None) -> str:
    f, e, relation = finding.figures, finding.expression, finding.relation
    said = f'"{e.phrase}"' if e is not None else ""
    about = f.about or ""
    if relation in ("stronger", "weaker", "overlaps") and e is not None and f.range:
        than = {
            "stronger": "is stronger than the analysis, which puts",
            "weaker": "is weaker than the analysis, which puts",
            "overlaps": "covers only part of the analysis, which puts",
        }[relation]
        return f"{said}{_band(e)} {than} {_what(case, about)} at {_figure(case, about, *f.range)}."
    if relation == "unsupported":
        name = _what(case, about)
        return (
            f"{said}{_band(e)} gives {name} a likelihood the analysis does not: "
            + _WHY[f.why or "no_bayes"].format(about=about, name=name, given="")
            + "."
        )
    if relation == "unchecked":
        why = _unchecked(finding, case)
        return (
            f"{said} cannot be checked against the analysis: "
            + _WHY[why].format(
                about=about, name=_what(case, about) if about else "", given=_given(case, about)
            )
            + "."
        )
    if relation in ("above", "below"):
        more = "more" if relation == "above" else "less"
        return (
            f"{said} claims {more} confidence than the analysis, which assesses "
            f"{f.confidence} confidence."
        )
    if relation == "with_likelihood":
        other = f'"{finding.other.phrase}"' if finding.other is not None else "a likelihood"
        return (
            f"{said} is said in the same sentence as {other}: ICD 203 asks for confidence to be "
            "said apart from likelihood."
        )
    if relation == "unhedged":
        return (
            f"{said} states as certain what the analysis gives only as a probability: the "
            "sentence has no word of likelihood."
        )
    leaders = _and([_what(case, h) for h in f.leaders])
    if relation == "not_leader":
        first = (
            f"puts {leaders} first"
            if len(f.leaders) == 1
            else f"cannot tell {leaders} apart at the top"
        )
        return f"{said} is said of {_what(case, about)}, but the analysis {first}."
    if relation == "tied":
        return (
            f"{said} is said of {_what(case, about)}, but the analysis cannot tell {leaders} "
            "apart at the top: none is the most likely."
        )
    if relation == "denies_leader":
        return f"{said} is said of {_what(case, about)}, which the analysis puts first."
    if relation == "missing":
        given = f"; the analysis puts it at {_figure(case, about, *f.range)}" if f.range else ""
        if f.why == "conditional":
            given = (
                f"; the analysis gives its probability only conditional on {_given(case, about)}"
            )
        return f"The statement about {_what(case, about)} gives no likelihood{given}."
    raise ValueError(f"no words for a finding {relation!r}")


def _given(case: Case | None, about: str | None) -> str:
    """The events an event is given, as a reader meets them ("the events it is given" without
    the case)."""
    event = None if case is None else next((e for e in case.events if e.id == about), None)
    if event is None or not event.given:
        return "the events it is given"
    return _and([_what(case, g) for g in event.given])


def _unchecked(finding: Finding, case: Case | None = None) -> str:
    """Why a finding could not be checked, as a key of ``_WHY``."""
    f, e = finding.figures, finding.expression
    if finding.check == "confidence":
        return "no_confidence"
    if finding.check == "likelihood" and e is not None and e.band is None:
        return "unread"
    if f.about is None:
        return "not_about"
    if finding.check == "ranking":
        if f.why in ("not_a_hypothesis", "no_bayes"):
            return f.why
        return "not_ranked" if _forecast(case, f.about) == "event" else "no_leader"
    return f.why or "no_bayes"


_RULE = {
    "disjoint": "their bands do not meet",
    "exceed": "the two hypotheses exclude each other, and the lower ends of the two bands add "
    "up to more than 100%",
    "two_first": "the two hypotheses exclude each other, and each is called the most likely",
}


def conflict_claims(
    found: Sequence[Conflict],
    statements: Sequence[tuple[str | None, str]],
    case: Case | None = None,
    where: Sequence[str] | None = None,
) -> list[Claim]:
    """Pairs of statements that cannot both hold (``sat.techniques.wording.conflicts``) as
    claims; ``statements`` are (what it is about, its text) as the conflicts were found over."""
    claims = []
    for c in found:
        (about_a, text_a), (about_b, text_b) = statements[c.first], statements[c.second]
        e, f = c.expressions
        a, b = _what(case, about_a or ""), _what(case, about_b or "")
        said = (
            f'"{e.phrase}" and "{f.phrase}", both about {a},'
            if about_a == about_b
            else f'"{e.phrase}" about {a} and "{f.phrase}" about {b}'
        )
        claims.append(
            Claim(
                "review.conflict",
                f"{said} cannot both hold: {_RULE[c.rule]}.",
                {
                    "rule": c.rule,
                    "about": (about_a, about_b),
                    "where": None if where is None else (where[c.first], where[c.second]),
                    "sentences": (
                        text_a[e.sentence[0] : e.sentence[1]],
                        text_b[f.sentence[0] : f.sentence[1]],
                    ),
                    "phrases": (e.phrase, f.phrase),
                    "at": (e.span[0] - e.sentence[0], f.span[0] - f.sentence[0]),
                },
            )
        )
    return claims


def result_claims(case: Case | None, result: Any) -> list[Claim]:
    """Every claim of a ``sat review`` (a ``sat.techniques.review.ReviewResult`` of ``case``): each
    statement's findings in the case file's order, then the pairs of key judgements that cannot
    both hold. The command line's text view and ``--json``, the brief's annex and the workbook
    say these, so all say the same sentences.

    A statement not about one item is read sentence by sentence; a finding that a sentence
    gives no likelihood cites that sentence alone, the one its condition reads afresh.

    Examples
    --------
    >>> import sat
    >>> from sat.case import KeyJudgement
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> said = KeyJudgement(text="Beijing is almost certainly coercing Tokyo.", about="H1")
    >>> a = sat.analyse(case.model_copy(update={"key_judgements": (said,)}))
    >>> [(c.kind, c.figures["where"]) for c in result_claims(a.case, a.review)]
    [('review.stronger', 'key_judgements[0]')]
    """
    from sat.techniques.review import subject

    claims = []
    for reviewed in result.statements:
        statement, after = reviewed.statement, 0
        for found in reviewed.findings:
            text = statement.text
            if found.expression is not None:
                after = found.expression.span[0]
            elif found.relation == "missing" and not statement.given:
                exact = not statement.where.startswith("key_judgements[")
                start, end = _silent(case, statement.text, found.figures.about, after, exact)
                text, after = statement.text[start:end], end
            claims += review_claims([found], case, statement.where, text)
    judgements = [r.statement for r in result.judgements]
    claims += conflict_claims(
        result.conflicts,
        [
            (s.about if case is None else subject(case, s.text, s.about, True), s.text)
            for s in judgements
        ],
        case,
        [s.where for s in judgements],
    )
    return claims


#: How a summary claim says there is nothing to check, by scope: every text of the analysts',
#: or their key judgements alone (the workbook's tab).
_NOTHING = {
    "all": (
        "Nothing to check: the case holds no key judgements, summary, implications or "
        "recommendations. To add key judgements, list them in the case file under "
        "key_judgements, each with its text in your own words and, under about, the id of the "
        "hypothesis, event or scenario it judges."
    ),
    "key_judgements": (
        "Nothing to check: the case has no key judgements yet. Write the judgements a reader "
        "should take away, in your own words, each about the hypothesis, event or scenario it "
        "judges: each is checked against the analysis."
    ),
}


def _statements(n: int, judgements: int, scope: str) -> str:
    """ "the 17 statements the analysts wrote (4 key judgements)", or "the 4 key judgements"."""
    if scope == "key_judgements":
        return "the key judgement" if n == 1 else f"the {n} key judgements"
    if n == 1:
        return "the one statement the analysts wrote " + (
            "(a key judgement)" if judgements else "(not a key judgement)"
        )
    among = (
        "no key judgements among them" if not judgements else counted(judgements, "key judgement")
    )
    return f"the {n} statements the analysts wrote ({among})"


def _pairs(conflicts: int) -> str:
    return (
        "two key judgements cannot both hold"
        if conflicts == 1
        else f"{conflicts} pairs of key judgements cannot both hold"
    )


def summary_claims(
    case: Case | None, result: Any, *, key_judgements_only: bool = False
) -> list[Claim]:
    """A whole ``sat review`` in one claim: ``review.nothing`` when there is nothing to check,
    ``review.clean`` when no statement uses words stronger than the analysis and no two key
    judgements clash, else ``review.outruns`` with how many statements outrun it and how many
    pairs of key judgements cannot both hold. Its figures are the counts, and for
    ``review.outruns`` the claims that outrun the analysis (kind and figures), so that its
    condition can check each. ``key_judgements_only`` says it of the key judgements alone (the
    workbook's Key judgements tab).

    Examples
    --------
    >>> import sat
    >>> from sat.case import KeyJudgement
    >>> from sat.paths import EXAMPLE_CASE
    >>> a = sat.analyse(sat.load_case(EXAMPLE_CASE))
    >>> [c.kind for c in summary_claims(a.case, a.review)]
    ['review.clean']
    >>> said = KeyJudgement(text="Beijing is almost certainly coercing Tokyo.", about="H1")
    >>> a = sat.analyse(a.case.model_copy(update={"key_judgements": (said,)}))
    >>> print(summary_claims(a.case, a.review, key_judgements_only=True)[0].text)
    The key judgement uses words stronger than the analysis.
    """
    scope = "key_judgements" if key_judgements_only else "all"
    count = result.judgements_count if key_judgements_only else result.checked
    places = {r.statement.where for r in result.statements[:count]}
    figures: dict[str, Any] = {
        "scope": scope,
        "statements": count,
        "judgements": result.judgements_count,
    }
    if count == 0:
        return [Claim("review.nothing", _NOTHING[scope], figures)]
    outrun = [
        c
        for c in result_claims(case, result)
        if c.kind in STRONGER and (c.kind == "review.conflict" or c.figures["where"] in places)
    ]
    stronger = len({c.figures["where"] for c in outrun if c.kind != "review.conflict"})
    conflicts = sum(c.kind == "review.conflict" for c in outrun)
    figures.update(stronger=stronger, conflicts=conflicts)
    said = _statements(count, result.judgements_count, scope)
    if not outrun:
        if count == 1:
            text = f"{said[0].upper()}{said[1:]} uses no words stronger than the analysis."
        elif key_judgements_only:
            text = f"None of {said} uses words stronger than the analysis."
        else:
            text = f"Of {said}, none uses words stronger than the analysis."
        return [Claim("review.clean", text, figures)]
    figures["outrun"] = [{"kind": c.kind, "figures": dict(c.figures)} for c in outrun]
    if stronger:
        verb = "uses" if stronger == 1 else "use"
        if count == 1:
            text = f"{said[0].upper()}{said[1:]} {verb} words stronger than the analysis"
        elif stronger == count:  # "Both key judgements", "All 3 statements the analysts wrote"
            every = "Both" if count == 2 else f"All {count}"
            text = (
                f"{every} {said.removeprefix(f'the {count} ')} use words stronger than the analysis"
            )
        else:
            text = f"{stronger} of {said} {verb} words stronger than the analysis"
        if conflicts:  # of two key judgements in all, "they"
            they = key_judgements_only and count == 2
            text += ", and they cannot both hold" if they else f", and {_pairs(conflicts)}"
        text += "."
    else:
        pairs = _pairs(conflicts)
        text = (
            f"{pairs[0].upper()}{pairs[1:]}, though none of {said} uses words stronger than "
            "the analysis on its own."
        )
    return [Claim("review.outruns", text, figures)]


def _silent(
    case: Case | None, text: str, about: str | None, after: int, exact: bool = False
) -> tuple[int, int]:
    """The span of the first sentence of ``text`` ending after ``after`` that names ``about``
    alone and gives no likelihood (the sentence a ``missing`` finding was found in); the whole
    text when none does (or without the case, which names the hypotheses)."""
    from sat.techniques.review import named
    from sat.techniques.wording import expressions, sentences

    if case is None:
        return 0, len(text)
    for start, end in sentences(text):
        sentence = text[start:end]
        if end <= after or named(case, sentence, exact) != (about,):
            continue
        if not any(e.kind in ("estimative", "ranking") for e in expressions(sentence)):
            return start, end
    return 0, len(text)


_JUDGEMENT = re.compile(r"key_judgements\[(\d+)\]")


def place(case: Case | None, where: str | Sequence[str]) -> str:
    """Where a finding stands, as the analyst knows it: a key judgement by its id
    ("key judgement KJ2"), else by its number counted from 1 ("key judgement 3 (no id)": an
    id holds no space, so the two never read alike); the summary, implications and
    recommendations as the case file names them; a pair joined by "and".

    Examples
    --------
    >>> place(None, "key_judgements[0]"), place(None, ("summary", "implications.political"))
    ('key judgement 1 (no id)', 'summary and implications.political')
    """
    if not isinstance(where, str):
        return " and ".join(place(case, w) for w in where)
    found = _JUDGEMENT.fullmatch(where)
    if found is None:
        return where
    i = int(found.group(1))
    judgements = () if case is None else case.key_judgements
    ident = judgements[i].id if i < len(judgements) else None
    return f"key judgement {ident}" if ident else f"key judgement {i + 1} (no id)"


def as_finding(claim: Claim) -> dict[str, Any]:
    """A claim of ``result_claims`` as ``sat review --json`` lists it: ``where`` it stands,
    the ``phrase`` found, the ``problem`` (the claim's sentence), the ``analysis`` figures it was
    checked against (what it is ``about``, the ``range``, the computed ``confidence``, the
    ``leaders``, and ``why`` there is no range), its ``kind``, whether it is ``stronger`` than
    the analysis, the ``check`` and the analyst's ``sentence``. A conflict stands in two places:
    its ``where``, ``phrase`` and ``sentence`` are pairs, its ``analysis`` the two ``about`` and
    the ``rule`` broken."""
    f = claim.figures
    if claim.kind == "review.conflict":
        where = f["where"]
        return {
            "where": None if where is None else list(where),
            "phrase": list(f["phrases"]),
            "problem": claim.text,
            "analysis": {"about": list(f["about"]), "rule": f["rule"]},
            "kind": claim.kind,
            "stronger": True,
            "check": "conflict",
            "sentence": list(f["sentences"]),
        }
    said = f["range"]
    return {
        "where": f["where"],
        "phrase": f.get("phrase"),
        "problem": claim.text,
        "analysis": {
            "about": f["about"],
            "range": None if said is None else list(said),
            "confidence": f["computed"],
            "leaders": list(f["leaders"]),
            "why": f["why"],
        },
        "kind": claim.kind,
        "stronger": claim.kind in STRONGER,
        "check": f["check"],
        "sentence": f.get("sentence", f.get("text")),
    }
