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


# ---------------------------------------------------------------------------
# 2. Lit web components  (chatty user)
# ---------------------------------------------------------------------------
@session
def lit_datepicker():
    npm_tok = "npm_Hk4Tq9ZxW2mLr7VbN3cPy8JsD5fGa1eU6oQi"
    wtr_fail = """
> acme-ui-kit@0.14.2 test
> web-test-runner "src/**/*.test.ts" --node-resolve

Chrome: |██████████████████████████████| 9/9 test files | 41 passed, 2 failed

 src/date-picker/date-picker.test.ts:

  ❌ acme-date-picker > closes when clicking outside
      AssertionError: expected true to be false
        at n.<anonymous> (src/date-picker/date-picker.test.ts:88:35)

  ❌ acme-date-picker > stays open when clicking a day cell
      AssertionError: expected false to be true
        at n.<anonymous> (src/date-picker/date-picker.test.ts:101:34)

 Browser logs:
      Lit is in dev mode. Not recommended for production! See https://lit.dev/msg/dev-mode for more information.
      Element acme-date-picker scheduled an update (generally because a property was set) after an update completed, causing a new update to be scheduled. This is inefficient and should be avoided unless the next update can only be scheduled as a side effect of the previous update. See https://lit.dev/msg/change-in-update for more information.
      Element acme-date-picker scheduled an update (generally because a property was set) after an update completed, causing a new update to be scheduled. This is inefficient and should be avoided unless the next update can only be scheduled as a side effect of the previous update. See https://lit.dev/msg/change-in-update for more information.
      Element acme-date-picker scheduled an update (generally because a property was set) after an update completed, causing a new update to be scheduled. This is inefficient and should be avoided unless the next update can only be scheduled as a side effect of the previous update. See https://lit.dev/msg/change-in-update for more information.

Finished running tests in 3.8s with 2 failed tests.
"""
    turns = [
        U("Good morning!! ☕ Okay so today is date-picker day, finally. Quick context since you don't remember anything: "
          "acme-ui-kit is our Lit 3 component library, TypeScript, Vite for the playground, tests with @web/test-runner in Chrome. "
          "The <acme-date-picker> is half done and it has two annoying problems: the popup doesn't close when you click outside, "
          "and the console spams some Lit warning. Oh, and funny story, last month we tried using Shoelace's sl-popup for "
          "the dropdown positioning, and the bundle went up by like 40kb gzipped for ONE component, so we ripped it out and "
          "went back to our own tiny positioning helper. So please no Shoelace suggestions haha. Can you run the tests first?"),
        A("Good morning! Running the suite to see the current state."),
        T("Bash", "npm test", wtr_fail),
        T("Read", "src/date-picker/date-picker.ts", '''import { LitElement, html } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import { styles } from './date-picker.styles.js';
import { monthGrid, sameDay } from './calendar.js';

@customElement('acme-date-picker')
export class AcmeDatePicker extends LitElement {
  static styles = styles;

  @property({ type: String }) value = '';
  @property({ type: String }) min = '';
  @property({ type: String }) max = '';
  @state() private open = false;
  @state() private weeks: Date[][] = [];
  @state() private viewMonth = new Date();

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('click', this.onDocClick);
  }

  disconnectedCallback() {
    document.removeEventListener('click', this.onDocClick);
    super.disconnectedCallback();
  }

  private onDocClick = (e: MouseEvent) => {
    if (!this.contains(e.target as Node)) this.open = false;
  };

  updated(changed: Map<string, unknown>) {
    if (changed.has('viewMonth') || changed.has('min') || changed.has('max')) {
      this.weeks = monthGrid(this.viewMonth, this.min, this.max);
    }
  }

  render() { /* ... */ }
}'''),
        A("Found both.\n\n**Outside click.** The listener is on `document`, and events leaving a shadow root are "
          "*retargeted*: by the time the click reaches `document`, `e.target` is no longer the node that was clicked but the "
          "outermost shadow host in document scope. In the tests (and in the app's dialogs) the picker lives inside another "
          "component's shadow root, so `e.target` is that outer host and `this.contains()` gives the wrong answer both ways. "
          "The robust check is `e.composedPath().includes(this)`, which sees the real path through all shadow boundaries.\n\n"
          "**The warning.** `weeks` is derived state, but it's assigned in `updated()`, i.e. *after* the render, so every change of "
          "`viewMonth` triggers a second update cycle — that's exactly Lit's change-in-update warning. Derived state belongs in "
          "`willUpdate()`, which runs before `render()` and doesn't schedule another update."),
        T("Edit", "src/date-picker/date-picker.ts", '''@@
   private onDocClick = (e: MouseEvent) => {
-    if (!this.contains(e.target as Node)) this.open = false;
+    if (!e.composedPath().includes(this)) this.open = false;
   };

-  updated(changed: Map<string, unknown>) {
+  willUpdate(changed: Map<string, unknown>) {
     if (changed.has('viewMonth') || changed.has('min') || changed.has('max')) {
       this.weeks = monthGrid(this.viewMonth, this.min, this.max);
     }
   }'''),
        T("Bash", "npm test", """
> acme-ui-kit@0.14.2 test
> web-test-runner "src/**/*.test.ts" --node-resolve

Chrome: |██████████████████████████████| 9/9 test files | 43 passed, 0 failed

 Browser logs:
      Lit is in dev mode. Not recommended for production! See https://lit.dev/msg/dev-mode for more information.

Finished running tests in 3.5s"""),
        U("YES. Both green and the warning is gone, you're a star. Ok next big thing: forms. People want to drop "
          "<acme-date-picker name=\"start\"> inside a <form> and have it just submit like an input. How would you do that?"),
        A("Three ways I can see:\n\n"
          "1. **Form-associated custom element** — `static formAssociated = true`, `this.internals = this.attachInternals()`, "
          "then `internals.setFormValue(this.value)` whenever the value changes, plus `setValidity()` for min/max. Native form submit, "
          "`FormData`, `form.reset()` (via `formResetCallback`) and `:invalid` all work. Supported in all evergreen browsers now.\n"
          "2. **Hidden input in the light DOM** — the component injects `<input type=\"hidden\" name=...>` as a child and keeps it in sync. "
          "Works everywhere but mutates the user's DOM and validation doesn't surface.\n"
          "3. **Wrap a native `<input type=\"date\">`** and style it — least code, but we lose the custom calendar and the styling control.\n\n"
          "I'd recommend 1."),
        U("sounds good, go with 1"),
        T("Edit", "src/date-picker/date-picker.ts", '''@@
 @customElement('acme-date-picker')
 export class AcmeDatePicker extends LitElement {
   static styles = styles;
+  static formAssociated = true;
+  private internals = this.attachInternals();
@@
   willUpdate(changed: Map<string, unknown>) {
+    if (changed.has('value')) {
+      this.internals.setFormValue(this.value);
+      this.validate();
+    }
     if (changed.has('viewMonth') || changed.has('min') || changed.has('max')) {
@@
+  formResetCallback() {
+    this.value = this.getAttribute('value') ?? '';
+  }
+
+  private validate() {
+    if (this.min && this.value && this.value < this.min) {
+      this.internals.setValidity({ rangeUnderflow: true }, `Date must be on or after ${this.min}`);
+    } else if (this.max && this.value && this.value > this.max) {
+      this.internals.setValidity({ rangeOverflow: true }, `Date must be on or before ${this.max}`);
+    } else {
+      this.internals.setValidity({});
+    }
+  }'''),
        T("Edit", "src/date-picker/date-picker.test.ts", '''@@
+  it('submits its value with the form', async () => {
+    const form = await fixture<HTMLFormElement>(html`<form><acme-date-picker name="start" value="2025-03-04"></acme-date-picker></form>`);
+    expect(new FormData(form).get('start')).to.equal('2025-03-04');
+  });
+
+  it('is invalid below min', async () => {
+    const el = await fixture<AcmeDatePicker>(html`<acme-date-picker min="2025-01-01" value="2024-12-31"></acme-date-picker>`);
+    expect(el.matches(':invalid')).to.be.true;
+  });'''),
        T("Bash", "npm test", "\n> acme-ui-kit@0.14.2 test\n> web-test-runner \"src/**/*.test.ts\" --node-resolve\n\nChrome: |██████████████████████████████| 9/9 test files | 45 passed, 0 failed\n\nFinished running tests in 3.6s"),
        U("Lovely. Small thing, I noticed you put a couple of CSS rules for the invalid state inline in the component "
          "with css`` — could you move them to date-picker.styles.ts? I like keeping styles in their own *.styles.ts file, never inline in the component, it's how the whole kit is organized."),
        T("Edit", "src/date-picker/date-picker.styles.ts", '''@@
 export const styles = css`
   :host { display: inline-block; position: relative; }
+  :host(:invalid) .field { border-color: var(--acme-color-danger, #c62828); }
+  :host(:invalid) .field:focus-visible { outline-color: var(--acme-color-danger, #c62828); }
 `;'''),
        T("Edit", "src/date-picker/date-picker.ts", '''@@
-  static styles = [styles, css`:host(:invalid) .field { border-color: var(--acme-color-danger, #c62828); } :host(:invalid) .field:focus-visible { outline-color: var(--acme-color-danger, #c62828); }`];
+  static styles = styles;'''),
        A("Moved. While I'm here: should I also generate a `custom-elements.json` manifest with the CEM analyzer so IDEs "
          "pick up the new `name`/form attributes?"),
        U("Oh and before I forget, publishing. The release job failed yesterday with a 403, can you check my npmrc is sane? I haven't touched it in ages"),
        T("Read", ".npmrc", f"@acme:registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken={npm_tok}\nsave-exact=true\n"),
        A("The `.npmrc` has a token hard-coded in it — that should not live in the repo file. The 403 is most likely because "
          "that token was revoked/expired (npm classic tokens were revoked in bulk this year). I'd replace the line with "
          "`//registry.npmjs.org/:_authToken=${NPM_TOKEN}` and set `NPM_TOKEN` as a CI secret with a fresh granular token. "
          "Also worth rotating the old one in case it's still valid."),
        U("Ugh, yes, good catch. do the env var thing, I'll rotate the token myself in a bit."),
        T("Edit", ".npmrc", '''@@
 @acme:registry=https://registry.npmjs.org/
-//registry.npmjs.org/:_authToken=npm_Hk4T...
+//registry.npmjs.org/:_authToken=${NPM_TOKEN}
 save-exact=true'''),
        T("Bash", "git add -A && git commit -qm 'date-picker: composedPath outside click, willUpdate derived state, form association' && git log --oneline -1",
          "a91d3f7 date-picker: composedPath outside click, willUpdate derived state, form association"),
        U("Perfect, thank you so much! I think that's it for today. The keyboard navigation in the calendar grid "
          "(arrow keys, Home/End, PageUp for months) is still missing, plus proper aria-activedescendant — that's for next "
          "time, it's a big one. Have a good one!"),
        A("Have a good one! Summary of today: outside-click fixed with `composedPath()`, derived `weeks` moved to "
          "`willUpdate()`, form association via ElementInternals, invalid styles moved to the styles file, `.npmrc` reads `NPM_TOKEN`. "
          "Open: keyboard navigation + aria-activedescendant for the grid, and rotating the old npm token."),
    ]
    gold = [
        G("PROJECT", "acme-ui-kit: Lit 3 web component library, TypeScript, Vite playground, @web/test-runner",
          ["lit"], ["test-runner", "vite", "typescript", "web component"]),
        G("FAILED", "Shoelace sl-popup for dropdown ripped out: +40kb gzipped bundle",
          ["shoelace"], ["40", "bundle", "size", "kb"], failure=True),
        G("BUG_FIX", "Outside click didn't close popup: shadow DOM retargeting -> e.composedPath().includes(this)",
          ["composedPath"], ["outside", "click", "shadow", "retarget", "close"], files=["src/date-picker/date-picker.ts"]),
        G("BUG_FIX", "Lit change-in-update warning: derived weeks computed in updated() -> willUpdate()",
          ["willUpdate"], ["updated", "change-in-update", "derived", "warning", "weeks"], files=["src/date-picker/date-picker.ts"]),
        G("DECISION", "Date picker joins native forms as form-associated custom element (ElementInternals, setFormValue, setValidity)",
          ["form"], ["elementinternals", "attachinternals", "formassociated", "form-associated", "setformvalue"]),
        G("PREFERENCE", "Styles always in separate *.styles.ts file, never inline css in component",
          ["styles"], ["styles.ts", "separate", "own file", "inline"]),
        G("DECISION", ".npmrc reads ${NPM_TOKEN} env var instead of hard-coded token",
          ["npm_token"], ["npmrc", "env", "ci", "secret"]),
        G("TODO", "Keyboard navigation (arrows, Home/End, PageUp) and aria-activedescendant in calendar grid",
          ["keyboard"], ["arrow", "aria", "navigation", "grid", "calendar"]),
        G("TODO", "Rotate the old npm token that was in .npmrc",
          ["rotate"], ["npm", "token", "npmrc"]),
    ]
    dead = [D("hidden input in light DOM for form integration, not picked", ["hidden input"]),
            D("custom-elements.json manifest asked, never answered", ["custom-elements.json"])]
    return {"id": "lit_datepicker", "project": "acme-ui-kit",
            "cwd_files": ["package.json", "web-test-runner.config.mjs", "vite.config.ts", "src/date-picker/date-picker.ts",
                          "src/date-picker/date-picker.styles.ts", "src/date-picker/date-picker.test.ts",
                          "src/date-picker/calendar.ts", ".npmrc"],
            "turns": turns, "gold": gold, "dead_ends": dead, "secrets": [npm_tok]}


