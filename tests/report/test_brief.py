"""Brief sections: drafted from the ACH numbers, and inert whatever the case text holds."""

import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

import sat
from sat.case import Case
from sat.report import brief
from sat.techniques import ach
from tests.techniques.test_ach import make_case

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.images = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "img":
            self.images.append(dict(attrs).get("src", ""))


def parse(html):
    parser = _Tags()
    parser.feed(html)
    return parser


def hostile_case():
    return Case(
        id="x",
        title=PAYLOAD,
        question=PAYLOAD,
        date="2026-01-01",
        analysts=[PAYLOAD],
        summary=PAYLOAD,
        sources=[
            {
                "id": "S1",
                "title": PAYLOAD,
                "publisher": PAYLOAD,
                "url": 'https://e.com/"><script>x</script>',
                "reliability": "A",
                "reliability_reason": PAYLOAD,
            }
        ],
        hypotheses=[
            {"id": "H1", "label": PAYLOAD, "statement": PAYLOAD},
            {"id": "H2", "label": PAYLOAD, "statement": PAYLOAD},
        ],
        evidence=[
            {"id": "E1", "summary": PAYLOAD, "sources": ["S1"], "ratings": {"H1": "C", "H2": "II"}},
            {"id": "E2", "summary": PAYLOAD, "ratings": {"H1": "N", "H2": "N"}},
        ],
    )


def all_sections(case):
    result = ach.run(case)
    return [
        brief.header(case),
        brief.bluf(case, result),
        brief.hypotheses_section(case, result),
        brief.sources_section(case),
        brief.matrix_section(result),
        brief.method_notes(),
    ]


def test_case_text_is_escaped_in_every_section():
    for section in all_sections(hostile_case()):
        parsed = parse(section)
        assert "script" not in parsed.tags
        assert all(
            src.startswith("data:image/png;base64,") for src in parsed.images
        )  # only our charts
        assert not any(name.startswith("on") for name, _ in parsed.attrs)
        assert "&lt;script&gt;" in section or "<script" not in section


def test_links_keep_their_quotes_escaped():
    html = brief.sources_section(hostile_case())
    hrefs = [value for name, value in parse(html).attrs if name == "href"]
    assert hrefs == ['https://e.com/"><script>x</script>']  # one attribute, nothing broke out


def test_bluf_names_leader_runner_up_margin_and_what_would_overturn_it(hand_case):
    text = brief.bluf(hand_case, ach.run(hand_case))
    assert "H1 (First) is the least inconsistent of the 3 hypotheses" in text
    # H2 and H3 both score 4.00: both are named, the runner-up (H3, on the tie-break) first
    assert "against 4.00 each for H3 (Third) and H2 (Second), level in second place" in text
    assert "would take 2 one-step rating changes" in text
    # one set of changes that together overturns the leader (H3 needs more than 4 - 1/√2: E1 II -> N)
    assert (
        "What would overturn it: E1 judged neutral rather than very inconsistent for H3 would put"
        " H3 (Third) ahead of it." in text
    )
    assert "Removing E1 alone would put H3 (Third) in the lead" in text


def test_bluf_for_a_tie_draws_no_leading_judgement():
    case = make_case([["C", "C", "I"]])
    text = brief.bluf(case, ach.run(case))
    assert "does not separate H1 and H2" in text
    assert "no leading judgement can be drawn" in text
    assert "Removing" not in text  # no linchpins of a judgement that is not drawn


def test_bluf_when_the_lead_rests_on_the_tie_break():
    case = make_case([["CC", "C"], ["I", "I"]])
    text = brief.bluf(case, ach.run(case))
    assert "H1 and H2 are equally inconsistent" in text
    assert "H1 is placed first only on the consistency tie-break" in text
    assert "one-step" not in text  # never "0 one-step rating changes"


def test_hypotheses_section_lists_all_with_disconfirming_evidence(hand_case):
    html = brief.hypotheses_section(hand_case, ach.run(hand_case))
    assert html.index("H1 First") < html.index("H3 Third") < html.index("H2 Second")  # rank order
    assert "<b>E4</b> (II, counts 2.00)" in html  # II = 2 x weight 1
    assert "No evidence is rated inconsistent with it." not in html
    assert "candidates to set aside under Heuer's step 4" in html and "E3" in html


def test_sources_section_counts_citations(hand_case):
    html = brief.sources_section(hand_case)
    assert "<b>B</b> usually reliable" in html
    assert '<td style="text-align:center">1</td>' in html


