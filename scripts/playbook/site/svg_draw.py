"""What every diagram shares: the relationship levels' names and colours, escaping, and shapes.

Every value from the data reaches a diagram through ``text``: XML's special characters become
entities, and so does the punctuation Markdown would act on, so a name shows as written even
where Markdown reads an SVG as a paragraph of inline HTML rather than as a raw block. Control
characters XML does not allow are dropped and runs of white space become one space, so no
value can put a blank line into a diagram. Coordinates are rounded to one decimal by
``number``, so the same input gives the same bytes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from playbook.site.context import Language
from playbook.site.labels import LabelTable, label

LEVELS: tuple[int, ...] = (-1, 0, 1, 2, 3)
LEVEL_NAMES: dict[int, tuple[str, str]] = {
    -1: ("opposes", "反对"),
    0: ("neutral", "中立"),
    1: ("supports", "支持"),
    2: ("prefers us", "倾向我方"),
    3: ("coach", "教练"),
}
#: Red for opposition, grey for neutral, then three blues from light to dark for support: the
#: steps differ in lightness as well as hue, so they stay apart for colour-blind readers and
#: in grey, and red against blue holds for the common red-green deficiencies.
_LEVEL_COLOURS = {-1: "#b2182b", 0: "#e6e6e6", 1: "#9ecae1", 2: "#4292c6", 3: "#08306b"}
UNKNOWN_COLOUR = "#f3f3f3"
DARK_TEXT = "#1f2933"
LIGHT_TEXT = "#ffffff"
#: On the middle blue, only black text reaches WCAG's contrast of 4.5.
BLACK_TEXT = "#000000"
INK = "#37474f"
MUTED = "#607d8b"
WARNING = "#c62828"
#: Our people's names that link to their pages: a blue that reads on the white panel (contrast 7).
LINK_TEXT = "#1557a8"
PANEL = "#ffffff"
_FONT = (
    "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"
)

LABELS: LabelTable = {
    "unknown": ("unknown", "未知"),
    "ours": ("ours", "我方"),
    "backup": ("backup", "备份"),
    "no_owner": ("no owner", "无负责人"),
    "level": ("Relationship level", "关系等级"),
    "level_short": ("level", "等级"),
    "influence": ("influence", "影响力"),
    "high": ("high", "高"),
    "medium": ("medium", "中"),
    "low": ("low", "低"),
    "high_influence": ("thick border: high influence", "粗边框：高影响力"),
    "no_contacts": ("no contacts mapped", "暂无联系人图谱"),
    "power_map": ("Power map", "权力地图"),
    "contacts_count": ("{count} contacts", "{count} 位联系人"),
    "reports_to": ("reports to", "汇报给"),
    "no_assessments": ("no assessments yet", "暂无评估"),
    "trend": ("Relationship trend", "关系趋势"),
    "trend_summary": (
        "{count} assessments from {first} to {last}, {dimensions} dimensions",
        "{count} 次评估，{first} 至 {last}，{dimensions} 个维度",
    ),
    "not_scored": ("not scored", "未评分"),
    "not_assessed": ("not assessed", "未评估"),
    "up": ("up {change} since the previous assessment", "比上次评估上升 {change}"),
    "down": ("down {change} since the previous assessment", "比上次评估下降 {change}"),
    "same": ("no change since the previous assessment", "与上次评估持平"),
}

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
#: XML's special characters as entities, and the characters Markdown acts on inside a paragraph
#: as character references, which Markdown leaves be.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"} | {
    char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+-.!|~:="
}


def known_level(level: int | None) -> int | None:
    """``level`` when it is one of the five, else ``None``: drawn as unknown, never guessed."""
    return level if level in LEVEL_NAMES else None


def level_colour(level: int | None) -> str:
    """The colour of a relationship level: red opposes to dark teal coach; light grey unknown."""
    if level is None:
        return UNKNOWN_COLOUR
    return _LEVEL_COLOURS.get(level, UNKNOWN_COLOUR)


def level_text_colour(level: int | None) -> str:
    """The text colour that reads on ``level_colour(level)``."""
    if level in (-1, 3):
        return LIGHT_TEXT
    return BLACK_TEXT if level == 2 else DARK_TEXT


def level_name(level: int | None, language: Language) -> str:
    """A level's name in ``language``; ``unknown`` for no level."""
    if level is None or level not in LEVEL_NAMES:
        return word("unknown", language)
    english, chinese = LEVEL_NAMES[level]
    return chinese if language == "zh" else english


def word(key: str, language: Language) -> str:
    """A diagram label in ``language``."""
    return label(key, language, LABELS)


# --- escaping and measuring -------------------------------------------------------------


