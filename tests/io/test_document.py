"""Editing and saving case files: comments kept, edits validated, conflicts caught, saves atomic."""

import difflib
import shutil
import subprocess
import sys
import textwrap

import pytest

import sat
from sat.errors import CaseError, SatError
from sat.io.document import CaseDocument, ConflictError
from sat.paths import EXAMPLE_CASE


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "case.yaml"
    shutil.copy(EXAMPLE_CASE, target)
    return target


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_an_untouched_document_saves_byte_for_byte(copy):
    original = copy.read_text()
    CaseDocument(copy).save(force=True)
    assert copy.read_text() == original


def test_one_rating_changes_exactly_one_line_and_keeps_comments(copy):
    original = copy.read_text()
    doc = CaseDocument(copy)
    doc.set_rating("E20", "H4", "N")
    doc.save()
    after = copy.read_text()
    assert changed_lines(original, after) == [
        "-    ratings: {H1: CC, H2: N, H3: N, H4: I, H5: N, H6: N, H7: N}",
        "+    ratings: {H1: CC, H2: N, H3: N, H4: N, H5: N, H6: N, H7: N}",
    ]
    assert after.count("#") == original.count("#")
    assert (copy.parent / "case.yaml.bak").read_text() == original


def test_invalid_edits_are_refused_and_leave_the_document_as_it_was(copy):
    doc = CaseDocument(copy)
    before = doc.text
    with pytest.raises(CaseError):
        doc.set_field("evidence", "E01", "credibility", "very")
    with pytest.raises(CaseError, match="no item with id 'E99'"):
        doc.set_rating("E99", "H1", "C")
    with pytest.raises(ValueError):
        doc.set_rating("E01", "H1", "maybe")
    assert doc.text == before and not doc.dirty and not doc.can_undo


def test_undo_walks_back_through_edits(copy):
    doc = CaseDocument(copy)
    doc.set_rating("E01", "H1", "CC")
    doc.set_field("evidence", "E01", "credibility", "L")
    assert doc.case.item("E01").credibility == "L"
    doc.undo()
    assert doc.case.item("E01").credibility == "H" and doc.case.item("E01").rating("H1") == "CC"
    doc.undo()
    assert not doc.dirty
    with pytest.raises(SatError, match="nothing to undo"):
        doc.undo()


def test_key_judgements_follow_a_renamed_hypothesis_and_keep_their_words_when_it_goes(copy):
    doc = CaseDocument(copy)
    doc.rename_hypothesis("H1", "TW")  # key judgements and the previous assessment follow
    assert doc.case.key_judgements[0].about == "TW" == doc.case.previous_assessment.about
    text = doc.case.key_judgements[0].text
    doc.remove_hypothesis("TW")  # the words stay, about nothing
    assert (doc.case.key_judgements[0].text, doc.case.key_judgements[0].about) == (text, None)
    assert doc.case.previous_assessment.about is None
    assert "about: TW" not in doc.text and "about: H1" not in doc.text
    # its indicators go, and the scenarios stop watching them
    assert [s.signposts for s in doc.case.scenarios] == [("I09",), (), ("I10",)]


def test_unrating_a_cell_removes_it(copy):
    doc = CaseDocument(copy)
    doc.set_rating("E01", "H7", None)
    assert "H7" not in doc.case.item("E01").ratings


def test_structure_edits_keep_references_consistent(copy):
    doc = CaseDocument(copy)
    doc.rename_hypothesis("H4", "APEC")
    case = doc.case
    assert case.item("E20").rating("APEC") == "I"
    assert case.item("E20").analyst_ratings["Analyst A"]["APEC"] == "I"
    assert any("APEC" in a.supports for a in case.assumptions)
    assert {i.hypothesis for i in case.indicators} >= {"APEC"}
    doc.remove_hypothesis("H6")
    assert "H6" not in {h.id for h in doc.case.hypotheses}
    doc.add_hypothesis("H8", "Deception", "The security rationale is a cover story.")
    doc.set_rating("E02", "H8", "I")
    assert doc.case.item("E02").rating("H8") == "I"
    doc.add_evidence("E30", "A new report.", credibility="M", sources=["S3"], ratings={"H1": "C"})
    assert doc.case.item("E30").rating("H1") == "C"
    doc.remove_evidence("E24")
    case = doc.case
    assert "E24" not in {e.id for e in case.evidence}
    assert all("E24" not in r.evidence for r in case.relations)


