"""`memwrap tui` flows driven with Textual's Pilot against a real LMDB store in MEMWRAP_HOME."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest

from memwrap.facts import Fact
from memwrap.store import Store

NOW = 1_750_000_000.0  # fixed, so ages and dates are stable (snapshots freeze the clock too)
DAY = 86400.0
AUTH = "/src/auth-service"
WEB = "/src/web"


def sample_facts() -> list[Fact]:
    return [
        Fact("PROJECT", "auth-service: Go 1.22, chi router, Postgres 16", project=AUTH, created_at=NOW - 90 * DAY,
             evidence="go.mod says go 1.22", source={"session": "s1", "turn": 3, "time": 1.5}),
        Fact("DECISION", "JWT with refresh tokens, 15min access / 7d refresh", project=AUTH,
             created_at=NOW - 5 * DAY, files=["src/auth/jwt.go"], injected_count=4,
             evidence="let's do 15 minutes access and 7 days refresh", source={"session": "s1", "turn": 8, "time": 3.0}),
        Fact("BUG_FIX", "race in token refresh fixed with a mutex on the refresh endpoint", project=AUTH,
             files=["src/auth/refresh.go"], created_at=NOW - 3600),
        Fact("FAILED", "Redis-backed sessions abandoned: ALB cannot do sticky sessions", topic="Redis sessions",
             project=AUTH, created_at=NOW - DAY),
        Fact("DECISION", "Use Redis sessions for login state", topic="Redis sessions", project=AUTH,
             created_at=NOW - 40 * DAY),
        Fact("PREFERENCE", "prefers explicit error types over generic Error", scope="global", created_at=NOW - 10 * DAY),
        Fact("TODO", "add rate limiting to the login endpoint", project=AUTH, created_at=NOW - 120),
        Fact("PATTERN", "table-driven tests with t.Run subtests everywhere", project=WEB, created_at=NOW - 45 * DAY),
        Fact("PATTERN", "webpack build cache in node_modules/.cache speeds CI", project=WEB, created_at=NOW - 2 * DAY),
    ]


def write_cast(path: Path) -> Path:
    """A small asciicast v2 recording: a prompt, a command, its output."""
    events = [
        [0.5, "o", "$ go test ./...\r\n"],
        [1.0, "o", "ok   auth/refresh  0.2s\r\n"],
        [2.5, "o", "assistant: let's do 15 minutes access and 7 days refresh\r\n"],
        [9.0, "o", "much later output\r\n"],
    ]
    lines = [json.dumps({"version": 2, "width": 80, "height": 10, "timestamp": int(NOW)})]
    lines += [json.dumps(e) for e in events]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def store(memwrap_home: Path) -> Any:
    with Store.open() as s:
        s.add_facts(sample_facts())
        s.add_session({"id": "s1", "project": AUTH, "project_name": "auth-service", "start": NOW - 5 * DAY,
                       "end": NOW - 5 * DAY + 600, "cast": str(write_cast(memwrap_home / "s1.cast"))})
        yield s


def make_app(store: Any, **kw: Any) -> Any:
    from memwrap.tui.app import MemwrapApp

    return MemwrapApp(store, **kw)


def drive(app: Any, flow: Callable[[Any], Awaitable[None]], size: tuple[int, int] = (100, 30)) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()  # the first load runs in a thread
            await pilot.pause()
            await flow(pilot)

    asyncio.run(main())


async def until(pilot: Any, cond: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for a message chain to settle (a loaded machine may need more than one pause)."""
    for _ in range(int(timeout / 0.05)):
        if cond():
            return
        await pilot.pause(0.05)


def shown(app: Any) -> list[str]:
    from memwrap.tui.fact_list import FactList

    return [f.text for f in app.query_one(FactList).facts]


def cursor_to(app: Any, text_start: str) -> None:
    from memwrap.tui.fact_list import FactList

    fl = app.query_one(FactList)
    fl.cursor = next(i for i, f in enumerate(fl.facts) if f.text.startswith(text_start))


def by_text(store: Any, text_start: str) -> Fact:
    return next(f for f in store.facts() if f.text.startswith(text_start))


