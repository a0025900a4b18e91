"""Session: SolidJS + TanStack Query frontend (terse user)."""
from _common import U, A, T, write

PKG = '''{
  "name": "pulse-dashboard",
  "private": true,
  "version": "0.14.0",
  "type": "module",
  "scripts": {
    "dev": "vite",
    "build": "tsc -b && vite build",
    "typecheck": "tsc -b --noEmit",
    "test": "vitest run",
    "e2e": "playwright test",
    "lint": "eslint src --max-warnings 0"
  },
  "dependencies": {
    "@solidjs/router": "^0.14.7",
    "@tanstack/solid-query": "^5.59.0",
    "chart.js": "^4.4.4",
    "solid-js": "^1.9.2"
  },
  "devDependencies": {
    "@playwright/test": "^1.48.0",
    "@solidjs/testing-library": "^0.8.10",
    "@tanstack/solid-query-devtools": "^5.59.0",
    "eslint": "^9.12.0",
    "eslint-plugin-solid": "^0.14.3",
    "jsdom": "^25.0.1",
    "typescript": "~5.6.2",
    "vite": "^5.4.8",
    "vite-plugin-solid": "^2.10.2",
    "vitest": "^2.1.2"
  }
}'''

OVERVIEW = '''import { createEffect, createSignal, Show } from "solid-js";
import { createQuery } from "@tanstack/solid-query";
import { fetchSeries, type Range } from "../api/series";
import { RangePicker } from "../components/RangePicker";
import { LineChart } from "../components/LineChart";
import { ChartSkeleton } from "../components/ChartSkeleton";

export function Overview() {
  const [range, setRange] = createSignal<Range>("24h");

  const cpuOptions = {
    queryKey: ["series", "cpu", range()],
    queryFn: () => fetchSeries("cpu", range()),
  };
  const cpu = createQuery(() => cpuOptions);

  const memOptions = {
    queryKey: ["series", "mem", range()],
    queryFn: () => fetchSeries("mem", range()),
  };
  const mem = createQuery(() => memOptions);

  createEffect(() => {
    const pts = cpu.data?.points;
    document.title = pts?.length ? `Pulse · CPU ${pts[pts.length - 1].v.toFixed(0)}%` : "Pulse";
  });

  return (
    <main class="overview">
      <header>
        <h1>Overview</h1>
        <RangePicker value={range()} onChange={setRange} data-testid="range-picker" />
      </header>
      <section class="charts">
        <Show when={cpu.data} fallback={<ChartSkeleton />}>
          <LineChart title="CPU %" points={cpu.data!.points} />
        </Show>
        <Show when={mem.data} fallback={<ChartSkeleton />}>
          <LineChart title="Memory MB" points={mem.data!.points} />
        </Show>
      </section>
    </main>
  );
}
'''

FIX1 = '''@@ export function Overview() {
   const [range, setRange] = createSignal<Range>("24h");
 
-  const cpuOptions = {
-    queryKey: ["series", "cpu", range()],
-    queryFn: () => fetchSeries("cpu", range()),
-  };
-  const cpu = createQuery(() => cpuOptions);
+  const cpu = createQuery(() => ({
+    queryKey: ["series", "cpu", range()],
+    queryFn: () => fetchSeries("cpu", range()),
+  }));
 
-  const memOptions = {
-    queryKey: ["series", "mem", range()],
-    queryFn: () => fetchSeries("mem", range()),
-  };
-  const mem = createQuery(() => memOptions);
+  const mem = createQuery(() => ({
+    queryKey: ["series", "mem", range()],
+    queryFn: () => fetchSeries("mem", range()),
+  }));'''

VITEST_OK = ''' RUN  v2.1.2 /home/dev/pulse-dashboard

 ✓ src/api/series.test.ts (6 tests) 14ms
 ✓ src/components/RangePicker.test.tsx (4 tests) 61ms
 ✓ src/components/LineChart.test.tsx (3 tests) 88ms
 ✓ src/pages/Overview.test.tsx (3 tests) 212ms
   ✓ Overview > renders both charts after load
   ✓ Overview > refetches series when range changes
   ✓ Overview > shows skeleton while first load is pending

 Test Files  4 passed (4)
      Tests  16 passed (16)
   Start at  14:02:19
   Duration  1.94s (transform 402ms, setup 0ms, collect 1.21s, tests 375ms, environment 1.09s, prepare 318ms)'''

