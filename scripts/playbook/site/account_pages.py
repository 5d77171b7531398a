"""One page per account: coverage, the iron triangle, the plan, the pipeline, relationships, actions.

The page's front matter carries the account's tier, industry and region as tags, each leading
to the list of the accounts that carry it (``tag_pages``, which the theme partial the staging
adds reads). A public site leaves out everything about the customer's people: the contacts, their levels, the
relationship scores, satisfaction and the assessment notes (see ``account_relationships``),
the contact an action aims at, and the findings' messages, which may quote them.
"""

from __future__ import annotations

import html

from playbook.findings import Finding, Severity
from playbook.models import Account
from playbook.models.account import Opportunity
from playbook.models.common import TRIANGLE_ROLES
from playbook.regions import region_tree
from playbook.repository import Sourced
from playbook.rules import RULES
from playbook.site import account_relationships, account_summary
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, rule_link, sort_key
from playbook.site.escape import cell, inline
from playbook.site.front_matter import front_matter
from playbook.site.labels import LabelTable, label
from playbook.site.pages import Page, account_path, list_path
from playbook.site.signals import overdue
from playbook.site.tables import drop_empty_columns, header, row
from playbook.site.units import amount_unit

#: Between an account's aliases on its page.
_ALIAS_SEPARATOR = {"en": ", ", "zh": "、"}
LABELS: LabelTable = {
    "facts": ("Facts", "基本信息"),
    "source_title": ("Source", "数据来源"),
    "source": ("[{path}]({url}): change the account there", "[{path}]({url})：请在该文件中修改"),
    "source_plain": ("{path}: change the account there", "{path}：请在该文件中修改"),
    "won": ("Won", "已赢单"),
    "won_intro": (
        "Contracts signed (a stage with a win probability of 100 %); they are not part of the open pipeline.",
        "已签约的合同（赢率为 100% 的阶段），不计入在谈商机。",
    ),
    "stage_heading": ("{stage} (win probability {probability} %)", "{stage}（赢率 {probability}%）"),
    "open_total": (
        "Open pipeline: {amount} {unit}; weighted by each stage's win probability: {weighted} {unit}.",
        "在谈商机合计：{amount} {unit}；按各阶段赢率加权：{weighted} {unit}。",
    ),
    "won_total": ("Won: {amount} {unit}.", "已赢单合计：{amount} {unit}。"),
    "lifecycle": ("Lifecycle stage", "客户阶段"),
    "aliases": ("Also known as", "又称"),
    "breaking_in": ("Breaking in", "破冰期"),
    "growth": ("Growth", "成长期"),
    "mature": ("Mature", "成熟期"),
    "exception": ("Tier exception", "分级例外"),
    "exception_text": ("{reason} (approved by {approver} on {approved})", "{reason}（{approver} 于 {approved} 批准）"),
    "exception_expiring": (
        "{reason} (approved by {approver} on {approved}; review by {expires})",
        "{reason}（{approver} 于 {approved} 批准；{expires} 前复核）",
    ),
    "credit": ("credit {credit}", "业绩双算 {credit}"),
    "supported_by": ("Supported by", "支持团队"),
    "region_in": ("{region}, in {parents}", "{parents} · {region}"),
    "acting": ("acting AR", "补位 AR"),
    "acting_ar": ("Acting AR", "补位 AR"),
    "iron_triangle": ("Iron triangle", "铁三角"),
    "role": ("Role", "角色"),
    "person": ("Person", "人员"),
    "plan": ("Account plan", "客户规划"),
    "goals": ("Goals", "目标"),
    "year": ("Year", "年份"),
    "goal": ("Goal", "目标"),
    "perspective": ("Perspective", "平衡计分卡维度"),
    "target": ("Target", "衡量标准"),
    "financial": ("Financial", "财务"),
    "customer": ("Customer", "客户"),
    "internal_process": ("Internal process", "内部流程"),
    "learning": ("Learning and growth", "学习与成长"),
    "wallet": ("Share-of-wallet plan", "份额提升计划"),
    "share": ("Share of wallet", "钱包份额"),
    "breakthroughs": ("Breakthroughs", "新产品突破"),
    "opportunities": ("Opportunities", "机会点"),
    "amounts_in": ("Amounts in {unit}.", "金额单位：{unit}。"),
    "id": ("Id", "编号"),
    "opportunity": ("Opportunity", "机会点"),
    "product": ("Product", "产品"),
    "overlay": ("Overlay team", "协同团队"),
    "close": ("Expected close", "预计成交"),
    "amount": ("Amount", "金额"),
    "stage_total": ("Total", "小计"),
    "unknown_stage": ("Stage {stage} (not in the taxonomy)", "阶段 {stage}（不在分类表中）"),
    "leads": ("Leads", "线索"),
    "lead_title": ("Lead", "线索"),
    "received": ("Received", "收到日期"),
    "status": ("Status", "状态"),
    "new": ("New", "新建"),
    "qualified": ("Qualified", "已确认"),
    "converted": ("Converted", "已转化"),
    "dropped": ("Dropped", "已放弃"),
    "planned": ("Planned", "计划中"),
    "in_progress": ("In progress", "进行中"),
    "done": ("Done", "已完成"),
    "actions": ("Action plan", "行动计划"),
    "action": ("Action", "行动"),
    "action_owner": ("Owner", "负责人"),
    "due": ("Due", "截止日期"),
    "contact": ("Contact", "联系人"),
    "dimension": ("Dimension", "关系维度"),
    "overdue": ("overdue", "已逾期"),
    "overdue_count": ("{count} of them overdue on {as_of}.", "截至 {as_of}，其中 {count} 项已逾期。"),
    "notes": ("Notes", "备注"),
    "no_findings": ("No findings concern this account.", "本客户没有检查结果。"),
    "finding_count": (
        "Errors: {errors}. Warnings: {warnings}. The messages are shown on internal sites only.",
        "错误：{errors} 个。警告：{warnings} 个。具体内容仅在内部站点显示。",
    ),
}


