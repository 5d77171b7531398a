"""Account-level rules (iron triangle, relationships, KPIs, criteria, assessments, actions, plans):
the cases their documented examples cannot show."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from playbook.documents import Document
from playbook.findings import Finding
from playbook.models import Account
from playbook.repository import Sourced, load
from playbook.rules import RULES
from playbook.validation import validate
from tests.conftest import AS_OF
from tests.examples import apply_example, positions

FAMILIES = ("TRI", "REL", "KPI", "TIER", "ASM", "ACT", "PLAN")
ACCOUNT = "data/accounts/acme/account.yaml"
ASSESSMENTS = "data/accounts/acme/assessments"


def _found(root: Path, block: str, *codes: str) -> list[Finding]:
    """Apply ``block`` over the repository and return the findings of ``codes``, sorted."""
    if block:
        apply_example(root, block, raw=False)
    return [finding for finding in validate(root, AS_OF).findings if finding.rule in codes]


def _at(root: Path, path: str, dotted: str) -> set[tuple[int, int]]:
    return positions(root, path, tuple(int(part) if part.isdigit() else part for part in dotted.split(".")))


def _assert_one(root: Path, found: list[Finding], code: str, path: str, dotted: str) -> Finding:
    assert [(finding.rule, finding.path) for finding in found] == [(code, path)]
    assert (found[0].line, found[0].column) in _at(root, path, dotted)
    return found[0]


def _edit_key_tier(root: Path, **changes: Any) -> None:
    """Change the key tier in tiers.yaml, and define a gross-margin metric beside annual revenue."""
    path = root / "data/tiers.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["metrics"].append({"id": "gross-margin", "name": {"en": "Gross margin"}, "unit": "%"})
    data["tiers"][1].update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


TWO_CRITERIA = [
    {"metric": "annual-revenue", "comparison": ">=", "threshold": 50},
    {"metric": "gross-margin", "comparison": ">=", "threshold": 15},
]


def test_all_criteria_names_only_the_failing_one(base_repo: Path) -> None:
    _edit_key_tier(base_repo, criteria=TWO_CRITERIA, criteria_match="all")
    found = _found(base_repo, f"# {ACCOUNT}\nmetrics: {{annual-revenue: 120, gross-margin: 10}}\n", "TIER001")
    finding = _assert_one(base_repo, found, "TIER001", ACCOUNT, "metrics.gross-margin")
    assert "gross-margin 10 is not >= 15" in finding.message
    assert "annual-revenue" not in finding.message


def test_any_criteria_is_met_by_one(base_repo: Path) -> None:
    _edit_key_tier(base_repo, criteria=TWO_CRITERIA, criteria_match="any")
    block = f"# {ACCOUNT}\nmetrics: {{annual-revenue: 20, gross-margin: 30}}\n"
    assert _found(base_repo, block, "TIER001", "TIER003") == []


def test_any_criteria_fails_when_none_is_met(base_repo: Path) -> None:
    _edit_key_tier(base_repo, criteria=TWO_CRITERIA, criteria_match="any")
    found = _found(base_repo, f"# {ACCOUNT}\nmetrics: {{annual-revenue: 20, gross-margin: 10}}\n", "TIER001")
    finding = _assert_one(base_repo, found, "TIER001", ACCOUNT, "metrics.annual-revenue")
    assert "annual-revenue 20 is not >= 50, gross-margin 10 is not >= 15" in finding.message


def test_any_criteria_met_needs_no_missing_metric(base_repo: Path) -> None:
    _edit_key_tier(base_repo, criteria=TWO_CRITERIA, criteria_match="any")
    assert _found(base_repo, "", "TIER001", "TIER003") == []


def test_any_criteria_with_a_missing_metric_asks_for_it_and_does_not_fail(base_repo: Path) -> None:
    _edit_key_tier(base_repo, criteria=TWO_CRITERIA, criteria_match="any")
    found = _found(base_repo, f"# {ACCOUNT}\nmetrics: {{annual-revenue: 20}}\n", "TIER001", "TIER003")
    finding = _assert_one(base_repo, found, "TIER003", ACCOUNT, "metrics")
    assert "'gross-margin'" in finding.message


def test_exception_silences_criteria_and_missing_metrics(base_repo: Path) -> None:
    _edit_key_tier(base_repo, criteria=TWO_CRITERIA, criteria_match="all")
    block = (
        f"# {ACCOUNT}\nmetrics: {{annual-revenue: 20}}\n"
        "exception: {reason: Showcase., approved_by: nina-lead, approved_on: 2026-09-01}\n"
    )
    assert _found(base_repo, block, "TIER001", "TIER002", "TIER003") == []


@pytest.mark.parametrize(
    ("comparison", "value", "fires"),
    [
        (">=", 50, False),
        (">=", 49.5, True),
        (">", 50, True),
        (">", 50.5, False),
        ("<=", 50, False),
        ("<=", 50.5, True),
        ("<", 50, True),
        ("<", 49, False),
        ("==", 50, False),
        ("==", 51, True),
    ],
)
def test_each_comparison(base_repo: Path, comparison: str, value: float, fires: bool) -> None:
    _edit_key_tier(base_repo, criteria=[{"metric": "annual-revenue", "comparison": comparison, "threshold": 50}])
    found = _found(base_repo, f"# {ACCOUNT}\nmetrics: {{annual-revenue: {value}}}\n", "TIER001")
    if fires:
        finding = _assert_one(base_repo, found, "TIER001", ACCOUNT, "metrics.annual-revenue")
        assert f"is not {comparison} 50" in finding.message
    else:
        assert found == []


def test_promotion_names_the_highest_tier_met(base_repo: Path) -> None:
    block = f"# {ACCOUNT}\ntier: smb\nowner: north-region\nmetrics: {{annual-revenue: 1500}}\n"
    finding = _assert_one(base_repo, _found(base_repo, block, "TIER007"), "TIER007", ACCOUNT, "tier")
    assert "tier 'strategic'" in finding.message


def _assessment(day: str) -> str:
    return f"# {ASSESSMENTS}/{day}.yaml\ndate: {day}\nassessor: amy-ar\ndimensions: {{executive: 1, key-person: 2}}\n"


@pytest.mark.parametrize(("days", "overdue"), [(90, False), (91, True)])
def test_cadence_boundary_day(base_repo: Path, days: int, overdue: bool) -> None:
    day = (AS_OF - timedelta(days=days)).isoformat()
    found = _found(base_repo, f"# {ASSESSMENTS}/2026-09-30.yaml\n# delete\n" + _assessment(day), "ASM002")
    if overdue:
        finding = _assert_one(base_repo, found, "ASM002", f"{ASSESSMENTS}/{day}.yaml", "date")
        assert "91 days old" in finding.message
    else:
        assert found == []


def test_an_assessment_in_the_future_does_not_count_as_the_latest(base_repo: Path) -> None:
    block = f"# {ASSESSMENTS}/2026-09-30.yaml\n# delete\n" + _assessment("2026-06-01") + _assessment("2026-12-01")
    found = _found(base_repo, block, "ASM001", "ASM002")
    assert [(finding.rule, finding.path) for finding in found] == [
        ("ASM002", f"{ASSESSMENTS}/2026-06-01.yaml"),
        ("ASM001", f"{ASSESSMENTS}/2026-12-01.yaml"),
    ]


def test_key_account_never_assessed_points_at_its_tier(base_repo: Path) -> None:
    found = _found(base_repo, f"# {ASSESSMENTS}/2026-09-30.yaml\n# delete\n", "ASM002")
    _assert_one(base_repo, found, "ASM002", ACCOUNT, "tier")


def test_smb_account_needs_no_assessment(base_repo: Path) -> None:
    block = f"# {ASSESSMENTS}/2026-09-30.yaml\n# delete\n# {ACCOUNT}\ntier: smb\n"
    assert _found(base_repo, block, "ASM002") == []


def _contact(contact_id: str, reports_to: str) -> str:
    return (
        f"  - {{id: {contact_id}, name: {{en: {contact_id}}}, title: Head, buying_role: ub,"
        f" reports_to: {reports_to}}}\n"
    )


def test_cycle_of_three_is_reported_once_at_its_first_contact(base_repo: Path) -> None:
    block = (
        f"# {ACCOUNT}\ncontacts:\n"
        + _contact("dan", "cy")
        + _contact("bo", "cy")
        + _contact("cy", "al")
        + _contact("al", "bo")
    )
    found = _found(base_repo, block, "REL003")
    finding = _assert_one(base_repo, found, "REL003", ACCOUNT, "contacts.1.reports_to")
    assert "(bo -> cy -> al -> bo)" in finding.message


def test_contact_reporting_to_itself_is_a_cycle(base_repo: Path) -> None:
    found = _found(base_repo, f"# {ACCOUNT}\ncontacts:\n" + _contact("al", "al"), "REL003")
    finding = _assert_one(base_repo, found, "REL003", ACCOUNT, "contacts.0.reports_to")
    assert "(al -> al)" in finding.message


def test_a_chain_is_not_a_cycle(base_repo: Path) -> None:
    block = f"# {ACCOUNT}\ncontacts:\n" + _contact("al", "bo") + _contact("bo", "cy") + _contact("cy", "ghost")
    assert _found(base_repo, block, "REL003") == []


def test_key_contact_without_any_backup(base_repo: Path) -> None:
    contact = "{id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: coach, owner: amy-ar}"
    block = f"# {ACCOUNT}\ncontacts: [{contact}]\n"
    found = _found(base_repo, block, "REL001", "REL002")
    finding = _assert_one(base_repo, found, "REL002", ACCOUNT, "contacts.0")
    assert "'zhao-lei'" in finding.message


def test_triangle_missing_altogether_points_at_the_tier(base_repo: Path) -> None:
    found = _found(base_repo, f"# {ACCOUNT}\niron_triangle: null\n", "TRI001")
    finding = _assert_one(base_repo, found, "TRI001", ACCOUNT, "tier")
    assert "no AR, SR, FR" in finding.message


def test_smb_account_needs_no_triangle_and_no_decision_maker(base_repo: Path) -> None:
    block = f"# {ACCOUNT}\ntier: smb\niron_triangle: null\ncontacts: []\n"
    assert _found(base_repo, block, "TRI001", "REL004") == []


def test_kpi_weight_of_zero_is_not_shared(base_repo: Path) -> None:
    block = (
        "# data/teams/finance-key-accounts.yaml\nkpis:\n"
        "  - {id: revenue, name: {en: Revenue}, perspective: financial, weights: {ar: 60, sr: 50, fr: 0}}\n"
        "  - {id: satisfaction, name: {en: Satisfaction}, perspective: customer, weights: {ar: 40, sr: 50, fr: 100}}\n"
    )
    found = _found(base_repo, block, "KPI001", "KPI002")
    finding = _assert_one(base_repo, found, "KPI002", "data/teams/finance-key-accounts.yaml", "kpis.0.weights.fr")
    assert "'revenue'" in finding.message
    assert "FR" in finding.message


def test_kpis_for_one_role_only_are_complete(base_repo: Path) -> None:
    block = (
        "# data/teams/north-region.yaml\nkpis:\n"
        "  - {id: revenue, name: {en: Revenue}, perspective: financial, weights: {ar: 70}}\n"
        "  - {id: new-logos, name: {en: New logos}, perspective: customer, weights: {ar: 30}}\n"
    )
    assert _found(base_repo, block, "KPI001", "KPI002") == []


def test_each_role_off_100_is_named(base_repo: Path) -> None:
    block = (
        "# data/teams/finance-key-accounts.yaml\nkpis:\n"
        "  - {id: revenue, name: {en: Revenue}, perspective: financial, weights: {ar: 50, sr: 50, fr: 50}}\n"
        "  - {id: satisfaction, name: {en: Satisfaction}, perspective: customer, weights: {ar: 40, sr: 50, fr: 60}}\n"
    )
    found = _found(base_repo, block, "KPI001")
    assert sorted(finding.message.split(" weights")[0] for finding in found) == ["the AR", "the FR"]
    assert {finding.path for finding in found} == {"data/teams/finance-key-accounts.yaml"}


def test_wallet_years_out_of_order_are_not_a_fall(base_repo: Path) -> None:
    block = f"# {ACCOUNT}\nshare_of_wallet: [{{year: 2027, share_pct: 20}}, {{year: 2026, share_pct: 10}}]\n"
    found = _found(base_repo, block, "PLAN001", "PLAN002")
    _assert_one(base_repo, found, "PLAN001", ACCOUNT, "share_of_wallet.1.year")


def test_a_year_listed_twice_is_not_a_fall(base_repo: Path) -> None:
    block = f"# {ACCOUNT}\nshare_of_wallet: [{{year: 2026, share_pct: 20}}, {{year: 2026, share_pct: 10}}]\n"
    found = _found(base_repo, block, "PLAN001", "PLAN002")
    finding = _assert_one(base_repo, found, "PLAN001", ACCOUNT, "share_of_wallet.1.year")
    assert "2026 again" in finding.message


def test_lead_with_opportunity_but_not_converted(base_repo: Path) -> None:
    lead = "{id: l-1, title: Cloud, received: 2026-03-02, status: qualified, opportunity: opp-1}"
    block = f"# {ACCOUNT}\nleads: [{lead}]\n"
    finding = _assert_one(base_repo, _found(base_repo, block, "PLAN003"), "PLAN003", ACCOUNT, "leads.0.status")
    assert "'opp-1'" in finding.message


def test_opportunity_in_the_last_stage_may_be_past_its_close(base_repo: Path) -> None:
    block = (
        f"# {ACCOUNT}\nopportunities: [{{id: opp-1, title: Cloud, stage: closing, amount: 800, close: 2026-09-30}}]\n"
    )
    assert _found(base_repo, block, "PLAN004") == []


def test_opposing_contact_needs_an_action(base_repo: Path) -> None:
    path = f"{ASSESSMENTS}/2026-09-30.yaml"
    found = _found(base_repo, f"# {path}\ncontacts: {{qian-yu: -1}}\n", "ACT003")
    finding = _assert_one(base_repo, found, "ACT003", path, "contacts.qian-yu")
    assert "'qian-yu'" in finding.message


def test_action_owner_who_backs_up_a_contact_is_on_the_account(base_repo: Path) -> None:
    block = (
        f"# {ACCOUNT}\n"
        "contacts:\n"
        "  - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, owner: amy-ar, backup: tom-tax}\n"
        "actions: [{id: act-1, title: Visit, owner: tom-tax, due: 2026-11-30, status: planned}]\n"
    )
    assert _found(base_repo, block, "ACT002") == []


def test_account_rules_scale_linearly(base_repo: Path) -> None:
    playbook = load(base_repo).playbook
    template = playbook.accounts[0].model.model_dump(mode="json")
    for number in range(10_000):
        data = {**template, "id": f"a{number}", "metrics": {"annual-revenue": 20 if number % 2 else 120}}
        account = Account.model_validate(data, strict=False)
        playbook.accounts.append(Sourced(account, Document(f"data/accounts/a{number}/account.yaml", data)))
    started = time.perf_counter()
    found = [finding for code in RULES if code.startswith(FAMILIES) for finding in RULES[code].run(playbook, AS_OF)]
    assert time.perf_counter() - started < 5
    assert sum(finding.rule == "TIER001" for finding in found) == 5_000
    assert sum(finding.rule == "ASM002" for finding in found) == 10_000


def test_scorecard_perspective_left_out(base_repo: Path) -> None:
    block = "# data/tiers.yaml\nscorecard_weights: {growth: {learning: null, financial: 60}}\n"
    found = _found(base_repo, block, "TIER006")
    finding = _assert_one(base_repo, found, "TIER006", "data/tiers.yaml", "scorecard_weights.growth")
    assert "leave out learning" in finding.message
    assert " and sum to" not in finding.message


def test_scorecard_lifecycle_left_out(base_repo: Path) -> None:
    found = _found(base_repo, "# data/tiers.yaml\nscorecard_weights: {mature: null}\n", "TIER006")
    finding = _assert_one(base_repo, found, "TIER006", "data/tiers.yaml", "scorecard_weights")
    assert "mature" in finding.message


def test_dedicated_ar_with_room_for_more_accounts(base_repo: Path) -> None:
    _edit_key_tier(base_repo, dedicated_ar=True)
    found = _found(base_repo, "", "TIER008")
    _assert_one(base_repo, found, "TIER008", "data/tiers.yaml", "tiers.1.accounts_per_ar.max")


def test_named_account_tier_without_criteria(base_repo: Path) -> None:
    _edit_key_tier(base_repo, criteria=[])
    found = _found(base_repo, "", "TIER008")
    finding = _assert_one(base_repo, found, "TIER008", "data/tiers.yaml", "tiers.1.criteria")
    assert "tier 'key'" in finding.message


def test_exception_in_a_tier_without_criteria_is_not_needed(base_repo: Path) -> None:
    block = (
        f"# {ACCOUNT}\ntier: smb\nexception: {{reason: Showcase., approved_by: nina-lead, approved_on: 2026-09-01}}\n"
    )
    finding = _assert_one(base_repo, _found(base_repo, block, "TIER002"), "TIER002", ACCOUNT, "exception")
    assert "is in tier 'smb'" in finding.message
