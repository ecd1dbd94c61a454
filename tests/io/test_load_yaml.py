"""Loading YAML case files: valid files, and every kind of bad input, as located problems."""

import pytest

import sat
from sat.errors import CaseError
from sat.io import files
from tests.conftest import MINIMAL


def problems(path):
    with pytest.raises(CaseError) as info:
        sat.load_case(path)
    return info.value.problems


def test_minimal_case_loads(write):
    case = sat.load_case(write(MINIMAL))
    assert case.id == "t" and case.evidence[0].rating("H2") == "I"


def test_all_problems_reported_in_one_pass_with_lines_and_fields(write):
    path = write(
        """\
        id: t
        title: T
        question: Q?
        date: 2026-13-01
        analysts: [me]
        sources:
          - {id: S1, title: Src, reliability: G, reliability_reason: ok}
        hypotheses:
          - {id: H1, label: One, statement: First.}
          - {id: H2, label: Two, statement: Second.}
          - {id: H2, label: Dup, statement: Again.}
        evidence:
          - id: E1
            summary: Seen
            sources: [S1, S7]
            credability: H
            ratings: {H1: C, H5: I, H2: maybe}
        """
    )
    found = {(p.line, p.field): p.message for p in problems(path)}
    shown = str(path)
    assert all(p.file == shown for p in problems(path))
    assert "date" in found[(4, "date")] or any("date" in m for m in found.values())
    assert found[(7, "sources S1.reliability")].startswith("'G' is not allowed (allowed: A, B,")
    assert found[(11, "hypotheses H2.id")] == "duplicate id 'H2' (also hypotheses item 2)"
    assert found[(15, "evidence E1.sources[1]")] == "unknown source 'S7' (known: S1)"
    assert found[(16, "evidence E1.credability")].startswith(
        "unknown field (allowed: id, summary, sources"
    )
    assert found[(17, "evidence E1.ratings.H5")] == "unknown hypothesis 'H5' (known: H1, H2)"
    assert "'maybe' is not a rating" in found[(17, "evidence E1.ratings.H2")]
    assert len(found) == 7


def test_problem_lines_render_as_file_line_field_message(write):
    path = write(MINIMAL.replace("{H1: C, H2: I}", "{H1: C, H5: I}"))
    (problem,) = problems(path)
    assert (
        str(problem)
        == f"{path}:12: evidence E1.ratings.H5: unknown hypothesis 'H5' (known: H1, H2)"
    )


def test_missing_fields_and_too_few_hypotheses(write):
    path = write("id: t\ntitle: T\nhypotheses:\n  - {id: H1, label: One, statement: First.}\n")
    messages = {p.field: p.message for p in problems(path)}
    assert messages["question"] == "required field is missing"
    assert messages["analysts"] == "required field is missing"
    assert messages["hypotheses"] == "a case needs at least 2 hypotheses to compare"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("just a string", "this file holds the single value 'just a string'"),
        ("- a\n- b\n", "this file holds a list"),
        ("id: [unclosed\n", "YAML syntax"),
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("!!python/object/apply:os.system ['echo hi']\n", "no tags"),
        ("a: !!python/name:os.system\n", "no tags"),
        ("a: &x [*x]\n", "recursive alias"),
        ("--- 1\n--- 2\n", "YAML syntax"),
        ("{1: 2}\n", "top-level keys must be text"),
        ("[a, {b: c}]: 1\n", "keys must be plain text"),
        ('id: "\\x00"\n', None),  # a NUL escape is text, handled as any bad field
    ],
)
def test_garbage_is_a_located_problem_never_a_traceback(write, content, needle):
    found = problems(write(content))
    assert found
    if needle:
        assert any(needle in p.message for p in found), [str(p) for p in found]


def test_binary_and_non_utf8_files(write):
    assert "binary file" in problems(write(b"\x89PNG\r\n\x1a\n\x00\x00\x00"))[0].message
    (problem,) = problems(write(b"id: t\ntitle: caf\xe9\n"))
    assert problem.line == 2 and "not UTF-8" in problem.message


def test_alias_bomb_is_refused_quickly(write):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    (problem,) = problems(write("\n".join(lines) + "\n"))
    assert "aliases expand to more than" in problem.message


_LOAD_BOUNDED = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # 2 GiB of address space at most
import sat
try:
    sat.load_case(sys.argv[1])
except sat.errors.CaseError as exc:
    print(json.dumps([p.to_dict() for p in exc.problems]))
