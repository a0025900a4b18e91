from _h import *

SQUEUE_JSON = '''{
   "meta": {
     "plugin": {
       "type": "openapi\\/v0.0.39",
       "name": "Slurm OpenAPI v0.0.39"
     },
     "Slurm": {
       "version": {
         "major": 23,
         "micro": 6,
         "minor": 2
       },
       "release": "23.02.6"
     }
   },
   "errors": [
   ],
   "warnings": [
   ],
   "jobs": [
     {
       "account": "chem-lab",
       "accrue_time": 1732540121,
       "array_job_id": 0,
       "batch_host": "cn-0413",
       "cluster": "hpc2",
       "command": "\\/home\\/bwalsh\\/runs\\/md_prod.sbatch",
       "cpus": 64,
       "current_working_directory": "\\/home\\/bwalsh\\/runs",
       "job_id": 4812211,
       "job_state": "RUNNING",
       "name": "MD prod run 7",
       "nodes": "cn-0413",
       "partition": "compute",
       "start_time": 1732540188,
       "submit_time": 1732540121,
       "time_limit": 4320,
       "user_name": "bwalsh"
     },
     {
       "account": "ml-group",
       "accrue_time": 1732548802,
       "array_job_id": 0,
       "batch_host": "",
       "cluster": "hpc2",
       "command": "\\/home\\/nkaur\\/train.sh",
       "cpus": 16,
       "current_working_directory": "\\/home\\/nkaur\\/proj",
       "job_id": 4812377,
       "job_state": "PENDING",
       "name": "finetune-v3",
       "nodes": "",
       "partition": "gpu",
       "start_time": 0,
       "submit_time": 1732548802,
       "time_limit": 720,
       "user_name": "nkaur"
     },
...'''

PYTEST_FAIL = '''============================= test session starts ==============================
platform linux -- Python 3.12.3, pytest-8.3.3, pluggy-1.5.0
rootdir: /home/mara/src/jobwatch
configfile: pyproject.toml
collected 5 items

tests/test_slurm.py ..FF.                                                  [100%]

=================================== FAILURES ===================================
___________________________ test_parse_basic_fixture ___________________________

    def test_parse_basic_fixture():
        out = (FIXTURES / "squeue_basic.txt").read_text()
>       jobs = parse_squeue(out)

tests/test_slurm.py:14: 
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ 
src/jobwatch/slurm.py:31: in parse_squeue
    data = json.loads(out)
/usr/lib/python3.12/json/__init__.py:346: in loads
    return _default_decoder.decode(s)
/usr/lib/python3.12/json/decoder.py:337: in decode
    obj, end = self.raw_decode(s, idx=_w(s, 0).end())
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ 

self = <json.decoder.JSONDecoder object at 0x7f3a9c2b1d90>
s = '4812211 md_prod bwalsh RUNNING 1-02:13:44\\n4812377 finetune-v3 nkaur PENDING 0:00\\n4812390 postproc bwalsh RUNNING 12:09\\n'
idx = 0

    def raw_decode(self, s, idx=0):
        try:
            obj, end = self.scan_once(s, idx)
        except StopIteration as err:
>           raise JSONDecodeError("Expecting value", s, err.value) from None
E           json.decoder.JSONDecodeError: Extra data: line 1 column 9 (char 8)

/usr/lib/python3.12/json/decoder.py:355: JSONDecodeError
_________________________ test_parse_name_with_spaces __________________________

    def test_parse_name_with_spaces():
        out = "4812211 MD prod run 7 bwalsh RUNNING 1-02:13:44\\n"
>       jobs = parse_squeue(out)

tests/test_slurm.py:22: 
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ 
src/jobwatch/slurm.py:31: in parse_squeue
    data = json.loads(out)
E   json.decoder.JSONDecodeError: Extra data: line 1 column 9 (char 8)
=========================== short test summary info ============================
FAILED tests/test_slurm.py::test_parse_basic_fixture - json.decoder.JSONDecodeError: Extra data: line 1 column 9 (char 8)
FAILED tests/test_slurm.py::test_parse_name_with_spaces - json.decoder.JSONDecodeError: Extra data: line 1 column 9 (char 8)
========================= 2 failed, 3 passed in 0.21s ==========================
'''

