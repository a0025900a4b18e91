from _common import U, A, T, write
import random, uuid

rnd = random.Random(1601)

def run_id():
    return str(uuid.UUID(int=rnd.getrandbits(128)))

def backfill_log(days, fail_at=None):
    lines = []
    t_h, t_m, t_s = 9, 41, 3
    def ts():
        nonlocal t_h, t_m, t_s
        t_s += rnd.randint(0, 3)
        if t_s >= 60:
            t_s -= 60; t_m += 1
        if t_m >= 60:
            t_m -= 60; t_h += 1
        return f"2024-11-25 {t_h:02d}:{t_m:02d}:{t_s:02d} +0100"
    rid = run_id()
    pid = rnd.randint(30000, 50000)
    lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {pid} - RUN_START - Started execution of run for \"__ASSET_JOB\".")
    lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {pid} - ENGINE_EVENT - Executing steps using multiprocess executor: parent process (pid: {pid})")
    for d in days:
        spid = rnd.randint(30000, 50000)
        rows = rnd.randint(3100, 5200)
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {spid} - orders - STEP_WORKER_STARTING - Launching subprocess for \"orders\" partition {d}.")
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {spid} - orders - STEP_WORKER_STARTED - Executing step \"orders\" in subprocess.")
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {spid} - orders - RESOURCE_INIT_STARTED - Starting initialization of resources [io_manager, warehouse].")
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {spid} - orders - RESOURCE_INIT_SUCCESS - Finished initialization of resources [io_manager, warehouse].")
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {spid} - LOGS_CAPTURED - Started capturing logs in process (pid: {spid}).")
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {spid} - orders - STEP_START - Started execution of step \"orders\".")
        if fail_at is not None and d in fail_at:
            lines.append(f"{ts()} - dagster - ERROR - __ASSET_JOB - {rid} - {spid} - orders - STEP_FAILURE - Execution of step \"orders\" failed.")
            lines.append("")
            lines.append("dagster._core.errors.DagsterExecutionStepExecutionError: Error occurred while executing op \"orders\":")
            lines.append("")
            lines.append("Stack Trace:")
            lines.append("  File \"/home/maren/src/orders-etl/.venv/lib/python3.11/site-packages/dagster/_core/execution/plan/utils.py\", line 54, in op_execution_error_boundary")
            lines.append("    yield")
            lines.append("  File \"/home/maren/src/orders-etl/.venv/lib/python3.11/site-packages/dagster/_utils/__init__.py\", line 468, in iterate_with_context")
            lines.append("    next_output = next(iterator)")
            lines.append("  File \"/home/maren/src/orders-etl/orders_etl/assets/orders.py\", line 31, in orders")
            lines.append("    with warehouse.get_connection() as conn:")
            lines.append("  File \"/home/maren/src/orders-etl/orders_etl/resources.py\", line 22, in get_connection")
            lines.append("    conn = psycopg2.connect(self.dsn)")
            lines.append("  File \"/home/maren/src/orders-etl/.venv/lib/python3.11/site-packages/psycopg2/__init__.py\", line 122, in connect")
            lines.append("    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)")
            lines.append("")
            lines.append("The above exception was caused by the following exception:")
            lines.append("psycopg2.OperationalError: connection to server at \"pg-warehouse.internal\" (10.20.4.17), port 5432 failed: FATAL:  sorry, too many clients already")
            lines.append("")
            continue
        lines.append(f"{ts()} - dagster - INFO - __ASSET_JOB - {rid} - {spid} - orders - Loaded {rows} rows from source for window [{d}T00:00:00+01:00, next day)")
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {spid} - orders - STEP_OUTPUT - Yielded output \"result\" of type \"DataFrame\". (Type check passed).")
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {spid} - orders - HANDLED_OUTPUT - Handled output \"result\" using IO manager \"io_manager\"")
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {spid} - orders - ASSET_MATERIALIZATION - Materialized value orders partition {d}.")
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {spid} - orders - STEP_SUCCESS - Finished execution of step \"orders\" in {rnd.uniform(1.5, 9.8):.2f}s.")
    if fail_at:
        lines.append(f"{ts()} - dagster - ERROR - __ASSET_JOB - {rid} - {pid} - RUN_FAILURE - Execution of run for \"__ASSET_JOB\" failed. Steps failed: ['orders'].")
    else:
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {pid} - ENGINE_EVENT - Multiprocess executor: parent process exiting after {rnd.randint(60, 240)}s (pid: {pid})")
        lines.append(f"{ts()} - dagster - DEBUG - __ASSET_JOB - {rid} - {pid} - RUN_SUCCESS - Finished execution of run for \"__ASSET_JOB\".")
    return "\n".join(lines)

