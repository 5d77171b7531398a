"""The tier reference: each tier's criteria and rules, the management-line matrix, the scorecard weights.

Everything on the page comes from ``data/tiers.yaml``; the hand-written chapter ``tiers.md``
explains why tiers exist, this page says what they are today.
"""

from __future__ import annotations

from playbook.models.common import PERSPECTIVES
from playbook.models.tiers import MANAGEMENT_LINES, Criterion, Tier
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, say, source_link
from playbook.site.escape import cell, inline, text
from playbook.site.labels import LabelTable, label
from playbook.site.pages import Page
from playbook.site.units import metric_unit, with_unit

PATH = "tiers-reference.md"

#: The six management lines: short name, then the long name in English and Chinese.
LINES: dict[str, tuple[str, str, str]] = {
    "esp": ("ESP+", "account management", "客户规划与管理"),
    "mci": ("MCI", "sales support: matching experts to deals", "销售支持与专家资源匹配"),
    "tas": ("TAS+", "opportunity and sales process", "机会点与销售流程管理"),
    "ecm": ("ECM", "contacts and relationships", "客户关系管理"),
    "prm": ("PRM", "project management", "项目管理"),
    "csm": ("CSM", "customer service", "客户服务"),
}
#: How each weight of a management line is marked, so the three stand apart at a glance.
WEIGHT_MARKS = {"critical": "●", "important": "◐", "optional": "○"}
COMPARISONS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}

LABELS: LabelTable = {
    "title": ("Tier reference", "客户分级参考"),
    "intro": (
        "What each tier requires today, as defined in {source}. Why tiers exist and how they are"
        " chosen is explained in [Tiers](tiers.md).",
        "各客户分级当前的要求，取自 {source}。分级的原因与方法见[客户分级](tiers.md)。",
    ),
    "no_tiers": ("No tiers are defined yet.", "尚未定义客户分级。"),
    "property": ("Property", "项目"),
    "value": ("Value", "取值"),
    "rank": ("Rank", "级别"),
    "criteria": ("Criteria", "准入标准"),
    "criteria_all": ("all of: {items}", "须全部满足：{items}"),
    "criteria_any": ("any of: {items}", "满足其一：{items}"),
    "no_criteria": ("none", "无"),
    "owner_types": ("Owning team types", "可作为责任团队的类型"),
    "per_ar": ("Accounts per AR", "每位 AR 负责的客户数"),
    "bounds": ("{min} to {max}", "{min} 至 {max}"),
    "dedicated_ar": ("Dedicated AR", "专职 AR"),
    "triangle_required": ("Iron triangle required", "须配齐铁三角"),
    "cadence": ("Review cadence", "评估周期"),
    "cadence_days": ("every {days} days", "每 {days} 天"),
    "min_contacts": ("Minimum contacts", "最少联系人数"),
    "lines_title": ("Management lines by tier", "各分级的管理线"),
    "lines_intro": (
        "How much each of the six management lines matters in each tier.",
        "六条管理线在各分级中的重要程度。",
    ),
    "line": ("Line", "管理线"),
    "line_name": ("Covers", "内容"),
    "critical": ("critical", "关键"),
    "important": ("important", "重要"),
    "optional": ("optional", "可选"),
    "weights_title": ("Scorecard weights by lifecycle stage", "各生命周期阶段的平衡计分卡权重"),
    "weights_intro": (
        "The balanced-scorecard weights an account plan uses, by the account's lifecycle stage, in percent.",
        "客户计划按客户所处生命周期阶段采用的平衡计分卡权重（百分比）。",
    ),
    "no_weights": ("No scorecard weights are defined.", "尚未定义计分卡权重。"),
    "stage": ("Lifecycle stage", "生命周期阶段"),
    "breaking_in": ("Breaking in", "突破期"),
    "growth": ("Growth", "成长期"),
    "mature": ("Mature", "成熟期"),
    "financial": ("Financial", "财务"),
    "customer": ("Customer", "客户"),
    "internal_process": ("Internal process", "内部流程"),
    "learning": ("Learning and growth", "学习与成长"),
    "regional": ("regional team", "区域团队"),
    "key_account": ("key-account team", "大客户团队"),
    "government": ("government team", "政府行业团队"),
}


def _say(key: str, context: SiteContext, **values: object) -> str:
    return label(key, context.language, LABELS).format(**values)


def number(value: float) -> str:
    """A number as people write it: no trailing ``.0``, no exponent."""
    if value == int(value):
        return str(int(value))
    return f"{value:f}".rstrip("0").rstrip(".")