# ---------------------------------------------------------------------------
# 3. Rust Leptos full-stack  (non-native English)
# ---------------------------------------------------------------------------
CRATES = """proc-macro2 1.0.86|unicode-ident 1.0.12|quote 1.0.36|syn 2.0.72|serde 1.0.204|serde_derive 1.0.204|libc 0.2.155|
cfg-if 1.0.0|once_cell 1.19.0|itoa 1.0.11|memchr 2.7.4|autocfg 1.3.0|version_check 0.9.5|log 0.4.22|pin-project-lite 0.2.14|
bytes 1.7.1|futures-core 0.3.30|futures-sink 0.3.30|futures-channel 0.3.30|futures-task 0.3.30|futures-io 0.3.30|
futures-macro 0.3.30|futures-util 0.3.30|futures-executor 0.3.30|futures 0.3.30|slab 0.4.9|tracing-core 0.1.32|
tracing-attributes 0.1.27|tracing 0.1.40|smallvec 1.13.2|scopeguard 1.2.0|lock_api 0.4.12|parking_lot_core 0.9.10|
parking_lot 0.12.3|thiserror-impl 1.0.63|thiserror 1.0.63|wasm-bindgen-shared 0.2.93|bumpalo 3.16.0|wasm-bindgen-backend 0.2.93|
wasm-bindgen-macro-support 0.2.93|wasm-bindgen-macro 0.2.93|wasm-bindgen 0.2.93|js-sys 0.3.70|web-sys 0.3.70|
wasm-bindgen-futures 0.4.43|getrandom 0.2.15|rand_core 0.6.4|ppv-lite86 0.2.20|rand_chacha 0.3.1|rand 0.8.5|
hashbrown 0.14.5|equivalent 1.0.1|indexmap 2.3.0|ryu 1.0.18|serde_json 1.0.122|percent-encoding 2.3.1|form_urlencoded 1.2.1|
tinyvec_macros 0.1.1|tinyvec 1.8.0|unicode-bidi 0.3.15|unicode-normalization 0.1.23|idna 0.5.0|url 2.5.2|
fnv 1.0.7|http 1.1.0|http-body 1.0.1|http-body-util 0.1.2|httparse 1.9.4|httpdate 1.0.3|mio 1.0.1|socket2 0.5.7|
tokio-macros 2.4.0|tokio 1.39.2|tokio-util 0.7.11|tower-service 0.3.2|tower-layer 0.3.2|tower 0.4.13|
atomic-waker 1.1.2|hyper 1.4.1|hyper-util 0.1.6|sync_wrapper 1.0.1|mime 0.3.17|matchit 0.7.3|axum-core 0.4.3|axum 0.7.5|
const_format_proc_macros 0.2.32|const_format 0.2.32|paste 1.0.15|drain_filter_polyfill 0.1.3|oco_ref 0.2.0|
or_poisoned 0.1.0|guardian 1.1.0|send_wrapper 0.6.0|throw_error 0.2.0|any_spawner 0.1.1|reactive_graph 0.1.0|
tachys 0.1.0|next_tuple 0.1.0|rstml 0.12.0|proc-macro-error 1.0.4|collection_literals 1.0.1|leptos_hot_reload 0.7.0|
server_fn_macro 0.7.0|server_fn_macro_default 0.7.0|server_fn 0.7.0|leptos_macro 0.7.0|leptos_config 0.7.0|
leptos_dom 0.7.0|leptos_server 0.7.0|leptos 0.7.0|leptos_meta 0.7.0|leptos_router_macro 0.7.0|leptos_router 0.7.0|
crc-catalog 2.4.0|crc 3.2.1|hex 0.4.3|sha2 0.10.8|digest 0.10.7|block-buffer 0.10.4|generic-array 0.14.7|typenum 1.17.0|
crypto-common 0.1.6|cpufeatures 0.2.12|event-listener 5.3.1|concurrent-queue 2.5.0|crossbeam-utils 0.8.20|
crossbeam-queue 0.3.11|hashlink 0.9.1|atoi 2.0.0|num-traits 0.2.19|chrono 0.4.38|iana-time-zone 0.1.60|
libsqlite3-sys 0.28.0|cc 1.1.7|pkg-config 0.3.30|vcpkg 0.2.15|flume 0.11.0|spin 0.9.8|sqlformat 0.2.4|
sqlx-core 0.8.0|sqlx-sqlite 0.8.0|sqlx-macros-core 0.8.0|sqlx-macros 0.8.0|sqlx 0.8.0|uuid 1.10.0|
lettre 0.11.7|email-encoding 0.3.0|nom 7.1.3|minimal-lexical 0.2.1|quoted_printable 0.5.1|tower-http 0.5.2|
leptos_integration_utils 0.7.0|leptos_axum 0.7.0"""


def cargo_lines(target_note):
    out = []
    for c in CRATES.replace("\n", "").split("|"):
        c = c.strip()
        if c:
            out.append(f"   Compiling {c}{target_note}")
    return out


@session
def leptos_booking():
    smtp = "Tb7$wQ2nLx9!pRm4"
    wasm_build = "\n".join(
        ["cargo-leptos 0.2.20", "Front compiling WASM",
         "    Updating crates.io index", "   Locking 0 packages to latest compatible versions"]
        + cargo_lines(" (target wasm32-unknown-unknown)")[:150]
        + ["""error: This wasm target is unsupported by mio. If using Tokio, disable the net feature.
  --> /home/minh/.cargo/registry/src/index.crates.io-6f17d22bba15001f/mio-1.0.1/src/lib.rs:44:1
   |
44 | / compile_error!(
45 | |     "This wasm target is unsupported by mio. \\
46 | |      If using Tokio, disable the net feature."
47 | | );
   | |_^

error[E0432]: unresolved import `crate::sys::IoSourceState`
  --> /home/minh/.cargo/registry/src/index.crates.io-6f17d22bba15001f/mio-1.0.1/src/io_source.rs:14:5
   |
14 | use crate::sys::IoSourceState;
   |     ^^^^^^^^^^^^^^^^^^^^^^^^^ no `IoSourceState` in `sys`

error[E0432]: unresolved import `crate::sys::tcp`
  --> /home/minh/.cargo/registry/src/index.crates.io-6f17d22bba15001f/mio-1.0.1/src/net/tcp/listener.rs:18:17
   |
18 | use crate::sys::tcp::{bind, listen, new_for_addr};
   |                 ^^^ could not find `tcp` in `sys`

error[E0433]: failed to resolve: could not find `Selector` in `sys`
  --> /home/minh/.cargo/registry/src/index.crates.io-6f17d22bba15001f/mio-1.0.1/src/poll.rs:312:18
    |
312 |         sys::Selector::new().map(|selector| Poll {
    |              ^^^^^^^^ could not find `Selector` in `sys`

error[E0425]: cannot find value `listener` in this scope
   --> /home/minh/.cargo/registry/src/index.crates.io-6f17d22bba15001f/mio-1.0.1/src/net/tcp/listener.rs:104:9
    |
104 |         listener
    |         ^^^^^^^^ not found in this scope

Some errors have detailed explanations: E0425, E0432, E0433.
For more information about an error, try `rustc --explain E0425`.
error: could not compile `mio` (lib) due to 22 previous errors
warning: build failed, waiting for other jobs to finish...
Error: at `/home/minh/.cargo/bin/cargo-leptos`: Command exited with exit code: 101
"""])
    tree = """tabletop-booking v0.1.0 (/home/minh/code/tabletop-booking)
└── sqlx v0.8.0
    ├── sqlx-core v0.8.0
    │   ├── tokio v1.39.2
    │   │   ├── mio v1.0.1
    │   │   ├── socket2 v0.5.7
    │   │   └── tokio-macros v2.4.0 (proc-macro)
    │   └── tokio-stream v0.1.15
    └── sqlx-sqlite v0.8.0"""
    ok_build = "\n".join(
        ["cargo-leptos 0.2.20", "Front compiling WASM"]
        + cargo_lines(" (target wasm32-unknown-unknown)")[:60]
        + ["   Compiling tabletop-booking v0.1.0 (/home/minh/code/tabletop-booking)",
           "    Finished `release` profile [optimized] target(s) in 1m 42s",
           "       Front generating JS/WASM with wasm-bindgen",
           "      Finished generating JS/WASM for front in 2.1s",
           "       Front optimizing WASM with wasm-opt", "      Finished optimizing WASM in 6.7s",
           "Server compiling"]
        + cargo_lines("")
        + ["   Compiling tabletop-booking v0.1.0 (/home/minh/code/tabletop-booking)",
           "    Finished `release` profile [optimized] target(s) in 2m 58s",
           "Cargo finished cargo build --package=tabletop-booking --bin=tabletop-booking --no-default-features --features=ssr --release"])
    musl_fail = "\n".join(
        cargo_lines(" (target x86_64-unknown-linux-musl)")[100:]
        + ["""   Compiling tabletop-booking v0.1.0 (/home/minh/code/tabletop-booking)
error: linker `x86_64-linux-musl-gcc` not found
  |
  = note: No such file or directory (os error 2)

error: could not compile `tabletop-booking` (bin "tabletop-booking") due to 1 previous error

warning: build failed, waiting for other jobs to finish...
error: failed to run custom build command for `libsqlite3-sys v0.28.0`

Caused by:
  process didn't exit successfully: `/home/minh/code/tabletop-booking/target/release/build/libsqlite3-sys-3b0e1c47a6f5d2a9/build-script-build` (exit status: 1)
  --- stderr
  error occurred: Failed to find tool. Is `x86_64-linux-musl-gcc` installed?"""])
    hydration_log = """[Log] hydrating from server-rendered HTML
[Warning] A hydration error occurred at src/app/booking.rs:64:17. The framework expected a text node, but found an element: <span class="slot-time">19:30</span>
[Error] panicked at /home/minh/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tachys-0.1.0/src/hydration.rs:155:9:
Unrecoverable hydration error. Please read the section on hydration in the Leptos book.
Stack:
Error
    at imports.wbg.__wbg_new_abda76e883ba8a5f (http://localhost:3000/pkg/tabletop-booking.js:1153:21)
    at tabletop_booking.wasm.console_error_panic_hook::Error::new::h0c2b7e5b0d1b1d34 (wasm://wasm/tabletop_booking.wasm-02a7e3b6:wasm-function[5731]:0x2c3f11)
    at tabletop_booking.wasm.console_error_panic_hook::hook_impl::h5a0d7e2bd9f6ef1e (wasm://wasm/tabletop_booking.wasm-02a7e3b6:wasm-function[1402]:0x1d6e8a)
    at tabletop_booking.wasm.std::panicking::rust_panic_with_hook::h2bb1ab7d0f4c11f2 (wasm://wasm/tabletop_booking.wasm-02a7e3b6:wasm-function[2411]:0x227c54)
[Error] RuntimeError: unreachable executed"""
    turns = [
        U("hello, I have a problem with my leptos app. when I add the database code, the build is not work anymore. "
          "The app is tabletop-booking, is a booking for board game cafe tables, leptos 0.7 with axum for ssr and sqlx with sqlite. "
          "I use cargo-leptos. here the error:"),
        T("Bash", "cargo leptos build --release", wasm_build),
        A("The important part is at the end: `mio` (Tokio's I/O layer) is being compiled for `wasm32-unknown-unknown`. "
          "That means something pulls Tokio into the **client** (hydrate) build. Let me check which dependency."),
        T("Bash", "cargo tree -i mio --target wasm32-unknown-unknown --features hydrate -e normal | head -20", tree),
        T("Read", "Cargo.toml", '''[package]
name = "tabletop-booking"
version = "0.1.0"
edition = "2021"

[lib]
crate-type = ["cdylib", "rlib"]

[dependencies]
axum = { version = "0.7", optional = true }
console_error_panic_hook = "0.1"
leptos = { version = "0.7" }
leptos_axum = { version = "0.7", optional = true }
leptos_meta = { version = "0.7" }
leptos_router = { version = "0.7" }
tokio = { version = "1", features = ["rt-multi-thread"], optional = true }
sqlx = { version = "0.8", features = ["runtime-tokio", "sqlite", "chrono"] }
chrono = { version = "0.4", features = ["serde"] }
wasm-bindgen = "=0.2.93"
serde = { version = "1", features = ["derive"] }
lettre = { version = "0.11", optional = true }

[features]
hydrate = ["leptos/hydrate"]
ssr = ["dep:axum", "dep:tokio", "dep:leptos_axum", "dep:lettre", "leptos/ssr", "leptos_meta/ssr", "leptos_router/ssr"]

[package.metadata.leptos]
output-name = "tabletop-booking"
site-root = "target/site"
site-pkg-dir = "pkg"
site-addr = "127.0.0.1:3000"
bin-features = ["ssr"]
lib-features = ["hydrate"]
'''),
        A("Found it: `sqlx` is a non-optional dependency, so it is compiled for both builds — the server binary *and* the WASM "
          "bundle — and sqlx brings Tokio with the net feature, which cannot compile to wasm. The fix is the same pattern "
          "you already use for axum/tokio: make `sqlx` optional, enable it only from the `ssr` feature, and put "
          "`#[cfg(feature = \"ssr\")]` on the code that touches the database (the body of the server functions stays "
          "server-only automatically, but `use sqlx::...` at the top of a shared module must be gated)."),
        T("Edit", "Cargo.toml", '''@@
-sqlx = { version = "0.8", features = ["runtime-tokio", "sqlite", "chrono"] }
+sqlx = { version = "0.8", features = ["runtime-tokio", "sqlite", "chrono"], optional = true }
@@
-ssr = ["dep:axum", "dep:tokio", "dep:leptos_axum", "dep:lettre", "leptos/ssr", "leptos_meta/ssr", "leptos_router/ssr"]
+ssr = ["dep:axum", "dep:tokio", "dep:leptos_axum", "dep:lettre", "dep:sqlx", "leptos/ssr", "leptos_meta/ssr", "leptos_router/ssr"]'''),
        T("Edit", "src/app/booking.rs", '''@@
-use sqlx::SqlitePool;
+#[cfg(feature = "ssr")]
+use sqlx::SqlitePool;'''),
        T("Bash", "cargo leptos build --release", ok_build),
        U("wow it build now, thank you!! but when I open the page in browser, it crash. the console say this:"),
        T("Bash", "# pasted from browser devtools console", hydration_log),
        T("Read", "src/app/booking.rs", '''#[component]
pub fn SlotList(slots: Vec<Slot>) -> impl IntoView {
    let now = chrono::Local::now();
    view! {
        <ul class="slots">
            {slots.into_iter().map(|s| {
                let starts_soon = s.start - now.naive_local() < chrono::Duration::minutes(30);
                view! {
                    <li>
                        {if starts_soon { view! { <span class="slot-time">{s.start.format("%H:%M").to_string()}</span> }.into_any() }
                         else { s.start.format("%H:%M").to_string().into_any() }}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}'''),
        A("This is a classic hydration mismatch. `chrono::Local::now()` runs twice: once on the server (to produce the HTML) and "
          "once in the browser during hydration. The server runs in UTC in your container, the browser is in your local time zone "
          "(and a few seconds later), so `starts_soon` is different on each side: the server rendered a plain text node, the client "
          "expects a `<span>`, and Leptos 0.7 can't recover from that and panics.\n\n"
          "Rule: anything rendered during SSR must be computed identically on both sides. I'll compute `starts_soon` on the server "
          "inside the `get_slots` server function (it returns it as a field) so both sides render from the same data."),
        T("Edit", "src/app/booking.rs", '''@@
 #[component]
 pub fn SlotList(slots: Vec<Slot>) -> impl IntoView {
-    let now = chrono::Local::now();
     view! {
         <ul class="slots">
             {slots.into_iter().map(|s| {
-                let starts_soon = s.start - now.naive_local() < chrono::Duration::minutes(30);
+                let starts_soon = s.starts_soon;
@@
 #[server]
 pub async fn get_slots(day: NaiveDate) -> Result<Vec<Slot>, ServerFnError> {
     let pool = use_context::<SqlitePool>().expect("pool");
-    let rows = sqlx::query_as!(SlotRow, "SELECT id, table_id, start FROM slots WHERE date(start) = ?", day)
+    let now = chrono::Local::now().naive_local();
+    let rows = sqlx::query_as!(SlotRow, "SELECT id, table_id, start FROM slots WHERE date(start) = ?", day)
         .fetch_all(&pool).await?;
-    Ok(rows.into_iter().map(Slot::from).collect())
+    Ok(rows.into_iter().map(|r| Slot::from_row(r, now)).collect())
 }'''),
        T("Bash", "cargo leptos watch", "    Finished `dev` profile [unoptimized + debuginfo] target(s) in 9.84s\n       Front generating JS/WASM with wasm-bindgen\n     Serving at http://127.0.0.1:3000\n[browser] hydrating from server-rendered HTML\n[browser] hydration complete"),
        U("perfect no more crash. now the booking form. now I do with a fetch in on:submit handler and it is messy. what is the leptos way?"),
        A("The idiomatic Leptos way is `ActionForm` bound to a server function: `let book = ServerAction::<CreateBooking>::new();` "
          "and `<ActionForm action=book> <input name=\"table_id\"/> ... </ActionForm>`. The form fields are deserialized into the "
          "server function arguments, and because it's a real `<form>` it also works before the WASM loaded (progressive enhancement). "
          "`book.value()` gives you the result to show a confirmation or an error.\n\n"
          "For reading data, there's also the `leptos_query` crate which adds client-side caching and refetch on focus — but for this app "
          "plain `Resource` + `book.version()` to refetch after a booking is enough. Which do you prefer for the reads?"),
        U("ok go with ActionForm. for reading I think resource is fine"),
        T("Edit", "src/app/booking.rs", '''@@
+#[server]
+pub async fn create_booking(table_id: i64, start: NaiveDateTime, guests: u8, email: String) -> Result<i64, ServerFnError> {
+    let pool = use_context::<SqlitePool>().expect("pool");
+    let id = sqlx::query_scalar!("INSERT INTO bookings (table_id, start, guests, email) VALUES (?, ?, ?, ?) RETURNING id",
+        table_id, start, guests, email).fetch_one(&pool).await?;
+    Ok(id)
+}
+
+#[component]
+pub fn BookingForm(table_id: i64) -> impl IntoView {
+    let book = ServerAction::<CreateBooking>::new();
+    view! {
+        <ActionForm action=book>
+            <input type="hidden" name="table_id" value=table_id/>
+            <input type="datetime-local" name="start" required/>
+            <input type="number" name="guests" min="1" max="8" required/>
+            <input type="email" name="email" required/>
+            <button type="submit">"Book"</button>
+        </ActionForm>
+    }
+}'''),
        U("good. please, always run cargo clippy with -D warnings before you say something is finish, our CI fail on warnings"),
        T("Bash", "cargo clippy --all-features -- -D warnings", """    Checking tabletop-booking v0.1.0 (/home/minh/code/tabletop-booking)
error: this function has too many arguments (8/7)
  --> src/app/admin.rs:41:1
   |
41 | pub async fn update_table(id: i64, name: String, seats: u8, zone: String, window: bool, accessible: bool, note: String, active: bool) -> Result<(), ServerFnError> {
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = help: for further information visit https://rust-lang.github.io/rust-clippy/master/index.html#too_many_arguments
   = note: `-D clippy::too-many-arguments` implied by `-D warnings`
   = help: to override `-D warnings` add `#[allow(clippy::too_many_arguments)]`

error: could not compile `tabletop-booking` (lib) due to 1 previous error"""),
        T("Edit", "src/app/admin.rs", '''@@
+#[allow(clippy::too_many_arguments)] // server fn args map 1:1 to form fields
 #[server]
 pub async fn update_table('''),
        T("Bash", "cargo clippy --all-features -- -D warnings", "    Checking tabletop-booking v0.1.0 (/home/minh/code/tabletop-booking)\n    Finished `dev` profile [unoptimized + debuginfo] target(s) in 3.12s"),
        U("thanks. last thing, deploy. I want a small docker image, I think a static musl binary in scratch image is the best? let's try"),
        T("Bash", "rustup target add x86_64-unknown-linux-musl && cargo build --release --target x86_64-unknown-linux-musl --features ssr --bin tabletop-booking", musl_fail),
        A("The musl target needs a musl C toolchain (`x86_64-linux-musl-gcc`) because `libsqlite3-sys` compiles SQLite from C "
          "(the `bundled` feature) and the final link needs a musl linker. Options: install `musl-tools` / use `cross`, or skip musl and use a "
          "`debian:bookworm-slim` runtime image with the normal glibc binary (~80 MB image instead of ~15 MB)."),
        U("hmm no, I don't want fight with the C toolchain today. forget musl, do debian slim."),
        T("Edit", "Dockerfile", '''@@
+FROM rust:1.80-bookworm AS build
+RUN cargo install cargo-leptos --locked && rustup target add wasm32-unknown-unknown
+WORKDIR /app
+COPY . .
+RUN cargo leptos build --release
+
+FROM debian:bookworm-slim
+RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
+WORKDIR /app
+COPY --from=build /app/target/release/tabletop-booking /app/
+COPY --from=build /app/target/site /app/site
+ENV LEPTOS_SITE_ROOT=site LEPTOS_SITE_ADDR=0.0.0.0:8080
+EXPOSE 8080
+CMD ["/app/tabletop-booking"]'''),
        T("Bash", "cat .env && docker build -t tabletop-booking . 2>&1 | tail -3",
          f"DATABASE_URL=sqlite://data/booking.db\nSMTP_HOST=smtp.mailbox.org\nSMTP_USER=booking@brettspielcafe.de\nSMTP_PASSWORD={smtp}\n"
          " => exporting layers                                                     1.9s\n => => writing image sha256:4be0c1f9a3d7e2b58c6f0a1d9e7b3c25a8f4d6e1b0c9a7f3e5d2b1c0a9f8e7d6   0.0s\n => => naming to docker.io/library/tabletop-booking                       0.0s"),
        A("Image builds (`debian:bookworm-slim`, 84 MB). Note `.env` contains the SMTP password in plain text — make sure it's in "
          "`.dockerignore` and `.gitignore` so it doesn't end up in the image or the repo; pass it at runtime with `--env-file` instead."),
        T("Bash", "cat .gitignore .dockerignore", "/target\n.env\n---\ntarget\n"),
        T("Edit", ".dockerignore", "@@\n target\n+.env\n+data/"),
        U("ok, it is good for today. the email confirmation after booking (with lettre) I do next time, not now. thank you very much"),
        A("You're welcome! Open for next time: booking confirmation e-mail via lettre (already an ssr-only dependency)."),
    ]
    gold = [
        G("PROJECT", "tabletop-booking: Leptos 0.7 full-stack, Axum SSR, cargo-leptos, SQLx + SQLite",
          ["leptos"], ["axum", "cargo-leptos", "sqlx", "sqlite", "ssr"]),
        G("BUG_FIX", "WASM build failed (mio unsupported): sqlx non-optional -> optional, enabled only by ssr feature, cfg-gated imports",
          ["sqlx"], ["optional", "wasm", "mio", "cfg(feature", "ssr feature", "dep:sqlx"], files=["Cargo.toml"]),
        G("BUG_FIX", "Hydration panic: Local::now() in component differs server/client -> compute starts_soon in server fn",
          ["hydration"], ["now()", "local::now", "time", "mismatch", "starts_soon", "server"], files=["src/app/booking.rs"]),
        G("DECISION", "Forms via ActionForm + server functions (progressive enhancement), reads via plain Resource",
          ["actionform"], ["server function", "server fn", "progressive", "serveraction", "without js"]),
        G("PREFERENCE", "Always run cargo clippy -- -D warnings before declaring done (CI fails on warnings)",
          ["clippy"], ["-d warnings", "warnings", "always", "before"]),
        G("FAILED", "Static musl build abandoned: x86_64-linux-musl-gcc linker missing (libsqlite3-sys)",
          ["musl"], ["linker", "musl-gcc", "not found", "toolchain", "libsqlite3"], failure=True),
        G("DECISION", "Docker runtime image debian:bookworm-slim with glibc binary",
          ["debian"], ["bookworm", "slim", "docker", "image"], files=["Dockerfile"]),
        G("TODO", "Booking confirmation email with lettre",
          ["email"], ["confirmation", "lettre", "booking", "next time"]),
    ]
    dead = [D("leptos_query crate for caching, user chose plain Resource", ["leptos_query"]),
            D("cross / musl-tools to get the musl toolchain, not pursued", ["musl-tools"])]
    return {"id": "leptos_booking", "project": "tabletop-booking",
            "cwd_files": ["Cargo.toml", "Cargo.lock", "src/main.rs", "src/lib.rs", "src/app/mod.rs", "src/app/booking.rs",
                          "src/app/admin.rs", "migrations/0001_init.sql", "Dockerfile", ".dockerignore", ".env"],
            "turns": turns, "gold": gold, "dead_ends": dead, "secrets": [smtp]}


