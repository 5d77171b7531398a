"""Who owns a customer and who supports its owner: the full and the simplified coverage models.

A named-account team (key-account or government) either *owns* the customers named to it
(the full model: key accounts leave the regions) or *supports* the regional teams that keep
them (the simplified model: a key-account director per big region owns no account, evaluates
and backs the regional sellers, and carries the key-account number with double credit). A
team's claim on a customer is its scope: a row (an industry for key-account teams, a domain
for government teams) in a region at or below one of its scope regions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from playbook.models import Account, Team
from playbook.regions import region_tree
from playbook.repository import Playbook, Sourced

#: Named-account team types, and the scope list (besides regions) that names their customers.
NAMED_SCOPES: dict[str, str] = {"key_account": "industries", "government": "domains"}


def row_of(kind: str, account: Account) -> str | None:
    """The value of ``account`` a named team of type ``kind`` is organised by: its industry or its domain."""
    return account.industry if kind == "key_account" else account.domain


def covers(playbook: Playbook, team: Team, row: str | None, region: str) -> bool:
    """Whether a named-account team's scope takes in ``row`` in ``region`` (a region at or below its scope)."""
    section = NAMED_SCOPES.get(team.type)
    if section is None or row is None or row not in getattr(team.scope, section):
        return False
    return region_tree(playbook).within(region, team.scope.regions)


def supporting_teams(playbook: Playbook) -> list[Sourced[Team]]:
    """The named-account teams that support regional owners, in file order."""
    return playbook.derived("supporting-teams", lambda book: [team for team in book.teams if team.model.supports])


def supporters(playbook: Playbook, account: Account) -> Iterator[Sourced[Team]]:
    """The supporting teams whose scope takes in the account."""
    for team in supporting_teams(playbook):
        if covers(playbook, team.model, row_of(team.model.type, account), account.region):
            yield team


def owning_claimant(playbook: Playbook, kind: str, account: Account) -> Sourced[Team] | None:
    """The first team of type ``kind`` that owns its named customers and whose scope takes in the account."""
    row = row_of(kind, account)
    return _owning_claims(playbook).get((kind, row, account.region)) if row is not None else None


def _owning_claims(playbook: Playbook) -> dict[tuple[str, str, str], Sourced[Team]]:
    """(team type, row, region) to the first owning named-account team whose scope takes it in, at every level."""

    def work_out(book: Playbook) -> dict[tuple[str, str, str], Sourced[Team]]:
        tree = region_tree(book)
        claims: dict[tuple[str, str, str], Sourced[Team]] = {}
        for team in book.teams:
            section = NAMED_SCOPES.get(team.model.type)
            if section is None or team.model.supports:
                continue
            below = {region for scope in team.model.scope.regions for region in tree.subtree(scope)}
            for row in getattr(team.model.scope, section):
                for region in below:
                    claims.setdefault((team.model.type, row, region), team)
        return claims

    return playbook.derived("owning-claims", work_out)


def relies_on_support(playbook: Playbook, account: Account, owner: Team) -> bool:
    """Whether the owner may own the account only because a supporting team covers it (by the tier)."""
    tier = playbook.tier_of(account)
    return (
        tier is not None
        and owner.type not in tier.owner_team_types
        and owner.type in tier.supported_owner_team_types
        and not owner.supports
    )


def held_in_support(playbook: Playbook, owner: str, overlays: Iterable[str], person: str) -> bool:
    """Whether ``person`` holds an account as AR in the simplified model.

    Either the person stands in from a supporting team that does not own the account, or the
    account's owner is a regional team and the account credits a supporting team.
    """
    teams = playbook.team_by_id
    member = playbook.person_by_id.get(person)
    if member is not None and member.team.model.supports and member.team.model.id != owner:
        return True
    owning = teams.get(owner)
    return (
        owning is not None
        and owning.model.type == "regional"
        and any(team in teams and teams[team].model.supports for team in overlays)
    )


def regions_without_regional_team(playbook: Playbook) -> tuple[str, ...]:
    """The regions no regional team covers, whole subtrees named by their top, in taxonomy order."""
    tree = region_tree(playbook)
    covered = tree.leaves_of(
        region for team in playbook.teams if team.model.type == "regional" for region in team.model.scope.regions
    )
    leaves = [region for region in tree.parents if tree.is_leaf(region) and region not in covered]
    return tree.maximal(leaves)