def test_saving_over_a_file_changed_on_disk_is_refused(copy, tmp_path):
    doc = CaseDocument(copy)
    doc.set_rating("E01", "H1", "CC")
    copy.write_text(copy.read_text() + "\n# someone else's edit\n")
    assert doc.changed_on_disk
    with pytest.raises(ConflictError, match="changed on disk"):
        doc.save()
    other = doc.save(tmp_path / "mine.yaml")  # save as
    assert other.read_text() == doc.text and "someone else's edit" in copy.read_text()
    doc.reload()  # now editing mine.yaml, reloaded from disk
    assert doc.case.item("E01").rating("H1") == "CC" and not doc.dirty


def test_reload_discards_edits(copy):
    doc = CaseDocument(copy)
    doc.set_rating("E01", "H1", "CC")
    doc.reload()
    assert not doc.dirty and doc.case.item("E01").rating("H1") == "C"


def test_a_killed_save_leaves_the_old_or_the_new_file(tmp_path):
    # A child process saves two large versions alternately; it is killed at a random moment.
    target = tmp_path / "big.yaml"
    script = textwrap.dedent(
        f"""
        import itertools
        from pathlib import Path
        from sat.io.files import write_atomic
        versions = ["a: " + "x" * 3_000_000 + "\\n", "b: " + "y" * 3_000_000 + "\\n"]
        target = Path({str(target)!r})
        write_atomic(target, versions[0])
        print("ready", flush=True)
        for v in itertools.cycle(versions):
            write_atomic(target, v)
        """
    )
    for delay in (0.05, 0.13, 0.31):
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        try:
            child.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        text = target.read_text()
        assert text in ("a: " + "x" * 3_000_000 + "\n", "b: " + "y" * 3_000_000 + "\n")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "big.yaml"]
    assert all(
        name.startswith(".big.yaml.") for name in leftovers
    )  # only temporary files can remain


def test_save_as_takes_only_a_case_file_in_an_existing_folder(tmp_path):
    from sat.errors import UsageError

    copy = tmp_path / "case.yaml"
    shutil.copy(EXAMPLE_CASE, copy)
    doc = CaseDocument(copy)
    for bad, needle in [
        ("notes.txt", "ending in .yaml or .yml"),
        (tmp_path / "no" / "such" / "x.yaml", "no folder"),
    ]:
        with pytest.raises(UsageError, match=needle):
            doc.save(bad)
    assert not (tmp_path / "no").exists() and not (tmp_path / "notes.txt").exists()
    assert doc.path == copy  # still editing the original
    target = doc.save("other.yml")  # a bare name lands beside the case, not in the working folder
    assert target == tmp_path / "other.yml" and target.exists() and doc.backup is None
    doc.set_rating("E20", "H4", "N")
    doc.save()
    assert doc.backup == tmp_path / "other.yml.bak" and doc.backup.exists()


def test_a_refused_edit_names_items_by_id_not_by_position_in_unsaved_text(tmp_path):
    copy = tmp_path / "case.yaml"
    shutil.copy(EXAMPLE_CASE, copy)
    doc = CaseDocument(copy)
    with pytest.raises(CaseError) as caught:
        doc.add_evidence("E05", "a second E05")
    (problem,) = caught.value.problems
    assert problem.line is None and problem.file.endswith("(unsaved edit)")
    assert problem.field == "evidence E05.id" and "(also evidence item 5)" in problem.message
    with pytest.raises(CaseError) as caught:
        doc.set_field("evidence", "E05", "sources", ["S9"])
    (problem,) = caught.value.problems
    assert problem.field == "evidence E05.sources[0]" and "unknown source 'S9'" in problem.message
    assert not doc.dirty  # both refused, nothing kept


