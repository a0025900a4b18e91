from _common import U, A, T, write

DENO_JSON = '''{
  "name": "linkshelf",
  "nodeModulesDir": "auto",
  "tasks": {
    "check": "deno fmt --check && deno lint && deno check **/*.ts && deno check **/*.tsx",
    "dev": "deno run -A --watch=static/,routes/ --unstable-kv dev.ts",
    "build": "deno run -A --unstable-kv dev.ts build",
    "start": "deno run -A --unstable-kv main.ts",
    "test": "deno test -A --unstable-kv",
    "update": "deno run -A -r jsr:@fresh/update ."
  },
  "imports": {
    "fresh": "jsr:@fresh/core@^2.0.0-alpha.29",
    "@fresh/plugin-tailwind": "jsr:@fresh/plugin-tailwind@^0.0.1-alpha.7",
    "preact": "npm:preact@^10.25.1",
    "@preact/signals": "npm:@preact/signals@^1.3.0",
    "@std/assert": "jsr:@std/assert@^1.0.8",
    "@std/http": "jsr:@std/http@^1.0.11",
    "@std/ulid": "jsr:@std/ulid@^1.0.0",
    "@std/html": "jsr:@std/html@^1.0.3",
    "tailwindcss": "npm:tailwindcss@^3.4.15"
  },
  "compilerOptions": { "lib": ["dom", "dom.asynciterable", "deno.ns", "deno.unstable"], "jsx": "precompile", "jsxImportSource": "preact" },
  "lint": { "rules": { "tags": ["fresh", "recommended"] } },
  "exclude": ["**/_fresh/*"]
}'''

LINKS_TS_OLD = '''import { ulid } from "@std/ulid";
import { kv } from "./kv.ts";

export interface Link {
  id: string;
  userId: string;
  url: string;
  title: string;
  description: string;
  tags: string[];
  snapshotHtml?: string;
  createdAt: number;
}

export async function saveLink(input: Omit<Link, "id" | "createdAt">): Promise<Link> {
  const link: Link = { ...input, id: ulid(), createdAt: Date.now() };
  const res = await kv.set(["links", link.userId, link.id], link);
  if (!res.ok) throw new Error("kv set failed");
  return link;
}
'''

FETCH_META = '''export async function fetchMeta(url: string) {
  const res = await fetch(url, { headers: { "user-agent": "linkshelf/0.2 (+https://linkshelf.deno.dev)" } });
  const html = await res.text();
  const title = html.match(/<title[^>]*>([^<]*)<\\/title>/i)?.[1]?.trim() ?? url;
  const description = html.match(/<meta\\s+name="description"\\s+content="([^"]*)"/i)?.[1] ?? "";
  return { title, description, snapshotHtml: html };
}
'''

TEST_FAIL = '''running 4 tests from ./tests/links_test.ts
saveLink stores a link under [links, user, id] ... ok (14ms)
saveLink keeps tags ... ok (3ms)
POST /api/links fetches title ... ok (212ms)
POST /api/links with a big page ... FAILED (688ms)

 ERRORS 

POST /api/links with a big page => ./tests/links_test.ts:41:6
error: TypeError: Value too large (max 65536 bytes)
    at doAtomicWriteInPlace (ext:deno_kv/01_db.ts:667:10)
    at Kv.set (ext:deno_kv/01_db.ts:209:26)
    at saveLink (file:///home/dana/code/linkshelf/lib/links.ts:18:24)
    at eventLoopTick (ext:core/01_core.js:175:7)
    at async POST (file:///home/dana/code/linkshelf/routes/api/links.ts:22:18)
    at async file:///home/dana/code/linkshelf/tests/links_test.ts:47:15

 FAILURES 

POST /api/links with a big page => ./tests/links_test.ts:41:6

FAILED | 3 passed | 1 failed (1s)

error: Test failed
'''

