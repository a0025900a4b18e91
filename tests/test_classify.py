"""Candidate extraction on small, realistic conversations (no model)."""

from __future__ import annotations

import re

from memwrap.classify import extract_candidates, file_paths, rule_candidates
from memwrap.turns import Turn
from tests.talk import U, A, tool


def kinds(cands):
    return {(c.kind, c.text) for c in cands}


def test_rejected_approach_is_failed_with_reason_and_never_a_decision() -> None:
    turns = [
        U("The settings page needs caching. Let's use memcached for it."),
        A("I'll set up memcached with pymemcache."),
        tool("pip install pymemcache", "Successfully installed pymemcache-4.0.0"),
        U("hmm, memcached can't survive restarts and we need that. forget memcached, go with redis for the cache."),
    ]
    cands = extract_candidates(turns, project="settings")
    failed = [c for c in cands if c.kind == "FAILED"]
    assert failed and "memcached" in failed[0].text.lower()
    assert "abandoned" in failed[0].text and "restart" in failed[0].text.lower()
    decisions = [c for c in cands if c.kind == "DECISION"]
    assert decisions and all("memcached" not in d.text.lower() for d in decisions)
    assert any("redis" in d.text.lower() for d in decisions)


def test_fail_edit_pass_is_a_bug_fix_with_error_and_file() -> None:
    turns = [
        U("the importer crashes on empty files"),
        tool("pytest -q tests/test_import.py", "E   ZeroDivisionError: division by zero\nFAILED 1 failed, 3 passed", code=1),
        A("average() divides by the row count, which is 0 for an empty file. I'll return 0.0 early when there are no rows."),
        tool("src/importer/stats.py", "Applied edit", name="Edit"),
        tool("pytest -q tests/test_import.py", "4 passed in 0.21s", code=0),
    ]
    # one fix fact for the one error (the ranker may add the uncued cause sentence beside it)
    fixes = [c for c in extract_candidates(turns, project="imp") if c.kind == "BUG_FIX" and "ZeroDivision" in c.text]
    assert len(fixes) == 1
    assert "0.0" in fixes[0].text
    assert fixes[0].files == ["src/importer/stats.py"]


def test_failure_then_revert_is_not_a_bug_fix() -> None:
    turns = [
        A("Let me try Webpack 5 module federation for the widgets."),
        tool("npm run build", "ERROR in shared module react: version mismatch 17.0.2 vs 18.2.0", code=1),
        U("nope, revert it, too fragile. we'll just ship one bundle."),
        tool("git checkout webpack.config.js", "Updated 1 path from the index"),
        tool("npm run build", "compiled successfully", code=0),
    ]
    cands = extract_candidates(turns, project="w")
    assert not [c for c in cands if c.kind == "BUG_FIX"]
    assert [c for c in cands if c.kind == "FAILED"]


def test_preferences_rules_and_todos_come_from_the_user() -> None:
    turns = [
        U("In general I prefer small pure functions over classes."),
        A("I always use tabs."),  # the assistant's habits are not the user's preferences
        U("rule for this repo: handlers never touch the database directly, everything goes through src/repo/."),
        U("thanks! next time we still need to add rate limiting to the login endpoint."),
    ]
    cands = extract_candidates(turns, project="p")
    prefs = [c for c in cands if c.kind == "PREFERENCE"]
    assert len(prefs) == 1 and "pure functions" in prefs[0].text and prefs[0].scope == "global"
    assert any(c.kind == "PATTERN" and "src/repo" in c.text for c in cands)
    assert any(c.kind == "TODO" and "rate limiting" in c.text for c in cands)


def test_chit_chat_yields_nothing() -> None:
    turns = [U("hey, how are you?"), A("Great, thanks! How can I help?"), U("lol nothing, just saying hi. bye"),
             A("Bye!")]
    assert extract_candidates(turns, project="x") == []


def test_project_stack_from_user_and_manifest() -> None:
    turns = [U("This is a FastAPI service on Python 3.12 with Postgres 15."),
             tool("cat pyproject.toml", "[project]\nname='svc'\nrequires-python='>=3.12'")]
    proj = [c for c in extract_candidates(turns, project="svc") if c.kind == "PROJECT"]
    assert proj and "FastAPI" in proj[0].text and "Python 3.12" in proj[0].text and "Postgres 15" in proj[0].text


def test_file_paths() -> None:
    assert file_paths("edit src/auth/refresh.go and go.mod, see https://x.io/a/b") == ["src/auth/refresh.go", "go.mod"]


def test_retried_approach_that_works_in_the_end_is_a_decision_not_failed() -> None:
    turns = [
        A("Let me try vite-plugin-pwa for the offline cache."),
        tool("npm install -D vite-plugin-pwa", "added 212 packages in 9s"),
        tool("npm run build", "error during build:\nError: Unable to find a place to inject the manifest. "
             "Make sure self.__WB_MANIFEST is in src/sw.ts", code=1),
        U("still failing. maybe the pwa plugin is not a good idea"),
        A("The root cause is that injectManifest mode needs the self.__WB_MANIFEST placeholder in src/sw.ts. "
          "I'll add it."),
        tool("src/sw.ts", "Applied edit", name="Edit"),
        tool("npm run build", "✓ built in 4.1s\nPWA v0.19.8 precache 14 entries", code=0),
        U("ok it works. we stick with vite-plugin-pwa."),
    ]
    cands = extract_candidates(turns, project="web")
    assert not [c for c in cands if c.kind == "FAILED"]
    assert any(c.kind == "DECISION" and "vite-plugin-pwa" in c.text for c in cands)
    fix = [c for c in cands if c.kind == "BUG_FIX"]
    assert fix and "__WB_MANIFEST" in fix[0].text and fix[0].files == ["src/sw.ts"]


def test_reversal_decision_records_what_it_replaces() -> None:
    turns = [U("webpack config is a maze. let's move off webpack to vite for the dev server and the build.")]
    decisions = [c for c in extract_candidates(turns, project="web") if c.kind == "DECISION"]
    assert decisions and "vite" in decisions[0].text.lower() and decisions[0].replaces == ["webpack"]


def test_label_statement_is_a_decision_with_its_exclusions() -> None:
    turns = [U("ok. state management: zustand. no redux, no context soup.")]
    decisions = [c for c in extract_candidates(turns, project="ui") if c.kind == "DECISION"]
    assert len(decisions) == 1
    assert decisions[0].text.startswith("State management: zustand") and "no redux" in decisions[0].text


def test_two_approaches_dropped_together_each_keep_their_own_reason() -> None:
    turns = [
        A("We could use celery for the fan-out, or kafka streams."),
        U("celery is overkill for three jobs a day. and kafka is not an option, nobody here can run a broker."),
    ]
    failed = {c.topic: c.text for c in extract_candidates(turns, project="p") if c.kind == "FAILED"}
    assert "three jobs" in failed["celery"] and "broker" not in failed["celery"]
    assert "broker" in failed["kafka"]


def test_non_zero_exit_without_error_words_still_names_the_failure() -> None:
    turns = [
        tool("flutter test", "00:02 +0 -1: db opens [E]\n  Bad state: databaseFactory not initialized\n"
             "00:02 +0 -1: Some tests failed.", code=1),
        A("Host tests need the FFI factory: I'll set databaseFactory = databaseFactoryFfi in setUpAll."),
        tool("test/db_test.dart", "Applied edit", name="Edit"),
        tool("flutter test", "00:01 +3: All tests passed!", code=0),
    ]
    fix = [c for c in extract_candidates(turns, project="app") if c.kind == "BUG_FIX"]
    assert fix and fix[0].text.startswith("Bad state: databaseFactory not initialized")


def test_users_own_plans_and_the_opening_request_are_not_todos() -> None:
    turns = [U("we need to add pagination to the orders list."), A("Done, cursor-based."),
             U("got it, thanks. I'll try it myself later")]
    assert not [c for c in extract_candidates(turns, project="p") if c.kind == "TODO"]


def test_failure_told_in_one_sentence_is_failed_with_its_reason() -> None:
    said = {
        "We tried Redis-backed sessions but they failed because the ALB cannot do sticky sessions, "
        "so we abandoned that. Decision: use JWT with 15min access tokens.": ("redis", "sticky"),
        "FYI we already experimented with Celery beat for the scheduler and it kept crashing on deploys; "
        "dropped it. Going with APScheduler.": ("celery", "crashing"),
        "gRPC streaming didn't work out since the proxy strips trailers, so we went back to REST polling.":
            ("grpc", "trailers"),
    }
    for text, (topic, reason) in said.items():
        cands = extract_candidates([Turn("user", text), Turn("assistant", "Noted.")], project="p")
        failed = [c for c in cands if c.kind == "FAILED"]
        assert len(failed) == 1, (text, cands)
        assert topic in failed[0].text.lower() and reason in failed[0].text.lower()
        assert not [c for c in cands if c.kind in ("DECISION", "PATTERN") and topic in c.text.lower()]
    decision = [c for c in extract_candidates([Turn("user", next(iter(said)))], project="p") if c.kind == "DECISION"]
    assert decision and decision[0].text.startswith("Use JWT"), "a 'Decision:' label is not part of the fact"


def test_a_bug_report_is_not_a_dead_end() -> None:
    for text in ("The test failed because the mutex was missing.",
                 "The build failed because of a missing header, I added it and now it passes.",
                 "Let's try Redis sessions, maybe it works."):
        cands = extract_candidates([Turn("user", text), Turn("assistant", "Ok.")], project="p")
        assert not [c for c in cands if c.kind == "FAILED"], (text, cands)


# --- round 3: structure over wording --------------------------------------------------


def test_failed_attempt_then_real_fix_gives_failed_and_bug_fix_from_last_edit() -> None:
    turns = [
        U("the export endpoint times out for big tenants"),
        tool("pytest -q tests/test_export.py", "E   TimeoutError: export took 31.2s\n1 failed, 6 passed", code=1),
        A("The export builds every row in memory. Quick option: raise the gateway timeout in gateway.yaml."),
        tool("deploy/gateway.yaml", "Applied edit: timeout 30s -> 90s", name="Edit"),
        tool("pytest -q tests/test_export.py", "E   TimeoutError: export took 31.4s\n1 failed, 6 passed", code=1),
        A("The test still times out: the limit is enforced by the client, not the gateway. "
          "That doesn't help, I'm reverting it. The real fix is streaming the CSV rows with a generator."),
        tool("src/export/csv_stream.py", "Applied edit", name="Edit"),
        tool("pytest -q tests/test_export.py", "7 passed in 2.10s", code=0),
    ]
    cands = extract_candidates(turns, project="exp")
    fixes = [c for c in cands if c.kind == "BUG_FIX"]
    failed = [c for c in cands if c.kind == "FAILED"]
    assert len(fixes) == 1 and fixes[0].files == ["src/export/csv_stream.py"]
    assert "stream" in fixes[0].text.lower() and "gateway" not in fixes[0].text.lower()
    assert failed and "client" in failed[0].text.lower()


def test_bare_verdict_after_a_measurement_takes_its_subject_from_the_sentence_before() -> None:
    turns = [
        U("search feels sluggish, what are our options"),
        A("Let me measure the trigram index first."),
        tool("python bench/search.py --index trigram", "trigram: p95 840 ms over 10k queries"),
        A("The trigram index answers in 840 ms at p95 on 10k queries, far over our budget. Too slow, that rules it out."),
    ]
    failed = [c for c in extract_candidates(turns, project="s") if c.kind == "FAILED"]
    assert len(failed) == 1
    assert "trigram" in failed[0].text and "840" in failed[0].text and "abandoned" in failed[0].text.lower()


def test_lower_case_failure_count_marks_a_run_failed_even_with_passing_files() -> None:
    turns = [
        U("the parser test is red"),
        tool("pnpm vitest run", "Test Files  1 failed | 3 passed (4)\n  → expected 3 to be 4"),
        A("The tokenizer drops the trailing token. I'll flush the buffer at end of input."),
        tool("src/tokenizer.ts", "Applied edit", name="Edit"),
        tool("pnpm vitest run", "Test Files  4 passed (4)"),
    ]
    fixes = [c for c in extract_candidates(turns, project="p") if c.kind == "BUG_FIX"]
    assert len(fixes) == 1 and "flush" in fixes[0].text


def test_small_talk_complaint_is_not_a_bug_report() -> None:
    turns = [
        U("morning. my bike got a flat and the train was broken too, what a day"),
        U("add a dark mode switch to the profile page"),
        tool("src/profile/DarkModeSwitch.tsx", "Created file", name="Write"),
        tool("npm test", "Tests: 12 passed, 12 total"),
    ]
    assert not [c for c in extract_candidates(turns, project="p") if c.kind == "BUG_FIX"]


def test_pasted_log_names_the_error_of_a_user_report() -> None:
    log = ("hey, checkout breaks since this morning. log:\n"
           "2025-01-02T10:00:00 INFO started\n"
           "java.lang.IllegalStateException: Cart already checked out for order 881\n"
           "\tat com.shop.Cart.checkout(Cart.java:42)")
    turns = [
        U(log),
        A("The retry path calls checkout twice. I'll make checkout idempotent per order id."),
        tool("src/main/java/com/shop/Cart.java", "Applied edit", name="Edit"),
        tool("./gradlew test", "BUILD SUCCESSFUL in 21s"),
    ]
    fixes = [c for c in extract_candidates(turns, project="shop") if c.kind == "BUG_FIX"]
    assert len(fixes) == 1 and "IllegalStateException" in fixes[0].text


def test_switching_away_from_an_old_choice_for_advantages_is_a_decision_not_a_failure() -> None:
    turns = [U("drop flask, move the admin api to fastapi. async views and the openapi docs come for free")]
    cands = extract_candidates(turns, project="admin")
    assert not [c for c in cands if c.kind == "FAILED"]
    dec = [c for c in cands if c.kind == "DECISION"]
    assert dec and "fastapi" in dec[0].text.lower() and "flask" in dec[0].replaces


def test_short_agreement_makes_the_assistants_proposal_the_decision() -> None:
    turns = [
        U("billing-api. invoices need a pdf export. options?"),
        A("We could render HTML with WeasyPrint or draw with ReportLab. I'd go with WeasyPrint: the templates "
          "stay in Jinja and designers can edit them."),
        U("yes ok, do that"),
    ]
    dec = [c for c in extract_candidates(turns, project="billing-api") if c.kind == "DECISION"]
    assert len(dec) == 1 and dec[0].text.startswith("WeasyPrint") and "jinja" in dec[0].text.lower()
    assert "pdf" in dec[0].text.lower()  # the need it answers, from the opening question


def test_agreement_with_a_deferral_makes_the_offer_a_todo_and_a_turn_down_accepts_nothing() -> None:
    turns = [
        A("Done. If you want, next time I can add retries with jitter to the webhook sender."),
        U("yes next time"),
    ]
    todos = [c for c in extract_candidates(turns, project="hooks") if c.kind == "TODO"]
    assert todos and "jitter" in todos[0].text
    turns = [A("I'd suggest moving the cron jobs to Celery beat."), U("ok forget celery beat, cron is fine")]
    assert not [c for c in extract_candidates(turns, project="j") if c.kind == "DECISION" and "beat" in c.text.lower()]


def test_content_after_a_decide_colon_is_the_decision() -> None:
    turns = [U("fine, let's settle it: invoice numbers are per tenant, not global. accounting asked for it")]
    dec = [c for c in extract_candidates(turns, project="inv") if c.kind == "DECISION"]
    assert [d.text for d in dec] == ["Invoice numbers are per tenant, not global"]


def test_keep_with_a_pronoun_is_no_decision() -> None:
    turns = [U("the team mostly does that already but I keep seeing long functions. just keep it in mind")]
    assert not [c for c in extract_candidates(turns, project="x") if c.kind == "DECISION"]


def test_stack_list_with_glued_versions_and_no_stack_from_a_pasted_log() -> None:
    turns = [U("raytrace-lab is C++17, cmake 3.27, ninja, opengl 4.6. the crash log:\n"
               "2025-03-01 12:00:01 ERROR at System.Net.Http.HttpClient.Send\n"
               "   at com.example.java.Loader.run(Loader.java:12)")]
    proj = [c for c in extract_candidates(turns, project="raytrace-lab") if c.kind == "PROJECT"]
    assert proj and proj[0].text.startswith("raytrace-lab: C++17, CMake 3.27, Ninja, OpenGL 4.6")
    assert ".NET" not in proj[0].text and "Java" not in proj[0].text


def test_terse_rules_and_contrast_decisions_without_any_cue_word() -> None:
    turns = [
        A("Added the route and its test."),
        U("thanks. never barrel files, ever. yarn only, don't touch the lockfile by hand. "
          "use zod not yup for new forms. we have only one staging box"),
    ]
    cands = extract_candidates(turns, project="web")
    rules = " | ".join(c.text for c in cands if c.kind in ("PREFERENCE", "PATTERN"))
    assert "barrel" in rules and "yarn only" in rules.lower()
    assert "staging" not in rules
    assert any(c.kind == "DECISION" and "zod" in c.text.lower() and "yup" in c.text.lower() for c in cands)


def test_location_rule_with_a_path_is_a_pattern() -> None:
    turns = [U("no, migrations go in db/migrations, not in src/")]
    pats = [c for c in extract_candidates(turns, project="api") if c.kind == "PATTERN"]
    assert pats and "db/migrations" in pats[0].text


def test_history_told_in_present_tense_or_after_a_suggestion_is_failed_with_what_followed() -> None:
    turns = [U("no, we try lerna last year and it was bad. every release bumped all packages, nobody could tell what changed")]
    failed = [c for c in extract_candidates(turns, project="mono") if c.kind == "FAILED"]
    assert failed and "lerna" in failed[0].text and "release" in failed[0].text
    turns = [U("someone suggested pgbouncer but we tried it in june, prepared statements broke under transaction "
               "pooling, so we removed it again")]
    failed = [c for c in extract_candidates(turns, project="db") if c.kind == "FAILED"]
    assert failed and "pgbouncer" in failed[0].text and "pooling" in failed[0].text


def test_history_told_mid_fix_does_not_cancel_the_bug_fix() -> None:
    turns = [
        U("the build is red since the logger change"),
        tool("make test", "undefined reference to `log_init'\ncollect2: error: ld returned 1 exit status", code=2),
        A("The test binary does not link liblog. I'll add it to the link line."),
        U("ok. fyi we tried static linking everything last year and it was slower than this, so stay dynamic"),
        tool("tests/Makefile", "Applied edit", name="Edit"),
        tool("make test", "all 40 tests passed", code=0),
    ]
    cands = extract_candidates(turns, project="c")
    assert [c for c in cands if c.kind == "BUG_FIX"]
    assert [c for c in cands if c.kind == "FAILED" and "static" in c.text]


def test_a_todo_picks_up_the_assistants_pointer_and_a_question_before_check() -> None:
    turns = [
        A("Done. I also noticed `POST /orders/{id}/refund` skips the audit log the same way."),
        U("thanks, the refund endpoint we do next week. pricing rounding same bug? check tomorrow"),
    ]
    todos = [c.text for c in extract_candidates(turns, project="shop") if c.kind == "TODO"]
    assert any("/orders/{id}/refund" in t for t in todos)
    assert any("pricing rounding" in t.lower() and "check tomorrow" in t for t in todos)


def test_zero_failed_summary_is_a_pass_and_closes_the_bug_fix() -> None:
    turns = [
        tool("ctest --test-dir build", "3/9 Test #3: ParserTest ... ***Failed\nerror: expected token ';'", code=None),
        A("The grammar table misses the new `;` rule. I'll regenerate it."),
        tool("src/grammar/table.inc", "Applied edit", name="Edit"),
        tool("ctest --test-dir build", "100% tests passed, 0 tests failed out of 9"),
    ]
    assert [c for c in extract_candidates(turns, project="p") if c.kind == "BUG_FIX"]


def test_the_assistants_failure_report_is_the_reason_when_the_user_only_drops_it() -> None:
    turns = [
        A("One cheap option is precompiled headers. Let me try them on the core lib."),
        tool("cmake --build build-pch", "error: conflicting declaration of 'Logger' in pch.hpp", code=1),
        A("Precompiled headers fail here: two modules declare their own `Logger`, which conflicts once both sit in the pch."),
        U("ok forget precompiled headers. distcc we have already anyway"),
    ]
    failed = [c for c in extract_candidates(turns, project="p") if c.kind == "FAILED"]
    assert failed and "precompiled headers" in failed[0].text.lower() and "Logger" in failed[0].text


def test_a_users_correction_of_the_assistant_is_a_decision() -> None:
    turns = [
        A("I'll add an axios interceptor for the auth header."),
        U("nope, we don't use axios. it's ky with a shared client in src/http. and tokens go in src/auth/, not in utils/"),
    ]
    cands = extract_candidates(turns, project="web")
    dec = [c for c in cands if c.kind == "DECISION"]
    assert dec and "ky" in dec[0].text and "axios" in dec[0].text and dec[0].replaces == ["axios"]
    assert [c for c in cands if c.kind == "PATTERN" and "src/auth/" in c.text]


