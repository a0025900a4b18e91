from h17lib import U, A, T, G, D, write

PKG = '''{
  "name": "recipe-box",
  "private": true,
  "type": "module",
  "scripts": {
    "build": "nuxt build",
    "dev": "nuxt dev",
    "generate": "nuxt generate",
    "preview": "nuxt preview",
    "postinstall": "nuxt prepare",
    "db:generate": "drizzle-kit generate"
  },
  "dependencies": {
    "better-sqlite3": "^11.1.2",
    "drizzle-orm": "^0.32.1",
    "nuxt": "^3.12.4",
    "vue": "latest",
    "vue-router": "latest"
  },
  "devDependencies": {
    "@types/better-sqlite3": "^7.6.11",
    "drizzle-kit": "^0.23.0"
  }
}'''

NODE_ERR = '''$ npm run dev

> dev
> nuxt dev

Nuxt 3.12.4 with Nitro 2.9.7
  ➜ Local:    http://localhost:3000/
  ➜ Network:  use --host to expose

  ➜ DevTools: press Shift + Alt + D in the browser (v1.3.9)

✔ Vite client built in 41ms
✔ Vite server built in 388ms
✔ Nuxt Nitro server built in 912 ms

 ERROR  [nitro] [uncaughtException] The module '/home/jonas/code/recipe-box/node_modules/better-sqlite3/build/Release/better_sqlite3.node'
was compiled against a different Node.js version using
NODE_MODULE_VERSION 115. This version of Node.js requires
NODE_MODULE_VERSION 127. Please try re-compiling or re-installing
the module (for instance, using `npm rebuild` or `npm install`).

    at Module._extensions..node (node:internal/modules/cjs/loader:1586:18)
    at Module.load (node:internal/modules/cjs/loader:1288:32)
    at Module._load (node:internal/modules/cjs/loader:1104:12)
    at TracingChannel.traceSync (node:diagnostics_channel:315:14)
    at wrapModuleLoad (node:internal/modules/cjs/loader:218:24)
    at Module.require (node:internal/modules/cjs/loader:1310:12)
    at require (node:internal/modules/helpers:179:18)
    at bindings (node_modules/bindings/bindings.js:112:48)
    at new Database (node_modules/better-sqlite3/lib/database.js:48:64)
    at server/utils/db.ts:6:16
    at ModuleJob.run (node:internal/modules/esm/module_job:262:25)
    at async onImport.tracePromise.__proto__ (node:internal/modules/esm/loader:483:26)
    at async Promise.all (index 0)
    at async server/plugins/migrate.ts:4:1'''

PAGE = '''<script setup lang="ts">
const route = useRoute()
const { data: recipe, pending } = await useFetch(`/api/recipes/${route.params.id}`)
</script>

<template>
  <article v-if="recipe" class="recipe">
    <h1>{{ recipe.title }}</h1>
    <p class="meta">{{ recipe.servings }} servings · {{ recipe.minutes }} min</p>
    <IngredientList :items="recipe.ingredients" />
    <div class="steps" v-html="recipe.stepsHtml" />
    <aside>
      <h2>Related</h2>
      <NuxtLink v-for="r in recipe.related" :key="r.id" :to="`/recipes/${r.id}`">{{ r.title }}</NuxtLink>
    </aside>
  </article>
  <p v-else-if="pending">Loading…</p>
</template>'''

