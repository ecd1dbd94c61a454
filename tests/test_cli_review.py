"""`sat review`: hand-written sentences through the command line, its JSON, its exit codes, and the
conditions of its claims over cases of every shape (``sat.testing``) with key judgements added."""

from __future__ import annotations

import json
import random
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

import sat
from sat.case import Case
from sat.cli import main
from sat.cli.commands import EXIT_INVALID, EXIT_OK
from sat.paths import EXAMPLE_CASE
from sat.report.claims import Claim
from sat.report.claims.review import STRONGER, result_claims, summary_claims
from sat.report.conditions import Facts, holds
from sat.techniques import review
from sat.techniques.review import statements
from sat.testing import SITUATIONS, situation
from tests.conftest import FIXTURES, MINIMAL


def _review(capsys, path, *options):
    code = main(["review", str(path), *options])
    out, err = capsys.readouterr()
    return code, out, err


@cache
def _example() -> dict:
    return yaml.safe_load(Path(EXAMPLE_CASE).read_text(encoding="utf-8"))


def _case(tmp_path: Path, judgements, *, events=(), **fields) -> Path:
    """The example case with these key judgements (``(about, text)``; about None for none), the
    example's events and these added, and the fields given."""
    data = json.loads(json.dumps(_example(), default=str))
    data["key_judgements"] = [
        {"text": text, **({"about": about} if about else {})} for about, text in judgements
    ]
    data["events"] = [*data["events"], *events]
    data.update(fields)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _findings(capsys, path) -> tuple[int, dict, dict[str, list[dict]]]:
    code, out, _ = _review(capsys, path, "--json")
    data = json.loads(out)
    by_where: dict[str, list[dict]] = {}
    for f in data["findings"]:
        where = f["where"] if isinstance(f["where"], str) else " and ".join(f["where"])
        by_where.setdefault(where, []).append(f)
    return code, data, by_where


# --- each estimative word at, inside and outside its band -------------------------------------------

#: ICD 203's likelihood words, a sentence saying each, and its band.
WORDS = [
    ("almost no chance", "There is almost no chance that {x}.", (0.0, 0.05), "unlikely"),
    ("very unlikely", "It is very unlikely that {x}.", (0.05, 0.2), "unlikely"),
    ("unlikely", "It is unlikely that {x}.", (0.2, 0.45), "unlikely"),
    ("roughly even chance", "There is a roughly even chance that {x}.", (0.45, 0.55), "even"),
    ("likely", "It is likely that {x}.", (0.55, 0.8), "likely"),
    ("very likely", "It is very likely that {x}.", (0.8, 0.95), "likely"),
    ("almost certain", "It is almost certain that {x}.", (0.95, 1.0), "likely"),
]


def _placements(band, side):
    """(probability, expected relation) at each edge, inside, and just outside either way."""
    low, high = band
    out = [(low, None), (high, None), (round((low + high) / 2, 4), None)]
    for p, above in ((low - 0.02, False), (high + 0.02, True)):
        if 0 <= p <= 1:  # outside: stronger when the words move the probability further
            # (above the figure for likely and even words, below it for unlikely ones)
            further = (side in ("likely", "even") and not above) or (side == "unlikely" and above)
            out.append((round(p, 4), "review.stronger" if further else "review.weaker"))
    return out