APP_PY = '''from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

from .slurm import fetch_jobs

COLUMNS = ("JOBID", "NAME", "USER", "STATE", "TIME")


class JobWatchApp(App):
    CSS_PATH = "jobwatch.tcss"
    TITLE = "jobwatch"
    BINDINGS = [
        ("q", "quit", "Quit"),
        ("r", "refresh", "Refresh now"),
        ("m", "toggle_mine", "Only my jobs"),
    ]

    def __init__(self, user: str | None = None) -> None:
        super().__init__()
        self.user = user
        self.only_mine = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="jobs", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#jobs", DataTable)
        table.add_columns(*COLUMNS)
        self._refresh_jobs()
        self.set_interval(2.0, self._refresh_jobs)

    def action_refresh(self) -> None:
        self._refresh_jobs()

    def action_toggle_mine(self) -> None:
        self.only_mine = not self.only_mine
        self._refresh_jobs()

    def _refresh_jobs(self) -> None:
        table = self.query_one("#jobs", DataTable)
        jobs = fetch_jobs(self.user if self.only_mine else None)
        table.clear()
        for job in jobs:
            table.add_row(job.job_id, job.name, job.user, job.state, job.time)
        self.sub_title = f"{len(jobs)} jobs"
'''

SLURM_PY = '''import subprocess
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    job_id: str
    name: str
    user: str
    state: str
    time: str


SQUEUE_FMT = "%i %j %u %T %M"


def fetch_jobs(user: str | None = None) -> list[Job]:
    cmd = ["squeue", "-h", "-o", SQUEUE_FMT]
    if user:
        cmd += ["-u", user]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return parse_squeue(out)


def parse_squeue(out: str) -> list[Job]:
    jobs = []
    for line in out.splitlines():
        job_id, name, user, state, time = line.split(maxsplit=4)
        jobs.append(Job(job_id, name, user, state, time))
    return jobs
'''

PYPROJECT = '''[project]
name = "jobwatch"
version = "0.3.1"
description = "Terminal dashboard for Slurm jobs"
requires-python = ">=3.11"
dependencies = [
    "textual>=0.86",
]

[project.scripts]
jobwatch = "jobwatch.__main__:main"

[tool.uv]
dev-dependencies = [
    "pytest>=8.3",
    "textual-dev>=1.6",
]

[tool.pytest.ini_options]
testpaths = ["tests"]

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
'''

