from _common import U, A, T, G, D, write

PW = "Tr4ck!ng-9Qz#71"
JWT = "b81f0c6e2d9a47e3a5c1f8d204e6b97a3c5d1e8f0a2b4c6d"

K6 = '''
          /\\      |‾‾| /‾‾/   /‾‾/
     /\\  /  \\     |  |/  /   /  /
    /  \\/    \\    |     (   /   ‾‾\\
   /          \\   |  |\\  \\ |  (‾)  |
  / __________ \\  |__| \\__\\ \\_____/ .io

     execution: local
        script: load/track.js
        output: -

     scenarios: (100.00%) 1 scenario, 50 max VUs, 1m30s max duration (incl. graceful stop):
              * default: Up to 50 looping VUs for 1m0s over 2 stages (gracefulRampDown: 30s, gracefulStop: 30s)

WARN[0014] Request Failed                                error="request timeout"
WARN[0019] Request Failed                                error="request timeout"
WARN[0021] Request Failed                                error="request timeout"
WARN[0022] Request Failed                                error="request timeout"
WARN[0022] Request Failed                                error="request timeout"

     ✗ status is 200
      ↳  71% — ✓ 4127 / ✗ 1684
     ✗ has events
      ↳  71% — ✓ 4127 / ✗ 1684

     checks.........................: 71.01% ✓ 8254      ✗ 3368
     data_received..................: 9.8 MB 163 kB/s
     data_sent......................: 1.1 MB 18 kB/s
     http_req_blocked...............: avg=21.3µs  min=1µs    med=4µs    max=4.12ms  p(90)=7µs    p(95)=9µs
     http_req_connecting............: avg=9.8µs   min=0s     med=0s     max=2.91ms  p(90)=0s     p(95)=0s
     http_req_duration..............: avg=1.61s   min=3.12ms med=11.4ms max=5.01s   p(90)=5s     p(95)=5s
       { expected_response:true }...: avg=14.9ms  min=3.12ms med=9.87ms max=412ms   p(90)=28.1ms p(95)=41.7ms
     http_req_failed................: 28.98% ✓ 1684      ✗ 4127
     http_reqs......................: 5811   96.849/s
     iteration_duration.............: avg=1.71s   min=103ms  med=112ms  max=5.1s    p(90)=5.1s   p(95)=5.1s
     iterations.....................: 5811   96.849/s
     vus............................: 1      min=1       max=50
     vus_max........................: 50     min=50      max=50


running (1m00.4s), 00/50 VUs, 5811 complete and 0 interrupted iterations
default ✓ [======================================] 00/50 VUs  1m0s
ERRO[0061] thresholds on metrics 'http_req_failed' have been crossed'''

