"""The relationship trend: each dimension's level across an account's assessments.

Time runs along x in proportion (two assessments a week apart sit close together), the five
levels along y. Each dimension has its own colour, marker shape and dash, so the lines can be
told apart without colour; lines that share a level are nudged a few pixels apart so that none
hides another. A missing score breaks the line; a lone point is a marker without a line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from playbook.site.context import Language
from playbook.site.svg_draw import (
    DARK_TEXT,
    LEVELS,
    MUTED,
    PANEL,
    clip,
    columns,
    document,
    known_level,
    label_text,
    level_colour,
    level_name,
    message,
    number,
    rect,
    text,
    word,
)

#: Okabe and Ito's colour-blind-safe palette, without its yellow (too pale on white).
SERIES_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
SERIES_MARKERS = ("circle", "square", "triangle", "diamond")
SERIES_DASHES = ("", "7 4", "2 3", "10 3 2 3")

_WIDTH = 720.0
_LEFT = 104.0
_RIGHT = 40.0
_PAD = 14.0  # between the axes and the first and last assessment
_PLOT_HEIGHT = 220.0
_LEGEND_ROW = 22.0
_LABEL_WIDTH = 74.0  # an upright date label
_ROTATED_GAP = 15.0  # between the feet of two slanted date labels
_GRID = "#e0e6ea"
_AXIS = "#90a4ae"

#: A level's y coordinate; a date's x coordinate.
_Scale = Callable[[float], float]
_Position = Callable[[date], float]


@dataclass(frozen=True)
class TrendPoint:
    """One assessment: its date and a score per relationship dimension id."""

    date: date
    scores: dict[str, int] = field(default_factory=dict)


def trend_chart(points: list[TrendPoint], dimensions: list[tuple[str, str]], language: Language) -> str:
    """Each dimension's level over time, one line per dimension; a missing score is a gap."""
    title = word("trend", language)
    if not points:
        return message("pb-trend", title, word("no_assessments", language))
    ordered = sorted(points, key=lambda point: point.date)
    first, last = ordered[0].date, ordered[-1].date
    summary = word("trend_summary", language).format(
        count=len(ordered), first=first.isoformat(), last=last.isoformat(), dimensions=len(dimensions)
    )
    legend, legend_height = _legend(dimensions)
    top = 16 + legend_height + 12
    bottom = top + _PLOT_HEIGHT
    inner = _WIDTH - _LEFT - _RIGHT - 2 * _PAD
    span = (last - first).days

    def x_of(day: date) -> float:
        if span == 0:
            return _LEFT + _PAD + inner / 2
        return _LEFT + _PAD + (day - first).days / span * inner

    def y_of(level: float) -> float:
        return top + (3 - level) / 4 * _PLOT_HEIGHT

    body = [*legend, *_grid(y_of, top, bottom, language)]
    dates, date_height = _dates([point.date for point in ordered], x_of, bottom)
    body += dates
    step = min(3.0, 10.0 / max(1, len(dimensions) - 1))
    for index, (dimension, name) in enumerate(dimensions):
        nudge = (index - (len(dimensions) - 1) / 2) * step
        body += _series(index, (dimension, name), ordered, x_of, y_of, nudge, language)
    return document("pb-trend", _WIDTH, bottom + date_height + 12, f"{title}: {summary}", body)


def _legend(dimensions: list[tuple[str, str]]) -> tuple[list[str], float]:
    """A sample of each dimension's line and marker with its name, in rows; and its height."""
    lines = ['<g class="pb-legend">']
    x, row = _LEFT, 0
    for index, (dimension, name) in enumerate(dimensions):
        shown = clip(name, 28)
        item = 40 + columns(shown) * 6.6 + 18
        if x + item > _WIDTH - _RIGHT and x > _LEFT:
            x, row = _LEFT, row + 1
        y = 16 + row * _LEGEND_ROW
        colour, marker, dash = _style(index)
        lines.append(
            f'<g class="pb-legend-item" data-dimension="{text(dimension)}"'
            f' transform="translate({number(x)},{number(y)})">'
        )
        lines.append(f"<title>{text(name)}</title>")
        lines.append(_line([(2.0, 8.0), (30.0, 8.0)], colour, dash))
        lines.append(_marker(marker, 16, 8, colour))
        lines.append(label_text(38, 12, shown, 11, DARK_TEXT) + "</g>")
        x += item
    lines.append("</g>")
    return lines, (row + 1) * _LEGEND_ROW if dimensions else 0.0


def _grid(y_of: _Scale, top: float, bottom: float, language: Language) -> list[str]:
    """A gridline per level, named on the left, and the axes."""
    lines = ['<g class="pb-grid">']
    for level in LEVELS:
        y = y_of(level)
        lines.append(
            f'<line x1="{number(_LEFT)}" y1="{number(y)}" x2="{number(_WIDTH - _RIGHT)}" y2="{number(y)}"'
            f' stroke="{_GRID}" stroke-width="1"/>'
        )
        lines.append(rect(_LEFT - 16, y - 5, 10, 10, fill=level_colour(level), stroke=MUTED, rx=2))
        lines.append(
            label_text(_LEFT - 22, y + 4, f"{level} {level_name(level, language)}", 11, DARK_TEXT, anchor="end")
        )
    lines.append(
        f'<polyline points="{number(_LEFT)},{number(top - 6)} {number(_LEFT)},{number(bottom + 6)}'
        f' {number(_WIDTH - _RIGHT)},{number(bottom + 6)}" fill="none" stroke="{_AXIS}" stroke-width="1"/>'
    )
    lines.append("</g>")
    return lines


