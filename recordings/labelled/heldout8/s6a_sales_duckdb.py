"""Session _a: Python analytics with DuckDB + polars. Matter-of-fact developer who states decisions outright."""
import random
from _lib import U, A, T, edit, write_file, read, bash, write

random.seed(61)

weeks = [f"orders_2024_w{w:02d}.csv" for w in range(1, 39)]
ls_lines = ["total 4409872"]
for i, f in enumerate(weeks):
    size = random.randint(49_000_000, 66_000_000)
    ls_lines.append(f"-rw-r--r--  1 mara  staff  {size:>9}  Oct {min(1 + i // 3, 28):>2} 06:1{i % 10}  {f}")
ls_out = "\n".join(ls_lines)

pyproject = '''[project]
name = "sales-analytics"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = [
    "duckdb>=0.10.0",
    "polars>=0.20.10",
    "pyarrow>=15.0.0",
    "jupyterlab>=4.1",
    "altair>=5.2",
]

[tool.uv]
dev-dependencies = [
    "pytest>=8.0",
    "ruff>=0.3.0",
]
'''

oom = '''reading data/raw/orders_2024_w01.csv
reading data/raw/orders_2024_w02.csv
reading data/raw/orders_2024_w03.csv
reading data/raw/orders_2024_w04.csv
reading data/raw/orders_2024_w05.csv
reading data/raw/orders_2024_w06.csv
reading data/raw/orders_2024_w07.csv
reading data/raw/orders_2024_w08.csv
reading data/raw/orders_2024_w09.csv
reading data/raw/orders_2024_w10.csv
reading data/raw/orders_2024_w11.csv
reading data/raw/orders_2024_w12.csv
reading data/raw/orders_2024_w13.csv
reading data/raw/orders_2024_w14.csv
reading data/raw/orders_2024_w15.csv
reading data/raw/orders_2024_w16.csv
reading data/raw/orders_2024_w17.csv
reading data/raw/orders_2024_w18.csv
reading data/raw/orders_2024_w19.csv
reading data/raw/orders_2024_w20.csv
reading data/raw/orders_2024_w21.csv
reading data/raw/orders_2024_w22.csv
reading data/raw/orders_2024_w23.csv
reading data/raw/orders_2024_w24.csv
reading data/raw/orders_2024_w25.csv
reading data/raw/orders_2024_w26.csv
Killed
$ echo $?
137
$ sudo dmesg | tail -3
[812344.117201] Out of memory: Killed process 48813 (python3.11) total-vm:14127736kB, anon-rss:7541204kB, file-rss:1280kB, shmem-rss:0kB, UID:1001 pgtables:15012kB oom_score_adj:0
[812344.209913] oom_reaper: reaped process 48813 (python3.11), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB'''

csv_err = '''Traceback (most recent call last):
  File "<frozen runpy>", line 198, in _run_module_as_main
  File "<frozen runpy>", line 88, in _run_code
  File "/srv/sales/src/sales/load.py", line 31, in <module>
    main()
  File "/srv/sales/src/sales/load.py", line 24, in main
    con.execute(
duckdb.duckdb.ConversionException: Conversion Error: CSV Error on Line: 1048577
Original Line: 88123991,2024-03-30T21:44:10+01:00,ST-014,SKU-55102,2,19.99,N/A,web
Error when converting column "discount". Could not convert string "N/A" to 'DOUBLE'

Column discount is being converted as type DOUBLE
This type was auto-detected from the CSV file.
Possible solutions:
* Override the type for this column manually by setting the type explicitly, e.g. types={'discount': 'VARCHAR'}
* Set the sample size to a larger value to enable the auto-detection to scan more values, e.g. sample_size=-1
* Use a COPY statement to automatically derive types from an existing table.

  file = data/raw/orders_2024_w13.csv
  delimiter = , (Auto-Detected)
  quote = " (Auto-Detected)
  escape = " (Auto-Detected)
  new_line = \\n (Auto-Detected)
  header = true (Auto-Detected)
  skip_rows = 0 (Auto-Detected)
  comment = \\0 (Auto-Detected)
  date_format =  (Auto-Detected)
  timestamp_format =  (Auto-Detected)
  null_padding = 0
  sample_size = 20480
  ignore_errors = false
  all_varchar = 0

$ grep -c ',N/A,' data/raw/*.csv | grep -v ':0'
data/raw/orders_2024_w13.csv:2211
data/raw/orders_2024_w14.csv:2406
data/raw/orders_2024_w15.csv:1987
data/raw/orders_2024_w16.csv:2540'''