_TRANSLATION = str.maketrans(_ENTITIES)


def text(value: object) -> str:
    """Text or an attribute value from the data, safe in SVG, in HTML and inside Markdown."""
    return plain(value).translate(_TRANSLATION)


def plain(value: object) -> str:
    """``value`` on one line: characters XML does not allow dropped, white space runs made one space."""
    return " ".join(_UNSAFE.sub("", str(value)).split())


def number(value: float) -> str:
    """A coordinate rounded to one decimal, without a trailing ``.0`` or a negative zero."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    written = f"{rounded:.1f}"
    return written.removesuffix(".0")


@functools.lru_cache(maxsize=8192)
def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def columns(words: str) -> int:
    """How wide text is in columns: East Asian wide characters count two."""
    if words.isascii():
        return len(words)
    return sum(map(_width, words))


def clip(words: str, limit: int) -> str:
    """``words`` on one line, cut to ``limit`` columns with an ellipsis when longer."""
    words = plain(words)
    if columns(words) <= limit:
        return words
    kept: list[str] = []
    used = 0
    for char in words:
        used += columns(char)
        if used > limit - 1:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


def wrap(words: str, limit: int) -> list[str]:
    """``words`` on lines of at most ``limit`` columns, broken at spaces where it can be; nothing is cut."""
    lines: list[str] = []
    current, used = "", 0
    for piece in plain(words).split(" "):
        width = columns(piece)
        if current and used + 1 + width <= limit:
            current, used = f"{current} {piece}", used + 1 + width
            continue
        if not current and width <= limit:
            current, used = piece, width
            continue
        if current:
            lines.append(current)
        current, used = "", 0
        for char in piece:  # a piece longer than a line (Chinese has no spaces) breaks anywhere
            if used + _width(char) > limit and current:
                lines.append(current)
                current, used = "", 0
            current, used = current + char, used + _width(char)
    if current or not lines:
        lines.append(current)
    return lines


# --- shapes ------------------------------------------------------------------------------


def document(css: str, width: float, height: float, summary: str, body: Iterable[str], role: str = "img") -> str:
    """The root ``<svg>`` on a white panel, one element a line.

    A diagram is an image (``role``) unless it holds links: an image's content is hidden from
    screen readers, so a diagram with links is a ``group`` whose text and links they reach.

    ``width="100%"`` scales the diagram to the page; ``max-width`` keeps a small one at its
    natural size and ``min-width`` keeps a large one from shrinking below 75% of it (``embed``
    lets it scroll sideways instead).
    """
    least = min(width, max(320.0, width * (0.8 if css == "pb-power-map" else 0.75)))
    style = f"max-width:{number(width)}px;min-width:{number(least)}px;height:auto"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css}" role="{role}" aria-label="{text(summary)}"'
        f' viewBox="0 0 {number(width)} {number(height)}" width="100%" style="{style}" font-family="{_FONT}">'
    )
    panel = rect(0.5, 0.5, width - 1, height - 1, fill=PANEL, stroke="#cfd8dc", rx=8, css="pb-bg")
    return "\n".join([head, f"<title>{text(summary)}</title>", panel, *body, "</svg>"])


def message(css: str, title: str, words: str) -> str:
    """A small diagram that only says ``words``: nothing to draw yet."""
    return document(css, 360, 80, f"{title}: {words}", [label_text(180, 45, words, 14, MUTED, anchor="middle")])


def rect(
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    fill: str,
    stroke: str = "none",
    stroke_width: float = 1,
    rx: float = 0,
    css: str = "",
    dash: str = "",
) -> str:
    extra = (f' class="{css}"' if css else "") + (f' stroke-dasharray="{dash}"' if dash else "")
    return (
        f'<rect{extra} x="{number(x)}" y="{number(y)}" width="{number(width)}" height="{number(height)}"'
        f' rx="{number(rx)}" fill="{fill}" stroke="{stroke}" stroke-width="{number(stroke_width)}"/>'
    )


def label_text(
    x: float,
    y: float,
    words: str,
    size: float,
    fill: str,
    *,
    bold: bool = False,
    anchor: str = "start",
    css: str = "",
    rotate: float = 0,
) -> str:
    """One line of text; ``words`` is escaped here."""
    extra = (f' class="{css}"' if css else "") + (' font-weight="bold"' if bold else "")
    extra += f' text-anchor="{anchor}"' if anchor != "start" else ""
    extra += f' transform="rotate({number(rotate)} {number(x)} {number(y)})"' if rotate else ""
    return f'<text x="{number(x)}" y="{number(y)}" font-size="{number(size)}" fill="{fill}"{extra}>{text(words)}</text>'
