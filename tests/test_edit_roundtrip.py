"""Writing YAML back: every sample file unchanged byte for byte, and each change made in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.documents import load
from playbook.edit import EditRefused, files
from playbook.edit.files import Append, Changes
from playbook.edit.roundtrip import round_trip

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE_FILES = sorted(
    path.relative_to(PROJECT).as_posix()
    for path in [
        *(PROJECT / "data").rglob("*.yaml"),
        PROJECT / "playbook.yaml",
        *(PROJECT / "tests/fixtures").rglob("*.yaml"),
    ]
)


def rewrite(path: str, raw: bytes, changes: Changes) -> bytes:
    """The new bytes, which the validator's reader has read back to the intended data."""
    written = files.rewrite(path, raw, changes)
    assert written.document.path == path
    return written.raw


def test_the_sample_has_files() -> None:
    assert len(SAMPLE_FILES) > 150


@pytest.mark.parametrize("path", SAMPLE_FILES)
def test_every_sample_file_is_written_back_byte_for_byte(path: str) -> None:
    raw = (PROJECT / path).read_bytes()
    assert round_trip(path, raw) == raw


HOSTILE = (
    "\ufeff# yaml-language-server: $schema=../../schemas/team.schema.json\r\n"
    "id: east-region   # the id\r\n"
    "# a comment\tbetween keys, with a tab\r\n"
    "owner: 'banking-ka'\r\n"
    'lead: "lin"\r\n'
    "scope: {regions: [east, north]}   # flow style\r\n"
    "members:\r\n"
    "  - id: lin\r\n"
    "    reports_to: {solid: zhou, dotted: [guo]}\r\n"
    "charter: >-\r\n"
    "  Long text\r\n"
    "  folded.\r\n"
)


def test_hostile_file_round_trips() -> None:
    raw = HOSTILE.encode("utf-8")
    assert round_trip("data/teams/east-region.yaml", raw) == raw


def test_ids_are_replaced_in_place_keeping_bom_crlf_quotes_comments_and_tabs() -> None:
    raw = HOSTILE.encode("utf-8")
    changes = {("owner",): "banking-east", ("lead",): "lin-2", ("scope", "regions", 0): "east-china"}
    changes[("members", 0, "reports_to", "dotted", 0)] = "guo-ning"
    written = rewrite("data/teams/east-region.yaml", raw, changes)
    expected = (
        HOSTILE.replace("'banking-ka'", "'banking-east'")
        .replace('"lin"', '"lin-2"')
        .replace("[east, north]", "[east-china, north]")
        .replace("dotted: [guo]", "dotted: [guo-ning]")
    )
    assert written == expected.encode("utf-8")


def test_a_number_like_id_is_quoted() -> None:
    written = rewrite("data/x.yaml", b"owner: team-a  # note\n", {("owner",): "2026"})
    assert written == b'owner: "2026"  # note\n'
    document, _ = load("data/x.yaml", written)
    assert document is not None and document.data == {"owner": "2026"}


def test_a_list_change_goes_through_the_round_trip_and_keeps_flow_style() -> None:
    raw = b"# head\niron_triangle: {ar: [a], sr: [b]}  # triangle\nnotes: x\n"
    written = rewrite("data/x.yaml", raw, {("iron_triangle", "ar"): ["c"]})
    assert written == b"# head\niron_triangle: {ar: [c], sr: [b]}  # triangle\nnotes: x\n"


def test_a_missing_key_is_added() -> None:
    raw = b"id: acme\nowner: a\n"
    written = rewrite("data/x.yaml", raw, {("iron_triangle", "ar"): ["p"]})
    document, _ = load("data/x.yaml", written)
    assert document is not None and document.data == {"id": "acme", "owner": "a", "iron_triangle": {"ar": ["p"]}}
    assert written.startswith(b"id: acme\nowner: a\n")


def test_an_item_is_appended_to_a_block_list_with_its_comments_kept() -> None:
    raw = b"approvals:\n  # the first\n  - change: owner\n    to: a\n"
    written = rewrite("data/x.yaml", raw, {("approvals",): Append({"change": "owner", "to": "b"})})
    assert written.startswith(raw)
    document, _ = load("data/x.yaml", written)
    assert document is not None and document.data["approvals"][-1] == {"change": "owner", "to": "b"}


@pytest.mark.parametrize(
    ("changes", "intended"),
    [
        ({("owner",): "b"}, {"owner": "b", "overlays": [{"team": "a"}]}),
        ({("owner",): "b", ("overlays", 0, "team"): "b"}, {"owner": "b", "overlays": [{"team": "b"}]}),
    ],
)
def test_a_value_shared_through_an_anchor_changes_only_where_intended(
    changes: dict[tuple[str | int, ...], str], intended: dict[str, object]
) -> None:
    raw = b"owner: &team a\noverlays:\n  - team: *team\n"
    written = rewrite("data/x.yaml", raw, changes)
    document, _ = load("data/x.yaml", written)
    assert document is not None and document.data == intended


def test_a_merge_key_is_refused() -> None:
    raw = b"base: &b {owner: a}\naccount:\n  <<: *b\n  tier: key\n"
    with pytest.raises(EditRefused, match="does not read"):
        rewrite("data/x.yaml", raw, {("base", "owner"): "b"})


def test_a_file_with_anchors_elsewhere_keeps_them() -> None:
    raw = b"owner: a\nmetrics: &m {x: 1}\nnotes: &n text\nother: *n\n"
    written = rewrite("data/x.yaml", raw, {("owner",): "b"})
    assert written == raw.replace(b"owner: a", b"owner: b")


def test_a_file_that_does_not_read_is_refused() -> None:
    with pytest.raises(EditRefused, match="does not read"):
        rewrite("data/x.yaml", b"owner: [a\n", {("owner",): "b"})


def test_many_files_are_rewritten_in_workers_as_in_one_process() -> None:
    items: list[tuple[str, bytes, Changes]] = [
        (f"data/x{number}.yaml", f"# file {number}\r\nowner: a  # owner\r\n".encode(), {("owner",): "b"})
        for number in range(files.PARALLEL_FROM + 50)
    ]
    in_workers = files.rewrite_all(items, jobs=2)
    assert [written.raw for written in in_workers] == [written.raw for written in files.rewrite_all(items, jobs=1)]
    assert in_workers[7].raw == b"# file 7\r\nowner: b  # owner\r\n"
    assert in_workers[7].document.data == {"owner": "b"}


def test_a_refusal_in_a_worker_reaches_the_command() -> None:
    items: list[tuple[str, bytes, Changes]] = [("data/ok.yaml", b"owner: a\n", {("owner",): "b"})] * files.PARALLEL_FROM
    items.append(("data/broken.yaml", b"owner: [a\n", {("owner",): "b"}))
    with pytest.raises(EditRefused, match=r"data/broken\.yaml"):
        files.rewrite_all(items, jobs=2)
