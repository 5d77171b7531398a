"""The build-time diagrams: well-formed, escaped, deterministic, and drawn as described."""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from playbook.site import svg
from playbook.site.svg import LEVEL_NAMES, MapPerson, TrendPoint, heat_cell, level_colour, power_map, trend_chart
from playbook.site.svg_draw import columns, number
from playbook.site.svg_layout import BOX_HEIGHT, BOX_WIDTH, ROW_PITCH, layout, parents_without_cycles
from tests.site_markdown import render

PROJECT = Path(__file__).resolve().parent.parent
NS = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "]]>",
    '"><script>alert(1)</script>',
    "*bold* __strong__ `code`",
    "[x](javascript:alert(1))",
    "&amp; & 'single' {: onclick=alert(1) } | pipe",
]
DIMENSIONS = [("executive", "Executive"), ("organisation", "Organisation"), ("key-people", "Key people")]


def person(person_id: str, reports_to: str | None = None, **fields: Any) -> MapPerson:
    values: dict[str, Any] = {
        "id": person_id,
        "name": f"Name {person_id}",
        "title": "Director",
        "department": None,
        "buying_role": "UB",
        "reports_to": reports_to,
        "owner": "Li Ming",
        "level": 1,
    }
    values.update(fields)
    return MapPerson(**values)


def parse(diagram: str) -> ET.Element:
    return ET.fromstring(diagram)


def elements(root: ET.Element, tag: str, css: str | None = None) -> list[ET.Element]:
    return [
        element for element in root.iter(f"{NS}{tag}") if css is None or css in (element.get("class") or "").split()
    ]


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{NS}text")]


def boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    found = []
    for box in elements(root, "rect", "pb-box"):
        x, y = float(box.get("x", "")), float(box.get("y", ""))
        found.append((x, y, x + float(box.get("width", "")), y + float(box.get("height", ""))))
    return found


def assert_embeddable(diagram: str, css: str, role: str = "img") -> ET.Element:
    """Well-formed, the root as pages and browser tests expect, and safe inside Markdown."""
    root = parse(diagram)
    assert root.tag == f"{NS}svg"
    assert root.get("class") == css
    assert root.get("role") == role
    assert root.get("aria-label")
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox", ""))
    assert root.find(f"{NS}title") is not None
    lines = diagram.split("\n")
    assert all(line.strip() for line in lines), "a blank line would end the HTML block"
    assert not any(line.startswith("    ") for line in lines), "an indented line would become code"
    assert not re.search(r"\d\.\d\d", diagram), "coordinates are rounded to one decimal"
    return root


def sample_people() -> list[MapPerson]:
    return [
        person("ceo", name="Wang Jianguo", buying_role="EB", influence="E-DB", influence_level="high", level=2),
        person("cfo", "ceo", buying_role="EB", influence="E-PB", backup="Zhao Lei", level=-1),
        person("cio", "ceo", buying_role="TB", level=3),
        person("arch", "cio", buying_role="TB", owner=None, level=None, influence_level="low"),
    ]


def sample_points() -> list[TrendPoint]:
    return [
        TrendPoint(date(2025, 10, 1), {"executive": 0, "organisation": 1, "key-people": 0}),
        TrendPoint(date(2026, 1, 15), {"executive": 1, "organisation": 1, "key-people": 2}),
        TrendPoint(date(2026, 3, 31), {"executive": 2, "organisation": 2, "key-people": 3}),
    ]


# --- levels ------------------------------------------------------------------------------


def test_each_level_has_its_own_colour_and_two_names() -> None:
    colours = [level_colour(level) for level in (-1, 0, 1, 2, 3, None)]
    assert len(set(colours)) == 6
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in colours)
    assert LEVEL_NAMES[2] == ("prefers us", "倾向我方")
    assert LEVEL_NAMES[3] == ("coach", "教练")
    assert level_colour(7) == level_colour(None)


def test_coordinates_are_rounded_to_one_decimal() -> None:
    assert [number(value) for value in (3.14159, 2.0, -0.04, 12345.67, -7.25)] == ["3.1", "2", "0", "12345.7", "-7.2"]


# --- power map ---------------------------------------------------------------------------


