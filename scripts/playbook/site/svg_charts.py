"""Small charts of the home page, drawn at build time: stacked bars of counts.

- ``stacked_bars``: one horizontal bar per row (an industry), split into series (the tiers),
  each part labelled with its count when there is room, the row's total at its end.
- ``level_columns``: one column per date (a quarter end), split by relationship level in the
  levels' colours, from opposes at the foot to coach at the top.

Both follow ``svg_draw``: no script, every value escaped, the same bytes for the same input.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from playbook.site.context import Language
from playbook.site.svg_draw import (
    DARK_TEXT,
    INK,
    LEVELS,
    MUTED,
    clip,
    columns,
    document,
    label_text,
    level_colour,
    level_name,
    level_text_colour,
    number,
    rect,
    text,
)
from playbook.site.svg_trend import SERIES_COLOURS

_WIDTH = 720.0
_BAR = 20.0
_GAP = 8.0
_LEGEND = 26.0
_LABELS = 200.0
_TOTAL = 40.0
#: Text colours that read on each series colour (white on the dark ones).
_SERIES_TEXT = ("#ffffff", "#000000", "#000000", "#000000", "#000000", "#000000", "#ffffff")


@dataclass(frozen=True)
class Bar:
    """One row of a stacked bar chart: its label and a count per series."""

    label: str
    counts: list[int]


def _legend(series: list[str], swatches: list[str]) -> list[str]:
    lines = ['<g class="pb-legend">']
    x = 16.0
    for name, colour in zip(series, swatches, strict=True):
        shown = clip(name, 26)
        lines.append(rect(x, 10, 12, 12, fill=colour, stroke=INK, rx=2))
        lines.append(label_text(x + 17, 20.5, shown, 12, DARK_TEXT))
        x += 17 + columns(shown) * 7 + 18
    lines.append("</g>")
    return lines


def stacked_bars(title: str, bars: list[Bar], series: list[str], language: Language) -> str:
    """Horizontal bars, one per row, split into ``series`` (at most seven colours, then repeated)."""
    colours = [SERIES_COLOURS[index % len(SERIES_COLOURS)] for index in range(len(series))]
    inks = [_SERIES_TEXT[index % len(_SERIES_TEXT)] for index in range(len(series))]
    largest = max((sum(bar.counts) for bar in bars), default=0) or 1
    scale = (_WIDTH - _LABELS - _TOTAL - 16) / largest
    body = _legend(series, colours)
    top = _LEGEND + 12
    for index, bar in enumerate(bars):
        y = top + index * (_BAR + _GAP)
        words = ", ".join(f"{name} {count}" for name, count in zip(series, bar.counts, strict=True) if count)
        body.append(f'<g class="pb-bar"><title>{text(bar.label)}: {text(words)}</title>')
        body.append(label_text(_LABELS - 8, y + 14.5, clip(bar.label, 28), 11, DARK_TEXT, anchor="end"))
        x = _LABELS
        for count, colour, ink in zip(bar.counts, colours, inks, strict=True):
            if not count:
                continue
            width = count * scale
            body.append(rect(x, y, width, _BAR, fill=colour, stroke="#ffffff"))
            if width >= 8 * len(str(count)) + 4:
                body.append(label_text(x + width / 2, y + 14.5, str(count), 11, ink, anchor="middle", bold=True))
            x += width
        body.append(label_text(x + 6, y + 14.5, str(sum(bar.counts)), 12, DARK_TEXT))
        body.append("</g>")
    height = top + len(bars) * (_BAR + _GAP) + 8
    summary = f"{title}: " + "; ".join(f"{bar.label} {sum(bar.counts)}" for bar in bars)
    return document("pb-chart pb-bars", _WIDTH, height, summary, body)


def level_columns(title: str, dates: list[str], levels: list[Counter[int]], language: Language) -> str:
    """A column per date, split by relationship level: how many accounts stood at each level."""
    plot_top, plot_height = _LEGEND + 16, 200.0
    left, pitch = 48.0, (_WIDTH - 48.0 - 24) / max(1, len(dates))
    largest = max((sum(counter.values()) for counter in levels), default=0) or 1
    scale = plot_height / largest
    swatches = [level_colour(level) for level in LEVELS]
    body = _legend([f"{level} {level_name(level, language)}" for level in LEVELS], swatches)
    bottom = plot_top + plot_height
    body.append(
        f'<line x1="{number(left)}" y1="{number(bottom)}" x2="{number(_WIDTH - 24)}" y2="{number(bottom)}"'
        f' stroke="{MUTED}"/>'
    )
    for index, (day, counter) in enumerate(zip(dates, levels, strict=True)):
        x = left + index * pitch + pitch * 0.2
        width = pitch * 0.6
        words = ", ".join(
            f"{level} {level_name(level, language)}: {counter[level]}" for level in LEVELS if counter[level]
        )
        body.append(f'<g class="pb-column"><title>{text(day)}: {text(words or "-")}</title>')
        y = bottom
        for level in LEVELS:
            count = counter[level]
            if not count:
                continue
            height = count * scale
            y -= height
            body.append(rect(x, y, width, height, fill=level_colour(level), stroke="#ffffff"))
            if height >= 14:
                ink = level_text_colour(level)
                body.append(label_text(x + width / 2, y + height / 2 + 4, str(count), 11, ink, anchor="middle"))
        body.append(label_text(x + width / 2, bottom + 16, day, 11, DARK_TEXT, anchor="middle"))
        body.append("</g>")
    summary = f"{title}: " + "; ".join(
        f"{day} " + ", ".join(f"{level}: {counter[level]}" for level in LEVELS if counter[level])
        for day, counter in zip(dates, levels, strict=True)
    )
    return document("pb-chart pb-levels", _WIDTH, bottom + 28, summary, body)