def test_no_correction_without_an_assistant_turn_before() -> None:
    turns = [U("no, it's fine, the weather is nice today")]
    assert not [c for c in extract_candidates(turns, project="x") if c.kind == "DECISION"]


def test_a_setup_we_had_before_that_went_wrong_is_failed() -> None:
    turns = [U("please keep the cache off. we had memcached before and during sales the pool was exhausted within minutes.")]
    failed = [c for c in extract_candidates(turns, project="shop") if c.kind == "FAILED"]
    assert failed and failed[0].text.startswith("memcached")


def test_x_only_for_y_rule_with_an_article_is_kept() -> None:
    turns = [A("The metrics page is live."), U("the metrics page only for staff accounts, check it in the middleware.")]
    rules = [c for c in extract_candidates(turns, project="m") if c.kind in ("PREFERENCE", "PATTERN")]
    assert rules and "staff" in rules[0].text


def test_rerun_of_an_earlier_failing_command_is_the_check_after_a_hunch() -> None:
    turns = [
        tool("python run_etl.py --day 2025-02-01", "KeyError: 'region'", code=1),
        U("stop for today. tomorrow: I think the error is only from the new csv header."),
        A("The new export renamed the column to `Region`. I would normalise header case in reader.py."),
        tool("etl/reader.py", "Applied edit", name="Edit"),
        tool("python run_etl.py --day 2025-02-01", "loaded 1204 rows"),
    ]
    cands = extract_candidates(turns, project="etl")
    fixes = [c for c in cands if c.kind == "BUG_FIX"]
    assert len(fixes) == 1 and "KeyError" in fixes[0].text and fixes[0].files == ["etl/reader.py"]
    assert not [c for c in cands if c.kind in ("PREFERENCE", "PATTERN")]


def test_new_mechanisms_stay_quiet_on_small_talk_and_out_of_scope() -> None:
    turns = [
        A("I'd recommend restarting your terminal after the install."),
        U("ok"),
        tool("npm test", "Tests: 8 passed, 8 total"),
        A("All green. Caching the avatars is out of scope here; that's out of scope for this ticket."),
    ]
    assert extract_candidates(turns, project="w") == []


def test_user_verdict_on_an_edit_whose_check_still_fails_is_failed_not_the_fix() -> None:
    turns = [
        U("uploads over 20 MB fail with 413"),
        A("Let me raise the body limit: set `client_max_body_size 50m` in nginx.conf."),
        tool("deploy/nginx.conf", "Applied edit", name="Edit"),
        tool("pytest -q tests/test_upload.py", "E   AssertionError: 413 != 201\n1 failed", code=1),
        U("doesn't help, we removed it again. the limit comes from the ALB"),
        A("Then I'll raise the ALB limit in infra/alb.tf."),
        tool("infra/alb.tf", "Applied edit", name="Edit"),
        tool("pytest -q tests/test_upload.py", "3 passed in 1.1s", code=0),
    ]
    cands = extract_candidates(turns, project="up")
    failed = [c for c in cands if c.kind == "FAILED"]
    fixes = [c for c in cands if c.kind == "BUG_FIX"]
    assert failed and "client_max_body_size" in failed[0].text and "ALB" in failed[0].text
    assert fixes and fixes[0].files == ["infra/alb.tf"] and "client_max_body_size" not in fixes[0].text


def test_failed_attempt_later_adopted_by_the_user_is_no_dead_end() -> None:
    turns = [
        A("Let me enable `torch.compile` on the model for speed."),
        tool("train.py", "Applied edit", name="Edit"),
        tool("python train.py --steps 100", "RuntimeError: graph break in custom op", code=1),
        U("is not working. go back for now."),
        tool("train.py", "Applied edit", name="Edit"),
        tool("python train.py --steps 100", "done in 310s"),
        U("ok next day it works with the new op. we keep torch.compile on, it is the default now."),
    ]
    cands = extract_candidates(turns, project="t")
    assert not [c for c in cands if c.kind == "FAILED" and "compile" in c.text]


def test_arrow_decision_keeps_its_subject_and_contrast_and_no_x_ever_is_a_rule() -> None:
    turns = [U("decision for the cache -> we use redis, not memcached. no moment.js, ever.")]
    cands = extract_candidates(turns, project="c")
    dec = [c.text for c in cands if c.kind == "DECISION"]
    assert "Cache: we use redis, not memcached" in dec
    assert any(c.kind == "PREFERENCE" and c.text.lower().startswith("no moment.js") for c in cands)


def test_replacing_x_with_y_is_a_decision_and_keeps_failing_x_is_failed() -> None:
    cands = extract_candidates([U("we're replacing mocha with vitest in the cli package, one less dependency")], project="c")
    dec = [c for c in cands if c.kind == "DECISION"]
    assert dec and "vitest" in dec[0].text and "mocha" in dec[0].replaces
    assert not [c for c in cands if c.kind == "FAILED"]
    cands = extract_candidates([U("the cron container keeps dying on redeploy, moving the schedules to systemd timers")], project="c")
    failed = [c for c in cands if c.kind == "FAILED"]
    assert failed and "cron container" in failed[0].text and "dying" in failed[0].text


def test_go_with_a_number_picks_the_numbered_option() -> None:
    turns = [
        A("Two ways:\n1. A nightly `pg_dump` to S3 (simple, 24 h RPO).\n2. WAL archiving with `wal-g` (5 min RPO)."),
        U("go with 2"),
    ]
    dec = [c for c in extract_candidates(turns, project="db") if c.kind == "DECISION"]
    assert dec and "wal-g" in dec[0].text and "pg_dump" not in dec[0].text


def test_user_verdicts_on_what_was_just_tried_reject_it() -> None:
    turns = [
        A("I'll use duckdb for the rollups."),
        tool("pip install duckdb==1.1", "ERROR: duckdb wheel needs glibc 2.28; this host has 2.17", code=1),
        U("the batch hosts are on centos 7, that's out. stay with pandas"),
    ]
    failed = [c for c in extract_candidates(turns, project="r") if c.kind == "FAILED"]
    assert failed and failed[0].text.startswith("duckdb") and "glibc" in failed[0].text
    turns = [
        A("Let me benchmark typesense Cloud on the product catalogue."),
        tool("python bench.py --engine typesense", "index build 38 min, p95 640 ms"),
        U("38 min, too slow, that rules it out."),
    ]
    failed = [c for c in extract_candidates(turns, project="s") if c.kind == "FAILED"]
    assert failed and "typesense" in failed[0].text.lower() and "too slow" in failed[0].text


def test_the_fix_is_the_last_edit_after_a_reverted_one() -> None:
    turns = [
        tool("pytest -q tests/test_dates.py", "E   AssertionError: '2025-03-30' != '2025-03-31'\n1 failed", code=1),
        A("I'll shift the date by the UTC offset in `format_day`."),
        tool("app/dates.py", "Applied edit", name="Edit"),
        A("On second thought that doesn't help for DST days, reverting it. The real fix is to convert to the "
          "user's zone with zoneinfo before taking the date."),
        tool("git checkout app/dates.py", ""),
        tool("app/tz.py", "Applied edit", name="Edit"),
        tool("pytest -q tests/test_dates.py", "5 passed in 0.3s", code=0),
    ]
    fixes = [c for c in extract_candidates(turns, project="d") if c.kind == "BUG_FIX"]
    assert len(fixes) == 1 and fixes[0].files == ["app/tz.py"] and "zoneinfo" in fixes[0].text


def test_verdict_keeps_the_clause_it_belongs_to_and_the_fix_sentence_wins() -> None:
    turns = [
        A("Let me try `ON CONFLICT DO UPDATE` for the upsert."),
        tool("psql -f upsert.sql", "ERROR:  MERGE is required here", code=3),
        A("`ON CONFLICT` isn't supported on the foreign table (fdw), so that's out."),
    ]
    failed = [c for c in extract_candidates(turns, project="db") if c.kind == "FAILED"]
    assert failed and "foreign table" in failed[0].text


def test_a_slip_in_a_command_is_no_dead_end() -> None:
    turns = [
        tool("pytest tests/unit/test_auth.py", "ERROR: file or directory not found: tests/unit/test_auth.py", code=4),
        A("That didn't work, wrong path. Retrying with tests/test_auth.py."),
        tool("pytest tests/test_auth.py", "6 passed"),
    ]
    assert not [c for c in extract_candidates(turns, project="a") if c.kind == "FAILED"]


def test_assistant_verdict_closes_the_approach_it_opened_and_suppresses_its_decision() -> None:
    turns = [
        A("Let me try Redis Streams for the event fan-out."),
        tool("redis-cli XADD events '*' k v", "(error) ERR unknown command 'XADD'", code=1),
        A("Redis Streams aren't available on our managed Redis 4, so that's out."),
        U("ok then plain SNS topics."),
    ]
    cands = extract_candidates(turns, project="ev")
    failed = [c for c in cands if c.kind == "FAILED"]
    assert len(failed) == 1 and failed[0].text.lower().startswith("redis streams") and "redis 4" in failed[0].text.lower()
    assert not [c for c in cands if c.kind == "DECISION" and "streams" in c.text.lower()]


def test_more_agreement_and_correction_shapes() -> None:
    turns = [A("The cron trigger is simpler here. Want me to switch the nightly export to a `CronJob` in k8s/export.yaml?"),
             U("alright, ship it")]
    dec = [c for c in extract_candidates(turns, project="k") if c.kind == "DECISION"]
    assert dec and "CronJob" in dec[0].text
    turns = [A("I'll wire it up with redux-saga."), U("we don't use sagas here. it's RTK Query for all fetching.")]
    dec = [c for c in extract_candidates(turns, project="w") if c.kind == "DECISION"]
    assert dec and "RTK Query" in dec[0].text and "sagas" in dec[0].text


def test_a_users_stack_list_keeps_unknown_names_with_versions() -> None:
    turns = [U("inventory-svc: quarkus 3.8, tidbyte 11, k8s 1.29, java 21. page 2 of the list is broken")]
    proj = [c.text for c in extract_candidates(turns, project="inventory-svc") if c.kind == "PROJECT"]
    assert proj and "tidbyte 11" in proj[0] and "Quarkus 3.8" in proj[0]
    assert "page" not in proj[0] and "k8s" not in proj[0]


def test_move_x_to_y_names_x_as_replaced() -> None:
    from memwrap.reversal import replaced_phrases
    assert replaced_phrases("ok, move the job queue to sqs: cheaper and managed") == ["job queue"]
    assert replaced_phrases("moving on to the tests now") == []
    assert replaced_phrases("Roles are in Terraform now; the Makefile is gone") == ["makefile"]
    # a symptom that went away is not a way of working given up
    assert replaced_phrases("Tests pass now, the warnings are gone") == []
    assert replaced_phrases("Fast DDS with a discovery server. Replaces the CycloneDDS static-peer setup") == [
        "cyclonedds static-peer setup"]
    assert replaced_phrases("SQLite replaced by Postgres on Neon") == ["sqlite"]
    assert replaced_phrases("I replaced the cron job with a systemd timer") == ["cron job"]  # once, not "cron job with ..."
    assert replaced_phrases("nightly precompute no longer used") == ["nightly precompute"]


def test_sentences_keep_a_list_number_with_its_item_but_split_after_a_version() -> None:
    from memwrap.classify import sentences
    assert sentences("We run Python 3. Then deploy.\nTwo parts:\n1. A query.") == [
        "We run Python 3.", "Then deploy.", "Two parts:", "1. A query."]
    assert sentences("Proper fix: 1. A fetch join. Done.") == ["Proper fix: 1. A fetch join.", "Done."]


def test_agreement_naming_the_thing_takes_the_assistants_sentence_about_it() -> None:
    turns = [
        A("`ingest-v1` can't do partial retries, so that's out. I'll use `ingest-v2` with per-file checkpoints instead."),
        U("ok ingest-v2. go"),
    ]
    dec = [c for c in extract_candidates(turns, project="i") if c.kind == "DECISION"]
    assert dec and dec[0].text.startswith("Use `ingest-v2`") and "checkpoints" in dec[0].text


def test_an_accepted_proposal_that_fails_later_never_leaks_as_a_decision() -> None:
    turns = [
        A("I'd go with Litestream: it streams the SQLite WAL to S3 and needs no server."),
        U("ok litestream. go"),
        tool("litestream replicate -config litestream.yml", "ERROR: s3: AccessDenied: bucket policy forbids PutObject", code=1),
        U("security won't open that bucket, forget litestream. nightly sqlite3 .backup to the NAS instead."),
    ]
    cands = extract_candidates(turns, project="b")
    assert [c for c in cands if c.kind == "FAILED" and "litestream" in c.text.lower()]
    assert not [c for c in cands if c.kind != "FAILED" and "litestream" in c.text.lower()
                and "abandon" not in c.text.lower()]


def test_an_attempt_that_only_missed_an_import_is_no_dead_end() -> None:
    turns = [
        tool("npm test", "FAIL src/cart.test.ts\n  ReferenceError: round is not defined", code=1),
        A("I'll round totals with `round()` from lib/money."),
        tool("src/cart.ts", "Applied edit", name="Edit"),
        tool("npm test", "FAIL src/cart.test.ts\n  ReferenceError: round is not defined", code=1),
        A("That didn't work, I forgot to import it. Adding the import."),
        tool("src/cart.ts", "Applied edit", name="Edit"),
        tool("npm test", "Tests: 20 passed, 20 total", code=0),
    ]
    cands = extract_candidates(turns, project="c")
    assert not [c for c in cands if c.kind == "FAILED"]
    fixes = [c for c in cands if c.kind == "BUG_FIX"]
    assert fixes and fixes[0].files == ["src/cart.ts"]


def test_fail_edit_pass_with_no_words_at_all_is_a_bug_fix_naming_the_file() -> None:
    turns = [
        tool("go build ./...", "./main.go:12:2: undefined: loadConfig", code=1),
        tool("cmd/server/config.go", "Created file", name="Write"),
        tool("go build ./...", "", code=0),
    ]
    fixes = [c for c in extract_candidates(turns, project="p") if c.kind == "BUG_FIX"]
    assert fixes and "undefined: loadConfig" in fixes[0].text and fixes[0].files == ["cmd/server/config.go"]


def test_go_got_want_line_is_the_error_and_an_unnamed_attempt_takes_the_last_words_before_the_edit() -> None:
    turns = [
        tool("go test ./queue/...", "--- FAIL: TestOrder (0.10s)\n    order_test.go:30: got [b a], want [a b]\nFAIL", code=1),
        A("Workers pull in parallel. Quick option: bump prefetch to 1 in worker.go."),
        tool("queue/worker.go", "Applied edit", name="Edit"),
        tool("go test ./queue/...", "--- FAIL: TestOrder (0.10s)\n    order_test.go:30: got [b a], want [a b]\nFAIL", code=1),
        U("doesn't help, ordering needs a partition key"),
        A("Then I'll shard by account id so one account's jobs stay on one worker."),
        tool("queue/shard.go", "Applied edit", name="Edit"),
        tool("go test ./queue/...", "ok  	app/queue	0.2s", code=0),
        A("Green. I'd also suggest documenting the key in `docs/queue.md`."),
        U("sounds good"),
    ]
    cands = extract_candidates(turns, project="q")
    failed = [c for c in cands if c.kind == "FAILED"]
    fixes = [c for c in cands if c.kind == "BUG_FIX"]
    assert failed and failed[0].text.startswith("bump prefetch") and "partition key" in failed[0].text
    assert fixes and "got [b a], want [a b]" in fixes[0].text
    assert [c for c in cands if c.kind == "DECISION" and "docs/queue.md" in c.text]


def test_ok_thanks_bye_accepts_nothing() -> None:
    turns = [A("I'd suggest Postgres full-text search with a GIN index on `recipes.title`."), U("ok thanks, that's all for today. bye")]
    assert not [c for c in extract_candidates(turns, project="r") if c.kind == "DECISION"]


def test_a_pronoun_verdict_with_its_own_subject_rejects_that_subject_not_the_adopted_approach() -> None:
    turns = [
        A("We could use Keycloak or Auth0. I'd go with Keycloak: self-hosted and free."),
        U("ok keycloak. go"),
        A("Keycloak is running with the realm from realm.json."),
        U("good. sms login? sms gateway is not approved by compliance, that's out."),
    ]
    cands = extract_candidates(turns, project="id")
    failed = [c for c in cands if c.kind == "FAILED"]
    assert failed and failed[0].text.lower().startswith("sms gateway")
    assert not [c for c in failed if "keycloak" in c.text.lower()]
    assert [c for c in cands if c.kind == "DECISION" and "Keycloak" in c.text]


def test_going_with_option_n_names_the_option() -> None:
    turns = [
        A("Options:\n1. Nightly CSV export to the bucket `exports/`.\n2. A live read replica for the BI team."),
        U("hmm. let's go with option 1 for now, the replica costs too much"),
    ]
    dec = [c for c in extract_candidates(turns, project="bi") if c.kind == "DECISION"]
    assert dec and "CSV export" in dec[0].text


def test_acceptance_in_the_users_own_words_and_a_labelled_rule() -> None:
    turns = [
        U("What id type for invoices? Our accounts use bigint identity."),
        A("UUID (`gen_random_uuid()`) lets offline clients create invoices before syncing, so UUID fits."),
        U("yes, uuid primary keys with gen_random_uuid() for invoices. go"),
        A("Writing the migration."),
        U("rule for the team: never edit an applied migration, always a new version. thanks"),
    ]
    got = extract_candidates(turns, project="ledger")
    assert any(c.kind == "DECISION" and "gen_random_uuid()" in c.text for c in got)
    assert any(c.kind in ("PREFERENCE", "PATTERN") and c.text.startswith("Never edit an applied migration")
               for c in got)


def test_terse_choice_takes_what_the_assistant_said_about_it() -> None:
    turns = [
        U("the queries are hand-written strings. should we use HoneySQL?"),
        A("I think so. With HoneySQL 2 each query is a plain data structure that `sql/format` turns into a vector."),
        U("Ok let's go with HoneySQL."),
    ]
    decisions = [c.text for c in extract_candidates(turns, project="meters") if c.kind == "DECISION"]
    assert any("sql/format" in d for d in decisions), decisions


def test_do_it_after_yes_answer_to_the_users_own_proposal() -> None:
    turns = [
        U("when two branches both add V10 we get collisions. can we number by timestamp?"),
        A("Yes: name migrations `V<yyyymmddHHMM>__description.sql` (e.g. `V202403051420__invoices.sql`); "
          "Flyway orders versions numerically."),
        U("do it for new ones from now on, keep the old 1-10 as they are."),
    ]
    got = [c.text for c in extract_candidates(turns, project="ledger") if c.kind in ("DECISION", "PATTERN")]
    assert any("timestamp" in t and "`V<yyyymmddHHMM>__description.sql`" in t for t in got), got


def test_live_attempt_is_named_by_what_the_edit_added_and_the_error_names() -> None:
    turns = [
        U("also filter by sku, optional."),
        tool("db/queries/items.sql", "+  AND (cardinality(sqlc.slice('skus')) = 0 OR sku IN (sqlc.slice('skus')))", name="Edit"),
        tool("make generate", "sqlc generate\ndb/queries/items.sql:7:20: function sqlc.slice(unknown) does not exist\n"
                              "make: *** [Makefile:14: generate] Error 1", code=2),
        A("With the postgresql engine sqlc hands the query to the Postgres analyzer, which has no such function. "
          "Reverting that line."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="stockd") if c.kind == "FAILED"]
    assert any(t.lower().startswith("sqlc.slice") and "no such function" in t for t in failed), failed


def test_pasted_command_output_in_a_user_turn_is_not_a_statement() -> None:
    turns = [
        A("Done."),
        U("other thing, the dashboard alerts on Unknown:\n\n  ERROR:\n    Code: Unknown\n    Message: no rows in result set"),
    ]
    assert not [c for c in extract_candidates(turns, project="x") if c.kind in ("DECISION", "PREFERENCE", "PATTERN")]


def test_prohibition_bare_no_and_a_deferred_offer() -> None:
    turns = [
        A("sqlc inferred the limit as int64. I'll change the field type in internal/db/items.sql.go."),
        U("don't edit internal/db. generated. change the query, run make generate."),
        A("Right, casting in the query instead."),
        tool("internal/server/items_test.go", "+\trequire.Error(t, err)", name="Edit"),
        U("no testify. stdlib testing only, like the rest of the file."),
        A("Green. The keyset query wants an index on `items (warehouse_id, created_at DESC)`. "
          "Want me to add the migration?"),
        U("later. migrations need review by Kasia."),
    ]
    got = extract_candidates(turns, project="stockd")
    rules = [c.text for c in got if c.kind in ("PATTERN", "PREFERENCE")]
    assert any(t.lower().startswith("don't edit internal/db") for t in rules), rules
    assert any(t.lower().startswith("no testify") for t in rules), rules
    todos = [c.text for c in got if c.kind == "TODO"]
    assert any("index" in t and "migration" in t for t in todos), todos