# ---------------------------------------------------------------------------
# 4. Go Gin + ent ORM  (user thinks aloud)
# ---------------------------------------------------------------------------
@session
def gin_ent_inventory():
    pw = "pgS3cr3t_inv_8842"
    rnd = random.Random(4)
    q = ['2025/02/11 10:14:02 driver.Query: query=SELECT DISTINCT "items"."id", "items"."sku", "items"."name", "items"."quantity", '
         '"items"."warehouse_id", "items"."created_at" FROM "items" ORDER BY "items"."id" LIMIT 200 args=[]']
    for i in range(200):
        wid = rnd.randint(1, 14)
        q.append(f'2025/02/11 10:14:02 driver.Query: query=SELECT DISTINCT "warehouses"."id", "warehouses"."code", '
                 f'"warehouses"."city" FROM "warehouses" WHERE "warehouses"."id" = $1 LIMIT 2 args=[{wid}]')
    q.append('[GIN] 2025/02/11 - 10:14:03 | 200 |  1.412931s |       127.0.0.1 | GET      "/api/items?limit=200"')
    nplus1_log = "\n".join(q)
    after_log = """2025/02/11 10:31:40 driver.Query: query=SELECT DISTINCT "items"."id", "items"."sku", "items"."name", "items"."quantity", "items"."warehouse_id", "items"."created_at" FROM "items" ORDER BY "items"."id" LIMIT 200 args=[]
2025/02/11 10:31:40 driver.Query: query=SELECT DISTINCT "warehouses"."id", "warehouses"."code", "warehouses"."city" FROM "warehouses" WHERE "warehouses"."id" IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) args=[1 2 3 4 5 6 7 8 9 10 11 12 13 14]
[GIN] 2025/02/11 - 10:31:40 | 200 |   38.20811ms |       127.0.0.1 | GET      "/api/items?limit=200\""""
    test_fail = f"""=== RUN   TestCreateItem
=== RUN   TestCreateItem/valid
=== RUN   TestCreateItem/zero_quantity
    items_test.go:61:
        	Error Trace:	/home/sam/inventory-api/internal/http/items_test.go:61
        	Error:      	Not equal:
        	            	expected: 201
        	            	actual  : 400
        	Test:       	TestCreateItem/zero_quantity
        	Messages:   	body: {{"error":"Key: 'CreateItemRequest.Quantity' Error:Field validation for 'Quantity' failed on the 'required' tag"}}
=== RUN   TestCreateItem/missing_sku
--- FAIL: TestCreateItem (0.04s)
    --- PASS: TestCreateItem/valid (0.02s)
    --- FAIL: TestCreateItem/zero_quantity (0.01s)
    --- PASS: TestCreateItem/missing_sku (0.00s)
FAIL
FAIL	github.com/samir-k/inventory-api/internal/http	0.318s
ok  	github.com/samir-k/inventory-api/internal/store	1.204s
FAIL
(test db: postgres://inventory:{pw}@localhost:5432/inventory_test?sslmode=disable)"""
    turns = [
        U("ok so. GET /api/items is slow, like 1.4s for 200 items, and I'm pretty sure it's the ORM doing something dumb. "
          "hmm, let me think, we render warehouse code and city for each item... yeah that's probably it. can you turn on ent's debug "
          "logging and confirm? it's Gin + ent on Postgres, Go 1.22, the usual"),
        T("Read", "internal/http/items.go", '''func (h *Handler) ListItems(c *gin.Context) {
	limit := parseLimit(c, 50, 500)
	items, err := h.db.Item.Query().Order(ent.Asc(item.FieldID)).Limit(limit).All(c)
	if err != nil {
		c.Error(err)
		return
	}
	out := make([]ItemDTO, 0, len(items))
	for _, it := range items {
		wh, err := it.QueryWarehouse().Only(c)
		if err != nil {
			c.Error(err)
			return
		}
		out = append(out, toDTO(it, wh))
	}
	c.JSON(http.StatusOK, out)
}'''),
        T("Bash", "DEBUG_SQL=1 go run ./cmd/api & sleep 3 && curl -s 'localhost:8080/api/items?limit=200' >/dev/null; kill %1", nplus1_log),
        A("Confirmed: one query for the items and then one `SELECT ... FROM warehouses WHERE id = $1` per item — 201 queries, a "
          "textbook N+1 caused by `it.QueryWarehouse().Only(c)` inside the loop. ent can eager-load the edge: "
          "`h.db.Item.Query().WithWarehouse()` does one extra `WHERE id IN (...)` query and fills `it.Edges.Warehouse`."),
        T("Edit", "internal/http/items.go", '''@@
-	items, err := h.db.Item.Query().Order(ent.Asc(item.FieldID)).Limit(limit).All(c)
+	items, err := h.db.Item.Query().WithWarehouse().Order(ent.Asc(item.FieldID)).Limit(limit).All(c)
@@
 	for _, it := range items {
-		wh, err := it.QueryWarehouse().Only(c)
-		if err != nil {
-			c.Error(err)
-			return
-		}
-		out = append(out, toDTO(it, wh))
+		out = append(out, toDTO(it, it.Edges.Warehouse))
 	}'''),
        T("Bash", "DEBUG_SQL=1 go run ./cmd/api & sleep 3 && curl -s 'localhost:8080/api/items?limit=200' >/dev/null; kill %1", after_log),
        U("38ms. lol. ok nice. while I'm staring at this... the migrations. right now main.go calls client.Schema.Create on startup "
          "and honestly it scares me a bit, it added a column on prod last week without anybody reviewing it. "
          "I remember when I started this project I tried sqlc first, and the dynamic filters for the search endpoint were a "
          "nightmare to write, that's why ent — so I'm not switching away from ent, but the auto-migrate thing... what are the options?"),
        A("Within ent there are two routes:\n\n"
          "1. **Keep auto-migration** (`client.Schema.Create(ctx)`) but run it from a separate `migrate` command instead of at app start, "
          "maybe with `migrate.WithDropColumn(false)`. Simple, but there's still no reviewable SQL.\n"
          "2. **Versioned migrations with Atlas**: enable the `sql/versioned-migration` feature, generate SQL files with "
          "`atlas migrate diff <name> --dir file://ent/migrate/migrations --to ent://ent/schema --dev-url docker://postgres/16/test`, "
          "commit them, review them in PRs, apply with `atlas migrate apply` in the deploy job. The app never changes the schema itself.\n\n"
          "Given the prod surprise, I'd go with 2."),
        U("hmm. 2 means one more tool in CI... but reviewable SQL is the point. yeah. let's do atlas versioned migrations, and remove the Schema.Create call from main.go entirely"),
        T("Edit", "ent/generate.go", '''@@
-//go:generate go run -mod=mod entgo.io/ent/cmd/ent generate ./schema
+//go:generate go run -mod=mod entgo.io/ent/cmd/ent generate --feature sql/versioned-migration ./schema'''),
        T("Edit", "cmd/api/main.go", '''@@
 	client, err := ent.Open(dialect.Postgres, cfg.DatabaseURL)
 	if err != nil {
 		log.Fatalf("open db: %v", err)
 	}
 	defer client.Close()
-	if err := client.Schema.Create(ctx); err != nil {
-		log.Fatalf("auto-migrate: %v", err)
-	}'''),
        T("Bash", "go generate ./ent && atlas migrate diff baseline --dir 'file://ent/migrate/migrations' --to 'ent://ent/schema' --dev-url 'docker://postgres/16/test?search_path=public' && ls ent/migrate/migrations",
          "20250211104522_baseline.sql\natlas.sum"),
        T("Bash", "head -20 ent/migrate/migrations/20250211104522_baseline.sql", '''-- Create "warehouses" table
CREATE TABLE "warehouses" ("id" bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY, "code" character varying NOT NULL, "city" character varying NOT NULL, PRIMARY KEY ("id"));
-- Create index "warehouses_code_key" to table: "warehouses"
CREATE UNIQUE INDEX "warehouses_code_key" ON "warehouses" ("code");
-- Create "items" table
CREATE TABLE "items" ("id" bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY, "sku" character varying NOT NULL, "name" character varying NOT NULL, "quantity" bigint NOT NULL DEFAULT 0, "created_at" timestamptz NOT NULL, "warehouse_id" bigint NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "items_warehouses_items" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "items_sku_key" to table: "items"
CREATE UNIQUE INDEX "items_sku_key" ON "items" ("sku");'''),
        A("Baseline migration generated. Since prod already has these tables, the first apply there needs "
          "`atlas migrate apply --baseline 20250211104522` so Atlas marks it as applied instead of running it."),
        U("right, good point. ok different thing, a test is failing since yesterday, Priya says creating an item with quantity 0 gives 400. "
          "wait, is that even... yes, 0 is valid, you can register an item before stock arrives"),
        T("Bash", "go test ./... 2>&1 | tail -25", test_fail),
        T("Read", "internal/http/dto.go", '''type CreateItemRequest struct {
	SKU         string `json:"sku" binding:"required"`
	Name        string `json:"name" binding:"required"`
	Quantity    int    `json:"quantity" binding:"required"`
	WarehouseID int    `json:"warehouse_id" binding:"required"`
}'''),
        A("Gin's validator (go-playground/validator) implements `required` as \"not the zero value\". For an `int`, 0 *is* the "
          "zero value, so `quantity: 0` is indistinguishable from a missing field and gets rejected. Two ways out: make it "
          "`*int` with `binding:\"required,gte=0\"` (then nil = missing, 0 = valid), or drop `required` and use `gte=0` if a missing "
          "quantity may default to 0. Since the client should always send it, I'll use the pointer."),
        T("Edit", "internal/http/dto.go", '''@@
-	Quantity    int    `json:"quantity" binding:"required"`
+	Quantity    *int   `json:"quantity" binding:"required,gte=0"`'''),
        T("Edit", "internal/http/items.go", '''@@
-		SetQuantity(req.Quantity).
+		SetQuantity(*req.Quantity).'''),
        T("Bash", "go test ./...", "ok  \tgithub.com/samir-k/inventory-api/internal/http\t0.297s\nok  \tgithub.com/samir-k/inventory-api/internal/store\t1.188s"),
        U("cool. hmm, thinking about it, the error handling is all over the place too, every handler does its own if ent.IsNotFound... "
          "I'd like one place. like a middleware that looks at c.Errors"),
        A("Sounds right. I'll add an `ErrorMiddleware` that runs after the handler and maps the last error in `c.Errors`: "
          "`ent.IsNotFound` → 404, `ent.IsConstraintError` → 409, `ent.IsValidationError` → 422, anything else → 500 with a generic message "
          "(logged with the request id). Handlers then just `c.Error(err); return`."),
        U("yep"),
        T("Edit", "internal/http/errors.go", '''@@
+func ErrorMiddleware(log *slog.Logger) gin.HandlerFunc {
+	return func(c *gin.Context) {
+		c.Next()
+		if len(c.Errors) == 0 {
+			return
+		}
+		err := c.Errors.Last().Err
+		switch {
+		case ent.IsNotFound(err):
+			c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
+		case ent.IsConstraintError(err):
+			c.JSON(http.StatusConflict, gin.H{"error": "conflict"})
+		case ent.IsValidationError(err):
+			c.JSON(http.StatusUnprocessableEntity, gin.H{"error": err.Error()})
+		default:
+			log.Error("request failed", "err", err, "request_id", c.GetString("request_id"))
+			c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
+		}
+	}
+}'''),
        T("Bash", "go vet ./... && go test ./...", "ok  \tgithub.com/samir-k/inventory-api/internal/http\t0.311s\nok  \tgithub.com/samir-k/inventory-api/internal/store\t1.201s"),
        T("Bash", "git add -A && git commit -qm 'items: eager-load warehouse, atlas versioned migrations, quantity 0 valid, error middleware' && git log --oneline -1",
          "c4d81e9 items: eager-load warehouse, atlas versioned migrations, quantity 0 valid, error middleware"),
        U("alright. hmm what else... oh, /items still uses offset pagination with ?page=, which is going to hurt at 100k rows. "
          "cursor pagination on id — not today though, leave it. and the baseline apply on prod, I'll do that with Priya tomorrow."),
        A("Noted both as open items: cursor (keyset) pagination on `id` for `/api/items`, and the first `atlas migrate apply --baseline` on prod."),
    ]
    gold = [
        G("PROJECT", "inventory-api: Go 1.22, Gin, ent ORM, Postgres",
          ["gin"], ["ent", "postgres", "go 1.22"]),
        G("BUG_FIX", "GET /api/items N+1 (QueryWarehouse per item) -> WithWarehouse() eager loading, 1.4s -> 38ms",
          ["warehouse"], ["eager", "withwarehouse", "n+1", "38ms", "queries"], files=["internal/http/items.go"]),
        G("FAILED", "sqlc tried at project start, dynamic search filters were a nightmare -> ent",
          ["sqlc"], ["dynamic", "filter", "nightmare", "ent"], failure=True),
        G("DECISION", "Versioned migrations with Atlas (atlas migrate diff), Schema.Create auto-migration removed from startup",
          ["atlas"], ["versioned", "migrate diff", "schema.create", "auto-migrat", "migration"], files=["cmd/api/main.go"]),
        G("BUG_FIX", "quantity 0 rejected by binding:required (zero value) -> *int with required,gte=0",
          ["quantity"], ["required", "zero", "*int", "pointer", "gte=0"], files=["internal/http/dto.go"]),
        G("PATTERN", "Central ErrorMiddleware maps c.Errors: ent NotFound->404, Constraint->409, Validation->422, else 500",
          ["middleware"], ["404", "409", "isnotfound", "c.errors", "constraint"], files=["internal/http/errors.go"]),
        G("TODO", "Cursor/keyset pagination on id for /api/items (offset won't scale)",
          ["pagination"], ["cursor", "keyset", "offset"]),
        G("TODO", "First atlas migrate apply --baseline on prod",
          ["baseline"], ["prod", "apply", "atlas"]),
    ]
    dead = [D("auto-migration kept but moved to separate migrate command, not picked", ["WithDropColumn"])]
    return {"id": "gin_ent_inventory", "project": "inventory-api",
            "cwd_files": ["go.mod", "cmd/api/main.go", "ent/generate.go", "ent/schema/item.go", "ent/schema/warehouse.go",
                          "ent/migrate/migrations/atlas.sum", "internal/http/items.go", "internal/http/dto.go",
                          "internal/http/errors.go", "internal/http/items_test.go"],
            "turns": turns, "gold": gold, "dead_ends": dead, "secrets": [pw]}


