"""PARC ACH files (``.achz``): read them into a case, and write a case back.

The format has no public specification; this follows the files PARC ACH 2.0
writes as read by Open Source ACH's importer: gzip-compressed XML in UTF-16,
with ``PROJECT-TITLE``, ``CLASSIFICATION`` and a ``MATRIX`` holding
``HYPOTHESIS/NAME`` (in column order) and ``EVIDENCE`` items with ``NAME``,
``NOTES``, ``LINK``, ``TYPE``, ``DATE`` (epoch milliseconds, 0 for none),
``CODE``, ``FLAG``, ``VALUES`` (comma-separated ratings: ``C C``, ``C``, ``N``,
``I``, ``I I``, ``NA``) and ``CREDIBILITY`` (``HIGH``, ``MEDIUM``, ``LOW``).

Nothing is silently dropped: fields sat does not model (the classification,
elements it does not know) are kept in the case's ``provenance`` and written
back on export. Reading is bounded: compressed size, unpacked size, XML without
document type declarations (so no entity is expanded and nothing external is
fetched) and elements nested at most ``MAX_XML_DEPTH`` deep, checked while parsing.

Writing holds what the format can, exactly: XML 1.0 cannot hold most control
characters, so a text with one is refused (one problem per field, naming the item);
a carriage return is written as ``&#13;`` so that it is not read back as a line feed;
a date of 1970-01-01 is written as 1 ms past the epoch (0 means no date).
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any

from sat.case import Case
from sat.errors import CaseError, Problem
from sat.ids import named
from sat.io.files import check_size
from sat.io.matrix import SPACE

#: Largest unpacked .achz read, in bytes.
MAX_UNPACKED = 128 * 1024 * 1024
#: Deepest nesting of XML elements read (PARC ACH's own files nest four deep).
MAX_XML_DEPTH = 32
#: Bytes of XML parsed between two checks of the nesting depth.
_CHUNK = 64 * 1024
_EPOCH = dt.datetime(1970, 1, 1)

_TYPES_IN = {
    "open source": "report",
    "osint": "report",
    "press": "report",
    "open source/osint/press": "report",
    "assumption": "assumption",
    "assu": "assumption",
    "humint": "humint",
    "hum": "humint",
    "imint": "imagery",
    "imagery": "imagery",
    "imint/imagery": "imagery",
    "sigint": "sigint",
    "sig": "sigint",
    "masint": "masint",
}
_TYPES_OUT = {
    "report": "Open Source/OSINT/Press",
    "official statement": "Open Source/OSINT/Press",
    "expert comment": "Open Source/OSINT/Press",
    "data": "Open Source/OSINT/Press",
    "document": "Open Source/OSINT/Press",
    "assumption": "Assumption",
    "humint": "HUMINT",
    "imagery": "IMINT/Imagery",
    "sigint": "SIGINT",
    "masint": "MASINT",
    "absence of evidence": "Assumption",
    "other": "Open Source/OSINT/Press",
}
_CREDIBILITY_IN = {"HIGH": "H", "MEDIUM": "M", "LOW": "L"}
_CREDIBILITY_OUT = {v: k for k, v in _CREDIBILITY_IN.items()}
_KNOWN_TOP = {"PROJECT-TITLE", "CLASSIFICATION", "MATRIX"}
_KNOWN_EVIDENCE = {"NAME", "NOTES", "LINK", "TYPE", "DATE", "CODE", "FLAG", "VALUES", "CREDIBILITY"}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


def _unpack(path: Path, shown: str) -> str:
    check_size(path, shown)
    try:
        with gzip.open(path, "rb") as handle:
            raw = handle.read(MAX_UNPACKED + 1)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise CaseError(
            [Problem(shown, None, "", f"not a PARC ACH file (not gzip: {exc})")]
        ) from None
    if len(raw) > MAX_UNPACKED:
        raise CaseError([Problem(shown, None, "", f"unpacks to more than {MAX_UNPACKED:,} bytes")])
    for encoding in ("utf-16", "utf-8-sig"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CaseError([Problem(shown, None, "", "the XML inside is neither UTF-16 nor UTF-8")])


def parse_xml(text: str, shown: str, field: str = "") -> ET.Element:
    """Parse XML text, refusing it in one problem as soon as elements nest deeper than
    ``MAX_XML_DEPTH`` (a deep file would exhaust the stack of anything that walks the tree).

    Examples
    --------
    >>> parse_xml("<A><B>x</B></A>", "f.achz").find("B").text
    'x'
    >>> parse_xml("<A>" * 40 + "</A>" * 40, "f.achz")
    Traceback (most recent call last):
    sat.errors.CaseError: f.achz: XML elements nested deeper than 32; not a PARC ACH file
    """
    parser = ET.XMLPullParser(events=("start", "end"))
    depth, root = 0, None
    try:
        for start in range(0, len(text), _CHUNK):
            parser.feed(text[start : start + _CHUNK])
            for event, element in parser.read_events():
                depth += 1 if event == "start" else -1
                root = element if root is None else root
                if depth > MAX_XML_DEPTH:
                    message = (
                        f"XML elements nested deeper than {MAX_XML_DEPTH}; not a PARC ACH file"
                    )
                    raise CaseError([Problem(shown, None, field, message)])
        parser.close()
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position and not field else None
        raise CaseError(
            [Problem(shown, line, field, f"XML syntax: {getattr(exc, 'msg', None) or exc}")]
        ) from None
    if root is None:
        raise CaseError([Problem(shown, None, field, "XML syntax: no element found")])
    return root


def _text(element: ET.Element | None) -> str:
    return "" if element is None or element.text is None else element.text.strip(SPACE)


def _label(name: str, limit: int = 60) -> str:
    """A short label for tables from a hypothesis's full name."""
    return name if len(name) <= limit else name[: limit - 1].rsplit(" ", 1)[0] + "…"