def test_refused_install_then_dropped_is_failed_not_a_bug_fix() -> None:
    turns = [
        U("sure, try the pinia bump if it's painless, if not forget it."),
        tool("npm i pinia@3", "npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree\n"
                              "npm ERR! peer vue@\"^3.5.11\" from pinia@3.0.1", code=1),
        A("Not painless, so I'm dropping it. Pinia 3.0.1 has a peer dependency `vue@^3.5.11` and you're on `vue ~3.4.21`."),
        tool("src/stores/cart.ts", "+  const items = useStorage('cart', [])", name="Edit"),
        tool("npx vitest run", "Test Files  1 passed (1)\n     Tests  3 passed (3)", code=0),
    ]
    got = extract_candidates(turns, project="shop")
    assert any(c.kind == "FAILED" and c.text.startswith("pinia@3") and "vue@^3.5.11" in c.text for c in got), got
    assert not [c for c in got if c.kind == "BUG_FIX"]


def test_a_file_read_is_never_a_failing_run() -> None:
    from memwrap.classify import _tool_info

    info = _tool_info(tool("src/api/client.ts", "async onResponseError({ response }) {\n  throw new Error('x')\n}", name="Read"))
    assert not info.failed and not info.error


def test_short_error_keeps_the_message_not_the_places() -> None:
    from memwrap.classify import _short_error

    ld = ("/usr/bin/ld: CMakeFiles/app.dir/src/canvas.cpp.o: in function `Canvas::Canvas()': "
          "/home/p/src/app/src/canvas.cpp:14: undefined reference to `vtable for Canvas'")
    assert _short_error(ld) == "undefined reference to `vtable for Canvas'"
    assert _short_error("src/app.py:12: TypeError: x") == "TypeError: x"


def test_no_x_please_is_a_rule_and_does_not_reject_the_last_idea() -> None:
    turns = [
        U("maybe with QT_QPA_PLATFORM=xcb?"),
        tool("QT_QPA_PLATFORM=xcb ./app --bench", "avg 47.1 ms/frame (21 fps)"),
        U("21 fps, basically not faster. no, revert the opengl thing."),
        A("Reverting. Caching tiles instead."),
        tool("src/tileitem.cpp", "+    setCacheMode(DeviceCoordinateCache);", name="Edit"),
        tool("src/canvas.cpp", "+    delete m_hover;", name="Edit"),
        A("Done."),
        U("wait, no naked delete please. in my code everything is owned by a Qt parent or a unique_ptr."),
    ]
    got = extract_candidates(turns, project="tiles")
    assert not any(c.kind == "FAILED" and "QT_QPA_PLATFORM" in c.text for c in got), got
    assert any(c.kind in ("PREFERENCE", "PATTERN") and "delete" in c.text for c in got), got


def test_short_answer_to_a_which_question_is_a_decision_and_x_no_turns_x_down() -> None:
    turns = [
        A("Three fixes: (1) guard the status, (2) make the job unique, (3) an `emailed_at` column. "
          "For the unique option: what window do you want?"),
        U("10 minutes, yes. Support has a resend button that uses the same worker. The emailed_at, no: we have a "
          "migration freeze until Monday."),
    ]
    got = extract_candidates(turns, project="ledgerly")
    assert any(c.kind == "DECISION" and "unique" in c.text and "10 minutes" in c.text for c in got), got
    assert any(c.kind == "FAILED" and c.text.startswith("emailed_at") and "freeze" in c.text for c in got), got
    assert not any(c.kind != "FAILED" and "emailed_at" in c.text for c in got)


def test_bad_idea_reverting_takes_the_why_that_follows() -> None:
    turns = [
        tool("config/test.exs", "-config :app, Oban, testing: :manual\n+config :app, Oban, testing: :inline", name="Edit"),
        tool("mix test", "1) test enqueuing twice sends one email\n   Expected no more emails\n104 tests, 1 failure", code=2),
        A("That was a bad idea, reverting. In `:inline` mode Oban never writes the job to `oban_jobs`, so the unique "
          "check is skipped."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="app") if c.kind == "FAILED"]
    assert any(":inline" in t and "unique" in t for t in failed), failed


def test_work_for_later_is_a_todo_even_when_it_says_only() -> None:
    turns = [
        A("Committed."),
        U("that is not for you :) But one thing for later: the Oban Pruner keeps completed jobs only 60 seconds "
          "(max_age: 60). We should put 7 days."),
    ]
    todos = [c.text for c in extract_candidates(turns, project="app") if c.kind == "TODO"]
    assert any("Pruner" in t and "60" in t for t in todos), todos


def test_reverting_the_named_thing_after_it_could_not_run() -> None:
    turns = [
        U("just try bumping the memory for this task"),
        tool("dags/rollup.py", '+    @task(executor_config={"pod_override": pod(memory="6Gi")})', name="Edit"),
        tool("kubectl describe pod rollup-p2v9", "Warning FailedScheduling 0/4 nodes are available: 4 Insufficient memory."),
        A("That doesn't work: the pod can never be scheduled, the nodes have ~3.2 GiB allocatable. "
          "I'm reverting the `pod_override`; the fix has to be in the code."),
        U("ok, move the schedule to 03:30 UTC please."),
    ]
    got = extract_candidates(turns, project="sales")
    assert any(c.kind == "FAILED" and c.text.startswith("pod_override") for c in got), got
    assert any(c.kind == "DECISION" and "03:30" in c.text for c in got), got


def test_json_error_body_and_an_install_that_fixes_it() -> None:
    body = ('HTTP/1.1 500 Internal Server Error\n\n{"type":"https://tools.ietf.org/html/rfc2616","title":"An error occurred",'
            '"status":500,"detail":"Warning: Attempt to read property \\"url\\" on array","class":"ErrorException"}')
    turns = [
        U("create products with images please"),
        tool("curl -si -X POST localhost:8000/api/products -d @p.json", body),
        A("The nested images arrive as plain arrays. Symfony reads the `@var ImageInput[]` docblock only when "
          "`phpdocumentor/reflection-docblock` is installed; it isn't."),
        tool("composer require phpdocumentor/reflection-docblock", "Using version ^5.4 for phpdocumentor/reflection-docblock"),
        tool("curl -si -X POST localhost:8000/api/products -d @p.json", "HTTP/1.1 201 Created"),
    ]
    fixes = [c.text for c in extract_candidates(turns, project="catalog") if c.kind == "BUG_FIX"]
    assert fixes and fixes[0].startswith('Attempt to read property "url" on array'), fixes
    assert "docblock" in fixes[0]


def test_fronted_object_told_as_history_is_failed() -> None:
    from memwrap.extract.narrated import narrated_failures

    found = narrated_failures("And before you suggest it: API Platform we used in my previous job, way too much magic. So no.")
    assert [n.subject for n in found] == ["API Platform"] and "magic" in found[0].reason


def test_acceptance_of_an_option_from_an_earlier_message_of_the_same_reply() -> None:
    turns = [
        U("the cart should survive a reload"),
        A("Three ways:\n1. **pinia-plugin-persistedstate**: a new dependency.\n"
          "2. **`useStorage` from `@vueuse/core`**: replace `ref([])` with `useStorage('cart', [])` in the store."),
        tool("package.json", '"@vueuse/core": "^10.9.0"', name="Read"),
        A("You already depend on `@vueuse/core`. Side note: you're on `pinia ^2.1.7`; Pinia 3 is out."),
        U("useStorage sounds good, no new deps please."),
    ]
    decisions = [c.text for c in extract_candidates(turns, project="shop") if c.kind == "DECISION"]
    assert any("useStorage('cart', [])" in d for d in decisions), decisions


def test_ok_drop_the_x_thing_accepts_nothing() -> None:
    from memwrap.extract.statements import accepted_proposal

    assert accepted_proposal("ah ok, yeah drop the terminate thing.",
                             "I'd untrack it in a `terminate/2` callback. That fails when the socket drops.") is None


def test_an_explanation_is_not_an_accepted_proposal() -> None:
    from memwrap.extract.statements import accepted_proposal

    explained = ("Since `Footer` is a server-rendered component (not an island), `new Date().getFullYear()` runs on the "
                 "server. Your `ThemeToggle` is an island because it needs `onClick`. Want me to add a test?")
    assert accepted_proposal("that was fast, thanks `ThemeToggle` works", explained) is None
    assert accepted_proposal("yes do it", "I'd cache tiles with `DeviceCoordinateCache` in `TileItem`.") is not None


def test_a_failed_upgrade_removes_only_its_item_from_the_stack() -> None:
    turns = [
        U("the cart badge is wrong, and maybe bump pinia"),
        tool("package.json", '{\n  "dependencies": {\n    "pinia": "^2.1.7",\n    "vue": "~3.4.21"\n  }\n}', name="Read"),
        tool("npm i pinia@3", "npm ERR! code ERESOLVE\nnpm ERR! peer vue@\"^3.5.11\" from pinia@3.0.1", code=1),
        A("That doesn't install: Pinia 3 needs `vue@^3.5.11`, you're on `vue ~3.4.21`. Not worth it."),
    ]
    got = extract_candidates(turns, project="shop")
    project = [c.text for c in got if c.kind == "PROJECT"]
    assert project and "vue 3.4.21" in project[0] and "pinia" not in project[0].lower(), project


def test_a_prohibition_inside_a_sentence_is_a_rule() -> None:
    turns = [
        A("Streaming it now."),
        U("ok. btw keep writing the intermediate as parquet to the work bucket like now, don't you dare put "
          "dataframes in XCom, somebody did that last year."),
    ]
    rules = [c.text for c in extract_candidates(turns, project="p") if c.kind in ("PATTERN", "PREFERENCE")]
    assert any("XCom" in r and "parquet" in r for r in rules), rules


def test_a_lettered_option_picked_by_its_letter() -> None:
    from memwrap.extract.statements import _numbered_pick

    options = "Options:\na) **Keyset pagination** on `(created_at, id)`.\nb) Keep OFFSET, add `id` as tiebreaker.\n"
    assert _numbered_pick("a. max 1000, default 100.", options) == "Keyset pagination on `(created_at, id)`."
    assert _numbered_pick("a good idea, thanks", options) == ""
    assert _numbered_pick("go with 2", "1. X here\n2. Y there") == "Y there"


def test_an_option_picked_by_its_name() -> None:
    from memwrap.extract.statements import _named_pick

    options = ("Three ways:\n1. **Serializer groups on the entities**: `#[Groups]` on the fields.\n"
               "2. **Dedicated response DTOs**: more code.\n3. **A normalizer per entity**: in between.")
    assert _named_pick("groups. quickest, we are three people", options).startswith("Serializer groups")
    assert _named_pick("the DTOs", options).startswith("Dedicated response DTOs")
    assert _named_pick("thanks a lot", options) == ""


def test_a_description_with_only_or_never_is_not_a_rule() -> None:
    turns = [
        A("Looking at the order path."),
        U("My first thought was the products cache but we don't cache stock, only the catalog. "
          "the local postgres has max_connections 50, we never hit that. "
          "While you're in there, named exports only please, I saw a default export sneak in."),
    ]
    rules = [c.text for c in extract_candidates(turns, project="shop") if c.kind in ("PREFERENCE", "PATTERN")]
    assert not any("first thought" in r or "max_connections" in r for r in rules), rules
    assert any("named exports only" in r for r in rules), rules


def test_a_python_traceback_gives_its_exception_line_not_a_source_line() -> None:
    from memwrap.classify import _pick_error

    chained = ('Traceback (most recent call last):\n  File "/venv/httpcore/_backends/sync.py", line 126, in read\n'
               '    with map_exceptions(exc_map):\n  File "/venv/httpcore/_exceptions.py", line 14, in map_exceptions\n'
               '    raise to_exc(exc) from exc\nhttpcore.ReadTimeout: The read operation timed out\n\n'
               'The above exception was the direct cause of the following exception:\n\n'
               'Traceback (most recent call last):\n  File "/src/relnotes/github.py", line 58, in compare\n'
               '    r = self.client.get(url)\nhttpx.ReadTimeout: The read operation timed out')
    assert _pick_error(chained, True).endswith("ReadTimeout: The read operation timed out")


def test_error_lines_from_gradle_celery_and_rust() -> None:
    from memwrap.classify import _pick_error, _short_error

    gradle = ("FAILURE: Build failed with an exception.\n\n* What went wrong:\nExecution failed for task ':app:kspDebugKotlin'.\n"
              "> ksp-1.9.23-1.0.19 is too new for kotlin-1.9.22.\n\nBUILD FAILED in 3s")
    assert _pick_error(gradle, True) == "ksp-1.9.23-1.0.19 is too new for kotlin-1.9.22."
    celery = "[2026-11-01 02:00:03,118: ERROR/ForkPoolWorker-3] Task invoicing.generate raised IntegrityError: duplicate key"
    assert _pick_error(celery, True).startswith("Task invoicing.generate raised IntegrityError")
    assert _short_error("thread 'tests::list' panicked at src/routes.rs:88:9: expected a sequence") == \
        "panicked: expected a sequence"


def test_several_labelled_problems_fixed_together_are_one_bug_fix_each() -> None:
    turns = [
        U("player sometimes falls straight through the thin platforms. also the movement looks jittery."),
        A("Three separate problems:\n\n**Falling through**: the platform colliders are 0.1 units thick and collision "
          "detection is Discrete, so the body tunnels.\n\n**Jitter**: `m_Interpolate: 0`, velocity written in `Update`."
          "\n\n**Infinite jump**: the ground check has no layer mask and hits the player's own collider."),
        U("oh!! i thought that was a feature lol. ok fix all three"),
        tool("Assets/Scripts/PlayerController.cs", "+ rb.interpolation = RigidbodyInterpolation2D.Interpolate;", name="Edit"),
        tool("Unity -batchmode -runTests", '<test-run id="2" result="Passed" total="14" passed="14" failed="0">'),
    ]
    fixes = [c.text for c in extract_candidates(turns, project="game") if c.kind == "BUG_FIX"]
    assert [f.split(":")[0] for f in fixes] == ["Falling through", "Jitter", "Infinite jump"], fixes


def test_an_upgrade_given_up_with_a_bare_revert_is_failed() -> None:
    turns = [
        U("ok, let's also update cinemachine, there is 3.0 in the package manager"),
        tool("Packages/manifest.json", '-    "com.unity.cinemachine": "2.9.7",\n+    "com.unity.cinemachine": "3.0.1",', name="Edit"),
        tool("Unity -batchmode -quit", "Assets/Scripts/CameraFollow.cs(3,7): error CS0246: The type or namespace name "
                                       "'Cinemachine' could not be found", code=1),
        A("Cinemachine 3 is a rewrite: the namespace moved to `Unity.Cinemachine`. All four camera scripts break."),
        U("ugh ok revert, stay on 2.9.7"),
    ]
    got = extract_candidates(turns, project="game")
    assert any(c.kind == "FAILED" and c.text.lower().startswith("cinemachine") for c in got), got
    assert not any(c.kind == "DECISION" and "update cinemachine" in c.text.lower() for c in got)


def test_open_items_the_assistant_records_are_todos() -> None:
    turns = [
        U("later. need to ask finance what they want for aging first. leave a note"),
        A("Noted as open items:\n- add the `(customer_id, due_date)` partial index on invoices as V5 (aging report seq scan)\n"
          "- confirm with finance whether aging buckets use due_date or issue_date\n"
          "- Exposed 0.44 -> 0.50 SELECT DSL migration as a separate PR"),
    ]
    todos = [c.text for c in extract_candidates(turns, project="inv") if c.kind == "TODO"]
    assert len([t for t in todos if "partial index" in t or "finance" in t or "SELECT DSL" in t]) == 3, todos


def test_a_version_bump_that_breaks_the_build_is_named_by_it() -> None:
    from memwrap.classify import _version_bump

    edit = '{\n "file_path": "build.gradle.kts",\n "old_string": "val exposedVersion = \\"0.44.1\\"",\n "new_string": "val exposedVersion = \\"0.50.1\\""\n}'
    assert _version_bump(edit) == "exposed 0.50.1"
    assert _version_bump('-    "com.unity.cinemachine": "2.9.7",\n+    "com.unity.cinemachine": "3.0.1",') == "com.unity.cinemachine 3.0.1"
    assert _version_bump("-x = foo(1.0)\n+x = bar(2.0)") == ""


def test_a_short_recommendation_takes_the_plan_line_that_says_what_it_is() -> None:
    from memwrap.extract.statements import accepted_proposal

    plan = ("Plan:\n- `GET /items?page=1&per_page=25`\n- OFFSET/LIMIT pagination: `page` is 1-based, `per_page` defaults to 25 "
            "and is capped at 100.\nI'd do offset since the frontend expects it.")
    acc = accepted_proposal("yep, offset. items table is ~20k rows", plan)
    assert acc is not None and "pagination" in acc.proposal and "I'd do offset" in acc.proposal


def test_a_picked_option_that_failed_its_check_and_was_reverted() -> None:
    turns = [
        A("Two ways to avoid the flash:\n\n1. `placeholderData: keepPreviousData` keeps the old series.\n"
          "2. Use suspense: wrap the charts in `<Suspense>` with the skeleton as fallback."),
        U("2, try suspense. like the skeleton"),
        tool("src/pages/Overview.tsx", "+import { Suspense } from 'solid-js';\n+      <Suspense fallback={<ChartSkeleton />}>",
             name="Edit"),
        tool("npx vitest run", "❯ src/pages/Overview.test.tsx (4 tests | 1 failed)\n  AssertionError: expected picker to be mounted",
             code=1),
        A("The suspense version is worse. Any read of `cpu.data` suspends the outer boundary, so the whole page falls "
          "back to the skeleton and the range picker unmounts."),
        U("ok revert. go with 1"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="pulse") if c.kind == "FAILED"]
    assert any(t.lower().startswith("use suspense") and "skeleton" in t for t in failed), failed
    assert any(c.kind == "DECISION" and "keepPreviousData" in c.text for c in extract_candidates(turns, project="pulse"))


def test_a_keyword_inside_a_named_snippet_is_not_naming_it() -> None:
    from memwrap.extract.statements import accepted_proposal

    offer = ("Two ways to fix it:\n1. add `import Callout from '../components/Callout.astro'` to every MDX file, or\n"
             "2. pass the components once through the `components` prop.\n"
             "I'd put the map in one file, `src/components/mdx/index.ts`, so adding a component is one line.")
    acc = accepted_proposal("Yes the map, so the writers don't need to import every time.", offer)
    assert acc is not None and "import Callout" not in acc.proposal, acc


def test_ok_do_it_takes_the_option_the_assistant_recommended() -> None:
    from memwrap.extract.statements import accepted_proposal

    offer = ("Two ways:\n1. **`wire:poll.10s`** on the board: Livewire re-renders it every 10 seconds.\n"
             "2. **Broadcasting with Laravel Reverb + Echo**: fire an event on save, the board listens.\n\n"
             "For the pilot polling is plenty and much simpler. I'd do 1.")
    acc = accepted_proposal("ok do it", offer)
    assert acc is not None and "wire:poll.10s" in acc.proposal and "Reverb" not in acc.proposal


def test_the_user_taking_back_their_own_choice_makes_it_failed() -> None:
    turns = [
        U("I want an offline cache for the trails. Let's use multiplatform-settings and just store the trail list as one "
          "JSON string under a key."),
        A("Simple enough: a `TrailCache` that encodes the list under `trails.v1`."),
        tool("shared/src/commonMain/kotlin/TrailCache.kt", "+import com.russhwolf.settings.Settings", name="Edit"),
        U("Hmm wait. Actually no. Offline we'll need to filter ~3000 trails by region, one giant JSON blob will be "
          "horrible to query and slow to decode. Let's do SQLDelight instead. Sorry"),
    ]
    got = extract_candidates(turns, project="trailmate")
    assert not any(c.kind == "DECISION" and "multiplatform-settings" in c.text for c in got), got
    assert any(c.kind == "FAILED" and "multiplatform-settings" in c.text and "query" in c.text for c in got), got


def test_an_attempt_the_user_asked_for_reverted_is_failed_and_the_revert_is_no_fix() -> None:
    turns = [
        U("Now I want to make the api more fast. Can we put `runtime = \"edge\"` in the route of trpc? Just to try."),
        A("We can try - one concern is Prisma, which normally needs the Node runtime."),
        tool("src/app/api/trpc/[trpc]/route.ts", '+export const runtime = "edge";', name="Edit"),
        tool("npm run build", "Error [PrismaClientValidationError]: PrismaClient is not configured to run in Edge Runtime",
             code=1),
        A("As feared: the regular Prisma Client can't run on the Edge runtime without Accelerate or preview adapters."),
        U("Ah ok, no. We don't pay for Accelerate and I don't want preview features in prod. Revert please."),
        tool("src/app/api/trpc/[trpc]/route.ts", '-export const runtime = "edge";', name="Edit"),
        tool("npm run build", "✓ Compiled successfully", code=0),
    ]
    got = extract_candidates(turns, project="tabsplit")
    assert any(c.kind == "FAILED" and 'runtime = "edge"' in c.text and "Accelerate" in c.text for c in got), got
    assert not [c for c in got if c.kind == "BUG_FIX"], got


