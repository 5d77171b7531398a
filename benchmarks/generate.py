"""A scale model of the playbook: a complete, valid repository with N accounts.

    python benchmarks/generate.py N OUT

writes a playbook repository into the folder OUT (which must be empty or not exist): the
sample's taxonomy, tiers, settings, docs and site configuration, team charters scaled to the
number of accounts, and N accounts with two or three relationship assessments each. The
output depends on N only: the random choices come from a generator seeded with N, and every
date is counted from a fixed as-of day (AS_OF), never from the clock.

The shape follows the sample under data/: about 2% strategic accounts (each with a dedicated
AR), about 60% key accounts (3 to 10 per AR) and the rest SMB, owned by the regional team of
their region. Key-account teams are organised by industry and, once there are many accounts,
split by groups of regions so that the teams stay a few dozen people on average; the government
team covers the four government domains in every region but Hong Kong & Macao; solution,
delivery and partner teams overlay. Every account meets its tier's criteria, every key
contact has an owner and a different backup, actions are done or due after the as-of day,
and the latest assessment falls within the tier's review cadence, so that

    playbook validate --root OUT --today 2026-11-23

exits 0.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

#: The day the generated playbook describes; validate with --today 2026-11-23.
AS_OF = date(2026, 11, 23)
#: The project whose sample data, schemas, docs and site configuration are copied.
PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "data"

# The mix of the portfolio. Weights are relative; healthcare has no key-account team, so its
# customers are SMB, and so are government bodies in Hong Kong & Macao (no government team there).
INDUSTRY_WEIGHTS: dict[str, int] = {
    "banking": 18,
    "insurance": 8,
    "securities": 7,
    "energy": 12,
    "telecom": 8,
    "manufacturing": 20,
    "transport": 9,
    "healthcare": 8,
    "government": 10,
}
REGION_WEIGHTS: dict[str, int] = {
    "north": 16,
    "northeast": 8,
    "east": 24,
    "south": 18,
    "central": 12,
    "southwest": 10,
    "northwest": 7,
    "hk-macao": 5,
}
STRATEGIC_SHARE = 0.02
KEY_SHARE = 0.60
#: Key-account teams: id prefix, industries, Chinese and English names, the sample file whose KPIs they carry.
KA_GROUPS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("banking", ("banking",), "金融系统部·银行", "Banking Key Accounts"),
    ("insurance-securities", ("insurance", "securities"), "金融系统部·保险证券", "Insurance & Securities Key Accounts"),
    ("energy", ("energy",), "能源电力系统部", "Energy & Power Key Accounts"),
    ("telecom", ("telecom",), "运营商系统部", "Carriers & Broadcast Key Accounts"),
    ("manufacturing", ("manufacturing", "transport"), "制造与交通系统部", "Manufacturing & Transport Key Accounts"),
)
GOVERNMENT_REGIONS_EXCLUDED = ("hk-macao",)
#: Region groups by how many ways the named-account teams are split.
REGION_SPLITS: dict[int, tuple[tuple[str, str, str, tuple[str, ...]], ...]] = {
    1: (("", "", "", ("north", "northeast", "east", "south", "central", "southwest", "northwest", "hk-macao")),),
    2: (
        ("north", "北方", "North", ("north", "northeast", "northwest", "central")),
        ("south", "南方", "South", ("east", "south", "southwest", "hk-macao")),
    ),
    4: (
        ("north", "北方", "North", ("north", "northeast")),
        ("east", "华东华中", "East & Central", ("east", "central")),
        ("south", "华南港澳", "South", ("south", "hk-macao")),
        ("west", "西部", "West", ("southwest", "northwest")),
    ),
    8: (
        ("north", "华北", "North China", ("north",)),
        ("northeast", "东北", "Northeast China", ("northeast",)),
        ("east", "华东", "East China", ("east",)),
        ("south", "华南", "South China", ("south",)),
        ("central", "华中", "Central China", ("central",)),
        ("southwest", "西南", "Southwest China", ("southwest",)),
        ("northwest", "西北", "Northwest China", ("northwest",)),
        ("hk-macao", "港澳", "Hong Kong & Macao", ("hk-macao",)),
    ),
}
#: The most ARs the largest named-account team may have, on average per region group, before a finer split.
TEAM_SIZE_LIMIT = 45
KEY_ACCOUNTS_PER_AR = (5, 6, 7, 8)
SMB_ACCOUNTS_PER_AR = 40
SMB_ACCOUNTS_PER_PRESALES = 80
KEY_ACCOUNTS_PER_SR = 12
KEY_ACCOUNTS_PER_FR = 15
SOLUTIONS: tuple[tuple[str, str, str], ...] = (
    ("cloud-solutions", "云与计算解决方案部", "Cloud & Compute Solutions"),
    ("data-ai-solutions", "数据与智能解决方案部", "Data & AI Solutions"),
    ("network-solutions", "网络解决方案部", "Network Solutions"),
    ("security-solutions", "安全解决方案部", "Security Solutions"),
)
#: Which solution teams an industry's accounts usually buy from, first choice first.
SOLUTION_PREFERENCES: dict[str, tuple[int, ...]] = {
    "banking": (1, 0, 3),
    "insurance": (1, 0, 3),
    "securities": (0, 1, 3),
    "energy": (2, 1, 3),
    "telecom": (2, 0, 1),
    "manufacturing": (2, 1, 0),
    "transport": (2, 0, 3),
    "healthcare": (0, 1, 2),
    "government": (1, 3, 0),
}

SURNAMES: tuple[tuple[str, str], ...] = (
    ("wang", "王"), ("li", "李"), ("zhang", "张"), ("liu", "刘"), ("chen", "陈"), ("yang", "杨"),
    ("huang", "黄"), ("zhao", "赵"), ("wu", "吴"), ("zhou", "周"), ("xu", "徐"), ("sun", "孙"),
    ("ma", "马"), ("zhu", "朱"), ("hu", "胡"), ("guo", "郭"), ("he", "何"), ("gao", "高"),
    ("lin", "林"), ("luo", "罗"), ("zheng", "郑"), ("liang", "梁"), ("xie", "谢"), ("song", "宋"),
    ("tang", "唐"), ("han", "韩"), ("feng", "冯"), ("deng", "邓"), ("cao", "曹"), ("peng", "彭"),
    ("zeng", "曾"), ("xiao", "肖"), ("tian", "田"), ("dong", "董"), ("pan", "潘"), ("yuan", "袁"),
    ("cai", "蔡"), ("jiang", "蒋"), ("yu", "余"), ("du", "杜"), ("ye", "叶"), ("cheng", "程"),
    ("wei", "魏"), ("su", "苏"), ("lu", "陆"), ("ding", "丁"), ("ren", "任"), ("shen", "沈"),
    ("yao", "姚"), ("cui", "崔"), ("zhong", "钟"), ("tan", "谭"), ("fan", "范"), ("liao", "廖"),
    ("shi", "石"), ("jin", "金"), ("jia", "贾"), ("xia", "夏"), ("fu", "付"), ("fang", "方"),
    ("bai", "白"), ("zou", "邹"), ("meng", "孟"), ("xiong", "熊"), ("qin", "秦"), ("qiu", "邱"),
    ("hou", "侯"), ("yin", "尹"), ("xue", "薛"), ("duan", "段"), ("lei", "雷"), ("long", "龙"),
    ("tao", "陶"), ("mao", "毛"), ("hao", "郝"), ("gu", "顾"), ("gong", "龚"), ("shao", "邵"),
    ("wan", "万"), ("qian", "钱"), ("yan", "严"), ("lai", "赖"), ("kong", "孔"), ("mo", "莫"),
    ("kang", "康"), ("qiao", "乔"),
)  # fmt: skip
GIVEN: tuple[tuple[str, str], ...] = (
    ("wei", "伟"), ("fang", "芳"), ("na", "娜"), ("min", "敏"), ("jing", "静"), ("li", "丽"),
    ("qiang", "强"), ("lei", "磊"), ("jun", "军"), ("yang", "洋"), ("yong", "勇"), ("yan", "艳"),
    ("jie", "杰"), ("tao", "涛"), ("ming", "明"), ("chao", "超"), ("xiu", "秀"), ("xia", "霞"),
    ("ping", "平"), ("gang", "刚"), ("hua", "华"), ("hui", "慧"), ("jian", "建"), ("guo", "国"),
    ("hong", "红"), ("dong", "东"), ("hai", "海"), ("bo", "波"), ("ning", "宁"), ("lin", "林"),
    ("xin", "欣"), ("yu", "宇"), ("hao", "浩"), ("kai", "凯"), ("rui", "瑞"), ("feng", "峰"),
    ("bin", "斌"), ("wen", "文"), ("qing", "青"), ("yun", "云"), ("zhi", "志"), ("chun", "春"),
    ("lan", "兰"), ("mei", "梅"), ("long", "龙"), ("peng", "鹏"), ("fei", "飞"), ("hang", "航"),
    ("tian", "天"), ("shu", "淑"), ("jia", "佳"), ("yi", "怡"), ("zhen", "振"), ("de", "德"),
    ("an", "安"), ("xue", "雪"), ("cheng", "成"), ("kang", "康"), ("le", "乐"), ("song", "松"),
    ("bing", "冰"), ("qi", "琪"), ("yue", "悦"), ("chen", "晨"), ("xuan", "轩"), ("han", "涵"),
    ("zi", "子"), ("shan", "珊"), ("sheng", "生"), ("guang", "光"), ("zhong", "忠"), ("rong", "荣"),
)  # fmt: skip
PREFIXES: tuple[tuple[str, str], ...] = (
    ("huaxin", "华信"), ("dongfang", "东方"), ("beichen", "北辰"), ("nanhai", "南海"), ("xijiang", "西江"),
    ("zhongyuan", "中原"), ("jinling", "金陵"), ("qiantang", "钱塘"), ("minjiang", "闽江"), ("xiangjiang", "湘江"),
    ("bashu", "巴蜀"), ("qilu", "齐鲁"), ("yanzhao", "燕赵"), ("songliao", "松辽"), ("longyuan", "陇原"),
    ("tianshan", "天山"), ("lingnan", "岭南"), ("haixi", "海西"), ("changjiang", "长江"), ("huanghe", "黄河"),
    ("taihu", "太湖"), ("kunlun", "昆仑"), ("taishan", "泰山"), ("huangshan", "黄山"), ("wuyi", "武夷"),
    ("jinghua", "京华"), ("pujiang", "浦江"), ("xinghai", "星海"), ("hengyuan", "恒远"), ("tianyu", "天宇"),
    ("ruifeng", "瑞丰"), ("hongtai", "宏泰"), ("jiahe", "嘉禾"), ("yongxin", "永信"), ("anxin", "安信"),
    ("guangda", "广达"), ("shengshi", "盛世"), ("fuyuan", "富源"), ("kaiyuan", "开元"), ("boyuan", "博远"),
    ("jinyuan", "金源"), ("canglan", "沧澜"), ("qilian", "祁连"), ("lanxin", "蓝芯"), ("haojiang", "濠江"),
    ("liaohai", "辽海"), ("hengtong", "恒通"), ("zhongcheng", "中诚"), ("xinglong", "兴隆"), ("jiuzhou", "九州"),
)  # fmt: skip
CITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "north": (("beijing", "北京"), ("tianjin", "天津"), ("shijiazhuang", "石家庄"), ("taiyuan", "太原"),
              ("hohhot", "呼和浩特"), ("tangshan", "唐山")),
    "northeast": (("shenyang", "沈阳"), ("dalian", "大连"), ("changchun", "长春"), ("harbin", "哈尔滨"),
                  ("jilin", "吉林"), ("anshan", "鞍山")),
    "east": (("shanghai", "上海"), ("nanjing", "南京"), ("hangzhou", "杭州"), ("suzhou", "苏州"),
             ("hefei", "合肥"), ("fuzhou", "福州"), ("xiamen", "厦门"), ("jinan", "济南"), ("qingdao", "青岛"),
             ("nanchang", "南昌"), ("ningbo", "宁波"), ("wuxi", "无锡")),
    "south": (("guangzhou", "广州"), ("shenzhen", "深圳"), ("foshan", "佛山"), ("nanning", "南宁"),
              ("haikou", "海口"), ("dongguan", "东莞"), ("zhuhai", "珠海")),
    "central": (("wuhan", "武汉"), ("changsha", "长沙"), ("zhengzhou", "郑州"), ("luoyang", "洛阳"),
                ("yichang", "宜昌"), ("xiangyang", "襄阳")),
    "southwest": (("chengdu", "成都"), ("chongqing", "重庆"), ("guiyang", "贵阳"), ("kunming", "昆明"),
                  ("lhasa", "拉萨"), ("mianyang", "绵阳")),
    "northwest": (("xian", "西安"), ("lanzhou", "兰州"), ("xining", "西宁"), ("yinchuan", "银川"),
                  ("urumqi", "乌鲁木齐"), ("baotou", "包头")),
    "hk-macao": (("hong-kong", "香港"), ("macao", "澳门"), ("kowloon", "九龙")),
}  # fmt: skip
#: Customer kinds per industry: id stem, Chinese suffix, English suffix.
STEMS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "banking": (("bank", "银行", "Bank"), ("rural-commercial-bank", "农村商业银行", "Rural Commercial Bank"),
                ("commercial-bank", "商业银行", "Commercial Bank")),
    "insurance": (("life", "人寿", "Life"), ("property-insurance", "财产保险", "Property Insurance"),
                  ("health-insurance", "健康保险", "Health Insurance")),
    "securities": (("securities", "证券", "Securities"), ("fund-management", "基金管理", "Fund Management")),
    "energy": (("power", "电力", "Power"), ("gas", "燃气", "Gas"), ("new-energy", "新能源", "New Energy"),
               ("petrochemical", "石化", "Petrochemical"), ("hydropower", "水电", "Hydropower")),
    "telecom": (("telecom", "电信", "Telecom"), ("broadcast-network", "广电网络", "Broadcast Network"),
                ("data-centres", "数据港", "Data Centres")),
    "manufacturing": (("auto", "汽车", "Auto"), ("precision", "精密机械", "Precision Machinery"),
                      ("semiconductor", "半导体", "Semiconductor"), ("heavy-industry", "重工", "Heavy Industry"),
                      ("electronics", "电子", "Electronics")),
    "transport": (("logistics", "物流", "Logistics"), ("airport-group", "机场集团", "Airport Group"),
                  ("port-group", "港务集团", "Port Group"), ("rail-transit", "轨道交通", "Rail Transit")),
    "healthcare": (("hospital", "医院", "Hospital"), ("health-group", "医疗集团", "Health Group"),
                   ("orthopaedic-hospital", "骨科医院", "Orthopaedic Hospital")),
}  # fmt: skip
GOVERNMENT_STEMS: dict[str, tuple[str, str, str]] = {
    "tax": ("tax", "税务局", "Tax Service"),
    "customs": ("customs", "海关", "Customs"),
    "education": ("education", "教育厅", "Education Department"),
    "public-security": ("public-security", "公安厅", "Public Security Department"),
}
#: Customer-side titles per buying role: English, Chinese, department.
TITLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "eb": (
        ("President", "总经理", "公司领导"),
        ("Chairman", "董事长", "公司领导"),
        ("Vice President for Technology", "分管科技副总经理", "公司领导"),
        ("Chief Financial Officer", "财务总监", "公司领导"),
    ),
    "tb": (
        ("Head of IT", "信息技术部总经理", "信息技术部"),
        ("Head of Planning & Finance", "计划财务部总经理", "计划财务部"),
        ("Head of Procurement", "采购部总经理", "采购部"),
        ("Chief Architect", "首席架构师", "信息技术部"),
    ),
    "ub": (
        ("Head of Operations", "运营管理部总经理", "运营管理部"),
        ("Head of Risk Management", "风险管理部总经理", "风险管理部"),
        ("Head of Customer Service", "客户服务部总经理", "客户服务部"),
        ("Head of Production", "生产管理部总经理", "生产管理部"),
    ),
    "coach": (
        ("Head of Architecture", "架构处处长", "信息技术部"),
        ("Deputy Head of IT", "信息技术部副总经理", "信息技术部"),
        ("Project Manager, Digital Office", "数字化办公室项目经理", "数字化办公室"),
    ),
}
INFLUENCES: dict[str, tuple[str, ...]] = {
    "eb": ("e-db", "e-pb"),
    "tb": ("t-ca", "t-fb", "t-ab"),
    "ub": ("u-wb", "u-bb"),
    "coach": ("c-co", "c-ca"),
}
#: Offers per solution team: opportunity title, product.
OFFERS: tuple[tuple[tuple[str, str], ...], ...] = (
    (
        ("Private cloud platform", "Hybrid cloud stack"),
        ("Core systems on domestic compute", "Domestic server cluster"),
        ("Disaster-recovery site", "Active-active cloud backup"),
    ),
    (
        ("Data platform modernisation", "Real-time data platform"),
        ("Analytics with large models", "Large-model platform"),
        ("Regulatory reporting", "Reporting data platform"),
    ),
    (
        ("Campus network refresh", "Campus switching and Wi-Fi 7"),
        ("Wide-area network upgrade", "SD-WAN"),
        ("Data-centre fabric", "Spine-leaf data-centre network"),
    ),
    (
        ("Security operations centre", "SOC with threat intelligence"),
        ("Zero-trust access", "Zero-trust gateway"),
        ("Data-security gateway", "Data classification and masking"),
    ),
)
GOALS: tuple[tuple[str, str, str], ...] = (
    ("Book the {offer} deal", "financial", "{amount:,} 万元"),
    ("Become the customer's partner for {offer}", "customer", "Key-people dimension at 2 or above"),
    ("Deliver every milestone of {offer} on time", "internal_process", "No severity-1 incident this year"),
    ("Certify the account team on {offer}", "learning", "Two certifications on the account team"),
)
SMB_OFFERS: tuple[tuple[str, str], ...] = (
    ("Office network and cloud backup", "Small-business network and backup bundle"),
    ("Branch Wi-Fi refresh", "Cloud-managed Wi-Fi"),
    ("Video conferencing rooms", "Meeting-room bundle"),
    ("Endpoint security", "Managed endpoint protection"),
)
ASSESSMENT_NOTES: tuple[str, ...] = (
    "The technical team now supports our proposal; the budget owner is still undecided.",
    "Delivery went well; the users ask for a second phase.",
    "A competitor is pitching to the IT department; we need an executive visit.",
    "The new CIO has not met us yet; the coach is arranging an introduction.",
    "Payment is on time and the service reviews are positive.",
    "The framework agreement was renewed for three years.",
)
ACCOUNT_NOTES: tuple[str, ...] = (
    "A long-standing customer modernising its core systems.",
    "Growing fast; its IT budget doubled in two years.",
    "Buys through public tender with fixed budget windows.",
    "A regional leader that wants to be a showcase in its industry.",
    "Moving to domestic technology under the national programme.",
)
AR_TITLES = ("Account Manager", "Senior Account Manager")
SR_TITLES = ("Solution Manager", "Solution Director", "Solution Architect")
FR_TITLES = ("Delivery Manager", "Delivery Director", "Service Manager")

_PLAIN = re.compile(r"^[A-Za-z\u3400-\u9fff][^:#\[\]{},&*!|>'\"%@`]*$")
_SPECIAL = re.compile(r"^(?:true|false|null|yes|no|on|off|~)$", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# The model of the generated organisation.


@dataclass
class Person:
    id: str
    zh: str
    en: str


@dataclass
class Member:
    person: Person
    title: str
    roles: tuple[str, ...]
    solid: str | None = None
    dotted: tuple[str, ...] = ()
    handle: bool = False


@dataclass
class TeamSpec:
    id: str
    zh: str
    en: str
    type: str
    charter: str
    regions: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    kpis: str = ""
    members: list[Member] = field(default_factory=list)

    @property
    def lead(self) -> Member:
        return self.members[0]

    def add(self, person: Person, title: str, roles: tuple[str, ...], handle: bool = False) -> Member:
        solid = self.members[0].person.id if self.members else None
        member = Member(person, title, roles, solid, handle=handle)
        self.members.append(member)
        return member


@dataclass
class AccountSpec:
    index: int
    industry: str
    region: str
    tier: str
    domain: str | None = None
    id: str = ""
    zh: str = ""
    en: str = ""
    owner: str = ""
    group: str = ""
    solutions: tuple[int, ...] = ()
    ar: str = ""
    sr: tuple[str, ...] = ()
    fr: str | None = None
    #: For an SMB account: the regional presales manager who backs up its key contacts.
    presales: str | None = None


@dataclass
class Generated:
    """What generate() wrote: the number of accounts, files and bytes, and the time it took."""

    n_accounts: int
    n_files: int
    n_bytes: int
    seconds: float
    tiers: dict[str, int]
    teams: int
    people: int


class Names:
    """Unique ids for people and accounts, with their Chinese and English names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def unique(self, base: str) -> str:
        candidate, number = base, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        self.taken.add(candidate)
        return candidate

    def person(self) -> Person:
        surname, surname_zh = self.rng.choice(SURNAMES)
        syllables = [self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2, 2)))]
        given = "".join(pinyin for pinyin, _ in syllables)
        given_zh = "".join(hanzi for _, hanzi in syllables)
        return Person(self.unique(f"{surname}-{given}"), surname_zh + given_zh, f"{surname.title()} {given.title()}")


