"""Coverage, load and team rules: the cases their documented examples cannot show."""

from __future__ import annotations

import time
from pathlib import Path

from playbook.documents import Document
from playbook.findings import Finding
from playbook.models import Account
from playbook.repository import Sourced, load
from playbook.rules import RULES
from playbook.validation import validate
from tests.conftest import AS_OF
from tests.examples import apply_example, positions

FAMILIES = ("COV", "LOAD", "TEAM")


def _found(root: Path, block: str, *codes: str) -> list[Finding]:
    """Apply ``block`` over the repository and return the findings of ``codes``, sorted."""
    apply_example(root, block, raw=False)
    return [finding for finding in validate(root, AS_OF).findings if finding.rule in codes]


def _at(root: Path, path: str, dotted: str) -> set[tuple[int, int]]:
    return positions(root, path, tuple(int(part) if part.isdigit() else part for part in dotted.split(".")))


def _account(account_id: str, tier: str, ar: str, region: str = "north") -> str:
    return (
        f"# data/accounts/{account_id}/account.yaml\n"
        f"{{id: {account_id}, name: {{en: {account_id}}}, tier: {tier}, industry: banking, region: {region},\n"
        f" owner: finance-key-accounts, lifecycle: growth, iron_triangle: {{ar: [{ar}]}}}}\n"
    )


def test_team_cycle_of_three_is_reported_once_at_its_smallest_id(base_repo: Path) -> None:
    block = (
        "# data/teams/south-region.yaml\nreports_to: {solid: tax-accounts}\n"
        "# data/teams/tax-accounts.yaml\nreports_to: {solid: north-region}\n"
        "# data/teams/north-region.yaml\nreports_to: {solid: south-region}\n"
        "# data/teams/delivery.yaml\nreports_to: {solid: south-region}\n"
    )
    found = _found(base_repo, block, "TEAM002", "TEAM003")
    assert [(finding.rule, finding.path) for finding in found] == [("TEAM002", "data/teams/north-region.yaml")]
    assert (found[0].line, found[0].column) in _at(base_repo, found[0].path, "reports_to.solid")
    assert "(north-region -> south-region -> tax-accounts -> north-region)" in found[0].message


def test_person_cycle_of_three_across_teams(base_repo: Path) -> None:
    block = (
        "# data/teams/north-region.yaml\n"
        "members: [{id: nick-north, name: {en: Nick North}, roles: [ar], reports_to: {solid: sue-south}}]\n"
        "# data/teams/south-region.yaml\n"
        "members: [{id: sue-south, name: {en: Sue South}, roles: [ar], reports_to: {solid: tom-tax}}]\n"
        "# data/teams/tax-accounts.yaml\n"
        "members: [{id: tom-tax, name: {en: Tom Tax}, roles: [ar], reports_to: {solid: nick-north}}]\n"
    )
    found = _found(base_repo, block, "TEAM002")
    assert [(finding.rule, finding.path) for finding in found] == [("TEAM002", "data/teams/north-region.yaml")]
    assert (found[0].line, found[0].column) in _at(base_repo, found[0].path, "members.0.reports_to.solid")
    assert "(nick-north -> sue-south -> tom-tax -> nick-north)" in found[0].message


def test_solid_line_to_oneself_is_team003_and_not_a_cycle(base_repo: Path) -> None:
    block = (
        "# data/teams/north-region.yaml\n"
        "reports_to: {solid: north-region}\n"
        "members: [{id: nick-north, name: {en: Nick North}, roles: [ar], reports_to: {solid: nick-north}}]\n"
    )
    found = _found(base_repo, block, "TEAM002", "TEAM003")
    path = "data/teams/north-region.yaml"
    assert [(finding.rule, finding.path) for finding in found] == [("TEAM003", path), ("TEAM003", path)]
    expected = _at(base_repo, path, "reports_to.solid") | _at(base_repo, path, "members.0.reports_to.solid")
    assert {(finding.line, finding.column) for finding in found} <= expected
    assert found[0].line != found[1].line


def test_lead_who_is_nobody_is_left_to_ref002(base_repo: Path) -> None:
    found = _found(base_repo, "# data/teams/north-region.yaml\nlead: nobody-here\n", "TEAM001", "REF002")
    assert [finding.rule for finding in found] == ["REF002"]


def test_overloaded_dedicated_ar_is_reported_once_per_excess(base_repo: Path) -> None:
    block = "# data/accounts/acme/account.yaml\ntier: strategic\n" + _account("beta", "strategic", "amy-ar")
    found = _found(base_repo, block, "LOAD001", "LOAD003")
    assert [(finding.rule, finding.path) for finding in found] == [
        ("LOAD001", "data/accounts/acme/account.yaml"),
        ("LOAD001", "data/accounts/beta/account.yaml"),
    ]
    for finding in found:
        assert (finding.line, finding.column) in _at(base_repo, finding.path, "iron_triangle.ar.0")
        assert "2 strategic accounts (acme, beta)" in finding.message
        assert "at most 1" in finding.message