SERVER_LOG = '''2024-11-21 09:14:02 UTC 200 GET /v1/parcels/PX4471920DE/events 8.12ms
2024-11-21 09:14:02 UTC 200 GET /v1/parcels/PX4471933DE/events 6.4ms
2024-11-21 09:14:03 UTC 404 GET /v1/parcels/PX0000000DE/events 3.02ms
2024-11-21 09:14:08 UTC 500 GET /v1/parcels/PX4471921DE/events 5001.87ms
Exception: Could not get connection from pool (DB::PoolTimeout)
  from lib/db/src/db/pool.cr:102:13 in 'checkout'
  from lib/db/src/db/database.cr:146:7 in 'checkout'
  from lib/db/src/db/query_methods.cr:61:7 in 'query:args'
  from src/repos/parcel_repo.cr:27:10 in 'events_for'
  from src/routes/parcels.cr:18:5 in '->'
  from lib/kemal/src/kemal/route.cr:12:26 in '->'
  from lib/kemal/src/kemal/route_handler.cr:55:35 in 'process_request'
  from lib/kemal/src/kemal/route_handler.cr:17:7 in 'call'
  from /usr/share/crystal/src/http/server/handler.cr:30:7 in 'call_next'
  from lib/kemal/src/kemal/filter_handler.cr:21:7 in 'call'
  from /usr/share/crystal/src/http/server/request_processor.cr:51:11 in 'process'
  from /usr/share/crystal/src/fiber.cr:146:11 in 'run'
  from ???
2024-11-21 09:14:08 UTC 500 GET /v1/parcels/PX4471950DE/events 5002.11ms
Exception: Could not get connection from pool (DB::PoolTimeout)
  from lib/db/src/db/pool.cr:102:13 in 'checkout'
  from src/repos/parcel_repo.cr:27:10 in 'events_for'
2024-11-21 09:14:08 UTC 500 GET /v1/parcels/PX4471902DE 5001.30ms
Exception: Could not get connection from pool (DB::PoolTimeout)
  from lib/db/src/db/pool.cr:102:13 in 'checkout'
  from src/repos/parcel_repo.cr:12:10 in 'find'
2024-11-21 09:14:13 UTC 500 GET /v1/parcels/PX4471977DE/events 5002.64ms
Exception: Could not get connection from pool (DB::PoolTimeout)
  from lib/db/src/db/pool.cr:102:13 in 'checkout'
  from src/repos/parcel_repo.cr:27:10 in 'events_for'
'''

REPO = '''require "db"
require "../models/*"

module ParcelRepo
  extend self

  def find(db : DB::Database, tracking_no : String) : Parcel?
    db.query_one?("SELECT id, tracking_no, status, recipient, created_at, delivered_at FROM parcels WHERE tracking_no = $1",
      tracking_no, as: Parcel)
  end

  def events_for(db : DB::Database, tracking_no : String, limit = 50) : Array(Event)?
    rs = db.query(<<-SQL, tracking_no, limit)
      SELECT e.id, e.kind, e.location, e.happened_at, p.tracking_no
      FROM parcel_events e JOIN parcels p ON p.id = e.parcel_id
      WHERE p.tracking_no = $1 ORDER BY e.happened_at DESC LIMIT $2
      SQL
    events = [] of Event
    rs.each do
      ev = Event.new(rs)
      return nil if ev.tracking_no != tracking_no # parcel was re-labelled
      events << ev
    end
    rs.close
    events
  end

  def recent(db : DB::Database, since : Time) : Array(Parcel)
    rs = db.query("SELECT id, tracking_no, status, recipient, created_at, delivered_at FROM parcels WHERE created_at > $1", since)
    Parcel.from_rs(rs)
  end
end
'''

ENV = f'''KEMAL_ENV=production
PORT=3000
DATABASE_URL=postgres://parcel_app:{PW}@db-prod.internal:5432/parcel?max_pool_size=10&initial_pool_size=2&checkout_timeout=5
JWT_SECRET={JWT}
LOG_LEVEL=info'''

REPO_EDIT = '''--- a/src/repos/parcel_repo.cr
+++ b/src/repos/parcel_repo.cr
@@ -11,23 +11,19 @@ module ParcelRepo
   def events_for(db : DB::Database, tracking_no : String, limit = 50) : Array(Event)?
-    rs = db.query(<<-SQL, tracking_no, limit)
+    events = db.query_all(<<-SQL, tracking_no, limit, as: Event)
       SELECT e.id, e.kind, e.location, e.happened_at, p.tracking_no
       FROM parcel_events e JOIN parcels p ON p.id = e.parcel_id
       WHERE p.tracking_no = $1 ORDER BY e.happened_at DESC LIMIT $2
       SQL
-    events = [] of Event
-    rs.each do
-      ev = Event.new(rs)
-      return nil if ev.tracking_no != tracking_no # parcel was re-labelled
-      events << ev
-    end
-    rs.close
-    events
+    # parcel was re-labelled
+    return nil if events.any? { |ev| ev.tracking_no != tracking_no }
+    events
   end

   def recent(db : DB::Database, since : Time) : Array(Parcel)
-    rs = db.query("SELECT id, tracking_no, status, recipient, created_at, delivered_at FROM parcels WHERE created_at > $1", since)
-    Parcel.from_rs(rs)
+    db.query_all("SELECT id, tracking_no, status, recipient, created_at, delivered_at FROM parcels WHERE created_at > $1",
+      since, as: Parcel)
   end'''

