import random
from _common import U, A, T, G, write

rnd = random.Random(1307)

PKG = '''{
  "name": "ledgerly",
  "private": true,
  "sideEffects": false,
  "type": "module",
  "scripts": {
    "build": "remix vite:build",
    "dev": "remix vite:dev",
    "lint": "eslint --ignore-path .gitignore --cache --cache-location ./node_modules/.cache/eslint .",
    "start": "remix-serve ./build/server/index.js",
    "typecheck": "tsc",
    "test": "vitest run",
    "db:migrate": "prisma migrate dev",
    "db:seed": "tsx prisma/seed.ts"
  },
  "dependencies": {
    "@prisma/client": "^5.14.0",
    "@remix-run/node": "^2.9.2",
    "@remix-run/react": "^2.9.2",
    "@remix-run/serve": "^2.9.2",
    "isbot": "^4.1.0",
    "react": "^18.2.0",
    "react-dom": "^18.2.0",
    "zod": "^3.23.8"
  },
  "devDependencies": {
    "@remix-run/dev": "^2.9.2",
    "@types/react": "^18.2.20",
    "@types/react-dom": "^18.2.7",
    "eslint": "^8.38.0",
    "prisma": "^5.14.0",
    "tsx": "^4.10.2",
    "typescript": "^5.1.6",
    "vite": "^5.1.0",
    "vite-tsconfig-paths": "^4.2.1",
    "vitest": "^1.6.0"
  },
  "engines": {
    "node": ">=20.0.0"
  }
}'''

QUERIES = [
    'SELECT "public"."Invoice"."id", "public"."Invoice"."number", "public"."Invoice"."customerId", "public"."Invoice"."status", "public"."Invoice"."issuedAt", "public"."Invoice"."dueAt", "public"."Invoice"."total", "public"."Invoice"."createdAt" FROM "public"."Invoice" WHERE "public"."Invoice"."orgId" = $1 ORDER BY "public"."Invoice"."issuedAt" DESC LIMIT $2 OFFSET $3',
    'SELECT "public"."Customer"."id", "public"."Customer"."name", "public"."Customer"."email" FROM "public"."Customer" WHERE "public"."Customer"."id" IN ($1,$2,$3,$4,$5,$6,$7,$8) OFFSET $9',
    'SELECT "public"."Invoice"."id", "public"."Invoice"."number", "public"."Invoice"."status", "public"."Invoice"."total" FROM "public"."Invoice" WHERE ("public"."Invoice"."id" = $1 AND 1=1) LIMIT $2 OFFSET $3',
    'SELECT "public"."LineItem"."id", "public"."LineItem"."invoiceId", "public"."LineItem"."description", "public"."LineItem"."quantity", "public"."LineItem"."unitPrice", "public"."LineItem"."position" FROM "public"."LineItem" WHERE "public"."LineItem"."invoiceId" IN ($1) ORDER BY "public"."LineItem"."position" ASC OFFSET $2',
    'SELECT "public"."User"."id", "public"."User"."email", "public"."User"."orgId", "public"."User"."role" FROM "public"."User" WHERE ("public"."User"."id" = $1 AND 1=1) LIMIT $2 OFFSET $3',
    'SELECT COUNT(*) AS "_count._all" FROM (SELECT "public"."Invoice"."id" FROM "public"."Invoice" WHERE "public"."Invoice"."orgId" = $1 OFFSET $2) AS "sub"',
    'UPDATE "public"."Invoice" SET "status" = $1, "updatedAt" = $2 WHERE ("public"."Invoice"."id" = $3 AND 1=1) RETURNING "public"."Invoice"."id", "public"."Invoice"."status"',
]
ROUTES = ["/invoices", "/invoices/inv_8k2d", "/invoices/inv_8k2d/edit", "/customers", "/invoices?page=2", "/dashboard"]
FILES = ["app/routes/invoices.$id.tsx", "app/routes/invoices.$id.edit.tsx", "app/components/LineItemsTable.tsx",
         "app/routes/invoices._index.tsx", "app/lib/money.ts", "app/components/InvoiceTotals.tsx"]