def turns_a():
    return [
        U("Hi. linkshelf, my bookmarks app. Fresh 2 alpha on Deno 2.1, Deno KV, deployed on Deno Deploy. Today: tags and login. "
          "Also saving some links fails with a 500, I wrote a test that reproduces it, see tests/links_test.ts."),
        T("Read", "deno.json", DENO_JSON),
        T("Bash", "deno task test", TEST_FAIL),
        T("Read", "lib/links.ts", LINKS_TS_OLD),
        T("Read", "lib/meta.ts", FETCH_META),
        A("The failing case: `fetchMeta` returns the full page HTML as `snapshotHtml`, and `saveLink` stores it inside the link value. "
          "Deno KV limits a single value to 64 KiB (65536 bytes after serialization), so any page bigger than that, which is most "
          "news sites, throws `Value too large` and the handler 500s. Small pages work, which is why it's intermittent.\n\n"
          "Options: drop the snapshot entirely, or chunk it across several keys (`[\"snapshots\", id, 0..n]`), or put it in object "
          "storage. Is the snapshot used anywhere?"),
        U("Not used anywhere, it was a someday-maybe feature. Drop it. Keep title and description, truncate description to 300 chars."),
        T("Edit", "lib/meta.ts", "@@ -3,5 +3,5 @@ export async function fetchMeta(url: string) {\n   const html = await res.text();\n   const title = html.match(/<title[^>]*>([^<]*)<\\/title>/i)?.[1]?.trim() ?? url;\n-  const description = html.match(/<meta\\s+name=\"description\"\\s+content=\"([^\"]*)\"/i)?.[1] ?? \"\";\n-  return { title, description, snapshotHtml: html };\n+  const description = (html.match(/<meta\\s+name=\"description\"\\s+content=\"([^\"]*)\"/i)?.[1] ?? \"\").slice(0, 300);\n+  return { title: title.slice(0, 200), description }; // no HTML snapshot: KV values max 64 KiB\n }"),
        T("Edit", "lib/links.ts", "@@ -9,7 +9,6 @@ export interface Link {\n   description: string;\n   tags: string[];\n-  snapshotHtml?: string;\n   createdAt: number;\n }"),
        T("Bash", "deno task test", "running 4 tests from ./tests/links_test.ts\nsaveLink stores a link under [links, user, id] ... ok (12ms)\nsaveLink keeps tags ... ok (2ms)\nPOST /api/links fetches title ... ok (198ms)\nPOST /api/links with a big page ... ok (701ms)\n\nok | 4 passed | 0 failed (1s)\n"),
        U("Now tags. I need 'all links with tag X' for a user, fast. How do you want to lay out the keys?"),
        A("KV has no secondary indexes, so we maintain one ourselves:\n"
          "- primary: `[\"links\", userId, linkId]` -> Link\n"
          "- index: `[\"links_by_tag\", userId, tag, linkId]` -> linkId (small value)\n\n"
          "Both written in one `kv.atomic()` so the index never drifts; on edit we diff old/new tags and delete/add index keys in the "
          "same atomic op, with a `.check()` on the link's versionstamp so concurrent edits don't clobber each other. Link ids are "
          "ULIDs, so `kv.list({ prefix: [\"links_by_tag\", userId, tag] }, { reverse: true })` gives newest first for free."),
        U("Good. Do that."),
        T("Edit", "lib/links.ts",
          "@@ -14,10 +14,48 @@ export interface Link {\n export async function saveLink(input: Omit<Link, \"id\" | \"createdAt\">): Promise<Link> {\n   const link: Link = { ...input, id: ulid(), createdAt: Date.now() };\n-  const res = await kv.set([\"links\", link.userId, link.id], link);\n+  const op = kv.atomic()\n+    .check({ key: [\"links\", link.userId, link.id], versionstamp: null })\n+    .set([\"links\", link.userId, link.id], link);\n+  for (const tag of link.tags) op.set([\"links_by_tag\", link.userId, tag, link.id], link.id);\n+  const res = await op.commit();\n   if (!res.ok) throw new Error(\"kv set failed\");\n   return link;\n }\n+\n+export async function updateTags(userId: string, linkId: string, tags: string[]) {\n+  const cur = await kv.get<Link>([\"links\", userId, linkId]);\n+  if (!cur.value) throw new Deno.errors.NotFound(linkId);\n+  const old = new Set(cur.value.tags), next = new Set(tags);\n+  const op = kv.atomic().check(cur).set(cur.key, { ...cur.value, tags });\n+  for (const t of old) if (!next.has(t)) op.delete([\"links_by_tag\", userId, t, linkId]);\n+  for (const t of next) if (!old.has(t)) op.set([\"links_by_tag\", userId, t, linkId], linkId);\n+  if (!(await op.commit()).ok) throw new Error(\"conflict, retry\");\n+}\n+\n+export async function linksByTag(userId: string, tag: string, limit = 50) {\n+  const ids: string[] = [];\n+  for await (const e of kv.list<string>({ prefix: [\"links_by_tag\", userId, tag] }, { reverse: true, limit })) ids.push(e.value);\n+  const got = await kv.getMany<Link[]>(ids.map((id) => [\"links\", userId, id]));\n+  return got.map((g) => g.value).filter((l): l is Link => l !== null);\n+}"),
        T("Bash", "deno task test", "running 7 tests from ./tests/links_test.ts\nsaveLink stores a link under [links, user, id] ... ok (13ms)\nsaveLink keeps tags ... ok (3ms)\nsaveLink writes tag index ... ok (4ms)\nupdateTags moves index entries ... ok (6ms)\nlinksByTag newest first ... ok (5ms)\nPOST /api/links fetches title ... ok (204ms)\nPOST /api/links with a big page ... ok (688ms)\n\nok | 7 passed | 0 failed (1s)\n"),
        U("Login. GitHub OAuth. How do we keep the session?"),
        A("Two ways that fit:\n1. `jsr:@deno/kv-oauth`: handles the GitHub OAuth dance and stores sessions in KV for you.\n"
          "2. Do the OAuth callback ourselves (it's ~40 lines with GitHub) and store our own session record in KV: random session id "
          "in an HttpOnly cookie, `[\"sessions\", id] -> { userId, login, avatar }` with `expireIn` so KV deletes it automatically.\n\n"
          "Want me to go with kv-oauth?"),
        U("No library, it lagged behind Fresh 2 last time I looked. We write it ourselves: session in KV, cookie holds only the id, "
          "7 days expireIn. And jsr imports only, I don't want npm: specifiers for anything that has a jsr version."),
        T("Edit", "lib/session.ts",
          "@@ -0,0 +1,28 @@\n+import { getCookies, setCookie, deleteCookie } from \"@std/http/cookie\";\n+import { kv } from \"./kv.ts\";\n+\n+export interface Session { userId: string; login: string; avatar: string }\n+const WEEK = 7 * 24 * 60 * 60 * 1000;\n+\n+export async function createSession(headers: Headers, s: Session) {\n+  const id = crypto.randomUUID();\n+  await kv.set([\"sessions\", id], s, { expireIn: WEEK });\n+  setCookie(headers, { name: \"sid\", value: id, httpOnly: true, secure: true, sameSite: \"Lax\", path: \"/\", maxAge: WEEK / 1000 });\n+}\n+\n+export async function getSession(req: Request): Promise<Session | null> {\n+  const id = getCookies(req.headers).sid;\n+  if (!id) return null;\n+  return (await kv.get<Session>([\"sessions\", id])).value;\n+}\n+\n+export async function destroySession(req: Request, headers: Headers) {\n+  const id = getCookies(req.headers).sid;\n+  if (id) await kv.delete([\"sessions\", id]);\n+  deleteCookie(headers, \"sid\", { path: \"/\" });\n+}\n"),
        T("Edit", "routes/_middleware.ts",
          "@@ -0,0 +1,9 @@\n+import { define } from \"../utils.ts\";\n+import { getSession } from \"../lib/session.ts\";\n+\n+export const handler = define.middleware(async (ctx) => {\n+  ctx.state.session = await getSession(ctx.req);\n+  if (!ctx.state.session && ctx.url.pathname.startsWith(\"/app\")) return ctx.redirect(\"/login\");\n+  return await ctx.next();\n+});\n"),
        T("Edit", "routes/auth/callback.ts",
          "@@ -0,0 +1,24 @@\n+import { define } from \"../../utils.ts\";\n+import { createSession } from \"../../lib/session.ts\";\n+import { exchangeCode, fetchGitHubUser } from \"../../lib/github.ts\";\n+\n+export const handler = define.handlers({\n+  async GET(ctx) {\n+    const code = ctx.url.searchParams.get(\"code\");\n+    const state = ctx.url.searchParams.get(\"state\");\n+    if (!code || !state || !(await ctx.state.checkOAuthState(state))) return new Response(\"bad state\", { status: 400 });\n+    const token = await exchangeCode(code);\n+    const gh = await fetchGitHubUser(token);\n+    const headers = new Headers({ location: \"/app\" });\n+    await createSession(headers, { userId: String(gh.id), login: gh.login, avatar: gh.avatar_url });\n+    return new Response(null, { status: 303, headers });\n+  },\n+});\n"),
        T("Bash", "deno task check && deno task test", "Checked 23 files\nrunning 10 tests from ./tests/links_test.ts\n...\nrunning 3 tests from ./tests/session_test.ts\ncreateSession sets HttpOnly sid cookie ... ok (4ms)\ngetSession returns stored session ... ok (2ms)\nsession expires via expireIn ... ok (1s)\n\nok | 10 passed | 0 failed (2s)\n"),
        T("Bash", "deployctl deploy --project=linkshelf --prod", "ℹ Using config file '/home/dana/code/linkshelf/deno.json'\n✔ Deploying to project linkshelf.\nℹ The project does not have a deployment yet. Automatically pushing initial deployment to production (use --prod for further updates).\n✔ Entrypoint: /home/dana/code/linkshelf/main.ts\nℹ Uploading all files from the current dir (/home/dana/code/linkshelf)\n✔ Found 61 assets.\n✔ Uploaded 9 new assets.\n✔ Production deployment complete.\n✔ Created config file 'deno.json'.\n\nView at:\n - https://linkshelf-6kz4vm2r1p0a.deno.dev\n - https://linkshelf.deno.dev\n"),
        A("Deployed: login via GitHub works on linkshelf.deno.dev, sessions live in KV under `[\"sessions\", id]` for 7 days, tags "
          "are indexed. Should the tag page also show a tag cloud with counts? That would need a counter key per tag "
          "(`kv.atomic().sum`)."),
        U("Thanks. Next time: importing my Pocket export (the HTML file), ~2000 links. Not today."),
    ]

