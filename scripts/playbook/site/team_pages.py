"""The teams index and one page per team: charter, scope, people, reporting lines, KPIs, accounts.

Team members are the vendor's own staff, not customer contacts, so both audiences see their
names; only their email addresses are left out of a public site.
"""

from __future__ import annotations

from playbook.models import Team
from playbook.models.common import TRIANGLE_ROLES, ReportingLines
from playbook.models.team import Kpi, Member, TeamType
from playbook.regions import region_tree
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, say, sort_key, source_link
from playbook.site.escape import cell, inline, text
from playbook.site.front_matter import front_matter
from playbook.site.labels import LabelTable, label
from playbook.site.pages import Page
from playbook.site.tables import drop_empty_columns, header, listing, row, table_sections

TEAMS_INDEX = "teams/index.md"
#: Team types in the order the index lists them: the owners first, then the overlays.
TEAM_TYPES: tuple[TeamType, ...] = ("regional", "key_account", "government", "solution", "delivery", "partner")

LABELS: LabelTable = {
    "teams_intro": (
        "Every team, by type. Regional, key-account and government teams own customers; solution, delivery "
        "and partner teams work alongside the owner.",
        "按类型列出全部团队。区域、大客户和政府团队负责客户；解决方案、交付和合作伙伴团队协同责任团队工作。",
    ),
    "no_teams": ("There are no teams yet.", "还没有团队。"),
    "type": ("Type", "类型"),
    "type_regional": ("Regional team", "区域团队"),
    "type_key_account": ("Key-account team", "行业大客户团队"),
    "type_government": ("Government team", "政府大客户团队"),
    "type_solution": ("Solution team", "解决方案团队"),
    "type_delivery": ("Delivery team", "交付团队"),
    "type_partner": ("Partner team", "合作伙伴团队"),
    "id": ("Id", "编号"),
    "member_count": ("Members", "人数"),
    "owned_count": ("Accounts owned", "负责客户数"),
    "charter": ("Charter", "团队章程"),
    "source": ("Source", "数据来源"),
    "regions": ("Regions", "区域"),
    "industries": ("Industries", "行业"),
    "domains": ("Government domains", "政府领域"),
    "reports_to": ("Reports to", "汇报关系"),
    "solid_line": ("Solid line", "实线汇报"),
    "dotted_lines": ("Dotted lines", "虚线汇报"),
    "name": ("Name", "姓名"),
    "title": ("Title", "职位"),
    "roles": ("Roles", "铁三角角色"),
    "email": ("Email", "邮箱"),
    "kpis": ("KPIs", "考核指标"),
    "kpi": ("KPI", "指标"),
    "perspective": ("Perspective", "平衡计分卡维度"),
    "target": ("Target", "目标"),
    "total": ("Total", "合计"),
    "kpi_weights": (
        "Each column is the weight of the KPI for one iron-triangle role, in percent.",
        "每列是该指标对一个铁三角角色的权重（百分比）。",
    ),
    "financial": ("Financial", "财务"),
    "customer": ("Customer", "客户"),
    "internal_process": ("Internal process", "内部流程"),
    "learning": ("Learning and growth", "学习与成长"),
    "owned_accounts": ("Accounts it owns", "负责的客户"),
    "overlaid_accounts": ("Accounts it works alongside", "协同的客户"),
    "default_coverage": (
        "By default the team also owns every customer in its regions that no named-account team owns.",
        "此外，本区域内未指定给大客户团队的客户，默认都由本团队负责。",
    ),
    "credit": ("Credit", "业绩双算"),
    "ownership": ("Ownership", "客户归属"),
    "ownership_owns": ("owns the customers named to it", "直接负责点名给本团队的客户"),
    "ownership_supports": (
        "supports the regional teams that keep the key accounts in its scope, and owns none (the simplified"
        " model): dotted-line reports from their sellers, credit on their key accounts, and the AR role where"
        " an account records it",
        "支持本范围内保有大客户的区域团队，自身不负责客户（简化模式）：区域销售虚线汇报、业绩双算，"
        "并在客户档案注明时承担 AR 角色（补位）",
    ),
    "supported_by": ("Supported by", "支持团队"),
    "supported_accounts": ("Accounts it supports", "支持的客户"),
    "dotted_reports": ("Dotted-line reports from other teams", "其他团队的虚线汇报"),
    "acting": ("Accounts where it stands in as AR", "补位担任 AR 的客户"),
    "person": ("Person", "人员"),
    "reason": ("Reason", "原因"),
    "role": ("Role", "职责"),
    "owning_team": ("Owning team", "责任团队"),
}