def revenue_table(berlin):
    rows = [("2024-03-26", 47112.40, 46980.15), ("2024-03-27", 49530.05, 49622.70), ("2024-03-28", 52210.90, 52184.35),
            ("2024-03-29", 61044.75, 60891.10), ("2024-03-30", 55870.30, 53078.75), ("2024-03-31", 48210.55, 51002.10),
            ("2024-04-01", 44102.20, 44230.60)]
    out = ["shape: (7, 3)", "┌────────────┬──────────┬──────────────┐", "│ day        ┆ store_id ┆ revenue      │",
           "│ ---        ┆ ---      ┆ ---          │", "│ date       ┆ str      ┆ f64          │", "╞════════════╪══════════╪══════════════╡"]
    for d, utc, ber in rows:
        out.append(f"│ {d} ┆ ALL      ┆ {ber if berlin else utc:>12.2f} │")
    out.append("└────────────┴──────────┴──────────────┘")
    return "\n".join(out)

ruff_out = '''src/sales/load.py:3:8: F401 [*] `os` imported but unused
src/sales/db.py:14:101: E501 Line too long (104 > 100)
src/sales/report.py:22:5: ANN201 Missing return type annotation for public function `daily_revenue`
src/sales/report.py:30:5: ANN201 Missing return type annotation for public function `store_ranking`
Found 4 errors.
[*] 1 fixable with the `--fix` option.'''

