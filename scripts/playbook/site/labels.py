"""Page labels in English and Chinese. The language comes from playbook.yaml (``language``).

Each page module keeps a table of its own labels, ``{key: (english, chinese)}``; the terms
every page uses are here.
"""

from __future__ import annotations

from collections.abc import Mapping

from playbook.site.context import Language

LabelTable = Mapping[str, tuple[str, str]]

COMMON: LabelTable = {
    "account": ("Account", "客户"),
    "accounts": ("Accounts", "客户"),
    "team": ("Team", "团队"),
    "teams": ("Teams", "团队"),
    "tier": ("Tier", "客户分级"),
    "industry": ("Industry", "行业"),
    "region": ("Region", "区域"),
    "domain": ("Government domain", "政府领域"),
    "owner": ("Owning team", "责任团队"),
    "overlays": ("Overlay teams", "协同团队"),
    "ar": ("AR (account)", "AR 客户经理"),
    "sr": ("SR (solution)", "SR 解决方案经理"),
    "fr": ("FR (fulfilment)", "FR 交付经理"),
    "lead": ("Lead", "负责人"),
    "members": ("Members", "成员"),
    "contacts": ("Contacts", "客户联系人"),
    "findings": ("Findings", "检查结果"),
    "error": ("error", "错误"),
    "warning": ("warning", "警告"),
    "none": ("none", "无"),
    "home": ("Home", "首页"),
    "coverage": ("Coverage matrix", "覆盖矩阵"),
    "relationships": ("Relationships", "客户关系"),
    "people": ("People", "人员"),
    "tiers": ("Tiers", "客户分级"),
    "rules": ("Rules", "检查规则"),
}


def label(key: str, language: Language, table: LabelTable = COMMON) -> str:
    """The label for ``key`` in ``language``, from ``table`` and then the common terms."""
    english, chinese = table.get(key) or COMMON[key]
    return chinese if language == "zh" else english