def test_new_entries_follow_the_files_style(tmp_path):
    copy = tmp_path / "case.yaml"
    shutil.copy(EXAMPLE_CASE, copy)
    doc = CaseDocument(copy)
    doc.add_evidence("E30", "A new item.", sources=["S1"], type="report", date=None)
    text = doc.text
    # a blank line before it, as between the file's other items; ids on one line, as the file writes them
    assert "ratings: {H1: N, H2: N, H3: N, H4: N, H5: N, H6: N, H7: N}\n\n  - id: E30\n" in text
    assert (
        "    sources: [S1]\n    type: report\n    ratings: {}\n" in text
        and "date:" not in text.split("E30")[1].split("\n\n")[0]
    )
    # the section heading that followed the last item still follows the list
    after = text.split("  - id: E30\n")[1]
    assert after.index("# --- Key Assumptions Check") > after.index("ratings: {}")
    doc.add_hypothesis("H8", "Deception", "A cover story.", prior=0.05, kind="deception")
    assert (
        "  - id: H8\n    label: Deception\n    statement: A cover story.\n    prior: 0.05\n    kind: deception\n"
        in doc.text
    )
    assert doc.case.hypothesis("H8").prior == 0.05


HAND = EXAMPLE_CASE.parents[2] / "tests" / "fixtures" / "hand.yaml"


def test_structure_edits_on_block_style_tables_read_back_exactly(tmp_path):
    # PyYAML's style (dash at column 0, block ratings, analysts' tables): every table is edited on
    # the text, and saving reads the whole file back and checks it is the edited case.
    from sat.io import load_case
    from sat.testing import write_case

    path = write_case(tmp_path / "big.yaml", 40, 4, n_analysts=2, seed=5)
    original = path.read_text()
    doc = CaseDocument(path)
    doc.rename_hypothesis("H2", "H2b")
    pairs = list(zip(original.splitlines(), doc.text.splitlines(), strict=True))
    renamed = [(a, b) for a, b in pairs if a != b]
    assert len(renamed) == 1 + 40 * 3  # the id, and each of the three tables of 40 items
    assert all(b == a.replace("H2", "H2b") for a, b in renamed)
    doc.remove_hypothesis("H3")
    doc.save()
    case = load_case(path)
    assert [h.id for h in case.hypotheses] == ["H1", "H2b", "H4"]
    item = case.item("E1")
    assert list(item.ratings) == ["H1", "H2b", "H4"]
    assert all(list(t) == ["H1", "H2b", "H4"] for t in item.analyst_ratings.values())
    assert changed_lines(original, path.read_text())[:2] == ["-- id: H2", "+- id: H2b"]


def test_a_key_the_text_does_not_show_plainly_is_renamed_through_the_parser(tmp_path):
    # A hypothesis id that is also a field name ('type') matches more lines than it has tables:
    # the text edit is not trusted and the item is rewritten by the round-trip parser instead.
    text = HAND.read_text().replace("H2", "type")
    path = tmp_path / "case.yaml"
    path.write_text(text)
    doc = CaseDocument(path)
    doc.add_evidence("E5", "Five", type="report", ratings={"type": "C", "H1": "I"})
    doc.rename_hypothesis("type", "H9")
    assert doc.case.item("E5").type == "report" and doc.case.item("E5").rating("H9") == "C"
    doc.remove_hypothesis("H9")
    assert doc.case.item("E5").type == "report" and "H9" not in doc.case.item("E5").ratings
    doc.save()


