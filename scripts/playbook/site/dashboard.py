"""The top of the home page: what a sales lead needs on Monday morning, on the first screen.

A line on coverage health (gaps, overlaps, ARs out of bounds, errors), then one table of the
strategic and key accounts at risk: one row per account, one column per signal, each flag a
link to the part of the account page where it shows. Below it, two pictures drawn at build
time: the accounts by industry and tier, and the relationship level across the portfolio
quarter by quarter (internal sites only: it is made of relationship scores).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from playbook import coverage
from playbook.models.common import TRIANGLE_ROLES
from playbook.site import svg, svg_charts
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, count_accounts, say, sort_key
from playbook.site.escape import cell
from playbook.site.labels import LabelTable, label
from playbook.site.signals import ANCHORS, PERSONAL_SIGNALS, SIGNALS, Health
from playbook.site.tables import drop_empty_columns, header, listing, row

#: The most accounts the at-risk table lists; the accounts index flags every account.
AT_RISK_ROWS = 50
#: How many quarters the portfolio picture goes back.
QUARTERS = 6

LABELS: LabelTable = {
    "health_line": (
        "As of {day}: {accounts}. Coverage: {gaps}, {overlaps}, {ars}. Data: {errors}, {warnings}.",
        "截至 {day}：{accounts}。覆盖：{gaps}，{overlaps}，{ars}。数据：{errors}，{warnings}。",
    ),
    "gaps_one": ("1 gap", "1 处空白"),
    "gaps_many": ("{count} gaps", "{count} 处空白"),
    "overlaps_one": ("1 overlap", "1 处重叠"),
    "overlaps_many": ("{count} overlaps", "{count} 处重叠"),
    "ars_one": ("1 AR out of bounds", "1 位 AR 超出上下限"),
    "ars_many": ("{count} ARs out of bounds", "{count} 位 AR 超出上下限"),
    "errors_one": ("1 error", "1 个错误"),
    "errors_many": ("{count} errors", "{count} 个错误"),
    "warnings_one": ("1 warning", "1 个警告"),
    "warnings_many": ("{count} warnings", "{count} 个警告"),
    "at_risk": ("Strategic and key accounts at risk", "存在风险的战略与重点客户"),
    "at_risk_intro": (
        "{count} of {total} accounts in tiers with an iron triangle show a risk signal; each flag links to where"
        " it shows on the account's page.",
        "在须配齐铁三角的分级中，{total} 个客户里有 {count} 个出现风险信号；每个标记都链接到客户页面上的相应位置。",
    ),
    "at_risk_none": (
        "None of the {total} accounts in tiers with an iron triangle shows a risk signal.",
        "须配齐铁三角的 {total} 个客户均未出现风险信号。",
    ),
    "at_risk_more": (
        "{count} more accounts at risk are flagged in the [accounts index](accounts/index.md).",
        "另有 {count} 个存在风险的客户，见[客户索引](accounts/index.md)中的标记。",
    ),
    "ar": ("AR", "AR"),
    "signal_drop": ("Relationship drop", "关系下降"),
    "signal_overdue": ("Overdue actions", "逾期行动"),
    "signal_stale": ("Stale assessment", "评估过期"),
    "signal_triangle": ("Iron triangle", "铁三角"),
    "signal_backup": ("Key contacts without backup", "无备份的关键联系人"),
    "signal_errors": ("Errors", "错误"),
    "dimensions_one": ("▼ 1 dimension", "▼ 1 个维度"),
    "dimensions_many": ("▼ {count} dimensions", "▼ {count} 个维度"),
    "contacts_one": ("▼ 1 contact", "▼ 1 位联系人"),
    "contacts_many": ("▼ {count} contacts", "▼ {count} 位联系人"),
    "overdue": ("{count} overdue", "{count} 项逾期"),
    "days": ("{count} days old", "{count} 天未评估"),
    "never": ("never assessed", "从未评估"),
    "missing": ("no {roles}", "缺 {roles}"),
    "unbacked": ("{count} without backup", "{count} 位无备份"),
    "pictures": ("The portfolio in pictures", "客户组合图示"),
    "by_industry_picture": ("Accounts by industry and tier", "按行业与分级统计的客户"),
    "levels_picture": (
        "Relationship level across the portfolio, by quarter",
        "各季度客户组合的关系等级分布",
    ),
    "levels_intro": (
        "Each bar counts the accounts by their average relationship level in their latest assessment at the"
        " end of the quarter.",
        "每根柱表示季度末各客户最近一次评估的平均关系等级分布。",
    ),
}


def _say(key: str, context: SiteContext, **values: object) -> str:
    return label(key, context.language, LABELS).format(**values)


def _counted(key: str, count: int, context: SiteContext) -> str:
    return _say(f"{key}_one" if count == 1 else f"{key}_many", context, count=count)


def health_line(context: SiteContext, directory: Directory) -> list[str]:
    """One sentence of counts, each linked to where it is explained."""
    result = coverage.compute(context.playbook)
    matrices = [result.commercial, result.government]
    gaps = sum(len(matrix.gaps) for matrix in matrices)
    overlaps = sum(len(matrix.overlaps) for matrix in matrices)
    out_of_bounds = len({load.person for load in result.load if load.over or load.under})
    errors = sum(1 for finding in context.findings if finding.is_error)
    warnings = len(context.findings) - errors
    line = _say(
        "health_line",
        context,
        day=context.as_of.isoformat(),
        accounts=f"[{cell(_accounts(len(directory.accounts), context))}](accounts/index.md)",
        gaps=f"[{_counted('gaps', gaps, context)}](coverage-matrix.md#commercial)",
        overlaps=f"[{_counted('overlaps', overlaps, context)}](coverage-matrix.md#commercial)",
        ars=f"[{_counted('ars', out_of_bounds, context)}](coverage-matrix.md#ar-load)",
        errors=f"[{_counted('errors', errors, context)}](#findings-by-rule)",
        warnings=f"[{_counted('warnings', warnings, context)}](#findings-by-rule)",
    )
    return [line, ""]


def _accounts(count: int, context: SiteContext) -> str:
    return count_accounts(count, context.language)


def at_risk(context: SiteContext, directory: Directory) -> list[str]:
    """The strategic and key accounts with at least one signal, most signals first."""
    watched = [health for health in context.health.values() if health.tier and health.tier.iron_triangle_required]
    flagged = [(health, health.flags(context.public)) for health in watched]
    flagged = [(health, flags) for health, flags in flagged if flags]
    flagged.sort(key=lambda item: (-len(item[1]), directory.tier_rank(item[0].account.tier), *_name_key(item[0])))
    lines = [f"## {_say('at_risk', context)} {{ #at-risk }}", ""]
    if not flagged:
        return [*lines, _say("at_risk_none", context, total=len(watched)), ""]
    lines += [_say("at_risk_intro", context, count=len(flagged), total=len(watched)), ""]
    signals = [signal for signal in SIGNALS if not (context.public and signal in PERSONAL_SIGNALS)]
    titles = [label("account", context.language), label("tier", context.language), _say("ar", context)]
    titles += [_say(f"signal_{signal}", context) for signal in signals]
    rows = []
    for health, _flags in flagged[:AT_RISK_ROWS]:
        account = health.account
        ars = ", ".join(directory.person_link(person) for person in account.iron_triangle.ar)
        cells = [directory.account_link(account.id), directory.tier_name(account.tier), ars]
        cells += [flag(context, health, signal, "") for signal in signals]
        rows.append(cells)
    titles, rows = drop_empty_columns(titles, rows, keep=3)
    lines += listing([*header(titles), *(row(cells) for cells in rows)])
    if len(flagged) > AT_RISK_ROWS:
        lines += ["", _say("at_risk_more", context, count=len(flagged) - AT_RISK_ROWS)]
    return [*lines, ""]


def _name_key(health: Health) -> tuple[str, str]:
    return sort_key(health.account.name, health.account.id)


def flag_text(context: SiteContext, health: Health, signal: str) -> str:
    """What a raised signal says in a few words (escaped), or an empty string."""
    if not health.has(signal) or (context.public and signal in PERSONAL_SIGNALS):
        return ""
    if signal == "drop":
        parts = []
        if health.dropped_dimensions:
            parts.append(_counted("dimensions", len(health.dropped_dimensions), context))
        if health.dropped_contacts:
            parts.append(_counted("contacts", len(health.dropped_contacts), context))
        return cell(", ".join(parts))
    if signal == "overdue":
        return cell(_say("overdue", context, count=health.overdue))
    if signal == "stale":
        days = health.stale_days or 0
        return cell(_say("never", context) if days < 0 else _say("days", context, count=days))
    if signal == "triangle":
        roles = say("separator", context.language).join(
            role.upper() for role in TRIANGLE_ROLES if role in health.missing_roles
        )
        return cell(_say("missing", context, roles=roles))
    if signal == "backup":
        return cell(_say("unbacked", context, count=len(health.unbacked)))
    return cell(_counted("errors", health.errors, context))


def flag(context: SiteContext, health: Health, signal: str, up: str) -> str:
    """A raised signal as a badge linked to where it shows on the account's page; else empty."""
    words = flag_text(context, health, signal)
    if not words:
        return ""
    # A public page has no relationships section: a stale assessment shows among the findings.
    anchor = "findings" if context.public and signal == "stale" else ANCHORS[signal]
    target = f"{up}accounts/{health.account.id}.md#{anchor}"
    return f"[{words}]({target}){{ .pb-flag .pb-flag-{signal} }}"


