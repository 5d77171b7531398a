"""``playbook move ACCOUNT... --to TEAM``: accounts change owner, and with it their iron triangle, region or tier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from playbook.documents import Path
from playbook.edit import files
from playbook.edit.change import Before, Plan
from playbook.edit.rename import existing_ids, unknown
from playbook.errors import PlaybookError


@dataclass(frozen=True)
class Move:
    """What the accounts become: the owner, and optionally their AR, SR, FR, region and tier."""

    to: str
    ar: str | None = None
    sr: str | None = None
    fr: str | None = None
    region: str | None = None
    tier: str | None = None
    #: An approval recorded with the move (as the settings' approval policy may require).
    approved_by: str | None = None
    reason: str | None = None


def _check_arguments(before: Before, accounts: list[str], move: Move) -> None:
    playbook = before.validation.playbook
    known_accounts = existing_ids(playbook, "account")
    for account in accounts:
        if account not in known_accounts:
            raise unknown("account", account, known_accounts)
    if len(set(accounts)) != len(accounts):
        raise PlaybookError("an account is named twice")
    checks: list[tuple[str, str | None, set[str]]] = [
        ("team", move.to, existing_ids(playbook, "team")),
        ("region", move.region, existing_ids(playbook, "region")),
        ("tier", move.tier, set(playbook.tier_by_id)),
    ]
    people = existing_ids(playbook, "person")
    checks += [("person", person, people) for person in (move.ar, move.sr, move.fr, move.approved_by)]
    for kind, identifier, known in checks:
        if identifier is not None and identifier not in known:
            raise unknown(kind, identifier, known)
    if (move.approved_by is None) != (move.reason is None):
        raise PlaybookError("an approval needs both --approved-by and --reason")


def plan(before: Before, accounts: list[str], move: Move, today: date) -> Plan:
    """The plan of the move; PlaybookError for a bad argument."""
    _check_arguments(before, accounts, move)
    playbook = before.validation.playbook
    change = Plan()
    for account_id in accounts:
        account = playbook.account_by_id[account_id]
        model = account.model
        changes: dict[Path, Any] = {}
        said: list[str] = []
        for field, old, new in (
            ("owner", model.owner, move.to),
            ("region", model.region, move.region),
            ("tier", model.tier, move.tier),
        ):
            if new is not None and new != old:
                changes[(field,)] = new
                said.append(f"{field} {old} -> {new}")
        for role in ("ar", "sr", "fr"):
            person = getattr(move, role)
            held = list(getattr(model.iron_triangle, role))
            if person is not None and held != [person]:
                changes[("iron_triangle", role)] = [person]
                said.append(f"{role.upper()} {', '.join(held) or 'none'} -> {person}")
        if not changes:
            continue
        if move.approved_by is not None and move.reason is not None:
            approval = {"change": "owner", "to": move.to, "approved_by": move.approved_by}
            approval |= {"approved_on": today.isoformat(), "reason": move.reason}
            changes[("approvals",)] = files.Append(approval)
            said.append(f"approval by {move.approved_by}")
        path = account.document.path
        change.write(path, files.rewrite(path, (before.root / path).read_bytes(), changes))
        change.described.append(f"moved {account_id}: {'; '.join(said)}")
    return change