def test_each_estimative_word_at_inside_and_outside_its_band(capsys, tmp_path):
    events, judgements, expected = [], [], []
    for word, sentence, band, side in WORDS:
        for p, kind in _placements(band, side):
            ident = f"Y{len(events) + 1}"
            events.append({"id": ident, "description": f"Event {ident} happens.", "probability": p})
            judgements.append((ident, sentence.format(x=f"event {ident} happens")))
            expected.append((word, p, kind))
    code, data, by_where = _findings(capsys, _case(tmp_path, judgements, events=events))
    assert data["checked"] >= len(judgements)
    for i, (word, p, kind) in enumerate(expected):
        found = by_where.get(f"key_judgements[{i}]", [])
        kinds = [f["kind"] for f in found]
        assert kinds == ([kind] if kind else []), (word, p, found)
        if kind:
            (f,) = found
            assert f["phrase"] == word and f["analysis"]["range"] == [p, p]
            assert f["stronger"] == (kind == "review.stronger")
            assert f["problem"].endswith(
                f"which puts Y{i + 1} (Event Y{i + 1} happens) at {_pc(p)}."
            )
    assert code == EXIT_INVALID  # some words are stronger than the analysis


def _pc(p: float) -> str:
    from sat.language import percent

    return percent(p)


# --- confidence, certainty, ranking, negation -------------------------------------------------------


def test_confidence_certainty_ranking_and_negation_through_the_command_line(capsys, tmp_path):
    # the example: H1 leads at 27-41% (unlikely), H2 at 8-12%, confidence low, X1 at 75%
    judgements = [
        (None, "We have high confidence in these judgements."),  # 0: above
        (None, "We have moderate confidence in these judgements."),  # 1: above
        (None, "We have low confidence in these judgements."),  # 2: same, nothing said
        ("X1", "Beijing will keep the restrictions until APEC."),  # 3: unhedged, and no likelihood
        ("X1", "Beijing will probably keep the restrictions until APEC."),  # 4: hedged, inside
        ("H2", "Security is the most likely explanation."),  # 5: not the leader
        ("H1", "Coercion over Taiwan is not likely."),  # 6: negated, 0-55%: inside 27-41%
        (
            "X1",
            "Beijing is not likely to keep the restrictions until APEC.",
        ),  # 7: negated, stronger
        ("H1", "Coercion over Taiwan is not the most likely explanation."),  # 8: denies the leader
    ]
    code, _, by_where = _findings(capsys, _case(tmp_path, judgements))
    kinds = {w: [f["kind"] for f in fs] for w, fs in by_where.items()}
    assert kinds["key_judgements[0]"] == ["review.confidence_above"]
    assert kinds["key_judgements[1]"] == ["review.confidence_above"]
    assert "key_judgements[2]" not in kinds and "key_judgements[4]" not in kinds
    assert kinds["key_judgements[3]"] == ["review.unhedged", "review.missing"]
    assert kinds["key_judgements[5]"] == ["review.not_leader"]
    assert "key_judgements[6]" not in kinds
    assert kinds["key_judgements[7]"] == ["review.stronger"]
    assert kinds["key_judgements[8]"] == ["review.denies_leader"]
    (high,) = by_where["key_judgements[0]"]
    assert high["problem"] == (
        '"high confidence" claims more confidence than the analysis, which assesses low confidence.'
    )
    assert high["analysis"]["confidence"] == "low" and high["stronger"] is True
    (will, missing) = by_where["key_judgements[3]"]
    assert will["phrase"] == "will" and will["stronger"] and not missing["stronger"]
    assert missing["phrase"] is None and missing["sentence"] == judgements[3][1]
    (leader,) = by_where["key_judgements[5]"]
    assert leader["analysis"]["leaders"] == ["H1"]
    assert leader["problem"] == (
        '"most likely" is said of H2 (Security and non-proliferation), but the analysis puts '
        "H1 (Coercion over Taiwan) first."
    )
    (negated,) = by_where["key_judgements[7]"]
    assert negated["phrase"] == "not likely" and negated["analysis"]["range"] == [0.75, 0.75]
    assert code == EXIT_INVALID


