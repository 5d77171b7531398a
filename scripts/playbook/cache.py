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

This module must stay light: on a warm run it is nearly all that gets imported (and, like
``playbook.findings``, it does without ``from __future__ import annotations``)."""

import hashlib
import hmac
import marshal
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from stat import S_ISREG
from typing import Any, NamedTuple

from playbook.findings import Finding, Severity
from playbook.layout import CACHE, CODEOWNERS, DATA, SETTINGS, Status, scan, stamp

#: A file larger than this is never read whole for its digest (far above any data file's size limit).
_DIGESTED_UP_TO = 256_000_000
#: The last run: its findings, and the status of every data file and folder it read.
RUN = "run.marshal"
_FORMAT = 3


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


def signing_secret() -> bytes | None:
    """The secret cache files are signed with; None when the cache is off or has none."""
    return _secret() if enabled() else None


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
    write_signed_bytes(path, secret, marshal.dumps(value, 2))  # version 2 reads back fastest


def _fits(value: Any, version: str) -> bool:
    return isinstance(value, dict) and value.get("format") == _FORMAT and value.get("version") == version


def _finding(raw: Any) -> Finding:
    path, line, column, rule, severity, message, related = raw
    if not (isinstance(path, str) and isinstance(line, int) and isinstance(column, int) and isinstance(message, str)):
        raise ValueError("not a finding")
    return Finding(path, line, column, str(rule), Severity(severity), message, tuple(map(str, related)))


def _status(path: Path) -> Status:
    try:
        return os.stat(path)
    except OSError:
        return None


def _survey(
    base: str, files: dict[str, list[Any]], folders: dict[str, list[Any]]
) -> tuple[bool, bool, dict[str, Status]]:
    """Whether every remembered folder (and the settings file) and every remembered file still has
    the status it had, with every status taken on the way, by path."""
    seen: dict[str, Status] = {}
    try:
        root = os.open(base, os.O_RDONLY)  # statuses taken relative to it: shorter paths to resolve
    except OSError:
        return False, False, seen
    try:
        same_settings = (SETTINGS in files) == os.path.exists(base + SETTINGS)
        same_settings = same_settings and (CODEOWNERS in files) == os.path.exists(base + CODEOWNERS)
        stamps = ((path, listing[0]) for path, listing in folders.items())
        same_folders = _same_statuses(stamps, root, seen, folders=True) and same_settings
        same_files = _same_statuses(files.items(), root, seen, folders=False)
    finally:
        os.close(root)
    return same_folders, same_files, seen


def _same_statuses(stamps: Iterable[tuple[str, list[Any]]], root: int, seen: dict[str, Status], folders: bool) -> bool:
    """Whether each path (relative to the folder ``root``) still has the status its stamp gives.

    Files are taken through links, as they are read; folders are not (data/ itself is).

    Every status is taken and kept in ``seen``, even after a difference: a run that goes on
    needs them all. This loop is all a warm run does for each file, so it is kept plain.
    """
    same = True
    stat = os.stat
    for path, remembered in stamps:
        try:
            status = seen[path] = stat(path, dir_fd=root, follow_symlinks=not folders or path == DATA)
        except OSError:
            seen[path] = None
            same = False
            continue
        if same and (
            status.st_mtime_ns != remembered[2]
            or status.st_ctime_ns != remembered[3]
            or status.st_size != remembered[1]
            or status.st_ino != remembered[0]
        ):
            same = False
    return same


class RunCache:
    """Looks up and stores the findings of a run over a repository as of a date.

    The cache remembers every data file (its status and content digest), every folder below
    data/ (its status and what it held) and the last run. A lookup first checks, without
    listing anything, whether every folder and file still has its status; if not, it lists
    again only the folders whose status changed and digests again only the files whose status
    changed, then compares the run's key.
    """

    def __init__(self, root: Path, as_of: date) -> None:
        self.root = root
        self.as_of = as_of
        self.secret = _secret() if enabled() else None
        self.version = code_version() if self.secret else ""
        self._state: dict[str, Any] | None = None
        self._key: str | None = None
        self._listed: list[str] = []
        self._files: dict[str, list[Any]] = {}
        self._folders: dict[str, list[Any]] = {}
        self._seen: dict[str, Status] = {}
        #: Whether no folder changed since the last run (the survey found all as they were).
        self._same_folders = False
        #: The last run's key, when the lookup found every folder and file as that run left them.
        self._unchanged_key: str | None = None

    def _remembered(self) -> dict[str, Any]:
        """What the last run left: every file and folder as it was then, and the run itself."""
        if self._state is None:
            state: Any = _read_signed(self.root / CACHE / RUN, self.secret) if self.secret is not None else None
            parts = ("files", "folders", "run")
            fits = _fits(state, self.version) and all(isinstance(state.get(part), dict) for part in parts)
            self._state = state if fits else {part: {} for part in parts}
        return self._state

    def _current_key(self) -> str | None:
        """The key of a run over the data as it is now: code version, date and every file's digest."""
        if self.secret is None:
            return None
        if self._key is None:
            remembered = self._remembered()
            known_folders, known_files = remembered["folders"], remembered["files"]
            if self._same_folders:  # no file came, went or was renamed: the listing is the remembered one
                listed = [(path, self._seen[path]) for path in known_files if path != CODEOWNERS]
                self._folders = known_folders
            else:
                listed, folders = scan(self.root, known_folders, self._seen)
                self._folders = {
                    path: [stamp(status), names, inner] for path, (status, names, inner) in folders.items() if status
                }
                if len(self._folders) < len(folders):
                    self._folders = {}  # a folder could not be had: no lookup without listing next time
            if any(status is None for _, status in listed):
                self._folders = {}  # nor when a file could not be had
            self._listed = [path for path, _ in listed]
            lines = [f"{self.version}\n{self.as_of.isoformat()}\n"]
            for path, status in listed:
                digest = self._digest(path, status, known_files.get(path))
                lines.append(f"{path}\0{digest}\n")
            owners = self._seen[CODEOWNERS] if CODEOWNERS in self._seen else _status(self.root / CODEOWNERS)
            if owners is not None:  # the rule about it (OWN001) reads it: its content is part of the key
                lines.append(f"{CODEOWNERS}\0{self._digest(CODEOWNERS, owners, known_files.get(CODEOWNERS))}\n")
            self._key = hashlib.sha256("".join(lines).encode()).hexdigest()
        return self._key

    def _digest(self, path: str, status: Status, remembered: list[Any] | None) -> str:
        """A file's content digest, read again only when its status differs from the remembered one."""
        if status is None:
            return "unreadable"
        now = stamp(status)
        if remembered is not None and remembered[:4] == now:
            digest = str(remembered[4])
        elif status.st_size > _DIGESTED_UP_TO or not S_ISREG(
            status.st_mode
        ):  # not read whole: its status stands for it
            digest = "large:" + ":".join(map(str, now))
        else:
            try:
                with open(os.path.join(self.root, path), "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
            except OSError:
                return "unreadable"
        self._files[path] = [*now, digest]
        return digest

    def digests(self) -> dict[str, str] | None:
        """Every data file's content digest, by root-relative path, in file order (None when the cache is off)."""
        if self._current_key() is None:
            return None
        return {path: str(self._files[path][4]) if path in self._files else "unreadable" for path in self._listed}

    def key(self) -> str | None:
        """The key of a run over the data as it is now (None when the cache is off): after a lookup that
        found nothing changed, the last run's own, without working out a single digest again."""
        if self._unchanged_key is not None:
            return self._unchanged_key
        return self._current_key()

    def lookup(self) -> CachedRun | None:
        if self.secret is None:
            return None
        remembered = self._remembered()
        run = remembered["run"]
        if run.get("as_of") != self.as_of.isoformat():
            return None
        try:
            found = CachedRun([_finding(raw) for raw in run["findings"]], int(run["count"]))
        except (KeyError, TypeError, ValueError):
            return None
        if remembered["folders"]:
            base = f"{self.root}{os.sep}"
            self._same_folders, same_files, self._seen = _survey(base, remembered["files"], remembered["folders"])
            if self._same_folders and same_files:
                self._unchanged_key = str(run.get("key"))
                return found
        if run.get("key") != self._current_key():
            return None
        self.store(found.findings, found.files)  # the same content with new statuses: remember those
        return found

    def store(self, findings: list[Finding], files: int) -> None:
        key = self._current_key()
        if key is None or self.secret is None:
            return
        rows = [[f.path, f.line, f.column, f.rule, str(f.severity), f.message, f.related] for f in findings]
        run = {"as_of": self.as_of.isoformat(), "key": key, "count": files, "findings": rows}
        value = {"format": _FORMAT, "version": self.version, "files": self._files, "folders": self._folders, "run": run}
        _write_signed(self.root / CACHE / RUN, self.secret, value)
