"""Nothing lost, nothing leaked: every export reads back exactly what its format holds, or is
refused before a byte is written, with one line per problem naming the field and the item.

Generated text carries every kind of character (controls, formula starts, quotes, newlines,
unicode) in summaries, labels, statements, notes, source titles, the title and ids where ids
allow; each format's refusals are checked against an independent statement of what it cannot
hold, so a writer that refused everything would fail here too.
"""

from __future__ import annotations

import datetime as dt
import operator

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import sat
from sat.case import Case
from sat.cli import EXIT_USAGE, main
from sat.errors import CaseError, UsageError
from sat.io.export import FORMATS, export
from sat.paths import EXAMPLE_CASE

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)

#: Characters that need care somewhere: C0 and C1 controls, line and paragraph separators,
#: the byte order mark, non-characters, a bidi override.
CONTROLS = [chr(c) for c in range(0x20)] + [
    "\x7f",
    "\x85",
    "\x9f",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\u202e",
]
#: Starts that a spreadsheet, the formula guard or an XML writer treats specially.
HEADS = [
    "",
    "=",
    "+",
    "-",
    "@",
    "'",
    "''",
    "'=",
    "'+",
    "''-",
    "'\t",
    "-12% in exports of 'dual-use' goods",
    '"',
    "_x0041_",
    "&#13;",
    "]]><a>",
]
CHARACTERS = st.one_of(
    st.characters(), st.sampled_from(CONTROLS), st.sampled_from(list("'\",;\n\r\t _x="))
)
TEXTS = st.builds(operator.add, st.sampled_from(HEADS), st.text(CHARACTERS, max_size=16))
IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,6}", fullmatch=True)
RATINGS = st.sampled_from(["CC", "C", "N", "I", "II", "NA", 0.0, 0.25, 1.0, 1e-05])

#: Characters XML 1.0 (and so .xlsx and .achz) cannot hold, stated independently of sat.
NOT_XML = {chr(c) for c in range(0x20)} - {"\t", "\n", "\r"} | {"\ufffe", "\uffff"}
#: Matrix columns with a fixed meaning (a hypothesis of that id would be read as the column).
COLUMNS = {"id", "evidence", "credibility", "relevance", "source", "type", "date"}


