"""JupyterLab settings for working on sat's own notebooks (``make lab``).

``strip_outputs`` is a Jupyter server pre-save hook: a notebook saved under the
project's ``notebooks/`` folder is written without outputs, execution counts or
widget state, so that working in the workbook never leaves ``git status``
showing a notebook as modified. Notebooks elsewhere (an analyst's own, written
by ``sat notebook``) are saved as they are.
"""

from __future__ import annotations

from typing import Any

__all__ = ["strip_outputs"]

#: The folder, relative to the server's root, whose notebooks are kept without outputs.
CLEAN_FOLDER = "notebooks/"


def strip_outputs(model: dict[str, Any], path: str, **_: Any) -> None:
    """Clear outputs, execution counts and widget state of a notebook in ``notebooks/`` before saving.

    Examples
    --------
    >>> model = {"type": "notebook", "content": {"metadata": {"widgets": {}}, "cells": [
    ...     {"cell_type": "code", "outputs": [{"text": "x"}], "execution_count": 3}]}}
    >>> strip_outputs(model, "notebooks/workbook.ipynb")
    >>> model["content"]
    {'metadata': {}, 'cells': [{'cell_type': 'code', 'outputs': [], 'execution_count': None}]}
    """
    if model.get("type") != "notebook" or not path.lstrip("/").startswith(CLEAN_FOLDER):
        return
    content = model.get("content") or {}
    content.get("metadata", {}).pop("widgets", None)
    for cell in content.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
