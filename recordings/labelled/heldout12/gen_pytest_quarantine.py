from _common import U, A, T, G, D, write
import random

random.seed(12)

PLUGIN_PY = '''from __future__ import annotations

import os
from pathlib import Path

import pytest

QUARANTINED = pytest.StashKey[set]()
QUARANTINE_FILE = ".quarantine"


def _load(rootdir: Path) -> set[str]:
    path = rootdir / QUARANTINE_FILE
    if not path.exists():
        return set()
    ids = set()
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            ids.add(line)
    return ids


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "quarantined: test is in the quarantine list")
    config.stash[QUARANTINED] = set()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    listed = _load(Path(config.rootpath))
    for item in items:
        if item.nodeid in listed:
            item.add_marker(pytest.mark.quarantined)
            item.add_marker(pytest.mark.xfail(reason="quarantined", strict=False))
            config.stash[QUARANTINED].add(item.nodeid)


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    n = len(config.stash[QUARANTINED])
    terminalreporter.write_sep("-", f"{n} quarantined")
'''

# ---------------------------------------------------------------- long pytest -v log
mods = [
    ("tests/test_parse.py", "test_parse_line", ["plain", "comment", "blank", "trailing-space", "crlf",
                                                 "param-id", "class-method", "unicode", "tabs", "bom"]),
    ("tests/test_plugin.py", "test_marks_listed_nodeids", None),
    ("tests/test_plugin.py", "test_unlisted_tests_untouched", None),
    ("tests/test_plugin.py", "test_xfail_not_strict", None),
    ("tests/test_summary.py", "test_summary_line", None),
    ("tests/test_summary.py", "test_summary_verbose_lists_ids", None),
    ("tests/test_compat.py", "test_pytest_versions", ["7.0", "7.1", "7.2", "7.3", "7.4", "8.0", "8.1", "8.2", "8.3"]),
]
lines = []
for path, fn, ids in mods:
    if ids is None:
        ids = [f"case{n:03d}-{flav}" for n in range(1, 31) for flav in ("module", "class")]
    elif len(ids) < 40:
        ids = [f"{i}-{j}" for i in ids for j in ("lf", "nodeid", "rel")]
    for i in ids:
        lines.append(f"{path}::{fn}[{i}]")
lines += [f"tests/test_xdist.py::test_summary_counts_under_xdist[{n}]" for n in (2, 4)]
lines += [f"tests/test_xdist.py::test_markers_survive_worker_roundtrip[{m}]" for m in ("load", "loadscope", "loadfile", "worksteal")]
total = len(lines)
out = ["============================= test session starts ==============================",
       "platform linux -- Python 3.12.3, pytest-8.3.2, pluggy-1.5.0 -- /home/tomas/src/pytest-quarantine/.venv/bin/python",
       "cachedir: .pytest_cache",
       "rootdir: /home/tomas/src/pytest-quarantine",
       "configfile: pyproject.toml",
       "plugins: xdist-3.6.1, quarantine-0.2.1.dev4+g3c1e2aa",
       f"collecting ... collected {total} items", ""]
failed = {"tests/test_xdist.py::test_summary_counts_under_xdist[2]",
          "tests/test_xdist.py::test_summary_counts_under_xdist[4]"}
for k, name in enumerate(lines, 1):
    pct = int(100 * k / total)
    res = "FAILED" if name in failed else "PASSED"
    out.append(f"{name} {res}{' ' * max(1, 96 - len(name) - len(res))}[{pct:3d}%]")