VITEST_FAIL = ''' RUN  v2.1.2 /home/dev/pulse-dashboard

 ✓ src/api/series.test.ts (6 tests) 12ms
 ✓ src/components/RangePicker.test.tsx (4 tests) 58ms
 ✓ src/components/LineChart.test.tsx (3 tests) 91ms
 ❯ src/pages/Overview.test.tsx (4 tests | 1 failed) 1262ms
   ✓ Overview > renders both charts after load
   × Overview > refetches series when range changes
     → Unable to find an element by: [data-testid="range-picker"]
   ✓ Overview > shows skeleton while first load is pending
   ✓ Overview > does not refetch on window focus

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯

 FAIL  src/pages/Overview.test.tsx > Overview > refetches series when range changes
TestingLibraryElementError: Unable to find an element by: [data-testid="range-picker"]

Ignored nodes: comments, script, style
<body>
  <div>
    <div
      class="page-skeleton"
    >
      <div
        class="skeleton skeleton--header"
      />
      <div
        class="skeleton skeleton--chart"
      />
      <div
        class="skeleton skeleton--chart"
      />
    </div>
  </div>
</body>

 ❯ Object.getElementError node_modules/@testing-library/dom/dist/config.js:37:19
 ❯ node_modules/@testing-library/dom/dist/query-helpers.js:76:38
 ❯ node_modules/@testing-library/dom/dist/query-helpers.js:52:17
 ❯ getByTestId node_modules/@testing-library/dom/dist/query-helpers.js:95:19
 ❯ src/pages/Overview.test.tsx:41:26
     39|     await screen.findByText("CPU %");
     40|     fireEvent.click(screen.getByRole("button", { name: "7d" }));
     41|     const picker = screen.getByTestId("range-picker");
       |                          ^
     42|     expect(picker).toHaveAttribute("data-value", "7d");
     43|     await waitFor(() => expect(fetchSeries).toHaveBeenCalledWith("cpu", "7d"));

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯

 Test Files  1 failed | 3 passed (4)
      Tests  1 failed | 16 passed (17)
   Start at  14:21:47
   Duration  2.87s (transform 411ms, setup 0ms, collect 1.18s, tests 1.47s, environment 1.12s, prepare 301ms)'''

