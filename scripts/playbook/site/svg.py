"""Diagrams drawn at build time: the power map, the relationship trend and heat-map cells.

Each diagram is a function from data to one string of SVG (a heat-map cell is one
``<span>``): no script, no library, nothing fetched, the same bytes for the same input. The
SVG has no blank line and no indented line, either of which would end the HTML block it sits
in on a Markdown page, and every value from the data is escaped (see ``svg_draw.text``).
Diagrams sit on a white panel, so their colours read the same in light and dark mode; a page
wraps one in ``embed`` so that a wide diagram scrolls instead of shrinking out of sight.

- ``power_map``: the customer's org chart by reporting line; each box coloured by our latest
  relationship level, bordered by the person's influence, with the buying role and who covers
  them on our side (``svg_layout`` places the boxes).
- ``trend_chart``: each relationship dimension's level across the assessments (``svg_trend``).
- ``heat_cell``: a level on its colour with the change since the previous assessment.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook.models.account import InfluenceLevel
from playbook.site.context import Language
from playbook.site.svg_draw import (
    DARK_TEXT,
    INK,
    LEVEL_NAMES,
    LEVELS,
    MUTED,
    PANEL,
    UNKNOWN_COLOUR,
    WARNING,
    clip,
    columns,
    document,
    known_level,
    label_text,
    level_colour,
    level_name,
    level_text_colour,
    message,
    number,
    rect,
    text,
    word,
)
from playbook.site.svg_layout import BOX_HEIGHT, BOX_WIDTH, layout, parents_without_cycles
from playbook.site.svg_trend import TrendPoint, trend_chart

__all__ = [
    "LEVELS",
    "LEVEL_NAMES",
    "MapPerson",
    "TrendPoint",
    "embed",
    "heat_cell",
    "known_level",
    "level_colour",
    "level_name",
    "level_text_colour",
    "power_map",
    "trend_chart",
]

#: The border of a person's box by the weight they carry.
INFLUENCE_BORDER: dict[str, float] = {"high": 3.5, "medium": 1.5, "low": 0.75}
_MARGIN = 16.0
_LEGEND_ITEM = 124.0
_LEGEND_ROW = 22.0
_MIN_MAP_WIDTH = 520.0
_BAND = 22.0  # the white band at the foot of a box that names our people


def embed(svg: str) -> str:
    """A diagram as a raw HTML block for a Markdown page, scrolling sideways when it is wide."""
    return f'<div class="pb-diagram" style="overflow-x:auto">{svg}</div>'


def heat_cell(level: int | None, change: int | None, language: Language = "en") -> str:
    """A heat-map table cell: the level on its colour, and ▲/▼ with the change since last time."""
    level = known_level(level)
    shown = "?" if level is None else str(level)
    words = word("not_assessed", language) if level is None else f"{level} {level_name(level, language)}"
    if change:
        shown += f" {'▲' if change > 0 else '▼'}{abs(change)}"
        words += "; " + word("up" if change > 0 else "down", language).format(change=abs(change))
    elif change == 0 and level is not None:
        words += "; " + word("same", language)
    style = (
        f"background:{level_colour(level)};color:{level_text_colour(level)};display:inline-block;"
        "min-width:2.4em;padding:0 .35em;border-radius:3px;text-align:center;white-space:nowrap"
    )
    if level is None:
        style += ";outline:1px dashed #9e9e9e"
    return f'<span class="pb-heat" style="{style}" title="{text(words)}">{text(shown)}</span>'


@dataclass(frozen=True)
class MapPerson:
    """A customer's person as the power map shows them, with codes and names ready for display."""

    id: str
    name: str
    title: str
    department: str | None
    #: The buying role's display code, such as ``EB``.
    buying_role: str
    #: The finer influence's display code, such as ``E-DB``.
    influence: str | None = None
    influence_level: InfluenceLevel = "medium"
    #: The id of the person this one reports to.
    reports_to: str | None = None
    #: The display names of our owner and backup for this person.
    owner: str | None = None
    backup: str | None = None
    #: The latest assessed relationship level, -1 to 3.
    level: int | None = None


def power_map(people: list[MapPerson], language: Language) -> str:
    """The customer's org chart by reporting line, coloured by our relationship with each person."""
    title = word("power_map", language)
    if not people:
        return message("pb-power-map", title, word("no_contacts", language))
    tree = layout(parents_without_cycles([person.id for person in people], [person.reports_to for person in people]))
    inner = max(tree.width, _MIN_MAP_WIDTH)
    legend, legend_height = _legend(inner, language)
    offset_x = _MARGIN + (inner - tree.width) / 2
    offset_y = _MARGIN + legend_height + 14
    body = legend
    for edge in tree.edges:
        points = " ".join(f"{number(x + offset_x)},{number(y + offset_y)}" for x, y in edge.points)
        body.append(
            f'<polyline class="pb-edge" points="{points}" fill="none" stroke="{MUTED}" stroke-width="1.5"'
            ' stroke-linejoin="round"/>'
        )
    names: dict[str, str] = {}
    for person in people:
        names.setdefault(person.id, person.name)
    for box in tree.boxes:
        shown = people[box.person]
        tooltip = _person_words(shown, names.get(shown.reports_to or "", shown.reports_to), language)
        body += _person_box(shown, box.x + offset_x - BOX_WIDTH / 2, box.y + offset_y, tooltip, language)
    summary = f"{title}: " + word("contacts_count", language).format(count=len(people))
    return document("pb-power-map", inner + 2 * _MARGIN, offset_y + tree.height + _MARGIN, summary, body)