@pytest.mark.parametrize(
    ("change", "whole"),
    [
        # an alias: the pieces cannot be edited apart
        (
            lambda t: t.replace(
                "credibility: H, relevance: H", "credibility: &high H, relevance: *high"
            ),
            True,
        ),
        # a section in flow style: its edits are made on the whole file, the others piece by piece
        (
            lambda t: (
                t.replace("analysts: [tester]", "analysts: [tester]\ntags: [a, b]")
                .replace("hypotheses:\n  - {", "hypotheses: [{")
                .replace("}\n  - {id: H2", "}, {id: H2")
                .replace("}\n  - {id: H3", "}, {id: H3")
                .replace("explanation.}\nevidence", "explanation.}]\nevidence")
            ),
            False,
        ),
    ],
)
def test_a_file_that_cannot_be_cut_into_pieces_is_edited_whole(tmp_path, change, whole):
    from sat.io import load_case

    path = tmp_path / "case.yaml"
    path.write_text(change(HAND.read_text()))
    doc = CaseDocument(path)
    assert (len(doc._state.pieces.chunks) == 1) == whole
    doc.set_rating("E2", "H1", "CC")
    doc.add_hypothesis("H4", "Fourth", "A fourth explanation.")
    doc.rename_hypothesis("H3", "H30")
    doc.save()
    case = load_case(path)
    assert case.item("E2").rating("H1") == "CC" and case.item("E1").rating("H30") == "II"
    assert [h.id for h in case.hypotheses] == ["H1", "H2", "H30", "H4"]


