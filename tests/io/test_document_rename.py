"""Renaming and removing a hypothesis changes the analyst's file only where the id is.

The property tests write generated cases (``sat.testing``) as YAML with comments, blank lines,
quoted keys, flow and block tables, spaces inside braces and free text that reads like a rating
(``H2: ...``), then rename a hypothesis in the editor: the text must be, byte for byte, the same
case written the same way with the new id. Each formatting choice is keyed by where it is (and a
table entry by its original id), so the case with the new id is written exactly as the one before.
"""

import datetime as dt
import functools
import io
import json
import re
import zlib
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sat.io import load_case
from sat.io.document import CaseDocument
from sat.io.yamlfile import _Loader
from sat.testing.strategies import cases
from tests.io.test_document import changed_lines

# -- a writer with choices -------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.()/-]*")


class _Writer:
    """Case data as YAML text, each formatting choice drawn from ``seed`` and the place it is at.

    ``name`` maps a key of a rating table to the key its choices are drawn for (the old id, when
    writing the case with the new one). Only the evidence section is written in styles the
    round-trip writer would not keep (spaces inside braces, trailing comments): the editor's other
    edits of a rename (a hypothesis's id, an indicator's hypothesis) go through it.
    """

    def __init__(self, seed: int, name: Any = None):
        self.seed = seed
        self.name = name or (lambda key: key)
        self.indent = 2 + 2 * self.pick(("indent",), 2)
        self.offset = 2 * self.pick(("offset",), 2)

    def pick(self, where: tuple, n: int) -> int:
        return zlib.crc32(repr((self.seed, where)).encode()) % n

    def scalar(self, value: Any) -> str:
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return repr(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if _PLAIN.fullmatch(value) and not value.endswith(" ") and _reads(value):
            return value
        if "'" not in value and value.isprintable():
            return f"'{value}'"
        return json.dumps(value, ensure_ascii=False)

    def key(self, key: Any, where: tuple, wild: bool) -> str:
        style = self.pick((*where, "quote"), 3) if wild and isinstance(key, str) else 0
        return self.scalar(key) if style == 0 else ("'{}'", '"{}"')[style - 1].format(key)

    def comment(self, where: tuple, wild: bool) -> str:
        return "  # noted" if wild and self.pick((*where, "note"), 4) == 0 else ""

    def value(self, value: Any, column: int, where: tuple, wild: bool) -> tuple[str, list[str]]:
        """A value after ``key:`` (the rest of the line) and the lines below it."""
        if (
            isinstance(value, dict)
            and value
            and all(not isinstance(v, dict | list) for v in value.values())
        ):
            style = self.pick((*where, "flow"), 3 if wild else 2)
            if style:
                entries = ", ".join(
                    f"{self.key(k, (*where, self.name(k)), wild)}: {self.scalar(v)}"
                    for k, v in value.items()
                )
                return (f" {{{entries}}}" if style == 1 else f" {{ {entries} }}"), []
        if isinstance(value, dict):
            if not value:
                return " {}", []
            lines = []
            for k, v in value.items():
                lines += self.entry(k, v, column + self.indent, (*where, self.name(k)), wild)
            return "", lines
        if isinstance(value, list):
            if not value:
                return " []", []
            if all(not isinstance(v, dict | list) for v in value) and self.pick(
                (*where, "flow"), 2
            ):
                return " [" + ", ".join(self.scalar(v) for v in value) + "]", []
            return "", self.items(value, column + self.offset, where, wild)
        if isinstance(value, str) and "\n" in value and value.endswith("\n") and value[0] != " ":
            body = value[:-1].split("\n")
            if all(line.isprintable() and line == line.rstrip() for line in body):
                pad = " " * (column + self.indent)
                return " |", [pad + line if line else "" for line in body]
        return " " + self.scalar(value), []

    def entry(self, key: Any, value: Any, column: int, where: tuple, wild: bool) -> list[str]:
        rest, below = self.value(value, column, where, wild)
        note = self.comment(where, wild) if not below and rest != " |" else ""
        return [" " * column + f"{self.key(key, where, wild)}:{rest}{note}", *below]

    def items(self, values: list, column: int, where: tuple, wild: bool) -> list[str]:
        lines: list[str] = []
        for k, item in enumerate(values):
            at = (*where, k)
            if wild and k and self.pick((*where, "spaced"), 2):
                lines.append("")
            if wild and self.pick((*at, "heading"), 5) == 0:
                lines.append(" " * column + f"# item {k + 1}")
            if isinstance(item, dict) and item:
                first, *others = item.items()
                head = self.entry(*first, column + 2, (*at, first[0]), wild)
                lines.append(" " * column + "- " + head[0].lstrip(" "))
                lines += head[1:]
                for key, value in others:
                    lines += self.entry(key, value, column + 2, (*at, key), wild)
            else:
                lines.append(" " * column + "-" + self.value(item, column, at, wild)[0])
        return lines

    def write(self, data: dict) -> str:
        lines = ["# A generated case, written by hand's rules."]
        for key, value in data.items():
            if self.pick((key, "heading"), 3) == 0:
                lines += ["", f"# --- {key}"]
            lines += self.entry(key, value, 0, (key,), key == "evidence")
        return "\n".join(lines) + "\n"


@functools.cache
def _reads(text: str) -> bool:
    """Whether ``text`` written plain reads as that text here and in YAML 1.2 (``00`` does not)."""
    from ruamel.yaml import YAML

    out = io.StringIO()
    YAML(typ="rt").dump({text: 0}, out)
    try:
        return yaml.load(text, Loader=_Loader) == text and out.getvalue() == f"{text}: 0\n"
    except yaml.YAMLError:
        return False


# -- what the case reads as after the edit -----------------------------------------------------------

_TABLED = ("evidence", "indicators", "information_gaps")


def _renamed(data: dict, old: str, new: str | None) -> dict:
    """The case data with hypothesis ``old`` renamed (None: with its ratings dropped; the rest of a
    removal is not needed, only the evidence section is compared)."""

    def table(t: Any) -> Any:
        if not isinstance(t, dict):
            return t
        return {(new if k == old else k): v for k, v in t.items() if new is not None or k != old}

    def item(i: Any) -> Any:
        if not isinstance(i, dict):
            return i
        out = dict(i)
        if "ratings" in out:
            out["ratings"] = table(out["ratings"])
        if isinstance(out.get("analyst_ratings"), dict):
            out["analyst_ratings"] = {a: table(t) for a, t in out["analyst_ratings"].items()}
        return out

    out = {k: ([item(i) for i in v] if k in _TABLED else v) for k, v in data.items()}
    if new is None:
        return out
    out["hypotheses"] = [
        {**h, "id": new if h["id"] == old else h["id"]}
        | ({"overlaps": [new if o == old else o for o in h["overlaps"]]} if "overlaps" in h else {})
        for h in data["hypotheses"]
    ]
    if "estimates" in data:
        out["estimates"] = {a: table(t) for a, t in data["estimates"].items()}
    out["assumptions"] = [
        {**a, "supports": [new if s == old else s for s in a["supports"]]} if "supports" in a else a
        for a in data.get("assumptions", [])
    ] or data.get("assumptions")
    if "indicators" in out:
        out["indicators"] = [
            {**i, "hypothesis": new} if i.get("hypothesis") == old else i for i in out["indicators"]
        ]
    out["key_judgements"] = [
        {**j, "about": new} if j.get("about") == old else j for j in data.get("key_judgements", [])
    ] or data.get("key_judgements")
    if (
        isinstance(data.get("previous_assessment"), dict)
        and data["previous_assessment"].get("about") == old
    ):
        out["previous_assessment"] = {**data["previous_assessment"], "about": new}
    return {k: v for k, v in out.items() if k in data}


def _with_free_text(data: dict, old: str) -> dict:
    """Every third item gets a note whose lines read like ratings of ``old``."""
    evidence = [
        {**item, "notes": f"{old}: the analyst's shorthand, not a rating.\nSee also {old}.\n"}
        if k % 3 == 0
        else item
        for k, item in enumerate(data["evidence"])
    ]
    return {**data, "evidence": evidence}


def _section(text: str, name: str) -> str:
    """The lines of a top-level section, from its key to the next top-level key."""
    lines = text.splitlines(keepends=True)
    start = next(k for k, line in enumerate(lines) if re.match(f"['\"]?{name}['\"]?:", line))
    end = next(
        (k for k in range(start + 1, len(lines)) if re.match(r"[A-Za-z_]", lines[k])), len(lines)
    )
    return "".join(lines[start:end])


_NEW_IDS = st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,5}|[0-9]{1,3}", fullmatch=True)
_SITUATIONS = ["typical", "example-like", "analysts-disagree", "two-hypotheses", "partly-unrated"]
_SETTINGS = settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@_SETTINGS
@given(data=cases(_SITUATIONS, max_evidence=8), seed=st.integers(0, 2**32 - 1), choose=st.data())
def test_a_renamed_hypothesis_is_the_same_file_with_the_new_id(tmp_path, data, seed, choose):
    hypotheses = [h["id"] for h in data["hypotheses"]]
    old = choose.draw(st.sampled_from(hypotheses))
    new = choose.draw(_NEW_IDS.filter(lambda i: i not in hypotheses))
    data = _with_free_text(data, old)
    path = tmp_path / "case.yaml"
    path.write_text(_Writer(seed).write(data))
    doc = CaseDocument(path)
    doc.rename_hypothesis(old, new)
    renamed = _renamed(data, old, new)
    assert doc.text == _Writer(seed, lambda k: old if k == new else k).write(renamed)
    doc.save()
    assert load_case(path).hypothesis(new)


