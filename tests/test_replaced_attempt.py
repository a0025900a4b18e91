"""A run that fails on what the assistant just put in, which the fix then replaces, leaves a dead end."""

from __future__ import annotations

from memwrap.classify import extract_candidates
from memwrap.turns import Turn


def _session(account: str, fix: str) -> list[Turn]:
    return [
        Turn(role="user", text="debounce the search box, it hits the server on every keystroke"),
        Turn(role="assistant", text="I'll spawn a task that sleeps 500 ms and only searches if no newer input came. "
                                    "tokio is in the deps, so tokio::time::sleep."),
        Turn(role="tool", name="Edit", input="src/search.rs",
             text="+    spawn(async move {\n+        tokio::time::sleep(Duration::from_millis(500)).await;\n+    });"),
        Turn(role="tool", name="Bash", input="cargo test --target wasm32-unknown-unknown",
             text="running 3 tests\npanicked at src/search.rs:27:13:\nthere is no reactor running\n"
                  "error: test failed, to rerun pass `--lib`"),
        Turn(role="assistant", text=account),
        Turn(role="tool", name="Edit", input="src/search.rs", text=fix),
        Turn(role="tool", name="Bash", input="cargo test --target wasm32-unknown-unknown",
             text="running 3 tests\ntest result: ok. 3 passed; 0 failed"),
        Turn(role="assistant", text="All 3 pass, one server call per pause in typing."),
    ]


def test_the_replaced_attempt_is_a_dead_end_with_its_reason() -> None:
    turns = _session("That panics in the browser: there's no Tokio runtime on the client, so tokio::time::sleep has "
                     "no reactor. The browser timer is gloo-timers' TimeoutFuture. Using that instead.",
                     "-        tokio::time::sleep(Duration::from_millis(500)).await;\n"
                     "+        gloo_timers::future::TimeoutFuture::new(500).await;")
    failed = [c.text for c in extract_candidates(turns, project="trails") if c.kind == "FAILED"]
    assert any(t.startswith("tokio::time::sleep: failed") and "reactor" in t for t in failed), failed


def test_a_repair_of_the_same_call_is_no_dead_end() -> None:
    # the fix keeps tokio::time::sleep (it starts a runtime instead): nothing was replaced
    turns = _session("That panics: there's no Tokio runtime in the test. I'll start one in the test harness instead.",
                     "+    let rt = tokio::runtime::Runtime::new().unwrap();\n"
                     "+    rt.block_on(async { tokio::time::sleep(Duration::from_millis(500)).await });")
    failed = [c.text for c in extract_candidates(turns, project="trails") if c.kind == "FAILED"]
    assert not any("tokio::time::sleep" in t for t in failed), failed