def test_a_small_tree_has_a_box_per_person_and_a_line_per_reporting_line() -> None:
    diagram = power_map(sample_people(), "en")
    root = assert_embeddable(diagram, "pb-power-map")
    assert len(elements(root, "g", "pb-person")) == 4
    assert len(boxes(root)) == 4
    assert len(elements(root, "polyline", "pb-edge")) == 3
    names = [element.text for element in elements(root, "text", "pb-name")]
    assert names == ["Wang Jianguo", "Name cfo", "Name cio", "Name arch"]
    roles = [element.text for element in elements(root, "text", "pb-role")]
    assert roles[0] == "EB · E-DB"


def test_parents_sit_above_and_centred_over_their_reports() -> None:
    root = parse(power_map(sample_people(), "en"))
    (ceo, cfo, cio, arch) = boxes(root)
    assert ceo[1] < cfo[1] == cio[1] < arch[1]
    assert (ceo[0] + ceo[2]) / 2 == pytest.approx(((cfo[0] + cfo[2]) / 2 + (cio[0] + cio[2]) / 2) / 2)
    assert (arch[0] + arch[2]) / 2 == pytest.approx((cio[0] + cio[2]) / 2)


def test_a_box_shows_our_owner_and_backup_or_no_owner_in_red() -> None:
    root = parse(power_map(sample_people(), "en"))
    ours = {element.text: element.get("fill") for element in elements(root, "text", "pb-ours")}
    # Our owner and backup each on a line of their own, in full.
    assert "ours: Li Ming" in ours and "backup: Zhao Lei" in ours
    assert ours["no owner"] == "#c62828"


def test_the_border_grows_with_influence_and_unknown_levels_are_dashed() -> None:
    root = parse(power_map(sample_people(), "en"))
    widths = [float(box.get("stroke-width", "")) for box in elements(root, "rect", "pb-box")]
    assert widths[0] > widths[1] > widths[3]
    dashed = [box.get("stroke-dasharray") for box in elements(root, "rect", "pb-box")]
    assert dashed == [None, None, None, "5 3"]
    fills = [group.find(f"{NS}path") for group in elements(root, "g", "pb-person")]
    assert [path.get("fill") if path is not None else None for path in fills] == [
        level_colour(2),
        level_colour(-1),
        level_colour(3),
        level_colour(None),
    ]


def test_the_tooltip_says_everything_in_full() -> None:
    groups = elements(parse(power_map(sample_people(), "zh")), "g", "pb-person")
    tooltip = groups[1].findtext(f"{NS}title")
    assert tooltip == (
        "Name cfo — Director; EB (E-PB); 影响力: 中; 关系等级: -1 反对; 我方: Li Ming / 备份 Zhao Lei;"
        " 汇报给 Wang Jianguo"
    )
    tooltip = elements(parse(power_map(sample_people(), "en")), "g", "pb-person")[3].findtext(f"{NS}title")
    assert (
        tooltip
        == "Name arch — Director; TB; influence: low; Relationship level: unknown; no owner; reports to Name cio"
    )


def test_the_legend_names_every_level_in_the_chosen_language() -> None:
    english = parse(power_map(sample_people(), "en"))
    (legend,) = elements(english, "g", "pb-legend")
    words = " ".join(legend.itertext())
    assert all(name in words for name, _ in LEVEL_NAMES.values())
    assert "unknown" in words
    chinese = power_map(sample_people(), "zh")
    (legend,) = elements(parse(chinese), "g", "pb-legend")
    words = " ".join(legend.itertext())
    assert all(name in words for _, name in LEVEL_NAMES.values())
    assert "关系等级" in words
    assert "无负责人" in texts(parse(chinese))
    assert "opposes" not in chinese
    assert "no owner" not in chinese