def test_long_always_rule_and_a_two_word_everywhere_rule() -> None:
    turns = [
        A("Found the leak: `db.query` keeps its connection until `rs.close`."),
        U("query_all. everywhere."),
        A("Done."),
        U("btw always pnpm here, not npm — the lockfile is pnpm's and npm makes a mess of it. and sure, start the dev server"),
    ]
    rules = [c.text for c in extract_candidates(turns, project="p") if c.kind in ("PATTERN", "PREFERENCE")]
    assert any("query_all" in r and "everywhere" in r for r in rules), rules
    assert any(r.lower().startswith("always pnpm") for r in rules), rules


def test_a_ban_on_a_named_thing_is_a_rule() -> None:
    turns = [
        A("Static linux binary builds in the Alpine image now."),
        U("no ORM btw if you were thinking about it for the models. no jennifer, no granite. plain crystal-db + pg."),
    ]
    rules = [c.text for c in extract_candidates(turns, project="parcel") if c.kind in ("PATTERN", "PREFERENCE")]
    assert any(r.lower().startswith("no orm") and "granite" in r for r in rules), rules
    assert not [c for c in extract_candidates([A("Done."), U("no problem, thanks!")], project="p")
                if c.kind in ("PATTERN", "PREFERENCE")]


def test_printing_a_config_file_is_not_a_failing_run() -> None:
    from memwrap.classify import _tool_info

    env = tool("cat .env", "DATABASE_URL=postgres://app@db:5432/x?max_pool_size=10&checkout_timeout=5\nJWT_SECRET=x")
    info = _tool_info(env)
    assert not info.failed and not info.error
    assert _tool_info(tool("tail -n 40 log/production.log", "ERROR DB::PoolTimeout: could not get connection")).error


def test_the_assistants_recap_list_gives_facts_of_the_right_kind() -> None:
    turns = [
        U("that's all, thanks"),
        A("Great! Summary of today:\n- Server components use the `createCaller`-based `api` from `~/trpc/server`.\n"
          "- Edge runtime tried and reverted (Prisma can't run there without `Accelerate`).\n"
          "- Open: Playwright e2e test for the `settle-up` flow."),
    ]
    got = {(c.kind, c.text.split(" ")[0]) for c in extract_candidates(turns, project="tabsplit")}
    assert ("DECISION", "Server") in got and ("FAILED", "Edge") in got and ("TODO", "Open:") in got, got


def test_an_inline_recap_gives_one_fact_per_item_and_keeps_bracketed_commas() -> None:
    turns = [
        U("ok that's it for today"),
        A("All 43 green. Summary: `Hangfire` removed (packages, dashboard, its schema), renders go through "
          "a bounded `Channel` (100) read by one `BackgroundService` per pod, and `POST /invoices` returns 503 when it is full."),
    ]
    texts = [c.text for c in extract_candidates(turns, project="invoices")]
    assert any(t.replace("`", "").startswith("Hangfire removed (packages, dashboard, its schema)") for t in texts), texts
    assert any("bounded Channel" in t.replace("`", "") and "Hangfire" not in t for t in texts), texts
    assert any(t.replace("`", "").startswith("POST /invoices returns 503") for t in texts), texts


def test_a_done_sentence_without_a_list_is_not_split() -> None:
    turns = [U("thanks"), A("Done: the migration `0042_sku` now backfills `LEGACY-<id>` before it adds the constraint.")]
    assert not [c for c in extract_candidates(turns, project="p") if c.text.startswith("The migration")]


def test_an_attempt_told_as_history_with_what_happened_is_failed() -> None:
    turns = [
        U("the board needs live updates for the dispatchers"),
        A("Options: Laravel Reverb, Pusher, or polling."),
        U("Reverb. We tried Pusher on the driver app last year and blew through the free tier's 200k messages/day "
          "within a week."),
    ]
    got = extract_candidates(turns, project="fleetdesk")
    assert any(c.kind == "FAILED" and "Pusher" in c.text and "200k" in c.text for c in got), got
    assert not any(c.kind != "FAILED" and "Pusher" in c.text for c in got), got


def test_an_attempt_told_as_history_that_went_well_is_no_failure() -> None:
    turns = [U("add caching to the catalog"), A("Redis or an in-process LRU?"),
             U("we tried an in-process LRU last year and it worked fine, do that again")]
    assert not [c for c in extract_candidates(turns, project="p") if c.kind == "FAILED"]


def test_a_rerun_behind_an_export_and_a_pipe_is_the_check_that_passes() -> None:
    turns = [
        U("relnotes generate times out on acme/platform. fix"),
        tool("export GITHUB_TOKEN=x && relnotes generate acme/platform --since v2.3.0",
             "httpx.ReadTimeout: The read operation timed out", code=1),
        A("The client is built without a `timeout`, so httpx uses its default of 5 seconds, and the compare "
          "endpoint takes 8-15 s to answer."),
        tool("src/relnotes/github.py", "-    client = httpx.Client()\n+    client = httpx.Client(timeout=httpx.Timeout(30.0))",
             name="Edit"),
        tool("relnotes generate acme/platform --since v2.3.0 | head -20", "## v2.4.0\n- feat: export", code=0),
        U("works, thanks"),
    ]
    got = extract_candidates(turns, project="relnotes")
    assert any(c.kind == "BUG_FIX" and not c.ranked and "timeout" in c.text.lower() for c in got), got
    assert not any(c.kind == "FAILED" for c in got), got


def test_a_new_error_the_fix_made_pass_keeps_its_own_cause() -> None:
    turns = [
        U("the report job crashes, look"),
        tool("pytest -q", "E   KeyError: 'region'\n1 failed", code=1),
        A("The loader drops the `region` column because the CSV header changed to `Region` in `exports/2024-q3.csv`, "
          "so `load_sales()` returns a frame without it and `by_region()` fails."),
        tool("src/report/load.py", "-    df = read(path)\n+    df = read(path).rename(columns=str.lower)", name="Edit"),
        tool("pytest -q", "E   TypeError: render() got an unexpected keyword argument 'mix_stderr'\n1 failed", code=1),
        A("Click 8.2 removed the `mix_stderr` argument from `CliRunner`."),
        tool("tests/conftest.py", "-    CliRunner(mix_stderr=False)\n+    CliRunner()", name="Edit"),
        tool("pytest -q", "12 passed", code=0),
    ]
    fixes = [c.text for c in extract_candidates(turns, project="report") if c.kind == "BUG_FIX" and not c.ranked]
    assert any(t.startswith("TypeError") and "Click 8.2" in t for t in fixes), fixes
    assert not any(t.startswith("TypeError") and "loader" in t for t in fixes), fixes


def test_noted_for_next_time_then_a_recap_is_no_open_items_list() -> None:
    turns = [U("leave it for now"), A("Noted for next time. Recap:\n- Per-host limit `--per-host`, default 4.\n"
                                      "- 429s retried with `Retry-After`, max 3 attempts.")]
    assert not [c for c in extract_candidates(turns, project="p") if c.kind == "TODO" and "Per-host" in c.text]


def test_wait_no_lets_not_takes_back_the_users_own_choice() -> None:
    turns = [
        U("For routing let's use shelf_router_generator with the @Route annotations, it looks neat in the README."),
        tool("dart pub add dev:build_runner dev:shelf_router_generator", "+ shelf_router_generator 1.1.0"),
        U("hmm wait. Seeing that .g.dart and the build_runner step... no. I actually hate codegen, every time someone "
          "forgets to run build_runner the CI breaks. Let's not. Plain Router() with the handlers registered by hand."),
    ]
    got = extract_candidates(turns, project="recipebox")
    assert not any(c.kind == "DECISION" and "shelf_router_generator" in c.text for c in got), got
    assert any(c.kind == "FAILED" and "shelf_router_generator" in c.text for c in got), got


def test_a_crash_after_a_successful_build_fails_the_run_and_same_crash_ends_the_attempt() -> None:
    turns = [
        U("the release build of the kiosk app dies on start, debug is fine"),
        A("The linker strips the Ticket constructor that the JSON mapper calls by reflection.\n\nWays out:\n"
          "1. `[KeepMembers]` on the model classes\n2. a linker descriptor XML that roots the Models namespace"),
        U("try the KeepMembers attribute, it's one line"),
        tool("Kiosk/Models/Ticket.cs", "+[KeepMembers]\n public class Ticket", name="Edit"),
        tool("dotnet build -c Release && ./run-emulator.sh",
             "Build succeeded.\n    0 Warning(s)\n    0 Error(s)\nStarting app\n"
             "E AndroidRuntime: FATAL EXCEPTION: main\n"
             "E AndroidRuntime: [System.MissingMethodException]: No parameterless constructor for 'Kiosk.Models.Ticket'"),
        A("Same crash. The new linker ignores that attribute, it only honours descriptors. Removing it again."),
        tool("Kiosk/Models/Ticket.cs", "-[KeepMembers]\n public class Ticket", name="Edit"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="kiosk") if c.kind == "FAILED"]
    assert any("KeepMembers" in t and "ignores" in t for t in failed), failed


def test_try_x_first_picks_the_named_option_as_the_attempt() -> None:
    turns = [
        U("the second spawn panics with arena full"),
        A("All task futures share one static arena of 4096 bytes.\n\nOptions:\n"
          "1. Enable the executor's `nightly` feature, so each task gets its own static.\n"
          "2. Raise the arena with the `task-arena-size-16384` feature."),
        U("try nightly first."),
        tool("Cargo.toml", '-features = ["defmt"]\n+features = ["defmt", "nightly"]', name="Edit"),
        tool("cargo build --release", "error[E0554]: `#![feature]` may not be used on the stable release channel", code=101),
        U("no. all our boards build on stable, not keeping a second toolchain around. revert, do 2"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="probe") if c.kind == "FAILED"]
    assert any("nightly" in t and "stable" in t for t in failed), failed


def test_a_setting_changed_and_checked_is_named_with_its_value() -> None:
    turns = [
        U("loss goes nan in epoch 3 again"),
        A("Quick experiment first: lowering the learning rate in the config."),
        tool("configs/train.yaml", "-  lr: 3.0e-4\n+  lr: 1.0e-4", name="Edit"),
        tool("python train.py --config configs/train.yaml", "step=2231 loss=nan\nFloatingPointError: non-finite loss nan",
             code=1),
        A("Still nan, just later: step 2231 instead of 2047. Reverting the LR."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="seg") if c.kind == "FAILED"]
    assert any("1.0e-4" in t for t in failed), failed


def test_an_unnamed_verdict_on_what_the_user_asked_names_that_ask() -> None:
    turns = [
        A("Two ways: wrap the handlers in `unsafeShared()` blocks, or give each worker its own `PgConn`."),
        U("so unsafeShared() is the one-liner... let's just try it, if it survives the load test I'm happy."),
        tool("src/server.ts", "+  unsafeShared(() => {\n+    return pool.query(sql)\n+  })", name="Edit"),
        tool("npm run loadtest", "Segmentation fault (core dumped)\nerror Command failed with exit code 139.", code=139),
        A("Didn't survive: the process segfaulted after ~10k requests, two workers used one connection at once."),
        U("yeah ok, that was optimistic 😅 revert, own connection per worker."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="api") if c.kind == "FAILED"]
    assert any("unsafeShared()" in t and "segfault" in t for t in failed), failed


def test_an_attempt_the_user_reports_with_a_turn_away_is_failed_under_its_code_name() -> None:
    turns = [
        U("the worker hangs after an hour under load. before you ask: I already tried raising worker_connections to "
          "4096 last month (never merged), that just made it hang later instead, and nginx logged `alert: too many "
          "open files` on top."),
        A("Then something holds connections open; let me look at the upstream keepalive settings."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="edge") if c.kind == "FAILED"]
    assert any("worker_connections" in t and "later" in t for t in failed), failed


def test_a_reported_attempt_is_not_revived_by_a_later_decision_on_the_same_subject() -> None:
    turns = [
        U("Last month I have try to parse the config myself with toml.loads_v1 but after the upgrade it not compile "
          "anymore, the function is just gone, so I give up on this. Now I want a config parser that lasts."),
        A("The old `toml.loads_v1` was removed in 2.0. The new `tomllib.load` reads the config file directly."),
        U("ok, use tomllib for the config parser."),
    ]
    got = extract_candidates(turns, project="cfg")
    assert any(c.kind == "FAILED" and "toml.loads_v1" in c.text for c in got), got


def test_a_user_who_tried_something_that_works_reports_no_failure() -> None:
    turns = [U("I already tried setting PYTHONHASHSEED=0 on the runner instead and it works, keep it")]
    assert not [c for c in extract_candidates(turns, project="ci") if c.kind == "FAILED"]


def test_a_failed_upgrade_then_stay_on_the_old_version_is_failed() -> None:
    turns = [
        U("also I want to bump Avalonia.Controls.DataGrid, we're on 11.0.6 and 11.2 has the column resizing I need"),
        tool("dotnet add package Avalonia.Controls.DataGrid --version 11.2.0",
             "Build succeeded in 0.5s\ninfo : Restoring packages...\n"
             "error: NU1605: Detected package downgrade: Avalonia from 11.2.0 to 11.0.6\n"
             "error: Package 'Avalonia.Controls.DataGrid' is incompatible with 'all' frameworks in project"),
        A("11.2 needs Avalonia 11.2 itself, so the whole UI stack would move. Nothing changed in the csproj."),
        U("no, stay on 11.0.6 for now. the Avalonia upgrade is its own thing"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="ledger") if c.kind == "FAILED"]
    assert any("datagrid" in t.lower() and "NU1605" in t for t in failed), failed


def test_useless_after_a_run_is_a_verdict_even_when_something_retries_on_its_own() -> None:
    turns = [
        U("can't we just restart the stuck consumers?"),
        A("A restart replays the same offsets against the same code, so I'd expect the same poison message."),
        U("try on one"),
        tool("kubectl rollout restart deploy/billing-consumer && sleep 20 && kubectl logs deploy/billing-consumer | tail -3",
             "deployment.apps/billing-consumer restarted\nERROR poison message at offset 88121: "
             "SerializationException: unknown field 'vat_rate'"),
        A("As expected, the restarted consumer fails on the identical poison message. A restart is useless until "
          "the schema is fixed, and after the fix the consumers retry on their own."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="billing") if c.kind == "FAILED"]
    assert any("restart" in t.lower() and "useless" in t for t in failed), failed


def test_a_report_ending_in_can_you_help_and_a_fix_the_assistant_sees_working_is_a_bug_fix() -> None:
    turns = [
        U("Hi! I keep the website of our choir. First, the concert times on the agenda are wrong, always one hour "
          "late. Can you help please?"),
        A("The `showTime` filter builds the time with `new Date(value)` and no zone, so the server's zone shifts "
          "it. The fix is to format with `timeZone: 'Europe/Paris'` in the filter."),
        tool("src/filters.js", "-  return fmt.format(new Date(value));\n+  return fmt.format(new Date(value), "
             "{ timeZone: 'Europe/Paris' });", name="Edit"),
        tool("npx @11ty/eleventy && grep -o '<time[^<]*</time>' _site/agenda/index.html",
             "[11ty] Wrote 40 files in 1.2 seconds\n<time>20:00</time>"),
        A("Times are correct now: 20:00 like in the programme."),
    ]
    fixes = [c.text for c in extract_candidates(turns, project="choir") if c.kind == "BUG_FIX" and not c.ranked]
    assert any("timeZone" in t or "zone" in t for t in fixes), fixes
    assert not any(t.startswith("First") for t in fixes), fixes


def test_a_setting_the_user_fixes_with_its_value_is_a_decision() -> None:
    turns = [A("Readings are stable now, ±3 counts."),
             U("good. the upload interval should be 15 min btw, not 20s, forgot to say. then commit"),
             U("it should be fine now, thanks")]
    decisions = [c.text for c in extract_candidates(turns, project="probe") if c.kind == "DECISION"]
    assert any("15 min" in d and "not 20s" in d for d in decisions), decisions
    assert not any("fine" in d for d in decisions), decisions


def test_a_fix_explained_but_never_said_as_an_action_is_told_by_the_line_the_edit_added() -> None:
    turns = [
        tool("go test ./workflows/ -run TestReplay", "--- FAIL: TestReplay (0.02s)\n    replay_test.go:31: "
             "[TMPRL1100] nondeterministic workflow definition code", code=1),
        A("The cutoff block uses `time.Now()`, which returns the replaying machine's time, not the time the "
          "decision was made. `workflow.Now(ctx)` returns the time recorded in the history."),
        tool("workflows/payout.go", "-\tnow := time.Now()\n+\t// replays must see the recorded time\n"
             "+\tnow := workflow.Now(ctx)", name="Edit"),
        tool("go test ./workflows/ -run TestReplay", "ok  \tpayouts/workflows\t0.4s", code=0),
    ]
    fixes = [c.text for c in extract_candidates(turns, project="payouts") if c.kind == "BUG_FIX" and not c.ranked]
    assert any("-> payout.go: now := workflow.Now(ctx)" in t for t in fixes), fixes


def test_a_measured_attempt_called_a_miss_is_failed_not_a_fix_and_try_a_picks_option_a() -> None:
    turns = [
        U("problem: opening the yearly chart freezes the whole app for ~3 seconds. ideas?"),
        A("The query runs on the UI thread. Options:\n\na) Stay on the UI thread but yield: walk the rows with "
          "`cursor.fetchmany()` and give control back every 500 rows with `QTimer.singleShot`.\n"
          "b) Move the query into a `QThread` worker."),
        U("try a. smallest diff."),
        tool("app/charts.py", "+    rows = cursor.fetchmany(500)\n+    QTimer.singleShot(0, self._next_batch)", name="Edit"),
        tool("python bench.py yearly", "yearly: 214 rows in 3190 ms\nui-thread max block: 2890 ms"),
        A("That didn't work: the longest block only went from 3010 ms to 2890 ms. The GROUP BY computes everything "
          "before the first row. I'll revert it."),
    ]
    got = extract_candidates(turns, project="ledger")
    failed = [c.text for c in got if c.kind == "FAILED"]
    assert any("fetchmany" in t and "2890" in t for t in failed), failed
    assert not any(c.kind == "BUG_FIX" and "fetchmany" in c.text for c in got), got


def test_a_rule_that_starts_with_no_keeps_its_no() -> None:
    turns = [A("Done: the card list renders from the store now."), U("ok looks good. no default exports btw, named only")]
    texts = [c.text for c in extract_candidates(turns, project="kanban") if c.kind in ("PREFERENCE", "DECISION")]
    assert texts and all(t.lower().startswith("no default exports") for t in texts), texts


def test_a_deferral_that_names_nothing_is_no_todo() -> None:
    turns = [A("Pushed the branch; CI is green."), U("ok. that's for next time, I'm out of time today."),
             U("nah, not today, just curious."), U("Nah running out of time, leave it for next time."),
             U("ok enough for today. whats left")]
    assert not [c for c in extract_candidates(turns, project="p") if c.kind == "TODO"]


def test_a_turn_down_with_entirely_names_just_the_thing() -> None:
    turns = [A("Let me try the keyval plugin for the settings."),
             tool("npm i @acme/keyval-plugin", "added 3 packages"),
             U("no, it rewrites the whole file on every change. drop the keyval plugin entirely, settings go in a table.")]
    failed = [c.text for c in extract_candidates(turns, project="p") if c.kind == "FAILED"]
    assert any(t.startswith("keyval plugin:") for t in failed), failed


def test_a_turn_down_pattern_that_catches_a_clause_names_no_option_or_only_its_name() -> None:
    def failed(user: str) -> list[str]:
        turns = [A("I set the cameras to use the VAAPI decoder; load dropped from 9 to 3."), U(user)]
        return [c.text for c in rule_candidates(turns, project="p") if c.kind == "FAILED"]
    # the tail of a relative clause, a noun use of the verb, a time: none of them is what was given up
    assert not any(t.startswith("crashes every") for t in failed(
        "no, revert that. a camera that crashes every 40 seconds is worse than high load. stable first."))
    assert not any(t.lower().startswith(("switch", "kill switch")) for t in failed(
        "related: 60s is too slow for a kill switch honestly. can we get streaming?"))
    assert not any(t.lower().startswith("2am") for t in failed("do the cron thing, 2am utc is dead quiet for us"))
    # a clause after the name is cut off: "fresh 2 when it's out" names fresh 2
    got = failed("nah put it back to 1.6; we'll look at fresh 2 when it's out of alpha")
    assert not any("when it" in t.split(":")[0] for t in got), got


def test_what_the_user_tried_or_used_before_is_history_not_a_choice_or_rule() -> None:
    turns = [
        A("Have you tried pandas for this?"),
        U("yes I tried pandas with chunksize=500k last month. the merge of partial means was a mess and it took 40 min."),
        U("We used node-cron before for this exact thing in version 1.x, on small boxes it only fires when the "
          "process is awake, so reminders stayed queued for hours."),
    ]
    got = extract_candidates(turns, project="etl")
    assert not [c for c in got if c.kind in ("DECISION", "PREFERENCE", "PATTERN")
                and ("pandas" in c.text or "node-cron" in c.text)], got