# ---------------------------------------------------------------------------
# 5. Java Dropwizard + JDBI  (user changes their mind; very long Maven log)
# ---------------------------------------------------------------------------
H2_STACK = """org.jdbi.v3.core.statement.UnableToExecuteStatementException: org.h2.jdbc.JdbcSQLSyntaxErrorException: {msg}; SQL statement:
{sql} [{code}-224] [statement:"{sql}", arguments:{{positional:{{}}, named:{{{named}}}, finder:[]}}]
	at org.jdbi.v3.core.statement.SqlStatement.internalExecute(SqlStatement.java:1796)
	at org.jdbi.v3.core.result.ResultProducers.lambda$returningGeneratedKeys$3(ResultProducers.java:99)
	at org.jdbi.v3.core.statement.SqlStatement.execute(SqlStatement.java:1820)
	at org.jdbi.v3.sqlobject.statement.internal.SqlUpdateHandler.lambda$new$0(SqlUpdateHandler.java:71)
	at org.jdbi.v3.sqlobject.statement.internal.CustomizingStatementHandler.invoke(CustomizingStatementHandler.java:185)
	at org.jdbi.v3.sqlobject.statement.internal.SqlUpdateHandler.invoke(SqlUpdateHandler.java:31)
	at org.jdbi.v3.sqlobject.internal.SqlObjectInitData$1.lambda$invoke$0(SqlObjectInitData.java:132)
	at org.jdbi.v3.core.internal.Invocations.invokeWith(Invocations.java:44)
	at org.jdbi.v3.core.Handle.lambda$callWithExtension$1(Handle.java:447)
	at org.jdbi.v3.core.Handle.callWithExtension(Handle.java:452)
	at org.jdbi.v3.sqlobject.internal.SqlObjectInitData$1.call(SqlObjectInitData.java:128)
	at org.jdbi.v3.sqlobject.internal.SqlObjectInitData$1.invoke(SqlObjectInitData.java:119)
	at org.jdbi.v3.sqlobject.SqlObjectFactory.lambda$attach$2(SqlObjectFactory.java:98)
	at org.jdbi.v3.core.internal.OnDemandExtensions.invoke(OnDemandExtensions.java:85)
	at jdk.proxy2/jdk.proxy2.$Proxy41.{method}(Unknown Source)
	at com.northwind.claims.db.{test}.{tmethod}({test}.java:{line})
	at java.base/java.lang.reflect.Method.invoke(Method.java:580)
	at org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:728)
	at org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)
	at org.junit.jupiter.engine.execution.InvocationInterceptorChain$ValidatingInvocation.proceed(InvocationInterceptorChain.java:131)
	at org.junit.jupiter.engine.extension.TimeoutExtension.intercept(TimeoutExtension.java:156)
	at org.junit.jupiter.engine.extension.TimeoutExtension.interceptTestableMethod(TimeoutExtension.java:147)
	at org.junit.jupiter.engine.extension.TimeoutExtension.interceptTestMethod(TimeoutExtension.java:86)
	at org.junit.jupiter.engine.execution.InterceptingExecutableInvoker$ReflectiveInterceptorCall.lambda$ofVoidMethod$0(InterceptingExecutableInvoker.java:103)
	at org.junit.jupiter.engine.execution.InterceptingExecutableInvoker.lambda$invoke$0(InterceptingExecutableInvoker.java:93)
	at org.junit.jupiter.engine.execution.InvocationInterceptorChain$InterceptedInvocation.proceed(InvocationInterceptorChain.java:106)
	at org.junit.jupiter.engine.execution.InvocationInterceptorChain.proceed(InvocationInterceptorChain.java:64)
	at org.junit.jupiter.engine.execution.InvocationInterceptorChain.chainAndInvoke(InvocationInterceptorChain.java:45)
	at org.junit.jupiter.engine.execution.InvocationInterceptorChain.invoke(InvocationInterceptorChain.java:37)
	at org.junit.jupiter.engine.execution.InterceptingExecutableInvoker.invoke(InterceptingExecutableInvoker.java:92)
	at org.junit.jupiter.engine.execution.InterceptingExecutableInvoker.invoke(InterceptingExecutableInvoker.java:86)
	at org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor.lambda$invokeTestMethod$7(TestMethodTestDescriptor.java:218)
	at org.junit.platform.engine.support.hierarchical.ThrowableCollector.execute(ThrowableCollector.java:73)
	at org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor.invokeTestMethod(TestMethodTestDescriptor.java:214)
	at org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor.execute(TestMethodTestDescriptor.java:139)
	at org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor.execute(TestMethodTestDescriptor.java:69)
	at org.junit.platform.engine.support.hierarchical.NodeTestTask.lambda$executeRecursively$6(NodeTestTask.java:151)
	at org.junit.platform.engine.support.hierarchical.ThrowableCollector.execute(ThrowableCollector.java:73)
	at org.junit.platform.engine.support.hierarchical.NodeTestTask.lambda$executeRecursively$8(NodeTestTask.java:141)
	at org.junit.platform.engine.support.hierarchical.Node.around(Node.java:137)
	at org.junit.platform.engine.support.hierarchical.NodeTestTask.lambda$executeRecursively$9(NodeTestTask.java:139)
	at org.junit.platform.engine.support.hierarchical.ThrowableCollector.execute(ThrowableCollector.java:73)
	at org.junit.platform.engine.support.hierarchical.NodeTestTask.executeRecursively(NodeTestTask.java:138)
	at org.junit.platform.engine.support.hierarchical.NodeTestTask.execute(NodeTestTask.java:95)
	at java.base/java.util.ArrayList.forEach(ArrayList.java:1596)
	at org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService.invokeAll(SameThreadHierarchicalTestExecutorService.java:41)
	at org.junit.platform.engine.support.hierarchical.NodeTestTask.lambda$executeRecursively$6(NodeTestTask.java:155)
	at org.junit.platform.engine.support.hierarchical.ThrowableCollector.execute(ThrowableCollector.java:73)
	at org.apache.maven.surefire.junitplatform.JUnitPlatformProvider.invoke(JUnitPlatformProvider.java:148)
	at org.apache.maven.surefire.booter.ForkedBooter.runSuitesInProcess(ForkedBooter.java:385)
	at org.apache.maven.surefire.booter.ForkedBooter.execute(ForkedBooter.java:162)
	at org.apache.maven.surefire.booter.ForkedBooter.run(ForkedBooter.java:507)
	at org.apache.maven.surefire.booter.ForkedBooter.main(ForkedBooter.java:495)
Caused by: org.h2.jdbc.JdbcSQLSyntaxErrorException: {msg}; SQL statement:
{sql} [{code}-224]
	at org.h2.message.DbException.getJdbcSQLException(DbException.java:514)
	at org.h2.message.DbException.getJdbcSQLException(DbException.java:489)
	at org.h2.message.DbException.get(DbException.java:223)
	at org.h2.command.Parser.getSyntaxError(Parser.java:898)
	at org.h2.command.Parser.read(Parser.java:5628)
	at org.h2.command.Parser.parseInsert(Parser.java:1701)
	at org.h2.command.Parser.parsePrepared(Parser.java:814)
	at org.h2.command.Parser.parse(Parser.java:689)
	at org.h2.command.Parser.parse(Parser.java:661)
	at org.h2.command.Parser.prepareCommand(Parser.java:569)
	at org.h2.engine.SessionLocal.prepareLocal(SessionLocal.java:631)
	at org.h2.engine.SessionLocal.prepareCommand(SessionLocal.java:554)
	at org.h2.jdbc.JdbcConnection.prepareCommand(JdbcConnection.java:1116)
	at org.h2.jdbc.JdbcPreparedStatement.<init>(JdbcPreparedStatement.java:92)
	at org.h2.jdbc.JdbcConnection.prepareStatement(JdbcConnection.java:1091)
	at com.zaxxer.hikari.pool.ProxyConnection.prepareStatement(ProxyConnection.java:327)
	at com.zaxxer.hikari.pool.HikariProxyConnection.prepareStatement(HikariProxyConnection.java)
	at org.jdbi.v3.core.statement.DefaultStatementBuilder.create(DefaultStatementBuilder.java:54)
	at org.jdbi.v3.core.statement.SqlStatement.createStatement(SqlStatement.java:1790)
	... 52 more
"""

