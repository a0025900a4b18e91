"""Tuning labelled sessions: the rules in memwrap/classify.py are developed against these."""

from __future__ import annotations

from _gen import A, T, U, code_file, dep_list, go_test_log, pytest_log, write

race_fail = """--- FAIL: TestRefreshConcurrent (0.03s)
    refresh_test.go:88: two refreshes with the same token both succeeded; want exactly one
==================
WARNING: DATA RACE
Write at 0x00c0001a4018 by goroutine 23:
  github.com/acme/auth-service/src/auth.(*Refresher).Rotate()
      /src/auth/refresh.go:57 +0x1c4
Previous read at 0x00c0001a4018 by goroutine 22:
  github.com/acme/auth-service/src/auth.(*Refresher).Rotate()
      /src/auth/refresh.go:49 +0x9a
==================
FAIL\tgithub.com/acme/auth-service/src/auth\t0.412s"""
pkgs = ["github.com/acme/auth-service/src/auth", "github.com/acme/auth-service/src/http",
        "github.com/acme/auth-service/src/store", "github.com/acme/auth-service/src/config"]

go_auth_a = {
    "id": "auth_service_a", "project": "auth-service",
    "cwd_files": ["src/auth/refresh.go", "src/auth/jwt.go", "go.mod"],
    "turns": [
        U("Let's work on auth-service. It's Go 1.22 with the chi router and Postgres 16. First question: how do we keep users logged in? Right now every token lives 24h, which security hates."),
        A("Common setups: (1) short-lived JWT access tokens plus a refresh token, (2) server-side sessions in Redis with a cookie, (3) opaque tokens looked up in Postgres. Option 2 is simple to revoke. Let me try Redis-backed sessions first since they're easy to reason about."),
        T("Bash", "cat go.mod", "module github.com/acme/auth-service\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgithub.com/jackc/pgx/v5 v5.5.5\n\tgithub.com/golang-jwt/jwt/v5 v5.2.1\n\tgithub.com/rs/zerolog v1.32.0\n)"),
        T("Bash", "go get github.com/redis/go-redis/v9 && go build ./...", "go: added github.com/redis/go-redis/v9 v9.5.1\ngo: added github.com/cespare/xxhash/v2 v2.2.0\ngo: added github.com/dgryski/go-rendezvous v0.0.0-20200823014737-9f7001d12a5f"),
        T("Write", "src/session/redis.go", code_file(21, "go", 12)),
        A("Redis session store is in place. Sessions are keyed by a random cookie value and read on every request."),
        U("wait, our ALB in front of the three pods has no sticky sessions and the Redis here is per-pod sidecar, not shared. this will log people out randomly. that's not going to work."),
        A("You're right, with a per-pod Redis and no stickiness a request landing on another pod would not find the session. A shared Redis would be another piece of infra to run."),
        U("yeah forget redis sessions. we go with JWT: 15 minute access tokens and 7 day refresh tokens, refresh rotates."),
        T("Bash", "git rm -q src/session/redis.go && go mod tidy", "go: removing github.com/redis/go-redis/v9 v9.5.1"),
        T("Write", "src/auth/jwt.go", code_file(22, "go", 10)),
        T("Write", "src/auth/refresh.go", code_file(23, "go", 8)),
        T("Bash", "go test ./...", go_test_log(24, pkgs, 40)),
        U("can you add a test that two concurrent refreshes with the same refresh token only succeed once"),
        T("Edit", "src/auth/refresh_test.go", "Applied edit: TestRefreshConcurrent runs two Rotate calls in goroutines with the same token"),
        T("Bash", "go test -race ./src/auth/...", go_test_log(25, pkgs[:1], 30, fail=race_fail), exit_code=1),
        A("There's a data race in Refresher.Rotate: two goroutines read the token's used flag at line 49 and both write it at line 57, so both refreshes pass. The check-and-set needs to be atomic. I'll guard Rotate with a mutex (sync.Mutex on the Refresher)."),
        T("Edit", "src/auth/refresh.go", "Applied edit: Refresher gets mu sync.Mutex; Rotate locks mu around the used-check and the write"),
        T("Bash", "go test -race ./src/auth/...", go_test_log(26, pkgs[:1], 31)),
        A("The race detector is clean now and TestRefreshConcurrent passes."),
        U("nice. Also, in this codebase and in general: I want explicit error types, not errors.New strings sprinkled around. Define sentinel/typed errors and wrap them."),
        A("Got it. I'll add typed errors in src/auth/errors.go (ErrTokenExpired, ErrTokenReused, ...) and wrap with fmt.Errorf(\"...: %w\", err)."),
        T("Write", "src/auth/errors.go", "File created: src/auth/errors.go\nvar (\n\tErrTokenExpired = errors.New(\"token expired\")\n\tErrTokenReused  = errors.New(\"refresh token reused\")\n)"),
        T("Bash", "go vet ./... && golangci-lint run ./...", "src/http/handlers.go:112:2: ineffectual assignment to err (ineffassign)\nsrc/http/handlers.go:140:15: Error return value of `w.Write` is not checked (errcheck)\nsrc/store/users.go:33:6: func `scanUserRow` is unused (unused)"),
        T("Edit", "src/http/handlers.go", "Applied edit: check w.Write errors; remove ineffectual assignment"),
        T("Bash", "go test ./... -v 2>&1 | tail -n 400", go_test_log(27, pkgs, 90)),
        T("Bash", "cat src/auth/jwt.go", code_file(28, "go", 35)),
        T("Bash", "env | sort | head -20", "DATABASE_URL=postgres://auth:Vx9#pL2qT7mK@db.internal:5432/auth\nGOFLAGS=-mod=mod\nHOME=/home/dev\nJWT_SIGNING_KEY=9f8e2d4c6b1a7f3e5d9c2b8a4f6e1d3c\nPATH=/usr/local/go/bin:/usr/bin:/bin"),
        A("The signing key is read from JWT_SIGNING_KEY; I'll make config fail fast when it's missing."),
        T("Bash", "go test ./... -count=1", go_test_log(29, pkgs, 60)),
        U("cool. what's left: the logout endpoint still doesn't revoke refresh tokens. next time."),
        A("Noted: logout should revoke the refresh token. Anything else for today?"),
        U("no that's it, thanks!"),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Go 1.22, chi router, Postgres 16", "all_of": ["go"], "any_of": ["chi", "1.22", "postgres"]},
        {"kind": "DECISION", "summary": "JWT 15 min access / 7 day refresh, rotating", "all_of": ["jwt"], "any_of": ["15", "7 day", "refresh"]},
        {"kind": "FAILED", "summary": "Redis sessions abandoned: ALB without sticky sessions, per-pod redis", "all_of": ["redis"], "any_of": ["sticky", "alb", "per-pod", "session"], "failure": True},
        {"kind": "BUG_FIX", "summary": "race in refresh Rotate -> mutex", "all_of": ["mutex"], "any_of": ["race", "rotate", "refresh"], "files": ["src/auth/refresh.go"]},
        {"kind": "PREFERENCE", "summary": "explicit/typed error types, no errors.New strings", "all_of": ["error"], "any_of": ["explicit", "typed", "sentinel"]},
        {"kind": "TODO", "summary": "logout must revoke refresh tokens", "all_of": ["logout"], "any_of": ["revoke", "refresh"]},
    ],
    "dead_ends": [{"summary": "redis sessions", "all_of": ["redis"]}],
    "secrets": ["Vx9#pL2qT7mK", "9f8e2d4c6b1a7f3e5d9c2b8a4f6e1d3c"],
}

