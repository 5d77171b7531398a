"""Work done in a forked process while this one goes on, its result taken when it is needed.

A command that checks a change validates the playbook twice, as it is and as the change
would leave it. The first validation needs nothing but the files already read, so it runs in
a child process (forked: it shares the models read, nothing is copied to it) while this one
plans the change and validates its outcome; only the result comes back, pickled.

Where processes cannot be forked, where the child cannot be started, or when it fails or
dies, the work is done here when its result is asked for: the outcome is the same, only
later.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

T = TypeVar("T")

_DONE, _FAILED = "done", "failed"


class Pending(Generic[T]):
    """The result of work started in a child process (or to be done here, when it could not be)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._result: tuple[T] | None = None

    def _start(self) -> None:
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(target=_run_and_send, args=(self._work, sending), daemon=True)
        try:
            process.start()
        except OSError:
            receiving.close()
            sending.close()
            return
        sending.close()  # the child holds its own end; EOF here when it dies
        self._process, self._connection = process, receiving

    def result(self) -> T:
        """The work's result: the child's, or the work done here when the child gave none."""
        if self._result is None:
            self._result = (self._received() if self._connection is not None else None) or (self._work(),)
        return self._result[0]

    def close(self) -> None:
        """Stop the child if its result was never asked for."""
        if self._connection is not None and self._process is not None:
            self._process.terminate()
            self._process.join()
            self._connection.close()
            self._connection = None

    def _received(self) -> tuple[T] | None:
        assert self._connection is not None and self._process is not None
        try:
            status, value = self._connection.recv()
        except (EOFError, OSError):
            status, value = _FAILED, None
        finally:
            self._connection.close()
            self._connection = None
        self._process.join()
        return (value,) if status == _DONE else None


def start(work: Callable[[], T]) -> Pending[T]:
    """Start ``work`` in a forked child process; ``result()`` waits for it."""
    pending = Pending(work)
    pending._start()
    return pending


def _run_and_send(work: Callable[[], T], sending: Connection) -> None:
    """In the child: do the work and send its result (or word that it failed: the parent does it again)."""
    try:
        outcome: tuple[str, object] = (_DONE, work())
    except BaseException:  # the parent does the work itself and meets the same error, with its traceback
        outcome = (_FAILED, traceback.format_exc())
    try:
        sending.send(outcome)
    except Exception:  # a result that cannot be pickled: the parent does the work itself
        sending.send((_FAILED, None))
    finally:
        sending.close()
