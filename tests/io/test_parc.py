"""PARC ACH files: a hand-built file in the documented format, round trips, and bad files."""

import gzip

import pytest

import sat
from sat.errors import CaseError
from sat.io.parc import write_achz

HAND_BUILT = """<?xml version="1.0" encoding="UTF-16"?>
<ACH>
  <PROJECT-TITLE>Who cut the cable?</PROJECT-TITLE>
  <CLASSIFICATION>U</CLASSIFICATION>
  <COLOR-SCHEME>default</COLOR-SCHEME>
  <MATRIX>
    <HYPOTHESIS><NAME>An anchor dragged by accident</NAME></HYPOTHESIS>
    <HYPOTHESIS><NAME>Deliberate sabotage</NAME></HYPOTHESIS>
    <HYPOTHESIS><NAME>Equipment failure</NAME></HYPOTHESIS>
    <EVIDENCE>
      <NAME>A ship loitered over the cable for six hours</NAME><NOTES>AIS track</NOTES>
      <LINK>https://example.org/ais</LINK><TYPE>Open Source/OSINT/Press</TYPE>
      <DATE>1767225600000</DATE><CODE>E1</CODE><FLAG>1</FLAG>
      <VALUES>C,C C,I I</VALUES><CREDIBILITY>HIGH</CREDIBILITY>
    </EVIDENCE>
    <EVIDENCE>
      <NAME>The operator reports no prior faults</NAME><NOTES></NOTES><LINK></LINK>
      <TYPE>HUMINT</TYPE><DATE>0</DATE><CODE>E2</CODE><FLAG>0</FLAG>
      <VALUES>N,N,I</VALUES><CREDIBILITY>LOW</CREDIBILITY><SCORE>7</SCORE>
    </EVIDENCE>
  </MATRIX>
</ACH>
"""


def achz(tmp_path, text=HAND_BUILT, name="cable.achz"):
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode("utf-16")))
    return path


def test_a_hand_built_file_loads_with_the_right_ratings(tmp_path):
    case = sat.load_case(achz(tmp_path))
    assert case.title == "Who cut the cable?"
    assert [h.statement for h in case.hypotheses] == [
        "An anchor dragged by accident",
        "Deliberate sabotage",
        "Equipment failure",
    ]
    e1, e2 = case.evidence
    assert dict(e1.ratings) == {"H1": "C", "H2": "CC", "H3": "II"}
    assert (e1.credibility, e1.type, e1.flagged, e1.link, e1.notes) == (
        "H",
        "report",
        True,
        "https://example.org/ais",
        "AIS track",
    )
    assert e1.date.isoformat() == "2026-01-01"
    assert (e2.credibility, e2.type, e2.date, e2.flagged) == ("L", "humint", None, False)
    assert case.provenance["achz:CLASSIFICATION"] == "U"
    assert "COLOR-SCHEME" in case.provenance["achz:COLOR-SCHEME"]
    assert "<SCORE>7</SCORE>" in case.provenance["achz:E2:SCORE"]  # unknown elements are kept
    assert sat.ach.run(case).leader == ("H2",)


def test_round_trip_keeps_everything_the_format_holds(tmp_path):
    case = sat.load_case(achz(tmp_path))
    again = sat.load_case(write_achz(case, tmp_path / "again.achz")[0])
    for a, b in zip(case.evidence, again.evidence, strict=True):
        assert (
            a.summary,
            dict(a.ratings),
            a.credibility,
            a.type,
            a.date,
            a.notes,
            a.link,
            a.flagged,
            a.code,
        ) == (
            b.summary,
            dict(b.ratings),
            b.credibility,
            b.type,
            b.date,
            b.notes,
            b.link,
            b.flagged,
            b.code,
        )
    assert [h.statement for h in again.hypotheses] == [h.statement for h in case.hypotheses]
    assert again.provenance == case.provenance


def test_the_example_case_exports_and_comes_back(tmp_path, example_case):
    path, warnings = write_achz(example_case, tmp_path / "example.achz")
    assert any("relevance" in w for w in warnings)
    back = sat.load_case(path)
    assert [dict(e.ratings) for e in back.evidence] == [
        dict(e.ratings) for e in example_case.evidence
    ]
    assert [e.credibility for e in back.evidence] == [e.credibility for e in example_case.evidence]
    assert [e.date for e in back.evidence] == [e.date for e in example_case.evidence]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"not gzip at all", "not gzip"),
        (
            gzip.compress("<ACH><PROJECT-TITLE>x</PROJECT-TITLE></ACH>".encode("utf-16"), mtime=0),
            "no MATRIX element",
        ),
        (gzip.compress("<ACH><MATRIX>".encode("utf-16"), mtime=0), "XML syntax"),
        (
            gzip.compress('<!DOCTYPE x [<!ENTITY a "aaaa">]><ACH/>'.encode("utf-16"), mtime=0),
            "document type declaration",
        ),
        (
            gzip.compress(
                "<ACH><MATRIX><HYPOTHESIS><NAME>a</NAME></HYPOTHESIS><EVIDENCE><NAME>e</NAME>"
                "<VALUES>C,C</VALUES></EVIDENCE></MATRIX></ACH>".encode("utf-16"),
                mtime=0,
            ),
            "2 ratings for 1 hypotheses",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else None,  # by what is expected
)
def test_bad_files_are_clear_errors(tmp_path, content, needle):
    path = tmp_path / "bad.achz"
    path.write_bytes(content)
    with pytest.raises(CaseError) as info:
        sat.load_case(path)
    assert any(needle in p.message for p in info.value.problems)