@pytest.mark.parametrize("section", ["method_notes"])
def test_method_notes_cite_heuer_parc_and_icd203(section):
    html = getattr(brief, section)()
    for needle in ("Heuer", "PARC", "Intelligence Community Directive 203", "0.707", "1.414"):
        assert needle in html


def test_sections_nest_html_without_escaping_it_twice(hand_case):
    html = brief.matrix_section(ach.run(hand_case))
    assert html.count('<td class="sat-cell"') == 12
    assert "&lt;td" not in html


def test_sections_say_not_assessed_when_the_case_lacks_their_input(hand_case):
    result = ach.run(hand_case)
    for section in (
        brief.implications_section(hand_case),
        brief.recommendations_section(hand_case),
        brief.entities_section(hand_case),
        brief.tags_section(hand_case),
    ):
        assert "not assessed" in section
    gaps = brief.assumptions_section(hand_case, result)
    assert "the case lists no information gaps" in gaps
    assert "records no assumptions as evidence" in gaps
    bluf = brief.bluf(hand_case, result)
    assert "<b>Likelihood.</b>" in bluf and "<b>Confidence.</b>" in bluf
    assert bluf.count("not assessed") == 2
    hypotheses = str(brief.hypotheses_section(hand_case, result))
    assert "not assessed: no probabilistic (Bayesian) analysis" in hypotheses
    assert "not assessed: the case lists no indicators" in hypotheses
    assert "not assessed" in str(brief.consensus_section(None))


def test_analyst_text_is_shown_as_written(example_case):
    implications = brief.implications_section(example_case)
    assert implications.index("Political / geopolitical") < implications.index("Economic / social")
    assert "anti-dumping probe opens a second front" in implications
    recs = brief.recommendations_section(example_case)
    assert "Re-run this analysis before APEC Shenzhen" in recs
    assert "Scenario outlook" in recs and "not assessed" in recs
    assert "rare earths" in brief.tags_section(example_case)


def test_assumptions_section_lists_assumption_items_with_ratings(example_case):
    html = brief.assumptions_section(example_case, ach.run(example_case))
    assert "<b>E27</b>" in html and "<b>E28</b>" in html and "H2&nbsp;I" in html
    # an information gap, as the analyst wrote it
    assert example_case.information_gaps[0].text in html
    assert "<b>E25</b>" in html  # expected evidence recorded as absent


def test_techniques_section_claims_only_what_ran(hand_case):
    assert "No technique has been run" in brief.techniques_section(hand_case)
    html = brief.techniques_section(hand_case, ach=ach.run(hand_case))
    assert "Analysis of Competing Hypotheses" in html
    kinds = re.findall(r'data-kind="([^"]+)"', str(html))
    assert kinds == [
        "summary.matrix",
        "summary.leader",
        "summary.linchpins",
        "summary.non_diagnostic",
    ]
    n, m = len(hand_case.hypotheses), len(hand_case.evidence)
    assert f"{n} hypotheses weighed against {m} items of evidence." in html
    assert "Linchpin: E1." in html and "Not diagnostic: E3 (rated alike" in html
    assert re.search(
        r"2 one-step rating changes from H\d( or H\d)* drawing level with it\.", str(html)
    )


def test_header_flags_a_sensitivity_run(hand_case):
    from sat.case import select_evidence

    html = brief.header(select_evidence(hand_case, "H"), hand_case, "H")
    assert "2 evidence items below high credibility were left out" in html
    assert "Sensitivity run" not in brief.header(hand_case)


def test_summary_for_the_index(hand_case):
    data = brief.summary(hand_case, ach.run(hand_case)).to_dict()
    assert data["leader"] == ("H1",) and data["leader_labels"] == ("First",)
    assert data["margin"] == 2 and data["likelihood"] is None and data["confidence"] is None


def test_sections_show_the_checks_when_they_ran(example_case):
    import sat

    analysis = sat.analyse(example_case)
    result, kac, gaps = analysis.ach, analysis.assumptions, analysis.gaps
    quality, indicators = analysis.quality, analysis.indicators
    section = brief.assumptions_section(example_case, result, kac, gaps)
    assert ("Linchpin assumption" in section) == bool(kac.linchpins)
    assert 'class="sat-kac"' in section
    assert bool(kac.untested) and "Not tested in the matrix" in section
    assert "Key Assumptions Check: " not in section  # no "not assessed" once it ran
    assert "Never tested against disconfirming evidence" in section
    hyp = brief.hypotheses_section(example_case, result, indicators)
    assert "Indicators that would shift this judgement" in hyp and "<b>I09</b>" in hyp
    sources = brief.sources_section(example_case, quality)
    assert "Items to re-check" in sources and "Sourcing of the lead" in sources
    applied = brief.techniques_section(
        example_case, ach=result, assumptions=kac, quality=quality, indicators=indicators
    )
    for name in (
        "Key Assumptions Check",
        "Quality of Information Check",
        "Indicators and signposts",
    ):
        assert name in applied


