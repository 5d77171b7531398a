"""The accounts index: counts by industry and tier, linking one list page per industry.

The index summarises; the lists (``accounts/by/<industry-or-domain>.md``) are split by
industry and government domain, so no page
holds every account of a large organisation. Each list names the accounts with tier,
region and owning team, linked to their pages. None of this is personal data, so both
audiences see the same pages.
"""

from __future__ import annotations

from collections import defaultdict

from playbook.models import Account
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, sort_key
from playbook.site.escape import cell
from playbook.site.labels import LabelTable, label
from playbook.site.pages import ACCOUNTS_INDEX, Page
from playbook.site.tables import table_sections

LABELS: LabelTable = {
    "intro": (
        "Every named account, by industry and tier. A customer that is not named here belongs to the regional"
        " team of its region. Open an industry for its accounts, or search by name.",
        "按行业与分级列出的全部名单客户。未列入名单的客户归其所在区域的区域团队负责。打开某一行业查看其客户，或按名称搜索。",
    ),
    "none": ("There are no named accounts yet.", "尚无名单客户。"),
    "group": ("Industry or domain", "行业或领域"),
    "total": ("Total", "合计"),
    "list_intro": ("Named accounts in {group}, from the top tier down.", "{group}的名单客户，按分级从高到低排列。"),
    "account": ("Account", "客户"),
}


def _group(account: Account, directory: Directory) -> tuple[str, str]:
    """The list an account goes on: its government domain when it has one, else its industry."""
    if account.domain and account.domain in directory.domains:
        return (f"domain-{account.domain}", directory.domain_name(account.domain))
    return (f"industry-{account.industry}", directory.industry_name(account.industry))


def pages(context: SiteContext) -> list[Page]:
    language = context.language
    directory = Directory(context.playbook)
    title = label("accounts", language)
    lines = [f"# {title}", "", label("intro", language, LABELS), ""]
    accounts = [account.model for account in context.playbook.accounts]
    if not accounts:
        return [Page(ACCOUNTS_INDEX, title, "\n".join([*lines, label("none", language, LABELS)]) + "\n")]
    grouped: dict[tuple[str, str], list[Account]] = defaultdict(list)
    for account in accounts:
        grouped[_group(account, directory)].append(account)
    tiers = sorted({account.tier for account in accounts}, key=directory.tier_rank)
    header = [
        label("group", language, LABELS),
        *(directory.tier_name(tier) for tier in tiers),
        label("total", language, LABELS),
    ]
    lines += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lists = []
    for (slug, name), members in sorted(grouped.items(), key=lambda item: sort_key(item[0][1], item[0][0])):
        counts = [sum(1 for account in members if account.tier == tier) for tier in tiers]
        lines.append(
            f"| [{name}](by/{slug}.md) | " + " | ".join(str(count) for count in counts) + f" | {len(members)} |"
        )
        lists.append(_list_page(slug, name, members, directory, context))
    totals = [sum(1 for account in accounts if account.tier == tier) for tier in tiers]
    lines.append(
        f"| **{label('total', language, LABELS)}** | " + " | ".join(map(str, totals)) + f" | {len(accounts)} |"
    )
    return [Page(ACCOUNTS_INDEX, title, "\n".join(lines) + "\n"), *lists]


def _list_page(slug: str, name: str, members: list[Account], directory: Directory, context: SiteContext) -> Page:
    language = context.language
    ordered = sorted(members, key=lambda a: (directory.tier_rank(a.tier), *sort_key(a.name, a.id)))
    lines = [
        f"# {name}",
        "",
        label("list_intro", language, LABELS).format(group=name),
        "",
        f"| {label('account', language, LABELS)} | {label('tier', language)} | {label('region', language)} "
        f"| {label('owner', language)} |",
    ]
    header = [lines.pop(), "| --- | --- | --- | --- |"]
    rows = [
        f"| [{cell(str(account.name))}](../{account.id}.md) | {directory.tier_name(account.tier)} | "
        f"{directory.region_name(account.region)} | {directory.team_link(account.owner, '../../')} |"
        for account in ordered
    ]
    lines += table_sections(header, rows)
    return Page(f"accounts/by/{slug}.md", name, "\n".join(lines) + "\n", in_nav=False)