turns = [
    U("hey! starting the db layer for recipe-box today. Nuxt 3 + Drizzle. It's a small personal app that runs on "
      "my little VPS, so I'm thinking sqlite, one file, backups = cp. Before you suggest it: I tried Prisma "
      "first on this project back in spring, but `prisma generate` took forever on the 1GB VPS and the query "
      "engine binary bloated the deploy to like 60MB, so I ripped it out. Drizzle it is."),
    A("Drizzle + SQLite fits that well. There are two SQLite drivers Drizzle supports out of the box:\n\n"
      "- **better-sqlite3** — synchronous native binding, very fast for a local file, the usual choice on a "
      "single server.\n- **libsql** (`@libsql/client`) — Turso's fork, async, works with a local file too and "
      "lets you move to Turso later.\n\nFor a file on your own VPS I'd take better-sqlite3."),
    U("better-sqlite3 sounds right"),
    T("Bash", "npm i drizzle-orm better-sqlite3 && npm i -D drizzle-kit @types/better-sqlite3",
      '''
added 3 packages, and audited 681 packages in 9s

added 27 packages, and audited 708 packages in 6s

142 packages are looking for funding
  run `npm fund` for details

found 0 vulnerabilities'''),
    T("Read", "package.json", PKG),
    T("Edit", "server/db/schema.ts",
      '''@@ -0,0 +1,27 @@
+import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core'
+import { sql } from 'drizzle-orm'
+
+export const recipes = sqliteTable('recipes', {
+  id: integer('id').primaryKey({ autoIncrement: true }),
+  title: text('title').notNull(),
+  servings: integer('servings').notNull().default(2),
+  minutes: integer('minutes'),
+  stepsMd: text('steps_md').notNull().default(''),
+  createdAt: integer('created_at', { mode: 'timestamp' }).notNull().default(sql`(unixepoch())`),
+})
+
+export const ingredients = sqliteTable('ingredients', {
+  id: integer('id').primaryKey({ autoIncrement: true }),
+  recipeId: integer('recipe_id').notNull().references(() => recipes.id, { onDelete: 'cascade' }),
+  name: text('name').notNull(),
+  quantity: text('quantity'),
+  pos: integer('pos').notNull(),
+}, (t) => ({ byRecipe: index('ingredients_recipe_idx').on(t.recipeId) }))'''),
    T("Edit", "server/utils/db.ts",
      '''@@ -0,0 +1,8 @@
+import Database from 'better-sqlite3'
+import { drizzle } from 'drizzle-orm/better-sqlite3'
+import * as schema from '../db/schema'
+
+const sqlite = new Database(process.env.DB_FILE ?? './data/recipes.db')
+sqlite.pragma('journal_mode = WAL')
+
+export const db = drizzle(sqlite, { schema })'''),
    T("Edit", "drizzle.config.ts",
      '''@@ -0,0 +1,8 @@
+import { defineConfig } from 'drizzle-kit'
+
+export default defineConfig({
+  dialect: 'sqlite',
+  schema: './server/db/schema.ts',
+  out: './drizzle',
+  dbCredentials: { url: './data/recipes.db' },
+})'''),
    A("Schema, client and config are in place. For applying schema changes there are two workflows:\n\n"
      "- `drizzle-kit push` — diffs the schema against the live DB and applies it directly, no files. Quick for "
      "prototyping, but nothing to review and nothing in git.\n- `drizzle-kit generate` + `migrate()` — writes "
      "SQL migration files into `drizzle/` that you commit, and a small Nitro plugin applies pending ones at "
      "startup.\n\nWhich one do you prefer?"),
    U("generate + migrate. I want the SQL files in git, I like seeing what changes."),
    T("Bash", "npx drizzle-kit generate",
      '''No config path provided, using default 'drizzle.config.ts'
Reading config file '/home/jonas/code/recipe-box/drizzle.config.ts'
2 tables
ingredients 5 columns 1 indexes 1 fks
recipes 6 columns 0 indexes 0 fks

[✓] Your SQL migration file ➜ drizzle/0000_brave_mister_fear.sql 🚀'''),
    T("Edit", "server/plugins/migrate.ts",
      '''@@ -0,0 +1,7 @@
+import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
+import { db } from '../utils/db'
+
+export default defineNitroPlugin(() => {
+  migrate(db, { migrationsFolder: './drizzle' })
+  console.info('[migrate] migrations applied')
+})'''),
    T("Bash", "npm run dev", NODE_ERR),
    T("Bash", "node -v && nvm ls | head -4 && ls -la node_modules/better-sqlite3/build/Release/*.node",
      '''v22.5.1
->      v22.5.1
       v20.15.0
default -> 22 (-> v22.5.1)
-rwxr-xr-x 1 jonas jonas 1912304 Jul 19 21:40 node_modules/better-sqlite3/build/Release/better_sqlite3.node'''),
    A("better-sqlite3 is a native addon, compiled for one Node ABI at install time. The `.node` file was built "
      "on July 19 under Node 20 (ABI 115) — it was already in `node_modules` from an earlier experiment, "
      "so `npm i` kept that copy instead of rebuilding — but your shell "
      "runs Node 22 (ABI 127), so the binary refuses to load. Rebuilding it for the current Node fixes it; "
      "you'll need to do the same whenever you switch Node majors with nvm."),
    T("Bash", "npm rebuild better-sqlite3 && npm run dev",
      '''rebuilt dependencies successfully

> dev
> nuxt dev

Nuxt 3.12.4 with Nitro 2.9.7
  ➜ Local:    http://localhost:3000/
  ➜ Network:  use --host to expose

✔ Vite client built in 38ms
✔ Vite server built in 371ms
✔ Nuxt Nitro server built in 874 ms
[migrate] migrations applied
ℹ Vite client warmed up in 2ms'''),
    U("works! 🎉 ok next thing, a bug that's been annoying me for weeks: on a recipe page, when I click a "
      "related recipe (say from recipe 3 to recipe 5), the URL changes but the page still shows recipe 3. a "
      "hard refresh fixes it."),
    T("Read", "pages/recipes/[id].vue", PAGE),
    A("The URL passed to `useFetch` is a plain template string, so it's evaluated once when the page component "
      "runs setup: `/api/recipes/3`. Going from `/recipes/3` to `/recipes/5` is the same route record, so Nuxt "
      "reuses the page component instead of re-creating it; setup doesn't run again, and `useFetch` has no "
      "reactive source to watch, so it keeps showing recipe 3. If you pass a getter instead, `useFetch` tracks "
      "`route.params.id` and refetches when it changes."),
    T("Edit", "pages/recipes/[id].vue",
      '''@@ -1,5 +1,5 @@
 <script setup lang="ts">
 const route = useRoute()
-const { data: recipe, pending } = await useFetch(`/api/recipes/${route.params.id}`)
+const { data: recipe, pending } = await useFetch(() => `/api/recipes/${route.params.id}`)
 </script>'''),
    U("perfect, that was it. oh and keep everything in `<script setup lang=\"ts\">` please — I saw some of the "
      "older components still use the options API with defineComponent, don't copy that style, I'll migrate them "
      "eventually"),
    A("Will do — new and touched components stay `<script setup lang=\"ts\">`. One thing to decide soon: "
      "where should recipe photos live — in `data/uploads` next to the SQLite file, or in an S3-compatible "
      "bucket?"),
    T("Bash", "git add -A && git commit -m 'db: drizzle + better-sqlite3, migrations, fix related recipe navigation' && git log --oneline -1",
      '''[main 3f09a7c] db: drizzle + better-sqlite3, migrations, fix related recipe navigation
 9 files changed, 187 insertions(+), 4 deletions(-)
 create mode 100644 drizzle.config.ts
 create mode 100644 drizzle/0000_brave_mister_fear.sql
 create mode 100644 drizzle/meta/0000_snapshot.json
 create mode 100644 drizzle/meta/_journal.json
 create mode 100644 server/db/schema.ts
 create mode 100644 server/plugins/migrate.ts
 create mode 100644 server/utils/db.ts
3f09a7c db: drizzle + better-sqlite3, migrations, fix related recipe navigation'''),
    U("nice. next time: search by ingredient ('what can I cook with leeks'). sqlite has FTS5 I think? let's look "
      "at that next time. bye!"),
    A("Yes, SQLite ships FTS5; a virtual table over ingredient names would do it. Noted as the next item: "
      "search recipes by ingredient. Bye!"),
]