fail_block = '''
=================================== FAILURES ===================================
__________________ test_summary_counts_under_xdist[{n}] ___________________

pytester = <Pytester PosixPath('/tmp/pytest-of-tomas/pytest-41/test_summary_counts_under_xdist{i}')>
workers = {n}

    @pytest.mark.parametrize("workers", [2, 4])
    def test_summary_counts_under_xdist(pytester: pytest.Pytester, workers: int) -> None:
        pytester.makefile("", **{{".quarantine": "\\n".join(FLAKY_IDS)}})
        pytester.makepyfile(test_many=MANY_TESTS)
        result = pytester.runpytest("-n", str(workers), "-p", "xdist")
>       result.stdout.fnmatch_lines(["*7 quarantined*"])
E       Failed: nomatch: '*7 quarantined*'
E           and: '============================= test session starts =============================='
E           and: 'platform linux -- Python 3.12.3, pytest-8.3.2, pluggy-1.5.0'
E           and: 'rootdir: /tmp/pytest-of-tomas/pytest-41/test_summary_counts_under_xdist{i}'
E           and: 'plugins: xdist-3.6.1, quarantine-0.2.1.dev4+g3c1e2aa'
E           and: 'created: {n}/{n} workers'
E           and: '{n} workers [40 items]'
E           and: ''
E           and: '....x....x...x......x.....x..x...x.......                                [100%]'
E           and: '------------------------------- 0 quarantined --------------------------------'
E           and: '======================== 33 passed, 7 xfailed in 1.{ms}s ========================'
E       remains unmatched: '*7 quarantined*'

tests/test_xdist.py:38: Failed
----------------------------- Captured stdout call -----------------------------
============================= test session starts ==============================
platform linux -- Python 3.12.3, pytest-8.3.2, pluggy-1.5.0
rootdir: /tmp/pytest-of-tomas/pytest-41/test_summary_counts_under_xdist{i}
plugins: xdist-3.6.1, quarantine-0.2.1.dev4+g3c1e2aa
created: {n}/{n} workers
{n} workers [40 items]

....x....x...x......x.....x..x...x.......                                [100%]
------------------------------- 0 quarantined --------------------------------
======================== 33 passed, 7 xfailed in 1.{ms}s ========================'''
out.append(fail_block.format(n=2, i=0, ms=84))
out.append(fail_block.format(n=4, i=1, ms=97))
out.append("=========================== short test summary info ============================")
out.append("FAILED tests/test_xdist.py::test_summary_counts_under_xdist[2] - Failed: nomatch: '*7 quarantined*'")
out.append("FAILED tests/test_xdist.py::test_summary_counts_under_xdist[4] - Failed: nomatch: '*7 quarantined*'")
out.append(f"======================== 2 failed, {total - 2} passed in 41.37s =========================")
LONG_LOG = "\n".join(out)

EDIT_XDIST = '''--- a/src/pytest_quarantine/plugin.py
+++ b/src/pytest_quarantine/plugin.py
@@ -22,22 +22,37 @@ def _load(rootdir: Path) -> set[str]:
 def pytest_configure(config: pytest.Config) -> None:
     config.addinivalue_line("markers", "quarantined: test is in the quarantine list")
-    config.stash[QUARANTINED] = set()
+    # counted from reports, so it also works on the xdist controller
+    config.stash[QUARANTINED] = set()


 def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
     listed = _load(Path(config.rootpath))
     for item in items:
         if item.nodeid in listed:
             item.add_marker(pytest.mark.quarantined)
             item.add_marker(pytest.mark.xfail(reason="quarantined", strict=False))
-            config.stash[QUARANTINED].add(item.nodeid)
+            item.user_properties.append(("quarantined", True))
+
+
+def pytest_runtest_logreport(report: pytest.TestReport) -> None:
+    # Runs in the process that owns the terminal: the plain session, or the
+    # xdist controller (workers forward their reports, user_properties included).
+    if report.when != "call" and not (report.when == "setup" and report.skipped):
+        return
+    if ("quarantined", True) in report.user_properties:
+        _config.stash[QUARANTINED].add(report.nodeid)
+
+
+@pytest.hookimpl(tryfirst=True)
+def pytest_sessionstart(session: pytest.Session) -> None:
+    global _config
+    _config = session.config


 def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
+    if hasattr(config, "workerinput"):  # never print from an xdist worker
+        return
     n = len(config.stash[QUARANTINED])
     terminalreporter.write_sep("-", f"{n} quarantined")'''