def test_x_is_pointless_turns_it_down() -> None:
    turns = [A("For the repository tests I'd use H2 in PostgreSQL mode, it starts in milliseconds."),
             U("H2 is pointless for us, we are on postgres 16 with jsonb all over. testcontainers.")]
    got = extract_candidates(turns, project="orders")
    assert any(c.kind == "FAILED" and "H2" in c.text for c in got), got
    assert not any(c.kind == "DECISION" and c.text.startswith("H2") for c in got), got


def test_no_not_x_about_what_the_assistant_just_proposed_turns_it_down() -> None:
    turns = [
        U("expired reservations must be released automatically"),
        A("The simplest way is a scheduled event with `wp_schedule_event` every 5 minutes, via WP-Cron."),
        U("No, not WP-Cron. on small shops it only runs when somebody visits, holds stayed forever. "
          "Use Action Scheduler, it ships with WooCommerce."),
    ]
    got = extract_candidates(turns, project="slots")
    assert any(c.kind == "FAILED" and "WP-Cron" in c.text for c in got), got


def test_an_attempt_told_as_history_and_judged_in_the_next_sentence_is_failed() -> None:
    turns = [
        A("Have you tried doing this with Dask?"),
        U("yes I tried dask with 8 workers last spring. the shuffle was a mess and a month took 50 min. so no dask pls"),
        U("we used celery beat before for the reports and it worked fine, keep that"),
    ]
    got = extract_candidates(turns, project="etl")
    failed = [c.text for c in got if c.kind == "FAILED"]
    assert any("dask" in t and "mess" in t for t in failed), failed
    assert not any("celery" in t for t in failed), failed


def test_terse_rules_with_filler_and_an_always_that_points_back() -> None:
    def rules(text: str) -> list[str]:
        got = extract_candidates([A("Done."), U(text)], project="p")
        return [c.text for c in got if c.kind in ("PREFERENCE", "PATTERN")]
    assert any("psalm" in r and "always before I commit" in r
               for r in rules("👍 run psalm too pls, level 5 is in the config. always before I commit")), "psalm"
    assert any(r.startswith("No kv namespaces pls") and "try b" not in r
               for r in rules("no kv namespaces pls, too pricey for a flag service, we looked at it already. try b"))
    assert any(r.startswith("No star imports") for r in rules("ya no star imports btw, ever. the ide keeps adding them"))


def test_a_change_made_by_the_failing_command_itself_is_named_by_the_plan_before_it() -> None:
    turns = [
        U("the node reboots every few minutes, stack overflow in the log"),
        A("My first guess is the main task stack: `CONFIG_MAIN_STACK_KB` is 4. Let me bump it to 8 and see."),
        tool("make menuconfig-set MAIN_STACK_KB=8 && make flash monitor | tail -5",
             "***ERROR*** A stack overflow in task sensor_task has been detected.\nBacktrace: 0x4038 0x4039", code=1),
        A("No change, same overflow in `sensor_task`: the main stack was the wrong lever. Reverting that change."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="node") if c.kind == "FAILED"]
    assert any("CONFIG_MAIN_STACK_KB" in t and "wrong lever" in t for t in failed), failed


def test_a_dont_that_names_one_listed_option_refuses_it_with_the_users_reason() -> None:
    turns = [
        U("the widget shows 0 habits done"),
        A("Both targets write their own store. Two ways to fix:\n1. point both containers at one store file in the "
          "App Group\n2. have the app copy `doneToday` into `SharedPrefs(suite:)` and let the widget read only that"),
        U("nah don't duplicate state into sharedprefs, I had that in v1 and it went out of sync constantly. "
          "read the actual store"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="streaky") if c.kind == "FAILED"]
    assert any("sharedprefs" in t.lower() and "out of sync" in t for t in failed), failed


def test_symptoms_listed_in_an_aside_are_no_approach() -> None:
    turns = [U("realm sync was super flaky (dupes, silent fails) and every schema change hurt, so I dropped it all")]
    failed = [c.text for c in extract_candidates(turns, project="p") if c.kind == "FAILED"]
    assert not any(t.lower().startswith("silent") for t in failed), failed


def test_a_ban_on_a_method_keeps_its_no() -> None:
    got = extract_candidates([A("Done."), U("also no .compute() in the middle of the transforms, keep it lazy till the sink, like you did")],
                             project="etl")
    texts = [c.text for c in got if c.kind in ("PREFERENCE", "PATTERN", "DECISION")]
    assert texts and all(t.lower().startswith("no .compute()") for t in texts), texts


def test_an_answer_about_what_was_used_before_and_judged_is_failed() -> None:
    turns = [A("Shared store it is. Did you use anything else for persistence before? I want to know what to migrate."),
             U("realm + atlas device sync, last year. the sync was super flaky and every schema change was hell, so I "
               "dropped it all. nothing to migrate")]
    failed = [c.text for c in extract_candidates(turns, project="p") if c.kind == "FAILED"]
    assert any("realm" in t.lower() and "flaky" in t for t in failed), failed


def test_so_it_needs_x_after_an_aside_is_the_fix() -> None:
    turns = [
        tool("./gradlew test", "> Task :test\n\nOutboxIT > poisonGoesToDlq() FAILED\n    org.apache.kafka.common.errors."
             "SerializationException: Can't convert value of class [B to class StringSerializer\n\n"
             "There were failing tests. See the report at: file:///build/reports/tests/test/index.html", code=1),
        A("The `dlqProducer` was copied from the audit producer, which sends JSON strings. The DLQ forwards the raw "
          "`byte[]` value (it may not even be valid UTF-8, often why it is poison), so it needs `ByteArraySerializer`."),
        tool("src/main/java/App.java", "-    VALUE_SERIALIZER, StringSerializer.class\n+    VALUE_SERIALIZER, "
             "ByteArraySerializer.class", name="Edit"),
        tool("./gradlew test", "BUILD SUCCESSFUL in 41s", code=0),
    ]
    fixes = [c.text for c in extract_candidates(turns, project="ledger") if c.kind == "BUG_FIX" and not c.ranked]
    assert any(t.endswith("-> needs `ByteArraySerializer`.") and "SerializationException" in t for t in fixes), fixes


def test_an_inline_open_item_before_a_summary_list_is_the_todo_and_the_list_is_not() -> None:
    turns = [U("keep that volume for now, I need to copy the old data out first. I'll do it thursday"),
             A("OK, left untouched. Open item: copy `data-redis-0` into `cache-new`, then delete the volume. "
               "Summary of 2.1.0:\n- redis subchart removed entirely (Chart.yaml, Chart.lock)\n"
               "- cache is always external via `externalCache.existingSecret`")]
    got = extract_candidates(turns, project="chart")
    todos = [c.text for c in got if c.kind == "TODO"]
    assert any("data-redis-0" in t and "delete the volume" in t for t in todos), todos
    assert not any("subchart removed" in t for t in todos), todos


def test_ill_revert_that_after_a_failing_run_ends_the_attempt_and_no_pls_is_no_name() -> None:
    turns = [
        A("Now the output side: one streaming pass with a partitioned sink instead of looping."),
        tool("src/etl/pipeline.py", "-    for month in months:\n+    frame.sink_parquet(pl.PartitionByKey(OUT, by='month'))",
             name="Edit"),
        tool("uv run python -m etl.run", "AttributeError: module 'polars' has no attribute 'PartitionByKey'", code=1),
        A("`pl.PartitionByKey` doesn't exist in polars 1.9. Since polars is pinned, I'll revert that and keep one "
          "`sink_parquet` per month."),
        tool("src/etl/pipeline.py", "-    frame.sink_parquet(pl.PartitionByKey(OUT, by='month'))\n+    for month in months:",
             name="Edit"),
        tool("uv run python -m etl.run", "wrote 10 months", code=0),
        A("For the join, let me try Dask instead."),
        U("no Dask pls, it was a mess last time"),
    ]
    got = extract_candidates(turns, project="etl")
    assert any(c.kind == "FAILED" and "PartitionByKey" in c.text for c in got), got
    assert not any(c.kind == "BUG_FIX" and "PartitionByKey" in c.text and "doesn't exist" not in c.text for c in got), got
    assert not any(c.kind == "FAILED" and "pls" in c.text.split(":")[0] for c in got), got


def test_ok_kill_x_after_drop_x_and_y_accepts_y() -> None:
    turns = [A("That doesn't work on a fresh install: the cron hook runs before the database exists.\n\n"
               "Better: drop the cron hook and run the seeding as a `postStart` step in the Deployment."),
             U("ok yeah kill the hook. same nonsense as on the payments chart")]
    got = extract_candidates(turns, project="chart")
    assert any(c.kind == "DECISION" and "postStart" in c.text and "dropped" in c.text for c in got), got


def test_a_loose_word_is_never_the_name_of_a_dead_end() -> None:
    turns = [A("I could add the state with the provider package."),
             U("no no, we don't use the provider package; reminders go in packages/notifications, not in lib/")]
    failed = [c.text for c in extract_candidates(turns, project="app") if c.kind == "FAILED"]
    assert not any(t.split(":")[0].strip().lower() in {"no", "always", "actually"} for t in failed), failed


def test_an_option_picked_by_number_counts_even_when_the_turn_states_its_own_reason() -> None:
    turns = [A("Options from here:\n\n1. Turn the sandbox off so the preload can require native modules.\n"
               "2. Open the database in the **main process** and expose a typed API via `ipcMain.handle` and "
               "`ipcRenderer.invoke`; the sandbox stays on.\n3. Put the database in a utility process."),
             U("Option 2, please. I'd rather keep the sandbox on, this app reads bank statements after all.")]
    decisions = [c.text for c in extract_candidates(turns, project="ledger") if c.kind == "DECISION"]
    assert any(d.startswith("Open the database in the main process") for d in decisions), decisions


def test_one_thing_pls_never_is_a_rule() -> None:
    got = extract_candidates([A("Done, all green."), U("nice!! one thing, pls never npm install stuff in here, "
                                                         "always pnpm add/remove. the lockfile got messed up twice")],
                             project="web")
    rules = [c for c in got if c.kind in ("PREFERENCE", "PATTERN")]
    assert any(c.text.lower().startswith("never npm install") and c.score >= 0.8 for c in rules), rules


def test_defined_exactly_once_in_a_file_is_a_convention() -> None:
    got = extract_candidates([A("Reverted."), U("small thing while you're at it: I'd like all event names defined exactly "
                                                "once, in src/shared/events.ts as a const object, imported by both sides.")],
                             project="app")
    assert any(c.kind in ("PATTERN", "PREFERENCE") and "events.ts" in c.text and not c.ranked for c in got), got


def test_a_deferral_of_the_thing_just_explained_takes_the_explanation() -> None:
    turns = [A("One gap: if the worker process crashes, nothing restarts it. It needs an `exit` handler in "
               "`host.ts` that respawns the process and re-sends the ports."),
             U("leave the respawn for tomorrow, I'll do it first thing.")]
    todos = [c.text for c in extract_candidates(turns, project="app") if c.kind == "TODO"]
    assert any("respawn" in t and "host.ts" in t for t in todos), todos



def test_a_verdict_that_names_nothing_keeps_the_error_the_attempt_hit() -> None:
    turns = [
        U("works. drag looks ugly tho. want animated drag. try react-beautiful-dnd via compat"),
        A("OK. That needs react aliased to preact/compat and the board wrapped in DragDropContext. Trying it."),
        tool("npm i react-beautiful-dnd", "npm WARN ERESOLVE overriding peer dependency\nnpm WARN Found: react@undefined\n"
             "added 14 packages, and audited 212 packages in 3s"),
        tool("npx vitest run", " FAIL  src/components/Board.test.tsx > renders three columns\n"
             "TypeError: Cannot read properties of undefined (reading 'ReactCurrentOwner')\n"
             " Test Files  1 failed | 1 passed (2)\n      Tests  3 failed | 8 passed (11)", code=1),
        A("react-beautiful-dnd doesn't work here. Alternatives:\n1. `@dnd-kit/core`\n2. native drag and drop with CSS.\n"
          "I'd revert the rbd attempt either way."),
        U("2. revert it"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="kanban") if c.kind == "FAILED" and c.text.startswith("react-beautiful-dnd")]
    assert failed and "ReactCurrentOwner" in failed[0], failed
    assert "WARN" not in failed[0], "a package manager's warning is not the error"


def test_giving_up_the_attempt_that_broke_the_tests_is_no_bug_fix() -> None:
    check = "npx vitest run && npm run build"
    turns = [
        U("drag looks ugly. try react-beautiful-dnd via compat"),
        A("OK, trying react-beautiful-dnd with react aliased to preact/compat."),
        tool("npm i react-beautiful-dnd", "npm WARN ERESOLVE overriding peer dependency\nnpm WARN Found: react@undefined\n"
             "npm WARN deprecated react-beautiful-dnd@13.1.1: react-beautiful-dnd is now deprecated.\n\n"
             "added 14 packages, and audited 212 packages in 3s"),
        tool("src/components/Board.tsx", '@@ -1,10 +1,22 @@\n+import { DragDropContext } from "react-beautiful-dnd";',
             name="Edit"),
        tool(check, " ❯ src/components/Board.test.tsx (3)\n   × renders three columns\n\n"
             " FAIL  src/components/Board.test.tsx > renders three columns\n"
             "TypeError: Cannot read properties of undefined (reading 'ReactCurrentOwner')\n"
             " ❯ node_modules/react-beautiful-dnd/dist/react-beautiful-dnd.cjs.js:12:18\n"
             " Test Files  1 failed | 1 passed (2)\n      Tests  3 failed | 8 passed (11)\n\n$ npm run build\n"
             "✓ built in 1.12s"),
        A("react-beautiful-dnd doesn't work here. It's deprecated and it pulls in react-redux, which reaches into "
          "React internals that `preact/compat` doesn't provide, so the Board crashes on import.\n\nAlternatives:\n"
          "1. `@dnd-kit/core`: maintained, ~12 kB.\n2. Keep native HTML5 drag and drop and animate with CSS (a "
          "`dragging` class + transitions).\n\nI'd revert the rbd attempt either way."),
        U("revert. native + css"),
        tool("git checkout -- src/components/Board.tsx && npm uninstall react-beautiful-dnd", "removed 14 packages in 1s"),
        tool("src/components/CardView.tsx", "@@ -4,9 +4,17 @@\n+  const dragging = useSignal(false);", name="Edit"),
        tool(check, " Test Files  2 passed (2)\n      Tests  12 passed (12)\n\n✓ built in 604ms"),
    ]
    cands = extract_candidates(turns, project="kanban")
    assert any(c.kind == "FAILED" and "react-beautiful-dnd" in c.text for c in cands)
    assert not any(c.kind == "BUG_FIX" for c in cands), [c.text for c in cands]


def test_project_stack_from_toolchain_files_commands_and_distro() -> None:
    ros = [
        U("the obstacle node drops scans when the lidar is at 10 Hz, have a look"),
        tool("cat src/obstacle_node.cpp", '#include "rclcpp/rclcpp.hpp"\nclass ObstacleNode : public rclcpp::Node {};'),
        tool("source /opt/ros/humble/setup.bash && colcon build --packages-select rover_perception",
             "Finished <<< rover_perception [12.3s]\nSummary: 1 package finished"),
        tool("timeout 20 ros2 launch rover_perception obstacles.launch.py", "[obstacle_node-1] [INFO] started"),
        tool("timeout 20 ros2 topic hz /obstacles", "average rate: 9.98"),
        A("It keeps up now: 9.98 Hz on /obstacles."),
    ]
    project = [c.text for c in extract_candidates(ros, project="rover_perception") if c.kind == "PROJECT"]
    assert project and "ROS 2 Humble" in project[0] and "timeout" not in project[0], project

    vault = [
        U("stack too deep in createSchedules again"),
        tool("cat foundry.toml", "[profile.default]\nsrc = 'src'\nsolc = '0.8.24'\noptimizer = true"),
        tool("forge build", "Compiler run failed:\nError: Stack too deep."),
        tool("forge test -vv", "Ran 14 tests for test/VestingVault.t.sol:VestingVaultTest\n14 passed; 0 failed"),
    ]
    project = [c.text for c in extract_candidates(vault, project="vesting-vault") if c.kind == "PROJECT"]
    assert project and "Foundry" in project[0], project

    solver = [
        U("the heat solver diverges for dt > 0.2, why"),
        tool("src/heat.f90", "module heat\n  implicit none\ncontains\nend module heat"),
        tool("src/grid.f90", "module grid\nend module grid"),
        tool("fpm test --profile debug", "test_stability passed"),
        tool("fpm run -- --dt 0.1", "step 100 residual 1.2e-7"),
    ]
    project = [c.text for c in extract_candidates(solver, project="heatsolve") if c.kind == "PROJECT"]
    assert project and "Fortran" in project[0] and "fpm" in project[0], project


def test_an_attempt_told_as_a_story_anywhere_in_the_turn_is_failed() -> None:
    def failed(text: str) -> list[str]:
        turns = [U(text), A("Understood, I'll keep that in mind.")]
        return [c.text for c in extract_candidates(turns, project="x") if c.kind == "FAILED"]

    got = failed("about the rmw — heads up, we tried fast dds with the default multicast discovery on the warehouse "
                 "wifi back in march, and the discovery traffic basically flooded the access point.")
    assert got and "multicast" in got[0] and "flooded" in got[0], got
    got = failed("re VestingWallet: we tried that last sprint — one wallet per beneficiary, but with ~400 "
                 "beneficiaries that's 400 deployments at ~900k gas each.")
    assert got and got[0].startswith("VestingWallet") and "900k gas" in got[0], got
    got = failed("fwiw I already tried one other thing yesterday on a branch: moved the sessions table to Upstash Redis. "
                 "it worked but every authed request got like +40ms. so I killed that.")
    assert got and "Upstash Redis" in got[0] and "+40ms" in got[0], got
    assert not failed("we tried pgbouncer last month and it worked great, keep it")
    assert not failed("we tried to reproduce it yesterday on a branch but could not find the commit")
    # how it felt, or where the teller stands now, ends the story; "weeks of work" is not "it worked"
    got = failed("i tried panel for this dashboard back in may, every widget change re-rendered the whole page "
                 "and the kiosk felt sluggish. not going back there")
    assert got and got[0].lower().startswith("panel") and "sluggish" in got[0], got
    got = failed("someone tried a transformer on the raw clickstream last year. two months of work and it ended up "
                 "about the same recall as the plain gradient boosting model.")
    assert got and "same recall" in got[0], got


def test_standing_prohibitions_addressed_to_the_assistant_are_rules() -> None:
    def rules(text: str) -> list[str]:
        turns = [A("Options: 1. Sloth 2. hand-written recording rules. Which one?"), U(text), A("Understood.")]
        return [c.text for c in extract_candidates(turns, project="x") if c.kind in ("PREFERENCE", "PATTERN")]

    assert any("fly deploy" in r for r in rules("also: don't run fly deploy or fly secrets yourself, I'll do deploys."))
    assert any("dependencies" in r for r in rules("and don't add dependencies without asking me first, I want the lockfile boring"))
    got = rules("argh pls don't cat .env, it has my actual key in it. never do that again.")
    assert got and got[0].startswith("Don't cat .env"), got
    got = rules("2. don't want sloth/pyrra, another generator to babysit and upgrade.")
    assert got and got[0].lower().startswith("don't want sloth/pyrra"), got
    assert not rules("don't touch the tests for now, just the handler")
    assert not rules("don't worry about the docs")
    assert any("glob()" in r for r in rules("don't introduce glob() anywhere, it has bitten us with stray test files"))
    assert any("redis-py" in r for r in rules("dont pull in another redis lib, redis-py 5 has asyncio built in"))
    assert not rules("don't paste it anywhere")  # about one thing just shown, not a standing rule


def test_open_items_that_continue_into_a_list_are_one_todo_and_struck_items_are_none() -> None:
    turns = [
        U("one more for next time, no time today: we need an invariant test"),
        A("Noted for next time: invariant suite with a handler (create / claim / revoke / warp actions) asserting\n\n"
          "1. `sum(amount - claimed)` over all schedules `<= token.balanceOf(vault)`, and\n"
          "2. `totalUnclaimed == sum(amount - claimed)`.\n\nThe fuzz runs stay at 256."),
        U("later. put it on the list"),
        A("Added to the list. Open items:\n1. JWT_SECRET rotation with two secrets (`kid` header).\n"
          "2. Expired-session cleanup is obsolete now (no table)."),
    ]
    todos = [c.text for c in extract_candidates(turns, project="x") if c.kind == "TODO"]
    assert any("totalUnclaimed" in t and "handler" in t for t in todos), todos
    assert not any(t.startswith("`sum(amount") or t.startswith("`totalUnclaimed") for t in todos), todos
    assert any("JWT_SECRET rotation" in t for t in todos)
    assert not any("obsolete" in t for t in todos)
    assert not any(t.lower().startswith("later") for t in todos), "a deferral naming nothing is no TODO"