go_auth_b = {
    "id": "auth_service_b", "project": "auth-service",
    "cwd_files": ["src/auth/refresh.go", "migrations/0007_refresh_tokens.sql"],
    "turns": [
        U("back on auth-service. security review came back: they want refresh tokens to be revocable server-side, and a JWT refresh token can't be revoked without a denylist."),
        A("Options: keep JWT refresh tokens and add a denylist table, or make refresh tokens opaque random strings stored (hashed) in Postgres, so revocation is a row delete. Access tokens can stay short-lived JWTs."),
        U("switch refresh tokens to opaque tokens in postgres, hashed with sha256. access tokens stay JWT. no denylist."),
        T("Write", "migrations/0007_refresh_tokens.sql", "File created: migrations/0007_refresh_tokens.sql\nCREATE TABLE refresh_tokens (\n  token_hash bytea PRIMARY KEY,\n  user_id bigint NOT NULL REFERENCES users(id),\n  expires_at timestamptz NOT NULL,\n  revoked_at timestamptz\n);"),
        T("Edit", "src/auth/refresh.go", "Applied edit: Rotate now looks up sha256(token) in refresh_tokens, marks it revoked and inserts a new one in one transaction; mutex removed (the row lock does it)"),
        T("Bash", "go test -race ./...", go_test_log(31, pkgs, 25)),
        U("and the logout endpoint from last time: revoke the token there too"),
        T("Edit", "src/http/logout.go", "Applied edit: POST /logout sets revoked_at on the caller's refresh token"),
        T("Bash", "go test ./src/http/... -run Logout -v", "=== RUN   TestLogoutRevokesRefreshToken\n--- PASS: TestLogoutRevokesRefreshToken (0.02s)\nPASS\nok  \tgithub.com/acme/auth-service/src/http\t0.118s"),
        A("Logout now revokes the refresh token and the test passes."),
    ],
    "gold": [
        {"kind": "DECISION", "summary": "refresh tokens opaque, sha256-hashed in Postgres; access stays JWT", "all_of": ["opaque"], "any_of": ["postgres", "sha256", "hashed", "refresh"]},
    ],
    "dead_ends": [],
    "secrets": [],
    "supersedes": [{"old_session": "auth_service_a", "old_all_of": ["jwt", "refresh"], "new_all_of": ["opaque"]}],
}