def test_checks_with_nothing_to_work_on_are_not_claimed(hand_case):
    import sat

    analysis = sat.analyse(hand_case)
    result = analysis.ach
    applied = brief.techniques_section(
        hand_case,
        ach=result,
        assumptions=analysis.assumptions,
        indicators=analysis.indicators,
    )
    assert "Key Assumptions Check" not in applied and "Indicators" not in applied
    section = brief.assumptions_section(hand_case, result, analysis.assumptions)
    assert "Key Assumptions Check: " in section and "not assessed" in section


def test_bias_deception_and_advocacy_in_the_brief(example_case):
    import sat

    analysis = sat.analyse(example_case)
    result, kac, stress = analysis.ach, analysis.assumptions, analysis.bias
    deception, advocate = analysis.deception, analysis.advocacy
    section = brief.assumptions_section(
        example_case, result, kac, None, stress, deception, advocate
    )
    assert 'class="sat-bias"' in section and "confirmation bias" in section
    assert 'class="sat-deception"' in section and "Chinese government" in section
    assert "Devil&#39;s advocacy" in section or "Devil's advocacy" in section
    assert "cognitive-bias stress test has not been run" not in section
    applied = brief.techniques_section(
        example_case, ach=result, bias=stress, advocacy=advocate, deception=deception
    )
    for name in ("Cognitive bias stress test", "Devil&#39;s advocacy", "Deception checks"):
        assert name in applied


def test_bluf_states_likelihood_and_confidence_in_separate_sentences(example_case):
    import sat

    analysis = sat.analyse(example_case)
    result, bayes, conf = analysis.ach, analysis.bayes, analysis.confidence
    html = brief.bluf(example_case, result, bayes, conf)
    likelihood = html.split("<b>Likelihood.</b>")[1].split("</p>")[0]
    confidence = html.split("<b>Confidence.</b>")[1].split("</p>")[0]
    assert "unlikely (20–45%)" in likelihood and "confidence" not in likelihood
    assert "among the hypotheses listed" in likelihood  # what the probability is conditional on
    row = bayes.hypotheses.loc["H1"]
    # one central number, the posterior under the stated table, with the simulations' interval
    assert f"posterior {row['posterior']:.2f}" in likelihood
    assert f"{row['low']:.2f}–{row['high']:.2f} (5–95%)" in likelihood
    assert row["low"] <= row["posterior"] <= row["high"]
    assert "low confidence" in confidence and "55–80%" not in confidence
    assert "not assessed" not in html
    summary = brief.summary(example_case, result, bayes, conf).to_dict()
    assert summary["confidence"] == "low" and "likely" in summary["likelihood"]


def test_outlook_and_probabilities_in_the_brief(example_case):
    import sat

    analysis = sat.analyse(example_case)
    outlook = brief.recommendations_section(example_case, analysis.scenarios, analysis.collect)
    assert (
        'class="sat-scenarios"' in outlook
        and "Prolonged standoff" in outlook
        and "Confrontation" in outlook
    )
    assert "not assessed" not in outlook
    top = analysis.collect.top(3)
    assert 'class="sat-collect"' in outlook and all(f"<b>{i}</b>" in outlook for i in top.index)
    assert "What to collect next" in outlook and "not assessed" in brief.recommendations_section(
        example_case, sat.scenarios.run(example_case)
    )
    hyp = brief.hypotheses_section(
        example_case, ach.run(example_case), bayes=sat.bayes.run(example_case)
    )
    assert 'class="sat-bayes"' in hyp and "What moved the answer" in hyp
    notes = brief.method_notes(sat.bayes.run(example_case))
    assert "roughly even odds" in notes and "chain rule" in notes