def test_hostile_names_show_as_text() -> None:
    people = [
        person(f"p{index}", name=name, title=name, department=name, owner=name, buying_role=name)
        for index, name in enumerate(HOSTILE)
    ]
    diagram = power_map(people, "en")
    root = assert_embeddable(diagram, "pb-power-map")
    for raw in ("<img", "<script", "]]>"):
        assert raw not in diagram
    assert {element.tag for element in root.iter()} <= {
        f"{NS}{tag}" for tag in ("svg", "title", "g", "rect", "path", "line", "polyline", "text")
    }
    assert not [name for element in root.iter() for name in element.attrib if name.startswith("on")]
    groups = elements(root, "g", "pb-person")
    for name, group in zip(HOSTILE, groups, strict=True):
        tooltip = group.find(f"{NS}title")
        assert tooltip is not None and tooltip.text is not None
        assert tooltip.text.startswith(f"{name} — {name}, {name}; {name}")
    shown = [element.text for element in elements(root, "text", "pb-name")]
    assert shown[1] == "]]>"
    assert shown[2] == '"><script>alert(1)</script>'


def test_our_people_are_links_to_their_pages() -> None:
    people = [
        person(
            "ceo",
            owner="吴一舟 (Wu Yizhou)",
            owner_page="../people/wu-yizhou.html",
            backup="Zhao Lei",
            backup_page="../people/zhao-lei.html",
        ),
        person("cfo", "ceo", owner="Li Ming", backup="Nobody Known"),
    ]
    root = assert_embeddable(power_map(people, "en"), "pb-power-map", role="group")
    links = elements(root, "a", "pb-person-link")
    assert [link.get("href") for link in links] == ["../people/wu-yizhou.html", "../people/zhao-lei.html"]
    assert ["".join(link.itertext()).strip() for link in links] == ["ours: 吴一舟 (Wu Yizhou)", "backup: Zhao Lei"]
    # The name is the underlined part, in the links' colour; the label before it is plain.
    names = [link.find(f"{NS}text/{NS}tspan") for link in links]
    assert [name.text if name is not None else None for name in names] == ["吴一舟 (Wu Yizhou)", "Zhao Lei"]
    assert all(name is not None and name.get("text-decoration") == "underline" for name in names)
    # Someone of ours without a page is named as text.
    cfo = elements(root, "g", "pb-person")[1]
    assert not elements(cfo, "a")
    assert ["".join(line.itertext()) for line in elements(cfo, "text", "pb-ours")] == [
        "ours: Li Ming",
        "backup: Nobody Known",
    ]
    # Without any link the map stays an image.
    assert parse(power_map(sample_people(), "en")).get("role") == "img"


def test_a_long_name_of_ours_is_one_link_over_its_lines() -> None:
    long_name = "Alexandria Montgomery-Smythe the Third"
    root = parse(power_map([person("a", owner=long_name, owner_page="../people/a.html")], "zh"))
    (link,) = elements(root, "a", "pb-person-link")
    lines = ["".join(line.itertext()) for line in elements(link, "text", "pb-ours")]
    assert len(lines) == 2 and " ".join(lines) == f"我方: {long_name}"
    assert all(columns(line) <= 34 for line in lines)
    assert [tspan.text for tspan in link.iter(f"{NS}tspan")] == ["Alexandria Montgomery-Smythe", "the Third"]


def test_hostile_names_and_addresses_of_ours_stay_text() -> None:
    people = [
        person(f"p{index}", owner=name, owner_page=f"../people/{name}.html", backup=name, backup_page=name)
        for index, name in enumerate(HOSTILE)
    ]
    diagram = power_map(people, "en")
    root = assert_embeddable(diagram, "pb-power-map", role="group")
    for raw in ("<img", "<script", "]]>", "javascript:"):
        assert raw not in diagram
    links = elements(root, "a", "pb-person-link")
    assert [link.get("href") for link in links] == [
        page for name in HOSTILE for page in (f"../people/{name}.html", name)
    ]
    assert [" ".join(tspan.text or "" for tspan in link.iter(f"{NS}tspan")) for link in links[::2]] == HOSTILE
    assert {element.tag for element in root.iter()} <= {
        f"{NS}{tag}" for tag in ("svg", "title", "g", "rect", "path", "line", "polyline", "text", "a", "tspan")
    }
    page = render(f"Map:\n\n{svg.embed(diagram)}\n\nAfter.\n")
    for tag in ("<em>", "<strong>", "<code>", "<img", "<script"):
        assert tag not in page


