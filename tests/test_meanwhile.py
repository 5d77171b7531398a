"""Work done in a forked child process: its result, or the same work done here when the child gives none."""

from __future__ import annotations

import os
import threading

import pytest

from playbook import meanwhile


def test_the_result_comes_from_the_child() -> None:
    parent = os.getpid()
    pending = meanwhile.start(lambda: (os.getpid(), [1, 2, 3]))
    pid, value = pending.result()
    assert value == [1, 2, 3]
    assert pid != parent
    assert pending.result() == (pid, value)  # asked again: the same, not worked out anew


def test_the_child_sees_the_data_at_hand_without_it_being_sent() -> None:
    big = list(range(200_000))
    assert meanwhile.start(lambda: sum(big)).result() == sum(big)


def test_work_that_fails_in_the_child_fails_here_with_its_own_error() -> None:
    calls: list[int] = []

    def work() -> int:
        calls.append(os.getpid())
        raise ValueError("no such team")

    pending = meanwhile.start(work)
    with pytest.raises(ValueError, match="no such team"):
        pending.result()
    assert calls == [os.getpid()]  # the child's attempt is not seen here; this one raised


def test_a_result_that_cannot_be_sent_is_worked_out_here() -> None:
    lock = threading.Lock()  # cannot be pickled
    parent = os.getpid()
    pending = meanwhile.start(lambda: (os.getpid(), lock))
    pid, value = pending.result()
    assert pid == parent and value is lock


def test_a_child_that_dies_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)
        return 42

    assert meanwhile.start(work).result() == 42


def test_without_fork_the_work_is_done_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meanwhile.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    calls: list[int] = []
    pending = meanwhile.start(lambda: calls.append(os.getpid()) or "done")
    assert calls == []
    assert pending.result() == "done"
    assert calls == [os.getpid()]


def test_close_stops_a_child_whose_result_is_not_wanted() -> None:
    started = threading.Event()
    pending = meanwhile.start(lambda: started.wait(60))
    process = pending._process
    assert process is not None and process.is_alive()
    pending.close()
    assert not process.is_alive()
    pending.close()  # twice is harmless