def test_the_json_shape(capsys, tmp_path):
    judgements = [
        ("H1", "Coercion over Taiwan is almost certainly the motive."),
        ("H4", "A bargaining chip is very likely."),
    ]
    code, data, by_where = _findings(capsys, _case(tmp_path, judgements))
    assert list(data)[:2] == ["findings", "checked"]
    assert {"stronger", "statements", "conflicts", "claims"} <= set(data)
    assert data["stronger"] is True and code == EXIT_INVALID
    for f in data["findings"]:
        assert set(f) == {
            "where",
            "phrase",
            "problem",
            "analysis",
            "kind",
            "stronger",
            "check",
            "sentence",
        }
    (first,) = by_where["key_judgements[0]"]
    assert set(first["analysis"]) == {"about", "range", "confidence", "leaders", "why"}
    assert first["sentence"] == judgements[0][1] and first["check"] == "likelihood"
    # a conflict stands in both places: where, phrase and sentence are pairs
    (conflict,) = [f for f in data["findings"] if f["kind"] == "review.conflict"]
    assert conflict["where"] == ["key_judgements[0]", "key_judgements[1]"]
    assert conflict["phrase"] == ["almost certainly", "very likely"]
    assert conflict["analysis"] == {"about": ["H1", "H4"], "rule": "exceed"}
    assert conflict["stronger"] is True
    # the findings are the claims, said again for reading, then the review in one sentence
    *found, summary = data["claims"]
    assert [f["problem"] for f in data["findings"]] == [c["text"] for c in found]
    assert summary["kind"] == "review.outruns"
    assert summary["figures"]["stronger"] == 2 and summary["figures"]["conflicts"] == 1
    assert summary["text"] == (
        f"2 of the {data['checked']} statements the analysts wrote (2 key judgements) use words "
        "stronger than the analysis, and two key judgements cannot both hold."
    )
    assert all(f["stronger"] == (f["kind"] in STRONGER) for f in data["findings"])


def test_the_text_view_groups_findings_by_place_and_marks_those_stronger(capsys, tmp_path):
    judgements = [
        ("H1", "Coercion over Taiwan is almost certainly the motive."),
        ("X2", "The restrictions probably widen before APEC."),  # given X1: not checked
    ]
    summary = "Coercion over Taiwan explains the timing. Supply is likely at risk."
    code, out, err = _review(capsys, _case(tmp_path, judgements, summary=summary))
    lines = out.splitlines()
    assert code == EXIT_INVALID and err == ""
    assert lines[0] == "key judgement 1 (no id)"  # counted from 1, as the analyst counts
    assert lines[1].startswith('  ! "almost certainly" (95–100%) is stronger than the analysis')
    assert lines[2] == "key judgement 2 (no id)"
    assert lines[3] == (
        '  - "probably" cannot be checked against the analysis: its probability is given only '
        "conditional on X1 (Beijing keeps the restrictions in force until…)."
    )
    assert lines[4] == "summary"
    assert lines[5].startswith("  - The statement about H1 (Coercion over Taiwan) gives no ")
    assert lines[-2] == ""
    assert re.fullmatch(
        r"1 of the \d+ statements the analysts wrote \(2 key judgements\) uses words stronger "
        r"than the analysis\.",
        lines[-1],
    )


def test_words_that_match_the_analysis_exit_0(capsys, tmp_path):
    judgements = [
        ("H1", "Coercion over Taiwan is the most likely explanation, though itself unlikely."),
        ("X1", "Beijing will probably keep the restrictions until APEC."),
        (None, "We have low confidence in these judgements."),
    ]
    code, out, _ = _review(capsys, _case(tmp_path, judgements))
    assert code == EXIT_OK
    assert re.fullmatch(
        r"Of the \d+ statements the analysts wrote \(3 key judgements\), none uses words "
        r"stronger than the analysis\.",
        out.strip().splitlines()[-1],
    )
    # weaker words are listed but pass
    code, data, _ = _findings(capsys, _case(tmp_path, [("H2", "Security is unlikely.")]))
    assert code == EXIT_OK and [f["kind"] for f in data["findings"]] == ["review.weaker"]
    assert data["stronger"] is False