turns = [
    U("cpu/mem charts don't update when I change the range picker. src/pages/Overview.tsx"),
    A("Let me look at the page and the query setup."),
    T("Read", "package.json", PKG),
    T("Read", "src/pages/Overview.tsx", OVERVIEW),
    A("Found it. In Solid a component function runs exactly once; only code inside reactive scopes (JSX expressions, "
      "effects, memos, and the options function you pass to `createQuery`) re-runs when a signal changes. Here "
      "`cpuOptions` / `memOptions` are plain objects built in the component body, so `range()` is read once at mount, "
      "untracked, and the query key is frozen at `[\"series\", \"cpu\", \"24h\"]`. `createQuery(() => cpuOptions)` "
      "returns the same stale object every time, so solid-query never sees a new key.\n\nThe options have to be "
      "constructed inside the accessor so `range()` is tracked:"),
    T("Edit", "src/pages/Overview.tsx", FIX1),
    T("Bash", "npx vitest run", VITEST_OK),
    A("Tests pass, including `refetches series when range changes`. (That test passed before too — it mocks "
      "`fetchSeries` and re-renders the page with a new initial range, so it never exercised the signal change. I can "
      "tighten it to click the picker instead if you want.)"),
    U("yes tighten it. also: switching range flashes the skeleton for ~1s, ugly"),
    A("Two ways to avoid the flash:\n\n1. `placeholderData: keepPreviousData` — the query keeps showing the previous "
      "range's series while the new one loads; `isPlaceholderData` lets us dim the chart.\n2. Use suspense: wrap the "
      "charts in `<Suspense>` with the skeleton as fallback and read `cpu.data` inside it; with `useTransition` the old "
      "content can stay up during the switch.\n3. Drop solid-query for this page and use `createResource`, which "
      "integrates with Suspense/transitions natively.\n\nWhich do you prefer?"),
    U("2, try suspense. like the skeleton"),
    T("Edit", "src/pages/Overview.tsx", '''@@
-import { createEffect, createSignal, Show } from "solid-js";
+import { createEffect, createSignal, Suspense } from "solid-js";
@@
-      <section class="charts">
-        <Show when={cpu.data} fallback={<ChartSkeleton />}>
-          <LineChart title="CPU %" points={cpu.data!.points} />
-        </Show>
-        <Show when={mem.data} fallback={<ChartSkeleton />}>
-          <LineChart title="Memory MB" points={mem.data!.points} />
-        </Show>
-      </section>
+      <section class="charts">
+        <Suspense fallback={<><ChartSkeleton /><ChartSkeleton /></>}>
+          <LineChart title="CPU %" points={cpu.data?.points ?? []} />
+          <LineChart title="Memory MB" points={mem.data?.points ?? []} />
+        </Suspense>
+      </section>'''),
    T("Edit", "src/pages/Overview.test.tsx", '''@@ it("refetches series when range changes", async () => {
-    render(() => <Overview initialRange="7d" />, { wrapper });
-    await waitFor(() => expect(fetchSeries).toHaveBeenCalledWith("cpu", "7d"));
+    render(() => <Overview />, { wrapper });
+    await screen.findByText("CPU %");
+    fireEvent.click(screen.getByRole("button", { name: "7d" }));
+    const picker = screen.getByTestId("range-picker");
+    expect(picker).toHaveAttribute("data-value", "7d");
+    await waitFor(() => expect(fetchSeries).toHaveBeenCalledWith("cpu", "7d"));'''),
    T("Bash", "npx vitest run", VITEST_FAIL),
    A("The suspense version is worse. With suspense on, *any* read of `cpu.data` suspends the nearest boundary above "
      "the reading computation. The charts read it inside the new `<Suspense>`, fine, but the `document.title` effect in "
      "`Overview` also reads `cpu.data`, and that effect sits outside the inner boundary — so the boundary that catches "
      "it is the router's top-level `<Suspense>` in `App.tsx`. On every range change the *whole page* swaps to "
      "`page-skeleton` and the picker is unmounted mid-click, which is exactly what the test caught. Making it work "
      "would mean moving the title effect and the queries into child components plus `useTransition`; that's a bigger "
      "restructure than the flash is worth.\n\n"
      "I'll revert to the `<Show>` version and use option 1 instead."),
    U("ok revert. go with 1"),
    T("Bash", "git checkout -- src/pages/Overview.tsx && git stash list", ""),
    T("Edit", "src/pages/Overview.tsx", FIX1 + '''
@@
-import { createQuery } from "@tanstack/solid-query";
+import { createQuery, keepPreviousData } from "@tanstack/solid-query";
@@
   const cpu = createQuery(() => ({
     queryKey: ["series", "cpu", range()],
     queryFn: () => fetchSeries("cpu", range()),
+    placeholderData: keepPreviousData,
   }));
@@
   const mem = createQuery(() => ({
     queryKey: ["series", "mem", range()],
     queryFn: () => fetchSeries("mem", range()),
+    placeholderData: keepPreviousData,
   }));
@@
-          <LineChart title="CPU %" points={cpu.data!.points} />
+          <LineChart title="CPU %" points={cpu.data!.points} dimmed={cpu.isPlaceholderData} />'''),
    T("Bash", "npx vitest run && npx tsc -b --noEmit", VITEST_OK.replace("(3 tests) 212ms", "(4 tests) 247ms").replace(
        "   ✓ Overview > shows skeleton while first load is pending",
        "   ✓ Overview > shows skeleton while first load is pending\n   ✓ Overview > keeps previous series while new range loads").replace(
        "16 passed (16)", "17 passed (17)")),
    A("Green, typecheck clean. The chart now stays up (dimmed) while the new range loads.\n\nWhile looking at the "
      "network tab I noticed every chart refetches whenever the window regains focus, and again on each remount, because "
      "`QueryClient` in `src/main.tsx` uses the defaults (`staleTime: 0`, `refetchOnWindowFocus: true`). For metrics that "
      "are scraped every 30s anyway, I'd set `staleTime: 30_000` and turn off `refetchOnWindowFocus` globally in the "
      "client's `defaultOptions`. Want that?"),
    U("yes, do it"),
    T("Edit", "src/lib/queryClient.ts", '''@@ new file
+import { QueryClient } from "@tanstack/solid-query";
+
+const queryClient = new QueryClient({
+  defaultOptions: {
+    queries: {
+      staleTime: 30_000, // series are scraped every 30s, refetching sooner is wasted work
+      refetchOnWindowFocus: false,
+    },
+  },
+});
+
+export default queryClient;'''),
    U("named exports only pls, we don't do default exports anywhere"),
    T("Edit", "src/lib/queryClient.ts", '''@@
-const queryClient = new QueryClient({
+export const queryClient = new QueryClient({
@@
-
-export default queryClient;'''),
    T("Edit", "src/main.tsx", '''@@
-import { QueryClient, QueryClientProvider } from "@tanstack/solid-query";
+import { QueryClientProvider } from "@tanstack/solid-query";
+import { queryClient } from "./lib/queryClient";
@@
-const queryClient = new QueryClient();
-'''),
    T("Bash", "npm run lint && npx vitest run 2>&1 | tail -4", """
> pulse-dashboard@0.14.0 lint
> eslint src --max-warnings 0

      Tests  17 passed (17)
   Start at  14:33:05
   Duration  1.88s (transform 398ms, setup 0ms, collect 1.16s, tests 371ms, environment 1.07s, prepare 297ms)"""),
    A("Done. Should the selected range also live in the URL (`?range=7d`) so a shared link opens the same view? "
      "`@solidjs/router`'s `useSearchParams` would make that a few lines."),
    U("commit. todo for later: chart has no error state, on 500 it's just blank forever"),
    T("Bash", "git add -A && git commit -m 'overview: reactive query keys, keep previous series, 30s staleTime'", """[feat/range-picker 1f9a7c2] overview: reactive query keys, keep previous series, 30s staleTime
 4 files changed, 41 insertions(+), 19 deletions(-)
 create mode 100644 src/lib/queryClient.ts"""),
    A("Committed `1f9a7c2` on `feat/range-picker`. Noted the open item: `LineChart` has no error state — when "
      "`fetchSeries` returns a 500 the query goes to `isError` and the page just shows nothing. Not touched yet."),
]

