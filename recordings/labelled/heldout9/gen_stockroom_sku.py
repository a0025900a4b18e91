"""Session: Flask + SQLAlchemy + Alembic (chatty user, long tool output)."""
import random
from _common import U, A, T, write

random.seed(9)
PW = "Tq8#vWz2Lp4m"

ts_state = [9 * 3600 + 52 * 60 + 3, 0]


def ts():
    ts_state[1] += random.randint(1, 9)
    if ts_state[1] >= 1000:
        ts_state[0] += 1
        ts_state[1] -= 1000
    s = ts_state[0]
    return f"2026-11-25 {s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d},{ts_state[1]:03d}"


def sql(line):
    return f"{ts()} INFO sqlalchemy.engine.Engine {line}"


def param(p, cached=None):
    tag = f"[cached since {cached:.4g}s ago]" if cached else f"[generated in {random.uniform(0.00008, 0.0004):.5f}s]"
    return f"{ts()} INFO sqlalchemy.engine.Engine {tag} {p}"


SKUS = ["BOLT-M6-30", "BOLT-M8-40", "NUT-M6", "NUT-M8", "WASH-M6", "HINGE-75", "CASTER-50", "BRKT-L-90",
        "GLUE-PVA-1L", "TAPE-DUCT-50", "SCREW-4x40", "SCREW-5x60", "DOWEL-8", "PANEL-MDF-18"]
NAMES = ["Hex bolt M6x30", "Hex bolt M8x40", "Hex nut M6", "Hex nut M8", "Washer M6", "Butt hinge 75mm",
         "Swivel caster 50mm", "L bracket 90", "PVA glue 1L", "Duct tape 50m", "Wood screw 4x40",
         "Wood screw 5x60", "Beech dowel 8mm", "MDF panel 18mm"]


def setup_block():
    out = [sql("BEGIN (implicit)")]
    for code, name in [("A-01", "Aisle 1"), ("A-02", "Aisle 2"), ("B-01", "Back store")]:
        out.append(sql("INSERT INTO locations (code, name) VALUES (%(code)s::VARCHAR, %(name)s::VARCHAR) RETURNING locations.id"))
        out.append(param(f"{{'code': '{code}', 'name': '{name}'}}", random.uniform(0.01, 2)))
    return out


def item_inserts(n, with_sku=True):
    out = []
    for i in range(n):
        k = random.randrange(len(SKUS))
        if with_sku:
            out.append(sql("INSERT INTO items (sku, name, unit, reorder_level, location_id, created_at) VALUES "
                           "(%(sku)s::VARCHAR, %(name)s::VARCHAR, %(unit)s::VARCHAR, %(reorder_level)s::INTEGER, "
                           "%(location_id)s::INTEGER, now()) RETURNING items.id, items.created_at"))
            out.append(param(f"{{'sku': '{SKUS[k]}-{i}', 'name': '{NAMES[k]}', 'unit': 'pcs', "
                             f"'reorder_level': {random.choice([0, 5, 10, 25])}, 'location_id': {random.randint(1, 3)}}}",
                             random.uniform(0.001, 3)))
        else:
            out.append(sql("INSERT INTO items (name, unit, reorder_level, location_id, created_at) VALUES "
                           "(%(name)s::VARCHAR, %(unit)s::VARCHAR, %(reorder_level)s::INTEGER, "
                           "%(location_id)s::INTEGER, now()) RETURNING items.id, items.sku, items.created_at"))
            out.append(param(f"{{'name': '{NAMES[k]}', 'unit': 'pcs', 'reorder_level': 5, 'location_id': 1}}",
                             random.uniform(0.001, 3)))
    return out


def select_items():
    return [sql("SELECT items.id, items.sku, items.name, items.unit, items.reorder_level, items.location_id, "
                "items.created_at \nFROM items ORDER BY items.id \n LIMIT %(param_1)s::INTEGER OFFSET %(param_2)s::INTEGER"),
            param(f"{{'param_1': 50, 'param_2': {random.choice([0, 0, 50])}}}", random.uniform(0.01, 3))]