def test_line_endings_and_a_missing_final_newline_are_kept(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_bytes(HAND.read_text().rstrip("\n").replace("\n", "\r\n").encode())
    doc = CaseDocument(path)
    doc.set_rating("E4", "H1", "N")
    doc.set_rating("E1", "H2", "C")
    doc.save()
    raw = path.read_bytes()
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n") and not raw.endswith(b"\n")
    assert b"ratings: {H1: N, H2: II, H3: NA}}" in raw and b"H1: C, H2: C, H3: II" in raw


def test_removing_an_item_leaves_the_spacing_of_the_list(copy):
    doc = CaseDocument(copy)
    before = doc.text
    doc.remove_evidence("E10")
    assert "\n\n\n" not in doc.text.split("evidence:")[1].split("# --- Key")[0]
    assert (
        len(before.splitlines()) - len(doc.text.splitlines())
        == len(before.split("  - id: E10\n")[1].split("\n\n")[0].splitlines()) + 2
    )  # the item's lines and the blank line that separated it
    doc.undo()
    assert doc.text == before


def test_undo_gives_back_the_exact_text_of_every_earlier_version(copy):
    doc = CaseDocument(copy)
    versions = [doc.text]
    for cell in ("H1", "H2", "H3", "H5", "H6", "H7"):
        doc.set_rating("E05", cell, "II")
        versions.append(doc.text)
    doc.rename_hypothesis("H2", "H2x")
    versions.append(doc.text)
    while doc.can_undo:
        assert doc.text == versions.pop()
        doc.undo()
        assert doc.case.item("E05").rating("H1") is not None  # older versions rebuild their case
    assert doc.text == versions.pop() and not doc.dirty


def test_a_save_that_would_not_read_back_writes_nothing(copy, monkeypatch):
    from sat.io.document import edits as document

    doc = CaseDocument(copy)
    before = copy.read_text()
    rekey = document._rekey_plain

    def faulty(item, old, new):  # a simulated fault: the data no longer says what the text says
        out = rekey(item, old, new)
        return {**out, "ratings": {**out["ratings"], new: "N"}} if new in out["ratings"] else out

    monkeypatch.setattr(document, "_rekey_plain", faulty)
    doc.rename_hypothesis("H2", "H2x")
    with pytest.raises(SatError, match="does not read back"):
        doc.save()
    assert copy.read_text() == before and doc.dirty and not (copy.parent / "case.yaml.bak").exists()


def test_an_item_ending_in_a_folded_note_keeps_the_blank_line_after_the_list(tmp_path):
    # A block scalar's trailing blank lines are not part of it: a new item goes before them.
    text = HAND.read_text().replace(
        "  - {id: E4, summary: Four, credibility: H, relevance: L, ratings: {H1: CC, H2: II, H3: NA}}",
        "  - id: E4\n    summary: Four\n    credibility: H\n    relevance: L\n"
        "    ratings: {H1: CC, H2: II, H3: NA}\n    notes: >\n      a folded\n      note\n"
        "\n# the assumptions follow\nassumptions: []\n",
    )
    path = tmp_path / "case.yaml"
    path.write_text(text)
    doc = CaseDocument(path)
    doc.add_evidence("E5", "Five")
    doc.set_rating("E4", "H1", "C")
    assert (
        "      note\n  - id: E5\n    summary: Five\n    ratings: {}\n\n# the assumptions"
        in doc.text
    )
    assert doc.case.item("E4").notes.strip() == "a folded note"
    doc.save()


def test_renaming_onto_an_existing_id_is_refused_and_gaps_are_named_by_id(copy):
    from sat.errors import Problem
    from sat.io.document import _by_id

    doc = CaseDocument(copy)
    before = doc.text
    with pytest.raises(CaseError, match="already a hypothesis 'H1'"):
        doc.rename_hypothesis("H2", "H1")
    assert doc.text == before and not doc.can_undo
    problem = _by_id(Problem("x", 3, "information_gaps[1].ratings.H9", "no H9"), {}, copy)
    assert problem.field == "information_gaps G2.ratings.H9" and problem.line is None


def test_two_editors_saving_at_the_same_instant_never_lose_an_edit(tmp_path):
    import threading

    target = tmp_path / "case.yaml"
    for trial in range(20):
        shutil.copy(EXAMPLE_CASE, target)
        one, two = CaseDocument(target), CaseDocument(target)
        one.set_rating("E01", "H1", "II")
        two.set_rating("E02", "H2", "II")
        start = threading.Barrier(2)
        outcomes = {}

        def save(name, doc, start=start, outcomes=outcomes):
            start.wait()
            try:
                doc.save()
                outcomes[name] = "saved"
            except ConflictError:
                outcomes[name] = "conflict"

        threads = [threading.Thread(target=save, args=a) for a in (("one", one), ("two", two))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes.values()) == ["conflict", "saved"], trial
        winner = one if outcomes["one"] == "saved" else two
        assert target.read_text() == winner.text  # the loser was told; nothing silently lost


def test_save_as_the_same_file_by_another_name_or_a_link_is_checked_and_written_through(
    copy, tmp_path
):
    import os

    doc = CaseDocument(copy)
    doc.set_rating("E01", "H1", "II")
    copy.write_text(copy.read_text() + "# another editor\n")
    with pytest.raises(ConflictError):
        doc.save(f"../{copy.parent.name}/{copy.name}")  # the same file, spelt otherwise
    assert "another editor" in copy.read_text()
    link = tmp_path / "link.yaml"
    os.symlink(copy, link)
    via = CaseDocument(link)
    via.set_rating("E02", "H2", "II")
    via.save()
    assert link.is_symlink() and os.readlink(link) == str(copy)  # the link stays a link
    assert CaseDocument(copy).case.item("E02").rating("H2") == "II"  # and its target has the edit


def test_a_read_only_case_is_not_overwritten_unless_confirmed(copy):
    from sat.errors import UsageError

    doc = CaseDocument(copy)
    doc.set_rating("E01", "H1", "II")
    copy.chmod(0o444)
    before = copy.read_text()
    with pytest.raises(UsageError, match="read-only"):
        doc.save()
    assert copy.read_text() == before and doc.dirty
    doc.save(read_only=True)
    assert CaseDocument(copy).case.item("E01").rating("H1") == "II"


def test_a_long_file_name_saves_and_stray_temporaries_are_cleared_on_opening(tmp_path):
    import os
    import time

    long = tmp_path / ("c" * 240 + ".yaml")  # 245 characters: the file system's limit is 255
    shutil.copy(HAND, long)
    doc = CaseDocument(long)
    doc.set_rating("E1", "H1", "N")
    doc.save()
    assert doc.backup is not None and doc.backup.exists()
    doc.set_rating("E1", "H1", "C")
    doc.save()
    from sat.io.files import temporary_prefix

    stale = tmp_path / (temporary_prefix(long) + "x1y2z3.tmp")
    stale.write_text("left by a killed save")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / (temporary_prefix(long) + "a1b2c3.tmp")
    fresh.write_text("a save in progress")
    CaseDocument(long)
    assert (
        not stale.exists() and fresh.exists()
    )  # an hour old is removed; a save in progress is not


def test_line_endings_and_a_byte_order_mark_survive_an_edit(tmp_path):
    path = tmp_path / "case.yaml"
    original = b"\xef\xbb\xbf" + EXAMPLE_CASE.read_text().replace("\n", "\r\n").encode()
    path.write_bytes(original)
    doc = CaseDocument(path)
    doc.set_rating("E20", "H4", "N")
    doc.save()
    saved = path.read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") and saved.count(b"\n") == saved.count(b"\r\n")
    before, after = original.split(b"\r\n"), saved.split(b"\r\n")
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    doc.add_hypothesis("H8", "New", "A new one.", prior=0.01)  # new text in the file's endings too
    doc.save()
    again = path.read_bytes()
    assert again.count(b"\n") == again.count(b"\r\n") and b"  - id: H8\r\n" in again
    assert changed == [
        (
            b"    ratings: {H1: CC, H2: N, H3: N, H4: I, H5: N, H6: N, H7: N}",
            b"    ratings: {H1: CC, H2: N, H3: N, H4: N, H5: N, H6: N, H7: N}",
        )
    ]


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (lambda t: t.replace("date: 2026-01-01", "date: 2026-02-30"), 5, "date"),
        (
            lambda t: t.replace("title: Hand-computed case", "title: A\ntitle: B"),
            4,
            "duplicate key",
        ),
        (lambda t: t.replace("sources:\n  - {id", "sources:\n\t- {id"), 8, "YAML syntax"),
    ],
)
def test_opening_a_bad_file_for_editing_gives_located_problems(tmp_path, change, line, words):
    path = tmp_path / "case.yaml"
    path.write_text(change(HAND.read_text()))
    with pytest.raises(CaseError) as caught:
        CaseDocument(path)
    problem = caught.value.problems[0]
    assert problem.line == line and words in f"{problem.field} {problem.message}"