def test_export_command_round_trips_every_format(tmp_path, capsys, example_case):
    from sat.cli import main
    from sat.paths import EXAMPLE_CASE

    for fmt in ("achz", "csv", "xlsx", "json"):
        target = tmp_path / f"out.{fmt}"
        assert main(["export", str(EXAMPLE_CASE), "--to", fmt, "-o", str(target)]) == 0
        back = sat.load_case(target)
        assert [dict(e.ratings) for e in back.evidence] == [
            dict(e.ratings) for e in example_case.evidence
        ]
    assert main(["export", str(EXAMPLE_CASE), "--to", "json", "-o", str(EXAMPLE_CASE)]) == 2
    json_back = sat.load_case(tmp_path / "out.json")
    assert json_back.model_dump() == example_case.model_dump()


def _nested(depth, where):
    inner = "<D>" * depth + "x" + "</D>" * depth
    body = (
        "<HYPOTHESIS><NAME>a</NAME></HYPOTHESIS><HYPOTHESIS><NAME>b</NAME></HYPOTHESIS>"
        "<EVIDENCE><NAME>e</NAME>{}</EVIDENCE>"
    ).format(inner if where == "evidence" else "")
    top = inner if where == "top" else ""
    return f"<ACH><MATRIX>{body}</MATRIX>{top}</ACH>"


@pytest.mark.parametrize("where", ["top", "evidence"])
@pytest.mark.parametrize("depth", [200, 100_000])
def test_deep_nesting_is_refused_in_one_line(tmp_path, where, depth):
    from sat.io.parc import MAX_XML_DEPTH

    with pytest.raises(CaseError) as info:
        sat.load_case(achz(tmp_path, _nested(depth, where)))
    (problem,) = info.value.problems
    assert f"nested deeper than {MAX_XML_DEPTH}" in problem.message


def test_nesting_within_the_limit_is_kept_and_written_back(tmp_path):
    from sat.io.parc import MAX_XML_DEPTH

    case = sat.load_case(achz(tmp_path, _nested(MAX_XML_DEPTH - 4, "top")))
    again = sat.load_case(write_achz(case, tmp_path / "again.achz")[0])
    assert again.provenance["achz:D"] == case.provenance["achz:D"]
    assert case.provenance["achz:D"].count("<D>") == MAX_XML_DEPTH - 4


def test_hypothesis_statements_dates_and_carriage_returns_come_back(tmp_path, example_case):
    import datetime as dt

    first = example_case.evidence[0].model_copy(
        update={"summary": "line one\rline two\r\nthree", "date": dt.date(1970, 1, 1)}
    )
    second = example_case.evidence[1].model_copy(update={"date": dt.date(1800, 2, 3)})
    case = example_case.model_copy(update={"evidence": (first, second, *example_case.evidence[2:])})
    back = sat.load_case(write_achz(case, tmp_path / "x.achz")[0])
    assert back.evidence[0].summary == first.summary
    assert [e.date for e in back.evidence[:2]] == [first.date, second.date]
    assert [h.statement for h in back.hypotheses] == [h.statement for h in case.hypotheses]


def test_what_achz_cannot_hold_is_warned(tmp_path, example_case):
    first = example_case.evidence[0].model_copy(
        update={"type": "official statement", "ratings": {}, "code": "PARC-7"}
    )
    case = example_case.model_copy(update={"evidence": (first, *example_case.evidence[1:])})
    warnings = " ".join(write_achz(case, tmp_path / "x.achz")[1])
    assert "official statement" in warnings
    assert "unrated" in warnings
    assert first.id in warnings and "code" in warnings


@pytest.mark.parametrize(
    ("key", "value"),
    [("achz:NOTE", "not <xml"), ("achz:root", "bad name"), ("achz:X", "<a>" * 40 + "</a>" * 40)],
)
def test_kept_elements_that_are_not_xml_refuse_the_export_in_one_line(
    tmp_path, example_case, key, value
):
    case = example_case.model_copy(update={"provenance": {key: value}})
    target = tmp_path / "x.achz"
    with pytest.raises(CaseError) as info:
        write_achz(case, target)
    (problem,) = info.value.problems
    assert problem.field == f"provenance.{key}" and not target.exists()


def test_a_damaged_achz_is_one_line(tmp_path, hand_case):
    from sat.errors import CaseError
    from sat.io.parc import write_achz

    path = tmp_path / "m.achz"
    write_achz(hand_case, path)
    data = bytearray(path.read_bytes())
    data[20:60] = bytes(40)  # a valid gzip header, then a damaged deflate stream
    path.write_bytes(bytes(data))
    with pytest.raises(CaseError) as info:
        sat.load_case(path)
    assert len(info.value.problems) == 1
