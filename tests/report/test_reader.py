"""The reader's brief (issue 29 items 3 and 5): every claim true of the analysis in every situation,
a bottom line of at most 120 words that names no id and no score, and the change since the previous
assessment computed by hand."""

from __future__ import annotations

import copy
import datetime as dt
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import sat
from sat.case import Case, PreviousAssessment
from sat.paths import EXAMPLE_CASE
from sat.report.claims._base import Claim
from sat.report.claims._reader_numbers import TARGETS
from sat.report.claims.reader import BLUF_WORDS, MARK, outlook_claims, reader_claims
from sat.report.conditions import CONDITIONS, Facts, holds
from sat.report.conditions import reader as reader_conditions
from sat.testing import SITUATIONS, case_objects, quantity_cases, situation

#: Names of scores a reader's sentence never uses.
SCORES = (
    "weighted inconsistency",
    "posterior",
    "tie-break",
    "the band holds",
    "diagnosticity",
    "linchpin",
    "log odds",
    "bayesian",
)


def _fast(case: Case) -> Case:
    """Fewer Monte Carlo draws: the conditions do not depend on how many."""
    return case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 400})})


def _ids(case: Case) -> set[str]:
    parts = (
        case.hypotheses,
        case.evidence,
        case.sources,
        case.assumptions,
        case.indicators,
        case.scenarios,
        case.events,
        case.actors,
    )
    return {x.id for part in parts for x in part} | {k.id for k in case.key_judgements if k.id}


def _analyst_words(case: Case) -> list[str]:
    """The analyst's own names and texts a sentence may quote (a generated label holds its id)."""
    words = [h.label for h in case.hypotheses] + [s.name for s in case.scenarios]
    words += [k.text.strip() for k in case.key_judgements] + list(case.analysts)
    return sorted({w for w in words if w.strip()}, key=len, reverse=True)


def _named_ids(case: Case, text: str) -> list[str]:
    """The case's ids a text names as whole words, outside quotations and the analyst's words."""
    text = re.sub(r"“[^”]*”", " ", text)
    for words in _analyst_words(case):
        text = text.replace(words, " ")
    return [i for i in _ids(case) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]


def _check(case: Case) -> dict[str, list[Claim]]:
    analysis = sat.analyse(_fast(case))
    facts = Facts.of(analysis)
    parts = reader_claims(analysis)
    assert list(parts) == [
        "bluf",
        "judgements",
        "outlook",
        "numbers",
        "change_mind",
        "confidence",
        "change",
        "dissent",
    ]
    for claims in parts.values():
        for claim in claims:
            assert claim.kind.startswith("reader."), claim.kind
            assert claim.kind in CONDITIONS, f"no condition for {claim.kind}"
            assert holds(claim, facts), f"{claim.kind} said but false: {claim.text}"
            assert not _named_ids(analysis.case, claim.text), (claim.kind, claim.text)
    bluf = parts["bluf"]
    text = " ".join(c.text for c in bluf)
    assert len(text.split()) <= BLUF_WORDS, text
    assert not any(score in text.lower() for score in SCORES), text
    kinds = [c.kind for c in bluf]
    if analysis.case.key_judgements:
        assert bluf[0].kind == "reader.judgement" and bluf[0].figures["index"] == 0
    else:
        assert "reader.judgement" not in kinds
    # every part of the question answered once: the outlook and confidence are composed unless
    # a judgement shown says them (about the outlook's scenario; the computed confidence)
    shown = [c for c in bluf if c.kind == "reader.judgement"]
    (outlook,) = outlook_claims(analysis)
    said_outlook = outlook.kind == "reader.outlook" and any(
        c.figures["about"] == outlook.figures["scenario"] for c in shown
    )
    # then the outlook part adds only the signposts (none when none are open)
    if said_outlook:
        assert [c.kind for c in parts["outlook"]] in ([], ["reader.signposts"])
    composed = sum(k.startswith("reader.outlook") or k == "reader.no_outlook" for k in kinds)
    assert composed == (0 if said_outlook else 1), text
    said_confidence = analysis.optional("review") is not None and any(
        f.check == "confidence" and f.relation == "same"
        for c in shown
        for f in analysis.review.judgements[c.figures["index"]].findings
    )
    composed = sum(k in ("reader.confidence", "reader.no_confidence") for k in kinds)
    assert composed == (0 if said_confidence else 1), text
    assert len(parts["confidence"]) == 1 and len(parts["dissent"]) <= 1
    assert len(parts["change"]) <= 1
    return parts