def read_achz(path: Path, shown: str, remarks: list[Problem] | None = None) -> Case:
    """Read a PARC ACH ``.achz`` file into a case (see the module docstring).

    ``remarks`` receives the loader's notes (see ``sat.io.load_case``).
    """
    from sat.io.validate import build_case

    root = _project(path, shown)
    matrix = root.find("MATRIX")
    provenance = _kept_elements(root)
    names = [_text(h.find("NAME")) for h in matrix.findall("HYPOTHESIS")]
    hypotheses = [
        {"id": f"H{j + 1}", "label": _label(name) or f"H{j + 1}", "statement": name or f"H{j + 1}"}
        for j, name in enumerate(names)
    ]
    evidence = []
    problems: list[Problem] = []
    for i, item in enumerate(matrix.findall("EVIDENCE")):
        record, wrong = _evidence_item(item, i, len(names), shown)
        problems += wrong
        for tag in (child.tag for child in item if child.tag not in _KNOWN_EVIDENCE):
            provenance[f"achz:{record['id']}:{tag}"] = ET.tostring(
                item.find(tag), encoding="unicode"
            )
        evidence.append(record)
    if problems:
        raise CaseError(problems)
    title = _text(root.find("PROJECT-TITLE")) or path.stem
    slug = re.sub(r"[^A-Za-z0-9_.:-]+", "-", path.stem).strip("-.") or "achz"
    data = {
        "id": slug[:64] if slug[0].isalnum() else f"m{slug}"[:64],
        "title": title[:500],
        "question": f"Imported from PARC ACH: {title}"[:20_000],
        "date": dt.date.fromtimestamp(path.stat().st_mtime),
        "analysts": ["unrecorded"],
        "hypotheses": hypotheses,
        "evidence": evidence,
        "provenance": provenance,
    }
    return build_case(data, {}, shown, remarks)


def _project(path: Path, shown: str) -> ET.Element:
    """The project's root element, refused when it declares a document type (entities) or has no
    MATRIX."""
    text = _unpack(path, shown)
    if re.search(r"<!\s*(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise CaseError(
            [Problem(shown, None, "", "XML with a document type declaration is refused (entities)")]
        )
    root = parse_xml(text, shown)
    if root.find("MATRIX") is None:
        raise CaseError([Problem(shown, None, "", "no MATRIX element: not a PARC ACH project")])
    return root


def _kept_elements(root: ET.Element) -> dict[str, str]:
    """The project's elements sat has no field for, kept as they were (``provenance``)."""
    provenance: dict[str, str] = {"achz:root": root.tag}
    for child in root:
        if child.tag not in _KNOWN_TOP:
            provenance[f"achz:{child.tag}"] = ET.tostring(child, encoding="unicode")
    classification = _text(root.find("CLASSIFICATION"))
    if classification:
        provenance["achz:CLASSIFICATION"] = classification
    return provenance


