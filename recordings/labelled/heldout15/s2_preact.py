from _lib import U, A, T, G, D, write

STORE = '''import { signal, computed } from "@preact/signals";
import type { Card, ColumnId } from "./types";

function load(): Card[] {
  return [
    { id: "c1", title: "Set up CI", column: "todo" },
    { id: "c2", title: "Login page", column: "doing" },
    { id: "c3", title: "Pick a font", column: "done" },
  ];
}

export const cards = signal<Card[]>(load());

export const byColumn = computed(() => {
  const out: Record<ColumnId, Card[]> = { todo: [], doing: [], done: [] };
  for (const c of cards.value) out[c.column].push(c);
  return out;
});

export function moveCard(id: string, to: ColumnId) {
  const card = cards.value.find((c) => c.id === id);
  if (card) card.column = to;
}

export function addCard(title: string) {
  cards.value.push({ id: crypto.randomUUID(), title, column: "todo" });
}
'''

COLUMN = '''import { byColumn, moveCard } from "../store";
import type { ColumnId } from "../types";
import { CardView } from "./CardView";

export function Column({ id, title }: { id: ColumnId; title: string }) {
  const list = byColumn.value[id];
  return (
    <section
      class="column"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => moveCard(e.dataTransfer!.getData("text/card"), id)}
    >
      <h2>{title} <small>{list.length}</small></h2>
      {list.map((c) => <CardView key={c.id} card={c} />)}
    </section>
  );
}
'''

VITEST_OK = ''' RUN  v1.6.0 /home/jo/kanban

 ✓ src/store.test.ts (8)
 ✓ src/components/Column.test.tsx (4)

 Test Files  2 passed (2)
      Tests  12 passed (12)
   Start at  10:02:41
   Duration  1.21s (transform 212ms, setup 0ms, collect 402ms, tests 61ms, environment 388ms, prepare 94ms)'''

RBD_INSTALL = '''npm WARN ERESOLVE overriding peer dependency
npm WARN While resolving: react-beautiful-dnd@13.1.1
npm WARN Found: react@undefined
npm WARN node_modules/react
npm WARN
npm WARN Could not resolve dependency:
npm WARN peer react@"^16.8.5 || ^17.0.0 || ^18.0.0" from react-beautiful-dnd@13.1.1
npm WARN deprecated react-beautiful-dnd@13.1.1: react-beautiful-dnd is now deprecated. Context and options: https://github.com/atlassian/react-beautiful-dnd/issues/2672

added 14 packages, and audited 212 packages in 3s

found 0 vulnerabilities'''

RBD_FAIL = ''' RUN  v1.6.0 /home/jo/kanban

 ✓ src/store.test.ts (8)
 ❯ src/components/Board.test.tsx (3)
   × renders three columns
   × moves a card on drop
   × keeps order inside a column

⎯⎯⎯⎯⎯⎯⎯ Failed Tests 3 ⎯⎯⎯⎯⎯⎯⎯

 FAIL  src/components/Board.test.tsx > renders three columns
TypeError: Cannot read properties of undefined (reading 'ReactCurrentOwner')
 ❯ node_modules/react-redux/lib/utils/reactBatchedUpdates.js:9:44
 ❯ node_modules/react-beautiful-dnd/dist/react-beautiful-dnd.cjs.js:12:18
 ❯ src/components/Board.tsx:2:1
      1| import { useEffect } from "preact/hooks";
      2| import { DragDropContext, Droppable } from "react-beautiful-dnd";
       | ^
      3| import { Column } from "./Column";

 Test Files  1 failed | 1 passed (2)
      Tests  3 failed | 8 passed (11)

$ npm run build
vite v5.2.11 building for production...
✓ 98 modules transformed.
dist/index.html                   0.46 kB │ gzip:  0.30 kB
dist/assets/index-5c1a0e7d.css    2.11 kB │ gzip:  0.89 kB
dist/assets/index-b81f2a4c.js    61.84 kB │ gzip: 21.77 kB
✓ built in 1.12s'''