def test_the_example_is_clean(capsys):
    code, out, _ = _review(capsys, EXAMPLE_CASE)
    case = sat.load_case(EXAMPLE_CASE)
    judgements = len(case.key_judgements)
    assert code == EXIT_OK and out.strip() == (
        f"Of the {sum(1 for _ in statements(case))} statements the analysts wrote ({judgements} "
        "key judgements), none uses words stronger than the analysis."
    )
    code, out, _ = _review(capsys, EXAMPLE_CASE, "--json")
    data = json.loads(out)
    assert data["findings"] == [] and [c["kind"] for c in data["claims"]] == ["review.clean"]
    assert data["claims"][0]["figures"]["judgements"] == judgements
    analysis = sat.analyse(case)
    (clean,) = summary_claims(analysis.case, analysis.review)
    assert holds(clean, Facts.of(analysis))


# --- the review in one sentence --------------------------------------------------------------------


def _with(analysis: sat.Analysis, **update) -> sat.Analysis:
    return sat.analyse(analysis.case.model_copy(update=update))


def test_a_stronger_word_makes_the_clean_summary_false():
    from sat.case import KeyJudgement
    from sat.techniques.wording import Figures

    example = sat.analyse(sat.load_case(EXAMPLE_CASE))
    (clean,) = summary_claims(example.case, example.review)
    assert clean.kind == "review.clean" and holds(clean, Facts.of(example))
    low, high = Figures.of(example.bayes, example.confidence, "H1").range
    assert (round(low, 2), round(high, 2)) == (0.27, 0.41)
    # the same number of statements, one key judgement now "almost certainly" of H1 at 27-41%
    coercing = KeyJudgement(text="Beijing is almost certainly coercing Tokyo.", about="H1")
    tampered = _with(example, key_judgements=(coercing, *example.case.key_judgements[1:]))
    assert not holds(clean, Facts.of(tampered))
    (outruns,) = summary_claims(tampered.case, tampered.review)
    assert outruns.kind == "review.outruns" and holds(outruns, Facts.of(tampered))
    assert outruns.figures["stronger"] == 1 and outruns.figures["conflicts"] == 0
    assert outruns.text.startswith("1 of the ") and " uses words stronger " in outruns.text
    # the same words in the summary, read sentence by sentence against the hypothesis named
    named = _with(example, summary="Coercion over Taiwan is almost certainly the motive.")
    assert named.review.stronger and not holds(clean, Facts.of(named))
    # more confidence than computed, and "most likely" of a hypothesis that is not first
    for words in ("We have high confidence in this assessment.", "H2 is the most likely."):
        said = _with(example, summary=words)
        assert said.review.stronger and not holds(clean, Facts.of(said)), words
    # two judgements that cannot both hold, each no stronger than the analysis on its own
    x1 = (
        KeyJudgement(text="Beijing will likely keep the restrictions until APEC.", about="X1"),
        KeyJudgement(text="There is a 50% chance that Beijing keeps them until APEC.", about="X1"),
    )
    clash = _with(example, key_judgements=x1)
    (said,) = summary_claims(clash.case, clash.review)
    assert said.kind == "review.outruns" and holds(said, Facts.of(clash))
    assert said.figures["stronger"] == 0 and said.figures["conflicts"] == 1
    assert said.text.startswith("Two key judgements cannot both hold, though none of the ")
    assert not holds(Claim("review.clean", clean.text, {**said.figures}), Facts.of(clash))


