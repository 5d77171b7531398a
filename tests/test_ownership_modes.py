"""The two ownership modes: a named-account team owns its customers, or supports the regional owners.

Company B of seed 000 (tests/fixtures/company-b) runs the simplified model everywhere and
must validate clean; company A's model (the base fixture) stays exactly as strict.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from playbook import coverage, repository
from playbook.findings import Finding
from playbook.validation import validate
from tests.conftest import AS_OF
from tests.examples import apply_example, positions

COMPANY_B = Path(__file__).parent / "fixtures" / "company-b"
#: The day the company B fixture describes (its assessments are from October 2026).
B_DAY = date(2026, 11, 23)


@pytest.fixture
def company_b(tmp_path: Path) -> Path:
    return Path(shutil.copytree(COMPANY_B, tmp_path / "company-b"))


def _findings(root: Path, as_of: date = B_DAY) -> list[Finding]:
    return validate(root, as_of).findings


def _of(root: Path, code: str, as_of: date = B_DAY) -> list[Finding]:
    return [finding for finding in _findings(root, as_of) if finding.rule == code]


def _at(root: Path, finding: Finding, path: str, at: tuple[str | int, ...]) -> None:
    assert finding.path == path
    assert (finding.line, finding.column) in positions(root, path, at)


def test_company_b_validates_without_any_finding(company_b: Path) -> None:
    assert _findings(company_b) == []


def test_company_b_coverage_names_the_office_and_the_directorate(company_b: Path) -> None:
    result = coverage.compute(repository.load(company_b).playbook)
    fujian = result.commercial.cell("automotive", "fujian")
    assert (fujian.named_teams, fujian.regional_teams, fujian.supporting_teams) == (
        (),
        ("fujian-office",),
        ("south-key-accounts",),
    )
    assert not fujian.gap and not fujian.overlap
    south = result.commercial.cell("automotive", "south")
    assert south.rolled_up and south.account_count == 1 and south.supporting_teams == ("south-key-accounts",)
    assert result.commercial.regions == ("east", "south", "north")
    assert result.commercial.children["south"] == ("guangdong", "fujian")
    assert result.commercial.children["guangdong"] == ("shenzhen", "guangzhou")
    assert not result.commercial.gaps and not result.commercial.overlaps
    director = next(load for load in result.load if load.person == "lin-nan")
    assert director.accounts == ("minjiang-auto",) and director.supported == ("minjiang-auto",)
    assert not director.under  # standing in: the key-account team's minimum does not apply


def test_the_same_data_with_owning_directorates_is_refused_as_before(company_b: Path) -> None:
    """Company A's model, unchanged: a key-account team as overlay is COV003, its director as AR TRI003."""
    for region in ("east", "south", "north"):
        path = company_b / f"data/teams/{region}-key-accounts.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("ownership: supports", "ownership: owns"))
    found = _findings(company_b)
    overlays = [finding for finding in found if finding.rule == "COV003"]
    assert len(overlays) == 6  # every key account credits its directorate
    assert all("which owns customers and cannot overlay" in finding.message for finding in overlays)
    acting = [finding for finding in found if finding.rule == "TRI004"]
    assert len(acting) == 1 and "does not support regional owners" in acting[0].message


def test_an_owning_key_account_team_as_overlay_is_still_cov003(base_repo: Path) -> None:
    apply_example(
        base_repo,
        "# data/accounts/acme/account.yaml\noverlays:\n  - {team: tax-accounts, credit_pct: 100}\n",
        raw=False,
    )
    (finding,) = _of(base_repo, "COV003", AS_OF)
    _at(base_repo, finding, "data/accounts/acme/account.yaml", ("overlays", 0, "team"))


def test_an_ar_from_another_team_is_still_tri003(base_repo: Path) -> None:
    apply_example(base_repo, "# data/accounts/acme/account.yaml\niron_triangle: {ar: [tom-tax]}\n", raw=False)
    (finding,) = _of(base_repo, "TRI003", AS_OF)
    assert "acting_ar" not in finding.message  # the tax team supports nobody: no stand-in to suggest


