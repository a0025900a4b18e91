from _common import U, A, T, G, write

PYPROJECT = '''[project]
name = "stockroom-api"
version = "0.9.2"
requires-python = ">=3.11"
dependencies = [
    "fastapi==0.111.0",
    "uvicorn[standard]==0.29.0",
    "beanie==1.26.0",
    "motor==3.4.0",
    "pydantic==2.7.1",
    "pydantic-settings==2.2.1",
    "structlog==24.1.0",
]

[project.optional-dependencies]
dev = [
    "pytest==8.2.0",
    "pytest-asyncio==0.23.6",
    "httpx==0.27.0",
    "ruff==0.4.4",
    "mypy==1.10.0",
]

[tool.pytest.ini_options]
asyncio_mode = "auto"
testpaths = ["tests"]

[tool.ruff]
line-length = 100
'''

TREE = '''app:
__init__.py
config.py
db.py
main.py
models
routers
services

app/models:
__init__.py
item.py
order.py
supplier.py

app/routers:
__init__.py
items.py
orders.py
reports.py

app/services:
__init__.py
reports.py
stock.py

tests:
conftest.py
test_items.py
test_orders.py
test_reports.py
test_stock.py'''

LOGS = '''api-1  | 2026-11-24T16:02:11.402Z [info     ] starting stockroom-api          version=0.9.2
api-1  | 2026-11-24T16:02:11.405Z [info     ] connecting                      url=mongodb://stock_admin:Vq7pL2xR9mKt@mongo:27017/stockroom?authSource=admin
api-1  | 2026-11-24T16:02:11.731Z [info     ] beanie initialised              models=['Item', 'Order', 'Supplier']
api-1  | INFO:     Started server process [1]
api-1  | INFO:     Waiting for application startup.
api-1  | INFO:     Application startup complete.
api-1  | INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)
api-1  | INFO:     172.19.0.1:51422 - "GET /items?limit=50 HTTP/1.1" 200 OK
api-1  | INFO:     172.19.0.1:51422 - "GET /items/SKU-10442 HTTP/1.1" 200 OK
api-1  | INFO:     172.19.0.1:51430 - "POST /orders HTTP/1.1" 201 Created
api-1  | INFO:     172.19.0.1:51436 - "GET /reports/low-stock?days=14 HTTP/1.1" 500 Internal Server Error
api-1  | ERROR:    Exception in ASGI application
api-1  | Traceback (most recent call last):
api-1  |   File "/usr/local/lib/python3.11/site-packages/uvicorn/protocols/http/httptools_impl.py", line 411, in run_asgi
api-1  |     result = await app(  # type: ignore[func-returns-value]
api-1  |              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
api-1  |   File "/usr/local/lib/python3.11/site-packages/uvicorn/middleware/proxy_headers.py", line 69, in __call__
api-1  |     return await self.app(scope, receive, send)
api-1  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
api-1  |   File "/usr/local/lib/python3.11/site-packages/fastapi/applications.py", line 1054, in __call__
api-1  |     await super().__call__(scope, receive, send)
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/applications.py", line 123, in __call__
api-1  |     await self.middleware_stack(scope, receive, send)
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/middleware/errors.py", line 186, in __call__
api-1  |     raise exc
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/middleware/errors.py", line 164, in __call__
api-1  |     await self.app(scope, receive, _send)
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/middleware/exceptions.py", line 65, in __call__
api-1  |     await wrap_app_handling_exceptions(self.app, conn)(scope, receive, send)
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/_exception_handler.py", line 64, in wrapped_app
api-1  |     raise exc
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/_exception_handler.py", line 53, in wrapped_app
api-1  |     await app(scope, receive, sender)
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/routing.py", line 756, in __call__
api-1  |     await self.middleware_stack(scope, receive, send)
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/routing.py", line 776, in app
api-1  |     await route.handle(scope, receive, send)
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/routing.py", line 297, in handle
api-1  |     await self.app(scope, receive, send)
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/routing.py", line 77, in app
api-1  |     await wrap_app_handling_exceptions(app, request)(scope, receive, send)
api-1  |   File "/usr/local/lib/python3.11/site-packages/starlette/routing.py", line 72, in app
api-1  |     response = await func(request)
api-1  |                ^^^^^^^^^^^^^^^^^^^
api-1  |   File "/usr/local/lib/python3.11/site-packages/fastapi/routing.py", line 278, in app
api-1  |     raw_response = await run_endpoint_function(
api-1  |                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
api-1  |   File "/usr/local/lib/python3.11/site-packages/fastapi/routing.py", line 191, in run_endpoint_function
api-1  |     return await dependant.call(**values)
api-1  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
api-1  |   File "/app/app/routers/reports.py", line 21, in low_stock
api-1  |     return await reports.low_stock_report(days=days)
api-1  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
api-1  |   File "/app/app/services/reports.py", line 48, in low_stock_report
api-1  |     if item.last_restocked_at < cutoff and item.quantity <= item.reorder_level:
api-1  |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
api-1  | TypeError: can't compare offset-naive and offset-aware datetimes
api-1  | INFO:     172.19.0.1:51436 - "GET /reports/low-stock?days=30 HTTP/1.1" 500 Internal Server Error'''