@pytest.mark.parametrize("wrap", [True, False])
def test_markdown_leaves_the_diagram_alone(wrap: bool) -> None:
    """Embedded as a block, or (by mistake) bare in a paragraph, nothing in it becomes markup."""
    people = [person(f"p{index}", name=name) for index, name in enumerate(HOSTILE)]
    diagram = power_map(people, "en")
    page = render(f"Map:\n\n{svg.embed(diagram) if wrap else diagram}\n\nAfter.\n")
    for tag in ("<em>", "<strong>", "<code>", "<a ", "<img", "<script"):
        assert tag not in page
    shown = html.unescape(re.sub(r"<[^>]+>", " ", page))
    for name in HOSTILE:
        assert name in shown
    assert "<p>After.</p>" in page


def test_long_names_wrap_whole_and_stay_whole_in_the_tooltip() -> None:
    long_name = "Alexandria Montgomery-Smythe the Third of Lower Wessex"
    root = parse(power_map([person("a", name=long_name), person("b", name="张" * 30)], "en"))
    groups = elements(root, "g", "pb-person")
    lines = [[element.text or "" for element in elements(group, "text", "pb-name")] for group in groups]
    # Never cut: the lines of a name put together give the name, each line fits the box.
    assert len(lines[0]) == 2 and " ".join(lines[0]) == long_name
    assert "".join(lines[1]) == "张" * 30 and len(lines[1]) == 3
    assert all(not line.endswith("…") and columns(line) <= 28 for group in lines for line in group)
    tooltips = [group.findtext(f"{NS}title") or "" for group in elements(root, "g", "pb-person")]
    assert tooltips[0].startswith(long_name)


def test_white_space_and_control_characters_in_names_cannot_break_the_block() -> None:
    diagram = power_map([person("a", name="Line one\n\n    Line two\x00\x1b", title="T\r\n\r\nitle")], "en")
    root = assert_embeddable(diagram, "pb-power-map")
    assert elements(root, "text", "pb-name")[0].text == "Line one Line two"


def test_the_same_people_give_the_same_bytes() -> None:
    assert power_map(sample_people(), "en") == power_map(sample_people(), "en")
    assert trend_chart(sample_points(), DIMENSIONS, "zh") == trend_chart(sample_points(), DIMENSIONS, "zh")


def test_no_people_and_one_person() -> None:
    empty = assert_embeddable(power_map([], "en"), "pb-power-map")
    assert "no contacts mapped" in texts(empty)
    assert "暂无联系人图谱" in texts(parse(power_map([], "zh")))
    single = assert_embeddable(power_map([person("solo")], "en"), "pb-power-map")
    assert len(boxes(single)) == 1
    assert not elements(single, "polyline", "pb-edge")


def _run_with_deadline(people: list[MapPerson], seconds: float = 10.0) -> str:
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(power_map(people, "en")), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "drawing the map did not finish"
    return result[0]


def test_a_reporting_loop_is_cut_and_everyone_is_drawn() -> None:
    people = [person("a", "c"), person("b", "a"), person("c", "b"), person("d", "d"), person("e", "ghost")]
    root = assert_embeddable(_run_with_deadline(people), "pb-power-map")
    assert len(boxes(root)) == 5
    assert len(elements(root, "polyline", "pb-edge")) == 2  # a → b → c; d and e are roots
    assert parents_without_cycles(["a", "b", "c"], ["c", "a", "b"]) == [None, 0, 1]
    assert parents_without_cycles(["a", "b"], ["b", "a"]) == [None, 0]


def test_a_long_chain_does_not_exhaust_the_stack() -> None:
    people = [person("p0")] + [person(f"p{index}", f"p{index - 1}") for index in range(1, 1500)]
    root = parse(_run_with_deadline(people))
    assert len(boxes(root)) == 1500


def _assert_no_overlap(found: list[tuple[float, float, float, float]]) -> None:
    ordered = sorted(found)
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second[0] >= first[2]:
                break
            assert second[1] >= first[3] or second[3] <= first[1], f"{first} overlaps {second}"