def test_a_supporting_team_without_dotted_lines(company_b: Path) -> None:
    office = company_b / "data/teams/fujian-office.yaml"
    office.write_text(office.read_text(encoding="utf-8").replace("    reports_to: {dotted: [lin-nan]}\n", ""))
    (finding,) = _of(company_b, "COV010")
    _at(company_b, finding, "data/teams/south-key-accounts.yaml", ("ownership",))
    assert "'fujian-office'" in finding.message and "lin-nan" in finding.message


def test_an_acting_ar_without_a_reason(company_b: Path) -> None:
    account = company_b / "data/accounts/minjiang-auto/account.yaml"
    text = account.read_text(encoding="utf-8")
    start = text.index("    reason:")
    account.write_text(text[:start] + text[text.index("\n", start) + 1 :])
    (finding,) = [finding for finding in _findings(company_b) if finding.is_error]
    assert finding.rule.startswith("SCH") and "reason" in finding.message
    assert (finding.path, finding.line) == ("data/accounts/minjiang-auto/account.yaml", 17)


def test_an_acting_ar_with_a_blank_reason(company_b: Path) -> None:
    apply_example(
        company_b,
        "# data/accounts/minjiang-auto/account.yaml\nacting_ar:\n  - {person: lin-nan, reason: '   '}\n",
        raw=False,
    )
    (finding,) = _of(company_b, "TRI004")
    _at(company_b, finding, "data/accounts/minjiang-auto/account.yaml", ("acting_ar", 0, "reason"))


def test_an_acting_ar_from_a_team_that_does_not_support_the_region(company_b: Path) -> None:
    apply_example(
        company_b,
        "# data/accounts/minjiang-auto/account.yaml\n"
        "iron_triangle: {ar: [chen-dong]}\n"
        "acting_ar:\n  - {person: chen-dong, reason: Lends a hand from Shanghai}\n"
        "contacts: []\n",
        raw=False,
    )
    (finding,) = _of(company_b, "TRI004")
    _at(company_b, finding, "data/accounts/minjiang-auto/account.yaml", ("acting_ar", 0, "person"))
    assert "'east-key-accounts' does not support 'minjiang-auto'" in finding.message
    assert _of(company_b, "TRI003") == []  # one finding for one mistake


def test_a_stand_in_not_recorded_is_tri003_with_the_way_out(company_b: Path) -> None:
    apply_example(company_b, "# data/accounts/minjiang-auto/account.yaml\nacting_ar: null\n", raw=False)
    (finding,) = _of(company_b, "TRI003")
    assert "record 'lin-nan' under acting_ar" in finding.message


def test_an_acting_record_for_someone_who_is_not_ar(company_b: Path) -> None:
    apply_example(
        company_b,
        "# data/accounts/pengcheng-electronics/account.yaml\nacting_ar:\n  - {person: lin-nan, reason: Helps out}\n",
        raw=False,
    )
    (finding,) = _of(company_b, "TRI004")
    assert "is not under iron_triangle.ar" in finding.message


def test_an_acting_ar_who_is_not_a_person(company_b: Path) -> None:
    apply_example(
        company_b,
        "# data/accounts/minjiang-auto/account.yaml\nacting_ar:\n  - {person: lin-nann, reason: Stands in}\n",
        raw=False,
    )
    (finding,) = _of(company_b, "REF002")
    assert "did you mean 'lin-nan'" in finding.message


def test_a_supporting_team_never_owns(company_b: Path) -> None:
    apply_example(company_b, "# data/accounts/minjiang-auto/account.yaml\nowner: south-key-accounts\n", raw=False)
    (finding,) = _of(company_b, "COV002")
    assert "supports the regional owners and owns no account" in finding.message