def test_lists_live_facts_and_projects(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        from memwrap.tui.sidebar import ProjectList

        app = pilot.app
        assert len(shown(app)) == 9
        # pinned first, then newest first
        assert shown(app)[0].startswith("add rate limiting")
        names = [str(app.query_one(ProjectList).get_option_at_index(i).prompt).split("\n")[0]
                 for i in range(app.query_one(ProjectList).option_count)]
        assert names[:2] == ["All projects", "Global"]
        assert "auth-service" in names and "web" in names

    drive(make_app(store), flow)


def test_search_filters_rows_as_you_type(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        await pilot.press("slash", *"redis")
        await pilot.pause()
        rows = shown(pilot.app)
        assert len(rows) == 2 and all("redis" in r.lower() for r in rows)
        await pilot.press(*" alb")  # every word must match
        await pilot.pause()
        assert shown(pilot.app) == ["Redis-backed sessions abandoned: ALB cannot do sticky sessions"]
        await pilot.press("escape")  # back to the list, search kept
        assert pilot.app.focused.id == "fact-list"

    drive(make_app(store), flow)


def test_project_choice_shows_its_facts_and_global_ones(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        from memwrap.tui.sidebar import ProjectList

        pl = pilot.app.query_one(ProjectList)
        pl.highlighted = next(i for i in range(pl.option_count) if pl.get_option_at_index(i).id == WEB)
        await until(pilot, lambda: len(shown(pilot.app)) == 3)
        rows = shown(pilot.app)
        assert sorted(rows) == sorted([
            "table-driven tests with t.Run subtests everywhere",
            "webpack build cache in node_modules/.cache speeds CI",
            "prefers explicit error types over generic Error",
        ])

    drive(make_app(store), flow)


def test_prune_then_undo(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        app = pilot.app
        cursor_to(app, "JWT with refresh")
        await pilot.press("d")
        await pilot.pause()
        assert by_text(store, "JWT with refresh").status == "pruned"
        assert not any(t.startswith("JWT") for t in shown(app))  # the live view hides it
        await pilot.press("u")
        await pilot.pause()
        restored = by_text(store, "JWT with refresh")
        assert restored.status == "active" and restored.injected_count == 4
        assert any(t.startswith("JWT") for t in shown(app))

    drive(make_app(store), flow)


def test_pin_toggles_and_pinned_come_first(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        app = pilot.app
        cursor_to(app, "table-driven tests")
        await pilot.press("p")
        await pilot.pause()
        assert by_text(store, "table-driven tests").status == "pinned"
        assert shown(app)[0].startswith("table-driven tests")
        await pilot.press("p")  # the cursor followed the fact to the top: unpin it
        await pilot.pause()
        assert by_text(store, "table-driven tests").status == "active"

    drive(make_app(store), flow)


def test_edit_text_and_kind_in_a_modal(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        from textual.widgets import Input, Select

        app = pilot.app
        cursor_to(app, "add rate limiting")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#edit-text", Input).value = "add rate limiting (100/min) to the login endpoint"
        app.screen.query_one("#edit-kind", Select).value = "DECISION"
        await pilot.press("enter")
        await pilot.pause()
        edited = by_text(store, "add rate limiting")
        assert (edited.text, edited.kind) == ("add rate limiting (100/min) to the login endpoint", "DECISION")

    drive(make_app(store), flow)


def test_edit_rejects_empty_text_and_escape_cancels(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        from textual.widgets import Input

        app = pilot.app
        cursor_to(app, "add rate limiting")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#edit-text", Input).value = "   "
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.is_modal  # still open, saying why
        assert "needs some text" in str(app.screen.query_one("#edit-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.is_modal
        assert by_text(store, "add rate limiting").text == "add rate limiting to the login endpoint"

    drive(make_app(store), flow)


def test_multi_select_prune_acts_on_all_marked(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        app = pilot.app
        await pilot.press("home", "space", "space")  # marks the first two rows
        await pilot.pause()
        first_two = shown(app)[:2]
        await pilot.press("d")
        await pilot.pause()
        assert {by_text(store, t).status for t in first_two} == {"pruned"}
        assert len(shown(app)) == 7
        await pilot.press("u")
        await pilot.pause()
        assert {by_text(store, t).status for t in first_two} == {"active"}

    drive(make_app(store), flow)


def test_merge_two_marked_facts_and_undo(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        app = pilot.app
        cursor_to(app, "table-driven tests")
        await pilot.press("space")
        cursor_to(app, "webpack build cache")
        await pilot.press("space")
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.is_modal
        await pilot.press("2")  # keep the second one listed
        await pilot.pause()
        live = [f.text for f in store.facts() if f.project == WEB]
        assert len(live) == 1
        kept = by_text(store, live[0][:10])
        assert kept.count == 2
        await pilot.press("u")
        await pilot.pause()
        texts = {f.text for f in store.facts() if f.project == WEB}
        assert texts == {"table-driven tests with t.Run subtests everywhere",
                         "webpack build cache in node_modules/.cache speeds CI"}
        assert all(f.count == 1 for f in store.facts() if f.project == WEB)

    drive(make_app(store), flow)


def test_mark_failed_and_supersede(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        app = pilot.app
        cursor_to(app, "webpack build cache")
        await pilot.press("f")
        await pilot.pause()
        assert by_text(store, "webpack build cache").kind == "FAILED"
        cursor_to(app, "Use Redis sessions")
        await pilot.press("space")
        cursor_to(app, "Redis-backed sessions")
        await pilot.press("space", "x")
        await pilot.pause()
        old, new = by_text(store, "Use Redis sessions"), by_text(store, "Redis-backed sessions")
        assert old.status == "superseded" and old.superseded_by == new.id

    drive(make_app(store), flow)


def test_detail_shows_evidence_source_and_recording(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        app = pilot.app
        cursor_to(app, "JWT with refresh")
        await pilot.pause(0.2)  # the detail follows once the cursor rests
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = str(app.query_one("#detail-body").render())
        assert "let's do 15 minutes access" in body
        assert "session s1, turn 8" in body
        assert "│ ok   auth/refresh  0.2s" in body  # the recording near t=3.0s, as plain text
        assert "much later output" not in body

    drive(make_app(store), flow)


def test_change_by_another_process_shows_up(store: Any, clean_env: dict[str, str]) -> None:
    writer = textwrap.dedent(f"""
        from memwrap.facts import Fact
        from memwrap.store import Store
        with Store.open() as s:
            s.add_facts([Fact("BUG_FIX", "nil map panic in the session cache fixed", project={AUTH!r})])
    """)

    async def flow(pilot: Any) -> None:
        assert not any("nil map panic" in t for t in shown(pilot.app))
        subprocess.run([sys.executable, "-c", writer], env=clean_env, check=True, timeout=60)
        await until(pilot, lambda: any("nil map panic" in t for t in shown(pilot.app)))
        assert any("nil map panic" in t for t in shown(pilot.app))

    drive(make_app(store, poll=0.2), flow)


def test_preview_shows_block_and_tokens_against_budget(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        from memwrap.tui.sidebar import ProjectList

        app = pilot.app
        pl = app.query_one(ProjectList)
        pl.highlighted = next(i for i in range(pl.option_count) if pl.get_option_at_index(i).id == AUTH)
        await until(pilot, lambda: app.project == AUTH)
        await pilot.press("2")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = str(app.query_one("#preview-body").render())
        assert '<memwrap-memory project="auth-service"' in body
        assert "/ 300 tokens" in body
        assert "JWT with refresh tokens" in body

    drive(make_app(store, budget=300), flow)


def test_cleanups_find_dead_end_and_apply_it(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        app = pilot.app
        await pilot.press("3")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        from memwrap.tui.cleanups import CleanupList

        cl = app.query_one(CleanupList)
        dead = [i for i, s in enumerate(cl.suggestions) if s.kind == "dead-end"]
        assert dead, cl.suggestions
        dead_fact = store.get(cl.suggestions[dead[0]].fact_ids[0])
        assert dead_fact.text == "Use Redis sessions for login state"
        cl.highlighted = dead[0]
        await pilot.press("enter")
        await pilot.pause()
        assert store.get(dead_fact.id).kind == "FAILED"

    drive(make_app(store), flow)


def test_usable_at_80x24(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        from memwrap.tui.fact_list import FactList

        app = pilot.app
        fl = app.query_one(FactList)
        assert fl.size.height >= 6 and fl.size.width >= 50
        assert app.query_one("#detail").size.height >= 5
        await pilot.click(FactList, offset=(5, 3))  # mouse: third row
        await pilot.pause()
        assert fl.cursor == 2

    drive(make_app(store), flow, size=(80, 24))


def test_tui_command_does_not_import_textual_until_run(clean_env: dict[str, str]) -> None:
    code = "import sys, memwrap.cli, memwrap.commands.tui; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], env=clean_env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_tui_without_a_terminal_says_so(memwrap_cmd: list[str], clean_env: dict[str, str]) -> None:
    out = subprocess.run([*memwrap_cmd, "tui"], env=clean_env, capture_output=True, text=True,
                         stdin=subprocess.DEVNULL, timeout=60)
    assert out.returncode == 2
    assert "needs a terminal" in out.stderr and "Traceback" not in out.stderr


def test_pruned_view_lists_pruned_facts_and_d_restores(store: Any) -> None:
    store.set_status(by_text(store, "webpack build cache").id, "pruned")

    async def flow(pilot: Any) -> None:
        from textual.widgets import Select

        app = pilot.app
        await until(pilot, lambda: len(shown(app)) == 8)
        app.query_one("#status-filter", Select).value = "pruned"
        await until(pilot, lambda: len(shown(app)) == 1)
        assert shown(app) == ["webpack build cache in node_modules/.cache speeds CI"]
        await pilot.press("d")
        await pilot.pause()
        assert by_text(store, "webpack build cache").status == "active"
        assert shown(app) == []

    drive(make_app(store), flow)


def test_cleanup_go_to_shows_the_fact_in_the_table(store: Any) -> None:
    async def flow(pilot: Any) -> None:
        from memwrap.tui.cleanups import CleanupList
        from memwrap.tui.fact_list import FactList

        app = pilot.app
        await pilot.press("3")
        await pilot.pause()
        await app.workers.wait_for_complete()
        cl = app.query_one(CleanupList)
        await until(pilot, lambda: bool(getattr(cl, "suggestions", None)))
        cl.highlighted = 0
        target = cl.suggestions[0].fact_ids[0]
        await pilot.press("g")
        await until(pilot, lambda: app.query_one(FactList).current is not None
                    and app.query_one(FactList).current.id == target)
        assert app.query_one(FactList).current.id == target
        assert app.focused is app.query_one(FactList)

    drive(make_app(store), flow)


def test_empty_store_says_how_memory_arrives(memwrap_home: Path) -> None:
    async def flow(pilot: Any) -> None:
        from memwrap.tui.fact_list import FactList

        fl = pilot.app.query_one(FactList)
        assert fl.facts == []
        assert "memwrap remember" in "".join(seg.text for seg in fl.render_line(1))

    with Store.open() as s:
        drive(make_app(s), flow, size=(80, 24))


def test_detail_shows_the_transcript_turn_when_source_has_only_a_turn(store: Any, memwrap_home: Path) -> None:
    session_file = memwrap_home / "s2.json"
    session_file.write_text(json.dumps({"id": "s2", "project": "auth-service", "turns": [
        {"role": "user", "text": "should we keep redis for sessions?"},
        {"role": "assistant", "text": "No: the ALB has no sticky sessions, token sk-live-abcdef0123456789abcdef01 aside."},
        {"role": "user", "text": "ok, drop it"},
        {"role": "assistant", "text": "much later unrelated turn"},
    ]}))
    store.add_session({"id": "s2", "project": AUTH, "start": NOW, "native_transcript": str(session_file)})
    fact = store.get(by_text(store, "Redis-backed sessions").id)
    fact.source = {"session": "s2", "turn": 1}
    store.update(fact)

    async def flow(pilot: Any) -> None:
        app = pilot.app
        await until(pilot, lambda: any(t.startswith("Redis-backed") for t in shown(app)))
        cursor_to(app, "Redis-backed sessions")
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = str(app.query_one("#detail-body").render())
        assert "user: should we keep redis for sessions?" in body
        assert "▶ assistant: No: the ALB has no sticky sessions" in body
        assert "sk-live-abcdef0123456789abcdef01" not in body  # redacted on the way to the screen
        assert "much later unrelated turn" not in body

    drive(make_app(store), flow)