def test_forty_reports_to_one_person_stay_narrow_and_apart() -> None:
    people = [person("boss")] + [person(f"p{index}", "boss") for index in range(39)]
    diagram = power_map(people, "en")
    root = assert_embeddable(diagram, "pb-power-map")
    found = boxes(root)
    assert len(found) == 40
    assert len(elements(root, "polyline", "pb-edge")) == 39
    _assert_no_overlap(found)
    width, height = (float(value) for value in root.get("viewBox", "").split()[2:])
    assert width < 4 * BOX_WIDTH
    assert height < 25 * ROW_PITCH, "so many reports stand two abreast, not in one column 39 deep"
    assert all(box[2] <= width and box[3] <= height for box in found)


@pytest.mark.parametrize("seed", range(6))
def test_mixed_trees_never_overlap(seed: int) -> None:
    """Trees of 40 people with every shape the layout handles: chains, combs, loose people."""
    parents: list[int | None] = [None]
    for index in range(1, 40):
        pick = (index * 7 + seed * 13) % (index + 3)
        parents.append(None if pick >= index else pick)
    tree = layout(parents)
    assert len(tree.boxes) == 40
    assert len(tree.edges) == sum(parent is not None for parent in parents)
    found = [(box.x - BOX_WIDTH / 2, box.y, box.x + BOX_WIDTH / 2, box.y + BOX_HEIGHT) for box in tree.boxes]
    _assert_no_overlap(found)
    assert min(box[0] for box in found) >= 0
    assert max(box[2] for box in found) <= tree.width


def test_people_with_no_reporting_line_form_a_grid() -> None:
    root = parse(power_map([person(f"p{index}") for index in range(10)], "en"))
    found = boxes(root)
    assert len({box[0] for box in found}) == 4
    assert len({box[1] for box in found}) == 3
    _assert_no_overlap(found)


# --- trend chart -------------------------------------------------------------------------


def series(root: ET.Element) -> dict[str, ET.Element]:
    return {group.get("data-dimension", ""): group for group in elements(root, "g", "pb-series")}


def markers(group: ET.Element) -> list[ET.Element]:
    return [element for element in group if "pb-marker" in (element.get("class") or "")]


def test_a_trend_has_a_line_and_markers_per_dimension_and_a_legend() -> None:
    root = assert_embeddable(trend_chart(sample_points(), DIMENSIONS, "en"), "pb-trend")
    lines = series(root)
    assert list(lines) == ["executive", "organisation", "key-people"]
    for group in lines.values():
        (line,) = elements(group, "polyline", "pb-line")
        assert len(line.get("points", "").split()) == 3
        assert len(markers(group)) == 3
    colours = {group.find(f"{NS}polyline").get("stroke") for group in lines.values()}  # type: ignore[union-attr]
    assert len(colours) == 3
    shapes = [markers(group)[0].tag for group in lines.values()]
    assert shapes == [f"{NS}circle", f"{NS}rect", f"{NS}path"]
    (legend,) = elements(root, "g", "pb-legend")
    assert [name for _, name in DIMENSIONS] == texts(legend)
    assert {"2025-10-01", "2026-01-15", "2026-03-31"} <= set(texts(root))
    assert "2 prefers us" in texts(root) and "-1 opposes" in texts(root)


def test_a_missing_score_is_a_gap_in_the_line() -> None:
    days = [date(2026, 1, 1) + timedelta(days=30 * index) for index in range(5)]
    points = [TrendPoint(day, {"executive": 1, "organisation": 2}) for day in days]
    points[2] = TrendPoint(days[2], {"executive": 1})
    root = parse(trend_chart(points, DIMENSIONS[:2], "en"))
    lines = series(root)
    assert len(elements(lines["executive"], "polyline", "pb-line")) == 1
    broken = elements(lines["organisation"], "polyline", "pb-line")
    assert [len(line.get("points", "").split()) for line in broken] == [2, 2]
    assert len(markers(lines["organisation"])) == 4