@st.composite
def cases(draw) -> Case:
    """A valid case whose text fields hold generated text."""
    hypothesis_ids = draw(st.lists(IDS, min_size=2, max_size=3, unique=True))
    source_ids = [f"S{k + 1}" for k in range(draw(st.integers(0, 2)))]
    evidence = []
    for ident in draw(st.lists(IDS, min_size=1, max_size=3, unique=True)):
        item = {
            "id": ident,
            "summary": draw(TEXTS),
            "ratings": {h: draw(RATINGS) for h in hypothesis_ids if draw(st.booleans())},
            "credibility": draw(st.sampled_from("HML")),
            "relevance": draw(st.sampled_from("HML")),
            "type": draw(st.sampled_from(sorted(sat.scales.EVIDENCE_TYPES))),
            "flagged": draw(st.booleans()),
            "sources": draw(st.lists(st.sampled_from(source_ids), max_size=2))
            if source_ids
            else [],
        }
        if draw(st.booleans()):
            item["notes"] = draw(TEXTS)
        if draw(st.booleans()):
            item["date"] = draw(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
        if draw(st.booleans()):
            item["link"] = "https://example.org/" + draw(
                st.from_regex(r"[a-z0-9/]{0,8}", fullmatch=True)
            )
        evidence.append(item)
    data = {
        "id": "fuzz",
        "title": draw(TEXTS),
        "question": "Q?",
        "date": "2026-01-01",
        "analysts": ["a"],
        "sources": [{"id": s, "title": draw(TEXTS)} for s in source_ids],
        "hypotheses": [
            {"id": h, "label": draw(TEXTS), "statement": draw(TEXTS)} for h in hypothesis_ids
        ],
        "evidence": evidence,
    }
    try:
        return Case.model_validate(data)
    except ValidationError:
        assume(False)


def _titles(case: Case, item) -> list[str]:
    titles = {s.id: s.title for s in case.sources}
    return [titles[s] for s in item.sources]


def held(case: Case, fmt: str) -> object:
    """What ``fmt`` holds of a case, in a form to compare."""
    if fmt == "json":
        return case.model_dump()
    if fmt in ("csv", "xlsx"):
        return (
            [h.id for h in case.hypotheses],
            [
                (
                    e.id,
                    e.summary,
                    e.credibility,
                    e.relevance,
                    e.type,
                    e.date,
                    _titles(case, e),
                    dict(e.ratings),
                )
                for e in case.evidence
            ],
        )
    return (  # .achz: no hypothesis ids, no unrated or probability cells, PARC's evidence types
        case.title,
        [h.statement for h in case.hypotheses],
        [
            (
                e.id,
                e.summary,
                e.notes,
                e.link,
                e.credibility,
                e.date,
                e.flagged,
                [
                    e.rating(h.id) if isinstance(e.rating(h.id), str) else "NA"
                    for h in case.hypotheses
                ],
            )
            for e in case.evidence
        ],
    )


def unholdable(case: Case, fmt: str) -> bool:
    """Whether the case holds something ``fmt`` cannot (stated here, not taken from sat)."""
    if fmt == "json":
        return False
    if fmt == "achz":
        texts = [case.title, *(h.statement for h in case.hypotheses)]
        texts += [t for e in case.evidence for t in (e.summary, e.notes or "", e.id)]
        return any(set(t) & NOT_XML for t in texts)
    texts = [e.summary for e in case.evidence] + [
        t for e in case.evidence for t in _titles(case, e)
    ]
    bad = {"\x00"} if fmt == "csv" else NOT_XML
    return (
        any(set(t) & bad for t in texts)
        or any(h.id.lower() in COLUMNS for h in case.hypotheses)
        or any(e.id.lower() == "prior" for e in case.evidence)
        or any(";" in t or "\n" in t for e in case.evidence for t in _titles(case, e))
    )


@pytest.mark.parametrize("fmt", FORMATS)
@SETTINGS
@given(case=cases())
def test_every_export_reads_back_exactly_or_is_refused_in_one_line_per_problem(
    tmp_path_factory, fmt, case
):
    target = tmp_path_factory.mktemp("roundtrip") / f"out.{fmt}"
    try:
        export(case, fmt, target)
    except (CaseError, UsageError) as exc:
        assert unholdable(case, fmt), f"refused what {fmt} can hold: {exc}"
        assert not target.exists(), "a refused export writes nothing"
        problems = exc.problems if isinstance(exc, CaseError) else ()
        assert problems or "\n" not in str(exc)
        for problem in problems:
            assert problem.field and "\n" not in str(problem) and problem.message
        return
    back = sat.load_case(target)  # sat reads its own export: a refusal here fails the test
    assert held(back, fmt) == held(case, fmt)


@pytest.mark.parametrize(
    "text",
    [
        "-12% in exports of 'dual-use' goods",
        "'=already quoted by the analyst",
        "''+two quotes",
        "'tis the season",
        "a\rb\r\nc",
        "a lone\rcarriage return",
        "x\x7fy\x85z\u2028w",
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_text_that_troubled_the_formats_comes_back_exactly(tmp_path, example_case, fmt, text):
    first = example_case.evidence[0].model_copy(update={"summary": text})
    case = example_case.model_copy(update={"evidence": (first, *example_case.evidence[1:])})
    export(case, fmt, tmp_path / f"out.{fmt}")
    assert sat.load_case(tmp_path / f"out.{fmt}").evidence[0].summary == text


@pytest.mark.parametrize("fmt", ["xlsx", "achz"])
def test_a_control_character_refuses_the_export_naming_the_item_and_field(
    tmp_path, example_case, fmt
):
    second = example_case.evidence[1].model_copy(update={"summary": "bell\x07here"})
    case = example_case.model_copy(
        update={"evidence": (example_case.evidence[0], second, *example_case.evidence[2:])}
    )
    target = tmp_path / f"out.{fmt}"
    with pytest.raises(CaseError) as info:
        export(case, fmt, target)
    (problem,) = info.value.problems
    assert problem.field == f"evidence {second.id}.summary"
    assert second.id in problem.message and "U+0007" in problem.message
    assert not target.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_a_folder_exits_2_with_one_line_naming_it(tmp_path, capsys, fmt):
    code = main(["export", str(EXAMPLE_CASE), "--to", fmt, "-o", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == EXIT_USAGE and out == ""
    (line,) = err.splitlines()
    assert str(tmp_path) in line
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


@pytest.mark.parametrize("check", [[], ["--check"]])
def test_schema_to_a_folder_exits_2_with_one_line_naming_it(tmp_path, capsys, check):
    code = main(["schema", "-o", str(tmp_path), *check])
    out, err = capsys.readouterr()
    assert code == EXIT_USAGE and out == ""
    (line,) = err.splitlines()
    assert str(tmp_path) in line


@pytest.mark.parametrize("to", FORMATS)
def test_an_export_never_replaces_a_file_sat_did_not_write(tmp_path, hand_case, to):
    from sat.errors import UnsafeFileError

    mine = tmp_path / f"matrix.{to}"
    mine.write_bytes(b"the analyst's own file")
    with pytest.raises(UnsafeFileError, match="not written by sat"):
        export(hand_case, to, mine)
    assert mine.read_bytes() == b"the analyst's own file"
    again = tmp_path / f"again.{to}"
    export(hand_case, to, again)
    export(hand_case, to, again)  # sat's own export: replaced
    assert again.stat().st_size > 0


def test_an_export_is_never_written_through_a_link(tmp_path, hand_case):
    from sat.errors import UnsafeFileError

    victim = tmp_path / "victim.txt"
    victim.write_text("elsewhere")
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / ".sat-output.json").write_text('{"written_by": "sat", "files": ["c.csv"]}')
    (folder / "c.csv").symlink_to(victim)  # a folder received from someone else
    with pytest.raises(UnsafeFileError, match="symbolic link"):
        export(hand_case, "csv", folder / "c.csv")
    assert victim.read_text() == "elsewhere"


def test_a_file_name_that_is_not_utf8_is_written(tmp_path, hand_case):
    import os

    name = os.fsdecode(b"x\xff.csv")  # undecodable bytes, as a POSIX file system allows
    export(hand_case, "csv", tmp_path / name)
    assert (tmp_path / name).stat().st_size > 0


def test_a_refused_export_leaves_nothing_beside_its_target(tmp_path, hand_case):
    from sat.errors import CaseError, UnsafeFileError

    bad = hand_case.model_copy(
        update={
            "evidence": [
                hand_case.evidence[0].model_copy(update={"summary": "a\x01b"}),
                *hand_case.evidence[1:],
            ]
        }
    )
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(CaseError) as info:
        export(bad, "xlsx", folder / "out.xlsx")
    assert info.value.problems[0].file == str(folder / "out.xlsx")
    assert list(folder.iterdir()) == []  # no marker, no lock, no file
    (folder / "out.xlsx").write_bytes(b"the analyst's own")
    with pytest.raises(UnsafeFileError):
        export(hand_case, "xlsx", folder / "out.xlsx")
    assert (folder / "out.xlsx").read_bytes() == b"the analyst's own"
