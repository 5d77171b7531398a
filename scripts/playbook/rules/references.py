"""Every id a file refers to must be defined, and every id defined once, matching its file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from playbook import spelling
from playbook.documents import Document, Path
from playbook.repository import Playbook, Sourced
from playbook.rules.registry import Hit, across_accounts, rule, shared_files_part

did_you_mean = spelling.did_you_mean


def unknown(what: str, value: str, known: Iterable[str]) -> str:
    return f"{what} '{value}' is not defined{did_you_mean(value, known)}"


TAXONOMY_SECTIONS = {
    "regions": "region",
    "industries": "industry",
    "government_domains": "government domain",
    "stages": "stage",
    "relationship_dimensions": "relationship dimension",
    "buying_roles": "buying role",
    "influences": "influence",
}
ACCOUNT_SECTIONS = {"contacts": "contact", "leads": "lead", "opportunities": "opportunity", "actions": "action"}


@rule("ID001", "duplicate-id")
def duplicate_id(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An id is defined twice where it must be unique.

    ## What it does
    Checks that team ids, person ids, account ids, tier and metric ids, taxonomy ids, and the
    contact, lead, opportunity and action ids within one account are each defined once.

    ## Why is this bad?
    Every other file refers to these ids. When one id names two things, a reference silently
    picks one of them: an account owned by "the" team that turns out to be another, a
    relationship owner who is not the person meant.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: contacts.1.id
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, owner: amy-ar, backup: sam-sr}
      - {id: zhao-lei, name: {zh: 赵磊}, title: CIO, buying_role: tb}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, owner: amy-ar, backup: sam-sr}
      - {id: zhao-lei-cio, name: {zh: 赵磊}, title: CIO, buying_role: tb}
    ```
    """
    for account in playbook.accounts:
        yield from _duplicates_in_sections(account, ACCOUNT_SECTIONS)