GREP = '''src/repos/parcel_repo.cr:12:    db.query_one?("SELECT id, tracking_no, status, recipient, created_at, delivered_at FROM parcels WHERE tracking_no = $1",
src/repos/parcel_repo.cr:16:    events = db.query_all(<<-SQL, tracking_no, limit, as: Event)
src/repos/parcel_repo.cr:29:    db.query_all("SELECT id, tracking_no, status, recipient, created_at, delivered_at FROM parcels WHERE created_at > $1",
src/repos/depot_repo.cr:8:    rs = db.query("SELECT id, code, city FROM depots ORDER BY code")
src/repos/depot_repo.cr:19:    rs = db.query("SELECT d.id, d.code, d.city FROM depots d JOIN routes r ON r.depot_id = d.id WHERE r.id = $1", route_id)
src/jobs/stale_parcels.cr:14:    db.query("SELECT id FROM parcels WHERE status = 'in_transit' AND updated_at < now() - interval '7 days'") do |rs|'''

def spec_out(n, secs, extra=""):
    dots = "." * n
    lines = [dots[i:i + 80] for i in range(0, n, 80)]
    return "\n".join(lines) + f"\n\nFinished in {secs}\n{n} examples, 0 failures, 0 errors, 0 pending" + extra

K6_OK = '''     scenarios: (100.00%) 1 scenario, 50 max VUs, 1m30s max duration (incl. graceful stop):
              * default: Up to 50 looping VUs for 1m0s over 2 stages (gracefulRampDown: 30s, gracefulStop: 30s)


     ✓ status is 200
     ✓ has events

     checks.........................: 100.00% ✓ 53914      ✗ 0
     data_received..................: 90 MB   1.5 MB/s
     data_sent......................: 10 MB   171 kB/s
     http_req_duration..............: avg=7.91ms  min=2.2ms  med=6.1ms  max=188.3ms p(90)=13.2ms p(95)=18.9ms
       { expected_response:true }...: avg=7.91ms  min=2.2ms  med=6.1ms  max=188.3ms p(90)=13.2ms p(95)=18.9ms
     http_req_failed................: 0.00%   ✓ 0          ✗ 26957
     http_reqs......................: 26957   449.21/s
     iterations.....................: 26957   449.21/s
     vus............................: 1       min=1        max=50
     vus_max........................: 50      min=50       max=50


running (1m00.0s), 00/50 VUs, 26957 complete and 0 interrupted iterations
default ✓ [======================================] 00/50 VUs  1m0s'''

MODEL_EDIT = '''--- a/src/models/parcel.cr
+++ b/src/models/parcel.cr
@@ -1,38 +1,24 @@
 require "db"
 require "json"

 class Parcel
   include DB::Serializable
+  include JSON::Serializable

   getter id : Int64
+  @[JSON::Field(key: "trackingNo")]
   getter tracking_no : String
   getter status : Status
+  @[JSON::Field(ignore: true)]
   getter recipient : String
+  @[JSON::Field(key: "createdAt")]
   getter created_at : Time
+  @[JSON::Field(key: "deliveredAt", emit_null: true)]
   getter delivered_at : Time?
-
-  def to_json(json : JSON::Builder)
-    json.object do
-      json.field "id", id
-      json.field "trackingNo", tracking_no
-      json.field "status", status.to_s.underscore
-      json.field "createdAt", created_at.to_rfc3339
-      json.field "deliveredAt" do
-        if t = delivered_at
-          json.string t.to_rfc3339
-        else
-          json.null
-        end
-      end
-    end
-  end
 end'''

