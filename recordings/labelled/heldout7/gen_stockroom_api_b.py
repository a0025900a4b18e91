from common import U, A, T, G, D, write

EXPLAIN_1 = '''                                                                QUERY PLAN
-------------------------------------------------------------------------------------------------------------------------------------------
 Limit  (cost=498213.77..498216.69 rows=25 width=142) (actual time=1792.418..1801.006 rows=25 loops=1)
   ->  Gather Merge  (cost=486549.91..719927.44 rows=2000216 width=142) (actual time=1719.822..1797.951 rows=100025 loops=1)
         Workers Planned: 2
         Workers Launched: 2
         ->  Sort  (cost=485549.89..488050.16 rows=1000108 width=142) (actual time=1688.311..1705.903 rows=33609 loops=3)
               Sort Key: created_at DESC, id DESC
               Sort Method: external merge  Disk: 126312kB
               Worker 0:  Sort Method: external merge  Disk: 118960kB
               Worker 1:  Sort Method: external merge  Disk: 120224kB
               ->  Parallel Seq Scan on items  (cost=0.00..61208.08 rows=1000108 width=142) (actual time=0.021..231.774 rows=800087 loops=3)
 Planning Time: 0.171 ms
 Execution Time: 1823.540 ms
(12 rows)'''

EXPLAIN_COUNT = '''                                                         QUERY PLAN
----------------------------------------------------------------------------------------------------------------------------
 Finalize Aggregate  (cost=64708.49..64708.50 rows=1 width=8) (actual time=603.877..611.020 rows=1 loops=1)
   ->  Gather  (cost=64708.27..64708.48 rows=2 width=8) (actual time=603.702..611.001 rows=3 loops=1)
         Workers Planned: 2
         Workers Launched: 2
         ->  Partial Aggregate  (cost=63708.27..63708.28 rows=1 width=8) (actual time=597.114..597.115 rows=1 loops=3)
               ->  Parallel Seq Scan on items  (cost=0.00..61208.08 rows=1000108 width=0) (actual time=0.015..534.660 rows=800087 loops=3)
 Planning Time: 0.092 ms
 Execution Time: 611.102 ms
(8 rows)'''

EXPLAIN_2 = '''                                                                  QUERY PLAN
----------------------------------------------------------------------------------------------------------------------------------------------
 Limit  (cost=5731.40..5732.83 rows=25 width=142) (actual time=238.551..238.604 rows=25 loops=1)
   ->  Index Scan using items_created_at_id_idx on items  (cost=0.43..137244.19 rows=2400261 width=142) (actual time=0.034..231.918 rows=100025 loops=1)
 Planning Time: 0.204 ms
 Execution Time: 238.647 ms
(4 rows)'''

EXPLAIN_3 = '''                                                                  QUERY PLAN
----------------------------------------------------------------------------------------------------------------------------------------------
 Limit  (cost=0.43..2.94 rows=25 width=142) (actual time=0.041..0.088 rows=25 loops=1)
   ->  Index Scan using items_created_at_id_idx on items  (cost=0.43..100512.77 rows=1000087 width=142) (actual time=0.040..0.083 rows=25 loops=1)
         Index Cond: (ROW(created_at, id) < ROW('2026-10-14 09:12:44.183921+00'::timestamp with time zone, 'b8d3f0e2-6c1a-4f2e-9a57-3e0c1d9b7a64'::uuid))
 Planning Time: 0.233 ms
 Execution Time: 0.117 ms
(5 rows)'''

OFFLINE_FAIL = '''   Compiling stockroom-api v0.7.0 (/home/dana/code/stockroom-api)
error: `SQLX_OFFLINE=true` but there is no cached data for this query, run `cargo sqlx prepare` to update the query cache or unset `SQLX_OFFLINE`
  --> src/routes/items.rs:58:17
   |
58 |       let rows = sqlx::query_as!(
   |  ________________^
59 | |         Item,
60 | |         r#"SELECT id, sku, name, quantity, tags, created_at, updated_at
61 | |            FROM items
...  |
68 | |         limit + 1
69 | |     )
   | |_____^
   |
   = note: this error originates in the macro `$crate::sqlx_macros::expand_query` which comes from the expansion of the macro `sqlx::query_as` (in Nightly builds, run with -Z macro-backtrace for more info)

error: could not compile `stockroom-api` (bin "stockroom-api") due to 1 previous error'''