def dev_log():
    out = ["> ledgerly@0.0.0 dev", "> remix vite:dev", "",
           "  \u279c  Local:   http://localhost:5173/", "  \u279c  Network: use --host to expose",
           "  \u279c  press h + enter to show help",
           "prisma:info Starting a postgresql pool with 9 connections."]
    h, m, s = 10, 14, 2
    pools = 1
    for cycle in range(14):
        for _ in range(rnd.randint(3, 5)):
            route = rnd.choice(ROUTES)
            for q in rnd.sample(QUERIES, rnd.randint(2, 4)):
                out.append(f"prisma:query {q}")
            out.append(f"GET {route} 200 - - {rnd.uniform(18, 140):.3f} ms")
        s += rnd.randint(20, 50)
        m += s // 60
        s %= 60
        f = rnd.choice(FILES)
        out.append(f"{h}:{m:02d}:{s:02d} AM [vite] hmr update /{f}")
        if "money" in f or "$id" in f:
            out.append(f"{h}:{m:02d}:{s:02d} AM [vite] page reload {f}")
        out.append("prisma:info Starting a postgresql pool with 9 connections.")
        pools += 1
        if pools == 11:
            out.append("prisma:warn In this environment, Prisma Client was instantiated more than 10 times. This might lead to too many open connections.")
    out += [
        "prisma:error ",
        "Invalid `prisma.invoice.findMany()` invocation in",
        "/home/dmitri/src/ledgerly/app/routes/invoices._index.tsx:21:34",
        "",
        "  18 export async function loader({ request }: LoaderFunctionArgs) {",
        "  19   const user = await requireUser(request);",
        "  20   const page = Number(new URL(request.url).searchParams.get(\"page\") ?? 1);",
        "\u2192 21   const invoices = await db.invoice.findMany(",
        "Error querying the database: FATAL: sorry, too many clients already",
        "PrismaClientUnknownRequestError: ",
        "Invalid `prisma.invoice.findMany()` invocation in",
        "/home/dmitri/src/ledgerly/app/routes/invoices._index.tsx:21:34",
        "Error querying the database: FATAL: sorry, too many clients already",
        "    at _n.handleRequestError (/home/dmitri/src/ledgerly/node_modules/@prisma/client/runtime/library.js:121:7749)",
        "    at _n.handleAndLogRequestError (/home/dmitri/src/ledgerly/node_modules/@prisma/client/runtime/library.js:121:7057)",
        "    at _n.request (/home/dmitri/src/ledgerly/node_modules/@prisma/client/runtime/library.js:121:6741)",
        "    at async l (/home/dmitri/src/ledgerly/node_modules/@prisma/client/runtime/library.js:130:9355)",
        "    at async loader (/home/dmitri/src/ledgerly/app/routes/invoices._index.tsx:21:20)",
        "    at async Object.callRouteLoader (/home/dmitri/src/ledgerly/node_modules/@remix-run/server-runtime/dist/data.js:59:16)",
        "    at async /home/dmitri/src/ledgerly/node_modules/@remix-run/router/dist/router.cjs.js:4697:19",
        "    at async callLoaderOrAction (/home/dmitri/src/ledgerly/node_modules/@remix-run/router/dist/router.cjs.js:4762:16)",
        "    at async Promise.all (index 1)",
        "    at async callDataStrategyImpl (/home/dmitri/src/ledgerly/node_modules/@remix-run/router/dist/router.cjs.js:4637:17) {",
        "  clientVersion: '5.14.0'",
        "}",
        "GET /invoices 500 - - 12.804 ms",
    ]
    return "\n".join(out)


DB_OLD = '''import { PrismaClient } from "@prisma/client";

export const db = new PrismaClient({
  log: ["query", "info", "warn", "error"],
});'''

ENV = '''DATABASE_URL="postgresql://ledgerly:h8Tq2wZc5RbN@localhost:5432/ledgerly?schema=public"
SESSION_SECRET="ldg-sess-7f3a91c04be26d58"
SMTP_HOST="localhost"
SMTP_PORT=1025'''