@pytest.mark.parametrize("style", ["block", "flow"])
@pytest.mark.parametrize(
    "text", ["One\x85two", "a\u2028b\u2029c", "tab\tand\x1bescape", "bell\x07", "bom\ufeff"]
)
def test_text_a_yaml_reader_takes_for_a_line_break_is_saved_exactly(tmp_path, style, text):
    """NEL, the line and paragraph separators and other controls typed in the workbook are
    written escaped (double quotes), so the file reads back as typed and later edits work."""
    from tests.conftest import FIXTURES

    source = EXAMPLE_CASE if style == "block" else FIXTURES / "hand.yaml"
    target = tmp_path / "case.yaml"
    shutil.copy(source, target)
    first = sat.load_case(target).evidence[0].id
    document = CaseDocument(target)
    for field in ("summary", "notes"):  # a folded block scalar, and a new field
        document.set_field("evidence", first, field, f"x {text} y")
        assert getattr(document.case.evidence[0], field) == f"x {text} y"
    document.save()
    assert sat.load_case(target).evidence[0].summary == f"x {text} y"
    again = CaseDocument(target)
    again.set_field("evidence", first, "summary", "edited later")
    again.save()
    assert sat.load_case(target).evidence[0].notes == f"x {text} y"


def test_a_backup_planted_as_a_link_is_replaced_never_followed(copy, tmp_path):
    victim = tmp_path / "bashrc"
    victim.write_text("the analyst's shell settings")
    copy.with_name(copy.name + ".bak").symlink_to(victim)
    document = CaseDocument(copy)
    document.set_field("evidence", document.case.evidence[0].id, "notes", "edited")
    document.save()
    assert victim.read_text() == "the analyst's shell settings"
    assert not copy.with_name(copy.name + ".bak").is_symlink()
