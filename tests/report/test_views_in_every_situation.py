"""Every view beyond the bottom line says only what the analysis bears out, in every situation.

The bottom line's claims are checked in ``test_claims``; here every other view a
reader meets is rendered for cases of every shape ``sat.testing`` makes: each
terminal view of ``sat.report.text`` (as ``sat <technique>`` prints it), each
notebook view of a result (``sat.report.display``), the workbook's scores and
every section of the brief but the bottom line and the method notes. In each:

* no missing value or non-number reaches a reader (``<NA>``, ``nan``, ``inf``,
  ``None``, ``NaT``);
* a leader is named only where the analysis has one: not when the ACH lead is
  tied or nothing is ranked (``ACHResult.sole`` is None), not when the Bayesian
  leaders are tied, and an unranked hypothesis never; a table marks no row
  "lead" on a tie;
* no ratio or percentage is given over nothing ("0% of the score" where no item
  counts against any hypothesis, "none of the 0 items").

``sat bayes`` repeats the bottom line's claims and the confidence sentence: those
are checked in ``test_claims``, so its leaders and ratios are checked here in its
own words only (every word for missing values). Each situation is rendered as
generated (seeds 1 and 2) and, at seed 1, with indicators and an observable gap
added, so the indicator and collection views have something to say.

``sat <technique> --json`` is held to the same: a ``leader`` that is text names
the one leader there is (on a tie it is a list, with nothing ranked null).
"""

from __future__ import annotations

import html
import inspect
import json
import re
from dataclasses import dataclass
from functools import cache

import pytest

import sat
from sat.analysis import TECHNIQUES, Analysis
from sat.case import Case
from sat.report import brief, display, tables, text
from sat.testing import SITUATIONS, situation

#: Text no reader should meet: a missing value, a non-number ("None of the 3 items" is English).
UNSAYABLE = re.compile(r"<NA>|\b[Nn]a[Nn]\b|\b-?inf\b|\bNone\b(?! of\b)|\bNaT\b")

#: Ways of naming one hypothesis the leader (the id is the group).
NAMES_A_LEADER = [
    re.compile(r"\b[Ll]eader[:,]?\s+(H\d+)\b(?!\s*=)"),  # leader H1, leader: H1, the leader, H1
    re.compile(r"\bleading\s+(H\d+)\b"),
    re.compile(r"\b(H\d+)\s+leads\b"),
    re.compile(r"\b(H\d+)\s+is (?:the )?(?:most probable|least inconsistent)\b"),
    re.compile(r"\b(H\d+)\s+(?:ranks first|has posterior)\b"),
]

#: "The leader" without an id: said only where there is one.
THE_LEADER = re.compile(r"\bthe leader\b|\bthe leading (?!judgement)\w+")

#: A table cell calling its row the leader.
LEAD_CELL = re.compile(r"<td[^>]*>\s*(?:lead|leader)\s*</td>|\blead(?:er)?[ \t]*$", re.MULTILINE)

#: A share, count or ratio over nothing.
OVER_NOTHING = re.compile(
    r"\b(?:of|over|among) (?:the |its |their )?0\b(?![.,]\d)|\b0 of 0\b|%\s+of\s+(?:the\s+)?no\b"
)


@dataclass(frozen=True)
class View:
    """A rendered view: its name, what a reader sees, its own words (without the bottom line's
    claims it repeats), and the results whose leader it may name."""

    name: str
    shown: str
    words: str
    about: frozenset[str]
    html: str = ""


def _fast(case: Case) -> Case:
    """The case with fewer Monte Carlo draws: what a view may say does not depend on how many."""
    return case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 400})})


def _with_indicators(data: dict) -> dict:
    """The situation with indicators on every hypothesis, one open and one observed for each, and an
    information gap phrased as an observation: so the indicator, collection and warning views
    have something to say in every situation."""
    ids = [h["id"] for h in data["hypotheses"]]
    data = dict(data)
    data["indicators"] = [*data.get("indicators", ())] + [
        {
            "id": f"I{k}{kind}",
            "hypothesis": h,
            "description": f"Something {h} predicts ({kind}).",
            "direction": "supports" if kind == "a" else "undermines",
            "status": "not observed" if kind == "a" else "observed",
            **({"observed": "2026-01-02"} if kind == "b" else {}),
        }
        for k, h in enumerate(ids, 1)
        for kind in ("a", "b")
    ]
    data["information_gaps"] = [
        *data.get("information_gaps", ()),
        {"text": "What was decided.", "observation": "A record of the decision is published."},
    ]
    return data


