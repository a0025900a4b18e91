"""`memwrap tui`: browse, search, edit, prune and pin facts; preview the next memory block.

The app reads everything once into memory (10k facts load in well under a second) and
filters there, so search-as-you-type never touches the database. It polls
`store.generation()` once a second and reloads only when another process wrote, so a
session ending elsewhere shows up without a restart. Slow things (reading a recording,
building the preview block, finding clean-ups) run in worker threads.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, OptionList, Select, TabbedContent, TabPane

from memwrap.errors import MemwrapError
from memwrap.facts import KINDS, Fact
from memwrap.project import Project
from memwrap.tui.cleanups import CleanupList
from memwrap.tui.detail import CountsBar, DetailPane
from memwrap.tui.editor import Editor
from memwrap.tui.excerpt import around
from memwrap.tui.fact_list import FactList
from memwrap.tui import model
from memwrap.tui.modals import ChooseKeeper, EditFact
from memwrap.tui.model import (ALL_PROJECTS, GLOBAL, SCOPE_FILTERS, STATUS_FILTERS, FactFilter, FactView,
                               apply_filter)
from memwrap.tui.preview import PreviewPane, describe_block
from memwrap.tui.sidebar import ProjectList
from memwrap.tui.suggest import Suggestion, suggest

POLL_SECONDS = 1.0
DETAIL_DELAY = 0.06  # seconds the cursor must rest before the detail pane redraws


def _as_dict(record: Any) -> dict[str, Any]:
    """Session records may be dicts or dataclass-like objects."""
    if record is None:
        return {}
    if isinstance(record, dict):
        return record
    return dict(getattr(record, "__dict__", {}))


class MemwrapApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere still find it
    TITLE = "memwrap"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("d,delete", "prune", "Prune"),
        Binding("u", "undo", "Undo"),
        Binding("p", "pin", "Pin"),
        Binding("e", "edit", "Edit"),
        Binding("m", "merge", "Merge"),
        Binding("f", "failed", "FAILED"),
        Binding("x", "supersede", "Supersede", show=False),
        Binding("1", "tab('facts')", "Facts", show=False),
        Binding("2", "tab('preview')", "Next", show=False),
        Binding("3", "tab('cleanups')", "Clean-ups", show=False),
        Binding("question_mark", "keys", "Keys"),
        Binding("escape", "back", "Back", show=False),
        Binding("left", "focus_projects", "Projects", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, store: Any, *, project: str | None = None, budget: int = 800,
                 poll: float = POLL_SECONDS) -> None:
        super().__init__()
        self.store = store
        self.editor = Editor(store)
        self.budget = budget
        self.poll = poll
        self.project = project or ALL_PROJECTS
        self.facts: list[Fact] = []
        self.by_id: dict[str, Fact] = {}
        self.projects: list[dict[str, Any]] = []
        self.generation: Any = None
        self.view = FactView([])
        self._recordings: dict[str, list[str] | str] = {}
        self.ready_at: float | None = None  # when the first load finished (benchmark)
        self._detail_timer: Timer | None = None

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield ProjectList(id="projects")
            with TabbedContent(id="tabs", initial="facts"):
                with TabPane("Facts", id="facts"):
                    with Horizontal(id="filters"):
                        yield Input(placeholder="/ search", id="search", compact=True)
                        yield Select([(k.lower(), k) for k in KINDS], prompt="any kind", id="kind-filter",
                                     compact=True)
                        yield Select([(s, s) for s in STATUS_FILTERS], value="live", allow_blank=False,
                                     id="status-filter", compact=True)
                        yield Select([(f"{s} scope" if s == "all" else s, s) for s in SCOPE_FILTERS],
                                     value="all", allow_blank=False, id="scope-filter", compact=True)
                    yield FactList(id="fact-list")
                    yield CountsBar(id="counts")
                    yield DetailPane(id="detail")
                with TabPane("Next session", id="preview"):
                    yield PreviewPane(id="preview-pane")
                with TabPane("Clean-ups", id="cleanups"):
                    with Vertical():
                        yield Label("Looking for duplicates, dead ends and stale facts…", id="cleanup-summary")
                        yield CleanupList(id="cleanup-list")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(FactList).focus()
        self.query_one(CountsBar).text = "loading…"
        self._loading = True
        self.call_after_refresh(self._first_load)
        self.set_interval(self.poll, self.check_for_changes)

    def _first_load(self) -> None:
        """Right after the first frame, on the UI thread: nothing is usable before the facts
        arrive, and a worker thread would fight the event loop for the GIL (measured ~1.5x
        slower to ready). Later reloads run in a worker so browsing never stalls."""
        try:
            loaded = self._read_all()
        except MemwrapError as exc:
            self._load_failed(str(exc))
            return
        self._loaded(*loaded)

    def _read_all(self) -> tuple[Any, list[Fact], list[dict[str, Any]], FactView]:
        generation = self.store.generation()  # first: a write after this triggers another load
        facts = list(self.store.facts())
        return generation, facts, list(self.store.projects()), FactView(facts)

    # -- data -------------------------------------------------------------------------------
    def _guarded(self, fn: Any, *args: Any) -> None:
        """Run a late callback unless the app is already tearing its widgets down."""
        try:
            fn(*args)
        except NoMatches:
            pass

    def _deliver(self, fn: Any, *args: Any) -> None:
        """From a worker thread: run `fn` on the UI thread, if the app is still there."""
        if self.is_running:
            try:
                self.call_from_thread(self._guarded, fn, *args)
            except RuntimeError:  # the event loop closed while the worker ran
                pass

    @work(thread=True, exclusive=True, group="load")
    def load_all(self) -> None:
        """Reload off the UI thread after another process wrote (10k facts take a few hundred
        ms to decode)."""
        try:
            loaded = self._read_all()  # sorting and search haystacks too, off the UI thread
        except MemwrapError as exc:
            self._deliver(self._load_failed, str(exc))
            return
        self._deliver(self._loaded, *loaded)

    def _load_failed(self, message: str) -> None:
        self._loading = False
        self.notify(message, severity="error", timeout=8)

    def _loaded(self, generation: Any, facts: list[Fact], projects: list[dict[str, Any]], view: FactView) -> None:
        self._loading = False
        self.generation = generation
        self.facts, self.projects, self.view = facts, projects, view
        self.by_id = {f.id: f for f in facts}
        self._recordings.clear()
        self._redraw()
        if self.ready_at is None:
            self.ready_at = time.perf_counter()

    def _redraw(self) -> None:
        live = Counter(f.project for f in self.facts if f.live)
        self.query_one(ProjectList).show(self.projects, live, self.project)
        self.refilter()
        self.refresh_side_tabs()

    def refresh_facts(self, ids: list[str]) -> None:
        """After our own change: re-read just the facts it touched (a merged-away id now
        resolves to the fact it went into, so it is dropped from the list)."""
        for fid in ids:
            try:
                fact = self.store.get(fid)
            except MemwrapError:
                fact = None
            if fact is not None and fact.id == fid:
                self.by_id[fid] = fact
            else:
                self.by_id.pop(fid, None)
            self._recordings.pop(fid, None)
        self.facts = list(self.by_id.values())
        self.view = FactView(self.facts)
        self._redraw()

    def check_for_changes(self) -> None:
        if self._loading:
            return
        try:
            generation = self.store.generation()
        except MemwrapError as exc:
            self.notify(str(exc), severity="error", timeout=5)
            return
        if generation != self.generation:
            self._loading = True
            self.load_all()

    def current_filter(self) -> FactFilter:
        kind = self.query_one("#kind-filter", Select).value
        return FactFilter(
            project=self.project,
            kind=kind if isinstance(kind, str) else "",
            status=str(self.query_one("#status-filter", Select).value),
            scope=str(self.query_one("#scope-filter", Select).value),
            query=self.query_one("#search", Input).value,
        )

    def refilter(self) -> None:
        fact_list = self.query_one(FactList)
        keep = fact_list.current.id if fact_list.current else None
        shown = self.view.apply(self.current_filter())
        fact_list.empty_message = (
            "No facts match: clear the search or the filters." if self.facts else
            "No memory yet. Add some: memwrap remember TEXT"
        )
        fact_list.set_facts(shown, keep_id=keep)
        self.update_counts()

    def update_counts(self) -> None:
        fact_list = self.query_one(FactList)
        text = f"{len(fact_list.facts)} of {len(self.facts)} facts"
        if fact_list.marked:
            text += f" · {len(fact_list.marked)} marked (esc clears)"
        self.query_one(CountsBar).text = text

    def selected_project(self) -> Project | None:
        if self.project in (ALL_PROJECTS, GLOBAL):
            return None
        entry = next((p for p in self.projects if p.get("key") == self.project), {})
        return Project(key=self.project, name=str(entry.get("name") or Path(self.project).name), root=Path(self.project))

    # -- reactions --------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    @on(Select.Changed, "#kind-filter")
    @on(Select.Changed, "#status-filter")
    @on(Select.Changed, "#scope-filter")
    def _filters_changed(self) -> None:
        if self.facts or self.generation is not None:
            self.refilter()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(FactList).focus()

    @on(OptionList.OptionHighlighted, "#projects")
    def _project_chosen(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.project:
            self.project = event.option.id
            self.refilter()
            self.refresh_side_tabs()

    @on(OptionList.OptionSelected, "#projects")
    def _project_entered(self) -> None:
        self.action_tab(self.query_one(TabbedContent).active)

    @on(FactList.Highlighted)
    def _fact_highlighted(self, event: FactList.Highlighted) -> None:
        """Show the detail once the cursor rests: scrolling or typing stays light."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, lambda: self._guarded(self.show_detail, event.fact))

    def show_detail(self, fact: Fact | None) -> None:
        self._detail_timer = None
        detail = self.query_one(DetailPane)
        if fact is None:
            detail.show(None)
            return
        session = self._session_of(fact)
        cached = self._recordings.get(fact.id)
        detail.show(fact, session, cached)
        if cached is None:
            self.load_recording(fact, session)

    @on(FactList.MarksChanged)
    def _marks_changed(self) -> None:
        self.update_counts()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_side_tabs()

    def _session_of(self, fact: Fact) -> dict[str, Any] | None:
        sid = (fact.source or {}).get("session")
        if not sid:
            return None
        try:
            return _as_dict(self.store.get_session(sid))
        except MemwrapError:
            return None

    # -- background work --------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="recording")
    def load_recording(self, fact: Fact, session: dict[str, Any] | None) -> None:
        if not session:
            result: list[str] | str = "no session recorded for this fact"
        else:
            try:
                result = around(session, fact.source or {})
            except MemwrapError as exc:
                result = str(exc)
        self._deliver(self._recording_loaded, fact.id, result)

    def _recording_loaded(self, fact_id: str, result: list[str] | str) -> None:
        self._recordings[fact_id] = result
        current = self.query_one(FactList).current
        if current is not None and current.id == fact_id and self._detail_timer is None:
            self.query_one(DetailPane).show(current, self._session_of(current), result)

    def refresh_side_tabs(self) -> None:
        active = self.query_one(TabbedContent).active
        if active == "preview":
            self.build_preview(self.selected_project())
        elif active == "cleanups":
            self.find_cleanups(self.facts, self.current_filter())

    @work(thread=True, exclusive=True, group="preview")
    def build_preview(self, project: Project | None) -> None:
        if project is None:
            content: Text | str = "Select a project on the left to see the memory block its next session gets."
        else:
            from memwrap.select import build_block  # git and ranking: only when this tab is open

            try:
                block = build_block(self.store, project, budget=self.budget)
                content = describe_block(block, project.name)
            except MemwrapError as exc:
                content = f"Cannot build the block: {exc}"
        self._deliver(lambda: self.query_one(PreviewPane).show(content))

    @work(thread=True, exclusive=True, group="cleanups")
    def find_cleanups(self, facts: list[Fact], flt: FactFilter) -> None:
        place = FactFilter(project=flt.project, status="all", scope=flt.scope)
        found = suggest(apply_filter(facts, place), now=model.clock())
        self._deliver(self._cleanups_found, found)

    def _cleanups_found(self, found: list[Suggestion]) -> None:
        counts = {k: sum(1 for s in found if s.kind == k) for k in ("duplicate", "dead-end", "stale")}
        summary = (f"{counts['duplicate']} possible duplicates, {counts['dead-end']} possible dead ends, "
                   f"{counts['stale']} stale · enter applies · u undoes")
        self.query_one("#cleanup-summary", Label).update(summary if found else "Nothing to clean up.")
        self.query_one(CleanupList).show(found, self.by_id)

    @on(OptionList.OptionSelected, "#cleanup-list")
    def _apply_cleanup(self) -> None:
        s = self.query_one(CleanupList).current
        if s is None:
            return
        facts = [self.by_id[i] for i in s.fact_ids if i in self.by_id]
        if not facts:
            return
        if s.action == "merge" and len(facts) == 2:
            self._act(lambda: self.editor.merge(facts[0].id, facts[1].id))
        elif s.action == "prune":
            self._act(lambda: self.editor.set_status(facts[:1], "pruned", "pruned"))
        elif s.action == "mark-failed":
            self._act(lambda: self.editor.mark_failed(facts[:1]))

    # -- actions ----------------------------------------------------------------------------
    def _act(self, change: Any, undo: bool = False) -> None:
        """Run one editor action, report it, and redraw what it touched."""
        before, writes = self.store.generation(), self.editor.writes
        try:
            label = change()
        except (MemwrapError, ValueError) as exc:
            self.notify(str(exc), severity="error", timeout=5)
            label = None
        if self.generation == before and self.store.generation() == before + self.editor.writes - writes:
            self.generation = self.store.generation()  # only our writes: no full reload needed
        self.refresh_facts(self.editor.touched)
        self.editor.touched = []
        if undo:
            self.notify(f"undid: {label}" if label else "nothing to undo", timeout=3)
        elif label:
            self.query_one(FactList).clear_marks()
            self.notify(f"{label} · u to undo", timeout=3)

    def _targets(self) -> list[Fact]:
        if self.query_one(TabbedContent).active != "facts":
            self.notify("Switch to the Facts tab (1) to act on facts.", severity="warning")
            return []
        targets = self.query_one(FactList).targets()
        if not targets:
            self.notify("No fact here.", severity="warning")
        return targets

    def action_search(self) -> None:
        self.query_one(TabbedContent).active = "facts"
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        fact_list = self.query_one(FactList)
        if self.focused is not fact_list and self.query_one(TabbedContent).active == "facts":
            fact_list.focus()
        elif fact_list.marked:
            fact_list.clear_marks()
            fact_list.refresh()

    def _on_targets(self, change: Any) -> None:
        if targets := self._targets():
            self._act(lambda: change(targets))

    def action_prune(self) -> None:
        self._on_targets(self.editor.prune_or_restore)

    def action_pin(self) -> None:
        self._on_targets(self.editor.toggle_pin)

    def action_failed(self) -> None:
        self._on_targets(self.editor.mark_failed)

    def action_supersede(self) -> None:
        self._on_targets(self.editor.supersede)

    def action_undo(self) -> None:
        self._act(self.editor.undo, undo=True)

    def action_edit(self) -> None:
        targets = self._targets()
        if len(targets) != 1:
            if targets:
                self.notify("Edit one fact at a time (esc clears the marks).", severity="warning")
            return
        fact = targets[0]

        def done(result: tuple[str, str] | None) -> None:
            if result is not None:
                self._act(lambda: self.editor.edit(fact, *result))

        self.push_screen(EditFact(fact), done)

    def action_merge(self) -> None:
        targets = self._targets()
        if len(targets) != 2:
            if targets:
                self.notify("Mark exactly two facts (space) to merge them.", severity="warning")
            return

        def done(result: tuple[str, str] | None) -> None:
            if result is not None:
                self._act(lambda: self.editor.merge(*result))

        self.push_screen(ChooseKeeper(*targets), done)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "facts":
            self.query_one(FactList).focus()
        elif tab == "cleanups":
            self.query_one(CleanupList).focus()
        else:
            self.query_one(PreviewPane).focus()

    def action_goto_suggestion(self) -> None:
        s = self.query_one(CleanupList).current
        if s is not None and s.fact_ids[0] in self.by_id:
            self.goto_fact(s.fact_ids[0])

    def goto_fact(self, fact_id: str) -> None:
        """Show one fact in the Facts tab: clear the search and the status filter so it is listed."""
        self.query_one("#search", Input).value = ""
        self.query_one("#kind-filter", Select).clear()
        self.query_one("#status-filter", Select).value = "all"
        self.query_one("#scope-filter", Select).value = "all"
        self.refilter()
        fact_list = self.query_one(FactList)
        fact_list.cursor = next((i for i, f in enumerate(fact_list.facts) if f.id == fact_id), fact_list.cursor)
        self.action_tab("facts")

    def action_focus_projects(self) -> None:
        self.query_one(ProjectList).focus()

    def action_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()
