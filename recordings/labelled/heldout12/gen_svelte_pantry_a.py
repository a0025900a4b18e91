from _common import U, A, T, G, D, write

SERVICE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3aHR6a3BuYnZ5cm14bGRmanNhIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcyNzAwMDAwMCwiZXhwIjoyMDQyNTc2MDAwfQ.52ZrMCAYLqm31fWdWuUFAbXUvDhdxER02ZZa_p894MI"
ANON = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3aHR6a3BuYnZ5cm14bGRmanNhIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MjcwMDAwMDAsImV4cCI6MjA0MjU3NjAwMH0.vySZfQb9KC3yYqo3SAaTbc39zRnIuXuEvRZ9ad1Jx8E"
DBPW = "Pantry-Dev-8841!x"

PKG = '''{
  "name": "pantry",
  "version": "0.4.0",
  "private": true,
  "type": "module",
  "packageManager": "pnpm@9.12.1",
  "scripts": {
    "dev": "vite dev",
    "build": "vite build",
    "preview": "vite preview",
    "check": "svelte-kit sync && svelte-check --tsconfig ./jsconfig.json",
    "test": "vitest run",
    "lint": "prettier --check . && eslint ."
  },
  "devDependencies": {
    "@sveltejs/adapter-vercel": "^5.4.5",
    "@sveltejs/kit": "^2.7.2",
    "@sveltejs/vite-plugin-svelte": "^4.0.0",
    "eslint": "^9.12.0",
    "eslint-plugin-svelte": "^2.44.1",
    "prettier": "^3.3.3",
    "prettier-plugin-svelte": "^3.2.7",
    "svelte": "^5.1.3",
    "svelte-check": "^4.0.5",
    "vite": "^5.4.9",
    "vitest": "^2.1.3"
  },
  "dependencies": {
    "@supabase/ssr": "^0.5.1",
    "@supabase/supabase-js": "^2.45.4"
  }
}'''

SUPA_LIB = '''import { createBrowserClient, createServerClient, isBrowser } from '@supabase/ssr';
import { PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY } from '$env/static/public';

/** Client for load functions: browser client in the browser, cookie-based server client during SSR. */
export function supabaseFor({ fetch, cookies }) {
  if (isBrowser()) {
    return createBrowserClient(PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY, { global: { fetch } });
  }
  return createServerClient(PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY, {
    global: { fetch },
    cookies: { getAll: () => cookies.getAll(), setAll: () => {} }
  });
}
'''

LOAD_EDIT = '''+++ b/src/routes/items/+page.js
@@ -0,0 +1,27 @@
+import { error } from '@sveltejs/kit';
+
+export const PAGE_SIZE = 50;
+
+/** @type {import('./$types').PageLoad} */
+export async function load({ url, parent }) {
+  const { supabase, household } = await parent();
+  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
+  const from = (page - 1) * PAGE_SIZE;
+  const to = from + PAGE_SIZE - 1;
+
+  const { data: items, count, error: err } = await supabase
+    .from('items')
+    .select('id, name, quantity, unit, expires_on, location, created_at', { count: 'exact' })
+    .eq('household_id', household.id)
+    .order('created_at', { ascending: false })
+    .range(from, to);
+
+  if (err) error(500, err.message);
+
+  return {
+    items,
+    page,
+    pages: Math.max(1, Math.ceil((count ?? 0) / PAGE_SIZE))
+  };
+}'''

