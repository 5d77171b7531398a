"""The rule tables of a repository, from the validation cache when the playbook has not changed.

The tables are kept in ``.playbook-cache/assign.marshal``, signed like the validation cache,
under a key of the validation run's key (the playbook's code, the date and every data file's
content digest, which the validation cache works out from the files' statuses without reading
them, or takes as the last run's when no status changed). With the cache warm, nothing is read
or parsed; otherwise the playbook is loaded and validated as
``playbook validate`` does, the validation cache is refreshed, and the tables are built anew.
"""

from __future__ import annotations

import hashlib
import marshal
from datetime import date
from pathlib import Path
from typing import Any

from playbook.assign.tables import RuleTables, tables_of
from playbook.cache import RunCache, read_signed_bytes, write_signed_bytes
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


def _key(run_key: str) -> str:
    return hashlib.sha256(f"{_FORMAT}\n{run_key}\n".encode()).hexdigest()


def _read(path: Path, secret: bytes, key: str) -> RuleTables | None:
    payload = read_signed_bytes(path, secret)
    if payload is None:
        return None
    try:
        value: Any = marshal.loads(payload)
        if not isinstance(value, dict) or value.get("format") != _FORMAT or value.get("key") != key:
            return None
        return RuleTables.from_data(value["tables"])
    except (EOFError, ValueError, TypeError, KeyError):  # a cache that cannot be read means a fresh load
        return None