turns = [
    U("Setting up the analytics repo for the weekly sales exports. Python 3.11, uv, duckdb + polars. Raw exports are in "
      "data/raw/*.csv, 38 files, about 2.1 GB total. First step: load them all. Start simple: pl.read_csv on every file and concat."),
    bash("ls -l data/raw/", ls_out),
    read("pyproject.toml", pyproject),
    write_file("src/sales/load.py", '''from pathlib import Path

import polars as pl

RAW = Path("data/raw")


def main() -> None:
    frames = []
    for path in sorted(RAW.glob("*.csv")):
        print(f"reading {path}")
        frames.append(pl.read_csv(path, try_parse_dates=True))
    orders = pl.concat(frames, how="diagonal_relaxed")
    print(orders.shape)


if __name__ == "__main__":
    main()
'''),
    bash("uv run python -m sales.load", oom),
    A("OOM-killed at file 26 (exit 137, ~7.5 GB RSS). Eager `read_csv` materialises every file fully in memory, and the "
      "string columns (store_id, sku, channel, the timestamp before parsing) make 2.1 GB of CSV roughly 3-4x bigger as "
      "frames; this machine has 8 GB. Two ways that stream instead:\n- `pl.scan_csv` over the glob + `sink_parquet` "
      "(lazy, streaming engine)\n- let DuckDB ingest: `read_csv_auto('data/raw/*.csv')` straight into a table, it spills "
      "to disk when needed."),
    U("Use DuckDB for ingestion. And we'll persist everything in a DuckDB database file, data/warehouse.duckdb, so the "
      "notebooks can just connect to it. Polars only for the final frames that go into charts."),
    write_file("src/sales/load.py", '''import duckdb

DB_PATH = "data/warehouse.duckdb"


def main() -> None:
    con = duckdb.connect(DB_PATH)
    con.execute(
        """
        CREATE OR REPLACE TABLE orders AS
        SELECT *, filename AS source_file
        FROM read_csv_auto('data/raw/*.csv', union_by_name = true, filename = true)
        """
    )
    n = con.execute("SELECT count(*) FROM orders").fetchone()[0]
    print(f"orders: {n:,} rows")
    con.close()


if __name__ == "__main__":
    main()
'''),
    bash("time uv run python -m sales.load", csv_err + "\n\nreal\t0m38.114s\nuser\t1m52.402s\nsys\t0m6.991s"),
    A("From week 13 on, the exports write `N/A` instead of an empty field when there's no discount. The sniffer samples only "
      "the first 20k rows, types `discount` as DOUBLE, and then hits the first `N/A` at line 1,048,577. Treating `N/A` (and "
      "empty) as NULL and pinning the type fixes it without loosening the other columns."),
    edit("src/sales/load.py",
         "        FROM read_csv_auto('data/raw/*.csv', union_by_name = true, filename = true)",
         "        FROM read_csv_auto(\n            'data/raw/*.csv', union_by_name = true, filename = true,\n"
         "            nullstr = ['N/A', ''], types = {'discount': 'DOUBLE', 'ordered_at': 'TIMESTAMPTZ'}\n        )"),
    bash("time uv run python -m sales.load", "orders: 18,442,913 rows\n\nreal\t0m41.207s\nuser\t2m11.530s\nsys\t0m7.884s"),
    U("Good. Next: daily revenue per store. Put the SQL in sql/daily_revenue.sql. I want all queries as .sql files loaded by "
      "a small helper, no SQL in f-strings in the Python code."),
    write_file("sql/daily_revenue.sql", '''-- daily revenue per store; params: $start, $end (DATE)
SELECT
    date_trunc('day', ordered_at)::DATE AS day,
    store_id,
    round(sum(quantity * unit_price * (1 - coalesce(discount, 0))), 2) AS revenue
FROM orders
WHERE ordered_at >= $start AND ordered_at < $end
GROUP BY ALL
ORDER BY day, store_id;
'''),
    write_file("src/sales/db.py", '''from functools import cache
from pathlib import Path

import duckdb
import polars as pl

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"
DB_PATH = "data/warehouse.duckdb"


@cache
def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text()


def connect(read_only: bool = False) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(DB_PATH, read_only=read_only)


def run_sql(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    """Run sql/<name>.sql with named $params and return a polars frame."""
    return con.execute(_sql(name), params).pl()
'''),
    bash("uv run python -c \"from sales.db import connect, run_sql; import polars as pl; "
         "df = run_sql(connect(), 'daily_revenue', start='2024-03-26', end='2024-04-02'); "
         "print(df.group_by('day').agg(pl.col('revenue').sum()).sort('day').with_columns(store_id=pl.lit('ALL')).select('day','store_id','revenue'))\"",
         revenue_table(False)),
    U("The totals for 2024-03-31 don't match finance's report: we show 48,210.55, they have 51,002.10. And 03-30 is higher "
      "than theirs (they have 53,078.75). The other days are close but not exact either."),
    bash("uv run python -c \"import duckdb; con = duckdb.connect('data/warehouse.duckdb'); "
         "print(con.sql(\\\"SELECT current_setting('TimeZone')\\\")); print(con.sql(\\\"SELECT ordered_at FROM orders WHERE order_id = 88123991\\\"))\"",
         "┌──────────────────────────────┐\n│ current_setting('TimeZone')  │\n│           varchar            │\n├──────────────────────────────┤\n"
         "│ UTC                          │\n└──────────────────────────────┘\n\n┌──────────────────────────┐\n│        ordered_at        │\n"
         "│ timestamp with time zone │\n├──────────────────────────┤\n│ 2024-03-30 20:44:10+00   │\n└──────────────────────────┘"),
    A("That's a time zone problem. The exports carry local Berlin offsets (`+01:00`, from 31 March `+02:00`), DuckDB stores "
      "TIMESTAMPTZ as an instant, and `date_trunc('day', ordered_at)` cuts the day in the *session* time zone, which on this "
      "server is UTC. So every order placed between midnight and 01:00 (02:00 in summer) Berlin time is counted on the previous "
      "day. The 30th/31st stand out because of the DST switch and because Saturday night is busy. Finance counts in Berlin "
      "days. I'll convert explicitly in the SQL with `timezone('Europe/Berlin', ordered_at)` instead of relying on the session "
      "setting, so it doesn't matter where the query runs."),
    edit("sql/daily_revenue.sql", "    date_trunc('day', ordered_at)::DATE AS day,",
         "    date_trunc('day', timezone('Europe/Berlin', ordered_at))::DATE AS day,"),
    bash("uv run python -c \"...same as above...\"", revenue_table(True)),
    U("Matches to the cent. Good. Also: ruff with line length 100, and type hints everywhere please. Add it to pyproject."),
    edit("pyproject.toml", "[tool.uv]", '''[tool.ruff]
line-length = 100
target-version = "py311"

[tool.ruff.lint]
select = ["E", "F", "I", "UP", "B", "ANN"]
ignore = ["ANN101"]

[tool.uv]'''),
    bash("uv run ruff check .", ruff_out),
    edit("src/sales/report.py", "def daily_revenue(start, end):", "def daily_revenue(start: str, end: str) -> pl.DataFrame:"),
    edit("src/sales/report.py", "def store_ranking(df):", "def store_ranking(df: pl.DataFrame) -> pl.DataFrame:"),
    bash("uv run ruff check --fix . && uv run ruff format .", "Found 4 errors (4 fixed, 0 remaining).\n5 files reformatted, 2 files left unchanged"),
    U("One more thing I noticed: some order_ids show up in two exports, the weekly dumps overlap by a day. Don't fix it now, "
      "just note it. We need to dedupe by order_id and keep the row from the latest export."),
    bash("uv run python -c \"import duckdb; print(duckdb.connect('data/warehouse.duckdb', read_only=True).sql("
         "'SELECT count(*) - count(DISTINCT order_id) AS dup_rows FROM orders'))\"",
         "┌──────────┐\n│ dup_rows │\n│  int64   │\n├──────────┤\n│   212455 │\n└──────────┘"),
    A("Noted: 212,455 duplicate rows (by order_id) from the overlapping exports; to do next time: dedupe keeping the row "
      "from the latest export file. Until then, orders that appear in two dumps are counted twice in any "
      "aggregate over the affected days."),
]