def test_an_outruns_summary_does_not_hold_with_the_wrong_counts_or_claims():
    from sat.case import KeyJudgement

    example = sat.analyse(sat.load_case(EXAMPLE_CASE))
    coercing = KeyJudgement(text="Beijing is almost certainly coercing Tokyo.", about="H1")
    tampered = _with(example, key_judgements=(coercing, *example.case.key_judgements[1:]))
    facts = Facts.of(tampered)
    (outruns,) = summary_claims(tampered.case, tampered.review)
    f = dict(outruns.figures)
    assert holds(outruns, facts)
    for wrong in (
        {"stronger": 2},
        {"statements": f["statements"] + 1},
        {"judgements": f["judgements"] - 1},
        {"outrun": []},
        {
            "outrun": [
                {**f["outrun"][0], "figures": {**f["outrun"][0]["figures"], "where": "summary"}}
            ]
        },
    ):
        assert not holds(Claim(outruns.kind, outruns.text, {**f, **wrong}), facts), wrong
    assert not holds(outruns, Facts.of(example))  # the example's words are clean


def test_the_workbook_says_the_key_judgements_alone():
    from sat.case import KeyJudgement

    example = sat.analyse(sat.load_case(EXAMPLE_CASE))
    coercing = KeyJudgement(text="Beijing is almost certainly coercing Tokyo.", about="H1")
    tampered = _with(example, key_judgements=(coercing,), summary="H2 will win.")
    (only,) = summary_claims(tampered.case, tampered.review, key_judgements_only=True)
    (every,) = summary_claims(tampered.case, tampered.review)
    assert only.text == "The key judgement uses words stronger than the analysis."
    assert every.figures["stronger"] == 2 and only.figures["stronger"] == 1
    assert holds(only, Facts.of(tampered)) and holds(every, Facts.of(tampered))
    none = _with(example, key_judgements=())
    (nothing,) = summary_claims(none.case, none.review, key_judgements_only=True)
    assert nothing.kind == "review.nothing" and "no key judgements yet" in nothing.text
    assert holds(nothing, Facts.of(none))
    (clean,) = summary_claims(none.case, none.review)  # the example's other texts are there
    assert clean.kind == "review.clean" and "(no key judgements among them)" in clean.text


# --- cases with nothing to check, or no Bayesian mode -----------------------------------------------


def test_a_case_without_key_judgements_or_texts_has_nothing_to_check(capsys, write):
    code, out, _ = _review(capsys, write(MINIMAL))
    assert code == EXIT_OK and out.startswith("Nothing to check: the case holds no key judgements")
    assert "under key_judgements" in out and "`" not in out  # plain in a terminal and in HTML
    code, out, _ = _review(capsys, write(MINIMAL), "--json")
    data = json.loads(out)
    assert code == EXIT_OK and data["findings"] == [] and data["checked"] == 0
    assert [c["kind"] for c in data["claims"]] == ["review.nothing"]
    analysis = sat.analyse(sat.load_case(write(MINIMAL)))
    (nothing,) = summary_claims(analysis.case, analysis.review)
    assert holds(nothing, Facts.of(analysis))


def test_a_bare_csv_matrix_has_nothing_to_check(capsys):
    code, out, err = _review(capsys, FIXTURES / "hand.csv")
    assert code == EXIT_OK and "Nothing to check" in out and "Traceback" not in err
    code, out, _ = _review(capsys, FIXTURES / "hand.csv", "--json")
    assert json.loads(out)["checked"] == 0


def test_a_case_whose_bayesian_mode_cannot_run_checks_what_it_can(capsys, write):
    text = MINIMAL.replace("statement: First.}", "statement: First., prior: 1}")
    text += (
        "key_judgements:\n"
        "  - {text: One is likely., about: H1}\n"
        "  - {text: Two is the most likely explanation., about: H2}\n"
        "  - {text: Two will happen., about: H2}\n"
    )
    path = write(text)
    with pytest.raises(sat.errors.AnalysisError):
        _ = sat.analyse(sat.load_case(path)).bayes
    code, _, by_where = _findings(capsys, path)
    first, second = by_where["key_judgements[0]"], by_where["key_judgements[1]"]
    assert [f["kind"] for f in first] == ["review.unsupported"]  # a likelihood it does not give
    assert first[0]["stronger"] and first[0]["problem"] == (
        '"likely" (55–80%) gives H1 (One) a likelihood the analysis does not: the Bayesian mode '
        "could not run on this case."
    )
    assert [f["kind"] for f in second] == ["review.unchecked"]
    assert "Bayesian mode could not run" in second[0]["problem"]
    third = by_where["key_judgements[2]"]
    assert [f["kind"] for f in third] == ["review.unhedged", "review.missing"]
    assert code == EXIT_INVALID  # "will" outruns any analysis
    facts = Facts.of(analysis := sat.analyse(sat.load_case(path)))
    assert all(holds(c, facts) for c in result_claims(analysis.case, analysis.review))