def criterion(directory: Directory, rule: Criterion, context: SiteContext | None = None) -> str:
    """``Annual revenue ≥ 30,000 CNY 10k``, ``Credit rating ≥ 4 (grade 1-5)``, escaped for a table cell.

    An amount is labelled as every amount is (the taxonomy's currency and unit).
    """
    name, unit = directory.metrics.get(rule.metric, (rule.metric, None))
    taxonomy = context.playbook.taxonomy.model if context and context.playbook.taxonomy else None
    shown_unit = metric_unit(unit, taxonomy, context.language if context else "en")
    value = f"{COMPARISONS[rule.comparison]} {number(rule.threshold)}"
    return f"{cell(name)} {with_unit(value, cell(shown_unit))}"


def page(context: SiteContext, directory: Directory) -> Page:
    title = _say("title", context)
    source = source_link(context.source_url, "data/tiers.yaml")
    lines = [f"# {title}", "", _say("intro", context, source=source), ""]
    if not directory.tiers:
        lines.append(_say("no_tiers", context))
        return Page(PATH, title, "\n".join(lines) + "\n")
    for tier in directory.tiers:
        lines += _tier(context, directory, tier)
    lines += _line_matrix(context, directory)
    lines += _scorecard(context)
    return Page(PATH, title, "\n".join(lines).rstrip("\n") + "\n")


def _tier(context: SiteContext, directory: Directory, tier: Tier) -> list[str]:
    language = context.language
    if tier.criteria:
        items = "; ".join(criterion(directory, rule, context) for rule in tier.criteria)
        criteria = _say(f"criteria_{tier.criteria_match}", context, items=items)
    else:
        criteria = _say("no_criteria", context)
    bounds = tier.accounts_per_ar
    per_ar = _say("bounds", context, min=bounds.min, max=bounds.max) if bounds else say("no_bounds", language)
    rows = [
        (_say("rank", context), str(tier.rank)),
        (_say("criteria", context), criteria),
        (
            _say("owner_types", context),
            say("separator", language).join(_say(kind, context) for kind in tier.owner_team_types),
        ),
        (_say("per_ar", context), per_ar),
        (_say("dedicated_ar", context), say("yes" if tier.dedicated_ar else "no", language)),
        (_say("triangle_required", context), say("yes" if tier.iron_triangle_required else "no", language)),
        (_say("cadence", context), _say("cadence_days", context, days=tier.review_cadence_days)),
        (_say("min_contacts", context), str(tier.min_contacts)),
    ]
    lines = [
        f"## {inline(tier.name)} {{ #tier-{tier.id} }}",
        "",
        text(tier.description),
        "",
        f"| {_say('property', context)} | {_say('value', context)} |",
        "| --- | --- |",
    ]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return [*lines, ""]


def _line_matrix(context: SiteContext, directory: Directory) -> list[str]:
    header = " | ".join(LINES[line][0] for line in MANAGEMENT_LINES)
    lines = [
        f"## {_say('lines_title', context)} {{ #management-lines }}",
        "",
        _say("lines_intro", context),
        "",
        f"| {label('tier', context.language)} | {header} |",
        "| --- |" + " --- |" * len(MANAGEMENT_LINES),
    ]
    for tier in directory.tiers:
        cells = []
        for line in MANAGEMENT_LINES:
            weight = tier.management_lines.get(line)
            if weight is None:
                cells.append(say("dash", context.language))
            else:
                cells.append(f"{WEIGHT_MARKS[weight]} {_say(weight, context)} {{: .pb-line .pb-{weight} }}")
        lines.append(f"| [{directory.tier_name(tier.id)}](#tier-{tier.id}) | {' | '.join(cells)} |")
    legend = " · ".join(f"{mark} {_say(weight, context)}" for weight, mark in WEIGHT_MARKS.items())
    lines += ["", legend, "", f"| {_say('line', context)} | {_say('line_name', context)} |", "| --- | --- |"]
    for line in MANAGEMENT_LINES:
        short, english, chinese = LINES[line]
        lines.append(f"| **{short}** | {chinese if context.language == 'zh' else english} |")
    return [*lines, ""]


def _scorecard(context: SiteContext) -> list[str]:
    weights = context.playbook.tiers.model.scorecard_weights if context.playbook.tiers else {}
    lines = [f"## {_say('weights_title', context)} {{ #scorecard-weights }}", ""]
    if not weights:
        return [*lines, _say("no_weights", context), ""]
    header = " | ".join(_say(perspective, context) for perspective in PERSPECTIVES)
    lines += [
        _say("weights_intro", context),
        "",
        f"| {_say('stage', context)} | {header} |",
        "| --- |" + " ---: |" * len(PERSPECTIVES),
    ]
    for stage in ("breaking_in", "growth", "mature"):
        stage_weights = weights.get(stage)
        if stage_weights is None:
            continue
        values = " | ".join(
            f"{stage_weights[p]} %" if p in stage_weights else say("dash", context.language) for p in PERSPECTIVES
        )
        lines.append(f"| {_say(stage, context)} | {values} |")
    return [*lines, ""]