turns = [
    U("kanban app. cards dont move between columns after drop. fix"),
    T("Read", "src/store.ts", STORE),
    T("Read", "src/components/Column.tsx", COLUMN),
    A("Found it. `moveCard` finds the card object inside `cards.value` and sets `card.column = to` in place. A signal only "
      "notifies subscribers when `.value` is assigned a new reference; mutating an object inside the array doesn't, so `byColumn` "
      "never recomputes and the columns don't re-render. `addCard` has the same problem with `push`.\n\n"
      "Fix: assign a new array in both, e.g. `cards.value = cards.value.map(c => c.id === id ? { ...c, column: to } : c)`."),
    T("Edit", "src/store.ts",
      "@@ -21,8 +21,10 @@ export const byColumn = computed(() => {\n export function moveCard(id: string, to: ColumnId) {\n"
      "-  const card = cards.value.find((c) => c.id === id);\n-  if (card) card.column = to;\n"
      "+  cards.value = cards.value.map((c) => (c.id === id ? { ...c, column: to } : c));\n }\n \n"
      " export function addCard(title: string) {\n-  cards.value.push({ id: crypto.randomUUID(), title, column: \"todo\" });\n"
      "+  cards.value = [...cards.value, { id: crypto.randomUUID(), title, column: \"todo\" }];\n }"),
    T("Bash", "npx vitest run", VITEST_OK),
    U("works. drag looks ugly tho. want animated drag. try react-beautiful-dnd via compat"),
    A("OK. That needs `react`/`react-dom` aliased to `preact/compat` in `vite.config.ts` and the board wrapped in `DragDropContext` "
      "with a `Droppable` per column. Trying it."),
    T("Bash", "npm i react-beautiful-dnd", RBD_INSTALL),
    T("Edit", "vite.config.ts",
      "@@ -5,4 +5,10 @@ export default defineConfig({\n   plugins: [preact()],\n+  resolve: {\n+    alias: {\n"
      "+      react: \"preact/compat\",\n+      \"react-dom\": \"preact/compat\",\n+    },\n+  },\n"),
    T("Edit", "src/components/Board.tsx",
      "@@ -1,10 +1,22 @@\n import { useEffect } from \"preact/hooks\";\n+import { DragDropContext, Droppable } from \"react-beautiful-dnd\";\n"
      " import { Column } from \"./Column\";\n+import { moveCard } from \"../store\";\n ...\n"
      "+  <DragDropContext onDragEnd={(r) => r.destination && moveCard(r.draggableId, r.destination.droppableId as ColumnId)}>"),
    T("Bash", "npx vitest run && npm run build", RBD_FAIL),
    A("react-beautiful-dnd doesn't work here. It's deprecated (archived by Atlassian) and it pulls in react-redux, which reaches into "
      "React internals (`__SECRET_INTERNALS...ReactCurrentOwner`) that `preact/compat` doesn't provide, so the Board crashes on "
      "import. It would also add ~38 kB to the bundle.\n\nAlternatives:\n1. `@dnd-kit/core`: maintained, works through compat, "
      "~12 kB.\n2. Keep native HTML5 drag and drop and animate with CSS (a `dragging` class + transitions), no dependency.\n\n"
      "I'd revert the rbd attempt either way."),
    U("revert. native + css"),
    T("Bash", "git checkout -- vite.config.ts src/components/Board.tsx && npm uninstall react-beautiful-dnd && git status --short",
      "removed 14 packages, and audited 198 packages in 1s\n\nfound 0 vulnerabilities\n M src/store.ts"),
    T("Edit", "src/components/CardView.tsx",
      "@@ -4,9 +4,17 @@ export function CardView({ card }: { card: Card }) {\n+  const dragging = useSignal(false);\n"
      "   return (\n-    <article class=\"card\" draggable\n+    <article\n+      class={dragging.value ? \"card dragging\" : \"card\"}\n"
      "+      draggable\n+      onDragStart={(e) => { e.dataTransfer!.setData(\"text/card\", card.id); dragging.value = true; }}\n"
      "+      onDragEnd={() => (dragging.value = false)}\n     >"),
    T("Edit", "src/styles.css",
      "@@ -40,3 +40,16 @@\n+.card {\n+  transition: transform 160ms ease, box-shadow 160ms ease, opacity 160ms ease;\n+}\n"
      "+.card.dragging {\n+  opacity: 0.5;\n+  transform: scale(1.03) rotate(1deg);\n+  box-shadow: 0 8px 20px rgb(0 0 0 / 0.18);\n+}\n"
      "+.column.over {\n+  background: var(--col-hover);\n+  transition: background 120ms ease;\n+}"),
    T("Bash", "npx vitest run && npm run build",
      " Test Files  2 passed (2)\n      Tests  12 passed (12)\n\nvite v5.2.11 building for production...\n✓ 41 modules transformed.\n"
      "dist/index.html                   0.46 kB │ gzip:  0.30 kB\ndist/assets/index-5c1a0e7d.css    2.48 kB │ gzip:  0.97 kB\n"
      "dist/assets/index-0f93c2aa.js    23.10 kB │ gzip:  9.02 kB\n✓ built in 604ms"),
    A("Reverted rbd. Native drag and drop now with a `dragging` class on the card (fade, slight lift and tilt) and a highlight on the "
      "column being hovered, all CSS transitions. Bundle stays at 23 kB."),
    U("ok. persist board in localStorage. no default exports btw, named only"),
    A("Will do. I'll add an `effect()` in `store.ts` that writes `cards.value` to `localStorage` under `kanban:v1` whenever it "
      "changes, and read it back in `load()`. Everything stays named exports."),
    T("Edit", "src/store.ts",
      "@@ -1,13 +1,22 @@\n-import { signal, computed } from \"@preact/signals\";\n+import { signal, computed, effect } from \"@preact/signals\";\n"
      "+\n+const KEY = \"kanban:v1\";\n \n function load(): Card[] {\n+  const raw = localStorage.getItem(KEY);\n"
      "+  if (raw) return JSON.parse(raw) as Card[];\n   return [\n@@ -16,0 +26,3 @@\n+effect(() => {\n"
      "+  localStorage.setItem(KEY, JSON.stringify(cards.value));\n+});"),
    T("Bash", "npx vitest run",
      " RUN  v1.6.0 /home/jo/kanban\n\n ❯ src/store.test.ts (0)\n ❯ src/components/Column.test.tsx (0)\n\n"
      "⎯⎯⎯⎯⎯⎯ Failed Suites 2 ⎯⎯⎯⎯⎯⎯⎯\n\n FAIL  src/store.test.ts [ src/store.test.ts ]\n"
      "ReferenceError: localStorage is not defined\n ❯ load src/store.ts:7:15\n ❯ src/store.ts:19:30\n\n"
      " Test Files  2 failed (2)\n      Tests  no tests"),
    A("Tests run in vitest's default `node` environment, which has no `localStorage`. Switching the test environment to `jsdom` "
      "(already a devDependency for the component tests that mount) fixes it."),
    T("Edit", "vite.config.ts",
      "@@ -6,3 +6,7 @@ export default defineConfig({\n   plugins: [preact()],\n+  test: {\n+    environment: \"jsdom\",\n"
      "+    setupFiles: [\"./src/test-setup.ts\"],\n+  },\n });"),
    T("Bash", "npx vitest run",
      " RUN  v1.6.0 /home/jo/kanban\n\n ✓ src/store.test.ts (10)\n ✓ src/components/Column.test.tsx (4)\n\n"
      " Test Files  2 passed (2)\n      Tests  14 passed (14)\n   Duration  1.87s"),
    A("Board persists to `localStorage` (`kanban:v1`) through an `effect()` in `store.ts`; tests run under jsdom now and I added two "
      "for the persistence. Do you want a version migration for when the card shape changes, or just bump the key?"),
    U("later. keyboard a11y for moving cards is todo, leave it. thx"),
    A("Noted: keyboard accessibility for moving cards is still open."),
]