def test_entities_ranked_by_influence_with_the_figure(example_case):
    import sat

    html = brief.entities_section(example_case, sat.network.run(example_case))
    assert 'class="sat-network"' in html and "not assessed" not in html
    assert html.index("Xi Jinping") < html.index("Ministry of Commerce")  # ranked by influence
    assert "WorldWideWatchers" not in html  # the table shows the 12 most influential
    assert html.count("data:image/png;base64,") == 1
    assert "Most paths between the camps run through" in html


def test_changes_section_only_when_an_earlier_version_is_given(example_case):
    from sat.paths import DATA

    assert brief.changes_section(sat.diff.changes(sat.analyse(example_case, previous=""))) == ""
    earlier = str(DATA / "history" / "china-japan-dual-use-2026.2026-01-08.yaml")
    html = brief.changes_section(sat.diff.changes(sat.analyse(example_case, previous=earlier)))
    assert (
        "What changed since the last version" in html
        and "1 item of evidence added" in html
        and "E24" in html
    )


def test_a_large_matrix_shows_the_most_diagnostic_items_and_points_to_the_full_csv():
    from sat.case import Case
    from sat.techniques import ach
    from sat.testing import generate_case

    case = Case.model_validate(generate_case(250, 3, n_sources=260, seed=4))
    result = ach.run(case)
    html = str(brief.matrix_section(result))
    assert "Showing the 200 most diagnostic of 250 items" in html
    assert 'href="matrix.csv"' in html
    shown = [e for e in result.evidence.index if f"<b>{e}</b>" in html]
    assert shown == list(result.evidence.index[:200])  # the top of the diagnosticity order
    in_case_order = str(brief.matrix_section(result, "case"))
    positions = [in_case_order.index(f"<b>{e}</b>") for e in case.matrix.evidence_ids if e in shown]
    assert positions == sorted(positions) and len(positions) == 200
    small = str(brief.matrix_section(ach.run(Case.model_validate(generate_case(20, 3)))))
    assert "Showing the" not in small and "matrix.csv" not in small
    sources = str(brief.sources_section(case))
    assert "Showing the 200 most cited of 260 sources" in sources


def test_a_notebook_display_of_a_large_matrix_is_bounded_too():
    from sat.report.display import html as view
    from sat.testing import generate_case

    result = ach.run(Case.model_validate(generate_case(230, 3, seed=2)))
    html = view(result)
    assert "Showing the 200 most diagnostic of 230 items" in html
    assert "matrix.csv" not in html  # nothing is attached in a notebook


def test_the_bluf_gives_a_band_only_when_every_table_agrees(write):
    import sat

    # ten items C against N from ten outlets: 0.68 ("likely") on the stated table, the prior
    # (0.5, "roughly even chance") when consistent evidence counts as neutral, and on the steeper
    # table C is 0.8 x logistic(1.5 logit 0.55) + 0.1 = 0.5598, so 1 / (1 + (0.5 / 0.5598)^10) = 0.756
    sources = "".join(
        f"  - {{id: S{k}, title: S{k}, reliability: C, reliability_reason: r, publisher: P{k}}}\n"
        for k in range(10)
    )
    items = "".join(
        f"  - {{id: E{k}, summary: s, sources: [S{k}], ratings: {{H1: C, H2: N}}}}\n"
        for k in range(10)
    )
    case = sat.load_case(
        write(
            "id: t\ntitle: T\nquestion: Q?\ndate: 2026-01-01\nanalysts: [me]\n"
            f"sources:\n{sources}hypotheses:\n  - {{id: H1, label: One, statement: s}}\n"
            f"  - {{id: H2, label: Two, statement: s}}\nevidence:\n{items}"
        )
    )
    analysis = sat.analyse(case)
    sentence = brief.likelihood_sentence(case, analysis.ach, analysis.bayes)
    assert "roughly even chance to likely (45–80%), depending on how the ratings" in sentence
    assert "across plausible likelihood tables" in sentence
    assert "only items rated consistent against neutral favour it over the next" in sentence
    assert "is likely" not in sentence


def test_dissent_is_shown_wherever_the_analysts_disagree(example_case):
    import sat

    analysis = sat.analyse(example_case)
    bluf = str(brief.bluf(example_case, analysis.ach, consensus=analysis.consensus))
    said = bluf.split("The analysts disagree.")[1].split("</p>")[0]
    assert "H1 (Coercion over Taiwan) comes first for Analyst A and Analyst C" in said
    assert "H4 (Bargaining chip before APEC) comes first for Analyst B" in said
    assert "With the median of their votes, H1 (Coercion over Taiwan) comes first" in said
    section = str(
        brief.hypotheses_section(example_case, analysis.ach, consensus=analysis.consensus)
    )
    # nothing in the agreed matrix counts against H1, but Analyst B rated E21 against it
    assert "in the agreed matrix, but analysts did: E21 (Analyst B)" in section
    assert "No evidence is rated inconsistent with it." not in section
    disputed = str(brief.consensus_section(analysis.consensus))
    assert "Where the analysts disagree" in disputed and "Analyst B: leader H4" in disputed
    assert "not assessed" in str(brief.consensus_section(None))


