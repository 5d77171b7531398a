"""The search entries the site's pages get beyond their own text: who each account, team or person is.

An entry names a place in the built site (a page, or an anchor on one), a summary that a hit on
it leads with (who the account or person is: tier, industry, region, owner; title and team),
and the terms it is found by (``terms.terms``: names, aliases and their Chinese suffixes). A
customer's contacts get an entry each on the internal site only: the public site names none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from playbook.models import Account, Team
from playbook.repository import Person, Playbook
from playbook.search.terms import terms
from playbook.site.context import Audience, Language
from playbook.site.labels import LabelTable, label

#: Between the facts of a summary.
DOT = " · "
LABELS: LabelTable = {
    "owned_by": ("owned by {team}", "归属 {team}"),
    "ar": ("AR {people}", "AR {people}"),
    "lead": ("led by {person}", "负责人 {person}"),
    "members_one": ("{count} member", "{count} 名成员"),
    "members_many": ("{count} members", "{count} 名成员"),
    "ours": ("ours: {people}", "我方：{people}"),
    "separator": (", ", "、"),
}


@dataclass(frozen=True)
class SearchEntry:
    """What search finds one place of the site by, and what a hit on it leads with (escaped HTML)."""

    #: The page, without its suffix (``accounts/<id>``): ``.html``, or ``/`` with directory URLs.
    page: str
    #: An anchor on the page (a contact's node on the power map), or None for the page itself.
    anchor: str | None
    #: The entry's title when the site has no entry there yet (a contact); None: keep the page's own.
    title: str | None
    summary: str
    terms: tuple[str, ...]
    #: An account: ranked above the teams and people that share a name with it.
    account: bool = False


def entries(playbook: Playbook, audience: Audience, language: Language) -> list[SearchEntry]:
    """Every account, team and person entry (and each contact's, on the internal site), in the data's order."""
    teams = {team.model.id: team.model for team in reversed(playbook.teams)}
    people = playbook.person_by_id
    found: list[SearchEntry] = []
    for sourced in playbook.accounts:
        found.append(_account(sourced.model, playbook, teams, people, language))
        if audience == "internal":
            found += _contacts(sourced.model, people, language)
    for team in teams.values():
        found.append(_team(team, people, language))
    for person in people.values():
        found.append(_person(person, language))
    return found


def _say(key: str, language: Language, **values: object) -> str:
    return label(key, language, LABELS).format(**values)


def _names(people: dict[str, Person], ids: Iterable[str], language: Language) -> str:
    return _say("separator", language).join(str(people[i].member.name) if i in people else i for i in ids)


def _account(
    account: Account, playbook: Playbook, teams: dict[str, Team], people: dict[str, Person], language: Language
) -> SearchEntry:
    taxonomy = playbook.taxonomy.model if playbook.taxonomy is not None else None
    tiers = {tier.id: tier for tier in playbook.tiers.model.tiers} if playbook.tiers is not None else {}
    industries = {term.id: term.name for term in taxonomy.industries} if taxonomy is not None else {}
    regions = {term.id: term.name for term in taxonomy.regions} if taxonomy is not None else {}
    tier = tiers.get(account.tier)
    owner = teams.get(account.owner)
    facts = [
        str(tier.name) if tier is not None else account.tier,
        str(industries.get(account.industry, account.industry)),
        str(regions.get(account.region, account.region)),
        _say("owned_by", language, team=str(owner.name) if owner is not None else account.owner),
    ]
    if account.iron_triangle.ar:
        facts.append(_say("ar", language, people=_names(people, account.iron_triangle.ar, language)))
    return SearchEntry(
        f"accounts/{account.id}",
        None,
        None,
        escape(DOT.join(facts)),
        terms([*_both(account.name.zh, account.name.en), *account.aliases]),
        account=True,
    )


def _contacts(account: Account, people: dict[str, Person], language: Language) -> list[SearchEntry]:
    found = []
    for contact in account.contacts:
        title = contact.title if contact.department is None else f"{contact.title}, {contact.department}"
        facts = [title, str(account.name), contact.buying_role.upper()]
        ours = [person for person in (contact.owner, contact.backup) if person is not None]
        if ours:
            facts.append(_say("ours", language, people=_names(people, ours, language)))
        found.append(
            SearchEntry(
                f"accounts/{account.id}",
                contact.id,
                escape(str(contact.name)),
                escape(DOT.join(facts)),
                terms(_both(contact.name.zh, contact.name.en)),
            )
        )
    return found


def _team(team: Team, people: dict[str, Person], language: Language) -> SearchEntry:
    count = len(team.members)
    facts = [
        _say("lead", language, person=_names(people, [team.lead], language)),
        _say("members_one" if count == 1 else "members_many", language, count=count),
    ]
    return SearchEntry(
        f"teams/{team.id}", None, None, escape(DOT.join(facts)), terms(_both(team.name.zh, team.name.en))
    )


def _person(person: Person, language: Language) -> SearchEntry:
    member = person.member
    facts = [*([member.title] if member.title else []), str(person.team.model.name)]
    return SearchEntry(
        f"people/{member.id}", None, None, escape(DOT.join(facts)), terms(_both(member.name.zh, member.name.en))
    )


def _both(*names: str | None) -> list[str]:
    return [name for name in names if name]
