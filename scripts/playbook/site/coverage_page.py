"""The coverage matrix page: who owns which customers, where nobody does, where two teams do, and AR load.

Two matrices, industry × region for commercial customers and government domain × region,
whose size depends on the taxonomy, not on the number of accounts. Each cell names the
named-account team and the regional team that own the customers there, and how many named
accounts it holds. Cells carry a class (``pb-ok``, ``pb-gap``, ``pb-overlap``) through the
``attr_list`` extension, so the links inside them stay Markdown links that the strict build
checks. Gaps and overlaps link to the rule that explains their cause.

Then the load view: accounts per AR in each tier against the tier's bounds.
"""

from __future__ import annotations

from collections import defaultdict

from playbook import coverage
from playbook.coverage import ArLoad, Cell, Matrix
from playbook.regions import region_tree
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, count_accounts, rule_link, say, sort_key
from playbook.site.escape import cell
from playbook.site.front_matter import WIDE, front_matter
from playbook.site.labels import LabelTable, label
from playbook.site.pages import Page
from playbook.site.tables import listing

PATH = "coverage-matrix.md"
#: Above this many ARs in one tier, the load table lists only those over or under bounds.
LOAD_ROWS = 200

LABELS: LabelTable = {
    "intro": (
        "Every customer has exactly one owning team. In each cell, the named-account team owns the customers"
        " named to it, and the regional team owns everyone else in the region. The number is how many named"
        " accounts the cell holds. A region marked ▸ rolls up the regions it holds; open them below the table."
        " See [Coverage](coverage.md) for why.",
        "每个客户只有一个责任团队。每个格子中，名单制团队负责点名给它的客户，区域团队负责该区域的其余客户；"
        "数字是该格子中的名单客户数。标有 ▸ 的区域汇总其下辖区域，可在表格下方展开。原因见[覆盖](coverage.md)。",
    ),
    "legend": ("Legend", "图例"),
    "meaning": ("Meaning", "含义"),
    "legend_ok": (
        "one owner: the named-account team, or else the regional team",
        "唯一责任团队：名单制团队，其余归区域团队",
    ),
    "legend_gap": ("nobody owns the customers here", "此处客户无人负责"),
    "legend_overlap": ("two teams of the same kind claim the same customers", "两个同类团队争抢同一批客户"),
    "legend_supported": (
        "a key-account or government team that owns no account here but backs the regional"
        " team that keeps the key accounts (the simplified model)",
        "不直接负责客户，而是支持保有大客户的区域团队（简化模式）",
    ),
    "ok": ("OK", "正常"),
    "gap": ("GAP", "空白"),
    "overlap": ("OVERLAP", "重叠"),
    "commercial": ("Commercial customers: industry × region", "商业客户：行业 × 区域"),
    "government": ("Government customers: domain × region", "政府客户：领域 × 区域"),
    "named": ("named", "名单制"),
    "regional": ("regional", "区域"),
    "supported_by": ("supported by", "支持团队"),
    "regional_count": ("{count} teams", "{count} 个团队"),
    "gap_in": ("GAP in", "空白于"),
    "overlap_in": ("OVERLAP in", "重叠于"),
    "below": ("{region}: the {count} regions below it", "{region}：下辖 {count} 个区域"),
    "itself": (
        "Named accounts that give {region} itself as their region, not a region below it: {count}. They count"
        " in its column above only.",
        "只登记到 {region}、未细化到下辖区域的名单客户：{count} 个，仅计入上表该列。",
    ),
    "below_intro": (
        "Each column above rolls up the regions below it. Open a region to see them.",
        "上表每列汇总其下辖区域，展开一个区域即可查看。",
    ),
    "no_regional": ("no regional team", "无区域团队"),
    "no_rows": ("The taxonomy defines no rows for this matrix.", "分类表未为此矩阵定义任何行。"),
    "bare_regions": ("Regions without a regional team", "没有区域团队的区域"),
    "bare_regions_intro": (
        "Customers in these regions that no named-account team owns have no owner:",
        "这些区域中未点名给名单制团队的客户无人负责：",
    ),
    "customers": ("customers in the CRM: {count}", "CRM 客户：{count}"),
    "customer_gaps": ("no owner: {count}", "无人负责：{count}"),
    "customer_candidates": ("candidates: {count}", "候选名单客户：{count}"),
    "load_title": ("Accounts per AR", "每位 AR 负责的客户数"),
    "load_intro": (
        "How many accounts of each tier every account responsible (AR) holds, against the tier's bounds.",
        "每位客户经理（AR）在各分级中负责的客户数，与该分级的上下限对照。",
    ),
    "no_load": ("No account names an AR yet.", "尚无客户指定 AR。"),
    "person": ("Person", "人员"),
    "count": ("Accounts", "客户数"),
    "bounds": ("Bounds", "上下限"),
    "status": ("Status", "状态"),
    "bounds_value": ("{min} to {max}", "{min} 至 {max}"),
    "flagged_hidden": (
        "{count} more ARs are over or under bounds; LOAD001 and LOAD002 findings name them all.",
        "另有 {count} 位 AR 超出或低于范围；LOAD001 与 LOAD002 检查结果列出全部。",
    ),
    "unbounded_hidden": (
        "{count} ARs hold accounts of this tier, which sets no bounds; each person's page shows their load.",
        "{count} 位 AR 负责此分级的客户，该分级不设上下限；每个人的页面列出其负荷。",
    ),
    "within_hidden": (
        "{count} ARs are within bounds; each person's page shows their load.",
        "{count} 位 AR 在范围内；每个人的页面列出其负荷。",
    ),
}