session = {
    "id": "preact_kanban",
    "project": "kanban",
    "cwd_files": ["src/store.ts", "src/components/Column.tsx", "src/components/CardView.tsx", "vite.config.ts", "src/styles.css"],
    "turns": turns,
    "gold": [
        G("PROJECT", "kanban: Preact + @preact/signals, Vite, TypeScript, vitest", ["preact"], ["signals", "vite", "typescript"]),
        G("BUG_FIX", "cards didn't move between columns: moveCard/addCard mutated cards.value in place; signals need a new array assigned",
          ["cards"], ["mutat", "in place", "new array", "reassign", "new reference", "map"], ["src/store.ts"]),
        G("FAILED", "react-beautiful-dnd via preact/compat crashed (ReactCurrentOwner, deprecated lib); reverted",
          ["react-beautiful-dnd"], ["compat", "reactcurrentowner", "deprecated", "crash", "revert", "preact"], failure=True),
        G("DECISION", "drag and drop: native HTML5 drag events + CSS transitions, no DnD library",
          ["drag"], ["native", "html5", "css", "transition", "no lib", "no dep"]),
        G("PATTERN", "board persisted to localStorage (kanban:v1) via effect() in store.ts",
          ["localstorage"], ["effect", "store.ts", "persist", "kanban:v1"], ["src/store.ts"]),
        G("DECISION", "vitest runs in jsdom environment (localStorage needed)", ["jsdom"], ["vitest", "localstorage", "test"],
          ["vite.config.ts"]),
        G("PREFERENCE", "named exports only, no default exports", ["export"], ["named", "default"]),
        G("TODO", "keyboard accessibility for moving cards", ["keyboard"], ["a11y", "accessib", "move", "card"]),
    ],
    "dead_ends": [
        D("react-beautiful-dnd for animated drag (crashed under preact/compat)", ["react-beautiful-dnd"]),
        D("@dnd-kit/core suggested, not chosen", ["dnd-kit"]),
    ],
    "secrets": [],
}

if __name__ == "__main__":
    write(session)
