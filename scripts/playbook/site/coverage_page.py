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
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, count_accounts, rule_link, say, sort_key
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
        " accounts the cell holds. See [Coverage](coverage.md) for why.",
        "每个客户只有一个责任团队。每个格子中，名单制团队负责点名给它的客户，区域团队负责该区域的其余客户；"
        "数字是该格子中的名单客户数。原因见[覆盖](coverage.md)。",
    ),
    "legend": ("Legend", "图例"),
    "legend_ok": (
        "one owner: the named-account team, or else the regional team",
        "唯一责任团队：名单制团队，其余归区域团队",
    ),
    "legend_gap": ("nobody owns the customers here", "此处客户无人负责"),
    "legend_overlap": ("two teams of the same kind claim the same customers", "两个同类团队争抢同一批客户"),
    "ok": ("OK", "正常"),
    "gap": ("GAP", "空白"),
    "overlap": ("OVERLAP", "重叠"),
    "commercial": ("Commercial customers: industry × region", "商业客户：行业 × 区域"),
    "government": ("Government customers: domain × region", "政府客户：领域 × 区域"),
    "named": ("named", "名单制"),
    "regional": ("regional", "区域"),
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
    lines = [f"# {title}", "", _say("intro", context), ""]
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
        f"| {_say('legend', context)} | |",
        "| --- | --- |",
        f"| {_say('ok', context)} {{: .pb-cell .pb-ok }} | {_say('legend_ok', context)} |",
        f"| **{_say('gap', context)}** {{: .pb-cell .pb-gap }} | {_say('legend_gap', context)} |",
        f"| **{_say('overlap', context)}** {{: .pb-cell .pb-overlap }} | {_say('legend_overlap', context)} |",
        "",
    ]


def _matrix(context: SiteContext, directory: Directory, matrix: Matrix, kind: str) -> list[str]:
    lines = [f"## {_say(kind, context)} {{ #{kind} }}", ""]
    if not matrix.rows or not matrix.regions:
        return [*lines, _say("no_rows", context), ""]
    row_label = label("industry" if matrix.kind == "industry" else "domain", context.language)
    header = " | ".join(directory.region_name(region) for region in matrix.regions)
    table = [f"| {row_label} | {header} |", "| --- |" + " --- |" * len(matrix.regions)]
    for row in matrix.rows:
        name = directory.industry_name(row) if matrix.kind == "industry" else directory.domain_name(row)
        cells = " | ".join(
            _cell(context, directory, matrix.cell(row, region), matrix.kind) for region in matrix.regions
        )
        table.append(f"| **{name}** | {cells} |")
    return [*lines, *listing(table), ""]


def _teams(directory: Directory, team_ids: tuple[str, ...]) -> str:
    return " / ".join(directory.team_link(team_id) for team_id in team_ids)


def _cell(context: SiteContext, directory: Directory, square: Cell, kind: str = "industry") -> str:
    """One square: its status word, the owning teams, the count; the class rides on attr_list."""
    parts: list[str] = []
    if square.gap:
        status = "pb-gap"
        parts.append(f"**{_say('gap', context)}**: {rule_link('COV006', text=_say('no_regional', context))}")
    else:
        status = "pb-overlap" if square.overlap else "pb-ok"
        if square.overlap:
            causes = []
            if len(square.named_teams) > 1:
                causes.append(rule_link("COV004"))
            if len(square.regional_teams) > 1:
                causes.append(rule_link("COV005"))
            parts.append(f"**{_say('overlap', context)}**: {', '.join(causes)}")
        if square.named_teams:
            parts.append(f"{_say('named', context)}: {_teams(directory, square.named_teams)}")
        if square.regional_teams:
            parts.append(f"{_say('regional', context)}: {_teams(directory, square.regional_teams)}")
        else:
            parts.append(f"{_say('regional', context)}: {rule_link('COV006', text=_say('no_regional', context))}")
    parts.append(count_accounts(square.account_count, context.language))
    parts += _customers(context, square, kind)
    return f"{'<br>'.join(parts)} {{: .pb-cell .{status} }}"


def _customers(context: SiteContext, square: Cell, kind: str) -> list[str]:
    """The cell's customers in the CRM, with gaps and candidates, from build --customers (playbook assign)."""
    found = context.customers.cell(kind, square.row, square.region) if context.customers else None
    if found is None:
        return []
    text = _say("customers", context, count=f"{found.customers:,}")
    if found.gaps:
        text += f", **{_say('customer_gaps', context, count=f'{found.gaps:,}')}**"
    if found.candidates:
        text += f", {_say('customer_candidates', context, count=f'{found.candidates:,}')}"
    return [text]


def load_status(load: ArLoad) -> str:
    """over, under, ok, or no_bounds when the tier sets none (a key of directory.LABELS)."""
    if load.over:
        return "over"
    if load.under:
        return "under"
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
    order = {"over": 0, "under": 1, "ok": 2, "no_bounds": 2}
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
