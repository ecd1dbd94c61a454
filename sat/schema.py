"""The JSON Schema of the case file, generated from the model."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sat.case import Case

SCHEMA_ID = "https://github.com/sat-workbook/sat/data/schema/case.schema.json"


def case_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a YAML case file.

    Examples
    --------
    >>> schema = case_schema()
    >>> sorted(schema["required"])
    ['analysts', 'date', 'hypotheses', 'id', 'question', 'title']
    """
    schema = Case.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def case_schema_text() -> str:
    """The schema as the text committed in ``data/schema/case.schema.json``."""
    return json.dumps(case_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schema(
    path: str | os.PathLike[str] | None = None, *, check: bool = False
) -> tuple[Path, bool]:
    """Write the schema to ``path``, or with ``check`` only compare it with the file there.

    ``path`` defaults to ``data/schema/case.schema.json`` in a checkout of
    ``sat``, else ``case.schema.json`` here. Returns the path and whether the
    file there is current (always true after writing).
    """
    from sat.io.files import write_atomic
    from sat.paths import SCHEMA

    if path is None:
        path = SCHEMA if SCHEMA.parent.is_dir() else Path(SCHEMA.name)
    path, text = Path(path), case_schema_text()
    if check:
        return path, path.exists() and path.read_text(encoding="utf-8") == text
    write_atomic(path, text)
    return path, True