STATIC_FAIL = '''ld: library not found for -lcrt0.o
clang: error: linker command failed with exit code 1 (use -v to see invocation)
Error: execution of command failed with exit status 1: cc "${@}" -o /Users/dkowalski/src/parcel-api/bin/parcel_api  -rdynamic -static -L/opt/homebrew/Cellar/crystal/1.10.1/libexec/../lib/crystal -lz `command -v pkg-config > /dev/null && pkg-config --libs --silence-errors libssl || printf %s '-lssl -lcrypto'` `command -v pkg-config > /dev/null && pkg-config --libs --silence-errors libcrypto || printf %s '-lcrypto'` -lpcre2-8 -lgc -lpthread -levent -liconv -L/opt/homebrew/Cellar/crystal/1.10.1/embedded/lib -L/usr/lib -L/usr/local/lib'''

MAKEFILE_EDIT = '''--- a/Makefile
+++ b/Makefile
@@ -1,10 +1,21 @@
+CRYSTAL_IMAGE := crystallang/crystal:1.10.1-alpine
+
 .PHONY: run spec build release

 run:
 	crystal run src/parcel_api.cr

 spec:
 	crystal spec

 build:
 	shards build --release
+
+# Fully static linux/amd64 binary (musl). Must be built in the Alpine image:
+# macOS cannot link statically.
+release:
+	docker run --rm --platform linux/amd64 -v $(PWD):/app -w /app $(CRYSTAL_IMAGE) \\
+	  sh -c "shards install --production && crystal build src/parcel_api.cr --release --static --no-debug -o bin/parcel_api-linux-amd64"'''

MAKE_RELEASE = '''docker run --rm --platform linux/amd64 -v /Users/dkowalski/src/parcel-api:/app -w /app crystallang/crystal:1.10.1-alpine \\
  sh -c "shards install --production && crystal build src/parcel_api.cr --release --static --no-debug -o bin/parcel_api-linux-amd64"
Unable to find image 'crystallang/crystal:1.10.1-alpine' locally
1.10.1-alpine: Pulling from crystallang/crystal
4abcf2066143: Pull complete
7a1b2c3d4e5f: Pull complete
c9d8e7f6a5b4: Pull complete
Digest: sha256:6f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100
Status: Downloaded newer image for crystallang/crystal:1.10.1-alpine
Resolving dependencies
Fetching https://github.com/kemalcr/kemal.git
Fetching https://github.com/luislavena/radix.git
Fetching https://github.com/crystal-loc/exception_page.git
Fetching https://github.com/crystal-lang/crystal-db.git
Fetching https://github.com/will/crystal-pg.git
Fetching https://github.com/crystal-community/jwt.git
Installing kemal (1.4.0)
Installing radix (0.4.1)
Installing exception_page (0.3.1)
Installing backtracer (1.2.2)
Installing db (0.12.0)
Installing pg (0.28.0)
Installing jwt (1.6.1)
Writing shard.lock
$ file bin/parcel_api-linux-amd64 && ls -lh bin/parcel_api-linux-amd64
bin/parcel_api-linux-amd64: ELF 64-bit LSB executable, x86-64, version 1 (SYSV), statically linked, stripped
-rwxr-xr-x  1 dkowalski  staff   9.4M Nov 21 10:02 bin/parcel_api-linux-amd64'''

MAIN = '''require "kemal"
require "db"
require "pg"
require "jwt"
require "./models/*"
require "./repos/*"
require "./routes/*"

DB_POOL = DB.open(ENV["DATABASE_URL"])

get "/health" do
  "ok"
end

get "/metrics" do |env|
  env.response.content_type = "text/plain; version=0.0.4"
  Metrics.render
end

Routes::Parcels.mount
Routes::Depots.mount

Kemal.config.env = ENV.fetch("KEMAL_ENV", "development")
Kemal.run(ENV.fetch("PORT", "3000").to_i)
'''