INPROC_FAIL = '''============================= test session starts ==============================
platform linux -- Python 3.12.3, pytest-8.3.2, pluggy-1.5.0
rootdir: /home/tomas/src/pytest-quarantine
configfile: pyproject.toml
plugins: xdist-3.6.1, quarantine-0.2.1.dev4+g3c1e2aa
collected 6 items / 330 deselected / 6 selected

tests/test_xdist.py FF....                                               [100%]

=================================== FAILURES ===================================
__________________ test_summary_counts_under_xdist[2] ___________________
[gw0] linux -- Python 3.12.3 /home/tomas/src/pytest-quarantine/.venv/bin/python
----------------------------- Captured stderr call -----------------------------
INTERNALERROR> Traceback (most recent call last):
INTERNALERROR>   File "/home/tomas/src/pytest-quarantine/.venv/lib/python3.12/site-packages/_pytest/main.py", line 281, in wrap_session
INTERNALERROR>     config._do_configure()
INTERNALERROR>   File "/home/tomas/src/pytest-quarantine/.venv/lib/python3.12/site-packages/_pytest/config/__init__.py", line 1130, in _do_configure
INTERNALERROR>     self.hook.pytest_configure.call_historic(kwargs=dict(config=self))
INTERNALERROR>   File "/home/tomas/src/pytest-quarantine/.venv/lib/python3.12/site-packages/pluggy/_hooks.py", line 535, in call_historic
INTERNALERROR>     res = self._hookexec(self.name, self._hookimpls.copy(), kwargs, False)
INTERNALERROR>   File "/home/tomas/src/pytest-quarantine/.venv/lib/python3.12/site-packages/xdist/dsession.py", line 74, in pytest_sessionstart
INTERNALERROR>     self.nodemanager = NodeManager(self.config)
INTERNALERROR>   File "/home/tomas/src/pytest-quarantine/src/pytest_quarantine/plugin.py", line 47, in pytest_runtest_logreport
INTERNALERROR>     _config.stash[QUARANTINED].add(report.nodeid)
INTERNALERROR> KeyError: <_pytest.stash.StashKey object at 0x7f3b2c1d9e40>
----------------------------- Captured stdout call -----------------------------
created: 2/2 workers
2 workers [40 items]
__________________ test_summary_counts_under_xdist[4] ___________________
E       AssertionError: assert <ExitCode.INTERNAL_ERROR: 3> == <ExitCode.OK: 0>
=========================== short test summary info ============================
FAILED tests/test_xdist.py::test_summary_counts_under_xdist[2] - INTERNALERROR KeyError: <_pytest.stash.StashKey object at 0x7f3b2c1d9e40>
FAILED tests/test_xdist.py::test_summary_counts_under_xdist[4] - AssertionError: assert <ExitCode.INTERNAL_ERROR: 3> == <ExitCode.OK: 0>
================= 2 failed, 4 passed, 330 deselected in 3.12s ==================='''

EDIT_TEST = '''--- a/tests/test_xdist.py
+++ b/tests/test_xdist.py
@@ -31,9 +31,12 @@ MANY_TESTS = """
 @pytest.mark.parametrize("workers", [2, 4])
 def test_summary_counts_under_xdist(pytester: pytest.Pytester, workers: int) -> None:
     pytester.makefile("", **{".quarantine": "\\n".join(FLAKY_IDS)})
     pytester.makepyfile(test_many=MANY_TESTS)
-    result = pytester.runpytest("-n", str(workers), "-p", "xdist")
+    # xdist must run in a subprocess: in-process, the module-level _config and the
+    # stash of the outer pytest run leak into the inner one.
+    result = pytester.runpytest_subprocess("-n", str(workers), "-p", "xdist")
     result.stdout.fnmatch_lines(["*7 quarantined*"])
+    assert result.ret == 0
 
 
 @pytest.mark.parametrize("dist", ["load", "loadscope", "loadfile", "worksteal"])
 def test_markers_survive_worker_roundtrip(pytester: pytest.Pytester, dist: str) -> None:
-    result = pytester.runpytest("-n", "2", "--dist", dist, "-p", "xdist")
+    result = pytester.runpytest_subprocess("-n", "2", "--dist", dist, "-p", "xdist")'''

TOMLLIB_EDIT = '''--- a/src/pytest_quarantine/plugin.py
+++ b/src/pytest_quarantine/plugin.py
@@ -1,13 +1,27 @@
 from __future__ import annotations

 import os
+import tomllib
 from pathlib import Path

 import pytest

 QUARANTINED = pytest.StashKey[set]()
-QUARANTINE_FILE = ".quarantine"


-def _load(rootdir: Path) -> set[str]:
-    path = rootdir / QUARANTINE_FILE
-    if not path.exists():
-        return set()
+def _load(rootdir: Path) -> dict[str, str]:
+    """Read [tool.pytest-quarantine] from pyproject.toml: {nodeid: reason}."""
+    pyproject = rootdir / "pyproject.toml"
+    if not pyproject.exists():
+        return {}
+    with pyproject.open("rb") as fh:
+        data = tomllib.load(fh)
+    table = data.get("tool", {}).get("pytest-quarantine", {})
+    return {entry["id"]: entry.get("reason", "") for entry in table.get("tests", [])}'''