MONEY_OLD = '''import type { LineItem } from "@prisma/client";

export function lineTotal(item: Pick<LineItem, "quantity" | "unitPrice">): number {
  return item.quantity * item.unitPrice;
}

export function invoiceTotal(items: Pick<LineItem, "quantity" | "unitPrice">[]): number {
  const raw = items.reduce((sum, it) => sum + lineTotal(it), 0);
  return Math.round(raw * 100) / 100;
}

export function formatMoney(amount: number, currency = "EUR"): string {
  return new Intl.NumberFormat("de-DE", { style: "currency", currency }).format(amount);
}'''

SCHEMA_OLD = '''generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Org {
  id        String     @id @default(cuid())
  name      String
  users     User[]
  customers Customer[]
  invoices  Invoice[]
}

model User {
  id           String @id @default(cuid())
  email        String @unique
  passwordHash String
  role         String @default("member")
  org          Org    @relation(fields: [orgId], references: [id])
  orgId        String
}

model Customer {
  id       String    @id @default(cuid())
  name     String
  email    String?
  org      Org       @relation(fields: [orgId], references: [id])
  orgId    String
  invoices Invoice[]
}

model Invoice {
  id         String     @id @default(cuid())
  number     String
  status     String     @default("draft")
  issuedAt   DateTime   @default(now())
  dueAt      DateTime?
  total      Float      @default(0)
  customer   Customer   @relation(fields: [customerId], references: [id])
  customerId String
  org        Org        @relation(fields: [orgId], references: [id])
  orgId      String
  lineItems  LineItem[]
  createdAt  DateTime   @default(now())
  updatedAt  DateTime   @updatedAt

  @@unique([orgId, number])
}

model LineItem {
  id          String  @id @default(cuid())
  invoice     Invoice @relation(fields: [invoiceId], references: [id], onDelete: Cascade)
  invoiceId   String
  description String
  quantity    Int
  unitPrice   Float
  position    Int
}'''

MIGRATE_CREATE = '''Environment variables loaded from .env
Prisma schema loaded from prisma/schema.prisma
Datasource "db": PostgreSQL database "ledgerly", schema "public" at "localhost:5432"

\u26a0\ufe0f  Warnings for the current datasource:

  \u2022 You are about to drop the column `total` on the `Invoice` table, which still contains 412 non-null values.
  \u2022 You are about to drop the column `unitPrice` on the `LineItem` table, which still contains 1873 non-null values.
  \u2022 Added the required column `unitPriceCents` to the `LineItem` table without a default value. There are 1873 rows in this table, it is not possible to execute this step.

\u2714 Are you sure you want to create this migration? \u2026 yes
Prisma Migrate created the following migration without applying it 20261125094112_money_to_cents

You can now edit it and apply it by running prisma migrate dev.'''

MIGRATION_SQL = '''-- money_to_cents: Float euros -> Int cents, data preserved
ALTER TABLE "Invoice" ADD COLUMN "totalCents" INTEGER NOT NULL DEFAULT 0;
UPDATE "Invoice" SET "totalCents" = ROUND("total"::numeric * 100)::integer;
ALTER TABLE "Invoice" DROP COLUMN "total";

ALTER TABLE "LineItem" ADD COLUMN "unitPriceCents" INTEGER;
UPDATE "LineItem" SET "unitPriceCents" = ROUND("unitPrice"::numeric * 100)::integer;
ALTER TABLE "LineItem" ALTER COLUMN "unitPriceCents" SET NOT NULL;
ALTER TABLE "LineItem" DROP COLUMN "unitPrice";'''

