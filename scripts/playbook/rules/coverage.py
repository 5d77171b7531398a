"""Coverage: every customer has exactly one owning front-line team; scopes leave no gap and no overlap."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook.findings import Severity
from playbook.models import Account, Team
from playbook.models.team import OWNING_TEAM_TYPES
from playbook.ownership import NAMED_SCOPES, covers, owning_claimant, row_of, supporters
from playbook.regions import region_tree
from playbook.repository import Playbook, Sourced
from playbook.rules.registry import Hit, rule

__all__ = ["NAMED_SCOPES", "known_terms", "team_type_word"]
#: How messages name a team type.
TEAM_TYPE_WORDS: dict[str, str] = {"key_account": "key-account"}
_TAXONOMY_OF_SCOPE = {"regions": "regions", "industries": "industries", "domains": "government_domains"}


def team_type_word(kind: str) -> str:
    return TEAM_TYPE_WORDS.get(kind, kind)


def _rows(team: Team) -> list[str]:
    section = NAMED_SCOPES.get(team.type)
    return list(getattr(team.scope, section)) if section else []


def _domain_words(account: Account) -> str:
    return f" (domain '{account.domain}')" if account.domain else ""


def _owned(playbook: Playbook) -> Iterator[tuple[Sourced[Account], Sourced[Team]]]:
    """Every account whose owning team is defined, with that team."""
    for account in playbook.accounts:
        owner = playbook.team_by_id.get(account.model.owner)
        if owner is not None:
            yield account, owner


def known_terms(playbook: Playbook, section: str) -> set[str] | None:
    """The ids of a taxonomy section (None when the taxonomy did not load)."""
    if playbook.taxonomy is None:
        return None
    return {term.id for term in getattr(playbook.taxonomy.model, _TAXONOMY_OF_SCOPE[section])}


@rule("COV001", "owner-type-not-allowed")
def owner_type_not_allowed(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account is owned by a type of team that its tier does not allow.

    ## What it does
    Checks that the type of an account's owning team is among its tier's
    `owner_team_types` in `data/tiers.yaml`, or among its `supported_owner_team_types`
    while a named-account team with `ownership: supports` covers the account (the
    simplified model, where regional offices keep key accounts that a key-account
    directorate backs).

    ## Why is this bad?
    The tier decides how a customer is managed: a key account needs account management and
    relationship work that a regional team, built for a fast and simple sales process, does
    not give; a small customer parked with a key-account team costs attention it will never
    repay. Owning team and tier must agree, or the tier's promise is empty.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: owner
    owner: north-region
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    owner: finance-key-accounts
    ```
    """
    for account, owner in _owned(playbook):
        tier = playbook.tier_of(account.model)
        kind = owner.model.type
        if tier is None or kind not in OWNING_TEAM_TYPES or kind in tier.owner_team_types or owner.model.supports:
            continue  # a supporting team as owner is COV002's
        if kind in tier.supported_owner_team_types:
            if any(supporters(playbook, account.model)):
                continue
            yield Hit(
                account.document,
                ("owner",),
                f"account '{account.model.id}' is in tier '{tier.id}', which {kind} teams may own only where a "
                f"supporting named-account team covers the account, and none covers '{account.model.industry}'"
                f"{_domain_words(account.model)} in '{account.model.region}': hand it to a team of type "
                f"{', '.join(tier.owner_team_types)}, or add it to a supporting team's scope",
            )
            continue
        yield Hit(
            account.document,
            ("owner",),
            f"account '{account.model.id}' is in tier '{tier.id}', which {kind} teams may not own "
            f"('{owner.model.id}' is {kind}; allowed: {', '.join(tier.owner_team_types)}): "
            "hand it to a team of an allowed type, or move it to the tier that fits",
            related=((owner.document, ("type",)),),
        )