TEST_FAIL = '''    Finished test [unoptimized + debuginfo] target(s) in 11.62s
     Running unittests src/main.rs (target/debug/deps/stockroom_api-9f2a7c0d1b3e5a68)

running 9 tests
test routes::items::tests::get_item_404 ... ok
test routes::items::tests::get_item_ok ... ok
test routes::items::tests::list_items_first_page ... ok
test routes::items::tests::list_items_limit_capped ... ok
test routes::items::tests::list_items_bad_cursor_is_400 ... ok
test routes::items::tests::list_items_single_tag ... ok
test routes::items::tests::list_items_two_tags ... ok
test routes::items::tests::list_items_deprecated_page_param ... ok
test routes::items::tests::list_items_walk_all_pages ... FAILED

failures:

---- routes::items::tests::list_items_walk_all_pages stdout ----
walked 8 pages, 200 seeded
thread 'routes::items::tests::list_items_walk_all_pages' panicked at src/routes/items.rs:241:9:
assertion `left == right` failed: every seeded item exactly once
  left: 176
 right: 200
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    routes::items::tests::list_items_walk_all_pages

test result: FAILED. 8 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.88s'''

TEST_OK = '''    Finished test [unoptimized + debuginfo] target(s) in 10.94s
     Running unittests src/main.rs (target/debug/deps/stockroom_api-9f2a7c0d1b3e5a68)

running 9 tests
test routes::items::tests::get_item_404 ... ok
test routes::items::tests::get_item_ok ... ok
test routes::items::tests::list_items_first_page ... ok
test routes::items::tests::list_items_limit_capped ... ok
test routes::items::tests::list_items_bad_cursor_is_400 ... ok
test routes::items::tests::list_items_single_tag ... ok
test routes::items::tests::list_items_two_tags ... ok
test routes::items::tests::list_items_deprecated_page_param ... ok
test routes::items::tests::list_items_walk_all_pages ... ok

test result: ok. 9 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.93s'''

