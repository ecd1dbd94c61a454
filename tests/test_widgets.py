"""The workbook's logic without a browser: widget state in, case file out."""

import shutil

import pytest

import sat
from sat.paths import EXAMPLE_CASE
from sat.widgets import Workbook, edit_mode
from sat.widgets.grid import Cell


@pytest.fixture(scope="module")
def workbook_factory(tmp_path_factory):
    def make(editable=True):
        target = tmp_path_factory.mktemp("wb") / "case.yaml"
        shutil.copy(EXAMPLE_CASE, target)
        return Workbook(target, editable=editable), target

    return make


def test_choosing_a_rating_updates_the_case_the_scores_and_the_colour(workbook_factory):
    wb, _ = workbook_factory()
    assert 'sat-score-H4" style="padding:3px;text-align:center">1.00' in wb.scores.value
    assert wb.cell("E20", "H4") == Cell("I", "I", editable=True)
    wb.rate("E20", "H4", "N")
    assert wb.document.case.item("E20").rating("H4") == "N"
    assert 'sat-score-H4" style="padding:3px;text-align:center">0.00' in wb.scores.value
    assert wb.cell("E20", "H4") == Cell("N", "N", editable=True)  # shown, coloured as N
    assert "unsaved changes" in wb.header.value and not wb.save_button.disabled
    wb.undo()
    assert wb.cell("E20", "H4").shown == "I" and "unsaved" not in wb.header.value


def test_saving_writes_the_file_and_conflicts_are_refused(workbook_factory):
    wb, target = workbook_factory()
    wb.rate("E01", "H1", "CC")
    wb.save()
    assert "saved" in wb.status.value and "H1: CC, H2: C" in target.read_text()
    wb.rate("E01", "H1", "C")
    target.write_text(target.read_text() + "# edited elsewhere\n")
    wb.save()
    assert "changed on disk" in wb.status.value
    assert target.read_text().endswith("# edited elsewhere\n")  # nothing overwritten
    wb.reload()
    assert wb.cell("E01", "H1").shown == "CC" and not wb.document.dirty


def test_other_tabs_edit_their_fields(workbook_factory):
    wb, _ = workbook_factory()
    assumption = next(
        c
        for row in wb.assumptions.children
        for c in row.children
        if "sat-assumption-A2" in c._dom_classes
    )
    assumption.value = "caveats"
    assert wb.document.case.assumptions[1].rating == "caveats"
    indicator = next(
        c
        for row in wb.indicators.children
        for c in row.children
        if "sat-indicator-I01" in c._dom_classes
    )
    indicator.value = "observed"
    assert wb.document.case.indicators[0].status == "observed"
    box = wb.checklist.children[0].children[1]
    box.value = "A clear signal from Beijing."
    assert wb.document.case.checklist["change_mind"] == "A clear signal from Beijing."


def test_deception_answers_and_live_diagnosticity(workbook_factory):
    wb, _ = workbook_factory()
    assert "Not diagnostic: E10, E14, E15, E22, E29" in wb.scores.value
    wb.rate("E14", "H1", "I")
    assert (
        "Not diagnostic: E10, E15, E22, E29" in wb.scores.value
    )  # E14 now separates the hypotheses
    rating = next(
        c
        for row in wb.deception.children
        if hasattr(row, "children")
        for c in row.children
        if "sat-deception-mom-cost" in c._dom_classes
    )
    rating.value = "L"
    answer = next(
        d for d in wb.document.case.deception if d.subject == "Chinese government"
    ).answers["mom.cost"]
    assert answer.rating == "L" and answer.note  # the note is kept
    rating.value = ""
    assert (
        "mom.cost"
        not in next(
            d for d in wb.document.case.deception if d.subject == "Chinese government"
        ).answers
    )