# --- key judgements added to generated cases -------------------------------------------------------

_WORDS = (
    "likely",
    "very unlikely",
    "almost certainly true",
    "probably not the answer",
    "a roughly even chance",
    "highly likely",
    "unlikely",
    "a remote chance",
)


def _with_judgements(data: dict, seed: int) -> dict:
    """The case with key judgements written with the hypotheses' labels and a mix of estimative,
    confidence, ranking and certainty words; one long enough to be cut in the bottom line."""
    rng = np.random.default_rng(seed)
    data = copy.deepcopy(data)
    hyps = data["hypotheses"]

    def pick() -> dict:
        return hyps[int(rng.integers(len(hyps)))]

    templates = [
        lambda h: {"text": f"We judge {h['label']} {rng.choice(_WORDS)}.", "about": h["id"]},
        lambda h: {"text": f"{h['label']} is the most likely explanation."},
        lambda h: {"text": f"We have high confidence that {h['label']} holds.", "about": h["id"]},
        lambda h: {"text": f"{h['label']} will be borne out by events.", "about": h["id"]},
        lambda h: {"text": f"It is {rng.choice(_WORDS)} that {h['label']} explains it."},
        lambda h: {"text": "The picture may change as more reporting arrives."},
    ]
    n = int(rng.integers(1, 8))
    found = [templates[int(rng.integers(len(templates)))](pick()) for _ in range(n)]
    if seed % 3 == 2:
        found.insert(0, {"text": " ".join(["The evidence, read as a whole, points one way."] * 20)})
    data["key_judgements"] = found
    return data


_CASES: dict[tuple[str, int, bool], dict[str, list[Claim]]] = {}


def _named(name: str, seed: int, judgements: bool) -> dict[str, list[Claim]]:
    if (name, seed, judgements) not in _CASES:
        data = situation(name, seed=seed)
        if judgements:
            data = _with_judgements(data, seed)
        _CASES[name, seed, judgements] = _check(Case.model_validate(data))
    return _CASES[name, seed, judgements]


@pytest.mark.parametrize("name", SITUATIONS)
def test_every_reader_claim_holds_in_each_named_situation(name):
    for seed in range(3):
        _named(name, seed, judgements=False)


@pytest.mark.parametrize("name", SITUATIONS)
def test_every_reader_claim_holds_with_key_judgements_added(name):
    for seed in range(3):
        parts = _named(name, seed, judgements=True)
        assert parts["judgements"]
        shown = [c for c in parts["bluf"] if c.kind == "reader.judgement"]
        more = [c for c in parts["bluf"] if c.kind == "reader.more"]
        left = more[0].figures["more"] if more else 0
        assert len(shown) + left == len(parts["judgements"])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case_objects(max_evidence=12, max_hypotheses=6))
def test_every_reader_claim_holds_over_generated_cases(case):
    _check(case)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quantity_cases(max_quantities=4, max_analysts=3))
def test_every_reader_claim_holds_over_generated_team_numbers(case):
    """The whole reader's brief of a case with quantities (seeds or targets, uniform or log,
    quantiles or four points, one analyst or several): the team's numbers with the rest."""
    parts = _check(case)
    answered = {a.quantity for given in case.quantity_estimates.values() for a in given}
    targets = {q.id for q in case.quantities if q.realization is None} & answered
    said = {e["quantity"] for c in parts["numbers"] if c.kind == "reader.numbers"
            for e in c.figures["estimates"]}  # fmt: skip
    assert said <= targets and len(said) == min(len(targets), TARGETS)