def test_the_help_teaches_with_examples_and_prints_percentages_as_written(capsys):
    with pytest.raises(SystemExit):
        main(["review", "--help"])
    out = capsys.readouterr().out
    assert "%%" not in out and "95–100%" in out
    assert '"China will extend the controls" is found' in out
    assert "Exit codes: 0 when no word is stronger" in out and "References" not in out


# --- every claim's condition holds over cases of every shape, key judgements generated ------------

#: Sentences a key judgement may say of ``{x}`` (a hypothesis's label or an event's description).
SAYINGS = [
    "{x} is likely.",
    "{x} is very unlikely.",
    "{x} is almost certainly the answer.",
    "There is a roughly even chance of {x}.",
    "{x} is not likely.",
    "{x} is the most likely explanation.",
    "{x} is not the most likely explanation.",
    "{x} will happen.",
    "{x} will probably happen.",
    "We have high confidence that {x} is probable.",
    "{x} explains the evidence.",
    "There is a 30-35% chance of {x}.",
    "{x} is a realistic possibility.",
]
CONFIDENCE = ["We have low confidence.", "We have moderate confidence.", "We have high confidence."]


def _judged(name: str, seed: int) -> Case:
    """The situation with key judgements about its hypotheses (some by id, some not said),
    its events and scenarios, and a summary naming them."""
    data = situation(name, seed=seed)
    rng = random.Random(f"{name}-{seed}")
    ids = [h["id"] for h in data["hypotheses"]]
    ids += [e["id"] for e in data.get("events", ())] + [s["id"] for s in data.get("scenarios", ())]
    judgements = []
    for about in rng.sample(ids, min(len(ids), 5)):
        saying = rng.choice(SAYINGS).format(x=about)
        judgements.append({"text": saying, **({"about": about} if rng.random() < 0.8 else {})})
    judgements.append({"text": rng.choice(CONFIDENCE)})
    data["key_judgements"] = judgements
    data["summary"] = " ".join(rng.choice(SAYINGS).format(x=h) for h in rng.sample(ids, 2))
    data["implications"] = {"political": rng.choice(SAYINGS).format(x=rng.choice(ids))}
    data["recommendations"] = {
        "immediate": [rng.choice(SAYINGS).format(x=rng.choice(ids)), rng.choice(CONFIDENCE)]
    }
    data["bayes"] = {**data.get("bayes", {}), "draws": 400}
    return Case.model_validate(data)


def _tamed(case: Case, result) -> Case:
    """The case without the texts whose words outrun the analysis, nor the key judgements in a
    pair that cannot both hold: what is left is clean."""
    out = {r.statement.where for r in result.statements if r.stronger}
    out |= {f"key_judgements[{i}]" for c in result.conflicts for i in (c.first, c.second)}
    kept = [kj for i, kj in enumerate(case.key_judgements) if f"key_judgements[{i}]" not in out]
    update: dict = {"key_judgements": tuple(kept)}
    if "summary" in out:
        update["summary"] = None
    if case.implications is not None:
        dropped = {
            n: None for n in type(case.implications).model_fields if f"implications.{n}" in out
        }
        update["implications"] = case.implications.model_copy(update=dropped)
    if case.recommendations is not None:
        recs = case.recommendations
        update["recommendations"] = recs.model_copy(
            update={
                n: tuple(
                    v
                    for i, v in enumerate(getattr(recs, n))
                    if f"recommendations.{n}[{i}]" not in out
                )
                for n in type(recs).model_fields
            }
        )
    return case.model_copy(update=update)