def test_no_dissent_line_when_the_analysts_agree(example_case):
    import sat

    analysis = sat.analyse(example_case)
    assert "The analysts disagree" not in str(brief.bluf(example_case, analysis.ach))


def test_each_prior_is_shown_with_its_basis(example_case):
    import sat

    analysis = sat.analyse(example_case)
    html = str(brief.hypotheses_section(example_case, analysis.ach, bayes=analysis.bayes))
    for h in example_case.hypotheses:
        basis = escape(h.prior_basis)
        assert html.count(f"Prior {h.prior:.2f}: {basis}") == 1, h.id  # each prior beside its basis


def test_a_residual_hypothesis_makes_the_probability_unconditional(write):
    import sat

    case = sat.load_case(
        write(
            "id: r\ntitle: R\nquestion: Q?\ndate: 2026-01-01\nanalysts: [me]\nhypotheses:\n"
            "  - {id: H1, label: One, statement: s}\n  - {id: H2, label: Two, statement: s}\n"
            "  - {id: H9, label: Something else, statement: none of these, kind: residual}\n"
            "evidence:\n  - {id: E1, summary: s, ratings: {H1: C, H2: I, H9: N}}\n"
        )
    )
    analysis = sat.analyse(case)
    sentence = brief.likelihood_sentence(case, analysis.ach, analysis.bayes)
    assert "include H9 (Something else) for any answer not otherwise listed" in sentence
    assert "assumes the answer is among" not in sentence


def test_a_recommended_deception_hypothesis_is_an_open_gap_in_the_bluf(example_case):
    import sat

    analysis = sat.analyse(example_case)
    assert analysis.deception.add_hypothesis  # the example weighs none, and the checks ask for one
    html = str(brief.bluf(example_case, analysis.ach, deception=analysis.deception))
    gap = html.split("<b>Open gap:</b>")[1]
    assert 'data-kind="deception.add"' in gap
    assert "The deception checks rate Chinese government a high deception risk (" in gap


def test_robustness_states_worst_case_and_random_error_together(example_case):
    import sat

    analysis = sat.analyse(example_case)
    share = analysis.bayes.hypotheses.at["H1", "p_most_likely"]
    sentence = brief.robustness_sentence(analysis.case, analysis.ach, analysis.bayes)
    assert sentence.startswith(
        "Robustness: a single one-step rating change would bring a challenger level"
    )
    assert f"H1 stays the most probable in {share:.0%} of simulations" in sentence
    if share >= 0.9:  # the stated thresholds decide the words
        assert "survives typical error but not a targeted change" in sentence  # margin 1
    elif share >= 0.5:
        assert f"typical error unseats it in {1 - share:.0%} of simulations" in sentence
        assert "survives" not in sentence
    else:
        assert "more likely than not to unseat it" in sentence
    html = str(brief.bluf(example_case, analysis.ach, analysis.bayes, analysis.confidence))
    assert sentence in html


def test_robustness_of_a_tie_says_so():
    import sat

    case = make_case([["C", "C", "I"]])
    sentence = brief.robustness_sentence(case, ach.run(case), sat.bayes.run(case))
    assert "the matrix ties H1 and H2" in sentence and "survives" not in sentence


