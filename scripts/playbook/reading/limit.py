"""The size limit of a data file: a larger file is refused before it is parsed.

A real data file is a few kilobytes. The limit, 5 MB unless ``max_file_mb`` in playbook.yaml
says otherwise, stops a runaway or foreign file (megabytes of generated keys) from holding
up every run; only its first bytes past the limit are ever read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from playbook import documents
from playbook.layout import SETTINGS


def file_limit(root: Path) -> int:
    """The largest data file in bytes, from ``max_file_mb`` in playbook.yaml (the default if unset or bad)."""
    default = documents.MAX_FILE_BYTES
    try:
        raw = read_at_most(root / SETTINGS, default)
    except OSError:
        return default
    if len(raw) > default:
        return default
    document, _ = documents.load(SETTINGS, raw)
    data = document.data if document is not None else None
    value = data.get("max_file_mb") if isinstance(data, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e6:
        return default
    return max(1, int(value * 1_000_000))


def read_at_most(path: Path | str, limit: int) -> bytes:
    """A file's bytes, but no more than one past ``limit`` (enough to know it is too large)."""
    if not stat.S_ISREG(Path(path).stat().st_mode):  # a device or a pipe could be read for ever
        raise OSError(errno.EINVAL, "not a regular file")
    with Path(path).open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        # read() sized by the file's own size: asking for limit + 1 bytes would set aside that much
        return handle.read(limit + 1) if size > limit else handle.read()