def test_dedicated_ar_with_an_account_of_another_tier_names_only_that_one(base_repo: Path) -> None:
    block = (
        "# data/accounts/acme/account.yaml\ntier: strategic\n"
        + _account("beta", "strategic", "amy-ar")
        + _account("gamma", "key", "amy-ar")
    )
    found = _found(base_repo, block, "LOAD003")
    assert [finding.path for finding in found] == ["data/accounts/acme/account.yaml", "data/accounts/beta/account.yaml"]
    assert all(finding.message.count("and also on gamma:") == 1 for finding in found)


def test_an_ar_named_twice_on_one_account_counts_it_once(base_repo: Path) -> None:
    block = (
        "# data/accounts/acme/account.yaml\niron_triangle: {ar: [amy-ar, amy-ar], sr: [sam-sr], fr: [fay-fr]}\n"
        + _account("beta", "key", "amy-ar")
        + _account("gamma", "key", "amy-ar")
    )
    assert _found(base_repo, block, "LOAD001") == []


def test_overlay_team_as_owner_is_not_also_a_disallowed_type(base_repo: Path) -> None:
    found = _found(base_repo, "# data/accounts/acme/account.yaml\nowner: delivery\n", "COV001", "COV002", "COV007")
    assert [finding.rule for finding in found] == ["COV002"]
    assert (found[0].line, found[0].column) in _at(base_repo, found[0].path, "owner")


def test_overlay_listed_twice_points_at_the_second_entry(base_repo: Path) -> None:
    block = (
        "# data/accounts/acme/account.yaml\n"
        "overlays: [{team: cloud-solutions, credit_pct: 100}, {team: north-region, credit_pct: 10},"
        " {team: cloud-solutions, credit_pct: 50}]\n"
    )
    found = _found(base_repo, block, "COV003")
    places = [(finding.line, finding.column) for finding in found]
    path = "data/accounts/acme/account.yaml"
    assert len(places) == 2
    assert places[0] in _at(base_repo, path, "overlays.1.team")
    assert places[1] in _at(base_repo, path, "overlays.2.team")
    assert "regional team" in found[0].message
    assert "listed twice" in found[1].message


def test_each_later_named_team_names_the_first_and_lists_its_regions(base_repo: Path) -> None:
    team = (
        "# data/teams/{id}.yaml\n"
        "{{id: {id}, name: {{en: {id}}}, type: government, scope: {{regions: [south, north], domains: [tax]}},\n"
        " lead: {lead}, members: [{{id: {lead}, name: {{en: {lead}}}, roles: [ar]}}], charter: Tax again.}}\n"
    )
    block = team.format(id="tax-two", lead="tia-two") + team.format(id="tax-three", lead="tia-three")
    found = _found(base_repo, block, "COV004")
    assert [finding.path for finding in found] == ["data/teams/tax-three.yaml", "data/teams/tax-two.yaml"]
    for finding in found:
        assert (finding.line, finding.column) in _at(base_repo, finding.path, "scope.domains.0")
        assert "'tax' in south, north, which 'tax-accounts' already covers" in finding.message


def test_government_account_without_domain_points_at_owner(base_repo: Path) -> None:
    found = _found(base_repo, "# data/accounts/acme/account.yaml\nowner: tax-accounts\n", "COV007")
    assert [finding.rule for finding in found] == ["COV007"]
    assert (found[0].line, found[0].column) in _at(base_repo, found[0].path, "owner")
    assert "has no domain" in found[0].message


def test_empty_scope_is_reported_once_not_on_every_account(base_repo: Path) -> None:
    block = "# data/teams/finance-key-accounts.yaml\nscope: {regions: [north, south], industries: []}\n"
    found = _found(base_repo, block, "COV007", "COV008")
    assert [(finding.rule, finding.path) for finding in found] == [("COV008", "data/teams/finance-key-accounts.yaml")]
    assert (found[0].line, found[0].column) in _at(base_repo, found[0].path, "scope.industries")


def test_term_the_taxonomy_lacks_is_left_to_ref003(base_repo: Path) -> None:
    found = _found(base_repo, "# data/accounts/acme/account.yaml\nregion: nort\n", "COV007", "REF003")
    assert [finding.rule for finding in found] == ["REF003"]


def test_rules_scale_linearly_with_accounts(base_repo: Path) -> None:
    playbook = load(base_repo).playbook
    template = playbook.accounts[0].model.model_dump(mode="json")
    for number in range(10_000):
        tier, ar = ("strategic", "amy-ar") if number % 2 else ("key", f"ar-{number // 3}")
        data = {**template, "id": f"a{number}", "tier": tier, "iron_triangle": {"ar": [ar]}}
        account = Account.model_validate(data, strict=False)
        playbook.accounts.append(Sourced(account, Document(f"data/accounts/a{number}/account.yaml", data)))
    started = time.perf_counter()
    found = [finding for code in RULES if code.startswith(FAMILIES) for finding in RULES[code].run(playbook, AS_OF)]
    assert time.perf_counter() - started < 5
    assert sum(finding.rule == "LOAD001" for finding in found) == 5_000
    assert sum(finding.rule == "LOAD003" for finding in found) == 5_000