turns = [
 U("Hey! hope your day's going well ☕ So I've got this little TUI, jobwatch — it's a Textual app that shows our "
   "Slurm jobs on the cluster, basically a nicer `squeue` for the lab. Two annoying things: the table jumps back "
   "to the top every time it refreshes (every 2s!!) so you can't actually select anything, and sometimes the whole "
   "UI just freezes for a few seconds when the cluster is busy. Oh and please keep using uv for everything, I don't "
   "want pip touching my env. Fun fact, last week I tried swapping the DataTable for a ListView with a custom "
   "ListItem per job, thinking it would be easier to style, but it was way slower with ~800 jobs, like 3 seconds to "
   "render the first screen, so I went back to DataTable. Anyway, where do we start?"),
 A("Good morning! Let me look at how the refresh is wired before guessing. I'll start with the project file and the app."),
 Read("pyproject.toml", PYPROJECT),
 Read("src/jobwatch/app.py", APP_PY),
 Read("src/jobwatch/slurm.py", SLURM_PY),
 A("Found both, and they're related to the same method, `_refresh_jobs`.\n\n"
   "1. **Freeze**: `set_interval(2.0, self._refresh_jobs)` calls a plain synchronous method on the app's event loop, "
   "and that method calls `fetch_jobs()`, which does `subprocess.run([\"squeue\", ...])`. When slurmctld is busy, "
   "`squeue` can take several seconds to answer, and during that time nothing else on the event loop runs — no key "
   "presses, no repaints. That's the freeze. The fix is to run the fetch in a thread worker (`@work(thread=True, "
   "exclusive=True)`) and hand the result back to the UI with `call_from_thread`, so the loop never blocks. "
   "`exclusive=True` also cancels a pending refresh if the previous one is still running, so they can't pile up.\n\n"
   "2. **Cursor jumping to the top**: `table.clear()` removes every row, and the cursor goes back to row 0. Then we "
   "re-add 800 rows. Instead I'd key each row by job id (`add_row(..., key=job_id)`), update existing rows in place "
   "with `update_cell`, add the new ones and remove the ones that disappeared. The cursor stays on the same job.\n\n"
   "Side note: `parse_squeue` does `line.split(maxsplit=4)` on the `%i %j %u %T %M` format — a job name with spaces "
   "will shift every column after it.\n\n"
   "Also, do you want the 2s refresh interval to be configurable (CLI flag or env var)?"),
 U("oh wow yes the split thing!! that's exactly why Bob's jobs show garbage, his job names have spaces in them "
   "(\"MD prod run 7\" lol, and then the USER column says \"prod\"). Let's parse `squeue --json` instead of the -o "
   "format string, we're on 23.02 on the cluster so --json should be there. Go for it."),
 Bash("squeue --version && squeue --json | head -c 2200", "slurm 23.02.6\n" + SQUEUE_JSON),
 A("`--json` works on 23.02. Note that in this version `job_state` is a plain string and there's no elapsed-time field, "
   "so I'll compute TIME from `start_time` (0 for pending jobs). Rewriting `slurm.py` now."),
 Edit("src/jobwatch/slurm.py", '''@@ -1,31 +1,45 @@
-import subprocess
+import json
+import subprocess
+import time
 from dataclasses import dataclass
@@
-SQUEUE_FMT = "%i %j %u %T %M"
-
-
 def fetch_jobs(user: str | None = None) -> list[Job]:
-    cmd = ["squeue", "-h", "-o", SQUEUE_FMT]
+    cmd = ["squeue", "--json"]
     if user:
         cmd += ["-u", user]
     out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
     return parse_squeue(out)
 
 
-def parse_squeue(out: str) -> list[Job]:
-    jobs = []
-    for line in out.splitlines():
-        job_id, name, user, state, time = line.split(maxsplit=4)
-        jobs.append(Job(job_id, name, user, state, time))
-    return jobs
+def _elapsed(start: int, now: float) -> str:
+    if not start:
+        return "0:00"
+    secs = int(now - start)
+    days, secs = divmod(secs, 86400)
+    h, secs = divmod(secs, 3600)
+    m, s = divmod(secs, 60)
+    hms = f"{h:02d}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
+    return f"{days}-{hms}" if days else hms
+
+
+def parse_squeue(out: str, now: float | None = None) -> list[Job]:
+    now = time.time() if now is None else now
+    data = json.loads(out)
+    return [
+        Job(
+            job_id=str(j["job_id"]),
+            name=j["name"],
+            user=j["user_name"],
+            state=j["job_state"],
+            time=_elapsed(j.get("start_time", 0), now),
+        )
+        for j in data["jobs"]
+    ]'''),
 Edit("src/jobwatch/app.py", '''@@ -1,5 +1,7 @@
 from textual.app import App, ComposeResult
 from textual.widgets import DataTable, Footer, Header
+from textual import work
 
-from .slurm import fetch_jobs
+from .slurm import Job, fetch_jobs
@@ -41,9 +43,30 @@
-    def _refresh_jobs(self) -> None:
-        table = self.query_one("#jobs", DataTable)
-        jobs = fetch_jobs(self.user if self.only_mine else None)
-        table.clear()
-        for job in jobs:
-            table.add_row(job.job_id, job.name, job.user, job.state, job.time)
-        self.sub_title = f"{len(jobs)} jobs"
+    @work(thread=True, exclusive=True, group="squeue")
+    def _refresh_jobs(self) -> None:
+        # runs in a worker thread: squeue can take seconds when slurmctld is busy
+        jobs = fetch_jobs(self.user if self.only_mine else None)
+        self.call_from_thread(self._apply_jobs, jobs)
+
+    def _apply_jobs(self, jobs: list[Job]) -> None:
+        table = self.query_one("#jobs", DataTable)
+        columns = list(table.columns.keys())
+        seen = set()
+        for job in jobs:
+            seen.add(job.job_id)
+            values = (job.job_id, job.name, job.user, job.state, job.time)
+            if job.job_id in table.rows:
+                for col, value in zip(columns, values):
+                    table.update_cell(job.job_id, col, value)
+            else:
+                table.add_row(*values, key=job.job_id)
+        for row_key in list(table.rows.keys()):
+            if row_key.value not in seen:
+                table.remove_row(row_key)
+        self.sub_title = f"{len(jobs)} jobs"'''),
 Bash("uv run pytest", PYTEST_FAIL),
 A("Expected: the old tests feed the `-o` text format into the parser. I'll replace the text fixture with a trimmed "
   "JSON capture from the cluster, and turn the spaces test into a JSON case (that's the one that actually guards "
   "Bob's job names)."),
 Edit("tests/test_slurm.py", '''@@ -8,20 +8,24 @@
-def test_parse_basic_fixture():
-    out = (FIXTURES / "squeue_basic.txt").read_text()
-    jobs = parse_squeue(out)
-    assert [j.job_id for j in jobs] == ["4812211", "4812377", "4812390"]
+NOW = 1732548900
+
+def test_parse_basic_fixture():
+    out = (FIXTURES / "squeue_basic.json").read_text()
+    jobs = parse_squeue(out, now=NOW)
+    assert [j.job_id for j in jobs] == ["4812211", "4812377", "4812390"]
+    assert jobs[1].time == "0:00"  # pending
 
 def test_parse_name_with_spaces():
-    out = "4812211 MD prod run 7 bwalsh RUNNING 1-02:13:44\\n"
-    jobs = parse_squeue(out)
-    assert jobs[0].name == "MD prod run 7"
+    out = json.dumps({"jobs": [{"job_id": 4812211, "name": "MD prod run 7", "user_name": "bwalsh",
+                                "job_state": "RUNNING", "start_time": NOW - 94424}]})
+    jobs = parse_squeue(out, now=NOW)
+    assert jobs[0].name == "MD prod run 7"
+    assert jobs[0].user == "bwalsh"
+    assert jobs[0].time == "1-02:13:44"'''),
 Bash("uv run pytest -q", "....." + "\n5 passed in 0.19s\n"),
 U("nice!! 🎉 ok so now testing the app itself, right now we only test the parser. How should we test the UI part? "
   "I'd love to not break the cursor thing again in 3 months"),
 A("Three realistic options:\n\n"
   "1. **pytest-textual-snapshot** — renders the app to an SVG and compares it with a stored snapshot. Catches visual "
   "regressions, but any Textual upgrade or theme tweak changes the SVG and you re-approve snapshots.\n"
   "2. **Pilot tests with `App.run_test()`** — run the app headless, press keys with `pilot.press`, and assert on "
   "widget state (e.g. `table.cursor_row`, the row keys). Fast, no images, checks behaviour rather than pixels.\n"
   "3. **Manual only** with `textual run --dev` and `textual console` for logs.\n\n"
   "I'd go with 2, maybe with a couple of snapshots later for the layout."),
 U("pilot ones. snapshots are brittle across terminals, learned that the hard way on another project, every time "
   "somebody bumped textual we had 40 svg diffs to approve and nobody looked at them anymore"),
 Bash("uv add --dev pytest-asyncio", '''Resolved 24 packages in 412ms
Prepared 1 package in 96ms
Installed 1 package in 3ms
 + pytest-asyncio==0.24.0
'''),
 Write("tests/test_app.py", '''import pytest
from textual.widgets import DataTable

from jobwatch.app import JobWatchApp
from jobwatch.slurm import Job


def jobs(*ids):
    return [Job(i, f"job {i}", "bwalsh", "RUNNING", "1:00") for i in ids]


@pytest.mark.asyncio
async def test_cursor_survives_refresh(monkeypatch):
    batches = [jobs("1", "2", "3", "4"), jobs("1", "2", "3", "4", "5")]
    monkeypatch.setattr("jobwatch.app.fetch_jobs", lambda user=None: batches.pop(0) if batches else jobs("1", "2", "3", "4", "5"))
    app = JobWatchApp()
    async with app.run_test() as pilot:
        table = app.query_one("#jobs", DataTable)
        await pilot.press("down", "down", "down")
        assert table.cursor_row == 3
        await pilot.press("r")
        assert table.cursor_row == 3
        assert table.row_count == 5
'''),
 Bash("uv run pytest -q", '''.....F                                                                   [100%]
=================================== FAILURES ===================================
_________________________ test_cursor_survives_refresh _________________________

monkeypatch = <_pytest.monkeypatch.MonkeyPatch object at 0x7f0c1e6a3f50>

    @pytest.mark.asyncio
    async def test_cursor_survives_refresh(monkeypatch):
        batches = [jobs("1", "2", "3", "4"), jobs("1", "2", "3", "4", "5")]
        monkeypatch.setattr("jobwatch.app.fetch_jobs", lambda user=None: batches.pop(0) if batches else jobs("1", "2", "3", "4", "5"))
        app = JobWatchApp()
        async with app.run_test() as pilot:
            table = app.query_one("#jobs", DataTable)
            await pilot.press("down", "down", "down")
>           assert table.cursor_row == 3
E           assert 0 == 3
E            +  where 0 = DataTable(id='jobs').cursor_row

tests/test_app.py:20: AssertionError
=========================== short test summary info ============================
FAILED tests/test_app.py::test_cursor_survives_refresh - assert 0 == 3
1 failed, 5 passed in 0.88s
'''),
 A("The test is racing the worker: when `run_test()` yields, the first `_refresh_jobs` is still running in its "
   "thread, so the table is empty and `down` has nowhere to go. In tests we have to wait for the worker and then let "
   "the `call_from_thread` callback run: `await app.workers.wait_for_complete()` followed by `await pilot.pause()`. "
   "Adding a tiny helper for that."),
 Edit("tests/test_app.py", '''@@ -10,6 +10,11 @@
+async def settle(app, pilot):
+    await app.workers.wait_for_complete()
+    await pilot.pause()
+
+
@@ -17,8 +22,10 @@
     async with app.run_test() as pilot:
         table = app.query_one("#jobs", DataTable)
+        await settle(app, pilot)
         await pilot.press("down", "down", "down")
         assert table.cursor_row == 3
         await pilot.press("r")
+        await settle(app, pilot)
         assert table.cursor_row == 3
         assert table.row_count == 5'''),
 Bash("uv run pytest -q", "......                                                                   [100%]\n6 passed in 0.93s\n"),
 Bash("uv run jobwatch --help && timeout 5 uv run jobwatch; echo exit=$?", '''usage: jobwatch [-h] [--user USER]

Terminal dashboard for Slurm jobs

options:
  -h, --help   show this help message and exit
  --user USER  user for the "only my jobs" filter (default: $USER)
exit=124
'''),
 A("All green, and the app starts fine (exit 124 is just the `timeout`). Summary of the changes:\n"
   "- `slurm.py` now parses `squeue --json` (names with spaces are safe; elapsed time computed from `start_time`).\n"
   "- `_refresh_jobs` is a thread worker, so a slow `squeue` can't freeze the UI; rows are keyed by job id and "
   "updated in place, so the cursor stays put.\n"
   "- New Pilot test `test_cursor_survives_refresh` with a `settle()` helper for the worker."),
 U("Perfect, tried it on the login node and I can finally scroll while it refreshes 😍. One more thing for later — I "
   "want a key to scancel the highlighted job, with a confirm modal so nobody kills a 3-day job by accident. Not now "
   "tho, I have standup in 5 min. Can you write it down somewhere so we don't forget?"),
 Edit("TODO.md", '''@@ -1,3 +1,6 @@
 # TODO
 
 - [ ] colour STATE column (PENDING yellow, FAILED red)
+- [ ] `c` binding: scancel the highlighted job, behind a confirm ModalScreen
+      (show job name + elapsed time, default button = "No")
'''),
 Bash("git add -A && git commit -qm \"Parse squeue --json, refresh in worker, keep cursor on refresh\" && git log --oneline -1",
      "a41c9e2 Parse squeue --json, refresh in worker, keep cursor on refresh\n"),
 U("thanks a lot, you're a star 🌟 have a good one!"),
 A("Thanks, you too — good luck at standup! The scancel item is in TODO.md whenever you want to pick it up."),
]

