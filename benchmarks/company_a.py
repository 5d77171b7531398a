"""Company A of seed 000 at its own scale: 29 provincial units under 7 big regions.

    python benchmarks/company_a.py OUT

writes a complete playbook repository into OUT (empty or new) with the optimised
organisation the seed recommends for company A: 29 provincial regional teams, each the
default owner of its province; commercial key-account teams by industry, each covering the
northern or the southern big regions (key-account teams do not go down to provinces);
one government team per domain covering the country; and named accounts in the provinces.
Twelve industries and four government domains make the coverage matrix 12 + 4 rows by 7
big regions, each big region opening into its provinces. The output is the same on every
run (no clock, no randomness), and

    playbook validate --root OUT --today 2026-11-23

finds no error. It is the data of the coverage-matrix screenshot at company A's size.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

#: Big regions with their provinces (29 provincial units; Tibet and Hainan are served from
#: Sichuan and Guangdong), as (id, Chinese, English).
BIG_REGIONS: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("north", "华北", "North China", (
        ("beijing", "北京", "Beijing"), ("tianjin", "天津", "Tianjin"), ("hebei", "河北", "Hebei"),
        ("shanxi", "山西", "Shanxi"), ("inner-mongolia", "内蒙古", "Inner Mongolia"),
    )),
    ("northeast", "东北", "Northeast China", (
        ("liaoning", "辽宁", "Liaoning"), ("jilin", "吉林", "Jilin"), ("heilongjiang", "黑龙江", "Heilongjiang"),
    )),
    ("east", "华东", "East China", (
        ("shanghai", "上海", "Shanghai"), ("jiangsu", "江苏", "Jiangsu"), ("zhejiang", "浙江", "Zhejiang"),
        ("anhui", "安徽", "Anhui"), ("fujian", "福建", "Fujian"), ("jiangxi", "江西", "Jiangxi"),
        ("shandong", "山东", "Shandong"),
    )),
    ("south", "华南", "South China", (("guangdong", "广东", "Guangdong"), ("guangxi", "广西", "Guangxi"))),
    ("central", "华中", "Central China", (
        ("henan", "河南", "Henan"), ("hubei", "湖北", "Hubei"), ("hunan", "湖南", "Hunan"),
    )),
    ("southwest", "西南", "Southwest China", (
        ("chongqing", "重庆", "Chongqing"), ("sichuan", "四川", "Sichuan"), ("guizhou", "贵州", "Guizhou"),
        ("yunnan", "云南", "Yunnan"),
    )),
    ("northwest", "西北", "Northwest China", (
        ("shaanxi", "陕西", "Shaanxi"), ("gansu", "甘肃", "Gansu"), ("qinghai", "青海", "Qinghai"),
        ("ningxia", "宁夏", "Ningxia"), ("xinjiang", "新疆", "Xinjiang"),
    )),
)  # fmt: skip
INDUSTRIES: tuple[tuple[str, str, str], ...] = (
    ("banking", "银行", "Banking"),
    ("insurance", "保险", "Insurance"),
    ("securities", "证券", "Securities"),
    ("energy", "能源", "Energy"),
    ("telecom", "运营商", "Carriers"),
    ("manufacturing", "制造", "Manufacturing"),
    ("automotive", "汽车", "Automotive"),
    ("retail", "零售", "Retail"),
    ("transport", "交通", "Transport"),
    ("health", "医疗健康", "Health"),
    ("high-tech", "高科技", "High tech"),
    ("government", "政府", "Government"),
)
DOMAINS: tuple[tuple[str, str, str], ...] = (
    ("tax", "税务", "Tax"),
    ("customs", "海关", "Customs"),
    ("education", "教育", "Education"),
    ("public-security", "公安", "Public security"),
)
#: The key-account teams split the country in two: (suffix, Chinese, English, big regions).
HALVES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("north", "北方", "North", ("north", "northeast", "northwest", "central")),
    ("south", "南方", "South", ("east", "south", "southwest")),
)
#: Industries without a key-account team: their customers stay with the provinces.
UNNAMED_INDUSTRIES = ("health", "government")


def _name(zh: str, en: str) -> str:
    return f"{{zh: {zh}, en: {en}}}"


def taxonomy() -> str:
    lines = ["# Company A: 7 big regions over 29 provincial units.", "currency: CNY", "amount_unit: 10k", "regions:"]
    for big, zh, en, provinces in BIG_REGIONS:
        lines.append(f"  - {{id: {big}, name: {_name(zh, en)}}}")
        lines += [f"  - {{id: {pid}, name: {_name(pzh, pen)}, parent: {big}}}" for pid, pzh, pen in provinces]
    lines.append("industries:")
    lines += [f"  - {{id: {iid}, name: {_name(zh, en)}}}" for iid, zh, en in INDUSTRIES]
    lines.append("government_domains:")
    lines += [f"  - {{id: {did}, name: {_name(zh, en)}}}" for did, zh, en in DOMAINS]
    lines += [
        "stages:",
        "  - {id: intent, name: {en: Intent}, checkpoint: Need confirmed, win_probability: 10}",
        "  - {id: closing, name: {en: Closing}, checkpoint: Contract signed, win_probability: 90}",
        "relationship_dimensions:",
        "  - {id: executive, name: {en: Executive}}",
        "buying_roles:",
        "  - {id: eb, name: {en: Economic buyer}, decides: true}",
    ]
    return "\n".join(lines) + "\n"


TIERS = """metrics:
  - {id: annual-revenue, name: {en: Annual revenue}, unit: 10k CNY}
