"""Cross-file rules. Importing this package registers every rule in the registry."""

from __future__ import annotations

from playbook.rules import (  # noqa: F401  (importing a module registers its rules)
    actions,
    assessments,
    coverage,
    criteria,
    gate,
    iron_triangle,
    kpis,
    load,
    owners,
    plans,
    reading,
    references,
    regions,
    relationships,
    scopes,
    stages,
    support,
    teams,
)
from playbook.rules.registry import RULES, Rule, run_across, run_all, run_each

__all__ = ["RULES", "Rule", "run_across", "run_all", "run_each"]