@pytest.mark.parametrize("name", SITUATIONS)
def test_every_review_claim_holds_in_each_situation(name):
    said = cleaned = 0
    for seed in range(3):
        analysis = sat.analyse(_judged(name, seed))
        facts = Facts.of(analysis)
        claims = result_claims(analysis.case, analysis.review)
        for claim in claims:
            assert holds(claim, facts), (name, seed, claim.kind, claim.text)
            assert "None" not in claim.text and "nan" not in claim.text, claim.text
        # the exit code's reason: a claim that outruns the analysis exactly when the result does
        assert any(c.kind in STRONGER for c in claims) == analysis.review.stronger
        # the review in one sentence, of every text and of the key judgements alone
        for only in (False, True):
            (summary,) = summary_claims(analysis.case, analysis.review, key_judgements_only=only)
            assert holds(summary, facts), (name, seed, only, summary.kind, summary.text)
            assert summary.kind != "review.nothing"  # the key judgements are there
            if not only:
                assert (summary.kind == "review.clean") == (not analysis.review.stronger)
            said += 1
        # what is left without the texts that outrun the analysis is clean, and said to be
        tamed = _tamed(analysis.case, analysis.review)
        result = review.run(tamed, analysis.bayes, analysis.confidence)
        kept = Facts(tamed, analysis.ach, analysis.bayes, analysis.confidence)
        assert not result.stronger, (name, seed)
        for only in (False, True):
            (summary,) = summary_claims(tamed, result, key_judgements_only=only)
            assert summary.kind in ("review.clean", "review.nothing"), summary.text
            assert holds(summary, kept), (name, seed, only, summary.kind, summary.text)
            cleaned += summary.kind == "review.clean"
        said += len(claims)
    assert said and cleaned


@pytest.mark.parametrize("options", [(), ("--json",)])
def test_the_analysts_words_never_reach_the_terminal_raw(tmp_path, capsys, options):
    from tests.test_terminal import CASE, _raw

    payload = "\\e[2J\\x9b31m\\u202e\\a"
    case = tmp_path / "case.yaml"
    case.write_text(
        CASE
        + "key_judgements:\n"
        + f'  - {{text: "H1 will win {payload} clearly.", about: H1}}\n'
        + f'summary: "H2 is almost certainly {payload} the answer."\n',
        encoding="utf-8",
    )
    assert "\x1b" in sat.load_case(case).key_judgements[0].text  # the payload is there
    code, out, err = _review(capsys, case, *options)
    assert code == EXIT_INVALID and "will" in out
    assert _raw(out) == set() and _raw(err) == set()
    if options:
        assert json.loads(out)["findings"]


def test_a_finding_names_a_key_judgement_by_its_id_where_it_has_one():
    from sat.report.claims.review import place

    case = sat.load_case(EXAMPLE_CASE)
    ids = [k.id for k in case.key_judgements]
    assert ids[0] and ids[1]  # the example's judgements have ids
    assert place(case, "key_judgements[1]") == f"key judgement {ids[1]}"
    assert place(case, ("key_judgements[0]", "summary")) == f"key judgement {ids[0]} and summary"
    assert place(case, "recommendations.immediate[0]") == "recommendations.immediate[0]"
    # an id of digits never reads like another judgement's number
    numbered = case.model_copy(
        update={
            "key_judgements": (
                case.key_judgements[0].model_copy(update={"id": None}),
                case.key_judgements[1].model_copy(update={"id": "1"}),
            )
        }
    )
    names = [place(numbered, f"key_judgements[{i}]") for i in range(2)]
    assert names == ["key judgement 1 (no id)", "key judgement 1"] and len(set(names)) == 2