nplus1 = """_________________________ test_order_list_query_count _________________________

    def test_order_list_query_count(client, django_assert_max_num_queries, orders):
        with django_assert_max_num_queries(5):
>           client.get("/api/orders/")
E           Failed: Expected to perform 5 queries or less but 53 were done

shop/orders/tests/test_views.py:41: Failed"""
django = {
    "id": "django_shop", "project": "shop",
    "cwd_files": ["shop/orders/views.py", "shop/orders/tasks.py", "shop/settings.py"],
    "turns": [
        U("hi. The shop backend (Django 5.0, Python 3.12, DRF) sends order confirmation emails inline in the request, which makes checkout slow. I'd like those emails async."),
        A("We can move the email sending into a task queue. django-q2 is lightweight and uses the Django ORM as broker, so no extra infrastructure. I'll set it up."),
        T("Bash", "pip install django-q2 && python manage.py migrate", "Successfully installed django-q2-1.6.2 blessed-1.20.0\nOperations to perform:\n  Apply all migrations: admin, auth, contenttypes, django_q, orders, sessions\nRunning migrations:\n  Applying django_q.0001_initial... OK\n  Applying django_q.0017_task_cluster_alter... OK"),
        T("Bash", "python manage.py qcluster", "12:01:44 [Q] INFO Q Cluster mercury-lamp-six-zulu starting.\n12:01:45 [Q] ERROR reincarnated worker Process-1:3 after timeout\n12:01:45 [Q] ERROR Failed to pull task from broker: database is locked\n12:02:16 [Q] ERROR Failed to pull task from broker: database is locked", exit_code=1),
        A("The ORM broker polls the database; on our SQLite dev database and with the many workers it keeps hitting 'database is locked'. We could lower the worker count..."),
        U("Honestly the ORM broker thing was a mistake, we run redis anyway. Drop django-q and use celery with redis as the broker."),
        T("Bash", "pip uninstall -y django-q2 && pip install 'celery[redis]==5.3.6'", "Successfully uninstalled django-q2-1.6.2\nSuccessfully installed celery-5.3.6 kombu-5.3.7 redis-5.0.4 billiard-4.2.0 vine-5.1.0 amqp-5.2.0"),
        T("Write", "shop/orders/tasks.py", "File created: shop/orders/tasks.py\n@shared_task(bind=True, max_retries=3)\ndef send_order_confirmation(self, order_id: int) -> None: ..."),
        T("Bash", "celery -A shop worker -l info --concurrency 2 & sleep 5; python manage.py shell -c 'from shop.orders.tasks import send_order_confirmation as t; print(t.delay(1).get(timeout=10))'", "[2024-05-14 12:10:02,118: INFO/MainProcess] Connected to redis://localhost:6379/0\n[2024-05-14 12:10:02,130: INFO/MainProcess] celery@dev ready.\n[2024-05-14 12:10:04,541: INFO/ForkPoolWorker-1] Task shop.orders.tasks.send_order_confirmation succeeded in 0.41s: None\nNone"),
        A("Emails now go through Celery; the checkout view calls send_order_confirmation.delay(order.id) after the transaction commits."),
        U("while you're in there, /api/orders/ is slow as hell for customers with many orders"),
        T("Bash", "pytest shop/orders -q", pytest_log(41, ["shop/orders/tests/test_views.py", "shop/orders/tests/test_tasks.py"], 24, fail=nplus1)),
        A("53 queries for one list: the serializer reads order.customer and each line's product for every order, one query each. Classic N+1. I'll add select_related('customer') and prefetch_related('lines__product') to the queryset in OrderViewSet.get_queryset."),
        T("Edit", "shop/orders/views.py", "Applied edit: OrderViewSet.get_queryset returns Order.objects.select_related('customer').prefetch_related('lines__product')"),
        T("Bash", "pytest shop/orders -q", pytest_log(42, ["shop/orders/tests/test_views.py", "shop/orders/tests/test_tasks.py"], 24)),
        U("much better. oh and please write tests as plain pytest functions with fixtures, I can't stand unittest.TestCase classes"),
        A("Understood, plain pytest functions with fixtures from now on."),
        U("the list endpoint still returns everything in one page though. we need to add pagination there, but not today."),
        A("OK, I'll leave pagination for later. Anything else?"),
        U("nope, thank you!"),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Django 5.0, Python 3.12, DRF", "all_of": ["django"], "any_of": ["5.0", "python", "drf"]},
        {"kind": "DECISION", "summary": "Celery with Redis broker for order emails", "all_of": ["celery"], "any_of": ["redis", "email", "broker"]},
        {"kind": "FAILED", "summary": "django-q ORM broker: database is locked", "all_of": ["django-q"], "any_of": ["locked", "orm broker", "broker"], "failure": True},
        {"kind": "BUG_FIX", "summary": "N+1 on /api/orders/ -> select_related/prefetch_related", "all_of": [], "any_of": ["select_related", "prefetch_related", "n+1"], "files": ["shop/orders/views.py"]},
        {"kind": "PREFERENCE", "summary": "plain pytest functions, no unittest.TestCase", "all_of": ["pytest"], "any_of": ["unittest", "fixtures", "function"]},
        {"kind": "TODO", "summary": "pagination on the order list endpoint", "all_of": ["paginat"], "any_of": ["list", "orders", "endpoint"]},
    ],
    "dead_ends": [{"summary": "django-q", "all_of": ["django-q"]}],
    "secrets": [],
}