# --- by hand ------------------------------------------------------------------------------------


def _example(**update) -> Case:
    return sat.load_case(EXAMPLE_CASE).model_copy(update=update)


def _change(previous: PreviousAssessment) -> tuple[Facts, Claim]:
    analysis = sat.analyse(_fast(_example(previous_assessment=previous)))
    (claim,) = reader_claims(analysis)["change"]
    facts = Facts.of(analysis)
    assert holds(claim, facts), claim.text
    return facts, claim


def test_a_previous_likely_with_moderate_confidence_against_27_to_41_percent_and_low():
    previous = PreviousAssessment(
        source="Seed brief",
        conclusion="Coercion over Taiwan",
        about="H1",
        likelihood="likely",
        confidence="moderate",
    )
    facts, claim = _change(previous)
    lo, hi = claim.figures["range"]
    assert (round(lo, 2), round(hi, 2)) == (0.27, 0.41)
    assert claim.figures["band"] == (0.55, 0.8)
    assert claim.figures["likelihood"] == "lower"
    assert claim.figures["confidence"] == ("moderate", "low")
    assert claim.text.startswith(
        "The previous assessment (Seed brief) called Coercion over Taiwan “likely”, with "
        "moderate confidence: Coercion over Taiwan still leads; its likelihood is lower, now "
        "unlikely (20–45%); confidence is lower, now low."
    )
    lie = Claim(claim.kind, claim.text, {**claim.figures, "likelihood": "higher"})
    assert not holds(lie, facts)


def test_a_change_of_leader_and_what_moved_it_by_the_evidence_words():
    previous = PreviousAssessment(
        source="An earlier note (S0)",
        date=dt.date(2026, 1, 6),
        conclusion="A bargaining chip",
        about="H4",
        likelihood="very unlikely",
        confidence="high",
    )
    facts, claim = _change(previous)
    assert "the lead has passed to Coercion over Taiwan" in claim.text
    assert claim.figures["likelihood"] == "unchanged"  # H4 at 16–17%: inside very unlikely
    assert "confidence is lower, now low" in claim.text
    items = claim.figures["items"]
    assert items and all(facts.case.item(e).date > previous.date for e in items)
    assert "what weighs most since then: “" in claim.text
    assert not _named_ids(facts.case, claim.text)  # "(S0)" left out of the source's name


def test_no_previous_assessment_and_no_previous_version_say_nothing():
    analysis = sat.analyse(_fast(_example(previous_assessment=None)))
    assert reader_claims(analysis)["change"] == []


def test_a_previous_version_is_said_by_its_leader_and_confidence():
    case = _fast(_example(previous_assessment=None))
    evidence = [e for e in case.evidence if e.id not in case.item("E01").id]
    older = case.model_copy(update={"evidence": evidence})
    analysis = sat.analyse(case, previous=older)
    (claim,) = reader_claims(analysis)["change"]
    assert claim.kind == "reader.change_version" and claim.text.startswith("Since the previous")
    assert holds(claim, Facts.of(analysis))


def test_a_judgement_stronger_than_the_analysis_is_marked():
    said = [
        {"text": "Coercion over Taiwan is almost certainly the reason.", "about": "H1"},
        # no band of its own, so it does not clash with the first
        {"text": "We judge Coercion over Taiwan the most probable motive.", "about": "H1"},
    ]
    data = _example().model_dump(mode="json", exclude_none=True)
    case = Case.model_validate({**data, "key_judgements": said})
    analysis = sat.analyse(_fast(case))
    facts = Facts.of(analysis)
    first, second = reader_claims(analysis)["judgements"]
    assert first.figures["stronger"] and MARK in first.text
    assert not second.figures["stronger"] and MARK not in second.text
    assert "(analysis: 27% to 41% chance; stronger than the analysis)" in first.text
    for claim in (first, second):
        assert holds(claim, facts)
        lie = Claim(
            claim.kind, claim.text, {**claim.figures, "stronger": not claim.figures["stronger"]}
        )
        assert not holds(lie, facts)


