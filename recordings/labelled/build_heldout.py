"""Held-out labelled sessions. Written before the rules were tuned; rules are never tuned on them."""

from __future__ import annotations

from _gen import A, T, U, code_file, dep_list, pytest_log, write

SUB = "heldout"

orders = {
    "id": "orders_api", "project": "orders-api",
    "cwd_files": ["src/http/json.ts", "src/db/client.ts", "prisma/schema.prisma"],
    "turns": [
        U("hey! new service today. orders-api, Express 4 with TypeScript 5.4 on Node 20. we need some kind of ORM on top of postgres, what would you pick?"),
        A("Good question. A few common choices for TypeScript + Postgres are TypeORM, Prisma, Drizzle and MikroORM. TypeORM is the most traditional, entity classes with decorators. Let me set up TypeORM and we can see how it feels."),
        T("Bash", "npm install typeorm reflect-metadata pg", "added 38 packages, and audited 212 packages in 6s\n\n24 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities"),
        T("Write", "src/db/entities/Order.ts", "File created: src/db/entities/Order.ts"),
        T("Bash", "npx tsc --noEmit", "src/db/entities/Order.ts(5,3): error TS1240: Unable to resolve signature of property decorator when called as an expression.\n  Argument of type 'undefined' is not assignable to parameter of type 'Object'.\nsrc/db/entities/Order.ts(8,3): error TS1240: Unable to resolve signature of property decorator when called as an expression.\nsrc/db/entities/Order.ts(11,3): error TS1240: Unable to resolve signature of property decorator when called as an expression.\nFound 3 errors in the same file (starting at src/db/entities/Order.ts:5)", exit_code=2),
        A("These errors come from TypeScript 5's standard decorators: TypeORM still relies on the legacy ones. The fix is to enable \"experimentalDecorators\": true and \"emitDecoratorMetadata\": true in tsconfig.json."),
        U("meh. I really don't want experimentalDecorators in this codebase, it's legacy stuff. rip TypeORM out, let's not go down that road."),
        A("Understood, removing TypeORM. Prisma doesn't use decorators at all: the schema lives in prisma/schema.prisma and the client is generated."),
        T("Bash", "npm uninstall typeorm reflect-metadata && rm -r src/db/entities && npm install prisma @prisma/client && npx prisma init", "removed 37 packages in 2s\nadded 6 packages in 9s\n\n✔ Your Prisma schema was created at prisma/schema.prisma\n  You can now open it in your favorite editor.\n\nNext steps:\n1. Set the DATABASE_URL in the .env file to point to your existing database."),
        T("Bash", "cat .env", "DATABASE_URL=\"postgresql://orders:q7N!vR2s9LxW@localhost:5432/orders\"\nSTRIPE_SECRET_KEY=sk_live_51HxQ2mLkT9vBnW3zR8cYp0aJdE4fGhK7sUuVi\nPORT=3000"),
        A("The .env already has a DATABASE_URL, good. I'll write the Order and OrderLine models."),
        T("Edit", "prisma/schema.prisma", "model Order {\n  id        BigInt      @id @default(autoincrement())\n  customer  String\n  createdAt DateTime    @default(now())\n  lines     OrderLine[]\n}\n"),
        T("Bash", "npx prisma migrate dev --name init", "Environment variables loaded from .env\nPrisma schema loaded from prisma/schema.prisma\nDatasource \"db\": PostgreSQL database \"orders\", schema \"public\" at \"localhost:5432\"\n\nApplying migration `20240611093012_init`\n\nYour database is now in sync with your schema.\n\n✔ Generated Prisma Client (v5.15.0) to ./node_modules/@prisma/client in 91ms"),
        U("nice, that's much cleaner. ok Prisma is the ORM for this service, done deal."),
        U("next thing: GET /orders/42 blows up with a 500, can you look"),
        T("Bash", "curl -s localhost:3000/orders/42; tail -n 12 logs/dev.log", "{\"error\":\"internal\"}\nTypeError: Do not know how to serialize a BigInt\n    at JSON.stringify (<anonymous>)\n    at stringify (node_modules/express/lib/response.js:1160:12)\n    at ServerResponse.json (node_modules/express/lib/response.js:271:14)\n    at getOrder (src/routes/orders.ts:27:9)"),
        A("The order id is a BigInt (from the Prisma schema) and JSON.stringify can't serialize BigInt values. I'll set an Express JSON replacer that turns bigint into a string, in src/http/json.ts, and register it in app.ts."),
        T("Write", "src/http/json.ts", "File created: src/http/json.ts\nexport const bigintReplacer = (_key: string, value: unknown) =>\n  typeof value === \"bigint\" ? value.toString() : value;"),
        T("Bash", "npx vitest run tests/orders.test.ts", " ✓ tests/orders.test.ts (4)\n   ✓ GET /orders/:id returns the order\n   ✓ GET /orders/:id returns 404 for unknown id\n   ✓ POST /orders creates an order\n   ✓ ids are serialized as strings\n\n Test Files  1 passed (1)\n      Tests  4 passed (4)"),
        U("works. btw one thing about how I write TS in general: no default exports anywhere, ever. named exports only please."),
        A("Noted, I'll stick to named exports. I checked the files I created and they already use named exports."),
        U("cool. that's enough for today I think. tomorrow we still need idempotency keys on POST /orders, don't let me forget."),
        A("Sounds good! Have a nice evening."),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Express 4 + TypeScript 5.4 on Node 20, Postgres", "all_of": ["express"], "any_of": ["typescript", "node", "ts"]},
        {"kind": "DECISION", "summary": "Prisma is the ORM", "all_of": ["prisma"], "any_of": ["orm", "decided", "use", "schema", "prisma is", "chose", "going with", "adopt", "switch"]},
        {"kind": "FAILED", "summary": "TypeORM abandoned: needs experimentalDecorators", "all_of": ["typeorm"], "any_of": ["decorator"], "failure": True},
        {"kind": "BUG_FIX", "summary": "BigInt ids cannot be JSON serialized -> replacer to string", "all_of": ["bigint"], "any_of": ["serializ", "replacer", "string", "json"], "files": ["src/http/json.ts"]},
        {"kind": "PREFERENCE", "summary": "named exports only, no default exports", "all_of": ["export"], "any_of": ["named", "default"]},
        {"kind": "TODO", "summary": "idempotency keys on POST /orders", "all_of": ["idempotency"], "any_of": ["orders", "post"]},
    ],
    "dead_ends": [{"summary": "TypeORM", "all_of": ["typeorm"]}],
    "secrets": ["q7N!vR2s9LxW", "sk_live_51HxQ2mLkT9vBnW3zR8cYp0aJdE4fGhK7sUuVi"],
}

