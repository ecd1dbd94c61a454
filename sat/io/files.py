"""Reading files safely: bounded size, no binary data, UTF-8 text. Every failure is a located problem."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sat.errors import CaseError, Problem

#: Largest case file read, in bytes.
MAX_BYTES = 64 * 1024 * 1024


def _problem(shown: str, message: str, line: int | None = None) -> CaseError:
    return CaseError([Problem(shown, line, "", message)])


def check_size(path: Path, shown: str, limit: int | None = None) -> int:
    """The file's size, or a ``CaseError`` if it cannot be read or is over the limit."""
    limit = MAX_BYTES if limit is None else limit
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _problem(shown, f"cannot read file: {exc.strerror or exc}") from None
    if size > limit:
        raise _problem(shown, f"file is {size:,} bytes; the limit is {limit:,}")
    return size


def read_text(path: Path, shown: str) -> str:
    """Read a text file as UTF-8, refusing binary data and oversized files."""
    check_size(path, shown)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _problem(shown, f"cannot read file: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _problem(shown, "this is a binary file, not a text case file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _problem(
            shown, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", line
        ) from None


def write_atomic(path: Path, data: str | bytes, *, exclusive: bool = False) -> None:
    """Write to ``path`` through a temporary file, flushed and renamed: never half-written.

    With ``exclusive`` the file is linked into place instead of renamed, which
    raises :class:`FileExistsError` if ``path`` exists, even one created a moment
    earlier by another process: nothing is ever overwritten.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            os.link(tmp, path)
        else:
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


#: The longest file name most file systems take (ext4, APFS, NTFS: 255).
NAME_MAX = 255


def temporary_prefix(path: Path) -> str:
    """The prefix of ``write_atomic``'s temporary files beside ``path``: the file's own name when it
    fits the file system's limit with room for the random part, else a short digest of it."""
    import hashlib

    if len(path.name.encode("utf-8")) + 24 <= NAME_MAX:
        return f".{path.name}."
    return f".sat-{hashlib.sha256(path.name.encode()).hexdigest()[:16]}."


def remove_stale_temporaries(path: Path, older_than: float = 60.0) -> list[Path]:
    """Remove temporary files an interrupted ``write_atomic`` of ``path`` left (older than a minute,
    so that a save in progress elsewhere is never touched); returns what was removed."""
    import time

    removed = []
    prefix = temporary_prefix(path)
    try:
        candidates = list(path.parent.iterdir())
    except OSError:
        return removed
    for candidate in candidates:
        name = candidate.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        try:
            if time.time() - candidate.lstat().st_mtime > older_than:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; give a new one the usual 0o666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