def test_a_guess_or_a_worry_behind_a_label_is_not_a_decision() -> None:
    turns = [U("two problems with the dashboard. my guess: duplicates. vector retries on timeouts."),
             A("Let me look."),
             U("one more worry: now the fleet server is a single point of failure for discovery."),
             A("Noted."),
             U("state management: riverpod.")]
    decisions = [c.text for c in extract_candidates(turns, project="x") if c.kind == "DECISION"]
    assert not any("duplicates" in d.lower() or "single point" in d.lower() for d in decisions), decisions
    assert any("riverpod" in d.lower() for d in decisions), "a real label decision stays"


def test_an_option_picked_by_number_after_a_yes_is_the_options_text() -> None:
    turns = [
        A("Options:\n\n1. **fly-replay everything authed to the primary.** The replica becomes pointless.\n"
          "2. **Keep sessions, make GETs write-free**: drop sliding renewal.\n"
          "3. **Stateless JWT** (`@elysiajs/jwt`) in an httpOnly cookie: nothing to write per request.\n\n"
          "I'd go with 3. May I add the dependency?"),
        U("yeah 3, and yes you can add @elysiajs/jwt."),
        A("Got it: option 3."),
    ]
    decisions = [c.text for c in extract_candidates(turns, project="x") if c.kind == "DECISION"]
    assert any(d.startswith("Stateless JWT") for d in decisions), decisions
    assert not any(d.startswith("3,") for d in decisions), decisions


def test_a_url_in_a_decision_keeps_its_scheme() -> None:
    turns = [A("Which RPC should the fork test use?"), U("use mine for the fork test: https://rpc.example.com/v2/abc"), A("OK.")]
    texts = [c.text for c in extract_candidates(turns, project="x")]
    assert any("https://rpc.example.com/v2/abc" in t for t in texts) and not any("https, //" in t for t in texts), texts


def test_recap_items_labelled_todo_or_ruled_out_get_their_kind() -> None:
    turns = [U("ok wrap up"),
             A("Done. Summary:\n\n- **TODO**: backup discovery server (`ROS_DISCOVERY_SERVER` with two entries) to remove the single "
               "point of failure.\n- Discovery server on agv01 is a no-go (lost discovery when it docked for charging).\n"
               "- Fast DDS discovery server on the fleet server `10.20.0.5:11811`.")]
    kinds = {c.text[:30]: c.kind for c in rule_candidates(turns, project="x") if c.score in (0.66, 0.92)}  # the recap's own
    assert [k for t, k in kinds.items() if "backup discovery" in t.lower()] == ["TODO"], kinds
    assert [k for t, k in kinds.items() if "agv01" in t] == ["FAILED"], kinds


def test_recap_items_that_only_report_an_outcome_are_not_decisions() -> None:
    turns = [U("reload caddy pls"),
             A("Done. Summary:\n\n- Certificate obtained for docs.kestrel-tools.example\n"
               "- The site answers `200` over HTTP/2 with the security headers\n"
               "- `encode zstd gzip` moved into the `(common)` snippet so every site gets it")]
    texts = [c.text for c in extract_candidates(turns, project="x") if c.kind == "DECISION"]
    assert not any("obtained" in t or "answers" in t for t in texts), texts
    assert any("(common)" in t for t in texts), texts


def test_a_compiler_flag_tried_and_reverted_is_failed_with_the_users_reason() -> None:
    turns = [
        U("haha ok let's try -Ofast first, it's literally one flag, I want to see what it does."),
        tool("fpm test --profile release --flag '-Ofast -march=native'",
             " test_nan_guard: r = 0.30 (unstable), expect guard to fire\n   solver ran all 400 steps, max|u| = NaN\n"
             " FAIL test_nan_guard\n<ERROR> *cmd_run*:stopping due to failed executions", code=1),
        A("That's the risk I meant. `-Ofast` implies `-ffast-math`, so the NaN guard is compiled away."),
        U("yeah no, revert that. I don't want my thesis numbers depending on fast-math. -O3 -march=native. "
          "then do the loop order + the buffer thing"),
        A("Reverted to -O3 -march=native."),
        U("also the legacy/ code: it stays exactly as it is."),
    ]
    cands = extract_candidates(turns, project="heatsolve")
    failed = [c.text for c in cands if c.kind == "FAILED" and c.text.startswith("-Ofast")]
    assert failed and "fast-math" in failed[0] and "loop order" not in failed[0], failed
    assert not any(c.kind == "DECISION" and c.text.lower().startswith("it stays") for c in cands)


def test_a_reaction_is_never_the_name_of_a_dead_end_and_a_greeting_never_its_reason() -> None:
    turns = [
        U("Hello, I need help with our vacation sheet script. The calendar part does not work."),
        A("Let me try `fork_processes(3)` so each process gets its own IOLoop."),
        tool("python -m ticker", "RuntimeError: IOLoop already initialized under asyncio.run", code=1),
        A("That doesn't work: fork_processes must run before the loop starts."),
        U("NO haha, revert it, we run 3 containers behind nginx anyway, that's fine"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="x") if c.kind == "FAILED"]
    assert not any(t.lower().startswith("no haha") for t in failed), failed
    assert not any("Hello" in t or "need help" in t for t in failed), failed


def test_removing_a_file_from_the_repo_is_not_a_dead_end() -> None:
    turns = [A("The old cyclonedds.xml is still in config/ and the apt package is installed."),
             U("remove the xml from the repo, leave the apt package, doesn't hurt."), A("Done.")]
    assert not [c.text for c in extract_candidates(turns, project="x") if c.kind == "FAILED"]


def test_a_deferral_that_names_only_an_idea_is_no_todo() -> None:
    turns = [A("Fixed the retries."), U("Idea but later, not today; put it on the list"), A("Noted."), U("ok bye")]
    assert not [c.text for c in extract_candidates(turns, project="x") if c.kind == "TODO"]


def test_project_fact_says_what_the_session_retired_and_carries_it() -> None:
    turns = [
        U("kb bot again. we run LangChain with Chroma persisted on a Fly volume, Python 3.12."),
        A("Two machines share the Chroma store through NFS, that's where 'database is locked' comes from."),
        U("forget chroma, I don't want to babysit another service. pgvector on the Postgres we already have."),
        A("OK: pgvector via langchain-postgres, replacing Chroma."),
        tool("pip uninstall -y chromadb langchain-chroma", "Successfully uninstalled chromadb-0.5.3"),
        U("and move the I2C to GP16 while you're at it. removed the console.log too."),
    ]
    proj = [c for c in extract_candidates(turns, project="kb-bot") if c.kind == "PROJECT"]
    assert proj and "dropped: Chroma" in proj[0].text
    assert "Chroma," not in proj[0].text and "LangChain" in proj[0].text
    assert {"chroma", "chromadb", "langchain-chroma"} <= set(proj[0].replaces)
    assert not {"i2c", "console.log"} & set(proj[0].replaces)  # moved, tidied: still in use


def test_uninstalling_a_vendors_own_sdk_retires_the_vendor() -> None:
    from memwrap.extract.retired import retired_subjects
    gone = [tool("npm rm @auth0/auth0-react && npm run build", "removed 9 packages")]
    assert retired_subjects(gone) == ["@auth0/auth0-react", "auth0"]
    # a scoped package is not its scope's whole vendor: @aws-sdk/client-s3 leaves AWS in place
    assert retired_subjects([tool("npm uninstall @aws-sdk/client-s3", "removed 3 packages")]) == ["@aws-sdk/client-s3"]


def test_retirement_under_a_condition_or_in_a_question_retires_nothing() -> None:
    from memwrap.extract.retired import retired_subjects
    turns = [U("if we drop Chroma for pgvector, what happens to the ids?"), U("should we forget Chroma?"),
             A("We could replace Chroma with pgvector."), U("don't remove chromadb from requirements yet")]
    assert retired_subjects(turns) == []


def test_a_choice_said_to_stop_holding_is_retired_even_under_a_plain_word() -> None:
    from memwrap.extract.contractions import spelled_out
    from memwrap.extract.retired import retired_subjects
    said = [U("back on ledger-api. KWD has 3 decimal places. the cents thing doesnt hold anymore"),
            U("the client-side stats thing from last time isnt holding up, 41 requests per card")]
    assert retired_subjects(spelled_out(said)) == ["cents", "client-side stats"]
    # a bug report or an opinion ends no earlier choice
    assert retired_subjects(spelled_out([U("the login doesnt work"), U("redis does not scale for us")])) == []


def test_where_something_was_put_is_the_choice_a_mistake_retires() -> None:
    from memwrap.extract.retired import retired_subjects
    mistake = U("yeah honestly putting the token in localstorage was a mistake, i picked it for convenience")
    # typed in plain lower case, it names the thing the session writes as code
    assert retired_subjects([A("The JWT sits in `localStorage` via Blazored."), mistake]) == ["localstorage"]
    assert retired_subjects([mistake]) == []  # a plain word nobody wrote as code is no name to match memory on


def test_a_product_the_session_writes_as_a_proper_name_is_retired_when_typed_in_lower_case() -> None:
    from memwrap.extract.retired import retired_subjects
    mistake = U("putting the landing stuff in sanity was a mistake, editors hate the second tool")
    told = [A("The hero now loads from Sanity through the loader."), A("Editors open Sanity Studio to change it.")]
    assert retired_subjects([*told, mistake]) == ["sanity"]
    assert retired_subjects([A("Install `@sanity/client` and add the loader."), mistake]) == ["sanity"]  # a package's scope
    # said once with a capital, or only at the start of a sentence, it is no product name
    assert retired_subjects([A("Sanity check first: the loader runs."), A("it reads from Sanity now."), mistake]) == []


def test_two_names_for_one_replaced_choice_are_both_retired_but_a_scoped_package_stays_whole() -> None:
    from memwrap.extract.retired import retired_subjects
    assert retired_subjects([A("Summary: SQLite/better-sqlite3 replaced by Postgres on Neon.")]) == ["sqlite", "better-sqlite3"]
    assert retired_subjects([U("forget @openzeppelin/hardhat-upgrades")]) == ["@openzeppelin/hardhat-upgrades"]
    assert retired_subjects([A("**Back to Fast DDS with a discovery server.** Replaces the `cyclonedds.xml` peers.")]) \
        == ["cyclonedds.xml"]


def test_recap_item_that_says_tried_is_a_dead_end_with_its_outcome() -> None:
    turns = [
        U("battery drains too fast, ~48 mA average. fix power please"),
        A("Let's try machine.deepsleep(60000) first."),
        U("ok that was worse in practice, lightsleep then"),
        A("Summary of today:\n- Deepsleep tried: ~41 mA because of the Wi-Fi rejoin on every wake, RTC lost → "
          "replaced by lightsleep in 5 s slices + radio off, 14 mA\n- Watchdog at 8000 ms (RP2040 max 8388 ms)"),
    ]
    failed = [c for c in extract_candidates(turns, project="greenhouse") if c.kind == "FAILED"]
    assert any("Deepsleep tried" in c.text and "41 mA" in c.text for c in failed)


def test_attempt_told_as_that_is_named_by_the_description_and_not_revived_by_ruled_out() -> None:
    turns = [
        U("oh and before you suggest TLS: I already tried that last weekend. MQTT over TLS on 8883 with "
          "umqtt.simple ssl=True, and I had it in a uasyncio setup. It crashed with `MemoryError: memory allocation "
          "failed, allocating 16640 bytes` during the handshake."),
        A("Makes sense, the heap is too fragmented for a 16 KB TLS buffer."),
        A("Summary of today:\n- Plain MQTT on 1883 with user/password (TLS on the Pico was already ruled out: "
          "MemoryError on the 16 KB TLS buffer)\n- Creds in git-ignored `secrets.py`"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="greenhouse") if c.kind == "FAILED"]
    assert any(t.startswith("MQTT over TLS on 8883: abandoned") and "MemoryError" in t for t in failed), failed
    assert not any(t.startswith("ssl=True") for t in failed)


def test_answer_that_says_only_when_is_named_by_the_next_sentence_and_kept_apart_from_a_sibling() -> None:
    turns = [
        A("Did anyone try tuning the lurker already? I don't want to repeat something."),
        U("yeah I did on Tuesday actually. bumped ban_cutoff to 5000 like the docs suggest. when the cutoff kicked "
          "in, hit rate dropped to around 40% and origin took like 4x the normal traffic. reverted it Wednesday."),
        A("Right, `ban_cutoff` trades a long list for mass misses. I'd move to surrogate keys with vmod_xkey."),
        U("ok go with xkey. This replaces the BAN-based invalidation from last week."),
        A("Done: xkey in place; the legacy ban handler stays for a week."),
        U("the ban handler in purge.vcl is a dead end now, we gave up on it: it can't reach the section fronts."),
    ]
    cands = extract_candidates(turns, project="newsroom-edge")
    from memwrap.distill import dedupe
    failed = [c.text for c in dedupe(cands) if c.kind == "FAILED"]
    assert any(t.startswith("ban_cutoff: abandoned") and "40%" in t for t in failed), failed
    assert not any(t.lower().startswith("on tuesday") for t in failed)


def test_something_used_measured_and_replaced_is_a_dead_end_with_its_numbers() -> None:
    turns = [
        A("For a first cut the combine concatenates both centroid arrays and runs qsort, then re-compresses."),
        tool("psql -f bench/parallel.sql", "Time: 4102.331 ms\nTime: 2311.870 ms (serial)"),
        A("Parallel is slower than serial. The profile: `centroid_cmp` + `msort_with_tmp` ≈ 49%, the qsort in combine."),
        A("Merge instead of qsort: 4.1 s → 1.9 s. Better than serial (2.3 s)."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="pg_tdigest") if c.kind == "FAILED"]
    assert any(t.startswith("qsort: dropped for Merge") and "4.1 s → 1.9 s" in t for t in failed), failed


def test_a_choice_between_options_with_numbers_is_no_dead_end() -> None:
    turns = [U("which jsonnet should the CI use?"),
             A("go-jsonnet instead of C++ jsonnet: 41 s → 2.3 s in their published benchmark.")]
    assert not [c for c in extract_candidates(turns, project="dash") if c.kind == "FAILED"]


def test_history_stories_named_by_the_proposal_or_the_command_they_describe() -> None:
    turns = [
        A("Now `publish`. Simplest implementation would be to shell out to the GitHub CLI: "
          "`gh release create v0.4.0 --notes \"<section>\"`. That handles auth too."),
        U("hmm, we actually tried exactly that back in March. two problems: our self-hosted runners don't have gh "
          "installed, and on Windows the notes body got mangled. we reverted it. talk to the REST API directly"),
        A("Does the widgets repo use merge commits?"),
        U("no, everything is squash-merged. and actually I tried the git side of this back in 1.2 — "
          "`git log --merges v1.1.0..v1.2.0` to find the PRs. useless for us, because squash merges don't create "
          "merge commits; it found like 9 of ~60 PRs"),
        A("The report sets `allowDiskUse: false` on purpose. What happened with it?"),
        U("yeah, we tried allowDiskUse: true on staging last month. it finished, but took 14 min and Atlas paged us "
          "for disk IOPS twice. so ops banned it"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="relnote") if c.kind == "FAILED"]
    assert any(t.startswith("gh release create: abandoned") for t in failed), failed
    assert any(t.startswith("git log --merges: abandoned") and "squash" in t for t in failed), failed
    assert any(t.startswith("allowDiskUse: abandoned") and "14 min" in t for t in failed), failed


def test_recap_item_that_tells_a_fix_is_a_bug_fix() -> None:
    turns = [U("ok that's it for today"),
             A("Summary:\n- Octokit `auto_paginate: true` (+ `per_page: 100`) — notes were capped at 30\n"
               "- New flat `publish TAG` command with `--draft`")]
    kinds = {c.text[:20]: c.kind for c in extract_candidates(turns, project="relnotes") if c.turn == 1}
    assert kinds.get("Octokit auto_paginat", kinds.get("Octokit `auto_pagina")) == "BUG_FIX", kinds
    assert "DECISION" in kinds.values()


def test_a_decision_that_only_points_back_names_nothing() -> None:
    turns = [U("let's move stashes to chrome.storage.local and keep only settings in sync. "
               "That replaces what we decided last time.")]
    texts = [c.text for c in extract_candidates(turns, project="tabstash") if c.kind == "DECISION"]
    assert any("chrome.storage.local" in t for t in texts), texts
    assert not any(t.startswith("That replaces") for t in texts), texts


def test_story_told_with_ran_did_or_were_on_is_a_dead_end_named_by_its_platform() -> None:
    # stories of earlier projects use many verbs and times; "the worker" alone names nothing
    turns = [
        A("An option would be running extra workers during the burst window."),
        U("we ran the worker on lambda last year. long-poll connections + the 15 min cap + cold starts, "
          "it was a joke and we pulled it after a month."),
        A("Understood, the worker stays on ECS and we scale the service instead."),
        U("also we had this on drake in 2022 and its cache got corrupted every time two people ran make."),
    ]
    failed = {c.text for c in extract_candidates(turns, project="payouts") if c.kind == "FAILED"}
    assert any(t.startswith("worker on lambda:") and "cold starts" in t for t in failed)
    assert any(t.lower().startswith("drake:") and "corrupt" in t for t in failed)
    decisions = [c.text for c in extract_candidates(turns, project="payouts") if c.kind == "DECISION"]
    assert not any("long-poll" in d.lower() for d in decisions)  # why it was dropped is no decision


def test_recent_run_of_a_command_is_a_bug_report_not_a_story() -> None:
    turns = [U("I ran `alembic revision --autogenerate` yesterday and it generated a migration that drops every "
               "table. what on earth. the models are in app/models.py")]
    assert not [c for c in extract_candidates(turns, project="stockroom") if c.kind == "FAILED"]


def test_verdict_that_says_why_is_the_reason_and_trailing_filler_is_not_the_name() -> None:
    turns = [
        A("I'll use a CheckpointManager with async saving so training doesn't stall on writes."),
        U("scrap the async thing, it's too fiddly. a save takes like 200ms, just do it synchronously"),
        A("Should we also look at Cyclone DDS instead of Fast DDS for discovery?"),
        U("nah forget cyclone anyway. fastdds stays"),
    ]
    failed = {c.topic: c.text for c in extract_candidates(turns, project="trainer") if c.kind == "FAILED"}
    assert "fiddly" in failed.get("async", "")
    assert "cyclone" in failed and "anyway" not in failed["cyclone"].split(":")[0]


def test_fix_announced_with_its_cause_and_applied_is_a_bug_fix() -> None:
    # no failing check, no passing one: the log was pasted, the assistant names cause and fix, then edits
    turns = [
        U("row_follower gets nothing on /lidar/points, ros2 topic echo shows data. wtf"),
        A("The Ouster driver publishes with BEST_EFFORT reliability and the default subscriber QoS is RELIABLE, "
          "so the two are incompatible and no message is delivered. Fix: subscribe with `qos_profile_sensor_data` "
          "in row_follower.py."),
        tool("rover_nav/row_follower.py", "edited", name="Edit"),
        A("Done, the callback fires at 10 Hz now."),
    ]
    fixes = [c.text for c in extract_candidates(turns, project="rover") if c.kind == "BUG_FIX"]
    assert any("qos_profile_sensor_data" in f and "BEST_EFFORT" in f for f in fixes)


def test_fix_offered_as_an_option_or_never_applied_is_no_bug_fix() -> None:
    turns = [
        U("the nightly export is slow"),
        A("The export reads every row twice because the cursor is not server-side. Fix: we could switch to a "
          "named cursor with itersize 5000."),
        U("not now, just tell me what you found"),
        A("The fix is to stream rows from a named cursor instead of fetchall()."),
        U("ok thanks, later"),
    ]
    assert not [c for c in extract_candidates(turns, project="export") if c.kind == "BUG_FIX"]


def test_not_x_with_a_reason_right_after_x_was_offered_is_a_dead_end() -> None:
    turns = [
        A("Two ways to reach the database from the frontend: tauri-plugin-sql (queries written in React, sent over "
          "IPC) or typed Rust commands per use case."),
        U("not plugin-sql, i don't want sql strings living in react components and the frontend able to run "
          "arbitrary queries."),
        A("Could do the recipe endpoint through `@strapi/plugin-graphql` with field selection instead."),
        U("no graphql. the frontend is all REST and shadow CRUD exposes every content type."),
    ]
    cands = extract_candidates(turns, project="shelf")
    failed = [c.text for c in cands if c.kind == "FAILED"]
    assert any(t.startswith("plugin-sql: rejected") and "arbitrary" in t for t in failed)
    assert any(t.startswith("graphql: rejected") and "shadow CRUD" in t for t in failed)
    assert not [c for c in cands if c.kind in ("PREFERENCE", "DECISION") and "graphql" in c.text.lower()]