H2_CASES = [
    ("ClaimDaoTest", "insertReturnsGeneratedId", "insert", 41,
     'Syntax error in SQL statement "INSERT INTO claims (policy_id, amount_cents, status, payload) VALUES (?, ?, ?, ?::[*]jsonb) RETURNING id"; expected "ARRAY, INTERVAL, DATE, TIME, TIMESTAMP, ...', "42001",
     "INSERT INTO claims (policy_id, amount_cents, status, payload) VALUES (:policyId, :amountCents, :status, :payload::jsonb) RETURNING id",
     "policyId:7,amountCents:125000,status:OPEN,payload:{...}"),
    ("ClaimDaoTest", "upsertByExternalRef", "upsert", 67,
     'Syntax error in SQL statement "INSERT INTO claims (external_ref, policy_id, amount_cents, status) VALUES (?, ?, ?, ?) ON[*] CONFLICT (external_ref) DO UPDATE SET amount_cents = EXCLUDED.amount_cents"', "42000",
     "INSERT INTO claims (external_ref, policy_id, amount_cents, status) VALUES (:externalRef, :policyId, :amountCents, :status) ON CONFLICT (external_ref) DO UPDATE SET amount_cents = EXCLUDED.amount_cents",
     "externalRef:EXT-991,policyId:7,amountCents:99000,status:OPEN"),
    ("ClaimDaoTest", "findByPayloadField", "findByPayloadField", 88,
     'Syntax error in SQL statement "SELECT id, policy_id, amount_cents, status, legacy_code, created_at FROM claims WHERE payload ->[*]> \'adjuster\' = ?"', "42000",
     "SELECT id, policy_id, amount_cents, status, legacy_code, created_at FROM claims WHERE payload ->> 'adjuster' = :adjuster",
     "adjuster:mlopez"),
    ("ClaimDaoTest", "updateStatusAppendsHistory", "updateStatus", 112,
     'Syntax error in SQL statement "UPDATE claims SET status = ?, history = history || jsonb_build_object[*](\'at\', now(), \'status\', ?) WHERE id = ?"', "42000",
     "UPDATE claims SET status = :status, history = history || jsonb_build_object('at', now(), 'status', :status) WHERE id = :id",
     "status:APPROVED,id:1"),
    ("PolicyDaoTest", "insertPolicyWithCoverage", "insert", 33,
     'Syntax error in SQL statement "INSERT INTO policies (holder, coverage) VALUES (?, ?::[*]jsonb) RETURNING id"', "42001",
     "INSERT INTO policies (holder, coverage) VALUES (:holder, :coverage::jsonb) RETURNING id",
     "holder:Ana Duarte,coverage:{...}"),
    ("PolicyDaoTest", "upsertPolicyHolder", "upsert", 58,
     'Syntax error in SQL statement "INSERT INTO policies (external_ref, holder) VALUES (?, ?) ON[*] CONFLICT (external_ref) DO NOTHING"', "42000",
     "INSERT INTO policies (external_ref, holder) VALUES (:externalRef, :holder) ON CONFLICT (external_ref) DO NOTHING",
     "externalRef:POL-1,holder:Ana Duarte"),
]


def maven_h2_log():
    head = """[INFO] Scanning for projects...
[INFO]
[INFO] -------------------< com.northwind:claims-service >--------------------
[INFO] Building claims-service 1.8.0-SNAPSHOT
[INFO]   from pom.xml
[INFO] --------------------------------[ jar ]---------------------------------
Downloading from central: https://repo.maven.apache.org/maven2/com/h2database/h2/2.2.224/h2-2.2.224.pom
Downloaded from central: https://repo.maven.apache.org/maven2/com/h2database/h2/2.2.224/h2-2.2.224.pom (3.6 kB at 41 kB/s)
Downloading from central: https://repo.maven.apache.org/maven2/com/h2database/h2/2.2.224/h2-2.2.224.jar
Downloaded from central: https://repo.maven.apache.org/maven2/com/h2database/h2/2.2.224/h2-2.2.224.jar (2.6 MB at 8.1 MB/s)
[INFO]
[INFO] --- resources:3.3.1:resources (default-resources) @ claims-service ---
[INFO] Copying 4 resources from src/main/resources to target/classes
[INFO]
[INFO] --- compiler:3.13.0:compile (default-compile) @ claims-service ---
[INFO] Nothing to compile - all classes are up to date.
[INFO]
[INFO] --- resources:3.3.1:testResources (default-testResources) @ claims-service ---
[INFO] Copying 3 resources from src/test/resources to target/test-classes
[INFO]
[INFO] --- compiler:3.13.0:testCompile (default-testCompile) @ claims-service ---
[INFO] Recompiling the module because of changed dependency.
[INFO] Compiling 14 source files with javac [debug release 21] to target/test-classes
[INFO]
[INFO] --- surefire:3.2.5:test (default-test) @ claims-service ---
[INFO] Using auto detected provider org.apache.maven.surefire.junitplatform.JUnitPlatformProvider
[INFO]
[INFO] -------------------------------------------------------
[INFO]  T E S T S
[INFO] -------------------------------------------------------
[INFO] Running com.northwind.claims.db.ClaimDaoTest
INFO  [2025-03-18 09:12:44,118] org.flywaydb.core.internal.license.VersionPrinter: Flyway Community Edition 10.10.0 by Redgate
INFO  [2025-03-18 09:12:44,121] org.flywaydb.core.FlywayExecutor: Database: jdbc:h2:mem:claims;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE (H2 2.2)
WARN  [2025-03-18 09:12:44,302] org.flywaydb.core.internal.sqlscript.DefaultSqlScriptExecutor: DB: Unknown data type: "JSONB" (SQL State: 50004 - Error Code: 50004)
INFO  [2025-03-18 09:12:44,305] org.flywaydb.core.internal.command.DbMigrate: Migrating schema "public" to version "1 - init" [non-transactional]
INFO  [2025-03-18 09:12:44,311] org.flywaydb.core.internal.command.DbMigrate: Migrating schema "public" to version "2 - claims history" [non-transactional]
INFO  [2025-03-18 09:12:44,318] org.flywaydb.core.internal.command.DbMigrate: Successfully applied 2 migrations to schema "public", now at version v2 (execution time 00:00.019s)
"""
    body = []
    errs = []
    for (test, tm, method, line, msg, code, sql, named) in H2_CASES:
        body.append(f"[ERROR] {tm}  Time elapsed: 0.0{line % 9 + 1}1 s  <<< ERROR!")
        body.append(H2_STACK.format(msg=msg, code=code, sql=sql, named=named, method=method, test=test, tmethod=tm, line=line))
        errs.append(f"[ERROR]   {test}.{tm}:{line} » UnableToExecuteStatement org.h2.jdbc.JdbcSQLSyntaxErrorException: Syntax error in SQL statement")
    tail = """[ERROR] Tests run: 11, Failures: 0, Errors: 4, Skipped: 0, Time elapsed: 1.642 s <<< FAILURE! -- in com.northwind.claims.db.ClaimDaoTest
[INFO] Running com.northwind.claims.db.PolicyDaoTest
[ERROR] Tests run: 6, Failures: 0, Errors: 2, Skipped: 0, Time elapsed: 0.221 s <<< FAILURE! -- in com.northwind.claims.db.PolicyDaoTest
[INFO] Running com.northwind.claims.api.ClaimResourceTest
[INFO] Tests run: 9, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 2.913 s -- in com.northwind.claims.api.ClaimResourceTest
[INFO]
[INFO] Results:
[INFO]
[ERROR] Errors:
""" + "\n".join(errs) + """
[INFO]
[ERROR] Tests run: 26, Failures: 0, Errors: 6, Skipped: 0
[INFO]
[INFO] ------------------------------------------------------------------------
[INFO] BUILD FAILURE
[INFO] ------------------------------------------------------------------------
[INFO] Total time:  9.874 s
[INFO] Finished at: 2025-03-18T09:12:47+01:00
[INFO] ------------------------------------------------------------------------
[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project claims-service: There are test failures.
[ERROR]
[ERROR] Please refer to /home/jvr/work/claims-service/target/surefire-reports for the individual test results."""
    return head + "\n".join(body) + tail


