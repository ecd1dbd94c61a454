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
            gzip.compress("<ACH><PROJECT-TITLE>x</PROJECT-TITLE></ACH>".encode("utf-16")),
            "no MATRIX element",
        ),
        (gzip.compress("<ACH><MATRIX>".encode("utf-16")), "XML syntax"),
        (
            gzip.compress('<!DOCTYPE x [<!ENTITY a "aaaa">]><ACH/>'.encode("utf-16")),
            "document type declaration",
        ),
        (
            gzip.compress(
                "<ACH><MATRIX><HYPOTHESIS><NAME>a</NAME></HYPOTHESIS><EVIDENCE><NAME>e</NAME>"
                "<VALUES>C,C</VALUES></EVIDENCE></MATRIX></ACH>".encode("utf-16")
            ),
            "2 ratings for 1 hypotheses",
        ),
    ],
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