AUTH_EDIT = '''--- a/src/parcel_api.cr
+++ b/src/parcel_api.cr
@@ -8,6 +8,25 @@ require "./routes/*"

 DB_POOL = DB.open(ENV["DATABASE_URL"])
+JWT_KEY = ENV["JWT_SECRET"]
+PUBLIC_PATHS = {"/health", "/metrics"}
+
+# Every route needs "Authorization: Bearer <jwt>" except PUBLIC_PATHS.
+before_all do |env|
+  next if PUBLIC_PATHS.includes?(env.request.path)
+  header = env.request.headers["Authorization"]?
+  token = header.try &.lchop?("Bearer ")
+  halt env, status_code: 401, response: %({"error":"missing bearer token"}) unless token
+  begin
+    payload, _ = JWT.decode(token, JWT_KEY, JWT::Algorithm::HS256)
+    env.set "api_key_id", payload["sub"].as_s
+  rescue JWT::ExpiredSignatureError
+    halt env, status_code: 401, response: %({"error":"token expired"})
+  rescue JWT::DecodeError
+    halt env, status_code: 401, response: %({"error":"invalid token"})
+  end
+end

 get "/health" do
   "ok"'''

AUTH_SPEC = '''+++ b/spec/auth_spec.cr
@@ -0,0 +1,30 @@
+require "./spec_helper"
+
+describe "auth filter" do
+  it "lets /health through without a token" do
+    get "/health"
+    response.status_code.should eq 200
+  end
+
+  it "rejects /v1/parcels without a token" do
+    get "/v1/parcels/PX1DE"
+    response.status_code.should eq 401
+  end
+
+  it "rejects an expired token" do
+    get "/v1/parcels/PX1DE", headers: HTTP::Headers{"Authorization" => "Bearer #{token(exp: 1.minute.ago)}"}
+    response.status_code.should eq 401
+  end
+
+  it "accepts a valid token" do
+    get "/v1/parcels/PX4471920DE", headers: HTTP::Headers{"Authorization" => "Bearer #{token}"}
+    response.status_code.should eq 200
+  end
+end'''