def pages(context: SiteContext) -> list[Page]:
    """One page per account id, in display order."""
    directory = Directory(context.playbook)
    listed = sorted(context.playbook.account_by_id.values(), key=lambda item: sort_key(item.model.name, item.model.id))
    return [account_page(context, directory, account) for account in listed]


def _label(key: str, context: SiteContext, **values: object) -> str:
    return label(key, context.language, LABELS).format(**values)


def number(value: float) -> str:
    """An amount or a percentage: thousands separators, at most two decimals, no trailing zeros."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def account_page(context: SiteContext, directory: Directory, sourced: Sourced[Account]) -> Page:
    """One account's page."""
    account = sourced.model
    assessments = [
        assessment.model
        for assessment in context.playbook.assessments_by_account.get(sourced.stem, [])
        if assessment.model.date <= context.as_of
    ]
    tier = directory.tier_by_id.get(account.tier)
    industry = str(directory.industries.get(account.industry, account.industry))
    tags = [  # each tag leads to the list of the accounts that carry it
        (str(tier.name) if tier is not None else account.tier, list_path("tier", account.tier, "")),
        (industry, list_path("industry", account.industry, "")),
        (str(directory.regions.get(account.region, account.region)), list_path("region", account.region, "")),
    ]
    page = account_path(account.id)
    tag_pages: dict[str, str] = {}
    for tag, listed in tags:
        tag_pages.setdefault(tag, context.address(listed, page))
    lines = front_matter(str(account.name), [tag for tag, _ in tags], hide=("navigation",), tag_pages=tag_pages)
    lines += [f"# {inline(account.name)}", ""]
    lines += account_summary.summary(context, directory, account, context.health.get(account.id))
    lines += [f"## {_label('facts', context)} {{ #facts }}", ""]
    lines += [*_facts(context, directory, account)[:-1], *_source(context, sourced.document.path)]
    lines += account_summary.criteria(context, directory, account)
    lines += _iron_triangle(context, directory, account)
    lines += _plan(context, account)
    lines += _pipeline(context, directory, account)
    if not context.public:
        lines += account_relationships.section(context, directory, account, assessments)
    lines += _actions(context, directory, account)
    lines += _findings(context, sourced.stem)
    markdown = "\n".join(lines).rstrip("\n") + "\n"
    return Page(page, str(account.name), markdown, in_nav=False)


