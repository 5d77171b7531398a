"""The accounts index and the account lists: every account with its tier, owner, AR, level and flags.

The index lists the accounts from the top tier down (the first ``INDEX_ROWS`` of them) and
links the lists, one page per industry, government domain, tier and region
(``accounts/by/<kind>-<id>.md``), each in parts per tier (``#tier-<id>``): every count on the
home page links to the list, and the part of it, that holds the accounts it counts. A row
names the account, its tier, industry, region, owning team and AR, its latest relationship
level (internal sites only) and the risk signals it raises, each linked to where it shows.
"""

from __future__ import annotations

from collections import defaultdict

from playbook.models import Account
from playbook.regions import region_tree
from playbook.site import dashboard
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, sort_key
from playbook.site.front_matter import WIDE, front_matter
from playbook.site.labels import LabelTable, label
from playbook.site.pages import ACCOUNTS_INDEX, Page, list_path
from playbook.site.signals import SIGNALS
from playbook.site.svg import heat_cell
from playbook.site.tables import header, row, table_sections

#: The most accounts the index lists; the lists by industry, tier and region have them all.
INDEX_ROWS = 1000
#: The kinds of list, in the order the index links them.
KINDS = ("industry", "domain", "tier", "region")

LABELS: LabelTable = {
    "intro": (
        "Every named account, from the top tier down, with its owner, AR, latest relationship level and the"
        " risk signals it raises. A customer that is not named here belongs to the regional team of its region.",
        "全部名单客户，按分级从高到低排列，列出责任团队、AR、最近的关系等级和风险信号。未列入名单的客户归其所在区域的区域团队负责。",
    ),
    "public_intro": (
        "Every named account, from the top tier down, with its owner, AR and the risk signals it raises."
        " A customer that is not named here belongs to the regional team of its region.",
        "全部名单客户，按分级从高到低排列，列出责任团队、AR 和风险信号。未列入名单的客户归其所在区域的区域团队负责。",
    ),
    "none": ("There are no named accounts yet.", "尚无名单客户。"),
    "lists": ("Lists", "客户列表"),
    "lists_of_industry": ("By industry", "按行业"),
    "lists_of_domain": ("By government domain", "按政府领域"),
    "lists_of_tier": ("By tier", "按分级"),
    "lists_of_region": ("By region", "按区域"),
    "everyone": ("All accounts", "全部客户"),
    "more": (
        "{count} more accounts are on the lists above.",
        "另有 {count} 个客户，见上方各列表。",
    ),
    "list_intro": ("Named accounts in {group}, from the top tier down.", "{group}的名单客户，按分级从高到低排列。"),
    "ar": ("AR", "AR"),
    "tags": ("Accounts by tag", "按标签查看客户"),
    "tags_intro": (
        "Every tag an account page carries (its tier, industry and region), with the list of the accounts"
        " that carry it: the tag on an account page leads to the same list.",
        "客户页面上的每个标签（分级、行业与区域），链接到带有该标签的客户列表；客户页面上的标签也链接到该列表。",
    ),
    "tag_count": ("{count} accounts carry it", "{count} 个客户带有该标签"),
    "level": ("Latest level", "最近关系等级"),
    "flags": ("Risk signals", "风险信号"),
}


def pages(context: SiteContext) -> list[Page]:
    language = context.language
    directory = Directory(context.playbook)
    title = label("accounts", language)
    lines = [*front_matter(title, hide=WIDE), f"# {title}", ""]
    lines += [label("public_intro" if context.public else "intro", language, LABELS), ""]
    accounts = _ordered(directory, list(directory.accounts.values()))
    if not accounts:
        return [Page(ACCOUNTS_INDEX, title, "\n".join([*lines, label("none", language, LABELS)]) + "\n")]
    groups: dict[tuple[str, str], list[Account]] = defaultdict(list)
    tree = region_tree(context.playbook)
    for account in accounts:
        groups[("industry", account.industry)].append(account)
        if account.domain:
            groups[("domain", account.domain)].append(account)
        groups[("tier", account.tier)].append(account)
        for region in (account.region, *tree.ancestors(account.region)):  # a big region lists its provinces' too
            groups[("region", region)].append(account)
    lines += [f"## {label('lists', language, LABELS)} {{ #lists }}", ""]
    lists: list[Page] = []
    for kind in KINDS:
        keys = [key for (of, key) in groups if of == kind]
        if not keys:
            continue
        ordered = sorted(keys, key=lambda key: _group_order(directory, kind, key))
        links = [f"[{_group_name(directory, kind, key)}](by/{kind}-{key}.md)" for key in ordered]
        lines += [f"- **{label(f'lists_of_{kind}', language, LABELS)}:** " + " · ".join(links)]
        lists += [_list_page(context, directory, kind, key, groups[(kind, key)]) for key in ordered]
    lines += [f"- [{label('tags', language, LABELS)}](tags.md)"]
    lines += ["", f"## {label('everyone', language, LABELS)} {{ #everyone }}", ""]
    lines += _table(context, directory, accounts[:INDEX_ROWS], "../")
    if len(accounts) > INDEX_ROWS:
        lines += ["", label("more", language, LABELS).format(count=len(accounts) - INDEX_ROWS)]
    return [Page(ACCOUNTS_INDEX, title, "\n".join(lines) + "\n"), *lists, _tags_page(context, directory, accounts)]


