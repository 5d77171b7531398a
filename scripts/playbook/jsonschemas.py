"""The published JSON Schemas (draft 2020-12), generated from the pydantic models.

The models are the one source of truth; ``playbook schemas`` writes ``schemas/`` and
``playbook schemas --check`` fails when the committed copies have drifted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playbook.models import FILE_KINDS

SCHEMAS = "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_path(kind: str) -> str:
    """The root-relative path of a file kind's schema."""
    return f"{SCHEMAS}/{kind}.schema.json"


def generate(kind: str) -> dict[str, Any]:
    model = FILE_KINDS[kind]
    body = model.model_json_schema(mode="validation")
    _title_every_property(body)
    for definition in body.get("$defs", {}).values():
        _title_every_property(definition)
    return {"$schema": DRAFT, "$id": f"{kind}.schema.json", **body}


def _title_every_property(schema: dict[str, Any]) -> None:
    """Give a title to properties whose title pydantic leaves out (those referring to a model)."""
    for name, prop in schema.get("properties", {}).items():
        prop.setdefault("title", name.replace("_", " ").capitalize())


def render(kind: str) -> str:
    return json.dumps(generate(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def stale(root: Path) -> list[str]:
    """The schema files under ``root`` that are missing or differ from the models."""
    result = []
    for kind in FILE_KINDS:
        path = root / schema_path(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != render(kind):
            result.append(schema_path(kind))
    return result


def write(root: Path) -> list[str]:
    """Write every schema that is stale; returns the paths written."""
    written = stale(root)
    for relative in written:
        kind = relative.removeprefix(f"{SCHEMAS}/").removesuffix(".schema.json")
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(kind), encoding="utf-8")
    return written
