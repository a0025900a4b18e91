"""Builds the blind held-out set heldout18 (8 labelled sessions).

Written blind: the author did not read the extractor, its tests, benchmarks or other sets.
Run: python build_heldout18.py  -> writes <id>.json next to this script.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SESSIONS = []


def U(text):
    return {"role": "user", "text": text}


def A(text):
    return {"role": "assistant", "text": text}


def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp, "output": out}


def G(kind, summary, all_of, any_of, files=None, failure=False):
    g = {"kind": kind, "summary": summary, "all_of": all_of, "any_of": any_of, "files": files or []}
    if failure:
        g["failure"] = True
    return g


def D(summary, all_of):
    return {"summary": summary, "all_of": all_of}


def session(fn):
    SESSIONS.append(fn)
    return fn


# ---------------------------------------------------------------------------
# 1. Python Typer CLI + httpx  (terse user)
# ---------------------------------------------------------------------------
@session
def typer_relnotes():
    tok = "ghp_7Qm2RkVx9LbT4nWc8YhJ3pZsA1dEfG6uKo0N"
    pytest_fail = """============================= test session starts ==============================
platform linux -- Python 3.12.4, pytest-8.3.2, pluggy-1.5.0
rootdir: /home/dk/src/relnotes
configfile: pyproject.toml
plugins: respx-0.21.1, anyio-4.4.0
collected 14 items

tests/test_cli.py EEEEEE                                                 [ 42%]
tests/test_github.py ........                                            [100%]

==================================== ERRORS ====================================
____________________ ERROR at setup of test_generate_basic _____________________

    @pytest.fixture
    def runner():
>       return CliRunner(mix_stderr=False)
E       TypeError: CliRunner.__init__() got an unexpected keyword argument 'mix_stderr'

tests/conftest.py:9: TypeError
__________________ ERROR at setup of test_generate_since_tag ___________________

    @pytest.fixture
    def runner():
>       return CliRunner(mix_stderr=False)
E       TypeError: CliRunner.__init__() got an unexpected keyword argument 'mix_stderr'

tests/conftest.py:9: TypeError
____________________ ERROR at setup of test_generate_labels ____________________

    @pytest.fixture
    def runner():
>       return CliRunner(mix_stderr=False)
E       TypeError: CliRunner.__init__() got an unexpected keyword argument 'mix_stderr'

tests/conftest.py:9: TypeError
(3 more errors of the same shape)
=========================== short test summary info ============================
ERROR tests/test_cli.py::test_generate_basic - TypeError: CliRunner.__init__() got an unexpected keyword argument 'mix_stderr'
ERROR tests/test_cli.py::test_generate_since_tag - TypeError: CliRunner.__init__() ...
ERROR tests/test_cli.py::test_generate_labels - TypeError: CliRunner.__init__() ...
ERROR tests/test_cli.py::test_generate_json - TypeError: CliRunner.__init__() ...
ERROR tests/test_cli.py::test_missing_token - TypeError: CliRunner.__init__() ...
ERROR tests/test_cli.py::test_bad_repo - TypeError: CliRunner.__init__() ...
========================= 8 passed, 6 errors in 0.61s =========================="""
    timeout_trace = """Fetching compare v2.3.0...main for acme/platform
