"""The subcommands, keyed by name. Each module has ``add_parser`` and ``run``."""

from __future__ import annotations

import argparse
from types import ModuleType

from playbook.commands import coverage, new, rules, schemas, validate

COMMANDS: dict[str, ModuleType] = {
    "validate": validate,
    "rules": rules,
    "new": new,
    "schemas": schemas,
    "coverage": coverage,
}

__all__ = ["COMMANDS", "argparse"]