def test_structure_edits_rebuild_the_grid(workbook_factory):
    wb, _ = workbook_factory()
    form = wb.hypothesis_form
    f = form.fields
    assert form.pick.value == "" and form.save_button.description == "Add hypothesis"
    assert f["id"].value == "H8"  # the next free id, after H1-H7
    f["label"].value, f["statement"].value = "Deception", "A cover story."
    assert not form.save_button.disabled
    form.save_button.click()
    assert wb.cell("E01", "H8") == Cell("", "unrated", editable=True)  # a new column, unrated
    assert f["id"].value == "H9" and f["label"].value == ""  # cleared for the next one
    assert form.check.value == ""  # and nothing said about it before a keystroke
    # an unrated hypothesis is flagged, and the posteriors say in place why they are missing
    assert "29 of 29 unrated" in wb.scores.value
    assert "Posteriors not computed: the given priors already sum to 1" in wb.scores.value
    assert "give H8 a prior or lower the others" in wb.scores.value
    # validated as you type: a taken id and a prior that is not a probability, in plain words
    f["id"].value, f["prior"].value = "H8", "lots"
    assert (
        "id: H8 is the id of another hypothesis: choose another, such as H9" in form.check.value
        and "prior: should be a probability: a number from 0 to 1, or a percentage such as 60% "
        "(got &#x27;lots&#x27;)"
        in form.check.value
    )
    assert form.save_button.disabled
    wb.edit(wb.document.add_hypothesis, "H8", "Again", "Duplicate.")
    assert "duplicate id &#x27;H8&#x27;" in wb.status.value  # shown, escaped
    # edit it: a prior (as a percentage), and a new id (every reference follows)
    form.pick.value = "H8"
    assert f["label"].value == "Deception" and form.save_button.description == "Save changes"
    f["id"].value, f["prior"].value, f["kind"].value = "DEC", "5%", "deception"
    form.save_button.click()
    h = wb.document.case.hypothesis("DEC")
    assert (h.prior, h.kind) == (0.05, "deception") and wb.cell("E01", "DEC").shown == ""
    assert form.pick.value == "DEC" and f["id"].value == "DEC"  # still editing it
    # every prior given now (1.05 in all, rescaled): the posteriors are back
    assert "Posteriors not computed" not in wb.scores.value and ">Posterior<" in wb.scores.value


def test_a_new_form_says_nothing_until_typed_then_each_field_typed_in_plain_words(
    workbook_factory,
):
    wb, _ = workbook_factory()
    form = wb.evidence_form
    f = form.fields
    assert f["id"].value == f["id"].placeholder == "E30"  # after E01-E29, as the case writes them
    assert form.check.value == "" and form.save_button.disabled  # a summary is still needed
    assert "summary: still to fill in" in form.save_button.tooltip
    f["sources"].value = "S9"
    said = form.check.value
    assert "sources: the case has no source S9 (its sources: S0, S1, S2, S3, S4)" in said
    assert "Still to fill in: summary." in said and "summary: must not be empty" not in said
    f["summary"].value = "x"
    f["summary"].value = ""  # typed in, then emptied: now said as a problem of the field
    assert "summary: must not be empty" in form.check.value
    f["id"].value = "E 30"
    assert (
        "id: &#x27;E 30&#x27; is not an id: 1-64 letters, digits, &#x27;_&#x27;, &#x27;.&#x27;, "
        "&#x27;:&#x27; or &#x27;-&#x27;, starting with a letter or digit" in form.check.value
    )
    assert "String should match" not in form.check.value and "pattern" not in form.check.value
    # a hypothesis form untouched by all this says nothing
    assert wb.hypothesis_form.check.value == ""
    # what is typed survives a change elsewhere in the case (an undo, a rating)
    wb.rate("E20", "H4", "N")
    wb.undo()
    assert f["id"].value == "E 30" and f["sources"].value == "S9"


def test_the_forms_offer_the_next_free_ids_as_the_case_numbers_them(tmp_path):
    target = tmp_path / "nord-stream.yaml"
    hypotheses = "".join(f"  - {{id: H{n}, label: h{n}, statement: s{n}}}\n" for n in range(1, 5))
    evidence = "".join(
        f"  - {{id: E{n}, summary: e{n}, ratings: {{H1: C}}}}\n" for n in range(1, 12)
    )
    target.write_text(
        "id: ns\ntitle: t\nquestion: q\ndate: 2026-01-01\nanalysts: [a]\n"
        f"hypotheses:\n{hypotheses}evidence:\n{evidence}"
    )
    wb = Workbook(target)
    assert wb.hypothesis_form.fields["id"].value == "H5"
    assert wb.evidence_form.fields["id"].value == "E12"
    assert wb.hypothesis_form.check.value == wb.evidence_form.check.value == ""