def _ruled_out() -> Case:
    """An item (not an assumption) with probability 0 under every hypothesis: no posterior."""
    data = situation("typical", seed=0)
    item = next(e for e in data["evidence"] if e.get("type") != "assumption")
    item["ratings"] = {h["id"]: 0.0 for h in data["hypotheses"]}
    return Case.model_validate(data)


def test_a_case_whose_probabilities_cannot_be_computed_says_so_without_ids():
    case = _ruled_out()
    analysis = sat.analyse(_fast(case))
    assert analysis.optional("bayes") is None
    parts = _check(case)
    kinds = {c.kind for c in parts["bluf"]}
    assert {"reader.no_likelihood", "reader.no_confidence"} <= kinds


def _level_outlooks() -> Case:
    data = copy.deepcopy(situation("example-like", seed=0))
    data.pop("estimates", None)
    first, second = data["scenarios"][:2]
    data["scenarios"] = [{**first, "events": ["X1"]}, {**second, "events": ["X1"]}]
    data["futures"] = None
    data["key_judgements"] = []
    return Case.model_validate(data)


def test_outlooks_level_at_the_top_name_none():
    parts = _check(_level_outlooks())
    (claim,) = parts["outlook"]
    assert claim.kind == "reader.outlook_level"
    assert claim.text.startswith("No one outlook stands out:")


def test_the_example_reads_in_words():
    parts = _check(sat.load_case(EXAMPLE_CASE))
    # the analysts' own judgement names the outlook; the outlook part adds its signposts
    (outlook,) = parts["outlook"]
    assert outlook.kind == "reader.signposts" and outlook.figures["scenario"] == "SC2"
    assert outlook.text.startswith("Signs of Prolonged standoff: “Beijing publicly ties easing")
    # the analysts' "likeliest outlook", with what it is likeliest of: 3 scenarios, which cover
    # 0.25 + 0.324 + 0.113 = 69% of outcomes (the annex's "Economic siege" is 50%), and their
    # own estimate, the mean of Analyst A's 0.6 and Analyst B's 0.5 (Analyst C gave none)
    assert parts["bluf"][1].text.endswith(
        "though less likely than not (scenario analysis: 32%, likeliest of 3 modelled, which "
        "cover 69% of outcomes; 2 of 3 analysts: 55%)."
    )
    # the figure stands inside the sentence's full stop
    assert parts["bluf"][0].text.endswith("though itself unlikely (analysis: 27% to 41% chance).")
    (confidence,) = parts["confidence"]
    assert confidence.text.startswith("Confidence is low, mainly because")


def test_every_reader_kind_is_said_somewhere():
    seen = {c.kind for parts in _CASES.values() for claims in parts.values() for c in claims}
    for name in SITUATIONS:
        for seed in range(3):
            for judgements in (False, True):
                parts = _named(name, seed, judgements)
                seen |= {c.kind for claims in parts.values() for c in claims}
    corners = [
        _level_outlooks(),
        _example(previous_assessment=None),
    ]
    for case in corners:
        seen |= {c.kind for claims in _check(case).values() for c in claims}
    seen |= {c.kind for claims in _check(_ruled_out()).values() for c in claims}
    case = _fast(_example(previous_assessment=None))
    older = case.model_copy(update={"evidence": case.evidence[1:]})
    seen |= {
        c.kind
        for claims in reader_claims(sat.analyse(case, previous=older)).values()
        for c in claims
    }
    assert set(reader_conditions.CONDITIONS) - seen == set()


#: Words a minute read aloud: a measured, briefing pace (broadcast speech runs at about 150-160).
PACE = 160