PAGE_SVELTE = '''+++ b/src/routes/items/+page.svelte
@@ -0,0 +1,38 @@
+<script>
+  import ItemRow from '$lib/components/ItemRow.svelte';
+  import Pager from '$lib/components/Pager.svelte';
+  import { filters } from '$lib/stores/filters.js';
+
+  let { data } = $props();
+
+  let items = $state(data.items);
+
+  $effect(() => {
+    // new search -> back to page 1 and filter
+    filters.page = 1;
+    items = items.filter((i) => i.name.toLowerCase().includes(filters.search.toLowerCase()));
+  });
+</script>
+
+<input type="search" placeholder="Search…" bind:value={filters.search} />
+
+<ul class="items">
+  {#each items as item (item.id)}
+    <ItemRow {item} />
+  {:else}
+    <li class="empty">Nothing here yet</li>
+  {/each}
+</ul>
+
+<Pager page={data.page} pages={data.pages} />'''

FILTERS = '''export const filters = $state({
  search: '',
  location: 'all',
  page: 1
});
'''

CHECK_FAIL = '''> pantry@0.4.0 check /home/lea/dev/pantry
> svelte-kit sync && svelte-check --tsconfig ./jsconfig.json

====================================
Loading svelte-check in workspace: /home/lea/dev/pantry
Getting Svelte diagnostics...

/home/lea/dev/pantry/src/lib/stores/filters.js:1:24
Error: Cannot find name '$state'. Did you mean 'state'? (js)
export const filters = $state({
  search: '',

/home/lea/dev/pantry/src/routes/items/+page.svelte:4:11
Error: The `$state` rune is only available inside `.svelte` and `.svelte.js/ts` files
https://svelte.dev/e/rune_outside_svelte (svelte)

====================================
svelte-check found 2 errors and 0 warnings in 2 files
 ELIFECYCLE  Command failed with exit code 1.'''

FREEZE = '''[Error] Uncaught Svelte error: effect_update_depth_exceeded
Maximum update depth exceeded. This can happen when a reactive block or effect repeatedly sets a new value. Svelte limits the number of nested updates to prevent infinite loops
https://svelte.dev/e/effect_update_depth_exceeded
    at infinite_loop_guard (runtime.js:366:4)
    at flush_queued_effects (runtime.js:543:3)
    at flush_queued_root_effects (runtime.js:481:4)
    at process_deferred (runtime.js:498:2)
    at +page.svelte:10:3'''

FIX_EDIT = '''--- a/src/routes/items/+page.svelte
+++ b/src/routes/items/+page.svelte
@@ -1,16 +1,17 @@
 <script>
+  import { goto } from '$app/navigation';
   import ItemRow from '$lib/components/ItemRow.svelte';
   import Pager from '$lib/components/Pager.svelte';
-  import { filters } from '$lib/stores/filters.js';
+  import { filters } from '$lib/stores/filters.svelte.js';

   let { data } = $props();

-  let items = $state(data.items);
-
-  $effect(() => {
-    // new search -> back to page 1 and filter
-    filters.page = 1;
-    items = items.filter((i) => i.name.toLowerCase().includes(filters.search.toLowerCase()));
-  });
+  // derived, not an effect: recomputed from data.items + filters, never written back
+  let visible = $derived(
+    data.items.filter((i) => i.name.toLowerCase().includes(filters.search.toLowerCase()))
+  );
+
+  function onsearch() {
+    if (data.page !== 1) goto('?page=1', { keepFocus: true, noScroll: true });
+  }
 </script>

-<input type="search" placeholder="Search…" bind:value={filters.search} />
+<input type="search" placeholder="Search…" bind:value={filters.search} oninput={onsearch} />

 <ul class="items">
-  {#each items as item (item.id)}
+  {#each visible as item (item.id)}'''

VITEST = ''' RUN  v2.1.3 /home/lea/dev/pantry

 ✓ src/lib/format.test.js (6 tests) 4ms
 ✓ src/lib/stores/filters.svelte.test.js (3 tests) 7ms
 ✓ src/routes/items/page.test.js (5 tests) 38ms
   ✓ load > requests range(0, 49) for page 1
   ✓ load > requests range(50, 99) for page 2
   ✓ load > clamps page < 1 to 1
   ✓ load > computes pages from count
   ✓ load > throws 500 on supabase error

 Test Files  3 passed (3)
      Tests  14 passed (14)
   Start at  14:22:31
   Duration  912ms (transform 118ms, setup 0ms, collect 301ms, tests 49ms, environment 1ms, prepare 288ms)'''

