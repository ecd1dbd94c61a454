"""Nothing from a case, a register or a file name reaches the terminal raw (sat.cli.terminal)."""

from __future__ import annotations

import json

import pytest

from sat.cli import main
from sat.cli.terminal import UNSAFE, EscapedStream, escape

#: An escape sequence that clears the screen, a C1 CSI, a right-to-left override, a carriage
#: return that would let text overwrite its own line, and a bell.
PAYLOAD = "\x1b[2J\x9b31m\u202e\r\x07"

CASE = """\
id: t
title: "T PAYLOAD"
question: "Q? PAYLOAD"
date: 2026-01-01
analysts: [me]
sources:
  - {id: S1, title: "Src PAYLOAD", reliability: C, reliability_reason: ok}
hypotheses:
  - {id: H1, label: "One PAYLOAD", statement: "First PAYLOAD."}
  - {id: H2, label: "Two PAYLOAD", statement: "Second PAYLOAD."}
evidence:
  - {id: E1, summary: "Seen PAYLOAD", sources: [S1], ratings: {H1: C, H2: I}}
  - {id: E2, summary: "Heard PAYLOAD", sources: [S1], ratings: {H1: N, H2: II}}
""".replace("PAYLOAD", "\\e[2J\\x9b31m\\u202e\\a")


def _raw(text: str) -> set[str]:
    return {c for c in text if ord(c) in UNSAFE}


def test_escape_makes_every_unsafe_character_visible_and_keeps_lines():
    assert _raw(escape(PAYLOAD)) == set()
    assert escape("a\nb\tc") == "a\nb\tc"
    assert escape("\x1b") == "\\u001b"
    assert escape("caf\u00e9 \u4e2d\u6587 \u0627\u0644") == "caf\u00e9 \u4e2d\u6587 \u0627\u0644"


def test_escaped_json_reads_back_as_the_same_data():
    data = {"label": "One" + PAYLOAD + "\u0085"}

    class Sink:
        text = ""

        def write(self, s):
            Sink.text += s
            return len(s)

    EscapedStream(Sink()).write(json.dumps(data, ensure_ascii=False))
    assert _raw(Sink.text) == set()
    assert json.loads(Sink.text) == data


@pytest.mark.parametrize(
    "command",
    [
        ["ach"],
        ["ach", "--json"],
        ["bayes"],
        ["bayes", "--json"],
        ["quality"],
        ["assumptions"],
        ["validate"],
    ],
)
def test_case_text_never_reaches_the_terminal_raw(tmp_path, capsys, command):
    case = tmp_path / "case.yaml"
    case.write_text(CASE, encoding="utf-8")
    assert "\x1b" in __import__("sat").load_case(case).hypotheses[0].label  # the payload is there
    main([command[0], str(case), *command[1:]])
    out, err = capsys.readouterr()
    assert _raw(out) == set() and _raw(err) == set()
    if "--json" in command:
        json.loads(out)


def test_field_names_in_problems_are_escaped(tmp_path, capsys):
    case = tmp_path / "case.yaml"
    case.write_text(
        CASE.replace("question:", '"\\e]0;owned\\a\\e[8m": 1\nquestion:'), encoding="utf-8"
    )
    assert main(["validate", str(case)]) == 1
    err = capsys.readouterr().err
    assert _raw(err) == set()
    assert "\\u001b]0;owned" in err  # visible, so the analyst sees what is in the file


def test_register_values_are_escaped(tmp_path, capsys):
    register = tmp_path / "register.csv"
    header = "id,forecast,case,version,analyst,kind,statement,probability,criterion,deadline,"
    header += "registered,outcome,resolved\n"
    rows = [
        f'c:H{i},1,c,abc,"Analyst \x1b[31mA\x1b[0m",hypothesis,"S\x9b2J",0.{i + 1},"crit",'
        f"2026-12-31,2026-01-0{i + 1},{i % 2},2026-02-0{i + 1}\n"
        for i in range(6)
    ]
    register.write_text(header + "".join(rows), encoding="utf-8")
    main(["calibration", str(register), "--analyst", "Analyst \x1b[31mA\x1b[0m"])
    out, err = capsys.readouterr()
    assert _raw(out) == set() and _raw(err) == set()
    assert "Analyst" in out + err
