"""The one way ``sat`` touches an analyst's files: read bounded, write atomically, lock, never overwrite.

Every file ``sat`` reads or writes that an analyst keeps (a case, the register, a stored source,
an export, a brief's folder) goes through here, so the same promises hold everywhere
(docs/security.md lists them):

- only regular files are read or written: a FIFO, a device or a folder where a file belongs is
  refused in one line before a byte moves (a FIFO would hang a read, ``/dev/zero`` never end);
- reads stop at a limit while reading, never after (the file may grow while it is read);
- writes go to a temporary file beside the target, flushed and renamed, so a reader sees the old
  file or the new one, never half of one; a symbolic link is written through (its target is
  updated, the link kept); a full disk or a kill leaves the old file as it was;
- ``write_new`` never replaces anything (exclusive create, a numbered name on collision);
- ``locked`` holds a lock shared by every ``sat`` writer of a file (``filelock``: POSIX and
  Windows alike), so two read-modify-write cycles never interleave.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sat.errors import CaseError, Problem, UnsafeFileError

#: Largest case file read, in bytes.
MAX_BYTES = 64 * 1024 * 1024
#: Seconds ``locked`` waits for another ``sat`` writer of the same file before giving up.
LOCK_TIMEOUT = 60.0


def _problem(shown: str, message: str, line: int | None = None) -> CaseError:
    return CaseError([Problem(shown, line, "", message)])


def kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words (for messages).

    Examples
    --------
    >>> import stat
    >>> kind(stat.S_IFIFO), kind(stat.S_IFDIR), kind(stat.S_IFREG)
    ('a FIFO (named pipe)', 'a folder', 'a regular file')
    """
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_regular(path: Path) -> str | None:
    """Why ``path`` (links followed) cannot be read or replaced as a file, or None when it is a
    regular file or does not exist. Looks without opening, so a FIFO never blocks."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return None if stat.S_ISREG(mode) else f"is {kind(mode)}, not a regular file"


def check_size(path: Path, shown: str, limit: int | None = None) -> int:
    """The size of a regular file, or a ``CaseError`` if it cannot be read, is not a regular file
    (a FIFO, a device, a folder) or is over the limit."""
    limit = MAX_BYTES if limit is None else limit
    try:
        info = path.stat()
    except OSError as exc:
        raise _problem(shown, f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _problem(shown, f"the file is {kind(info.st_mode)}; give a regular file")
    if info.st_size > limit:
        raise _problem(shown, f"file is {info.st_size:,} bytes; the limit is {limit:,}")
    return info.st_size


def read_bytes(path: Path, shown: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file, read up to ``limit`` (a file that grows past it while read is
    refused at the limit, not after)."""
    limit = MAX_BYTES if limit is None else limit
    check_size(path, shown, limit)
    chunks, total = [], 0
    try:
        with open(path, "rb") as handle:
            while total <= limit:  # in chunks: memory follows the file, not the limit
                chunk = handle.read(min(1 << 20, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except OSError as exc:
        raise _problem(shown, f"cannot read file: {exc.strerror or exc}") from None
    data = b"".join(chunks)
    if len(data) > limit:
        raise _problem(shown, f"file is over the limit of {limit:,} bytes")
    return data


def read_text(path: Path, shown: str, limit: int | None = None) -> str:
    """Read a text file as UTF-8, refusing binary data, non-regular and oversized files."""
    data = read_bytes(path, shown, limit)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _problem(shown, "this is a binary file, not a text case file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _problem(
            shown, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", line
        ) from None


def writable_target(path: Path) -> Path:
    """The file a write of ``path`` replaces: a symbolic link's target (written through, the link
    kept), else ``path``. ``UnsafeFileError`` when that is a folder, a FIFO or a device."""
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    why = not_regular(real)
    if why is not None:
        raise UnsafeFileError(f"{path}: {why}; sat writes only regular files")
    return real


def write_atomic(
    path: Path, data: str | bytes, *, exclusive: bool = False, through_links: bool = True
) -> None:
    """Write to ``path`` through a temporary file, flushed and renamed: never half-written.

    A symbolic link is written through (the file it points at is replaced, the link kept), unless
    ``through_links`` is False (a file ``sat`` makes for itself, such as a backup: a link planted
    there is replaced, never followed). A folder, FIFO or device at ``path`` is refused
    (``UnsafeFileError``) before anything is written. With ``exclusive`` the name is created
    exclusively before the file is renamed onto it, which raises :class:`FileExistsError` if
    ``path`` exists, even one created a moment earlier by another process: nothing is ever
    overwritten.
    """
    path = Path(path)
    if exclusive or not through_links:  # the name itself: a link there is replaced, not followed
        target = path
        why = None if path.is_symlink() else not_regular(path)
        if why is not None and not exclusive:
            raise UnsafeFileError(f"{path}: {why}; sat writes only regular files")
    else:
        target = writable_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=temporary_prefix(target), suffix=".tmp", dir=target.parent
        )
    except OSError as exc:  # named by the file asked for, not a temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        os.chmod(tmp, _file_mode(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:  # claim the name first (fails if taken), then put the whole file there;
            # no hard link, so FAT, exFAT and network folders work too
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            try:
                os.replace(tmp, target)
            except OSError:
                Path(target).unlink(missing_ok=True)  # the empty name this call made
                raise
        else:
            os.replace(tmp, target)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def numbered(path: Path, n: int) -> Path:
    """The ``n``-th name tried for a new file: ``path`` itself, then ``name-2.ext``, ``name-3.ext``.

    Examples
    --------
    >>> numbered(Path("S2-press.txt"), 1).name, numbered(Path("S2-press.txt"), 3).name
    ('S2-press.txt', 'S2-press-3.txt')
    """
    return path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")


def write_new(path: Path, data: str | bytes, *, attempts: int = 1000) -> Path:
    """Write a file that did not exist: ``path``, or the first free numbered name beside it
    (``name-2.ext``, ...). Never replaces a file, even one created a moment earlier by another
    process. Returns the path written."""
    for n in range(1, attempts + 1):
        candidate = numbered(Path(path), n)
        try:
            write_atomic(candidate, data, exclusive=True)
        except FileExistsError:
            continue
        return candidate
    raise UnsafeFileError(f"{path}: {attempts} files of that name exist already; tidy the folder")


def lock_path(path: Path) -> Path:
    """The lock file every ``sat`` writer of ``path`` holds (hidden, beside the real file)."""
    real = Path(os.path.realpath(path))
    return real.with_name(temporary_prefix(real) + "lock")


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock shared by every ``sat`` writer of ``path`` (links followed, so two names of
    one file share one lock) for a read-modify-write cycle.

    Raises
    ------
    UnsafeFileError
        When another ``sat`` process holds the lock for longer than ``timeout`` seconds.
    """
    from filelock import FileLock, Timeout

    why = not_regular(Path(path))
    if why is not None:  # never a lock file beside a device (/dev/.zero.lock)
        raise UnsafeFileError(f"{path}: {why}; sat writes only regular files")
    where = lock_path(path)
    lock = FileLock(str(where), timeout=timeout, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise UnsafeFileError(
            f"{path}: another sat process has held it for {timeout:.0f} s; try again when it ends"
        ) from None
    except OSError as exc:  # a lock file that is a link (never followed), or not writable
        raise UnsafeFileError(
            f"{where}: sat's lock for {Path(path).name} is a symbolic link, never followed; "
            "remove it and try again"
            if where.is_symlink()
            else f"{where}: cannot lock {Path(path).name} ({exc.strerror or exc})"
        ) from None
    try:
        yield
    finally:
        lock.release()


#: The longest file name most file systems take (ext4, APFS, NTFS: 255).
NAME_MAX = 255


def temporary_prefix(path: Path) -> str:
    """The prefix of ``write_atomic``'s temporary files beside ``path``: the file's own name when it
    fits the file system's limit with room for the random part, else a short digest of it."""
    import hashlib

    name = os.fsencode(path.name)  # a name that is not UTF-8 (undecodable bytes) too
    if len(name) + 24 <= NAME_MAX:
        return f".{path.name}."
    return f".sat-{hashlib.sha256(name).hexdigest()[:16]}."


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