TSC = '''app/components/InvoiceTotals.tsx:14:37 - error TS2339: Property 'total' does not exist on type 'SerializeFrom<Invoice>'.

14   const formatted = formatMoney(invoice.total);
                                       ~~~~~

app/components/LineItemsTable.tsx:22:44 - error TS2339: Property 'unitPrice' does not exist on type '{ id: string; invoiceId: string; description: string; quantity: number; unitPriceCents: number; position: number; }'.

22           <td className="num">{formatMoney(item.unitPrice)}</td>
                                              ~~~~~~~~~

app/components/LineItemsTable.tsx:23:57 - error TS2345: Argument of type '{ id: string; quantity: number; unitPriceCents: number; }' is not assignable to parameter of type 'Pick<{ ...; }, "quantity" | "unitPrice">'.

23           <td className="num">{formatMoney(lineTotal(item))}</td>
                                                           ~~~~

app/routes/invoices.$id.edit.tsx:48:11 - error TS2353: Object literal may only specify known properties, and 'unitPrice' does not exist in type 'LineItemCreateWithoutInvoiceInput'.

48           unitPrice: Number(form.get(`items.${i}.unitPrice`)),
             ~~~~~~~~~

app/routes/invoices.$id.edit.tsx:61:9 - error TS2353: Object literal may only specify known properties, and 'total' does not exist in type 'InvoiceUpdateInput'.

61         total: invoiceTotal(items),
           ~~~~~

app/routes/dashboard.tsx:30:52 - error TS2339: Property 'total' does not exist on type '{ id: string; status: string; total: ... }'.

30     .reduce((s, inv) => s + inv.total, 0);
                                      ~~~~~

prisma/seed.ts:41:9 - error TS2353: Object literal may only specify known properties, and 'unitPrice' does not exist in type 'LineItemCreateManyInvoiceInput'.

41         unitPrice: rnd(5, 400),
           ~~~~~~~~~


Found 7 errors in 5 files.

Errors  Files
     1  app/components/InvoiceTotals.tsx:14
     2  app/components/LineItemsTable.tsx:22
     2  app/routes/invoices.$id.edit.tsx:48
     1  app/routes/dashboard.tsx:30
     1  prisma/seed.ts:41'''

VITEST = '''
 RUN  v1.6.0 /home/dmitri/src/ledgerly

 \u2713 app/lib/money.test.ts (9)
   \u2713 parseToCents (4)
     \u2713 parses "12,50" as 1250
     \u2713 parses "0.1" as 10
     \u2713 rejects "abc"
     \u2713 rejects more than two decimals
   \u2713 invoiceTotalCents (3)
     \u2713 sums quantity * unitPriceCents
     \u2713 0.1 + 0.2 case stays exact
     \u2713 empty invoice is 0
   \u2713 formatCents (2)
     \u2713 formats 123456 as 1.234,56 \u20ac
     \u2713 formats negative credit notes
 \u2713 app/lib/invoice-number.test.ts (4)
 \u2713 app/lib/validation.test.ts (6)

 Test Files  3 passed (3)
      Tests  19 passed (19)
   Start at  09:52:40
   Duration  612ms (transform 88ms, setup 0ms, collect 141ms, tests 22ms, environment 0ms, prepare 301ms)
'''