feature_files = ["tests/test_features.py", "tests/test_io.py", "tests/test_tenure.py", "tests/test_spend.py"]
tenure_fail = """____________________________ test_tenure_days_utc _____________________________

    def test_tenure_days_utc():
        df = pl.DataFrame({"signup": ["2024-03-30T23:30:00+01:00"], "asof": ["2024-04-01"]})
        out = tenure_days(df.lazy()).collect()
>       assert out["tenure_days"][0] == 2
E       AssertionError: assert 1 == 2

tests/test_tenure.py:18: AssertionError"""
churn = {
    "id": "churn_features", "project": "churn-features",
    "cwd_files": ["features/tenure.py", "features/io.py", "dags/churn_features.py"],
    "turns": [
        U("The churn feature job (dags/churn_features.py -> features/) takes ~40 minutes and got OOM-killed twice this week on the 8 GB Airflow worker. Python 3.11, pandas 2.2, reading ~60 parquet partitions from s3. Can we make it faster and smaller?"),
        A("Let me look at the current code and profile it first."),
        T("Bash", "cat features/build.py", code_file(11, "py", 60)),
        T("Bash", "python -m memray run -o build.bin features/build.py --sample 0.1 && python -m memray stats build.bin", "📏 Total allocations:\n        41285112\n\n📦 Total memory allocated:\n        61.407GB\n\n📊 Histogram of allocation size:\n        min: 1.000B\n        max: 2.105GB\n\n🥇 Top 5 largest allocating locations (by size):\n        - concat:pandas/core/reshape/concat.py:393 -> 18.230GB\n        - read_table:pyarrow/parquet/core.py:1793 -> 11.002GB\n        - merge:pandas/core/reshape/merge.py:184 -> 9.871GB\n        - _get_combined_index:pandas/core/indexes/api.py:127 -> 4.113GB\n        - apply:pandas/core/apply.py:903 -> 2.009GB\n\nPeak memory usage: 7.62GB"),
        A("Most of the memory goes into concatenating all partitions at once and then merging. One idea is to process partitions in parallel with multiprocessing.Pool, one partition per worker, and combine the aggregated results at the end. That should cut the wall time a lot."),
        T("Edit", "features/build.py", "Applied edit: build_all() now maps build_partition over partitions with multiprocessing.Pool(processes=4)"),
        T("Bash", "python features/build.py --sample 0.25", "INFO  loading 60 partitions\nINFO  pool started with 4 workers\nTraceback (most recent call last):\n  File \"/usr/lib/python3.11/multiprocessing/pool.py\", line 125, in worker\n    result = (True, func(*args, **kwds))\nMemoryError\nKilled\n", exit_code=137),
        A("The pool workers each receive a pickled copy of the customers DataFrame that build_partition joins against, so memory grows with the worker count. I could try sharing it via shared memory or use dask instead, which handles out-of-core frames."),
        U("nope, the pool is strictly worse - four copies of the customer table, that's why it died. revert it. and dask is not an option, ops won't run another cluster thing for us."),
        T("Bash", "git checkout features/build.py", "Updated 1 path from the index"),
        A("Reverted. Then my suggestion is polars: scan_parquet gives a lazy query plan, and collect(streaming=True) processes it in batches, so we never hold all partitions in memory. It is a single process, no cluster."),
        T("Bash", "pip install 'polars==0.20.31'", "Collecting polars==0.20.31\n  Downloading polars-0.20.31-cp38-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (28.7 MB)\nInstalling collected packages: polars\nSuccessfully installed polars-0.20.31"),
        T("Bash", "pip freeze", dep_list(12, "", 140)),
        T("Write", "features/build.py", code_file(13, "py", 45)),
        T("Bash", "/usr/bin/time -v python features/build.py --all 2>&1 | egrep 'Elapsed|Maximum resident'", "\tElapsed (wall clock) time (h:mm:ss or m:ss): 6:02.11\n\tMaximum resident set size (kbytes): 2193408"),
        A("Full run: 6 minutes instead of ~40, peak RSS 2.1 GB instead of 7.6 GB."),
        U("holy, 6 min and 2 gigs. yes - we're moving the job to polars with the lazy/streaming setup. please port the remaining pandas bits too."),
        T("Bash", "python -m pytest -q", pytest_log(14, feature_files, 160, fail=tenure_fail)),
        A("One failure in test_tenure_days_utc: tenure is off by one day. The signup timestamp has a +01:00 offset, and the new code strips the timezone before the date difference, so 23:30+01:00 becomes the 30th instead of the 30th 22:30 UTC... let me check which side is wrong."),
        T("Bash", "python - <<'P'\nimport polars as pl\nprint(pl.Series(['2024-03-30T23:30:00+01:00']).str.to_datetime().dt.convert_time_zone('UTC'))\nP", "shape: (1,)\nSeries: '' [datetime[μs, UTC]]\n[\n\t2024-03-30 22:30:00 UTC\n]"),
        A("Cause: features/tenure.py parsed signup as a naive datetime and compared it to a UTC as-of date. Converting signup to UTC with dt.convert_time_zone('UTC') before the subtraction fixes it."),
        T("Edit", "features/tenure.py", "Applied edit: signup parsed with str.to_datetime(time_zone='UTC') before the diff"),
        T("Bash", "python -m pytest -q", pytest_log(15, feature_files, 160)),
        U("great. house rule for this repo btw: feature functions stay pure, they take and return LazyFrames, all the s3/parquet I/O lives in features/io.py only."),
        A("Makes sense. I moved the two scan_parquet calls that were inside feature functions into features/io.py."),
        T("Bash", "git diff --stat", " dags/churn_features.py |   6 +-\n features/build.py      | 212 ++++++-------\n features/io.py         |  41 +++\n features/tenure.py     |  14 +-\n 4 files changed, 141 insertions(+), 132 deletions(-)"),
        T("Bash", "env | grep -i aws", "AWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=AKIA5XKQ7RJ2MNB4TZLW\nAWS_SECRET_ACCESS_KEY=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"),
        A("Credentials are present for the backfill. Should I start the 2023 backfill now?"),
        U("no, hold the 2023 backfill until the DAG change is merged and deployed. we'll do it after."),
        A("Okay. Let me know when the DAG change is merged."),
        U("thanks, that's a great result"),
        A("You're welcome! Glad the job fits on the worker now."),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Python 3.11 Airflow job, parquet on s3", "all_of": [], "any_of": ["python 3.11", "airflow", "parquet"]},
        {"kind": "DECISION", "summary": "polars lazy/streaming for the feature job", "all_of": ["polars"], "any_of": ["lazy", "stream", "scan_parquet", "moving", "job", "port"]},
        {"kind": "FAILED", "summary": "multiprocessing.Pool: OOM, each worker copies the customer table", "all_of": ["pool"], "any_of": ["memory", "oom", "copies", "copy", "killed", "137"], "failure": True},
        {"kind": "FAILED", "summary": "dask rejected: ops won't run another cluster", "all_of": ["dask"], "any_of": ["ops", "cluster", "not an option"], "failure": True},
        {"kind": "BUG_FIX", "summary": "tenure off by one: naive vs UTC datetime", "all_of": ["tenure"], "any_of": ["utc", "time zone", "timezone", "time_zone"], "files": ["features/tenure.py"]},
        {"kind": "PATTERN", "summary": "feature functions pure, I/O only in features/io.py", "all_of": ["features/io.py"], "any_of": ["pure", "i/o", "io"]},
        {"kind": "TODO", "summary": "2023 backfill after the DAG change is merged", "all_of": ["backfill"], "any_of": ["2023", "dag", "merged"]},
    ],
    "dead_ends": [{"summary": "multiprocessing pool", "all_of": ["multiprocessing"]}, {"summary": "dask", "all_of": ["dask"]}],
    "secrets": ["wJr8Qk2mZ9vXn4LpT6yHs1dF0gBaE3cR7uVtNiOq", "AKIA5XKQ7RJ2MNB4TZLW"],
}