sess = {
 "id": "textual_jobwatch",
 "project": "jobwatch",
 "cwd_files": ["pyproject.toml", "src/jobwatch/app.py", "src/jobwatch/slurm.py", "src/jobwatch/jobwatch.tcss",
               "tests/test_slurm.py", "tests/test_app.py", "TODO.md"],
 "turns": turns,
 "gold": [
  G("PROJECT", "jobwatch: Textual TUI dashboard for Slurm jobs (squeue), Python, managed with uv",
    ["jobwatch"], ["textual", "slurm", "squeue", "tui"]),
  G("PREFERENCE", "Use uv for everything, never pip",
    ["uv"], ["pip", "uv add", "uv run", "always", "everything"]),
  G("FAILED", "ListView with a ListItem per job abandoned: ~3s render with 800 jobs, went back to DataTable",
    ["listview"], ["slow", "800", "3 second", "3s", "render", "performance"]),
  G("DECISION", "Parse squeue --json instead of -o format string: job names with spaces broke split parsing",
    ["squeue", "json"], ["spaces", "split", "format", "-o", "names"], ["src/jobwatch/slurm.py"]),
  G("BUG_FIX", "UI freeze: blocking squeue subprocess on event loop -> moved to @work(thread=True) worker + call_from_thread",
    ["squeue"], ["freeze", "froze", "blocking", "worker", "thread", "event loop"], ["src/jobwatch/app.py"]),
  G("BUG_FIX", "DataTable cursor jumped to top on refresh because of table.clear(); rows keyed by job id, update_cell in place",
    ["cursor"], ["clear", "update_cell", "key", "in place", "job id"], ["src/jobwatch/app.py"]),
  G("DECISION", "UI tests use Pilot / App.run_test(), not SVG snapshots (brittle across terminals/Textual upgrades)",
    ["pilot"], ["run_test", "snapshot", "brittle", "tests"], ["tests/test_app.py"]),
  G("TODO", "Add scancel key binding for highlighted job behind a confirm modal",
    ["scancel"], ["confirm", "modal", "binding", "key", "todo"], ["TODO.md"]),
 ],
 "dead_ends": [
  D("pytest-textual-snapshot SVG snapshot tests proposed but rejected", ["pytest-textual-snapshot"]),
  D("ListView instead of DataTable (too slow)", ["listview"]),
 ],
 "secrets": [],
}
save(sess)
