"""Shortening a sentence to the fact budget keeps what it is recalled by."""

from hypothesis import given, strategies as st

from memwrap.extract.fit import fit


def test_short_text_is_untouched() -> None:
    assert fit("Use renv to lock versions.", 160) == "Use renv to lock versions."


def test_drops_aside_before_cutting() -> None:
    s = "the timestamps are parsed as `LocalDateTime` in the JVM zone (Europe/Berlin on the servers, set years ago)"
    out = fit(s, 70)
    assert "`LocalDateTime`" in out and "Europe/Berlin" not in out and len(out) <= 70


def test_keeps_the_clause_that_names_things_over_filler() -> None:
    s = ("the dashboard calls `daily-totals` with an empty vector, which is honestly something nobody "
         "ever thought about very much, and HoneySQL renders it as `meter_id IN ()`")
    out = fit(s, 120)
    assert "`daily-totals`" in out and "`meter_id IN ()`" in out
    assert "nobody" not in out and len(out) <= 120


def test_a_dropped_clause_takes_its_joiner_along() -> None:
    s = "timestamps are UTC, which everyone on the team has always known about for years, but `parse` reads them as local time"
    out = fit(s, 70)
    assert out.startswith("timestamps are UTC") and "but `parse`" not in out and "`parse`" in out


@given(st.text(min_size=0, max_size=600), st.integers(min_value=10, max_value=200))
def test_never_longer_than_the_limit(text: str, limit: int) -> None:
    assert len(fit(text, limit)) <= limit


def test_a_code_span_is_never_split() -> None:
    s = ("Confirmed: `nvim_create_augroup('QuickFmt', { clear = false })` keeps the existing autocmds in the group, "
         "so each `setup()` call stacks one more, which is what everybody who ever wrote a plugin ran into")
    out = fit(s, 110)
    assert "`nvim_create_augroup('QuickFmt', { clear = false })`" in out and not out.startswith("Confirmed")


def test_a_for_the_record_lead_gives_way_to_the_clauses_that_name_things() -> None:
    said = ("For the record, the client's contract stays as it was: /search with countrycodes=de,at,ch, "
            "addressdetails=1, limit=5, results cached in Redis for 24h keyed by the lowercased query.")
    out = fit(said, 160)
    assert len(out) <= 160 and "countrycodes=de,at,ch" in out and not out.lower().startswith("for the record")