def test_a_supporting_team_credited_outside_its_scope(company_b: Path) -> None:
    apply_example(
        company_b,
        "# data/accounts/huangpu-securities/account.yaml\noverlays:\n  - {team: south-key-accounts, credit_pct: 100}\n",
        raw=False,
    )
    (finding,) = _of(company_b, "COV003")
    assert "does not take in 'huangpu-securities'" in finding.message


def test_only_named_account_teams_support(company_b: Path) -> None:
    apply_example(company_b, "# data/teams/fujian-office.yaml\nownership: supports\n", raw=False)
    found = [finding for finding in _findings(company_b) if finding.path == "data/teams/fujian-office.yaml"]
    assert found and found[0].rule.startswith("SCH") and "only key_account and government" in found[0].message


def test_office_sellers_are_spared_the_tier_minimum_but_not_the_maximum(company_b: Path) -> None:
    assert _of(company_b, "LOAD002") == []  # every seller holds one key account; the tier asks 3 to 10
    tiers = company_b / "data/tiers.yaml"
    text = tiers.read_text(encoding="utf-8")
    tiers.write_text(text.replace("accounts_per_ar: {min: 3, max: 10}", "accounts_per_ar: {min: 1, max: 1}"))
    apply_example(
        company_b,
        "# data/accounts/yangcheng-retail/account.yaml\niron_triangle: {ar: [he-yue, deng-peng]}\n",
        raw=False,
    )
    overloaded = _of(company_b, "LOAD001")
    assert {finding.path for finding in overloaded} == {
        "data/accounts/pengcheng-electronics/account.yaml",
        "data/accounts/yangcheng-retail/account.yaml",
    }


def test_without_the_directorate_credited_the_seller_counts_against_the_minimum(company_b: Path) -> None:
    apply_example(
        company_b,
        "# data/accounts/pengcheng-electronics/account.yaml\n"
        "overlays:\n  - {team: solution-department, credit_pct: 100, role: Presales}\n",
        raw=False,
    )
    (finding,) = _of(company_b, "LOAD002")
    assert "'deng-peng' is AR on only 1 key account" in finding.message


def test_supported_ownership_allowed_by_the_tier_needs_a_supporting_team(base_repo: Path) -> None:
    """The sample's mixed model: regional teams own key accounts only where a supporting team covers them."""
    tiers = base_repo / "data/tiers.yaml"
    tiers.write_text(
        tiers.read_text(encoding="utf-8").replace(
            "    owner_team_types: [key_account, government]\n    accounts_per_ar: {min: 1, max: 3}",
            "    owner_team_types: [key_account, government]\n    supported_owner_team_types: [regional]\n"
            "    accounts_per_ar: {min: 1, max: 3}",
        )
    )
    apply_example(
        base_repo,
        "# data/accounts/acme/account.yaml\nowner: north-region\niron_triangle: {ar: [nick-north]}\n"
        "contacts: []\nactions: []\n",
        raw=False,
    )
    (finding,) = _of(base_repo, "COV001", AS_OF)
    assert "only where a supporting named-account team covers the account" in finding.message
    apply_example(
        base_repo,
        "# data/teams/finance-key-accounts.yaml\nownership: supports\n"
        "# data/teams/north-region.yaml\nreports_to: {dotted: [finance-key-accounts]}\n"
        "# data/teams/south-region.yaml\nreports_to: {dotted: [finance-key-accounts]}\n",
        raw=False,
    )
    found = _findings(base_repo, AS_OF)
    assert not [finding for finding in found if finding.rule in ("COV001", "COV009", "COV010")]
    (credit,) = [finding for finding in found if finding.rule == "COV011"]
    assert "does not credit 'finance-key-accounts'" in credit.message


def _site(root: Path, language: str = "en") -> dict[str, str]:
    from playbook.site import account_pages, team_pages
    from playbook.site.context import SiteContext

    playbook = repository.load(root).playbook
    findings = tuple(validate(root, B_DAY).findings)
    context = SiteContext(playbook, findings, "internal", language, B_DAY)  # type: ignore[arg-type]
    return {page.path: page.markdown for page in [*team_pages.pages(context), *account_pages.pages(context)]}