def _say(key: str, context: SiteContext, **values: object) -> str:
    return label(key, context.language, LABELS).format(**values)


def page(context: SiteContext, directory: Directory) -> Page:
    result = coverage.compute(context.playbook)
    title = label("coverage", context.language)
    lines = [*front_matter(title, hide=WIDE), f"# {title}", "", _say("intro", context), ""]
    lines += _legend(context)
    lines += _matrix(context, directory, result.commercial, "commercial")
    if result.government.rows:
        lines += _matrix(context, directory, result.government, "government")
    if result.regions_without_regional_team:
        lines += [f"## {_say('bare_regions', context)} {{ #regions-without-regional-team }}", ""]
        lines += [_say("bare_regions_intro", context), ""]
        lines += [
            f"- {directory.region_name(region)}: {rule_link('COV006')}"
            for region in result.regions_without_regional_team
        ]
        lines.append("")
    lines += _load(context, directory, result.load)
    return Page(PATH, title, "\n".join(lines).rstrip("\n") + "\n")


def _legend(context: SiteContext) -> list[str]:
    return [
        f"| {_say('legend', context)} | {_say('meaning', context)} |",
        "| --- | --- |",
        f"| {_say('ok', context)} {{: .pb-cell .pb-ok }} | {_say('legend_ok', context)} |",
        f"| **{_say('gap', context)}** {{: .pb-cell .pb-gap }} | {_say('legend_gap', context)} |",
        f"| **{_say('overlap', context)}** {{: .pb-cell .pb-overlap }} | {_say('legend_overlap', context)} |",
        f"| {_say('supported_by', context)} | {_say('legend_supported', context)} |",
        "",
    ]


def _matrix(context: SiteContext, directory: Directory, matrix: Matrix, kind: str) -> list[str]:
    lines = [f"## {_say(kind, context)} {{ #{kind} }}", ""]
    if not matrix.rows or not matrix.regions:
        return [*lines, _say("no_rows", context), ""]
    opened = [region for region in matrix.regions if matrix.children.get(region)]
    lines += [*listing(_table(context, directory, matrix, matrix.regions)), ""]
    if opened:
        lines += [_say("below_intro", context), ""]
    for region in opened:
        lines += _opened(context, directory, matrix, region, "")
    return lines


def _opened(context: SiteContext, directory: Directory, matrix: Matrix, region: str, indent: str) -> list[str]:
    """A folded block with the regions right below ``region``, and inside it one for each of them that has more."""
    below = matrix.children[region]
    inner = indent + "    "
    title = _say("below", context, region=directory.regions.get(region, region), count=len(below))
    lines = [f'{indent}??? note "{_quoted(title)}"', ""]
    lines += [f"{inner}{line}" if line else "" for line in listing(_table(context, directory, matrix, below))]
    lines.append("")
    itself = sum(
        matrix.cell(row, region).account_count - sum(matrix.cell(row, kid).account_count for kid in below)
        for row in matrix.rows
    )
    if itself:
        lines += [f"{inner}{_say('itself', context, count=itself, region=directory.region_name(region))}", ""]
    for kid in below:
        if matrix.children.get(kid):
            lines += _opened(context, directory, matrix, kid, inner)
    return lines


