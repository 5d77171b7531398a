"""Diagrams drawn at build time: the power map, the relationship trend and heat-map cells.

Each diagram is a function from data to one string of SVG (a heat-map cell is one
``<span>``): no script, no library, nothing fetched, the same bytes for the same input. The
SVG has no blank line and no indented line, either of which would end the HTML block it sits
in on a Markdown page, and every value from the data is escaped (see ``svg_draw.text``).
Diagrams sit on a white panel, so their colours read the same in light and dark mode; a page
wraps one in ``embed`` so that a wide diagram scrolls instead of shrinking out of sight.

- ``power_map``: the customer's org chart by reporting line; each box coloured by our latest
  relationship level, bordered by the person's influence, with the buying role and who covers
  them on our side, each a link to their page (``svg_layout`` places the boxes). A map with
  links is a group rather than an image, so that screen readers reach the links.
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
    LINK_TEXT,
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
    wrap,
)
from playbook.site.svg_layout import BOX_WIDTH, layout, parents_without_cycles
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
_LEGEND_ITEM = 150.0
_LEGEND_ROW = 22.0
_MIN_MAP_WIDTH = 520.0
#: Columns (a Chinese character is two) per line of a name, a title and our people's names.
_NAME_COLUMNS = 28
_TITLE_COLUMNS = 34
_TITLE_LINES = 2
_OURS_COLUMNS = 34
#: Line heights, and the row of the buying-role badge and the level.
_NAME_LINE = 17.0
_TEXT_LINE = 15.0
_ROLE_ROW = 24.0


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
    css = "pb-heat"
    if level is None:
        style += ";outline:1px dashed #9e9e9e"
    elif change is not None and change < 0:
        css += " pb-drop"
        style += ";outline:2px solid #b2182b;outline-offset:1px;font-weight:700"
    return f'<span class="{css}" style="{style}" title="{text(words)}">{text(shown)}</span>'


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
    #: The addresses of our owner's and backup's pages, relative to the page the map is on.
    owner_page: str | None = None
    backup_page: str | None = None
    #: The latest assessed relationship level, -1 to 3.
    level: int | None = None


def power_map(people: list[MapPerson], language: Language) -> str:
    """The customer's org chart by reporting line, coloured by our relationship with each person."""
    title = word("power_map", language)
    if not people:
        return message("pb-power-map", title, word("no_contacts", language))
    lines = [_box_lines(person, language) for person in people]
    size = _heights(lines)
    parents = parents_without_cycles([person.id for person in people], [person.reports_to for person in people])
    tree = layout(parents, size[0])
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
        x = box.x + offset_x - BOX_WIDTH / 2
        body += _person_box(shown, lines[box.person], x, box.y + offset_y, size, tooltip, language)
    summary = f"{title}: " + word("contacts_count", language).format(count=len(people))
    linked = any(entry.page for item in lines for entry in item.ours)
    height = offset_y + tree.height + _MARGIN
    return document("pb-power-map", inner + 2 * _MARGIN, height, summary, body, role="group" if linked else "img")


@dataclass(frozen=True)
class _Ours:
    """One of our people in a box: ``ours: name`` on one line or more, and the address of their page."""

    prefix: str
    lines: list[str]
    page: str | None


@dataclass(frozen=True)
class _Lines:
    """What a person's box says, line by line: the name in full, the title, and our people in full."""

    name: list[str]
    title: list[str]
    ours: list[_Ours]


def _box_lines(person: MapPerson, language: Language) -> _Lines:
    second = person.title + (f" · {person.department}" if person.department else "")
    title = wrap(second, _TITLE_COLUMNS)
    if len(title) > _TITLE_LINES:  # the title may be shortened; the tooltip has it whole
        title = [*title[: _TITLE_LINES - 1], clip(" ".join(title[_TITLE_LINES - 1 :]), _TITLE_COLUMNS)]
    ours: list[_Ours] = []
    if person.owner:
        ours.append(_ours(word("ours", language), person.owner, person.owner_page))
        if person.backup:
            ours.append(_ours(word("backup", language), person.backup, person.backup_page))
    return _Lines(wrap(person.name, _NAME_COLUMNS), title, ours)


def _ours(role: str, name: str, page: str | None) -> _Ours:
    """``ours: 吴一舟 (Wu Yizhou)`` wrapped; the label stays whole on the first line."""
    prefix = f"{role}:"
    return _Ours(prefix, wrap(f"{prefix} {name}", _OURS_COLUMNS), page)


