"""Versions of a case: a file, or the file as it was at a git revision (``path@rev``).

The analytic diff (``sat.diff.run``) compares two versions; this module
reads them. All git access in ``sat`` is here.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from sat.case import Case
from sat.errors import CaseError, Problem

__all__ = ["absolute_version", "load_version", "split_version"]


def split_version(spec: str | os.PathLike[str]) -> tuple[str, str | None]:
    """A version spec as (path, git revision or None): ``x.yaml@HEAD~1`` -> ("x.yaml", "HEAD~1").

    Examples
    --------
    >>> split_version("cases/x.yaml@HEAD~1"), split_version("cases/x.yaml")
    (('cases/x.yaml', 'HEAD~1'), ('cases/x.yaml', None))
    """
    text = os.fspath(spec)
    if Path(text).exists() or "@" not in text:
        return text, None
    path, rev = text.rsplit("@", 1)
    return path, rev


def absolute_version(spec: str | os.PathLike[str]) -> str:
    """The same version spec with its path made absolute (for code running in another folder)."""
    path, rev = split_version(spec)
    return str(Path(path).resolve()) + (f"@{rev}" if rev is not None else "")


def load_version(spec: str | os.PathLike[str]) -> Case:
    """Load a case from a path, or from ``path@rev`` (the file at a git revision)."""
    from sat.io import load_case

    text = os.fspath(spec)
    path, rev = split_version(text)
    if rev is None:
        return load_case(path)
    if not rev or rev.startswith("-"):  # never an option to git (--output=...)
        raise CaseError(
            [
                Problem(
                    text, None, "", f"'{rev}' is not a git revision (HEAD, HEAD~1, a tag, a hash)"
                )
            ]
        )
    file = Path(path).resolve()

    def git(*arguments: str) -> bytes:
        try:
            done = subprocess.run(["git", *arguments], capture_output=True, check=False)
        except FileNotFoundError:
            raise CaseError(
                [Problem(text, None, "", "cannot read a git revision: git is not installed")]
            ) from None
        if done.returncode != 0:
            said = done.stderr.decode(errors="replace").strip().splitlines()
            reason = said[-1] if said else f"git exited with {done.returncode}"
            if "not a git repository" in reason:
                reason = f"{file.parent} is not in a git repository; give two files instead"
            raise CaseError([Problem(text, None, "", f"cannot read it from git: {reason}")])
        return done.stdout

    if not file.parent.is_dir():
        raise CaseError([Problem(text, None, "", f"the folder {file.parent} does not exist")])
    top = Path(git("-C", str(file.parent), "rev-parse", "--show-toplevel").decode().strip())
    try:
        relative = file.relative_to(top.resolve()).as_posix()
    except ValueError:
        raise CaseError(
            [Problem(text, None, "", f"the file is not inside the git repository at {top}")]
        ) from None
    content = git("-C", str(top), "show", f"{rev}:{relative}")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / file.name
        copy.write_bytes(content)
        try:
            return load_case(copy)
        except CaseError as exc:
            raise CaseError([replace(p, file=text) for p in exc.problems]) from None
