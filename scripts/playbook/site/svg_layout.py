"""Where the boxes of a power map go: a tidy tree of the customer's reporting lines.

Pure geometry, no SVG. Each subtree gets a width in slots (one slot per box), children sit
side by side under their parent and the parent is centred over them. Two refinements keep a
large org chart narrow enough to read when the page scales it down:

- a parent's leaf children, when there are three or more, hang from a vertical bus in a
  *comb* under it, one column deep (two abreast when there are more than eight), instead of
  spreading out in one long row;
- people who report to nobody on the map and have no reports form a grid at the top.

Reporting lines that loop (A reports to B, B to A) are cut: the first person of the loop in
input order becomes a root. Everything is iterative, so a long chain cannot exhaust the stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BOX_WIDTH = 236.0
BOX_HEIGHT = 84.0
#: The horizontal room of one slot: a box and the gap to its neighbour.
SLOT_WIDTH = 268.0
#: The vertical distance from one level of the tree to the next.
LEVEL_PITCH = BOX_HEIGHT + 44.0
#: The vertical distance between the rows of a comb or of the grid of unattached people.
ROW_PITCH = BOX_HEIGHT + 16.0
#: A parent with at least this many leaf children stacks them in a comb: one column, the bus on
#: its left, up to ``COMB_ONE_COLUMN`` of them; beyond that two columns with the bus between.
COMB_MIN = 3
COMB_ONE_COLUMN = 8
#: In a one-column comb, where the bus runs and how far the boxes move right to clear it.
_BUS = 12.0 / SLOT_WIDTH
_INDENT = 26.0 / SLOT_WIDTH - (SLOT_WIDTH - BOX_WIDTH) / 2 / SLOT_WIDTH
#: People who are not attached to anyone are laid out in a grid this many columns wide.
GRID_COLUMNS = 4

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """Where a person's box goes: the centre of its top edge."""

    person: int
    x: float
    y: float


@dataclass(frozen=True)
class Edge:
    """A reporting line drawn from the parent's box to the child's, as a polyline."""

    parent: int
    child: int
    points: tuple[Point, ...]


@dataclass(frozen=True)
class TreeLayout:
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    width: float
    height: float


@dataclass(frozen=True)
class _Slot:
    """The room under a parent for one child's subtree, a comb of leaves, or the grid of loose people."""

    kind: Literal["single", "comb", "grid"]
    group: tuple[int, ...]

    @property
    def columns(self) -> int:
        if self.kind == "grid":
            return min(GRID_COLUMNS, len(self.group))
        if self.kind == "comb":
            return 1 if len(self.group) <= COMB_ONE_COLUMN else 2
        return 1

    def width(self, widths: list[int]) -> int:
        """How many slots wide: a single child's subtree, or the comb's or grid's columns."""
        return widths[self.group[0]] if self.kind == "single" else self.columns


def parents_without_cycles(ids: list[str], reports_to: list[str | None]) -> list[int | None]:
    """The index of each person's parent on the map; unknown ids and loops give roots."""
    index: dict[str, int] = {}
    for position, person_id in enumerate(ids):
        index.setdefault(person_id, position)
    parent: list[int | None] = [None if target is None else index.get(target) for target in reports_to]
    state = [0] * len(ids)  # 0 unseen, 1 on the current walk, 2 finished
    for start in range(len(ids)):
        path: list[int] = []
        current: int | None = start
        while current is not None and state[current] == 0:
            state[current] = 1
            path.append(current)
            current = parent[current]
        if current is not None and state[current] == 1:
            loop = path[path.index(current) :]
            parent[min(loop)] = None
        for visited in path:
            state[visited] = 2
    return parent


def layout(parents: list[int | None], box_height: float = BOX_HEIGHT) -> TreeLayout:
    """Place a box for every person and a line for every reporting line.

    ``box_height`` is the height of every box (a map whose names wrap onto more lines has
    taller boxes); the gaps between levels and rows stay as they are.

    ``parents`` must be free of loops (see ``parents_without_cycles``). Sizes are worked out
    from the leaves up, left edges from the roots down, and a parent's centre from its
    children up again; each pass walks one precomputed order, so no recursion is needed.
    """
    count = len(parents)
    children: list[list[int]] = [[] for _ in range(count)]
    roots: list[int] = []
    for person, parent in enumerate(parents):
        (roots if parent is None else children[parent]).append(person)
    slots = [_slots(children[person], children, "comb") for person in range(count)]
    top_slots = _slots(roots, children, "grid")
    order = _preorder(top_slots, slots)

    widths = [1] * count  # in slots
    for person in reversed(order):
        widths[person] = max(1, sum(slot.width(widths) for slot in slots[person]))
    left = [0.0] * count  # in slots
    centre = [0.0] * count  # in slots
    top = [0.0] * count  # in pixels
    placed = [False] * count
    pitch = (box_height + LEVEL_PITCH - BOX_HEIGHT, box_height + ROW_PITCH - BOX_HEIGHT)
    _place(top_slots, 0.0, -pitch[0], widths, left, centre, top, placed, pitch)
    for person in order:
        _place(slots[person], left[person], top[person], widths, left, centre, top, placed, pitch)
    for person in reversed(order):
        if not placed[person]:
            anchors = [_anchor(slot, left, centre) for slot in slots[person]]
            centre[person] = (anchors[0] + anchors[-1]) / 2 if anchors else left[person] + 0.5

    boxes = tuple(Box(person, centre[person] * SLOT_WIDTH, top[person]) for person in order)
    edges = tuple(
        edge
        for person in order
        for slot in slots[person]
        for edge in _edges(person, slot, left, centre, top, box_height)
    )
    total = max(1, sum(slot.width(widths) for slot in top_slots)) * SLOT_WIDTH
    bottom = max((box.y + box_height for box in boxes), default=0.0)
    return TreeLayout(boxes, edges, total, bottom)