def test_the_examples_readers_brief_reads_aloud_in_under_two_minutes():
    """Issue 29's measure: the reader's brief of the example (its headings and sentences, not the
    grey note pointing to the annex), the team's numbers included, read at ``PACE`` words a
    minute takes under two minutes, and its bottom line opens with the analysts' judgements on
    why, what next and the 20 firms."""
    import html as markup

    from sat.paths import EXAMPLE_CASE
    from sat.report.reader import reader_brief

    analysis = sat.analyse(sat.load_case(EXAMPLE_CASE))
    page = re.sub(
        r'<p class="sat-reader-note".*?</p>', " ", str(reader_brief(analysis)), flags=re.S
    )
    assert 'class="sat-reader-numbers"' in page  # the example's two targets are stated
    words = markup.unescape(re.sub(r"<[^>]+>", " ", page)).split()
    assert len(words) / PACE < 2, len(words)
    bluf = reader_claims(analysis)["bluf"]
    shown = [c.figures["about"] for c in bluf if c.kind == "reader.judgement"]
    assert shown[:2] == ["H1", "SC2"] and "20 Japanese firms" in bluf[2].text
    assert not analysis.review.stronger  # the example's own words are clean under review


def test_a_previous_likelihood_given_as_a_bare_figure_is_read_as_a_chance():
    facts, claim = _change(
        PreviousAssessment(source="Seed brief", conclusion="H1.", about="H1", likelihood="70%")
    )
    assert claim.figures["band"] == (0.695, 0.705) and claim.figures["likelihood"] == "lower"
    assert "its likelihood is lower, now unlikely (20–45%)" in claim.text
    assert holds(claim, facts)


def test_a_tie_of_many_long_labels_is_counted_not_listed():
    data = situation("all-tied", seed=0)
    for h in data["hypotheses"]:
        h["label"] = f"A long and winding label number {h['id']} for the tie"
    parts = _check(Case.model_validate(data))
    said = " ".join(c.text for c in parts["bluf"])
    if len(data["hypotheses"]) > 3:
        assert f"the {len(data['hypotheses'])} hypotheses at the top" in said


def test_long_names_keep_the_bottom_line_within_its_words():
    """Labels, a scenario name and a signpost of a dozen words each: the outlook drops its
    signpost before the bottom line runs past ``BLUF_WORDS`` (the whole checked by ``_check``)."""
    data = situation("example-like", seed=0)
    data.pop("key_judgements", None)
    tail = (
        " organised covertly by a coalition of regional actors seeking leverage over the ministry"
    )
    for h in data["hypotheses"]:
        h["label"] += tail
    for s in data["scenarios"]:
        s["name"] += " after a settlement brokered by the regional governor with the union leaders"
    for i in data["indicators"]:
        i["description"] += ", and the ministry confirms it in writing to every port authority"
    parts = _check(Case.model_validate(data))
    assert sum(len(c.text.split()) for c in parts["bluf"]) <= BLUF_WORDS


def test_the_change_says_a_weak_standing_as_the_bottom_line_does():
    """Only one hypothesis rated: the change since the previous assessment does not say it
    'still leads' (the bottom line draws no judgement from a field of one)."""
    data = situation("leader-alone", seed=0)
    (alone,) = {h for e in data["evidence"] for h in e.get("ratings", {})}
    data["previous_assessment"] = {
        "source": "Old brief",
        "conclusion": "It was that one.",
        "about": alone,
        "likelihood": "likely",
    }
    (change,) = _check(Case.model_validate(data))["change"]
    assert "still leads" not in change.text and "so none leads" in change.text
    assert change.figures["lead"][0] == "reader.alone"


def test_two_judgements_that_cannot_both_hold_are_both_marked():
    from sat.case import KeyJudgement

    case = _example(
        key_judgements=(
            KeyJudgement(text="Coercion over Taiwan is the most likely motive.", about="H1"),
            KeyJudgement(text="A bargaining chip is the most likely motive.", about="H4"),
        )
    )
    parts = _check(case)
    marks = [c.figures["stronger"] for c in parts["judgements"]]
    assert marks == [True, True]  # the second is not the leader; the first is denied by it
    assert all(MARK in c.text for c in parts["judgements"])


# --- a scenario's chance beside the others, and the analysts' own estimate of it ------------------