turns = [
    U("DB::PoolTimeout under load. k6 + server log below"),
    T("Bash", "k6 run load/track.js", K6),
    T("Bash", "tail -n 40 log/production.log", SERVER_LOG),
    T("Read", "src/repos/parcel_repo.cr", REPO),
    T("Bash", "cat .env", ENV),
    A("Found the leak. `db.query` returns a `DB::ResultSet` that keeps its connection checked out of the pool until "
      "`rs.close` is called. In `events_for`, the `return nil if ev.tracking_no != tracking_no` inside `rs.each` leaves "
      "the method before `rs.close`, and `recent` hands the ResultSet to `Parcel.from_rs` which never closes it either. "
      "Each such request permanently takes one of the 10 connections (`max_pool_size=10` in DATABASE_URL); once they "
      "are all gone every request waits `checkout_timeout=5` seconds and raises `DB::PoolTimeout` — the 5001 ms 500s in "
      "the log.\n\nFix: use the block form (`db.query(...) do |rs| ... end`, which closes in an ensure) or simply "
      "`db.query_all(..., as: Event)`, which reads everything and releases the connection. Raising `max_pool_size` "
      "would only delay the failure.\n\nSide note: `.env` has the production DB password and JWT secret in clear text "
      "in the working tree — make sure it's in `.gitignore`."),
    U("query_all. everywhere."),
    T("Edit", "src/repos/parcel_repo.cr", REPO_EDIT),
    T("Bash", 'grep -rn "db.query" src/', GREP),
    T("Edit", "src/repos/depot_repo.cr", '''--- a/src/repos/depot_repo.cr
+++ b/src/repos/depot_repo.cr
@@ -7,8 +7,7 @@ module DepotRepo
   def all(db : DB::Database) : Array(Depot)
-    rs = db.query("SELECT id, code, city FROM depots ORDER BY code")
-    Depot.from_rs(rs)
+    db.query_all("SELECT id, code, city FROM depots ORDER BY code", as: Depot)
   end
@@ -18,8 +17,8 @@ module DepotRepo
   def for_route(db : DB::Database, route_id : Int64) : Array(Depot)
-    rs = db.query("SELECT d.id, d.code, d.city FROM depots d JOIN routes r ON r.depot_id = d.id WHERE r.id = $1", route_id)
-    Depot.from_rs(rs)
+    db.query_all("SELECT d.id, d.code, d.city FROM depots d JOIN routes r ON r.depot_id = d.id WHERE r.id = $1",
+      route_id, as: Depot)
   end'''),
    T("Edit", "src/jobs/stale_parcels.cr", '''--- a/src/jobs/stale_parcels.cr
+++ b/src/jobs/stale_parcels.cr
@@ -13,9 +13,6 @@ module Jobs::StaleParcels
   def run(db : DB::Database)
-    db.query("SELECT id FROM parcels WHERE status = 'in_transit' AND updated_at < now() - interval '7 days'") do |rs|
-      rs.each { ids << rs.read(Int64) }
-    end
+    ids = db.query_all("SELECT id FROM parcels WHERE status = 'in_transit' AND updated_at < now() - interval '7 days'", as: Int64)
     ids.each { |id| flag_stale(db, id) }'''),
    T("Bash", "crystal spec", spec_out(42, "1.21 seconds")),
    T("Bash", "k6 run load/track.js 2>&1 | tail -n 22", K6_OK),
    A("No more `db.query` in `src/` (the stale_parcels job used the block form, which was safe, but I converted it "
      "for consistency). Specs green; k6: 0% failures, p95 18.9 ms, 449 req/s (was 29% failures)."),
    U("good. the to_json builders in models are painful. options?"),
    A("1. `include JSON::Serializable` in the models, with `@[JSON::Field(key: \"trackingNo\")]` for the camelCase keys "
      "and `ignore: true` for fields that must not leave the API (recipient). Compile-time, no extra shard, works next "
      "to `DB::Serializable`.\n2. Keep the hand-written `to_json(json : JSON::Builder)` methods.\n3. A separate "
      "serializer/presenter layer (one class per response shape).\n\nI'd take 1."),
    U("yes, do it"),
    T("Edit", "src/models/parcel.cr", MODEL_EDIT),
    T("Edit", "src/models/event.cr", '''--- a/src/models/event.cr
+++ b/src/models/event.cr
@@ -3,22 +3,14 @@ require "json"
 class Event
   include DB::Serializable
+  include JSON::Serializable

   getter id : Int64
   getter kind : String
   getter location : String?
+  @[JSON::Field(key: "happenedAt")]
   getter happened_at : Time
+  @[JSON::Field(ignore: true)]
   getter tracking_no : String
-
-  def to_json(json : JSON::Builder)
-    json.object do
-      json.field "id", id
-      json.field "kind", kind
-      json.field "location", location
-      json.field "happenedAt", happened_at.to_rfc3339
-    end
-  end
 end'''),
    T("Bash", "crystal spec", spec_out(42, "1.18 seconds")),
    U("static binary for deploy. on my mac."),
    T("Bash", "crystal build src/parcel_api.cr --release --static -o bin/parcel_api", STATIC_FAIL),
    A("That can't work on macOS: Apple ships no static libSystem / crt0, so `--static` fails at link time, and a Mach-O "
      "binary wouldn't run on the Linux servers anyway. The standard way is to build inside the official Alpine image "
      "(`crystallang/crystal:1.10.1-alpine`), which links against musl and produces a fully static Linux binary. "
      "I can add a `make release` target that does that in docker."),
    U("do it. makefile target."),
    T("Edit", "Makefile", MAKEFILE_EDIT),
    T("Bash", "make release && file bin/parcel_api-linux-amd64 && ls -lh bin/parcel_api-linux-amd64", MAKE_RELEASE),
    U("no ORM btw if you were thinking about it for the models. no jennifer, no granite. plain crystal-db + pg."),
    A("Wasn't planning to — the models only use `DB::Serializable` from crystal-db plus `JSON::Serializable` from stdlib."),
    U("auth. /health and /metrics public, everything else bearer jwt."),
    T("Read", "src/parcel_api.cr", MAIN),
    T("Edit", "src/parcel_api.cr", AUTH_EDIT),
    T("Edit", "spec/auth_spec.cr", AUTH_SPEC),
    T("Bash", "crystal spec", spec_out(46, "1.34 seconds")),
    A("Added a Kemal `before_all` filter: skips `/health` and `/metrics`, otherwise requires `Authorization: Bearer <jwt>` "
      "(HS256, key from `JWT_SECRET`), `halt`s with 401 on missing/expired/invalid tokens and stores `sub` as "
      "`api_key_id` in the env. 46 examples, 0 failures. Should tokens also be checked against a revocation list?"),
    U("later: rate limiting per api key. bye"),
    A("Noted as open: per-API-key rate limiting (the filter already puts `api_key_id` in env, which a limiter can key on)."),
]