def test_option_measured_worse_and_not_taken_is_a_dead_end_with_its_numbers() -> None:
    turns = [
        U("training is slow on this box, can we try bf16?"),
        A("Trying bf16 for the params and activations."),
        tool("python train.py --steps 200 --dtype bfloat16", "step 200: 415 ms/step, loss 2.31"),
        A("bf16 is 2.3x slower here (415 ms vs 182 ms with float32): this CPU has no native bf16 matmul."),
        U("ok. what else is there"),
        A("Next I'll look at the input pipeline; it takes 40% of each step."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="glyph") if c.kind == "FAILED"]
    assert any(t.startswith("bf16:") and "415 ms" in t for t in failed)


def test_measured_option_that_is_then_adopted_or_never_brought_up_is_no_dead_end() -> None:
    turns = [
        U("compare orjson with the stdlib json for the export"),
        A("orjson is 3x faster but the wheel is bigger (2.1 MB vs 0 for stdlib)."),
        U("fine, use orjson for the export."),
        A("The export job is slower than last week: 41 s vs 35 s, because the table grew."),
    ]
    cands = extract_candidates(turns, project="export")
    assert not [c for c in cands if c.kind == "FAILED"]


def test_later_choice_that_names_the_dead_end_as_removed_does_not_revive_it() -> None:
    turns = [
        U("about multirun: we tried the hydra joblib launcher last month for the lr sweep, and it spawned 8 workers "
          "that each loaded the full parquet index into RAM — the box got OOM-killed twice."),
        A("Understood. I'll run the sweeps sequentially with the basic launcher."),
        U("ok, baseline config: basic launcher (joblib removed), seed 42 + deterministic."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="seg") if c.kind == "FAILED"]
    assert any("joblib" in t and "parquet" in t for t in failed)


def test_option_whose_measured_cost_is_told_is_a_dead_end() -> None:
    turns = [
        A("Trying the router with a coprocessor that reuses the TS auth hook."),
        tool("k6 run load.js", "p99=97ms"),
        A("So the coprocessor costs ~35 ms at p99, and it's one more service to deploy and health-check."),
        U("ok, port the auth hook to a rhai script then"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="gateway") if c.kind == "FAILED"]
    assert any(t.startswith("coprocessor:") and "35 ms" in t for t in failed)


def test_dropped_option_takes_the_measurement_against_it_as_its_reason() -> None:
    turns = [
        A("Trying SMOTE oversampling on the train split."),
        tool("python train.py --smote", "pr_auc=0.3894"),
        A("SMOTE makes PR-AUC worse: 0.389 against 0.412 with scale_pos_weight alone."),
        U("drop smote. and don't log the training parquet as an artifact, it's 2GB and already in s3."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="churn") if c.kind == "FAILED"]
    assert any(t.lower().startswith("smote") and "0.412" in t for t in failed)


def test_assistant_dropping_its_own_attempt_is_a_dead_end_with_the_numbers_before() -> None:
    turns = [
        A("Trying a numpy voxel grid in the callback first, since it keeps everything in one node."),
        tool("python3 -m rover_nav.bench", "mean 38.1 ms, p95 45.2 ms"),
        A("38 ms per frame mean, 45 ms p95, with the GIL held the whole time. Not good enough. "
          "Better: pcl_ros ships a VoxelGrid composable filter in C++. Loading it into the component container. "
          "Dropping the numpy version."),
        tool("src/rover_bringup/launch/rover.launch.py", "edited", name="Edit"),
    ]
    cands = extract_candidates(turns, project="rover")
    failed = [c.text for c in cands if c.kind == "FAILED"]
    assert any(t.startswith("numpy") and "38 ms" in t for t in failed)
    assert not [c for c in cands if c.kind == "DECISION" and "numpy" in c.text.lower()]


def test_dropping_something_as_a_proposal_is_no_verdict() -> None:
    turns = [A("Dropping the `+` selector (staging is its own task upstream) saves about 4 minutes per run."),
             U("nice, do it")]
    assert not [c for c in extract_candidates(turns, project="dbt") if c.kind == "FAILED"]


def test_later_choice_sharing_only_a_word_with_a_dead_end_does_not_revive_it() -> None:
    turns = [
        U("the attendeeEmails array on events was a mistake tbh. emails change and every attendee can read all of them."),
        A("Then membership moves to a members subcollection: events/{id}/members/{uid}."),
        U("ok do it"),
        A("Membership moved to events/{id}/members/{uid}, migration verified on the emulator."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="potluck") if c.kind == "FAILED"]
    assert any("attendeeEmails" in t for t in failed)


def test_clean_reinstall_in_one_command_is_no_dead_end() -> None:
    turns = [
        U("cv2.aruco is missing, the calibration script dies with AttributeError"),
        A("Two OpenCV wheels share the cv2 directory. The fix is to uninstall both and install only the contrib one."),
        tool("pip uninstall -y opencv-python opencv-contrib-python-headless && "
             "pip install opencv-contrib-python-headless==4.9.0.80", "Successfully installed opencv-contrib-python-headless-4.9.0.80"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="shelf") if c.kind == "FAILED"]
    assert not any("opencv-contrib-python-headless" in t for t in failed)


def test_more_ways_of_turning_an_option_down() -> None:
    turns = [
        A("mmap would read the 1.9GB file in 0.82s vs 0.95s with a 64KiB buffer, but it can't read stdin."),
        U("skip mmap, 64k buffer it is"),
        A("Noted. For the idempotency cache, moka is what we have now."),
        U("putting it in moka was the wrong call, i said single instance and then we scaled a month later."),
        U("and dont bother with alembic autogenerate for the enums, it kept producing drop/create for invoice_status."),
    ]
    failed = {c.topic.split()[0] for c in extract_candidates(turns, project="svc") if c.kind == "FAILED"}
    assert {"mmap", "moka", "alembic"} <= failed


def test_skip_for_now_puts_work_off_and_a_story_told_of_a_rule_stays_a_rule() -> None:
    turns = [
        U("skip the upload for now, BI isn't ready for it until January."),
        U("never on prod, last year someone ran OPTIMIZE FINAL on the big table and the cluster was unusable for 3 hours"),
    ]
    cands = extract_candidates(turns, project="analytics")
    assert not [c for c in cands if c.kind == "FAILED"]
    assert any(c.kind == "PREFERENCE" and "OPTIMIZE FINAL" in c.text for c in cands)


def test_someone_elses_attempt_that_never_shipped_is_a_dead_end() -> None:
    turns = [U("fwiw someone tried anycable for this last spring, the go server needed its own dyno and we spent "
               "2 weeks on deploy config and never shipped it.")]
    failed = [c.text for c in extract_candidates(turns, project="rails") if c.kind == "FAILED"]
    assert any(t.lower().startswith("anycable") for t in failed)


def test_stories_dated_by_a_project_a_version_or_a_duration() -> None:
    turns = [
        U("i used the DAO entities on the invoicing project and touching a lazy reference after the transaction "
          "closed blew up all over the place, never again."),
        U("we had spectron on the old app back in 2021 and the whole suite rotted once electron went past 13."),
        U("fwiw we used the DaskTaskRunner on the old setup and it ate all the ram on the 4gb box, so keep the default runner"),
        U("i looked at opium for this back when i started and the middleware composition was a mess, thats why its dream."),
    ]
    failed = " | ".join(c.text.lower() for c in extract_candidates(turns, project="svc") if c.kind == "FAILED")
    for name in ("dao", "spectron", "dasktaskrunner", "opium"):
        assert name in failed, name


def test_assistant_undoing_its_own_attempt_takes_the_numbers_as_reason() -> None:
    turns = [
        A("Trying CMAKE_UNITY_BUILD on the dev preset."),
        tool("cmake --build --preset dev", "[412/412] Linking CXX executable spectra-viewer"),
        A("Clean build 7m58s -> 6m40s. And incremental builds get worse: touching Spectrum.hpp went from 1m12s to "
          "2m51s. I've taken CMAKE_UNITY_BUILD back out."),
        U("ok. and i'm not dropping 3.9 support, half our users are on old RHEL."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="spectra") if c.kind == "FAILED"]
    assert any(t.startswith("CMAKE_UNITY_BUILD") and "2m51s" in t for t in failed)
    assert not any(t.startswith("3.9") for t in failed)  # "not dropping" keeps it


def test_a_half_way_attempt_the_assistant_pulls_back_out_is_a_dead_end() -> None:
    turns = [
        U("can we hot-reload the worker? heard nodemon-k8s does that"),
        A("nodemon-k8s would restart the worker pod on file changes. Let me set it up against minikube."),
        tool("kubectl apply -f nodemon-k8s.yaml", "clusterrole.rbac.authorization.k8s.io/nodemon created"),
        A("Three manifests in, and its sidecar keeps fighting our liveness probe on port 9000. This is a rabbit hole for a "
          "local cluster. Pulling nodemon-k8s back out of the cluster; skaffold's file sync does the same."),
        U("ok"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="worker") if c.kind == "FAILED"]
    assert any(t.startswith("nodemon-k8s") and "liveness probe" in t for t in failed), failed


def test_option_raised_argued_against_and_let_go_is_a_dead_end() -> None:
    turns = [
        U("should we use QCustomPlot for the spectrum plot?"),
        A("QCustomPlot is a nice library, but it's GPL, and spectra-viewer ships closed-source, so it isn't an option. "
          "I'd stay with Qt Graphs."),
        U("ok, Qt Graphs then"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="spectra") if c.kind == "FAILED"]
    assert any(t.lower().startswith("qcustomplot: turned down") and "GPL" in t for t in failed)


def test_option_raised_and_then_taken_is_no_dead_end() -> None:
    turns = [
        U("what about orjson for the export?"),
        A("orjson is faster, but it's one more dependency to build on the old RHEL boxes."),
        U("fine, let's use orjson anyway, the wheels exist"),
    ]
    assert not [c for c in extract_candidates(turns, project="export") if c.kind == "FAILED"]


def test_dead_end_given_up_without_numbers_takes_the_attempts_measurement() -> None:
    # the verdict only says it is out; the run before it said how it went
    turns = [
        U("roster page is slow, it loads the whole month of shifts"),
        A("Let me measure the month load before changing anything."),
        tool("mix run priv/bench/roster_mount.exs", "mount: 1842 ms, payload 611 KB"),
        A("1.84s and 611 KB for 4,212 shifts. A stream of just the visible week would send far less."),
        U("week view w/ streams then. the month load thing is out"),
    ]
    failed = [c for c in extract_candidates(turns, project="roster") if c.kind == "FAILED"]
    assert failed and "month" in failed[0].text and "1.84s" in failed[0].text
    # a story told in the verdict's own turn is not explained by an unrelated earlier report
    story = [
        U("tests take forever"),
        A("Truncation runs on all 14 tables after every test: 2.4s per test on average."),
        U("last month we tried sidekiq for the emails, it was working but it needs Redis and ops said no new Redis. "
          "forget sidekiq, stay with the cron"),
    ]
    told = [c for c in extract_candidates(story, project="mailer") if c.kind == "FAILED"]
    assert told and "sidekiq" in told[0].text.lower() and "2.4s" not in told[0].text


def test_lowercase_option_listed_by_the_assistant_and_refused_by_name() -> None:
    turns = [
        U("how should we do json for the api types"),
        A("For JSON there are a few options:\n- hand-written `Yojson.Safe` encoders\n- `ppx_yojson_conv`, Jane Street's\n"
          "- atdgen: write `.atd` type definitions and generate OCaml types + JSON code"),
        U("not atdgen, i dont want a second type language in the repo just for json. ppx one"),
    ]
    failed = [c for c in extract_candidates(turns, project="links") if c.kind == "FAILED"]
    assert failed and "atdgen" in failed[0].text and "type language" in failed[0].text
    # a word the reply merely used is no option: "not today" turns nothing down
    quiet = [U("can you bump the deps"), A("I can bump them today or leave it for the release branch."),
             U("not today, release first")]
    assert not [c for c in extract_candidates(quiet, project="links") if c.kind == "FAILED"]


def test_hearsay_option_argued_against_in_the_whole_answer_and_let_go() -> None:
    turns = [
        U("someone suggested durable objects so two vendors cant grab the same stall at the same second. thoughts?"),
        A("Durable Objects would give a single-writer lock per market day. But Pages Functions can't define DOs; we'd "
          "need a separate Worker. The D1 unique index already makes the second insert a 409. I'd not do it."),
        U("agreed, skip DOs. deploy it to preview pls"),
    ]
    failed = [c for c in extract_candidates(turns, project="market") if c.kind == "FAILED"]
    assert failed and "durable objects" in failed[0].text.lower() and "pages functions" in failed[0].text.lower()
    turns = [
        U("someone on the discord said i should just use litex and get a uart + dma for free. thoughts"),
        A("LiteX would give you a UART and a DMA engine, but it brings a whole SoC framework for a block you already "
          "have in 600 lines. You'd be debugging generated RTL instead of yours."),
        U("yeah no, not bringing in a whole framework for this. staying handwritten"),
    ]
    failed = [c for c in extract_candidates(turns, project="fpga") if c.kind == "FAILED"]
    assert failed and failed[0].text.lower().startswith("litex") and "whole framework" in failed[0].text


def test_option_answered_by_its_short_name_and_declined_by_the_user() -> None:
    turns = [
        U("also should we buy odin inspector for the item editor? designers keep asking"),
        A("Odin would make the item editor nicer quickly, but it's per-seat: with 6 people that's 6 paid seats. "
          "A UI Toolkit custom inspector is maybe a day of work."),
        U("yeah not paying that for a colour picker. do the UI toolkit inspector when you get to it"),
    ]
    failed = [c for c in extract_candidates(turns, project="items") if c.kind == "FAILED"]
    assert failed and "odin inspector" in failed[0].text.lower() and "per-seat" in failed[0].text
    # something to do is no option: nothing is turned down by "can we run it in parallel"
    turns = [
        U("can we run it in parallel"),
        A("Not safely: the fixtures share one database, so parallel runs would collide."),
        U("ok, not worth it today"),
    ]
    assert not [c for c in extract_candidates(turns, project="items") if c.text.lower().startswith("run")]


def test_assistant_throwing_its_attempt_away_and_a_users_own_unfinished_attempt() -> None:
    turns = [
        U("how should the board update live"),
        A("I'll knock together a throwaway polling controller and measure it against staging traffic."),
        tool("bin/measure_poll", "187 dispatchers; 37 req/s; p50 1.02 s"),
        A("Numbers on the polling idea: at a 5s interval that's ~37 req/s of full-board JSON, and a single board.json "
          "takes ~1 s p50. Not worth it; I'm throwing the poll controller away and going with Turbo Streams."),
    ]
    failed = [c for c in extract_candidates(turns, project="board") if c.kind == "FAILED"]
    assert failed and "poll controller" in failed[0].text and "37 req/s" in failed[0].text
    assert "going with" not in failed[0].text
    turns = [U("slopes are still janky tho. i started my own raycast ground check in player.gd last week, "
               "2 rays at the feet, never finished it")]
    failed = [c for c in extract_candidates(turns, project="game") if c.kind == "FAILED"]
    assert failed and failed[0].text.startswith("raycast ground check")


def test_story_of_an_earlier_version_that_made_the_team_move_on() -> None:
    turns = [U("back in the jam version everything lived in Resources/ and we did Resources.LoadAll — build ended up "
               "1.4GB and startup load was like 20s on switch, which is why we moved to addressables")]
    cands = extract_candidates(turns, project="items")
    failed = [c for c in cands if c.kind == "FAILED"]
    assert failed and "Resources.LoadAll" in failed[0].text and "20s" in failed[0].text
    assert not [c for c in cands if c.kind == "DECISION" and "LoadAll" in c.text]


def test_each_listed_problem_keeps_its_announced_fix() -> None:
    turns = [
        U("rsvp test is red, 47 people got into a 40 seat event"),
        tool("deno test -A", "FAILED rsvp_test.ts > capacity: expected 40 got 47\nerror: Test failed", code=1),
        A("Two problems:\n1. **Overbooking**: 47 of 60 got in with capacity 40. Several requests read the same count, all "
          "see < 40, and all commit, because nothing checks that the counter is unchanged. Fix: include the counter "
          "entry's `versionstamp` in the atomic `.check()`.\n2. **Leaking resources**: the tests open the default on-disk "
          "KV and never close it. Each test should open `Deno.openKv(\":memory:\")` and close it in `finally`."),
        tool("Edit lib/rsvp.ts", "ok", name="Edit"),
        tool("deno test -A", "ok | 6 passed | 0 failed"),
    ]
    fixes = [c.text for c in extract_candidates(turns, project="potluck") if c.kind == "BUG_FIX"]
    assert any(t.startswith("Overbooking") and "versionstamp" in t for t in fixes), fixes


def test_standing_preferences_said_without_the_usual_rule_words() -> None:
    said = {
        "no default exports anywhere in the renderer, named exports only.": "default exports",
        "i want static typing everywhere, half the bugs last month were untyped vars": "static typing",
        "while ur in .sqlfluff: lowercase keywords and leading commas, thats how the team writes sql": "leading commas",
        "i don't want any third party packages in this app, not for snapshot testing either": "third party",
        "honeysql only when the where clause is dynamic, plain sql strings otherwise.": "honeysql",
    }
    for text, words in said.items():
        cands = extract_candidates([U(text)], project="app")
        assert any(c.kind in ("PREFERENCE", "PATTERN") and words in c.text.lower() for c in cands), text
    # a wish about today's work is no standing preference
    cands = extract_candidates([U("i want the login page done today, then we look at the api")], project="app")
    assert not [c for c in cands if c.kind in ("PREFERENCE", "PATTERN")]


def test_fields_of_a_pasted_report_are_no_decisions_and_a_place_is_no_dead_end() -> None:
    report = U("pentest report came back, first finding:\nTitle: Stored XSS in inspection notes\n"
               "Detail: InspectionDetail.razor renders Notes via MarkupString\n"
               "Recommendation: encode, or sanitize with an allow-list")
    assert not [c for c in extract_candidates([report], project="portal") if c.kind == "DECISION"]
    turns = [U("shift start on the crewboard board is a mess again. forget the crewboard board thing, look at the jobs")]
    assert not [c for c in extract_candidates(turns, project="crew") if c.kind == "FAILED" and c.text.lower().startswith("on ")]
    # a label the user chose is still a decision
    assert [c for c in extract_candidates([U("state management: riverpod.")], project="app") if c.kind == "DECISION"]


def test_fix_announced_for_a_place_counts_as_announced() -> None:
    from memwrap.extract.announced_fix import _FIX_LEAD_RE
    assert _FIX_LEAD_RE.match("Fix in the test helper: override databaseProvider with an in-memory database.")
    assert _FIX_LEAD_RE.match("Fix in CubeMX → NVIC: DMA2 stream0 preemption priority 6.")
    assert not _FIX_LEAD_RE.match("Fixing the tests in the helper took a while.")


def test_an_attempt_announced_under_a_lever_label_is_named_by_the_lever() -> None:
    turns = [
        U("the 7am burst backs up the queue again"),
        A("Quickest lever to try: raise Sidekiq concurrency so the backlog drains faster. Let me try 25 on staging "
          "and replay the 7am burst with the load script."),
        tool("bin/replay_burst --concurrency 25",
             "ActiveRecord::ConnectionTimeoutError: could not obtain a connection from the pool within 5.000 seconds"),
        A("That made it worse: with 25 threads each job checks out a DB connection and the pool is 10. Reverting to 10."),
    ]
    failed = [c for c in extract_candidates(turns, project="crew") if c.kind == "FAILED"]
    assert failed and failed[0].text.lower().startswith("raise sidekiq concurrency"), [c.text for c in failed]


def test_an_option_taken_up_after_all_is_no_dead_end_and_a_chosen_environment_is_a_decision() -> None:
    turns = [
        U("what about orjson for the responses?"),
        A("orjson is faster, but it returns bytes, so every response helper needs a decode step."),
        U("ok no worries, go ahead and add it"),
    ]
    assert not [c for c in extract_candidates(turns, project="api") if c.kind == "FAILED"]
    cands = extract_candidates([U("test environment: sqlite in memory.")], project="api")
    assert [c for c in cands if c.kind == "DECISION"]


def test_an_option_given_a_cost_while_another_is_taken_is_turned_down() -> None:
    turns = [
        U("tokens in localstorage failed the pentest. what now"),
        A("Options for building the BFF:\n- Duende.BFF — polished, handles antiforgery and token management\n"
          "- write it ourselves on top of the built-in cookie handler — maybe 80 lines for our case"),
        U("duende needs a paid license for us, we're over the revenue cap. do it ourselves"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="fieldkit") if c.kind == "FAILED"]
    assert any(t.startswith("Duende.BFF") and "license" in t for t in failed), failed


def test_a_cost_said_about_an_option_nobody_passes_over_turns_nothing_down() -> None:
    turns = [
        U("how do we host the docs"),
        A("Options:\n- Netlify — free tier, preview deploys\n- GitHub Pages — free, no previews"),
        U("netlify needs a paid plan past 300 build minutes, fine for us"),
    ]
    assert not [c.text for c in extract_candidates(turns, project="docs") if c.kind == "FAILED"]