def _quoted(title: str) -> str:
    """A title for an admonition's quotes: the text escaped as Markdown, no double quote left."""
    return cell(title).replace('"', "&quot;")


def _table(context: SiteContext, directory: Directory, matrix: Matrix, columns: tuple[str, ...]) -> list[str]:
    row_label = label("industry" if matrix.kind == "industry" else "domain", context.language)
    names = []
    for region in columns:
        name = directory.region_name(region)
        names.append(f"{name} ▸" if matrix.children.get(region) else name)
    table = [f"| {row_label} | {' | '.join(names)} |", "| --- |" + " --- |" * len(columns)]
    for row in matrix.rows:
        name = directory.industry_name(row) if matrix.kind == "industry" else directory.domain_name(row)
        nested = bool(matrix.children)
        cells = " | ".join(
            _cell(context, directory, matrix.cell(row, region), nested, matrix.kind) for region in columns
        )
        table.append(f"| **{name}** | {cells} |")
    return table


def _teams(context: SiteContext, directory: Directory, team_ids: tuple[str, ...]) -> str:
    """Links to the teams, each by its name in the site's language alone (the matrix has no room for both)."""
    links = []
    for team_id in team_ids:
        team = directory.teams.get(team_id)
        if team is None:
            links.append(cell(team_id))
            continue
        name = (team.name.zh or team.name.en) if context.language == "zh" else (team.name.en or team.name.zh)
        links.append(f"[{cell(name or team_id)}](teams/{team_id}.md)")
    return " / ".join(links)


def _cell(
    context: SiteContext, directory: Directory, square: Cell, nested: bool = False, kind: str = "industry"
) -> str:
    """One square: its status word, the owning teams, the count; the class rides on attr_list."""
    parts: list[str] = []
    if square.gap and not square.named_teams and not square.regional_teams:
        status = "pb-gap"
        parts.append(f"**{_say('gap', context)}**: {rule_link('COV006', text=_say('no_regional', context))}")
    else:
        status = "pb-gap" if square.gap else "pb-overlap" if square.overlap else "pb-ok"
        if square.gap:
            where = _regions(directory, square.gap_leaves or ())
            parts.append(f"**{_say('gap_in', context)}** {where}: {rule_link('COV006')}")
        if square.overlap:
            parts.append(_overlap(context, directory, square, nested))
        if square.named_teams:
            parts.append(f"{_say('named', context)}: {_teams(context, directory, square.named_teams)}")
        if len(square.regional_teams) > REGIONAL_NAMED:
            shown = _say("regional_count", context, count=len(square.regional_teams))
            parts.append(f"{_say('regional', context)}: {shown}")
        elif square.regional_teams:
            parts.append(f"{_say('regional', context)}: {_teams(context, directory, square.regional_teams)}")
        else:
            parts.append(f"{_say('regional', context)}: {rule_link('COV006', text=_say('no_regional', context))}")
        if square.supporting_teams:
            parts.append(f"{_say('supported_by', context)}: {_teams(context, directory, square.supporting_teams)}")
    parts.append(count_accounts(square.account_count, context.language))
    parts += _customers(context, square, kind)
    return f"{'<br>'.join(parts)} {{: .pb-cell .{status} }}"


#: A cell that rolls regions up names this many regional teams; beyond, it counts them.
REGIONAL_NAMED = 2


def _regions(directory: Directory, regions: tuple[str, ...]) -> str:
    return ", ".join(directory.region_name(region) for region in regions)


def _overlap(context: SiteContext, directory: Directory, square: Cell, nested: bool) -> str:
    """The overlap mark: the rules that explain it (with nested regions, COV012 too), and for a roll-up where."""
    if square.overlap_leaves:
        return f"**{_say('overlap_in', context)}** {_regions(directory, square.overlap_leaves)}"
    causes = []
    if len(square.named_teams) + len(square.supporting_teams) > 1:
        causes.append(rule_link("COV004"))
    if len(square.regional_teams) > 1:
        causes.append(rule_link("COV005"))
    if nested:
        causes.append(rule_link("COV012"))
    return f"**{_say('overlap', context)}**: {', '.join(causes)}"