def _scenario_case(scenarios: str, estimates: str, about: str | None) -> Case:
    """The example-like case with its scenarios as modelled (``scenarios``), its analysts'
    estimates of the scenarios (``estimates``) and one key judgement about ``about`` (None: no
    key judgement, the outlook composed)."""
    data = copy.deepcopy(situation("example-like", seed=0))
    sc1, sc2, sc3 = data["scenarios"]
    data["scenarios"] = {
        "as-is": [sc1, sc2, sc3],  # exclusive; 25% + 32.4% + 11.3% = 69% of outcomes
        "complete": [sc1, {**sc2, "events": ["X1"]}],  # not X1, X1: all outcomes
        "overlapping": [{**sc1, "events": ["X1"]}, sc2],  # X1 holds SC2: no share covered
        "level": [{**sc1, "events": ["X1"]}, {**sc2, "events": ["X1"]}],
        "one": [sc2],
    }[scenarios]
    kept = {s["id"] for s in data["scenarios"]}
    data["futures"] = None
    if estimates == "none":
        data.pop("estimates")
    else:
        for k, given in enumerate(data["estimates"].values()):
            given.pop("SC2", None)
            if estimates == "all" or (estimates == "some" and k < 2):
                given["SC2"] = (0.6, 0.5, 0.4)[k]
    if about is not None and about not in kept:
        about = sorted(kept)[-1]
    data["key_judgements"] = (
        [] if about is None else [{"text": "The outlook is as modelled.", "about": about}]
    )
    return Case.model_validate(data)


@pytest.mark.parametrize("scenarios", ["as-is", "complete", "overlapping", "level", "one"])
@pytest.mark.parametrize("estimates", ["some", "all", "nobody", "none"])
@pytest.mark.parametrize("about", [None, "SC2", "SC3"])
def test_a_scenarios_chance_is_said_beside_the_others_in_every_shape(scenarios, estimates, about):
    """Every claim holds (the scenario's place, the share covered, the analysts' estimate
    recomputed), whether the scenarios cover all outcomes or overlap, tie, stand alone, and
    whether all, some or none of the analysts estimated the scenario."""
    parts = _check(_fast(_scenario_case(scenarios, estimates, about)))
    said = [c for c in parts["bluf"] if c.kind in ("reader.judgement", "reader.outlook")]
    assert said or (scenarios, about) == ("level", None)  # else "No one outlook stands out"
    for c in said:
        scenario = c.figures["about" if c.kind == "reader.judgement" else "scenario"]
        assert ("of outcomes" in c.text) == (scenarios in ("as-is", "one")), c.text
        assert ("analysts:" in c.text) == (estimates in ("some", "all") and scenario == "SC2")


def test_a_scenario_judgement_says_what_it_is_likeliest_of_by_hand():
    # SC3 = P(X1) 0.75 x P(X2) 0.45 x P(X4) 0.335 = 11%, below SC2 (32%) and SC1 (25%); no one
    # estimated it
    (kj,) = _check(_fast(_scenario_case("as-is", "some", "SC3")))["judgements"]
    assert kj.text == (
        "The outlook is as modelled (scenario analysis: 11%, third likeliest of 3 modelled, "
        "which cover 69% of outcomes)."
    )
    # the mean of the three analysts' 0.6, 0.5 and 0.4 is 50%
    (kj,) = _check(_fast(_scenario_case("as-is", "all", "SC2")))["judgements"]
    assert kj.text.endswith("which cover 69% of outcomes; analysts: 50%).")
    # both at P(X1) = 75%: level at the top; they overlap, so no share of outcomes is said
    (kj,) = _check(_fast(_scenario_case("level", "none", "SC2")))["judgements"]
    assert kj.text.endswith("(scenario analysis: 75%, joint likeliest of 2 modelled).")
    # alone: 0.75 x 0.65 x 0.665 = 32%, and the only one
    (kj,) = _check(_fast(_scenario_case("one", "none", "SC2")))["judgements"]
    assert kj.text.endswith(
        "(scenario analysis: 32%, the only one modelled, which covers 32% of outcomes)."
    )
    # composed, without a key judgement
    outlook = _check(_fast(_scenario_case("as-is", "some", None)))["outlook"][0]
    assert outlook.text.startswith(
        "The most probable outlook of the 3 modelled, which cover 69% of outcomes, is Prolonged "
        "standoff, at 32% (unlikely; 2 of 3 analysts: 55%)"
    )


