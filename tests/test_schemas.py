"""The JSON Schemas: generated from the models, current, documented, and agreeing with them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from playbook import jsonschemas
from playbook.cli import main
from playbook.documents import load
from playbook.models import FILE_KINDS
from playbook.repository import data_files, kind_of
from tests.examples import BASE

ROOT = Path(__file__).resolve().parents[1]


def test_committed_schemas_are_current() -> None:
    assert jsonschemas.stale(ROOT) == [], "run 'playbook schemas' and commit schemas/"


def test_schemas_check_command_fails_on_drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data").mkdir()
    assert main(["schemas", "--root", str(tmp_path)]) == 0
    assert main(["schemas", "--check", "--root", str(tmp_path)]) == 0
    path = tmp_path / jsonschemas.schema_path("account")
    path.write_text(path.read_text(encoding="utf-8").replace('"title": "Tier"', '"title": "Level"'), encoding="utf-8")
    capsys.readouterr()
    assert main(["schemas", "--check", "--root", str(tmp_path)]) == 1
    assert "schemas/account.schema.json" in capsys.readouterr().out


@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = jsonschemas.generate(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def _properties(schema: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, prop in schema.get("properties", {}).items():
        yield f"{where}.{name}", prop
    for def_name, definition in schema.get("$defs", {}).items():
        yield from _properties(definition, def_name)


@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
def test_every_property_has_title_and_description(kind: str) -> None:
    schema = jsonschemas.generate(kind)
    missing = [
        where for where, prop in _properties(schema, kind) if not prop.get("title") or not prop.get("description")
    ]
    assert missing == []


def _documents(root: Path) -> Iterator[tuple[str, Any]]:
    for path in data_files(root):
        kind = kind_of(path)
        if kind is None:
            continue
        document, findings = load(path, (root / path).read_bytes())
        assert document is not None and not findings
        yield kind, document.data


@pytest.mark.parametrize("root", [BASE, ROOT], ids=["base", "sample"])
def test_data_is_valid_against_the_published_schemas(root: Path) -> None:
    if not (root / "data").is_dir():
        pytest.fail(f"{root} has no data/")
    validators = {kind: Draft202012Validator(jsonschemas.generate(kind)) for kind in FILE_KINDS}
    checked = 0
    for kind, data in _documents(root):
        errors = [error.message for error in validators[kind].iter_errors(data)]
        assert errors == [], (kind, errors)
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("assessment", {"date": "2026-01-01", "assessor": "a", "dimensions": {"x": 4}}),
        ("assessment", {"date": "2026-01-01", "assessor": "a", "dimensions": {}, "extra": 1}),
        ("assessment", {"date": "2026-01-01", "assessor": "Not A Slug", "dimensions": {}}),
        ("team", {"id": "t", "name": {"en": "T"}, "type": "sales", "lead": "a", "members": [], "charter": "c"}),
        ("account", {"id": "a"}),
    ],
)
def test_schema_and_model_reject_the_same_data(kind: str, data: dict[str, Any]) -> None:
    schema_errors = list(Draft202012Validator(jsonschemas.generate(kind)).iter_errors(data))
    model = FILE_KINDS[kind]
    with pytest.raises(ValueError):
        model.model_validate(data)
    assert schema_errors