# ---------------------------------------------------------------------------------------------
# Generation.


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def region_split(n_per_group: Iterable[int]) -> int:
    """How many region groups the named-account teams are split into, from their largest size."""
    largest = max(n_per_group, default=0)
    for split in sorted(REGION_SPLITS):
        if largest / split <= TEAM_SIZE_LIMIT:
            return split
    return max(REGION_SPLITS)


def skeletons(n: int, rng: random.Random) -> list[AccountSpec]:
    """Industry, region, tier and domain of each account."""
    eligible_share = 1 - (INDUSTRY_WEIGHTS["healthcare"] / sum(INDUSTRY_WEIGHTS.values()))
    strategic = STRATEGIC_SHARE / eligible_share
    key = KEY_SHARE / eligible_share
    accounts = []
    for index in range(n):
        industry = weighted(rng, INDUSTRY_WEIGHTS)
        region = weighted(rng, REGION_WEIGHTS)
        domain = rng.choice(tuple(GOVERNMENT_STEMS)) if industry == "government" else None
        named = industry != "healthcare" and not (industry == "government" and region in GOVERNMENT_REGIONS_EXCLUDED)
        draw = rng.random()
        tier = "smb"
        if named and draw < strategic:
            tier = "strategic"
        elif named and draw < strategic + key:
            tier = "key"
        accounts.append(AccountSpec(index, industry, region, tier, domain))
    return accounts


