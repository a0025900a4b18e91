"""The life of a fact through the real store: merge, supersede, prune/restore, pin, gc, rank."""

from __future__ import annotations

import time

import pytest

from memwrap import lifecycle
from memwrap.errors import NotFound, UsageError
from memwrap.facts import Fact
from memwrap.store import Store

P = "/src/auth-service"


def fact(kind: str, text: str, **kw: object) -> Fact:
    kw.setdefault("project", P)
    return Fact(kind=kind, text=text, **kw)  # type: ignore[arg-type]


@pytest.fixture
def store():
    with Store.open() as s:
        yield s


def add_pair(store: Store, old: Fact, new: Fact) -> tuple[str, Fact, Fact]:
    first = store.add_facts([old])[0]
    second = store.add_facts([new])[0]
    return second.action, store.get(first.id), store.get(second.id)


@pytest.mark.parametrize(
    "old,new",
    [
        ("JWT with refresh tokens, 15min access / 7d refresh", "Switched from JWT to opaque tokens"),
        ("JWT with refresh tokens", "no longer use JWT with refresh tokens, sessions live server-side"),
        ("Store sessions in Redis", "Store sessions in Postgres instead of Redis"),
        ("Build with webpack", "Replaced webpack with esbuild for builds"),
        ("access token lifetime 15min, refresh token 7d", "access token lifetime 30min, refresh token 7d"),
        # a clause that reports the old way switched off or removed
        ("Proxy on :443 with the built-in ACME certificate", "TLS via certbot dns-01 wildcard, ACME off"),
        ("Seat counts from a nightly slots precompute (task plugin, cron 03:15)",
         "Availability computed live from bookings; the nightly slots precompute is gone"),
        # the new choice says it took the old one's place, with no "with Y" after it
        ("RMW: rmw_cyclonedds_cpp with multicast off and unicast peers in cyclonedds.xml",
         "Middleware: Fast DDS with a Discovery Server on the fleet box. Replaces the CycloneDDS static-peer…"),
        ("Local dev database is SQLite via better-sqlite3", "SQLite replaced by Postgres on Neon, URL from runtimeConfig"),
    ],
)
def test_contradicting_decision_supersedes_and_keeps_the_old_one(store: Store, old: str, new: str) -> None:
    action, old_f, new_f = add_pair(store, fact("DECISION", old), fact("DECISION", new))
    assert action == "superseded"
    assert old_f.status == "superseded" and old_f.superseded_by == new_f.id
    assert old_f.id in new_f.supersedes and new_f.status == "active"
    live = [f.text for f in store.facts(project=P, status=("active", "pinned"))]
    assert live == [new_f.text]


def test_same_topic_supersedes_even_with_different_words(store: Store) -> None:
    action, old_f, _ = add_pair(
        store, fact("DECISION", "Deploy with Helm charts", topic="deployment"),
        fact("DECISION", "Deploy via Argo CD from the gitops repo", topic="deployment"),
    )
    assert action == "superseded" and old_f.status == "superseded"


@pytest.mark.parametrize(
    "old,new",
    [
        ("Redis-backed sessions abandoned, ALB cannot do sticky sessions",
         "Redis-backed sessions failed: ALB has no sticky sessions"),
        ("Use pytest fixtures for db setup", "use pytest fixtures for database setup"),
        ("chi router for HTTP handlers", "chi router for the HTTP handlers"),
    ],
)
def test_near_duplicates_merge_into_one_line(store: Store, old: str, new: str) -> None:
    kind = "FAILED" if "fail" in new or "abandon" in old else "PATTERN"
    first = store.add_facts([fact(kind, old, files=["a.go"], evidence="first quote")], session_id="s1")[0]
    second = store.add_facts([fact(kind, new, files=["b.go"], evidence="second quote")], session_id="s2")[0]
    assert second.action == "merged" and second.id == first.id
    (only,) = store.facts(project=P)
    assert only.count == 2
    assert only.files == ["a.go", "b.go"]
    assert "first quote" in only.evidence and "second quote" in only.evidence