def test_read_only_mode(workbook_factory, monkeypatch):
    wb, target = workbook_factory(editable=False)
    assert not wb.cell("E20", "H4").editable
    wb.rate("E20", "H4", "N")  # a choice in a read-only grid changes nothing
    assert wb.cell("E20", "H4").shown == "I" and not wb.document.dirty
    before = target.read_text()
    wb.save()
    assert "read-only" in wb.status.value and target.read_text() == before
    monkeypatch.setenv("SAT_EDIT", "0")
    assert edit_mode() is False
    monkeypatch.setenv("SAT_EDIT", "1")
    assert edit_mode() is True
    monkeypatch.delenv("SAT_EDIT")
    assert edit_mode() is True


def test_case_text_in_widgets_is_escaped(tmp_path):
    target = tmp_path / "x.yaml"
    target.write_text(
        "id: x\ntitle: '<script>alert(1)</script>'\nquestion: q\ndate: 2026-01-01\nanalysts: [a]\n"
        "hypotheses:\n  - {id: H1, label: '<img src=x onerror=alert(1)>', statement: '<b>s</b>'}\n"
        "  - {id: H2, label: b, statement: s}\n"
        "evidence:\n  - {id: E1, summary: '<script>x</script>', ratings: {H1: C}}\n"
    )
    wb = Workbook(target)
    assert "<script>" not in wb.header.value and "&lt;script&gt;" in wb.header.value
    assert "<img" not in wb.scores.value.split('<figure class="sat-chart"')[0]
    # the grid's script sets ids, labels and statements as text; the cards come escaped
    (card,) = (item["card"] for item in wb.grid.items)
    assert "<script>" not in card and "&lt;script&gt;x&lt;/script&gt;" in card
    assert wb.grid.hypotheses[0]["label"] == "<img src=x onerror=alert(1)>"  # data, not markup


def test_quotes_tab_checks_quotes_and_accepts_a_candidate(tmp_path):
    from sat.paths import EXAMPLE_CASE

    root = tmp_path / "data"
    shutil.copytree(EXAMPLE_CASE.parent.parent / "sources", root / "sources")
    (root / "cases").mkdir()
    target = root / "cases" / "case.yaml"
    text = EXAMPLE_CASE.read_text(encoding="utf-8")
    start = text.index("  - id: E21\n")
    quote = text.index("    quote:\n", start)
    end = text.index("    type:", quote)
    target.write_text(text[:quote] + text[end:], encoding="utf-8")  # E21 loses its quote
    wb = Workbook(target)
    wb.quote_item.value = "E20"
    assert "found in S3" in wb.quote_view.value and "not found" not in wb.quote_view.value
    wb.quote_item.value = "E21"
    assert "No quote yet." in wb.quote_view.value
    passages = [row.children[0].value for row in wb.quote_choices.children]
    assert passages and passages[0].startswith("<span style='color:#57606a'>S3 · score ")
    assert "warning shot" in passages[0]  # the passage with Combs's words ranks first
    assert len(wb.quote_choices.children) == len(wb.quote_candidates)  # a button each
    chosen = wb.quote_candidates[0].passage
    wb.quote_choices.children[0].children[1].click()
    (added,) = wb.document.case.item("E21").quote
    assert added == chosen  # exactly the passage shown, every character kept
    assert "warning shot" in added and "found in S3" in wb.quote_view.value
    assert "unsaved changes" in wb.header.value
    wb.save()
    assert sat.load_case(target, check_sources=True).item("E21").quote == (added,)


def test_the_evidence_can_be_read_sorted_and_filtered_where_it_is_rated(workbook_factory):
    wb, _ = workbook_factory()
    case = wb.document.case
    assert wb.visible_rows == tuple(e.id for e in case.evidence)  # every item, in case order
    h1 = case.hypotheses[0]
    assert wb.grid.hypotheses[0] == {"id": "H1", "label": h1.label, "statement": h1.statement}
    assert h1.label == "Coercion over Taiwan" and h1.statement.startswith("The main purpose is")
    legend = wb.legend.value
    assert all(code in legend for code in ("CC", "II", "NA")) and "unrated" in legend
    assert "keyboard" in legend
    detail = next(row["card"] for row in wb.grid.items if row["id"] == "E24")
    item = case.item("E24")
    assert "<details" in detail and "Sources</b> S0 (D, published 2026-02-25)" in detail
    assert "Information credibility</b> 3" in detail and "&ldquo;Tokyo protests" in detail
    assert f"title='{item.summary[:40]}" in detail.replace("&#x27;", "'")  # the full text on hover
    assert wb.view(sort="id") == tuple(sorted(e.id for e in case.evidence))
    assert wb.view(sort="diagnosticity")[0] == sat.analyse(case).ach.evidence_frame.index[0]
    assert wb.view(text="warning shot") == ("E21",)
    assert "showing 1 of 29 items" in wb.status.value
    assert wb.view(text="", source="S0") == ("E24",)
    shown = wb.view(source="", hypothesis="H6")
    assert set(shown) == {
        e.id for e in case.evidence if str(e.ratings.get("H6", "NA")) not in ("N", "NA")
    }
    # a rating changed while filtered keeps the filter
    wb.rate("E13", "H6", "C")
    assert wb.document.case.item("E13").rating("H6") == "C" and wb.visible_rows == shown
    wb.undo()
    controls = wb.view_controls  # the view keeps its sort and filter across an undo
    assert controls["hypothesis"].value == "H6" and controls["sort"].value == "diagnosticity"
    assert wb.view(hypothesis="", sort="case order") == tuple(e.id for e in case.evidence)


