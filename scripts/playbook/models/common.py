"""Shapes shared by every file kind: ids, names, dates, relationship levels."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Record(BaseModel):
    """Base of every data shape: strict types, unknown keys rejected, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, use_attribute_docstrings=False)


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    raise ValueError("a date is written YYYY-MM-DD, for example 2026-03-31")


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="An id: lowercase letters, digits and hyphens, starting with a letter or digit."),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]
IsoDate = Annotated[date, BeforeValidator(_iso_date), Field(strict=False)]
Percent = Annotated[float, Field(ge=0, le=100)]
#: A relationship level: -1 opposes us, 0 neutral, 1 supports, 2 prefers us, 3 coach.
Level = Annotated[int, Field(ge=-1, le=3)]

TriangleRole = Literal["ar", "sr", "fr"]
TRIANGLE_ROLES: tuple[TriangleRole, ...] = ("ar", "sr", "fr")
Perspective = Literal["financial", "customer", "internal_process", "learning"]
PERSPECTIVES: tuple[Perspective, ...] = ("financial", "customer", "internal_process", "learning")
Lifecycle = Literal["breaking_in", "growth", "mature"]


class Name(Record):
    """A name in English, Chinese or both."""

    en: Text | None = Field(None, title="English", description="The name in English.")
    zh: Text | None = Field(None, title="Chinese", description="The name in Chinese (中文名).")

    @model_validator(mode="after")
    def _one_language(self) -> Name:
        if self.en is None and self.zh is None:
            raise ValueError("give the name in at least one language: en or zh")
        return self

    def __str__(self) -> str:
        if self.en and self.zh:
            return f"{self.zh} ({self.en})"
        return self.zh or self.en or ""


class ReportingLines(Record):
    """Who this reports to: one solid line and any number of dotted lines."""

    solid: Slug | None = Field(None, title="Solid line", description="The id this reports to directly.")
    dotted: list[Slug] = Field(
        default_factory=list,
        title="Dotted lines",
        description="Ids this also reports to on a dotted line (guidance, assessment, resources).",
    )