@_SETTINGS
@given(data=cases(_SITUATIONS, max_evidence=8), seed=st.integers(0, 2**32 - 1), choose=st.data())
def test_a_removed_hypothesis_leaves_each_item_as_written_without_its_ratings(
    tmp_path, data, seed, choose
):
    hypotheses = [h["id"] for h in data["hypotheses"]]
    assume(len(hypotheses) > 2)  # a case needs two to compare
    old = choose.draw(st.sampled_from(hypotheses))
    data = _with_free_text(data, old)
    path = tmp_path / "case.yaml"
    path.write_text(_Writer(seed).write(data))
    doc = CaseDocument(path)
    doc.remove_hypothesis(old)
    expected = _Writer(seed).write(_renamed(data, old, None))
    assert _section(doc.text, "evidence") == _section(expected, "evidence")
    doc.save()
    assert old not in {h.id for h in load_case(path).hypotheses}


# -- by hand ---------------------------------------------------------------------------------------

CASE = """\
id: t
title: T
question: Which?
date: 2026-01-01
analysts: [me, you]
hypotheses:
  - {id: H1, label: One, statement: One.}
  - {id: H2, label: Two, statement: Two.}
  - {id: H3, label: Three, statement: Three.}
evidence:
  - id: E1
    summary: One
    ratings:   # only the second
      H2: C   # sure
  - id: E2
    summary: Two
    ratings: { H1: I, H2: C, H3: N }
    analyst_ratings:
      you: { H2: II }
estimates:
  me: { H1: 0.2,  H2: 0.5 }   # spacing kept
"""


