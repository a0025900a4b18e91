"""Session: Ruby Roda + Sequel API, part b (offset pagination replaced by cursor pagination)."""
from _common import U, A, T, write

EXPLAIN_1 = '''                                                                     QUERY PLAN
----------------------------------------------------------------------------------------------------------------------------------------------------
 Limit  (cost=412873.55..412879.39 rows=50 width=97) (actual time=4127.311..4127.352 rows=50 loops=1)
   ->  Gather Merge  (cost=179514.21..384201.88 rows=1757418 width=97) (actual time=2894.772..4018.903 rows=2000050 loops=1)
         Workers Planned: 2
         Workers Launched: 2
         ->  Sort  (cost=178514.19..180710.96 rows=878709 width=97) (actual time=2861.335..3199.442 rows=667061 loops=3)
               Sort Key: created_at DESC, id DESC
               Sort Method: external merge  Disk: 91232kB
               Worker 0:  Sort Method: external merge  Disk: 89016kB
               Worker 1:  Sort Method: external merge  Disk: 90544kB
               ->  Parallel Seq Scan on entries  (cost=0.00..61239.12 rows=878709 width=97) (actual time=0.031..611.874 rows=702144 loops=3)
                     Filter: (account_id = 1187)
                     Rows Removed by Filter: 1338871
 Planning Time: 0.188 ms
 Execution Time: 4139.966 ms
(14 rows)'''

EXPLAIN_2 = '''                                                                     QUERY PLAN
----------------------------------------------------------------------------------------------------------------------------------------------------
 Limit  (cost=156310.77..156314.68 rows=50 width=97) (actual time=1893.402..1893.441 rows=50 loops=1)
   ->  Index Scan using entries_account_id_created_at_id_index on entries  (cost=0.56..164702.93 rows=2106433 width=97) (actual time=0.044..1812.566 rows=2000050 loops=1)
         Index Cond: (account_id = 1187)
 Planning Time: 0.213 ms
 Execution Time: 1893.517 ms
(5 rows)'''

EXPLAIN_3 = '''                                                                     QUERY PLAN
----------------------------------------------------------------------------------------------------------------------------------------------------
 Limit  (cost=0.56..4.88 rows=50 width=97) (actual time=0.049..0.131 rows=50 loops=1)
   ->  Index Scan using entries_account_id_created_at_id_index on entries  (cost=0.56..86512.20 rows=1003215 width=97) (actual time=0.047..0.122 rows=50 loops=1)
         Index Cond: ((account_id = 1187) AND (ROW(created_at, id) < ROW('2025-03-14 09:12:44.518302+00'::timestamp with time zone, 48112907)))
 Planning Time: 0.241 ms
 Execution Time: 0.158 ms
(5 rows)'''

COUNT_EXPLAIN = ''' Aggregate  (cost=72101.44..72101.45 rows=1 width=8) (actual time=702.318..702.320 rows=1 loops=1)
   ->  Index Only Scan using entries_account_id_created_at_id_index on entries  (cost=0.56..66835.36 rows=2106433 width=0) (actual time=0.039..590.118 rows=2106433 loops=1)
         Index Cond: (account_id = 1187)
         Heap Fetches: 18234
 Execution Time: 702.377 ms'''

RECON_LOG = "\n".join(
    [f"I, [2026-12-09T02:{10 + i // 6:02d}:{(i * 7) % 60:02d}.{(i * 7919) % 1000000:06d} #1] INFO -- recon: account=1187 page={38000 + i * 41} fetched=50 elapsed_ms={3900 + (i * 37) % 400}"
     for i in range(36)]
    + ["W, [2026-12-09T02:16:41.220113 #1]  WARN -- recon: account=1187 duplicate entry ids across pages: [48112911, 48112912, 48112913]",
       "W, [2026-12-09T02:16:58.004417 #1]  WARN -- recon: account=1187 totals mismatch: api_sum_cents=91834455120 db_sum_cents=91834462870 diff=7750",
       "E, [2026-12-09T02:17:02.913006 #1] ERROR -- recon: account=1187 aborted after 3 mismatches (Net::ReadTimeout on page=39517)"])