october = [f"2024-10-{d:02d}" for d in range(1, 32)]
november = [f"2024-11-{d:02d}" for d in range(1, 25)]

PYPROJECT = '''[project]
name = "orders-etl"
version = "0.7.2"
requires-python = ">=3.11,<3.13"
dependencies = [
    "dagster==1.8.13",
    "dagster-webserver==1.8.13",
    "dagster-postgres==0.24.13",
    "pandas>=2.2",
    "psycopg2-binary>=2.9.9",
    "stripe>=10.12",
    "sqlalchemy>=2.0",
]

[dependency-groups]
dev = ["pytest>=8.3", "ruff>=0.7"]

[tool.dagster]
module_name = "orders_etl.definitions"
code_location_name = "orders_etl"

[tool.uv]
package = true
'''

ORDERS_PY_OLD = '''import pandas as pd
from dagster import AssetExecutionContext, DailyPartitionsDefinition, asset

from orders_etl.resources import WarehouseResource

daily = DailyPartitionsDefinition(start_date="2024-01-01")

SOURCE_SQL = """
    SELECT o.id, o.customer_id, o.total_cents, o.currency, o.status, o.created_at
    FROM shop.orders o
    WHERE o.created_at::date = %(day)s
"""


@asset(partitions_def=daily, group_name="sales", compute_kind="postgres")
def orders(context: AssetExecutionContext, warehouse: WarehouseResource) -> pd.DataFrame:
    """One partition = one business day of orders from the shop replica."""
    day = context.partition_key
    with warehouse.get_connection() as conn:
        df = pd.read_sql(SOURCE_SQL, conn, params={"day": day})
    context.log.info(f"Loaded {len(df)} rows from source for {day}")
    return df


@asset(partitions_def=daily, group_name="sales", deps=[orders])
def daily_revenue(context: AssetExecutionContext, warehouse: WarehouseResource) -> None:
    ...
'''

DEFS_PY = '''from dagster import Definitions, EnvVar, load_assets_from_modules

from orders_etl import assets
from orders_etl.io import WarehouseIOManager
from orders_etl.resources import StripeResource, WarehouseResource

all_assets = load_assets_from_modules([assets])

defs = Definitions(
    assets=all_assets,
    resources={
        "io_manager": WarehouseIOManager(dsn=EnvVar("WAREHOUSE_DSN"), schema="analytics"),
        "warehouse": WarehouseResource(dsn=EnvVar("WAREHOUSE_DSN")),
        "stripe": StripeResource(api_key=EnvVar("STRIPE_API_KEY")),
    },
)
'''

SECRET_PW = "Xq7pR2vLm9wT"

