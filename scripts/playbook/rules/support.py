"""The simplified model: a supporting team has the sellers' dotted lines and is credited on their key accounts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook.findings import Severity
from playbook.models import Team
from playbook.ownership import relies_on_support, supporters, supporting_teams
from playbook.regions import region_tree
from playbook.repository import Playbook, Sourced
from playbook.rules.registry import Hit, rule


def supported_regional_teams(playbook: Playbook, team: Team) -> list[Sourced[Team]]:
    """The regional teams whose regions overlap the supporting team's: the offices it backs."""
    tree = region_tree(playbook)
    covered = tree.leaves_of(team.scope.regions)
    return [
        regional
        for regional in playbook.teams
        if regional.model.type == "regional" and tree.leaves_of(regional.model.scope.regions) & covered
    ]


def _has_dotted_line(regional: Team, supporting: Team) -> bool:
    """Whether the regional team, or one of its members, reports on a dotted line into the supporting team."""
    if regional.reports_to is not None and supporting.id in regional.reports_to.dotted:
        return True
    people = {member.id for member in supporting.members}
    return any(member.reports_to is not None and people & set(member.reports_to.dotted) for member in regional.members)


@rule("COV010", "support-without-dotted-line", shared=True)
def support_without_dotted_line(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A supporting team has no dotted line from a regional team it supports.

    ## What it does
    For each key-account or government team with `ownership: supports`, finds the regional
    teams whose regions overlap its scope (the offices that keep the key accounts) and
    checks that each of them reports to it on a dotted line: the regional team's
    `reports_to.dotted` names the supporting team, or a member's `reports_to.dotted` names
    one of its members. It points at the supporting team's `ownership`.

    ## Why is this bad?
    In the simplified model the key-account director owns no account: his hold on the key
    accounts is the dotted line from the office sellers, through which he assigns work,
    reviews the accounts and trains. Without it he carries the key-account number for
    accounts nobody has agreed to let him steer, and the offices see one more overlay
    asking for credit.

    ## Example
    ```yaml
    # data/teams/finance-key-accounts.yaml
    # expect: ownership
    ownership: supports
    ```

    ## Use instead
    ```yaml
    # data/teams/finance-key-accounts.yaml
    ownership: supports
    # data/teams/north-region.yaml
    members:
      - {id: nick-north, name: {en: Nick North}, roles: [ar], reports_to: {dotted: [nina-lead]}}
    # data/teams/south-region.yaml
    reports_to: {dotted: [finance-key-accounts]}
    ```
    """
    for supporting in supporting_teams(playbook):
        missing = [
            regional.model.id
            for regional in supported_regional_teams(playbook, supporting.model)
            if not _has_dotted_line(regional.model, supporting.model)
        ]
        if missing:
            names = ", ".join(f"'{team}'" for team in missing)
            yield Hit(
                supporting.document,
                ("ownership",) if ("ownership",) in supporting.document.values else ("id",),
                f"'{supporting.model.id}' supports the regional owners of its scope, but nobody in {names} reports "
                f"to it on a dotted line: add reports_to: {{dotted: [{supporting.model.lead}]}} to the "
                "sellers who keep its key accounts, or the team's own reports_to",
            )


@rule("COV011", "support-not-credited", Severity.WARNING)
def support_not_credited(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A regional team owns an account only through a supporting team that the account does not credit.

    ## What it does
    For an account whose tier lets its owner's team type own it only where a supporting
    team covers it (`supported_owner_team_types`), checks that one of the supporting teams
    covering the account is listed under `overlays`.

    ## Why is this bad?
    The supporting key-account team carries the key-account number: its credit is counted
    on top of the regional owner's (double credit). An account it does not credit is a key
    account its director answers for without it counting towards his target, which is the
    quickest way to lose his attention.

    ## Example
    ```yaml
    # data/tiers.yaml
    tiers:
      - id: key
        name: {en: Key}
        rank: 1
        description: Big revenue or a showcase; the regions keep them where a directorate supports them.
        owner_team_types: [key_account, government]
        supported_owner_team_types: [regional]
        iron_triangle_required: false
        management_lines: {esp: critical, mci: important, tas: important, ecm: critical, prm: important, csm: important}
        review_cadence_days: 90
    # data/teams/finance-key-accounts.yaml
    ownership: supports
    # data/accounts/acme/account.yaml
    # expect: overlays
    owner: north-region
    iron_triangle: {ar: [nick-north], sr: [sam-sr], fr: [fay-fr]}
    contacts: []
    actions: []
    ```

    ## Use instead
    ```yaml
    # data/tiers.yaml
    tiers:
      - id: key
        name: {en: Key}
        rank: 1
        description: Big revenue or a showcase; the regions keep them where a directorate supports them.
        owner_team_types: [key_account, government]
        supported_owner_team_types: [regional]
        iron_triangle_required: false
        management_lines: {esp: critical, mci: important, tas: important, ecm: critical, prm: important, csm: important}
        review_cadence_days: 90
    # data/teams/finance-key-accounts.yaml
    ownership: supports
    # data/accounts/acme/account.yaml
    owner: north-region
    overlays:
      - {team: cloud-solutions, credit_pct: 100, role: Cloud platform}
      - {team: finance-key-accounts, credit_pct: 100, role: Key-account director}
    iron_triangle: {ar: [nick-north], sr: [sam-sr], fr: [fay-fr]}
    contacts: []
    actions: []
    ```
    """
    for account in playbook.accounts:
        owner = playbook.team_by_id.get(account.model.owner)
        if owner is None or not relies_on_support(playbook, account.model, owner.model):
            continue
        backing = [team.model.id for team in supporters(playbook, account.model)]
        if not backing or {overlay.team for overlay in account.model.overlays} & set(backing):
            continue  # no supporter at all is COV001's
        at = ("overlays",) if ("overlays",) in account.document.values else ("owner",)
        yield Hit(
            account.document,
            at,
            f"'{account.model.owner}' owns '{account.model.id}' because '{backing[0]}' supports it, but the account "
            f"does not credit '{backing[0]}': list it under overlays with its credit (double credit: up to 100)",
        )