rails = {
    "id": "rails_signup", "project": "tenant-portal",
    "cwd_files": ["app/controllers/registrations_controller.rb", "db/migrate/20240502_add_unique_index_to_users_email.rb"],
    "turns": [
        U("morning! how's it going"),
        A("Good morning! Doing well, thanks. What are we working on today?"),
        U("tenant-portal (rails 7.1, ruby 3.3). two things: the CSV import is slow and blocks the request, and we get ActiveRecord::RecordNotUnique in sentry from the signup form"),
        A("Let's start with the exception. I'll look at the Sentry trace and the controller."),
        T("Bash", "bin/rails runner 'puts Sentry::Event.last(1)' 2>/dev/null || cat tmp/sentry_last.txt", "ActiveRecord::RecordNotUnique: PG::UniqueViolation: ERROR:  duplicate key value violates unique constraint \"index_users_on_lower_email\"\nDETAIL:  Key (lower(email::text))=(maria@example.org) already exists.\n  app/controllers/registrations_controller.rb:14:in `create'\n  actionpack (7.1.3) lib/action_controller/metal/basic_implicit_render.rb:6:in `send_action'"),
        A("Two submits of the form race each other: both pass the uniqueness validation, then the second insert hits the database index. The validation alone can't prevent it."),
        T("Bash", "bundle exec rspec spec/requests/registrations_spec.rb", "F..\n\nFailures:\n\n  1) Registrations double submit shows a friendly error\n     Failure/Error: post registrations_path, params: params\n     ActiveRecord::RecordNotUnique:\n       PG::UniqueViolation: ERROR:  duplicate key value violates unique constraint \"index_users_on_lower_email\"\n     # ./app/controllers/registrations_controller.rb:14:in `create'\n\n3 examples, 1 failure", exit_code=1),
        T("Edit", "app/controllers/registrations_controller.rb", "Applied edit: rescue ActiveRecord::RecordNotUnique in create, add error to user.email and re-render :new with status 422"),
        T("Bash", "bundle exec rspec spec/requests/registrations_spec.rb", "...\n\nFinished in 0.81 seconds (files took 2.3 seconds to load)\n3 examples, 0 failures"),
        A("Fixed: the controller now rescues RecordNotUnique and shows 'email already taken' instead of a 500."),
        U("perfect. now the import. I want it in a background job"),
        A("For background jobs in Rails 7.1 you could use Sidekiq (Redis) or GoodJob/Solid Queue (Postgres). Which would you like?"),
        U("we already run redis for caching, so let's just use sidekiq. not adding another thing."),
        T("Bash", "bundle add sidekiq && bin/rails g sidekiq:job CsvImport", "Fetching gem metadata from https://rubygems.org/........\nResolving dependencies...\nInstalling sidekiq 7.2.4\n      create  app/sidekiq/csv_import_job.rb\n      create  spec/sidekiq/csv_import_job_spec.rb"),
        A("Job created. For the progress bar I'll broadcast progress over Turbo Streams (ActionCable) from the job."),
        T("Edit", "app/sidekiq/csv_import_job.rb", "Applied edit: Turbo::StreamsChannel.broadcast_replace_to(import, target: 'progress', ...) every 100 rows"),
        U("hmm the progress bar never moves on staging. console says: WebSocket connection to 'wss://staging.tenant-portal.io/cable' failed"),
        T("Bash", "curl -si -H 'Connection: Upgrade' -H 'Upgrade: websocket' https://staging.tenant-portal.io/cable | head -3", "HTTP/1.1 400 Bad Request\nServer: nginx\nContent-Type: text/html"),
        A("Nginx on staging does not pass the WebSocket upgrade through to /cable. We could ask infra to add the proxy_set_header Upgrade config..."),
        U("no way, infra takes weeks for nginx changes. forget the cable stuff, just poll the import status every 2 seconds from the page."),
        T("Edit", "app/javascript/controllers/import_progress_controller.js", "Applied edit: Stimulus controller polls GET /imports/:id/status every 2000 ms until state is done"),
        T("Edit", "app/sidekiq/csv_import_job.rb", "Applied edit: removed Turbo broadcasts; job updates import.progress column every 100 rows"),
        T("Bash", "bundle exec rspec", "..........................................................\n\nFinished in 14.2 seconds (files took 3.1 seconds to load)\n58 examples, 0 failures"),
        U("works on staging now. general thing about me: keep commits small, one concern per commit. split this into two commits"),
        T("Bash", "git add app/controllers spec/requests && git commit -m 'Handle duplicate signup submits' && git add -A && git commit -m 'Import CSV in a Sidekiq job with polled progress'", "[main 4e1a2c9] Handle duplicate signup submits\n 2 files changed, 21 insertions(+), 2 deletions(-)\n[main 9b7d0f1] Import CSV in a Sidekiq job with polled progress\n 6 files changed, 133 insertions(+), 41 deletions(-)"),
        U("lol thanks. have a good one"),
        A("You too!"),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Rails 7.1, Ruby 3.3", "all_of": [], "any_of": ["rails 7", "ruby 3"]},
        {"kind": "BUG_FIX", "summary": "double submit RecordNotUnique -> rescue in create, 422", "all_of": ["recordnotunique"], "any_of": ["rescue", "registrations_controller", "double", "signup"]},
        {"kind": "DECISION", "summary": "Sidekiq for background jobs (Redis already there)", "all_of": ["sidekiq"], "any_of": ["redis", "job", "background", "use"]},
        {"kind": "FAILED", "summary": "Turbo Streams/ActionCable progress: nginx blocks websocket", "all_of": [], "any_of": ["cable", "websocket", "turbo"], "failure": True},
        {"kind": "PREFERENCE", "summary": "small commits, one concern per commit", "all_of": ["commit"], "any_of": ["small", "one concern"]},
    ],
    "dead_ends": [{"summary": "turbo stream broadcast", "all_of": ["turbo"]}, {"summary": "actioncable", "all_of": ["cable"]}],
    "secrets": [],
}