turns = [
    U("Morning! Hope you're well. So, fun one today. Our orders-etl Dagster pipeline (dagster 1.8, everything lands in the "
      "Postgres warehouse) has a backfill problem: finance says October revenue in the dashboard is short by a few hundred "
      "orders, and when I spot-checked, the missing ones are all placed between midnight and 1am. Can you dig in? "
      "Oh and heads up, I always use uv for everything here, so please don't pip install anything into the venv, it makes a mess."),
    A("Good morning! Sure. Orders missing right after midnight sounds like a timezone boundary on the daily partitions. "
      "Let me look at the project layout and the orders asset first."),
    T("Bash", "ls -la && cat pyproject.toml", "total 48\ndrwxr-xr-x  9 maren staff  288 Nov 25 09:02 .\ndrwxr-xr-x 14 maren staff  448 Nov 12 17:40 ..\n"
      "-rw-r--r--  1 maren staff  212 Oct  2 11:15 .env\n-rw-r--r--  1 maren staff   88 Oct  2 11:15 .env.example\ndrwxr-xr-x 12 maren staff  384 Nov 25 09:02 .git\n"
      "-rw-r--r--  1 maren staff  108 Sep 30 15:21 .gitignore\ndrwxr-xr-x  8 maren staff  256 Nov 20 14:03 orders_etl\n-rw-r--r--  1 maren staff  612 Nov 20 14:03 pyproject.toml\n"
      "drwxr-xr-x  5 maren staff  160 Nov 14 10:12 tests\n-rw-r--r--  1 maren staff 98213 Nov 20 14:03 uv.lock\n\n" + PYPROJECT),
    T("Read", "orders_etl/assets/orders.py", ORDERS_PY_OLD),
    T("Read", "orders_etl/definitions.py", DEFS_PY),
    A("Resources all go through `EnvVar`, good. Let me check which warehouse the local .env points at before I query anything, "
      "so I don't accidentally hit prod."),
    T("Bash", "cat .env", f"WAREHOUSE_DSN=postgresql://etl_writer:{SECRET_PW}@pg-warehouse.internal:5432/analytics\n"
      "DAGSTER_HOME=/home/maren/.dagster\nSTRIPE_API_KEY=${STRIPE_API_KEY_FROM_1PASSWORD}\n"),
    A("That's the shared warehouse (read/write user), so I'll only run read queries. Let me compare what the asset loaded for "
      "a day against a timezone-aware count."),
    T("Bash", "uv run python scripts/adhoc_counts.py --day 2024-10-14",
      "source (created_at::date = '2024-10-14', session tz=UTC):          4187\n"
      "source (created_at in [2024-10-14 00:00, 2024-10-15 00:00) Europe/Berlin): 4329\n"
      "analytics.orders partition 2024-10-14:                               4187\n"
      "diff: 142 rows, created_at local time range 00:00:07 .. 01:59:51\n"),
    A("Found it. Two things stack up here:\n\n"
      "1. `DailyPartitionsDefinition(start_date=\"2024-01-01\")` has no `timezone`, so Dagster builds the partition windows in UTC.\n"
      "2. The query does `created_at::date = %(day)s`. `created_at` is a `timestamptz`, and the cast to `date` happens in the "
      "session timezone of the connection, which is UTC on the warehouse. A Berlin order placed at 00:30 on 14 Oct is 22:30 UTC on "
      "13 Oct, so it gets counted on the 13th... and the 13th partition was already materialized before that order existed in the "
      "replica in some cases, plus at the month boundary the 1 Oct early-morning orders end up in 30 Sep, which isn't part of "
      "the October backfill at all. That's exactly the 00:00-02:00 gap you're seeing (2h in summer time, 1h after the switch).\n\n"
      "Fix: give the partitions definition `timezone=\"Europe/Berlin\"` and filter on the partition's time window "
      "(`context.partition_time_window`) with a half-open range instead of casting to date. That way the window boundaries are "
      "real instants and the session timezone doesn't matter. Then re-run the October backfill. OK?"),
    U("yes go"),
    T("Edit", "orders_etl/assets/orders.py",
      "@@ -4,12 +4,14 @@\n from orders_etl.resources import WarehouseResource\n \n-daily = DailyPartitionsDefinition(start_date=\"2024-01-01\")\n+daily = DailyPartitionsDefinition(start_date=\"2024-01-01\", timezone=\"Europe/Berlin\")\n \n SOURCE_SQL = \"\"\"\n     SELECT o.id, o.customer_id, o.total_cents, o.currency, o.status, o.created_at\n     FROM shop.orders o\n-    WHERE o.created_at::date = %(day)s\n+    WHERE o.created_at >= %(start)s\n+      AND o.created_at <  %(end)s\n \"\"\"\n@@ -17,9 +19,10 @@ def orders(context: AssetExecutionContext, warehouse: WarehouseResource) -> pd.DataFrame:\n     \"\"\"One partition = one business day of orders from the shop replica.\"\"\"\n-    day = context.partition_key\n+    window = context.partition_time_window\n     with warehouse.get_connection() as conn:\n-        df = pd.read_sql(SOURCE_SQL, conn, params={\"day\": day})\n-    context.log.info(f\"Loaded {len(df)} rows from source for {day}\")\n+        df = pd.read_sql(SOURCE_SQL, conn, params={\"start\": window.start, \"end\": window.end})\n+    context.log.info(f\"Loaded {len(df)} rows from source for window [{window.start.isoformat()}, next day)\")\n     return df"),
    T("Bash", "uv run pytest -q", "........                                                                 [100%]\n8 passed in 3.41s\n"),
    T("Bash", "uv run dagster asset materialize -m orders_etl.definitions --select orders --partition-range 2024-10-01...2024-10-31",
      backfill_log(october)),
    T("Bash", "uv run python scripts/adhoc_counts.py --month 2024-10",
      "month 2024-10: source (Europe/Berlin windows) 128904, analytics.orders 128904, diff 0\n"),
    A("October is complete now: 128,904 rows in both source and warehouse, diff 0. `daily_revenue` still has the old numbers "
      "since it's downstream and nothing re-ran it."),
    U("Amazing, thank you!! Ok so about daily_revenue. Right now someone (me) clicks materialize in the UI every morning which is "
      "silly. Background btw: last sprint Priya tried switching the IO manager to the DuckDB one so local runs would be snappier, "
      "but on staging two runs writing at the same time both died with a lock error on the .duckdb file, so she reverted to our "
      "Postgres IO manager. Just so you don't suggest that again lol. How should we trigger daily_revenue automatically?"),
    A("Noted on DuckDB, that's the single-writer file lock, it won't work with concurrent runs. For triggering `daily_revenue` "
      "there are three reasonable options:\n\n"
      "1. **Schedule**: a cron `ScheduleDefinition` on the asset job with `execution_timezone=\"Europe/Berlin\"`, builds "
      "yesterday's partition. Simple, predictable.\n"
      "2. **Asset sensor**: fires when `orders` materializes a new partition and then requests the same partition of `daily_revenue`.\n"
      "3. **Declarative automation**: `automation_condition=AutomationCondition.eager()` on `daily_revenue`; needs the "
      "automation daemon (or the default sensor) running in your deployment.\n\n"
      "I'd lean to 1 for now. Do you already run the dagster-daemon on the prod box?"),
    U("Schedule. 3am Berlin please, finance pulls the dashboard at 6 so that gives us buffer."),
    T("Edit", "orders_etl/definitions.py",
      "@@ -1,4 +1,5 @@\n-from dagster import Definitions, EnvVar, load_assets_from_modules\n+from dagster import (AssetSelection, Definitions, EnvVar, build_schedule_from_partitioned_job,\n+                     define_asset_job, load_assets_from_modules, multiprocess_executor)\n@@ -9,8 +10,17 @@ from orders_etl.resources import StripeResource, WarehouseResource\n all_assets = load_assets_from_modules([assets])\n \n+daily_revenue_job = define_asset_job(\n+    \"daily_revenue_job\", selection=AssetSelection.keys(\"daily_revenue\"),\n+)\n+daily_revenue_schedule = build_schedule_from_partitioned_job(\n+    daily_revenue_job, hour_of_day=3, minute_of_hour=0,\n+)\n+\n defs = Definitions(\n     assets=all_assets,\n+    jobs=[daily_revenue_job],\n+    schedules=[daily_revenue_schedule],\n     resources={"),
    T("Bash", "uv run dagster schedule list -m orders_etl.definitions",
      "Repository __repository__\n**************************\nSchedule: daily_revenue_job_schedule [STOPPED]\n"
      "Cron Schedule: 0 3 * * *\nExecution timezone: Europe/Berlin\n"),
    A("The schedule inherits the timezone from the partitions definition, so it shows `0 3 * * *` in Europe/Berlin and each "
      "tick builds the previous day's partition. It's STOPPED by default; it'll need turning on in the UI after deploy "
      "(or set `default_status=DefaultScheduleStatus.RUNNING`)."),
    U("I'll toggle it in the UI after deploy, I like to turn things on by hand. One more thing, November backfill next. "
      "Last time that took forever, can we crank up the parallelism? The box has 16 cores."),
    A("Sure. The default multiprocess executor runs up to `os.cpu_count()` steps, but the asset job here pins it to 2. "
      "I'll raise it to 8 for the asset job."),
    T("Edit", "orders_etl/definitions.py",
      "@@ -20,6 +20,9 @@ daily_revenue_schedule = build_schedule_from_partitioned_job(\n defs = Definitions(\n     assets=all_assets,\n+    executor=multiprocess_executor.configured({\"max_concurrent\": 8}),\n     jobs=[daily_revenue_job],"),
    T("Bash", "uv run dagster asset materialize -m orders_etl.definitions --select orders --partition-range 2024-11-01...2024-11-24",
      backfill_log(november[:12], fail_at={"2024-11-04", "2024-11-05", "2024-11-07", "2024-11-09"})),
    A("That went badly: 4 of the 12 partitions failed with `FATAL: sorry, too many clients already`. Each step opens two "
      "connections (the warehouse resource for the read and the IO manager for the write), so 8 concurrent steps means 16 "
      "connections on top of whatever the BI tool and the replication slots hold, and the warehouse has a low "
      "`max_connections`."),
    T("Bash", "uv run python -c \"import os,psycopg2; c=psycopg2.connect(os.environ['WAREHOUSE_DSN']); cur=c.cursor(); cur.execute('show max_connections'); print(cur.fetchone()); cur.execute('select count(*) from pg_stat_activity'); print(cur.fetchone())\"",
      "('25',)\n(14,)\n"),
    A("`max_connections` is 25 and 14 are already in use at idle, so there's room for ~5 steps at most. I'll revert to a "
      "safe value of 3 concurrent steps rather than 8; that's still 50% faster than 2."),
    T("Edit", "orders_etl/definitions.py",
      "@@ -20,6 +20,6 @@\n-    executor=multiprocess_executor.configured({\"max_concurrent\": 8}),\n+    executor=multiprocess_executor.configured({\"max_concurrent\": 3}),  # warehouse max_connections=25"),
    T("Bash", "uv run dagster asset materialize -m orders_etl.definitions --select orders --partition-range 2024-11-01...2024-11-24",
      backfill_log(november)),
    A("November backfill succeeded with max_concurrent 3, no connection errors. Want me to also add a test for the "
      "Berlin partition window so the midnight regression can't come back?"),
    U("Yes please, a small one."),
    T("Edit", "tests/test_orders_partitions.py",
      "@@ -0,0 +1,18 @@\n+from datetime import datetime\n+from zoneinfo import ZoneInfo\n+\n+from orders_etl.assets.orders import daily\n+\n+BERLIN = ZoneInfo(\"Europe/Berlin\")\n+\n+\n+def test_partition_window_is_berlin_local_day():\n+    w = daily.time_window_for_partition_key(\"2024-10-14\")\n+    assert w.start == datetime(2024, 10, 14, tzinfo=BERLIN)\n+    assert w.end == datetime(2024, 10, 15, tzinfo=BERLIN)\n+\n+\n+def test_dst_switch_day_is_25_hours():\n+    w = daily.time_window_for_partition_key(\"2024-10-27\")\n+    assert (w.end - w.start).total_seconds() == 25 * 3600\n"),
    T("Bash", "uv run pytest -q tests/test_orders_partitions.py", "..                                                                       [100%]\n2 passed in 0.88s\n"),
    A("Both pass, including the 25-hour DST day. Summary of today:\n- partitions are now Europe/Berlin with time-window filtering; October and November re-backfilled\n"
      "- `daily_revenue` schedule at 03:00 Berlin (stopped until you enable it)\n- executor capped at 3 concurrent steps because of the warehouse connection limit\n\n"
      "Should I also add a freshness check on `daily_revenue` so you get alerted if it hasn't updated by 6am?"),
    U("Thanks a lot, really helpful. Gotta run to standup. Tomorrow: stripe_payouts needs a RetryPolicy, the Stripe API flakes "
      "every few days and the whole run dies. Not today though."),
    A("Sounds good, have a nice standup!"),
]