def turns_b(secret):
    return [
        U("linkshelf again. Looked at Deploy analytics: p50 for /app is 140ms from Frankfurt and almost all of it is the session read. "
          "KV is strongly consistent by default, so every request goes to the primary region (us-east). Sessions in KV were a mistake "
          "for this app. Let's switch to stateless sessions: signed JWT in the cookie, 7 days, no server-side state."),
        A("Makes sense. Before we rip it out, one alternative: keep KV sessions but read them with `{ consistency: \"eventual\" }`, "
          "which is served from the nearest read replica (a few ms), at the cost of a freshly created session maybe not being visible "
          "for a second right after login. That's a one-line change. Otherwise JWT it is."),
        U("No, I want no per-request KV read at all. JWT. HS256 with jose from jsr."),
        T("Read", "lib/session.ts", "import { getCookies, setCookie, deleteCookie } from \"@std/http/cookie\";\nimport { kv } from \"./kv.ts\";\n\nexport interface Session { userId: string; login: string; avatar: string }\nconst WEEK = 7 * 24 * 60 * 60 * 1000;\n\nexport async function createSession(headers: Headers, s: Session) {\n  const id = crypto.randomUUID();\n  await kv.set([\"sessions\", id], s, { expireIn: WEEK });\n  setCookie(headers, { name: \"sid\", value: id, httpOnly: true, secure: true, sameSite: \"Lax\", path: \"/\", maxAge: WEEK / 1000 });\n}\n..."),
        T("Bash", "deno add jsr:@panva/jose && cat .env", f"Add jsr:@panva/jose@6.0.8\n\nGITHUB_CLIENT_ID=Ov23liQm7cTz0aHn2KxB\nGITHUB_CLIENT_SECRET=${{from deploy dashboard}}\nSESSION_SECRET={secret}\n"),
        A("`SESSION_SECRET` is already in `.env` (64 hex chars, good for HS256). Rewriting `lib/session.ts`: `SignJWT` with "
          "`sub`, `login`, `avatar`, `exp` 7d; verification in the middleware with `jwtVerify`."),
        T("Edit", "lib/session.ts",
          "@@ -1,28 +1,27 @@\n-import { getCookies, setCookie, deleteCookie } from \"@std/http/cookie\";\n-import { kv } from \"./kv.ts\";\n+import { deleteCookie, getCookies, setCookie } from \"@std/http/cookie\";\n+import { jwtVerify, SignJWT } from \"@panva/jose\";\n \n export interface Session { userId: string; login: string; avatar: string }\n const WEEK = 7 * 24 * 60 * 60 * 1000;\n+const SECRET = Deno.env.get(\"SESSION_SECRET\")!;\n \n export async function createSession(headers: Headers, s: Session) {\n-  const id = crypto.randomUUID();\n-  await kv.set([\"sessions\", id], s, { expireIn: WEEK });\n-  setCookie(headers, { name: \"sid\", value: id, httpOnly: true, secure: true, sameSite: \"Lax\", path: \"/\", maxAge: WEEK / 1000 });\n+  const jwt = await new SignJWT({ login: s.login, avatar: s.avatar })\n+    .setProtectedHeader({ alg: \"HS256\" }).setSubject(s.userId).setIssuedAt().setExpirationTime(\"7d\")\n+    .sign(SECRET);\n+  setCookie(headers, { name: \"session\", value: jwt, httpOnly: true, secure: true, sameSite: \"Lax\", path: \"/\", maxAge: WEEK / 1000 });\n }"),
        T("Bash", "deno task test tests/session_test.ts",
          "running 3 tests from ./tests/session_test.ts\ncreateSession sets HttpOnly session cookie ... FAILED (3ms)\ngetSession returns claims ... FAILED (1ms)\nexpired token is rejected ... FAILED (1ms)\n\n ERRORS \n\ncreateSession sets HttpOnly session cookie => ./tests/session_test.ts:6:6\nerror: TypeError: Key for the HS256 algorithm must be one of type CryptoKey or Uint8Array. Received type string\n    at checkKeyType (https://jsr.io/@panva/jose/6.0.8/src/lib/check_key_type.ts:58:11)\n    at FlattenedSign.sign (https://jsr.io/@panva/jose/6.0.8/src/jws/flattened/sign.ts:104:5)\n    at SignJWT.sign (https://jsr.io/@panva/jose/6.0.8/src/jwt/sign.ts:39:17)\n    at createSession (file:///home/dana/code/linkshelf/lib/session.ts:12:6)\n\nFAILED | 0 passed | 3 failed (28ms)\n"),
        A("jose doesn't accept a plain string as an HMAC key: symmetric keys must be a `Uint8Array` (or a `CryptoKey`). Encoding the "
          "secret once with `TextEncoder` fixes it."),
        T("Edit", "lib/session.ts", "@@ -6,1 +6,1 @@\n-const SECRET = Deno.env.get(\"SESSION_SECRET\")!;\n+const SECRET = new TextEncoder().encode(Deno.env.get(\"SESSION_SECRET\")!); // jose needs Uint8Array for HS256\n"),
        T("Bash", "deno task test tests/session_test.ts", "running 3 tests from ./tests/session_test.ts\ncreateSession sets HttpOnly session cookie ... ok (4ms)\ngetSession returns claims ... ok (2ms)\nexpired token is rejected ... ok (1ms)\n\nok | 3 passed | 0 failed (22ms)\n"),
        U("Nice. While we're at it, put the user's settings (theme, default tag, the pinned tags list) in the token too, then the nav "
          "doesn't need KV either."),
        T("Edit", "lib/session.ts", "@@ -9,3 +9,4 @@ export async function createSession(headers: Headers, s: Session) {\n-  const jwt = await new SignJWT({ login: s.login, avatar: s.avatar })\n+  const settings = await loadSettings(s.userId);\n+  const jwt = await new SignJWT({ login: s.login, avatar: s.avatar, settings })"),
        T("Bash", "deno task e2e",
          "Running 5 tests using 1 worker\n\n  ✓  1 [chromium] › login.spec.ts:4:5 › login page renders (412ms)\n  ✘  2 [chromium] › login.spec.ts:11:5 › github login lands on /app (3.1s)\n  ✓  3 [chromium] › tags.spec.ts:3:5 › anonymous tag page redirects (201ms)\n  -  4 [chromium] › tags.spec.ts:9:5 › tag filter (skipped, needs login)\n  -  5 [chromium] › settings.spec.ts:3:5 › change theme (skipped, needs login)\n\n  1) [chromium] › login.spec.ts:11:5 › github login lands on /app\n\n    Error: expect(page).toHaveURL(expected)\n\n    Expected string: \"http://localhost:8000/app\"\n    Received string: \"http://localhost:8000/login\"\n    Call log:\n      - waiting for navigation to \"http://localhost:8000/app\"\n\n    console warning: Cookie \"session\" has been rejected because it is too large (5291 bytes; max 4096).\n\n  1 failed\n  1 passed (+1 flaky skipped)\n"),
        A("The browser drops the cookie: with the pinned tags list and settings the JWT is 5.3 KB, and browsers reject any cookie "
          "over 4096 bytes, so login silently loops back to /login. Reverting the settings-in-token change; the token stays minimal "
          "(`sub`, `login`, `avatar`, ~400 bytes). Settings can be loaded lazily on the settings page only."),
        T("Edit", "lib/session.ts", "@@ -9,4 +9,3 @@ export async function createSession(headers: Headers, s: Session) {\n-  const settings = await loadSettings(s.userId);\n-  const jwt = await new SignJWT({ login: s.login, avatar: s.avatar, settings })\n+  const jwt = await new SignJWT({ login: s.login, avatar: s.avatar }) // keep tiny: cookies > 4096 bytes are dropped"),
        T("Bash", "deno task e2e", "Running 5 tests using 1 worker\n\n  ✓  1 [chromium] › login.spec.ts:4:5 › login page renders (398ms)\n  ✓  2 [chromium] › login.spec.ts:11:5 › github login lands on /app (1.9s)\n  ✓  3 [chromium] › tags.spec.ts:3:5 › anonymous tag page redirects (188ms)\n  ✓  4 [chromium] › tags.spec.ts:9:5 › tag filter (744ms)\n  ✓  5 [chromium] › settings.spec.ts:3:5 › change theme (690ms)\n\n  5 passed (4.6s)\n"),
        U("ok. fine, settings stay in KV then, only read on /settings."),
        T("Edit", "routes/_middleware.ts", "@@ -1,8 +1,9 @@\n import { define } from \"../utils.ts\";\n-import { getSession } from \"../lib/session.ts\";\n+import { verifySession } from \"../lib/session.ts\";\n \n export const handler = define.middleware(async (ctx) => {\n-  ctx.state.session = await getSession(ctx.req);\n+  ctx.state.session = await verifySession(ctx.req); // JWT only, no KV read\n   if (!ctx.state.session && ctx.url.pathname.startsWith(\"/app\")) return ctx.redirect(\"/login\");"),
        T("Bash", "deno task check && deno task test && deployctl deploy --project=linkshelf --prod", "Checked 24 files\nok | 13 passed | 0 failed (2s)\n✔ Deploying to project linkshelf.\n✔ Entrypoint: /home/dana/code/linkshelf/main.ts\n✔ Found 62 assets.\n✔ Uploaded 4 new assets.\n✔ Production deployment complete.\n\nView at:\n - https://linkshelf.deno.dev\n"),
        T("Bash", "for i in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\\n' -b \"session=$(cat /tmp/jwt)\" https://linkshelf.deno.dev/app; done", "0.061\n0.022\n0.019\n0.021\n0.020\n"),
        A("Deployed. /app is ~20ms now from here instead of ~140ms. Note that existing users with an old `sid` cookie are simply "
          "logged out once. The old `[\"sessions\", *]` keys will expire on their own within 7 days thanks to `expireIn`."),
        U("Good. Two things for later: logout can't revoke a JWT now, fine for a bookmarks app. But SESSION_SECRET rotation: we need "
          "to support two keys (kid header) before I ever rotate it. Also don't forget the Pocket import is still open."),
    ]