TOX_FAIL = '''py310: install_deps> python -I -m pip install pytest-xdist>=3
.pkg: _optional_hooks> python /home/tomas/.local/pipx/venvs/tox/lib/python3.12/site-packages/pyproject_api/_backend.py True hatchling.build
.pkg: get_requires_for_build_sdist> python /home/tomas/.local/pipx/venvs/tox/lib/python3.12/site-packages/pyproject_api/_backend.py True hatchling.build
.pkg: build_sdist> python /home/tomas/.local/pipx/venvs/tox/lib/python3.12/site-packages/pyproject_api/_backend.py True hatchling.build
py310: install_package> python -I -m pip install --force-reinstall --no-deps /home/tomas/src/pytest-quarantine/.tox/.tmp/package/1/pytest_quarantine-0.2.1.dev5+g3c1e2aa.d20241125.tar.gz
py310: commands[0]> pytest -q
Traceback (most recent call last):
  File "/home/tomas/src/pytest-quarantine/.tox/py310/bin/pytest", line 8, in <module>
    sys.exit(console_main())
  File "/home/tomas/src/pytest-quarantine/.tox/py310/lib/python3.10/site-packages/_pytest/config/__init__.py", line 201, in console_main
    code = main()
  File "/home/tomas/src/pytest-quarantine/.tox/py310/lib/python3.10/site-packages/_pytest/config/__init__.py", line 156, in main
    config = _prepareconfig(args, plugins)
  File "/home/tomas/src/pytest-quarantine/.tox/py310/lib/python3.10/site-packages/_pytest/config/__init__.py", line 341, in _prepareconfig
    config = pluginmanager.hook.pytest_cmdline_parse(
  File "/home/tomas/src/pytest-quarantine/.tox/py310/lib/python3.10/site-packages/pluggy/_manager.py", line 416, in load_setuptools_entrypoints
    plugin = ep.load()
  File "/usr/lib/python3.10/importlib/metadata/__init__.py", line 171, in load
    module = import_module(match.group('module'))
  File "/home/tomas/src/pytest-quarantine/.tox/py310/lib/python3.10/site-packages/pytest_quarantine/plugin.py", line 4, in <module>
    import tomllib
ModuleNotFoundError: No module named 'tomllib'
py310: exit 1 (0.41 seconds) /home/tomas/src/pytest-quarantine> pytest -q pid=48812
py312: commands[0]> pytest -q
........................................................................ [ 21%]
........................................................................ [ 43%]
........................................................................ [ 65%]
........................................................................ [ 87%]
..........................................                               [100%]
336 passed in 38.90s
  py310: FAIL code 1 (14.22=setup[13.81]+cmd[0.41] seconds)
  py312: OK (52.03=setup[13.13]+cmd[38.90] seconds)
  evaluation failed :( (66.30 seconds)'''