react = {
    "id": "react_dashboard", "project": "ops-dashboard",
    "cwd_files": ["src/api/client.ts", "src/store/filters.ts", "src/pages/Alerts.tsx"],
    "turns": [
        U("yo"),
        A("Hi! What can I help you with?"),
        U("ops-dashboard, React 18 + TypeScript + Vite. The filter state is passed through like 6 levels of props. I want a global store. Maybe Redux Toolkit?"),
        A("Redux Toolkit is a solid choice. I'll add a filters slice and wrap the app in a Provider."),
        T("Bash", "npm install @reduxjs/toolkit react-redux", "added 7 packages, and audited 318 packages in 4s\nfound 0 vulnerabilities"),
        T("Write", "src/store/filtersSlice.ts", "File created: src/store/filtersSlice.ts"),
        T("Write", "src/store/index.ts", "File created: src/store/index.ts"),
        A("The slice, the store, typed hooks (useAppSelector/useAppDispatch) and the Provider are in. Each filter change dispatches an action."),
        U("hmm this is a LOT of boilerplate for four filter values. slice, actions, typed hooks, provider... I don't like it. let's back this out and try zustand instead"),
        T("Bash", "git checkout -- src && git clean -fdq src/store && npm uninstall @reduxjs/toolkit react-redux && npm install zustand", "removed 7 packages in 1s\nadded 1 package in 2s"),
        T("Write", "src/store/filters.ts", "File created: src/store/filters.ts\nexport const useFilters = create<FiltersState>()((set) => ({ ... }))"),
        A("With zustand the whole store is one hook, useFilters, in src/store/filters.ts. No provider needed."),
        U("yes, way better. keep zustand."),
        U("now the alerts page hammers the API, network tab shows hundreds of GET /api/alerts per second"),
        T("Bash", "sed -n 10,30p src/pages/Alerts.tsx", "export function Alerts() {\n  const filters = useFilters((s) => ({ severity: s.severity, team: s.team }));\n  const [alerts, setAlerts] = useState<Alert[]>([]);\n  useEffect(() => {\n    fetchAlerts(filters).then(setAlerts);\n  }, [filters]);"),
        A("The selector returns a new object on every render, so `filters` is a new reference each time, the effect re-runs, setAlerts re-renders, and we loop. Fix: select with useShallow so the object is stable, and depend on the primitive fields."),
        T("Edit", "src/pages/Alerts.tsx", "Applied edit: useFilters(useShallow((s) => ({ severity: s.severity, team: s.team }))); effect deps [filters.severity, filters.team]"),
        T("Bash", "npx vitest run src/pages", " ✓ src/pages/Alerts.test.tsx (3)\n ✓ src/pages/Incidents.test.tsx (5)\n\n Test Files  2 passed (2)\n      Tests  8 passed (8)"),
        U("fixed, one request now. also, rule for this project: components never call fetch directly. everything goes through src/api/client.ts so we get auth headers and error mapping in one place."),
        A("Makes sense. I'll move the fetchAlerts call into src/api/client.ts and import it from there."),
        T("Edit", "src/api/client.ts", "Applied edit: export async function fetchAlerts(filters) uses request() with auth header"),
        U("haha, thanks, you're a lifesaver. what do you think about tabs vs spaces btw"),
        A("Ha, the eternal debate! Prettier defaults to spaces and that's what the repo uses, so I'd keep it."),
        U("fair. ok bye"),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "React 18 + TypeScript + Vite", "all_of": ["react"], "any_of": ["vite", "typescript", "18"]},
        {"kind": "DECISION", "summary": "zustand for global filter state", "all_of": ["zustand"], "any_of": ["store", "filter", "state", "keep", "use"]},
        {"kind": "FAILED", "summary": "Redux Toolkit backed out: too much boilerplate", "all_of": ["redux"], "any_of": ["boilerplate"], "failure": True},
        {"kind": "BUG_FIX", "summary": "Alerts useEffect loop: new object selector -> useShallow", "all_of": [], "any_of": ["useshallow", "useeffect", "selector"], "files": ["src/pages/Alerts.tsx"]},
        {"kind": "PATTERN", "summary": "all fetches through src/api/client.ts", "all_of": ["src/api/client.ts"], "any_of": ["fetch", "through", "never"]},
    ],
    "dead_ends": [{"summary": "redux toolkit", "all_of": ["redux"]}],
    "secrets": [],
}

