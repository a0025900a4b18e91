from h17lib import U, A, T, G, D, write, rng

NEON_PASS = "npg_Xk29fLqA7wZr"
NEON_URL = (f"postgresql://recipebox_owner:{NEON_PASS}@ep-cool-sun-a5x1q7-pooler.eu-central-1.aws.neon.tech/"
            "recipebox?sslmode=require")

r = rng(1707)
build = ["$ npx nuxi build --preset=vercel",
         "Nuxt 3.12.4 with Nitro 2.9.7",
         "ℹ Building client...",
         "ℹ vite v5.3.5 building for production...",
         "ℹ transforming...",
         "ℹ ✓ 214 modules transformed.",
         "ℹ rendering chunks..."]
names = ["entry", "index", "_id_", "new", "edit", "IngredientList", "RecipeCard", "SearchBox", "default",
         "error-404", "error-500", "nuxt-link", "client-only", "useFetch", "vue.f36acd1f", "swiper", "dayjs",
         "marked", "dompurify", "fuse", "login", "settings", "TagPill", "Modal", "Toast", "Spinner"]
for n in names:
    for ext in ("js", "css") if n[0].isupper() else ("js",):
        h = "".join(r.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") for _ in range(8))
        size = r.uniform(0.2, 160.0)
        build.append(f"ℹ .nuxt/dist/client/_nuxt/{n}.{h}.{ext}".ljust(70) + f"{size:8.2f} kB │ gzip: {size / 3.1:7.2f} kB")
build += ["ℹ ✓ built in 4.81s", "✔ Client built in 4824ms", "ℹ Building server...",
          "ℹ vite v5.3.5 building SSR bundle for production...", "ℹ transforming...",
          "ℹ ✓ 171 modules transformed.", "ℹ rendering chunks..."]
for n in names[:18]:
    size = r.uniform(0.3, 60.0)
    build.append(f"ℹ .nuxt/dist/server/_nuxt/{n}-{''.join(r.choice('abcdef0123456789') for _ in range(8))}.mjs".ljust(70) + f"{size:8.2f} kB │ map: {size * 2.2:8.2f} kB")
build += ["ℹ ✓ built in 3.22s", "✔ Server built in 3241ms", "[nitro] ✔ Generated public .vercel/output/static",
          "[nitro] ℹ Building Nuxt Nitro server (preset: vercel)"]
for d in ["postgres/src", "drizzle-orm/postgres-js", "drizzle-orm/pg-core", "drizzle-orm", "@vue/shared",
          "@vue/runtime-core", "@vue/server-renderer", "@unhead/ssr", "devalue", "ufo", "h3", "ofetch",
          "destr", "cookie-es", "unenv", "hookable", "radix3", "defu", "pathe", "scule", "klona"]:
    build.append(f"[nitro]   ├─ node_modules/{d}/ ({r.randint(12, 900)} kB) ({r.randint(3, 220)} kB gzip)")
build += ["[nitro] ✔ Nuxt Nitro server built",
          "  ├─ .vercel/output/functions/__nitro.func/chunks/routes/api/recipes/_id_.get.mjs (3.21 kB) (1.2 kB gzip)",
          "  ├─ .vercel/output/functions/__nitro.func/chunks/routes/api/recipes/index.get.mjs (2.84 kB) (1.05 kB gzip)",
          "  ├─ .vercel/output/functions/__nitro.func/chunks/routes/api/recipes/index.post.mjs (3.77 kB) (1.39 kB gzip)",
          "  ├─ .vercel/output/functions/__nitro.func/chunks/routes/renderer.mjs (14.2 kB) (4.61 kB gzip)",
          "  └─ .vercel/output/functions/__nitro.func/index.mjs (88.4 kB) (21.9 kB gzip)",
          "Σ Total size: 2.31 MB (612 kB gzip)",
          "[nitro] ✔ You can deploy this build using `npx vercel deploy --prebuilt`"]
BUILD_OUT = "\n".join(build)

turns = [
    U("back on recipe-box. news: my VPS provider is shutting down the cheap plan, so I'm moving the app to "
      "Vercel. which means the sqlite file is out — serverless functions, read-only filesystem, no persistent "
      "disk. let's switch the db to Postgres on Neon (free tier is plenty)."),
    A("Makes sense — a file-based SQLite can't live on Vercel functions. Driver options with Drizzle:\n\n"
      "1. **postgres-js** (`postgres` package + `drizzle-orm/postgres-js`) against Neon's pooled connection "
      "string — a normal TCP Postgres driver, portable to any Postgres later.\n2. **Neon serverless driver** "
      "(`@neondatabase/serverless` + `drizzle-orm/neon-http`) — HTTP queries, lowest cold-start latency, but "
      "Neon-specific.\n3. **Turso** (libsql) — would keep the SQLite dialect and most of the schema as-is, but "
      "it's another vendor and you said Postgres.\n\nFor cold starts I'd lean to 2."),
    U("I'd rather postgres-js. I want to be able to move off Neon later without touching the driver, and the "
      "latency difference won't matter for 3 users."),
    T("Bash", "npm uninstall better-sqlite3 @types/better-sqlite3 && npm i postgres",
      '''
removed 38 packages, and audited 670 packages in 3s

added 1 package, and audited 671 packages in 2s

141 packages are looking for funding
  run `npm fund` for details

found 0 vulnerabilities'''),
    T("Edit", "server/db/schema.ts",
      '''@@ -1,27 +1,27 @@
-import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core'
-import { sql } from 'drizzle-orm'
+import { pgTable, serial, integer, text, timestamp, index } from 'drizzle-orm/pg-core'
 
-export const recipes = sqliteTable('recipes', {
-  id: integer('id').primaryKey({ autoIncrement: true }),
+export const recipes = pgTable('recipes', {
+  id: serial('id').primaryKey(),
   title: text('title').notNull(),
   servings: integer('servings').notNull().default(2),
   minutes: integer('minutes'),
   stepsMd: text('steps_md').notNull().default(''),
-  createdAt: integer('created_at', { mode: 'timestamp' }).notNull().default(sql`(unixepoch())`),
+  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
 })
 
-export const ingredients = sqliteTable('ingredients', {
-  id: integer('id').primaryKey({ autoIncrement: true }),
+export const ingredients = pgTable('ingredients', {
+  id: serial('id').primaryKey(),
   recipeId: integer('recipe_id').notNull().references(() => recipes.id, { onDelete: 'cascade' }),'''),
    T("Read", ".env", f'''# local dev
NUXT_DATABASE_URL={NEON_URL}
NUXT_SESSION_PASSWORD=dev-only-session-password-change-me-32chars'''),
    A("I'll wire the client through `runtimeConfig`: a `databaseUrl` key in `nuxt.config.ts`, which Nuxt fills "
      "from `NUXT_DATABASE_URL` at runtime (locally from `.env`, on Vercel from the project env vars)."),
    U("yes good, that's how I want it anyway — runtimeConfig for everything, never process.env directly in "
      "server code. the old db.ts had a process.env.DB_FILE, kill that."),
    T("Edit", "server/utils/db.ts",
      '''@@ -1,8 +1,7 @@
-import Database from 'better-sqlite3'
-import { drizzle } from 'drizzle-orm/better-sqlite3'
+import postgres from 'postgres'
+import { drizzle } from 'drizzle-orm/postgres-js'
 import * as schema from '../db/schema'
 
-const sqlite = new Database(process.env.DB_FILE ?? './data/recipes.db')
-sqlite.pragma('journal_mode = WAL')
-
-export const db = drizzle(sqlite, { schema })
+const { databaseUrl } = useRuntimeConfig()
+const client = postgres(databaseUrl, { max: 1 })
+export const db = drizzle(client, { schema })'''),
    T("Edit", "drizzle.config.ts",
      '''@@ -1,8 +1,8 @@
 import { defineConfig } from 'drizzle-kit'
 
 export default defineConfig({
-  dialect: 'sqlite',
+  dialect: 'postgresql',
   schema: './server/db/schema.ts',
   out: './drizzle',
-  dbCredentials: { url: './data/recipes.db' },
+  dbCredentials: { url: process.env.NUXT_DATABASE_URL! },
 })'''),
    T("Bash", "npx drizzle-kit generate",
      '''No config path provided, using default 'drizzle.config.ts'
Reading config file '/home/jonas/code/recipe-box/drizzle.config.ts'
Error: We've found snapshot of dialect "sqlite" in ./drizzle/meta/0002_snapshot.json, you can't generate migrations for "postgresql" on top of it.
    at validateWithReport (/home/jonas/code/recipe-box/node_modules/drizzle-kit/bin.cjs:18344:15)
    at preparePgMigrationSnapshots (/home/jonas/code/recipe-box/node_modules/drizzle-kit/bin.cjs:18501:22)
    at Object.handler (/home/jonas/code/recipe-box/node_modules/drizzle-kit/bin.cjs:83121:28)'''),
    A("drizzle-kit won't build Postgres migrations on top of the three SQLite migrations in `drizzle/` — "
      "the snapshots are dialect-specific, and the SQL in those files (`unixepoch()`, `AUTOINCREMENT`) "
      "wouldn't run on Postgres anyway. Since Neon is empty, the clean move is a fresh Postgres baseline: "
      "remove the old migration folder (it stays in git history) and generate `0000` again."),
    U("yeah do it, nothing to keep there"),
    T("Bash", "git rm -rq drizzle && npx drizzle-kit generate --name baseline",
      '''No config path provided, using default 'drizzle.config.ts'
Reading config file '/home/jonas/code/recipe-box/drizzle.config.ts'
3 tables
ingredients 5 columns 1 indexes 1 fks
recipe_tags 2 columns 0 indexes 2 fks
recipes 6 columns 0 indexes 0 fks

[✓] Your SQL migration file ➜ drizzle/0000_baseline.sql 🚀'''),
    T("Edit", "server/plugins/migrate.ts",
      '''@@ -1,7 +1,7 @@
-import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
+import { migrate } from 'drizzle-orm/postgres-js/migrator'
 import { db } from '../utils/db'
 
-export default defineNitroPlugin(() => {
-  migrate(db, { migrationsFolder: './drizzle' })
+export default defineNitroPlugin(async () => {
+  await migrate(db, { migrationsFolder: './drizzle' })
   console.info('[migrate] migrations applied')
 })'''),
    T("Bash", "npm run dev & sleep 8; curl -s localhost:3000/api/recipes | head -c 300; echo; curl -s localhost:3000/api/recipes/1",
      '''Nuxt 3.12.4 with Nitro 2.9.7
  ➜ Local:    http://localhost:3000/
✔ Nuxt Nitro server built in 901 ms
[migrate] migrations applied
[]
{"url":"/api/recipes/1","statusCode":500,"statusMessage":"","message":"prepared statement \\"f8k2zq1n0d\\" does not exist","stack":"<pre><span class=\\"stack internal\\">at ErrorResponse (node_modules/postgres/src/connection.js:788:26)</span>\\n<span class=\\"stack internal\\">at handle (node_modules/postgres/src/connection.js:474:6)</span>\\n<span class=\\"stack internal\\">at Socket.data (node_modules/postgres/src/connection.js:315:9)</span></pre>"}'''),
    A("`prepared statement \"...\" does not exist` comes from Neon's *pooled* endpoint (the `-pooler` host): "
      "it's PgBouncer in transaction mode, so consecutive statements can land on different server "
      "connections. postgres-js prepares statements by default — it prepares on one backend and then executes "
      "on another, where that statement was never prepared. With a transaction-mode pooler you have to turn "
      "prepared statements off in postgres-js: `prepare: false`. (The list endpoint worked only because it "
      "happened to hit the same backend.)"),
    T("Edit", "server/utils/db.ts",
      '''@@ -5,3 +5,3 @@ import * as schema from '../db/schema'
 const { databaseUrl } = useRuntimeConfig()
-const client = postgres(databaseUrl, { max: 1 })
+const client = postgres(databaseUrl, { max: 1, prepare: false })
 export const db = drizzle(client, { schema })'''),
    T("Bash", "for i in 1 2 3 4 5; do curl -s -o /dev/null -w '%{http_code} ' localhost:3000/api/recipes/1; done; echo; curl -s -X POST localhost:3000/api/recipes -H 'content-type: application/json' -d '{\"title\":\"Leek gratin\",\"servings\":4}'",
      '''404 404 404 404 404
{"id":1,"title":"Leek gratin","servings":4,"minutes":null,"stepsMd":"","createdAt":"2024-11-25T16:02:51.118Z"}'''),
    A("Stable now — 404 is expected since Neon is empty, and the insert works. Next the Vercel build: Nitro "
      "can auto-detect Vercel in their CI, but I'd rather pin the preset in `nuxt.config.ts` so a local build "
      "produces the same `.vercel/output` and can be deployed with `--prebuilt`."),
    U("👍"),
    T("Edit", "nuxt.config.ts",
      '''@@ -1,8 +1,12 @@
 export default defineNuxtConfig({
   compatibilityDate: '2024-07-30',
   devtools: { enabled: true },
+  nitro: { preset: 'vercel' },
+  runtimeConfig: {
+    databaseUrl: '',
+  },
 })'''),
    T("Bash", "npx nuxi build --preset=vercel", BUILD_OUT),
    U("great. last thing: the ~140 recipes in data/recipes.db on the old VPS need to go into Neon. I'll write a "
      "little script for that tomorrow, leave a note so I don't forget. and thanks!"),
    A("Noted as an open item: copy the existing recipes/ingredients from the old SQLite `data/recipes.db` into "
      "Neon with a one-off script (`created_at` needs converting from unix seconds to timestamptz). Summary of "
      "today: SQLite/better-sqlite3 replaced by Postgres on Neon via postgres-js, URL from runtimeConfig, fresh "
      "Postgres migration baseline, `prepare: false` for the pooler, Nitro preset pinned to Vercel."),
]

sess = {
    "id": "h17_nuxt_drizzle_b",
    "project": "recipe-box",
    "cwd_files": ["nuxt.config.ts", "drizzle.config.ts", "server/db/schema.ts", "server/utils/db.ts",
                  "server/plugins/migrate.ts", "drizzle/0000_baseline.sql", ".env"],
    "turns": turns,
    "gold": [
        G("DECISION", "DB moved from SQLite to Postgres on Neon via postgres-js (Vercel has no persistent disk)",
          ["postgres"], ["neon", "postgres-js", "sqlite", "vercel"], ["server/utils/db.ts"]),
        G("DECISION", "deploy on Vercel, nitro preset 'vercel' pinned in nuxt.config.ts",
          ["vercel"], ["preset", "nitro", "deploy", "nuxt.config"], ["nuxt.config.ts"]),
        G("PATTERN", "config through runtimeConfig (NUXT_DATABASE_URL), never process.env in server code",
          ["runtimeconfig"], ["process.env", "never", "databaseurl", "nuxt_database_url", "env"]),
        G("FAILED", "drizzle-kit generate on top of the SQLite migrations failed (dialect snapshot) -> fresh pg baseline",
          ["drizzle-kit"], ["sqlite", "snapshot", "dialect", "baseline"], failure=True),
        G("BUG_FIX", "'prepared statement does not exist' on Neon pooler (PgBouncer) -> postgres-js prepare: false",
          ["prepare"], ["false", "pooler", "pgbouncer", "prepared statement", "neon"], ["server/utils/db.ts"]),
        G("TODO", "one-off script to copy ~140 recipes from old SQLite data/recipes.db into Neon",
          ["sqlite"], ["copy", "script", "recipes", "140", "import"]),
    ],
    "dead_ends": [
        D("Turso/libsql to keep the SQLite dialect (listed, not chosen)", ["turso"]),
        D("Neon serverless driver neon-http (recommended, user declined)", ["neon-http"]),
    ],
    "secrets": [NEON_PASS, NEON_URL],
    "supersedes": [
        {"old_session": "h17_nuxt_drizzle_a", "old_all_of": ["sqlite"], "new_all_of": ["postgres"]},
    ],
}

if __name__ == "__main__":
    write(sess)
