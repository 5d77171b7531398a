"""Per-file shape checks: pydantic validation turned into findings with line and column."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from playbook.documents import Document, Path
from playbook.findings import Finding, Severity
from playbook.reading import hints
from playbook.spelling import did_you_mean

ModelT = TypeVar("ModelT", bound=BaseModel)

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
}


def check(document: Document, model: type[ModelT]) -> tuple[ModelT | None, list[Finding]]:
    """Validate one document against its model. Returns the model (None on errors) and findings."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        findings = [_finding(document, model, detail) for detail in error.errors(include_url=False)]
        return None, findings


def _finding(document: Document, model: type[BaseModel], detail: Any) -> Finding:
    loc: Path = tuple(part for part in detail["loc"] if part != "[key]")
    on_key = "[key]" in detail["loc"]
    kind = detail["type"]
    where = _dotted(loc)
    if kind == "extra_forbidden":
        rule = "SCH002"
        key = str(loc[-1])
        suggestion = _did_you_mean(key, _field_names(model, loc[:-1]))
        message = f"unknown key '{key}' in {_dotted(loc[:-1]) or 'the file'}{suggestion}"
        line, column = document.locate_key(loc)
        hint = hints.unknown_key(document, loc)
        if hint is not None:
            line, column, message = hint
    elif kind == "missing":
        rule = "SCH003"
        parent = loc[:-1]
        message = f"missing required key '{loc[-1]}' in {_dotted(parent) or 'the file'}"
        line, column = document.locate(parent)
    else:
        rule = "SCH001"
        message = f"{where}: {_explain(kind, detail)}" if where else _explain(kind, detail)
        line, column = document.locate_key(loc) if on_key else document.locate(loc)
        if kind == "string_type" and isinstance(detail.get("input"), dict):
            hint = hints.mapping_in_flow(document, loc)
            if hint is not None:
                line, column, advice = hint
                message = f"{where}: {advice}" if where else advice
    return Finding(document.path, line, column, rule, Severity.ERROR, message)


def _explain(kind: str, detail: Any) -> str:
    value = detail.get("input")
    if kind in _EXPECTED:
        hint = ""
        if kind == "string_type" and isinstance(value, (int, float, bool)):
            hint = " (put it in quotes to make it text)"
        if isinstance(value, str):
            hint = hints.value(value)
        return f"expected {_EXPECTED[kind]}, got {_describe(value)}{hint}"
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        options = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
        return f"{_describe(value)} is not one of {expected}{_did_you_mean(str(value), options)}"
    if kind == "string_pattern_mismatch":
        return f"{_describe(value)} is not a valid id: use lowercase letters, digits and hyphens (like 'east-china')"
    if kind == "too_short" and isinstance(value, (list, dict)):
        return "must not be empty"
    message = str(detail["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    message = message.replace("Input should be", "must be")
    return f"{message[0].lower()}{message[1:]}, got {_describe(value)}" if _plain(value) else message


def _plain(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _dotted(loc: Path) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _did_you_mean(word: str, options: list[str]) -> str:
    return did_you_mean(word, options)


def _field_names(model: type[BaseModel], loc: Path) -> list[str]:
    """The keys allowed at ``loc`` inside ``model`` (empty when loc leaves the models)."""
    annotation: Any = model
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    target = _model_in(annotation)
    return list(target.model_fields) if target is not None else []


def _step(annotation: Any, part: str | int) -> Any:
    target = _model_in(annotation)
    if target is not None and isinstance(part, str):
        field = target.model_fields.get(part)
        return field.annotation if field is not None else None
    for arg in _args(annotation):
        origin = typing.get_origin(arg)
        if origin is list and isinstance(part, int):
            return typing.get_args(arg)[0]
        if origin is dict and isinstance(part, str):
            return typing.get_args(arg)[1]
    return None


def _args(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _args(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return [inner for arg in typing.get_args(annotation) for inner in _args(arg)]
    return [annotation]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for arg in _args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None
