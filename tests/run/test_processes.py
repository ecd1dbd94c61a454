"""The batch's process handling: reply lines read whole, processes found by token, waited for."""

import os
import signal
import subprocess
import sys
import uuid

import pytest

from sat.run.processes import LineReader, marked_processes, running, wait_until_gone


def test_a_reply_that_came_with_the_one_before_is_read_without_waiting():
    """A worker's kernel line and its record often arrive in one read (a broken case fails at
    once): the second line is returned from the reader's buffer, not waited for in the pipe."""
    read, write = os.pipe()
    with os.fdopen(read, "rb", buffering=0) as stream:
        reader = LineReader(stream)
        os.write(write, b'{"kernel": 1}\n{"record": {"status": "invalid"}}\n{"par')
        assert reader.readline(60) == '{"kernel": 1}\n'
        assert reader.readline(0) == '{"record": {"status": "invalid"}}\n'
        assert reader.readline(0) is None  # half a line: not yet a reply
        os.write(write, b'tial": 1}\n')
        assert reader.readline(60) == '{"partial": 1}\n'
        os.close(write)
        assert reader.readline(60) == ""


@pytest.fixture
def sleeper():
    """A child that runs until it is killed, with a token of its own in its environment."""
    token = uuid.uuid4().hex
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; print('up', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "SAT_TEST_TOKEN": token},
        text=True,
    )
    assert child.stdout.readline() == "up\n"  # started: its environment is in place
    yield child, token
    if child.poll() is None:
        child.kill()
    child.wait()
    child.stdin.close()
    child.stdout.close()


def test_a_process_is_found_by_its_token_until_it_ends(sleeper):
    child, token = sleeper
    assert marked_processes("SAT_TEST_TOKEN", token) == [child.pid]
    assert marked_processes("SAT_TEST_TOKEN", uuid.uuid4().hex) == []
    os.kill(child.pid, signal.SIGKILL)
    assert wait_until_gone([child.pid], limit=300)  # a guard against a hang, not a time
    assert not running(child.pid)  # ended (a zombie until we collect it)
    assert marked_processes("SAT_TEST_TOKEN", token) == []


def test_waiting_for_a_process_that_runs_on_says_so(sleeper):
    child, _ = sleeper
    assert running(child.pid)
    assert wait_until_gone([child.pid], limit=0) is False
    assert running(child.pid)