def _open(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE)
    return path, CaseDocument(path)


def test_a_rename_keeps_the_spacing_and_comments_of_every_table_and_the_estimates(tmp_path):
    path, doc = _open(tmp_path)
    doc.rename_hypothesis("H2", "H2b")
    assert changed_lines(CASE, doc.text) == [
        "-  - {id: H2, label: Two, statement: Two.}",
        "+  - {id: H2b, label: Two, statement: Two.}",
        "-      H2: C   # sure",
        "+      H2b: C   # sure",
        "-    ratings: { H1: I, H2: C, H3: N }",
        "+    ratings: { H1: I, H2b: C, H3: N }",
        "-      you: { H2: II }",
        "+      you: { H2b: II }",
        "-  me: { H1: 0.2,  H2: 0.5 }   # spacing kept",
        "+  me: { H1: 0.2,  H2b: 0.5 }   # spacing kept",
    ]
    doc.save()
    assert load_case(path).estimates["me"] == {"H1": 0.2, "H2b": 0.5}


def test_an_id_that_would_read_as_a_number_is_quoted(tmp_path):
    path, doc = _open(tmp_path)
    doc.rename_hypothesis("H2", "7")
    assert "      '7': C   # sure\n" in doc.text and "{ H1: I, '7': C, H3: N }" in doc.text
    doc.save()
    assert load_case(path).item("E1").ratings == {"7": "C"}


def test_a_removal_keeps_the_spacing_inside_braces_and_a_table_left_empty_reads_empty(tmp_path):
    path, doc = _open(tmp_path)
    doc.remove_hypothesis("H2")
    assert changed_lines(CASE, doc.text) == [
        "-  - {id: H2, label: Two, statement: Two.}",
        "-    ratings:   # only the second",
        "-      H2: C   # sure",
        "+    ratings: {}   # only the second",
        "-    ratings: { H1: I, H2: C, H3: N }",
        "+    ratings: { H1: I, H3: N }",
        "-      you: { H2: II }",
        "+      you: {}",
        "-  me: { H1: 0.2,  H2: 0.5 }   # spacing kept",
        "+  me: { H1: 0.2 }   # spacing kept",
    ]
    doc.save()  # the text reads back as the edited case
    assert load_case(path).item("E1").ratings == {}