def named_group(account: AccountSpec) -> str:
    """The named-account team family (KA group prefix, or 'government') an account belongs to."""
    if account.industry == "government":
        return "government"
    return next(prefix for prefix, industries, _, _ in KA_GROUPS if account.industry in industries)


def region_groups(split: int) -> dict[str, tuple[str, str, str]]:
    """Region id to its group's (suffix, Chinese, English) for a split."""
    return {region: (suffix, zh, en) for suffix, zh, en, covered in REGION_SPLITS[split] for region in covered}


def team_id(prefix: str, suffix: str) -> str:
    return f"{prefix}-{suffix}" if suffix else prefix


def build(n: int) -> tuple[list[TeamSpec], list[AccountSpec], list[str], random.Random]:
    """The teams and the accounts (with owners and iron triangles) of the scale model for ``n``.

    Returns the teams, the accounts, the approvers for tiers.yaml, and the random generator in
    the state the accounts' contents are to be drawn from.
    """
    rng = random.Random(f"playbook-scale-model:{n}")
    names = Names(rng)
    accounts = skeletons(n, rng)
    split = assign_owners(accounts, rng)
    for account in accounts:
        name_account(account, rng, names)
    teams = charter_teams(split)
    president = staff_teams(teams, accounts, names, rng)
    by_id = {team.id: team for team in teams}
    first_group = REGION_SPLITS[split][0][0]
    approvers = [
        president,
        by_id[team_id("public-sector", first_group)].lead.person.id,
        by_id["east-region"].lead.person.id,
    ]
    return teams, accounts, approvers, rng


