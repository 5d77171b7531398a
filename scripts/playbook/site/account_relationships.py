"""The relationships section of an account page: the power map, the trend, scores, contacts.

Everything here is personal data (the customer's people, how we stand with each of them,
what the assessors wrote), so only an internal site has this section; the account page
leaves it out of a public one. Assessments come oldest first and none dated after the
site's day.
"""

from __future__ import annotations

from playbook.models import Account, Assessment
from playbook.models.account import Contact
from playbook.models.common import Name
from playbook.site import svg
from playbook.site.context import SiteContext
from playbook.site.directory import Directory
from playbook.site.escape import cell, text
from playbook.site.labels import LabelTable, label
from playbook.site.tables import drop_empty_columns, header, row
from playbook.site.units import chinese_first

LABELS: LabelTable = {
    "power_map": ("Power map", "权力地图"),
    "power_map_intro": (
        "The customer's people by reporting line, each coloured by our latest assessed relationship with them.",
        "按汇报关系排列的客户人员，颜色表示最近一次评估的关系等级。",
    ),
    "trend": ("Relationship trend", "关系趋势"),
    "zoom": ("Show larger", "放大显示"),
    "no_assessments": ("No assessments yet.", "尚无关系评估。"),
    "latest": ("Latest assessment: {date}, by {assessor}", "最近一次评估：{date}，评估人 {assessor}"),
    "dimension": ("Dimension", "关系维度"),
    "level": ("Level", "关系等级"),
    "satisfaction": ("Satisfaction", "满意度"),
    "satisfaction_intro": (
        "What the customer expects against what they perceive, each 1 to 10; the gap is perception minus expectation.",
        "客户期望与实际感知，各 1 至 10 分；差距为感知减去期望。",
    ),
    "date": ("Date", "日期"),
    "expectation": ("Expectation", "期望"),
    "perception": ("Perception", "感知"),
    "gap": ("Gap", "差距"),
    "notes": ("Assessment notes", "评估记录"),
    "name": ("Name", "姓名"),
    "title": ("Title", "职位"),
    "department": ("Department", "部门"),
    "buying_role": ("Buying role", "采购角色"),
    "influence": ("Influence", "影响力"),
    "influence_level": ("Weight", "影响程度"),
    "high": ("high", "高"),
    "medium": ("medium", "中"),
    "low": ("low", "低"),
    "our_owner": ("Our owner", "我方负责人"),
    "our_backup": ("Our backup", "我方备份"),
    "no_contacts": ("No contacts are mapped yet.", "尚未记录客户联系人。"),
    "contacts_intro": (
        "In the data's order, each followed (indented) by the people who report to them.",
        "按数据中的顺序排列，下属（缩进）列在其上级之后。",
    ),
}


def _label(key: str, context: SiteContext, **values: object) -> str:
    return label(key, context.language, LABELS).format(**values)


def figure(diagram: str) -> list[str]:
    """A diagram as a raw HTML block on lines of its own, with a blank line after it.

    The caller puts a blank line before it; inside, the diagram has no blank line.
    """
    return ['<figure class="pb-figure">', svg.embed(diagram), "</figure>", ""]


def section(context: SiteContext, directory: Directory, account: Account, assessments: list[Assessment]) -> list[str]:
    """The relationships section; ``assessments`` oldest first."""
    contacts = _contacts(account)
    levels = latest_levels(assessments)
    lines = [f"## {label('relationships', context.language)} {{ #relationships }}", ""]
    lines += _power_map(context, directory, contacts, levels, f"accounts/{account.id}.md")
    lines += _trend(context, directory, assessments)
    lines += _satisfaction(context, assessments)
    lines += _notes(context, assessments)
    lines += _contact_table(context, directory, contacts, levels)
    return lines


def _contacts(account: Account) -> list[Contact]:
    """One contact per id, in the data's order."""
    unique: dict[str, Contact] = {}
    for contact in account.contacts:
        unique.setdefault(contact.id, contact)
    return list(unique.values())