SECRET_B = "3f9c1e7a5b2d8064af1c9e3b7d5a2f80c6e4b1d9a7f3c5e2b8d0a6f4c1e9b7d3"

session_a = {
    "id": "deno_linkshelf_a",
    "project": "linkshelf",
    "cwd_files": ["lib/links.ts", "lib/meta.ts", "lib/session.ts", "routes/_middleware.ts", "routes/auth/callback.ts", "deno.json"],
    "turns": turns_a(),
    "gold": [
        {"kind": "PROJECT", "summary": "linkshelf: bookmarks app on Fresh 2 alpha, Deno 2.1, Deno KV, Deno Deploy",
         "all_of": ["fresh"], "any_of": ["deno kv", "kv", "deploy", "deno 2"], "files": ["deno.json"]},
        {"kind": "BUG_FIX", "summary": "Saving big pages 500'd: HTML snapshot exceeded Deno KV 64 KiB value limit; snapshot dropped",
         "all_of": ["snapshot"], "any_of": ["64", "65536", "too large", "limit", "value size"], "files": ["lib/meta.ts", "lib/links.ts"]},
        {"kind": "DECISION", "summary": "Tag index [links_by_tag, userId, tag, linkId] maintained in the same kv.atomic() as the link",
         "all_of": ["tag"], "any_of": ["links_by_tag", "atomic", "index", "secondary"], "files": ["lib/links.ts"]},
        {"kind": "PATTERN", "summary": "Link ids are ULIDs so kv.list reverse gives newest first",
         "all_of": ["ulid"], "any_of": ["newest", "reverse", "sort", "order"], "files": ["lib/links.ts"]},
        {"kind": "DECISION", "summary": "Own GitHub OAuth; sessions in Deno KV [sessions, id] with 7-day expireIn, cookie holds only the id",
         "all_of": ["session", "kv"], "any_of": ["expirein", "7 day", "7-day", "7d", "cookie", "id"], "files": ["lib/session.ts"]},
        {"kind": "PREFERENCE", "summary": "jsr imports only; no npm: specifiers when a jsr version exists",
         "all_of": ["jsr"], "any_of": ["npm", "only", "prefer", "import"], "files": []},
        {"kind": "TODO", "summary": "Import Pocket HTML export (~2000 links)",
         "all_of": ["pocket"], "any_of": ["import", "export"], "files": []},
    ],
    "dead_ends": [
        {"summary": "jsr:@deno/kv-oauth library for login, rejected", "all_of": ["kv-oauth"]},
        {"summary": "Chunk snapshots across several KV keys, not picked", "all_of": ["chunk"]},
    ],
    "secrets": [],
}