@shared_files_part("ID001")
def duplicate_shared_id(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """Team, person, tier, metric and taxonomy ids defined twice."""
    yield from _duplicates([(team.document, ("id",), team.model.id) for team in playbook.teams], "team")
    yield from _duplicates(
        [
            (team.document, ("members", index, "id"), member.id)
            for team in playbook.teams
            for index, member in enumerate(team.model.members)
        ],
        "person",
    )
    if playbook.tiers is not None:
        tiers = playbook.tiers
        yield from _duplicates(
            [(tiers.document, ("tiers", i, "id"), tier.id) for i, tier in enumerate(tiers.model.tiers)], "tier"
        )
        yield from _duplicates(
            [(tiers.document, ("metrics", i, "id"), m.id) for i, m in enumerate(tiers.model.metrics)], "metric"
        )
    if playbook.taxonomy is not None:
        yield from _duplicates_in_sections(playbook.taxonomy, TAXONOMY_SECTIONS)


@across_accounts("ID001")
def duplicate_account_id(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """Two account files declare the same account id."""
    yield from _duplicates([(account.document, ("id",), account.id) for account in playbook.summaries], "account")


def _duplicates_in_sections(sourced: Sourced[Any], sections: dict[str, str]) -> Iterator[Hit]:
    """Ids defined twice within each list section of one file (``sections``: section to what its items are)."""
    for section, what in sections.items():
        items = getattr(sourced.model, section)
        yield from _duplicates([(sourced.document, (section, i, "id"), item.id) for i, item in enumerate(items)], what)


def _duplicates(entries: list[tuple[Document, Path, str]], what: str) -> Iterator[Hit]:
    first: dict[str, tuple[Document, Path]] = {}
    for document, at, value in entries:
        if value in first:
            earlier, earlier_at = first[value]
            line = earlier.locate(earlier_at)[0]
            yield Hit(
                document,
                at,
                f"{what} id '{value}' is already defined at {earlier.path}:{line}",
                related=((earlier, earlier_at),),
            )
        else:
            first[value] = (document, at)


@rule("ID002", "id-matches-file-name")
def id_matches_file_name(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A file's id differs from its file or folder name.

    ## What it does
    Checks that a team's `id` equals its file name (`data/teams/<id>.yaml`), an account's
    `id` equals its folder name (`data/accounts/<id>/`), and an assessment's `date` equals
    its file name (`assessments/<YYYY-MM-DD>.yaml`).

    ## Why is this bad?
    People find a team or account by its file; links, code owners and the site's pages are
    named after it. An id that differs from the name makes two names for one thing, and
    copying a file to start a new one leaves the old id inside.

    ## Example
    ```yaml
    # data/teams/north-region.yaml
    # expect: id
    id: north-regional
    ```

    ## Use instead
    ```yaml
    # data/teams/north-region.yaml
    id: north-region
    ```
    """
    named: list[tuple[Document, str, str]] = [(team.document, team.model.id, team.stem) for team in playbook.teams]
    named += [(account.document, account.model.id, account.stem) for account in playbook.accounts]
    for document, declared, stem in named:
        if declared != stem:
            yield Hit(document, ("id",), f"id '{declared}' differs from the file name '{stem}'")
    for assessment in playbook.assessments:
        name = assessment.document.path.rsplit("/", 1)[-1].removesuffix(".yaml")
        if assessment.model.date.isoformat() != name:
            yield Hit(
                assessment.document,
                ("date",),
                f"date {assessment.model.date.isoformat()} differs from the file name '{name}'",
            )


def _taxonomy_ids(playbook: Playbook, section: str) -> set[str]:
    if playbook.taxonomy is None:
        return set()
    return {term.id for term in getattr(playbook.taxonomy.model, section)}


def reference_hits(
    sourced: Sourced[Any], at: Path, value: str | None, what: str, known: set[str], on_key: bool = False
) -> Iterator[Hit]:
    """A hit when ``value`` is not among ``known`` (nothing for None)."""
    if value is not None and value not in known:
        yield Hit(sourced.document, at, unknown(what, value, known), on_key)


@rule("REF001", "unknown-team")
def unknown_team(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A team id that no team charter defines.

    ## What it does
    Checks every team reference: an account's `owner` and `overlays[].team`, an
    opportunity's `overlay`, and a team's `reports_to` lines.

    ## Why is this bad?
    An account whose owning team does not exist has no owner at all: it falls through the
    cracks exactly as the coverage model is meant to prevent.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: owner
    owner: finance-ka
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    owner: finance-key-accounts
    ```
    """
    teams = set(playbook.team_by_id)
    for account in playbook.accounts:
        yield from reference_hits(account, ("owner",), account.model.owner, "team", teams)
        for index, overlay in enumerate(account.model.overlays):
            yield from reference_hits(account, ("overlays", index, "team"), overlay.team, "team", teams)
        for index, opportunity in enumerate(account.model.opportunities):
            yield from reference_hits(account, ("opportunities", index, "overlay"), opportunity.overlay, "team", teams)


@shared_files_part("REF001")
def unknown_team_of_team(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """Reporting lines of teams to teams that are not defined."""
    teams = set(playbook.team_by_id)
    for team in playbook.teams:
        lines = team.model.reports_to
        if lines is not None:
            yield from reference_hits(team, ("reports_to", "solid"), lines.solid, "team", teams)
            for index, dotted in enumerate(lines.dotted):
                yield from reference_hits(team, ("reports_to", "dotted", index), dotted, "team", teams)


@rule("REF002", "unknown-person")
def unknown_person(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A person id that no team's members define.

    ## What it does
    Checks every reference to one of our people: a team's `lead` and members' `reports_to`
    lines, an account's iron triangle and acting ARs, contact owners and backups, action owners, the
    approver of a tier exception, an assessment's assessor, and the approvers in tiers.yaml.

    ## Why is this bad?
    A relationship owned by someone who is not on any team is owned by nobody. People leave
    and are renamed; the validator is what notices that their accounts need a new owner.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: iron_triangle.ar.0
    iron_triangle: {ar: [amy-arr], sr: [sam-sr], fr: [fay-fr]}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    iron_triangle: {ar: [amy-ar], sr: [sam-sr], fr: [fay-fr]}
    ```
    """
    people = set(playbook.person_by_id)
    for account in playbook.accounts:
        model = account.model
        for role in ("ar", "sr", "fr"):
            for index, person in enumerate(getattr(model.iron_triangle, role)):
                yield from reference_hits(account, ("iron_triangle", role, index), person, "person", people)
        for index, contact in enumerate(model.contacts):
            yield from reference_hits(account, ("contacts", index, "owner"), contact.owner, "person", people)
            yield from reference_hits(account, ("contacts", index, "backup"), contact.backup, "person", people)
        for index, action in enumerate(model.actions):
            yield from reference_hits(account, ("actions", index, "owner"), action.owner, "person", people)
        for index, acting in enumerate(model.acting_ar):
            yield from reference_hits(account, ("acting_ar", index, "person"), acting.person, "person", people)
        if model.exception is not None:
            yield from reference_hits(
                account, ("exception", "approved_by"), model.exception.approved_by, "person", people
            )
    for assessment in playbook.assessments:
        yield from reference_hits(assessment, ("assessor",), assessment.model.assessor, "person", people)


@shared_files_part("REF002")
def unknown_person_in_shared_files(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """Team leads, reporting lines and tier approvers who are not members of any team."""
    people = set(playbook.person_by_id)
    for team in playbook.teams:
        yield from reference_hits(team, ("lead",), team.model.lead, "person", people)
        for index, member in enumerate(team.model.members):
            if member.reports_to is not None:
                at = ("members", index, "reports_to")
                yield from reference_hits(team, (*at, "solid"), member.reports_to.solid, "person", people)
                for position, dotted in enumerate(member.reports_to.dotted):
                    yield from reference_hits(team, (*at, "dotted", position), dotted, "person", people)
    if playbook.tiers is not None:
        for index, approver in enumerate(playbook.tiers.model.approvers):
            yield from reference_hits(playbook.tiers, ("approvers", index), approver, "person", people)


@rule("REF003", "unknown-term")
def unknown_term(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A region, industry, domain, stage, dimension, buying role or influence not in the taxonomy.

    ## What it does
    Checks every use of a controlled vocabulary from `data/taxonomy.yaml`: team scopes,
    an account's industry, region and domain, opportunity stages, contacts' buying roles and
    influences, assessment dimensions and action dimensions, and the taxonomy's own
    references (a stage's focus roles, an influence's buying role).

    ## Why is this bad?
    Coverage is computed from these words. A region spelled two ways splits one territory
    into two, and one of them has no regional team: a gap that nobody sees.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: industry
    industry: banks
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    industry: banking
    ```
    """
    if playbook.taxonomy is None:
        return
    regions = _taxonomy_ids(playbook, "regions")
    industries = _taxonomy_ids(playbook, "industries")
    domains = _taxonomy_ids(playbook, "government_domains")
    stages = _taxonomy_ids(playbook, "stages")
    dimensions = _taxonomy_ids(playbook, "relationship_dimensions")
    roles = _taxonomy_ids(playbook, "buying_roles")
    influences = _taxonomy_ids(playbook, "influences")
    for account in playbook.accounts:
        model = account.model
        yield from reference_hits(account, ("industry",), model.industry, "industry", industries)
        yield from reference_hits(account, ("region",), model.region, "region", regions)
        yield from reference_hits(account, ("domain",), model.domain, "government domain", domains)
        for index, opportunity in enumerate(model.opportunities):
            yield from reference_hits(account, ("opportunities", index, "stage"), opportunity.stage, "stage", stages)
        for index, contact in enumerate(model.contacts):
            yield from reference_hits(
                account, ("contacts", index, "buying_role"), contact.buying_role, "buying role", roles
            )
            yield from reference_hits(
                account, ("contacts", index, "influence"), contact.influence, "influence", influences
            )
        for index, action in enumerate(model.actions):
            yield from reference_hits(
                account, ("actions", index, "dimension"), action.dimension, "relationship dimension", dimensions
            )
    for assessment in playbook.assessments:
        for dimension in assessment.model.dimensions:
            yield from reference_hits(
                assessment, ("dimensions", dimension), dimension, "relationship dimension", dimensions, on_key=True
            )


@shared_files_part("REF003")
def unknown_term_in_shared_files(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """Buying roles of the taxonomy's stages and influences, and teams' scopes, that the taxonomy does not define."""
    if playbook.taxonomy is None:
        return
    taxonomy = playbook.taxonomy
    regions = _taxonomy_ids(playbook, "regions")
    industries = _taxonomy_ids(playbook, "industries")
    domains = _taxonomy_ids(playbook, "government_domains")
    roles = _taxonomy_ids(playbook, "buying_roles")
    for index, stage in enumerate(taxonomy.model.stages):
        for position, role in enumerate(stage.focus_roles):
            yield from reference_hits(taxonomy, ("stages", index, "focus_roles", position), role, "buying role", roles)
    for index, influence in enumerate(taxonomy.model.influences):
        yield from reference_hits(taxonomy, ("influences", index, "role"), influence.role, "buying role", roles)
    for team in playbook.teams:
        scope = team.model.scope
        for section, what, known in (
            ("regions", "region", regions),
            ("industries", "industry", industries),
            ("domains", "government domain", domains),
        ):
            for index, value in enumerate(getattr(scope, section)):
                yield from reference_hits(team, ("scope", section, index), value, what, known)


@rule("REF004", "unknown-contact")
def unknown_contact(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A contact id that the account's contacts do not define.

    ## What it does
    Checks a contact's `reports_to`, an action's `contact`, the contact levels of the
    account's assessments, and that a converted lead points at one of the account's
    opportunities.

    ## Why is this bad?
    The power map is drawn from these links. A reporting line to nobody breaks the map, and
    an assessment of a contact who is not on it cannot be shown or trended.

    ## Example
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    # expect: contacts.zhao-le
    contacts: {zhao-le: 2}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    contacts: {zhao-lei: 2}
    ```
    """
    by_folder = {account.stem: account for account in playbook.accounts}
    for account in playbook.accounts:
        contacts = {contact.id for contact in account.model.contacts}
        opportunities = {opportunity.id for opportunity in account.model.opportunities}
        for index, contact in enumerate(account.model.contacts):
            yield from reference_hits(
                account, ("contacts", index, "reports_to"), contact.reports_to, "contact", contacts
            )
        for index, action in enumerate(account.model.actions):
            yield from reference_hits(account, ("actions", index, "contact"), action.contact, "contact", contacts)
        for index, lead in enumerate(account.model.leads):
            yield from reference_hits(
                account, ("leads", index, "opportunity"), lead.opportunity, "opportunity", opportunities
            )
    for assessment in playbook.assessments:
        owner = by_folder.get(assessment.stem)
        if owner is None:
            continue
        contacts = {contact.id for contact in owner.model.contacts}
        for contact_id in assessment.model.contacts:
            at = ("contacts", contact_id)
            yield from reference_hits(assessment, at, contact_id, "contact", contacts, on_key=True)


@rule("REF005", "unknown-tier-or-metric")
def unknown_tier_or_metric(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A tier or metric id that tiers.yaml does not define.

    ## What it does
    Checks an account's `tier` and the keys of its `metrics`, and the metric of every tier
    criterion.

    ## Why is this bad?
    An account in an undefined tier has no criteria, no coverage model and no cadence: none
    of the tier's management applies to it. A metric nobody defined cannot be compared.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: tier
    tier: platinum
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    tier: key
    ```
    """
    if playbook.tiers is None:
        return
    tiers = set(playbook.tier_by_id)
    metrics = {metric.id for metric in playbook.tiers.model.metrics}
    for index, tier in enumerate(playbook.tiers.model.tiers):
        for position, criterion in enumerate(tier.criteria):
            yield from reference_hits(
                playbook.tiers, ("tiers", index, "criteria", position, "metric"), criterion.metric, "metric", metrics
            )
    for account in playbook.accounts:
        yield from reference_hits(account, ("tier",), account.model.tier, "tier", tiers)
        for metric in account.model.metrics:
            yield from reference_hits(account, ("metrics", metric), metric, "metric", metrics, on_key=True)
