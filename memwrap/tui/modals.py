"""Modal dialogs: edit a fact's text and kind; choose which of two facts a merge keeps."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from memwrap.facts import KINDS, Fact, clean_text


class EditFact(ModalScreen[tuple[str, str] | None]):
    """Returns (text, kind), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, fact: Fact) -> None:
        super().__init__()
        self.fact = fact

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Edit fact {self.fact.id}", classes="dialog-title")
            yield Select([(k, k) for k in KINDS], value=self.fact.kind, allow_blank=False, id="edit-kind")
            yield Input(self.fact.text, id="edit-text", placeholder="one line, what the next session should know")
            yield Label("", id="edit-error", classes="dialog-error")
            yield Label("enter saves · esc cancels · tab moves between fields", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#edit-text", Input).focus()

    def _save(self) -> None:
        text = clean_text(self.query_one("#edit-text", Input).value)
        if not text:
            self.query_one("#edit-error", Label).update("A fact needs some text.")
            return
        self.dismiss((text, str(self.query_one("#edit-kind", Select).value)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChooseKeeper(ModalScreen[tuple[str, str] | None]):
    """Merge two facts: returns (keep_id, drop_id), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("1", "keep(0)", "Keep 1"),
                Binding("2", "keep(1)", "Keep 2")]

    def __init__(self, a: Fact, b: Fact) -> None:
        super().__init__()
        self.pair = (a, b)

    def compose(self) -> ComposeResult:
        a, b = self.pair
        with Vertical(classes="dialog"):
            yield Label("Merge two facts: which one stays? (the other folds into it)", classes="dialog-title")
            yield Label(f"1  {a.line()}", classes="merge-choice")
            yield Label(f"2  {b.line()}", classes="merge-choice")
            yield Label("press 1 or 2 to choose · esc cancels · u undoes a merge afterwards", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep 1", variant="primary", id="keep-0")
                yield Button("Keep 2", variant="primary", id="keep-1")
                yield Button("Cancel", id="cancel")

    def action_keep(self, index: int) -> None:
        keep, drop = self.pair if index == 0 else self.pair[::-1]
        self.dismiss((keep.id, drop.id))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self.action_keep(int(str(event.button.id)[-1]))

    def action_cancel(self) -> None:
        self.dismiss(None)