def test_a_scenario_judgement_saying_another_place_or_share_is_false():
    case = _fast(_scenario_case("as-is", "some", "SC2"))
    analysis = sat.analyse(case)
    facts = Facts.of(analysis)
    (kj,) = reader_claims(analysis)["judgements"]
    assert holds(kj, facts)
    context = kj.figures["context"]
    for wrong in (
        {"above": 1},
        {"level": 1},
        {"covered": None},
        {"covered": 0.8},
        {"estimate": None},
        {"estimate": 0.6},
        {"by": ("Analyst A",)},
    ):
        claim = Claim(kj.kind, kj.text, {**kj.figures, "context": {**context, **wrong}})
        assert not holds(claim, facts), wrong


def test_a_figure_stands_inside_the_sentences_full_stop():
    from sat.report.claims.reader import with_figure

    assert with_figure("It is likely.", "analysis: 60%") == "It is likely (analysis: 60%)."
    assert with_figure("Is it likely?", "x") == "Is it likely (x)?"
    assert with_figure("It continues …", "x") == "It continues … (x)"
    assert with_figure("No stop", "x") == "No stop (x)"
    assert with_figure("It is likely.", "") == "It is likely."


# --- a hypothesis weighed alone, and what a judgement turns on ------------------------------------


def test_a_hypothesis_weighed_alone_is_said_to_have_nothing_to_rank_against():
    parts = _named("leader-alone", 0, judgements=False)
    (lead,) = [c for c in parts["bluf"] if c.kind == "reader.alone"]
    assert lead.text.endswith(
        "is the only hypothesis weighed against the evidence, so the case cannot rank it against "
        "any other."
    )
    (confidence,) = parts["confidence"]
    assert confidence.text == (
        "Confidence is low by rule: with only one hypothesis weighed, there is no rival to test "
        "it against."
    )


def test_what_a_judgement_turns_on_names_only_what_the_case_has():
    from sat.report.claims._reader_parts import confidence_reason, turns_on

    # no assumptions in the case: its lead turns on one item (E3), said alone
    parts = _named("analysts-disagree", 0, judgements=False)
    (confidence,) = parts["confidence"]
    assert confidence.text == (
        "Confidence is moderate, mainly because it turns on single items of evidence."
    )
    assert confidence.figures["on"] == "items"
    # an unsupported assumption carried by E3 in place of the item: only the assumption
    data = copy.deepcopy(situation("analysts-disagree", seed=0))
    data["evidence"][2]["type"] = "assumption"
    data["assumptions"] = [
        {"id": "A1", "statement": "It holds.", "rating": "unsupported", "evidence": "E3"}
    ]
    alone = sat.analyse(_fast(Case.model_validate(data)))
    assert turns_on(alone.confidence) == "assumptions"
    # items (E3 and others) and an unsupported assumption (A1, carried by E12): both
    both = sat.analyse(_fast(Case.model_validate(situation("assumption-linchpin", seed=0))))
    assert turns_on(both.confidence) == "both"

    class Only:
        """The analysis with only the linchpins factor found, so that it is the main reason."""

        def __init__(self, analysis):
            import dataclasses

            conf = analysis.confidence
            kept = tuple(f for f in conf.factors if f.name == "linchpins")
            self.confidence = dataclasses.replace(conf, factors=kept, grounds=(), limits=())

        def optional(self, name):
            return self.confidence

    said = confidence_reason(Only(alone), ())
    assert said.text.endswith("mainly because it turns on unsupported assumptions.")
    said = confidence_reason(Only(both), ())
    assert said.text.endswith(
        "mainly because it turns on single items of evidence and on unsupported assumptions."
    )