def _evidence_item(
    item: ET.Element, i: int, n_hypotheses: int, shown: str
) -> tuple[dict[str, Any], list[Problem]]:
    """One EVIDENCE element as an item of the case, and what is wrong in it."""
    code = _text(item.find("CODE"))
    ident = code if _ID.match(code or "") else f"E{i + 1}"
    problems = []
    values = (
        [v.strip() for v in _text(item.find("VALUES")).split(",")]
        if _text(item.find("VALUES"))
        else []
    )
    if values and len(values) != n_hypotheses:
        problems.append(
            Problem(
                shown,
                None,
                named("evidence", ident, "ratings"),
                f"{len(values)} ratings for {n_hypotheses} hypotheses in '{_text(item.find('NAME'))[:40]}'",
            )
        )
    record: dict[str, Any] = {
        "id": ident,
        "summary": _text(item.find("NAME")) or f"(untitled item {i + 1})",
        "ratings": {f"H{j + 1}": v for j, v in enumerate(values[:n_hypotheses]) if v},
        "type": _TYPES_IN.get(_text(item.find("TYPE")).lower(), "other"),
    }
    if code:
        record["code"] = code
    record.update(_notes_and_link(item))
    credibility = _text(item.find("CREDIBILITY")).upper()
    if credibility in _CREDIBILITY_IN:
        record["credibility"] = _CREDIBILITY_IN[credibility]
    milliseconds = _text(item.find("DATE"))
    if milliseconds and milliseconds not in ("0", ""):
        try:
            record["date"] = (_EPOCH + dt.timedelta(milliseconds=int(milliseconds))).date()
        except (ValueError, OverflowError):
            problems.append(
                Problem(
                    shown,
                    None,
                    named("evidence", ident, "date"),
                    f"'{milliseconds}' is not a date in epoch milliseconds",
                )
            )
    record["flagged"] = _text(item.find("FLAG")) == "1"
    return record, problems


def _notes_and_link(item: ET.Element) -> dict[str, str]:
    """The item's notes, with a PARC type sat does not know and a link that is not a web or mail
    address added to them; a web or mail link as the item's link."""
    record: dict[str, str] = {}
    notes = _text(item.find("NOTES"))
    if notes:
        record["notes"] = notes
    raw_type = _text(item.find("TYPE"))
    if raw_type and raw_type.lower() not in _TYPES_IN:
        record["notes"] = (notes + "\n" if notes else "") + f"PARC ACH type: {raw_type}"
    link = _text(item.find("LINK"))
    if link:
        if link.lower().startswith(("http://", "https://", "mailto:")):
            record["link"] = link
        else:
            record["notes"] = (
                record.get("notes", "") + "\n" if record.get("notes") else ""
            ) + f"Link: {link}"
    return record


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")


def _refusals(case: Case, shown: str) -> list[Problem]:
    """What ``write_achz`` cannot write of ``case``: text XML 1.0 cannot hold, kept elements
    (``provenance``) that are not XML."""
    from sat.ids import field_at
    from sat.io.writable import NOT_XML, unwritable

    texts = [("title", "the case", case.title)]
    texts += [
        (field_at(("hypotheses", j, "statement"), case), f"hypothesis {h.id}", h.statement)
        for j, h in enumerate(case.hypotheses)
    ]
    for i, e in enumerate(case.evidence):
        owner = f"item {e.id}"
        texts += [
            (field_at(("evidence", i, name), case), owner, getattr(e, name)) for name in _ITEM_TEXT
        ]
    texts += [
        (f"provenance.{key}", "the case", value)
        for key, value in case.provenance.items()
        if key.startswith("achz:")
    ]
    problems = unwritable(shown, texts, NOT_XML, ".achz")
    root = case.provenance.get("achz:root", "ACH")
    if not _NAME.match(root):
        problems.append(
            Problem(
                shown, None, "provenance.achz:root", f"'{root[:40]}' is not an XML element name"
            )
        )
    return problems


#: The item's texts an .achz holds.
_ITEM_TEXT = ("summary", "notes", "link", "code")


def _kept(value: str, shown: str, key: str) -> ET.Element:
    """An element kept from the file read (``provenance``), parsed as it was read."""
    return parse_xml(value, shown, f"provenance.{key}")


def _stamp(date: dt.date | None) -> str:
    """PARC ACH's date: epoch milliseconds, 0 for none (so 1970-01-01 is 1 ms past it).

    Examples
    --------
    >>> _stamp(None), _stamp(dt.date(1970, 1, 1)), _stamp(dt.date(2026, 1, 1))
    ('0', '1', '1767225600000')
    """
    if date is None:
        return "0"
    return str((date - _EPOCH.date()).days * 86_400_000 or 1)