def test_the_pages_say_who_owns_and_who_supports(company_b: Path) -> None:
    apply_example(
        company_b,
        "# data/accounts/minjiang-auto/account.yaml\n"
        "acting_ar:\n  - {person: lin-nan, reason: '<img src=x onerror=alert(1)> no seller yet'}\n",
        raw=False,
    )
    pages = _site(company_b)
    directorate = pages["teams/south-key-accounts.md"]
    assert "- **Ownership:** supports the regional teams that keep the key accounts" in directorate
    assert "## Dotted-line reports from other teams" in directorate
    dotted = directorate[directorate.index("## Dotted-line reports") : directorate.index("## Accounts it supports")]
    assert dotted.count("\n| ") == 2 + 5  # header, rule, and the five office people (Fujian's head included)
    assert "fujian-office.md" in dotted and "lin-nan" not in dotted.split("| --- ")[0]
    assert "## Accounts it supports" in directorate and "## Accounts where it stands in as AR" in directorate
    assert "&lt;img src=x onerror=alert\\(1\\)&gt; no seller yet" in directorate
    assert "<img" not in directorate
    office = pages["teams/fujian-office.md"]
    assert "- **Supported by:** [" in office and "south-key-accounts.md" in office
    account = pages["accounts/minjiang-auto.md"]
    assert "- **Supported by:** [" in account and "(credit 100%)" in account
    assert "(acting AR)" in account and "**Acting AR:**" in account and "<img" not in account
    assert "- **Region:** 福建 \\(Fujian\\), in 华南 \\(South China\\)" in account
    owning = _site(Path(__file__).parent / "fixtures" / "base")["teams/finance-key-accounts.md"]
    assert "- **Ownership:** owns the customers named to it" in owning


def test_an_owning_team_beside_a_supporting_team_on_the_same_market_overlaps(company_b: Path) -> None:
    (company_b / "data/teams/finance-ka.yaml").write_text(
        "id: finance-ka\nname: {en: Finance Key Accounts}\ntype: key_account\n"
        "scope: {regions: [shanghai], industries: [finance]}\nlead: fin-lead\n"
        "members:\n  - {id: fin-lead, name: {en: Fin Lead}, roles: [ar]}\ncharter: Owns the named financial firms.\n",
        encoding="utf-8",
    )
    (finding,) = _of(company_b, "COV012")
    assert finding.path == "data/teams/finance-ka.yaml"
    assert (
        "key-account team 'finance-ka' covers 'shanghai' for 'finance', which lies in 'east' that 'east-key-accounts'"
        " covers: both cover 'shanghai'" in finding.message
    )
    cell = coverage.compute(repository.load(company_b).playbook).commercial.cell("finance", "shanghai")
    assert cell.overlap and cell.named_teams == ("finance-ka",) and cell.supporting_teams == ("east-key-accounts",)
    assert not _of(company_b, "COV009")  # company B's key tier lets no key-account team own: the office keeps it


def test_a_stand_in_only_on_an_account_a_regional_team_owns(base_repo: Path) -> None:
    apply_example(
        base_repo,
        "# data/teams/tax-accounts.yaml\nownership: supports\nscope: {regions: [north, south], domains: [tax]}\n"
        "# data/accounts/acme/account.yaml\ndomain: tax\niron_triangle: {ar: [tom-tax]}\n"
        "acting_ar:\n  - {person: tom-tax, reason: Knows the tax bureau}\n",
        raw=False,
    )
    (finding,) = _of(base_repo, "TRI004", AS_OF)
    assert "only an account a regional team owns takes a stand-in" in finding.message