def _plain(page: str) -> str:
    """What a reader sees of an HTML fragment: its text, entities resolved, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


#: What each view may name as leader: the ACH result's, the Bayesian result's, the analysts'
#: (consensus) or the earlier version's (diff). Views not listed speak of the ACH standing.
_ABOUT = {
    "bayes": {"bayes"},
    "collect": {"bayes"},
    "review": {"bayes"},
    "estimates": {"bayes"},
    "recommendations": {"bayes"},
    "consensus": {"consensus"},
    "diff": {"diff"},
    "changes": {"diff"},
    "hypotheses": {"ach", "bayes"},
    "techniques": {"ach", "bayes"},
    "scores": {"ach", "bayes"},
}


def _view(name: str, shown: str, *, page: str = "", repeated: tuple[str, ...] = ()) -> View:
    words = shown
    for sentence in repeated:  # the bottom line's claims, checked in test_claims
        words = words.replace(sentence, " ")
    kind = name.split(".", 1)[1]
    return View(name, shown, words, frozenset(_ABOUT.get(kind, {"ach"})), page)


def _text_views(analysis: Analysis) -> list[View]:
    """Every ``sat <technique>`` printout, with the options the command line passes."""
    views = []
    for name in TECHNIQUES:
        result = analysis.optional(name)
        if name == "confidence" or result is None:
            continue
        view = getattr(text, name)
        options, repeated = {}, ()
        parameters = inspect.signature(view).parameters
        if "confidence" in parameters:
            if analysis.optional("confidence") is None:
                continue
            options["confidence"] = analysis.confidence
        if "analysis" in parameters:
            options["analysis"] = analysis
        if name == "bayes":
            repeated = _repeated(analysis)
        views.append(_view(f"text.{name}", view(result, **options), repeated=repeated))
    if sat.diff.changes(analysis) is not None:
        views.append(_view("text.diff", text.diff(sat.diff.changes(analysis))))
    return views


def _repeated(analysis: Analysis) -> tuple[str, ...]:
    """The sentences ``sat bayes`` repeats from the bottom line (claims and confidence)."""
    from sat.report.claims import drivers_claims, likelihood_claims, robustness_claims
    from sat.report.claims import text as said
    from sat.report.claims.confidence import sentence

    case, ach, bayes = analysis.case, analysis.ach, analysis.bayes
    claims = [
        likelihood_claims(case, ach, bayes),
        robustness_claims(case, ach, bayes),
        drivers_claims(case, bayes),
    ]
    return (*(said(c) for c in claims if c), sentence(analysis.confidence))


def _html_views(analysis: Analysis) -> list[View]:
    """Every notebook view of a result, the workbook's scores, and the brief's sections."""
    case, ach = analysis.case, analysis.ach
    bayes, collect = analysis.optional("bayes"), analysis.optional("collect")
    provenance = brief.evidence_provenance(case, analysis.quality, analysis.provenance)
    results = [analysis.optional(name) for name in TECHNIQUES]
    pages = {  # each result a notebook has a view for
        f"html.{name}": display.html(result)
        for name, result in zip(TECHNIQUES, results, strict=True)
        if (type(result).__module__, type(result).__name__) in display.VIEWS
    }
    pages["html.ach_transposed"] = tables.ach_matrix_html(ach, transposed=True, order="case")
    if sat.diff.changes(analysis) is not None:
        pages["html.diff"] = tables.diff_html(sat.diff.changes(analysis))
    pages["workbook.scores"] = tables.scores_html(
        case,
        ach,
        posterior=None if bayes is None else bayes.hypotheses_frame,
        draws=None if bayes is None else bayes.draws,
        bayes_error=analysis.why("bayes"),
    )
    pages |= {
        "brief.header": brief.header(case, analysis.full),
        "brief.changes": brief.changes_section(sat.diff.changes(analysis)),
        "brief.hypotheses": brief.hypotheses_section(
            case,
            ach,
            analysis.indicators,
            bayes,
            consensus=analysis.consensus,
            provenance=provenance,
        ),
        "brief.consensus": brief.consensus_section(analysis.consensus),
        "brief.estimates": brief.estimates_section(analysis.estimates),
        "brief.assumptions": brief.assumptions_section(
            case,
            ach,
            analysis.assumptions,
            analysis.gaps,
            analysis.bias,
            analysis.deception,
            analysis.advocacy,
        ),
        "brief.implications": brief.implications_section(case),
        "brief.recommendations": brief.recommendations_section(case, analysis.scenarios, collect),
        "brief.entities": brief.entities_section(case, analysis.network),
        "brief.tags": brief.tags_section(case),
        "brief.techniques": brief.techniques_section(
            case,
            ach=ach,
            assumptions=analysis.assumptions,
            quality=analysis.quality,
            indicators=analysis.indicators,
            bias=analysis.bias,
            advocacy=analysis.advocacy,
            deception=analysis.deception,
            bayes=bayes,
            scenarios=analysis.scenarios,
            network=analysis.network,
        ),
        "brief.sources": brief.sources_section(
            case, analysis.quality, provenance=analysis.provenance
        ),
        "brief.matrix": brief.matrix_section(ach, provenance=provenance),
    }
    return [_view(name, _plain(str(page)), page=str(page)) for name, page in pages.items()]


#: The shapes each situation is rendered in: as generated (seeds 1 and 2), and seed 1 with
#: indicators and an observable gap added.
SHAPES = [(name, seed, False) for name in SITUATIONS for seed in (1, 2)]
SHAPES += [(name, 1, True) for name in SITUATIONS]


def _id(shape: tuple[str, int, bool]) -> str:
    name, seed, indicators = shape
    return f"{name}-{seed}" + ("-indicators" if indicators else "")


@cache
def _rendered(name: str, seed: int, indicators: bool) -> tuple[Analysis, tuple[View, ...]]:
    data = situation(name, seed=seed)
    case = _fast(Case.model_validate(_with_indicators(data) if indicators else data))
    previous = case.model_copy(update={"evidence": case.evidence[1:]})
    analysis = sat.analyse(case, previous=previous if len(case.evidence) > 1 else None)
    return analysis, (*_text_views(analysis), *_html_views(analysis))


def _leaders(analysis: Analysis, about: frozenset[str]) -> set[str]:
    """The hypotheses a view about these results may call the leader: each result's one leader."""
    found = set()
    if "ach" in about and analysis.ach.sole is not None:
        found.add(analysis.ach.sole)
    bayes = analysis.optional("bayes")
    if "bayes" in about and bayes is not None and len(bayes.leaders) == 1:
        found.add(bayes.leaders[0])
    if "consensus" in about:
        found |= {h[0] for h in analysis.consensus.leaders.values() if len(h) == 1}
    if "diff" in about and sat.diff.changes(analysis) is not None:
        changes = sat.diff.changes(analysis)
        found |= {h[0] for h in (changes.old_leader, changes.new_leader) if len(h) == 1}
    return found