sess = {
    "id": "h17_nuxt_drizzle_a",
    "project": "recipe-box",
    "cwd_files": ["package.json", "drizzle.config.ts", "server/db/schema.ts", "server/utils/db.ts",
                  "server/plugins/migrate.ts", "pages/recipes/[id].vue"],
    "turns": turns,
    "gold": [
        G("PROJECT", "recipe-box: Nuxt 3 + Drizzle ORM, personal app on a VPS",
          ["nuxt"], ["drizzle"]),
        G("FAILED", "Prisma dropped: prisma generate too slow on 1GB VPS, engine binary bloated deploy",
          ["prisma"], ["slow", "generate", "binary", "bloat", "60mb", "vps"], failure=True),
        G("DECISION", "SQLite via better-sqlite3, file data/recipes.db",
          ["sqlite"], ["better-sqlite3", "recipes.db", "file"], ["server/utils/db.ts"]),
        G("DECISION", "schema changes with drizzle-kit generate + migrate(), SQL files committed",
          ["drizzle-kit"], ["generate", "migrate", "migration", "sql files"], ["server/plugins/migrate.ts"]),
        G("BUG_FIX", "better-sqlite3 NODE_MODULE_VERSION mismatch after nvm Node 22 -> npm rebuild better-sqlite3",
          ["better-sqlite3"], ["rebuild", "node_module_version", "node 22", "abi", "native"]),
        G("BUG_FIX", "recipe page showed stale recipe on related link: useFetch URL string -> getter () => url",
          ["usefetch"], ["getter", "reactive", "stale", "route.params", "() =>"], ["pages/recipes/[id].vue"]),
        G("PREFERENCE", "components in <script setup lang=\"ts\">, not options API/defineComponent",
          ["setup"], ["script", "ts", "options api", "definecomponent"]),
        G("TODO", "search recipes by ingredient (SQLite FTS5)",
          ["ingredient"], ["search", "fts5", "fts"]),
    ],
    "dead_ends": [
        D("libsql/@libsql/client driver (listed, not chosen)", ["libsql"]),
    ],
    "secrets": [],
}

if __name__ == "__main__":
    write(sess)