tiers:
  - id: key
    name: {zh: 大客户, en: Key}
    rank: 1
    description: Named to a key-account team by industry, or to a government team by domain.
    criteria:
      - {metric: annual-revenue, comparison: ">=", threshold: 1000}
    owner_team_types: [key_account, government]
    iron_triangle_required: false
    management_lines: {esp: critical, mci: important, tas: critical, ecm: critical, prm: important, csm: important}
    review_cadence_days: 365
  - id: smb
    name: {zh: 中小客户, en: SMB}
    rank: 2
    description: Everyone else, owned by the provincial unit of their province.
    owner_team_types: [regional]
    iron_triangle_required: false
    management_lines: {esp: optional, mci: important, tas: critical, ecm: optional, prm: optional, csm: optional}
    review_cadence_days: 365
"""


def team(team_id: str, zh: str, en: str, kind: str, scope: dict[str, list[str]], lead: str, charter: str) -> str:
    lines = [f"id: {team_id}", f"name: {_name(zh, en)}", f"type: {kind}", "scope:"]
    lines += [f"  {key}: [{', '.join(values)}]" for key, values in scope.items()]
    lines += [f"lead: {lead}", "members:", f"  - {{id: {lead}, name: {{en: {en} lead}}, roles: [ar]}}"]
    lines.append(f"charter: {charter}")
    return "\n".join(lines) + "\n"


def files() -> dict[str, str]:
    """Every data file of company A's playbook, by root-relative path."""
    found = {"data/taxonomy.yaml": taxonomy(), "data/tiers.yaml": TIERS}
    provinces = [(pid, pzh, pen, big) for big, _, _, listed in BIG_REGIONS for pid, pzh, pen in listed]
    for pid, pzh, pen, _ in provinces:
        found[f"data/teams/{pid}-unit.yaml"] = team(
            f"{pid}-unit", f"{pzh}省级单元", f"{pen} Unit", "regional", {"regions": [pid]}, f"{pid}-head",
            f"Owns every customer in {pen} that no key-account or government team owns.",
        )  # fmt: skip
    named: dict[tuple[str, str], str] = {}
    for industry, zh, en in INDUSTRIES:
        if industry in UNNAMED_INDUSTRIES:
            continue
        for suffix, hzh, hen, bigs in HALVES:
            team_id = f"{industry}-ka-{suffix}"
            scope = {"regions": list(bigs), "industries": [industry]}
            charter = f"Owns the named {en.lower()} customers of the {hen.lower()}ern big regions."
            found[f"data/teams/{team_id}.yaml"] = team(
                team_id, f"{zh}大客户部·{hzh}", f"{en} Key Accounts {hen}", "key_account", scope, f"{team_id}-lead",
                charter,
            )  # fmt: skip
            for big in bigs:
                named[(industry, big)] = team_id
    for domain, zh, en in DOMAINS:
        scope = {"regions": [big for big, _, _, _ in BIG_REGIONS], "domains": [domain]}
        found[f"data/teams/{domain}-gov.yaml"] = team(
            f"{domain}-gov", f"政府大客户部·{zh}", f"{en} Government Accounts", "government", scope,
            f"{domain}-gov-lead", f"Owns the named {en.lower()} authorities in every region.",
        )  # fmt: skip
    for number, (pid, _, pen, big) in enumerate(provinces):
        for offset in range(2):
            industry = INDUSTRIES[(number * 2 + offset) % len(INDUSTRIES)][0]
            account_id = f"{pid}-{industry}-{offset + 1}"
            if industry == "government":
                domain = DOMAINS[(number + offset) % len(DOMAINS)][0]
                owner, extra = f"{domain}-gov", f"domain: {domain}\n"
            elif industry in UNNAMED_INDUSTRIES:
                owner, extra = f"{pid}-unit", ""
            else:
                owner, extra = named[(industry, big)], ""
            tier = "smb" if owner.endswith("-unit") else "key"
            ar = f"{pid}-head" if tier == "smb" else f"{owner}-lead"
            found[f"data/accounts/{account_id}/account.yaml"] = (
                f"id: {account_id}\nname: {{en: {pen} {industry} customer {offset + 1}}}\ntier: {tier}\n"
                f"industry: {industry}\nregion: {pid}\n{extra}owner: {owner}\nlifecycle: growth\n"
                f"metrics: {{annual-revenue: {1200 if tier == 'key' else 300}}}\n"
                f"iron_triangle: {{ar: [{ar}]}}\n"
            )
    return found


def generate(out: Path) -> int:
    """Write company A's playbook into ``out`` (empty or new); return how many data files were written."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    written = files()
    for relative, text in written.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name in ("playbook.yaml", "mkdocs.yml"):
        shutil.copyfile(PROJECT / name, out / name)
    shutil.copytree(PROJECT / "docs", out / "docs", dirs_exist_ok=True)
    return len(written)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write company A's playbook: 29 provinces under 7 big regions.")
    parser.add_argument("out", type=Path, metavar="OUT", help="the folder to write (empty or new)")
    args = parser.parse_args(argv)
    try:
        count = generate(args.out)
    except FileExistsError as error:
        sys.stderr.write(f"company_a: error: {error}\n")
        return 2
    sys.stderr.write(f"{count} data files in {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
