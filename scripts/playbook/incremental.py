"""Validation that reads again only the account folders that changed since the last run.

Most rules look at one account folder at a time, with the shared files (playbook.yaml and
everything under data/ outside the account folders); the few that compare accounts with one
another read only each account's summary (see ``rules.registry``). So while the shared files
and the date checked against stay as they were, a run reads and checks only the account
folders whose files changed: for every other folder, the findings about it and its account's
summary are those of the last run.

The cache keeps, signed like everything in ``.playbook-cache/``: a key of the code version,
the date and the shared files' digests; the shared files' checked models; and for each account
folder, its files' digests, the findings about it and its summary. Without it, with another
key, or when it cannot be read, the run is a whole one, which writes the cache afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from playbook import repository
from playbook.cache import read_signed_bytes, write_signed_bytes
from playbook.findings import Finding, sort_findings
from playbook.layout import CACHE, account_folder
from playbook.repository import AccountSummary, FileResult
from playbook.rules import run_across, run_each

FOLDERS = "folders.pickle"
_FORMAT = 2


class FolderRecord(NamedTuple):
    """What the last run found about one account folder."""

    #: Each file's content digest, by root-relative path.
    files: dict[str, str]
    #: The findings about the folder's files, except those of rules that compare accounts.
    findings: list[Finding]
    #: The summary of the folder's account (``AccountSummary.as_row``), None when it has none.
    summary: list[Any] | None


@dataclass
class Store:
    """The cache of one run, as an incremental run needs it."""

    key: str
    #: The shared files' results (models and findings), pickled.
    shared: bytes
    folders: dict[str, FolderRecord]


@dataclass(frozen=True)
class Layout:
    """A repository's data files, split into shared files and account folders."""

    files: list[str]
    shared: list[str]
    folders: dict[str, list[str]]

    @classmethod
    def of(cls, files: list[str]) -> Layout:
        shared: list[str] = []
        folders: dict[str, list[str]] = {}
        for path in files:
            folder = account_folder(path)
            if folder is None:
                shared.append(path)
            else:
                folders.setdefault(folder, []).append(path)
        return cls(files, shared, folders)


def validate(
    root: Path, as_of: date, digests: dict[str, str], secret: bytes, version: str, jobs: int | None = None
) -> list[Finding]:
    """Every finding over the repository, reading again only the account folders that changed.

    ``digests`` gives every data file's content digest, in file order.
    """
    layout = Layout.of(list(digests))
    key = _shared_key(version, as_of, layout.shared, digests)
    store = _read(root / CACHE / FOLDERS, secret, version)
    shared = _shared_results(store, layout) if store is not None and store.key == key else None
    if store is None or shared is None:
        return _whole(root, as_of, layout, digests, secret, version, key, jobs)
    return _partial(root, as_of, layout, digests, store, shared, secret, version, jobs)


def _whole(
    root: Path,
    as_of: date,
    layout: Layout,
    digests: dict[str, str],
    secret: bytes,
    version: str,
    key: str,
    jobs: int | None,
) -> list[Finding]:
    results = repository.read_files(root, layout.files, jobs)
    loaded = repository.assemble(root, layout.files, results)
    each = run_each(loaded.playbook, as_of)
    across = run_across(loaded.playbook, as_of)
    shared = [result for result in results if account_folder(result.path) is None]
    records = _records(layout, layout.folders, digests, loaded.findings + each, loaded.playbook)
    if records is not None:
        store = Store(key, pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL), records)
        _write(root / CACHE / FOLDERS, secret, version, store)
    return sort_findings(loaded.findings + each + across)


def _partial(
    root: Path,
    as_of: date,
    layout: Layout,
    digests: dict[str, str],
    store: Store,
    shared: list[FileResult],
    secret: bytes,
    version: str,
    jobs: int | None,
) -> list[Finding]:
    changed = {
        folder: paths
        for folder, paths in layout.folders.items()
        if (record := store.folders.get(folder)) is None or record.files != {path: digests[path] for path in paths}
    }
    changed_files = [path for paths in changed.values() for path in paths]
    by_path = {result.path: result for result in shared}
    by_path.update((result.path, result) for result in repository.read_files(root, changed_files, jobs))
    read = sorted(by_path)
    loaded = repository.assemble(root, read, [by_path[path] for path in read])
    each = run_each(loaded.playbook, as_of)
    kept = {folder: store.folders[folder] for folder in layout.folders if folder not in changed}
    records = _records(layout, changed, digests, loaded.findings + each, loaded.playbook)
    if records is None:
        return _whole(root, as_of, layout, digests, secret, version, store.key, jobs)
    summaries = list(loaded.playbook.summaries)  # taken by run_each, block by block
    base = f"{root}{os.sep}"
    summaries += [AccountSummary.from_row(record.summary, base) for record in kept.values() if record.summary]
    across_accounts = loaded.playbook.shared_part()
    across_accounts.summaries = sorted(summaries, key=lambda summary: summary.document.path)
    across = run_across(across_accounts, as_of)
    if changed or len(kept) != len(store.folders):
        _write(root / CACHE / FOLDERS, secret, version, Store(store.key, store.shared, {**kept, **records}))
    earlier = [finding for record in kept.values() for finding in record.findings]
    return sort_findings(loaded.findings + each + across + earlier)


def _records(
    layout: Layout,
    folders: dict[str, list[str]],
    digests: dict[str, str],
    findings: list[Finding],
    playbook: repository.Playbook,
) -> dict[str, FolderRecord] | None:
    """The records of ``folders`` from a run's findings; None when a finding's folder is not among them."""
    summaries = {account_folder(summary.document.path): summary for summary in playbook.summaries}
    records = {
        folder: FolderRecord(
            {path: digests[path] for path in paths}, [], row.as_row() if (row := summaries.get(folder)) else None
        )
        for folder, paths in folders.items()
    }
    for finding in findings:
        folder = account_folder(finding.path)
        if folder is None:
            continue
        record = records.get(folder)
        if record is None:
            if folder in layout.folders:
                continue  # a folder this run did not read: its findings are kept from before
            return None
        record.findings.append(finding)
    return records


def _shared_key(version: str, as_of: date, shared: list[str], digests: dict[str, str]) -> str:
    digest = hashlib.sha256(f"{_FORMAT}\n{version}\n{as_of.isoformat()}\n".encode())
    for path in shared:
        digest.update(f"{path}\0{digests[path]}\n".encode())
    return digest.hexdigest()


def _shared_results(store: Store, layout: Layout) -> list[FileResult] | None:
    """The shared files' results kept by the last run, if they are those of these very files."""
    try:
        shared = pickle.loads(store.shared)
    except Exception:  # a cache that cannot be read only means a whole run
        return None
    if not isinstance(shared, list) or [getattr(result, "path", None) for result in shared] != layout.shared:
        return None
    return shared


def _read(path: Path, secret: bytes, version: str) -> Store | None:
    payload = read_signed_bytes(path, secret)
    if payload is None:
        return None
    try:
        value = pickle.loads(payload)
    except Exception:  # signed by us, but written by another version or cut short
        return None
    if not isinstance(value, dict) or value.get("format") != _FORMAT or value.get("version") != version:
        return None
    store = value.get("store")
    return store if isinstance(store, Store) else None


def _write(path: Path, secret: bytes, version: str, store: Store) -> None:
    value = {"format": _FORMAT, "version": version, "store": store}
    write_signed_bytes(path, secret, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