def assign_owners(accounts: list[AccountSpec], rng: random.Random) -> int:
    """Give every account its owning team and solution overlays; return the region split used.

    The named-account teams are split into the fewest region groups (1, 2, 4 or 8) that keep
    the largest of them at about TEAM_SIZE_LIMIT ARs per group on average. A team that would
    hold only one or two key accounts gets none (its AR would be under-used): those customers
    stay SMB, with the regional team.
    """
    sizes: dict[str, int] = {}
    for account in accounts:
        if account.tier != "smb":
            group = named_group(account)
            sizes[group] = sizes.get(group, 0) + (6 if account.tier == "strategic" else 1)
    split = region_split(math.ceil(size / 6) for size in sizes.values())
    groups = region_groups(split)
    for account in accounts:
        account.group = groups[account.region][0]
        if account.tier != "smb":
            family = "public-sector" if account.industry == "government" else f"{named_group(account)}-ka"
            account.owner = team_id(family, account.group)
    key_counts: dict[str, int] = {}
    for account in accounts:
        if account.tier == "key":
            key_counts[account.owner] = key_counts.get(account.owner, 0) + 1
    for account in accounts:
        if account.tier == "key" and key_counts[account.owner] < 3:
            account.tier = "smb"
        if account.tier == "smb":
            account.owner = f"{account.region}-region"
            continue
        preferences = SOLUTION_PREFERENCES[account.industry]
        count = 2 if account.tier == "strategic" or rng.random() < 0.4 else 1
        first = preferences[0] if rng.random() < 0.7 else rng.choice(preferences)
        rest = [choice for choice in preferences if choice != first]
        account.solutions = (first, *rng.sample(rest, count - 1))
    return split