def by_reporting_line(contacts: list[Contact]) -> list[tuple[Contact, int]]:
    """The contacts grouped by reporting line: each followed by the people who report to them.

    Each comes with its depth in the line (0 for someone who reports to nobody on the map).
    Within a level the data's order holds; a loop in the lines is cut where it closes.
    """
    ids = {contact.id for contact in contacts}
    reports: dict[str, list[Contact]] = {}
    roots: list[Contact] = []
    for contact in contacts:
        boss = contact.reports_to
        if boss is None or boss not in ids or boss == contact.id:
            roots.append(contact)
        else:
            reports.setdefault(boss, []).append(contact)
    ordered: list[tuple[Contact, int]] = []
    placed: set[str] = set()
    pending = [(contact, 0) for contact in reversed(roots)]
    while len(ordered) < len(contacts):
        if not pending:  # people in a loop of reporting lines: start from the first of them
            rest = next(contact for contact in contacts if contact.id not in placed)
            pending.append((rest, 0))
        contact, depth = pending.pop()
        if contact.id in placed:
            continue
        placed.add(contact.id)
        ordered.append((contact, depth))
        pending += [(report, depth + 1) for report in reversed(reports.get(contact.id, []))]
    return ordered


def latest_levels(assessments: list[Assessment]) -> dict[str, int]:
    """Each contact's level in the latest assessment that scores them."""
    levels: dict[str, int] = {}
    for assessment in assessments:
        levels.update(assessment.contacts)
    return levels


def _dimensions(directory: Directory, assessments: list[Assessment]) -> list[tuple[str, str]]:
    """The taxonomy's dimensions in its order, then any other dimension an assessment scores."""
    known = list(directory.dimensions)
    extra = sorted({key for assessment in assessments for key in assessment.dimensions} - set(known))
    return [(key, str(directory.dimensions.get(key, key))) for key in [*known, *extra]]


def _power_map(
    context: SiteContext, directory: Directory, contacts: list[Contact], levels: dict[str, int], page: str
) -> list[str]:
    """The power map of the account page at ``page`` (a docs path): our people link to their pages."""

    def address(person_id: str | None) -> str | None:
        target = directory.person_page(person_id) if person_id else None
        return context.address(target, page) if target else None

    people = [
        svg.MapPerson(
            id=contact.id,
            name=str(contact.name),
            title=chinese_first(contact.title),
            department=contact.department,
            buying_role=_short(contact.buying_role),
            influence=contact.influence.upper() if contact.influence else None,
            influence_level=contact.influence_level,
            reports_to=contact.reports_to,
            owner=directory.person_display(contact.owner) if contact.owner else None,
            backup=directory.person_display(contact.backup) if contact.backup else None,
            owner_page=address(contact.owner),
            backup_page=address(contact.backup),
            level=levels.get(contact.id),
        )
        for contact in contacts
    ]
    lines = [f"### {_label('power_map', context)} {{ #power-map }}", "", _label("power_map_intro", context), ""]
    # A switch (no script) that shows the map larger, to scroll around it on a small screen.
    zoom = (
        '<input type="checkbox" id="pb-zoom" class="pb-zoom">'
        f'<label for="pb-zoom" class="pb-zoom-label">{_label("zoom", context)}</label>'
    )
    drawn = figure(svg.power_map(people, context.language))
    return [*lines, drawn[0], zoom, *drawn[1:]]


def _trend(context: SiteContext, directory: Directory, assessments: list[Assessment]) -> list[str]:
    lines = [f"### {_label('trend', context)} {{ #relationship-trend }}", ""]
    if not assessments:
        return [*lines, _label("no_assessments", context), ""]
    dimensions = _dimensions(directory, assessments)
    points = [svg.TrendPoint(assessment.date, dict(assessment.dimensions)) for assessment in assessments]
    lines += figure(svg.trend_chart(points, dimensions, context.language))
    latest = assessments[-1]
    previous: dict[str, int] = {}
    for assessment in assessments[:-1]:
        previous.update(assessment.dimensions)
    assessor = directory.person_link(latest.assessor, "../")
    lines += [_label("latest", context, date=latest.date.isoformat(), assessor=assessor), ""]
    lines += header([_label("dimension", context), _label("level", context)])
    for key, name in dimensions:
        if key in latest.dimensions:
            level = latest.dimensions[key]
            change = level - previous[key] if key in previous else None
            lines.append(row([cell(name), svg.heat_cell(level, change, context.language)]))
    return [*lines, ""]