@rule("COV002", "overlay-team-owns")
def overlay_team_owns(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account is owned by a solution, delivery or partner team, or by a team that supports owners.

    ## What it does
    Checks that an account's `owner` is a regional, key-account or government team, and not
    a named-account team with `ownership: supports` (which owns no account by definition).

    ## Why is this bad?
    Overlay teams sell alongside an owner or support it; they are credited on top of the
    owner, not instead of it. An account owned by an overlay team has no front-line owner
    for the relationship, the contract and the payment. In the simplified model the
    key-account directorate supports the regional sellers who keep the key accounts: made
    the owner, it would take the accounts away from the offices it is there to back.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: owner
    owner: cloud-solutions
    overlays: []
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    owner: finance-key-accounts
    overlays:
      - {team: cloud-solutions, credit_pct: 100, role: Cloud platform}
    ```
    """
    for account, owner in _owned(playbook):
        kind = owner.model.type
        if owner.model.supports:
            yield Hit(
                account.document,
                ("owner",),
                f"'{owner.model.id}' supports the regional owners and owns no account: make the regional team of "
                f"'{account.model.region}' the owner of '{account.model.id}' and list '{owner.model.id}' under "
                "overlays with its credit",
            )
        elif kind not in OWNING_TEAM_TYPES:
            yield Hit(
                account.document,
                ("owner",),
                f"'{owner.model.id}' is a {kind} team and overlay teams never own customers: make the "
                f"named-account or regional team the owner of '{account.model.id}' and list "
                f"'{owner.model.id}' under overlays",
            )


@rule("COV003", "overlay-conflict")
def overlay_conflict(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An overlay entry names the owner, repeats a team, or names a team that owns customers.

    ## What it does
    Checks each entry of an account's `overlays`: its team must not be the owning team,
    must not be listed twice, and must be a solution, delivery or partner team, or a
    named-account team with `ownership: supports` whose scope takes in the account (the
    simplified model's key-account directorate, credited on top of the regional owner).

    ## Why is this bad?
    Overlays record who else sells or supports, and how much credit each is given on top of
    the owner. The owner counted again as an overlay, or one team counted twice, inflates
    the credit; a regional or named-account team that owns customers, as an overlay, is a
    second owner in disguise, the overlap the coverage model exists to prevent. A
    supporting team credited on an account outside its scope carries a number it does not
    answer for.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: overlays.1.team
    overlays:
      - {team: cloud-solutions, credit_pct: 100, role: Cloud platform}
      - {team: finance-key-accounts, credit_pct: 50}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    overlays:
      - {team: cloud-solutions, credit_pct: 100, role: Cloud platform}
      - {team: delivery, credit_pct: 0, role: Implementation}
    ```
    """
    for account in playbook.accounts:
        model = account.model
        seen: set[str] = set()
        for index, overlay in enumerate(model.overlays):
            team = playbook.team_by_id.get(overlay.team)
            if overlay.team == model.owner:
                problem = f"team '{overlay.team}' owns '{model.id}' and cannot also overlay it: remove this entry"
            elif overlay.team in seen:
                problem = (
                    f"team '{overlay.team}' is listed twice among the overlays of '{model.id}': "
                    "keep one entry with its whole credit share"
                )
            elif team is not None and team.model.supports:
                row = row_of(team.model.type, model)
                problem = (
                    ""
                    if covers(playbook, team.model, row, model.region)
                    else f"'{overlay.team}' supports the regional owners of {', '.join(_rows(team.model))} in "
                    f"{', '.join(team.model.scope.regions)}, which does not take in '{model.id}' "
                    f"({row or 'no domain'} in '{model.region}'): remove it, or widen its scope"
                )
            elif team is not None and team.model.type in OWNING_TEAM_TYPES:
                problem = (
                    f"'{overlay.team}' is a {team_type_word(team.model.type)} team, which owns customers "
                    f"and cannot overlay '{model.id}': remove it, or name a solution, delivery or partner team"
                )
            else:
                problem = ""
            seen.add(overlay.team)
            if problem:
                yield Hit(account.document, ("overlays", index, "team"), problem)


@rule("COV007", "account-outside-owner-scope")
def account_outside_owner_scope(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account's region, industry or domain is outside its owning team's scope.

    ## What it does
    Checks that the account's `region` lies at or below one of the owning team's scope
    regions (regions nest: a team on a big region covers its provinces and cities); for a
    key-account owner, that its `industry` is among the scope industries; for a government
    owner, that its `domain` is set and among the scope domains. An account that names a
    big region while its owner covers only some of its provinces is outside too: name the
    province or city. Values the taxonomy does not define, and scope lists that are empty,
    are left to other rules.

    ## Why is this bad?
    A team's scope is its promise of what it covers. An account outside it is owned by a
    team that does not cover that market, while the team that does cover it counts it as
    its own: an overlap on paper that turns into a gap in practice.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: industry
    industry: energy
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    industry: banking
    ```
    """
    known = {section: known_terms(playbook, section) for section in _TAXONOMY_OF_SCOPE}
    tree = region_tree(playbook)
    for account, owner in _owned(playbook):
        model, kind = account.model, owner.model.type
        if kind not in OWNING_TEAM_TYPES:
            continue
        checks: list[tuple[str, str, str | None]] = [("regions", "region", model.region)]
        if kind == "key_account":
            checks.append(("industries", "industry", model.industry))
        elif kind == "government":
            checks.append(("domains", "domain", model.domain))
        for section, field, value in checks:
            scope = getattr(owner.model.scope, section)
            defined = known[section]
            inside = value in scope or (section == "regions" and value is not None and tree.within(value, scope))
            if not scope or inside or (value is not None and defined is not None and value not in defined):
                continue
            narrower = [region for region in scope if value in tree.ancestors(region)] if section == "regions" else []
            if value is None:
                yield Hit(
                    account.document,
                    ("owner",),
                    f"account '{model.id}' has no domain but its owner '{owner.model.id}' is a government team "
                    f"covering {', '.join(scope)}: set the account's domain",
                    related=((owner.document, ("scope", section)),),
                )
            elif narrower:
                yield Hit(
                    account.document,
                    (field,),
                    f"region '{value}' of account '{model.id}' is wider than the scope of its owner "
                    f"'{owner.model.id}' ({', '.join(scope)}), which covers only part of it: name the province or "
                    "city the customer sits in",
                )
            else:
                yield Hit(
                    account.document,
                    (field,),
                    f"{field} '{value}' of account '{model.id}' is outside the scope of its owner "
                    f"'{owner.model.id}' ({', '.join(scope)}): hand the account to the team that covers "
                    f"'{value}', or correct the {field}",
                    related=((owner.document, ("scope", section)),),
                )


@rule("COV009", "regional-owns-named-account", Severity.WARNING)
def regional_owns_named_account(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A regional team owns an account that a named-account team covers and may own.

    ## What it does
    For an account owned by a regional team, checks whether a key-account team that owns
    its named customers covers its (industry, region), or such a government team covers
    its (domain, region), while the account's tier allows that team type to own it. A
    team with `ownership: supports` claims no customer: the regional team keeping the
    account is what it is there for.

    ## Why is this bad?
    A customer goes to a named-account team when it is named to one, and to the regional
    team only by default. When the named team's scope claims the customer and the tier lets
    it own it, leaving it with the region is the classic overlap: two teams that each
    believe the customer is theirs. Either hand it over, or narrow the named team's scope.

    ## Example
    ```yaml
    # data/tiers.yaml
    tiers:
      - id: key
        name: {en: Key}
        rank: 1
        description: Big revenue or a showcase; a regional team may keep one outside the named markets.
        owner_team_types: [key_account, government, regional]
        iron_triangle_required: true
        management_lines: {esp: critical, mci: important, tas: important, ecm: critical, prm: important, csm: important}
        review_cadence_days: 90
    # data/accounts/acme/account.yaml
    # expect: owner
    owner: north-region
    ```

    ## Use instead
    ```yaml
    # data/tiers.yaml
    tiers:
      - id: key
        name: {en: Key}
        rank: 1
        description: Big revenue or a showcase; a regional team may keep one outside the named markets.
        owner_team_types: [key_account, government, regional]
        iron_triangle_required: true
        management_lines: {esp: critical, mci: important, tas: important, ecm: critical, prm: important, csm: important}
        review_cadence_days: 90
    # data/accounts/acme/account.yaml
    industry: energy
    owner: north-region
    ```
    """
    for account, owner in _owned(playbook):
        model = account.model
        tier = playbook.tier_of(model)
        if tier is None or owner.model.type != "regional" or "regional" not in tier.owner_team_types:
            continue  # another owner type, or one COV001 reports
        for kind, value in (("key_account", model.industry), ("government", model.domain)):
            team = owning_claimant(playbook, kind, model) if value is not None else None
            claimant = team.model.id if team is not None else None
            if claimant is not None and kind in tier.owner_team_types:
                yield Hit(
                    account.document,
                    ("owner",),
                    f"regional team '{owner.model.id}' owns '{model.id}', but {team_type_word(kind)} team "
                    f"'{claimant}' covers '{value}' in '{model.region}' and may own {tier.id} accounts: "
                    f"hand the account to '{claimant}', or take '{value}' in '{model.region}' out of its scope",
                    related=tuple((team.document, ("scope",)) for team in playbook.teams if team.model.id == claimant)[
                        :1
                    ],
                )
                break