def stock_moves(n):
    out = []
    for _ in range(n):
        out.append(sql("SELECT items.id, items.sku, items.name, items.unit, items.reorder_level, items.location_id, "
                       "items.created_at \nFROM items \nWHERE items.id = %(pk_1)s::INTEGER FOR UPDATE"))
        out.append(param(f"{{'pk_1': {random.randint(1, 14)}}}", random.uniform(0.01, 3)))
        out.append(sql("INSERT INTO stock_moves (item_id, qty, reason, moved_at) VALUES (%(item_id)s::INTEGER, "
                       "%(qty)s::INTEGER, %(reason)s::VARCHAR, now()) RETURNING stock_moves.id, stock_moves.moved_at"))
        out.append(param(f"{{'item_id': {random.randint(1, 14)}, 'qty': {random.choice([-5, -2, 1, 3, 10, 24])}, "
                         f"'reason': '{random.choice(['receipt', 'pick', 'adjust', 'return'])}'}}", random.uniform(0.01, 3)))
        out.append(sql("SELECT coalesce(sum(stock_moves.qty), %(coalesce_1)s::INTEGER) AS coalesce_2 \nFROM stock_moves "
                       "\nWHERE stock_moves.item_id = %(item_id_1)s::INTEGER"))
        out.append(param(f"{{'coalesce_1': 0, 'item_id_1': {random.randint(1, 14)}}}", random.uniform(0.01, 3)))
    return out


def teardown():
    return [sql("ROLLBACK")]


TESTS = (
    [("tests/test_health.py", t) for t in ["test_healthz", "test_readyz_checks_db"]]
    + [("tests/test_locations.py", t) for t in ["test_list_locations", "test_create_location", "test_create_location_duplicate_code",
                                                "test_get_location_404", "test_rename_location", "test_delete_empty_location",
                                                "test_delete_location_with_items_409"]]
    + [("tests/test_stock_moves.py", t) for t in ["test_receipt_increases_stock", "test_pick_decreases_stock",
                                                  "test_pick_more_than_available_409", "test_adjustment_requires_reason",
                                                  "test_moves_for_item_ordered", "test_return_after_pick",
                                                  "test_concurrent_picks_serialised", "test_stock_level_endpoint",
                                                  "test_bulk_receipt", "test_bulk_receipt_rolls_back_on_error"]]
    + [("tests/test_items.py", t) for t in ["test_list_items_empty", "test_list_items_paginated", "test_create_item",
                                            "test_create_item_minimal", "test_create_item_requires_name", "test_get_item",
                                            "test_get_item_404", "test_update_item_reorder_level", "test_delete_item",
                                            "test_search_items_by_name", "test_low_stock_report"]]

)