def charter_teams(split: int) -> list[TeamSpec]:
    """Every team, without members: named-account, government, regional, solution, delivery, partner."""
    kpis = sample_kpis()
    # One regional team per top-level region: a team on a big region covers the provinces below it.
    regions = {term["id"]: term["name"] for term in load_sample("taxonomy.yaml")["regions"] if not term.get("parent")}
    groups = REGION_SPLITS[split]

    def suffixed(zh: str, en: str, group_zh: str, group_en: str) -> tuple[str, str]:
        return (f"{zh}·{group_zh}", f"{en}, {group_en}") if group_en else (zh, en)

    teams: list[TeamSpec] = []
    for prefix, industries, zh, en in KA_GROUPS:
        for suffix, group_zh, group_en, covered in groups:
            where = f" of {group_en}" if group_en else " in every region"
            teams.append(
                TeamSpec(
                    team_id(f"{prefix}-ka", suffix),
                    *suffixed(zh, en, group_zh, group_en),
                    "key_account",
                    f"Owns the named {' and '.join(industries)} customers{where}. Each strategic customer has its own"
                    " account director; the other named customers are grouped under account managers.",
                    regions=covered,
                    industries=industries,
                    kpis=kpis["key_account"],
                )
            )
    for suffix, group_zh, group_en, covered in groups:
        governed = tuple(region for region in covered if region not in GOVERNMENT_REGIONS_EXCLUDED)
        if governed:
            teams.append(
                TeamSpec(
                    team_id("public-sector", suffix),
                    *suffixed("政府与公共事业部", "Public Sector Accounts", group_zh, group_en),
                    "government",
                    "Owns the named government bodies in tax, customs, education and public security. Every"
                    " purchase is a public tender with fixed budget windows, so the team works the budget a year"
                    " ahead.",
                    regions=governed,
                    domains=tuple(GOVERNMENT_STEMS),
                    kpis=kpis["government"],
                )
            )
    for region, region_name in regions.items():
        teams.append(
            TeamSpec(
                f"{region}-region",
                f"{region_name['zh']}区域部",
                f"{region_name['en']} Region",
                "regional",
                f"Owns every customer in {region_name['en']} that no named-account team owns, through a short,"
                " guided sales process with partners doing most of the fulfilment.",
                regions=(region,),
            )
        )
    for solution, zh, en in SOLUTIONS:
        for suffix, group_zh, group_en, _ in groups:
            teams.append(
                TeamSpec(
                    team_id(solution, suffix),
                    *suffixed(zh, en, group_zh, group_en),
                    "solution",
                    f"Sells {en.lower()} alongside the owning teams and never owns a customer; its revenue is"
                    " counted twice, with the owner.",
                    kpis=kpis["solution"],
                )
            )
    for suffix, group_zh, group_en, _ in groups:
        teams.append(
            TeamSpec(
                team_id("delivery-services", suffix),
                *suffixed("交付与服务部", "Delivery & Services", group_zh, group_en),
                "delivery",
                "Delivers what the owning teams sell, runs the service afterwards and owns the payment cycle"
                " with the AR.",
                kpis=kpis["delivery"],
            )
        )
    teams.append(
        TeamSpec(
            "partner-ecosystem",
            "伙伴与生态发展部",
            "Partners & Ecosystem",
            "partner",
            "Recruits and manages the partners that reach the customers the regional teams cannot visit"
            " in person. It supports owners and never takes a customer from them.",
        )
    )
    return teams


def staff_teams(teams: list[TeamSpec], accounts: list[AccountSpec], names: Names, rng: random.Random) -> str:
    """Add the people to the teams and put them on the accounts; return the head of sales' id.

    The head of sales leads the first banking team, as in the sample, and every other lead
    reports to them. Strategic accounts get a dedicated AR each, key accounts 5 to 8 per AR
    (the tier allows 3 to 10), SMB accounts about SMB_ACCOUNTS_PER_AR per AR with a presales
    manager to back up their key contacts. SRs and FRs come from the solution and delivery
    teams of the account's region group.
    """
    by_id = {team.id: team for team in teams}
    for team in teams:
        roles = {"solution": ("sr",), "delivery": ("fr",), "partner": ()}.get(team.type, ("ar",))
        team.add(names.person(), f"General Manager, {team.en}", roles, handle=True)
        team.lead.solid = teams[0].lead.person.id if team is not teams[0] else None
    teams[0].lead.title = f"President, Enterprise Business; Head of {teams[0].en}"

    def hire(team: TeamSpec, count: int, titles: Sequence[str], role: str) -> list[str]:
        return [team.add(names.person(), rng.choice(titles), (role,)).person.id for _ in range(count)]

    def spread(people: list[str], owned: list[AccountSpec], attribute: str) -> None:
        for position, account in enumerate(owned):
            setattr(account, attribute, people[position % len(people)])

    per_owner: dict[str, list[AccountSpec]] = {}
    for account in accounts:
        per_owner.setdefault(account.owner, []).append(account)
    for owner, owned in per_owner.items():
        team = by_id[owner]
        for account in owned:
            if account.tier == "strategic":
                account.ar = team.add(names.person(), f"Account Director, {account.en}", ("ar",)).person.id
        key = [account for account in owned if account.tier == "key"]
        if key:
            spread(hire(team, math.ceil(len(key) / rng.choice(KEY_ACCOUNTS_PER_AR)), AR_TITLES, "ar"), key, "ar")
        smb = [account for account in owned if account.tier == "smb"]
        if smb:
            spread(hire(team, math.ceil(len(smb) / SMB_ACCOUNTS_PER_AR), ("Account Manager",), "ar"), smb, "ar")
            presales = hire(team, math.ceil(len(smb) / SMB_ACCOUNTS_PER_PRESALES), ("Presales Manager",), "sr")
            spread(presales, smb, "presales")

    solution: dict[str, list[AccountSpec]] = {}
    fulfilment: dict[str, list[AccountSpec]] = {}
    for account in accounts:
        if account.tier != "smb":
            solution.setdefault(team_id(SOLUTIONS[account.solutions[0]][0], account.group), []).append(account)
            fulfilment.setdefault(team_id("delivery-services", account.group), []).append(account)
    for owner, needing in solution.items():
        srs = hire(by_id[owner], max(2, math.ceil(len(needing) / KEY_ACCOUNTS_PER_SR)), SR_TITLES, "sr")
        for position, account in enumerate(needing):
            account.sr = (srs[position % len(srs)],)
            if account.tier == "strategic":
                account.sr += (srs[(position + 1) % len(srs)],)
    for owner, needing in fulfilment.items():
        spread(
            hire(by_id[owner], max(2, math.ceil(len(needing) / KEY_ACCOUNTS_PER_FR)), FR_TITLES, "fr"), needing, "fr"
        )
    for team in teams:
        if len(team.members) > 1 or team.type == "partner":
            continue
        if team.type == "regional":
            hire(team, 1, ("Presales Manager",), "sr")
        elif team.type in ("solution", "delivery"):
            hire(team, 1, SR_TITLES if team.type == "solution" else FR_TITLES, team.lead.roles[0])
    partner = by_id["partner-ecosystem"]
    for title in ("Channel Manager, Distribution Partners", "Alliance Manager, Software Partners"):
        partner.add(names.person(), title, ())
    return teams[0].lead.person.id


