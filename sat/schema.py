"""The JSON Schema of the case file, generated from the model."""

from __future__ import annotations

import json

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