INI_EDIT = '''--- a/src/pytest_quarantine/plugin.py
+++ b/src/pytest_quarantine/plugin.py
@@ -8,20 +8,45 @@ import pytest

 QUARANTINED = pytest.StashKey[set]()
-QUARANTINE_FILE = ".quarantine"
+DEFAULT_FILE = ".quarantine"


-def _load(rootdir: Path) -> set[str]:
-    path = rootdir / QUARANTINE_FILE
+def pytest_addoption(parser: pytest.Parser) -> None:
+    group = parser.getgroup("quarantine")
+    group.addoption(
+        "--quarantine-file",
+        dest="quarantine_file",
+        default=None,
+        help="file listing quarantined node ids (overrides the quarantine_file ini option)",
+    )
+    parser.addini(
+        "quarantine_file",
+        help="file listing quarantined node ids, relative to rootdir",
+        default=DEFAULT_FILE,
+    )
+
+
+def _path(config: pytest.Config) -> Path:
+    value = config.getoption("quarantine_file") or config.getini("quarantine_file")
+    path = Path(value)
+    return path if path.is_absolute() else Path(config.rootpath) / path
+
+
+def _load(path: Path) -> dict[str, str]:
+    """One node id per line; anything after ' #' is the reason."""
     if not path.exists():
-        return set()
-    ids = set()
+        return {}
+    ids: dict[str, str] = {}
     for line in path.read_text().splitlines():
-        line = line.strip()
-        if line and not line.startswith("#"):
-            ids.add(line)
+        nodeid, _, reason = line.partition(" #")
+        nodeid = nodeid.strip()
+        if nodeid and not nodeid.startswith("#"):
+            ids[nodeid] = reason.strip()
     return ids


@@ -33,9 +58,10 @@ def pytest_configure(config: pytest.Config) -> None:
 def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
-    listed = _load(Path(config.rootpath))
+    listed = _load(_path(config))
     for item in items:
         if item.nodeid in listed:
+            reason = listed[item.nodeid] or "quarantined"
             item.add_marker(pytest.mark.quarantined)
-            item.add_marker(pytest.mark.xfail(reason="quarantined", strict=False))
+            item.add_marker(pytest.mark.xfail(reason=reason, strict=False))
             item.user_properties.append(("quarantined", True))'''

TOX_OK = '''py39: commands[0]> pytest -q
........................................................................ [ 20%]
........................................................................ [ 41%]
........................................................................ [ 62%]
........................................................................ [ 83%]
.........................................................                [100%]
345 passed in 44.02s
py310: commands[0]> pytest -q
........................................................................ [ 20%]
........................................................................ [ 41%]
........................................................................ [ 62%]
........................................................................ [ 83%]
.........................................................                [100%]
345 passed in 41.77s
py311: commands[0]> pytest -q
........................................................................ [ 20%]
........................................................................ [ 41%]
........................................................................ [ 62%]
........................................................................ [ 83%]
.........................................................                [100%]
345 passed in 39.15s
py312: commands[0]> pytest -q
........................................................................ [ 20%]
........................................................................ [ 41%]
........................................................................ [ 62%]
........................................................................ [ 83%]
.........................................................                [100%]
345 passed in 38.61s
  py39: OK (58.40=setup[14.38]+cmd[44.02] seconds)
  py310: OK (55.12=setup[13.35]+cmd[41.77] seconds)
  py311: OK (52.90=setup[13.75]+cmd[39.15] seconds)
  py312: OK (51.97=setup[13.36]+cmd[38.61] seconds)
  congratulations :) (218.49 seconds)'''

README_OLD = '''# pytest-quarantine

Keep known-flaky tests running without letting them break CI.

## Install

    pip install pytest-quarantine

## Usage

List the node ids of flaky tests, one per line, in a `.quarantine` file at the root
of your repository:

    tests/api/test_orders.py::test_refund_race
    tests/ui/test_login.py::test_sso_redirect[firefox]

Listed tests still run, but are reported as `xfail` (non-strict): a failure does not
fail the run, a pass is reported as `XPASS`. The terminal summary prints how many tests
are quarantined.

## Compatibility

Python 3.9 to 3.12, pytest 7.0+, pytest-xdist 3.x.
'''

README_EDIT = '''--- a/README.md
+++ b/README.md
@@ -8,13 +8,30 @@ Keep known-flaky tests running without letting them break CI.
 ## Usage

-List the node ids of flaky tests, one per line, in a `.quarantine` file at the root
-of your repository:
+List the node ids of flaky tests, one per line, in a `.quarantine` file at the root
+of your repository. Anything after ` #` is kept as the reason and shown as the xfail
+reason:

-    tests/api/test_orders.py::test_refund_race
-    tests/ui/test_login.py::test_sso_redirect[firefox]
+    tests/api/test_orders.py::test_refund_race  # races with the refund worker, #212
+    tests/ui/test_login.py::test_sso_redirect[firefox]  # geckodriver timeout
+
+## Configuration
+
+The file location is the `quarantine_file` ini option (any pytest config file works:
+`pytest.ini`, `tox.ini`, `setup.cfg`, or `[tool.pytest.ini_options]` in `pyproject.toml`):
+
+    [tool.pytest.ini_options]
+    quarantine_file = "ci/flaky.txt"
+
+`--quarantine-file PATH` on the command line overrides it. Relative paths are resolved
+against the rootdir.
+
 Listed tests still run, but are reported as `xfail` (non-strict): a failure does not
 fail the run, a pass is reported as `XPASS`. The terminal summary prints how many tests
-are quarantined.
+are quarantined (also under pytest-xdist).'''