@session
def dropwizard_claims():
    dbpw = "Cl41ms-pr0d-Zq81x"
    bindbean_fail = """[INFO] Running com.northwind.claims.db.ClaimDaoTest
[ERROR] insertReturnsGeneratedId  Time elapsed: 0.412 s  <<< ERROR!
org.jdbi.v3.core.statement.UnableToExecuteStatementException: Missing named parameter 'policyId' in binding:{positional:{}, named:{}, finder:[{lazy bean property arguments "claim"}]} [statement:"INSERT INTO claims (policy_id, amount_cents, status, payload) VALUES (:policyId, :amountCents, :status, :payload::jsonb) RETURNING id", arguments:{positional:{}, named:{}, finder:[{lazy bean property arguments "claim"}]}]
	at org.jdbi.v3.core.statement.ArgumentBinder.lambda$bindNamed$1(ArgumentBinder.java:101)
	at org.jdbi.v3.core.statement.ArgumentBinder.bindNamed(ArgumentBinder.java:97)
	at org.jdbi.v3.core.statement.SqlStatement.internalExecute(SqlStatement.java:1792)
	at org.jdbi.v3.sqlobject.statement.internal.SqlUpdateHandler.lambda$new$0(SqlUpdateHandler.java:71)
	at jdk.proxy2/jdk.proxy2.$Proxy41.insert(Unknown Source)
	at com.northwind.claims.db.ClaimDaoTest.insertReturnsGeneratedId(ClaimDaoTest.java:41)
[INFO] Tests run: 11, Failures: 0, Errors: 3, Skipped: 0, Time elapsed: 6.811 s <<< FAILURE!
[ERROR] Tests run: 26, Failures: 0, Errors: 3, Skipped: 0
[INFO] BUILD FAILURE"""
    tc_ok = """[INFO] Running com.northwind.claims.db.ClaimDaoTest
09:31:02.114 [main] INFO  org.testcontainers.DockerClientFactory -- Connected to docker:
  Server Version: 26.1.4
  API Version: 1.45
  Operating System: Ubuntu 24.04 LTS
  Total Memory: 31842 MB
09:31:02.131 [main] INFO  tc.testcontainers/ryuk:0.7.0 -- Creating container for image: testcontainers/ryuk:0.7.0
09:31:02.611 [main] INFO  tc.testcontainers/ryuk:0.7.0 -- Container testcontainers/ryuk:0.7.0 started in PT0.48S
09:31:02.640 [main] INFO  tc.postgres:16-alpine -- Creating container for image: postgres:16-alpine
09:31:03.877 [main] INFO  tc.postgres:16-alpine -- Container postgres:16-alpine started in PT1.237S
09:31:03.878 [main] INFO  tc.postgres:16-alpine -- Container is started (JDBC URL: jdbc:postgresql://localhost:32771/claims?loggerLevel=OFF)
INFO  [2025-03-18 09:31:04,012] org.flywaydb.core.internal.command.DbMigrate: Successfully applied 2 migrations to schema "public", now at version v2 (execution time 00:00.061s)
[INFO] Tests run: 11, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 3.204 s -- in com.northwind.claims.db.ClaimDaoTest
[INFO] Running com.northwind.claims.db.PolicyDaoTest
[INFO] Tests run: 6, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.388 s -- in com.northwind.claims.db.PolicyDaoTest
[INFO] Running com.northwind.claims.api.ClaimResourceTest
[ERROR] Tests run: 9, Failures: 0, Errors: 9, Skipped: 0, Time elapsed: 1.102 s <<< FAILURE! -- in com.northwind.claims.api.ClaimResourceTest
[ERROR] com.northwind.claims.api.ClaimResourceTest -- Time elapsed: 1.102 s <<< ERROR!
java.lang.RuntimeException: java.io.IOException: Failed to bind to 0.0.0.0/0.0.0.0:8080
	at org.eclipse.jetty.server.ServerConnector.openAcceptChannel(ServerConnector.java:344)
	at org.eclipse.jetty.server.ServerConnector.open(ServerConnector.java:304)
	at io.dropwizard.testing.DropwizardTestSupport.startIfRequired(DropwizardTestSupport.java:270)
	at io.dropwizard.testing.junit5.DropwizardAppExtension.before(DropwizardAppExtension.java:147)
Caused by: java.net.BindException: Address already in use
	at java.base/sun.nio.ch.Net.bind0(Native Method)
	at java.base/sun.nio.ch.Net.bind(Net.java:565)
	at org.eclipse.jetty.server.ServerConnector.openAcceptChannel(ServerConnector.java:339)
	... 48 more
[ERROR] Tests run: 26, Failures: 0, Errors: 9, Skipped: 0
[INFO] BUILD FAILURE"""
    turns = [
        U("Morning. claims-service, Dropwizard 4 + JDBI 3 SqlObject, Java 21, Maven, Postgres 16 in prod. I'm moving the DAO tests "
          "off the shared dev database because they keep stepping on each other. Plan: H2 in-memory in PostgreSQL mode. "
          "I already added the dependency and a test config, run mvn test and let's see"),
        T("Bash", "mvn -q -B test", maven_h2_log()),
        A("H2's PostgreSQL mode is only a compatibility layer for the basics. Our SQL uses `::jsonb` casts, `jsonb` columns, "
          "`->>` operators, `jsonb_build_object`, and `ON CONFLICT ... DO UPDATE` — H2 rejects all of them (6 errors, all "
          "`JdbcSQLSyntaxErrorException`, and Flyway already warned `Unknown data type: \"JSONB\"` while migrating). "
          "We'd have to rewrite the queries into an H2/Postgres common subset, which would mean testing different SQL than "
          "we run in prod. I'd suggest Testcontainers with `postgres:16-alpine` instead: same engine as prod, one container per test run."),
        U("ugh. yes ok, H2 was a bad idea. revert it and go Testcontainers"),
        T("Bash", "git checkout -- pom.xml src/test/resources/test-config.yml && git status --short", " M src/test/java/com/northwind/claims/db/DaoTestSupport.java"),
        T("Edit", "pom.xml", '''@@
+    <dependency>
+      <groupId>org.testcontainers</groupId>
+      <artifactId>postgresql</artifactId>
+      <version>1.20.1</version>
+      <scope>test</scope>
+    </dependency>
+    <dependency>
+      <groupId>org.testcontainers</groupId>
+      <artifactId>junit-jupiter</artifactId>
+      <version>1.20.1</version>
+      <scope>test</scope>
+    </dependency>'''),
        T("Edit", "src/test/java/com/northwind/claims/db/DaoTestSupport.java", '''@@
+@Testcontainers
+public abstract class DaoTestSupport {
+    @Container
+    static final PostgreSQLContainer<?> PG = new PostgreSQLContainer<>("postgres:16-alpine").withDatabaseName("claims");
+
+    protected static Jdbi jdbi;
+
+    @BeforeAll
+    static void migrate() {
+        Flyway.configure().dataSource(PG.getJdbcUrl(), PG.getUsername(), PG.getPassword()).load().migrate();
+        jdbi = Jdbi.create(PG.getJdbcUrl(), PG.getUsername(), PG.getPassword()).installPlugin(new SqlObjectPlugin());
+    }
+}'''),
        T("Bash", "mvn -q -B test -Dtest='*DaoTest'", bindbean_fail),
        T("Read", "src/main/java/com/northwind/claims/db/ClaimDao.java", '''public interface ClaimDao {
    @SqlUpdate("INSERT INTO claims (policy_id, amount_cents, status, payload) VALUES (:policyId, :amountCents, :status, :payload::jsonb) RETURNING id")
    @GetGeneratedKeys
    long insert(@BindBean("claim") NewClaim claim);
    ...
}

// NewClaim.java
public record NewClaim(long policyId, long amountCents, ClaimStatus status, String payload) {}'''),
        A("Real Postgres now, so these are real bugs. `NewClaim` was turned into a `record` last sprint, and `@BindBean` only "
          "binds JavaBean getters (`getPolicyId()`). Records expose accessors named `policyId()`, so JDBI finds no properties "
          "and reports `Missing named parameter 'policyId'`. JDBI has `@BindMethods` for exactly this: it binds by method name. "
          "(Also note `@BindBean(\"claim\")` with a prefix would expect `:claim.policyId` in the SQL anyway.)"),
        T("Edit", "src/main/java/com/northwind/claims/db/ClaimDao.java", '''@@
-    long insert(@BindBean("claim") NewClaim claim);
+    long insert(@BindMethods NewClaim claim);
@@
-    void upsert(@BindBean("claim") NewClaim claim, @Bind("externalRef") String externalRef);
+    void upsert(@BindMethods NewClaim claim, @Bind("externalRef") String externalRef);'''),
        T("Bash", "mvn -q -B test -Dtest='*DaoTest'", "[INFO] Tests run: 17, Failures: 0, Errors: 0, Skipped: 0\n[INFO] BUILD SUCCESS"),
        U("good. now the read side. ClaimRow — let's just use @RegisterConstructorMapper(ClaimRow.class), less code"),
        A("OK — `ClaimRow` is a record too, so the constructor mapper can map the columns by name (`policy_id` → `policyId` with the snake-case matching strategy)."),
        T("Edit", "src/main/java/com/northwind/claims/db/ClaimDao.java", '''@@
+@RegisterConstructorMapper(ClaimRow.class)
 public interface ClaimDao {'''),
        U("wait no. actually no. the legacy_code column — old claims from the mainframe import have status codes like 'A1', 'R7', "
          "the mapper has to translate those into ClaimStatus, and the constructor mapper can't do that nicely. "
          "write a RowMapper by hand. ClaimRowMapper. forget the constructor mapper"),
        T("Edit", "src/main/java/com/northwind/claims/db/ClaimRowMapper.java", '''@@
+public class ClaimRowMapper implements RowMapper<ClaimRow> {
+    private static final Map<String, ClaimStatus> LEGACY = Map.of(
+        "A1", ClaimStatus.OPEN, "A2", ClaimStatus.OPEN, "P3", ClaimStatus.IN_REVIEW,
+        "R7", ClaimStatus.REJECTED, "Z9", ClaimStatus.APPROVED);
+
+    @Override
+    public ClaimRow map(ResultSet rs, StatementContext ctx) throws SQLException {
+        String status = rs.getString("status");
+        String legacy = rs.getString("legacy_code");
+        ClaimStatus st = status != null ? ClaimStatus.valueOf(status) : LEGACY.getOrDefault(legacy, ClaimStatus.UNKNOWN);
+        return new ClaimRow(rs.getLong("id"), rs.getLong("policy_id"), rs.getLong("amount_cents"), st,
+                            rs.getObject("created_at", OffsetDateTime.class));
+    }
+}'''),
        T("Edit", "src/main/java/com/northwind/claims/db/ClaimDao.java", '''@@
-@RegisterConstructorMapper(ClaimRow.class)
+@RegisterRowMapper(ClaimRowMapper.class)
 public interface ClaimDao {'''),
        T("Edit", "src/test/java/com/northwind/claims/db/ClaimRowMapperTest.java", '''@@
+    @Test
+    void mapsLegacyCodes() {
+        jdbi.useHandle(h -> h.execute("INSERT INTO claims (policy_id, amount_cents, status, legacy_code) VALUES (1, 100, NULL, 'R7')"));
+        ClaimRow row = jdbi.onDemand(ClaimDao.class).findAll().get(0);
+        assertThat(row.status()).isEqualTo(ClaimStatus.REJECTED);
+    }'''),
        U("use AssertJ everywhere btw, I see some hamcrest assertThat(x, is(y)) left in the resource tests, I don't want hamcrest in new code"),
        T("Bash", "grep -rln 'org.hamcrest' src/test | head", "src/test/java/com/northwind/claims/api/ClaimResourceTest.java"),
        T("Edit", "src/test/java/com/northwind/claims/api/ClaimResourceTest.java", '''@@
-import static org.hamcrest.MatcherAssert.assertThat;
-import static org.hamcrest.Matchers.is;
+import static org.assertj.core.api.Assertions.assertThat;
@@
-        assertThat(resp.getStatus(), is(201));
+        assertThat(resp.getStatus()).isEqualTo(201);'''),
        T("Bash", "mvn -q -B test", tc_ok),
        A("DAO tests are green on Postgres. `ClaimResourceTest` fails to start: `DropwizardAppExtension` binds the real config's port 8080, "
          "which your locally running instance already uses (and in CI parallel forks will collide the same way). "
          "Setting both connectors to port 0 via `ConfigOverride` lets Jetty pick a free random port; the extension exposes it as `getLocalPort()`."),
        T("Edit", "src/test/java/com/northwind/claims/api/ClaimResourceTest.java", '''@@
     static final DropwizardAppExtension<ClaimsConfiguration> APP = new DropwizardAppExtension<>(
-        ClaimsApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"));
+        ClaimsApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
+        ConfigOverride.config("server.applicationConnectors[0].port", "0"),
+        ConfigOverride.config("server.adminConnectors[0].port", "0"),
+        ConfigOverride.config("database.url", () -> DaoTestSupport.PG.getJdbcUrl()));'''),
        T("Bash", "mvn -q -B test", "[INFO] Tests run: 27, Failures: 0, Errors: 0, Skipped: 0\n[INFO] BUILD SUCCESS"),
        U("nice. can you double check the prod config still points at the right db after my rebase? config-prod.yml"),
        T("Read", "config-prod.yml", f'''server:
  applicationConnectors:
    - type: http
      port: 8080
  adminConnectors:
    - type: http
      port: 8081
database:
  driverClass: org.postgresql.Driver
  user: claims_app
  password: {dbpw}
  url: jdbc:postgresql://claims-db.internal.northwind.io:5432/claims
  properties:
    ApplicationName: claims-service
  maxSize: 32
logging:
  level: INFO'''),
        A("The URL is right (`claims-db.internal.northwind.io:5432/claims`). But the prod DB password is committed in plain text in "
          "`config-prod.yml`. Dropwizard supports env substitution with `SubstitutingSourceProvider` + `EnvironmentVariableSubstitutor`, "
          "so this could be `password: ${CLAIMS_DB_PASSWORD}` — want me to wire that up?"),
        U("not my call, ops owns that file. leave it."),
        T("Bash", "git add -A && git commit -qm 'DAO tests on Testcontainers Postgres, @BindMethods for records, ClaimRowMapper for legacy codes, random test ports' && git log --oneline -1",
          "7be20c4 DAO tests on Testcontainers Postgres, @BindMethods for records, ClaimRowMapper for legacy codes, random test ports"),
        U("thanks. next is idempotency keys on POST /claims, the partner retries on timeouts and we get duplicates. not today."),
    ]
    gold = [
        G("PROJECT", "claims-service: Dropwizard 4, JDBI 3 SqlObject, Java 21, Maven, Postgres 16",
          ["dropwizard"], ["jdbi", "java 21", "maven", "postgres"]),
        G("FAILED", "H2 in PostgreSQL mode for DAO tests reverted: jsonb, ::jsonb casts, ON CONFLICT unsupported",
          ["h2"], ["jsonb", "on conflict", "syntax", "unsupported", "postgres"], failure=True),
        G("DECISION", "DAO tests run on Testcontainers postgres:16-alpine (same engine as prod)",
          ["testcontainers"], ["postgres", "dao", "16", "test"]),
        G("BUG_FIX", "Missing named parameter with records: @BindBean needs getters -> @BindMethods",
          ["bindmethods"], ["record", "bindbean", "getter", "missing named parameter"], files=["src/main/java/com/northwind/claims/db/ClaimDao.java"]),
        G("DECISION", "Hand-written ClaimRowMapper (not constructor mapper) to translate legacy mainframe status codes",
          ["rowmapper"], ["legacy", "legacy_code", "status", "hand", "mainframe"], files=["src/main/java/com/northwind/claims/db/ClaimRowMapper.java"]),
        G("PREFERENCE", "AssertJ in tests, no Hamcrest in new code",
          ["assertj"], ["hamcrest", "tests", "assert"]),
        G("BUG_FIX", "Resource tests BindException port 8080 in use -> ConfigOverride connector ports to 0 (random)",
          ["port"], ["configoverride", "random", "bindexception", "already in use", "port 0", "8080"], files=["src/test/java/com/northwind/claims/api/ClaimResourceTest.java"]),
        G("TODO", "Idempotency keys on POST /claims (partner retries create duplicates)",
          ["idempotency"], ["post", "claims", "duplicate", "retr"]),
    ]
    dead = [D("@RegisterConstructorMapper for ClaimRow, reversed within session", ["ConstructorMapper"]),
            D("env var substitution for prod DB password proposed, declined (ops owns file)", ["EnvironmentVariableSubstitutor"])]
    return {"id": "dropwizard_claims", "project": "claims-service",
            "cwd_files": ["pom.xml", "config-prod.yml", "src/main/java/com/northwind/claims/ClaimsApplication.java",
                          "src/main/java/com/northwind/claims/db/ClaimDao.java", "src/main/java/com/northwind/claims/db/ClaimRowMapper.java",
                          "src/main/java/com/northwind/claims/db/NewClaim.java", "src/test/java/com/northwind/claims/db/DaoTestSupport.java",
                          "src/test/java/com/northwind/claims/api/ClaimResourceTest.java", "src/test/resources/test-config.yml"],
            "turns": turns, "gold": gold, "dead_ends": dead, "secrets": [dbpw]}