DB_PY = '''from beanie import init_beanie
from motor.motor_asyncio import AsyncIOMotorClient
import structlog

from app.config import settings
from app.models import Item, Order, Supplier

log = structlog.get_logger()

client: AsyncIOMotorClient | None = None


async def init_db() -> None:
    global client
    log.info("connecting", url=settings.mongo_url)
    client = AsyncIOMotorClient(settings.mongo_url)
    await init_beanie(
        database=client[settings.mongo_db],
        document_models=[Item, Order, Supplier],
    )
    log.info("beanie initialised", models=["Item", "Order", "Supplier"])


async def close_db() -> None:
    if client is not None:
        client.close()'''

REPORTS_PY = '''from datetime import datetime, timedelta, timezone

from app.models import Item


async def low_stock_report(days: int = 14) -> list[dict]:
    cutoff = datetime.now(timezone.utc) - timedelta(days=days)
    out: list[dict] = []
    async for item in Item.find(Item.active == True):  # noqa: E712
        # only flag items that have not been restocked recently
        if item.last_restocked_at < cutoff and item.quantity <= item.reorder_level:
            out.append(
                {
                    "sku": item.sku,
                    "name": item.name,
                    "quantity": item.quantity,
                    "reorder_level": item.reorder_level,
                    "last_restocked_at": item.last_restocked_at.isoformat(),
                }
            )
    return out'''


def pytest_out(extra_fail=None, n_stock=6, new_tests=()):
    lines = ["============================= test session starts ==============================",
             "platform linux -- Python 3.11.9, pytest-8.2.0, pluggy-1.5.0 -- /home/marta/stockroom-api/.venv/bin/python",
             "cachedir: .pytest_cache",
             "rootdir: /home/marta/stockroom-api",
             "configfile: pyproject.toml",
             "plugins: asyncio-0.23.6, anyio-4.3.0",
             "asyncio: mode=Mode.AUTO",
             f"collected {17 + n_stock + len(new_tests)} items",
             ""]
    tests = [
        "tests/test_items.py::test_create_item", "tests/test_items.py::test_create_item_duplicate_payload",
        "tests/test_items.py::test_get_item_not_found", "tests/test_items.py::test_list_items_pagination",
        "tests/test_items.py::test_patch_item_price", "tests/test_items.py::test_deactivate_item",
        "tests/test_orders.py::test_create_order_single_line", "tests/test_orders.py::test_create_order_multi_line",
        "tests/test_orders.py::test_create_order_unknown_sku", "tests/test_orders.py::test_cancel_order_releases_stock",
        "tests/test_orders.py::test_order_totals", "tests/test_reports.py::test_low_stock_empty",
        "tests/test_reports.py::test_low_stock_flags_old_restock", "tests/test_reports.py::test_low_stock_ignores_recent",
        "tests/test_reports.py::test_low_stock_ignores_inactive", "tests/test_reports.py::test_supplier_lead_times",
        "tests/test_reports.py::test_low_stock_days_param",
    ]
    stock = ["tests/test_stock.py::test_reserve_ok", "tests/test_stock.py::test_reserve_insufficient",
             "tests/test_stock.py::test_reserve_unknown_sku", "tests/test_stock.py::test_release",
             "tests/test_stock.py::test_restock_updates_timestamp", "tests/test_stock.py::test_reserve_multi_line"][:n_stock]
    allt = tests + stock + list(new_tests)
    total = len(allt)
    for i, t in enumerate(allt, 1):
        res = "FAILED" if extra_fail and t in extra_fail else "PASSED"
        lines.append(f"{t} {res} [{int(i * 100 / total):3d}%]")
    return lines


