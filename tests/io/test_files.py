"""The one file layer: regular files only, bounded reads, atomic writes, locks, never-overwrite."""

import os

import pytest

from sat.errors import CaseError, UnsafeFileError
from sat.io import files


def test_a_lock_file_planted_as_a_link_is_never_followed(tmp_path):
    target = tmp_path / "register.csv"
    target.write_text("id\n")
    victim = tmp_path / "victim"
    files.lock_path(target).symlink_to(victim)
    with (
        pytest.raises(UnsafeFileError, match="symbolic link, never followed"),
        files.locked(target),
    ):
        pass
    assert not victim.exists()


def test_write_new_never_replaces_and_numbers_a_taken_name(tmp_path):
    first = files.write_new(tmp_path / "S2-press.txt", "one")
    second = files.write_new(tmp_path / "S2-press.txt", "two")
    assert (first.name, second.name) == ("S2-press.txt", "S2-press-2.txt")
    assert first.read_text() == "one" and second.read_text() == "two"


def test_write_atomic_writes_through_a_link_and_refuses_a_fifo(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    files.write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeFileError, match="FIFO"):
        files.write_atomic(fifo, "x")


def test_a_read_stops_at_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    assert len(files.read_bytes(big, "big.txt", limit=5000)) == 5000
    with pytest.raises(CaseError, match="the limit is 4,999"):
        files.read_bytes(big, "big.txt", limit=4999)


def test_exclusive_writes_need_no_hard_links(tmp_path, monkeypatch):
    """FAT, exFAT and many network folders refuse hard links: new files are made without."""

    def refuse(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    made = files.write_new(tmp_path / "S1-a.txt", "text")
    assert made.read_text() == "text"
    assert files.write_new(tmp_path / "S1-a.txt", "more").name == "S1-a-2.txt"


def test_a_write_that_must_not_follow_links_replaces_the_link_itself(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("someone's file")
    backup = tmp_path / "case.yaml.bak"
    backup.symlink_to(victim)
    files.write_atomic(backup, "the old case", through_links=False)
    assert victim.read_text() == "someone's file"
    assert not backup.is_symlink() and backup.read_text() == "the old case"