def write_achz(case: Case, path: str | Path) -> tuple[Path, list[str]]:
    """Write a case as a PARC ACH ``.achz`` file.

    Returns
    -------
    tuple of (Path, list of str)
        The path, and what the format cannot hold, one sentence each.

    Raises
    ------
    CaseError
        When a text holds a character XML 1.0 cannot (one problem per field, naming the
        item); nothing is written.
    """
    from sat.io.files import write_atomic

    target = Path(path)
    shown = str(target)
    problems = _refusals(case, shown)
    if problems:
        raise CaseError(problems)
    root = ET.Element(case.provenance.get("achz:root", "ACH"))
    _sub(root, "PROJECT-TITLE", case.title)
    _sub(root, "CLASSIFICATION", case.provenance.get("achz:CLASSIFICATION", "U"))
    for key, value in case.provenance.items():
        if (
            key.count(":") == 1
            and key not in ("achz:root", "achz:CLASSIFICATION")
            and key.startswith("achz:")
        ):
            root.append(_kept(value, shown, key))
    matrix = ET.SubElement(root, "MATRIX")
    for h in case.hypotheses:
        _sub(ET.SubElement(matrix, "HYPOTHESIS"), "NAME", h.statement)
    probability_cells = unrated = 0
    for e in case.evidence:
        item = ET.SubElement(matrix, "EVIDENCE")
        _sub(item, "NAME", e.summary)
        _sub(item, "NOTES", e.notes or "")
        _sub(item, "LINK", e.link or "")
        _sub(item, "TYPE", _TYPES_OUT.get(e.type, "Open Source/OSINT/Press"))
        _sub(item, "DATE", _stamp(e.date))
        _sub(item, "CODE", e.code or e.id)
        _sub(item, "FLAG", "1" if e.flagged else "0")
        values = []
        for h in case.hypotheses:
            value = e.ratings.get(h.id)
            if value is None:
                unrated += 1
                value = "NA"
            elif not isinstance(value, str):
                probability_cells += 1
                value = "NA"
            values.append({"CC": "C C", "II": "I I"}.get(value, value))
        _sub(item, "VALUES", ",".join(values))
        _sub(item, "CREDIBILITY", _CREDIBILITY_OUT[e.credibility])
        for key, value in case.provenance.items():
            if key.startswith(f"achz:{e.code or e.id}:"):
                item.append(_kept(value, shown, key))
    warnings = _warnings(case, probability_cells, unrated)
    xml = '<?xml version="1.0" encoding="UTF-16"?>\n' + ET.tostring(root, encoding="unicode")
    xml = xml.replace("\r", "&#13;")  # a bare carriage return would be read as a line feed
    write_atomic(target, gzip.compress(xml.encode("utf-16"), mtime=0))
    return target, warnings


def _warnings(case: Case, probability_cells: int, unrated: int) -> list[str]:
    """What the written .achz does not hold of ``case``, one sentence each."""
    warnings = []
    if probability_cells:
        warnings.append(
            f"{probability_cells} probability cells cannot be written to .achz: written as NA"
        )
    if unrated:
        warnings.append(f"{unrated} unrated cells are written as NA (.achz has no unrated cell)")
    if any(h.label != _label(h.statement) for h in case.hypotheses):
        warnings.append("hypothesis labels are not part of .achz: the full statements are written")
    if [h.id for h in case.hypotheses] != [f"H{j + 1}" for j in range(len(case.hypotheses))]:
        warnings.append("hypothesis ids are not part of .achz: read back as H1, H2, ...")
    if any(e.relevance != "M" for e in case.evidence):
        warnings.append("relevance is not part of the .achz format: not written")
    lost = sorted({e.type for e in case.evidence if e.type not in _TYPES_IN})
    if lost:
        warnings.append(
            f"evidence types {', '.join(lost)} are not PARC ACH types: written as the nearest "
            "(read back as report or assumption)"
        )
    if case.quantities:
        answers = sum(len(given) for given in case.quantity_estimates.values())
        warnings.append(
            f"{len(case.quantities)} quantities and the analysts' {answers} answers to them are "
            "not part of .achz: not written (sat export --to excalibur writes them)"
        )
    renamed = [e.id for e in case.evidence if e.code and e.code != e.id]
    if renamed:
        warnings.append(
            f"items {', '.join(renamed[:5])}{', ...' if len(renamed) > 5 else ''} have a code "
            "other than their id: .achz holds the code, read back as the id"
        )
    return warnings