def _facts(context: SiteContext, directory: Directory, account: Account) -> list[str]:
    facts = [
        *(
            [(_label("aliases", context), _ALIAS_SEPARATOR[context.language].join(map(inline, account.aliases)))]
            if account.aliases
            else []
        ),
        (label("tier", context.language), directory.tier_name(account.tier)),
        (label("industry", context.language), directory.industry_name(account.industry)),
        (label("region", context.language), _region(context, directory, account.region)),
    ]
    if account.domain is not None:
        facts.append((label("domain", context.language), directory.domain_name(account.domain)))
    facts.append((label("owner", context.language), directory.team_link(account.owner, "../")))
    supporting = [overlay for overlay in account.overlays if _supports(directory, overlay.team)]
    if supporting:
        ordered = sorted(supporting, key=lambda item: sort_key(directory.team_display(item.team), item.team))
        credits = [_label("credit", context, credit=f"{number(item.credit_pct)}%") for item in ordered]
        shown = [
            f"{directory.team_link(item.team, '../')} ({credit})" for item, credit in zip(ordered, credits, strict=True)
        ]
        facts.append((_label("supported_by", context), ", ".join(shown)))
    if account.overlays:
        overlays = sorted(account.overlays, key=lambda item: sort_key(directory.team_display(item.team), item.team))
        shown = []
        for overlay in overlays:
            details = [_label("credit", context, credit=f"{number(overlay.credit_pct)}%")]
            if overlay.role:
                details.append(cell(overlay.role))
            shown.append(f"{directory.team_link(overlay.team, '../')} ({'; '.join(details)})")
        facts.append((label("overlays", context.language), ", ".join(shown)))
    facts.append((_label("lifecycle", context), _label(account.lifecycle, context)))
    exception = account.exception
    if exception is not None:
        said = {
            "reason": cell(exception.reason),
            "approver": directory.person_link(exception.approved_by, "../"),
            "approved": exception.approved_on.isoformat(),
        }
        if exception.expires is None:
            shown_exception = _label("exception_text", context, **said)
        else:
            shown_exception = _label("exception_expiring", context, **said, expires=exception.expires.isoformat())
        facts.append((_label("exception", context), shown_exception))
    return [*(f"- **{name}:** {value}" for name, value in facts), ""]


def _supports(directory: Directory, team_id: str) -> bool:
    team = directory.teams.get(team_id)
    return team is not None and team.supports


def _region(context: SiteContext, directory: Directory, region: str) -> str:
    """The region's name, with the regions it lies in (nearest first)."""
    above = region_tree(context.playbook).ancestors(region)
    name = directory.region_name(region)
    if not above:
        return name
    parents = ", ".join(directory.region_name(parent) for parent in above)
    return _label("region_in", context, region=name, parents=parents)


def _iron_triangle(context: SiteContext, directory: Directory, account: Account) -> list[str]:
    titles = [_label("role", context), _label("person", context), label("team", context.language)]
    lines = [f"## {_label('iron_triangle', context)} {{ #iron-triangle }}", "", *header(titles)]
    acting: dict[str, str] = {}
    for record in account.acting_ar:
        acting.setdefault(record.person, record.reason)
    for role in TRIANGLE_ROLES:
        held = sorted(
            set(getattr(account.iron_triangle, role)),
            key=lambda person: sort_key(directory.person_display(person), person),
        )
        if not held:
            lines.append(row([cell(label(role, context.language)), cell(label("none", context.language)), ""]))
        for person_id in held:
            person = directory.people.get(person_id)
            team = directory.team_link(person.team.model.id, "../") if person is not None else ""
            shown = directory.person_link(person_id, "../")
            if role == "ar" and person_id in acting:
                shown = f"{shown} ({cell(_label('acting', context))})"
            lines.append(row([cell(label(role, context.language)), shown, team]))
    lines.append("")
    for person_id, reason in sorted(acting.items()):
        who = directory.person_link(person_id, "../")
        lines += [f"**{cell(_label('acting_ar', context))}:** {who}: {cell(reason)}", ""]
    return lines