CHANGELOG_EDIT = '''--- a/CHANGELOG.md
+++ b/CHANGELOG.md
@@ -1,5 +1,14 @@
 # Changelog

+## Unreleased
+
+- New `quarantine_file` ini option and `--quarantine-file` flag to choose where the list lives.
+- Text after ` #` on a line is used as the xfail reason.
+- Fixed: the "N quarantined" summary printed 0 under pytest-xdist.
+
+## 0.2.0
+
+- Removed automatic reruns of quarantined tests (they hid real failures).
+
 ## 0.1.0

 - First release.'''

turns = [
    U("ok so... the quarantine summary line says `0 quarantined` when I run with -n 4. without xdist it says 7, which is right. "
      "hmm. I think it's the worker thing? the hook runs somewhere else maybe. not sure. also I was wondering if we should move "
      "where the list is configured, right now it's hardcoded to `.quarantine` in rootdir and two people asked for something else. "
      "but first the xdist thing. let's run the whole suite and see where we are, I haven't run it since the weekend"),
    T("Read", "src/pytest_quarantine/plugin.py", PLUGIN_PY),
    T("Bash", "pytest -v", LONG_LOG),
    A("Two failures, both the xdist summary test, and the captured output shows exactly your symptom: 33 passed, 7 xfailed, "
      "but the line says `0 quarantined`.\n\nThe cause: under pytest-xdist, collection and `pytest_collection_modifyitems` "
      "run inside each worker process, not in the controller. So `config.stash[QUARANTINED]` gets filled in the workers' "
      "`Config` objects, while `pytest_terminal_summary` runs in the controller (the process that owns the terminal), "
      "whose stash was never touched — hence 0. Without xdist it's all one process, so it works.\n\n"
      "Fix: stop counting at collection time. Tag the item with `item.user_properties.append((\"quarantined\", True))`; "
      "user_properties are serialised into the test report that workers send back to the controller. Then count in "
      "`pytest_runtest_logreport`, which on the controller fires for every forwarded report. I'd also skip the summary "
      "when `config` has `workerinput` so a worker never prints. Want me to go ahead?"),
    U("ahh right, the stash lives in the worker. that makes sense. go"),
    T("Edit", "src/pytest_quarantine/plugin.py", EDIT_XDIST),
    T("Bash", "pytest tests/test_xdist.py -q", INPROC_FAIL),
    A("Different failure now, and it's the test harness rather than the plugin: `pytester.runpytest()` runs the inner "
      "pytest *in-process* by default, so the inner session sees the outer session's module-level `_config` and stash "
      "(the `KeyError` on the StashKey is the inner run looking up the key in the outer config). In-process runs and "
      "xdist don't mix well anyway, because xdist spawns real worker processes. I'll switch the xdist tests to "
      "`pytester.runpytest_subprocess(...)` — slower, but each run is isolated."),
    T("Edit", "tests/test_xdist.py", EDIT_TEST),
    T("Bash", "pytest tests/test_xdist.py -q",
      "......                                                                   [100%]\n6 passed in 9.84s"),
    T("Bash", "pytest -q -p no:randomly",
      "........................................................................ [ 21%]\n"
      "........................................................................ [ 43%]\n"
      "........................................................................ [ 65%]\n"
      "........................................................................ [ 87%]\n"
      "..........................................                               [100%]\n336 passed in 47.20s"),
    A("All 336 pass. The xdist tests now take ~10s because of the subprocesses; the rest is unchanged."),
    U("cool. ok now the config location. so in my head there are a few ways... people want the file somewhere else, "
      "one guy wants it in `ci/`. and someone wanted reasons per test. what would you do"),
    A("Three reasonable options:\n\n"
      "(a) **An ini option** `quarantine_file` registered with `parser.addini`, default `.quarantine`, plus a "
      "`--quarantine-file` CLI flag that overrides it. Works from `pytest.ini`, `tox.ini`, `setup.cfg` or "
      "`[tool.pytest.ini_options]` — pytest does the parsing, on every Python version.\n"
      "(b) **Our own table in pyproject.toml**, e.g. `[[tool.pytest-quarantine.tests]]` with `id` and `reason` keys, "
      "parsed by us with `tomllib`. Structured, reasons are first-class.\n"
      "(c) **A YAML file** with id / reason / expiry date per test. Most expressive, but needs PyYAML.\n\n"
      "I'd go with (a): least code, no parsing of our own, and reasons can still be supported as a trailing comment."),
    U("hmm. b is nice because people can write reasons per test properly... c no, that's one more format to parse and "
      "I want zero runtime deps besides pytest, it's always been like that for this plugin. let's try b actually, tomllib is stdlib"),
    T("Edit", "src/pytest_quarantine/plugin.py", TOMLLIB_EDIT),
    T("Bash", "tox -e py310,py312", TOX_FAIL),
    A("py310 fails at import: `tomllib` only exists from Python 3.11, and we support 3.9 and 3.10 too. The usual answer is "
      "a conditional dependency `tomli; python_version < \"3.11\"` and `import tomli as tomllib` on old versions — "
      "but that's a runtime dependency besides pytest on 3.9/3.10, which you wanted to avoid. The alternative is to "
      "drop 3.9/3.10 support."),
    U("meh. no tomli and I'm not dropping 3.9, half our users are on old RHEL. ok revert that and go with (a), the ini option. "
      "reasons can go as a comment after the nodeid in the file, good enough"),
    T("Bash", "git checkout -- src/pytest_quarantine/plugin.py && git status --short",
      " M tests/test_xdist.py"),
    A("Hm, that reverted the xdist fix too, since it was in the same uncommitted file. Re-applying it first, then the ini option."),
    T("Edit", "src/pytest_quarantine/plugin.py", EDIT_XDIST),
    T("Edit", "src/pytest_quarantine/plugin.py", INI_EDIT),
    T("Edit", "tests/test_config.py", '''+++ b/tests/test_config.py
@@ -0,0 +1,34 @@
+import pytest
+
+
+def test_ini_option(pytester: pytest.Pytester) -> None:
+    pytester.makeini("[pytest]\\nquarantine_file = ci/flaky.txt\\n")
+    pytester.mkdir("ci")
+    (pytester.path / "ci" / "flaky.txt").write_text("test_a.py::test_flaky  # races\\n")
+    pytester.makepyfile(test_a="def test_flaky(): assert 0\\ndef test_ok(): pass\\n")
+    result = pytester.runpytest("-rx")
+    result.assert_outcomes(passed=1, xfailed=1)
+    result.stdout.fnmatch_lines(["*XFAIL test_a.py::test_flaky - races*", "*1 quarantined*"])
+
+
+def test_cli_overrides_ini(pytester: pytest.Pytester) -> None:
+    pytester.makeini("[pytest]\\nquarantine_file = nowhere.txt\\n")
+    pytester.makefile(".txt", other="test_a.py::test_flaky\\n")
+    pytester.makepyfile(test_a="def test_flaky(): assert 0\\n")
+    result = pytester.runpytest("--quarantine-file", "other.txt")
+    result.assert_outcomes(xfailed=1)
+
+
+def test_default_file(pytester: pytest.Pytester) -> None:
+    pytester.makefile("", **{".quarantine": "test_a.py::test_flaky\\n"})
+    pytester.makepyfile(test_a="def test_flaky(): assert 0\\n")
+    pytester.runpytest().assert_outcomes(xfailed=1)'''),
    T("Bash", "tox -e py39,py310,py311,py312", TOX_OK),
    U("nice, all green. btw someone on the issue tracker asked for auto-rerun of quarantined tests. funny, we actually had "
      "exactly that in 0.1, it reran quarantined tests up to 3 times like rerunfailures does, and it just hid real failures — "
      "a flaky test that became genuinely broken stayed green for weeks and nobody noticed. so I ripped it out in 0.2. "
      "I'll answer them, no need to do anything. can you update the README section about configuration?"),
    T("Read", "README.md", README_OLD),
    T("Edit", "README.md", README_EDIT),
    A("README updated with a Configuration section (ini option, CLI override, reasons after ` #`). "
      "Do you want the reason text shown in the terminal summary too, e.g. under `-rx`? It already appears as the xfail reason."),
    U("changelog too pls"),
    T("Edit", "CHANGELOG.md", CHANGELOG_EDIT),
    T("Bash", "git add -A && git commit -m 'Configurable quarantine file; fix summary count under xdist'",
      "[main 8d41f0b] Configurable quarantine file; fix summary count under xdist\n"
      " 5 files changed, 118 insertions(+), 19 deletions(-)\n create mode 100644 tests/test_config.py"),
    U("ok, leaving it there for today. for later: a `--quarantine-strict` flag that fails the run if a quarantined test "
      "starts passing (XPASS), so we notice when to un-quarantine it. and then release 0.3.0 after that is in. thanks!"),
    A("Noted, not started: `--quarantine-strict` (fail the run on XPASS of a quarantined test), then cut 0.3.0. "
      "Today's commit 8d41f0b has the xdist count fix, the `quarantine_file` ini option / `--quarantine-file` flag, "
      "and README + CHANGELOG."),
]