gold = [
    {"kind": "PROJECT", "summary": "pulse-dashboard: SolidJS + @tanstack/solid-query v5 + Vite, chart.js charts",
     "all_of": ["pulse"], "any_of": ["solid", "tanstack", "query", "vite"]},
    {"kind": "BUG_FIX", "summary": "charts ignored range picker: query options built once in component body; build them inside the createQuery accessor so range() is tracked",
     "all_of": ["range"], "any_of": ["createquery", "querykey", "accessor", "tracked", "component body", "once"],
     "files": ["src/pages/Overview.tsx"]},
    {"kind": "FAILED", "summary": "Suspense around charts: whole page fell back to skeleton and unmounted the range picker; reverted",
     "all_of": ["suspense"], "any_of": ["skeleton", "whole page", "unmount", "picker", "fallback", "revert"], "failure": True},
    {"kind": "DECISION", "summary": "placeholderData: keepPreviousData so charts keep previous range while loading (no skeleton flash)",
     "all_of": ["keeppreviousdata"], "any_of": ["placeholderdata", "flash", "previous", "range", "skeleton"]},
    {"kind": "DECISION", "summary": "QueryClient defaults: staleTime 30s, refetchOnWindowFocus off (src/lib/queryClient.ts)",
     "all_of": ["staletime"], "any_of": ["30", "refetchonwindowfocus"], "files": ["src/lib/queryClient.ts"]},
    {"kind": "PREFERENCE", "summary": "named exports only, no default exports",
     "all_of": ["export"], "any_of": ["named", "default"]},
    {"kind": "TODO", "summary": "LineChart/Overview has no error state: blank forever on 500",
     "all_of": ["error"], "any_of": ["chart", "500", "blank", "state"]},
]

write({
    "id": "pulse_range",
    "project": "pulse-dashboard",
    "cwd_files": ["src/pages/Overview.tsx", "src/pages/Overview.test.tsx", "src/lib/queryClient.ts", "src/main.tsx"],
    "turns": turns,
    "gold": gold,
    "dead_ends": [
        {"summary": "replace solid-query with createResource on the overview page (offered, not picked)",
         "all_of": ["createresource"]},
        {"summary": "range in URL search params (asked, never answered)", "all_of": ["usesearchparams"]},
    ],
    "secrets": [],
    "supersedes": [],
})
