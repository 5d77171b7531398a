"""People: who holds which iron-triangle role on which accounts, and whose AR load is out of bounds.

An index lists every team member with a count of accounts per role and a load status, and
links to one page per person with their accounts and their load per tier. Staff names are
not customer data, so both audiences see these pages; nothing here names a customer contact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from playbook.coverage import ArLoad, ar_load
from playbook.models.common import TRIANGLE_ROLES, TriangleRole
from playbook.repository import Person
from playbook.site.context import SiteContext
from playbook.site.coverage_page import load_bounds, load_mark, load_status
from playbook.site.directory import Directory, say, sort_key
from playbook.site.escape import cell, inline
from playbook.site.labels import LabelTable, label
from playbook.site.pages import Page
from playbook.site.tables import listing, table_sections

INDEX = "people/index.md"
#: The most people the index lists in full; beyond it, people are found on their team pages and by search.
INDEX_ROWS = 2000
#: The most people the index lists as over or under bounds.
FLAGGED_ROWS = 200
#: The most accounts a person's page lists for one role.
ROLE_ROWS = 200

LABELS: LabelTable = {
    "intro": (
        "Who holds which iron-triangle role on which accounts: AR (account responsible), SR (solution"
        " responsible) and FR (fulfilment responsible). See [The iron triangle](../iron-triangle.md).",
        "谁在哪些客户上承担铁三角角色：AR（客户经理）、SR（解决方案经理）与 FR（交付经理）。"
        "见[铁三角](../iron-triangle.md)。",
    ),
    "no_people": ("No team has members yet.", "尚无团队成员。"),
    "flagged_title": ("Over or under bounds", "超出或低于上下限"),
    "flagged_intro": (
        "ARs holding more or fewer accounts of a tier than the tier allows.",
        "在某一分级中负责的客户数多于或少于该分级限制的 AR。",
    ),
    "everyone": ("Everyone", "全部人员"),
    "person": ("Person", "人员"),
    "load": ("AR load", "AR 负荷"),
    "count": ("Accounts", "客户数"),
    "bounds": ("Bounds", "上下限"),
    "status": ("Status", "状态"),
    "title_field": ("Title", "职务"),
    "field": ("Field", "项目"),
    "value": ("Value", "内容"),
    "can_hold": ("Can hold", "可承担角色"),
    "reports_to": ("Reports to", "汇报对象"),
    "solid": ("solid line", "实线"),
    "dotted": ("dotted line", "虚线"),
    "roles_title": ("Roles on accounts", "在客户上的角色"),
    "no_roles": ("No account names this person in its iron triangle.", "没有客户将此人列入铁三角。"),
    "more_people": (
        "{count} more people are not listed here; find them on their team's page or by search.",
        "另有 {count} 人未在此列出；可在其团队页面或通过搜索找到。",
    ),
    "more_accounts": ("{count} more accounts are not listed here.", "另有 {count} 个客户未在此列出。"),
}


def _say(key: str, context: SiteContext, **values: object) -> str:
    return label(key, context.language, LABELS).format(**values)


def pages(context: SiteContext, directory: Directory) -> list[Page]:
    """The index, then one page per person (out of the navigation), in display order."""
    held = _roles(context, directory)
    loads: dict[str, list[ArLoad]] = defaultdict(list)
    for load in ar_load(context.playbook):
        loads[load.person].append(load)
    people = sorted(directory.people.values(), key=lambda person: sort_key(person.member.name, person.member.id))
    result = [_index(context, directory, people, held, loads)]
    for person in people:
        result.append(_person(context, directory, person, held.get(person.member.id, {}), loads[person.member.id]))
    return result


def _roles(context: SiteContext, directory: Directory) -> dict[str, dict[TriangleRole, list[str]]]:
    """Person id -> role -> the ids of the accounts where the person holds it, in display order."""
    held: dict[str, dict[TriangleRole, set[str]]] = defaultdict(lambda: defaultdict(set))
    for account in directory.accounts.values():
        for role in TRIANGLE_ROLES:
            for person in getattr(account.iron_triangle, role):
                held[person][role].add(account.id)
    return {
        person: {
            role: sorted(ids, key=lambda account_id: sort_key(directory.account_display(account_id), account_id))
            for role, ids in roles.items()
        }
        for person, roles in held.items()
    }


def _worst(person_loads: Iterable[ArLoad]) -> ArLoad | None:
    """The load that most needs attention: over before under before the rest."""
    order = {"over": 0, "under": 1, "ok": 2, "spared": 2, "no_bounds": 3}
    ranked = sorted(person_loads, key=lambda load: (order[load_status(load)], load.tier))
    return ranked[0] if ranked else None


def _index(
    context: SiteContext,
    directory: Directory,
    people: list[Person],
    held: dict[str, dict[TriangleRole, list[str]]],
    loads: dict[str, list[ArLoad]],
) -> Page:
    language = context.language
    title = label("people", language)
    lines = [f"# {title}", "", _say("intro", context), ""]
    if not people:
        lines.append(_say("no_people", context))
        return Page(INDEX, title, "\n".join(lines) + "\n")
    flagged = [
        load for person in people for load in loads.get(person.member.id, []) if load_status(load) in ("over", "under")
    ]
    if flagged:
        table = [
            f"| {_say('person', context)} | {label('tier', language)} | {_say('count', context)} |"
            f" {_say('bounds', context)} | {_say('status', context)} |",
            "| --- | --- | ---: | --- | --- |",
        ]
        table += [
            f"| [{cell(directory.person_display(load.person))}]({load.person}.md) |"
            f" {directory.tier_name(load.tier)} | {len(load.accounts)} | {load_bounds(load, context)} |"
            f" {load_mark(load, context)} |"
            for load in flagged[:FLAGGED_ROWS]
        ]
        lines += [f"## {_say('flagged_title', context)} {{ #out-of-bounds }}", "", _say("flagged_intro", context), ""]
        lines += listing(table)
        if len(flagged) > FLAGGED_ROWS:
            lines += ["", say("more", language, count=len(flagged) - FLAGGED_ROWS)]
        lines.append("")
    roles = " | ".join(label(role, language) for role in TRIANGLE_ROLES)
    header = [
        f"| {_say('person', context)} | {label('team', language)} | {roles} | {_say('load', context)} |",
        "| --- | --- |" + " ---: |" * len(TRIANGLE_ROLES) + " --- |",
    ]
    lines += [f"## {_say('everyone', context)} {{ #everyone }}", ""]
    rows = []
    for person in people[:INDEX_ROWS]:
        person_id = person.member.id
        counts = " | ".join(str(len(held.get(person_id, {}).get(role, []))) for role in TRIANGLE_ROLES)
        worst = _worst(loads.get(person_id, []))
        status = load_mark(worst, context) if worst else say("dash", language)
        rows.append(
            f"| [{cell(person.member.name)}]({person_id}.md) | {directory.team_link(person.team.model.id, '../')} |"
            f" {counts} | {status} |"
        )
    lines += table_sections(header, rows)
    if len(people) > INDEX_ROWS:
        lines += ["", _say("more_people", context, count=len(people) - INDEX_ROWS)]
    return Page(INDEX, title, "\n".join(lines) + "\n")


def _person(
    context: SiteContext,
    directory: Directory,
    person: Person,
    held: dict[TriangleRole, list[str]],
    person_loads: list[ArLoad],
) -> Page:
    language = context.language
    member = person.member
    lines = [
        f"# {inline(member.name)}",
        "",
        f"| {_say('field', context)} | {_say('value', context)} |",
        "| --- | --- |",
    ]
    lines.append(f"| {label('team', language)} | {directory.team_link(person.team.model.id, '../')} |")
    if member.title:
        lines.append(f"| {_say('title_field', context)} | {cell(member.title)} |")
    if member.roles:
        can_hold = ", ".join(label(role, language) for role in TRIANGLE_ROLES if role in member.roles)
        lines.append(f"| {_say('can_hold', context)} | {can_hold} |")
    if member.reports_to and (member.reports_to.solid or member.reports_to.dotted):
        lines.append(f"| {_say('reports_to', context)} | {_reports_to(context, directory, person)} |")
    lines += ["", f"## {_say('roles_title', context)} {{ #roles }}", ""]
    if not held:
        lines += [_say("no_roles", context), ""]
    for role in TRIANGLE_ROLES:
        account_ids = held.get(role, [])
        if not account_ids:
            continue
        table = [
            f"| {label('account', language)} | {label('tier', language)} | {label('owner', language)} |",
            "| --- | --- | --- |",
            *(_role_row(directory, account_id) for account_id in account_ids[:ROLE_ROWS]),
        ]
        lines += [f"### {label(role, language)} ({len(account_ids)}) {{ #{role} }}", "", *listing(table)]
        if len(account_ids) > ROLE_ROWS:
            lines += ["", _say("more_accounts", context, count=len(account_ids) - ROLE_ROWS)]
        lines.append("")
    if person_loads:
        lines += [
            f"## {_say('load', context)} {{ #load }}",
            "",
            f"| {label('tier', language)} | {_say('count', context)} | {_say('bounds', context)} |"
            f" {_say('status', context)} |",
            "| --- | ---: | --- | --- |",
        ]
        for load in sorted(person_loads, key=lambda load: directory.tier_rank(load.tier)):
            lines.append(
                f"| {directory.tier_name(load.tier)} | {len(load.accounts)} | {load_bounds(load, context)} |"
                f" {load_mark(load, context)} |"
            )
    return Page(f"people/{member.id}.md", str(member.name), "\n".join(lines).rstrip("\n") + "\n", in_nav=False)


def _role_row(directory: Directory, account_id: str) -> str:
    """A row of a person's accounts in one role: the account, its tier, its owning team."""
    account = directory.accounts[account_id]
    return (
        f"| {directory.account_link(account_id, '../')} | {directory.tier_name(account.tier)} |"
        f" {directory.team_link(account.owner, '../')} |"
    )


def _reports_to(context: SiteContext, directory: Directory, person: Person) -> str:
    lines = person.member.reports_to
    parts = []
    if lines and lines.solid:
        parts.append(f"{directory.person_link(lines.solid, '../')} ({_say('solid', context)})")
    for dotted in lines.dotted if lines else []:
        parts.append(f"{directory.person_link(dotted, '../')} ({_say('dotted', context)})")
    return ", ".join(parts)