def run_pass(n_stock=6, new_tests=(), secs="3.41"):
    lines = pytest_out(n_stock=n_stock, new_tests=new_tests)
    n = 17 + n_stock + len(new_tests)
    lines += ["", f"============================== {n} passed in {secs}s =============================="]
    return "\n".join(lines)


TXN_FAIL = "\n".join(pytest_out(extra_fail={"tests/test_stock.py::test_reserve_ok", "tests/test_stock.py::test_reserve_insufficient", "tests/test_stock.py::test_reserve_multi_line", "tests/test_orders.py::test_create_order_single_line", "tests/test_orders.py::test_create_order_multi_line", "tests/test_orders.py::test_cancel_order_releases_stock"})) + '''

=================================== FAILURES ===================================
___________________________________ test_reserve_ok ____________________________________

client = <httpx.AsyncClient object at 0x7f3c1a2b9d50>, seeded_items = [Item(sku='SKU-1', ...), Item(sku='SKU-2', ...)]

    async def test_reserve_ok(client, seeded_items):
>       await stock.reserve_stock([OrderLine(sku="SKU-1", qty=3)])

tests/test_stock.py:14:
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _
app/services/stock.py:31: in reserve_stock
    item = await Item.find_one(Item.sku == line.sku, session=session)
.venv/lib/python3.11/site-packages/beanie/odm/queries/find.py:1026: in _find_one
    return await self.document_model.get_motor_collection().find_one(
.venv/lib/python3.11/site-packages/motor/metaprogramming.py:75: in method
    return framework.run_on_executor(self.get_io_loop(), sync_method, *args, **kwargs)
/usr/lib/python3.11/concurrent/futures/thread.py:58: in run
    result = self.fn(*self.args, **self.kwargs)
.venv/lib/python3.11/site-packages/pymongo/collection.py:1505: in find_one
    for result in cursor.limit(-1):
.venv/lib/python3.11/site-packages/pymongo/cursor.py:1264: in next
    if len(self.__data) or self._refresh():
.venv/lib/python3.11/site-packages/pymongo/cursor.py:1181: in _refresh
    self.__send_message(q)
.venv/lib/python3.11/site-packages/pymongo/cursor.py:1058: in __send_message
    response = client._run_operation(
.venv/lib/python3.11/site-packages/pymongo/_csot.py:107: in csot_wrapper
    return func(self, *args, **kwargs)
.venv/lib/python3.11/site-packages/pymongo/mongo_client.py:1394: in _run_operation
    return self._retryable_read(
.venv/lib/python3.11/site-packages/pymongo/helpers.py:322: in _check_command_response
    raise OperationFailure(errmsg, code, response, max_wire_version)
E   pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, 'errmsg': 'Transaction numbers are only allowed on a replica set member or mongos', 'code': 20, 'codeName': 'IllegalOperation'}
_______________________________ test_reserve_insufficient ________________________________
E   pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, 'errmsg': 'Transaction numbers are only allowed on a replica set member or mongos', 'code': 20, 'codeName': 'IllegalOperation'}
_______________________________ test_reserve_multi_line _________________________________
E   pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, 'errmsg': 'Transaction numbers are only allowed on a replica set member or mongos', 'code': 20, 'codeName': 'IllegalOperation'}
_____________________________ test_create_order_single_line _____________________________
E   pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, 'errmsg': 'Transaction numbers are only allowed on a replica set member or mongos', 'code': 20, 'codeName': 'IllegalOperation'}
_____________________________ test_create_order_multi_line ______________________________
E   pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, 'errmsg': 'Transaction numbers are only allowed on a replica set member or mongos', 'code': 20, 'codeName': 'IllegalOperation'}
___________________________ test_cancel_order_releases_stock ____________________________
E   pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, 'errmsg': 'Transaction numbers are only allowed on a replica set member or mongos', 'code': 20, 'codeName': 'IllegalOperation'}
=========================== short test summary info ============================
FAILED tests/test_stock.py::test_reserve_ok - pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, ...
FAILED tests/test_stock.py::test_reserve_insufficient - pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, ...
FAILED tests/test_stock.py::test_reserve_multi_line - pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, ...
FAILED tests/test_orders.py::test_create_order_single_line - pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, ...
FAILED tests/test_orders.py::test_create_order_multi_line - pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, ...
FAILED tests/test_orders.py::test_cancel_order_releases_stock - pymongo.errors.OperationFailure: Transaction numbers are only allowed on a replica set member or mongos, full error: {'ok': 0.0, ...
========================= 6 failed, 17 passed in 4.02s =========================='''

