"""`playbook new region|industry|domain`, `new team --lead`, `scope` and `move --person` on git repositories."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.gitrepo import commit_all, git
from tests.test_edit_commands import changed, errors, gate, run, sample, snapshot

__all__ = ["sample"]  # the fixture: a git repository of the sample playbook


def clean(root: Path) -> bool:
    """Nothing written: the repository is as committed."""
    return git(root, "status", "--porcelain", "--untracked-files=all") == ""


# --- new region | industry | domain -------------------------------------------------------------


def test_a_region_goes_after_the_regions_below_its_parent(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(sample)
    code, out, err = run(
        sample, capsys, "new", "region", "tibet", "--parent", "northwest", "--zh", "西藏", "--en", "Tibet"
    )
    assert code == 0, out + err
    after = snapshot(sample)
    assert changed(before, after) == {"data/taxonomy.yaml"}
    text = after["data/taxonomy.yaml"].decode("utf-8")
    assert (
        "    parent: northwest\n  - id: tibet\n    name: {zh: 西藏, en: Tibet}\n    parent: northwest\n"
        "  - id: hk-macao\n" in text
    )
    assert before["data/taxonomy.yaml"].decode("utf-8") == text.replace(
        "  - id: tibet\n    name: {zh: 西藏, en: Tibet}\n    parent: northwest\n", ""
    )
    assert errors(sample, capsys) == 0
    _, diff = gate(sample, capsys)
    assert {"vocabulary": "region", "term": "tibet", "change": "added", "detail": ""} in diff["term_changes"]


@pytest.mark.parametrize(
    ("kind", "identifier", "listed"), [("industry", "retail", "industries"), ("domain", "audit", "government_domains")]
)
def test_an_industry_or_domain_goes_at_the_end(
    kind: str, identifier: str, listed: str, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        sample, capsys, "new", kind, identifier, "--en", "A Name: With Colon", "--description", "What, it covers"
    )
    assert code == 0, out + err
    from playbook.edit.files import data_of

    data = data_of(sample, "data/taxonomy.yaml")
    assert data[listed][-1] == {
        "id": identifier,
        "name": {"en": "A Name: With Colon"},
        "description": "What, it covers",
    }
    assert '    name: {en: "A Name: With Colon"}\n' in (sample / "data/taxonomy.yaml").read_text(encoding="utf-8")


def test_dry_run_of_a_new_region_writes_nothing(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(sample, capsys, "new", "region", "east-jiangsu", "--parent", "east", "--en", "Jiangsu", "--dry-run")
    assert "+  - id: east-jiangsu\n" in out and "dry run: nothing written" in out
    assert clean(sample)


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (
            ["new", "region", "tibet", "--parent", "nortwest", "--en", "Tibet"],
            "no region 'nortwest'; did you mean 'northwest'?",
        ),
        (["new", "region", "east", "--en", "East"], "there is already a region 'east'"),
        (["new", "industry", "north", "--en", "North"], "there is already a region 'north'"),
        (["new", "region", "tibet"], "a term needs a name"),
        (["new", "industry", "retail", "--parent", "east", "--en", "Retail"], "only regions have a parent"),
        (["new", "region", "Tibet!", "--en", "Tibet"], "not a valid id"),
        (["new", "region", "tibet", "--parent", "tibet", "--en", "Tibet"], "no region 'tibet'"),
        (["new", "account", "acme", "--parent", "east"], "--parent is not for 'new account'"),
    ],
)
def test_bad_terms_exit_2_and_write_nothing(
    words: list[str], said: str, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(sample, capsys, *words)
    assert code == 2 and said in err and "Traceback" not in err
    assert clean(sample)


def test_a_new_region_keeps_comments_crlf_and_the_byte_order_mark(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taxonomy = sample / "data/taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    text = text.replace("  - id: south\n", "  # South China, after the split\n  - id: south   # keep me\n", 1)
    taxonomy.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    commit_all(sample, "crlf")
    code, out, err = run(sample, capsys, "new", "region", "east-jiangsu", "--parent", "east", "--en", "Jiangsu")
    assert code == 0, out + err
    raw = taxonomy.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n")
    assert (
        "  - id: east-jiangsu\r\n    name: {en: Jiangsu}\r\n    parent: east\r\n"
        "  # South China, after the split\r\n  - id: south   # keep me\r\n" in raw.decode("utf-8")
    )


def test_a_flow_list_of_terms_is_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = sample / "data/taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    start = text.index("government_domains:\n")
    end = text.index("\nstages:")
    taxonomy.write_text(
        text[:start] + "government_domains: [{id: tax, name: {en: Tax}}]" + text[end:], encoding="utf-8"
    )
    commit_all(sample, "flow")
    code, _, err = run(sample, capsys, "new", "domain", "audit", "--en", "Audit")
    assert code == 1 and "flow style" in err and "nothing written" in err
    assert clean(sample)


# --- reparent -------------------------------------------------------------------------------------


def test_a_region_changes_parent(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(sample, capsys, "new", "region", "tibet", "--parent", "northwest", "--en", "Tibet")[0] == 0
    commit_all(sample, "tibet")
    code, out, err = run(sample, capsys, "reparent", "tibet", "southwest")
    assert code == 0 and "region tibet lies in southwest (was in northwest)" in out, out + err
    text = (sample / "data/taxonomy.yaml").read_text(encoding="utf-8")
    assert "  - id: tibet\n    name: {en: Tibet}\n    parent: southwest\n" in text
    assert errors(sample, capsys) == 0
    _, diff = gate(sample, capsys)
    assert [change["change"] for change in diff["term_changes"] if change["term"] == "tibet"] == ["re-parented"]


def test_a_region_goes_back_to_the_top_level(
    sample: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(sample, capsys, "new", "region", "tibet", "--parent", "northwest", "--en", "Tibet")[0] == 0
    commit_all(sample, "tibet")
    before = snapshot(sample)
    code, out, err = run(sample, capsys, "reparent", "tibet", "--top")
    assert code == 1 and "COV006 no regional team covers region 'tibet'" in out, out + err  # on top, uncovered
    monkeypatch.setattr("sys.stdin", io.StringIO("reparent tibet --top\nscope northwest-region --add tibet\n"))
    code, out, err = run(sample, capsys, "change", "-")
    assert code == 0 and "region tibet is a top-level region (was in northwest)" in out, out + err
    after = snapshot(sample)
    assert changed(before, after) == {"data/taxonomy.yaml", "data/teams/northwest-region.yaml"}
    assert after["data/taxonomy.yaml"] == before["data/taxonomy.yaml"].replace(
        b"  - id: tibet\n    name: {en: Tibet}\n    parent: northwest\n", b"  - id: tibet\n    name: {en: Tibet}\n"
    )
    assert errors(sample, capsys) == 0
    _, diff = gate(sample, capsys)
    assert [change["change"] for change in diff["term_changes"] if change["term"] == "tibet"] == ["re-parented"]


def test_a_parent_line_with_a_comment_is_left_to_a_person(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = sample / "data/taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(text.replace("    parent: northwest\n", "    parent: northwest  # since 2024\n", 1), "utf-8")
    commit_all(sample, "a comment")
    code, _, err = run(sample, capsys, "reparent", "shaanxi", "--top")
    assert code == 2 and "carries a comment: take it out by hand" in err
    assert clean(sample)


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["reparent", "northwest", "shaanxi"], "'shaanxi' lies in 'northwest' (shaanxi in northwest)"),
        (["reparent", "shaanxi", "shaanxi"], "'shaanxi' cannot lie in itself"),
        (["reparent", "shaanxi", "nortwest"], "no region 'nortwest'; did you mean 'northwest'?"),
        (["reparent", "atlantis", "north"], "no region 'atlantis'"),
        (["reparent", "shaanxi"], "name the PARENT the region lies in, or --top for none"),
        (["reparent", "shaanxi", "north", "--top"], "name the PARENT the region lies in, or --top for none"),
    ],
)
def test_bad_parents_exit_2(words: list[str], said: str, sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(sample, capsys, *words)
    assert code == 2 and said in err and "Traceback" not in err
    assert clean(sample)


# --- scope ----------------------------------------------------------------------------------------


def test_scope_gained_and_lost_in_the_gate(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(sample)
    code, out, err = run(sample, capsys, "scope", "energy-ka", "insurance-securities-ka", "--add", "hk-macao")
    assert code == 0 and "scope of energy-ka: +hk-macao" in out and "insurance-securities-ka" not in out, out + err
    code, out, err = run(sample, capsys, "scope", "telecom-ka", "--remove", "north")
    assert code == 0, out + err
    after = snapshot(sample)
    assert changed(before, after) == {"data/teams/energy-ka.yaml", "data/teams/telecom-ka.yaml"}
    assert after["data/teams/telecom-ka.yaml"] == before["data/teams/telecom-ka.yaml"].replace(
        b"  regions: [north, northeast, east, south, central, southwest, hk-macao]\n",
        b"  regions: [northeast, east, south, central, southwest, hk-macao]\n",
    )
    assert errors(sample, capsys) == 0
    _, diff = gate(sample, capsys)
    assert diff["scope_changes"] == [
        {"team": "energy-ka", "what": "regions", "gained": ["hk-macao"], "lost": []},
        {"team": "telecom-ka", "what": "regions", "gained": [], "lost": ["north"]},
    ]


def test_scope_that_strands_accounts_is_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(sample, capsys, "scope", "banking-ka", "--remove", "east")
    assert code == 1 and "refused" in err and "COV007" in out
    assert clean(sample)


def test_scope_tells_kinds_apart(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = sample / "data/taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(
        text.replace("industries:\n", "industries:\n  - id: north\n    name: {en: Northern things}\n", 1),
        encoding="utf-8",
    )
    commit_all(sample, "a shared id")
    code, _, err = run(sample, capsys, "scope", "banking-ka", "--add", "north")
    assert code == 2 and "'north' is both a region and an industry: write region:north or industry:north" in err
    code, out, err = run(sample, capsys, "scope", "banking-ka", "--add", "industry:north", "--dry-run")
    assert code == 0 and "-  industries: [banking]\n+  industries: [banking, north]\n" in out, out + err
    assert clean(sample)


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["scope", "banking", "--add", "east"], "there is no team 'banking'"),
        (["scope", "banking-ka", "--add", "esat"], "did you mean 'east'?"),
        (["scope", "banking-ka"], "say what changes"),
        (["scope", "banking-ka", "--add", "east", "--remove", "east"], "both added and removed"),
        (["scope", "banking-ka", "--add", "tier:east"], "the kind is region, industry or domain"),
    ],
)
def test_bad_scopes_exit_2(words: list[str], said: str, sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(sample, capsys, *words)
    assert code == 2 and said in err
    assert clean(sample)


# --- move --person --------------------------------------------------------------------------------


def test_a_person_moves_with_their_comments(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    east = sample / "data/teams/east-region.yaml"
    text = east.read_text(encoding="utf-8")
    text = text.replace("  - id: xie-ting\n", "  # Xie Ting joined in 2024\n  - id: xie-ting   # Zhejiang\n", 1)
    text = text.replace(
        "    title: Account Manager, Zhejiang & Fujian\n",
        "    title: Account Manager, Zhejiang & Fujian\n    # a comment\tbetween keys\n",
        1,
    )
    text = text.replace("  - id: ren-jiayi\n", "  # presales, shared\n  - id: ren-jiayi\n", 1)
    east.write_text(text, encoding="utf-8")
    commit_all(sample, "comments")
    before = snapshot(sample)
    code, out, err = run(sample, capsys, "move", "--person", "xie-ting", "--to", "north-region")
    assert code == 0, out + err
    after = snapshot(sample)
    assert changed(before, after) == {"data/teams/east-region.yaml", "data/teams/north-region.yaml"}
    north = after["data/teams/north-region.yaml"].decode("utf-8")
    assert (
        "  # Xie Ting joined in 2024\n  - id: xie-ting   # Zhejiang\n    name: {zh: 谢婷, en: Xie Ting}\n"
        "    title: Account Manager, Zhejiang & Fujian\n    # a comment\tbetween keys\n    roles: [ar]\n"
        "    reports_to: {solid: zhang-guoqiang}\ncharter:"
    ) in north
    east_after = after["data/teams/east-region.yaml"].decode("utf-8")
    assert "xie-ting" not in east_after and "  # presales, shared\n  - id: ren-jiayi\n" in east_after
    assert errors(sample, capsys) == 0
    _, diff = gate(sample, capsys)
    assert diff["people_moved"] == [{"person": "xie-ting", "before": "east-region", "after": "north-region"}]


def test_a_person_who_leads_the_team_they_join(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(sample, capsys, "move", "--person", "xie-ting", "--to", "north-region", "--lead")
    assert code == 0, out + err
    north = (sample / "data/teams/north-region.yaml").read_text(encoding="utf-8")
    assert "lead: xie-ting\n" in north
    assert '    reports_to: {solid: xie-ting}\n    handle: "@zhang-guoqiang"' in north  # the former lead
    assert "    roles: [ar]\n    reports_to: {solid: zhou-zhenhua}\n" in north.split("- id: xie-ting")[1]
    assert errors(sample, capsys) == 0


def test_a_lead_leaves_only_with_a_successor(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(sample, capsys, "move", "--person", "lin-shuhua", "--to", "north-region")
    assert code == 2 and "lin-shuhua leads east-region: name who leads it from now on with --new-lead PERSON" in err
    assert clean(sample)
    code, out, err = run(
        sample, capsys, "move", "--person", "lin-shuhua", "--to", "north-region", "--new-lead", "xie-ting", "--dry-run"
    )
    assert "-lead: lin-shuhua\n+lead: xie-ting\n" in out
    assert "chen-hao reports to xie-ting (was lin-shuhua)" in out
    assert "xie-ting reports to zhou-zhenhua (was lin-shuhua)" in out
    assert clean(sample)


def test_a_move_that_strands_accounts_is_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(sample, capsys, "move", "--person", "chen-hao", "--to", "north-region")
    assert code == 1 and "TRI003" in out and "nothing written" in err
    assert clean(sample)


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["move", "--person", "xie-tin", "--to", "north-region"], "no person 'xie-tin'; did you mean 'xie-ting'?"),
        (["move", "--person", "xie-ting", "--to", "north-regoin"], "no team 'north-regoin'"),
        (["move", "--person", "xie-ting", "--to", "east-region"], "xie-ting is on east-region already"),
        (
            ["move", "--person", "xie-ting", "--to", "north-region", "--reports-to", "xie-ting"],
            "cannot report to themselves",
        ),
        (
            ["move", "--person", "xie-ting", "--to", "north-region", "--new-lead", "chen-hao"],
            "does not lead east-region",
        ),
        (
            ["move", "--person", "lin-shuhua", "--to", "north-region", "--new-lead", "wang-li"],
            "must be another of its members",
        ),
        (["move", "bashu-bank", "--person", "xie-ting", "--to", "north-region"], "not both"),
        (["move", "--person", "xie-ting", "--to", "north-region", "--ar", "wang-li"], "--ar is for moving accounts"),
        (["move", "bashu-bank", "--to", "north-region", "--lead"], "--lead is for moving a person"),
        (["move", "--to", "north-region"], "name the accounts to move, or --person"),
    ],
)
def test_bad_person_moves_exit_2(words: list[str], said: str, sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(sample, capsys, *words)
    assert code == 2 and said in err and "Traceback" not in err
    assert clean(sample)


def test_a_person_moves_between_crlf_and_lf_files(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    east = sample / "data/teams/east-region.yaml"
    east.write_bytes(b"\xef\xbb\xbf" + east.read_bytes().replace(b"\n", b"\r\n"))
    commit_all(sample, "crlf")
    code, out, err = run(sample, capsys, "move", "--person", "xie-ting", "--to", "north-region")
    assert code == 0, out + err
    raw = east.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n") and b"xie-ting" not in raw
    north = (sample / "data/teams/north-region.yaml").read_bytes()
    assert b"\r" not in north and b"  - id: xie-ting\n" in north


def test_an_entry_another_one_refers_to_by_alias_is_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    east = sample / "data/teams/east-region.yaml"
    text = east.read_text(encoding="utf-8")
    text = text.replace("Jiangsu & Shanghai\n    roles: [ar]\n", "Jiangsu & Shanghai\n    roles: &seller [ar]\n", 1)
    text = text.replace("Zhejiang & Fujian\n    roles: [ar]\n", "Zhejiang & Fujian\n    roles: *seller\n", 1)
    east.write_text(text, encoding="utf-8")
    commit_all(sample, "an anchor")
    code, _, err = run(sample, capsys, "move", "--person", "xie-ting", "--to", "north-region")
    assert code == 1 and "data/teams/north-region.yaml: cannot be written back" in err and "nothing written" in err
    assert clean(sample)


def test_the_last_member_cannot_leave(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        sample,
        capsys,
        "new",
        "team",
        "east-jiangsu-region",
        "--scope",
        "east",
        "--lead",
        "xie-ting",
        "--en",
        "J",
        "--force",
    )
    assert "wrote 3 file(s)" in out, out + err
    code, _, err = run(sample, capsys, "move", "--person", "xie-ting", "--to", "north-region", "--new-lead", "xie-ting")
    assert code == 2 and "only member of east-jiangsu-region" in err


# --- new team --lead ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["new", "team", "east-region", "--lead", "xie-ting", "--en", "E"], "there is already a team 'east-region'"),
        (["new", "team", "jiangsu", "--lead", "nobody", "--en", "J"], "no person 'nobody'"),
        (["new", "team", "jiangsu", "--lead", "xie-ting"], "a team needs a name"),
        (
            ["new", "team", "jiangsu", "--lead", "xie-ting", "--en", "J", "--scope", "atlantis"],
            "no region, industry or domain 'atlantis'",
        ),
        (["new", "team", "jiangsu", "--scope", "east"], "--scope goes with --lead PERSON"),
    ],
)
def test_bad_new_teams_exit_2(words: list[str], said: str, sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(sample, capsys, *words)
    assert code == 2 and said in err, err
    assert clean(sample)


def test_dry_run_of_a_new_team_writes_nothing(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        sample,
        capsys,
        "new",
        "team",
        "zhejiang",
        "--lead",
        "xie-ting",
        "--en",
        "Zhejiang",
        "--charter",
        "Sells: to Zhejiang",
        "--dry-run",
    )
    assert "+++ b/data/teams/zhejiang.yaml\n" in out and '+charter: "Sells: to Zhejiang"\n' in out
    assert clean(sample)


# --- rename follows acting_ar ---------------------------------------------------------------------


def test_rename_follows_acting_ar(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(sample, capsys, "rename", "person", "ma-jun", "ma-jun-nw")
    assert code == 0, out + err
    text = (sample / "data/accounts/qilian-new-energy/account.yaml").read_text(encoding="utf-8")
    assert "  - person: ma-jun-nw\n" in text
    assert errors(sample, capsys) == 0