session_b = {
    "id": "deno_linkshelf_b",
    "project": "linkshelf",
    "cwd_files": ["lib/session.ts", "routes/_middleware.ts", "deno.json"],
    "turns": turns_b(SECRET_B),
    "gold": [
        {"kind": "DECISION", "summary": "Sessions are now stateless HS256 JWT cookies (jose, 7d), no per-request KV read (KV sessions dropped: 140ms to primary)",
         "all_of": ["session", "jwt"], "any_of": ["jose", "cookie", "stateless", "hs256", "kv"], "files": ["lib/session.ts"]},
        {"kind": "BUG_FIX", "summary": "jose HS256 rejects string secret: encode SESSION_SECRET with TextEncoder to Uint8Array",
         "all_of": ["jose"], "any_of": ["uint8array", "textencoder", "encode", "string"], "files": ["lib/session.ts"]},
        {"kind": "FAILED", "summary": "Settings/pinned tags in the JWT: cookie 5.3KB > 4096 bytes, browser dropped it, login loop; reverted",
         "all_of": ["cookie"], "any_of": ["4096", "4kb", "4 kb", "too large", "5.3", "size"], "files": [], "failure": True},
        {"kind": "PATTERN", "summary": "User settings stay in KV, read only on /settings; JWT holds only sub/login/avatar",
         "all_of": ["settings"], "any_of": ["kv", "/settings", "only", "lazy"], "files": []},
        {"kind": "TODO", "summary": "Support two signing keys (kid) before rotating SESSION_SECRET",
         "all_of": ["rotat"], "any_of": ["kid", "session_secret", "secret", "key"], "files": []},
        {"kind": "TODO", "summary": "Pocket import still open",
         "all_of": ["pocket"], "any_of": ["import", "open", "todo"], "files": []},
    ],
    "dead_ends": [
        {"summary": "Keep KV sessions with eventual-consistency reads, rejected", "all_of": ["eventual"]},
    ],
    "secrets": [SECRET_B],
    "supersedes": [
        {"old_session": "deno_linkshelf_a", "old_all_of": ["session", "kv"], "new_all_of": ["session", "jwt"]},
    ],
}

if __name__ == "__main__":
    write(session_a)
    write(session_b)
