"""A case's quantities to and from Excalibur's study files (``NAME.dtt`` and ``NAME.rls``).

Export (``sat export CASE --to excalibur``) writes each analyst's latest answer to each quantity
(as ``sat experts`` weighs them: ``sat.models.panel.study_of``); a four-point answer
is written as the quantiles it is widened to. An item's id is the quantity's ``label`` when that
is a valid Excalibur item id (at most 14 characters, no spaces), else the quantity's id. An
expert's id is the analyst's name when it is a valid one (at most 8 characters, no spaces), else
the name without its spaces when that fits and no other analyst has it, else ``E`` and the
analyst's number in the file; every renamed analyst is said in a note.

Import (``sat quantities CASE --import STUDY.dtt``) adds a study to a case that has no
quantities: its quantiles, its items as quantities ``Q1``, ``Q2``, ... (``label`` the item id,
the realisation of a seed), its experts as analysts, and their answers as round-1 quantiles,
through the safe save of ``sat.io.document.CaseDocument`` (comments kept, ``.bak`` beside).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sat.case import Case
from sat.errors import UsageError
from sat.io.excalibur import EXPERT_ID_WIDTH, ITEM_ID_WIDTH, dumps, read_study, written
from sat.models.study import Study

__all__ = ["Imported", "expert_ids", "export_study", "import_study", "study_to_export"]


def _fits(name: str, width: int) -> bool:
    return 0 < len(name) <= width and name.isprintable() and " " not in name


def expert_ids(names: Sequence[str]) -> dict[str, str]:
    """Each analyst's Excalibur expert id (see the module docstring), unique and deterministic.

    Examples
    --------
    >>> expert_ids(["Ana", "Analyst A", "Analyst Bernadette", "AnalystA"])
    {'Ana': 'Ana', 'Analyst A': 'E2', 'Analyst Bernadette': 'E3', 'AnalystA': 'AnalystA'}
    >>> expert_ids(["Analyst A", "Analyst B"])
    {'Analyst A': 'AnalystA', 'Analyst B': 'AnalystB'}
    """
    out = {n: n for n in names if _fits(n, EXPERT_ID_WIDTH)}
    taken = set(out)
    for n, name in enumerate(names, start=1):
        if name in out:
            continue
        squeezed = "".join(name.split())
        if _fits(squeezed, EXPERT_ID_WIDTH) and squeezed not in taken and squeezed not in names:
            out[name] = squeezed
        else:
            k, ident = n, f"E{n}"
            while ident in taken or ident in names:
                k += len(names)
                ident = f"E{k}"
            out[name] = ident
        taken.add(out[name])
    return {name: out[name] for name in names}


def study_to_export(case: Case) -> tuple[Study, list[str]]:
    """The study ``export_study`` writes for ``case``, and what it says about it (one sentence
    each: the analysts renamed, the four-point answers widened)."""
    from sat.errors import AnalysisError
    from sat.models.panel import study_of

    try:
        study = study_of(case)
    except AnalysisError as exc:
        raise AnalysisError(f"nothing to export as an Excalibur study: {exc}") from None
    items = tuple(
        replace(item, id=q.label if q.label and _fits(q.label, ITEM_ID_WIDTH) else q.id)
        for item, q in zip(study.items, case.quantities, strict=True)
    )
    if len({i.id for i in items}) < len(items):  # two labels alike: the ids, which are unique
        items = study.items
    ids = expert_ids(study.experts)
    notes = [
        f"analyst '{name}' is expert '{ident}' in the study (Excalibur's expert ids are at most "
        f"{EXPERT_ID_WIDTH} characters, without spaces)"
        for name, ident in ids.items()
        if name != ident
    ]
    latest = {
        name: {
            q: max(a.round for a in given if a.quantity == q) for q in {a.quantity for a in given}
        }
        for name, given in case.quantity_estimates.items()
    }
    widened = sum(
        1
        for name, given in case.quantity_estimates.items()
        for a in given
        if a.four_point and a.round == latest[name][a.quantity]
    )
    if widened:
        notes.append(
            f"{widened} four-point answer{'s are' if widened != 1 else ' is'} written as the "
            f"quantiles {'they are' if widened != 1 else 'it is'} widened to (the answers as "
            "given stay in the case)"
        )
    rounded = sum(
        1
        for row in study.answers
        for answer in row
        if answer is not None and any(written(v) != v for v in answer)
    ) + sum(
        1
        for i in study.items
        if i.realization is not None and written(i.realization) != i.realization
    )
    if rounded:
        notes.append(
            f"{rounded} answer{'s' if rounded != 1 else ''} or true value"
            f"{'s' if rounded != 1 else ''} written to the seven significant digits Excalibur's "
            "columns hold (six below 0), not exactly (the case keeps them as they are)"
        )
    return replace(study, items=items, experts=tuple(ids[e] for e in study.experts)), notes


def export_study(case: Case, target: str | os.PathLike[str]) -> tuple[tuple[Path, Path], list[str]]:
    """Write ``case``'s quantities as ``target`` (``NAME.dtt``) and ``NAME.rls`` beside it.

    Both files are written aside first and moved in together; neither replaces a file ``sat``
    did not write (``sat.io.outputs``), and a refused export writes nothing.

    Returns
    -------
    tuple
        The two paths written, and the notes of :func:`study_to_export`.

    Raises
    ------
    AnalysisError
        When the case has no quantities or no answers.
    CaseError
        When a question or a value does not fit the files.
    UnsafeFileError
        When either file is there and ``sat`` did not write it.
    """
    from sat.io import outputs

    dtt = Path(target)
    if dtt.suffix != ".dtt":
        dtt = dtt.with_name(dtt.name + ".dtt")
    rls = dtt.with_suffix(".rls")
    folder, names = dtt.parent, [dtt.name, rls.name]
    outputs.claim(folder, names)  # a file of another's there: refused before any work
    study, notes = study_to_export(case)
    texts = dumps(study, str(dtt))
    work = outputs.staging(folder)
    try:
        for name, text in zip(names, texts, strict=True):
            (work / name).write_text(text, encoding="utf-8", newline="\n")
        outputs.publish(work, folder, names, complete=False)
    finally:
        outputs.discard(work)
    return (dtt, rls), notes


@dataclass(frozen=True)
class Imported:
    """What :func:`import_study` added: the quantities, seeds and analysts, and the backup."""

    quantities: int
    seeds: int
    analysts: tuple[str, ...]
    new_analysts: tuple[str, ...]
    answers: int
    backup: Path | None


def import_study(case_path: str | os.PathLike[str], study_path: str | os.PathLike[str]) -> Imported:
    """Add the Excalibur study ``study_path`` (the ``.dtt``, the ``.rls`` beside it) to the case
    file ``case_path``, saved safely (see the module docstring).

    Raises
    ------
    UsageError
        When the case is not a YAML file, already has quantities or answers to them, or sets
        other quantiles than the study's.
    CaseError
        When the study's files have problems (every one, located).
    """
    from sat.io.document import CaseDocument

    if Path(case_path).suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(
            f"{case_path}: import into a case file in YAML (.yaml or .yml), which holds quantities"
        )
    study = read_study(Path(study_path).with_suffix(".dtt"))
    doc = CaseDocument(case_path)
    case = doc.case
    if case.quantities or case.quantity_estimates:
        raise UsageError(
            f"{case_path}: already has quantities; import a study into a case without "
            "`quantities:` (a copy of it, or a new case: sat new)"
        )
    if "quantiles" in case.model_fields_set and tuple(case.quantiles) != study.probabilities:
        raise UsageError(
            f"{case_path}: its quantiles ({_percents(case.quantiles)}) are not the study's "
            f"({_percents(study.probabilities)}): remove `quantiles:` or give the study's"
        )
    quantities = [
        {
            "id": f"Q{k}",
            "label": item.id,
            "question": item.question or f"Item {item.id} of {Path(study_path).name}",
            **({"scale": "log"} if item.scale == "log" else {}),
            **({"realization": {"value": item.realization}} if item.seed else {}),
        }
        for k, item in enumerate(study.items, start=1)
    ]
    answers = {
        expert: [
            {"quantity": f"Q{k}", "round": 1, "values": list(answer)}
            for k, answer in enumerate(row, start=1)
            if answer is not None
        ]
        for expert, row in zip(study.experts, study.answers, strict=True)
    }
    same = tuple(case.quantiles) == study.probabilities
    doc.add_quantities(None if same else list(study.probabilities), quantities, answers)
    doc.save()
    return Imported(
        quantities=len(study.items),
        seeds=len(study.seeds),
        analysts=study.experts,
        new_analysts=tuple(e for e in study.experts if e not in case.analysts),
        answers=sum(len(a) for a in answers.values()),
        backup=doc.backup,
    )


def _percents(values: Sequence[float]) -> str:
    return ", ".join(f"{v * 100:g}%" for v in values)