rust = {
    "id": "rust_logtail", "project": "logtail",
    "cwd_files": ["src/main.rs", "src/follow.rs", "Cargo.toml"],
    "turns": [
        U("logtail is a small Rust CLI (edition 2021, rust 1.77) that tails files and ships lines to an HTTP endpoint. I want to rewrite the arg parsing, it's a hand-rolled mess."),
        A("clap with the derive API is the standard choice. I'll define an Args struct with #[derive(Parser)]."),
        T("Bash", "cargo add clap --features derive && cargo build", "    Updating crates.io index\n      Adding clap v4.5.4 to dependencies.\n             Features:\n             + derive\n   Compiling clap v4.5.4\n   Compiling logtail v0.3.0 (/home/dev/logtail)\n    Finished dev [unoptimized + debuginfo] target(s) in 14.21s"),
        U("good, clap derive stays. next: the shipping is blocking. I read async-std is lighter than tokio, can we use that?"),
        T("Bash", "cargo add async-std --features attributes && cargo build", "   Compiling async-std v1.12.0\nerror[E0277]: `Cannot start a runtime from within a runtime`\nthread 'main' panicked at 'there is no reactor running, must be called from the context of a Tokio 1.x runtime', /home/dev/.cargo/registry/src/reqwest-0.12.4/src/connect.rs:31:9", exit_code=101),
        A("reqwest is built on tokio (hyper needs a tokio reactor), so calling it from an async-std executor panics with 'there is no reactor running'. Mixing the two runtimes isn't going to work without a compat layer."),
        U("ok screw it, revert async-std, we stay on tokio then."),
        T("Bash", "cargo remove async-std && cargo add tokio --features rt-multi-thread,macros,fs,io-util && cargo build", "    Removing async-std from dependencies\n   Compiling tokio v1.37.0\n   Compiling logtail v0.3.0\n    Finished dev [unoptimized + debuginfo] target(s) in 21.90s"),
        T("Bash", "cargo test", "running 14 tests\ntest follow::tests::reads_appended_lines ... ok\ntest follow::tests::handles_truncation ... FAILED\ntest ship::tests::batches_lines ... ok\n\nfailures:\n\n---- follow::tests::handles_truncation stdout ----\nthread 'follow::tests::handles_truncation' panicked at src/follow.rs:77:14:\nattempt to subtract with overflow\n\ntest result: FAILED. 13 passed; 1 failed", exit_code=101),
        A("When the file is truncated (logrotate copytruncate), the new length is smaller than our saved offset and `len - offset` underflows at src/follow.rs:77. We need to detect truncation: if len < offset, reset offset to 0 and read from the start."),
        T("Edit", "src/follow.rs", "Applied edit: if meta.len() < self.offset { self.offset = 0 } before computing the bytes to read; use saturating_sub"),
        T("Bash", "cargo test", "running 14 tests\ntest follow::tests::reads_appended_lines ... ok\ntest follow::tests::handles_truncation ... ok\ntest ship::tests::batches_lines ... ok\n\ntest result: ok. 14 passed; 0 failed; 0 ignored"),
        U("sweet. I always want clippy clean with -D warnings before I commit, fyi"),
        T("Bash", "cargo clippy -- -D warnings", "    Checking logtail v0.3.0 (/home/dev/logtail)\n    Finished dev [unoptimized + debuginfo] target(s) in 2.04s"),
        U("great. someone asked for windows support, paths with backslashes break the glob matching. that's for later."),
        A("Noted. Have a good day!"),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Rust CLI, edition 2021, rust 1.77", "all_of": ["rust"], "any_of": ["1.77", "2021", "cli"]},
        {"kind": "DECISION", "summary": "clap derive for args", "all_of": ["clap"], "any_of": ["derive"]},
        {"kind": "FAILED", "summary": "async-std reverted: reqwest needs tokio reactor", "all_of": ["async-std"], "any_of": ["tokio", "reactor", "reqwest"], "failure": True},
        {"kind": "BUG_FIX", "summary": "truncation: subtract with overflow -> reset offset", "all_of": [], "any_of": ["truncat", "overflow", "offset"], "files": ["src/follow.rs"]},
        {"kind": "PREFERENCE", "summary": "clippy -D warnings before commit", "all_of": ["clippy"], "any_of": ["warnings", "commit"]},
        {"kind": "TODO", "summary": "Windows paths with backslashes break glob matching", "all_of": ["windows"], "any_of": ["backslash", "glob", "path"]},
    ],
    "dead_ends": [{"summary": "async-std", "all_of": ["async-std"]}],
    "secrets": [],
}