#: The most accounts a team page lists in one table; the account lists have the rest.
TABLE_CAP = 200


def pages(context: SiteContext) -> list[Page]:
    """The teams index (in the navigation), then one page per team (reached from it)."""
    directory = Directory(context.playbook)
    listed = sorted(directory.teams.values(), key=lambda team: sort_key(team.name, team.id))
    return [index(context, directory, listed), *(team_page(context, directory, team) for team in listed)]


def _label(key: str, context: SiteContext) -> str:
    return label(key, context.language, LABELS)


def _percent(value: float) -> str:
    return f"{value:g}%"


def index(context: SiteContext, directory: Directory, listed: list[Team]) -> Page:
    """Every team with a link to its page, grouped by type."""
    title = label("teams", context.language)
    lines = [f"# {title}", "", _label("teams_intro", context), ""]
    if not listed:
        lines.append(_label("no_teams", context))
    owned: dict[str, int] = {}
    for account in directory.accounts.values():
        owned[account.owner] = owned.get(account.owner, 0) + 1
    titles = [label("team", context.language), _label("id", context), label("lead", context.language)]
    titles += [_label("member_count", context), _label("owned_count", context)]
    for team_type in TEAM_TYPES:
        of_type = [team for team in listed if team.type == team_type]
        if not of_type:
            continue
        rows = [
            row(
                [
                    f"[{cell(team.name)}]({team.id}.md)",
                    cell(team.id),
                    directory.person_link(team.lead, "../"),
                    str(len({member.id for member in team.members})),
                    str(owned.get(team.id, 0)),
                ]
            )
            for team in of_type
        ]
        lines += [f"## {_label(f'type_{team_type}', context)}", "", *listing([*header(titles), *rows]), ""]
    return Page(TEAMS_INDEX, title, "\n".join(lines).rstrip("\n") + "\n")


def team_page(context: SiteContext, directory: Directory, team: Team) -> Page:
    """One team's page."""
    lines = [*front_matter(str(team.name)), f"# {inline(team.name)}", ""]
    lines += _facts(context, directory, team)
    lines += [f"## {_label('charter', context)}", "", text(team.charter), ""]
    lines += _members(context, directory, team)
    lines += _kpis(context, team)
    lines += _dotted_reports(context, directory, team)
    lines += _owned(context, directory, team)
    lines += _overlaid(context, directory, team)
    lines += _acting(context, directory, team)
    markdown = "\n".join(lines).rstrip("\n") + "\n"
    return Page(f"teams/{team.id}.md", str(team.name), markdown, in_nav=False)


