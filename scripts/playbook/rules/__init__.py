"""Cross-file rules. Importing this package registers every rule in the registry."""

from __future__ import annotations

from playbook.rules import references, stages  # noqa: F401  (registers rules)
from playbook.rules.registry import RULES, Rule, run_all

__all__ = ["RULES", "Rule", "run_all"]