def _dates(days: list[date], x_of: _Position, bottom: float) -> tuple[list[str], float]:
    """A tick per assessment and its date: upright when there is room, else slanted and thinned."""
    unique = sorted(set(days))
    xs = [x_of(day) for day in unique]
    crowded = any(later - earlier < _LABEL_WIDTH for earlier, later in pairwise(xs))
    shown = _thin(xs) if crowded else list(range(len(unique)))
    axis = bottom + 6
    lines = ['<g class="pb-dates">']
    for position, x in enumerate(xs):
        lines.append(
            f'<line x1="{number(x)}" y1="{number(axis)}" x2="{number(x)}" y2="{number(axis + 5)}" stroke="{_AXIS}"/>'
        )
        if position not in shown:
            continue
        words = unique[position].isoformat()
        if crowded:
            lines.append(label_text(x + 4, axis + 14, words, 10.5, DARK_TEXT, anchor="end", rotate=-45, css="pb-date"))
        else:
            lines.append(label_text(x, axis + 19, words, 10.5, DARK_TEXT, anchor="middle", css="pb-date"))
    lines.append("</g>")
    return lines, (70.0 if crowded else 26.0) + 6


def _thin(xs: list[float]) -> list[int]:
    """The positions whose slanted labels fit: from the first on, and always the last."""
    kept: list[int] = []
    for position, x in enumerate(xs):
        if not kept or x - xs[kept[-1]] >= _ROTATED_GAP:
            kept.append(position)
    if kept[-1] != len(xs) - 1:
        if xs[-1] - xs[kept[-1]] < _ROTATED_GAP and len(kept) > 1:
            kept.pop()
        kept.append(len(xs) - 1)
    return kept


def _series(
    index: int,
    dimension: tuple[str, str],
    points: list[TrendPoint],
    x_of: _Position,
    y_of: _Scale,
    nudge: float,
    language: Language,
) -> list[str]:
    """One dimension: a polyline for each unbroken run of scores, and a marker on each score.

    ``nudge`` moves the whole line a few pixels up or down, off the lines on the same level.
    """
    (dimension_id, name), (colour, marker, dash) = dimension, _style(index)
    runs: list[list[tuple[float, float]]] = [[]]
    markers: list[str] = []
    for point in points:
        score = known_level(point.scores.get(dimension_id))
        if score is None:
            if runs[-1]:
                runs.append([])
            continue
        x, y = x_of(point.date), y_of(score) + nudge
        runs[-1].append((x, y))
        words = f"{name}: {score} {level_name(score, language)} ({point.date.isoformat()})"
        markers.append(_marker(marker, x, y, colour, words))
    lines = [f'<g class="pb-series" data-dimension="{text(dimension_id)}">']
    lines += [_line(run, colour, dash, css="pb-line") for run in runs if len(run) > 1]
    lines += markers
    lines.append("</g>")
    return lines


def _style(index: int) -> tuple[str, str, str]:
    """A dimension's colour, marker and dash; no two of the first 28 dimensions share all three."""
    return (
        SERIES_COLOURS[index % len(SERIES_COLOURS)],
        SERIES_MARKERS[index % len(SERIES_MARKERS)],
        SERIES_DASHES[index % len(SERIES_DASHES)],
    )


def _line(points: list[tuple[float, float]], colour: str, dash: str, css: str = "") -> str:
    coordinates = " ".join(f"{number(x)},{number(y)}" for x, y in points)
    extra = (f' class="{css}"' if css else "") + (f' stroke-dasharray="{dash}"' if dash else "")
    return (
        f'<polyline{extra} points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2.5"'
        ' stroke-linejoin="round" stroke-linecap="round"/>'
    )


def _marker(shape: str, x: float, y: float, colour: str, words: str = "") -> str:
    """A marker centred on (x, y), with ``words`` as its tooltip."""
    paint = f'fill="{colour}" stroke="{PANEL}" stroke-width="1.5"'
    close = f"><title>{text(words)}</title></" if words else "/>"
    if shape == "circle":
        head = f'<circle class="pb-marker" cx="{number(x)}" cy="{number(y)}" r="5" {paint}'
        return head + (f"{close}circle>" if words else close)
    if shape == "square":
        head = f'<rect class="pb-marker" x="{number(x - 4.5)}" y="{number(y - 4.5)}" width="9" height="9" {paint}'
        return head + (f"{close}rect>" if words else close)
    if shape == "triangle":
        corners = [(x, y - 6), (x + 5.5, y + 4), (x - 5.5, y + 4)]
    else:
        corners = [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)]
    outline = "M" + "L".join(f"{number(cx)},{number(cy)}" for cx, cy in corners) + "Z"
    head = f'<path class="pb-marker" d="{outline}" {paint}'
    return head + (f"{close}path>" if words else close)