session = {
    "id": "sales_duckdb_a",
    "project": "sales-analytics",
    "cwd_files": ["pyproject.toml", "src/sales/load.py", "src/sales/db.py", "sql/daily_revenue.sql", "src/sales/report.py"],
    "turns": turns,
    "gold": [
        {"kind": "PROJECT", "summary": "sales-analytics: Python 3.11 + uv, DuckDB + polars over weekly CSV sales exports (data/raw, 38 files, 2.1 GB)",
         "all_of": ["duckdb", "polars"], "any_of": ["python", "uv", "3.11", "csv", "export"], "files": []},
        {"kind": "FAILED", "summary": "Eager pl.read_csv of all 38 CSVs (2.1 GB) OOM-killed (exit 137) on the 8 GB box",
         "all_of": ["read_csv"], "any_of": ["oom", "memory", "killed", "137"], "files": ["src/sales/load.py"], "failure": True},
        {"kind": "DECISION", "summary": "Ingest with DuckDB read_csv_auto; polars only for the final frames (charts)",
         "all_of": ["duckdb", "polars"], "any_of": ["ingest", "final", "only", "read_csv_auto"], "files": ["src/sales/load.py"]},
        {"kind": "DECISION", "summary": "Persist all data in the DuckDB file data/warehouse.duckdb; notebooks connect to it",
         "all_of": ["warehouse.duckdb"], "any_of": ["persist", "notebook", "store", "database file", "data/"], "files": []},
        {"kind": "BUG_FIX", "summary": "Load failed on 'N/A' in discount (exports from week 13): nullstr ['N/A',''] and explicit discount type",
         "all_of": ["n/a"], "any_of": ["nullstr", "null", "discount"], "files": ["src/sales/load.py"]},
        {"kind": "PATTERN", "summary": "Queries live in sql/<name>.sql, run via run_sql(con, name, **params) -> polars; no SQL in f-strings",
         "all_of": ["sql"], "any_of": ["run_sql", "sql/", ".sql", "f-string"], "files": ["src/sales/db.py"]},
        {"kind": "BUG_FIX", "summary": "Daily revenue off vs finance: date_trunc cut days in UTC session tz -> timezone('Europe/Berlin', ordered_at)",
         "all_of": ["berlin"], "any_of": ["utc", "timezone", "time zone", "date_trunc", "day"], "files": ["sql/daily_revenue.sql"]},
        {"kind": "PREFERENCE", "summary": "ruff with line length 100; type hints everywhere",
         "all_of": ["ruff"], "any_of": ["100", "line length", "type hint"], "files": ["pyproject.toml"]},
        {"kind": "TODO", "summary": "Dedupe orders by order_id keeping the row from the latest export (212,455 duplicate rows from overlapping dumps)",
         "all_of": ["dedup"], "any_of": ["order_id", "latest", "duplicate", "overlap", "212"], "files": []},
    ],
    "dead_ends": [
        {"summary": "pl.scan_csv + sink_parquet streaming (listed, not picked)", "all_of": ["scan_csv"]},
    ],
    "secrets": [],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
