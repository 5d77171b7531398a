"""The rule tables of a repository, from the validation cache when the playbook has not changed.

The tables are kept in ``.playbook-cache/assign.marshal``, signed like the validation cache,
under a key of the validation run's key (the playbook's code, the date and every data file's
content digest, which the validation cache works out from the files' statuses without reading
them, or takes as the last run's when no status changed). With the cache warm, nothing is read
or parsed; otherwise the playbook is loaded and validated as
``playbook validate`` does, the validation cache is refreshed, and the tables are built anew.

Checking the key costs a look at every data file's status. ``last_tables`` gives the tables the
cache holds without that check, so that the assignment can start on them while ``Check`` looks,
in a thread of its own, whether they still hold for the playbook as it is now.
"""

from __future__ import annotations

import hashlib
import marshal
import threading
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from playbook.assign.tables import RuleTables, tables_of
from playbook.cache import RunCache, read_signed_bytes, signing_secret, write_signed_bytes
from playbook.findings import count_errors
from playbook.layout import CACHE

TABLES = "assign.marshal"
_FORMAT = 2


def rule_tables(root: Path, as_of: date) -> RuleTables:
    """The rule tables of the playbook at ``root``, validated as of ``as_of``."""
    cache = RunCache(root, as_of)
    cached = cache.lookup()
    run_key = cache.key()
    key = _key(run_key) if run_key is not None else None
    if key is not None and cache.secret is not None:
        stored = _read(root / CACHE / TABLES, cache.secret, key)
        if stored is not None:
            return stored
    from playbook import repository
    from playbook.validation import validate_loaded

    loaded = repository.load(root)
    if cached is not None:
        errors = count_errors(cached.findings)
    else:
        validation = validate_loaded(loaded, as_of)
        errors = validation.errors
        cache.store(validation.findings, len(validation.files))
    tables = tables_of(loaded.playbook, errors)
    if key is not None and cache.secret is not None:
        payload = marshal.dumps({"format": _FORMAT, "key": key, "tables": tables.as_data()}, 2)
        write_signed_bytes(root / CACHE / TABLES, cache.secret, payload)
    return tables


class StoredTables(NamedTuple):
    """The rule tables the cache holds and the key they were built under, not yet checked."""

    key: str
    tables: RuleTables


def last_tables(root: Path) -> StoredTables | None:
    """The rule tables the cache holds (signed by this user), whether or not the playbook changed since."""
    secret = signing_secret()
    return None if secret is None else _stored(root / CACHE / TABLES, secret)


def _stored(path: Path, secret: bytes) -> StoredTables | None:
    """The tables in the signed file at ``path`` and their key; None when it cannot be read (a fresh load follows)."""
    payload = read_signed_bytes(path, secret)
    if payload is None:
        return None
    try:
        value: Any = marshal.loads(payload)
        if not isinstance(value, dict) or value.get("format") != _FORMAT or not isinstance(value.get("key"), str):
            return None
        return StoredTables(value["key"], RuleTables.from_data(value["tables"]))
    except (EOFError, ValueError, TypeError, KeyError):
        return None


class Check(threading.Thread):
    """Whether the tables ``last_tables`` gave still hold, worked out in a thread (the statuses of the
    data files are taken with the interpreter's lock released, as DuckDB runs its queries). It only
    looks: a playbook that changed is loaded again by ``rule_tables``, once the answer is in."""

    def __init__(self, root: Path, as_of: date, last: StoredTables) -> None:
        super().__init__(name="playbook-rule-tables", daemon=True)
        self.root, self.as_of, self.last = root, as_of, last
        self._holds = False
        self.start()

    def run(self) -> None:
        try:
            cache = RunCache(self.root, self.as_of)
            cache.lookup()
            run_key = cache.key()
            self._holds = run_key is not None and _key(run_key) == self.last.key
        except Exception:  # rule_tables runs next, and says what went wrong
            self._holds = False

    def holds(self) -> bool:
        """Whether the last tables are the playbook's as it is now (waits for the answer)."""
        self.join()
        return self._holds


def _key(run_key: str) -> str:
    return hashlib.sha256(f"{_FORMAT}\n{run_key}\n".encode()).hexdigest()


def _read(path: Path, secret: bytes, key: str) -> RuleTables | None:
    stored = _stored(path, secret)
    return stored.tables if stored is not None and stored.key == key else None
