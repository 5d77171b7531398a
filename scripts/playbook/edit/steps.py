"""Several changes carried out one after the other, as one plan checked once.

Each step is planned on the repository as the steps before it leave it: in a copy of the
data, where each step's plan is written once it is made. The steps' plans then make one plan
against the repository as it is: every file whose bytes differ, every file made, and the
renames followed through (a team renamed twice is renamed once). Nothing is written to the
repository here; the one plan is checked and written as any command's plan is.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from playbook import layout
from playbook.edit import EditRefused, change, transaction
from playbook.edit.change import Before, Plan
from playbook.errors import PlaybookError

#: A step: where it was written (for messages), and the plan it makes of the repository as it is then.
Step = tuple[str, Callable[[Before, date], Plan]]


def plan(before: Before, steps: Sequence[Step], today: date, progress: Callable[[str], None]) -> Plan:
    """The one plan of the steps, each made on top of the ones before; PlaybookError naming a step that fails."""
    with tempfile.TemporaryDirectory(prefix="playbook-change-") as folder:
        copy = Path(folder)
        _copy(before.root, copy)
        now = dataclasses.replace(before, root=copy)
        renamed: list[tuple[str, str]] = []  # (path in the repository, path in the copy)
        described: list[str] = []
        for where, make_plan in steps:
            progress(f"{where}: planning")
            try:
                step = make_plan(now, today)
            except (PlaybookError, EditRefused) as failed:
                raise PlaybookError(f"{where}: {failed}; nothing written") from None
            described.extend(step.described)
            if not step.writes and not step.renames:
                continue
            now = change.left_by(now, step)
            transaction.apply(copy, step)
            renamed = _followed(renamed, step.renames, before.root)
        return _total(before, copy, renamed, described)


def _copy(root: Path, copy: Path) -> None:
    """The files a plan reads and writes: the settings file and data/ (CODEOWNERS is made by the check)."""
    shutil.copytree(root / layout.DATA, copy / layout.DATA)
    settings = root / layout.SETTINGS
    if settings.is_file():
        shutil.copyfile(settings, copy / layout.SETTINGS)


def _followed(renamed: list[tuple[str, str]], renames: list[tuple[str, str]], root: Path) -> list[tuple[str, str]]:
    """The renames so far with a step's renames made after them."""
    followed = list(renamed)
    for old, new in renames:
        earlier = next((index for index, (_, now) in enumerate(followed) if now == old), None)
        if earlier is not None:
            followed[earlier] = (followed[earlier][0], new)
        elif (root / old).exists():
            followed.append((old, new))
        # else a file an earlier step made: it is made where it is now
    return [(old, new) for old, new in followed if old != new]


def _total(before: Before, copy: Path, renamed: list[tuple[str, str]], described: list[str]) -> Plan:
    """The plan that takes the repository to what the copy holds."""
    total = Plan(renames=renamed, described=described)

    def original(path: str) -> str:
        for old, new in renamed:
            if path == new or path.startswith(f"{new}/"):
                return old + path[len(new) :]
        return path

    left = set(before.files)
    for path in layout.data_files(copy):
        source = original(path)
        if source == path and total.path_after(path) != path:
            raise PlaybookError(
                f"{path} is renamed by one step and made anew by another: carry them out as two changes; "
                "nothing written"
            )
        left.discard(source)
        raw = (copy / path).read_bytes()
        if not (before.root / source).is_file() or (before.root / source).read_bytes() != raw:
            total.writes[source] = raw
    if left:
        raise PlaybookError(f"the steps remove {sorted(left)[0]}, which a change cannot do; nothing written")
    return total