"""


@pytest.mark.parametrize(
    "text",
    ["[" * 200_000, "a:\n" + "".join(" " * i + "- \n" for i in range(1, 200))],
    ids=["flow", "block"],
)
def test_deep_nesting_is_refused_with_one_located_problem_in_bounded_time_and_memory(write, text):
    """Whichever layer notices first (sat's depth check or the YAML parser's own), the analyst
    gets one located problem, no traceback, from a process held to 2 GiB that finishes well
    within its deadline (a guard against hanging, not a timing claim)."""
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _LOAD_BOUNDED, str(write(text))],
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang only
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    (problem,) = json.loads(done.stdout)
    assert problem["line"] is not None and problem["line"] >= 1
    assert problem["message"]


def test_size_limit(write, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 100)
    (problem,) = problems(write(MINIMAL))
    assert "the limit is 100" in problem.message


def test_missing_file_directory_and_unknown_suffix(tmp_path):
    assert "does not exist" in problems(tmp_path / "nope.yaml")[0].message
    (tmp_path / "dir.yaml").mkdir()
    assert "is a folder" in problems(tmp_path / "dir.yaml")[0].message
    assert "unsupported file type '.txt'" in problems(tmp_path / "case.txt")[0].message


def test_merge_keys_and_benign_aliases_work(write):
    text = MINIMAL.replace(
        "evidence:\n", "defaults: &d {credibility: H, relevance: L}\nevidence:\n"
    )
    # an unknown top-level key is reported, but the merge itself is read correctly
    assert any(p.field == "defaults" for p in problems(write(text)))
    merged = MINIMAL.replace(
        "  - {id: E1, summary: Seen, sources: [S1], ratings: {H1: C, H2: I}}",
        "  - &e {id: E1, summary: Seen, credibility: H, ratings: {H1: C, H2: I}}\n  - {<<: *e, id: E2}",
    )
    case = sat.load_case(write(merged))
    assert [e.id for e in case.evidence] == ["E1", "E2"]
    assert case.evidence[1].credibility == "H"


def test_url_must_be_http_https_or_mailto(write):
    text = MINIMAL.replace("reliability: C,", "url: 'javascript:alert(1)', reliability: C,")
    (problem,) = problems(write(text))
    assert problem.field == "sources S1.url"
    assert "http://, https:// or mailto:" in problem.message


def test_too_many_entries_is_a_located_problem_before_validation(write):
    hypotheses = "".join(f"  - {{id: H{k}, label: h, statement: s}}\n" for k in range(501))
    path = write(MINIMAL.split("hypotheses:")[0] + "hypotheses:\n" + hypotheses + "evidence: []\n")
    with pytest.raises(CaseError) as info:
        sat.load_case(path)
    (problem,) = info.value.problems  # the size alone: nothing else is validated
    assert problem.field == "hypotheses" and problem.line == 8  # the line of `hypotheses:`
    assert "501 entries; sat reads at most 500 hypotheses" in problem.message


def test_too_many_rating_cells_is_refused(write, monkeypatch):
    from sat.io import validate

    monkeypatch.setattr(validate, "MAX_CELLS", 3)
    path = write(MINIMAL + "  - {id: E2, summary: Again, sources: [S1], ratings: {H1: C, H2: I}}\n")
    with pytest.raises(CaseError) as info:
        sat.load_case(path)
    assert "4 rating cells" in str(info.value) and "at most 3" in str(info.value)


def test_ids_and_answers_are_read_as_written_not_as_yaml_1_1_numbers_or_booleans(tmp_path):
    from sat.io import load_case
    from sat.io.document import CaseDocument
    from tests.conftest import FIXTURES

    text = (FIXTURES / "hand.yaml").read_text()
    text = text.replace("{id: S1,", "{id: 0x1F,").replace("sources: [S1]", "sources: [0x1F]")
    text = text.replace("{id: E3,", "{id: 1:30,").replace("{id: E4,", "{id: 010,")
    text += "checklist: {change_mind: no, surprise: Yes, base_rates: off}\n"
    path = tmp_path / "case.yaml"
    path.write_text(text)
    case = load_case(path)
    assert [s.id for s in case.sources] == ["0x1F"]
    assert [e.id for e in case.evidence][2:] == ["1:30", "010"]
    assert dict(case.checklist) == {"change_mind": "no", "surprise": "Yes", "base_rates": "off"}
    doc = CaseDocument(path)
    doc.rename_hypothesis("H3", "1:30")  # stored as written, and read back so
    doc.set_checklist("deception", "no")
    doc.save()
    again = load_case(path)
    assert "1:30" in {h.id for h in again.hypotheses} and again.checklist["deception"] == "no"


def test_a_fifo_or_a_device_is_refused_without_reading(tmp_path):
    import os

    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)  # a read would block forever
    (problem,) = problems(fifo)
    assert "FIFO" in problem.message
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")  # a read would never end
    (problem,) = problems(link)
    assert "device" in problem.message


@pytest.mark.parametrize("zero", ["0.0", "0", "0%"])
def test_a_zero_prior_says_why_it_is_refused(write, zero):
    text = MINIMAL.replace(
        "{id: H1, label: One, statement: First.}",
        f"{{id: H1, label: One, statement: First., prior: {zero}}}",
    )
    (problem,) = problems(write(text))
    assert problem.field == "hypotheses H1.prior"
    assert "must be above 0" in problem.message and "from 0 to 1" not in problem.message
