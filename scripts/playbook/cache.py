"""The validation cache: the findings of the last run, keyed by the content of every data file.

A run's key is a digest of the playbook's code, the date checked against and the content
digest of every data file; when nothing changed, ``playbook validate`` reports the stored
findings without reading a single model. File digests are remembered by the file's stat
(inode, size, modification and change time), and recomputed from the bytes whenever any of
those differ: the change time moves on every write, so an edit behind the cache's back is
always seen.

The cache lives in ``.playbook-cache/`` in the repository (git-ignored). Each file is JSON
signed with a secret kept in the user's own cache folder, never in the repository: a cache
that is corrupt, from another version of the playbook, from another machine or written by
anyone else is ignored, never trusted. Anything going wrong here only means a cold run.

This module must stay light: on a warm run it is nearly all that gets imported.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from playbook.findings import Finding, Severity
from playbook.layout import CACHE, data_files_with_status

RUN = "run.json"
DIGESTS = "digests.json"
_FORMAT = 1


@dataclass(frozen=True)
class CachedRun:
    """What a validation run found, as the cache keeps it."""

    findings: list[Finding]
    files: int


def enabled() -> bool:
    """False when PLAYBOOK_CACHE is 0, off or no."""
    return os.environ.get("PLAYBOOK_CACHE", "1").strip().lower() not in {"0", "off", "no", "false"}


def _secret() -> bytes | None:
    """This user's signing secret, created on first use; None when it cannot be kept."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "playbook"
    path = base / "cache-secret"
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    try:
        base.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32))
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def code_version() -> str:
    """A digest of the playbook's own code: a new version never reads an older version's cache."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def read_signed_bytes(path: Path, secret: bytes) -> bytes | None:
    """The payload of a cache file, or None when it is missing or its signature is not ours."""
    try:
        signature, _, payload = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    expected = hmac.new(secret, payload, hashlib.sha256).hexdigest().encode()
    return payload if hmac.compare_digest(signature, expected) else None


def write_signed_bytes(path: Path, secret: bytes, payload: bytes) -> None:
    """Write a cache file: the payload's signature on the first line, then the payload."""
    signature = hmac.new(secret, payload, hashlib.sha256).hexdigest().encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(signature + b"\n" + payload)
        temporary.replace(path)
    except OSError:
        pass


def _read_signed(path: Path, secret: bytes) -> Any:
    payload = read_signed_bytes(path, secret)
    try:
        return None if payload is None else json.loads(payload)
    except ValueError:
        return None


def _write_signed(path: Path, secret: bytes, value: Any) -> None:
    write_signed_bytes(path, secret, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())


class Fingerprint:
    """The content digests of a repository's data files, and the key of a run over them."""

    def __init__(self, root: Path, secret: bytes, version: str) -> None:
        self.root = root
        self.base = os.fspath(root)
        self.secret = secret
        self.version = version
        known = _read_signed(root / CACHE / DIGESTS, secret)
        self.known: dict[str, list[Any]] = known["files"] if _fits(known, version) else {}
        self.digests: dict[str, list[Any]] = {}
        #: Each file's content digest, by path, in file order.
        self.contents: dict[str, str] = {}

    def digest_of(self, path: str, status: os.stat_result | None) -> str:
        """The content digest of a file, read again only when its status differs from the remembered one."""
        if status is None:
            self.contents[path] = "unreadable"
            return "unreadable"
        stamp = [status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns]
        remembered = self.known.get(path)
        if remembered is not None and remembered[:4] == stamp:
            digest = str(remembered[4])
        else:
            try:
                with open(os.path.join(self.base, path), "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
            except OSError:
                digest = "unreadable"
        self.digests[path] = [*stamp, digest]
        self.contents[path] = digest
        return digest

    def key(self, files: list[tuple[str, os.stat_result | None]], as_of: date) -> str:
        lines = [f"{self.version}\n{as_of.isoformat()}\n"]
        lines += [f"{path}\0{self.digest_of(path, status)}\n" for path, status in files]
        return hashlib.sha256("".join(lines).encode()).hexdigest()

    def save(self) -> None:
        if self.digests != self.known:
            _write_signed(
                self.root / CACHE / DIGESTS,
                self.secret,
                {"format": _FORMAT, "version": self.version, "files": self.digests},
            )


def _fits(value: Any, version: str) -> bool:
    return isinstance(value, dict) and value.get("format") == _FORMAT and value.get("version") == version


def _finding(raw: Any) -> Finding:
    path, line, column, rule, severity, message = raw
    if not (isinstance(path, str) and isinstance(line, int) and isinstance(column, int) and isinstance(message, str)):
        raise ValueError("not a finding")
    return Finding(path, line, column, str(rule), Severity(severity), message)


class RunCache:
    """Looks up and stores the findings of a run over a repository as of a date."""

    def __init__(self, root: Path, as_of: date) -> None:
        self.root = root
        self.as_of = as_of
        self.secret = _secret() if enabled() else None
        self.version = code_version() if self.secret else ""
        self._key: str | None = None
        self._fingerprint: Fingerprint | None = None

    def _current_key(self) -> str | None:
        if self.secret is None:
            return None
        if self._key is None:
            self._fingerprint = Fingerprint(self.root, self.secret, self.version)
            files = data_files_with_status(self.root)
            self._key = self._fingerprint.key(files, self.as_of)
        return self._key

    def digests(self) -> dict[str, str] | None:
        """Every data file's content digest, by root-relative path, in file order (None when the cache is off)."""
        if self._current_key() is None or self._fingerprint is None:
            return None
        return dict(self._fingerprint.contents)

    def lookup(self) -> CachedRun | None:
        key = self._current_key()
        if key is None or self.secret is None:
            return None
        stored = _read_signed(self.root / CACHE / RUN, self.secret)
        if not _fits(stored, self.version) or stored.get("key") != key:
            return None
        try:
            findings = [_finding(raw) for raw in stored["findings"]]
            return CachedRun(findings, int(stored["files"]))
        except (KeyError, TypeError, ValueError):
            return None

    def store(self, findings: list[Finding], files: int) -> None:
        key = self._current_key()
        if key is None or self.secret is None or self._fingerprint is None:
            return
        self._fingerprint.save()
        rows = [[f.path, f.line, f.column, f.rule, str(f.severity), f.message] for f in findings]
        value = {"format": _FORMAT, "version": self.version, "key": key, "files": files, "findings": rows}
        _write_signed(self.root / CACHE / RUN, self.secret, value)