def _plan(context: SiteContext, account: Account) -> list[str]:
    if not account.goals and not account.share_of_wallet:
        return []
    lines = [f"## {_label('plan', context)}", ""]
    if account.goals:
        titles = [_label(key, context) for key in ("year", "goal", "perspective", "target")]
        lines += [f"### {_label('goals', context)}", "", *header(titles)]
        for goal in sorted(account.goals, key=lambda goal: (goal.year, goal.title.casefold(), goal.title)):
            perspective = _label(goal.perspective, context) if goal.perspective else ""
            lines.append(row([str(goal.year), cell(goal.title), cell(perspective), cell(goal.target or "")]))
        lines.append("")
    if account.share_of_wallet:
        titles = [_label(key, context) for key in ("year", "share", "breakthroughs")]
        lines += [f"### {_label('wallet', context)}", "", *header(titles)]
        for share in sorted(account.share_of_wallet, key=lambda share: (share.year, share.share_pct)):
            breakthroughs = ", ".join(cell(item) for item in share.breakthroughs)
            lines.append(row([str(share.year), f"{number(share.share_pct)}%", breakthroughs]))
        lines.append("")
    return lines


def _pipeline(context: SiteContext, directory: Directory, account: Account) -> list[str]:
    """The open opportunities by stage with their win probability, then those won, then the leads."""
    taxonomy = context.playbook.taxonomy.model if context.playbook.taxonomy else None
    lines: list[str] = []
    if account.opportunities:
        unit = inline(amount_unit(taxonomy, context.language))
        lines += [f"## {_label('opportunities', context)} {{ #opportunities }}", ""]
        if unit:
            lines += [_label("amounts_in", context, unit=unit), ""]
        stages = account_summary.stages_of(context)
        split = account_summary.pipeline(account, stages)
        by_stage: dict[str, list[Opportunity]] = {}
        for opportunity in split.open:
            by_stage.setdefault(opportunity.stage, []).append(opportunity)
        ordered = [stage_id for stage_id in stages if stage_id in by_stage]
        ordered += sorted(stage_id for stage_id in by_stage if stage_id not in stages)
        for stage_id in ordered:
            known = stages.get(stage_id)
            if known:
                heading = _label("stage_heading", context, stage=inline(known.name), probability=known.win_probability)
            else:
                heading = _label("unknown_stage", context, stage=inline(stage_id))
            lines += [f"### {heading}", "", *_opportunities(context, directory, by_stage[stage_id])]
        if split.open:
            said = {"amount": number(split.open_total), "weighted": number(split.weighted), "unit": unit}
            lines += [f"**{_label('open_total', context, **said)}**", ""]
        if split.won:
            lines += [f"### {_label('won', context)} {{ #won }}", "", _label("won_intro", context), ""]
            lines += _opportunities(context, directory, split.won)
            lines += [f"**{_label('won_total', context, amount=number(split.won_total), unit=unit)}**", ""]
    if account.leads:
        lines += _leads(context, account)
    return lines


def _opportunities(context: SiteContext, directory: Directory, opportunities: list[Opportunity]) -> list[str]:
    titles = [_label(key, context) for key in ("id", "opportunity", "product", "overlay", "close", "amount")]
    lines = header(titles)
    for opportunity in sorted(opportunities, key=lambda item: sort_key(item.title, item.id)):
        cells = [
            cell(opportunity.id),
            cell(opportunity.title),
            cell(opportunity.product or ""),
            directory.team_link(opportunity.overlay, "../") if opportunity.overlay else "",
            opportunity.close.isoformat() if opportunity.close else "",
            number(opportunity.amount),
        ]
        lines.append(row(cells))
    total = number(sum(opportunity.amount for opportunity in opportunities))
    lines.append(row([f"**{cell(_label('stage_total', context))}**", "", "", "", "", f"**{total}**"]))
    return [*lines, ""]