def name_account(account: AccountSpec, rng: random.Random, names: Names) -> None:
    """Give the account a unique id and a name: a brand and a kind of customer, with a city if taken."""
    if account.industry == "government":
        assert account.domain is not None
        kinds: tuple[tuple[str, str, str], ...] = (GOVERNMENT_STEMS[account.domain],)
    else:
        kinds = STEMS[account.industry]
    for attempt in range(12):
        prefix, prefix_zh = rng.choice(PREFIXES)
        stem, stem_zh, stem_en = rng.choice(kinds)
        base, zh, en = f"{prefix}-{stem}", f"{prefix_zh}{stem_zh}", f"{prefix.title()} {stem_en}"
        if attempt >= 2:
            city, city_zh = rng.choice(CITIES[account.region])
            base, zh, en = f"{city}-{base}", f"{city_zh}{zh}", f"{city.replace('-', ' ').title()} {en}"
        if base not in names.taken or attempt == 11:
            break
    account.id = names.unique(base)
    number = account.id.removeprefix(base).lstrip("-")
    account.zh = f"{zh}（{number}）" if number else zh
    account.en = f"{en} ({number})" if number else en


def sample_kpis() -> dict[str, str]:
    """The KPI blocks of the sample's team charters, by team type, as YAML text."""
    sources = {
        "key_account": "banking-ka",
        "government": "public-sector",
        "solution": "cloud-solutions",
        "delivery": "delivery-services",
    }
    blocks = {}
    for kind, team in sources.items():
        text = (SAMPLE / "teams" / f"{team}.yaml").read_text(encoding="utf-8")
        match = re.search(r"^kpis:\n(.*?)(?=^\S)", text, flags=re.M | re.S)
        blocks[kind] = "kpis:\n" + match.group(1) if match else ""
    return blocks


