"""Loader fuzzing: whatever the bytes, load_case returns a valid case or raises a CaseError (never a crash)."""

from __future__ import annotations

import gzip
import io

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sat
from sat.case import Case
from sat.errors import CaseError

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

MINIMAL = {
    "id": "f",
    "title": "F",
    "question": "?",
    "date": "2026-01-01",
    "analysts": ["a"],
    "hypotheses": [
        {"id": "H1", "label": "a", "statement": "a"},
        {"id": "H2", "label": "b", "statement": "b"},
    ],
    "evidence": [{"id": "E1", "summary": "s", "ratings": {"H1": "C", "H2": "I"}}],
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(["CC", "C", "N", "I", "II", "NA", "H", "M", "L", "A", "F", "H1", "E1", "S1"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def check(path):
    try:
        result = sat.load_case(path)
    except CaseError as exc:
        assert exc.problems, "a CaseError always says what is wrong"
        for problem in exc.problems:
            assert problem.message and str(problem).startswith(str(path))
        return
    assert isinstance(result, Case)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from([".yaml", ".csv", ".xlsx", ".achz", ".json"]))
def test_random_bytes(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"case{suffix}"
    path.write_bytes(data)
    check(path)


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from([*MINIMAL, "sources", "assumptions", "indicators", "extra"]),
        values,
        max_size=8,
    )
)
def test_wrong_types_in_every_top_level_field(tmp_path_factory, overrides):
    path = tmp_path_factory.mktemp("fuzz") / "case.yaml"
    path.write_text(yaml.safe_dump({**MINIMAL, **overrides}, allow_unicode=True))
    check(path)


@SETTINGS
@given(
    values, st.sampled_from(["ratings", "credibility", "sources", "date", "type", "id", "summary"])
)
def test_wrong_types_inside_evidence(tmp_path_factory, value, field):
    data = {**MINIMAL, "evidence": [{**MINIMAL["evidence"][0], field: value}]}
    path = tmp_path_factory.mktemp("fuzz") / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    check(path)


@SETTINGS
@given(st.integers(0, 400))
def test_truncated_files(tmp_path_factory, cut):
    from sat.paths import EXAMPLE_CASE

    text = EXAMPLE_CASE.read_bytes()
    path = tmp_path_factory.mktemp("fuzz") / "case.yaml"
    path.write_bytes(text[: cut * 100])
    check(path)


@SETTINGS
@given(
    st.lists(
        st.lists(
            st.one_of(st.text(max_size=8), st.sampled_from(["", "C", "--", "0.5", "prior", "H"])),
            max_size=6,
        ),
        max_size=8,
    )
)
def test_csv_and_xlsx_tables(tmp_path_factory, rows):
    import csv

    import openpyxl

    folder = tmp_path_factory.mktemp("fuzz")
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["id", "evidence", "H1", "H2"], *rows])
    (folder / "m.csv").write_text(buffer.getvalue())
    check(folder / "m.csv")
    book = openpyxl.Workbook()
    for row in [["id", "evidence", "H1", "H2"], *rows]:
        book.active.append([c if c.isprintable() else "" for c in row])
    book.save(folder / "m.xlsx")
    check(folder / "m.xlsx")


@SETTINGS
@given(st.text(max_size=300))
def test_achz_with_arbitrary_xml(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("fuzz") / "p.achz"
    path.write_bytes(
        gzip.compress(f"<ACH><MATRIX>{body}</MATRIX></ACH>".encode("utf-16", "surrogatepass"))
    )
    check(path)


# -- the editor: random edits, then the text must read back as the edited case ------------------

_CODES = ["CC", "C", "N", "I", "II", "NA", None]
edits = st.lists(
    st.one_of(
        st.tuples(st.just("rate"), st.integers(0, 40), st.integers(0, 9), st.sampled_from(_CODES)),
        st.tuples(st.just("level"), st.integers(0, 40), st.sampled_from(["H", "M", "L"])),
        st.tuples(st.just("add"), st.text(min_size=1, max_size=30).filter(str.strip)),
        st.tuples(st.just("remove"), st.integers(0, 40)),
        st.tuples(st.just("hypothesis"), st.integers(0, 9)),
        st.tuples(st.just("rename"), st.integers(0, 9)),
        st.tuples(st.just("note"), st.integers(0, 40), st.text(max_size=60)),
        st.tuples(st.just("undo")),
    ),
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(style=st.sampled_from(["example", "generated"]), steps=edits)
def test_random_edits_read_back_exactly_after_saving(tmp_path_factory, style, steps):
    import shutil

    from sat.errors import SatError
    from sat.io.document import CaseDocument
    from sat.paths import EXAMPLE_CASE
    from sat.testing import write_case

    folder = tmp_path_factory.mktemp("edit")
    path = folder / "case.yaml"
    if style == "example":
        shutil.copy(EXAMPLE_CASE, path)
    else:
        write_case(path, 12, 4, n_analysts=2, seed=3)  # PyYAML's style: block tables
    doc = CaseDocument(path)
    counter = 0
    for step in steps:
        case = doc.case
        items, hyps = [e.id for e in case.evidence], [h.id for h in case.hypotheses]
        kind = step[0]
        try:
            if kind == "rate":
                doc.set_rating(items[step[1] % len(items)], hyps[step[2] % len(hyps)], step[3])
            elif kind == "level":
                doc.set_field("evidence", items[step[1] % len(items)], "credibility", step[2])
            elif kind == "add":
                counter += 1
                doc.add_evidence(f"EZ{counter}", step[1].strip(), ratings={hyps[0]: "C"})
            elif kind == "remove" and len(items) > 1:
                doc.remove_evidence(items[step[1] % len(items)])
            elif kind == "hypothesis":
                counter += 1
                doc.add_hypothesis(f"HZ{counter}", "New", "A new explanation.")
            elif kind == "rename":
                counter += 1
                doc.rename_hypothesis(hyps[step[1] % len(hyps)], f"HR{counter}")
            elif kind == "note":
                doc.set_field("evidence", items[step[1] % len(items)], "notes", step[2] or None)
            elif kind == "undo" and doc.can_undo:
                doc.undo()
        except (CaseError, ValueError):
            pass  # refused (e.g. text the model does not accept): the document is unchanged
        # after every step, the text itself reads as the case the document holds
        assert sat.io.yamlfile.load_yaml(doc.text, "x")[0] == doc._state.data
    try:
        doc.save()
    except SatError as exc:  # never: every kept edit reads back
        raise AssertionError(f"save refused: {exc}") from None
    assert sat.load_case(path) == doc.case