def pytest_run_1():
    lines = ["============================= test session starts ==============================",
             "platform linux -- Python 3.12.3, pytest-8.3.3, pluggy-1.5.0 -- /home/maya/src/stockroom/.venv/bin/python",
             "cachedir: .pytest_cache",
             "rootdir: /home/maya/src/stockroom",
             "configfile: pyproject.toml",
             "plugins: cov-5.0.0, anyio-4.6.2",
             "collected 30 items", ""]
    fail_at = "test_create_item_minimal"
    for path, name in TESTS:
        block = setup_block()
        if "stock" in path:
            n = 14 if "bulk" in name else random.randint(2, 5)
            block += item_inserts(random.randint(3, 6)) + stock_moves(n)
        elif "items" in path and name != fail_at:
            block += item_inserts(random.randint(4, 9)) + select_items()
        elif "location" in path:
            block += [sql("SELECT locations.id, locations.code, locations.name \nFROM locations ORDER BY locations.code"),
                      param("{}", random.uniform(0.01, 3))]
        if name == fail_at:
            block += item_inserts(1, with_sku=False)
            block.append(sql("ROLLBACK"))
            lines.append(f"{path}::{name} " + "\n".join(block))
            lines.append("FAILED")
            break
        block += teardown()
        lines.append(f"{path}::{name} " + "\n".join(block))
        lines.append("PASSED")
    lines += ["", "=================================== FAILURES ===================================",
              "___________________________ test_create_item_minimal ___________________________", "",
              "self = <sqlalchemy.engine.base.Connection object at 0x7f3a1c2b9e10>",
              "dialect = <sqlalchemy.dialects.postgresql.psycopg.PGDialect_psycopg object at 0x7f3a1c9d4a50>",
              "context = <sqlalchemy.dialects.postgresql.psycopg.PGExecutionContext_psycopg object at 0x7f3a1b8e2f90>", "",
              "    def _exec_single_context(",
              "        self,",
              "        dialect: Dialect,",
              "        context: ExecutionContext,",
              "        statement: Union[str, Compiled],",
              "        parameters: Optional[_AnyMultiExecuteParams],",
              "    ) -> CursorResult[Any]:",
              "        ...",
              ">           self.dialect.do_execute(",
              "                cursor, str_statement, effective_parameters, context",
              "            )", "",
              ".venv/lib/python3.12/site-packages/sqlalchemy/engine/base.py:1967: ",
              "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ",
              ".venv/lib/python3.12/site-packages/sqlalchemy/engine/default.py:941: in do_execute",
              "    cursor.execute(statement, parameters)",
              "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ",
              "",
              "self = <psycopg.Cursor [closed] [INERROR] (host=localhost database=stockroom_test) at 0x7f3a1b8e3d10>",
              "query = 'INSERT INTO items (name, unit, reorder_level, location_id, created_at) VALUES (%(name)s::VARCHAR, ...'",
              "params = {'location_id': 1, 'name': 'Washer M6', 'reorder_level': 5, 'unit': 'pcs'}", "",
              "    def execute(self, query, params=None, *, prepare=None, binary=None):",
              "        ...",
              "        except e._NO_TRACEBACK as ex:",
              ">           raise ex.with_traceback(None)",
              "E           psycopg.errors.NotNullViolation: null value in column \"sku\" of relation \"items\" violates not-null constraint",
              "E           DETAIL:  Failing row contains (31, null, Washer M6, pcs, 5, 1, 2026-11-25 09:52:41.220931+00).",
              "",
              ".venv/lib/python3.12/site-packages/psycopg/cursor.py:97: NotNullViolation", "",
              "The above exception was the direct cause of the following exception:", "",
              "client = <FlaskClient <Flask 'app'>>, location = <Location A-01>", "",
              "    def test_create_item_minimal(client, location):",
              "        resp = client.post(\"/api/items\", json={\"name\": \"Washer M6\", \"location_id\": location.id})",
              ">       assert resp.status_code == 201",
              "E       assert 500 == 201",
              "E        +  where 500 = <WrapperTestResponse streamed [500 INTERNAL SERVER ERROR]>.status_code", "",
              "tests/test_items.py:58: AssertionError",
              "=========================== short test summary info ============================",
              "FAILED tests/test_items.py::test_create_item_minimal - assert 500 == 201",
              "!!!!!!!!!!!!!!!!!!!!!!!!!! stopping after 1 failures !!!!!!!!!!!!!!!!!!!!!!!!!!!",
              "========================= 1 failed, 22 passed in 3.84s ========================="]
    return "\n".join(lines)


def pytest_run_2():
    lines = ["============================= test session starts ==============================",
             "platform linux -- Python 3.12.3, pytest-8.3.3, pluggy-1.5.0",
             "rootdir: /home/maya/src/stockroom",
             "configfile: pyproject.toml",
             "plugins: cov-5.0.0, anyio-4.6.2",
             "collected 31 items", ""]
    per_file = {}
    for path, name in TESTS + [("tests/test_items.py", "test_create_item_missing_sku_422")]:
        per_file.setdefault(path, []).append(name)
    for path, names in per_file.items():
        pct = 0
        lines.append(f"{path} {'.' * len(names)}")
    lines[-4:] = [l + " " * max(1, 60 - len(l)) + f"[{p:3d}%]" for l, p in zip(lines[-4:], [6, 29, 61, 100])]
    lines += ["", "============================== 31 passed in 3.91s =============================="]
    return "\n".join(lines)


PYPROJECT = '''[project]
name = "stockroom"
version = "0.9.3"
description = "Warehouse inventory API"
requires-python = ">=3.12"
dependencies = [
    "flask>=3.0,<3.1",
    "sqlalchemy>=2.0.30,<2.1",
    "alembic>=1.13",
    "psycopg[binary]>=3.2",
    "python-dotenv>=1.0",
    "gunicorn>=22.0",
]

[project.optional-dependencies]
dev = ["pytest>=8", "pytest-cov", "ruff>=0.6"]

[tool.pytest.ini_options]
testpaths = ["tests"]
addopts = "-ra"

[tool.ruff]
line-length = 100
target-version = "py312"
'''