def _facts(context: SiteContext, directory: Directory, team: Team) -> list[str]:
    facts = [
        (_label("type", context), inline(_label(f"type_{team.type}", context))),
        (label("lead", context.language), _person(directory, team.lead, team.id)),
    ]
    scope = (
        ("regions", team.scope.regions, directory.regions),
        ("industries", team.scope.industries, directory.industries),
        ("domains", team.scope.domains, directory.domains),
    )
    for key, ids, names in scope:
        if ids:
            ordered = sorted(set(ids), key=lambda item: sort_key(names.get(item, item), item))
            facts.append((_label(key, context), ", ".join(cell(names.get(item, item)) for item in ordered)))
    if team.type in ("key_account", "government"):
        facts.append((_label("ownership", context), cell(_label(f"ownership_{team.ownership}", context))))
    backing = _supporting(directory, team)
    if backing:
        facts.append((_label("supported_by", context), ", ".join(directory.team_link(t, "../") for t in backing)))
    lines_to = team.reports_to or ReportingLines()
    reports_to = _label("reports_to", context)
    if lines_to.solid is not None:
        facts.append((f"{reports_to} ({_label('solid_line', context)})", directory.team_link(lines_to.solid, "../")))
    if lines_to.dotted:
        dotted = sorted(set(lines_to.dotted), key=lambda team_id: sort_key(directory.team_display(team_id), team_id))
        links = ", ".join(directory.team_link(team_id, "../") for team_id in dotted)
        facts.append((f"{reports_to} ({_label('dotted_lines', context)})", links))
    facts.append((_label("source", context), source_link(context.source_url, f"data/teams/{team.id}.yaml")))
    return [*(f"- **{name}:** {value}" for name, value in facts), ""]


def _supporting(directory: Directory, team: Team) -> list[str]:
    """For a regional team, the supporting teams whose regions overlap its own, by name."""
    if team.type != "regional":
        return []
    tree = region_tree(directory.playbook)
    own = tree.leaves_of(team.scope.regions)
    found = [
        other.id for other in directory.teams.values() if other.supports and tree.leaves_of(other.scope.regions) & own
    ]
    return sorted(found, key=lambda team_id: sort_key(directory.team_display(team_id), team_id))


def _dotted_reports(context: SiteContext, directory: Directory, team: Team) -> list[str]:
    """People of other teams who report to a member of this team on a dotted line."""
    members = {member.id for member in team.members}
    rows = []
    for person_id, person in sorted(directory.people.items(), key=lambda item: sort_key(item[1].member.name, item[0])):
        lines_to = person.member.reports_to
        if person.team.model.id == team.id or lines_to is None:
            continue
        to = sorted(set(lines_to.dotted) & members)
        if to:
            cells = [
                _person(directory, person_id, team.id),
                directory.team_link(person.team.model.id, "../"),
                ", ".join(_person(directory, target, team.id) for target in to),
            ]
            rows.append(row(cells))
    if not rows:
        return []
    titles = [_label("person", context), label("team", context.language), _label("dotted_lines", context)]
    return [f"## {_label('dotted_reports', context)}", "", *table_sections(header(titles), rows), ""]


def _acting(context: SiteContext, directory: Directory, team: Team) -> list[str]:
    """The accounts where a member of the team holds the AR role as a recorded stand-in."""
    members = {member.id for member in team.members}
    rows = []
    for account in sorted(directory.accounts.values(), key=lambda account: sort_key(account.name, account.id)):
        for acting in account.acting_ar:
            if acting.person in members:
                cells = [
                    directory.account_link(account.id, "../"),
                    _person(directory, acting.person, team.id),
                    directory.team_link(account.owner, "../"),
                    cell(acting.reason),
                ]
                rows.append(row(cells))
    if not rows:
        return []
    titles = [label("account", context.language), _label("person", context), _label("owning_team", context)]
    titles.append(_label("reason", context))
    return [f"## {_label('acting', context)}", "", *table_sections(header(titles), rows[:TABLE_CAP]), ""]


def _person(directory: Directory, person_id: str, team_id: str) -> str:
    """A person's name, linked to their own page (their team's page, when on another team, links there)."""
    return directory.person_link(person_id, "../")