STOCK_OLD = '''from fastapi import HTTPException

from app.models import Item, OrderLine


async def reserve_stock(lines: list[OrderLine]) -> None:
    """Decrement stock for every order line. Raises 409 if any line is short."""
    for line in lines:
        item = await Item.find_one(Item.sku == line.sku)
        if item is None:
            raise HTTPException(404, f"unknown sku {line.sku}")
        if item.quantity < line.qty:
            raise HTTPException(409, f"insufficient stock for {line.sku}")
        item.quantity -= line.qty
        await item.save()


async def release_stock(lines: list[OrderLine]) -> None:
    for line in lines:
        item = await Item.find_one(Item.sku == line.sku)
        if item is not None:
            item.quantity += line.qty
            await item.save()'''

session = {
    "id": "stockroom_beanie",
    "project": "stockroom-api",
    "cwd_files": ["pyproject.toml", "app/db.py", "app/services/stock.py", "app/services/reports.py",
                  "app/routers/orders.py", "app/models/item.py", "tests/test_stock.py", "docker-compose.yml"],
    "turns": [
        U("hey! hope you're having a good day :) so I've got this little inventory service, stockroom-api, "
          "it's FastAPI + Beanie on Mongo. Since yesterday the low-stock report endpoint blows up with a 500. "
          "Can you take a look? the traceback should be in the compose logs somewhere, I'll let you dig"),
        A("Happy to. Let me look at the dependencies and layout first, then the logs."),
        T("Read", "pyproject.toml", PYPROJECT),
        T("Bash", "ls app app/models app/routers app/services tests", TREE),
        T("Bash", "docker compose logs api --tail 60", LOGS),
        T("Read", "app/services/reports.py", REPORTS_PY),
        T("Read", "app/db.py", DB_PY),
        A("Found it. `low_stock_report` now builds the cutoff with `datetime.now(timezone.utc)` (timezone-aware), "
          "but `item.last_restocked_at` comes back from Mongo *naive*. BSON stores datetimes as UTC milliseconds "
          "with no zone, and PyMongo/Motor only attach `tzinfo=UTC` when the client is created with "
          "`tz_aware=True`; the default is `False`. So the comparison mixes naive and aware values and Python refuses.\n\n"
          "Rather than stripping the tzinfo off the cutoff (which would just hide the problem in the next place that "
          "uses an aware datetime), I'd make the client tz-aware so every datetime read back through Beanie is an aware "
          "UTC datetime. That's a one-line change in `app/db.py`."),
        T("Edit", "app/db.py",
          "@@ -15,7 +15,9 @@ async def init_db() -> None:\n     global client\n     log.info(\"connecting\", url=settings.mongo_url)\n"
          "-    client = AsyncIOMotorClient(settings.mongo_url)\n"
          "+    # BSON datetimes are UTC without tzinfo; tz_aware=True makes Motor return aware datetimes\n"
          "+    # so they can be compared with datetime.now(timezone.utc) (low-stock report crashed on this).\n"
          "+    client = AsyncIOMotorClient(settings.mongo_url, tz_aware=True)\n"
          "     await init_beanie(\n"),
        T("Bash", "pytest -q tests/test_reports.py", "......                                                                   [100%]\n6 passed in 1.12s"),
        T("Bash", "pytest -v", run_pass(secs="3.41")),
        A("All 23 tests pass, including `test_low_stock_flags_old_restock`. I also checked that nothing else compared "
          "against naive datetimes on purpose: `restock()` already writes `datetime.now(timezone.utc)`, so the fix is consistent."),
        U("oh nice, that was quick. yeah I changed the cutoff yesterday, my bad haha. While you're in there, the bigger "
          "thing: we had two oversold incidents this month. Two orders come in at the same time, both decrement the same "
          "item and we end up at -3 or so. reserve_stock is in services/stock.py. how would you fix it?"),
        T("Read", "app/services/stock.py", STOCK_OLD),
        A("Yes, that's a classic read-modify-write race: both requests read `quantity=5`, both pass the check, both save "
          "`quantity=5-qty`, and the last `save()` wins (or, with different quantities, you go negative). A few ways out:\n\n"
          "1. **Multi-document transaction**: open a Motor session, `start_transaction()`, do the reads and writes with "
          "`session=`; gives all-or-nothing across the order's lines.\n"
          "2. **Beanie optimistic concurrency**: set `use_revision = True` in `Item.Settings`, Beanie then checks "
          "`revision_id` on save and raises `RevisionIdWasChanged`; we'd retry the reservation on conflict.\n"
          "3. **Atomic conditional update**: a single `update_one` that only matches when enough stock is left: "
          "`Item.find_one(Item.sku == sku, Item.quantity >= qty).update(Inc({Item.quantity: -qty}))`. If it modifies 0 "
          "documents the stock was short. One round trip, no retries, no read at all.\n\n"
          "For single-line orders I'd go with 3. Do orders ever have more than one line? If they do, 3 needs a compensation "
          "step (put back the lines already reserved when a later one fails)."),
        U("yes orders can have multiple lines. let's try the transaction first then, it feels like the most 'correct' one"),
        T("Edit", "app/services/stock.py",
          "@@ -1,17 +1,25 @@\n from fastapi import HTTPException\n \n+from app import db\n from app.models import Item, OrderLine\n \n \n async def reserve_stock(lines: list[OrderLine]) -> None:\n     \"\"\"Decrement stock for every order line. Raises 409 if any line is short.\"\"\"\n-    for line in lines:\n-        item = await Item.find_one(Item.sku == line.sku)\n-        if item is None:\n-            raise HTTPException(404, f\"unknown sku {line.sku}\")\n-        if item.quantity < line.qty:\n-            raise HTTPException(409, f\"insufficient stock for {line.sku}\")\n-        item.quantity -= line.qty\n-        await item.save()\n+    async with await db.client.start_session() as session:\n+        async with session.start_transaction():\n+            for line in lines:\n+                item = await Item.find_one(Item.sku == line.sku, session=session)\n+                if item is None:\n+                    raise HTTPException(404, f\"unknown sku {line.sku}\")\n+                if item.quantity < line.qty:\n+                    raise HTTPException(409, f\"insufficient stock for {line.sku}\")\n+                item.quantity -= line.qty\n+                await item.save(session=session)\n"),
        T("Bash", "pytest -v", TXN_FAIL),
        A("That's the local Mongo: the `mongo` service in `docker-compose.yml` runs `mongo:7` as a **standalone** server, and "
          "MongoDB only supports transactions on a replica set member or mongos, hence `IllegalOperation` (code 20). Atlas in "
          "prod is a replica set, so it would work there, but not locally or in CI. To keep this approach we'd have to turn "
          "the compose service into a single-node replica set (`command: [\"--replSet\", \"rs0\"]` plus an init container that "
          "runs `rs.initiate()`), and everyone running Mongo outside compose would need the same."),
        U("hmm no. I don't want to mess with the compose setup, half the team runs mongo from homebrew. And honestly on the old "
          "project we had a ton of pain with transactions anyway (TransientTransactionError retries everywhere). revert that, "
          "let's do your option 3 with the atomic update and compensate if a later line fails"),
        T("Bash", "git checkout -- app/services/stock.py && git status --short", " M app/db.py"),
        T("Edit", "app/services/stock.py",
          "@@ -1,17 +1,42 @@\n from fastapi import HTTPException\n+from beanie.odm.operators.update.general import Inc\n \n from app.models import Item, OrderLine\n \n \n+async def _take(sku: str, qty: int) -> bool:\n+    \"\"\"Atomically decrement `qty` if at least `qty` is in stock. True if it happened.\"\"\"\n+    res = await Item.find_one(Item.sku == sku, Item.quantity >= qty).update(\n+        Inc({Item.quantity: -qty})\n+    )\n+    return res.modified_count == 1\n+\n+\n async def reserve_stock(lines: list[OrderLine]) -> None:\n-    \"\"\"Decrement stock for every order line. Raises 409 if any line is short.\"\"\"\n-    for line in lines:\n-        item = await Item.find_one(Item.sku == line.sku)\n-        if item is None:\n-            raise HTTPException(404, f\"unknown sku {line.sku}\")\n-        if item.quantity < line.qty:\n-            raise HTTPException(409, f\"insufficient stock for {line.sku}\")\n-        item.quantity -= line.qty\n-        await item.save()\n+    \"\"\"Reserve every line atomically; on a short line, give back what was taken (compensation).\n+\n+    No transactions: local/CI Mongo is standalone. Each decrement is a single conditional\n+    update_one, so two concurrent orders can never push quantity below zero.\n+    \"\"\"\n+    taken: list[OrderLine] = []\n+    for line in lines:\n+        if await _take(line.sku, line.qty):\n+            taken.append(line)\n+            continue\n+        await release_stock(taken)\n+        if await Item.find_one(Item.sku == line.sku) is None:\n+            raise HTTPException(404, f\"unknown sku {line.sku}\")\n+        raise HTTPException(409, f\"insufficient stock for {line.sku}\")\n \n \n async def release_stock(lines: list[OrderLine]) -> None:\n     for line in lines:\n-        item = await Item.find_one(Item.sku == line.sku)\n-        if item is not None:\n-            item.quantity += line.qty\n-            await item.save()\n+        await Item.find_one(Item.sku == line.sku).update(Inc({Item.quantity: line.qty}))\n"),
        T("Edit", "tests/test_stock.py",
          "@@ -58,3 +58,27 @@ async def test_reserve_multi_line(client, seeded_items):\n+\n+\n+async def test_concurrent_reservations_never_oversell(seeded_items):\n+    # SKU-1 starts at 10; 50 concurrent single-unit orders -> exactly 10 succeed\n+    results = await asyncio.gather(\n+        *(stock.reserve_stock([OrderLine(sku=\"SKU-1\", qty=1)]) for _ in range(50)),\n+        return_exceptions=True,\n+    )\n+    ok = [r for r in results if not isinstance(r, Exception)]\n+    assert len(ok) == 10\n+    assert (await Item.find_one(Item.sku == \"SKU-1\")).quantity == 0\n+\n+\n+async def test_multi_line_short_second_line_rolls_back_first(seeded_items):\n+    with pytest.raises(HTTPException) as e:\n+        await stock.reserve_stock([OrderLine(sku=\"SKU-1\", qty=2), OrderLine(sku=\"SKU-2\", qty=999)])\n+    assert e.value.status_code == 409\n+    assert (await Item.find_one(Item.sku == \"SKU-1\")).quantity == 10\n"),
        T("Bash", "pytest -v", run_pass(new_tests=("tests/test_stock.py::test_concurrent_reservations_never_oversell",
                                                   "tests/test_stock.py::test_multi_line_short_second_line_rolls_back_first"), secs="3.87")),
        A("Reverted the transaction attempt and implemented the atomic version:\n\n"
          "- `_take()` does a single conditional `update_one` (`quantity >= qty` in the filter, `Inc(-qty)` as the update), "
          "so the check and the decrement happen in one atomic operation on the server.\n"
          "- `reserve_stock` walks the lines; if one is short it releases what it already took, then raises 409 (or 404 for an unknown SKU).\n"
          "- `release_stock` is an `Inc(+qty)` too, no read-modify-write left.\n\n"
          "The new test fires 50 concurrent single-unit orders against an item with 10 in stock: exactly 10 succeed and the "
          "quantity ends at 0. 25 passed."),
        U("perfect, love it. btw small thing, I like to keep the routers super thin, all logic in app/services and the routers "
          "just validate and call. you did that already I think, just saying for the future 🙂"),
        A("Noted, and yes: `routers/orders.py` only calls `stock.reserve_stock` and `orders.create`; nothing in this change "
          "touched the routers."),
        U("cool. one more: can we put a unique index on sku? I'm pretty sure there are dupes in prod though"),
        A("We can declare it on the model:\n\n```python\nclass Settings:\n    name = \"items\"\n    indexes = [IndexModel([(\"sku\", ASCENDING)], name=\"sku_unique\", unique=True)]\n```\n\n"
          "But `init_beanie` creates indexes at startup, and if duplicates exist the build fails with `E11000 duplicate key "
          "error` and the API won't start. So the duplicates have to be cleaned up first. Here is what the check looks like locally:"),
        T("Bash", "mongosh \"mongodb://localhost:27017/stockroom\" --quiet --eval 'db.items.aggregate([{$group:{_id:\"$sku\",n:{$sum:1}}},{$match:{n:{$gt:1}}}]).toArray()'", "[]"),
        A("No duplicates locally, but that says nothing about prod and I don't have access to it from here. Want me to add the "
          "index now behind a flag, or wait until prod is clean?"),
        U("let's leave the index for now, I'll check the prod dupes tomorrow with Priya and then we add it. thanks a lot, great session!"),
        A("You're welcome! Summary of today:\n\n- Low-stock 500 fixed: Motor client now created with `tz_aware=True` (`app/db.py`).\n"
          "- Overselling fixed: `reserve_stock` uses atomic conditional `Inc` updates with compensation; the transaction attempt "
          "was reverted because local Mongo is standalone.\n- Still open: unique index on `sku`, once prod duplicates are checked and cleaned."),
    ],
    "gold": [
        G("PROJECT", "stockroom-api: FastAPI + Beanie (MongoDB via Motor)", ["beanie"], ["fastapi", "mongo", "motor"]),
        G("BUG_FIX", "low-stock report crashed comparing naive vs aware datetimes -> Motor client tz_aware=True in app/db.py",
          ["tz_aware"], ["naive", "aware", "datetime", "offset", "low-stock", "report"], ["app/db.py"]),
        G("FAILED", "multi-document transaction for reserve_stock failed: local Mongo standalone, not a replica set -> reverted",
          ["transaction"], ["replica", "standalone", "IllegalOperation", "reverted", "rs0"], ["app/services/stock.py"], failure=True),
        G("DECISION", "reserve_stock uses atomic conditional update (quantity >= qty, Inc) with compensation to stop overselling",
          ["reserv"], ["atomic", "inc", "conditional", "compensat", "quantity >="], ["app/services/stock.py"]),
        G("PREFERENCE", "routers stay thin; all logic lives in app/services", ["router"], ["thin", "services", "logic"]),
        G("TODO", "add unique index on sku after checking/cleaning duplicates in prod", ["sku"], ["unique", "index", "dup", "dedup"]),
    ],
    "dead_ends": [
        {"summary": "Beanie optimistic concurrency (use_revision / revision_id) offered, not picked", "all_of": ["use_revision"]},
        {"summary": "turn the compose Mongo into a single-node replica set (not done)", "all_of": ["replica set", "compose"]},
    ],
    "secrets": ["Vq7pL2xR9mKt"],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