k8s_a = {
    "id": "payments_deploy_a", "project": "payments-deploy",
    "cwd_files": ["charts/payments/values.yaml", "charts/payments/templates/deployment.yaml"],
    "turns": [
        U("We need to get the payments service onto the new EKS cluster (k8s 1.29). Plain manifests are getting copy-pasted between staging and prod. What should we use to template them?"),
        A("The two usual options are Helm and Kustomize. Helm gives you a chart with values per environment; Kustomize uses overlays without templating. Helm also makes it easy to share the chart with other teams."),
        U("we'll do a helm chart, per-env values files. staging and prod."),
        T("Bash", "helm create charts/payments && ls charts/payments", "Creating charts/payments\nChart.yaml\ncharts\ntemplates\nvalues.yaml"),
        T("Write", "charts/payments/values-staging.yaml", "File created: charts/payments/values-staging.yaml"),
        T("Bash", "helm upgrade --install payments charts/payments -f charts/payments/values-staging.yaml -n payments && kubectl -n payments get pods", "Release \"payments\" has been upgraded. Happy Helming!\nNAME                        READY   STATUS             RESTARTS      AGE\npayments-7d9c8b6f5d-2xkqp   0/1     CrashLoopBackOff   5 (31s ago)   4m"),
        T("Bash", "kubectl -n payments describe pod payments-7d9c8b6f5d-2xkqp | tail -8", "Events:\n  Type     Reason     Age                From     Message\n  ----     ------     ----               ----     -------\n  Warning  Unhealthy  3m (x12 over 4m)   kubelet  Liveness probe failed: HTTP probe failed with statuscode: 404\n  Normal   Killing    3m (x4 over 4m)    kubelet  Container payments failed liveness probe, will be restarted"),
        A("The liveness probe hits /healthz, but the service exposes its health endpoint at /health, so the kubelet keeps restarting the container. I'll change the probe path in templates/deployment.yaml."),
        T("Edit", "charts/payments/templates/deployment.yaml", "Applied edit: livenessProbe.httpGet.path and readinessProbe.httpGet.path -> {{ .Values.healthPath }} (default /health)"),
        T("Bash", "helm upgrade payments charts/payments -f charts/payments/values-staging.yaml -n payments && sleep 60 && kubectl -n payments get pods", "Release \"payments\" has been upgraded. Happy Helming!\nNAME                        READY   STATUS    RESTARTS   AGE\npayments-5f6b7c9d8-h4mzt    1/1     Running   0          58s"),
        U("running, nice. Can we get automatic image updates when CI pushes a new tag?"),
        A("Argo CD Image Updater can watch the ECR repository and bump the image tag. Let me configure it."),
        T("Bash", "kubectl -n argocd logs deploy/argocd-image-updater | tail -4", "time=\"2024-06-12T10:14:03Z\" level=error msg=\"Could not get tags from registry: denied: Your authorization token has expired. Reauthenticate and try again.\" alias=payments image_name=payments registry_url=381492760155.dkr.ecr.eu-central-1.amazonaws.com\ntime=\"2024-06-12T10:16:03Z\" level=error msg=\"Could not get tags from registry: denied: Your authorization token has expired.\""),
        A("The image updater's ECR credentials expire after 12 hours; it needs a credentials helper script or a CronJob that refreshes the pull secret."),
        T("Bash", "kubectl -n payments get secret payments-env -o jsonpath='{.data.STRIPE_KEY}' | base64 -d", "rk_live_51PqR8sTuVwXyZ0aBcDeFgHiJkLmNoP"),
        U("ugh, this is turning into a yak shave. kill the image updater idea, CI will just run helm upgrade with the new tag."),
        A("Okay, I removed the image-updater annotations. The CI job will run `helm upgrade --set image.tag=$CI_COMMIT_SHA`."),
        T("Edit", ".gitlab-ci.yml", "Applied edit: deploy-staging job runs helm upgrade payments charts/payments -f values-staging.yaml --set image.tag=$CI_COMMIT_SHA"),
        U("good. prod values file is still missing, we need that before friday."),
    ],
    "gold": [
        {"kind": "DECISION", "summary": "Helm chart with per-env values files", "all_of": ["helm"], "any_of": ["chart", "values", "per-env", "env"]},
        {"kind": "BUG_FIX", "summary": "CrashLoopBackOff: probe path /healthz vs /health", "all_of": ["/health"], "any_of": ["probe", "liveness", "crashloop"]},
        {"kind": "FAILED", "summary": "Argo CD Image Updater abandoned: ECR token expiry", "all_of": ["image updater"], "any_of": ["ecr", "token", "expire", "credential", "yak", "auth"], "failure": True},
        {"kind": "TODO", "summary": "prod values file before friday", "all_of": ["prod"], "any_of": ["values", "friday"]},
    ],
    "dead_ends": [{"summary": "argo image updater", "all_of": ["image updater"]}],
    "secrets": ["rk_live_51PqR8sTuVwXyZ0aBcDeFgHiJkLmNoP"],
}

