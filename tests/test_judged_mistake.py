"""An earlier choice someone calls a mistake is a dead end named by what was chosen, with why."""

from __future__ import annotations

from memwrap.classify import extract_candidates
from memwrap.distill import shortlist
from memwrap.turns import Turn
from tests.talk import U, A


def _failed(turns: list[Turn]) -> list[str]:
    return [c.text for c in shortlist(extract_candidates(turns, project="shop"), turns) if c.kind == "FAILED"]


def test_a_long_subject_called_a_mistake_is_named_by_its_technical_name() -> None:
    turns = [
        U("the celery.send_task fire-and-forget call i had you add for invoices in june — that was a mistake. "
          "we restarted the broker on monday and ~80 invoices were never sent."),
        A("Understood. I'll route invoices through the outbox table instead so a restart can't lose them."),
    ]
    failed = _failed(turns)
    assert any("celery.send_task" in t and "a mistake" in t and "80 invoices" in t for t in failed), failed


def test_a_pronoun_points_at_the_choice_told_just_before() -> None:
    turns = [
        U("the export keeps producing wrong totals"),
        A("Found it. Last month we set `rounding_mode=ROUND_DOWN` globally in settings.py. "
          "Setting it for the whole app was a mistake: invoice totals now lose a cent on about 3% of orders. "
          "I've scoped it to the tax report only."),
    ]
    failed = _failed(turns)
    assert any(t.startswith("rounding_mode") and "lose a cent" in t for t in failed), failed


def test_a_judgement_taken_back_or_without_a_choice_is_no_dead_end() -> None:
    turns = [
        U("was the `ScheduledAt` column a mistake?"),
        A("`ScheduledAt` looked like a mistake in the migration, but checking it again, timestamptz is what we want."),
        U("ok. my mistake then, i misread the diff."),
    ]
    assert not any("ScheduledAt" in t for t in _failed(turns)), _failed(turns)


def test_a_choice_called_dumb_or_yolo_is_a_dead_end_with_the_explanation_before() -> None:
    turns = [
        U("p95 jumps to 3s at 150 rps since we moved to virtual threads"),
        A("Thread dumps show every carrier pinned inside `AuditLog.append()` while it waits on the JDBC flush."),
        U("ugh, last sprint i made AuditLog.append() synchronized to fix the ordering race, and with virtual threads "
          "that was probably dumb. can you fix it properly"),
        A("I'll swap the monitor for a ReentrantLock and move the insert outside it."),
    ]
    failed = _failed(turns)
    assert any(t.startswith("AuditLog.append()") and "pinned" in t for t in failed), failed


def test_a_plain_word_the_session_writes_as_a_name_names_the_choice() -> None:
    turns = [
        U("so the nightly exports never ran. ops says Celery beat lost its schedule when the box rebooted."),
        A("Right: the schedule lived in the beat process's local shelve file, and the reboot wiped /tmp."),
        U("honestly running celery beat off a tmp file was a mistake, it needs a persistent scheduler"),
    ]
    failed = _failed(turns)
    assert any("celery" in t.lower() and "a mistake" in t for t in failed), failed