def test_time_runs_in_proportion_and_in_order() -> None:
    points = [
        TrendPoint(date(2026, 12, 31), {"executive": 3}),
        TrendPoint(date(2026, 1, 1), {"executive": 0}),
        TrendPoint(date(2026, 1, 2), {"executive": 1}),
    ]
    root = assert_embeddable(trend_chart(points, DIMENSIONS[:1], "en"), "pb-trend")
    xs = [float(marker.get("cx", "")) for marker in markers(series(root)["executive"])]
    assert xs[0] < xs[1] < xs[2]
    assert xs[1] - xs[0] < (xs[2] - xs[0]) / 100
    assert trend_chart(points, DIMENSIONS[:1], "en") == trend_chart(
        sorted(points, key=lambda p: p.date), DIMENSIONS[:1], "en"
    )


def test_crowded_dates_are_slanted_and_thinned_but_the_last_is_kept() -> None:
    points = [TrendPoint(date(2026, 1, 1) + timedelta(days=index), {"executive": 1}) for index in range(60)]
    root = parse(trend_chart(points, DIMENSIONS[:1], "en"))
    labels = elements(root, "text", "pb-date")
    assert 2 < len(labels) < 60
    assert all("rotate(-45" in (label.get("transform") or "") for label in labels)
    assert labels[0].text == "2026-01-01"
    assert labels[-1].text == (date(2026, 1, 1) + timedelta(days=59)).isoformat()


def test_no_assessments_and_one_assessment() -> None:
    empty = assert_embeddable(trend_chart([], DIMENSIONS, "en"), "pb-trend")
    assert "no assessments yet" in texts(empty)
    assert "暂无评估" in texts(parse(trend_chart([], DIMENSIONS, "zh")))
    one = assert_embeddable(trend_chart(sample_points()[:1], DIMENSIONS, "en"), "pb-trend")
    assert not elements(one, "polyline", "pb-line")
    assert sum(len(markers(group)) for group in series(one).values()) == 3


def test_the_trend_speaks_chinese_and_escapes_dimension_names() -> None:
    dimensions = [(f"d{index}", name) for index, name in enumerate(HOSTILE)]
    points = [TrendPoint(date(2026, 1, 1), {f"d{index}": 1 for index in range(len(HOSTILE))})]
    diagram = trend_chart(points, dimensions, "zh")
    root = assert_embeddable(diagram, "pb-trend")
    assert "<img" not in diagram and "<script" not in diagram
    assert "2 倾向我方" in texts(root)
    assert "prefers us" not in diagram
    tooltips = [item.findtext(f"{NS}title") for item in elements(root, "g", "pb-legend-item")]
    assert tooltips == HOSTILE


# --- heat-map cells ----------------------------------------------------------------------


def test_a_heat_cell_shows_the_level_and_the_change() -> None:
    up = ET.fromstring(heat_cell(2, 1))
    assert up.tag == "span" and up.get("class") == "pb-heat"
    assert f"background:{level_colour(2)}" in up.get("style", "")
    assert up.text == "2 ▲1"
    assert up.get("title") == "2 prefers us; up 1 since the previous assessment"
    down = ET.fromstring(heat_cell(-1, -2, "zh"))
    assert down.text == "-1 ▼2"
    assert down.get("title") == "-1 反对; 比上次评估下降 2"
    assert ET.fromstring(heat_cell(1, 0)).text == "1"
    assert "no change" in (ET.fromstring(heat_cell(1, 0)).get("title") or "")
    unknown = ET.fromstring(heat_cell(None, None))
    assert unknown.text == "?" and unknown.get("title") == "not assessed"
    assert all("|" not in heat_cell(level, 1) and "\n" not in heat_cell(level, 1) for level in (-1, 0, 1, 2, 3, None))


def test_a_heat_cell_survives_a_markdown_table() -> None:
    page = render(f"| Dimension | Level |\n| --- | --- |\n| Executive | {heat_cell(3, -1)} |\n")
    assert page.count("<td>") == 2
    # A drop is marked apart from any other cell.
    assert 'class="pb-heat pb-drop"' in page and "3 ▼1" in page


def test_a_person_can_be_changed_without_touching_the_others() -> None:
    """MapPerson is a frozen value: the map drawn for one list does not depend on another."""
    people = sample_people()
    before = power_map(people, "en")
    changed = [replace(people[0], level=-1), *people[1:]]
    assert power_map(changed, "en") != before
    assert power_map(people, "en") == before
