"""Building test repositories: the base fixture, and rule examples applied over it as
patches.

An example is a fenced YAML block from a rule's docstring. It holds one or more files,
each starting with a comment naming the file (``# data/...``), optionally followed by ``#
expect: dotted.path`` (where the finding must point), ``# expect: @LINE:COL`` (the same,
counted in the file as written, without these comment lines), ``# delete`` (the file is
removed) or ``# symlink: TARGET`` (the file is a link to TARGET). For cross-file rules the
YAML is a JSON merge patch (RFC 7386) over the base file: mappings merge, lists and
scalars replace, null deletes a key. For load-stage codes (YAML, SCH, FILE) the text
replaces the file as it is.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from playbook.documents import parse

BASE = Path(__file__).parent / "fixtures" / "base"


@dataclass
class PatchedFile:
    path: str
    text: str
    expect: tuple[str | int, ...] | None
    delete: bool
    expect_position: tuple[int, int] | None = None
    symlink: str | None = None


def copy_base(target: Path) -> Path:
    shutil.copytree(BASE, target, dirs_exist_ok=True)
    return target


def split_example(block: str) -> list[PatchedFile]:
    files = []
    for chunk in re.split(r"\n(?=# (?:data/|playbook\.yaml|\.github/))", block.strip("\n")):
        lines = chunk.splitlines()
        path = lines[0].removeprefix("#").strip()
        expect = None
        expect_position = None
        delete = False
        symlink = None
        body_start = 1
        for line in lines[1:]:
            if line.startswith("# expect: @"):
                line_number, column = line.split("@", 1)[1].split(":")
                expect_position = (int(line_number), int(column))
            elif line.startswith("# expect:"):
                expect = tuple(
                    int(part) if part.isdigit() else part for part in line.split(":", 1)[1].strip().split(".")
                )
            elif line.strip() == "# delete":
                delete = True
            elif line.startswith("# symlink:"):
                symlink = line.split(":", 1)[1].strip()
            else:
                break
            body_start += 1
        body = "\n".join(lines[body_start:])
        files.append(PatchedFile(path, body + "\n" if body else "", expect, delete, expect_position, symlink))
    return files


def merge_patch(target: Any, patch: Any) -> Any:
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def apply_example(root: Path, block: str, raw: bool) -> list[PatchedFile]:
    """Write an example's files over the repository at ``root``."""
    files = split_example(block)
    for patched in files:
        target = root / patched.path
        if patched.delete:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if patched.symlink is not None:
            target.symlink_to(patched.symlink)
            continue
        if raw or not patched.path.endswith(".yaml"):
            target.write_text(patched.text, encoding="utf-8")
            continue
        if not patched.text.strip():
            continue  # a file named only to say where the finding is expected
        base = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else {}
        patch = yaml.safe_load(patched.text)
        merged = merge_patch(base, patch)
        target.write_text(yaml.safe_dump(merged, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return files


def positions(root: Path, path: str, at: tuple[str | int, ...]) -> set[tuple[int, int]]:
    """The positions of the value and of the key at ``at`` in a written file."""
    document, _ = parse(path, (root / path).read_text(encoding="utf-8"))
    assert document is not None, f"{path} does not parse"
    assert at in document.values, f"{path} has no value at {'.'.join(map(str, at))}"
    return {document.values[at], document.keys.get(at, document.values[at])}