def _slots(kids: list[int], children: list[list[int]], group: Literal["comb", "grid"]) -> list[_Slot]:
    """Each child with reports in a slot of its own; three or more leaves together at the end."""
    leaves = tuple(kid for kid in kids if not children[kid])
    if len(leaves) < COMB_MIN:
        return [_Slot("single", (kid,)) for kid in kids]
    return [_Slot("single", (kid,)) for kid in kids if children[kid]] + [_Slot(group, leaves)]


def _preorder(top_slots: list[_Slot], slots: list[list[_Slot]]) -> list[int]:
    """Every person, each before their reports, left to right."""
    order: list[int] = []
    stack = [person for slot in reversed(top_slots) for person in reversed(slot.group)]
    while stack:
        person = stack.pop()
        order.append(person)
        stack += [kid for slot in reversed(slots[person]) for kid in reversed(slot.group)]
    return order


def _place(
    slots: list[_Slot],
    cursor: float,
    parent_top: float,
    widths: list[int],
    left: list[float],
    centre: list[float],
    top: list[float],
    placed: list[bool],
    pitch: tuple[float, float] = (LEVEL_PITCH, ROW_PITCH),
) -> None:
    """Give each child its left edge and top; the people of a comb or grid get their centre too.

    ``pitch`` is the distance from one level to the next and from one row of a comb to the next.
    """
    level_pitch, row_pitch = pitch
    for slot in slots:
        if slot.kind == "single":
            (kid,) = slot.group
            left[kid] = cursor
            top[kid] = parent_top + level_pitch
        else:
            indent = _INDENT if slot.kind == "comb" and slot.columns == 1 else 0.0
            for position, kid in enumerate(slot.group):
                row, column = divmod(position, slot.columns)
                left[kid] = cursor + column
                centre[kid] = cursor + column + 0.5 + indent
                top[kid] = parent_top + level_pitch + row * row_pitch
                placed[kid] = True
        cursor += slot.width(widths)


def _anchor(slot: _Slot, left: list[float], centre: list[float]) -> float:
    """What a parent centres over: a child, a one-column comb's boxes, or a two-column comb's bus."""
    first = slot.group[0]
    if slot.kind == "single" or slot.columns == 1:
        return centre[first]
    return left[first] + slot.columns / 2


def _bus(slot: _Slot, left: list[float]) -> float:
    """Where a comb's vertical line runs, in slots."""
    first = slot.group[0]
    return left[first] + (_BUS if slot.columns == 1 else 1.0)


def _edges(
    parent: int, slot: _Slot, left: list[float], centre: list[float], top: list[float], box_height: float = BOX_HEIGHT
) -> list[Edge]:
    """Elbow lines from the parent's foot to each child's head, or along a comb's bus to its side."""
    start_x = centre[parent] * SLOT_WIDTH
    start_y = top[parent] + box_height
    middle_y = start_y + (LEVEL_PITCH - BOX_HEIGHT) / 2
    if slot.kind == "single":
        (kid,) = slot.group
        end_x = centre[kid] * SLOT_WIDTH
        points = [(start_x, start_y), (start_x, middle_y), (end_x, middle_y), (end_x, top[kid])]
        return [Edge(parent, kid, _simplify(points))]
    bus_x = _bus(slot, left) * SLOT_WIDTH
    edges = []
    for kid in slot.group:
        kid_x = centre[kid] * SLOT_WIDTH
        side = kid_x - BOX_WIDTH / 2 if kid_x > bus_x else kid_x + BOX_WIDTH / 2
        row_y = top[kid] + box_height / 2
        points = [(start_x, start_y), (start_x, middle_y), (bus_x, middle_y), (bus_x, row_y), (side, row_y)]
        edges.append(Edge(parent, kid, _simplify(points)))
    return edges


def _simplify(points: list[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle one of three on a horizontal or vertical line."""
    kept: list[Point] = []
    for point in points:
        if kept and kept[-1] == point:
            continue
        if len(kept) >= 2 and _collinear(kept[-2], kept[-1], point):
            kept[-1] = point
            continue
        kept.append(point)
    return tuple(kept)


def _collinear(first: Point, second: Point, third: Point) -> bool:
    return first[0] == second[0] == third[0] or first[1] == second[1] == third[1]
