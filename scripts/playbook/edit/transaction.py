"""Writing a plan all at once or not at all.

Every new content is first written beside its file under a hidden name (the reader skips
hidden files), so a full disk or a refused permission stops the change before any file is
touched. Then the files are replaced and the renames made; if any step fails, what was done
is undone, in reverse, and the error is raised.
"""

from __future__ import annotations

from pathlib import Path

from playbook.edit.change import Plan

STAGED_SUFFIX = ".playbook-new"


def _staged(target: Path) -> Path:
    return target.with_name(f".{target.name}{STAGED_SUFFIX}")


def apply(root: Path, plan: Plan) -> None:
    """Make the plan's writes and renames, all of them or none."""
    for old, new in plan.renames:
        if not (root / old).exists():
            raise FileNotFoundError(2, "nothing to rename", old)
        if (root / new).exists():
            raise FileExistsError(17, "already exists", new)
    staged: list[tuple[Path, Path, bytes | None]] = []
    try:
        for path, content in plan.writes.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            original = target.read_bytes() if target.is_file() else None
            _staged(target).write_bytes(content)
            staged.append((target, _staged(target), original))
    except BaseException:
        for _, temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    replaced: list[tuple[Path, bytes | None]] = []
    renamed: list[tuple[Path, Path]] = []
    try:
        for target, temporary, original in staged:
            temporary.replace(target)
            replaced.append((target, original))
        for old, new in plan.renames:
            (root / new).parent.mkdir(parents=True, exist_ok=True)
            (root / old).rename(root / new)
            renamed.append((root / old, root / new))
    except BaseException:
        _undo(staged, replaced, renamed)
        raise


def _undo(
    staged: list[tuple[Path, Path, bytes | None]],
    replaced: list[tuple[Path, bytes | None]],
    renamed: list[tuple[Path, Path]],
) -> None:
    for old, new in reversed(renamed):
        new.rename(old)
    for target, original in reversed(replaced):
        if original is None:
            target.unlink(missing_ok=True)
        else:
            _staged(target).write_bytes(original)
            _staged(target).replace(target)
    for _, temporary, _ in staged:
        temporary.unlink(missing_ok=True)
