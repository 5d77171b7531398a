"""The pull-request gate's approval policy: changes that need an approval recorded in the data.

``playbook.yaml`` lists the kinds of change that need more than a passing check (an account
moving to another team, a tier change, a change to a tier's criteria), optionally only for
some tiers. The change must then add an approval to the data itself: who approved, when and
why. The gate compares the base revision with the working tree and reports a change that
lacks its approval as an error.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from playbook.findings import Finding, Severity
from playbook.models.settings import Approval, ApprovalPolicy
from playbook.repository import Playbook


def _policies(head: Playbook, change: str) -> list[ApprovalPolicy]:
    if head.settings is None:
        return []
    return [policy for policy in head.settings.model.approvals_required if policy.change == change]


def _applies(policies: list[ApprovalPolicy], *tiers: str) -> bool:
    return any(not policy.tiers or set(policy.tiers) & set(tiers) for policy in policies)


def _added(before: list[Approval], after: list[Approval]) -> list[tuple[int, Approval]]:
    return [(index, approval) for index, approval in enumerate(after) if approval not in before]


def check(base: Playbook, head: Playbook, renamed_teams: Mapping[str, str] | None = None) -> list[Finding]:
    """The gate's findings about the change from ``base`` to ``head``.

    ``renamed_teams`` (old id -> new id): an account that only followed its team's new id
    has not moved, and needs no approval of a move.
    """
    account_changes = set(_account_changes(base, head, renamed_teams or {}))
    return sorted(account_changes | set(_criteria_changes(base, head)) | set(_approvers(base, head)))


def _finding(path: str, position: tuple[int, int], rule: str, message: str) -> Finding:
    return Finding(path, position[0], position[1], rule, Severity.ERROR, message)


def _account_changes(base: Playbook, head: Playbook, renamed_teams: Mapping[str, str]) -> Iterator[Finding]:
    before = {account.model.id: account.model for account in base.accounts}
    for account in head.accounts:
        old = before.get(account.model.id)
        if old is None:
            continue
        new = account.model
        added = [approval for _, approval in _added(old.approvals, new.approvals)]
        for change, field, old_value, new_value in (
            ("owner", "owner", renamed_teams.get(old.owner, old.owner), new.owner),
            ("tier", "tier", old.tier, new.tier),
        ):
            if old_value == new_value or not _applies(_policies(head, change), old.tier, new.tier):
                continue
            if any(approval.change == change and approval.to == new_value for approval in added):
                continue
            yield _finding(
                account.document.path,
                account.document.locate((field,)),
                "GATE001",
                f"{field} of '{new.id}' changes from '{old_value}' to '{new_value}': the policy requires an "
                f"approval; add to approvals: {{change: {change}, to: {new_value}, approved_by: ..., "
                "approved_on: ..., reason: ...}",
            )


def _criteria_changes(base: Playbook, head: Playbook) -> Iterator[Finding]:
    if base.tiers is None or head.tiers is None:
        return
    policies = _policies(head, "criteria")
    before = {tier.id: tier for tier in base.tiers.model.tiers}
    added = [approval for _, approval in _added(base.tiers.model.approvals, head.tiers.model.approvals)]
    for index, tier in enumerate(head.tiers.model.tiers):
        old = before.get(tier.id)
        if old is None or (old.criteria, old.criteria_match) == (tier.criteria, tier.criteria_match):
            continue
        if not _applies(policies, tier.id):
            continue
        if any(approval.change == "criteria" and approval.tier == tier.id for approval in added):
            continue
        yield _finding(
            head.tiers.document.path,
            head.tiers.document.locate(("tiers", index, "criteria")),
            "GATE001",
            f"the criteria of tier '{tier.id}' change: the policy requires an approval; add to approvals: "
            f"{{change: criteria, tier: {tier.id}, approved_by: ..., approved_on: ..., reason: ...}}",
        )


def _approvers(base: Playbook, head: Playbook) -> Iterator[Finding]:
    allowed = set(head.tiers.model.approvers) if head.tiers else set()
    before = {account.model.id: account.model.approvals for account in base.accounts}
    sources = [
        (account.document, before.get(account.model.id, []), account.model.approvals) for account in head.accounts
    ]
    if head.tiers is not None:
        sources.append(
            (head.tiers.document, base.tiers.model.approvals if base.tiers else [], head.tiers.model.approvals)
        )
    for document, old, new in sources:
        for index, approval in _added(old, new):
            if approval.approved_by not in allowed:
                yield _finding(
                    document.path,
                    document.locate(("approvals", index, "approved_by")),
                    "GATE002",
                    f"'{approval.approved_by}' is not among the approvers in data/tiers.yaml "
                    f"({', '.join(sorted(allowed)) or 'none listed'})",
                )