#: The tags an account page carries, each a link to its list: the tier, the industry and the region.
TAGS = "accounts/tags.md"
#: The kinds of list an account's tags lead to, in the order the tags page shows them.
TAG_KINDS = ("tier", "industry", "region")


def _tags_page(context: SiteContext, directory: Directory, accounts: list[Account]) -> Page:
    """Every tag an account page carries, linked to the list of the accounts that carry it.

    The tag on an account page links to the same list (``account_pages``), so no page lists
    every tagged account: a page that did (the theme's listing of tags) grew with the playbook,
    and Zensical's memory with the square of it.
    """
    language = context.language
    title = label("tags", language, LABELS)
    lines = [*front_matter(title), f"# {title}", "", label("tags_intro", language, LABELS), ""]
    carried: dict[tuple[str, str], int] = defaultdict(int)
    for account in accounts:
        for kind, key in zip(TAG_KINDS, (account.tier, account.industry, account.region), strict=True):
            carried[(kind, key)] += 1
    for kind in TAG_KINDS:
        keys = sorted((key for (of, key) in carried if of == kind), key=lambda key: _group_order(directory, kind, key))
        lines += [f"## {label(f'lists_of_{kind}', language, LABELS)} {{ #{kind} }}", ""]
        lines += [
            f"- [{_group_name(directory, kind, key)}](by/{kind}-{key}.md): "
            + label("tag_count", language, LABELS).format(count=carried[(kind, key)])
            for key in keys
        ]
        lines += [""]
    return Page(TAGS, title, "\n".join(lines), in_nav=False)


def _ordered(directory: Directory, accounts: list[Account]) -> list[Account]:
    return sorted(accounts, key=lambda a: (directory.tier_rank(a.tier), *sort_key(a.name, a.id)))


def _group_name(directory: Directory, kind: str, key: str) -> str:
    if kind == "industry":
        return directory.industry_name(key)
    if kind == "domain":
        return directory.domain_name(key)
    if kind == "tier":
        return directory.tier_name(key)
    return directory.region_name(key)


def _group_order(directory: Directory, kind: str, key: str) -> tuple[int, str, str]:
    """Taxonomy (or tier) order, then unknown ids by id."""
    if kind == "tier":
        rank, tier_id = directory.tier_rank(key)
        return (rank, tier_id, key)
    terms = {"industry": directory.industries, "domain": directory.domains, "region": directory.regions}[kind]
    known = list(terms)
    return (known.index(key), "", key) if key in terms else (len(known), key, key)


def _table(context: SiteContext, directory: Directory, accounts: list[Account], up: str) -> list[str]:
    """The rows of a list, split into numbered parts when it is long."""
    language = context.language
    titles = [label(key, language) for key in ("account", "tier", "industry", "region")]
    titles += [label("owner", language), label("ar", language, LABELS)]
    if not context.public:
        titles.append(label("level", language, LABELS))
    titles.append(label("flags", language, LABELS))
    rows = [row(_cells(context, directory, account, up)) for account in accounts]
    return table_sections(header(titles), rows)


def _cells(context: SiteContext, directory: Directory, account: Account, up: str) -> list[str]:
    root = up
    cells = [
        directory.account_link(account.id, root),
        directory.tier_name(account.tier),
        directory.industry_name(account.industry),
        directory.region_name(account.region),
        directory.team_link(account.owner, root),
        ", ".join(directory.person_link(person, root) for person in account.iron_triangle.ar),
    ]
    health = context.health.get(account.id)
    if not context.public:
        average = health.row.average(list(directory.dimensions)) if health and health.row else None
        cells.append(heat_cell(round(average), None, context.language) if average is not None else "")
    flags = [dashboard.flag(context, health, signal, root) for signal in SIGNALS] if health else []
    cells.append(" ".join(flag for flag in flags if flag))
    return cells


def _list_page(context: SiteContext, directory: Directory, kind: str, key: str, members: list[Account]) -> Page:
    language = context.language
    name = _group_name(directory, kind, key)
    lines = [*front_matter(_plain(directory, kind, key), hide=WIDE), f"# {name}", ""]
    lines += [label("list_intro", language, LABELS).format(group=name), ""]
    by_tier: dict[str, list[Account]] = defaultdict(list)
    for account in members:
        by_tier[account.tier].append(account)
    for tier_id in sorted(by_tier, key=directory.tier_rank):
        if kind != "tier":
            lines += [f"## {directory.tier_name(tier_id)} {{ #tier-{tier_id} }}", ""]
        lines += [*_table(context, directory, by_tier[tier_id], "../../"), ""]
    return Page(list_path(kind, key, ""), _plain(directory, kind, key), "\n".join(lines) + "\n", in_nav=False)


def _plain(directory: Directory, kind: str, key: str) -> str:
    """A list's title as the data has it (front matter escapes it)."""
    if kind == "tier":
        tier = directory.tier_by_id.get(key)
        return str(tier.name) if tier else key
    terms = {"industry": directory.industries, "domain": directory.domains, "region": directory.regions}[kind]
    return str(terms.get(key, key))
