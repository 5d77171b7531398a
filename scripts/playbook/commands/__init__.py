"""The subcommands, keyed by name. Each module has ``add_parser`` and ``run``."""

from __future__ import annotations

import argparse
from types import ModuleType

from playbook.commands import (
    assign,
    build,
    change,
    codeowners,
    coverage,
    move,
    new,
    rename,
    reparent,
    rules,
    schemas,
    scope,
    serve,
    validate,
)

COMMANDS: dict[str, ModuleType] = {
    "validate": validate,
    "rules": rules,
    "new": new,
    "schemas": schemas,
    "coverage": coverage,
    "build": build,
    "serve": serve,
    "codeowners": codeowners,
    "assign": assign,
    "move": move,
    "rename": rename,
    "reparent": reparent,
    "scope": scope,
    "change": change,
}

__all__ = ["COMMANDS", "argparse"]
