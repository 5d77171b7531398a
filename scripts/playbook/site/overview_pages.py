"""The overview pages: the playbook at a glance, the tier reference, coverage, relationships, people.

``pages`` returns them all. The overview itself counts accounts by tier, industry, region
and government domain, and shows the validation health: errors and warnings, stale
assessments and overdue actions, with links to the accounts concerned (the first
``LIST_CAP`` of them, then how many more), so the page stays small at any number of accounts.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from playbook.findings import Finding
from playbook.models.common import Name
from playbook.regions import region_tree
from playbook.rules import RULES
from playbook.site import coverage_page, dashboard, heatmap_page, people_pages, tiers_page
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, rule_link, say
from playbook.site.escape import cell
from playbook.site.front_matter import WIDE, front_matter
from playbook.site.labels import LabelTable, label
from playbook.site.pages import ACCOUNTS_INDEX, Page, list_path
from playbook.site.tables import listing

#: The overview is the site's home page.
PATH = "index.md"
#: How many accounts the findings-by-rule table names per rule.
ACCOUNTS_PER_RULE = 5
STALE = "ASM002"
OVERDUE = "ACT001"

LABELS: LabelTable = {
    "title": ("Overview", "概览"),
    "intro": (
        "Named accounts: {accounts}; teams: {teams}; people: {people}. A customer that is not named belongs to"
        " the regional team of its region. Each count opens the list of the accounts it counts.",
        "名单客户：{accounts} 个；团队：{teams} 个；人员：{people} 名。未点名的客户归其所在区域的区域团队负责。"
        "点击数字可打开所统计的客户列表。",
    ),
    "see_also": (
        "New here? Start with [about this playbook](guide.md). See also the [tier reference](tiers-reference.md),"
        " the [coverage matrix](coverage-matrix.md), the"
        " [relationship heat map](relationships-heatmap.md) and [people](people/index.md).",
        "初次使用？请先阅读[关于本手册](guide.md)。另见[客户分级参考](tiers-reference.md)、[覆盖矩阵](coverage-matrix.md)、[客户关系热力图]"
        "(relationships-heatmap.md)与[人员](people/index.md)。",
    ),
    "counts": ("Counts", "统计"),
    "by_tier": ("Accounts by tier", "按分级统计客户"),
    "by_industry": ("Accounts by industry", "按行业统计客户"),
    "by_region": ("Accounts by region", "按区域统计客户"),
    "by_domain": ("Government accounts by domain", "按政府领域统计客户"),
    "count": ("Accounts", "客户数"),
    "health": ("Validation health", "数据检查状况"),
    "as_of": ("As checked on {day}.", "检查日期：{day}。"),
    "measure": ("Measure", "指标"),
    "errors": ("Errors", "错误"),
    "warnings": ("Warnings", "警告"),
    "stale": ("Stale assessments", "过期的关系评估"),
    "overdue": ("Overdue actions", "逾期的行动"),
    "stale_intro": (
        "Accounts not assessed within their tier's review cadence:",
        "未在所属分级的评估周期内完成关系评估的客户：",
    ),
    "overdue_intro": ("Accounts with actions past their due date:", "有行动已过期限的客户："),
    "none_found": ("None.", "无。"),
    "by_rule": ("Findings by rule", "按规则统计检查结果"),
    "rule": ("Rule", "规则"),
    "severity": ("Severity", "级别"),
    "findings_count": ("Findings", "条数"),
    "concerned": ("Accounts concerned", "涉及的客户"),
    "clean": ("The data passes every check.", "数据通过了全部检查。"),
}


def _say(key: str, context: SiteContext, **values: object) -> str:
    return label(key, context.language, LABELS).format(**values)


def pages(context: SiteContext) -> list[Page]:
    """The overview, tier reference, coverage matrix, heat map, people index and one page per person."""
    directory = Directory(context.playbook)
    return [
        overview(context, directory),
        tiers_page.page(context, directory),
        coverage_page.page(context, directory),
        heatmap_page.page(context, directory),
        *people_pages.pages(context, directory),
    ]


def overview(context: SiteContext, directory: Directory) -> Page:
    """The dashboard first (health line, accounts at risk, pictures), then the counts and the findings."""
    title = _say("title", context)
    accounts = list(directory.accounts.values())
    lines = [*front_matter(title, hide=WIDE), f"# {title}", ""]
    lines += dashboard.health_line(context, directory)
    lines += dashboard.at_risk(context, directory)
    lines += dashboard.pictures(context, directory)
    lines += [
        f"## {_say('counts', context)} {{ #counts }}",
        "",
        _say("intro", context, accounts=len(accounts), teams=len(directory.teams), people=len(directory.people)),
        "",
    ]
    lines += _tier_counts(context, directory)
    tiers = [account.tier for account in accounts]
    lines += _cross_counts(
        context, directory, "by_industry", "industry", directory.industries, [a.industry for a in accounts], tiers
    )
    tree = region_tree(context.playbook)  # accounts count in their top-level region
    top_level = {region: name for region, name in directory.regions.items() if region in tree.top_level}
    lines += _cross_counts(
        context, directory, "by_region", "region", top_level, [tree.top(a.region) for a in accounts], tiers
    )
    if directory.domains:
        governed = [account for account in accounts if account.domain]
        lines += _cross_counts(
            context,
            directory,
            "by_domain",
            "domain",
            directory.domains,
            [account.domain or "" for account in governed],
            [account.tier for account in governed],
        )
    lines += _health(context, directory)
    lines += [_say("see_also", context), ""]
    return Page(PATH, title, "\n".join(lines).rstrip("\n") + "\n")


def _tier_columns(directory: Directory, tier_ids: list[str]) -> list[str]:
    """Every defined tier by rank, then any unknown tier id the accounts use."""
    defined = [tier.id for tier in directory.tiers]
    return defined + sorted(set(tier_ids) - set(defined), key=directory.tier_rank)


def _count(count: int, target: str) -> str:
    """A count linked to the list of the accounts it counts; a zero is not a link."""
    return f"[{count}]({target})" if count else "0"


def _tier_counts(context: SiteContext, directory: Directory) -> list[str]:
    counts = Counter(account.tier for account in directory.accounts.values())
    lines = [
        f"### {_say('by_tier', context)} {{ #by-tier }}",
        "",
        f"| {label('tier', context.language)} | {_say('count', context)} |",
        "| --- | ---: |",
    ]
    for tier_id in _tier_columns(directory, list(counts)):
        target = list_path("tier", tier_id, "")
        lines.append(f"| {directory.tier_name(tier_id)} | {_count(counts.get(tier_id, 0), target)} |")
    total = f"[{sum(counts.values())}]({ACCOUNTS_INDEX})" if counts else "0"
    lines.append(f"| **{say('total', context.language)}** | **{total}** |")
    return [*lines, ""]


def _cross_counts(
    context: SiteContext,
    directory: Directory,
    heading: str,
    row_label: str,
    terms: dict[str, Name],
    row_ids: list[str],
    tier_ids: list[str],
) -> list[str]:
    """A table of account counts: one row per term (taxonomy order, unknown ids after), one column per tier.

    Every count links to the list of the accounts it counts (at the tier's part of the list).
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row_id, tier_id in zip(row_ids, tier_ids, strict=True):
        counts[row_id][tier_id] += 1
    columns = _tier_columns(directory, tier_ids)
    rows = list(terms) + sorted(set(counts) - set(terms))
    anchor = heading.replace("_", "-")
    lines = [
        f"### {_say(heading, context)} {{ #{anchor} }}",
        "",
        f"| {label(row_label, context.language)} | "
        + " | ".join(directory.tier_name(tier_id) for tier_id in columns)
        + f" | {say('total', context.language)} |",
        "| --- |" + " ---: |" * (len(columns) + 1),
    ]
    for row_id in rows:
        row_counts = counts.get(row_id, Counter())
        target = list_path(row_label, row_id, "")
        values = " | ".join(_count(row_counts.get(tier_id, 0), f"{target}#tier-{tier_id}") for tier_id in columns)
        total = _count(sum(row_counts.values()), target)
        lines.append(f"| {cell(terms.get(row_id, row_id))} | {values} | {total} |")
    totals = " | ".join(
        _count(sum(c.get(tier_id, 0) for c in counts.values()), list_path("tier", tier_id, "")) for tier_id in columns
    )
    lines.append(f"| **{say('total', context.language)}** | {totals} | {_count(len(row_ids), ACCOUNTS_INDEX)} |")
    return [*lines, ""]


def _concerned(directory: Directory, findings: list[Finding]) -> list[str]:
    """The accounts the findings point into: account ids, or the folder name of an account that did not load."""
    concerned = []
    for finding in findings:
        parts = finding.path.split("/")
        if len(parts) >= 4 and parts[0] == "data" and parts[1] == "accounts":
            concerned.append(directory.account_by_folder.get(parts[2], parts[2]))
    return concerned


def _health(context: SiteContext, directory: Directory) -> list[str]:
    language = context.language
    findings = list(context.findings)
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_rule[finding.rule].append(finding)
    errors = sum(1 for finding in findings if finding.is_error)
    stale, overdue = by_rule.get(STALE, []), by_rule.get(OVERDUE, [])
    lines = [
        f"## {_say('health', context)} {{ #health }}",
        "",
        _say("as_of", context, day=context.as_of.isoformat()),
        "",
        f"| {_say('measure', context)} | {_say('findings_count', context)} |",
        "| --- | ---: |",
        f"| {_say('errors', context)} | {errors} |",
        f"| {_say('warnings', context)} | {len(findings) - errors} |",
        f"| {rule_link(STALE, text=_say('stale', context))} ({STALE}) | {len(stale)} |",
        f"| {rule_link(OVERDUE, text=_say('overdue', context))} ({OVERDUE}) | {len(overdue)} |",
        "",
    ]
    sections: list[tuple[str, str, str, list[Finding]]] = [
        ("stale", "stale_intro", "stale-assessments", stale),
        ("overdue", "overdue_intro", "overdue-actions", overdue),
    ]
    for heading, intro, anchor, listed in sections:
        lines += [f"### {_say(heading, context)} {{ #{anchor} }}", ""]
        if listed:
            lines += [_say(intro, context), "", directory.accounts_list(_concerned(directory, listed), language), ""]
        else:
            lines += [_say("none_found", context), ""]
    lines += [f"### {_say('by_rule', context)} {{ #findings-by-rule }}", ""]
    if not findings:
        return [*lines, _say("clean", context), ""]
    table = [
        f"| {_say('rule', context)} | {_say('severity', context)} | {_say('findings_count', context)} |"
        f" {_say('concerned', context)} |",
        "| --- | --- | ---: | --- |",
    ]
    for code in sorted(by_rule):
        listed = by_rule[code]
        concerned = _concerned(directory, listed)
        accounts = directory.accounts_list(concerned, language, cap=ACCOUNTS_PER_RULE) if concerned else ""
        table.append(
            f"| {rule_link(code, text=_rule_words(code))} | {label(str(listed[0].severity), language)} |"
            f" {len(listed)} | {accounts or say('dash', language)} |"
        )
    return [*lines, *listing(table), ""]


def _rule_words(code: str) -> str:
    """A rule in plain words with its code: ``Action overdue (ACT001)``; the code alone when unknown."""
    rule = RULES.get(code)
    return f"{cell(rule.name.replace('-', ' ').capitalize())} ({cell(code)})" if rule else cell(code)