def test_the_live_scores_show_point_posteriors_and_bars_without_the_monte_carlo(
    workbook_factory, monkeypatch
):
    import sat.techniques.bayes as bayes

    def no_simulation(*_, **__):
        raise AssertionError("the live panel must not run the Monte Carlo")

    monkeypatch.setattr(bayes, "_simulate", no_simulation)
    wb, _ = workbook_factory()
    wb.rate("E20", "H4", "N")
    point = sat.analyse(wb.document.case).posterior_point
    assert f">{point['H1']:.2f}</td>" in wb.scores.value  # the posterior, from the point estimate
    assert "weighted inconsistency, against the most inconsistent" in wb.scores.value  # the bars
    assert "<img" not in wb.scores.value  # no picture to redraw on every click
    wb.undo()


def test_evidence_is_added_and_edited_with_every_field_and_removed_after_a_confirmation(
    workbook_factory,
):
    wb, _ = workbook_factory()
    form = wb.evidence_form
    f = form.fields
    assert f["id"].value == "E30"
    f["summary"].value = "Customs data show a fall."
    f["sources"].value, f["date"].value = "S1, S9", "2026-13-01"
    assert "the case has no source S9" in form.check.value
    assert (
        "date: &#x27;2026-13-01&#x27; is not a date (write YYYY-MM-DD, e.g. 2026-01-06)"
        in form.check.value
    )
    assert form.save_button.disabled
    f["sources"].value, f["date"].value = "S1", "2026-03-01"
    f["type"].value, f["information_credibility"].value, f["notes"].value = "data", 2, "Why."
    assert form.check.value == "" and not form.save_button.disabled
    form.save_button.click()
    item = wb.document.case.item("E30")
    assert (item.sources, item.type, item.information_credibility, item.notes) == (
        ("S1",),
        "data",
        2,
        "Why.",
    )
    assert item.date.isoformat() == "2026-03-01" and wb.cell("E30", "H1").shown == ""
    assert wb.visible_rows[-1] == "E30"  # a row of its own in the grid
    assert f["id"].value == "E31"  # the next one
    form.pick.value = "E30"
    assert f["id"].disabled and f["summary"].value == "Customs data show a fall."
    f["summary"].value = "Customs data show a sharp fall."
    form.save_button.click()
    assert wb.document.case.item("E30").summary == "Customs data show a sharp fall."
    form.remove_button.click()
    assert "E30" in wb.document.case.counts().__repr__() or wb.document.case.item(
        "E30"
    )  # still there
    confirm = [c for c in wb.confirm_remove.children if "sat-confirm-remove" in c._dom_classes]
    confirm[0].click()
    assert "E30" not in {e.id for e in wb.document.case.evidence}
    assert wb.confirm_remove.children == () and "E30" not in wb.visible_rows
    wb.undo()
    assert wb.document.case.item("E30").summary == "Customs data show a sharp fall."


def _reads_as_the_case(wb):
    """Every cell of the grid shows the case's rating, and every item and hypothesis is there."""
    case = wb.document.case
    assert [h["id"] for h in wb.grid.hypotheses] == [h.id for h in case.hypotheses]
    assert wb.visible_rows == tuple(e.id for e in case.evidence)
    for e in case.evidence:
        for h in case.hypotheses:
            value = e.ratings.get(h.id)
            assert wb.cell(e.id, h.id).shown == ("" if value is None else f"{value}")