k8s_b = {
    "id": "payments_deploy_b", "project": "payments-deploy",
    "cwd_files": ["deploy/base/kustomization.yaml", "deploy/overlays/prod/kustomization.yaml"],
    "turns": [
        U("ok so the helm chart for payments has become a mess of if/else in the templates now that prod has different sidecars. I think we should move off helm to kustomize: a base plus staging/prod overlays."),
        A("That's a reasonable move: with Kustomize the prod differences become patches in an overlay instead of conditionals. Shall I convert the rendered chart into a base?"),
        U("yes do it"),
        T("Bash", "mkdir -p deploy/base deploy/overlays/{staging,prod} && helm template payments charts/payments -f charts/payments/values-staging.yaml > deploy/base/all.yaml && wc -l deploy/base/all.yaml", "  214 deploy/base/all.yaml"),
        T("Write", "deploy/base/kustomization.yaml", "File created: deploy/base/kustomization.yaml"),
        T("Write", "deploy/overlays/prod/kustomization.yaml", "File created: deploy/overlays/prod/kustomization.yaml (patches: sidecar-envoy.yaml, replicas.yaml)"),
        T("Bash", "kubectl kustomize deploy/overlays/prod | kubectl apply --dry-run=server -f -", "service/payments configured (server dry run)\ndeployment.apps/payments configured (server dry run)\nhorizontalpodautoscaler.autoscaling/payments configured (server dry run)"),
        A("The prod overlay renders and validates against the API server."),
        U("great, from now on deploys go through kustomize overlays; delete the chart once CI is switched."),
        T("Edit", ".gitlab-ci.yml", "Applied edit: deploy jobs run kubectl apply -k deploy/overlays/$ENV"),
        T("Bash", "git rm -r -q charts/payments && git status --short | head -5", "D  charts/payments/Chart.yaml\nD  charts/payments/templates/deployment.yaml\nD  charts/payments/values-staging.yaml\nD  charts/payments/values.yaml"),
        U("thanks!"),
    ],
    "gold": [
        {"kind": "DECISION", "summary": "Kustomize base + overlays instead of Helm", "all_of": ["kustomize"], "any_of": ["overlay", "base", "helm"]},
    ],
    "dead_ends": [],
    "secrets": [],
    "supersedes": [{"old_session": "payments_deploy_a", "old_all_of": ["helm", "values"], "new_all_of": ["kustomize"]}],
}

if __name__ == "__main__":
    for s in (orders, churn, rails, k8s_a, k8s_b):
        print(write(s, SUB))
