"""One file's new bytes from the values that change in it, checked by reading them back.

Ids replaced by ids are put in place (``playbook.edit.scalars``); anything else (a list
that changes, a key that is added) goes through ruamel.yaml's round trip
(``playbook.edit.roundtrip``). Either way the new bytes are read back by the validator's
reader and must hold exactly the intended data: a file whose anchors share a value that
changes, for instance, is refused rather than written wrongly.
"""

from __future__ import annotations

import copy
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from playbook import documents
from playbook.documents import Document, Path
from playbook.edit import EditRefused, roundtrip, scalars
from playbook.findings import Finding

#: What a file's values become: path in its data -> new value (an id, a list of ids, or an Append).
Changes = dict[Path, Any]


@dataclass(frozen=True)
class Append:
    """An item added at the end of the list at a path (the list is made when missing)."""

    item: dict[str, Any]


def _intended(data: Any, changes: Changes) -> Any:
    """The data with the changes made; only the mappings and lists on the changed paths are copied."""
    copied: set[int] = set()

    def own(container: Any) -> Any:
        mine = copy.copy(container)
        copied.add(id(mine))
        return mine

    intended = own(data)
    for at, value in changes.items():
        parent = intended
        for step in at[:-1]:
            if isinstance(step, str) and step not in parent:
                parent[step] = own({})
            elif id(parent[step]) not in copied:
                parent[step] = own(parent[step])
            parent = parent[step]
        last = at[-1]
        if isinstance(value, Append):
            listed = parent.get(last) if isinstance(last, str) else parent[last]
            parent[last] = [*(listed or []), value.item]
        else:
            parent[last] = value
    return intended


@dataclass(frozen=True)
class Written:
    """A file's new bytes, and what the validator's reader made of them (checked against the intended data)."""

    raw: bytes
    document: Document
    findings: list[Finding]


def _read_back(path: str, raw: bytes, intended: Any) -> Written | None:
    document, findings = documents.load(path, raw)
    if document is None or any(f.is_error for f in findings) or document.data != intended:
        return None
    return Written(raw, document, findings)


def checked(path: str, raw: bytes, intended: Any) -> Written:
    """The new bytes of a file, read back; EditRefused unless they hold exactly ``intended``."""
    read_back = _read_back(path, raw, intended)
    if read_back is None:
        raise EditRefused(f"{path}: cannot be written back with only the intended change; edit it by hand")
    return read_back


def data_of(root: FsPath, path: str) -> Any:
    """The data of a file as it is on disk (a checked document lets go of its data)."""
    return data_of_bytes(path, (root / path).read_bytes())


def data_of_bytes(path: str, raw: bytes) -> Any:
    """The data of a file's bytes; EditRefused when they do not read."""
    document, findings = documents.load(path, raw)
    if document is None or any(f.is_error for f in findings):
        raise EditRefused(f"{path}: the file does not read as YAML now; fix it first")
    return document.data


def text_of(raw: bytes) -> tuple[str, bool]:
    """A file's text as it is (line endings kept), and whether it starts with a byte-order mark."""
    bom = raw.startswith(roundtrip.BOM)
    try:
        return (raw[len(roundtrip.BOM) :] if bom else raw).decode("utf-8"), bom
    except UnicodeDecodeError:
        raise EditRefused("a file is not UTF-8 text") from None


def bytes_of(text: str, bom: bool) -> bytes:
    return (roundtrip.BOM if bom else b"") + text.encode("utf-8")


def rewrite(path: str, raw: bytes, changes: Changes) -> Written:
    """The file's bytes with ``changes`` made, everything else kept; EditRefused when that cannot be done."""
    document, findings = documents.load(path, raw)
    if document is None or any(f.is_error for f in findings):
        raise EditRefused(f"{path}: the file does not read as YAML now; fix it first")
    intended = _intended(document.data, changes)
    if all(isinstance(value, str) for value in changes.values()):
        bom = raw.startswith(roundtrip.BOM)
        text = raw[len(roundtrip.BOM) :].decode("utf-8") if bom else raw.decode("utf-8")
        try:
            # On the text as it is: CRLF, or a mix of line endings, stays exactly as it was.
            written = (roundtrip.BOM if bom else b"") + scalars.replace(text, changes).encode("utf-8")
        except scalars.NotInPlace:
            pass
        else:
            read_back = _read_back(path, written, intended)
            if read_back is not None:
                return read_back
    data, layout = roundtrip.load(path, raw)
    for at, value in changes.items():
        if isinstance(value, Append):
            roundtrip.append_item(data, at, value.item)
        else:
            roundtrip.set_value(data, at, value)
    written = roundtrip.dump(data, layout)
    read_back = _read_back(path, written, intended)
    if read_back is None:
        raise EditRefused(
            f"{path}: cannot be written back with only the intended change (anchors or aliases share a value "
            "that changes?); edit it by hand"
        )
    return read_back


#: Below this many files, writing them in one process is faster than starting workers.
PARALLEL_FROM = 200


def _rewrite_chunk(items: list[tuple[str, bytes, Changes]]) -> list[Written]:
    return [rewrite(path, raw, changes) for path, raw, changes in items]


def rewrite_all(items: list[tuple[str, bytes, Changes]], jobs: int | None = None) -> list[Written]:
    """``rewrite`` of many files, in their order, in one process per core when there are many."""
    workers = min(jobs or os.cpu_count() or 1, 8)
    if workers < 2 or len(items) < PARALLEL_FROM:
        return _rewrite_chunk(items)
    size = -(-len(items) // (workers * 2))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return [written for chunk in pool.map(_rewrite_chunk, chunks) for written in chunk]
    except (BrokenProcessPool, OSError):
        return _rewrite_chunk(items)
