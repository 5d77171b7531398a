"""A CRM extract of N customers consistent with a playbook, for `playbook assign`.

    python benchmarks/crm_extract.py ROOT N OUT.csv [--gb18030 OUT-GB.csv] [--parquet OUT.parquet]

writes N rows: every named account of the playbook at ROOT with a `crm_id` (but about 2%,
which the extract lacks: "missing"), then customers the playbook does not name, as a CRM
holds them. The rows are drawn by DuckDB from hashes of the row number, so the same
playbook and N give the same file, written in seconds even for ten million rows.

The mix, per row not named:
- region and industry spelled as CRMs spell them: the Chinese name (60%), the English name
  (25%), the id (10%); about 3% a spelling the taxonomy does not know (a province, "Internet"),
  1% empty; government bodies carry a government domain;
- the owner: a member of the regional team of the region (85%), someone of another team
  (4%: a conflict), empty otherwise;
- metrics: SMB-sized, except about 1.5% that meet a named tier's criteria (candidates); most
  plain numbers, some with thousands separators ("12,000") or a unit ("1.2万", "300 万元"),
  some empty.

Named accounts keep their region, industry, domain and tier's metrics; 5% of them carry
another team's person as owner.
"""

from __future__ import annotations

import argparse
import codecs
import sys
import time
from pathlib import Path
from typing import Any

UNKNOWN_REGIONS = ("浙江省", "Zhejiang", "江苏省", "广东省", "海外", "未知区域")
UNKNOWN_INDUSTRIES = ("互联网", "Internet", "零售", "Retail", "教育培训")
#: The metrics of a row not named: SMB-sized ranges (low, high) per metric id.
SMB_RANGES: dict[str, tuple[float, float]] = {
    "annual-revenue": (1, 400),
    "it-spend": (10, 4000),
    "gross-margin-pct": (2, 40),
    "industry-rank": (40, 2000),
    "credit-rating": (1, 5),
}
#: A candidate's metrics: they meet the key tier's criteria.
CANDIDATE_RANGES: dict[str, tuple[float, float]] = {
    "annual-revenue": (1000, 8000),
    "it-spend": (10000, 60000),
    "gross-margin-pct": (10, 40),
    "industry-rank": (1, 30),
    "credit-rating": (3, 5),
}


def _sql_list(values: list[str]) -> str:
    return "[" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + "]"


def _spellings(term: Any) -> tuple[str, str, str]:
    return (term.name.zh or term.id, term.name.en or term.id, term.id)