turns = [
    U("Hi, Tom here, picking up ledger-api. Two related problems with GET /accounts/:id/entries:\n1. big accounts "
      "time out — account 1187 has ~2.1M entries and page 40000 takes 4s+, the admin UI's \"last page\" button "
      "basically kills it.\n2. the nightly reconciliation job pages through all entries and last night it saw "
      "duplicates and a totals mismatch, log below.\n\n" + RECON_LOG),
    A("Both symptoms point at offset pagination. Deep `OFFSET`s force Postgres to produce and throw away every "
      "preceding row, and because rows are inserted while the job is paging (newest first), every insert shifts all "
      "later pages by one — so the job sees some entries twice and skips others. Let me confirm the plan first."),
    T("Bash", "psql \"$DATABASE_URL\" -c \"EXPLAIN ANALYZE SELECT * FROM entries WHERE account_id = 1187 ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 1999950\"",
      EXPLAIN_1),
    T("Bash", "psql \"$DATABASE_URL\" -c '\\d entries'", '''                                        Table "public.entries"
    Column    |            Type             | Collation | Nullable |               Default
--------------+-----------------------------+-----------+----------+-------------------------------------
 id           | bigint                      |           | not null | nextval('entries_id_seq'::regclass)
 account_id   | bigint                      |           | not null |
 amount_cents | bigint                      |           | not null |
 currency     | character(3)                |           | not null |
 memo         | text                        |           |          |
 created_at   | timestamp with time zone    |           | not null | now()
Indexes:
    "entries_pkey" PRIMARY KEY, btree (id)
    "entries_account_id_index" btree (account_id)
Foreign-key constraints:
    "entries_account_id_fkey" FOREIGN KEY (account_id) REFERENCES accounts(id)'''),
    A("No index matches the sort, so it's a parallel seq scan plus an on-disk sort of 2M rows. The cheapest thing to "
      "try first is a composite index on `(account_id, created_at, id)` and keep the offset API as is — the admin UI "
      "wouldn't have to change. Let me try that."),
    U("ok try it"),
    T("Edit", "migrate/20261209_entries_account_created_id_index.rb", '''@@ new file
+Sequel.migration do
+  no_transaction
+
+  up do
+    add_index :entries, [:account_id, :created_at, :id], concurrently: true,
+      name: :entries_account_id_created_at_id_index
+  end
+
+  down do
+    drop_index :entries, [:account_id, :created_at, :id], concurrently: true,
+      name: :entries_account_id_created_at_id_index
+  end
+end'''),
    T("Bash", "bundle exec rake db:migrate && psql \"$DATABASE_URL\" -c \"EXPLAIN ANALYZE SELECT * FROM entries WHERE account_id = 1187 ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 1999950\"",
      "Migrating to latest (20261209)\n" + EXPLAIN_2),
    A("Better but not good enough: 4.1s → 1.9s. The sort is gone, but the index scan still walks 2,000,050 entries to "
      "discard the first 1,999,950 — that's inherent to `OFFSET`, no index can skip it. And it does nothing for the "
      "reconciliation duplicates. Also `total` costs another ~700ms per request:"),
    T("Bash", "psql \"$DATABASE_URL\" -c \"EXPLAIN ANALYZE SELECT count(*) FROM entries WHERE account_id = 1187\"", COUNT_EXPLAIN),
    A("Options from here:\n\n1. **Cursor (keyset) pagination**: `WHERE (created_at, id) < (:c_created_at, :c_id) "
      "ORDER BY created_at DESC, id DESC LIMIT n`, with the last row's `(created_at, id)` returned as an opaque "
      "`next_cursor`. Constant time at any depth using the new index, and stable under concurrent inserts. Costs: no "
      "jumping to page N, and no cheap `total`.\n2. **Keep offset + deferred join** (select only ids with the offset, "
      "then join) — maybe 2x faster, still linear, duplicates remain.\n3. **Cap the page depth** (e.g. refuse page > "
      "1000) — stops the timeouts, doesn't help the job."),
    U("We're doing 1, cursor pagination. Decided — Priya and I talked about it this morning already, the admin UI only "
      "needs next/previous and a date filter, nobody actually jumps to page 40000, that button is the bug. Drop "
      "`total` from the response too, it's too expensive and the UI can live without it. Keep the index, we need it for "
      "the keyset query anyway."),
    T("Read", "routes/accounts.rb", '''class LedgerApi
  hash_branch("accounts") do |r|
    r.on Integer do |id|
      account = Account.with_pk!(id)

      r.get true do
        account.to_api
      end

      # GET /accounts/:id/entries?page=1&per_page=50  (offset pagination)
      r.get "entries" do
        page = [r.params["page"].to_i, 1].max
        per_page = (r.params["per_page"] || 50).to_i.clamp(1, 100)
        ds = account.entries_dataset.order(Sequel.desc(:created_at), Sequel.desc(:id))
        {
          entries: ds.limit(per_page).offset((page - 1) * per_page).map(&:to_api),
          page: page,
          per_page: per_page,
          total: ds.count
        }
      end
    end
  end
end
'''),
    T("Edit", "lib/cursor.rb", '''@@ new file
+require "base64"
+require "json"
+
+# Opaque keyset cursor: base64(JSON [created_at, id]) of the last row of a page.
+module Cursor
+  module_function
+
+  def encode(entry)
+    Base64.urlsafe_encode64([entry.created_at.iso8601, entry.id].to_json, padding: false)
+  end
+
+  # => [Time, Integer] or nil when the cursor is malformed
+  def decode(str)
+    created_at, id = JSON.parse(Base64.urlsafe_decode64(str))
+    [Time.iso8601(created_at), Integer(id)]
+  rescue ArgumentError, TypeError, JSON::ParserError
+    nil
+  end
+end'''),
    T("Edit", "routes/accounts.rb", '''@@
-      # GET /accounts/:id/entries?page=1&per_page=50  (offset pagination)
+      # GET /accounts/:id/entries?limit=50&cursor=...  (cursor/keyset pagination, newest first)
       r.get "entries" do
-        page = [r.params["page"].to_i, 1].max
-        per_page = (r.params["per_page"] || 50).to_i.clamp(1, 100)
-        ds = account.entries_dataset.order(Sequel.desc(:created_at), Sequel.desc(:id))
-        {
-          entries: ds.limit(per_page).offset((page - 1) * per_page).map(&:to_api),
-          page: page,
-          per_page: per_page,
-          total: ds.count
-        }
+        limit = (r.params["limit"] || r.params["per_page"] || 50).to_i.clamp(1, 100)
+        ds = account.entries_dataset.order(Sequel.desc(:created_at), Sequel.desc(:id))
+        if (c = r.params["cursor"])
+          created_at, last_id = Cursor.decode(c) || r.halt(400, {error: "invalid cursor"})
+          ds = ds.where(Sequel.lit("(created_at, id) < (?, ?)", created_at, last_id))
+        end
+        rows = ds.limit(limit + 1).all
+        page = rows.first(limit)
+        {
+          entries: page.map(&:to_api),
+          next_cursor: (Cursor.encode(page.last) if rows.size > limit)
+        }
       end'''),
    T("Edit", "test/accounts_test.rb", '''@@
-  def test_entries_offset_pagination
-    ...
-  end
+  def test_entries_cursor_walks_everything_once
+    account = create_account
+    t = Time.now
+    # several entries share the same second, like bulk imports do
+    120.times { |i| create_entry(account, amount_cents: i + 1, created_at: t - (i / 7) + (i % 7) * 0.000137) }
+
+    seen, cursor = [], nil
+    loop do
+      get "/accounts/#{account.id}/entries?limit=50#{"&cursor=#{cursor}" if cursor}"
+      body = JSON.parse(last_response.body)
+      seen.concat(body["entries"].map { _1["id"] })
+      break unless (cursor = body["next_cursor"])
+    end
+    assert_equal 120, seen.size
+    assert_equal seen.uniq, seen
+  end
+
+  def test_entries_invalid_cursor_is_400
+    get "/accounts/#{create_account.id}/entries?cursor=!!!"
+    assert_equal 400, last_response.status
+  end'''),
    T("Bash", "bundle exec rake test", '''Run options: --seed 7731

# Running:

...........F.......

Finished in 0.702145s, 27.0599 runs/s, 59.8167 assertions/s.

  1) Failure:
AccountsTest#test_entries_cursor_walks_everything_once [test/accounts_test.rb:22]:
Expected: 120
  Actual: 96

19 runs, 42 assertions, 1 failure, 0 errors, 0 skips
rake aborted!
Command failed with status (1): [ruby -w -I"lib:test" /home/tom/.gem/ruby/3.3.5/gems/rake-13.2.1/lib/rake/rake_test_loader.rb "test/accounts_test.rb" "test/entries_test.rb" "test/health_test.rb" ]'''),
    A("24 entries went missing, and that's the cursor encoding, not the query. `Time#iso8601` with no argument "
      "writes whole seconds, so the cursor for a row created at `09:12:44.518302` says `09:12:44`. On the next page the "
      "condition `(created_at, id) < ('09:12:44', id)` then excludes every remaining row from that same second whose "
      "fractional part is > 0 — exactly the bulk-import case the test builds (Postgres stores microseconds). Encoding "
      "with `iso8601(6)` keeps the full microsecond precision so the tuple comparison is exact."),
    T("Edit", "lib/cursor.rb", '''@@
   def encode(entry)
-    Base64.urlsafe_encode64([entry.created_at.iso8601, entry.id].to_json, padding: false)
+    # iso8601(6): keep microseconds, otherwise rows in the same second are skipped
+    Base64.urlsafe_encode64([entry.created_at.iso8601(6), entry.id].to_json, padding: false)
   end'''),
    T("Bash", "bundle exec rake test && bundle exec standardrb", '''Run options: --seed 40188

# Running:

...................

Finished in 0.688034s, 27.6149 runs/s, 62.4969 assertions/s.

19 runs, 43 assertions, 0 failures, 0 errors, 0 skips'''),
    T("Bash", "psql \"$DATABASE_URL\" -c \"EXPLAIN ANALYZE SELECT * FROM entries WHERE account_id = 1187 AND (created_at, id) < ('2025-03-14 09:12:44.518302+00', 48112907) ORDER BY created_at DESC, id DESC LIMIT 51\"",
      EXPLAIN_3),
    A("0.16 ms at the same depth that took 4.1 s with offset. Tests and standardrb are clean.\n\nCompatibility: I "
      "still accept `per_page` as an alias for `limit`, but `page` is now ignored, so the current admin UI would "
      "silently get page 1 forever. Should I return a 400 for `page`, or keep honouring it with the old offset path "
      "for a while?"),
    U("keep the old offset path alive when `page` is given, for now, with a `Deprecation` header. Once the admin UI "
      "ships next/prev (Priya's on it, should be in the January release) we delete the page param and the offset code. "
      "And the recon job must switch to next_cursor, I'll do that one myself tomorrow."),
    T("Edit", "routes/accounts.rb", '''@@
       r.get "entries" do
+        if r.params.key?("page")
+          # DEPRECATED offset path, remove once the admin UI uses next_cursor (January release)
+          response["Deprecation"] = "true"
+          response["Link"] = '</docs/api.md#entries-pagination>; rel="deprecation"'
+          next legacy_offset_page(account, r.params)
+        end
         limit = (r.params["limit"] || r.params["per_page"] || 50).to_i.clamp(1, 100)'''),
    T("Bash", "bundle exec rake test && git add -A && git commit -q -m 'entries: cursor pagination (keyset on created_at,id); offset path deprecated' && git log --oneline -1", '''Run options: --seed 2210

# Running:

.....................

Finished in 0.731920s, 28.6916 runs/s, 64.2689 assertions/s.

21 runs, 47 assertions, 0 failures, 0 errors, 0 skips
c07d9e4 entries: cursor pagination (keyset on created_at,id); offset path deprecated'''),
    A("Committed `c07d9e4`. Left for later:\n- delete the `page` parameter and `legacy_offset_page` once the admin UI "
      "release with next/prev is out (January);\n- switch the reconciliation job to follow `next_cursor` (you);\n- "
      "`docs/api.md` still describes `page`/`per_page`/`total`."),
    U("👍 thanks"),
]