turns = [
    U("Hi! Setting up the items list page for pantry today (SvelteKit 2 + Svelte 5 with runes, Supabase for db + auth). "
      "I want a list of the household's items with paging. Here's my .env.local so you can test against the dev project:\n\n"
      f"PUBLIC_SUPABASE_URL=https://qwhtzkpnbvyrmxldfjsa.supabase.co\nPUBLIC_SUPABASE_ANON_KEY={ANON}\n"
      f"SUPABASE_SERVICE_ROLE_KEY={SERVICE}\n"
      f"SUPABASE_DB_URL=postgresql://postgres:{DBPW}@db.qwhtzkpnbvyrmxldfjsa.supabase.co:5432/postgres"),
    A("Thanks. One important thing first: the service-role key bypasses Row Level Security entirely. It must only ever "
      "be used on the server (`$env/static/private`, in `+page.server.js` / `hooks.server.js`), never in a `PUBLIC_` "
      "variable or any code that ends up in the browser bundle. For the items list we don't need it at all — the anon "
      "key plus the user's session and RLS is the right path. Since it's now in this chat log, I'd also rotate it "
      "(and the DB password) in the Supabase dashboard.\n\nFor paging: numbered pages, or a \"load more\" button?"),
    U("ok good point, service role stays server-only. I'll rotate it later. paging: numbered pages, 50 per page, simplest thing that works."),
    T("Read", "package.json", PKG),
    T("Read", "src/lib/supabase.js", SUPA_LIB),
    A("Plan: `?page=N` in the URL, and in `+page.js` fetch with `.range(from, to)` where `from = (page-1)*50`, "
      "`to = from + 49`, ordered by `created_at desc`, plus `{ count: 'exact' }` so we know how many pages there are. "
      "The existing `<Pager>` component can render the numbers."),
    U("yep"),
    T("Edit", "src/routes/items/+page.js", LOAD_EDIT),
    T("Edit", "src/routes/items/+page.svelte", PAGE_SVELTE),
    T("Read", "src/lib/stores/filters.js", FILTERS),
    T("Bash", "pnpm check", CHECK_FAIL),
    A("`filters.js` uses the `$state` rune, but runes are only compiled in `.svelte` files and in modules named "
      "`*.svelte.js` / `*.svelte.ts`. In a plain `.js` file `$state` is just an undefined identifier. Renaming the "
      "module to `filters.svelte.js` is enough — shared reactive state modules need that suffix."),
    T("Bash", "git mv src/lib/stores/filters.js src/lib/stores/filters.svelte.js && grep -rl \"stores/filters.js\" src | xargs sed -i 's#stores/filters.js#stores/filters.svelte.js#' && pnpm check",
      "> pantry@0.4.0 check /home/lea/dev/pantry\n> svelte-kit sync && svelte-check --tsconfig ./jsconfig.json\n\n"
      "====================================\nLoading svelte-check in workspace: /home/lea/dev/pantry\nGetting Svelte diagnostics...\n\n"
      "====================================\nsvelte-check found 0 errors and 0 warnings"),
    U("thx. but now the page itself: when I type in the search box the browser tab freezes completely. console:\n\n" + FREEZE),
    A("That's the `$effect` in `+page.svelte`: it reads `items` (in `items.filter(...)`) and assigns `items` in the same "
      "effect, so every run schedules itself again — Svelte stops it after the max depth with "
      "`effect_update_depth_exceeded`. It also writes `filters.page`, which it doesn't read, fine, but filtering "
      "`items` repeatedly would shrink the list anyway.\n\nRule of thumb with runes: a value computed from other state is a "
      "`$derived`, not an effect that writes state. So: `let visible = $derived(data.items.filter(...))`, and the "
      "\"back to page 1 on new search\" goes into the input's `oninput` handler."),
    U("makes sense, go"),
    T("Edit", "src/routes/items/+page.svelte", FIX_EDIT),
    T("Bash", "pnpm check && pnpm test", "svelte-check found 0 errors and 0 warnings\n\n" + VITEST),
    A("Check and tests are green; typing in the search box filters the current page without freezing. If you want, "
      "I can run `npm run dev` so you can click through it."),
    U("btw always pnpm here, not npm — the lockfile is pnpm's and npm makes a mess of it. and sure, start the dev server"),
    T("Bash", "pnpm dev --port 5173 &>/tmp/vite.log & sleep 3; tail -n 6 /tmp/vite.log",
      "\n  VITE v5.4.9  ready in 812 ms\n\n  ➜  Local:   http://localhost:5173/\n  ➜  Network: use --host to expose"),
    U("works 👍 hmm, question: should we do infinite scroll instead of numbered pages at some point? that's what all the apps do now"),
    A("Possible, with trade-offs: infinite scroll (an IntersectionObserver sentinel loading the next page) feels "
      "modern on mobile, but you lose shareable `?page=` URLs, back-button position is fiddly, and the footer becomes "
      "unreachable. A \"load more\" button is the middle ground. With 50 items a page, numbered pages are fine for now."),
    U("nah, keep numbered pages then. ok that's it for today. note for me: rotate the service role key (and db password) since I pasted them here."),
    A("Done for today: `/items` with numbered pages (50 per page via `.range()`, total from `count: 'exact'`), search "
      "via `$derived`, filters module renamed to `filters.svelte.js`. Open for you: rotate the service-role key and DB "
      "password in the Supabase dashboard, then update `.env.local`."),
]