def _customers(context: SiteContext, square: Cell, kind: str) -> list[str]:
    """The cell's customers in the CRM, with gaps and candidates, from build --customers (playbook assign)."""
    if context.customers is None:
        return []
    tree = region_tree(context.playbook)
    found = [
        counted
        for counted in context.customers.cells
        if (counted.kind, counted.row) == (kind, square.row)
        and counted.region is not None
        and (counted.region == square.region or square.region in tree.ancestors(counted.region))
    ]
    if not found:
        return []
    customers, gaps = sum(c.customers for c in found), sum(c.gaps for c in found)
    candidates = sum(c.candidates for c in found)
    text = _say("customers", context, count=f"{customers:,}")
    if gaps:
        text += f", **{_say('customer_gaps', context, count=f'{gaps:,}')}**"
    if candidates:
        text += f", {_say('customer_candidates', context, count=f'{candidates:,}')}"
    return [text]


def load_status(load: ArLoad) -> str:
    """over, under, ok, spared (below the minimum in the simplified model), or no_bounds (a key of directory.LABELS)."""
    if load.over:
        return "over"
    if load.under:
        return "under"
    if load.minimum is not None and len(load.accounts) < load.minimum:
        return "spared"
    return "ok" if load.minimum is not None or load.maximum is not None else "no_bounds"


def _load(context: SiteContext, directory: Directory, loads: tuple[ArLoad, ...]) -> list[str]:
    lines = [f"## {_say('load_title', context)} {{ #ar-load }}", "", _say("load_intro", context), ""]
    if not loads:
        return [*lines, _say("no_load", context), ""]
    by_tier: dict[str, list[ArLoad]] = defaultdict(list)
    for load in loads:
        by_tier[load.tier].append(load)
    for tier_id in sorted(by_tier, key=directory.tier_rank):
        lines += [f"### {directory.tier_name(tier_id)} {{ #ar-load-{tier_id} }}", ""]
        lines += _tier_load(context, directory, by_tier[tier_id])
    return lines


def _tier_load(context: SiteContext, directory: Directory, loads: list[ArLoad]) -> list[str]:
    """One tier's table: every AR, or beyond ``LOAD_ROWS`` only those over or under bounds."""
    order = {"over": 0, "under": 1, "ok": 2, "spared": 2, "no_bounds": 2}
    ordered = sorted(
        loads,
        key=lambda load: (order[load_status(load)], *sort_key(directory.person_display(load.person), load.person)),
    )
    flagged = [load for load in ordered if load_status(load) in ("over", "under")]
    shown = ordered if len(ordered) <= LOAD_ROWS else flagged[:LOAD_ROWS]
    lines: list[str] = []
    if shown:
        table = [
            f"| {_say('person', context)} | {label('team', context.language)} | {_say('count', context)} |"
            f" {_say('bounds', context)} | {_say('status', context)} |",
            "| --- | --- | ---: | --- | --- |",
            *(_load_row(context, directory, load) for load in shown),
        ]
        lines += [*listing(table), ""]
    hidden_flagged = len(flagged) - sum(1 for load in shown if load_status(load) in ("over", "under"))
    hidden_rest = len(ordered) - len(shown) - hidden_flagged
    if hidden_flagged:
        lines += [_say("flagged_hidden", context, count=hidden_flagged), ""]
    if hidden_rest:
        bounded = any(load.minimum is not None or load.maximum is not None for load in loads)
        lines += [_say("within_hidden" if bounded else "unbounded_hidden", context, count=hidden_rest), ""]
    return lines


def _load_row(context: SiteContext, directory: Directory, load: ArLoad) -> str:
    person = directory.people.get(load.person)
    team = directory.team_link(person.team.model.id) if person else say("dash", context.language)
    return (
        f"| {directory.person_link(load.person)} | {team} | {len(load.accounts)} | {load_bounds(load, context)} |"
        f" {load_mark(load, context)} |"
    )


def load_bounds(load: ArLoad, context: SiteContext) -> str:
    """``1 to 3``, or that the tier sets no bounds."""
    if load.minimum is None and load.maximum is None:
        return say("no_bounds", context.language)
    low = load.minimum if load.minimum is not None else 0
    high = load.maximum if load.maximum is not None else "∞"
    return _say("bounds_value", context, min=low, max=high)


def load_mark(load: ArLoad, context: SiteContext) -> str:
    """The status word for a table cell, with its class (``pb-over``, ``pb-under``, ``pb-ok``)."""
    status = load_status(load)
    word = say(status, context.language)
    if status in ("over", "under"):
        return f"**{word}** {{: .pb-{status} }}"
    return f"{word} {{: .pb-{status.replace('_', '-')} }}"