plan_out = """Terraform used the selected providers to generate the following execution plan.

  # aws_db_instance.main will be created
  + resource "aws_db_instance" "main" {
      + allocated_storage = 50
      + engine            = "postgres"
      + engine_version    = "16.2"
      + password          = "Zq4$Lm8vNw2!Kp"
      + username          = "app"
    }

  # aws_iam_access_key.ci will be created
  + resource "aws_iam_access_key" "ci" {
      + id     = "AKIAQW3E5R7T9Y1U2I4O"
      + secret = "p9Lk7Jh5Gf3Ds1Aq2We4Rt6Yu8Io0PzXcVbNmQa"
    }

Plan: 14 to add, 0 to change, 0 to destroy."""
tf = {
    "id": "terraform_platform", "project": "platform-infra",
    "cwd_files": ["envs/staging/main.tf", "modules/network/main.tf", "backend.tf"],
    "turns": [
        U("platform-infra: Terraform 1.7, AWS provider 5.x. State is currently local on my laptop (I know). Where should it go?"),
        A("Standard answer: an S3 backend with a DynamoDB table for state locking, versioning enabled on the bucket."),
        U("yep let's do exactly that, S3 bucket acme-tfstate + dynamodb lock table."),
        T("Write", "backend.tf", "File created: backend.tf\nterraform {\n  backend \"s3\" {\n    bucket         = \"acme-tfstate\"\n    key            = \"platform/terraform.tfstate\"\n    dynamodb_table = \"tf-locks\"\n  }\n}"),
        T("Bash", "terraform init -migrate-state", "Initializing the backend...\nSuccessfully configured the backend \"s3\"! Terraform will automatically\nuse this backend unless the backend configuration changes."),
        U("now staging vs prod. can we use terraform workspaces?"),
        A("Sure. I'll create staging and prod workspaces and switch values on terraform.workspace."),
        T("Bash", "terraform workspace new staging && terraform plan", "Created and switched to workspace \"staging\"!\n\nError: Invalid count argument\n\n  on modules/network/main.tf line 12, in resource \"aws_nat_gateway\" \"this\":\n  12:   count = terraform.workspace == \"prod\" ? 3 : var.nat_count\n\nThe \"count\" value depends on resource attributes that cannot be determined until apply", exit_code=1),
        A("I can work around it by passing nat_count through a map keyed by workspace..."),
        U("no. honestly workspaces make it too easy to apply prod from the wrong workspace, and every module ends up full of workspace conditionals. abandon workspaces: separate root directories envs/staging and envs/prod that call the same modules."),
        T("Bash", "terraform workspace select default && terraform workspace delete staging && mkdir -p envs/staging envs/prod", "Switched to workspace \"default\".\nDeleted workspace \"staging\"!"),
        T("Write", "envs/staging/main.tf", "File created: envs/staging/main.tf"),
        T("Bash", "cd envs/staging && terraform init && terraform plan", "Error: Cycle: module.network.aws_security_group.app, module.network.aws_security_group.db\n", exit_code=1),
        A("The two security groups reference each other inline (app allows db's SG, db allows app's SG), which is a cycle. I'll move the rules into separate aws_security_group_rule resources in modules/network/main.tf."),
        T("Edit", "modules/network/main.tf", "Applied edit: inline ingress blocks replaced by aws_security_group_rule.app_to_db and db_from_app"),
        T("Bash", "cd envs/staging && terraform plan", plan_out),
        A("Plan is clean: 14 to add. Note the plan prints the DB password and the CI access key secret in clear text; we should mark those sensitive."),
        U("ugh yes. ALWAYS mark secrets as sensitive = true in outputs and variables, across all my terraform."),
        T("Edit", "modules/db/variables.tf", "Applied edit: variable \"db_password\" { sensitive = true }"),
        U("ok apply tomorrow after review. still need to do: move the CI access key to OIDC so there's no long-lived key"),
        A("Sounds good, I'll note that down."),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Terraform 1.7, AWS provider 5", "all_of": ["terraform"], "any_of": ["1.7", "aws"]},
        {"kind": "DECISION", "summary": "S3 backend acme-tfstate + DynamoDB lock", "all_of": ["s3"], "any_of": ["dynamodb", "lock", "acme-tfstate"]},
        {"kind": "FAILED", "summary": "workspaces abandoned: wrong-workspace prod risk, conditionals; use envs dirs", "all_of": ["workspace"], "any_of": ["prod", "conditional", "envs", "wrong"], "failure": True},
        {"kind": "DECISION", "summary": "separate root dirs envs/staging and envs/prod", "all_of": ["envs/"], "any_of": ["staging", "prod", "director"]},
        {"kind": "BUG_FIX", "summary": "SG cycle -> aws_security_group_rule resources", "all_of": ["cycle"], "any_of": ["security_group_rule", "security group", "aws_security_group"], "files": ["modules/network/main.tf"]},
        {"kind": "PREFERENCE", "summary": "always sensitive = true for secrets", "all_of": ["sensitive"], "any_of": ["secret", "true"]},
        {"kind": "TODO", "summary": "CI access key -> OIDC", "all_of": ["oidc"], "any_of": ["ci", "key"]},
    ],
    "dead_ends": [{"summary": "terraform workspaces", "all_of": ["workspaces"]}],
    "secrets": ["Zq4$Lm8vNw2!Kp", "p9Lk7Jh5Gf3Ds1Aq2We4Rt6Yu8Io0PzXcVbNmQa", "AKIAQW3E5R7T9Y1U2I4O"],
}

