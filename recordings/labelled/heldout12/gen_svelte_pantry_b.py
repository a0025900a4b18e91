from _common import U, A, T, G, D, write

LOAD = '''import { error } from '@sveltejs/kit';

export const PAGE_SIZE = 50;

/** @type {import('./$types').PageLoad} */
export async function load({ url, parent }) {
  const { supabase, household } = await parent();
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const from = (page - 1) * PAGE_SIZE;
  const to = from + PAGE_SIZE - 1;

  const { data: items, count, error: err } = await supabase
    .from('items')
    .select('id, name, quantity, unit, expires_on, location, created_at', { count: 'exact' })
    .eq('household_id', household.id)
    .order('created_at', { ascending: false })
    .range(from, to);

  if (err) error(500, err.message);

  return {
    items,
    page,
    pages: Math.max(1, Math.ceil((count ?? 0) / PAGE_SIZE))
  };
}
'''

KEYSET_EDIT = '''--- a/src/routes/items/+page.js
+++ b/src/routes/items/+page.js
@@ -1,27 +1,12 @@
-import { error } from '@sveltejs/kit';
-
-export const PAGE_SIZE = 50;
+import { fetchItems } from '$lib/items.js';

 /** @type {import('./$types').PageLoad} */
-export async function load({ url, parent }) {
+export async function load({ parent }) {
   const { supabase, household } = await parent();
-  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
-  const from = (page - 1) * PAGE_SIZE;
-  const to = from + PAGE_SIZE - 1;
-
-  const { data: items, count, error: err } = await supabase
-    .from('items')
-    .select('id, name, quantity, unit, expires_on, location, created_at', { count: 'exact' })
-    .eq('household_id', household.id)
-    .order('created_at', { ascending: false })
-    .range(from, to);
-
-  if (err) error(500, err.message);
-
-  return {
-    items,
-    page,
-    pages: Math.max(1, Math.ceil((count ?? 0) / PAGE_SIZE))
-  };
+  return { first: await fetchItems(supabase, household.id, null) };
 }
+++ b/src/lib/items.js
@@ -0,0 +1,28 @@
+import { error } from '@sveltejs/kit';
+
+export const PAGE_SIZE = 50;
+
+/**
+ * Keyset pagination, newest first. `cursor` is the last row already shown
+ * ({ created_at, id }) or null for the first batch. Ties on created_at are broken by id.
+ */
+export async function fetchItems(supabase, householdId, cursor) {
+  let q = supabase
+    .from('items')
+    .select('id, name, quantity, unit, expires_on, location, created_at')
+    .eq('household_id', householdId)
+    .order('created_at', { ascending: false })
+    .order('id', { ascending: false })
+    .limit(PAGE_SIZE + 1);
+  if (cursor) {
+    q = q.or(`created_at.lt.${cursor.created_at},and(created_at.eq.${cursor.created_at},id.lt.${cursor.id})`);
+  }
+  const { data, error: err } = await q;
+  if (err) error(500, err.message);
+  const hasMore = data.length > PAGE_SIZE;
+  const items = hasMore ? data.slice(0, PAGE_SIZE) : data;
+  const last = items.at(-1);
+  return { items, next: hasMore ? { created_at: last.created_at, id: last.id } : null };
+}'''

PAGE_EDIT = '''--- a/src/routes/items/+page.svelte
+++ b/src/routes/items/+page.svelte
@@ -1,25 +1,35 @@
 <script>
-  import { goto } from '$app/navigation';
   import ItemRow from '$lib/components/ItemRow.svelte';
-  import Pager from '$lib/components/Pager.svelte';
   import { filters } from '$lib/stores/filters.svelte.js';
+  import { fetchItems } from '$lib/items.js';

   let { data } = $props();

+  let items = $state(data.first.items);
+  let next = $state(data.first.next);
+  let loading = $state(false);
+
   let visible = $derived(
-    data.items.filter((i) => i.name.toLowerCase().includes(filters.search.toLowerCase()))
+    items.filter((i) => i.name.toLowerCase().includes(filters.search.toLowerCase()))
   );

-  function onsearch() {
-    if (data.page !== 1) goto('?page=1', { keepFocus: true, noScroll: true });
+  async function loadMore() {
+    loading = true;
+    const page = await fetchItems(data.supabase, data.household.id, next);
+    items = [...items, ...page.items];
+    next = page.next;
+    loading = false;
   }
 </script>

-<input type="search" placeholder="Search…" bind:value={filters.search} oninput={onsearch} />
+<input type="search" placeholder="Search…" bind:value={filters.search} />
@@ -30,4 +40,8 @@
-<Pager page={data.page} pages={data.pages} />
+{#if next}
+  <button class="load-more" onclick={loadMore} disabled={loading}>
+    {loading ? 'Loading…' : 'Load more'}
+  </button>
+{/if}'''