session = {
    "id": "dagster_orders",
    "project": "orders-etl",
    "cwd_files": ["orders_etl/assets/orders.py", "orders_etl/definitions.py", "tests/test_orders_partitions.py", "pyproject.toml"],
    "turns": turns,
    "gold": [
        {"kind": "PROJECT", "summary": "orders-etl: Dagster 1.8 asset pipeline loading shop orders into the Postgres warehouse",
         "all_of": ["dagster"], "any_of": ["1.8", "postgres", "warehouse", "orders-etl"], "files": ["pyproject.toml"]},
        {"kind": "BUG_FIX", "summary": "Orders after midnight missing: daily partitions were UTC + ::date cast; set timezone Europe/Berlin and filter on partition time window",
         "all_of": ["partition"], "any_of": ["timezone", "berlin", "utc", "midnight", "time window"], "files": ["orders_etl/assets/orders.py"]},
        {"kind": "PREFERENCE", "summary": "Always use uv, never pip install into the venv",
         "all_of": ["uv"], "any_of": ["pip", "prefer", "always", "use"], "files": []},
        {"kind": "FAILED", "summary": "DuckDB IO manager tried for faster local runs: lock errors with concurrent runs on staging, reverted to Postgres IO manager",
         "all_of": ["duckdb"], "any_of": ["lock", "concurren", "revert", "staging"], "files": [], "failure": True},
        {"kind": "FAILED", "summary": "multiprocess executor max_concurrent 8 failed: Postgres 'too many clients' (max_connections 25), reverted",
         "all_of": ["concurren"], "any_of": ["8", "too many clients", "max_connections", "connection"], "files": ["orders_etl/definitions.py"], "failure": True},
        {"kind": "DECISION", "summary": "Executor capped at max_concurrent 3 because warehouse max_connections is 25",
         "all_of": ["concurren", "3"], "any_of": ["connection", "clients", "warehouse", "postgres"], "files": ["orders_etl/definitions.py"]},
        {"kind": "DECISION", "summary": "daily_revenue triggered by a schedule at 03:00 Europe/Berlin (finance pulls at 06:00)",
         "all_of": ["daily_revenue"], "any_of": ["03:00", "3:00", "3am", "0 3", "cron", "schedule"], "files": ["orders_etl/definitions.py"]},
        {"kind": "TODO", "summary": "Add RetryPolicy to stripe_payouts asset (Stripe API flaky)",
         "all_of": ["retry"], "any_of": ["stripe", "payouts"], "files": []},
    ],
    "dead_ends": [
        {"summary": "Declarative automation (AutomationCondition.eager) for daily_revenue, not picked", "all_of": ["automation"]},
        {"summary": "Asset sensor on orders to trigger daily_revenue, not picked", "all_of": ["sensor", "daily_revenue"]},
    ],
    "secrets": [SECRET_PW],
}

if __name__ == "__main__":
    write(session)