s = {
    "id": "pytest_quarantine",
    "project": "pytest-quarantine",
    "cwd_files": ["pyproject.toml", "tox.ini", "README.md", "CHANGELOG.md", "src/pytest_quarantine/__init__.py",
                  "src/pytest_quarantine/plugin.py", "tests/conftest.py", "tests/test_plugin.py",
                  "tests/test_parse.py", "tests/test_summary.py", "tests/test_xdist.py", "tests/test_compat.py"],
    "turns": turns,
    "gold": [
        G("PROJECT", "pytest-quarantine: pytest plugin that runs listed flaky tests as non-strict xfail; Python 3.9-3.12 via tox",
          ["pytest-quarantine"], ["plugin", "xfail", "flaky", "tox", "3.9"]),
        G("BUG_FIX", "xdist showed '0 quarantined': count was kept in worker stash; now tagged in user_properties and counted on controller in pytest_runtest_logreport",
          ["xdist"], ["worker", "controller", "user_properties", "logreport", "0 quarantined", "count"],
          ["src/pytest_quarantine/plugin.py"]),
        G("PATTERN", "xdist tests use pytester.runpytest_subprocess; in-process runs leak the outer session's config/stash",
          ["runpytest_subprocess"], ["xdist", "in-process", "inprocess", "leak", "isolat", "stash"],
          ["tests/test_xdist.py"]),
        G("DECISION", "quarantine list location is the quarantine_file ini option (default .quarantine) with --quarantine-file override; reasons as ' #' comments",
          ["quarantine_file"], ["ini", "addini", "default", "--quarantine-file", "comment", "override"],
          ["src/pytest_quarantine/plugin.py"]),
        G("FAILED", "own [tool.pytest-quarantine] pyproject table via tomllib: failed on Python 3.10 (tomllib is 3.11+), tomli dep rejected, reverted",
          ["tomllib"], ["3.10", "3.11", "py310", "ModuleNotFoundError", "tomli", "revert"], failure=True),
        G("PREFERENCE", "plugin keeps zero runtime dependencies besides pytest",
          ["depend"], ["zero", "only pytest", "besides pytest", "except pytest", "other than pytest", "no runtime"]),
        G("FAILED", "auto-rerun of quarantined tests (0.1) hid real failures; removed in 0.2",
          ["rerun"], ["hid", "hide", "real failure", "mask", "removed", "0.2"], failure=True),
        G("TODO", "add --quarantine-strict flag failing the run when a quarantined test passes (XPASS)",
          ["quarantine-strict"], ["xpass", "pass", "fail", "flag"]),
        G("TODO", "release 0.3.0 once --quarantine-strict is in",
          ["0.3.0"], ["release", "publish", "pypi", "cut"]),
    ],
    "dead_ends": [
        D("YAML quarantine file with reason/expiry per test (needs PyYAML)", ["yaml"]),
        D("[tool.pytest-quarantine] table in pyproject parsed with tomllib", ["tomllib"]),
    ],
    "secrets": [],
}
write(s)