def pictures(context: SiteContext, directory: Directory) -> list[str]:
    """The accounts by industry and tier, and (internal sites) the relationship level by quarter."""
    if not directory.accounts:
        return []
    lines = [f"## {_say('pictures', context)} {{ #pictures }}", ""]
    tiers = [tier.id for tier in directory.tiers]
    tiers += sorted({account.tier for account in directory.accounts.values()} - set(tiers), key=directory.tier_rank)
    counts: dict[str, Counter[str]] = {}
    for account in directory.accounts.values():
        counts.setdefault(account.industry, Counter())[account.tier] += 1
    industries = [industry for industry in directory.industries if industry in counts]
    industries += sorted(set(counts) - set(industries))
    bars = [
        svg_charts.Bar(str(directory.industries.get(industry, industry)), [counts[industry][tier] for tier in tiers])
        for industry in industries
    ]
    series = [_plain_tier(directory, tier) for tier in tiers]
    chart = svg_charts.stacked_bars(_say("by_industry_picture", context), bars, series, context.language)
    lines += [f"### {_say('by_industry_picture', context)} {{ #by-industry-picture }}", "", *_figure(chart)]
    if not context.public:
        quarters = _quarter_ends(context.as_of, QUARTERS)
        levels = _levels_by_quarter(context, quarters)
        if any(levels):
            chart = svg_charts.level_columns(
                _say("levels_picture", context), [q.isoformat() for q in quarters], levels, context.language
            )
            lines += [f"### {_say('levels_picture', context)} {{ #levels-picture }}", ""]
            lines += [_say("levels_intro", context), "", *_figure(chart)]
    return lines


