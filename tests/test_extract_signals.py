"""The general extraction signals (memwrap.extract) on text written for these tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from memwrap.classify import Candidate, extract_candidates
from memwrap.extract import ranker
from memwrap.extract.entities import entities, has_entity
from memwrap.extract.narrated import narrated_failures
from memwrap.turns import Turn


@pytest.fixture
def rules_only() -> Iterator[None]:
    """The rules alone: these tests check what a rule finds, not what the learned ranker adds."""
    ranker.use(ranker.DISABLED)
    yield
    ranker.use(None)


def test_entities_find_technical_names_and_not_chit_chat() -> None:
    found = entities("we moved to `sqlx` after tokio-postgres 0.7, see db/pool.rs and PgPoolOptions")
    assert "sqlx" in found and "tokio-postgres" in found and "PgPoolOptions" in found and "db/pool.rs" in found
    assert not has_entity("thanks a lot, have a nice weekend and see you tomorrow")


def test_broken_english_past_attempt_with_error_is_a_failure() -> None:
    [n] = narrated_failures("yesterday i try redis pubsub for the chat, but it no work: error ECONNRESET every minute. so i stop.")
    assert n.subject == "redis pubsub"
    assert "ECONNRESET" in n.reason


def test_passive_attempt_with_evidence_in_next_sentence() -> None:
    [n] = narrated_failures("pgbouncer was tried in may. breaks prepared statements in asyncpg 0.29. skip it")
    assert n.subject == "pgbouncer" and "breaks" in n.reason


def test_measured_regression_is_failure_evidence() -> None:
    [n] = narrated_failures("We had `cache_size=0` on the reader for two days. p95 went from 80ms to 1400ms, so we put it back.")
    assert "cache_size=0" in n.subject and "80ms to 1400ms" in n.reason


def test_pronoun_attempt_resolves_to_the_sentence_before_and_abandon_gives_the_why() -> None:
    [n] = narrated_failures("Thumbnails come from ImageMagick via Wand today. We tried to run that in Lambda and gave up: "
                            "the layer exceeded 250MB unzipped.")
    assert n.subject.startswith("ImageMagick") and n.reason.startswith("gave up: the layer exceeded 250MB")


def test_no_failure_evidence_or_no_technical_name_gives_nothing() -> None:
    assert narrated_failures("We tried Vitest last month and it is great, keep it.") == []
    assert narrated_failures("I tried calling my aunt yesterday but it did not work out, she was busy.") == []


def test_narrated_failure_becomes_failed_and_its_approach_never_leaks_elsewhere() -> None:
    turns = [Turn(role="user", text="notifications for the bot. last month we try celery beat for this but it not work: "
                                    "duplicate sends after every deploy. use APScheduler in-process please"),
             Turn(role="assistant", text="OK, APScheduler in-process; celery beat is a nice scheduler too.")]
    cands = extract_candidates(turns, project="bot")
    failed = [c for c in cands if c.kind == "FAILED"]
    assert any("celery beat" in c.text and "duplicate sends" in c.text for c in failed)
    assert not any("celery beat" in c.text.lower() for c in cands if c.kind != "FAILED")


def test_stack_from_manifests_version_output_and_prose_pairs() -> None:
    from memwrap.extract.stack import manifest_deps, traceback_packages, version_output, version_pairs
    toml = '[project]\nname = "ledger"\ndependencies = [\n  "litestar>=2.8",\n  "msgspec==0.18.6",\n]\n'
    assert manifest_deps("svc/pyproject.toml", toml) == [("litestar", "2.8"), ("msgspec", "0.18.6")]
    sbt = 'libraryDependencies += "org.typelevel" %% "cats-effect" % "3.5.4"'
    assert manifest_deps("build.sbt", sbt) == [("cats-effect", "3.5.4")]
    csproj = '<PackageReference Include="Dapper" Version="2.1.35" />'
    assert manifest_deps("src/Api/Api.csproj", csproj) == [("Dapper", "2.1.35")]
    from memwrap.extract.stack import described_stack
    assert described_stack("hello. StockRoom (our warehouse inventory app, vb.net winforms on .net 8, sql server) — "
                           "the Items screen freezes") == [("vb.net winforms", ""), (".net", "8"), ("sql server", "")]
    assert described_stack("hi! venue-api — postgraphile v4 as express middleware over pg 15, backend for the app") == [
        ("postgraphile", "4"), ("express", ""), ("pg", "15")]
    assert described_stack("hi. HeatFlowSim.jl — our group's package for 1D/2D heat equation") == []  # what it does
    # an edit's input: the path, then the lines it writes
    edit = "CMakeLists.txt\n+find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base)"
    assert manifest_deps(edit, "Applied edit") == [("wxWidgets", "3.2")]
    assert version_output("terraform --version", "Terraform v1.7.5\non linux_amd64") == [("Terraform", "1.7.5")]
    assert version_pairs("back on the relay: elixir 1.16, bandit 1.4 on debian 12.5. p95 went 40ms to 900ms") == [
        ("elixir", "1.16"), ("bandit", "1.4"), ("debian", "12.5")]
    trace = 'File "/venv/lib/python3.12/site-packages/httpx/_client.py", line 9\nFile "/venv/site-packages/httpx/x.py"'
    assert traceback_packages(trace) == ["httpx"]


def test_project_names_unknown_stack_from_the_users_opening_turn() -> None:
    turns = [Turn(role="user", text="zola 0.18 site with tera templates, deploys via netlify. build breaks on the feed page")]
    [p] = [c for c in extract_candidates(turns, project="blog") if c.kind == "PROJECT"]
    assert "zola 0.18" in p.text


def test_rule_sentences_score_weak_signals_and_ignore_chit_chat_requests_and_descriptions() -> None:
    from memwrap.extract.statements import rule_sentences
    assert rule_sentences("log lines here are structured, keys in snake_case only. thx") == [
        "log lines here are structured, keys in snake_case only."]
    assert rule_sentences("please, write the commit messages in plain words, reviewers read them on phones.")
    assert rule_sentences("I really prefer `pathlib` everywhere, can you swap the os.path calls?") == [
        "I really prefer `pathlib` everywhere"]
    assert rule_sentences("i always have coffee before standup, it must be strong") == []  # nothing technical
    assert rule_sentences("the cron job never runs after a deploy.") == []  # a description, not a rule
    assert rule_sentences("can you add a test that only admins can delete?") == []


def test_accepted_proposal_names_the_thing_or_takes_the_recommended_sentence() -> None:
    from memwrap.extract.statements import accepted_proposal
    reply = ("Two options: **tenacity** for retries (decorators, jitter) or a hand-rolled loop. "
             "I'd use `tenacity` with exponential backoff capped at 30s on the webhook sender.")
    acc = accepted_proposal("we had a bad week. tenacity fine, ship it", reply)
    assert acc is not None and acc.named.lower() == "tenacity" and "exponential backoff" in acc.proposal
    acc = accepted_proposal("sounds good, do it", "The clean fix is to move `fetch_rates` into a nightly job "
                                                 "and read the cached table in `quote()`. It needs no new service.")
    assert acc is not None and "fetch_rates" in acc.proposal
    assert accepted_proposal("no, not that", reply) is None
    done = "Done: the sender retries 5 times and logs each attempt to `webhook_attempts`."
    assert accepted_proposal("ok great", done) is None  # a report, not a proposal


def test_run_counts_reads_runner_summaries_in_their_own_words() -> None:
    from memwrap.extract.tools import run_counts
    assert run_counts("Passed!  - Failed:     0, Passed:    12, Skipped: 0, Total: 12") == (12, 0)
    assert run_counts("Finished in 0.4 seconds\n12 examples, 2 failures") == (12, 2)
    assert run_counts("Tests run: 30, Failures: 0, Errors: 1, Skipped: 0") == (30, 1)
    assert run_counts("compiling...\nno summary here") is None


def test_a_passing_run_whose_summary_says_failed_0_is_a_pass_and_the_applied_option_is_the_fix() -> None:
    from memwrap.classify import extract_candidates
    turns = [
        Turn(role="user", text="the /export endpoint gives UnicodeEncodeError on names with accents"),
        Turn(role="tool", name="Bash", input="dotnet test", text="UnicodeEncodeError: 'ascii' codec can't encode\nFailed: 1, Passed: 9"),
        Turn(role="assistant", text="Two ways out:\n1. Strip accents with `unidecode` before writing.\n"
                                    "2. Open the CSV writer with `encoding=\"utf-8-sig\"` so Excel reads it too."),
        Turn(role="tool", name="Edit", input="exports/csv_writer.py",
             text="@@ -3 +3 @@\n-    f = open(path, \"w\")\n+    f = open(path, \"w\", encoding=\"utf-8-sig\")"),
        Turn(role="tool", name="Bash", input="dotnet test", text="Passed! - Failed: 0, Passed: 10, Skipped: 0"),
    ]
    [fix] = [c for c in extract_candidates(turns, project="x") if c.kind == "BUG_FIX"]
    assert "utf-8-sig" in fix.text and "unidecode" not in fix.text


def test_answer_to_a_users_question_is_a_proposal_and_naming_it_anywhere_accepts_it() -> None:
    from memwrap.extract.statements import accepted_proposal
    answer = "The feed can be built at deploy time by `scripts/build_feed.py` writing a static `feed.xml` to the bucket."
    assert accepted_proposal("nice and simple. do it", answer) is None  # a plain statement is no proposal...
    acc = accepted_proposal("nice and simple. do it", answer, asked=True)  # ...unless it answers the user's question
    assert acc is not None and "build_feed.py" in acc.proposal
    offer = "For the PDF I'd pick **WeasyPrint**: HTML+CSS templates, no headless browser. Want that?"
    acc = accepted_proposal("budget is tight but we'll take WeasyPrint, fine", offer)
    assert acc is not None and acc.named == "WeasyPrint"


def test_a_decision_that_only_points_with_a_pronoun_is_dropped() -> None:
    turns = [Turn(role="user", text="we use it also on the admin side already.")]
    assert not [c for c in extract_candidates(turns, project="x") if c.kind == "DECISION"]


def test_a_request_to_note_something_is_a_todo_of_what_came_before_it() -> None:
    turns = [Turn(role="user", text="the export still ignores the `tz` setting for admins. could you put that on the todo list "
                                    "for next time?")]
    todos = [c.text for c in extract_candidates(turns, project="x") if c.kind == "TODO"]
    assert todos and "`tz` setting" in todos[0]


def test_a_deferral_that_names_nothing_defers_the_sentence_before_it() -> None:
    turns = [Turn(role="user", text="we must add retries to `sync_invoices` before the audit. not today, got a dentist thing. "
                                    "leave it as todo")]
    todos = [c.text for c in extract_candidates(turns, project="x") if c.kind == "TODO"]
    assert todos and all("sync_invoices" in t for t in todos)


def test_a_pasted_error_ending_in_a_why_question_is_still_a_bug_report() -> None:
    turns = [
        Turn(role="user", text="workers die after an hour:\nredis.exceptions.ConnectionError: Too many connections\n"
                               "pool is 20 per worker, why do we run out??"),
        Turn(role="assistant", text="`get_client()` builds a new `ConnectionPool` on every call. I'll make the pool module-level."),
        Turn(role="tool", name="Edit", input="app/cache.py",
             text="@@ -1 +1,3 @@\n+_POOL = redis.ConnectionPool.from_url(URL, max_connections=20)\n"
                  "+def get_client():\n+    return redis.Redis(connection_pool=_POOL)"),
        Turn(role="tool", name="Bash", input="pytest -q", text="14 passed in 2.1s"),
    ]
    fixes = [c.text for c in extract_candidates(turns, project="x") if c.kind == "BUG_FIX"]
    assert fixes and "ConnectionError" in fixes[0] and "module-level" in fixes[0]


def test_subject_first_failure_needs_the_past_or_a_turn_down() -> None:
    [n] = narrated_failures("`uvloop` crashed on alpine last month with a segfault in the resolver. don't.")
    assert n.subject == "`uvloop`" and "segfault" in n.reason
    # the same words about today, with nothing turned down, are the bug being reported
    assert narrated_failures("`uvloop` crashed on alpine with a segfault in the resolver, can you look") == []


def test_a_change_the_user_measures_and_reverts_is_failed_with_the_numbers() -> None:
    turns = [
        Turn(role="user", text="search is slow, make it faster"),
        Turn(role="assistant", text="I'll switch the matcher to `rapidfuzz.process.extract` with a score cutoff."),
        Turn(role="tool", name="Edit", input="search/match.py",
             text="@@ -3 +3 @@\n-    hits = difflib.get_close_matches(q, names)\n+    hits = rapidfuzz.process.extract(q, names, score_cutoff=80)"),
        Turn(role="tool", name="Bash", input="python bench.py", text="median 2.4s"),
        Turn(role="user", text="median went from 300ms to 2.4s on the big tenant. undo that"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="x") if c.kind == "FAILED"]
    assert failed and "rapidfuzz" in failed[0] and "300ms to 2.4s" in failed[0]
    assert not [c for c in extract_candidates(turns[:4], project="x") if c.kind == "FAILED"]


def test_plain_statements_of_a_choice_become_decisions_and_chit_chat_does_not() -> None:
    def decisions(text: str) -> list[Candidate]:
        return [c for c in extract_candidates([Turn(role="user", text=text)], project="x") if c.kind == "DECISION"]
    [d] = decisions("For the record, we host the docs on Cloudflare Pages, not on GitHub Pages.")
    assert "Cloudflare Pages" in d.text
    [d] = decisions("We migrated from Moment to Luxon in the spring.")
    assert "moment" in d.replaces
    assert decisions("hey, how was your weekend? mine was great, went hiking with Anna in Tirol") == []
    assert decisions("let's look at the Stripe webhook first") == []  # a work request, not a choice


def test_a_product_name_mid_sentence_is_a_technical_entity_but_a_month_is_not() -> None:
    assert "Zustand" in entities("we keep state in Zustand now")
    assert entities("see you in March") == []


def test_try_it_a_shot_form_and_a_remaining_label() -> None:
    [n] = narrated_failures("We gave Turborepo a shot but the remote cache kept missing, so we went back to Nx.")
    assert n.subject == "Turborepo" and n.reason.startswith("the remote cache kept missing")
    todos = [c for c in extract_candidates([Turn(role="user", text="Remaining: rotate the SMTP password in Vault.")],
                                           project="x") if c.kind == "TODO"]
    assert todos and "SMTP" in todos[0].text


def test_picking_a_numbered_option_accepts_that_option_not_the_first() -> None:
    from memwrap.extract.statements import accepted_proposal
    reply = ("Two ways:\n1. Cache the rendered page in `Varnish` for 60s.\n"
             "2. Precompute `daily_totals` in a nightly job and read that table.\nWhich one?")
    for said in ("option 2 please", "the second one, nightly is fine", "go with 2"):
        acc = accepted_proposal(said, reply)
        assert acc is not None and "daily_totals" in acc.proposal, said


def test_a_turn_down_after_a_narrated_attempt_makes_the_rest_of_the_sentence_the_reason() -> None:
    [n] = narrated_failures("we tried a nightly `VACUUM FULL` job back in june, it locked the orders table for 20 minutes. so no more.")
    assert "VACUUM FULL" in n.subject and n.reason.startswith("it locked the orders table")


def test_a_bare_number_at_the_start_of_the_reply_picks_that_option() -> None:
    from memwrap.extract.statements import accepted_proposal
    reply = "Options:\n1. Retry in the handler.\n2. Move the call to `outbox_dispatcher` with backoff."
    acc = accepted_proposal("2, retries in the handler would block the request", reply)
    assert acc is not None and "outbox_dispatcher" in acc.proposal


def test_broken_english_remove_it_is_failure_evidence_and_no_x_keeps_its_no() -> None:
    [n] = narrated_failures("before i try `rayon` par_iter but the output order become random so i remove it")
    assert "rayon" in n.subject and "remove it" in n.reason
    reply = "I'd start with `memmap2` and `memchr`: fewer copies."
    texts = [c.text for c in extract_candidates([Turn(role="assistant", text=reply),
                                                 Turn(role="user", text="memmap2 ok. pls keep answers short, no emojis")],
                                                project="x")]
    assert any("no emojis" in t for t in texts) and any("memmap2" in t for t in texts)


def test_a_pytest_failed_line_keeps_the_test_and_its_error_in_the_bug_fix() -> None:
    turns = [
        Turn(role="tool", name="Bash", input="pytest -q",
             text="FAILED tests/test_tax.py::test_vat_rounding - AssertionError: 19.99 != 20.00\n1 failed, 8 passed"),
        Turn(role="assistant", text="The rate is a float. I'll quantize the total with `Decimal` and ROUND_HALF_UP."),
        Turn(role="tool", name="Edit", input="shop/tax.py", text="@@ -3 +3 @@\n+    total = total.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)"),
        Turn(role="tool", name="Bash", input="pytest -q", text="9 passed in 0.4s"),
    ]
    [fix] = [c.text for c in extract_candidates(turns, project="x") if c.kind == "BUG_FIX"]
    assert fix.startswith("test_vat_rounding: AssertionError") and "quantize" in fix


def test_an_alternative_considered_and_vetoed_is_failed_and_a_negative_commitment_is_a_decision() -> None:
    [n] = narrated_failures("RabbitMQ was considered in 2023 but the platform team said no, too heavy for two services.")
    assert n.subject == "RabbitMQ" and "said no" in n.reason
    decided = [c.text for c in extract_candidates([Turn(role="user", text="we won't support Node 16 anymore, CI matrix is 18 and 20")],
                                                  project="x") if c.kind == "DECISION"]
    assert decided and "Node 16" in decided[0]


def test_project_from_a_read_manifest_names_each_package_once_with_its_version() -> None:
    turns = [Turn(role="user", text="React app, the build breaks"),
             Turn(role="tool", name="Read", input="package.json",
                  text='{\n  "dependencies": {\n    "react": "^18.3.1",\n    "wouter": "^3.1.0"\n  }\n}')]
    [p] = [c.text for c in extract_candidates(turns, project="portal") if c.kind == "PROJECT"]
    assert "wouter 3.1.0" in p and p.lower().count("react") == 1 and "18.3.1" in p


def test_a_verdict_that_names_nothing_is_about_the_change_just_made() -> None:
    turns = [
        Turn(role="assistant", text="I'll try raising `pool_pre_ping=True` on the engine to see if stale connections cause it."),
        Turn(role="tool", name="Edit", input="db/engine.py", text="@@ -4 +4 @@\n+engine = create_engine(URL, pool_pre_ping=True)"),
        Turn(role="tool", name="Bash", input="pytest -q tests/test_jobs.py",
             text="FAILED tests/test_jobs.py::test_nightly - OperationalError: server closed the connection\n1 failed, 4 passed"),
        Turn(role="assistant", text="Checking connections first didn't help, so staleness is not it."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="x") if c.kind == "FAILED"]
    assert failed and failed[0].startswith("pool_pre_ping=True: abandoned, ")


def test_more_ways_of_deferring_make_todos_not_decisions() -> None:
    for said in ("we'll look at the flaky `test_export` some other time",
                 "pending: move the nightly cron to `systemd` timers",
                 "once `pydantic` 3 ships we have to drop the v1 shims"):
        turns = [Turn(role="user", text="fix the login bug please"), Turn(role="assistant", text="Done."),
                 Turn(role="user", text=said)]
        kinds = {c.kind for c in extract_candidates(turns, project="x")}
        assert "TODO" in kinds and "DECISION" not in kinds and "PROJECT" not in kinds, said


def test_project_reads_upgrades_tools_and_the_users_own_words() -> None:
    from memwrap.extract.stack import self_description, session_tools, upgrades

    assert upgrades("upgrading our contracts from openzeppelin 4.9 to 5.0, tests exploded") == [("openzeppelin", "5.0")]
    assert upgrades("took 4.2 to 5.0 seconds") == []  # a measurement, not a package
    commands = ["npx hardhat test", "npx hardhat test test/Pass.ts", "git diff", "src/app.ts", "cat a | grep b"]
    assert session_tools(commands) == ["Hardhat"]  # named as the toolchain it belongs to
    assert session_tools(["timeout 20 ros2 launch x y.py", "timeout 20 ros2 topic hz /a", "pio run", "pio test"]) == \
        ["ROS 2", "PlatformIO"]  # the wrapper is not the tool
    assert session_tools(["src/a.go", "src/b.go"]) == []  # Read/Edit inputs are paths, not commands
    # a Write/Edit input is the path with the file's text under it: its code lines are no commands
    rule = "pipelines/route.rule\nrule \"route\"\nwhen\n  true\nthen\n  let st = 1;\nend"
    assert session_tools([rule, rule.replace("route", "parse"), "src/app.ts\nimport x from 'y'\nconst a = 1"]) == []
    assert session_tools(["openssl rand -hex 32", "openssl rand -base64 24", "base64 -d k", "base64 -d j"]) == []
    rewritten = "test/Vesting.test.ts (rewritten)\nimport { expect } from 'chai';\nawait a;\nawait b;"
    assert session_tools([rewritten, rewritten, "pnpm dev", "pnpm dev --port 3001", "pnpm build", "pnpm build"]) == []
    assert self_description("working on my neovim plugin quickfmt.nvim (lua). it breaks") == "neovim plugin quickfmt.nvim (lua)"
    assert self_description("can you look at the failing test") == ""


def test_narrated_failure_in_lower_case_with_its_reason_before_the_abandonment() -> None:
    from memwrap.extract.narrated import narrated_failures

    text = ("Then I tried caching with memoise on the whole data loading, but it cached stale data after the "
            "nightly refresh, so I ripped that out too. With 200k rows the tab used 1.5 GB.")
    found = narrated_failures(text, frozenset({"memoise"}))
    assert [n.subject for n in found] == ["memoise"]
    assert "stale data" in found[0].reason
    # an unknown lower-case word is not enough on its own: "tried harder" is no approach
    assert narrated_failures("we tried harder, but it failed again, so I ripped that out.", frozenset()) == []


def test_runner_counts_in_testthat_and_busted_forms() -> None:
    from memwrap.extract.tools import run_counts

    assert run_counts("══ Results ══\n[ FAIL 0 | WARN 0 | SKIP 0 | PASS 7 ]") == (7, 0)
    assert run_counts("[ FAIL 1 | WARN 0 | SKIP 0 | PASS 6 ]") == (6, 1)
    assert run_counts("6 successes / 1 failure / 0 errors / 0 pending : 0.18 seconds") == (6, 1)


def test_a_measurement_is_not_a_stack_version() -> None:
    from memwrap.extract.stack import version_pairs

    assert version_pairs("the tab used 1.5 GB and took 2.5 s; we run shiny 1.8") == [("shiny", "1.8")]


def test_a_word_that_starts_with_digits_is_not_a_stack_version() -> None:
    from memwrap.extract.stack import stack_mentions

    # "nginx 5xx" is a stream of errors, not nginx 5
    assert [(n, v) for n, v, _ in stack_mentions("errors go into `nginx 5xx`; we run nginx 1.25.3")] == [("nginx", "1.25.3")]
    assert [(n, v) for n, v, _ in stack_mentions("routed to nginx 5xx")] == [("nginx", "")]


def test_stack_from_more_manifests_and_from_the_files_worked_on() -> None:
    from memwrap.extract.stack import languages_from_paths, manifest_deps

    assert manifest_deps("mix.exs", '[{:phoenix, "~> 1.7.10"}, {:oban, "~> 2.17"}]') == [("phoenix", "1.7.10"), ("oban", "2.17")]
    assert manifest_deps("CMakeLists.txt", "find_package(Qt6 6.5 REQUIRED COMPONENTS Widgets)") == [("Qt6", "6.5")]
    assert manifest_deps("app/build.gradle.kts", 'implementation("androidx.room:room-runtime:2.6.1")') == [("room-runtime", "2.6.1")]
    paths = ["lib/app/worker.ex", "lib/app/invoices.ex", "test/invoices_test.exs", "README.md", "db/q.sql", "db/r.sql"]
    assert languages_from_paths(paths) == ["Elixir"]
    assert languages_from_paths(["main.go"]) == []  # one file says little


def test_narrated_failures_with_creation_verbs_chained_verbs_and_setting_values() -> None:
    from memwrap.extract.narrated import narrated_failures

    made = narrated_failures("in the beginning Rui made the refill with timer:send_interval every 100ms for each bucket, "
                             "but with 40k tenants the queue goes over 200k messages and the latency explode, so we removed it.")
    assert made and made[0].subject.startswith("timer")
    ticks = narrated_failures("i had already tried setting physics ticks to 120 — didnt change anything, just louder fans.",
                              frozenset({"physics"}))
    assert ticks and "120" in ticks[0].subject and "didnt change anything" in ticks[0].reason


def test_stack_pins_read_by_a_cat_command_and_quoted_grep_words_are_no_tools() -> None:
    from memwrap.extract.stack import manifest_deps, session_tools, version_pairs
    pins = "nodejs 20.11.1\nterraform 1.7.5\n"
    assert manifest_deps("tree infra && cat .tool-versions", pins) == [("nodejs", "20.11.1"), ("terraform", "1.7.5")]
    commands = ["make plan 2>&1 | grep -E '^(WARN|ERRO)'", "make plan | grep -E '^(WARN|ERRO)' | head"]
    assert "erro" not in session_tools(commands) and "warn" not in session_tools(commands)
    assert version_pairs("the modules repo is tagged v1.4.0, keeping 1.6 around") == []


def test_project_takes_the_stack_the_user_names_in_words() -> None:
    turns = [Turn(role="user", text="I keep the site of our rowing club. It is made with Hugo and Bulma. the booking "
                                    "part is tiny, bottle + sqlite, and I am porting it to Quart 0.19 this month.")]
    [p] = [c for c in extract_candidates(turns, project="rowing") if c.kind == "PROJECT"]
    for name in ("Hugo", "Bulma", "bottle", "Quart 0.19"):
        assert name in p.text, p.text


def test_a_ranked_sentence_about_the_code_a_dead_end_tried_is_dropped() -> None:
    from memwrap.extract.passes import _settle
    dead = Candidate(kind="FAILED", text="Purge on write with caches.default.delete(): failed, it is per data center",
                     topic="purge write", evidence="", source="", files=[], score=0.75, turn=5)
    about = Candidate(kind="BUG_FIX", text="Caches.default is per data center, so other colos keep the stale value",
                      topic="caches default", evidence="", source="", files=[], score=0.55, turn=6, ranked=True)
    other = Candidate(kind="DECISION", text="KV reads use cacheTtl: 60", topic="kv reads", evidence="", source="",
                      files=[], score=0.55, turn=7, ranked=True)
    kept = _settle([dead, about, other])
    assert dead in kept and other in kept and about not in kept


def test_project_from_a_cpanfile_and_a_device_described_in_parentheses() -> None:
    from memwrap.extract.stack import manifest_deps, self_description
    cpan = "requires 'Mojolicious', '9.35';\nrequires 'Mojo::Pg' => '4.27';\n"
    assert manifest_deps("cpanfile", cpan) == [("Mojolicious", "9.35"), ("Mojo::Pg", "4.27")]
    assert self_description("my weather node (esp32-s3, idf 5.1, BME280 over i2c) resets every hour") == \
        "weather node (esp32-s3, idf 5.1, BME280 over i2c)"


def test_a_test_runners_own_stop_line_is_never_the_error() -> None:
    from memwrap.extract.runs import _pick_error

    out = (" test_nan_guard: r = 0.30 (unstable), expect guard to fire\n   solver ran all 400 steps, max|u| = NaN\n"
           " FAIL test_nan_guard\n<ERROR> Execution for object \" test_nan_guard\" returned exit code  1\n"
           "<ERROR> *cmd_run*:stopping due to failed executions\nSTOP 1")
    picked = _pick_error(out, failed=True)
    assert "stopping due to" not in picked and "Execution for object" not in picked and "NaN" in picked, picked


def test_a_statement_that_turns_its_subject_down_is_a_dead_end_not_a_choice() -> None:
    from memwrap.extract.passes import _settle

    refused = Candidate(kind="DECISION", text="Before you ask: nodeIntegration true in the renderer, my friend suggested "
                        "it, I don't want it, it is insecure, we render markdown from the internet", topic="nodeintegration",
                        score=0.85, turn=4)
    verdict = Candidate(kind="PREFERENCE", text="sealed-secrets is a no-go, I delete my kind cluster every evening",
                        topic="sealed-secrets", score=0.8, turn=6)
    aside = Candidate(kind="DECISION", text="Plain MQTT on 1883 with user/password (TLS on the Pico was already ruled "
                      "out: MemoryError on the 16 KB buffer)", topic="plain mqtt", score=0.6, turn=8)
    judged = Candidate(kind="DECISION", text="agreed, asgi_wrapper is way too fragile, no", topic="asgi_wrapper",
                       score=0.65, turn=7)
    chosen = Candidate(kind="DECISION", text="Let's go with JWT, the session table is out", topic="jwt", score=0.8, turn=9)
    kinds = {c.topic: c.kind for c in _settle([refused, verdict, judged, aside, chosen])}
    assert kinds == {"nodeintegration": "FAILED", "sealed-secrets": "FAILED", "asgi_wrapper": "FAILED",
                     "plain mqtt": "DECISION", "jwt": "DECISION"}


def test_an_attempt_told_as_an_activity_is_named_by_the_tool_it_used(rules_only: None) -> None:
    turns = [Turn(role="user", text="We tried doing fulfillment with BullMQ last year, a chain of jobs, and the "
                                    "retries were a nightmare, jobs retried out of order and charging people twice."),
             Turn(role="assistant", text="Understood, Temporal activities then, with retry policies per activity."),
             Turn(role="user", text="we tried fast dds with multicast discovery back in march, and the traffic "
                                    "flooded the access point")]
    failed = [c.text for c in extract_candidates(turns, project="orders") if c.kind == "FAILED"]
    assert any(t.startswith("BullMQ") and "retries" in t for t in failed), failed
    assert not any(t.lower().startswith("doing fulfillment") for t in failed)
    assert any(t.lower().startswith("fast dds") for t in failed), failed  # a name already: kept as said


def test_a_history_story_keeps_the_whole_of_how_it_went(rules_only: None) -> None:
    out = {}
    for said in ("We tried freewrap last year for the inventory tool, Windows Defender flagged the exe as a trojan "
                 "on half the PCs and IT blocked it.",
                 "We tried NAT instances last month for exactly this reason, fck-nat on t4g.nano — they kept dying "
                 "under the nightly ingest load."):
        turns = [Turn(role="user", text="how do we ship this to the office PCs cheaply?"),
                 Turn(role="assistant", text="One cheap option is a single-file wrapper."),
                 Turn(role="user", text=said)]
        out.update({c.text.split(":")[0]: c.text for c in extract_candidates(turns, project="x") if c.kind == "FAILED"})
    assert "Defender flagged the exe as a trojan" in out["freewrap"]
    assert "kept dying under the nightly ingest load" in out["NAT instances"]


def test_an_interjection_before_no_is_never_the_approach_turned_down(rules_only: None) -> None:
    turns = [Turn(role="user", text="how do we cut the cost of the dev VPC?"),
             Turn(role="assistant", text="One cheap option is NAT instances instead of managed NAT gateways."),
             Turn(role="user", text="Ha, no, been there. What I do want: dev gets one NAT gateway in a single AZ.")]
    failed = [c.text for c in extract_candidates(turns, project="x") if c.kind == "FAILED"]
    assert not any(t.lower().startswith("ha:") for t in failed), failed


def test_a_today_list_at_the_end_is_the_sessions_recap(rules_only: None) -> None:
    turns = [Turn(role="user", text="the camera system panics with B0001 when the ship moves, fix it please"),
             Turn(role="assistant", text="Fixed, the queries are disjoint now."),
             Turn(role="user", text="ok good night"),
             Turn(role="assistant", text="Good night! Today:\n- camera B0001 panic fixed with Without<> filters\n"
                                         "- dev builds use dynamic_linking with opt-level 1 for our crate\n"
                                         "- next: audio with bevy_kira_audio")]
    kinds = {c.kind for c in extract_candidates(turns, project="orbit") if "B0001" in c.text}
    assert "BUG_FIX" in kinds


def test_any_closing_list_of_done_work_is_the_recap_but_a_list_of_options_is_not(rules_only: None) -> None:
    turns = [Turn(role="user", text="bump ktor to 3.0.1 and try the gradle configuration cache"),
             Turn(role="assistant", text="Both tried; details below."),
             Turn(role="user", text="ok thanks, enough for today"),
             Turn(role="assistant", text="Done for today:\n- Ktor 3.0.1 bump reverted (ktor-swagger-ui 2.9.0 "
                                         "incompatible), staying on 2.3.12.\n- Configuration cache reverted (Flyway "
                                         "plugin uses Task.project at execution time).\n- Pagination on GET /shipments "
                                         "still open.")]
    recap = [c for c in extract_candidates(turns, project="freight") if c.kind == "FAILED"]
    offers = [Turn(role="user", text="the pool times out under load, what can we do?"),
              Turn(role="assistant", text="Options we could take:\n- raise maximumPoolSize from 5 to 10 for all pods\n"
                                          "- move the S3 upload out of the dbQuery transaction\n"
                                          "- add a read replica for the report export job")]
    offered = [c for c in extract_candidates(offers, project="freight") if "maximumPoolSize" in c.text]
    assert any(c.text.startswith("Ktor 3.0.1 bump reverted") for c in recap), recap
    assert any(c.text.startswith("Configuration cache reverted") for c in recap), recap
    assert not any(c.kind == "DECISION" for c in offered), offered  # a menu at the end is no record of what was done


def test_looked_at_or_tried_to_with_a_tool_told_as_history_is_failed_by_the_tool(rules_only: None) -> None:
    turns = [Turn(role="user", text="let's add auth to the links API"),
             Turn(role="assistant", text="Do you want me to put it behind servant-auth with cookie sessions?"),
             Turn(role="user", text="we looked at servant-auth cookies before, the CSRF token dance with the SPA was a "
                                    "pain and we dropped it. Bearer tokens this time."),
             Turn(role="assistant", text="Bearer tokens it is."),
             Turn(role="user", text="last month I tried to do this same project with npm:express inside deno, and the "
                                    "types was broken all the time, so I go to Oak."),
             Turn(role="user", text="I tried to reproduce the crash last week but it was too flaky to catch.")]
    failed = [c.text for c in extract_candidates(turns, project="links") if c.kind == "FAILED"]
    assert any(t.startswith("servant-auth cookies") and "CSRF" in t for t in failed), failed
    assert any(t.startswith("npm:express") and "types was broken" in t for t in failed), failed
    assert not any(t.lower().startswith(("reproduce", "the crash")) for t in failed), failed  # no tool, no approach


def test_a_compiler_error_that_gives_way_to_the_next_one_was_fixed_by_the_edit_between(rules_only: None) -> None:
    def build(first: str, then: str, edited: str) -> list[Turn]:
        return [Turn(role="user", text="I upgraded zig to 0.13 and zig build is not working anymore, can you fix it"),
                Turn(role="tool", name="Bash", input="zig build", text=first),
                Turn(role="assistant", text="In Zig 0.13 `root_source_file` is a `LazyPath`, not a string. You need "
                                            "`b.path(\"src/main.zig\")`. I'll change it."),
                Turn(role="tool", name="Edit", input=edited,
                     text='-    .root_source_file = "src/main.zig",\n+    .root_source_file = b.path("src/main.zig"),'),
                Turn(role="tool", name="Bash", input="zig build", text=then),
                Turn(role="assistant", text="Next one: `std.io.getStdOutWriter` is gone; it is `std.io.getStdOut().writer()` now."),
                Turn(role="tool", name="Edit", input="src/main.zig",
                     text="-    const out = std.io.getStdOutWriter();\n+    const out = std.io.getStdOut().writer();"),
                Turn(role="tool", name="Bash", input="zig build", text="")]

    lazy = "build.zig:8:29: error: expected type 'Build.LazyPath', found '*const [13:0]u8'\n"
    moved = "src/main.zig:14:40: error: root struct of file 'std.io' has no member named 'getStdOutWriter'\n"
    found = extract_candidates(build(lazy, moved, "build.zig"), project="logslice")
    fixes = [c.text for c in found if c.kind == "BUG_FIX"]
    # the edit broke the file it touched: the first error may well still be there
    broke = "build.zig:3:1: error: expected ';' after declaration\n"
    unsure = [c.text for c in extract_candidates(build(lazy, broke, "build.zig"), project="logslice")
              if c.kind == "BUG_FIX"]
    assert any("LazyPath" in t and "b.path" in t for t in fixes), fixes
    assert any("getStdOutWriter" in t for t in fixes), fixes
    assert not any("LazyPath" in t and "b.path" in t for t in unsure), unsure
    # "zig build is not working anymore, can you fix it" hands over a bug; it tells no dead end
    assert not any(c.kind == "FAILED" for c in found), found


def test_a_manifest_package_the_conversation_names_is_in_the_stack_however_far_down_it_is_listed(rules_only: None) -> None:
    import json as _json

    deps = {f"lib{k:02d}-helpers": f"^1.{k}.0" for k in range(11)}
    deps.update({"drizzle-orm": "^0.33.0", "dayjs-extras": "^1.11.0"})
    turns = [Turn(role="user", text="the invoices endpoint returns duplicates, can you look?"),
             Turn(role="tool", name="Read", input="package.json", text=_json.dumps({"name": "billing", "dependencies": deps},
                                                                                   indent=2)),
             Turn(role="assistant", text="The query is built with drizzle-orm and joins line items without a distinct."),
             Turn(role="user", text="ok fix it")]
    [p] = [c.text for c in extract_candidates(turns, project="billing") if c.kind == "PROJECT"]
    assert "drizzle-orm" in p, p
    assert "dayjs-extras" not in p, p  # listed after the tenth and never talked about


def test_dead_ends_the_assistant_calls_by_name_keep_the_name_and_the_numbers_that_sank_them(rules_only: None) -> None:
    turns = [Turn(role="user", text="the sync of 400 secrets takes 4 minutes, make it faster"),
             Turn(role="assistant", text="Trying `ForEach-Object -Parallel` with `-ThrottleLimit 16`. The module "
                                         "functions aren't visible in the parallel runspaces, so the worker re-imports it."),
             Turn(role="tool", name="Edit", input="src/Sync.ps1", text="-    foreach ($n in $names) {\n+    $names | "
                                                                        "ForEach-Object -ThrottleLimit 16 -Parallel {"),
             Turn(role="tool", name="Bash", input="pwsh -c ./sync.ps1",
                  text="errors: 212\nInvoke-VaultRequest: Response status code does not indicate success: 429"),
             Turn(role="assistant", text="Faster (38 s) but 212 of 400 secrets failed with 429 Too Many Requests: the "
                                         "Vault cluster has a rate-limit quota and 16 workers blow through it. I'd go "
                                         "back to sequential with a retry on 429."),
             Turn(role="user", text="revert. retry ok."),
             Turn(role="assistant", text="Compression helps but doesn't solve it: 18 favourites go from 4612 to 3148 "
                                         "bytes, but 40 stations are at 5230, still over 4096. I'm dropping the zlib idea."),
             Turn(role="assistant", text="Clear result. Tsit5 is out — it's the wrong class of method for a stiff "
                                         "problem. I'd go with KenCarp4."),
             Turn(role="assistant", text="The tide is out — the harbour webcam shows mud, so no nightly photo.")]
    failed = [c.text for c in extract_candidates(turns, project="vaultsync") if c.kind == "FAILED"]
    assert any(t.startswith("`ForEach-Object -Parallel`") and "429" in t for t in failed), failed
    assert any(t.startswith("zlib") and "5230" in t for t in failed), failed
    assert any(t.startswith("Tsit5") and "stiff" in t for t in failed), failed
    assert not any("webcam" in t for t in failed), failed  # "the tide is out" names no option


def test_a_choice_ending_no_x_after_x_was_suggested_turns_x_down_and_keeps_the_choice(rules_only: None) -> None:
    turns = [Turn(role="user", text="Other question: my friend say I should use Postgres with deno-postgres because "
                                    "KV is a toy database."),
             Turn(role="assistant", text="For slug lookups, prefix listing and counters KV fits well; Postgres would "
                                         "add a server to run and back up."),
             Turn(role="user", text="we stay with KV, no postgres."),
             Turn(role="user", text="plain SQL in this repo, no ORMs.")]
    cands = extract_candidates(turns, project="links")
    failed = [c.text for c in cands if c.kind == "FAILED"]
    assert any(t.startswith("postgres: rejected") and "KV" in t for t in failed), failed
    assert any(c.kind == "DECISION" and c.text == "We stay with KV" for c in cands), cands  # the choice, said once
    assert not any("orm" in t.lower() for t in failed), failed  # nobody offered an ORM: a house rule


def test_a_revert_the_user_orders_with_a_vague_reason_is_told_as_a_revert_with_the_assistants_account(rules_only: None) -> None:
    turns = [Turn(role="assistant", text="esqueleto's Experimental API joins both tables in one go. OK to add it?"),
             Turn(role="user", text="ok"),
             Turn(role="tool", name="Edit", input="src/Db.hs", text="+import Database.Esqueleto.Experimental"),
             Turn(role="assistant", text="Now it's a type mismatch in the `select` result; esqueleto wants the "
                                         "projection as `SqlExpr (Entity Transaction)` and instance resolution is "
                                         "ambiguous with the mixed imports."),
             Turn(role="user", text="this is getting ugly. revert esqueleto. plain persistent is fine")]
    failed = [c.text for c in extract_candidates(turns, project="ledger") if c.kind == "FAILED"]
    assert any(t.startswith("esqueleto: reverted") and "mismatch" in t for t in failed), failed


def test_agreed_no_x_after_the_assistant_argued_against_x_is_a_rejection_with_the_assistants_words(rules_only: None) -> None:
    turns = [Turn(role="user", text="For the HTML side I was going to do a Fable + Feliz SPA… but honestly, nah?"),
             Turn(role="assistant", text="For three mostly-static pages Giraffe.ViewEngine is the better fit. Fable + "
                                         "Feliz would add a Node/npm toolchain, a second build and a separate bundle, "
                                         "for pages that don't need client-side state."),
             Turn(role="user", text="agreed, no Fable. ViewEngine it is")]
    cands = extract_candidates(turns, project="bookcellar")
    fable = [c for c in cands if "fable" in c.text.lower()]
    assert fable and all(c.kind == "FAILED" for c in fable), fable
    assert any("Node/npm toolchain" in c.text for c in fable), fable


def test_history_told_with_used_or_had_on_an_old_project_and_no_x_we_tried_it_are_dead_ends(rules_only: None) -> None:
    turns = [Turn(role="user", text="Before, in the 0.1 version, I used cligen for the arguments, but the compile time "
                                    "went from 3 to 9 seconds, so I went back to std/parseopt."),
             Turn(role="assistant", text="Understood, parseopt it is."),
             Turn(role="user", text="We had a connector on the old project and it got throttled during the Black "
                                    "Friday import."),
             Turn(role="assistant", text="Then direct VPC egress."),
             Turn(role="user", text="No testcontainers. tried it in jan, too slow on CI."),
             Turn(role="assistant", text="Before writing it with robfig/cron: the manager runs with 2 replicas."),
             Turn(role="user", text="fair, actually scrap robfig — I forgot we run 2 replicas with leader election."),
             Turn(role="user", text="we used Postgres before and it was fine. No ORMs, plain SQL.")]
    failed = [c.text for c in extract_candidates(turns, project="logslice") if c.kind == "FAILED"]
    for name, why in (("cligen", "3 to 9 seconds"), ("connector", "throttled"), ("testcontainers", "too slow"),
                      ("robfig", "replicas")):
        assert any(t.startswith(name) and why in t for t in failed), (name, failed)
    assert not any(t.lower().startswith(("postgres", "orms")) for t in failed), failed  # went fine / a house rule


def test_recap_items_that_took_something_out_for_a_reason_and_stories_told_in_present_tense_are_dead_ends(rules_only: None) -> None:
    turns = [Turn(role="user", text="the mail job, any ideas?"),
             Turn(role="user", text="last month we try sidekiq for sending the emails, it was working but it need "
                                    "Redis and our ops team say no new Redis only for this service."),
             Turn(role="user", text="maybe we try resque next week."),
             Turn(role="assistant", text="Done for today:\n- wire:poll on dashboard removed (300 qps on MySQL)\n"
                                         "- happy-dom measured (4.1s vs 9.8s) but breaks `<dialog>` tests; staying on jsdom\n"
                                         "- unused imports removed in app/Http")]
    cands = extract_candidates(turns, project="rentflow")
    failed = [c.text for c in cands if c.kind == "FAILED"]
    assert any(t.lower().startswith("wire:poll") and "300 qps" in t for t in failed), failed
    assert any(t.lower().startswith("happy-dom") and "dialog" in t for t in failed), failed
    assert any(t.startswith("sidekiq") and "Redis" in t for t in failed), failed
    assert not any("unused imports" in t.lower() or "resque" in t.lower() for t in failed), failed


def test_no_x_right_after_the_assistant_brought_x_up_is_a_rejected_proposal(rules_only: None) -> None:
    turns = [Turn(role="user", text="which BLE stack should the nRF52840 firmware use now?"),
             Turn(role="assistant", text="trouble-host on top of nrf-sdc is the maintained route. One alternative I "
                                         "should mention is rubble, it has been unmaintained since 2021."),
             Turn(role="user", text="No rubble, agreed. go."),
             Turn(role="assistant", text="Wiring trouble-host now."),
             Turn(role="user", text="No ORMs. plain SQL in this repo, always.")]
    cands = extract_candidates(turns, project="soilprobe")
    rubble = [c for c in cands if "rubble" in c.text.lower()]
    assert rubble and all(c.kind == "FAILED" for c in rubble) and any("unmaintained" in c.text for c in rubble), rubble
    assert not any(c.kind == "FAILED" and "orm" in c.text.lower() for c in cands)  # a house rule said unprompted


def test_a_pick_said_by_a_short_reference_is_remembered_as_the_option_it_points_at() -> None:
    from tests.talk import A, U
    turns = [
        U("the casbin adapter: write our own on sqlc or use a library?"),
        A("Options:\n1. **Own adapter** on sqlc: ~300 lines, every casbin upgrade needs checking.\n"
          "2. **pckhoi/casbin-pgx-adapter**: pgx-native, batch + filtered, same casbin_rule table.\n"
          "3. **gorm-adapter**: pulls in gorm just for this."),
        U("yeah ok, not worth writing our own. use the pgx one"),
    ]
    decisions = [c.text for c in extract_candidates(turns, project="ledger") if c.kind == "DECISION"]
    assert any("casbin-pgx-adapter" in t and "casbin_rule" in t for t in decisions), decisions
    assert "use the pgx one" not in " ".join(decisions).lower()


def test_a_short_pick_that_points_at_nothing_offered_stays_as_said() -> None:
    from memwrap.extract.picked_option import resolve_picks
    from tests.talk import A, U
    turns = [A("The provider block lost its channels list, so email had no provider."), U("use the local one that just logs")]
    said = Candidate(kind="DECISION", text="Use the local one that just logs", turn=1)
    assert [c.text for c in resolve_picks([said], turns)] == ["Use the local one that just logs"]
