"""Relationship drops: computed once, warned about (REL006) unless an open action addresses them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playbook.models import Account, Assessment
from playbook.relationship_drops import Drop, addressed, change, drops
from playbook.validation import validate

ROOT = Path(__file__).resolve().parents[1]


def _account(actions: list[dict[str, object]] | None = None) -> Account:
    return Account.model_validate(
        {
            "id": "acme",
            "name": {"en": "Acme"},
            "tier": "key",
            "industry": "banking",
            "region": "north",
            "owner": "finance-key-accounts",
            "lifecycle": "growth",
            "contacts": [
                {"id": "cfo", "name": {"en": "C"}, "title": "CFO", "buying_role": "eb"},
                {"id": "it", "name": {"en": "I"}, "title": "IT", "buying_role": "tb", "influence_level": "high"},
                {"id": "clerk", "name": {"en": "K"}, "title": "Clerk", "buying_role": "ub", "influence_level": "low"},
            ],
            "actions": actions or [],
        }
    )


def _assessment(day: str, dimensions: dict[str, int], contacts: dict[str, int]) -> Assessment:
    return Assessment.model_validate(
        {"date": day, "assessor": "amy-ar", "dimensions": dimensions, "contacts": contacts}
    )


HISTORY = [
    _assessment("2026-03-31", {"executive": 3, "key-person": 1}, {"cfo": 3, "it": 2, "clerk": 2}),
    _assessment("2026-06-30", {"executive": 2, "key-person": 1}, {"cfo": 2, "it": 2, "clerk": 2}),
    _assessment("2026-09-30", {"executive": 0, "key-person": 2}, {"cfo": 2, "it": 1, "clerk": 0}),
]


def test_drops_compare_the_latest_two_assessments_of_key_contacts_and_dimensions() -> None:
    found = drops(_account(), HISTORY, {"eb"}, date(2026, 10, 15))
    assert found == [
        Drop("acme", "contact", "it", 2, 1, date(2026, 6, 30), date(2026, 9, 30)),
        Drop("acme", "dimension", "executive", 2, 0, date(2026, 6, 30), date(2026, 9, 30)),
    ]
    assert found[1].levels == 2 and found[1].section == "dimensions"


def test_an_assessment_after_the_day_checked_is_left_out() -> None:
    found = drops(_account(), HISTORY, {"eb"}, date(2026, 7, 1))
    assert [(drop.id, drop.before, drop.after) for drop in found] == [("cfo", 3, 2), ("executive", 3, 2)]


def test_one_assessment_has_no_drops() -> None:
    assert drops(_account(), HISTORY[:1], {"eb"}, date(2026, 10, 15)) == []


def test_change_is_none_without_both_scores() -> None:
    assert change(HISTORY[2], None, "dimension", "executive") is None
    assert change(HISTORY[2], HISTORY[1], "contact", "nobody") is None
    assert change(HISTORY[2], HISTORY[1], "dimension", "key-person") == 1


def test_only_an_open_action_aimed_at_it_addresses_a_drop() -> None:
    drop = Drop("acme", "contact", "it", 2, 1, date(2026, 6, 30), date(2026, 9, 30))
    action = {"id": "a", "title": "t", "owner": "amy-ar", "due": "2026-12-01", "contact": "it"}
    assert addressed(drop, _account([{**action, "status": "planned"}]))
    assert addressed(drop, _account([{**action, "status": "in_progress"}]))
    assert not addressed(drop, _account([{**action, "status": "done"}]))
    assert not addressed(drop, _account([{**action, "status": "planned", "contact": "cfo"}]))


def test_the_sample_warns_of_the_drops_it_has_not_planned_for() -> None:
    validation = validate(ROOT, date(2026, 12, 1))
    assert validation.errors == 0
    drops_found = sorted(
        (f.path.split("/")[2], f.message.split("'")[1]) for f in validation.findings if f.rule == "REL006"
    )
    assert drops_found == [
        ("beichen-securities", "executive"),
        ("beichen-securities", "xu-xiaoguang"),
        ("pearl-bay-telecom", "broad-based"),
        ("tianyu-telecom", "fan-feng"),
        ("tianyu-telecom", "lv-xinmin"),
    ]
    for finding in (f for f in validation.findings if f.rule == "REL006"):
        folder = "/".join(finding.path.split("/")[:3])
        assert [place.rsplit(":", 2)[0] for place in finding.related] == [f"{folder}/account.yaml"]


def test_validate_points_at_the_drop_and_names_the_actions(base_repo: Path) -> None:
    earlier = base_repo / "data/accounts/acme/assessments/2026-06-30.yaml"
    earlier.write_text(
        "date: 2026-06-30\nassessor: amy-ar\ndimensions: {executive: 2, key-person: 2}\n"
        "contacts: {zhao-lei: 1, qian-yu: 2}\n",
        encoding="utf-8",
    )
    validation = validate(base_repo, date(2026, 10, 15))
    found = [f for f in validation.findings if f.rule == "REL006"]
    latest = "data/accounts/acme/assessments/2026-09-30.yaml"
    assert [(f.path, f.line, f.column, str(f.severity)) for f in found] == [(latest, 3, 25, "warning")]
    assert "relationship dimension 'executive' of 'acme' dropped from 2 on 2026-06-30 to 1 on 2026-09-30" in (
        found[0].message
    )
    assert "plan one in data/accounts/acme/account.yaml with dimension: executive" in found[0].message
    assert found[0].related == ("data/accounts/acme/account.yaml:21:3",)  # the action plan