def playbook_facts(root: Path) -> dict[str, Any]:
    """What the extract is drawn from: the taxonomy's spellings, people by team, named accounts."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from playbook import repository

    playbook = repository.load(root).playbook
    assert playbook.taxonomy is not None and playbook.tiers is not None
    taxonomy = playbook.taxonomy.model
    regions = [(term.id, *_spellings(term)) for term in taxonomy.regions]
    industries = [(term.id, *_spellings(term)) for term in taxonomy.industries]
    domains = [(term.id, *_spellings(term)) for term in taxonomy.government_domains]
    people: dict[str, list[str]] = {}
    regional: dict[str, str] = {}
    for team in playbook.teams:
        people[team.model.id] = [member.name.zh or member.id for member in team.model.members]
        if team.model.type == "regional":
            for region in team.model.scope.regions:
                regional.setdefault(region, team.model.id)
    named = []
    for account in playbook.accounts:
        model = account.model
        if model.crm_id is None:
            continue
        ar = model.iron_triangle.ar[0] if model.iron_triangle.ar else None
        person = playbook.person_by_id.get(ar) if ar else None
        owner = (person.member.name.zh or person.member.id) if person else model.owner
        metrics = {key: value for key, value in model.metrics.items()}
        named.append(
            (
                model.crm_id,
                str(model.name.zh or model.name.en),
                model.region,
                model.industry,
                model.domain or "",
                owner,
                metrics,
            )
        )
    metric_ids = [metric.id for metric in playbook.tiers.model.metrics]
    return {
        "regions": regions,
        "industries": industries,
        "domains": domains,
        "people": people,
        "regional": regional,
        "named": sorted(named),
        "metrics": metric_ids,
    }


def write_extract(facts: dict[str, Any], n: int, out: Path) -> float:
    """Write the extract of ``n`` rows as UTF-8 CSV to ``out``; return the seconds it took."""
    import duckdb

    started = time.perf_counter()
    connection = duckdb.connect()
    named = facts["named"]
    present = [row for index, row in enumerate(named) if index % 50 != 7][:n]  # about 2% missing
    term_rows = {
        name: [(term_id, zh, en, spelled) for term_id, zh, en, spelled in facts[name]]
        for name in ("regions", "industries", "domains")
    }
    for name, rows in term_rows.items():
        connection.execute(
            f"CREATE TABLE {name} AS SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS zh, "
            "unnest(?::VARCHAR[]) AS en, unnest(range(?)) AS k",
            [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], len(rows)],
        )
    all_people = sorted({person for team in facts["people"].values() for person in team})
    regional = facts["regional"]
    connection.execute(
        "CREATE TABLE region_people AS SELECT unnest(?::VARCHAR[]) AS region, unnest(?::VARCHAR[][]) AS people",
        [list(regional), [facts["people"][team] for team in regional.values()]],
    )
    metric_ids = facts["metrics"]
    connection.execute(
        "CREATE TABLE named_rows AS SELECT unnest(?::VARCHAR[]) AS crm_id, unnest(?::VARCHAR[]) AS name, "
        "unnest(?::VARCHAR[]) AS region, unnest(?::VARCHAR[]) AS industry, unnest(?::VARCHAR[]) AS domain, "
        "unnest(?::VARCHAR[]) AS owner, unnest(?::VARCHAR[][]) AS metrics, unnest(range(1, ? + 1)) AS i",
        [
            [r[0] for r in present],
            [r[1] for r in present],
            [r[2] for r in present],
            [r[3] for r in present],
            [r[4] for r in present],
            [r[5] for r in present],
            [[_plain(r[6].get(metric)) for metric in metric_ids] for r in present],
            len(present),
        ],
    )
    draw = "(hash(i, '{salt}') % 1000000) / 1000000.0"

    def pick(lst: str, salt: str) -> str:
        return f"{lst}[1 + (hash(i, '{salt}') % len({lst}))::INTEGER]"

    metrics_sql = []
    for metric in metric_ids:
        low, high = SMB_RANGES.get(metric, (0, 100))
        c_low, c_high = CANDIDATE_RANGES.get(metric, (low, high))
        r = draw.format(salt=f"m-{metric}")
        value = f"CASE WHEN candidate THEN {c_low} + {r} * {c_high - c_low} ELSE {low} + {r} * {high - low} END"
        whole = metric in ("industry-rank", "credit-rating")
        number = f"round({value})::BIGINT" if whole else f"round({value}, 1)"
        style = draw.format(salt=f"s-{metric}")
        text = (
            f"CASE WHEN {style} < 0.02 THEN NULL "
            f"WHEN {style} < 0.06 AND {value} >= 1000 THEN format('{{:,}}', round({value})::BIGINT) "
            + (
                f"WHEN {style} < 0.08 AND NOT {str(whole).lower()} AND {value} >= 10000 "
                f"THEN printf('%.1f万', {value} / 10000.0) "
                f"WHEN {style} < 0.09 AND NOT {str(whole).lower()} THEN CAST({number} AS VARCHAR) || ' 万元' "
                if metric in ("annual-revenue", "it-spend")
                else ""
            )
            + f"ELSE CAST({number} AS VARCHAR) END"
        )
        metrics_sql.append(f'{text} AS "{metric}"')
    region_pick = draw.format(salt="region")
    industry_pick = draw.format(salt="industry")
    spell = draw.format(salt="spell")
    owner = draw.format(salt="owner")
    base = len(present)
    synthetic = f"""
        SELECT printf('C%09d', i) AS crm_id,
               printf('客户%d', i) AS name,
               CASE WHEN {region_pick} < 0.01 THEN NULL
                    WHEN {region_pick} < 0.04 THEN {pick(_sql_list(list(UNKNOWN_REGIONS)), "ru")}
                    WHEN {spell} < 0.60 THEN r.zh WHEN {spell} < 0.85 THEN r.en ELSE r.id END AS region,
               CASE WHEN {industry_pick} < 0.02 THEN {pick(_sql_list(list(UNKNOWN_INDUSTRIES)), "iu")}
                    WHEN {spell} < 0.55 THEN d.zh WHEN {spell} < 0.85 THEN d.en ELSE d.id END AS industry,
               CASE WHEN d.id = 'government' THEN g.zh END AS domain,
               CASE WHEN {owner} < 0.85 THEN {pick("rp.people", "op")}
                    WHEN {owner} < 0.89 THEN {pick(_sql_list(all_people), "oc")} END AS owner,
               {draw.format(salt="candidate")} < 0.015 AS candidate, i
        FROM range({base + 1}, {n + 1}) t(i)
        JOIN regions r ON r.k = hash(i, 'r') % (SELECT count(*) FROM regions)
        JOIN industries d ON d.k = hash(i, 'd') % (SELECT count(*) FROM industries)
        LEFT JOIN domains g ON g.k = hash(i, 'g') % greatest((SELECT count(*) FROM domains), 1)
        LEFT JOIN region_people rp ON rp.region = r.id
    """
    named_metrics = ", ".join(f'metrics[{index + 1}] AS "{metric}"' for index, metric in enumerate(metric_ids))
    conflict = draw.format(salt="named-owner")
    named_sql = (
        "SELECT crm_id, name, r.zh AS region, d.zh AS industry, g.zh AS domain, "
        f"CASE WHEN {conflict} < 0.05 THEN {pick(_sql_list(all_people), 'nc')} ELSE owner END AS owner, "
        f"{named_metrics}, i FROM named_rows n JOIN regions r ON r.id = n.region "
        "JOIN industries d ON d.id = n.industry LEFT JOIN domains g ON g.id = n.domain"
    )
    columns = ", ".join(f'"{metric}"' for metric in metric_ids)
    query = (
        f"SELECT crm_id, name, region, industry, domain, owner, {columns} FROM ({named_sql}) UNION ALL "
        f"SELECT crm_id, name, region, industry, domain, owner, {', '.join(metrics_sql)} FROM ({synthetic}) "
    )
    connection.execute("SET preserve_insertion_order = false")
    connection.execute(f"COPY ({query}) TO '{out}' (FORMAT csv, HEADER)")
    return time.perf_counter() - started


def _plain(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def to_gb18030(source: Path, target: Path) -> float:
    """The UTF-8 CSV in GB18030 with CRLF line ends, as Chinese Excel saves it, a block at a time."""
    started = time.perf_counter()
    decoder = codecs.getincrementaldecoder("utf-8")()
    with source.open("rb") as read, target.open("wb") as write:
        while block := read.read(8 << 20):
            write.write(decoder.decode(block).replace("\n", "\r\n").encode("gb18030"))
        write.write(decoder.decode(b"", final=True).encode("gb18030"))
    return time.perf_counter() - started


def to_parquet(source: Path, target: Path) -> float:
    import duckdb

    started = time.perf_counter()
    duckdb.connect().execute(
        f"COPY (SELECT * FROM read_csv('{source}', all_varchar=true)) TO '{target}' (FORMAT parquet)"
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a CRM extract of N customers consistent with a playbook.")
    parser.add_argument("root", type=Path, help="the playbook repository")
    parser.add_argument("n", type=int, help="the number of rows")
    parser.add_argument("out", type=Path, help="the UTF-8 CSV file to write")
    parser.add_argument("--gb18030", type=Path, help="also write the extract in GB18030 to this file")
    parser.add_argument("--parquet", type=Path, help="also write the extract as Parquet to this file")
    args = parser.parse_args(argv)
    seconds = write_extract(playbook_facts(args.root), args.n, args.out)
    sys.stdout.write(f"wrote {args.n:,} rows to {args.out} in {seconds:.1f} s\n")
    if args.gb18030:
        sys.stdout.write(f"wrote {args.gb18030} in {to_gb18030(args.out, args.gb18030):.1f} s\n")
    if args.parquet:
        sys.stdout.write(f"wrote {args.parquet} in {to_parquet(args.out, args.parquet):.1f} s\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