def test_exact_duplicate_in_one_batch_is_one_fact(store: Store) -> None:
    results = store.add_facts([fact("BUG_FIX", "race in token refresh -> mutex"), fact("BUG_FIX", "Race in token refresh -> mutex!")])
    assert [r.action for r in results] == ["new", "merged"]
    assert len(store.facts()) == 1


def test_failed_and_decision_on_same_topic_do_not_merge(store: Store) -> None:
    store.add_facts([fact("FAILED", "Redis for caching failed", topic="Redis caching")])
    result = store.add_facts([fact("DECISION", "Redis for caching", topic="Redis caching")])[0]
    assert result.action == "new"
    assert {f.kind for f in store.facts(project=P)} == {"FAILED", "DECISION"}


def test_failed_approach_supersedes_the_decision_that_chose_it(store: Store) -> None:
    action, old_f, new_f = add_pair(
        store, fact("DECISION", "Use Redis-backed sessions for login state"),
        fact("FAILED", "Redis-backed sessions abandoned, ALB cannot do sticky sessions"),
    )
    assert action == "superseded" and old_f.superseded_by == new_f.id and new_f.kind == "FAILED"


def test_unrelated_decisions_both_stay(store: Store) -> None:
    action, old_f, _ = add_pair(store, fact("DECISION", "Use Postgres 16 for storage"),
                                fact("DECISION", "Use SQLite for the local cache"))
    assert action == "new" and old_f.status == "active"


def test_pinned_fact_is_never_superseded_automatically(store: Store) -> None:
    old = store.add_facts([fact("DECISION", "JWT with refresh tokens")])[0]
    store.set_status(old.id, "pinned")
    result = store.add_facts([fact("DECISION", "Switched from JWT to opaque tokens")])[0]
    assert result.action == "new"
    assert store.get(old.id).status == "pinned"


def test_pinned_fact_survives_gc_however_old(store: Store) -> None:
    long_ago = time.time() - 400 * lifecycle.DAY
    ids = [r.id for r in store.add_facts([
        fact("DECISION", "old pinned decision about tabs", created_at=long_ago),
        fact("PATTERN", "old unpinned pattern about logging", created_at=long_ago),
    ])]
    store.set_status(ids[0], "pinned")
    assert store.gc().pruned_stale == 1
    assert store.get(ids[0]).status == "pinned"
    assert store.get(ids[1]).status == "pruned"
    assert store.gc().deleted == 1  # pruned by the previous gc: gone now
    with pytest.raises(NotFound):
        store.get(ids[1])


def test_forgotten_fact_restores_until_gc_and_is_not_revived_by_reextraction(store: Store) -> None:
    fid = store.add_facts([fact("PATTERN", "table-driven tests for handlers")])[0].id
    store.set_status(fid, "pruned")
    again = store.add_facts([fact("PATTERN", "table-driven tests for handlers")])[0]
    assert again.action == "merged" and store.get(fid).status == "pruned"
    assert store.set_status(fid, "active").status == "active"
    store.set_status(fid, "pruned")
    store.gc()
    with pytest.raises(NotFound):
        store.get(fid)


def test_restoring_a_superseded_fact_unlinks_it(store: Store) -> None:
    _, old_f, new_f = add_pair(store, fact("DECISION", "JWT with refresh tokens"),
                               fact("DECISION", "Switched from JWT to opaque tokens"))
    restored = store.set_status(old_f.id, "active")
    assert restored.superseded_by is None
    assert old_f.id not in store.get(new_f.id).supersedes


def test_manual_merge_keeps_old_id_resolving(store: Store) -> None:
    a, b = (r.id for r in store.add_facts([fact("TODO", "add rate limiting to login"),
                                             fact("TODO", "write the migration guide")]))
    kept = store.merge(a, b)
    assert kept.count == 2 and len(store.facts()) == 1
    assert store.get(b).id == a  # the merged-away id still finds the fact


