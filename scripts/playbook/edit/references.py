"""Where each kind of id is referred to: the fields a rename rewrites, in every kind of file.

Each pattern is a path into a file's data, ``*`` standing for every item of a list; a
pattern may hold only where a sibling field has a value (an approval's ``to`` names a team
only when the approval is of an owner change). A new field that refers to an id is added
here, and ``playbook rename`` follows it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from playbook.documents import Path
from playbook.repository import Playbook, Sourced


@dataclass(frozen=True)
class Pattern:
    path: tuple[str, ...]
    #: (sibling field, value) that must hold for the pattern to apply.
    when: tuple[str, str] | None = None

    def __str__(self) -> str:
        shown = ".".join("[]" if step == "*" else step for step in self.path).replace(".[]", "[]")
        return shown + (f" (when {self.when[0]} is {self.when[1]})" if self.when else "")


def _patterns(*specs: str) -> tuple[Pattern, ...]:
    patterns = []
    for spec in specs:
        path, _, condition = spec.partition(" if ")
        field, _, value = condition.partition("=")
        patterns.append(Pattern(tuple(path.split(".")), (field, value) if condition else None))
    return tuple(patterns)


#: Kind of id -> file kind -> the fields that hold such an id.
REFERENCES: dict[str, dict[str, tuple[Pattern, ...]]] = {
    "team": {
        "team": _patterns("id", "reports_to.solid", "reports_to.dotted.*"),
        "account": _patterns("owner", "overlays.*.team", "opportunities.*.overlay", "approvals.*.to if change=owner"),
    },
    "person": {
        "team": _patterns("lead", "members.*.id", "members.*.reports_to.solid", "members.*.reports_to.dotted.*"),
        "account": _patterns(
            "iron_triangle.ar.*",
            "iron_triangle.sr.*",
            "iron_triangle.fr.*",
            "acting_ar.*.person",
            "contacts.*.owner",
            "contacts.*.backup",
            "actions.*.owner",
            "exception.approved_by",
            "approvals.*.approved_by",
        ),
        "assessment": _patterns("assessor"),
        "tiers": _patterns("approvers.*", "approvals.*.approved_by"),
    },
    "region": {
        "taxonomy": _patterns("regions.*.id", "regions.*.parent"),
        "team": _patterns("scope.regions.*"),
        "account": _patterns("region"),
    },
    "industry": {
        "taxonomy": _patterns("industries.*.id"),
        "team": _patterns("scope.industries.*"),
        "account": _patterns("industry"),
    },
    "domain": {
        "taxonomy": _patterns("government_domains.*.id"),
        "team": _patterns("scope.domains.*"),
        "account": _patterns("domain"),
    },
    "account": {"account": _patterns("id")},
}

KINDS = tuple(REFERENCES)


def _matches(value: Any, steps: tuple[str, ...], at: Path, pattern: Pattern, wanted: str) -> Iterator[Path]:
    if value is None:
        return
    if not steps:
        if value == wanted:
            yield at
        return
    step, rest = steps[0], steps[1:]
    if step == "*":
        for index, item in enumerate(value):
            yield from _matches(item, rest, (*at, index), pattern, wanted)
        return
    if not rest and pattern.when is not None and getattr(value, pattern.when[0], None) != pattern.when[1]:
        return
    yield from _matches(getattr(value, step, None), rest, (*at, step), pattern, wanted)


def files_of(playbook: Playbook, file_kind: str) -> list[Sourced[Any]]:
    """The loaded files of one kind."""
    single = {"settings": playbook.settings, "taxonomy": playbook.taxonomy, "tiers": playbook.tiers}
    if file_kind in single:
        found = single[file_kind]
        return [found] if found is not None else []
    many: dict[str, list[Sourced[Any]]] = {
        "team": playbook.teams,
        "account": playbook.accounts,
        "assessment": playbook.assessments,
    }
    return list(many[file_kind])


def find(playbook: Playbook, kind: str, identifier: str) -> dict[str, list[Path]]:
    """Every place the id of ``kind`` is referred to: root-relative file path -> paths in its data."""
    found: dict[str, list[Path]] = {}
    for file_kind, patterns in REFERENCES[kind].items():
        for sourced in files_of(playbook, file_kind):
            for pattern in patterns:
                for at in _matches(sourced.model, pattern.path, (), pattern, identifier):
                    found.setdefault(sourced.document.path, []).append(at)
    return found


def described() -> list[tuple[str, str, str]]:
    """The reference map as (kind, file kind, fields) rows, for the documentation."""
    return [
        (kind, file_kind, ", ".join(str(pattern) for pattern in patterns))
        for kind, by_file in REFERENCES.items()
        for file_kind, patterns in by_file.items()
    ]