def _person_box(person: MapPerson, x: float, y: float, tooltip: str, language: Language) -> list[str]:
    """A person's box: name, title, buying-role badge, level, and our owner and backup."""
    known = known_level(person.level)
    colour, ink = level_colour(known), level_text_colour(known)
    band = y + BOX_HEIGHT - _BAND
    right = x + BOX_WIDTH
    role = person.buying_role + (f" · {person.influence}" if person.influence else "")
    role = clip(role, 20)
    second = person.title + (f" · {person.department}" if person.department else "")
    level = f"{'?' if known is None else known} {level_name(known, language)}"
    if person.owner:
        ours = f"{word('ours', language)}: {person.owner}"
        if person.backup:
            ours += f" / {word('backup', language)} {person.backup}"
        cover = label_text(x + 8, y + BOX_HEIGHT - 7, clip(ours, 32), 10.5, INK, css="pb-ours")
    else:
        cover = label_text(
            x + 8, y + BOX_HEIGHT - 7, word("no_owner", language), 10.5, WARNING, bold=True, css="pb-ours"
        )
    # The coloured part: the box above the band, its top corners rounded like the outline's.
    shade = (
        f"M{number(x)},{number(band)}V{number(y + 6)}Q{number(x)},{number(y)} {number(x + 6)},{number(y)}"
        f"H{number(right - 6)}Q{number(right)},{number(y)} {number(right)},{number(y + 6)}V{number(band)}Z"
    )
    border = INFLUENCE_BORDER.get(person.influence_level, INFLUENCE_BORDER["medium"])
    return [
        f'<g class="pb-person" data-id="{text(person.id)}" data-level="{"" if known is None else known}">',
        f"<title>{text(tooltip)}</title>",
        rect(x, y, BOX_WIDTH, BOX_HEIGHT, fill=PANEL, rx=6),
        f'<path d="{shade}" fill="{colour}"/>',
        f'<line x1="{number(x)}" y1="{number(band)}" x2="{number(right)}" y2="{number(band)}" stroke="{INK}"'
        ' stroke-width="0.5"/>',
        rect(
            x,
            y,
            BOX_WIDTH,
            BOX_HEIGHT,
            fill="none",
            stroke=INK,
            stroke_width=border,
            rx=6,
            css="pb-box",
            dash="5 3" if known is None else "",
        ),
        label_text(x + 8, y + 18, clip(person.name, 18), 13, ink, bold=True, css="pb-name"),
        label_text(x + 8, y + 33, clip(second, 28), 11, ink),
        rect(x + 8, y + 41, 12 + columns(role) * 6.3, 15, fill=PANEL, stroke=INK, rx=3),
        label_text(x + 14, y + 52.5, role, 10, DARK_TEXT, bold=True, css="pb-role"),
        label_text(right - 8, y + 52.5, clip(level, 14), 10, ink, anchor="end"),
        cover,
        "</g>",
    ]


def _person_words(person: MapPerson, manager: str | None, language: Language) -> str:
    """Everything the box shows, unabridged: the tooltip, and what a screen reader reads."""
    details = [person.buying_role + (f" ({person.influence})" if person.influence else "")]
    weight = word(person.influence_level, language) if person.influence_level in INFLUENCE_BORDER else "?"
    details.append(f"{word('influence', language)}: {weight}")
    known = known_level(person.level)
    level = level_name(known, language)
    details.append(f"{word('level', language)}: {level if known is None else f'{known} {level}'}")
    if person.owner:
        backup = f" / {word('backup', language)} {person.backup}" if person.backup else ""
        details.append(f"{word('ours', language)}: {person.owner}{backup}")
    else:
        details.append(word("no_owner", language))
    if manager:
        details.append(f"{word('reports_to', language)} {manager}")
    who = ", ".join(part for part in (person.title, person.department) if part)
    return f"{person.name} — {who}; " + "; ".join(details)


def _legend(width: float, language: Language) -> tuple[list[str], float]:
    """The level colours and the influence border, in rows that fit ``width``; and its height."""
    items = [
        (f"{level} {level_name(level, language)}", rect(0, 0, 14, 14, fill=level_colour(level), stroke=INK, rx=2))
        for level in LEVELS
    ]
    items.append((level_name(None, language), rect(0, 0, 14, 14, fill=UNKNOWN_COLOUR, stroke=INK, rx=2, dash="3 2")))
    items.append((word("high_influence", language), rect(1, 1, 12, 12, fill=PANEL, stroke=INK, stroke_width=3, rx=2)))
    per_row = max(1, int(width // _LEGEND_ITEM))
    lines = [
        '<g class="pb-legend">',
        label_text(_MARGIN, _MARGIN + 11, word("level", language), 11, DARK_TEXT, bold=True),
    ]
    row = column = 0
    for position, (words, swatch) in enumerate(items):
        wide = position == len(items) - 1  # the border's label takes two places
        if column + (2 if wide else 1) > per_row and column:
            row, column = row + 1, 0
        x = _MARGIN + column * _LEGEND_ITEM
        y = _MARGIN + 20 + row * _LEGEND_ROW
        lines.append(f'<g transform="translate({number(x)},{number(y)})">{swatch}')
        lines.append(label_text(20, 11.5, words, 11, DARK_TEXT) + "</g>")
        column += 2 if wide else 1
    lines.append("</g>")
    return lines, 20 + (row + 1) * _LEGEND_ROW