MODELS_INIT = '''from app.models.location import Location
from app.models.item import Item
from app.models.stock_move import StockMove

__all__ = ["Location", "Item", "StockMove"]
'''

ITEM_PY = '''from datetime import datetime

from sqlalchemy import ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    unit: Mapped[str] = mapped_column(String(16), default="pcs")
    reorder_level: Mapped[int] = mapped_column(default=0)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    location: Mapped["Location"] = relationship(back_populates="items")
    moves: Mapped[list["StockMove"]] = relationship(back_populates="item", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Item {self.id} {self.name!r}>"
'''

ENV_PY = '''from logging.config import fileConfig
import os

from alembic import context
from dotenv import load_dotenv
from sqlalchemy import engine_from_config, pool

from app.db import Base

load_dotenv()

config = context.config
config.set_main_option("sqlalchemy.url", os.environ["DATABASE_URL"])

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = Base.metadata


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"}, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

AUTOGEN_OUT = '''INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.
INFO  [alembic.runtime.migration] Will assume transactional DDL.
INFO  [alembic.autogenerate.compare] Detected removed index 'ix_items_name' on 'items'
INFO  [alembic.autogenerate.compare] Detected removed table 'stock_moves'
INFO  [alembic.autogenerate.compare] Detected removed table 'items'
INFO  [alembic.autogenerate.compare] Detected removed table 'locations'
  Generating /home/maya/src/stockroom/migrations/versions/7c1e0a9d4b2f_add_sku.py ...  done'''

AUTOGEN_OK = '''INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.
INFO  [alembic.runtime.migration] Will assume transactional DDL.
INFO  [alembic.autogenerate.compare] Detected added column 'items.sku'
INFO  [alembic.autogenerate.compare] Detected added unique constraint 'uq_items_sku' on '('sku',)'
  Generating /home/maya/src/stockroom/migrations/versions/b41f6d2e8a13_add_sku_to_items.py ...  done'''

MIG_V1 = '''"""add sku to items

Revision ID: b41f6d2e8a13
Revises: 3e9d27c5f0a1
Create Date: 2026-11-25 09:47:12.503316

"""
from alembic import op
import sqlalchemy as sa

revision = "b41f6d2e8a13"
down_revision = "3e9d27c5f0a1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("items", sa.Column("sku", sa.String(length=64), nullable=False))
    op.create_unique_constraint("uq_items_sku", "items", ["sku"])


def downgrade() -> None:
    op.drop_constraint("uq_items_sku", "items", type_="unique")
    op.drop_column("items", "sku")
