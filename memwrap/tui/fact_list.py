"""The facts table: a Line-API widget that renders only the rows on screen.

A DataTable measures every cell of every row when rows are added, which makes a 10k-fact
store slow to open and search-as-you-type sluggish. Here filtering hands over a list and
rendering costs one line per visible row; the text column takes whatever width is left.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from memwrap.facts import Fact
from memwrap.tui import model
from memwrap.tui.model import age

KIND_STYLES: dict[str, Style] = {
    "PROJECT": Style(color="cyan"),
    "DECISION": Style(color="green"),
    "PATTERN": Style(color="blue"),
    "BUG_FIX": Style(color="yellow"),
    "PREFERENCE": Style(color="magenta"),
    "FAILED": Style(color="red"),
    "TODO": Style(color="white"),
}
SHORT_STATUS = {"active": "active", "pinned": "pinned", "pruned": "pruned", "superseded": "supers"}
WIDE = 88  # list width (a 120-column terminal) from which files and full status words show


@lru_cache(maxsize=8)
def columns(width: int) -> list[tuple[str, str, int]]:
    """(key, title, width) per column for a given widget width; "text" takes the rest."""
    cols = [("mark", "", 1), ("kind", "kind", 10), ("text", "text", 0)]
    if width >= WIDE:
        cols.append(("files", "files", min(28, width // 6)))
    cols += [("age", "age", 4), ("status", "status", 10 if width >= WIDE else 6), ("inj", "inj", 3)]
    fixed = sum(w for _, _, w in cols) + len(cols) - 1  # one space between columns
    return [(k, t, w or max(10, width - fixed)) for k, t, w in cols]


def cell(fact: Fact, key: str, marked: bool, now: float, wide: bool) -> str:
    if key == "mark":
        return "●" if marked else " "
    if key == "kind":
        return fact.kind
    if key == "text":
        return fact.text
    if key == "files":
        return ", ".join(fact.files)
    if key == "age":
        return age(fact.created_at, now).rjust(4)
    if key == "status":
        return fact.status if wide else SHORT_STATUS.get(fact.status, fact.status)
    if key == "inj":
        return str(fact.injected_count).rjust(3)
    return ""


class FactList(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrollable list of facts with a cursor and a set of marked (selected) facts."""

    COMPONENT_CLASSES = {"fact-list--header", "fact-list--cursor", "fact-list--marked", "fact-list--dim"}
    DEFAULT_CSS = """
    FactList { background: $surface; }
    FactList > .fact-list--header { text-style: bold; background: $panel; }
    FactList > .fact-list--cursor { background: $accent 40%; }
    FactList:focus > .fact-list--cursor { background: $accent; }
    FactList > .fact-list--marked { text-style: bold; color: $warning; }
    FactList > .fact-list--dim { color: $text-muted; }
    """
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("space", "toggle_mark", "Mark"),
        Binding("left", "app.focus_projects", "Projects", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The fact under the cursor changed (None when the list is empty)."""

        def __init__(self, fact: Fact | None) -> None:
            super().__init__()
            self.fact = fact

    class MarksChanged(Message):
        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facts: list[Fact] = []
        self.marked: set[str] = set()
        self._now = model.clock()
        self._last_sent: tuple[str, float] | None = None
        self._styles: dict[str, Style] = {}  # component styles, cleared when CSS or focus changes
        self.empty_message = ""  # shown when there are no rows

    # -- data -------------------------------------------------------------------------------
    def set_facts(self, facts: list[Fact], keep_id: str | None = None) -> None:
        """Replace the rows, keeping the cursor on `keep_id` (or the same position)."""
        self.facts = facts
        self._now = model.clock()
        ids = {f.id for f in facts}
        self.marked &= ids
        pos = self.cursor
        if keep_id is not None:
            pos = next((i for i, f in enumerate(facts) if f.id == keep_id), pos)
        self.virtual_size = Size(self.size.width, len(facts) + 1)
        self.cursor = max(0, min(pos, len(facts) - 1))
        self.refresh()

    @property
    def current(self) -> Fact | None:
        return self.facts[self.cursor] if 0 <= self.cursor < len(self.facts) else None

    def targets(self) -> list[Fact]:
        """Marked facts in list order, else the one under the cursor."""
        if self.marked:
            return [f for f in self.facts if f.id in self.marked]
        return [self.current] if self.current else []

    def clear_marks(self) -> None:
        self.marked.clear()
        self.post_message(self.MarksChanged(0))
        self.refresh()

    # -- cursor -----------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.facts) - 1)) if self.facts else 0

    def watch_cursor(self, value: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        fact = self.current
        key = (fact.id, fact.updated_at) if fact else None
        if key != self._last_sent:  # a refresh that changes nothing under the cursor is quiet
            self._last_sent = key
            self.post_message(self.Highlighted(fact))

    def _rows_visible(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = int(self.scroll_y)
        visible = self._rows_visible()
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * self._rows_visible()

    def action_edge(self, end: int) -> None:
        self.cursor = len(self.facts) - 1 if end else 0

    def action_toggle_mark(self) -> None:
        fact = self.current
        if fact is None:
            return
        self.marked.symmetric_difference_update({fact.id})
        self.post_message(self.MarksChanged(len(self.marked)))
        self.cursor += 1  # like a file manager: mark and move on

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        self.cursor = int(self.scroll_y) + offset.y - 1
        if event.chain == 2:  # double click marks, as space does
            self.action_toggle_mark()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.facts) + 1)
        self._scroll_to_cursor()

    # -- rendering --------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def on_focus(self) -> None:
        self._styles.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._styles.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.rich_style if name == "base" else self.get_component_rich_style(name)
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._style("base")
        if y == 0:
            style = base + self._style("fact-list--header")
            head = " ".join(set_cell_size(title, w) for _, title, w in columns(width))
            return Strip([Segment(set_cell_size(head, width), style)])
        index = int(self.scroll_y) + y - 1
        if index >= len(self.facts):
            if y == 1 and not self.facts and self.empty_message:
                style = base + self._style("fact-list--dim")
                return Strip([Segment(set_cell_size(" " + self.empty_message, width), style)])
            return Strip.blank(width, base)
        fact = self.facts[index]
        marked = fact.id in self.marked
        row = base
        if index == self.cursor:
            row += self._style("fact-list--cursor")
        if marked:
            row += self._style("fact-list--marked")
        if not fact.live:
            row += self._style("fact-list--dim")
        wide = width >= WIDE
        segments = []
        for i, (key, _, w) in enumerate(columns(width)):
            if i:
                segments.append(Segment(" ", row))
            style = row + KIND_STYLES[fact.kind] if key == "kind" and index != self.cursor else row
            segments.append(Segment(set_cell_size(cell(fact, key, marked, self._now, wide), w), style))
        return Strip(segments).adjust_cell_length(width, row)