def test_a_users_own_suggestion_argued_against_and_let_go_is_a_dead_end_under_its_full_name() -> None:
    turns = [
        U("should we just switch embeddings to openai text-embedding-3-large while we're rebuilding anyway?"),
        A("I'd argue against it, on three counts:\n\n- **Data:** every ticket body would be sent to a third party.\n"
          "- **RAM:** 3072 dims is 8x the 384 we have now.\n- **Cost:** about $55 per full re-index."),
        U("ok fair, the data leaving is a no-go anyway. stay local"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="triage") if c.kind == "FAILED"]
    assert any(t.startswith("openai text-embedding-3-large: turned down") and "**" not in t for t in failed), failed


def test_an_option_another_team_keeps_pushing_is_turned_down_when_the_answer_argues_against_it() -> None:
    turns = [
        U("platform team keeps saying we should just use istio ingress gateway instead of hand-rolling envoy. thoughts?"),
        A("Istio's ingress gateway is Envoy, so the data plane would be the same. But you'd run istiod and its CRDs, "
          "and upgrades become istio upgrades, not bumping one image. I'd stay with plain Envoy here."),
        U("yeah thats what i think too. staying with plain envoy, ill tell them"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="edge") if c.kind == "FAILED"]
    assert any(t.startswith("istio ingress gateway: turned down") for t in failed), failed


def test_a_release_or_a_dropped_hypothesis_is_no_verdict_on_an_approach() -> None:
    from memwrap.extract.cues import _VERDICT_RE
    assert _VERDICT_RE.search("H2 is out: no JSONB type and no ON CONFLICT")
    assert _VERDICT_RE.search("one in four tickets missing is not acceptable, so binary is out")
    assert not _VERDICT_RE.search("Side note: Pinia 3 is out")  # released
    assert not _VERDICT_RE.search("Vite 5.0 is out")
    assert not _VERDICT_RE.search("fleet is in depends, so that hypothesis is out")


def test_a_story_after_its_label_tried_first_and_a_wasted_day_is_a_dead_end() -> None:
    turns = [
        A("Converge passes on dokken now."),
        U("nice. fyi the reason we're on dokken at all: i tried kitchen-vagrant with virtualbox on my m2 first. the "
          "vbox arm build wouldnt boot the bento ubuntu boxes, just sat at the efi shell every time. wasted a whole "
          "day on it"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="cookbooks") if c.kind == "FAILED"]
    assert any(t.startswith("kitchen-vagrant") for t in failed), failed


def test_a_choice_called_a_mistake_is_named_by_what_was_picked_and_a_bare_next_step_is_no_reason() -> None:
    turns = [
        A("Player physics are fixed."),
        U("levels next. im on ogmo 3 right now and honestly picking ogmo was a mistake. the project is basically "
          "dead and it keeps eating my entity custom fields when i reopen the project file"),
    ]
    failed = [c.text for c in extract_candidates(turns, project="mossvale") if c.kind == "FAILED"]
    assert any(t.startswith("ogmo: abandoned") for t in failed), failed
    assert not any("levels next" in t for t in failed), failed


def test_that_is_out_after_naming_an_offered_option_turns_that_option_down() -> None:
    turns = [
        U("we need typo tolerant search for the recipe site"),
        A("Engines that fit: Postgres full-text, Meilisearch, Typesense, or Bonsai as hosted Elasticsearch. "
          "Where does the site run today?"),
        U("one vps with docker compose. i priced bonsai already, ~$190/mo for our index size so thats out. meili or typesense"),
        A("Meilisearch then: one container next to the app."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="recipes") if c.kind == "FAILED"]
    assert any(t.startswith("Bonsai") and "$190" in t for t in failed), failed


def test_an_option_from_a_numbered_reply_priced_out_by_the_user_is_turned_down() -> None:
    turns = [
        U("nightly digest emails, how do we schedule them"),
        A("Three realistic ones on Render:\n\n1. **Render cron job**: free on your plan, same repo.\n"
          "2. **Trigger.dev**: durable runs and a dashboard, but past the free tier, ~$50/mo.\n"
          "3. **A worker dyno with APScheduler**: always-on cost.\n\nI'd lean 1."),
        U("trigger.dev looks nice but im not paying 50/mo for one email a night. do the render cron"),
        A("Render cron job it is."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="digest") if c.kind == "FAILED"]
    assert any(t.lower().startswith("trigger.dev") and "50/mo" in t for t in failed), failed


def test_a_bare_no_to_an_option_takes_its_reason_from_the_next_sentence() -> None:
    turns = [
        U("invoices need pdfs"),
        A("Options:\n1. `openhtmltopdf` in-process\n2. `wkhtmltopdf` as a binary\n3. a headless Chromium container"),
        U("not wkhtmltopdf. i ran it on the old rails version last year, the binary is basically unmaintained and "
          "we needed xvfb plus a pile of X libs on the box just to get it to render. in-process is fine"),
        A("openhtmltopdf it is."),
    ]
    failed = [c.text for c in extract_candidates(turns, project="harbor") if c.kind == "FAILED"]
    assert any(t.startswith("wkhtmltopdf") and "unmaintained" in t for t in failed), failed


def test_no_x_then_after_the_reply_weighed_x_turns_it_down_with_the_weighing_as_its_reason() -> None:
    turns = [
        U("we run the shift app with supertokens passwordless login. what about passkeys while we're at it?"),
        A("Passkeys come with the WebAuthn recipe. But think about the kiosk iPads: a passkey is created on the "
          "device. On a tablet shared by several managers, everyone's passkey ends up in one Apple ID's keychain."),
        U("no passkeys then, too risky"),
        A("Agreed, staying with magic links and codes."),
    ]
    got = extract_candidates(turns, project="crewdesk")
    failed = [c.text for c in got if c.kind == "FAILED"]
    assert any(t.startswith("passkeys") and "too risky" in t and "shared" in t for t in failed), failed
    # the turn-down is no standing preference that would read as "passkeys" in the next session
    assert not [c for c in got if c.kind != "FAILED" and "passkey" in c.text.lower()], got


def test_no_x_without_a_reply_weighing_x_stays_a_standing_rule() -> None:
    turns = [U("new endpoint for the invoices export please. no lodash then, we dropped it from the bundle"),
             A("Writing `exportInvoices` with plain array methods.")]
    assert not [c for c in extract_candidates(turns, project="billing") if c.kind == "FAILED" and "lodash" in c.text.lower()]


def test_a_past_choice_judged_a_mistake_keeps_the_why_after_its_colon_and_not_the_next_topic() -> None:
    told = ("we serve the ticket router with bentoml now. we had it on cloud run cpu-only before, that was a mistake "
            "in hindsight: 40s cold starts and zendesk's webhook gives up after 10s, so tickets randomly didn't get "
            "routed. anyway first problem: the pod on the gpu node crashloops")
    failed = [c.text for c in extract_candidates([U(told), A("Let me look at the pod logs.")], project="router")
              if c.kind == "FAILED"]
    assert failed and all("cold starts" in t and "crashloops" not in t for t in failed), failed
    assert any(t.lower().startswith("cloud run") for t in failed), failed


def test_a_stack_item_only_a_dead_end_is_about_leaves_the_stack_line() -> None:
    from memwrap.extract.candidate import Candidate
    from memwrap.extract.passes import _settle

    project = Candidate(kind="PROJECT", text="support-search: FastAPI, Qdrant, lancedb 0.13, Postgres 16, Python", score=0.9)
    dead = Candidate(kind="FAILED", text="qdrant POC: abandoned, one more stateful service and ops will not run it",
                     topic="qdrant poc", score=0.6, turn=3)
    deep = Candidate(kind="FAILED", text="Cold starts of 40s made the webhook give up, so the FastAPI app and Postgres 16 pool "
                     "moved off the tiny instance", topic="cold starts", score=0.6, turn=5)
    postgres_dead = Candidate(kind="FAILED", text="Postgres full-text search: dropped, no German stemming", topic="full-text",
                              score=0.6, turn=6)
    postgres_kept = Candidate(kind="DECISION", text="Tickets stay in Postgres 16, the index is rebuilt nightly", score=0.7, turn=8)
    line = next(c.text for c in _settle([project, dead, deep, postgres_dead, postgres_kept]) if c.kind == "PROJECT")
    assert "Qdrant" not in line  # the dead end is about it and nothing else names it
    assert "FastAPI" in line  # named deep inside a dead end's story, not what it tried
    assert "Postgres 16" in line  # a dead end tried something on it, but a kept decision still names it
    assert "lancedb 0.13" in line and line.startswith("support-search: ")


def test_a_quantified_requirement_from_the_user_is_a_rule_of_the_project() -> None:
    turns = [U("adding the refunds table today"), A("Sure, I'll write the migration."),
             U("every migration needs a down that actually works, we roll back in staging all the time"),
             A("Understood."),
             U("and i want every run logged to mlflow with the git sha as a tag"), A("Will do."),
             U("each time i open the file it reloads"), A("That is the watcher.")]
    rules = [c for c in extract_candidates(turns, project="x") if c.kind in ("PATTERN", "PREFERENCE")]
    texts = " | ".join(c.text for c in rules)
    assert any(c.kind == "PATTERN" and "down that actually works" in c.text and c.scope == "project" for c in rules), texts
    assert any("mlflow" in c.text for c in rules), texts
    assert not any("reloads" in c.text for c in rules), texts  # "each time ..." states no requirement


def test_the_product_a_session_is_about_joins_the_stack_even_when_no_vocabulary_knows_it() -> None:
    turns = [
        U("hey, my photo server on the nuc keeps running out of disk. it's zorbaphoto in docker compose"),
        A("Let me look at how Zorbaphoto stores the originals."),
        tool("docker compose -f zorbaphoto/docker-compose.yml ps", "zorbaphoto-server   running\nzorbaphoto-db   running"),
        A("The thumbnails live next to the originals, so Zorbaphoto writes twice per photo. Moving the thumbs volume "
          "to the SSD keeps Zorbaphoto fast."),
        A("Done: thumbs on /mnt/ssd/thumbs, and Zorbaphoto restarted cleanly."),
        U("nice thanks. Priya asked if we can also keep the db on the ssd, but Priya can wait"),
    ]
    proj = [c for c in extract_candidates(turns, project="homelab-photos") if c.kind == "PROJECT"]
    assert proj and "Zorbaphoto" in proj[0].text, proj
    assert "Priya" not in proj[0].text  # a person the user names is no product: no tool ran or printed her name


def test_a_bug_fix_never_ends_on_the_opening_words_of_what_came_next() -> None:
    turns = [
        U("the mqtt bridge never connects on the pi"),
        tool("python bridge.py", "socket.gaierror: [Errno -2] Name or service not known: gh-broker.local", code=1),
        tool("config/bridge.toml", "Applied edit", name="Edit"),
        tool("python bridge.py", "connected to 10.0.3.7:1883", code=0),
        A("Connected. The bridge resolves `broker_host` through normal DNS, and the pi has no mDNS resolver, so "
          "gh-broker.local never resolved. Now the control logic."),
    ]
    fixes = [c.text for c in extract_candidates(turns, project="gh") if c.kind == "BUG_FIX"]
    assert not [t for t in fixes if t.endswith("Now the control logic.")], fixes


def test_a_recap_line_listing_several_dead_ends_gives_one_dead_end_each_with_its_reason() -> None:
    turns = [U("ok wrap up, write the summary"),
             A("Summary of today:\n- nginx terminates TLS, `proxy_read_timeout 330s`.\n"
               "- Dropped: separate agentPort (netops veto) and LDAP login (internal CA problem).\n"
               "- Dropped: web client (Pro only), forced relay (US 7-8 fps).\n- Open: second relay in Ashburn.")]
    failed = sorted(c.text for c in rule_candidates(turns, project="x") if c.kind == "FAILED")
    assert failed == ["Forced relay: dropped (US 7-8 fps)", "LDAP login: dropped (internal CA problem)",
                      "Separate agentPort: dropped (netops veto)", "Web client: dropped (Pro only)"]


def test_a_dropped_line_with_one_item_or_commas_inside_a_name_stays_whole() -> None:
    from memwrap.extract.user_statements import dropped_items
    assert dropped_items("Dropped: `$lookup` for the monthly report (only 212 → 198 ms)") == []
    assert dropped_items("Dropped: Redis, Memcached and Hazelcast as the session cache") == []
    assert dropped_items("Kept: the cron job (3.7h per run), the CLI (fast)") == []


def test_a_longer_no_to_what_the_assistant_offered_or_ran_is_a_dead_end_but_a_scoped_no_stays_a_rule() -> None:
    def got(assistant: str, user: str, ran: str = "") -> list:
        turns = [U("payments next"), A(assistant)]
        if ran:
            turns.append(tool(ran, "ok"))
        return extract_candidates(turns + [U(user), A("Understood.")], project="shop")
    offered = got("Two ways: I'd suggest a hosted checkout page on Stripe, or the Payment Element on our own page.",
                  "No hosted checkout. marketing spent 3 months on the one-page checkout and will veto any redirect.")
    assert any(c.kind == "FAILED" and c.text.startswith("hosted checkout: rejected") and "veto" in c.text for c in offered), offered
    tried = got("LDAPS works when certificate checks are off; trying the sync now.",
                "hard no on REQCERT=never, even temporarily, security says that is how you get MITM'd.",
                ran="LDAPTLS_REQCERT=never ./sync --dry-run")
    assert any(c.kind == "FAILED" and c.text.startswith("REQCERT=never: rejected") for c in tried), tried
    ran = got("I'll let it discover the range.", "No snmp-scan, ever. devices come from the netbox export only.",
              ran="sudo -u librenms ./snmp-scan.py -r 10.20.0.0/16")
    told = [c.text for c in ran if c.kind == "FAILED" and c.text.startswith("snmp-scan")]
    assert told and "ever" not in told[0].split(",", 1)[1][:6], told  # the reason, not the "ever"
    # "no X for <scope>" keeps X elsewhere: a rule, never a dead end that drops X from the project
    scoped = got("I'd suggest the webform module for bookings as well as for the contact pages.",
                 "No webform for bookings, marketing keeps it for contact pages.")
    assert not [c for c in scoped if c.kind == "FAILED" and c.text.lower().startswith("webform")], scoped


def test_a_dead_ends_account_is_not_added_when_its_text_already_tells_it() -> None:
    from memwrap.extract.accounts import with_accounts
    from memwrap.extract.candidate import Candidate
    turns = [U("we need polygon clipping in the extension"),
             A("I'd suggest Boost.Geometry for the clipping, it is header-only and well tested."),
             U("no boost. ever, not even as an optional dependency. we left the old package because of boost, doubled "
               "the build time and broke the conda-forge feedstock twice. find something small or write it ourselves"),
             A("Understood.")]
    c = Candidate(kind="FAILED", text="boost: rejected, not even as an optional dependency. we left the old package "
                  "because of boost", topic="boost", turn=2)
    told = with_accounts(turns, [c])[0].text
    assert told.lower().count("we left the old package") == 1, told


def test_a_path_named_twice_is_listed_once() -> None:
    from memwrap.facts import Fact
    fact = Fact("BUG_FIX", "guard the /login case", files=["lib/router.dart", "lib/router.dart"])
    assert fact.files == ["lib/router.dart"] and fact.line().count("lib/router.dart") == 1


def test_an_emphatic_ever_is_no_part_of_the_reason() -> None:
    turns = [U("we need polygon clipping in the extension"),
             A("I'd suggest Boost.Geometry for the clipping, it is header-only and well tested."),
             U("no boost. ever, not even as an optional dependency, it doubled our build time."),
             A("Understood, no Boost.")]
    failed = [c.text for c in extract_candidates(turns, project="geo") if c.kind == "FAILED"]
    assert failed and not any(re.search(r"(?:abandoned|rejected), ever\b", t) for t in failed), failed


def test_how_the_user_wants_work_done_here_is_a_project_preference() -> None:
    def prefs(user: str) -> list:
        turns = [U("ok the relay box next"), A("I'll start with the firewall rules."), U(user), A("Understood.")]
        return [c for c in extract_candidates(turns, project="relay") if c.kind == "PREFERENCE"]
    got = prefs("for anything that touches the firewall: explain what changes BEFORE you apply it, i paste that into "
                "the change ticket")
    assert got and "firewall" in got[0].text and got[0].scope == "project", got
    got = prefs("before you touch anything: pg_dump. always, even for a patch release")
    assert got and "pg_dump" in got[0].text, got
    got = prefs("show me the diff before writing any file on the pi")
    assert got and "diff" in got[0].text, got
    # a one-off request or the user's own plan is no standing rule
    assert not prefs("ok show me the fix before you apply it")
    assert not prefs("I'll explain the change to the team before we deploy anything")


def test_a_standing_rule_said_after_a_story_or_closed_by_always_is_kept() -> None:
    def rules(user: str) -> list[str]:
        turns = [U("hi"), A("Hi, what's next?"), U(user), A("OK.")]
        return [c.text for c in extract_candidates(turns, project="p") if c.kind in ("PREFERENCE", "PATTERN")]
    assert any(t.startswith("Never restart mgmt during office hours") for t in rules(
        "i restarted it at 19:30 on purpose btw, never restart mgmt during office hours, people are on calls."))
    assert any("separate files" in t for t in rules("schema and data migrations go in separate files, always."))
    assert any("physical devices" in t for t in rules(
        "always check on the physical devices too pls, the inspectors have old phones and the emulator lies about everything."))
    assert any(t.startswith("No bbb restarts") for t in rules("general rule btw: no bbb restarts between 8 and 18:00 on weekdays."))
    assert any("phpstan" in t for t in rules("before you say done: run phpstan level 6."))
    # what happened once is no rule
    assert rules("we tried it, never got it working, so whatever") == []
    assert rules("i asked the vendor twice, always gets the same answer") == []


def test_a_convention_named_by_the_rest_of_the_code_is_kept_and_a_status_is_not() -> None:
    def rules(user: str) -> list[str]:
        turns = [U("hi"), A("Hi, what's next?"), U(user), A("OK.")]
        return [c.text for c in extract_candidates(turns, project="p") if c.kind in ("PREFERENCE", "PATTERN")]
    assert any("table-driven" in t for t in rules("tests pls, table-driven like the rest of our go code"))
    assert any("pest" in t.lower() for t in rules("pest pls, the whole repo is pest, no phpunit classes"))
    assert any("integration test" in t for t in rules(
        "everything db related is an integration test with testcontainers against the real orientdb image."))
    assert rules("everything else is fine btw") == []


def test_the_choice_that_replaced_a_dead_end_is_kept_with_it() -> None:
    turns = [U("tablets keep logging out, tokens expire overnight"),
             A("Two ways: keep login + JWT and refresh on wake, or give each van its own non-expiring API key."),
             U("login + jwt is out, we already refresh on a 50 min timer and it still expires on wake. api key per van."),
             A("Done. Recap:\n- tablets: one non-expiring API key per van instead of login + JWT; `vans:revokeKey` for lost tablets")]
    got = extract_candidates(turns, project="fleet")
    assert any(c.kind == "FAILED" and "jwt" in c.text.lower() for c in got), got
    # "Y instead of X" is the choice, not a leak of X: it stays
    assert any(c.kind == "DECISION" and "API key per van" in c.text for c in got), got


def test_a_recap_verdict_with_its_numbers_in_brackets_is_a_dead_end() -> None:
    def failed(reply: str) -> list[str]:
        return [c.text for c in extract_candidates([U("status?"), A(reply), U("good")], project="nms") if c.kind == "FAILED"]
    got = failed("**Polling**: dispatcher service on nms-poll01/02. poller-wrapper with 24 threads is off (7m40s for 402 devices).")
    assert got and got[0].startswith("poller-wrapper with 24 threads") and "7m40s" in got[0], got
    assert failed("The light is off (it was 3 am).") == []


def test_who_runs_what_and_how_answers_come_are_working_preferences() -> None:
    def prefs(user: str) -> list[str]:
        turns = [U("hi"), A("Hi, what's next?"), U(user), A("OK.")]
        return [c.text for c in extract_candidates(turns, project="p") if c.kind == "PREFERENCE"]
    assert any("myself" in t for t in prefs("give me the sql, I run db changes myself."))
    assert any("yourself" in t for t in prefs("run stuff yourself, i'm ssh'd in and the ui over the vpn is painful."))
    assert any("command first" in t for t in prefs("i'm on call this week so pls: command first, explanation after, short"))
    assert prefs("i did it myself yesterday") == []


def test_the_answer_is_no_names_no_dead_end_called_answer() -> None:
    turns = [U("should we use their cloud for the dashboards?"),
             A("Netdata Cloud would give you the nicer dashboards; claim the parents with the claim token."),
             U("hold on. pinged mareike (compliance) before saying yes. answer is no: metric metadata incl hostnames "
               "would leave our network. ill delete the trial space"),
             A("OK, no cloud.")]
    got = extract_candidates(turns, project="mon")
    assert not any(c.kind == "FAILED" and c.text.lower().startswith("answer") for c in got), got