turns = [
    U("so /items got slow. since the supplier catalog import last week the table has 2.4M rows and the admin table takes ~2s per page when you go deep, ops sent me a slow query log with page=4000. can you look? I'd like to keep the API as is if we can, the frontend team is busy"),
    T("Bash", "psql \"$DATABASE_URL\" -c \"EXPLAIN ANALYZE SELECT id, sku, name, quantity, tags, created_at, updated_at FROM items ORDER BY created_at DESC, id DESC LIMIT 25 OFFSET 99975\"", EXPLAIN_1),
    T("Bash", "psql \"$DATABASE_URL\" -c \"EXPLAIN ANALYZE SELECT COUNT(*) FROM items\"", EXPLAIN_COUNT),
    A("Two separate costs per request:\n1. The page query has no index for `ORDER BY created_at DESC, id DESC`, so Postgres seq-scans all 2.4M rows and does an external merge sort spilling ~360MB to disk, then throws away the first 99,975 rows: 1.8s.\n2. `COUNT(*)` for `total` is another full scan: 0.6s, on every page.\n\nOptions:\n- (a) Add an index on `(created_at DESC, id DESC)`. The sort disappears, but OFFSET still walks through every skipped row, so deep pages stay linear.\n- (b) Keep offset, add the index, and cache `total` (e.g. refresh a count every minute, or use `pg_class.reltuples` as an estimate).\n- (c) Switch to keyset pagination: `WHERE (created_at, id) < ($cursor)` with the index; constant time at any depth, but no \"jump to page N\" and no exact total, so the API changes."),
    U("hmm. b I think? index + cache the count, keeps the contract"),
    A("OK, starting with the index since every option needs it. I'll write it as a reversible sqlx migration."),
    T("Bash", "sqlx migrate add -r items_created_at_id_idx", '''Creating migrations/20261124101512_items_created_at_id_idx.up.sql
Creating migrations/20261124101512_items_created_at_id_idx.down.sql'''),
    T("Edit", "migrations/20261124101512_items_created_at_id_idx.up.sql", '''+-- no CONCURRENTLY: sqlx runs migrations in a transaction
+CREATE INDEX items_created_at_id_idx ON items (created_at DESC, id DESC);'''),
    T("Edit", "migrations/20261124101512_items_created_at_id_idx.down.sql", '''+DROP INDEX IF EXISTS items_created_at_id_idx;'''),
    U("good that you did the down file, keep doing that, every migration has to be reversible here"),
    T("Bash", "sqlx migrate run && psql \"$DATABASE_URL\" -c \"EXPLAIN ANALYZE SELECT id, sku, name, quantity, tags, created_at, updated_at FROM items ORDER BY created_at DESC, id DESC LIMIT 25 OFFSET 99975\"", "Applied 20261124101512/migrate items created at id idx (4.212631s)\n" + EXPLAIN_2),
    A("With the index page 4000 goes from 1.8s to 240ms, but as expected it's now an index scan that still reads 100,025 entries to return 25, so page 40,000 would be ~2.4s again. Now for the count cache: I was thinking of a small `item_counts` table refreshed by a tokio interval task every 60s, with the tag-filtered counts computed live since those are smaller..."),
    U("wait. thinking about it more, the cached count gets weird with the tag filter anyway and we'd still be linear. ok no, forget the count cache. let's do keyset properly. I just talked to Mirela, frontend is rewriting the item list as infinite scroll in the next release anyway, so page numbers go away. do (c)"),
    A("Keyset it is. Design:\n- `GET /items?limit=50&cursor=<opaque>&tag=...` -> `{ items, next_cursor }`, `next_cursor` null on the last page.\n- Cursor = base64url of `created_at` + `id` of the last item, so clients treat it as opaque.\n- `limit` default 25, max 100 (same caps as before). No `total`.\n- Query fetches `limit + 1` rows to know whether there's a next page.\n- During the transition, `page`/`per_page` keep working (old code path) but respond with a `Deprecation` header, so the current frontend doesn't break before Mirela's release.\n\nOne question: should the cursor be signed (HMAC) so clients can't craft them, or is opaque-but-unsigned fine for an internal admin API?"),
    U("ok go"),
    T("Edit", "src/routes/items.rs", '''@@ -8,13 +8,27 @@
-#[derive(Debug, Deserialize)]
-pub struct ListParams {
-    page: Option<i64>,
-    per_page: Option<i64>,
-    #[serde(default)]
-    tag: Vec<String>,
-}
+#[derive(Debug, Deserialize)]
+pub struct ListParams {
+    cursor: Option<String>,
+    limit: Option<i64>,
+    /// deprecated, removed once the infinite-scroll frontend is live
+    page: Option<i64>,
+    per_page: Option<i64>,
+    #[serde(default)]
+    tag: Vec<String>,
+}
+
+#[derive(Serialize)]
+pub struct ItemSlice { items: Vec<Item>, next_cursor: Option<String> }
+
+fn encode_cursor(last: &Item) -> String {
+    let raw = format!("{}|{}", last.created_at.timestamp_millis(), last.id);
+    URL_SAFE_NO_PAD.encode(raw)
+}
+
+fn decode_cursor(c: &str) -> Result<(DateTime<Utc>, Uuid), AppError> {
+    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(c).map_err(|_| bad_cursor())?).map_err(|_| bad_cursor())?;
+    let (ts, id) = raw.split_once('|').ok_or_else(bad_cursor)?;
+    let ts = DateTime::from_timestamp_millis(ts.parse().map_err(|_| bad_cursor())?).ok_or_else(bad_cursor)?;
+    Ok((ts, id.parse().map_err(|_| bad_cursor())?))
+}
@@ -50,6 +64,32 @@
+    let rows = sqlx::query_as!(
+        Item,
+        r#"SELECT id, sku, name, quantity, tags, created_at, updated_at
+           FROM items
+           WHERE ($1::text[] IS NULL OR tags && $1)
+             AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
+           ORDER BY created_at DESC, id DESC
+           LIMIT $4"#,
+        tags.as_deref(),
+        after_ts,
+        after_id,
+        limit + 1
+    )'''),
    T("Bash", "cargo add base64@0.22 && SQLX_OFFLINE=true cargo build", '''    Updating crates.io index
      Adding base64 v0.22.1 to dependencies.
             Features:
             + alloc
             + std
    Updating crates.io index
''' + OFFLINE_FAIL),
    A("Right, the offline cache from last time: the new query isn't in `.sqlx/` yet. Re-running prepare against the local db."),
    T("Bash", "cargo sqlx prepare && SQLX_OFFLINE=true cargo build", '''query data written to .sqlx in the current directory; please check this into version control
   Compiling stockroom-api v0.7.0 (/home/dana/code/stockroom-api)
    Finished dev [unoptimized + debuginfo] target(s) in 15.02s'''),
    T("Bash", "cargo test", TEST_FAIL),
    A("The walk-all-pages test sees only 176 of the 200 seeded items, so pages silently skip rows. The cause is the cursor precision: I encode `created_at` in milliseconds, but Postgres `timestamptz` stores microseconds. Decoding truncates, e.g. the last item is at `09:12:44.183921` and the cursor says `09:12:44.183000`. Because we page in descending order with `(created_at, id) < cursor`, every row between `.183000` and `.183921` that hadn't been shown yet is now *above* the cursor and never comes back. The seed inserts in a tight loop so many rows share a millisecond, which is why the test catches it; in production it would be rarer but real (the catalog import inserts in bulk). Fix: encode microseconds."),
    T("Edit", "src/routes/items.rs", '''@@ -24,7 +24,7 @@
 fn encode_cursor(last: &Item) -> String {
-    let raw = format!("{}|{}", last.created_at.timestamp_millis(), last.id);
+    let raw = format!("{}|{}", last.created_at.timestamp_micros(), last.id);
     URL_SAFE_NO_PAD.encode(raw)
 }
@@ -31,1 +31,1 @@
-    let ts = DateTime::from_timestamp_millis(ts.parse().map_err(|_| bad_cursor())?).ok_or_else(bad_cursor)?;
+    let ts = DateTime::from_timestamp_micros(ts.parse().map_err(|_| bad_cursor())?).ok_or_else(bad_cursor)?;'''),
    T("Bash", "cargo test", TEST_OK),
    T("Bash", "psql \"$DATABASE_URL\" -c \"EXPLAIN ANALYZE SELECT id, sku, name, quantity, tags, created_at, updated_at FROM items WHERE (created_at, id) < ('2026-10-14 09:12:44.183921+00', 'b8d3f0e2-6c1a-4f2e-9a57-3e0c1d9b7a64') ORDER BY created_at DESC, id DESC LIMIT 26\"", EXPLAIN_3),
    A("0.1ms for a page that sits ~1M rows deep, versus 1.8s before. Summary:\n- `items_created_at_id_idx` on `(created_at DESC, id DESC)` (reversible migration).\n- `/items` now paginates by keyset: `cursor` + `limit`, returns `next_cursor`, no `total`.\n- Cursor encodes microseconds; the walk-all-pages test guards against duplicates/skips.\n- `page`/`per_page` still served through the old offset code with a `Deprecation: true` header.\n- `.sqlx/` regenerated."),
    U("perfect. the page/per_page path should be deleted once the new frontend is out, that's v2.3 of the admin ui. leave a todo. commit"),
    T("Bash", "git add -A && git commit -m \"items: keyset pagination (cursor/limit), index on (created_at, id); page/per_page deprecated\"", '''[main 0e7b2a9] items: keyset pagination (cursor/limit), index on (created_at, id); page/per_page deprecated
 8 files changed, 187 insertions(+), 41 deletions(-)
 create mode 100644 migrations/20261124101512_items_created_at_id_idx.down.sql
 create mode 100644 migrations/20261124101512_items_created_at_id_idx.up.sql
 create mode 100644 .sqlx/query-5e8a0c2d4f6b8e0a2c4e6f8b0d2a4c6e8f0b2d4a6c8e0f2b4d6a8c0e2f4b6d8a.json'''),
    A("Committed. TODO left in `ListParams` and here: remove the deprecated `page`/`per_page` offset path once admin UI v2.3 (infinite scroll) ships."),
]