s = {
    "id": "kemal_parcel",
    "project": "parcel-api",
    "cwd_files": ["shard.yml", "shard.lock", "Makefile", ".env", "src/parcel_api.cr", "src/models/parcel.cr",
                  "src/models/event.cr", "src/repos/parcel_repo.cr", "src/repos/depot_repo.cr",
                  "src/jobs/stale_parcels.cr", "src/routes/parcels.cr", "spec/spec_helper.cr", "load/track.js"],
    "turns": turns,
    "gold": [
        G("PROJECT", "parcel-api: Crystal 1.10 + Kemal REST API on Postgres (crystal-db + pg)",
          ["kemal"], ["crystal", "parcel", "postgres", "1.10"]),
        G("BUG_FIX", "DB::PoolTimeout under load: db.query ResultSets never closed (early return) leaked pool connections; replaced by query_all",
          ["pool"], ["query_all", "resultset", "result set", "close", "leak"], ["src/repos/parcel_repo.cr"]),
        G("PATTERN", "always query_all / query_one instead of bare db.query",
          ["query_all"], ["always", "everywhere", "db.query", "instead", "never"]),
        G("DECISION", "models use JSON::Serializable with JSON::Field annotations instead of hand-written to_json builders",
          ["json::serializable"], ["builder", "to_json", "annotation", "json::field", "hand-written", "manual"],
          ["src/models/parcel.cr", "src/models/event.cr"]),
        G("FAILED", "crystal build --static on macOS fails at link (ld: library not found for -lcrt0.o)",
          ["static"], ["macos", "mac", "crt0", "link", "ld:"], failure=True),
        G("PATTERN", "release binary built static with `make release` in the crystallang/crystal:1.10.1-alpine docker image",
          ["alpine"], ["static", "make release", "docker", "musl", "release"], ["Makefile"]),
        G("PREFERENCE", "no ORM (no jennifer/granite): plain crystal-db + pg",
          ["orm"], ["crystal-db", "jennifer", "granite", "plain"]),
        G("PATTERN", "auth: Kemal before_all filter requires bearer JWT on all routes except /health and /metrics",
          ["jwt"], ["before_all", "/health", "/metrics", "bearer", "except"], ["src/parcel_api.cr"]),
        G("TODO", "rate limiting per API key",
          ["limit"], ["rate", "api key", "api_key", "throttl"]),
    ],
    "dead_ends": [
        D("raise max_pool_size to fix the pool timeouts", ["max_pool_size"]),
        D("separate serializer/presenter layer", ["presenter"]),
    ],
    "secrets": [PW, JWT],
}
write(s)
