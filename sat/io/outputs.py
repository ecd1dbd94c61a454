"""Output folders that are ``sat``'s alone to replace: a run's files beside whatever else is there.

A brief's folder (``sat report -o DIR``, each folder of ``sat batch``) may be new, or a folder
of the analyst's own (``-o .`` beside the case file). The rules:

- ``sat`` keeps a list of the files it wrote in a folder (:data:`MARKER`, a small JSON file); those,
  and only those, are its own. A run may replace or remove its own earlier files; any other file
  is the analyst's, never touched. A run whose file names would replace a file that is not
  ``sat``'s is refused before anything is written (``UnsafeFileError``, one line).
- A run writes into a hidden staging folder inside the target (same file system, so moving is a
  rename), and :func:`publish` moves the files into place only when the run succeeded. A run that
  fails, is killed or meets a full disk leaves the previous good output where it was; a failed
  run's notebook is published under its own name beside it.
- Staging folders left by a killed run are cleared by the next run (only ``sat``'s, by name and
  age, never anything else).

The marker lists every name ``sat`` may have written before it moves a file, so an interrupted
publish never leaves a file of ``sat``'s that the next run would not recognise.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from sat.errors import UnsafeFileError
from sat.io.files import locked, not_regular, write_atomic

__all__ = [
    "MARKER",
    "adopt",
    "claim",
    "discard",
    "latest_staging",
    "owned",
    "publish",
    "staging",
    "write_owned",
]

#: The list of files ``sat`` wrote in an output folder (hidden, JSON).
MARKER = ".sat-output.json"
#: Prefix of the staging folders runs write into (hidden, inside the output folder).
STAGING = ".sat-run-"
#: The file that marks a staging folder as sat's (a folder of the analyst's named alike is kept).
STAMP = ".sat-staging"
#: A staging folder older than this (seconds) belongs to a run that was killed.
STALE_AFTER = 3600.0


#: What versions of ``sat`` before the marker wrote in a brief's folder, beside its ``brief.html``.
LEGACY_BRIEF = ("brief.html", "brief.pdf", "brief.ipynb", "summary.json", "matrix.csv")
_SAT_PAGE = re.compile(rb'<meta name="generator" content="sat [0-9]|&middot; sat [0-9][^<]*</p>')


def _sat_page(path: Path) -> bool:
    """Whether ``path`` is a page an earlier ``sat`` wrote (its generator tag or index footer)."""
    if path.is_symlink() or not_regular(path) is not None or not path.exists():
        return False
    try:
        with open(path, "rb") as handle:
            return bool(_SAT_PAGE.search(handle.read(1 << 20)))
    except OSError:
        return False


def _legacy(folder: Path) -> frozenset[str]:
    """Files an earlier ``sat`` wrote in a folder that has no marker yet: a brief's folder (its
    ``brief.html`` carries sat's generator tag) or a batch's ``index.html``; adopted as sat's so
    that upgrading never blocks ``make report``."""
    found = set()
    if _sat_page(folder / "brief.html"):
        found |= {
            n for n in LEGACY_BRIEF if (folder / n).exists() and not (folder / n).is_symlink()
        }
    if _sat_page(folder / "index.html"):
        found.add("index.html")
    return frozenset(found)


def _records(folder: Path) -> dict[str, list[int] | None] | None:
    """The marker's entries, name -> [size, mtime_ns] when sat wrote it (None while a write is in
    progress); None when the folder has no marker; empty when the marker is not sat's."""
    marker = Path(folder) / MARKER
    if not marker.exists() and not marker.is_symlink():
        return None
    if marker.is_symlink() or not_regular(marker) is not None:
        return {}
    try:
        with open(marker, "rb") as handle:
            data = json.loads(handle.read(1024 * 1024))
        files = data["files"] if data.get("written_by") == "sat" else []
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    if isinstance(files, list):
        files = dict.fromkeys(files)
    if not isinstance(files, dict):
        return {}
    return {
        name: rec if _is_stamp(rec) else None
        for name, rec in files.items()
        if isinstance(name, str) and _plain_name(name)
    }


def _is_stamp(rec: object) -> bool:
    return isinstance(rec, list) and len(rec) == 2 and all(isinstance(v, int) for v in rec)


def _stamp(path: Path) -> list[int]:
    """What identifies the file sat wrote: its size and modification time (nanoseconds)."""
    info = path.lstat()
    return [info.st_size, info.st_mtime_ns]


def _unchanged(path: Path, rec: list[int] | None) -> bool:
    """Whether ``path`` is still the file sat wrote (or gone): a file put in its place since,
    under the same name, is the analyst's."""
    if rec is None or (not path.exists() and not path.is_symlink()):
        return True
    try:
        return _stamp(path) == rec
    except OSError:
        return False


def owned(folder: Path) -> frozenset[str]:
    """The names of the files ``sat`` wrote in ``folder`` and that are still as it wrote them:
    those its marker lists, or, in a folder with no marker, what an earlier ``sat`` recognisably
    wrote there (``_legacy``)."""
    records = _records(Path(folder))
    if records is None:
        return _legacy(Path(folder))
    return frozenset(n for n, rec in records.items() if _unchanged(Path(folder) / n, rec))


def _plain_name(name: str) -> bool:
    return name not in ("", ".", "..", MARKER) and "/" not in name and "\\" not in name


