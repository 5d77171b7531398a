"""Pausing Python's garbage collector while a run builds objects that all live on."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_garbage_collection() -> Iterator[None]:
    """Collect nothing meanwhile: a validation run's models, findings and caches live until it ends,
    and a full collection over millions of them costs seconds and frees nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