s = {
    "id": "svelte_pantry_a",
    "project": "pantry",
    "cwd_files": ["package.json", "pnpm-lock.yaml", "svelte.config.js", ".env.local", "src/lib/supabase.js",
                  "src/lib/stores/filters.svelte.js", "src/lib/components/Pager.svelte", "src/routes/items/+page.js",
                  "src/routes/items/+page.svelte"],
    "turns": turns,
    "gold": [
        G("PROJECT", "pantry: SvelteKit 2 + Svelte 5 runes app on Supabase (Postgres, auth, RLS) for household items",
          ["pantry"], ["svelte", "supabase", "runes", "sveltekit"]),
        G("DECISION", "items list uses numbered pages, 50 per page, via Supabase .range() offset with count 'exact', ?page= in URL",
          ["range"], ["offset", "50", "page", "count"], ["src/routes/items/+page.js"]),
        G("DECISION", "Supabase service-role key only on the server ($env/static/private), never PUBLIC_ or in the browser",
          ["service"], ["server", "private", "never", "browser", "client"]),
        G("PATTERN", "shared rune state lives in .svelte.js modules (runes not compiled in plain .js: filters.js renamed)",
          [".svelte.js"], ["rune", "$state", "filters", "rename"], ["src/lib/stores/filters.svelte.js"]),
        G("BUG_FIX", "tab froze with effect_update_depth_exceeded: $effect read and wrote items; replaced with $derived and page reset in oninput",
          ["effect"], ["derived", "depth", "loop", "freeze", "oninput"], ["src/routes/items/+page.svelte"]),
        G("PREFERENCE", "always pnpm, never npm (pnpm lockfile)",
          ["pnpm"], ["lockfile", "always", "not npm", "never npm", "instead of npm", "package manager"]),
        G("TODO", "rotate the Supabase service-role key and DB password (pasted in chat)",
          ["rotate"], ["service", "key", "password"]),
    ],
    "dead_ends": [
        D("infinite scroll instead of numbered pages", ["infinite"]),
    ],
    "secrets": [SERVICE, DBPW],
}
write(s)