gold = [
    {"kind": "FAILED", "summary": "composite index (account_id, created_at, id) with OFFSET: still 1.9s at offset 2M, duplicates remain; offset abandoned",
     "all_of": ["offset"], "any_of": ["index", "1.9", "still", "deep"], "failure": True},
    {"kind": "DECISION", "summary": "entries endpoint switched to cursor (keyset) pagination on (created_at, id) with opaque base64 next_cursor, replacing offset page/per_page",
     "all_of": ["cursor"], "any_of": ["keyset", "created_at", "next_cursor", "offset", "base64"]},
    {"kind": "DECISION", "summary": "entries responses no longer include total (count(*) ~700ms on big accounts)",
     "all_of": ["total"], "any_of": ["count", "drop", "no longer", "without", "omit", "expensive"]},
    {"kind": "BUG_FIX", "summary": "cursor lost microseconds (Time#iso8601) so same-second rows were skipped; encode with iso8601(6)",
     "all_of": ["cursor"], "any_of": ["microsecond", "iso8601(6)", "precision", "same second", "fractional"],
     "files": ["lib/cursor.rb"]},
    {"kind": "PATTERN", "summary": "index entries_account_id_created_at_id_index on (account_id, created_at, id) backs the keyset query",
     "all_of": ["index"], "any_of": ["account_id, created_at, id", "created_at", "keyset"]},
    {"kind": "TODO", "summary": "remove deprecated page param / offset path once admin UI ships next/prev (January release)",
     "all_of": ["page"], "any_of": ["deprecat", "remove", "delete", "admin", "january"]},
    {"kind": "TODO", "summary": "reconciliation job must follow next_cursor (Tom)",
     "all_of": ["recon"], "any_of": ["next_cursor", "cursor", "job"]},
]

write({
    "id": "ledger_api_b",
    "project": "ledger-api",
    "cwd_files": ["routes/accounts.rb", "lib/cursor.rb", "test/accounts_test.rb",
                  "migrate/20261209_entries_account_created_id_index.rb"],
    "turns": turns,
    "gold": gold,
    "dead_ends": [
        {"summary": "keep offset with a deferred join (not chosen)", "all_of": ["deferred join"]},
        {"summary": "cap the page depth (not chosen)", "all_of": ["depth"]},
    ],
    "secrets": [],
    "supersedes": [
        {"old_session": "ledger_api_a", "old_all_of": ["pagination", "offset"], "new_all_of": ["cursor"]},
    ],
})