write({
    "id": "stockroom_api_b",
    "project": "stockroom-api",
    "cwd_files": ["src/routes/items.rs", "migrations/20261124101512_items_created_at_id_idx.up.sql",
                  "migrations/20261124101512_items_created_at_id_idx.down.sql", "Cargo.toml"],
    "turns": turns,
    "gold": [
        G("DECISION", "/items switched from offset to keyset pagination: opaque cursor (created_at,id) + limit, next_cursor, no total",
          ["keyset"], ["offset", "next_cursor", "limit", "created_at", "instead", "replac", "switch", "opaque"],
          ["src/routes/items.rs"]),
        G("DECISION", "index items_created_at_id_idx on items (created_at DESC, id DESC)",
          ["index"], ["created_at", "items_created_at_id_idx"]),
        G("BUG_FIX", "keyset cursor encoded millis but timestamptz has microseconds -> rows skipped between pages; encode micros",
          ["cursor"], ["microsecond", "micros", "millis", "precision", "skip"],
          ["src/routes/items.rs"]),
        G("PATTERN", "after changing a query: cargo sqlx prepare and commit .sqlx, else SQLX_OFFLINE build fails",
          ["prepare"], ["sqlx_offline", "offline", ".sqlx", "query", "cache"]),
        G("PREFERENCE", "every migration must be reversible (down file)",
          ["migration"], ["reversible", "down file", "down.sql", ".down", "revers"]),
        G("TODO", "remove deprecated page/per_page offset path once admin UI v2.3 (infinite scroll) ships",
          ["page"], ["deprecat", "remove", "v2.3", "2.3", "delete"]),
    ],
    "dead_ends": [
        D("cached COUNT(*) total for offset pagination (chosen, then dropped)", ["count", "cache"]),
        D("HMAC-signed cursor (asked, never answered)", ["hmac"]),
    ],
    "secrets": [],
    "supersedes": [
        {"old_session": "stockroom_api_a", "old_all_of": ["pagination", "offset"], "new_all_of": ["keyset"]},
    ],
})