def _leads(context: SiteContext, account: Account) -> list[str]:
    opportunities: dict[str, Opportunity] = {}
    for opportunity in account.opportunities:
        opportunities.setdefault(opportunity.id, opportunity)
    titles = [_label(key, context) for key in ("id", "lead_title", "received", "status", "opportunity")]
    lines = [f"## {_label('leads', context)}", "", *header(titles)]
    for lead in sorted(account.leads, key=lambda lead: (lead.received, lead.id)):
        converted = ""
        if lead.opportunity is not None:
            found = opportunities.get(lead.opportunity)
            converted = cell(f"{lead.opportunity} {found.title}" if found else lead.opportunity)
        status = cell(_label(lead.status, context))
        lines.append(row([cell(lead.id), cell(lead.title), lead.received.isoformat(), status, converted]))
    return [*lines, ""]


def _actions(context: SiteContext, directory: Directory, account: Account) -> list[str]:
    if not account.actions:
        return []
    keys = ["due", "action", "status", "action_owner", *([] if context.public else ["contact"]), "dimension", "id"]
    contacts = {contact.id: contact for contact in reversed(account.contacts)}
    lines = [f"## {_label('actions', context)} {{ #action-plan }}", ""]
    late = sum(1 for action in account.actions if overdue(action, context.as_of))
    if late:
        lines += [_label("overdue_count", context, count=late, as_of=context.as_of.isoformat()), ""]
    rows = []
    for action in sorted(account.actions, key=lambda action: (action.due, action.id)):
        status = cell(_label(action.status, context))
        if overdue(action, context.as_of):
            badge = html.escape(_label("overdue", context))
            status = f'{status} <span class="pb-overdue pb-badge">{badge}</span>'
        cells = [action.due.isoformat(), cell(action.title), status, directory.person_link(action.owner, "../")]
        if not context.public:
            contact = contacts.get(action.contact) if action.contact else None
            cells.append(cell(contact.name if contact else action.contact or ""))
        cells.append(cell(directory.dimensions.get(action.dimension, action.dimension)) if action.dimension else "")
        cells.append(cell(action.id))
        rows.append(cells)
    titles, rows = drop_empty_columns([_label(key, context) for key in keys], rows, keep=4)
    lines += header(titles)
    lines += [row(cells) for cells in rows]
    return [*lines, ""]


def _findings(context: SiteContext, folder: str) -> list[str]:
    prefix = f"data/accounts/{folder}/"
    found = sorted(
        {finding for finding in context.findings if finding.path.startswith(prefix)},
        key=lambda item: (item.path, item.line, item.column, item.rule, item.message),
    )
    lines = [f"## {label('findings', context.language)} {{ #findings }}", ""]
    if not found:
        return [*lines, _label("no_findings", context), ""]
    if context.public:
        errors = sum(1 for finding in found if finding.severity is Severity.ERROR)
        counted = _label("finding_count", context, errors=errors, warnings=len(found) - errors)
        return [*lines, counted, ""]
    lines += [_finding(context, finding) for finding in found]
    return [*lines, ""]


def _finding(context: SiteContext, finding: Finding) -> str:
    """A finding in plain words: its severity, what the rule checks (linked), the message, where."""
    severity = label(str(finding.severity), context.language)
    rule = RULES.get(finding.rule)
    what = cell(rule.name.replace("-", " ").capitalize()) if rule else cell(finding.rule)
    link = rule_link(finding.rule, "../", text=f"{what} ({finding.rule})")
    where = f"{finding.path}:{finding.line}"
    url = context.source(finding.path)
    shown = f"[{inline(where)}]({url})" if url else inline(where)
    return f"- **{severity}:** {link}: {inline(finding.message)} ({shown})"


def _source(context: SiteContext, path: str) -> list[str]:
    """Where the page comes from, linked to the file on the code host when mkdocs.yml names one."""
    url = context.source(path)
    if url is None:
        return [f"- **{_label('source_title', context)}:** {_label('source_plain', context, path=inline(path))}", ""]
    return [f"- **{_label('source_title', context)}:** {_label('source', context, path=inline(path), url=url)}", ""]