def test_an_edit_sends_the_browser_only_the_lists_it_changed(workbook_factory):
    wb, _ = workbook_factory()
    sent = []
    wb.grid.observe(
        lambda change: sent.append(change["name"]),
        names=["hypotheses", "items", "ratings", "levels", "order"],
    )

    def after(action, *args):
        sent.clear()
        action(*args)
        return sorted(sent)

    assert after(wb.rate, "E20", "H4", "N") == ["ratings"]  # a rating: the ratings alone
    assert after(wb.undo) == ["ratings"]
    assert after(wb.set_level, "E20", "credibility", "L") == ["levels"]
    assert after(wb.undo) == ["levels"]
    _reads_as_the_case(wb)
    # a rename changes the heads alone, and a choice in the column rates the new id
    assert after(wb.edit, wb.document.rename_hypothesis, "H4", "APEC") == ["hypotheses"]
    wb.rate("E20", "APEC", "C")
    assert wb.document.case.item("E20").rating("APEC") == "C"
    # an added hypothesis: a column more; a removed item: its row goes, and comes back on undo
    f = wb.hypothesis_form.fields
    f["label"].value, f["statement"].value, f["prior"].value = "New", "A new one.", "5%"
    assert after(wb.hypothesis_form.save_button.click) == ["hypotheses", "ratings"]
    assert after(wb.edit, wb.document.remove_evidence, "E10") == [
        "items",
        "levels",
        "order",
        "ratings",
    ]
    assert "E10" not in wb.visible_rows
    wb.undo()
    assert "E10" in wb.visible_rows
    # undo everything: the grid reads exactly as the case does, cell by cell
    while wb.document.can_undo:
        wb.undo()
    _reads_as_the_case(wb)


def test_a_refused_rating_puts_the_cell_back_and_a_busy_state_wraps_the_work(
    workbook_factory, monkeypatch
):
    wb, _ = workbook_factory()
    seen = []
    original = wb.document.set_rating

    def watched(*args):
        seen.append("sat-busy" in wb.widget._dom_classes)
        return original(*args)

    monkeypatch.setattr(wb.document, "set_rating", watched)
    wb.rate("E01", "H1", "II")
    assert seen == [True] and "sat-busy" not in wb.widget._dom_classes
    monkeypatch.setattr(
        wb.document, "set_rating", lambda *a: (_ for _ in ()).throw(sat.SatError("refused"))
    )
    resets = []
    monkeypatch.setattr(wb.grid, "reset", lambda: resets.append(1))
    before = wb.cell("E01", "H2")
    wb.rate("E01", "H2", "CC")
    assert wb.cell("E01", "H2") == before and "refused" in wb.status.value
    assert resets == [1]  # the browser is told to show the cell as it was


def test_the_interval_is_simulated_on_request_and_said_to_be_stale_after_an_edit(
    workbook_factory,
):
    import sat.techniques.bayes as bayes

    wb, _ = workbook_factory()
    assert "(5–95%)" not in wb.scores.value and not wb.simulate_button.disabled
    wb.simulate()
    frame = bayes.run(wb.document.case).hypotheses_frame  # seeded: the same numbers
    low, high = frame.at["H1", "low"], frame.at["H1", "high"]
    assert f"({low:.2f}–{high:.2f})" in wb.scores.value and "10,000 simulations" in wb.scores.value
    assert wb.simulate_button.disabled  # nothing to simulate until the case changes
    wb.rate("E20", "H4", "N")
    assert f"({low:.2f}–{high:.2f})" not in wb.scores.value
    assert "for an earlier version: simulate again" in wb.scores.value
    assert not wb.simulate_button.disabled
    wb.undo()  # the case is again the one simulated: its interval is current again
    assert f"({low:.2f}–{high:.2f})" in wb.scores.value


def _texts(widget):
    """Every text a widget tree shows (HTML values, labels, options, descriptions; not the
    stylesheet, which shows nothing)."""
    import re

    found = []
    stack = [widget]
    while stack:
        w = stack.pop()
        stack.extend(getattr(w, "children", ()))
        for name in ("value", "description", "tooltip"):
            value = getattr(w, name, None)
            if isinstance(value, str):
                found.append(re.sub(r"<style>.*?</style>", "", value, flags=re.S))
        found.extend(str(label) for label, _ in getattr(w, "_options_full", ()) or ())
    return "\n".join(found)