def _ours_texts(entry: _Ours, x: float, y: float) -> list[str]:
    """Our person's lines from baseline ``y``; with a page, the name is an underlined link to it.

    One link holds every line of the name, so a reader tabs to each of our people once.
    """
    texts = []
    for index, line in enumerate(entry.lines):
        baseline = y + index * _TEXT_LINE
        if entry.page is None:
            texts.append(label_text(x, baseline, line, 11.5, INK, css="pb-ours"))
            continue
        lead, name = (entry.prefix, line[len(entry.prefix) :]) if index == 0 else ("", line)
        shown = text(lead) + (" " if lead and name.strip() else "")
        if name.strip():
            shown += f'<tspan fill="{LINK_TEXT}" text-decoration="underline">{text(name)}</tspan>'
        texts.append(
            f'<text x="{number(x)}" y="{number(baseline)}" font-size="11.5" fill="{INK}" class="pb-ours">{shown}</text>'
        )
    if entry.page is None:
        return texts
    return [f'<a href="{text(entry.page)}" class="pb-person-link">', *texts, "</a>"]


def _heights(lines: list[_Lines]) -> tuple[float, float]:
    """The height of every box on a map, and of the band at its foot that names our people."""
    top = max((len(item.name) * _NAME_LINE + len(item.title) * _TEXT_LINE for item in lines), default=0)
    ours = [sum(len(entry.lines) for entry in item.ours) for item in lines]
    band = max((max(1, count) * _TEXT_LINE for count in ours), default=_TEXT_LINE) + 10
    return 12 + top + _ROLE_ROW + band, band


def _person_box(
    person: MapPerson, lines: _Lines, x: float, y: float, size: tuple[float, float], tooltip: str, language: Language
) -> list[str]:
    """A person's box: full name, title, buying-role badge, level, and our owner and backup in full."""
    height, band_height = size
    known = known_level(person.level)
    colour, ink = level_colour(known), level_text_colour(known)
    band = y + height - band_height
    right = x + BOX_WIDTH
    role = person.buying_role + (f" · {person.influence}" if person.influence else "")
    role = clip(role, 20)
    level = f"{word('level_short', language)} {'?' if known is None else known} · {level_name(known, language)}"
    texts: list[str] = []
    baseline = y + 18
    for line in lines.name:
        texts.append(label_text(x + 10, baseline, line, 14, ink, bold=True, css="pb-name"))
        baseline += _NAME_LINE
    baseline -= 2
    for line in lines.title:
        texts.append(label_text(x + 10, baseline, line, 12, ink))
        baseline += _TEXT_LINE
    role_top = band - _ROLE_ROW
    texts.append(rect(x + 10, role_top + 3, 12 + columns(role) * 7, 17, fill=PANEL, stroke=INK, rx=3))
    texts.append(label_text(x + 16, role_top + 15.5, role, 11, DARK_TEXT, bold=True, css="pb-role"))
    texts.append(label_text(right - 10, role_top + 15.5, level, 11.5, ink, anchor="end", bold=True, css="pb-level"))
    if lines.ours:
        baseline = band + 16
        for entry in lines.ours:
            texts += _ours_texts(entry, x + 10, baseline)
            baseline += len(entry.lines) * _TEXT_LINE
    else:
        texts.append(label_text(x + 10, band + 16, word("no_owner", language), 11.5, WARNING, bold=True, css="pb-ours"))
    # The coloured part: the box above the band, its top corners rounded like the outline's.
    shade = (
        f"M{number(x)},{number(band)}V{number(y + 6)}Q{number(x)},{number(y)} {number(x + 6)},{number(y)}"
        f"H{number(right - 6)}Q{number(right)},{number(y)} {number(right)},{number(y + 6)}V{number(band)}Z"
    )
    border = INFLUENCE_BORDER.get(person.influence_level, INFLUENCE_BORDER["medium"])
    return [
        f'<g class="pb-person" data-id="{text(person.id)}" data-level="{"" if known is None else known}">',
        f"<title>{text(tooltip)}</title>",
        rect(x, y, BOX_WIDTH, height, fill=PANEL, rx=6),
        f'<path d="{shade}" fill="{colour}"/>',
        f'<line x1="{number(x)}" y1="{number(band)}" x2="{number(right)}" y2="{number(band)}" stroke="{INK}"'
        ' stroke-width="0.5"/>',
        rect(
            x,
            y,
            BOX_WIDTH,
            height,
            fill="none",
            stroke=INK,
            stroke_width=border,
            rx=6,
            css="pb-box",
            dash="5 3" if known is None else "",
        ),
        *texts,
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
        (
            f"{word('level_short', language)} {level}: {level_name(level, language)}",
            rect(0, 0, 14, 14, fill=level_colour(level), stroke=INK, rx=2),
        )
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