def test_the_likelihood_sentence_is_never_firmer_than_the_family_of_tables():
    from hypothesis import given, settings

    from tests.techniques.test_ach import small_matrices

    @settings(max_examples=40, deadline=None)
    @given(small_matrices())
    def check(matrix):
        codes, levels = matrix
        case = make_case(codes, levels)
        case = case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 200})})
        result, bayes = ach.run(case), sat.bayes.run(case)
        sentence = brief.likelihood_sentence(case, result, bayes)
        post = bayes.hypotheses["posterior"]
        if not bayes.leaders:
            assert "ranks none of them" in sentence
        elif bayes.tied:
            assert "most probable" not in sentence.split("so none is")[0]
        elif bayes.runner_up is None:  # nothing to be more probable than: no words
            assert "is put in no words of likelihood" in sentence
        elif bayes.contenders:  # the point estimate or the simulations do not separate them
            assert f"{post[bayes.leaders[0]]:.4f}" in sentence and "barely separates" in sentence
            assert "most probable" not in sentence.split("so none is")[0]
        elif bayes.band_stable:
            assert (
                str(bayes.estimate) in sentence
                and "depending on how the ratings are read" not in sentence
            )
        else:
            row = bayes.hypotheses.loc[bayes.leader]
            assert f"{row['likelihood']} ({row['range']})" in sentence
            assert " to " in row["likelihood"]  # the two ends' words, never one band
            assert str(bayes.estimate) not in sentence  # no single band when the tables disagree
        if bayes.leaders:
            assert "among the hypotheses listed" in sentence

    check()


def test_every_item_shows_the_words_it_rests_on(example_case):
    from sat.paths import EXAMPLE_CASE

    analysis = sat.analyse(example_case, case_path=EXAMPLE_CASE)
    provenance = brief.evidence_provenance(example_case, analysis.quality, analysis.provenance)
    sourced = [e for e in example_case.evidence if e.sources]
    assert sourced and all(provenance[e.id]["quotes"] for e in sourced)
    assert all(q["found"] and q["source"] for e in sourced for q in provenance[e.id]["quotes"])
    matrix = str(brief.matrix_section(analysis.ach, provenance=provenance))
    for item in sourced:
        assert str(escape(item.quote[0])) in matrix, item.id
    assert "graded C2" in matrix and "published S1 2026-01-07" in matrix
    sources = str(
        brief.sources_section(example_case, analysis.quality, provenance=analysis.provenance)
    )
    assert f"{len(sourced)} of {len(sourced)} items quote their sources" in sources
    assert "digest checked" in sources
    without = str(brief.sources_section(example_case, analysis.quality))
    assert "not assessed" in without and "case file&#39;s folder" in without


def test_a_quote_not_found_is_marked_where_the_item_is_shown(tmp_path):
    source = tmp_path / "s.txt"
    source.write_text("The ministry said the rules apply to everyone.\n", encoding="utf-8")
    case = Case.model_validate(
        {
            "id": "q",
            "title": "Q",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["me"],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in ("H1", "H2")],
            "sources": [{"id": "S1", "title": "s", "file": "s.txt"}],
            "evidence": [
                {
                    "id": "E1",
                    "summary": "a",
                    "sources": ["S1"],
                    "quote": "the rules apply to Japan alone",
                    "ratings": {"H1": "C", "H2": "I"},
                }
            ],
        }
    )
    from sat.io.sources import verify

    found = verify(case, tmp_path)
    provenance = brief.evidence_provenance(case, None, found)
    assert provenance["E1"]["quotes"] == [
        {"text": "the rules apply to Japan alone", "source": None, "found": False}
    ]
    matrix = str(brief.matrix_section(ach.run(case), provenance=provenance))
    assert "not found in its sources' stored text" in matrix
    sources = str(brief.sources_section(case, provenance=found))
    assert "not found</b>: E1" in sources and "ungraded" in sources


def test_a_leader_not_rated_against_some_items_is_flagged_in_the_bluf():
    case = make_case([["I", None], ["I", "N"], ["C", None]])
    result = ach.run(case)
    assert result.leader == ("H2",)
    html = str(brief.bluf(case, result))
    assert "Caution: H2 is not rated against 2 of the 3 items" in html
    table = str(brief.hypotheses_section(case, result))
    assert "(not rated against 2 items)" in table
    assert "Caution" not in str(brief.bluf(case, ach.run(make_case([["I", "N"], ["C", "N"]]))))


def test_the_summary_warns_when_an_unrated_hypothesis_has_a_larger_posterior():
    import sat
    from sat.case import Case
    from sat.testing import situation

    case = Case.model_validate(situation("unrated-leader", seed=1))
    analysis = sat.analyse(case)
    bayes = analysis.bayes
    top = bayes.hypotheses_frame.at[bayes.leader, "posterior"]
    above = [h for h in bayes.unranked if bayes.hypotheses_frame.at[h, "posterior"] > top]
    assert above  # the situation at seed 1 has one (see the snapshot)
    line = brief.summary(case, analysis.ach, bayes, analysis.confidence).likelihood
    assert line.endswith(f"; caution: {', '.join(above)} not yet rated, with a larger posterior")
    assert analysis.confidence.level == "low"