def load_sample(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load((SAMPLE / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return loaded


# ---------------------------------------------------------------------------------------------
# YAML text.


def scalar(value: str, flow: bool = False) -> str:
    """A string as a YAML scalar: plain when that reads back as the same text, else double-quoted."""
    if (
        _PLAIN.match(value)
        and not _SPECIAL.match(value)
        and value == value.strip()
        and " #" not in value
        and not (flow and ("," in value))
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def name(zh: str, en: str) -> str:
    return f"{{zh: {scalar(zh, True)}, en: {scalar(en, True)}}}"


def folded(text: str, indent: str = "  ", width: int = 100) -> str:
    """A folded block scalar (>-) of ``text``, wrapped at ``width``."""
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return ">-\n" + "".join(f"{indent}{line}\n" for line in lines)


def team_yaml(team: TeamSpec) -> str:
    out = [
        "# yaml-language-server: $schema=../../schemas/team.schema.json\n",
        f"id: {team.id}\n",
        f"name: {name(team.zh, team.en)}\n",
        f"type: {team.type}\n",
    ]
    if team.regions or team.industries or team.domains:
        out.append("scope:\n")
        for key, values in (("regions", team.regions), ("industries", team.industries), ("domains", team.domains)):
            if values:
                out.append(f"  {key}: [{', '.join(values)}]\n")
    out.append(f"lead: {team.lead.person.id}\n")
    out.append("members:\n")
    for member in team.members:
        person = member.person
        out.append(f"  - id: {person.id}\n    name: {name(person.zh, person.en)}\n")
        out.append(f"    title: {scalar(member.title)}\n")
        if member.roles:
            out.append(f"    roles: [{', '.join(member.roles)}]\n")
        if member.solid:
            dotted = f", dotted: [{', '.join(member.dotted)}]" if member.dotted else ""
            out.append(f"    reports_to: {{solid: {member.solid}{dotted}}}\n")
        if member.handle:
            out.append(f'    handle: "@{person.id}"\n')
    if team.kpis:
        out.append(team.kpis)
    out.append("charter: " + folded(team.charter))
    return "".join(out)


def days(offset: int) -> date:
    return AS_OF + timedelta(days=offset)


#: An offer on an account: opportunity title, product, and the solution team that sells it (None: the owner).
Offer = tuple[str, str, str | None]
#: Days between relationship assessments, by tier (the review_cadence_days of the sample's tiers.yaml).
CADENCE: dict[str, int] = {"strategic": 60, "key": 90, "smb": 365}


def account_files(
    account: AccountSpec, rng: random.Random, solution_teams: Sequence[str], stages: Sequence[str], dims: Sequence[str]
) -> dict[str, str]:
    """The account plan and its assessments, by path relative to the account's folder."""
    head = [
        "# yaml-language-server: $schema=../../../schemas/account.schema.json\n",
        f"id: {account.id}\n",
        f"name: {name(account.zh, account.en)}\n",
        f"tier: {account.tier}\n",
        f"industry: {account.industry}\n",
        f"region: {account.region}\n",
        f"domain: {account.domain}\n" if account.domain else "",
        f"crm_id: {crm_id(account)}\n",
        f"owner: {account.owner}\n",
    ]
    offers, overlays = offers_and_overlays(account, rng, solution_teams)
    contacts, contact_text = contacts_yaml(account, rng)
    aimed = rng.sample(list(dims), 2) if account.tier != "smb" else []
    parts = [
        *head,
        overlays,
        f"lifecycle: {rng.choice(('breaking_in', 'growth', 'growth', 'mature'))}\n",
        metrics_yaml(account, rng),
        triangle_yaml(account),
        plan_yaml(account, rng, offers),
        pipeline_yaml(account, rng, offers, stages),
        contact_text,
        actions_yaml(account, rng, contacts, aimed),
        notes_yaml(account, rng),
    ]
    files = {"account.yaml": "".join(parts)}
    files.update(assessments(account, rng, contacts, dims, set(aimed)))
    return files


def crm_id(account: AccountSpec) -> str:
    """The account's id in the CRM (benchmarks/crm_extract.py writes the same ids into extracts)."""
    return f"CRM-{account.index + 1:07d}"


def notes_yaml(account: AccountSpec, rng: random.Random) -> str:
    """A sentence about the customer; two, folded, for a strategic account."""
    if account.tier != "strategic":
        return f"notes: {scalar(rng.choice(ACCOUNT_NOTES))}\n"
    return "notes: " + folded(" ".join(rng.sample(ACCOUNT_NOTES, 2)))


def offers_and_overlays(
    account: AccountSpec, rng: random.Random, solution_teams: Sequence[str]
) -> tuple[list[Offer], str]:
    """What is being sold to the account, and its overlays (solution teams, delivery, partner)."""
    offers: list[Offer] = []
    overlays: list[str] = []
    for index in account.solutions:
        team = team_id(solution_teams[index], account.group)
        title, product = rng.choice(OFFERS[index])
        offers.append((title, product, team))
        role = f"{OFFERS[index][0][0]} and {product.lower()}"
        overlays.append(f"  - team: {team}\n    credit_pct: 100\n    role: {scalar(role)}\n")
    if account.tier != "smb":
        overlays.append(
            f"  - team: {team_id('delivery-services', account.group)}\n    credit_pct: 0\n"
            '    role: "Fulfilment: delivery, service and the payment cycle"\n'
        )
    else:
        title, product = rng.choice(SMB_OFFERS)
        offers.append((title, product, None))
        if rng.random() < 0.5:
            overlays.append(
                "  - team: partner-ecosystem\n    credit_pct: 0\n"
                "    role: A distribution partner delivers and services the customer\n"
            )
    return offers, ("overlays:\n" + "".join(overlays)) if overlays else ""


def metrics_yaml(account: AccountSpec, rng: random.Random) -> str:
    """Metrics that meet the criteria of the account's tier and of no higher tier."""
    if account.tier == "strategic":
        metrics = {
            "annual-revenue": rng.randrange(3000, 20000, 100),
            "it-spend": rng.randrange(30000, 90000, 500),
            "gross-margin-pct": rng.randint(16, 34),
            "industry-rank": rng.randint(1, 10),
            "credit-rating": rng.randint(4, 5),
        }
    elif account.tier == "key":
        metrics = {
            "annual-revenue": rng.randrange(1000, 4000, 50),
            "it-spend": rng.randrange(8000, 29000, 500),
            "gross-margin-pct": rng.randint(12, 34),
            "industry-rank": rng.randint(11, 250),
            "credit-rating": rng.randint(3, 5),
        }
    else:
        metrics = {
            "annual-revenue": rng.randrange(20, 950, 5),
            "it-spend": rng.randrange(100, 9500, 100),
            "credit-rating": rng.randint(2, 5),
        }
    return "metrics:\n" + "".join(f"  {key}: {value}\n" for key, value in metrics.items())


def triangle_yaml(account: AccountSpec) -> str:
    parts = [f"ar: [{account.ar}]"]
    if account.sr:
        parts.append(f"sr: [{', '.join(account.sr)}]")
    if account.fr:
        parts.append(f"fr: [{account.fr}]")
    return f"iron_triangle: {{{', '.join(parts)}}}\n"


def plan_yaml(account: AccountSpec, rng: random.Random, offers: Sequence[Offer]) -> str:
    """Goals and a rising share-of-wallet plan, for strategic and key accounts."""
    if account.tier == "smb":
        return ""
    out = ["goals:\n"]
    for number, (title, perspective, target) in enumerate(rng.sample(GOALS, 3 if account.tier == "strategic" else 2)):
        offer = offers[number % len(offers)][0].lower()
        amount = rng.randrange(300, 3000, 50)
        out.append(
            f"  - title: {scalar(title.format(offer=offer))}\n    year: {2026 + number % 2}\n"
            f"    perspective: {perspective}\n    target: {scalar(target.format(amount=amount))}\n"
        )
    share = rng.randint(5, 25)
    out.append("share_of_wallet:\n")
    for year in (2026, 2027, 2028):
        out.append(f"  - year: {year}\n    share_pct: {share}\n")
        out.append(f"    breakthroughs: [{scalar(offers[(year - 2026) % len(offers)][0], True)}]\n")
        share += rng.randint(2, 6)
    return "".join(out)


def pipeline_yaml(account: AccountSpec, rng: random.Random, offers: Sequence[Offer], stages: Sequence[str]) -> str:
    """Leads and opportunities: converted leads point at their opportunity; open deals close after AS_OF."""
    named = account.tier != "smb"
    opportunities: list[str] = []
    leads: list[str] = []
    for number in range((3 if account.tier == "strategic" else 2) if named else 1):
        title, product, overlay = offers[number % len(offers)]
        if number == 0 and named:
            stage, close, year = stages[-1], days(-rng.randint(20, 300)), 2025
        else:
            stage, close, year = rng.choice(stages[:-1]), days(rng.randint(10, 200)), 2026
        opportunity = f"op-{year}-{number + 1:02d}"
        amount = rng.randrange(100, 4000, 50) if named else rng.randrange(10, 200, 5)
        opportunities.append(
            f"  - id: {opportunity}\n    title: {scalar(title)}\n    stage: {stage}\n    amount: {amount}\n"
            f"    close: {close.isoformat()}\n    product: {scalar(product)}\n"
            + (f"    overlay: {overlay}\n" if overlay else "")
        )
        if year == 2026:
            leads.append(
                f"  - id: ld-2026-{len(leads) + 1:02d}\n    title: {scalar(title)}\n"
                f"    received: {days(-rng.randint(30, 250)).isoformat()}\n    status: converted\n"
                f"    opportunity: {opportunity}\n"
            )
    if named:
        title = rng.choice(OFFERS[rng.randrange(len(OFFERS))])[0]
        leads.append(
            f"  - id: ld-2026-{len(leads) + 1:02d}\n    title: {scalar(title)}\n"
            f"    received: {days(-rng.randint(5, 60)).isoformat()}\n    status: qualified\n"
        )
    return ("leads:\n" + "".join(leads) if leads else "") + "opportunities:\n" + "".join(opportunities)


def contacts_yaml(account: AccountSpec, rng: random.Random) -> tuple[list[str], str]:
    """The customer's people (ids, and their YAML): the economic buyer at the top of the map,
    every key contact (economic buyer, coach) with an owner and a different backup on our side."""
    named = account.tier != "smb"
    roles = ["eb", "eb", "tb", "tb", "ub", "coach"] if named else ["eb", "tb"]
    if account.tier == "strategic":
        roles += ["tb", "ub", "coach"]
    elif rng.random() < 0.5:
        roles.append("ub")
    triangle = [account.ar, *account.sr] + ([account.fr] if account.fr else [])
    backups = [person for person in triangle if person != account.ar]
    if not backups and account.presales:
        backups = [account.presales]
    names = Names(rng)
    contacts: list[str] = []
    out = ["contacts:\n"]
    for number, role in enumerate(roles):
        person = names.person()
        en, zh, department = rng.choice(TITLES[role])
        owner, backup = rng.choice(triangle), None
        if role in ("eb", "coach"):
            owner, backup = account.ar, rng.choice(backups)
            if named and rng.random() < 0.3:
                owner, backup = backup, owner
        out.append(
            f"  - id: {person.id}\n    name: {name(person.zh, person.en)}\n"
            f"    title: {scalar(f'{en} ({zh})')}\n    department: {scalar(department)}\n"
            f"    buying_role: {role}\n    influence: {rng.choice(INFLUENCES[role])}\n"
            f"    influence_level: {'high' if role == 'eb' else rng.choice(('high', 'medium', 'medium', 'low'))}\n"
        )
        if number:
            reports_to = contacts[0] if number <= 3 else contacts[rng.randrange(1, len(contacts))]
            out.append(f"    reports_to: {reports_to}\n")
        out.append(f"    owner: {owner}\n")
        if backup is not None:
            out.append(f"    backup: {backup}\n")
        contacts.append(person.id)
    return contacts, "".join(out)


def actions_yaml(account: AccountSpec, rng: random.Random, contacts: Sequence[str], aimed: Sequence[str]) -> str:
    """One action done before AS_OF and the open ones due after it, aimed at the dimensions in ``aimed``."""
    actions: list[tuple[date, str, str, str, str | None]] = [
        (days(-rng.randint(5, 120)), "done", account.ar, "Quarterly review with the IT leadership", None),
    ]
    if account.tier == "smb":
        actions.append((days(rng.randint(5, 90)), "in_progress", account.ar, "Quote approval and order", None))
    else:
        actions.append((days(rng.randint(5, 60)), "in_progress", account.ar, "Contract review with finance", aimed[0]))
        owner = account.fr or account.ar
        actions.append((days(rng.randint(20, 120)), "planned", owner, "Delivery plan workshop", aimed[1]))
        if account.tier == "strategic":
            title = "Solution roadmap with the architects"
            actions.append((days(rng.randint(20, 150)), "planned", account.sr[0], title, None))
    out = ["actions:\n"]
    for number, (due, status, owner, title, dimension) in enumerate(actions):
        out.append(
            f"  - id: act-{number + 1:02d}\n    title: {scalar(title)}\n    owner: {owner}\n"
            f"    due: {due.isoformat()}\n    status: {status}\n    contact: {contacts[number % len(contacts)]}\n"
            + (f"    dimension: {dimension}\n" if dimension else "")
        )
    return "".join(out)


def assessments(
    account: AccountSpec, rng: random.Random, contacts: Sequence[str], dims: Sequence[str], aimed: set[str]
) -> dict[str, str]:
    """Two or three assessments, the latest within the tier's review cadence of AS_OF.

    Relationships improve from one assessment to the next. In the latest, a strategic or key
    account scores 0 or less only on a dimension an open action aims at, no contact opposes
    us, and perception is at most one point below expectation.
    """
    cadence = CADENCE[account.tier]
    spacing = min(cadence, 120)
    dates = [days(-rng.randint(3, cadence - 8))]
    for _ in range(rng.randint(1, 2)):
        dates.append(dates[-1] - timedelta(days=rng.randint(spacing - 10, spacing + 10)))
    dates.reverse()
    expectation = rng.randint(7, 9)
    levels = {dimension: rng.randint(-1, 1) for dimension in dims}
    contact_levels = {contact: rng.randint(-1, 1) for contact in contacts}
    files = {}
    for position, when in enumerate(dates):
        last = position == len(dates) - 1
        if last:
            for dimension in dims:
                floor = 0 if dimension in aimed or account.tier == "smb" else 1
                levels[dimension] = max(levels[dimension], floor)
            for contact in contact_levels:
                contact_levels[contact] = max(contact_levels[contact], 0)
        perception = max(1, expectation - (rng.randint(0, 1) if last else rng.randint(0, 3)))
        files[f"assessments/{when.isoformat()}.yaml"] = "".join(
            [
                "# yaml-language-server: $schema=../../../../schemas/assessment.schema.json\n",
                f"date: {when.isoformat()}\n",
                f"assessor: {account.ar}\n",
                "dimensions:\n",
                *(f"  {dimension}: {level}\n" for dimension, level in levels.items()),
                "contacts:\n",
                *(f"  {contact}: {level}\n" for contact, level in contact_levels.items()),
                f"satisfaction: {{expectation: {expectation}, perception: {perception}}}\n",
                f"notes: {scalar(rng.choice(ASSESSMENT_NOTES))}\n",
            ]
        )
        for dimension in dims:
            levels[dimension] = min(3, levels[dimension] + rng.randint(0, 1))
        for contact in contact_levels:
            contact_levels[contact] = min(3, contact_levels[contact] + rng.randint(0, 1))
    return files


def tiers_yaml(approvers: Sequence[str]) -> str:
    """The sample's tiers.yaml with the generated organisation's approvers."""
    text = (SAMPLE / "tiers.yaml").read_text(encoding="utf-8")
    replaced, count = re.subn(r"^approvers: .*$", f"approvers: [{', '.join(approvers)}]", text, flags=re.M)
    if count != 1:
        raise RuntimeError("the sample's tiers.yaml has no single 'approvers:' line to replace")
    return replaced


def generate(n: int, out: Path) -> Generated:
    """Write the scale model for ``n`` accounts into ``out`` (empty or new); return what was written."""
    if n < 1:
        raise ValueError("the number of accounts must be at least 1")
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    started = time.perf_counter()
    teams, accounts, approvers, rng = build(n)
    taxonomy = load_sample("taxonomy.yaml")
    stages = [stage["id"] for stage in taxonomy["stages"]]
    dims = [dimension["id"] for dimension in taxonomy["relationship_dimensions"]]
    solution_teams = [team for team, _, _ in SOLUTIONS]

    files: dict[str, str] = {
        "data/taxonomy.yaml": (SAMPLE / "taxonomy.yaml").read_text(encoding="utf-8"),
        "data/tiers.yaml": tiers_yaml(approvers),
    }
    for team in teams:
        files[f"data/teams/{team.id}.yaml"] = team_yaml(team)
    for account in accounts:
        for relative, text in account_files(account, rng, solution_teams, stages, dims).items():
            files[f"data/accounts/{account.id}/{relative}"] = text

    out.mkdir(parents=True, exist_ok=True)
    for name_ in ("playbook.yaml", "mkdocs.yml"):
        shutil.copyfile(PROJECT / name_, out / name_)
    for folder in ("docs", "schemas"):
        shutil.copytree(PROJECT / folder, out / folder, dirs_exist_ok=True)
    written = 0
    made: set[Path] = set()
    for relative, text in files.items():
        path = out / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = text.encode("utf-8")
        path.write_bytes(data)
        written += len(data)
    tiers: dict[str, int] = {}
    for account in accounts:
        tiers[account.tier] = tiers.get(account.tier, 0) + 1
    people = sum(len(team.members) for team in teams)
    return Generated(n, len(files), written, time.perf_counter() - started, tiers, len(teams), people)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a valid playbook repository with N accounts.")
    parser.add_argument("n", type=int, metavar="N", help="the number of accounts")
    parser.add_argument("out", type=Path, metavar="OUT", help="the folder to write (empty or new)")
    args = parser.parse_args(argv)
    try:
        result = generate(args.n, args.out)
    except (FileExistsError, ValueError) as error:
        sys.stderr.write(f"generate: {error}\n")
        return 2
    sys.stdout.write(
        f"wrote {result.n_accounts} accounts ({', '.join(f'{k} {v}' for k, v in sorted(result.tiers.items()))}), "
        f"{result.teams} teams, {result.people} people: {result.n_files} data files, "
        f"{result.n_bytes / 1e6:.1f} MB in {result.seconds:.1f} s\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