def _satisfaction(context: SiteContext, assessments: list[Assessment]) -> list[str]:
    rated = [(item.date, item.satisfaction) for item in assessments if item.satisfaction is not None]
    if not rated:
        return []
    titles = [_label(key, context) for key in ("date", "expectation", "perception", "gap")]
    lines = [f"### {_label('satisfaction', context)}", "", _label("satisfaction_intro", context), ""]
    lines += header(titles)
    for day, satisfaction in rated:
        gap = satisfaction.perception - satisfaction.expectation
        cells = [
            day.isoformat(),
            str(satisfaction.expectation),
            str(satisfaction.perception),
            f"{gap:+d}" if gap else "0",
        ]
        lines.append(row(cells))
    return [*lines, ""]


def _notes(context: SiteContext, assessments: list[Assessment]) -> list[str]:
    noted = [assessment for assessment in assessments if assessment.notes]
    if not noted:
        return []
    lines = [f"### {_label('notes', context)}", ""]
    for assessment in reversed(noted):
        lines += [f"**{assessment.date.isoformat()}**", "", text(assessment.notes or ""), ""]
    return lines


def _contact_table(
    context: SiteContext, directory: Directory, contacts: list[Contact], levels: dict[str, int]
) -> list[str]:
    lines = [f"### {label('contacts', context.language)} {{ #contacts }}", ""]
    if not contacts:
        return [*lines, _label("no_contacts", context), ""]
    taxonomy = context.playbook.taxonomy.model if context.playbook.taxonomy else None
    roles = {role.id: role.name for role in reversed(taxonomy.buying_roles)} if taxonomy else {}
    influences = {influence.id: influence.name for influence in reversed(taxonomy.influences)} if taxonomy else {}
    titles = [_label(key, context) for key in ("name", "buying_role", "level", "our_owner", "our_backup")]
    titles += [_label(key, context) for key in ("title", "department", "influence", "influence_level")]
    rows = []
    for contact, depth in by_reporting_line(contacts):
        role = roles.get(contact.buying_role)
        influence = influences.get(contact.influence) if contact.influence else None
        level = levels.get(contact.id)
        name = cell(contact.name)
        if depth:
            name = f'<span class="pb-depth pb-depth-{min(depth, 6)}">{name}</span>'
        rows.append(
            [
                name,
                cell(_coded(contact.buying_role, role)),
                svg.heat_cell(level, None, context.language),
                directory.person_link(contact.owner, "../") if contact.owner else "",
                directory.person_link(contact.backup, "../") if contact.backup else "",
                cell(chinese_first(contact.title)),
                cell(contact.department or ""),
                cell(_coded(contact.influence, influence) if contact.influence else ""),
                cell(_label(contact.influence_level, context)),
            ]
        )
    titles, rows = drop_empty_columns(titles, rows, keep=5)
    lines += [_label("contacts_intro", context), "", *header(titles), *(row(cells) for cells in rows)]
    return [*lines, ""]


def _coded(code: str, name: Name | None) -> str:
    """``EB Economic buyer``: the short code, then the name, unless the name is the code spelt out."""
    if name is None:
        return code.upper()
    if code.casefold() in {(name.en or "").casefold(), (name.zh or "").casefold()}:
        return str(name)
    return f"{code.upper()} {name}"


def _short(code: str) -> str:
    """A buying role's id as the map shows it: ``EB`` for an abbreviation, ``Coach`` for a word."""
    return code.upper() if len(code) <= 3 else code.capitalize()