def test_prefix_lookup_and_ambiguity(store: Store) -> None:
    facts = [fact("TODO", f"task number {i}") for i in range(60)]
    store.add_facts(facts)
    target = facts[0].id
    assert store.get(target[:8]).id == target
    first_chars = [f.id[0] for f in facts]
    shared = max(set(first_chars), key=first_chars.count)
    with pytest.raises(UsageError, match="several facts"):
        store.get(shared)
    with pytest.raises(NotFound):
        store.get("zzzz")


def test_global_scope_is_separate_from_projects(store: Store) -> None:
    store.add_facts([Fact("PREFERENCE", "prefers explicit error types", scope="global"),
                     fact("DECISION", "chi router"), fact("DECISION", "gin router", project="/src/other")])
    assert [f.text for f in store.facts(project=P)] == ["chi router"]
    assert {f.text for f in store.facts(project=P, include_global=True)} == {"chi router", "prefers explicit error types"}
    assert [f.scope for f in store.facts(scope="global")] == ["global"]
    assert len(store.facts()) == 3


def test_mark_injected_and_rank_decay() -> None:
    now = time.time()
    fresh = Fact("DECISION", "x y z", created_at=now)
    old = Fact("DECISION", "x y z", created_at=now - 200 * lifecycle.DAY)
    used_often = Fact("DECISION", "x y z", created_at=now - 200 * lifecycle.DAY, count=12, injected_count=30)
    pinned = Fact("DECISION", "x y z", created_at=now - 400 * lifecycle.DAY, status="pinned")
    assert lifecycle.staleness(fresh, now) == 0.0 and lifecycle.rank_weight(fresh, now) == 1.0
    assert lifecycle.rank_weight(old, now) < lifecycle.rank_weight(used_often, now) < 1.0
    assert lifecycle.rank_weight(pinned, now) == 1.0
    assert lifecycle.rank_weight(old, now) >= 0.25


def test_injection_is_recorded(store: Store) -> None:
    fid = store.add_facts([fact("DECISION", "chi router")])[0].id
    before = store.generation()
    store.mark_injected([fid, "doesnotexist"], when=1234.5)
    store.mark_injected([fid], when=2345.5)
    got = store.get(fid)
    assert got.injected_count == 2 and got.last_injected == 2345.5
    assert store.generation() == before + 2


def test_second_session_that_retires_a_technology_supersedes_what_was_built_on_it(store: Store) -> None:
    first = store.add_facts([
        fact("BUG_FIX", "duplicate chunks on re-ingest -> deterministic ids, Chroma upserts on existing ids"),
        fact("TODO", "add chroma_db/ to the backup job"),
        fact("FAILED", "Chroma on a shared NFS volume: failed, 'database is locked'"),
        fact("PREFERENCE", "small commits, one concern each"),
    ], session_id="a")
    second = store.add_facts([
        fact("DECISION", "pgvector via langchain-postgres, with Chroma kept for a week as fallback"),
        fact("PROJECT", "kb-bot: Postgres 16, pgvector, LangChain; dropped: Chroma", replaces=["chroma"]),
    ], session_id="b")
    by_text = {f.text.split()[0]: f for f in store.facts(project=P)}
    project_id = next(r.id for r in second if store.get(r.id).kind == "PROJECT")
    assert by_text["duplicate"].status == "superseded" and by_text["duplicate"].superseded_by == project_id
    assert by_text["add"].status == "superseded"  # chroma_db/ is built on chroma
    assert by_text["Chroma"].status == "active"  # a dead end stays worth knowing
    assert by_text["small"].status == "active"
    assert by_text["pgvector"].status == "active"  # the session's own facts never retire each other
    assert len(first) == 4