# ---------------------------------------------------------------------------
# 6. Hono on Cloudflare Workers + D1  (pair: _b reverses a decision of _a)
# ---------------------------------------------------------------------------
@session
def hono_d1_a():
    cf_tok = "Zq3vW8xK1mN5pR7tY2uB4cD6eF9gH0jLaS3dQwE7"
    vitest_fail = """
 RUN  v2.0.5 /home/lea/code/linkshort

 ❯ test/links.test.ts (4 tests | 4 failed) 61ms
   × POST /api/links creates a short link 31ms
     → D1_ERROR: no such table: links: SQLITE_ERROR
   × GET /:code redirects to target 9ms
     → D1_ERROR: no such table: links: SQLITE_ERROR
   × GET /:code returns 404 for unknown code 8ms
     → D1_ERROR: no such table: links: SQLITE_ERROR
   × POST /api/links rejects invalid URL 6ms
     → expected 500 to be 400 // Object.is equality

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯ Failed Tests 4 ⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯

 FAIL  test/links.test.ts > POST /api/links creates a short link
Error: D1_ERROR: no such table: links: SQLITE_ERROR
 ❯ D1DatabaseSessionAlwaysPrimary._sendOrThrow cloudflare-internal:d1-api:139:19
 ❯ D1PreparedStatement.run cloudflare-internal:d1-api:319:19
 ❯ src/routes/links.ts:27:5
     25|   const code = newCode();
     26|   await c.env.DB.prepare('INSERT INTO links (code, target, created_at) VALUES (?, ?, ?)')
     27|     .bind(code, body.url, Date.now()).run();
       |     ^
     28|   return c.json({ code, short: `${new URL(c.req.url).origin}/${code}` }, 201);

 Test Files  1 failed (1)
      Tests  4 failed (4)
   Start at  14:02:11
   Duration  1.84s (transform 88ms, setup 0ms, collect 212ms, tests 61ms, environment 0ms, prepare 402ms)
"""
    txn_fail = """ ⛅️ wrangler 3.72.2
-------------------

🌀 Executing on local database linkshort (0c4b1d2e-7a55-4f0e-9c1d-6b2a8e3f4d90) from .wrangler/state/v3/d1:
🌀 To execute on your remote database, add a --remote flag to your wrangler command.

✘ [ERROR] To execute a transaction, please use the state.storage.transaction() or state.storage.transactionSync() APIs instead of the SQL BEGIN TRANSACTION or SAVEPOINT statements. The JavaScript API is safer because it will automatically roll back on exceptions, and because it interacts correctly with Durable Objects' automatic atomic write coalescing.: SQLITE_AUTH

🪵  Logs were written to "/home/lea/.config/.wrangler/logs/wrangler-2025-04-02_14-21-07_318.log"
"""
    turns = [
        U("hey! starting the link shortener for real today. linkshort: Hono on Cloudflare Workers, D1 for storage, wrangler, "
          "tests with vitest + @cloudflare/vitest-pool-workers. btw I'm on Bun locally so use bun/bunx in scripts and commands, not npm. "
          "first problem: the tests all blow up"),
        T("Bash", "bun run test", vitest_fail),
        T("Read", "vitest.config.ts", '''import { defineWorkersConfig } from '@cloudflare/vitest-pool-workers/config';

export default defineWorkersConfig({
  test: {
    poolOptions: {
      workers: {
        wrangler: { configPath: './wrangler.toml' },
      },
    },
  },
});'''),
        A("The pool gives every test file a fresh, empty local D1 — it does not run your `migrations/` folder automatically, hence "
          "`no such table: links`. The supported way: read the migrations in `vitest.config.ts` with `readD1Migrations()`, pass them "
          "to the worker as a binding (`TEST_MIGRATIONS`), and call `applyD1Migrations(env.DB, env.TEST_MIGRATIONS)` in a setup file. "
          "The 4th failure (500 instead of 400) is separate, I'll look at it after."),
        T("Edit", "vitest.config.ts", '''@@
-import { defineWorkersConfig } from '@cloudflare/vitest-pool-workers/config';
+import path from 'node:path';
+import { defineWorkersConfig, readD1Migrations } from '@cloudflare/vitest-pool-workers/config';
 
-export default defineWorkersConfig({
+export default defineWorkersConfig(async () => {
+  const migrations = await readD1Migrations(path.join(__dirname, 'migrations'));
+  return {
   test: {
+    setupFiles: ['./test/apply-migrations.ts'],
     poolOptions: {
       workers: {
         wrangler: { configPath: './wrangler.toml' },
+        miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
       },
     },
   },
-});
+};
+});'''),
        T("Edit", "test/apply-migrations.ts", '''@@
+import { applyD1Migrations, env } from 'cloudflare:test';
+
+await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);'''),
        T("Bash", "bun run test", """
 RUN  v2.0.5 /home/lea/code/linkshort

 ❯ test/links.test.ts (4 tests | 1 failed) 44ms
   × POST /api/links rejects invalid URL 7ms
     → expected 500 to be 400 // Object.is equality

 Test Files  1 failed (1)
      Tests  1 failed | 3 passed (4)"""),
        A("Tables exist now. The last one: `new URL(body.url)` throws on invalid input and nothing catches it, so Hono returns 500. "
          "I'll validate with `@hono/zod-validator` and `z.string().url()`, which returns 400 with the issues."),
        T("Edit", "src/routes/links.ts", '''@@
-links.post('/', async (c) => {
-  const body = await c.req.json();
+links.post('/', zValidator('json', z.object({ url: z.string().url().max(2048) })), async (c) => {
+  const body = c.req.valid('json');'''),
        T("Bash", "bun run test", "\n RUN  v2.0.5 /home/lea/code/linkshort\n\n ✓ test/links.test.ts (4 tests) 39ms\n\n Test Files  1 passed (1)\n      Tests  4 passed (4)"),
        U("yay. ok the codes. right now it's Math.random().toString(36).slice(2, 8) which is obviously garbage. ideas?"),
        A("A few options:\n"
          "1. **nanoid with a custom alphabet** — `customAlphabet('23456789abcdefghjkmnpqrstuvwxyz', 7)`: no lookalikes (0/o, 1/l/i), "
          "31^7 ≈ 27 billion codes, collision handled by a UNIQUE constraint + one retry.\n"
          "2. **Sqids over the autoincrement id** — short and collision-free, but codes are sequential-ish and reveal volume.\n"
          "3. **base62 of a counter** — same issue as 2, plus a hot counter row.\n"
          "I'd go with 1."),
        U("yep, do it"),
        T("Edit", "src/lib/code.ts", '''@@
+import { customAlphabet } from 'nanoid';
+
+// no 0/o/1/l/i to avoid lookalikes when people type links
+export const newCode = customAlphabet('23456789abcdefghjkmnpqrstuvwxyz', 7);'''),
        T("Bash", "bun add nanoid && bun run test", "bun add v1.1.26 (0d9b296a)\n\ninstalled nanoid@5.0.7\n\n1 package installed [412.00ms]\n\n RUN  v2.0.5 /home/lea/code/linkshort\n\n ✓ test/links.test.ts (4 tests) 41ms\n\n Test Files  1 passed (1)\n      Tests  4 passed (4)"),
        U("now clicks. I want a click counter per link. Decision: a `clicks` INTEGER column on links, and the redirect handler does "
          "UPDATE links SET clicks = clicks + 1 inside c.executionCtx.waitUntil so the redirect isn't slowed down. simple, one database, done."),
        T("Edit", "migrations/0002_clicks.sql", "@@\n+ALTER TABLE links ADD COLUMN clicks INTEGER NOT NULL DEFAULT 0;"),
        T("Edit", "src/routes/redirect.ts", '''@@
 app.get('/:code', async (c) => {
   const code = c.req.param('code');
   const row = await c.env.DB.prepare('SELECT target FROM links WHERE code = ?').bind(code).first<{ target: string }>();
   if (!row) return c.notFound();
+  c.executionCtx.waitUntil(
+    c.env.DB.prepare('UPDATE links SET clicks = clicks + 1 WHERE code = ?').bind(code).run()
+  );
   return c.redirect(row.target, 301);
 });'''),
        U("also need a seed script for local dev, a few links + one deleted link. I wrote seed.sql, wrap it in a transaction so it's all or nothing"),
        T("Edit", "scripts/seed.sql", '''@@
+BEGIN TRANSACTION;
+INSERT INTO links (code, target, created_at) VALUES ('docs777', 'https://developers.cloudflare.com/d1/', 1712000000000);
+INSERT INTO links (code, target, created_at) VALUES ('honoabc', 'https://hono.dev', 1712000000000);
+INSERT INTO links (code, target, created_at, deleted_at) VALUES ('gone222', 'https://example.com', 1712000000000, 1712100000000);
+COMMIT;'''),
        T("Bash", "bunx wrangler d1 execute linkshort --local --file scripts/seed.sql", txn_fail),
        A("D1 doesn't allow `BEGIN TRANSACTION` / `SAVEPOINT` in SQL at all (it runs on the Durable Object SQLite engine, which "
          "forbids explicit transactions). I'll remove the BEGIN/COMMIT again — `wrangler d1 execute --file` already runs a file as one "
          "unit. In Worker code, the equivalent of a transaction is `env.DB.batch([...])`: the statements in a batch run in one "
          "implicit transaction and roll back together if one fails."),
        T("Edit", "scripts/seed.sql", "@@\n-BEGIN TRANSACTION;\n INSERT INTO links ...\n-COMMIT;"),
        T("Bash", "bunx wrangler d1 execute linkshort --local --file scripts/seed.sql", " ⛅️ wrangler 3.72.2\n-------------------\n\n🌀 Executing on local database linkshort (0c4b1d2e-7a55-4f0e-9c1d-6b2a8e3f4d90) from .wrangler/state/v3/d1:\n🚣 3 commands executed successfully."),
        U("ok good to know. then for the delete endpoint (soft delete link + insert audit row) use batch, so it's atomic"),
        T("Edit", "src/routes/links.ts", '''@@
+links.delete('/:code', async (c) => {
+  const code = c.req.param('code');
+  const now = Date.now();
+  await c.env.DB.batch([
+    c.env.DB.prepare('UPDATE links SET deleted_at = ? WHERE code = ? AND deleted_at IS NULL').bind(now, code),
+    c.env.DB.prepare('INSERT INTO audit (action, code, at) VALUES (?, ?, ?)').bind('delete', code, now),
+  ]);
+  return c.body(null, 204);
+});'''),
        T("Bash", "bun run test && bunx wrangler d1 migrations apply linkshort --remote",
          "\n ✓ test/links.test.ts (6 tests) 52ms\n\n Test Files  1 passed (1)\n      Tests  6 passed (6)\n\n"
          "✘ [ERROR] In a non-interactive environment, it's necessary to set a CLOUDFLARE_API_TOKEN environment variable for wrangler to work. "
          "Please go to https://developers.cloudflare.com/fundamentals/api/get-started/create-token/ for instructions on how to create an api token, "
          "and assign its value to CLOUDFLARE_API_TOKEN."),
        U(f"here: CLOUDFLARE_API_TOKEN={cf_tok}"),
        T("Bash", f"CLOUDFLARE_API_TOKEN={cf_tok} bunx wrangler d1 migrations apply linkshort --remote && CLOUDFLARE_API_TOKEN={cf_tok} bunx wrangler deploy",
          """Migrations to be applied:
┌──────────────────┐
│ name             │
├──────────────────┤
│ 0002_clicks.sql  │
└──────────────────┘
🌀 Executing on remote database linkshort (0c4b1d2e-7a55-4f0e-9c1d-6b2a8e3f4d90):
🚣 Executed 1 command in 0.4123ms
┌─────────────────┬────────┐
│ name            │ status │
├─────────────────┼────────┤
│ 0002_clicks.sql │ ✅     │
└─────────────────┴────────┘
Total Upload: 61.42 KiB / gzip: 14.87 KiB
Your worker has access to the following bindings:
- D1 Databases:
  - DB: linkshort (0c4b1d2e-7a55-4f0e-9c1d-6b2a8e3f4d90)
Uploaded linkshort (2.81 sec)
Deployed linkshort triggers (0.66 sec)
  https://linkshort.lea-dev.workers.dev
Current Version ID: 5f0c3a1e-92b4-4c8d-b7e1-0a6d2f9e4b33"""),
        A("Deployed. Heads-up: the token is now in this chat and your shell history — better to put it in a `.dev.vars`-style env file "
          "or `wrangler login`, and consider rolling it. Anything else for today?"),
        U("later. todo for next time: rate limit POST /api/links per IP, someone will abuse it the day it goes public. bye!"),
    ]
    gold = [
        G("PROJECT", "linkshort: Hono on Cloudflare Workers, D1, wrangler, vitest-pool-workers",
          ["hono"], ["d1", "workers", "wrangler", "cloudflare"]),
        G("PREFERENCE", "Use bun/bunx in scripts and commands, not npm",
          ["bun"], ["npm", "bunx", "instead", "not npm"]),
        G("BUG_FIX", "vitest-pool-workers D1 empty (no such table) -> readD1Migrations + applyD1Migrations in setup file",
          ["migrations"], ["applyd1migrations", "readd1migrations", "no such table", "vitest", "setup"], files=["vitest.config.ts", "test/apply-migrations.ts"]),
        G("DECISION", "Short codes: nanoid customAlphabet without lookalikes, length 7",
          ["nanoid"], ["7", "alphabet", "customalphabet", "lookalike"], files=["src/lib/code.ts"]),
        G("DECISION", "Click counter: clicks column in D1, UPDATE clicks+1 in waitUntil on redirect",
          ["clicks"], ["waituntil", "column", "update", "d1"], files=["src/routes/redirect.ts"]),
        G("FAILED", "BEGIN TRANSACTION in D1 seed SQL rejected (D1 forbids explicit transactions/SAVEPOINT)",
          ["transaction"], ["begin", "d1", "savepoint", "not allowed", "forbid", "sqlite_auth"], failure=True),
        G("PATTERN", "Atomic multi-statement writes in D1 via env.DB.batch([...])",
          ["batch"], ["atomic", "transaction", "db.batch", "roll"]),
        G("TODO", "Rate limit POST /api/links per IP",
          ["rate limit"], ["ip", "post", "links", "abuse"]),
    ]
    dead = [D("Sqids over autoincrement id, not picked", ["sqids"]),
            D("base62 counter, not picked", ["base62"])]
    return {"id": "hono_d1_a", "project": "linkshort",
            "cwd_files": ["package.json", "bun.lockb", "wrangler.toml", "vitest.config.ts", "src/index.ts", "src/routes/links.ts",
                          "src/routes/redirect.ts", "src/lib/code.ts", "migrations/0001_init.sql", "migrations/0002_clicks.sql",
                          "scripts/seed.sql", "test/links.test.ts", "test/apply-migrations.ts"],
            "turns": turns, "gold": gold, "dead_ends": dead, "secrets": [cf_tok]}