def _members(context: SiteContext, directory: Directory, team: Team) -> list[str]:
    titles = [_label(key, context) for key in ("name", "title", "roles", "solid_line", "dotted_lines")]
    if not context.public:
        titles.append(_label("email", context))
    rows: list[list[str]] = []
    members: dict[str, Member] = {}
    for member in team.members:
        members.setdefault(member.id, member)
    for member in sorted(members.values(), key=lambda member: sort_key(member.name, member.id)):
        lines_to = member.reports_to or ReportingLines()
        dotted = sorted(set(lines_to.dotted), key=lambda person: sort_key(directory.person_display(person), person))
        cells = [
            directory.person_link(member.id, "../"),
            cell(member.title or ""),
            ", ".join(role.upper() for role in TRIANGLE_ROLES if role in member.roles),
            _person(directory, lines_to.solid, team.id) if lines_to.solid else "",
            ", ".join(_person(directory, person, team.id) for person in dotted),
        ]
        if not context.public:
            cells.append(cell(member.email or ""))
        rows.append(cells)
    # A column nobody filled in (often the email) is left out.
    titles, rows = drop_empty_columns(titles, rows)
    return [f"## {label('members', context.language)}", "", *listing([*header(titles), *(row(c) for c in rows)]), ""]


def _kpis(context: SiteContext, team: Team) -> list[str]:
    if not team.kpis:
        return []
    titles = [_label("kpi", context), _label("perspective", context), _label("target", context)]
    titles += [role.upper() for role in TRIANGLE_ROLES]
    lines = [f"## {_label('kpis', context)}", "", _label("kpi_weights", context), "", *header(titles)]
    kpis: dict[str, Kpi] = {}
    for kpi in team.kpis:
        kpis.setdefault(kpi.id, kpi)
    listed = sorted(kpis.values(), key=lambda kpi: sort_key(kpi.name, kpi.id))
    for kpi in listed:
        weights = [str(kpi.weights[role]) if role in kpi.weights else "" for role in TRIANGLE_ROLES]
        lines.append(row([cell(kpi.name), cell(_label(kpi.perspective, context)), cell(kpi.target or ""), *weights]))
    totals = [f"**{sum(kpi.weights.get(role, 0) for kpi in listed)}**" for role in TRIANGLE_ROLES]
    lines.append(row([f"**{cell(_label('total', context))}**", "", "", *totals]))
    return [*lines, ""]


def _owned(context: SiteContext, directory: Directory, team: Team) -> list[str]:
    owned = [account for account in directory.accounts.values() if account.owner == team.id]
    if not owned and team.type != "regional":
        return []
    lines = [f"## {_label('owned_accounts', context)}", ""]
    if team.type == "regional":
        lines += [_label("default_coverage", context), ""]
    if not owned:
        return lines
    titles = header([label(key, context.language) for key in ("account", "tier", "industry", "region")])
    ordered = sorted(
        owned, key=lambda account: (directory.tier_rank(account.tier), *sort_key(account.name, account.id))
    )
    rows = [
        row(
            [
                directory.account_link(account.id, "../"),
                directory.tier_name(account.tier),
                directory.industry_name(account.industry),
                directory.region_name(account.region),
            ]
        )
        for account in ordered[:TABLE_CAP]
    ]
    return [*lines, *table_sections(titles, rows), *_more(context, len(ordered)), ""]


def _more(context: SiteContext, count: int) -> list[str]:
    """The line under a capped table: how many more, and where to find them."""
    if count <= TABLE_CAP:
        return []
    rest = say("more", context.language, count=count - TABLE_CAP)
    return ["", f"{rest}: [{label('accounts', context.language)}](../accounts/index.md)"]


def _overlaid(context: SiteContext, directory: Directory, team: Team) -> list[str]:
    rows = []
    for account in sorted(directory.accounts.values(), key=lambda account: sort_key(account.name, account.id)):
        for overlay in account.overlays:
            if overlay.team == team.id:
                cells = [
                    directory.account_link(account.id, "../"),
                    directory.team_link(account.owner, "../"),
                    _percent(overlay.credit_pct),
                    cell(overlay.role or ""),
                ]
                rows.append(row(cells))
    if not rows:
        return []
    titles = [label("account", context.language), _label("owning_team", context)]
    titles += [_label("credit", context), _label("role", context)]
    heading = [f"## {_label('supported_accounts' if team.supports else 'overlaid_accounts', context)}", ""]
    return [*heading, *table_sections(header(titles), rows[:TABLE_CAP]), *_more(context, len(rows)), ""]
