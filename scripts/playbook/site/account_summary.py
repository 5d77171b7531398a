"""The top of an account page, and its tier criteria.

The summary answers what an account manager needs before a visit, on the first screen: the
notes (internal sites), the health flags linked to where each shows, the open actions with
their due dates, and the pipeline: open opportunities weighted by their stage's win
probability, apart from the deals already won. The criteria table sets each metric the
account's tier tests against its threshold: met, not met, not measured, covered by an
exception, or not met under an exception that has expired.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from playbook.models import Account
from playbook.models.account import Opportunity
from playbook.models.taxonomy import Stage
from playbook.rules.criteria import COMPARISONS
from playbook.site import dashboard
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, say
from playbook.site.escape import cell, inline, text
from playbook.site.labels import LabelTable, label
from playbook.site.signals import SIGNALS, Health, overdue
from playbook.site.tables import header, row
from playbook.site.tiers_page import COMPARISONS as SHOWN_COMPARISONS
from playbook.site.tiers_page import number as plain_number
from playbook.site.units import amount, amount_unit, metric_unit, with_unit

#: The most open actions the summary lists (soonest due first); the action plan has them all.
SUMMARY_ACTIONS = 5

LABELS: LabelTable = {
    "summary": ("Summary", "概要"),
    "flags": ("Health", "健康状况"),
    "no_flags": ("No risk signal.", "无风险信号。"),
    "open_actions": ("Open actions", "未完成的行动"),
    "no_open_actions": ("No open action.", "没有未完成的行动。"),
    "action_line": ("{due}: {title} ({owner}; {status})", "{due}：{title}（{owner}；{status}）"),
    "overdue": ("overdue", "已逾期"),
    "more_actions": (
        "{count} more in the [action plan](#action-plan).",
        "另有 {count} 项，见[行动计划](#action-plan)。",
    ),
    "pipeline": ("Pipeline", "商机"),
    "pipeline_line": (
        "open {amount} {unit} in {count}, weighted by stage {weighted} {unit}",
        "在谈 {amount} {unit}（{count}），按阶段赢率加权 {weighted} {unit}",
    ),
    "won_line": ("won {amount} {unit} in {count}", "已赢单 {amount} {unit}（{count}）"),
    "no_pipeline": ("no opportunities", "暂无机会点"),
    "opportunities_one": ("1 opportunity", "1 个机会点"),
    "opportunities_many": ("{count} opportunities", "{count} 个机会点"),
    "criteria": ("Tier criteria", "分级标准"),
    "criteria_intro": (
        "The metrics tier {tier} tests ({match}), against the account's values.",
        "{tier}分级所检验的指标（{match}）与本客户的取值。",
    ),
    "match_all": ("all must be met", "须全部满足"),
    "match_any": ("one is enough", "满足其一即可"),
    "no_criteria": ("Tier {tier} sets no criteria.", "{tier}分级未设准入标准。"),
    "metric": ("Metric", "指标"),
    "value": ("Value", "取值"),
    "criterion": ("Criterion", "标准"),
    "status": ("Status", "状态"),
    "met": ("met", "满足"),
    "not_met": ("not met", "不满足"),
    "missing": ("not measured", "未填写"),
    "excepted": ("not met, covered by the exception", "不满足，已由例外覆盖"),
    "expired": ("not met, the exception expired on {day}", "不满足，例外已于 {day} 到期"),
}


def _say(key: str, context: SiteContext, **values: object) -> str:
    return label(key, context.language, LABELS).format(**values)


@dataclass(frozen=True)
class Pipeline:
    """The opportunities of an account split into the open ones and those won."""

    open: list[Opportunity]
    won: list[Opportunity]
    weighted: float

    @property
    def open_total(self) -> float:
        return sum(opportunity.amount for opportunity in self.open)

    @property
    def won_total(self) -> float:
        return sum(opportunity.amount for opportunity in self.won)


def stages_of(context: SiteContext) -> dict[str, Stage]:
    stages: dict[str, Stage] = {}
    for stage in context.playbook.taxonomy.model.stages if context.playbook.taxonomy else []:
        stages.setdefault(stage.id, stage)
    return stages


def pipeline(account: Account, stages: dict[str, Stage]) -> Pipeline:
    """Won: a stage with a win probability of 100 % (the contract is signed); open: every other."""
    won = [item for item in account.opportunities if item.stage in stages and stages[item.stage].win_probability >= 100]
    open_ = [item for item in account.opportunities if item not in won]
    weighted = sum(item.amount * stages[item.stage].win_probability / 100 for item in open_ if item.stage in stages)
    return Pipeline(open_, won, weighted)


def summary(context: SiteContext, directory: Directory, account: Account, health: Health | None) -> list[str]:
    """The summary section: notes, health, open actions, pipeline."""
    lines = [f"## {_say('summary', context)} {{ #summary }}", ""]
    if not context.public and account.notes:
        lines += [text(account.notes), ""]
    flags = [dashboard.flag(context, health, signal, "../") for signal in SIGNALS] if health else []
    shown = " ".join(flag for flag in flags if flag) or _say("no_flags", context)
    lines += [f"- **{_say('flags', context)}:** {shown}"]
    lines += [f"- **{_say('pipeline', context)}:** {_pipeline_line(context, account)}"]
    lines += [f"- **{_say('open_actions', context)}:**{_actions(context, directory, account)}", ""]
    return lines


def _pipeline_line(context: SiteContext, account: Account) -> str:
    if not account.opportunities:
        return _say("no_pipeline", context)
    taxonomy = context.playbook.taxonomy.model if context.playbook.taxonomy else None
    unit = inline(amount_unit(taxonomy, context.language))
    split = pipeline(account, stages_of(context))
    parts = []
    if split.open:
        parts.append(
            _say(
                "pipeline_line",
                context,
                amount=amount(split.open_total),
                weighted=amount(split.weighted),
                unit=unit,
                count=_count("opportunities", len(split.open), context),
            )
        )
    if split.won:
        parts.append(
            _say(
                "won_line",
                context,
                amount=amount(split.won_total),
                unit=unit,
                count=_count("opportunities", len(split.won), context),
            )
        )
    return f"[{'; '.join(parts)}](#opportunities)"


def _count(key: str, count: int, context: SiteContext) -> str:
    return _say(f"{key}_one" if count == 1 else f"{key}_many", context, count=count)


def _actions(context: SiteContext, directory: Directory, account: Account) -> str:
    """The open actions, soonest due first, as a nested list (or a few words when there are none)."""
    opened = sorted(
        (action for action in account.actions if action.status in ("planned", "in_progress")),
        key=lambda action: (action.due, action.id),
    )
    if not opened:
        return " " + _say("no_open_actions", context)
    items = []
    for action in opened[:SUMMARY_ACTIONS]:
        status = cell(label(action.status, context.language, _STATUS))
        if overdue(action, context.as_of):
            badge = html.escape(_say("overdue", context))
            status += f' <span class="pb-overdue pb-badge">{badge}</span>'
        words = _say(
            "action_line",
            context,
            due=action.due.isoformat(),
            title=inline(action.title),
            owner=directory.person_link(action.owner, "../"),
            status=status,
        )
        items.append(f"    - {words}")
    if len(opened) > SUMMARY_ACTIONS:
        items.append(f"    - {_say('more_actions', context, count=len(opened) - SUMMARY_ACTIONS)}")
    return "\n\n" + "\n".join(items)


_STATUS: LabelTable = {
    "planned": ("planned", "计划中"),
    "in_progress": ("in progress", "进行中"),
}


def criteria(context: SiteContext, directory: Directory, account: Account) -> list[str]:
    """Each metric the tier tests: the account's value, the threshold, and where it stands."""
    tier = directory.tier_by_id.get(account.tier)
    if tier is None:
        return []
    lines = [f"## {_say('criteria', context)} {{ #tier-criteria }}", ""]
    name = directory.tier_name(tier.id)
    if not tier.criteria:
        return [*lines, _say("no_criteria", context, tier=name), ""]
    lines += [_say("criteria_intro", context, tier=name, match=_say(f"match_{tier.criteria_match}", context)), ""]
    exception = account.exception
    expired = exception is not None and exception.expires is not None and exception.expires < context.as_of
    taxonomy = context.playbook.taxonomy.model if context.playbook.taxonomy else None
    titles = [_say(key, context) for key in ("metric", "value", "criterion", "status")]
    lines += header(titles)
    for criterion in tier.criteria:
        metric, unit = directory.metrics.get(criterion.metric, (criterion.metric, None))
        shown_unit = metric_unit(unit, taxonomy, context.language)
        value = account.metrics.get(criterion.metric)
        if value is None:
            status, css = _say("missing", context), "pb-not-met"
        elif COMPARISONS[criterion.comparison](value, criterion.threshold):
            status, css = _say("met", context), "pb-met"
        elif exception is None:
            status, css = _say("not_met", context), "pb-not-met"
        elif expired and exception.expires is not None:
            status, css = _say("expired", context, day=exception.expires.isoformat()), "pb-not-met"
        else:
            status, css = _say("excepted", context), "pb-excepted"
        threshold = f"{SHOWN_COMPARISONS[criterion.comparison]} {plain_number(criterion.threshold)}"
        cells = [
            cell(metric),
            cell(with_unit(plain_number(value), shown_unit)) if value is not None else say("dash", context.language),
            cell(with_unit(threshold, shown_unit)),
            f"{cell(status)} {{: .{css} }}",
        ]
        lines.append(row(cells))
    return [*lines, ""]
