"""Two options measured side by side, then one turned down: the loser is a dead end with its numbers."""

from __future__ import annotations

from memwrap.classify import extract_candidates
from memwrap.distill import shortlist
from memwrap.turns import Turn
from tests.talk import U, A


def _failed(turns: list[Turn]) -> list[str]:
    """The dead ends memory keeps (after duplicates merge)."""
    return [c.text for c in shortlist(extract_candidates(turns, project="gallery"), turns) if c.kind == "FAILED"]


def test_a_loser_named_by_the_verdict_after_a_list_of_numbers() -> None:
    turns = [
        U("image builds take forever, can you compare sharp and jimp for the thumbnailer"),
        A("Running both over the 400 sample photos, three runs each."),
        Turn(role="tool", name="Bash", input="node bench.js", text="sharp 3.1s 3.0s 3.2s\njimp 41.8s 40.9s 42.3s"),
        A("Results:\n- jimp: 40.9s–42.3s for 400 photos, pure JS resize\n- sharp: 3.0s–3.2s with libvips\n\n"
          "I'd drop jimp and keep sharp for the thumbnailer."),
        U("yes do it"),
    ]
    failed = _failed(turns)
    assert any(t.startswith("jimp: dropped") and "40.9s" in t for t in failed), failed
    assert not any(t.startswith("sharp") for t in failed), failed


def test_a_verdict_that_points_back_names_the_measured_subject() -> None:
    turns = [
        U("would webp-hero make the thumbnails smaller for old safari?"),
        A("I'll try webp-hero on the gallery page and measure."),
        A("webp-hero is 2.4x slower to first paint (1.9 s vs 0.8 s) because it decodes every image in JS. "
          "Not worth it, so I'm dropping it and serving the JPEG fallback instead."),
    ]
    failed = _failed(turns)
    assert any(t.startswith("webp-hero: dropped") and "1.9 s vs 0.8 s" in t for t in failed), failed


def test_the_user_turning_the_measured_option_down_makes_it_a_dead_end() -> None:
    turns = [
        U("try the AVIF encoder for the originals"),
        A("Sure, encoding the originals with AVIF now."),
        A("AVIF comes out 38% smaller than JPEG (212 KB vs 342 KB per photo) but encoding takes 4.8 s per photo "
          "instead of 0.3 s. Want me to switch the upload pipeline to it?"),
        U("nah. uploads already feel slow, 5 s per photo would kill it. jpeg stays"),
    ]
    failed = _failed(turns)
    assert any(t.startswith("AVIF:") and "212 KB vs 342 KB" in t for t in failed), failed


def test_a_comparison_the_session_then_adopts_is_no_dead_end() -> None:
    turns = [
        U("can we make the gallery query faster?"),
        A("I'll try a covering_index on (album_id, taken_at) and measure."),
        A("covering_index gets the page query from 480 ms to 35 ms, 13x faster. Keeping covering_index; "
          "committing the migration."),
        U("great"),
    ]
    assert not any("covering_index" in t for t in _failed(turns)), _failed(turns)


def test_numbers_without_a_verdict_leave_no_dead_end() -> None:
    turns = [
        U("how big is the upload queue now?"),
        A("The queue_worker handles 41 jobs/s vs 12 jobs/s last month, mostly from the batching change."),
        U("ok thanks. next: add alt text to the gallery images"),
    ]
    assert not any("queue_worker" in t for t in _failed(turns)), _failed(turns)


def test_a_dead_end_told_without_numbers_gets_them() -> None:
    turns = [
        U("try streaming the zip export with archiver"),
        A("Trying archiver for the export stream."),
        A("archiver with store-only mode: 96 s for the 2 GB album vs 31 s for the current zip-stream writer. "
          "Too slow. Dropping archiver."),
    ]
    failed = [t for t in _failed(turns) if "archiver" in t.lower()]
    assert len(failed) == 1 and "96 s" in failed[0], failed


def test_a_labelled_measurement_the_turn_then_turns_down_is_a_dead_end_with_its_numbers() -> None:
    turns = [
        U("too many thumbnails alerts at night, can we batch them?"),
        A("Replaying last week with batch_window 30m."),
        Turn(role="tool", name="Bash", input="python replay.py --batch-window 30m",
             text="alerts created: 640\nmedian time-to-page: 14m02s"),
        A("batch_window 30m: 1,212 -> 640 alerts, but the median time-to-page goes from 41s to **14 minutes**. "
          "That isn't acceptable for the storage pages. Leaving it at 5m."),
        U("agreed"),
    ]
    failed = _failed(turns)
    assert any(t.startswith("batch_window 30m: dropped") and "41s to 14 minutes" in t and "**" not in t
               for t in failed), failed


def test_a_labelled_measurement_that_is_kept_is_no_dead_end() -> None:
    turns = [
        U("can we cut the number of thumbnail alerts?"),
        Turn(role="tool", name="Bash", input="python replay.py --alias host", text="alerts created: 701"),
        A("alias per_host: 1,212 -> 701 alerts, time-to-page unchanged at 41s. Shall I apply it?"),
        U("do that one"),
    ]
    assert not any("per_host" in t for t in _failed(turns)), _failed(turns)


def test_the_numbers_two_sentences_before_a_revert_are_the_dead_ends_reason() -> None:
    turns = [
        U("recall looks low, try a bigger candidate pool"),
        A("Let me try pool_size 1000 in the query profile and rerun the eval."),
        Turn(role="tool", name="Bash", input="python eval.py --pool-size 1000", text="nDCG@10 = 0.505\np99 141 ms"),
        A("pool_size 1000: nDCG 0.503 -> 0.505, p99 38 ms -> 141 ms. Recall isn't the bottleneck. Reverting to 100."),
    ]
    failed = _failed(turns)
    assert any("pool_size 1000" in t and "38 ms -> 141 ms" in t for t in failed), failed


def test_a_dead_end_dropped_without_a_reason_takes_the_blocker_the_assistant_reported() -> None:
    turns = [
        A("For the copy, the quick way is pgloader: it reads SQLite directly and creates matching tables."),
        U("try pgloader, it's a one liner. do it on a copy of store.db"),
        Turn(role="tool", name="Bash", input="pgloader sqlite:///tmp/store-copy.db pgsql://localhost/netbird",
             text="ERROR Database error 22P02: invalid input syntax for type json"),
        A("That's the real blocker: the store keeps JSON in SQLite as blobs, pgloader hands them over as hex literals, "
          "and Postgres refuses them as json."),
        U("ugh. ok drop pgloader. let the server create the schema, copy rows with a script. script has the usual dry-run default"),
    ]
    failed = [t for t in _failed(turns) if t.lower().startswith("pgloader")]
    assert failed and "refuses them as json" in failed[0] and "dry-run" not in failed[0], failed