TEST_FAIL = ''' RUN  v2.1.3 /home/lea/dev/pantry

 ✓ src/lib/format.test.js (6 tests) 4ms
 ✓ src/lib/stores/filters.svelte.test.js (3 tests) 6ms
 ❯ src/lib/items.test.js (4 tests | 2 failed) 1204ms
   ✓ fetchItems > first batch returns 50 items and a cursor
   × fetchItems > second batch continues after the cursor without duplicates
     → failed to parse logic tree ((created_at.lt.2024-11-20T10:15:42.123456+00:00,and(created_at.eq.2024-11-20T10:15:42.123456+00:00,id.lt.8c1e4b7a-2f0d-4e9a-b1c3-5d6e7f8a9b0c))) (line 1, column 29)
   × fetchItems > an insert between batches does not shift the next batch
     → failed to parse logic tree ((created_at.lt.2024-11-20T10:15:42.123456+00:00,and(created_at.eq.2024-11-20T10:15:42.123456+00:00,id.lt.8c1e4b7a-2f0d-4e9a-b1c3-5d6e7f8a9b0c))) (line 1, column 29)
   ✓ fetchItems > last batch has next = null

⎯⎯⎯⎯⎯⎯⎯ Failed Tests 2 ⎯⎯⎯⎯⎯⎯⎯

 FAIL  src/lib/items.test.js > fetchItems > second batch continues after the cursor without duplicates
HttpError: failed to parse logic tree ((created_at.lt.2024-11-20T10:15:42.123456+00:00,and(created_at.eq.2024-11-20T10:15:42.123456+00:00,id.lt.8c1e4b7a-2f0d-4e9a-b1c3-5d6e7f8a9b0c))) (line 1, column 29)
 ❯ Module.fetchItems src/lib/items.js:20:13
     18|   }
     19|   const { data, error: err } = await q;
     20|   if (err) error(500, err.message);
       |             ^
     21|   const hasMore = data.length > PAGE_SIZE;
 ❯ src/lib/items.test.js:31:18

  {
    status: 500,
    body: { message: 'failed to parse logic tree ((created_at.lt.2024-11-20T10:15:42.123456+00:00,and(created_at.eq.2024-11-20T10:15:42.123456+00:00,id.lt.8c1e4b7a-2f0d-4e9a-b1c3-5d6e7f8a9b0c))) (line 1, column 29)' }
  }
  Caused by: { code: 'PGRST100', details: 'unexpected ":" expecting digit, "-", "+", ")" or ","', hint: null }

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[1/2]⎯

 Test Files  1 failed | 2 passed (3)
      Tests  2 failed | 11 passed (13)
   Duration  1.86s'''

QUOTE_EDIT = '''--- a/src/lib/items.js
+++ b/src/lib/items.js
@@ -15,7 +15,10 @@ export async function fetchItems(supabase, householdId, cursor) {
     .limit(PAGE_SIZE + 1);
   if (cursor) {
-    q = q.or(`created_at.lt.${cursor.created_at},and(created_at.eq.${cursor.created_at},id.lt.${cursor.id})`);
+    // values with ':' / '+' (timestamps) must be double-quoted inside PostgREST logic trees
+    const ts = `"${cursor.created_at}"`;
+    q = q.or(`created_at.lt.${ts},and(created_at.eq.${ts},id.lt.${cursor.id})`);
   }'''

MIGRATION = '''+++ b/supabase/migrations/20241125101500_items_keyset_index.sql
@@ -0,0 +1,5 @@
+-- keyset pagination on the items list: household filter + (created_at desc, id desc)
+create index if not exists items_household_created_id_idx
+  on public.items (household_id, created_at desc, id desc);
+
+drop index if exists items_household_created_idx;'''

PUSH = '''Connecting to remote database...
Do you want to push these migrations to the remote database?
 • 20241125101500_items_keyset_index.sql

 [Y/n] y
Applying migration 20241125101500_items_keyset_index.sql...
Finished supabase db push.'''

