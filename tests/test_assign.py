"""playbook assign: owners, tiers and flags of the customers of a CRM extract, on small extracts."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import duckdb
import pytest

from playbook.cli import main

HEADER = "crm_id,name,region,industry,domain,owner,annual-revenue\n"
ROWS = [
    "A-1,Acme Bank,north,banking,,Amy Chen,120",  # named, by its crm_id; the owner is on the team
    "C-2,北方小贷,北区,银行,,Nick North,10",  # regional default, Chinese spellings
    "C-3,South Power,South,Energy,,Nick North,10",  # regional, but the CRM names a north-region person
    "C-4,Big South Bank,south,banking,,,60",  # meets the key tier's criteria, not named: a candidate
    "C-5,Mars Bank,Mars,banking,,,1",  # a region the taxonomy does not know: unknown, and no owner
    "C-6,North Shop,north,Retail,,,1",  # an unknown industry; the region still gives an owner
    "C-7,Nowhere Co,,banking,,,1",  # no region at all: no owner
    "C-8,North Tax Office,north,banking,税务,sue-south,",  # a government domain; the owner is another team's
]


def write(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8") -> Path:
    path.write_bytes((header + "".join(row + "\n" for row in rows)).encode(encoding))
    return path


def run(repo: Path, *args: str) -> int:
    return main(["--root", str(repo), "assign", *args])


@pytest.fixture
def repo(base_repo: Path) -> Path:
    account = base_repo / "data/accounts/acme/account.yaml"
    text = account.read_text(encoding="utf-8").replace(
        "owner: finance-key-accounts", "crm_id: A-1\nowner: finance-key-accounts"
    )
    account.write_text(text, encoding="utf-8")
    return base_repo


def summary_of(repo: Path, extract: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = run(repo, str(extract), "--format", "json", *args)
    return code, json.loads(capsys.readouterr().out)


def rows_of(repo: Path, extract: Path, tmp_path: Path, *args: str) -> dict[str, dict]:
    out = tmp_path / "rows.parquet"
    run(repo, str(extract), "--out", str(out), *args)
    relation = duckdb.connect().execute(f"SELECT * FROM read_parquet('{out}')")
    names = [d[0] for d in relation.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in relation.fetchall()}


def test_every_row_gets_its_owner_how_and_flags(repo: Path, tmp_path: Path) -> None:
    rows = rows_of(repo, write(tmp_path / "crm.csv", ROWS), tmp_path)
    assert (rows["A-1"]["team"], rows["A-1"]["how"], rows["A-1"]["account"]) == (
        "finance-key-accounts",
        "named",
        "acme",
    )
    assert rows["A-1"]["tier"] == "key" and not rows["A-1"]["conflict"] and not rows["A-1"]["candidate"]
    assert (rows["C-2"]["team"], rows["C-2"]["how"], rows["C-2"]["region_id"]) == ("north-region", "regional", "north")
    assert rows["C-2"]["industry_id"] == "banking" and not rows["C-2"]["conflict"]
    assert rows["C-3"]["team"] == "south-region" and rows["C-3"]["conflict"]
    assert rows["C-4"]["candidate"] and rows["C-4"]["tier"] == "key" and rows["C-4"]["how"] == "regional"
    assert (
        rows["C-5"]["gap"] and rows["C-5"]["unknown"] and rows["C-5"]["how"] == "none" and rows["C-5"]["team"] is None
    )
    assert rows["C-6"]["unknown"] and not rows["C-6"]["gap"] and rows["C-6"]["team"] == "north-region"
    assert rows["C-7"]["gap"] and not rows["C-7"]["unknown"]
    assert rows["C-8"]["domain_id"] == "tax" and rows["C-8"]["conflict"] and rows["C-8"]["tier"] == "smb"


def test_summary_by_team_and_cell(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, summary = summary_of(repo, write(tmp_path / "crm.csv", ROWS), capsys)
    assert code == 1  # two customers have no owner
    assert (summary["customers"], summary["named"], summary["regional"], summary["gaps"]) == (8, 1, 5, 2)
    assert (summary["conflicts"], summary["candidates"], summary["unknown"]) == (2, 1, 2)
    teams = {team["team"]: team for team in summary["teams"]}
    assert teams["north-region"]["customers"] == 3 and teams["south-region"]["conflicts"] == 1
    assert teams["finance-key-accounts"]["named"] == 1
    cells = {(c["kind"], c["row"], c["region"]): c for c in summary["cells"]}
    assert cells[("industry", "banking", "south")]["candidates"] == 1
    assert cells[("industry", "banking", None)]["gaps"] == 2
    assert cells[("domain", "tax", "north")]["conflicts"] == 1
    assert {(u["column"], u["value"]) for u in summary["unknown_values"]} == {
        ("region", "Mars"),
        ("industry", "Retail"),
    }
    assert summary["missing"] == [] and summary["tiers"] == {"key": 2, "smb": 6}


def test_every_customer_owned_exits_0(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, str(write(tmp_path / "crm.csv", ROWS[:4]))) == 0
    out = capsys.readouterr().out
    assert out.startswith("crm.csv: 4 customers: 1 named, 3 by regional default, 0 with no owner")
    assert "north-region" in out and "(no owner)" in out


def test_named_accounts_missing_from_the_extract(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, summary = summary_of(repo, write(tmp_path / "crm.csv", ROWS[1:3]), capsys)
    assert code == 0
    assert summary["missing"] == [{"account": "acme", "crm_id": "A-1", "team": "finance-key-accounts"}]


def test_aliases_map_the_crm_spellings(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = repo / "data/taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8").replace(
        "{id: south, name: {en: South, zh: 南区}}", "{id: south, name: {en: South, zh: 南区}, aliases: [华南, 广东省]}"
    )
    taxonomy.write_text(text, encoding="utf-8")
    rows = ["C-1,a, 广东省 ,banking,,,1", "C-2,b,华南,banking,,,1", "C-3,c,GUANGDONG省,banking,,,1"]
    code, summary = summary_of(repo, write(tmp_path / "crm.csv", rows), capsys)
    assert summary["regional"] == 2 and summary["unknown"] == 1 and code == 1
    assert summary["unknown_values"] == [{"column": "region", "value": "GUANGDONG省", "customers": 1}]


def test_regional_default_rolls_up_the_region_hierarchy(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taxonomy = repo / "data/taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8").replace(
        "  - {id: south, name: {en: South, zh: 南区}}\n",
        "  - {id: south, name: {en: South, zh: 南区}}\n"
        "  - {id: guangdong, name: {zh: 广东}, parent: south}\n"
        "  - {id: shenzhen, name: {zh: 深圳}, parent: guangdong}\n",
    )
    taxonomy.write_text(text, encoding="utf-8")
    rows = rows_of(repo, write(tmp_path / "crm.csv", ["C-1,a,深圳,banking,,,1", "C-2,b,广东,energy,,,1"]), tmp_path)
    assert (rows["C-1"]["region_id"], rows["C-1"]["team"], rows["C-1"]["how"]) == (
        "shenzhen",
        "south-region",
        "regional",
    )
    assert rows["C-2"]["team"] == "south-region"


def test_mapping_names_the_columns_and_their_units(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "playbook.yaml").write_text(
        "crm:\n"
        "  columns: {id: 客户编号, name: 客户名称, region: 区域, industry: 行业, owner: 客户经理}\n"
        "  metrics:\n"
        "    annual-revenue: {column: 年收入, unit: 万元}\n",
        encoding="utf-8",
    )
    header = "客户编号,客户名称,区域,行业,客户经理,年收入\n"
    # The metric is in 100m (亿); plain numbers in the column are in 万元.
    rows = ['A-1,艾克美,北区,银行,陈艾米,"1,300,000"', "C-2,b,南区,银行,,500000", "C-3,c,南区,能源,,10亿"]
    extract = write(tmp_path / "crm.csv", rows, header=header)
    result = rows_of(repo, extract, tmp_path)
    assert result["A-1"]["annual-revenue"] == pytest.approx(130) and result["A-1"]["tier"] == "key"
    assert not result["A-1"]["conflict"]  # 陈艾米 is Amy Chen's Chinese name
    assert result["C-2"]["annual-revenue"] == pytest.approx(50) and result["C-2"]["candidate"]
    assert result["C-3"]["annual-revenue"] == pytest.approx(10) and result["C-3"]["tier"] == "smb"
    assert "note: no domain column" in capsys.readouterr().err


def test_defaults_find_columns_in_any_case_and_with_underscores(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "CRM_ID,Name,Region,Industry,Annual_Revenue\n"
    code, summary = summary_of(repo, write(tmp_path / "crm.csv", ["C-1,a,north,banking,60"], header=header), capsys)
    assert code == 0 and summary["candidates"] == 1
    assert "no owner column: conflicts with the CRM's owners are not checked" in summary["notes"]


@pytest.mark.parametrize(
    ("settings", "header", "expected"),
    [
        (None, "id,region,industry\n", "no column 'crm_id'"),
        ("crm:\n  columns: {region: Regoin}\n", HEADER.replace("region", "Region"), "did you mean 'Region'?"),
        ("crm:\n  metrics: {annual-revenu: rev}\n", HEADER, "did you mean 'annual-revenue'?"),
        ("crm:\n  metrics: {annual-revenue: {column: rev, unit: 万元}}\n", HEADER, "no column 'rev'"),
    ],
)
def test_a_missing_or_misspelled_column_names_the_mapping_key(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: str | None, header: str, expected: str
) -> None:
    if settings:
        (repo / "playbook.yaml").write_text(settings, encoding="utf-8")
    assert run(repo, str(write(tmp_path / "crm.csv", ROWS[:1], header=header))) == 2
    err = capsys.readouterr().err
    assert expected in err and "playbook.yaml" in err and "Traceback" not in err


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-8"])
def test_encodings_are_detected(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    extract = write(tmp_path / "crm.csv", ROWS[1:2], encoding=encoding)
    code, summary = summary_of(repo, extract, capsys)
    assert code == 0 and summary["regional"] == 1 and summary["unknown"] == 0


def test_encoding_can_be_given(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extract = write(tmp_path / "crm.csv", ROWS[1:2], encoding="utf-16-le")  # no byte-order mark: not detected
    code, summary = summary_of(repo, extract, capsys, "--encoding", "utf-16-le")
    assert code == 0 and summary["regional"] == 1
    assert run(repo, str(extract), "--encoding", "klingon") == 2
    assert "not an encoding" in capsys.readouterr().err


def test_a_file_in_the_wrong_encoding_names_the_line(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extract = write(tmp_path / "crm.csv", ROWS[1:2], encoding="gb18030")
    assert run(repo, str(extract), "--encoding", "utf-8") == 1
    assert "line 2 is not utf-8" in capsys.readouterr().err


def test_duplicate_crm_ids_are_named(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, str(write(tmp_path / "crm.csv", [*ROWS[:4], ROWS[2]]))) == 1
    err = capsys.readouterr().err
    assert "2 rows whose CRM id" in err and "'C-3' (2 rows)" in err


def test_rows_without_a_crm_id(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, str(write(tmp_path / "crm.csv", [*ROWS[:2], ",x,north,banking,,,1"]))) == 1
    assert "1 rows without a CRM id" in capsys.readouterr().err


def test_crm_ids_are_compared_trimmed(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # ' A-1' is the named account's id with a space, '\u3000C-2' the other row's with an ideographic space.
    rows = [" A-1,Acme Bank,north,banking,,Amy Chen,120", "C-2,x,north,banking,,,1", "\u3000C-2\t,y,north,banking,,,1"]
    extract = write(tmp_path / "crm.csv", rows)
    assert run(repo, str(extract)) == 1
    err = capsys.readouterr().err
    assert "2 rows whose CRM id" in err and "'C-2' (2 rows)" in err
    code, summary = summary_of(repo, extract, capsys)
    assert code == 1 and summary["named"] == 1 and summary["missing"] == []


def test_a_cell_that_is_not_a_number_in_a_row_without_a_crm_id(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(repo, str(write(tmp_path / "crm.csv", [*ROWS[:2], ",x,north,banking,,,12abc"]))) == 1
    err = capsys.readouterr().err
    assert "1 rows without a CRM id" in err
    assert '1 rows whose "annual-revenue" is not a number' in err and "'12abc' (no CRM id)" in err


def test_rule_tables_reach_duckdb_as_they_are() -> None:
    from playbook.assign.assignment import load_group_tables, load_pass_tables
    from playbook.assign.tables import RuleTables, TierRule

    tables = RuleTables(
        terms=(("region", "", "r-0"), ("region", "north", "r-1"), ("region", "a\x1fb", "r-2")),
        region_teams=(),
        named=(("N-1", "acme", "finance", "key"),),
        owners=(("amy", "finance"), ("amy", "north-region"), ("sue", "south-region")),
        account_people=(),
        tiers=(TierRule("key", 1, True, "all", ()),),
        metrics=(),
        mapping={},
        amount_unit="",
        team_names=(),
    )
    connection = duckdb.connect()
    load_pass_tables(connection, tables)
    load_group_tables(connection, tables)
    assert connection.execute("SELECT kind, key, id FROM terms ORDER BY id").fetchall() == list(tables.terms)
    assert connection.execute("SELECT * FROM named").fetchall() == list(tables.named)
    assert connection.execute("SELECT count(*) FROM region_teams").fetchone() == (0,)
    assert connection.execute("SELECT * FROM tiers").fetchall() == [("key", 1, True)]
    teams = connection.execute("SELECT key, teams FROM owner_teams ORDER BY key").fetchall()
    assert teams == [("amy", "|finance|north-region|"), ("sue", "|south-region|")]


@pytest.mark.parametrize(("content", "expected"), [(b"", "is empty"), (b"\xef\xbb\xbf\r\n", "is empty")])
def test_an_empty_file(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    extract = tmp_path / "crm.csv"
    extract.write_bytes(content)
    assert run(repo, str(extract)) == 1
    assert expected in capsys.readouterr().err


def test_a_header_without_rows(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, str(write(tmp_path / "crm.csv", []))) == 1
    assert "has a header but no customers" in capsys.readouterr().err


def test_ragged_rows_are_named_and_left_out(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [ROWS[1], "C-9,x,north,banking,,,1,surplus", "C-10,y,north", ROWS[2]]
    code, summary = summary_of(repo, write(tmp_path / "crm.csv", rows), capsys)
    assert code == 1 and summary["customers"] == 2
    problem = summary["problems"][0]
    assert problem["rows"] == 2 and problem["examples"][0].startswith("line 3: Expected Number of Columns: 7 Found: 8")
    assert problem["examples"][1].startswith("line 4: Expected Number of Columns: 7 Found: 3")


def test_numbers_with_separators_and_units(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The base metric is in 100m (亿元): 1.2万 is 0.00012 of it, 300 亿 is 300.
    rows = [
        'C-1,a,north,banking,,,"1,200"',
        "C-2,b,north,banking,,,1.2万",
        "C-3,c,north,banking,,,300 亿元",
        "C-4,d,north,banking,,,2 000",
        "C-5,e,north,banking,,,-",
        "C-6,f,north,banking,,,N/A",
        "C-7,g,north,banking,,,12abc",
    ]
    extract = write(tmp_path / "crm.csv", rows)
    result = rows_of(repo, extract, tmp_path)
    values = {crm_id: row["annual-revenue"] for crm_id, row in result.items()}
    assert values["C-1"] == 1200 and values["C-2"] == pytest.approx(0.00012) and values["C-3"] == 300
    assert values["C-4"] == 2000 and values["C-5"] is None and values["C-6"] is None and values["C-7"] is None
    assert run(repo, str(extract)) == 1
    err = capsys.readouterr().err
    assert '1 rows whose "annual-revenue" is not a number' in err and "'12abc' (CRM id C-7)" in err


FORMULAS = [
    'C-1,=HYPERLINK("http://x"),north,banking,,,1',
    "C-2,+1+2,north,banking,,,1",
    "C-3,-3+4,north,banking,,,1",
    "C-4,@SUM(A1),north,banking,,,1",
    "C-5,safe name,north,banking,,=cmd|' /c calc'!A0,1",
]


def test_formula_cells_are_written_safely_to_csv(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    assert run(repo, str(write(tmp_path / "crm.csv", FORMULAS)), "--out", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    for cell in ("'=HYPERLINK(", "'+1+2", "'-3+4", "'@SUM(A1)", "'=cmd|"):
        assert cell in text
    assert ",safe name," in text


def test_formula_cells_are_strings_in_xlsx(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "rows.xlsx"
    rows = [row.replace(",1", ",60") for row in FORMULAS]  # candidates, so that they are listed
    assert run(repo, str(write(tmp_path / "crm.csv", rows)), "--out", str(out)) == 0
    with zipfile.ZipFile(out) as workbook:
        names = workbook.namelist()
        sheets = [workbook.read(name).decode() for name in names if name.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 4 and all("<f>" not in sheet for sheet in sheets)
    assert all("<autoFilter" in sheet for sheet in sheets[1:])
    assert "=HYPERLINK(" in sheets[3] and "@SUM(A1)" in sheets[3]
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["summary", "gaps", "conflicts", "candidates"]
    candidates = book.get_sheet_by_name("candidates").to_python()
    assert candidates[0][:3] == ["crm_id", "name", "region"] and len(candidates) == 6
    assert [row[1] for row in candidates if row[0] == "C-1"] == ['=HYPERLINK("http://x")']


def test_xlsx_and_parquet_extracts(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "crm.xlsx"))
    sheet = book.add_worksheet("客户")
    for row, line in enumerate([HEADER.strip(), *ROWS]):
        for column, value in enumerate(line.split(",")):
            if value.isdigit() and column == 6:
                sheet.write_number(row, column, float(value))
            elif value:
                sheet.write_string(row, column, value)
    book.close()
    code, summary = summary_of(repo, tmp_path / "crm.xlsx", capsys)
    assert (code, summary["customers"], summary["candidates"], summary["gaps"]) == (1, 8, 1, 2)
    duckdb.connect().execute(
        f"COPY (SELECT * FROM read_csv('{write(tmp_path / 'crm.csv', ROWS)}', all_varchar=true)) "
        f"TO '{tmp_path / 'crm.parquet'}' (FORMAT parquet)"
    )
    code, summary = summary_of(repo, tmp_path / "crm.parquet", capsys)
    assert (code, summary["customers"], summary["candidates"], summary["gaps"]) == (1, 8, 1, 2)


def test_summary_formats_and_files(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extract = write(tmp_path / "crm.csv", ROWS)
    run(repo, str(extract), "--format", "markdown")
    markdown = capsys.readouterr().out
    assert markdown.startswith("**8 customers**") and "| north-region | 3 |" in markdown
    run(repo, str(extract), "--out", str(tmp_path / "summary.json"))
    assert capsys.readouterr().out.startswith("crm.csv: 8 customers")  # the text summary comes first
    assert json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["customers"] == 8
    run(repo, str(extract), "--out", str(tmp_path / "rows.xlsx"))
    assert (tmp_path / "rows.xlsx").stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--format", "csv"], "give it with --out FILE"),
        (["--out", "rows.dat"], "say what to write with --format"),
        (["--out", "data/rows.csv"], "nothing is written to data/"),
        (["--out", "no/such/folder/rows.csv"], "does not exist"),
        (["--format", "pdf"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2(
    repo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    expected: str,
) -> None:
    monkeypatch.chdir(repo)
    assert run(repo, str(write(tmp_path / "crm.csv", ROWS)), *args) == 2
    assert expected in capsys.readouterr().err
    assert not (repo / "data/rows.csv").exists()


def test_a_missing_extract_exits_2(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, str(tmp_path / "nothing.csv")) == 2
    assert "nothing.csv" in capsys.readouterr().err


def test_the_warm_cache_follows_changes_to_the_playbook(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extract = write(tmp_path / "crm.csv", ROWS[:4])
    before = sorted(path.relative_to(repo) for path in (repo / "data").rglob("*"))
    assert summary_of(repo, extract, capsys)[1]["named"] == 1
    assert (repo / ".playbook-cache/assign.marshal").exists()
    assert summary_of(repo, extract, capsys)[1]["named"] == 1
    account = repo / "data/accounts/acme/account.yaml"
    account.write_text(account.read_text(encoding="utf-8").replace("crm_id: A-1", "crm_id: C-4"), encoding="utf-8")
    _, summary = summary_of(repo, extract, capsys)
    cells = {(c["row"], c["region"]): c["candidates"] for c in summary["cells"]}
    assert summary["named"] == 1 and cells[("banking", "north")] == 1 and cells[("banking", "south")] == 0
    assert summary["missing"] == []
    assert sorted(path.relative_to(repo) for path in (repo / "data").rglob("*")) == before


def test_the_coverage_matrix_shows_the_customer_base(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    from playbook.assign import summary as customer_summary
    from playbook.site import overview_pages
    from tests.site_markdown import context, render

    run(repo, str(write(tmp_path / "crm.csv", ROWS)), "--out", str(tmp_path / "customers.json"))
    customers = customer_summary.read(tmp_path / "customers.json")
    pages = {page.path: page for page in overview_pages.pages(replace(context(repo), customers=customers))}
    rendered = render(pages["coverage-matrix.md"].markdown)
    assert "customers in the CRM: 2<" in rendered  # banking in the north: Acme and 北方小贷
    assert "customers in the CRM: 1, candidates: 1" in rendered  # banking in the south
    assert "no owner" not in rendered  # the customers without owner are in no cell of the taxonomy
    plain = {page.path: page for page in overview_pages.pages(context(repo))}
    assert "in the CRM" not in plain["coverage-matrix.md"].markdown


def test_build_refuses_a_file_that_is_not_a_summary(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "customers.json").write_text('{"findings": []}', encoding="utf-8")
    assert main(["--root", str(repo), "build", "--customers", str(tmp_path / "customers.json")]) == 2
    assert "not a summary of playbook assign" in capsys.readouterr().err


def test_a_cell_whose_region_has_no_regional_team_shows_its_customers_without_owner(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    from playbook.assign import summary as customer_summary
    from playbook.site import overview_pages
    from tests.site_markdown import context

    (repo / "data/teams/south-region.yaml").unlink()
    code = run(repo, str(write(tmp_path / "crm.csv", ROWS[:4])), "--out", str(tmp_path / "c.json"))
    assert code == 1  # the south's customers have no owner now
    customers = customer_summary.read(tmp_path / "c.json")
    pages = {page.path: page for page in overview_pages.pages(replace(context(repo), customers=customers))}
    assert "customers in the CRM: 1, **no owner: 1**, candidates: 1" in pages["coverage-matrix.md"].markdown


def test_a_tab_separated_extract_with_quoted_line_breaks(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = HEADER.replace(",", "\t")
    rows = [row.replace(",", "\t") for row in ROWS[1:4]]
    rows[0] = rows[0].replace("北方小贷", '"北方\n小贷"')
    code, summary = summary_of(repo, write(tmp_path / "crm.tsv", rows, header=header), capsys)
    assert (code, summary["customers"], summary["regional"], summary["candidates"]) == (0, 3, 3, 1)


def test_a_typed_parquet_extract(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extract = tmp_path / "crm.parquet"
    duckdb.connect().execute(
        "COPY (SELECT * FROM (VALUES (1001, 'a', 'north', 'banking', 60.0), (1002, 'b', 'south', 'energy', 1.5)) "
        f"t(crm_id, name, region, industry, \"annual-revenue\")) TO '{extract}' (FORMAT parquet)"
    )
    rows = rows_of(repo, extract, tmp_path)
    assert rows["1001"]["candidate"] and rows["1001"]["annual-revenue"] == 60
    assert rows["1002"]["team"] == "south-region" and rows["1002"]["tier"] == "smb"


def test_a_spreadsheet_row_wider_than_its_header(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "crm.xlsx"))
    sheet = book.add_worksheet()
    for column, name in enumerate(["crm_id", "region", "industry"]):
        sheet.write_string(0, column, name)
    for column, value in enumerate(["C-1", "north", "banking", "surplus"]):
        sheet.write_string(1, column, value)
    book.close()
    assert run(repo, str(tmp_path / "crm.xlsx")) == 1
    assert "row 2 has values beyond the header's 3 columns" in capsys.readouterr().err


def test_a_file_that_is_not_a_spreadsheet(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "crm.xlsx").write_text("crm_id,region\n", encoding="utf-8")
    assert run(repo, str(tmp_path / "crm.xlsx")) == 1
    err = capsys.readouterr().err
    assert "cannot be read as a spreadsheet" in err and "Traceback" not in err