Traceback (most recent call last):
  File "/home/dk/src/relnotes/.venv/lib/python3.12/site-packages/httpx/_transports/default.py", line 72, in map_httpcore_exceptions
    yield
  File "/home/dk/src/relnotes/.venv/lib/python3.12/site-packages/httpx/_transports/default.py", line 236, in handle_request
    resp = self._pool.handle_request(req)
  File "/home/dk/src/relnotes/.venv/lib/python3.12/site-packages/httpcore/_sync/connection_pool.py", line 256, in handle_request
    raise exc from None
  File "/home/dk/src/relnotes/.venv/lib/python3.12/site-packages/httpcore/_sync/http11.py", line 217, in _receive_event
    data = self._network_stream.read(
  File "/home/dk/src/relnotes/.venv/lib/python3.12/site-packages/httpcore/_backends/sync.py", line 126, in read
    with map_exceptions(exc_map):
  File "/usr/lib/python3.12/contextlib.py", line 158, in __exit__
    self.gen.throw(value)
  File "/home/dk/src/relnotes/.venv/lib/python3.12/site-packages/httpcore/_exceptions.py", line 14, in map_exceptions
    raise to_exc(exc) from exc
httpcore.ReadTimeout: The read operation timed out

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/home/dk/src/relnotes/.venv/bin/relnotes", line 8, in <module>
    sys.exit(app())
  File "/home/dk/src/relnotes/src/relnotes/cli.py", line 41, in generate
    commits = gh.compare(repo, since, until)
  File "/home/dk/src/relnotes/src/relnotes/github.py", line 58, in compare
    r = self.client.get(f"/repos/{repo}/compare/{base}...{head}")
  File "/home/dk/src/relnotes/.venv/lib/python3.12/site-packages/httpx/_client.py", line 1054, in get
    return self.request(
  File "/home/dk/src/relnotes/.venv/lib/python3.12/site-packages/httpx/_transports/default.py", line 89, in map_httpcore_exceptions
    raise mapped_exc(message) from exc
httpx.ReadTimeout: The read operation timed out"""
    async_out = """Fetching compare v2.3.0...main for acme/platform
Fetching 212 pull requests (concurrent)...
Traceback (most recent call last):
  File "/home/dk/src/relnotes/src/relnotes/github.py", line 91, in _pr
    r.raise_for_status()
  File "/home/dk/src/relnotes/.venv/lib/python3.12/site-packages/httpx/_models.py", line 829, in raise_for_status
    raise HTTPStatusError(message, request=request, response=self)
httpx.HTTPStatusError: Client error '403 Forbidden' for url 'https://api.github.com/repos/acme/platform/pulls/4471'
For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/403

$ curl -s -H "Authorization: Bearer $GITHUB_TOKEN" https://api.github.com/repos/acme/platform/pulls/4471 | head -5
{
  "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 9C41:2B7E:5D1A0F:6E2B44:66F1A2C3.",
  "documentation_url": "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
  "status": "403"
}"""
    turns = [
        U("relnotes generate times out on acme/platform. v2.3.0..main. fix"),
        A("Let me reproduce it first."),
        T("Bash", f"export GITHUB_TOKEN={tok} && relnotes generate acme/platform --since v2.3.0", timeout_trace),
        T("Read", "src/relnotes/github.py", '''import httpx

API = "https://api.github.com"


class GitHub:
    def __init__(self, token: str):
        self.client = httpx.Client(
            base_url=API,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
                     "X-GitHub-Api-Version": "2022-11-28"},
        )

    def compare(self, repo: str, base: str, head: str) -> list[dict]:
        r = self.client.get(f"/repos/{repo}/compare/{base}...{head}")
        r.raise_for_status()
        return r.json()["commits"]

    def pulls_for_commit(self, repo: str, sha: str) -> list[dict]:
        r = self.client.get(f"/repos/{repo}/commits/{sha}/pulls")
        r.raise_for_status()
        return r.json()
'''),
        A("The client is built without a `timeout`, so httpx uses its default of 5 seconds for every phase. "
          "GitHub's compare endpoint for a range of ~1,900 commits regularly takes 8-15 s to answer the first byte, "
          "so the read phase hits the 5 s default. That's the whole bug — nothing is wrong with the request itself.\n\n"
          "I'll give the client an explicit `httpx.Timeout(30.0, connect=5.0)`: 30 s for read/write/pool, 5 s to connect, "
          "so a dead network still fails fast."),
        T("Edit", "src/relnotes/github.py", '''@@ class GitHub:
     def __init__(self, token: str):
         self.client = httpx.Client(
             base_url=API,
+            timeout=httpx.Timeout(30.0, connect=5.0),
             headers={"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",'''),
        T("Bash", "relnotes generate acme/platform --since v2.3.0 | head -20", """Fetching compare v2.3.0...main for acme/platform
Fetching 212 pull requests...
## v2.4.0 (unreleased)

### Features
- Add bulk export endpoint (#4471)
- Org-level audit log filters (#4480)
...
### Fixes
- Fix double-charge on retried webhooks (#4452)
...
### Other
- Bump pydantic to 2.8 (#4466)
(took 74.2s)"""),
        U("works. 74s though. parallelize the PR fetches"),
        A("Sure. I'll switch the PR lookups to `httpx.AsyncClient` and fan them out with `asyncio.gather`, keeping the "
          "Typer command sync by wrapping it in `asyncio.run`."),
        T("Edit", "src/relnotes/github.py", '''@@
+class AsyncGitHub:
+    def __init__(self, token: str):
+        self.client = httpx.AsyncClient(base_url=API, timeout=httpx.Timeout(30.0, connect=5.0),
+                                        headers=_headers(token))
+
+    async def _pr(self, repo, sha):
+        r = await self.client.get(f"/repos/{repo}/commits/{sha}/pulls")
+        r.raise_for_status()
+        return r.json()
+
+    async def pulls_for_commits(self, repo, shas):
+        return await asyncio.gather(*(self._pr(repo, s) for s in shas))'''),
        T("Bash", "relnotes generate acme/platform --since v2.3.0 | head -20", async_out),
        A("That's GitHub's *secondary* rate limit: it fires on bursts of concurrent requests regardless of how much "
          "of the hourly quota is left. 212 requests at once trips it immediately. I could add a semaphore of ~4, "
          "but GitHub's docs say to make requests serially for a single token, and even at 4 we'd risk it on big releases."),
        U("revert it. sequential is fine, correctness over speed"),
        T("Bash", "git checkout -- src/relnotes/github.py src/relnotes/cli.py && git diff --stat", ""),
        T("Edit", "src/relnotes/github.py", '''@@ class GitHub:
     def __init__(self, token: str):
         self.client = httpx.Client(
             base_url=API,
+            timeout=httpx.Timeout(30.0, connect=5.0),'''),
        A("Reverted the async version and re-applied only the timeout fix. The PR lookups stay sequential on the sync client."),
        U("tests are broken since the lockfile bump, look"),
        T("Bash", "uv run pytest -q", pytest_fail),
        T("Bash", "uv pip show click typer | grep -E '^(Name|Version)'", "Name: click\nVersion: 8.2.1\nName: typer\nVersion: 0.15.1"),
        A("Click 8.2 removed the `mix_stderr` argument from `CliRunner` (Typer's `CliRunner` subclasses Click's). "
          "stderr is now always captured separately and available as `result.stderr`, so the fixture can just drop the argument."),
        T("Edit", "tests/conftest.py", '''@@
 @pytest.fixture
 def runner():
-    return CliRunner(mix_stderr=False)
+    return CliRunner()'''),
        T("Bash", "uv run pytest -q", "..............                                                           [100%]\n14 passed in 0.58s"),
        U("good. tests mock github how btw? was it real network before?"),
        A("They use real network for test_github.py right now (8 tests, they just happened to pass). Options for mocking httpx:\n"
          "1. **respx** – route-based mocking (`respx.get(...).mock(return_value=...)`), works for sync and async clients; already in the dev deps (the pytest plugin line shows respx-0.21.1).\n"
          "2. **pytest-httpx** – fixture `httpx_mock`, asserts all registered responses were used.\n"
          "3. **httpx.MockTransport** – no dependency, pass a handler function into the client.\n"
          "I'd go with respx since it's already installed."),
        U("respx. yes"),
        T("Edit", "tests/test_github.py", '''@@
+import respx
+from httpx import Response
+
+@respx.mock
+def test_compare_returns_commits():
+    respx.get("https://api.github.com/repos/acme/x/compare/v1...main").mock(
+        return_value=Response(200, json={"commits": [{"sha": "abc"}]}))
+    assert GitHub("t").compare("acme/x", "v1", "main") == [{"sha": "abc"}]'''),
        T("Bash", "uv run pytest -q tests/test_github.py", "........                                                                 [100%]\n8 passed in 0.21s"),
        U("also: traceback on error is that giant rich box, hate it. plain python tracebacks please"),
        T("Edit", "src/relnotes/cli.py", '''@@
-app = typer.Typer(help="Generate release notes from merged PRs.")
+app = typer.Typer(help="Generate release notes from merged PRs.", pretty_exceptions_enable=False)'''),
        A("Done — `pretty_exceptions_enable=False` on the Typer app, so errors print the standard Python traceback instead of the Rich panel."),
        U("sections: group by PR label. feat, fix, chore. anything without those labels goes under Other. that's the rule"),
        T("Edit", "src/relnotes/render.py", '''@@
+SECTIONS = {"feat": "Features", "fix": "Fixes", "chore": "Chores"}
+
+def section_for(pr: dict) -> str:
+    for label in pr.get("labels", []):
+        if label["name"] in SECTIONS:
+            return SECTIONS[label["name"]]
+    return "Other"'''),
        T("Bash", "uv run pytest -q && relnotes generate acme/platform --since v2.3.0 | grep '^###'", "................                                                          [100%]\n16 passed in 0.63s\n### Features\n### Fixes\n### Chores\n### Other"),
        A("Grouping by label is in. Want me to also handle PRs that carry two of those labels (currently first match wins)?"),
        U("later. one more thing for next time: ETag caching so reruns don't burn rate limit. not now"),
        A("Noted — conditional requests with `If-None-Match`/ETag (a 304 doesn't count against the rate limit) are left as a TODO. "
          "Committing the rest."),
        T("Bash", "git add -A && git commit -qm 'Timeout for GitHub client, click 8.2 test fix, respx mocks, label sections' && git log --oneline -1",
          "5e1c0a2 Timeout for GitHub client, click 8.2 test fix, respx mocks, label sections"),
        U("thx"),
    ]
    gold = [
        G("PROJECT", "relnotes: Python 3.12 Typer CLI using httpx against GitHub API, uv + pytest",
          ["typer"], ["httpx", "relnotes", "github", "python"]),
        G("BUG_FIX", "GitHub compare timed out: httpx default 5s timeout -> httpx.Timeout(30, connect=5)",
          ["timeout"], ["30", "5s", "5 s", "readtimeout", "default"], files=["src/relnotes/github.py"]),
        G("FAILED", "Concurrent PR fetch with AsyncClient + asyncio.gather reverted: GitHub secondary rate limit 403",
          ["async"], ["rate limit", "403", "secondary", "gather"], failure=True),
        G("BUG_FIX", "CliRunner(mix_stderr=False) TypeError after Click 8.2 -> drop the argument",
          ["mix_stderr"], ["8.2", "removed", "clirunner", "typeerror", "click"], files=["tests/conftest.py"]),
        G("DECISION", "Mock httpx in tests with respx",
          ["respx"], ["mock", "test", "httpx"]),
        G("PREFERENCE", "Plain Python tracebacks, Typer pretty_exceptions_enable=False",
          ["traceback"], ["plain", "rich", "pretty", "pretty_exceptions"]),
        G("DECISION", "Release notes sections by PR label feat/fix/chore, unlabeled -> Other",
          ["label"], ["feat", "other", "section", "group"], files=["src/relnotes/render.py"]),
        G("TODO", "ETag / If-None-Match caching so reruns don't use rate limit",
          ["etag"], ["cach", "if-none-match", "304", "rate limit", "todo"]),
    ]
    dead = [D("pytest-httpx proposed for mocking, not picked", ["pytest-httpx"]),
            D("httpx.MockTransport proposed, not picked", ["MockTransport"]),
            D("semaphore-limited concurrency floated, not done", ["semaphore"])]
    return {"id": "typer_relnotes", "project": "relnotes",
            "cwd_files": ["pyproject.toml", "src/relnotes/cli.py", "src/relnotes/github.py", "src/relnotes/render.py",
                          "tests/conftest.py", "tests/test_github.py", "tests/test_cli.py", "uv.lock"],
            "turns": turns, "gold": gold, "dead_ends": dead, "secrets": [tok]}


def main():
    only = set(os.sys.argv[1:])
    for fn in SESSIONS:
        s = fn()
        if only and s["id"] not in only:
            continue
        path = os.path.join(HERE, s["id"] + ".json")
        with open(path, "w") as f:
            json.dump(s, f, indent=1, ensure_ascii=False)
        chars = sum(len(t.get("text", "")) + len(t.get("input", "")) + len(t.get("output", "")) for t in s["turns"])
        print(f"{s['id']}: {len(s['turns'])} turns, ~{chars // 4} tokens, {len(s['gold'])} gold")


if __name__ == "__main__":
    main()