EXPLAIN = '''                                                                      QUERY PLAN
------------------------------------------------------------------------------------------------------------------------------------------------------
 Limit  (cost=0.42..9.87 rows=51 width=97) (actual time=0.041..0.122 rows=51 loops=1)
   ->  Index Scan using items_household_created_id_idx on items  (cost=0.42..1520.31 rows=8204 width=97) (actual time=0.040..0.116 rows=51 loops=1)
         Index Cond: ((household_id = '5b0f1c3e-8d2a-4e6f-9a1b-7c3d5e7f9a2b'::uuid) AND (ROW(created_at, id) < ROW('2024-09-02 08:11:05.44+00'::timestamp with time zone, '1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b'::uuid)))
 Planning Time: 0.183 ms
 Execution Time: 0.151 ms
(5 rows)

-- before (offset 2000, page 41):
 Limit  (cost=2811.40..2811.53 rows=50 width=97) (actual time=381.902..381.917 rows=50 loops=1)
   ->  Sort  (cost=2806.40..2826.91 rows=8204 width=97) (actual time=381.610..381.811 rows=2050 loops=1)
         Sort Key: created_at DESC
         Sort Method: top-N heapsort  Memory: 512kB
         ->  Seq Scan on items  (cost=0.00..2581.04 rows=8204 width=97) (actual time=0.019..377.448 rows=8204 loops=1)
               Filter: (household_id = '5b0f1c3e-8d2a-4e6f-9a1b-7c3d5e7f9a2b'::uuid)
               Rows Removed by Filter: 93118
 Execution Time: 382.204 ms'''

RLS = '''-- supabase/migrations/20241002120000_items_rls.sql
alter table public.items enable row level security;

create policy "items: owner can read"
  on public.items for select
  to authenticated
  using (auth.uid() = owner_id);

create policy "items: owner can write"
  on public.items for all
  to authenticated
  using (auth.uid() = owner_id)
  with check (auth.uid() = owner_id);'''

RLS_EDIT = '''+++ b/supabase/migrations/20241125113000_items_rls_household.sql
@@ -0,0 +1,22 @@
+-- items belong to a household, not to the member who created them
+drop policy if exists "items: owner can read" on public.items;
+drop policy if exists "items: owner can write" on public.items;
+
+create policy "items: household members can read"
+  on public.items for select
+  to authenticated
+  using (household_id in (select hm.household_id from public.household_members hm where hm.user_id = (select auth.uid())));
+
+create policy "items: household members can write"
+  on public.items for all
+  to authenticated
+  using (household_id in (select hm.household_id from public.household_members hm where hm.user_id = (select auth.uid())))
+  with check (household_id in (select hm.household_id from public.household_members hm where hm.user_id = (select auth.uid())));
+
+create index if not exists household_members_user_idx on public.household_members (user_id, household_id);'''

