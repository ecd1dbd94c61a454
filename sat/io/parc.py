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
back on export. Reading is bounded: compressed size, unpacked size and XML
without document type declarations (no entity expansion).
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from sat.case import Case
from sat.errors import CaseError, Problem
from sat.io.files import check_size

#: Largest unpacked .achz read, in bytes.
MAX_UNPACKED = 128 * 1024 * 1024

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
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
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


def _text(element: ET.Element | None) -> str:
    return "" if element is None or element.text is None else element.text.strip()


def _label(name: str, limit: int = 60) -> str:
    """A short label for tables from a hypothesis's full name."""
    return name if len(name) <= limit else name[: limit - 1].rsplit(" ", 1)[0] + "…"


def read_achz(path: Path, shown: str, remarks: list[Problem] | None = None) -> Case:
    """Read a PARC ACH ``.achz`` file into a case (see the module docstring).

    ``remarks`` receives the loader's notes (see ``sat.io.load_case``).
    """
    from sat.io.validate import build_case

    text = _unpack(path, shown)
    if re.search(r"<!\s*(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise CaseError(
            [Problem(shown, None, "", "XML with a document type declaration is refused (entities)")]
        )
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise CaseError(
            [Problem(shown, line, "", f"XML syntax: {exc.msg if hasattr(exc, 'msg') else exc}")]
        ) from None
    matrix = root.find("MATRIX")
    if matrix is None:
        raise CaseError([Problem(shown, None, "", "no MATRIX element: not a PARC ACH project")])
    provenance: dict[str, str] = {"achz:root": root.tag}
    for child in root:
        if child.tag not in _KNOWN_TOP:
            provenance[f"achz:{child.tag}"] = ET.tostring(child, encoding="unicode")
    classification = _text(root.find("CLASSIFICATION"))
    if classification:
        provenance["achz:CLASSIFICATION"] = classification
    names = [_text(h.find("NAME")) for h in matrix.findall("HYPOTHESIS")]
    hypotheses = [
        {"id": f"H{j + 1}", "label": _label(name) or f"H{j + 1}", "statement": name or f"H{j + 1}"}
        for j, name in enumerate(names)
    ]
    evidence = []
    problems = []
    for i, item in enumerate(matrix.findall("EVIDENCE")):
        code = _text(item.find("CODE"))
        ident = code if _ID.match(code or "") else f"E{i + 1}"
        values = (
            [v.strip() for v in _text(item.find("VALUES")).split(",")]
            if _text(item.find("VALUES"))
            else []
        )
        if values and len(values) != len(names):
            problems.append(
                Problem(
                    shown,
                    None,
                    f"evidence[{i}].ratings",
                    f"{len(values)} ratings for {len(names)} hypotheses in '{_text(item.find('NAME'))[:40]}'",
                )
            )
        record: dict[str, Any] = {
            "id": ident,
            "summary": _text(item.find("NAME")) or f"(untitled item {i + 1})",
            "ratings": {f"H{j + 1}": v for j, v in enumerate(values[: len(names)]) if v},
            "type": _TYPES_IN.get(_text(item.find("TYPE")).lower(), "other"),
        }
        if code:
            record["code"] = code
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
        credibility = _text(item.find("CREDIBILITY")).upper()
        if credibility in _CREDIBILITY_IN:
            record["credibility"] = _CREDIBILITY_IN[credibility]
        milliseconds = _text(item.find("DATE"))
        if milliseconds and milliseconds not in ("0", ""):
            try:
                record["date"] = dt.datetime.fromtimestamp(int(milliseconds) / 1000, dt.UTC).date()
            except (ValueError, OverflowError, OSError):
                problems.append(
                    Problem(
                        shown,
                        None,
                        f"evidence[{i}].date",
                        f"'{milliseconds}' is not a date in epoch milliseconds",
                    )
                )
        record["flagged"] = _text(item.find("FLAG")) == "1"
        unknown = [child.tag for child in item if child.tag not in _KNOWN_EVIDENCE]
        for tag in unknown:
            provenance[f"achz:{ident}:{tag}"] = ET.tostring(item.find(tag), encoding="unicode")
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


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def write_achz(case: Case, path: str | Path) -> tuple[Path, list[str]]:
    """Write a case as a PARC ACH ``.achz`` file; returns the path and warnings (what the format cannot hold)."""
    from sat.io.files import write_atomic

    warnings = []
    root = ET.Element(case.provenance.get("achz:root", "ACH"))
    _sub(root, "PROJECT-TITLE", case.title)
    _sub(root, "CLASSIFICATION", case.provenance.get("achz:CLASSIFICATION", "U"))
    for key, value in case.provenance.items():
        if (
            key.count(":") == 1
            and key not in ("achz:root", "achz:CLASSIFICATION")
            and key.startswith("achz:")
        ):
            root.append(ET.fromstring(value))
    matrix = ET.SubElement(root, "MATRIX")
    for h in case.hypotheses:
        _sub(
            ET.SubElement(matrix, "HYPOTHESIS"),
            "NAME",
            h.statement if h.label == h.statement else h.label,
        )
    probability_cells = 0
    for e in case.evidence:
        item = ET.SubElement(matrix, "EVIDENCE")
        _sub(item, "NAME", e.summary)
        _sub(item, "NOTES", e.notes or "")
        _sub(item, "LINK", e.link or "")
        _sub(item, "TYPE", _TYPES_OUT.get(e.type, "Open Source/OSINT/Press"))
        stamp = dt.datetime.combine(e.date, dt.time(), dt.UTC).timestamp() * 1000 if e.date else 0
        _sub(item, "DATE", str(int(stamp)))
        _sub(item, "CODE", e.code or e.id)
        _sub(item, "FLAG", "1" if e.flagged else "0")
        values = []
        for h in case.hypotheses:
            value = e.rating(h.id)
            if not isinstance(value, str):
                probability_cells += 1
                value = "NA"
            values.append({"CC": "C C", "II": "I I"}.get(value, value))
        _sub(item, "VALUES", ",".join(values))
        _sub(item, "CREDIBILITY", _CREDIBILITY_OUT[e.credibility])
        for key, value in case.provenance.items():
            if key.startswith(f"achz:{e.code or e.id}:"):
                item.append(ET.fromstring(value))
    if probability_cells:
        warnings.append(
            f"{probability_cells} probability cells cannot be written to .achz: written as NA"
        )
    if any(h.label != _label(h.statement) for h in case.hypotheses):
        warnings.append("hypothesis labels are not part of .achz: the full statements are written")
    if any(e.relevance != "M" for e in case.evidence):
        warnings.append("relevance is not part of the .achz format: not written")
    xml = '<?xml version="1.0" encoding="UTF-16"?>\n' + ET.tostring(root, encoding="unicode")
    target = Path(path)
    write_atomic(target, gzip.compress(xml.encode("utf-16"), mtime=0))
    return target, warnings
