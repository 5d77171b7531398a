"""The validation cache: the findings of the last run, and the content digest of every data file.

A run's key is a digest of the playbook's code, the date checked against and the content
digest of every data file. File digests are remembered by the file's status (inode, size,
modification and change time) and recomputed from the bytes whenever any of those differ:
the change time moves on every write, so an edit behind the cache's back is always seen.
When no data file and no folder below data/ has a new status, ``playbook validate`` reports
the last run's findings without listing the folders or reading a single file; when some
have, and their content is the same, it reports them after digesting only those files.

The cache lives in ``.playbook-cache/`` in the repository (git-ignored). Each file is
signed with a secret kept in the user's own cache folder, never in the repository: a cache
that is corrupt, from another version of the playbook, from another machine or written by
anyone else is ignored, never trusted. Anything going wrong here only means a cold run.
``playbook.incremental`` keeps what a run needs to read again only the folders that changed.

This module must stay light: on a warm run it is nearly all that gets imported."""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from playbook.findings import Finding, Severity
from playbook.layout import CACHE, SETTINGS, Status, scan

#: The last run: its findings, and the status of every data file and folder it read.
RUN = "run.marshal"
DIGESTS = "digests.marshal"
_FORMAT = 1


class CachedRun(NamedTuple):
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
            handle.write(os.urandom(32).hex())
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def code_version() -> str:
    """A digest of the playbook's own code, by each source file's name and status.

    Any edit or new install of the code changes a file's status, so a new version never reads
    an older version's cache (at worst, the same code reinstalled starts with a whole run).
    """
    package = os.path.dirname(os.path.abspath(__file__))
    lines = []
    pending = [package]
    while pending:
        folder = pending.pop()
        for entry in os.scandir(folder):
            if entry.is_dir() and entry.name != "__pycache__":
                pending.append(entry.path)
            elif entry.name.endswith(".py"):
                status = entry.stat()
                name = entry.path[len(package) :]
                lines.append(f"{name}\0{status.st_ino}\0{status.st_size}\0{status.st_mtime_ns}\0{status.st_ctime_ns}")
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


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
        return None if payload is None else marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def _write_signed(path: Path, secret: bytes, value: Any) -> None:
    write_signed_bytes(path, secret, marshal.dumps(value))


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

    def digest_of(self, path: str, status: Status) -> str:
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

    def key(self, files: list[tuple[str, Status]], as_of: date) -> str:
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


def _stamps(entries: list[tuple[str, Status]]) -> list[list[Any]] | None:
    """Each entry's path, inode, size, modification and change time; None when one has no status."""
    stamps = []
    for path, status in entries:
        if status is None:
            return None
        stamps.append([path, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns])
    return stamps


def _unchanged(base: str, stamps: list[list[Any]]) -> bool:
    """Whether every stamped file or folder still has the status it had."""
    stat = os.stat
    try:
        for path, *stamp in stamps:
            status = stat(base + path)
            if [status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns] != stamp:
                return False
    except (OSError, TypeError, ValueError):
        return False
    return True


class RunCache:
    """Looks up and stores the findings of a run over a repository as of a date.

    A run is looked up in two steps. First, without listing anything: when every folder below
    data/ and every data file still has the status it had at the last run (a folder's status
    changes whenever a file is added, removed or renamed in it), nothing changed. Otherwise the
    data files are listed and their content digests compared.
    """

    def __init__(self, root: Path, as_of: date) -> None:
        self.root = root
        self.as_of = as_of
        self.secret = _secret() if enabled() else None
        self.version = code_version() if self.secret else ""
        self._key: str | None = None
        self._fingerprint: Fingerprint | None = None
        self._statuses: tuple[list[tuple[str, Status]], list[tuple[str, Status]]] | None = None

    def _current_key(self) -> str | None:
        if self.secret is None:
            return None
        if self._key is None:
            self._fingerprint = Fingerprint(self.root, self.secret, self.version)
            self._statuses = scan(self.root)
            self._key = self._fingerprint.key(self._statuses[0], self.as_of)
        return self._key

    def digests(self) -> dict[str, str] | None:
        """Every data file's content digest, by root-relative path, in file order (None when the cache is off)."""
        if self._current_key() is None or self._fingerprint is None:
            return None
        return dict(self._fingerprint.contents)

    def lookup(self) -> CachedRun | None:
        if self.secret is None:
            return None
        stored = _read_signed(self.root / CACHE / RUN, self.secret)
        if not _fits(stored, self.version) or stored.get("as_of") != self.as_of.isoformat():
            return None
        try:
            found = CachedRun([_finding(raw) for raw in stored["findings"]], int(stored["files"]))
        except (KeyError, TypeError, ValueError):
            return None
        stamps = stored.get("stamps")
        if isinstance(stamps, list) and stamps and _unchanged(f"{self.root}{os.sep}", stamps):
            settings = os.path.isfile(self.root / SETTINGS)
            if settings == any(stamp[0] == SETTINGS for stamp in stamps):
                return found
        if stored.get("key") != self._current_key():
            return None
        self.store(found.findings, found.files)  # the same content with new statuses: keep those
        return found

    def store(self, findings: list[Finding], files: int) -> None:
        key = self._current_key()
        if key is None or self.secret is None or self._fingerprint is None or self._statuses is None:
            return
        self._fingerprint.save()
        rows = [[f.path, f.line, f.column, f.rule, str(f.severity), f.message] for f in findings]
        listed, folders = self._statuses
        file_stamps, folder_stamps = _stamps(listed), _stamps(folders)
        stamps = file_stamps + folder_stamps if file_stamps is not None and folder_stamps is not None else []
        value = {
            "format": _FORMAT,
            "version": self.version,
            "as_of": self.as_of.isoformat(),
            "key": key,
            "files": files,
            "findings": rows,
            "stamps": stamps,
        }
        _write_signed(self.root / CACHE / RUN, self.secret, value)