turns = [
    U("items list. users report duplicates and missing items when paging while someone else in the household adds stuff. "
      "also page 40+ is slow, like half a second."),
    T("Read", "src/routes/items/+page.js", LOAD),
    A("Both come from offset pagination (`.range(from, to)`):\n\n- **Duplicates/missing rows**: the list is "
      "`created_at desc`. If someone inserts an item after you loaded page 1, every row shifts down by one, so page 2 "
      "starts with the last row of page 1 (duplicate); a delete shifts the other way and a row is skipped.\n"
      "- **Slow deep pages**: for `offset 2000` Postgres still has to produce and throw away 2000 rows, and "
      "`count: 'exact'` counts the whole household every time.\n\nFix is keyset (cursor) pagination: order by "
      "`(created_at desc, id desc)` and ask for rows *after the last row you have*: `created_at < c.created_at or "
      "(created_at = c.created_at and id < c.id)`, `limit 50`. Stable under inserts and constant-time with an index on "
      "`(household_id, created_at desc, id desc)`. The catch: no jumping to page 17 — it fits a \"load more\" button, "
      "not numbered pages."),
    U("keyset. load more button instead of page numbers, fine. drop the count."),
    T("Edit", "src/routes/items/+page.js", KEYSET_EDIT),
    T("Edit", "src/routes/items/+page.svelte", PAGE_EDIT),
    T("Bash", "pnpm test", TEST_FAIL),
    A("PostgREST rejects the `.or()` filter: inside its logic-tree syntax (`or=(a.lt.x,and(...))`) the value is "
      "unquoted, and a timestamp like `2024-11-20T10:15:42.123456+00:00` contains `:` (and `+`, which would also turn "
      "into a space in the query string). Values containing reserved characters must be wrapped in double quotes: "
      "`created_at.lt.\"2024-11-20T10:15:42.123456+00:00\"`. The uuid is fine unquoted."),
    T("Edit", "src/lib/items.js", QUOTE_EDIT),
    T("Bash", "pnpm test",
      " RUN  v2.1.3 /home/lea/dev/pantry\n\n ✓ src/lib/format.test.js (6 tests) 4ms\n ✓ src/lib/stores/filters.svelte.test.js (3 tests) 6ms\n"
      " ✓ src/lib/items.test.js (4 tests) 1311ms\n\n Test Files  3 passed (3)\n      Tests  13 passed (13)\n   Duration  1.97s"),
    A("Green, including the \"insert between batches\" test. Now the index so deep batches are fast:"),
    T("Edit", "supabase/migrations/20241125101500_items_keyset_index.sql", MIGRATION),
    T("Bash", "pnpm supabase db push", PUSH),
    T("Bash", "psql \"$SUPABASE_DB_URL\" -f scripts/explain_items.sql", EXPLAIN),
    A("With the index, a batch deep in the list is an index scan: 0.15 ms, vs 382 ms with a seq scan + sort for "
      "offset 2000 before."),
    U("second problem. bob (household member, not the owner) sees an empty list. no error."),
    T("Read", "supabase/migrations/20241002120000_items_rls.sql", RLS),
    A("RLS: the select policy is `auth.uid() = owner_id`, i.e. a user sees only items they created. Items are shared "
      "per household, so Bob's queries return zero rows — RLS silently filters rather than erroring, which is why you "
      "see an empty list and no error. The policies should check membership: `household_id in (select household_id "
      "from household_members where user_id = auth.uid())`, same for writes. I'd wrap `auth.uid()` in a `select` so "
      "Postgres evaluates it once per query, and index `household_members(user_id, household_id)`."),
    U("yes"),
    T("Edit", "supabase/migrations/20241125113000_items_rls_household.sql", RLS_EDIT),
    T("Bash", "pnpm supabase db push && pnpm test -- --run src/lib/items.rls.test.js",
      "Applying migration 20241125113000_items_rls_household.sql...\nFinished supabase db push.\n\n"
      " ✓ src/lib/items.rls.test.js (3 tests) 2207ms\n   ✓ rls > owner sees household items\n"
      "   ✓ rls > other member sees household items\n   ✓ rls > non-member sees nothing\n\n Test Files  1 passed (1)\n      Tests  3 passed (3)"),
    U("good. later: realtime inserts should prepend the new item to the list instead of the full refetch we do now. bye"),
    A("Noted for later: on a Realtime INSERT for the household, prepend the row to `items` instead of refetching "
      "(the keyset cursor is unaffected since it points at the oldest row shown)."),
]

s = {
    "id": "svelte_pantry_b",
    "project": "pantry",
    "cwd_files": ["package.json", "pnpm-lock.yaml", "src/lib/items.js", "src/routes/items/+page.js",
                  "src/routes/items/+page.svelte", "supabase/migrations/20241002120000_items_rls.sql",
                  "supabase/migrations/20241125101500_items_keyset_index.sql",
                  "supabase/migrations/20241125113000_items_rls_household.sql"],
    "turns": turns,
    "gold": [
        G("DECISION", "items list switched to keyset pagination on (created_at, id) with a Load more button; offset .range() gave duplicates on concurrent inserts and slow deep pages",
          ["keyset"], ["created_at", "load more", "duplicate", "offset", "cursor"], ["src/lib/items.js"]),
        G("BUG_FIX", "PostgREST .or() keyset filter failed 'failed to parse logic tree' on timestamps: values with ':'/'+' must be double-quoted",
          ["quot"], ["or(", ".or", "logic tree", "timestamp", "postgrest"], ["src/lib/items.js"]),
        G("PATTERN", "index items(household_id, created_at desc, id desc) backs the keyset query (0.15 ms vs 382 ms)",
          ["index"], ["household_id", "created_at", "keyset", "382", "0.15"],
          ["supabase/migrations/20241125101500_items_keyset_index.sql"]),
        G("BUG_FIX", "household members saw an empty list: RLS policy only allowed owner_id = auth.uid(); now checks household_members",
          ["rls"], ["household_members", "household", "owner", "empty", "member"],
          ["supabase/migrations/20241125113000_items_rls_household.sql"]),
        G("TODO", "Realtime inserts should prepend the new item instead of a full refetch",
          ["realtime"], ["prepend", "refetch", "insert"]),
    ],
    "dead_ends": [],
    "secrets": [],
    "supersedes": [
        {"old_session": "svelte_pantry_a", "old_all_of": ["range"], "new_all_of": ["keyset"]},
    ],
}
write(s)