def test_the_load_table_marks_the_simplified_model_as_spared(company_b: Path) -> None:
    from playbook.site import coverage_page
    from playbook.site.context import SiteContext
    from playbook.site.directory import Directory

    playbook = repository.load(company_b).playbook
    markdown = coverage_page.page(SiteContext(playbook, (), "internal", "en", B_DAY), Directory(playbook)).markdown
    rows = [line for line in markdown.splitlines() if "](people/" in line and "| 3 to 10 |" in line]
    assert len(rows) == 6 and all("held in the simplified model" in line and "{: .pb-spared }" in line for line in rows)


def test_a_government_team_can_support_too(base_repo: Path) -> None:
    """The same model by domain: the tax authorities stay with the regions, a government team supports."""
    tiers = base_repo / "data/tiers.yaml"
    tiers.write_text(
        tiers.read_text(encoding="utf-8").replace(
            "    owner_team_types: [key_account, government]\n    accounts_per_ar: {min: 1, max: 3}",
            "    owner_team_types: [key_account, government]\n    supported_owner_team_types: [regional]\n"
            "    accounts_per_ar: {min: 1, max: 3}",
        )
    )
    apply_example(
        base_repo,
        "# data/teams/tax-accounts.yaml\nownership: supports\n"
        "# data/teams/north-region.yaml\nreports_to: {dotted: [tax-accounts]}\n"
        "# data/teams/south-region.yaml\nreports_to: {dotted: [tax-accounts]}\n"
        "# data/accounts/acme/account.yaml\nindustry: energy\ndomain: tax\nowner: north-region\n"
        "overlays:\n  - {team: tax-accounts, credit_pct: 100, role: Tax director}\n"
        "iron_triangle: {ar: [tom-tax], sr: [sam-sr], fr: [fay-fr]}\n"
        "acting_ar:\n  - {person: tom-tax, reason: The north office has no seller for tax bureaus}\n"
        "contacts:\n  - {id: zhao-lei, name: {zh: 赵雷}, title: Director, buying_role: eb, owner: tom-tax,"
        " backup: sam-sr}\n"
        "actions: []\n",
        raw=False,
    )
    coverage_codes = {finding.rule for finding in _findings(base_repo, AS_OF)} & {
        "COV001", "COV002", "COV003", "COV007", "COV009", "COV010", "COV011", "TRI003", "TRI004", "LOAD002"
    }  # fmt: skip
    assert coverage_codes == set()
    cell = coverage.compute(repository.load(base_repo).playbook).government.cell("tax", "north")
    assert cell.supporting_teams == ("tax-accounts",) and cell.regional_teams == ("north-region",)


def test_the_matrix_page_opens_every_level(company_b: Path, tmp_path: Path) -> None:
    """South China opens into Guangdong and Fujian, and Guangdong, inside it, into its two cities."""
    from playbook.site import coverage_page
    from playbook.site.context import SiteContext
    from playbook.site.directory import Directory

    playbook = repository.load(company_b).playbook
    markdown = coverage_page.page(SiteContext(playbook, (), "internal", "en", B_DAY), Directory(playbook)).markdown
    assert '\n??? note "华南 \\(South China\\): the 2 regions below it"\n' in markdown
    assert '\n    ??? note "广东 \\(Guangdong\\): the 2 regions below it"\n' in markdown
    assert "\n        | Industry | 深圳 \\(Shenzhen\\) | 广州 \\(Guangzhou\\) |\n" in markdown


def test_an_acting_ar_recorded_twice(company_b: Path) -> None:
    apply_example(
        company_b,
        "# data/accounts/minjiang-auto/account.yaml\nacting_ar:\n"
        "  - {person: lin-nan, reason: No seller in Fujian}\n  - {person: lin-nan, reason: Still none}\n",
        raw=False,
    )
    (finding,) = _of(company_b, "TRI004")
    _at(company_b, finding, "data/accounts/minjiang-auto/account.yaml", ("acting_ar", 1, "person"))
    assert "recorded twice" in finding.message