def test_blind_rating_hides_scores_and_others_until_every_item_is_rated(tmp_path):
    from sat.io import load_case
    from sat.techniques.elicitation import draw_order
    from sat.widgets import BlindRating

    path = tmp_path / "case.yaml"
    shutil.copy(EXAMPLE_CASE, path)
    before = path.read_text()
    blind = BlindRating(path, "Analyst A", seed=5)
    assert path.read_text() == before  # opening a session writes nothing
    order = draw_order(load_case(path), 5)
    assert blind.session.current == order[0]
    shown = _texts(blind.widget)
    for hidden in ("Analyst B", "Analyst C", "sat-score", "Posterior", "Weighted", "consensus"):
        assert hidden not in shown, hidden  # no score, no other analyst, no agreed matrix
    assert "item 1 of 29" in shown and "seed 5" in shown
    assert blind.next_button.disabled  # every hypothesis first
    rated = []
    for k in range(3):
        for choice in blind.choices.values():
            choice.value = "C" if k % 2 else "I"
        rated.append(blind.session.current)
        blind.next()
        assert f"item {k + 2} of 29" in blind.progress.value
    case = load_case(path)  # saved as it went, in the order shown
    assert case.elicitation["Analyst A"].seed == 5
    assert case.elicitation["Analyst A"].entered == tuple(rated) == order[:3]
    assert dict(case.item(rated[1]).analyst_ratings["Analyst A"]) == dict.fromkeys(
        (h.id for h in case.hypotheses), "C"
    )
    again = BlindRating(path, "Analyst A")  # carrying on: the same order, from item 4
    assert again.session.current == order[3] and again.session.seed == 5
    while not again.session.done:
        for choice in again.choices.values():
            choice.value = "N"
        again.next()
    assert "Analyst B" in again.reveal.value and "sat-blind-item" in again.card._dom_classes
    with pytest.raises(sat.SatError, match="not one of the case's analysts"):
        BlindRating(path, "Nobody")


def test_the_transposed_grid_has_hypotheses_as_rows_and_edits_the_same_cells(workbook_factory):
    wb, _ = workbook_factory()
    flat = Workbook(wb.document.path, transposed=True)
    assert flat.grid.transposed and not wb.grid.transposed  # the script lays it out across
    assert flat.visible_rows == wb.visible_rows and flat.cell("E20", "H4").shown == "I"
    flat.rate("E20", "H4", "N")
    assert flat.document.case.item("E20").rating("H4") == "N"
    assert flat.cell("E20", "H4") == Cell("N", "N", editable=True)
    flat.undo()


def test_a_probability_is_shown_as_written_and_coloured_as_not_a_code(tmp_path):
    target = tmp_path / "p.yaml"
    target.write_text(
        "id: p\ntitle: t\nquestion: q\ndate: 2026-01-01\nanalysts: [a]\n"
        "hypotheses:\n  - {id: H1, label: a, statement: s}\n  - {id: H2, label: b, statement: s}\n"
        "evidence:\n  - {id: E1, summary: x, ratings: {H1: 0.7, H2: C}}\n"
    )
    wb = Workbook(target)
    assert wb.cell("E1", "H1") == Cell("0.7", "NA", editable=True)
    assert wb.cell("E1", "H2") == Cell("C", "C", editable=True)
    wb.rate("E1", "H2", None)  # blank: unrated
    assert "H2" not in wb.document.case.item("E1").ratings
    assert wb.cell("E1", "H2") == Cell("", "unrated", editable=True)
    wb.rate("E1", "H2", "C")
    wb.rate("E1", "H1", 0.7)  # the probability chosen again, as the grid offers it
    assert wb.document.case.item("E1").rating("H1") == 0.7


def test_a_read_only_case_is_saved_only_after_the_analyst_confirms(tmp_path):
    path = tmp_path / "case.yaml"
    shutil.copy(EXAMPLE_CASE, path)
    wb = Workbook(path)
    wb.rate("E20", "H4", "N")
    path.chmod(0o444)
    wb.save()
    assert "not saved" in wb.status.value and "is read-only" in wb.status.value
    assert wb.document.dirty
    yes = next(c for c in wb.confirm_bar.children if "sat-confirm-overwrite" in c._dom_classes)
    yes.click()
    assert not wb.document.dirty and "saved" in wb.status.value and wb.confirm_bar.children == ()