npe = """java.lang.NullPointerException: Cannot invoke "java.math.BigDecimal.multiply(java.math.BigDecimal)" because "line.getTaxRate()" is null
\tat com.acme.billing.invoice.InvoiceService.totalFor(InvoiceService.java:88)
\tat com.acme.billing.invoice.InvoiceService.issue(InvoiceService.java:54)
\tat com.acme.billing.invoice.InvoiceServiceTest.issuesInvoiceForTaxExemptCustomer(InvoiceServiceTest.java:71)"""
maven_lines = "\n".join(f"[INFO] Tests run: {n}, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: {n/7:.2f} s -- in com.acme.billing.{p}Test"
                        for n, p in zip(range(3, 90), ["invoice.Invoice", "tax.Tax", "customer.Customer", "ledger.Ledger", "export.Export"] * 20))
java = {
    "id": "java_billing", "project": "billing",
    "cwd_files": ["src/main/java/com/acme/billing/invoice/InvoiceService.java", "pom.xml"],
    "turns": [
        U("billing service, Spring Boot 3.2 on Java 21, Maven, Postgres with Flyway migrations. Issuing an invoice for tax-exempt customers crashes. Also I want to clean up the Invoice entity construction."),
        T("Bash", "cat pom.xml | head -60", "<project>\n  <parent>\n    <groupId>org.springframework.boot</groupId>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>3.2.5</version>\n  </parent>\n  <properties>\n    <java.version>21</java.version>\n  </properties>\n  <dependencies>\n    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency>\n    <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>\n  </dependencies>\n</project>"),
        T("Bash", "cat src/main/java/com/acme/billing/invoice/InvoiceService.java", code_file(51, "java", 140)),
        T("Bash", "./mvnw -q test -Dtest=InvoiceServiceTest", npe + "\n[ERROR] Tests run: 12, Failures: 0, Errors: 1, Skipped: 0\n[ERROR] BUILD FAILURE", exit_code=1),
        A("Tax-exempt customers have no tax rate, so line.getTaxRate() is null and totalFor multiplies by null at InvoiceService.java:88. The fix: treat a null tax rate as BigDecimal.ZERO."),
        T("Edit", "src/main/java/com/acme/billing/invoice/InvoiceService.java", "Applied edit: totalFor uses Objects.requireNonNullElse(line.getTaxRate(), BigDecimal.ZERO)"),
        T("Bash", "./mvnw -q test", maven_lines + "\n[INFO] Tests run: 412, Failures: 0, Errors: 0, Skipped: 2\n[INFO] BUILD SUCCESS"),
        A("All 412 tests pass. Now for the entity construction: I'll put Lombok's @Builder on Invoice so call sites use Invoice.builder()."),
        T("Bash", "./mvnw -q compile", "[INFO] Compiling 188 source files"),
        T("Bash", "./mvnw -q test", maven_lines + "\n[ERROR] InvoiceRepositoryTest.findsByCustomer:34 » JpaSystem No default constructor for entity 'com.acme.billing.invoice.Invoice'\n[ERROR] Tests run: 412, Failures: 0, Errors: 9, Skipped: 2\n[ERROR] BUILD FAILURE", exit_code=1),
        A("@Builder generates an all-args constructor and removes the implicit no-args one, which JPA/Hibernate needs to instantiate entities. Adding @NoArgsConstructor(access = PROTECTED) plus @AllArgsConstructor would fix it."),
        U("no, I don't want lombok on JPA entities at all, this is exactly the kind of magic that bites us. remove it. plain static factory methods on the entity."),
        T("Bash", "git checkout src/main/java/com/acme/billing/invoice/Invoice.java && ./mvnw -q dependency:tree | grep lombok", ""),
        T("Edit", "src/main/java/com/acme/billing/invoice/Invoice.java", "Applied edit: public static Invoice issue(Customer c, List<InvoiceLine> lines, Clock clock); protected no-args constructor for JPA"),
        T("Bash", "./mvnw -q test", maven_lines + "\n[INFO] Tests run: 412, Failures: 0, Errors: 0, Skipped: 2\n[INFO] BUILD SUCCESS"),
        U("good. and another thing: I always use constructor injection, never @Autowired on fields. applies to every Spring project of mine."),
        T("Bash", "grep -rn '@Autowired' src/main/java | head", "src/main/java/com/acme/billing/export/ExportJob.java:23:    @Autowired\nsrc/main/java/com/acme/billing/ledger/LedgerClient.java:17:    @Autowired"),
        T("Edit", "src/main/java/com/acme/billing/export/ExportJob.java", "Applied edit: final fields + constructor"),
        T("Edit", "src/main/java/com/acme/billing/ledger/LedgerClient.java", "Applied edit: final fields + constructor"),
        T("Bash", "cat src/main/resources/application-prod.yml", "spring:\n  datasource:\n    url: jdbc:postgresql://billing-db.prod:5432/billing\n    username: billing\n    password: hK3#bZ9qWm4Tx2Lr\nledger:\n  api-key: lk_prod_7Hq2Xw9Zr4Vb6Nm1Ts8Yc3Pd"),
        A("Careful: application-prod.yml contains the production DB password and the ledger API key in plain text. They should come from environment variables."),
        U("yes, I know, it's on the list. next session: move prod secrets out of application-prod.yml into env vars."),
        T("Bash", "./mvnw -q verify", maven_lines + "\n" + maven_lines + "\n[INFO] BUILD SUCCESS"),
        T("Bash", "cat src/main/java/com/acme/billing/ledger/LedgerClient.java", code_file(52, "java", 90)),
        T("Bash", "ls src/main/resources/db/migration", "V1__init.sql\nV2__customers.sql\nV3__invoices.sql\nV4__invoice_lines.sql\nV5__tax_rates.sql\nV6__ledger_sync.sql"),
        U("thanks, good work"),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Spring Boot 3.2, Java 21, Maven, Postgres, Flyway", "all_of": [], "any_of": ["spring boot", "java 21"]},
        {"kind": "BUG_FIX", "summary": "NPE for tax-exempt: null tax rate -> ZERO", "all_of": [], "any_of": ["taxrate", "tax rate", "tax-exempt", "nullpointer"], "files": ["src/main/java/com/acme/billing/invoice/InvoiceService.java"]},
        {"kind": "FAILED", "summary": "Lombok @Builder on JPA entity: no default constructor; rejected", "all_of": ["lombok"], "any_of": ["constructor", "jpa", "entit", "magic"], "failure": True},
        {"kind": "PATTERN", "summary": "entities use static factory methods", "all_of": ["factory"], "any_of": ["static", "entit"]},
        {"kind": "PREFERENCE", "summary": "constructor injection, never field @Autowired", "all_of": ["constructor injection"], "any_of": ["autowired", "field", "never"]},
        {"kind": "TODO", "summary": "move prod secrets from application-prod.yml to env vars", "all_of": ["secret"], "any_of": ["env", "application-prod"]},
    ],
    "dead_ends": [{"summary": "lombok builder", "all_of": ["lombok"]}],
    "secrets": ["hK3#bZ9qWm4Tx2Lr", "lk_prod_7Hq2Xw9Zr4Vb6Nm1Ts8Yc3Pd"],
}

chat = {
    "id": "chitchat_notes", "project": "notes-app",
    "cwd_files": ["README.md"],
    "turns": [
        U("hello there"),
        A("Hello! How can I help you today?"),
        U("just poking around the notes-app repo, not much to do honestly. what does this project even do, can you read the README"),
        T("Read", "README.md", "# notes-app\n\nA tiny Flask app for taking notes. Run `flask run`.\n"),
        A("It's a tiny Flask app for taking notes; you run it with `flask run`."),
        U("right. Do you think I should learn Rust or Go next?"),
        A("Both are great! Go is quicker to get productive in, Rust teaches you a lot about memory and ownership. It depends on what you want to build."),
        U("hmm I'll think about it. Also could you answer in short bullet points in the future, your answers are long"),
        A("Sure, short bullet points from now on."),
        U("thanks, talk later"),
        A("Bye!"),
    ],
    "gold": [
        {"kind": "PREFERENCE", "summary": "short bullet-point answers", "all_of": ["bullet"], "any_of": ["short"]},
    ],
    "dead_ends": [],
    "secrets": [],
}

if __name__ == "__main__":
    for s in (go_auth_a, go_auth_b, django, react, rust, tf, java, chat):
        print(write(s))