def claim(folder: Path, names: Iterable[str]) -> None:
    """Make sure a run may write ``names`` into ``folder`` (created when missing).

    Raises
    ------
    UnsafeFileError
        When ``folder`` is not a folder, or one of ``names`` is there and ``sat`` did not write
        it (nothing is written, nothing removed).
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UnsafeFileError(f"{folder}: is a file, not a folder; give a folder for the output")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnsafeFileError(
            f"{folder}: cannot create the folder ({exc.strerror or exc})"
        ) from None
    why = "is a symbolic link" if (folder / MARKER).is_symlink() else not_regular(folder / MARKER)
    if why is not None:
        raise UnsafeFileError(f"{folder / MARKER}: {why}; sat keeps its list of outputs there")
    mine = owned(folder)
    for name in names:
        path = folder / name
        if (path.exists() or path.is_symlink()) and name not in mine:
            raise UnsafeFileError(
                f"{path}: exists and was not written by sat; sat never replaces a file it did "
                "not create: move it, or write the output to another folder (-o)"
            )


def staging(folder: Path) -> Path:
    """A new, empty staging folder for one run inside ``folder`` (stale ones of killed runs cleared)."""
    folder = Path(folder)
    for stale in folder.glob(f"{STAGING}*"):
        with contextlib.suppress(OSError):
            if (
                stale.is_dir()
                and not stale.is_symlink()
                and (stale / STAMP).is_file()  # sat's own, never a folder of that name
                and time.time() - stale.stat().st_mtime > STALE_AFTER
            ):
                shutil.rmtree(stale)
    work = Path(tempfile.mkdtemp(prefix=STAGING, dir=folder))
    (work / STAMP).touch()
    return work


def latest_staging(folder: Path) -> Path | None:
    """The most recent staging folder in ``folder`` (a run that was killed leaves one), if any."""
    runs = [
        p
        for p in Path(folder).glob(f"{STAGING}*")
        if p.is_dir() and not p.is_symlink() and (p / STAMP).is_file()
    ]
    return max(runs, key=lambda p: p.stat().st_mtime) if runs else None


def _write_marker(folder: Path, entries: dict[str, list[int] | None]) -> None:
    data = {"written_by": "sat", "files": dict(sorted(entries.items()))}
    write_atomic(folder / MARKER, json.dumps(data, indent=1) + "\n", through_links=False)


def _kept(folder: Path, names: Iterable[str]) -> dict[str, list[int] | None]:
    """The marker's entries of ``names`` as they are."""
    records = _records(folder) or {}
    return {n: records.get(n) for n in names}


def publish(
    work: Path,
    folder: Path,
    names: Iterable[str] | None = None,
    *,
    complete: bool,
    removable: Iterable[str] = (),
) -> None:
    """Move a run's files from its staging folder into ``folder``.

    Parameters
    ----------
    work : Path
        The staging folder the run wrote into (made by :func:`staging`).
    folder : Path
        The output folder.
    names : iterable of str, optional
        The files to move (default: every file in ``work``).
    complete : bool
        True for a run that succeeded: ``sat``'s earlier files that this run did not write (a
        ``brief.pdf`` of a run with ``--pdf``, an earlier failure's notebook) are removed, so
        the folder holds one run's output. False for a failed run: its files are added and
        everything else kept (the last good output stays).
    removable : iterable of str
        The only names a complete run may remove (the files such a run writes), so that a
        marker listing other names (copied in, or forged) can never remove an analyst's file.

    Raises
    ------
    UnsafeFileError
        When a file that is not ``sat``'s appeared under one of the names since :func:`claim`.
    """
    folder = Path(folder)
    moving = sorted(names) if names is not None else sorted(p.name for p in work.iterdir())
    moving = [n for n in moving if (work / n).is_file() and _plain_name(n) and n != STAMP]
    with locked(folder / MARKER):  # one run at a time updates the folder's list
        before = owned(folder)
        claim(folder, moving)  # again: a file may have appeared while the run worked
        for name in moving:  # every name checked before the first move: all or nothing
            path = folder / name
            why = None if path.is_symlink() else not_regular(path)
            if why is not None:
                raise UnsafeFileError(f"{path}: {why}; sat writes its outputs as regular files")
        earlier = _kept(folder, before)
        _write_marker(folder, {**earlier, **dict.fromkeys(moving)})  # first: every name listed
        for name in moving:
            os.replace(work / name, folder / name)
        written = {n: _stamp(folder / n) for n in moving}
        if not complete:
            _write_marker(folder, {**earlier, **written})
            return
        for name in (before & set(removable)) - set(moving):
            path = folder / name
            if path.is_symlink() or not_regular(path) is None:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
        left = {n: rec for n, rec in earlier.items() if n not in set(removable)}
        _write_marker(folder, {**left, **written})


def write_owned(folder: Path, name: str, data: str | bytes) -> Path:
    """Write one file of ``sat``'s into ``folder`` (an index page, say): refused when a file that
    is not ``sat``'s has that name; listed in the marker before it is written."""
    folder = Path(folder)
    claim(folder, [name])
    adopt(folder, name)  # listed first: a write cut short never leaves a file sat disowns
    write_atomic(folder / name, data)
    with locked(folder / MARKER):  # then what it wrote, so a file put there later is not sat's
        _write_marker(folder, {**_kept(folder, owned(folder)), name: _stamp(folder / name)})
    return folder / name


def adopt(folder: Path, name: str) -> None:
    """List ``name`` in ``folder`` as sat's own before sat writes it; refused (``UnsafeFileError``)
    when a file of that name is there that sat did not write."""
    folder = Path(folder)
    if (folder / name).is_symlink():  # never written through, wherever it points
        raise UnsafeFileError(
            f"{folder / name}: is a symbolic link; sat writes its outputs as regular files"
        )
    claim(folder, [name])  # before the lock: no lock file beside a file sat may not touch
    with locked(folder / MARKER):
        claim(folder, [name])
        mine = owned(folder)
        if name not in mine:
            _write_marker(folder, {**_kept(folder, mine), name: None})


def discard(work: Path) -> None:
    """Remove a staging folder (what a run wrote and did not publish)."""
    shutil.rmtree(work, ignore_errors=True)