def _plain_tier(directory: Directory, tier_id: str) -> str:
    tier = directory.tier_by_id.get(tier_id)
    return str(tier.name) if tier else tier_id


def _figure(chart: str) -> list[str]:
    return ['<figure class="pb-figure">', svg.embed(chart), "</figure>", ""]


def _quarter_ends(as_of: date, count: int) -> list[date]:
    """The last ``count`` quarter ends up to ``as_of``, the quarter now running ending on ``as_of``."""
    ends = [as_of]
    year, quarter = as_of.year, (as_of.month - 1) // 3
    while len(ends) < count:
        if quarter == 0:
            year, quarter = year - 1, 4
        month = quarter * 3
        ends.append(date(year, month, 31 if month in (3, 12) else 30))
        quarter -= 1
    return sorted(ends)


def _levels_by_quarter(context: SiteContext, quarters: list[date]) -> list[Counter[int]]:
    """For each quarter end, how many accounts had each (rounded average) latest level."""
    found: list[Counter[int]] = [Counter() for _ in quarters]
    for sourced in context.playbook.accounts:
        dated = sorted(
            (item.model for item in context.playbook.assessments_by_account.get(sourced.stem, [])),
            key=lambda assessment: assessment.date,
        )
        position = 0
        latest = None
        for index, end in enumerate(quarters):
            while position < len(dated) and dated[position].date <= end:
                latest = dated[position]
                position += 1
            if latest is None or not latest.dimensions:
                continue
            scores = list(latest.dimensions.values())
            found[index][max(-1, min(3, round(sum(scores) / len(scores))))] += 1
    return found
