"""How `memwrap tui` looks: SVG snapshots at 80x24 (the smallest supported) and 120x36.

Regenerate after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update`
and look at the SVGs before committing them."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.test_tui import AUTH, NOW, make_app, store  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed clock and time zone: ages and dates in the snapshots never drift."""
    from memwrap.tui import model

    monkeypatch.setattr(model, "clock", lambda: NOW)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


async def settle(pilot: Any) -> None:
    """Let the detail timer fire and background workers (recording excerpt, preview,
    clean-ups) finish before the shot."""
    await pilot.pause(0.15)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def keys(*pressed: str) -> Any:
    async def run(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press(*pressed)
        await settle(pilot)

    return run


async def _choose_auth(pilot: Any) -> None:
    from memwrap.tui.sidebar import ProjectList

    await settle(pilot)  # the first load runs in a thread
    pl = pilot.app.query_one(ProjectList)
    pl.highlighted = next(i for i in range(pl.option_count) if pl.get_option_at_index(i).id == AUTH)
    await settle(pilot)


def test_facts_80x24(store: Any, snap_compare: Any) -> None:
    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=_choose_auth)


def test_facts_120x36(store: Any, snap_compare: Any) -> None:
    assert snap_compare(make_app(store), terminal_size=(120, 36), run_before=_choose_auth)


def test_search_and_marks_80x24(store: Any, snap_compare: Any) -> None:
    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=keys("slash", *"refresh", "escape", "space"))


def test_preview_80x24(store: Any, snap_compare: Any) -> None:
    async def before(pilot: Any) -> None:
        await _choose_auth(pilot)
        await keys("2")(pilot)

    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=before)


def test_cleanups_120x36(store: Any, snap_compare: Any) -> None:
    assert snap_compare(make_app(store), terminal_size=(120, 36), run_before=keys("3"))


def test_edit_dialog_80x24(store: Any, snap_compare: Any) -> None:
    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=keys("e"))