session = {
    "id": "ledgerly_remix",
    "project": "ledgerly",
    "cwd_files": ["package.json", "app/db.server.ts", "app/lib/money.ts", "prisma/schema.prisma",
                  "app/routes/invoices._index.tsx", "app/routes/invoices.$id.edit.tsx", "app/models/invoice.server.ts"],
    "turns": [
        U("remix dev keeps dying after a while. 'too many clients'. fix"),
        A("Looking at it. First the setup and the dev log."),
        T("Read", "package.json", PKG),
        T("Bash", "npm run dev 2>&1 | tee /tmp/dev.log  # reproduced by editing a few route files, then Ctrl-C", dev_log()),
        T("Read", "app/db.server.ts", DB_OLD),
        T("Bash", "cat .env", ENV),
        A("The log shows the cause: every `[vite] hmr update` is followed by `prisma:info Starting a postgresql pool with 9 "
          "connections.` In dev, Vite re-evaluates `app/db.server.ts` whenever a module that imports it changes, so each "
          "reload runs `new PrismaClient()` again and opens a new pool (9 connections = cores*2+1), while the old clients are "
          "never disconnected. After ~11 reloads you're past Postgres's `max_connections = 100` and get `FATAL: sorry, too "
          "many clients already`. Prisma even warns about it (`instantiated more than 10 times`).\n\n"
          "Fix: keep one client across reloads by caching it on `globalThis` in development. (Putting pgbouncer in front "
          "locally would also hide it, but that's more moving parts for a dev-only problem.)"),
        T("Edit", "app/db.server.ts",
          "@@ -1,5 +1,17 @@\n import { PrismaClient } from \"@prisma/client\";\n \n-export const db = new PrismaClient({\n-  log: [\"query\", \"info\", \"warn\", \"error\"],\n-});\n+// Vite re-evaluates this module on HMR; without the global cache every reload\n+// opened a new 9-connection pool until Postgres said \"too many clients\".\n+declare global {\n+  // eslint-disable-next-line no-var\n+  var __db: PrismaClient | undefined;\n+}\n+\n+function create() {\n+  return new PrismaClient({ log: [\"query\", \"info\", \"warn\", \"error\"] });\n+}\n+\n+export const db = globalThis.__db ?? create();\n+if (process.env.NODE_ENV !== \"production\") globalThis.__db = db;\n"),
        T("Bash", "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do touch app/routes/invoices._index.tsx; sleep 2; curl -s -o /dev/null -w '%{http_code} ' localhost:5173/invoices; done; echo; psql \"$DATABASE_URL\" -Atc \"select count(*) from pg_stat_activity where datname='ledgerly'\"",
          "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 \n10"),
        A("15 reloads, every request 200, and the database sits at 10 connections (one pool + psql)."),
        U("ok. query logging off too, too noisy"),
        T("Edit", "app/db.server.ts",
          "@@ -9,7 +9,7 @@ declare global {\n function create() {\n-  return new PrismaClient({ log: [\"query\", \"info\", \"warn\", \"error\"] });\n+  return new PrismaClient({ log: [\"warn\", \"error\"] });\n }\n"),
        U("next. invoice totals off by a cent sometimes. app/lib/money.ts"),
        T("Read", "app/lib/money.ts", MONEY_OLD),
        T("Read", "prisma/schema.prisma", SCHEMA_OLD),
        A("Money is stored as `Float` (`Invoice.total`, `LineItem.unitPrice`) and summed in JS doubles, so e.g. "
          "3 \u00d7 19.99 + 0.1 accumulates binary error and the final `Math.round(raw*100)/100` sometimes rounds the "
          "wrong way. Two standard fixes:\n\n1. `Decimal` columns (Prisma returns `Prisma.Decimal` / decimal.js objects); exact, "
          "but they don't survive `json()` in loaders as numbers, you get strings on the client.\n"
          "2. Integer cents (`Int`), format only at the edge.\n\nWhich one do you want?"),
        U("cents. Int. we tried Decimal last month on the quotes branch, useLoaderData gave back strings and half the components "
          "did string concat, \"1.50\" + 2 = \"1.502\". dropped it. amountCents Int everywhere, suffix Cents on every money column"),
        T("Edit", "prisma/schema.prisma",
          "@@ -39,7 +39,7 @@ model Invoice {\n   dueAt      DateTime?\n-  total      Float      @default(0)\n+  totalCents Int        @default(0)\n   customer   Customer   @relation(fields: [customerId], references: [id])\n@@ -58,6 +58,6 @@ model LineItem {\n   description String\n   quantity    Int\n-  unitPrice   Float\n+  unitPriceCents Int\n   position    Int\n }\n"),
        T("Bash", "npx prisma migrate dev --create-only --name money_to_cents", MIGRATE_CREATE),
        A("Prisma's generated SQL would drop the old columns and lose the data, so I'm rewriting the migration to add the "
          "cents columns, convert with `ROUND(x::numeric * 100)`, then drop the float columns."),
        T("Edit", "prisma/migrations/20261125094112_money_to_cents/migration.sql", MIGRATION_SQL),
        T("Bash", "npx prisma migrate dev",
          "Environment variables loaded from .env\nPrisma schema loaded from prisma/schema.prisma\nDatasource \"db\": PostgreSQL database \"ledgerly\", schema \"public\" at \"localhost:5432\"\n\n"
          "Applying migration `20261125094112_money_to_cents`\n\nThe following migration(s) have been applied:\n\nmigrations/\n  \u2514\u2500 20261125094112_money_to_cents/\n    \u2514\u2500 migration.sql\n\n"
          "Your database is now in sync with your schema.\n\n\u2714 Generated Prisma Client (v5.14.0) to ./node_modules/@prisma/client in 97ms"),
        T("Edit", "app/lib/money.ts",
          "@@ -1,17 +1,34 @@\n import type { LineItem } from \"@prisma/client\";\n \n-export function lineTotal(item: Pick<LineItem, \"quantity\" | \"unitPrice\">): number {\n-  return item.quantity * item.unitPrice;\n+// All money is integer cents. Convert only at the edges (form input, display).\n+export function lineTotalCents(item: Pick<LineItem, \"quantity\" | \"unitPriceCents\">): number {\n+  return item.quantity * item.unitPriceCents;\n }\n \n-export function invoiceTotal(items: Pick<LineItem, \"quantity\" | \"unitPrice\">[]): number {\n-  const raw = items.reduce((sum, it) => sum + lineTotal(it), 0);\n-  return Math.round(raw * 100) / 100;\n+export function invoiceTotalCents(items: Pick<LineItem, \"quantity\" | \"unitPriceCents\">[]): number {\n+  return items.reduce((sum, it) => sum + lineTotalCents(it), 0);\n }\n \n-export function formatMoney(amount: number, currency = \"EUR\"): string {\n-  return new Intl.NumberFormat(\"de-DE\", { style: \"currency\", currency }).format(amount);\n+export function parseToCents(input: string): number {\n+  const m = input.trim().replace(\",\", \".\").match(/^(-?\\d+)(?:\\.(\\d{1,2}))?$/);\n+  if (!m) throw new Error(`invalid amount: ${input}`);\n+  const frac = (m[2] ?? \"\").padEnd(2, \"0\");\n+  const sign = m[1].startsWith(\"-\") ? -1 : 1;\n+  return sign * (Math.abs(Number(m[1])) * 100 + Number(frac));\n+}\n+\n+export function formatCents(cents: number, currency = \"EUR\"): string {\n+  return new Intl.NumberFormat(\"de-DE\", { style: \"currency\", currency }).format(cents / 100);\n }\n"),
        T("Bash", "npx tsc --noEmit", TSC),
        T("Edit", "app/components/InvoiceTotals.tsx", "@@ -14 +14 @@\n-  const formatted = formatMoney(invoice.total);\n+  const formatted = formatCents(invoice.totalCents);\n"),
        T("Edit", "app/components/LineItemsTable.tsx", "@@ -22,2 +22,2 @@\n-          <td className=\"num\">{formatMoney(item.unitPrice)}</td>\n-          <td className=\"num\">{formatMoney(lineTotal(item))}</td>\n+          <td className=\"num\">{formatCents(item.unitPriceCents)}</td>\n+          <td className=\"num\">{formatCents(lineTotalCents(item))}</td>\n"),
        T("Edit", "app/routes/invoices.$id.edit.tsx", "@@ -48 +48 @@\n-          unitPrice: Number(form.get(`items.${i}.unitPrice`)),\n+          unitPriceCents: parseToCents(String(form.get(`items.${i}.unitPrice`))),\n@@ -61 +61 @@\n-        total: invoiceTotal(items),\n+        totalCents: invoiceTotalCents(items),\n"),
        T("Edit", "app/routes/dashboard.tsx", "@@ -30 +30 @@\n-    .reduce((s, inv) => s + inv.total, 0);\n+    .reduce((s, inv) => s + inv.totalCents, 0);\n"),
        T("Edit", "prisma/seed.ts", "@@ -41 +41 @@\n-        unitPrice: rnd(5, 400),\n+        unitPriceCents: rnd(500, 40000),\n"),
        T("Bash", "npx tsc --noEmit && npx vitest run", VITEST),
        A("Typecheck clean, 19 tests pass (added `money.test.ts` cases incl. the 0.1 + 0.2 case). Existing rows were converted "
          "in the migration, so nothing is lost."),
        U("rule for later: prisma only in app/models/*.server.ts. routes call those, no db import in route files. check"),
        T("Bash", "grep -rn \"from ~/db.server\\|from \\\"~/db.server\\\"\" app/routes",
          "app/routes/invoices._index.tsx:4:import { db } from \"~/db.server\";\napp/routes/invoices.$id.edit.tsx:6:import { db } from \"~/db.server\";"),
        T("Edit", "app/models/invoice.server.ts",
          "@@ -1,3 +1,38 @@\n import { db } from \"~/db.server\";\n+\n+export function listInvoices(orgId: string, page: number, pageSize = 25) {\n+  return db.invoice.findMany({\n+    where: { orgId },\n+    orderBy: { issuedAt: \"desc\" },\n+    skip: (page - 1) * pageSize,\n+    take: pageSize,\n+    include: { customer: { select: { id: true, name: true } } },\n+  });\n+}\n+\n+export function updateInvoiceLines(id: string, items: LineInput[]) {\n+  return db.invoice.update({\n+    where: { id },\n+    data: {\n+      totalCents: invoiceTotalCents(items),\n+      lineItems: { deleteMany: {}, create: items },\n+    },\n+  });\n+}\n"),
        T("Edit", "app/routes/invoices._index.tsx", "@@ -4 +4 @@\n-import { db } from \"~/db.server\";\n+import { listInvoices } from \"~/models/invoice.server\";\n@@ -21,5 +21 @@\n-  const invoices = await db.invoice.findMany({\n-    where: { orgId: user.orgId }, orderBy: { issuedAt: \"desc\" },\n-    skip: (page - 1) * 25, take: 25, include: { customer: { select: { id: true, name: true } } },\n-  });\n+  const invoices = await listInvoices(user.orgId, page);\n"),
        T("Edit", "app/routes/invoices.$id.edit.tsx", "@@ -6 +6 @@\n-import { db } from \"~/db.server\";\n+import { getInvoice, updateInvoiceLines } from \"~/models/invoice.server\";\n"),
        T("Bash", "npx tsc --noEmit && npx vitest run 2>&1 | tail -4 && grep -rn 'db.server' app/routes | wc -l",
          "      Tests  19 passed (19)\n   Start at  10:03:11\n   Duration  598ms (transform 84ms, setup 0ms, collect 139ms, tests 21ms, environment 0ms, prepare 297ms)\n0"),
        A("Done: both routes now go through `app/models/invoice.server.ts`; no route imports `db.server` anymore."),
        U("good. CI later: prisma migrate diff to catch schema drift. not now. thx"),
        A("Noted, left for later. Changes today: Prisma client cached on `globalThis` in dev, query logging off, money moved to "
          "integer cents (migration `money_to_cents`), DB access moved into `app/models/*.server.ts`."),
    ],
    "gold": [
        G("PROJECT", "ledgerly: Remix (Vite) + Prisma on PostgreSQL", ["prisma"], ["remix", "postgres"]),
        G("BUG_FIX", "dev 'too many clients': Vite HMR re-created PrismaClient (new pool) on each reload -> cached on globalThis in app/db.server.ts",
          ["client"], ["globalThis", "global", "singleton", "hmr", "reload", "cache"], ["app/db.server.ts"]),
        G("DECISION", "money stored as integer cents (Int, *Cents columns) instead of Float, to fix off-by-a-cent totals",
          ["cents"], ["int", "integer", "float", "money", "total"], ["prisma/schema.prisma", "app/lib/money.ts"]),
        G("FAILED", "Prisma Decimal tried on quotes branch: loaders serialised it to strings, string concatenation bugs -> dropped",
          ["decimal"], ["string", "loader", "serializ", "serialis", "concat", "dropped"], failure=True),
        G("PATTERN", "Prisma/db access only in app/models/*.server.ts; route files never import db.server",
          [".server"], ["prisma", "db", "models", "route"], ["app/models/invoice.server.ts"]),
        G("TODO", "CI step running prisma migrate diff to catch schema drift", ["migrate diff"], ["ci", "drift", "schema"]),
    ],
    "dead_ends": [
        {"summary": "pgbouncer in front of local Postgres (mentioned, not done)", "all_of": ["pgbouncer"]},
    ],
    "secrets": ["h8Tq2wZc5RbN", "ldg-sess-7f3a91c04be26d58"],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
