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