'''

UPGRADE_FAIL = '''INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.
INFO  [alembic.runtime.migration] Will assume transactional DDL.
INFO  [alembic.runtime.migration] Running upgrade 3e9d27c5f0a1 -> b41f6d2e8a13, add sku to items
Traceback (most recent call last):
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 1967, in _exec_single_context
    self.dialect.do_execute(
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/sqlalchemy/engine/default.py", line 941, in do_execute
    cursor.execute(statement, parameters)
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/psycopg/cursor.py", line 97, in execute
    raise ex.with_traceback(None)
psycopg.errors.NotNullViolation: column "sku" of relation "items" contains null values

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/home/maya/src/stockroom/.venv/bin/alembic", line 8, in <module>
    sys.exit(main())
             ^^^^^^
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/alembic/config.py", line 636, in main
    CommandLine(prog=prog).main(argv=argv)
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/alembic/config.py", line 626, in main
    self.run_cmd(cfg, options)
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/alembic/config.py", line 603, in run_cmd
    fn(
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/alembic/command.py", line 406, in upgrade
    script.run_env()
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/alembic/script/base.py", line 582, in run_env
    util.load_python_file(self.dir, "env.py")
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/alembic/util/pyfiles.py", line 95, in load_python_file
    module = load_module_py(module_id, path)
  File "/home/maya/src/stockroom/migrations/env.py", line 50, in <module>
    run_migrations_online()
  File "/home/maya/src/stockroom/migrations/env.py", line 44, in run_migrations_online
    context.run_migrations()
  File "/home/maya/src/stockroom/migrations/versions/b41f6d2e8a13_add_sku_to_items.py", line 20, in upgrade
    op.add_column("items", sa.Column("sku", sa.String(length=64), nullable=False))
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/alembic/operations/ops.py", line 2039, in add_column
    return operations.invoke(op)
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/alembic/ddl/impl.py", line 330, in add_column
    self._exec(base.AddColumn(table_name, column, schema=schema))
  File "/home/maya/src/stockroom/.venv/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 1418, in execute
    return meth(
sqlalchemy.exc.IntegrityError: (psycopg.errors.NotNullViolation) column "sku" of relation "items" contains null values
[SQL: ALTER TABLE items ADD COLUMN sku VARCHAR(64) NOT NULL]
(Background on this error at: https://sqlalche.me/e/20/gkpj)'''

MIG_V2 = '''@@ def upgrade() -> None:
-    op.add_column("items", sa.Column("sku", sa.String(length=64), nullable=False))
-    op.create_unique_constraint("uq_items_sku", "items", ["sku"])
+    # 1. add as nullable so existing rows are accepted
+    op.add_column("items", sa.Column("sku", sa.String(length=64), nullable=True))
+    # 2. backfill existing rows with a placeholder the warehouse team can recognise
+    op.execute("UPDATE items SET sku = 'LEGACY-' || id WHERE sku IS NULL")
+    # 3. only now enforce uniqueness and NOT NULL
+    op.create_unique_constraint("uq_items_sku", "items", ["sku"])
+    op.alter_column("items", "sku", existing_type=sa.String(length=64), nullable=False)'''

UPGRADE_OK = '''INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.
INFO  [alembic.runtime.migration] Will assume transactional DDL.
INFO  [alembic.runtime.migration] Running upgrade 3e9d27c5f0a1 -> b41f6d2e8a13, add sku to items'''

turns = [
    U("Morning!! Hope your day is going better than mine :) So, two things on stockroom today (our little warehouse "
      "inventory API — Flask 3, SQLAlchemy 2.0, plain Alembic, Postgres 16 underneath). First: items need a `sku` column, "
      "unique and required. Second and more scary: I ran `alembic revision --autogenerate` yesterday to start on the sku "
      "thing and it generated a migration that DROPS EVERY TABLE. I did not run it, I'm not that brave, but what on earth. "
      "Oh and before you suggest it — we ripped Flask-Migrate out last year on purpose, it hid too much of what alembic was "
      "doing and nobody understood the migrations anymore, so plain alembic commands please."),
    A("Good morning! Sounds like a fun one. Let me look at the project layout and the Alembic env first — a migration that "
      "drops every table almost always means autogenerate compared the database against an empty (or nearly empty) "
      "metadata object."),
    T("Bash", "git status --short && ls app app/models migrations migrations/versions", """ M app/models/item.py
?? migrations/versions/7c1e0a9d4b2f_add_sku.py
app:
__init__.py  api  config.py  db.py  models  services
app/models:
__init__.py  item.py  location.py  stock_move.py
migrations:
README  env.py  script.py.mako  versions
migrations/versions:
1a7b3c0f9e22_initial.py  3e9d27c5f0a1_stock_moves_reason.py  7c1e0a9d4b2f_add_sku.py  9f02d1c4aa57_locations_code_unique.py"""),
    T("Read", "pyproject.toml", PYPROJECT),
    T("Read", "migrations/env.py", ENV_PY),
    T("Read", "app/models/__init__.py", MODELS_INIT),
    T("Bash", "git log --oneline -5 -- app/db.py app/models", """e41c9a2 move declarative Base into app/db.py, split models into package
58d7f13 stock moves: add reason column
9a1e4b0 locations: unique code
2c6d8f1 initial schema"""),
    A("Found it. The refactor in `e41c9a2` moved `Base` into `app/db.py` and split the models into the `app/models/` "
      "package. `migrations/env.py` only does `from app.db import Base` — it never imports the model modules, so when "
      "Alembic runs, none of the `Item`/`Location`/`StockMove` classes have been defined yet and `Base.metadata` is empty. "
      "Autogenerate then diffs the live database (three tables) against an empty metadata and concludes you want to drop "
      "everything. Before the refactor the models lived in the same module as `Base`, so importing `Base` happened to "
      "register them.\n\nFix is one import in `env.py` so the metadata is populated before `target_metadata` is read. "
      "I'll also delete the bogus `7c1e0a9d4b2f_add_sku.py` that autogenerate left behind (it's untracked)."),
    T("Edit", "migrations/env.py", '''@@
 from sqlalchemy import engine_from_config, pool
 
 from app.db import Base
+import app.models  # noqa: F401  -- registers all models on Base.metadata (autogenerate needs them)
 
 load_dotenv()'''),
    T("Bash", "rm migrations/versions/7c1e0a9d4b2f_add_sku.py && cat .env", f"""FLASK_APP=app
FLASK_DEBUG=1
DATABASE_URL=postgresql+psycopg://stockroom:{PW}@localhost:5432/stockroom_dev
TEST_DATABASE_URL=postgresql+psycopg://stockroom:{PW}@localhost:5432/stockroom_test
LOG_LEVEL=info"""),
    A("Heads up: I printed `.env` to see which database Alembic targets and it contains the DB password in clear text — "
      "it's the local dev one so probably fine, but worth knowing it's now in this transcript.\n\nNow for the sku column, "
      "a design question on uniqueness. A few options:\n\n1. A plain unique constraint on `items.sku`.\n2. A partial unique "
      "index (`WHERE deleted_at IS NULL`) if you ever soft-delete items and want to reuse a SKU.\n3. Enforce uniqueness "
      "only in the service layer.\n\nWhich one fits?"),
    U("Plain constraint, we hard delete items anyway (the stock moves cascade). Option 3 makes me nervous. Go ahead with "
      "autogenerate now that it's fixed, curious to see it behave."),
    T("Edit", "app/models/item.py", '''@@ class Item(Base):
     id: Mapped[int] = mapped_column(primary_key=True)
+    sku: Mapped[str] = mapped_column(String(64), unique=True)
     name: Mapped[str] = mapped_column(String(200), index=True)'''),
    T("Bash", "alembic revision --autogenerate -m 'add sku to items'", AUTOGEN_OK),
    T("Edit", "migrations/versions/b41f6d2e8a13_add_sku_to_items.py", MIG_V1),
    T("Bash", "alembic upgrade head", UPGRADE_FAIL),
    A("That failed as it should have, honestly — my mistake for leaving the autogenerated migration as-is. `ADD COLUMN "
      "sku VARCHAR(64) NOT NULL` can't succeed on a table that already has rows, because every existing row would get NULL "
      "in a NOT NULL column. Postgres DDL is transactional so nothing was half-applied; the dev DB is still at "
      "`3e9d27c5f0a1`.\n\nThe safe way is three steps inside the migration: add the column as nullable, backfill the "
      "existing rows, then add the unique constraint and flip it to NOT NULL. What should existing items get as a SKU? I'd "
      "suggest `LEGACY-<id>` so they are unique and easy to spot."),
    U("LEGACY-<id> works, the warehouse people will relabel them over the next months anyway. Honestly I should have "
      "remembered this, we did the exact same dance for `stock_moves.reason`. Let's just always do it that way for "
      "required columns — nullable, backfill, then not null."),
    T("Edit", "migrations/versions/b41f6d2e8a13_add_sku_to_items.py", MIG_V2),
    T("Bash", "alembic upgrade head && psql \"$DATABASE_URL\" -c 'select count(*) filter (where sku like $$LEGACY-%$$) as legacy, count(*) from items'",
      UPGRADE_OK + """
 legacy | count
--------+-------
    412 |   412
(1 row)"""),
    T("Bash", "alembic revision --autogenerate -m 'noop check' && cat migrations/versions/*_noop_check.py | sed -n '/def upgrade/,/def downgrade/p'",
      """INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.
INFO  [alembic.runtime.migration] Will assume transactional DDL.
  Generating /home/maya/src/stockroom/migrations/versions/e07a51c3d9b8_noop_check.py ...  done
def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    pass
    # ### end Alembic commands ###


def downgrade() -> None:"""),
    A("Autogenerate now produces an empty migration against the upgraded DB, so the metadata and the schema agree. I'll "
      "delete that no-op file. Next I'll run the test suite; the API still lets clients create items without a SKU, so I "
      "expect at least one failure."),
    U("yes please. warning: the test config has SQLALCHEMY echo on, so it's going to be a wall of SQL. run it with -s "
      "anyway, I like seeing what it actually sends"),
    T("Bash", "rm migrations/versions/e07a51c3d9b8_noop_check.py && pytest -x -v -s", pytest_run_1()),
    A("As expected: `test_create_item_minimal` posts an item without a `sku`, the insert hits the new NOT NULL constraint "
      "and the view lets the `IntegrityError` bubble up as a 500. The API should reject that with a 422 before touching "
      "the database. Let me look at the items endpoint."),
    T("Read", "app/api/items.py", '''from flask import Blueprint, abort, jsonify, request
from sqlalchemy import select

from app.db import db_session
from app.models import Item

bp = Blueprint("items", __name__, url_prefix="/api/items")

REQUIRED = ("name", "location_id")


@bp.post("")
def create_item():
    data = request.get_json(silent=True) or {}
    missing = [f for f in REQUIRED if not data.get(f)]
    if missing:
        return jsonify(error=f"missing fields: {', '.join(missing)}"), 422
    item = Item(**{k: data[k] for k in ("name", "unit", "reorder_level", "location_id") if k in data})
    db_session.add(item)
    db_session.commit()
    return jsonify(item.to_dict()), 201


@bp.get("/<int:item_id>")
def get_item(item_id: int):
    item = db_session.query(Item).get(item_id)
    if item is None:
        abort(404)
    return jsonify(item.to_dict())
'''),
    A("I'll add `sku` to `REQUIRED`, pass it through to the model, and update the test: `test_create_item_minimal` "
      "becomes a minimal item *with* a SKU, plus a new `test_create_item_missing_sku_422`. While I'm here, "
      "`get_item` uses `db_session.query(Item).get(...)`, which is the legacy API — want me to switch that to "
      "`db_session.get(Item, item_id)`?"),
    U("Yes — in general use the 2.0 style everywhere you touch (select(), session.get, scalars), not session.query. We're "
      "slowly migrating off the legacy Query API, no big bang, just boy-scout it when you're in a file."),
    T("Edit", "app/api/items.py", '''@@
-REQUIRED = ("name", "location_id")
+REQUIRED = ("sku", "name", "location_id")
@@ def create_item():
-    item = Item(**{k: data[k] for k in ("name", "unit", "reorder_level", "location_id") if k in data})
+    item = Item(**{k: data[k] for k in ("sku", "name", "unit", "reorder_level", "location_id") if k in data})
     db_session.add(item)
-    db_session.commit()
+    try:
+        db_session.commit()
+    except IntegrityError:
+        db_session.rollback()
+        return jsonify(error=f"sku {data['sku']!r} already exists"), 409
     return jsonify(item.to_dict()), 201
@@ def get_item(item_id: int):
-    item = db_session.query(Item).get(item_id)
+    item = db_session.get(Item, item_id)'''),
    T("Edit", "tests/test_items.py", '''@@
 def test_create_item_minimal(client, location):
-    resp = client.post("/api/items", json={"name": "Washer M6", "location_id": location.id})
+    resp = client.post("/api/items", json={"sku": "WASH-M6", "name": "Washer M6", "location_id": location.id})
     assert resp.status_code == 201
+
+
+def test_create_item_missing_sku_422(client, location):
+    resp = client.post("/api/items", json={"name": "Washer M6", "location_id": location.id})
+    assert resp.status_code == 422
+    assert "sku" in resp.get_json()["error"]'''),
    T("Bash", "pytest -q", pytest_run_2()),
    A("All 31 green. Summary of the changes:\n\n- `migrations/env.py`: imports `app.models` so autogenerate sees the "
      "models again (root cause of the drop-everything migration).\n- New migration `b41f6d2e8a13`: adds `items.sku` "
      "nullable, backfills `LEGACY-<id>`, adds `uq_items_sku`, then sets NOT NULL.\n- `app/api/items.py`: `sku` required "
      "(422 when missing, 409 on duplicates), `get_item` on `session.get`.\n\nOne question for the downgrade: right now "
      "it just drops the column, so the LEGACY values are lost if someone downgrades and upgrades again (they'd be "
      "regenerated identically, so it's harmless unless relabelled SKUs exist by then). Do you want the downgrade to "
      "refuse when non-LEGACY SKUs exist?"),
    U("Ha, good point, let me think about that one. Amazing work, thanks a lot. One more thing for later, not today: the "
      "nightly CSV importer (scripts/import_csv.py) still creates items without sku, it'll start blowing up tonight "
      "probably. Can you leave a note / TODO? I'll pick it up tomorrow with Jonas since he owns that script."),
    T("Edit", "scripts/import_csv.py", '''@@ def row_to_item(row: dict) -> Item:
+    # TODO(maya/jonas): sku is NOT NULL since b41f6d2e8a13 — map the "Article no." column to sku
+    #   and reject rows without it, otherwise the nightly import fails on insert.
     return Item('''),
    T("Bash", "git add -A && git commit -m 'items: add required unique sku; fix env.py model import for autogenerate'",
      """[main 6b0d3f4] items: add required unique sku; fix env.py model import for autogenerate
 5 files changed, 48 insertions(+), 6 deletions(-)
 create mode 100644 migrations/versions/b41f6d2e8a13_add_sku_to_items.py"""),
    A("Committed as `6b0d3f4` and the TODO is in `scripts/import_csv.py` at `row_to_item`. Good luck with the importer "
      "tomorrow — and enjoy the rest of your day!"),
    U("you too, thanks!! 🙏"),
]

gold = [
    {"kind": "PROJECT", "summary": "stockroom: warehouse inventory API, Flask 3 + SQLAlchemy 2.0 + plain Alembic, Postgres 16",
     "all_of": ["stockroom"], "any_of": ["flask", "sqlalchemy", "alembic", "postgres", "inventory"]},
    {"kind": "DECISION", "summary": "Flask-Migrate removed on purpose (hid too much); use plain alembic commands",
     "all_of": ["flask-migrate"], "any_of": ["alembic", "removed", "hid", "plain", "not", "no "]},
    {"kind": "BUG_FIX", "summary": "autogenerate wanted to drop all tables: migrations/env.py did not import app.models after Base moved to app/db.py; added import",
     "all_of": ["env.py"], "any_of": ["app.models", "import", "metadata", "drop", "autogenerate"], "files": ["migrations/env.py"]},
    {"kind": "FAILED", "summary": "adding items.sku as NOT NULL in one step failed: existing rows contain null (NotNullViolation)",
     "all_of": ["sku"], "any_of": ["null", "existing rows", "notnullviolation", "one step"], "failure": True},
    {"kind": "PATTERN", "summary": "required columns are added in 3 steps: nullable, backfill, then NOT NULL",
     "all_of": ["backfill"], "any_of": ["nullable", "not null", "three", "3 steps", "then"]},
    {"kind": "DECISION", "summary": "existing items backfilled with sku LEGACY-<id>; unique constraint uq_items_sku (hard deletes)",
     "all_of": ["legacy"], "any_of": ["sku", "id", "backfill"]},
    {"kind": "PREFERENCE", "summary": "use SQLAlchemy 2.0 style (select, session.get) instead of legacy session.query in touched files",
     "all_of": ["query"], "any_of": ["select", "2.0", "legacy", "session.get"]},
    {"kind": "TODO", "summary": "nightly CSV importer scripts/import_csv.py must map Article no. to sku (with Jonas)",
     "all_of": ["csv"], "any_of": ["sku", "import", "article"], "files": ["scripts/import_csv.py"]},
]

write({
    "id": "stockroom_sku",
    "project": "stockroom",
    "cwd_files": ["app/models/item.py", "migrations/env.py", "app/api/items.py", "tests/test_items.py",
                  "migrations/versions/b41f6d2e8a13_add_sku_to_items.py", "scripts/import_csv.py"],
    "turns": turns,
    "gold": gold,
    "dead_ends": [
        {"summary": "partial unique index on sku WHERE deleted_at IS NULL (not chosen, items are hard deleted)",
         "all_of": ["partial"]},
        {"summary": "enforce sku uniqueness only in the service layer (rejected)", "all_of": ["service layer"]},
    ],
    "secrets": [PW],
    "supersedes": [],
})