@session
def hono_d1_b():
    ae_tok = "cfAEread_9dK2mQ7xV4pL8sN1bT6wZ3yH5jR0uE2f"
    rnd = random.Random(18)
    lines = []
    t = 0
    codes = ["docs777", "honoabc", "k7m2pqx", "x9fh3ab", "launch2", "pr55zzq", "bf8q2mn"]
    for i in range(170):
        t += rnd.randint(1, 40)
        code = rnd.choice(codes)
        ms = 9 + rnd.randint(0, 30)
        if i % 3 == 0:
            lines.append(f'GET https://lnk.lea.dev/{code} - Ok @ 4/9/2025, 6:{14 + t // 6000:02d}:{(t // 100) % 60:02d} PM')
            lines.append(f'  (error) Uncaught (in promise) Error: D1_ERROR: D1 DB is overloaded. Requests queued for too long.')
            lines.append(f'  (warn) waitUntil() tasks did not complete within the allowed time after invocation end and have been cancelled.')
        else:
            lines.append(f'GET https://lnk.lea.dev/{code} - Ok @ 4/9/2025, 6:{14 + t // 6000:02d}:{(t // 100) % 60:02d} PM  ({ms}ms)')
    tail_log = "\n".join(lines)
    k6 = """
         /\\      Grafana   /‾‾/
    /\\  /  \\     |\\  __   /  /
   /  \\/    \\    | |/ /  /   ‾‾\\
  /          \\   |   (  |  (‾)  |
 / __________ \\  |_|\\_\\  \\_____/

     execution: local
        script: load/redirect.js
        output: -

     scenarios: (100.00%) 1 scenario, 200 max VUs, 1m30s max duration (incl. graceful stop):
              * default: 200 looping VUs for 1m0s (gracefulStop: 30s)

     ✓ status is 301

     checks.........................: 100.00% ✓ 41873      ✗ 0
     data_received..................: 18 MB   298 kB/s
     data_sent......................: 4.1 MB  68 kB/s
     http_req_duration..............: avg=284.11ms min=11.2ms  med=61.3ms  max=6.02s  p(90)=402.8ms p(95)=1.91s
     http_reqs......................: 41873   697.4/s
     iterations.....................: 41873   697.4/s
     vus............................: 200     min=200      max=200

$ bunx wrangler d1 execute linkshort --remote --command "SELECT SUM(clicks) FROM links WHERE code IN ('k7m2pqx','x9fh3ab')"
┌─────────────┐
│ SUM(clicks) │
├─────────────┤
│ 27311       │
└─────────────┘"""
    turns = [
        U("back on linkshort. we launched on Monday and the click counts are wrong, and I see errors in the tail. I ran a load test "
          "against the two test links: 41873 redirects, but the counter says 27311. here's k6 and then wrangler tail during the test"),
        T("Bash", "k6 run load/redirect.js", k6),
        T("Bash", "bunx wrangler tail linkshort --format pretty | head -400", tail_log),
        A("Two things are going on:\n\n"
          "1. Every redirect does a write (`UPDATE links SET clicks = clicks + 1`). A D1 database is a single SQLite instance with one "
          "writer, so at ~700 req/s the writes queue up and D1 rejects them with *\"D1 DB is overloaded. Requests queued for too long\"*. "
          "Since they run in `waitUntil`, the redirect still succeeds but the increment is silently lost (and some waitUntil tasks get "
          "cancelled) — that's the ~35% missing clicks.\n"
          "2. The redirect is a `301`, which browsers cache permanently: a returning visitor never hits the Worker again, so even without "
          "overload those clicks are never counted.\n\n"
          "For (1), options that keep writes off the hot path:\n"
          "- **Workers Analytics Engine**: `env.CLICKS.writeDataPoint({ blobs: [code, country], indexes: [code] })` — fire-and-forget, built for "
          "exactly this volume, queried with SQL over the API. Counts are sampled at high volume, so you sum `_sample_interval`.\n"
          "- **A Durable Object per link** holding the counter — exact counts, but one more moving part and a DO call per redirect.\n"
          "- **Queues**: push click events to a queue, a consumer batches them into D1 every few seconds — exact, but more infra.\n\n"
          "Which one do you want?"),
        U("hmm. I don't need exact to the click, I need per-link per-day and maybe country. Analytics Engine. and drop the clicks column from D1, I don't want two sources of truth"),
        T("Edit", "wrangler.toml", '''@@
 [[d1_databases]]
 binding = "DB"
 database_name = "linkshort"
 database_id = "0c4b1d2e-7a55-4f0e-9c1d-6b2a8e3f4d90"
+
+[[analytics_engine_datasets]]
+binding = "CLICKS"
+dataset = "linkshort_clicks"'''),
        T("Edit", "src/routes/redirect.ts", '''@@
   if (!row) return c.notFound();
-  c.executionCtx.waitUntil(
-    c.env.DB.prepare('UPDATE links SET clicks = clicks + 1 WHERE code = ?').bind(code).run()
-  );
-  return c.redirect(row.target, 301);
+  c.env.CLICKS.writeDataPoint({
+    blobs: [code, c.req.raw.cf?.country ?? 'XX', c.req.header('referer') ?? ''],
+    indexes: [code],
+  });
+  return c.redirect(row.target, 302);'''),
        A("I also switched the redirect to `302` so browsers don't cache it and every click reaches the Worker. Now the migration to drop the column:"),
        T("Edit", "migrations/0003_drop_clicks.sql", "@@\n+ALTER TABLE links DROP COLUMN clicks;"),
        T("Bash", "bun run test", """
 RUN  v2.0.5 /home/lea/code/linkshort

 ❯ test/redirect.test.ts (3 tests | 1 failed) 48ms
   × GET /:code redirects with 301 9ms
     → expected 302 to be 301 // Object.is equality
 ✓ test/links.test.ts (6 tests) 51ms

 Test Files  1 failed | 1 passed (2)
      Tests  1 failed | 8 passed (9)"""),
        T("Edit", "test/redirect.test.ts", '''@@
-  it('GET /:code redirects with 301', async () => {
+  it('GET /:code redirects with 302 (not cached, so every click is counted)', async () => {
     const res = await SELF.fetch('https://lnk.test/docs777', { redirect: 'manual' });
-    expect(res.status).toBe(301);
+    expect(res.status).toBe(302);'''),
        T("Bash", "bun run test", "\n ✓ test/redirect.test.ts (3 tests) 40ms\n ✓ test/links.test.ts (6 tests) 49ms\n\n Test Files  2 passed (2)\n      Tests  9 passed (9)"),
        T("Bash", "bunx wrangler d1 migrations apply linkshort --remote && bunx wrangler deploy", """Migrations to be applied:
┌──────────────────────────┐
│ name                     │
├──────────────────────────┤
│ 0003_drop_clicks.sql     │
└──────────────────────────┘
🚣 Executed 1 command in 0.3871ms
Total Upload: 62.08 KiB / gzip: 15.02 KiB
Your worker has access to the following bindings:
- D1 Databases:
  - DB: linkshort (0c4b1d2e-7a55-4f0e-9c1d-6b2a8e3f4d90)
- Analytics Engine Datasets:
  - CLICKS: linkshort_clicks
Uploaded linkshort (2.64 sec)
Deployed linkshort triggers (0.71 sec)
  https://lnk.lea.dev
Current Version ID: 8e21b7c4-55d0-4a3f-9f62-3c7d1e0b9a48"""),
        U("ran the load test again, now how do I read the numbers? I made a read-only token for analytics"),
        T("Bash", f"""curl -s "https://api.cloudflare.com/client/v4/accounts/$CF_ACCOUNT_ID/analytics_engine/sql" -H "Authorization: Bearer {ae_tok}" -d "SELECT blob1 AS code, count() AS rows FROM linkshort_clicks WHERE timestamp > NOW() - INTERVAL '1' HOUR GROUP BY code" """,
          '{"meta":[{"name":"code","type":"String"},{"name":"rows","type":"UInt64"}],"data":[{"code":"k7m2pqx","rows":"2619"},{"code":"x9fh3ab","rows":"2611"}],"rows":2}'),
        A("Only ~5.2k rows for ~42k clicks: that's Analytics Engine's sampling — at high write rates it stores a sample and records in "
          "`_sample_interval` how many events each row stands for. So never `count()`; always `SUM(_sample_interval)`:"),
        T("Bash", f"""curl -s "https://api.cloudflare.com/client/v4/accounts/$CF_ACCOUNT_ID/analytics_engine/sql" -H "Authorization: Bearer {ae_tok}" -d "SELECT blob1 AS code, SUM(_sample_interval) AS clicks FROM linkshort_clicks WHERE timestamp > NOW() - INTERVAL '1' HOUR GROUP BY code" """,
          '{"meta":[{"name":"code","type":"String"},{"name":"clicks","type":"UInt64"}],"data":[{"code":"k7m2pqx","clicks":"20952"},{"code":"x9fh3ab","clicks":"20888"}],"rows":2}'),
        U("41840 vs 41873, close enough. great. Do you think we should also keep the referer blob? privacy wise"),
        A("The referer can contain full URLs with query strings (sometimes tokens or e-mail addresses). If you only need the source site, "
          "storing just the hostname would be safer. Want me to cut it down to the hostname, or drop it?"),
        U("hmm let me ask Jonas first. leave it. next time: a small /stats/:code dashboard page that shows per-day clicks from the AE SQL API. that's it for today, thanks!"),
        A("Noted: /stats/:code dashboard (per-day clicks via the Analytics Engine SQL API, with SUM(_sample_interval)), and the referer question is pending with Jonas."),
    ]
    gold = [
        G("DECISION", "Clicks tracked in Workers Analytics Engine (writeDataPoint, dataset linkshort_clicks); D1 clicks column dropped",
          ["analytics engine"], ["writedatapoint", "clicks", "click", "linkshort_clicks", "drop"], files=["src/routes/redirect.ts", "wrangler.toml"]),
        G("BUG_FIX", "Lost clicks: per-redirect D1 UPDATE overloaded D1 ('D1 DB is overloaded'), increments dropped in waitUntil",
          ["d1"], ["overloaded", "contention", "single writer", "queued", "lost"]),
        G("BUG_FIX", "Redirect 301 cached by browsers so repeat clicks not counted -> 302",
          ["302"], ["301", "cache", "cached", "permanent"], files=["src/routes/redirect.ts"]),
        G("PATTERN", "Analytics Engine is sampled: query SUM(_sample_interval), never count()",
          ["_sample_interval"], ["sum", "sampl", "count"]),
        G("TODO", "/stats/:code dashboard page with per-day clicks from AE SQL API",
          ["stats"], ["dashboard", "per-day", "page", "clicks"]),
    ]
    dead = [D("Durable Object per link counter, not picked", ["durable object"]),
            D("Queues batching click events into D1, not picked", ["queues"])]
    supersedes = [{"old_session": "hono_d1_a", "old_all_of": ["clicks", "waituntil"], "new_all_of": ["analytics engine"]}]
    return {"id": "hono_d1_b", "project": "linkshort",
            "cwd_files": ["package.json", "wrangler.toml", "src/routes/redirect.ts", "migrations/0003_drop_clicks.sql",
                          "test/redirect.test.ts", "load/redirect.js"],
            "turns": turns, "gold": gold, "dead_ends": dead, "secrets": [ae_tok], "supersedes": supersedes}


# ---------------------------------------------------------------------------
# 7. .gitattributes / .gitignore cleanup  (near-empty session)
# ---------------------------------------------------------------------------
@session
def gitattributes_cleanup():
    turns = [
        U("hi, quick housekeeping one. our .gitignore is a mess, can you tidy it? no functional changes"),
        T("Read", ".gitignore", """node_modules
node_modules/
.DS_Store
dist
/dist
*.log
.env
.idea
.vscode/
coverage
.DS_Store
npm-debug.log*
*.log
.env.local
Thumbs.db
/build
"""),
        A("There are duplicates (`node_modules` twice, `.DS_Store` twice, `*.log` twice, `dist` in two forms). I'll dedupe and group "
          "by section (dependencies, build output, env, editor/OS) without changing what's ignored."),
        T("Edit", ".gitignore", """@@
-node_modules
-node_modules/
-.DS_Store
-dist
-/dist
-...
+# dependencies
+node_modules/
+
+# build output
+/dist
+/build
+coverage/
+
+# env
+.env
+.env.local
+
+# logs
+*.log
+npm-debug.log*
+
+# editor / OS
+.idea/
+.vscode/
+.DS_Store
+Thumbs.db"""),
        T("Bash", "git status --short --ignored | head -20", "!! .env\n!! coverage/\n!! dist/\n!! node_modules/\n M .gitignore"),
        A("Same set of ignored paths as before. Done."),
        U("thanks. also Marta on windows keeps committing CRLF into the shell scripts and then CI breaks with `/bin/bash^M: bad interpreter`. can we stop that"),
        A("Yes — a `.gitattributes` that normalises line endings: `* text=auto eol=lf` makes Git store and check out text files with LF "
          "everywhere, and marking images/fonts as `binary` keeps Git from touching them. Then a one-time `git add --renormalize .`."),
        U("sure"),
        T("Edit", ".gitattributes", """@@
+* text=auto eol=lf
+*.png binary
+*.jpg binary
+*.woff2 binary
+*.ico binary"""),
        T("Bash", "git add --renormalize . && git status --short", "A  .gitattributes\nM  .gitignore\nM  scripts/deploy.sh\nM  scripts/release.sh"),
        T("Bash", "git diff --cached --stat", " .gitattributes     |  5 +++++\n .gitignore         | 29 ++++++++++++++++++-----------\n scripts/deploy.sh  | 42 +++++++++++++++++++++---------------------\n scripts/release.sh | 18 +++++++++---------\n 4 files changed, 56 insertions(+), 38 deletions(-)"),
        A("The two scripts had CRLF in the index; renormalising converted them to LF (the diff is line endings only). Commit?"),
        U("yep, go. cheers"),
        T("Bash", "git commit -qm 'Tidy .gitignore, normalise line endings via .gitattributes' && git log --oneline -1",
          "0f3b9d2 Tidy .gitignore, normalise line endings via .gitattributes"),
        A("Committed. Marta may need `git rm --cached -r . && git reset --hard` once after pulling to refresh her working copy."),
    ]
    gold = [
        G("DECISION", "Line endings normalised to LF via .gitattributes (* text=auto eol=lf), after CRLF broke shell scripts in CI",
          ["lf"], [".gitattributes", "eol", "line ending", "crlf", "text=auto"], files=[".gitattributes"]),
    ]
    return {"id": "gitattributes_cleanup", "project": "field-notes-web",
            "cwd_files": [".gitignore", ".gitattributes", "package.json", "scripts/deploy.sh", "scripts/release.sh"],
            "turns": turns, "gold": gold, "dead_ends": [], "secrets": []}


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