def _unranked(analysis: Analysis, about: frozenset[str]) -> set[str]:
    """The hypotheses a view about these results must never call the leader: the unranked."""
    unranked = set(analysis.ach.unranked) if about & {"ach", "diff"} else set()
    bayes = analysis.optional("bayes")
    if "bayes" in about and bayes is not None:
        unranked |= set(bayes.unranked)
    return unranked


def _around(text: str, found: re.Match, before: int = 120, after: int = 60) -> str:
    return f"...{text[max(0, found.start() - before) : found.end() + after]}"


@pytest.mark.parametrize("shape", SHAPES, ids=_id)
def test_no_view_shows_a_missing_value(shape):
    _, views = _rendered(*shape)
    problems = [
        f"{view.name}: {_around(view.shown, found)}"
        for view in views
        if (found := UNSAYABLE.search(view.shown))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("shape", SHAPES, ids=_id)
def test_no_view_names_a_leader_the_analysis_does_not_have(shape):
    analysis, views = _rendered(*shape)
    problems = []
    for view in views:
        allowed = _leaders(analysis, view.about)
        unranked = _unranked(analysis, view.about)
        named = {m.group(1) for pattern in NAMES_A_LEADER for m in pattern.finditer(view.words)}
        if named & unranked:
            problems.append(f"{view.name} calls unranked {sorted(named & unranked)} the leader")
        if not named <= allowed:
            problems.append(
                f"{view.name} names {sorted(named - allowed)} leader; the analysis has "
                f"{sorted(allowed) or 'none'}"
            )
        if not allowed and (said := THE_LEADER.search(view.words)):
            problems.append(
                f"{view.name} speaks of the leader with none: {_around(view.words, said)}"
            )
        # a ranking's row marked "lead" names it leader: never on an ACH tie or with nothing ranked
        cell = LEAD_CELL.search(view.html or view.words)
        if analysis.ach.sole is None and view.name != "text.consensus" and cell:
            problems.append(f"{view.name} marks a row {cell.group(0).strip()!r} with no leader")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("shape", SHAPES, ids=_id)
def test_no_view_gives_a_ratio_over_nothing(shape):
    analysis, views = _rendered(*shape)
    quality, bayes = analysis.quality, analysis.optional("bayes")
    scored = float(quality.sources_frame["share"].sum()) + quality.unsourced_share > 0
    problems = []
    for view in views:
        if found := OVER_NOTHING.search(view.words):
            problems.append(f"{view.name}: {_around(view.words, found)}")
        shares = view.name in ("text.quality", "html.quality", "brief.sources")
        if shares and not scored and re.search(r"\b0(?:\.0+)?%|\b0\.0+\b", view.words):
            problems.append(f"{view.name}: a share of the score where there is no score")
        if view.name == "html.bayes":
            problems += _bayes_ratios(bayes, view)
    assert not problems, "\n".join(problems)


def _bayes_ratios(bayes, view: View) -> list[str]:
    """The Bayesian table gives no source a share of a push of nothing, and no unranked
    hypothesis a share of the simulations it leads (it is never counted)."""
    problems = []
    push = bayes.sources_frame["push"].abs().sum() if len(bayes.sources_frame) else 0.0
    shares = view.words.replace("no source has a share of the push", "")
    if push == 0 and bayes.runner_up is not None and not bayes.tied and "of the push" in shares:
        problems.append("html.bayes: each source's share of a push of nothing")
    for h in bayes.unranked:
        row = re.search(rf"<tr[^>]*>\s*<td[^>]*><b>{h}</b>.*?</tr>", view.html, re.DOTALL)
        if row is None or "unranked" not in row.group(0):
            problems.append(f"html.bayes: unranked {h} given a share of the simulations it leads")
    return problems


def _walk(data, path=""):
    """Every (path, value) under a key named ``leader`` in JSON data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "leader":
                yield f"{path}.{key}", value
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(data, list):
        for k, value in enumerate(data):
            yield from _walk(value, f"{path}[{k}]")


@pytest.mark.parametrize("shape", SHAPES, ids=_id)
def test_json_names_a_leader_only_where_there_is_one(shape):
    analysis, _ = _rendered(*shape)
    data = json.loads(json.dumps(analysis.to_dict(), default=str))
    allowed = _leaders(analysis, frozenset({"ach", "bayes"}))
    for path, value in _walk(data):
        if isinstance(value, str):
            assert value in allowed, f"{path} is {value}; the analysis leads with {allowed}"
    bayes, collect = analysis.optional("bayes"), analysis.optional("collect")
    for result, said in ((bayes, data["bayes"]), (collect, data["collect"])):
        if result is not None:
            leaders = list(result.leaders)
            expected = leaders if len(leaders) > 1 else (leaders[0] if leaders else None)
            assert said["leader"] == expected


@pytest.mark.parametrize("name", ["posterior-tie", "all-na", "unrated-leader"])
def test_the_command_line_json_says_a_tie_as_a_list_and_nothing_ranked_as_null(
    name, tmp_path, capsys
):
    from sat.cli import main

    data = _with_indicators(situation(name, seed=1))
    data["bayes"] = {**data.get("bayes", {}), "draws": 400}
    path = tmp_path / "case.yaml"  # JSON is YAML
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    analysis = sat.analyse(sat.load_case(path))
    leaders = list(analysis.bayes.leaders)
    expected = leaders if len(leaders) > 1 else (leaders[0] if leaders else None)
    for command in ("bayes", "collect"):
        assert main([command, str(path), "--json"]) == 0
        said = json.loads(capsys.readouterr().out)
        assert said["leader"] == expected, command
        assert said["leader"] not in analysis.ach.unranked or said["leader"] is None