def test_a_later_decision_that_says_it_replaces_a_plan_ends_that_plan(store: Store) -> None:
    plan = store.add_facts([fact("TODO", "agv02: give it its own ROS_DOMAIN_ID per robot")], session_id="a")[0]
    fix = store.add_facts([fact("BUG_FIX", "Load more stopped at page 2: $effect read items -> +page.svelte fixed")],
                          session_id="a")[0]
    store.add_facts([fact("DECISION", "Single ROS_DOMAIN_ID=7, robots namespaced; replaces the per-robot domain id idea"),
                     fact("DECISION", "Load more button instead of page numbers")], session_id="b")
    assert store.get(plan.id).status == "superseded"
    # "instead of page numbers" shares only "page" with the fix: the fix stays
    assert store.get(fix.id).status == "active"


def test_a_changed_way_does_not_end_an_older_plan(store: Store) -> None:
    plan = store.add_facts([fact("TODO", "alt text on the hero image should be required")], session_id="a")[0]
    store.add_facts([fact("DECISION", "Post images now go to Cloudinary (hero image field)")], session_id="b")
    assert store.get(plan.id).status == "active"


def test_retired_name_must_be_whole(store: Store) -> None:
    kept = store.add_facts([fact("DECISION", "Run the HAProxy stick table with a 10s window")])[0]
    store.add_facts([fact("PROJECT", "edge: HAProxy 2.8", replaces=["stick tables v2"])], session_id="b")
    assert store.get(kept.id).status == "active"


def test_a_later_dead_end_ends_the_choices_built_on_it(store: Store) -> None:
    first = store.add_facts([
        fact("DECISION", "Idempotency-Key on POST /invoices via the moka cache", topic="idempotency key"),
        fact("PATTERN", "Handlers return Result<_, AppError>", topic="apperror"),
        fact("BUG_FIX", "PrismaClient cached on globalThis (too many clients on HMR)", topic="prismaclient"),
    ], session_id="a")
    store.add_facts([
        fact("FAILED", "moka: abandoned, per replica and emptied on deploy", topic="moka"),
        fact("FAILED", "client: failed, registerCustom does not reach the RSC props", topic="client"),
    ], session_id="b")
    moka, handlers, prisma = (store.get(r.id) for r in first)
    assert moka.status == "superseded"  # built on what session b gave up
    assert handlers.status == "active"
    assert prisma.status == "active"  # "client" names no one approach
    # within one session a dead end and a choice are settled by extraction, not retired here
    same = store.add_facts([fact("DECISION", "Response cache: redis keyed by the header value with a 24h TTL, per tenant",
                                 topic="response cache"),
                            fact("FAILED", "redis: abandoned, no new infra for one table", topic="redis")], session_id="c")
    assert store.get(same[0].id).status == "active"


def test_a_subject_that_now_works_another_way_replaces_its_old_way(store: Store) -> None:
    old = store.add_facts([fact("DECISION", "`wire:poll.10s` on the board: Livewire re-renders it every 10 seconds"),
                           fact("DECISION", "Test suite runs on SQLite in memory")], session_id="a")
    store.add_facts([fact("DECISION", "The board now updates through Reverb"),
                     fact("DECISION", "The tests now pass on Postgres too")], session_id="b")
    poll, tests = (store.get(r.id) for r in old)
    assert poll.status == "superseded"
    assert tests.status == "active"  # an outcome, not a new way of doing it


def test_a_subject_named_only_inside_an_identifier_is_still_the_one_replaced(store: Store) -> None:
    old = store.add_facts([fact("DECISION", "`before_submit` hook `acme_mfg.overrides.sales_order.check_credit_approval` "
                                            "blocks submit over limit without approver"),
                           fact("DECISION", "Nightly `export_invoices_csv` job at 02:00")], session_id="a")
    store.add_facts([fact("DECISION", "In short: the credit approval now runs through the SO Credit Approval workflow")],
                    session_id="b")
    hook, export = (store.get(r.id) for r in old)
    assert hook.status == "superseded"  # "credit approval" is spelled inside check_credit_approval
    assert export.status == "active"


def test_a_later_choice_on_the_same_subject_replaces_the_earlier_one_unsaid(store: Store) -> None:
    old = store.add_facts([fact("DECISION", "Session: a signed cookie through Starlette's SessionMiddleware, max_age 8h"),
                           fact("DECISION", "Gitea SSH on host port 2222, host sshd untouched on 22"),
                           fact("DECISION", "Problem details (RFC 7807) for every API error response")], session_id="a")
    store.add_facts([fact("DECISION", "Server-side sessions in Redis db 3, signed id-only cookie, 8h TTL"),
                     fact("DECISION", "Gitea SSH is on plain 22 via passthrough, host git user runs gitea keys"),
                     fact("DECISION", "API pagination by opaque cursor, limit capped at 100")], session_id="b")
    session, ssh, errors = (store.get(r.id) for r in old)
    assert session.status == "superseded" and ssh.status == "superseded"
    assert errors.status == "active"  # "API" alone is no shared subject


def test_two_choices_on_one_subject_in_one_session_both_stay(store: Store) -> None:
    first = store.add_facts([fact("DECISION", "Session: a signed cookie through SessionMiddleware, max_age 8h")],
                            session_id="a")
    store.add_facts([fact("DECISION", "Session cookie is SameSite=lax and signed with the app secret")], session_id="a")
    assert store.get(first[0].id).status == "active"


def test_a_recap_line_and_the_old_way_it_names_replace_the_earlier_choice(store: Store) -> None:
    old = store.add_facts([fact("DECISION", "Search on Postgres full-text search with a GIN index"),
                           fact("DECISION", "Streak counters in PluginStore rows, one per user"),
                           fact("DECISION", "Tokens checked by introspection with a 30s cache"),
                           fact("DECISION", "Thumbnails rendered with sharp at upload")], session_id="a")
    store.add_facts([fact("DECISION", "Recap: search now runs on Elasticsearch 8.13 through the elasticsearch8 backend"),
                     fact("DECISION", "Counters live in the reading_streak_stats table, backfilled from the old PluginStore rows"),
                     fact("DECISION", "Deploys from now on go through the pipeline, the tokens stay as they are")],
                    session_id="b")
    search, streaks, tokens, thumbs = (store.get(r.id) for r in old)
    assert search.status == "superseded"  # "Recap: X now runs on Y"
    assert streaks.status == "superseded"  # "from the old X"
    assert tokens.status == "active" and thumbs.status == "active"  # "from now on" names no old way


def test_a_dead_end_leaves_the_choices_that_already_refused_it(store: Store) -> None:
    kept = store.add_facts([fact("DECISION", "Use Postgres advisory locks instead of Redis", topic="locks"),
                            fact("DECISION", "Not using Docker for dev, plain venv", topic="dev environment"),
                            fact("DECISION", "Everything in config.yaml, loaded once", topic="settings")],
                           session_id="a")
    store.add_facts([fact("FAILED", "redis: abandoned, another service to page for", topic="redis"),
                     fact("FAILED", "docker: abandoned, too slow on macOS", topic="docker"),
                     fact("FAILED", "config: failed, reload on SIGHUP raced", topic="config")], session_id="b")
    assert all(store.get(r.id).status == "active" for r in kept)


def test_outcomes_said_with_now_replace_nothing(store: Store) -> None:
    kept = store.add_facts([fact("DECISION", "Test suite runs on SQLite in memory"),
                            fact("DECISION", "Build with webpack and babel")], session_id="a")
    store.add_facts([fact("DECISION", "The tests are now passing on both databases"),
                     fact("DECISION", "The build now runs 40% faster")], session_id="b")
    assert all(store.get(r.id).status == "active" for r in kept)
