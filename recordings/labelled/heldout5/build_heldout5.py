#!/usr/bin/env python3
"""Build the heldout5 labelled sessions (written blind to the distiller) and validate them:
every keyword must occur in its session's text and every secret verbatim, so a gold fact is
always reachable by a faithful distiller. Deterministic (seeded) so reruns give equal files."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RNG = random.Random(5)


def U(text: str) -> dict:
    return {"role": "user", "text": text}


def A(text: str) -> dict:
    return {"role": "assistant", "text": text}


def T(name: str, inp: str, out: str) -> dict:
    return {"role": "tool", "name": name, "input": inp, "output": out}


def G(kind: str, summary: str, all_of: list[str], any_of: list[str], files: list[str] | None = None,
      failure: bool = False) -> dict:
    g = {"kind": kind, "summary": summary, "all_of": all_of, "any_of": any_of, "files": files or []}
    if failure:
        g["failure"] = True
    return g


def D(summary: str, all_of: list[str]) -> dict:
    return {"summary": summary, "all_of": all_of}


def hexid(n: int) -> str:
    return "".join(RNG.choice("0123456789abcdef") for _ in range(n))


NG_FIELDS = ["plate", "depot", "model", "mileage", "nextServiceAt", "driver", "status", "fuelLevel", "lastSeenAt", "vin"]


def _ng_list_component() -> str:
    """A realistically long component file, the kind an assistant reads in full."""
    sorters = "\n".join(
        f"      case '{f}':\n        return dir * compare(a.{f}, b.{f});" for f in NG_FIELDS)
    formatters = "\n\n".join(
        f"  format{f[0].upper() + f[1:]}(v: Vehicle): string {{\n    return v.{f} == null ? '—' : String(v.{f});\n  }}"
        for f in NG_FIELDS)
    return (
        "import { Component, OnInit, inject, Input, Output, EventEmitter } from '@angular/core';\n"
        "import { NgFor, NgIf, NgClass, DatePipe, DecimalPipe } from '@angular/common';\n"
        "import { FormsModule } from '@angular/forms';\n"
        "import { RouterLink } from '@angular/router';\n"
        "import { VehicleApi } from '../api/vehicle-api.service';\n"
        "import { Vehicle, SortField } from './vehicle.model';\n"
        "import { compare } from '../shared/compare';\n\n"
        "@Component({\n  selector: 'app-vehicle-list',\n  standalone: true,\n"
        "  imports: [NgFor, NgIf, NgClass, DatePipe, DecimalPipe, FormsModule, RouterLink],\n"
        "  templateUrl: './vehicle-list.component.html',\n  styleUrls: ['./vehicle-list.component.scss'],\n})\n"
        "export class VehicleListComponent implements OnInit {\n"
        "  private api = inject(VehicleApi);\n"
        "  @Input() pageSize = 25;\n  @Output() select = new EventEmitter<Vehicle>();\n\n"
        "  vehicles: Vehicle[] = [];\n  depots: string[] = [];\n  depot: string | null = null;\n"
        "  search = '';\n  sortField: SortField = 'plate';\n  sortDir: 1 | -1 = 1;\n  page = 0;\n  loading = false;\n"
        "  error: string | null = null;\n\n"
        "  ngOnInit(): void {\n    this.loading = true;\n    this.api.list().subscribe({\n"
        "      next: vs => { this.vehicles = vs; this.depots = [...new Set(vs.map(v => v.depot))].sort(); this.loading = false; },\n"
        "      error: e => { this.error = e.message ?? 'failed to load'; this.loading = false; },\n    });\n  }\n\n"
        "  get visible(): Vehicle[] {\n    const q = this.search.trim().toLowerCase();\n"
        "    return this.vehicles\n      .filter(v => !this.depot || v.depot === this.depot)\n"
        "      .filter(v => !q || v.plate.toLowerCase().includes(q) || v.driver?.toLowerCase().includes(q))\n"
        "      .sort((a, b) => this.sortBy(a, b))\n      .slice(this.page * this.pageSize, (this.page + 1) * this.pageSize);\n  }\n\n"
        "  private sortBy(a: Vehicle, b: Vehicle): number {\n    const dir = this.sortDir;\n    switch (this.sortField) {\n"
        + sorters + "\n      default:\n        return 0;\n    }\n  }\n\n"
        "  toggleSort(f: SortField): void {\n    this.sortDir = this.sortField === f ? (this.sortDir === 1 ? -1 : 1) : 1;\n    this.sortField = f;\n  }\n\n"
        "  isOverdue(v: Vehicle): boolean {\n    return !!v.nextServiceAt && new Date(v.nextServiceAt) < new Date();\n  }\n\n"
        + formatters + "\n}\n")


def _ng_template() -> str:
    headers = "\n".join(
        f"      <th (click)=\"toggleSort('{f}')\" [class.sorted]=\"sortField === '{f}'\">{f}</th>" for f in NG_FIELDS)
    cells = "\n".join(f"      <td>{{{{ format{f[0].upper() + f[1:]}(v) }}}}</td>" for f in NG_FIELDS)
    return (
        "<div class=\"toolbar\">\n  <select [(ngModel)]=\"depot\">\n    <option [ngValue]=\"null\">All depots</option>\n"
        "    <option *ngFor=\"let d of depots\" [ngValue]=\"d\">{{ d }}</option>\n  </select>\n"
        "  <input type=\"search\" [(ngModel)]=\"search\" placeholder=\"Plate or driver\" />\n</div>\n"
        "<p *ngIf=\"error\" class=\"error\">{{ error }}</p>\n<table *ngIf=\"!loading; else spinner\">\n  <thead>\n    <tr>\n"
        + headers + "\n    </tr>\n  </thead>\n  <tbody>\n    <tr *ngFor=\"let v of visible\" [class.overdue]=\"isOverdue(v)\" (click)=\"select.emit(v)\" [routerLink]=\"['/vehicles', v.vin]\">\n"
        + cells + "\n    </tr>\n  </tbody>\n</table>\n<ng-template #spinner><div class=\"spinner\"></div></ng-template>\n")


NG_SPEC_NAMES = [
    ("AppComponent", ["creates the app", "renders the nav", "highlights the active route"]),
    ("VehicleApi", ["lists vehicles", "retries once on 503", "maps dates to Date", "caches depots for 5 minutes", "statuses() polls the status endpoint"]),
    ("VehicleListComponent", ["renders rows", "sorts by plate", "sorts by mileage descending", "filters by depot", "filters by search",
                              "paginates", "shows empty state", "emits select", "highlights overdue service", "formats mileage",
                              "formats missing driver as dash", "keeps page in range after filter"]),
    ("VehicleStatusComponent", ["renders status badges", "updates every 5s", "stops polling after destroy"]),
    ("VehicleDetailComponent", ["loads by vin", "shows service history", "links back to list", "handles 404"]),
    ("MaintenanceComponent", ["lists open jobs", "assigns a mechanic", "closes a job", "rejects close without notes"]),
    ("DriverPickerComponent", ["autocompletes", "debounces input", "clears selection"]),
    ("ComparePipe", ["compares strings", "compares numbers", "sorts nulls last"]),
]


def _ng_test_run(extra_fail: str | None = None) -> str:
    lines, total = [], 0
    for suite, specs in NG_SPEC_NAMES:
        for spec in specs:
            total += 1
            ok = not (extra_fail and spec == extra_fail)
            lines.append(f"  {'✔' if ok else '✖'} {suite} {spec} ({RNG.randint(3, 90)} ms)")
    head = f"Chrome Headless 120.0.6099.109 (Linux x86_64): Executed {total} of {total} {'SUCCESS' if not extra_fail else '(1 FAILED)'}"
    return head + "\n" + "\n".join(lines)


# ---------------------------------------------------------------- 1. Angular, terse user
def angular_fleet() -> dict:
    spec_lines = "\n".join(
        f"  ✔ VehicleListComponent {name} ({RNG.randint(8, 60)} ms)"
        for name in ["renders rows", "sorts by plate", "filters by depot", "paginates", "shows empty state",
                     "emits select", "highlights overdue service", "formats mileage"])
    leak_log = "\n".join(
        f"[vehicle-status] poll tick {i} subscribers={i + 1}" for i in range(1, 19))
    turns = [
        U("fleet-ui. angular 17, standalone comps, rxjs 7.8. vehicle status page gets slower every time you navigate away and back. after 10 navs its crawling"),
        A("Sounds like subscriptions surviving component destruction. Let me look at the status component."),
        T("Read", "src/app/vehicles/vehicle-status.component.ts",
          "import { Component, OnInit, inject } from '@angular/core';\nimport { interval, switchMap } from 'rxjs';\nimport { VehicleApi } from '../api/vehicle-api.service';\n\n@Component({\n  selector: 'app-vehicle-status',\n  standalone: true,\n  templateUrl: './vehicle-status.component.html',\n})\nexport class VehicleStatusComponent implements OnInit {\n  private api = inject(VehicleApi);\n  statuses: VehicleStatus[] = [];\n\n  ngOnInit() {\n    interval(5000)\n      .pipe(switchMap(() => this.api.statuses()))\n      .subscribe(s => { this.statuses = s; console.debug(`[vehicle-status] poll tick`); });\n  }\n}\n"),
        A("Found it: `interval(5000)` is subscribed in `ngOnInit` and never unsubscribed. Each visit to the page starts one more polling loop, and the old ones keep writing into destroyed component instances. Let me confirm in the console log from a dev run."),
        T("Bash", "grep 'poll tick' /tmp/fleet-dev-console.log | tail -18", leak_log),
        A("Confirmed, the subscriber count grows by one per navigation. Fix: pipe through `takeUntilDestroyed()` from `@angular/core/rxjs-interop` so the subscription ends with the component's DestroyRef."),
        T("Edit", "src/app/vehicles/vehicle-status.component.ts",
          "-      .pipe(switchMap(() => this.api.statuses()))\n+      .pipe(switchMap(() => this.api.statuses()), takeUntilDestroyed())\n+import { takeUntilDestroyed } from '@angular/core/rxjs-interop';"),
        A("I also added a spec that destroys the fixture and checks the interval is torn down."),
        T("Bash", "npx ng test --watch=false --include src/app/vehicles",
          "Chrome Headless 120.0.6099.109 (Linux x86_64): Executed 9 of 9 (1 FAILED)\n  ✖ VehicleStatusComponent stops polling after destroy\n    Error: NG0203: takeUntilDestroyed() can only be used within an injection context such as a constructor, a factory function, a field initializer, or a function used with `runInInjectionContext`.\n        at assertInInjectionContext (node_modules/@angular/core/fesm2022/core.mjs:1130:15)\n        at takeUntilDestroyed (node_modules/@angular/core/fesm2022/rxjs-interop.mjs:31:9)\n        at VehicleStatusComponent.ngOnInit (src/app/vehicles/vehicle-status.component.ts:17:53)\n" + spec_lines),
        A("Right, `takeUntilDestroyed()` with no argument looks up the DestroyRef via `inject()`, and `ngOnInit` is not an injection context. Inject `DestroyRef` as a field and pass it explicitly."),
        T("Edit", "src/app/vehicles/vehicle-status.component.ts",
          "   private api = inject(VehicleApi);\n+  private destroyRef = inject(DestroyRef);\n-      .pipe(switchMap(() => this.api.statuses()), takeUntilDestroyed())\n+      .pipe(switchMap(() => this.api.statuses()), takeUntilDestroyed(this.destroyRef))"),
        T("Bash", "npx ng test --watch=false --include src/app/vehicles",
          "Chrome Headless 120.0.6099.109 (Linux x86_64): Executed 9 of 9 SUCCESS (0.412 secs / 0.388 secs)\n  ✔ VehicleStatusComponent stops polling after destroy\n" + spec_lines),
        T("Bash", "npx ng test --watch=false", _ng_test_run()),
        U("whole suite green. list page also janky when the status poll ticks, scrolling stutters"),
        T("Read", "src/app/vehicles/vehicle-list.component.ts", _ng_list_component()),
        T("Read", "src/app/vehicles/vehicle-list.component.html", _ng_template()),
        A("The `visible` getter filters, sorts and slices the whole fleet, and with default change detection Angular re-evaluates it on every event anywhere in the app — including every status poll tick and every scroll-triggered event in the page. Two changes I'd suggest: switch the list to `ChangeDetectionStrategy.OnPush`, and turn `visible` into a `computed()` signal so the filter/sort only re-runs when its inputs change."),
        U("yes do onpush + computed"),
        T("Edit", "src/app/vehicles/vehicle-list.component.ts",
          "+  changeDetection: ChangeDetectionStrategy.OnPush,\n-  vehicles: Vehicle[] = [];\n+  vehicles = signal<Vehicle[]>([]);\n-  get visible(): Vehicle[] {\n+  visible = computed(() => {\n-    return this.vehicles\n+    return this.vehicles()\n-  }\n+  });"),
        T("Edit", "src/app/vehicles/vehicle-list.component.html",
          "-    <tr *ngFor=\"let v of visible\"\n+    <tr *ngFor=\"let v of visible()\""),
        T("Bash", "npx ng test --watch=false", _ng_test_run("keeps page in range after filter")
          + "\n\n  ✖ VehicleListComponent keeps page in range after filter\n    Expected 0 to be 2.\n        at UserContext.<anonymous> (src/app/vehicles/vehicle-list.component.spec.ts:141:32)"),
        A("One failure: `page` is still a plain field, so `computed()` doesn't see it change and keeps the old slice. `page` (and `sortField`/`sortDir`) must be signals too."),
        T("Edit", "src/app/vehicles/vehicle-list.component.ts",
          "-  sortField: SortField = 'plate';\n-  sortDir: 1 | -1 = 1;\n-  page = 0;\n+  sortField = signal<SortField>('plate');\n+  sortDir = signal<1 | -1>(1);\n+  page = signal(0);"),
        T("Bash", "npx ng test --watch=false", _ng_test_run()),
        A("All green; the list now only recomputes when vehicles, filters, sort or page change."),
        U("ok good. now the depot filter state. it resets when you go to details and back. should we put it in ngrx?"),
        A("Options: (1) NgRx store with a `depots` feature slice, (2) a small injectable `FilterStateService` holding a signal, provided in root, (3) query params in the URL. NgRx would work but adds actions/reducers/effects for one piece of state."),
        U("tried ngrx on the maintenance page last month. way too much boilerplate for what it is, 4 files for one filter, team hated it. no ngrx. do the signal service"),
        A("Got it — no NgRx. I'll write `FilterStateService` with a `depot = signal<string | null>(null)` and have the list component read and write it."),
        T("Write", "src/app/vehicles/filter-state.service.ts",
          "import { Injectable, signal } from '@angular/core';\n\n@Injectable({ providedIn: 'root' })\nexport class FilterStateService {\n  readonly depot = signal<string | null>(null);\n  readonly search = signal('');\n}\n"),
        T("Edit", "src/app/vehicles/vehicle-list.component.ts",
          "-  depot: string | null = null;\n+  private filters = inject(FilterStateService);\n+  depot = this.filters.depot;"),
        T("Bash", "npx ng test --watch=false --include src/app/vehicles",
          "Chrome Headless 120.0.6099.109 (Linux x86_64): Executed 11 of 11 SUCCESS (0.501 secs / 0.470 secs)"),
        A("Filter state now survives navigation. Want me to also generate an NgModule for the vehicles feature so it can be lazy loaded?"),
        U("no modules. everything standalone, lazy load with loadComponent in the routes. always"),
        A("Understood: standalone components only, lazy loading via `loadComponent`. Updating `app.routes.ts`."),
        T("Edit", "src/app/app.routes.ts",
          "-  { path: 'vehicles', component: VehicleListComponent },\n+  { path: 'vehicles', loadComponent: () => import('./vehicles/vehicle-list.component').then(m => m.VehicleListComponent) },"),
        T("Bash", "npx ng build --configuration production 2>&1 | tail -6",
          "Initial chunk files   | Names         |  Raw size | Estimated transfer size\nmain-7QWJ3K2L.js      | main          | 241.18 kB |                64.02 kB\npolyfills-RX4V6ZQ2.js | polyfills     |  33.71 kB |                11.02 kB\n\nLazy chunk files      | Names         |  Raw size\nchunk-PL2ZB6TE.js     | vehicle-list-component | 38.44 kB\n\nApplication bundle generation complete. [6.214 seconds]"),
        U("nice. e2e for this still missing, we need playwright tests for the filter + back nav. not today"),
        A("Noted as open: Playwright e2e covering depot filter persistence across back navigation. Everything else is committed-ready: polling leak fixed with takeUntilDestroyed, filter state in a signal service, lazy loaded vehicles route."),
    ]
    return {
        "id": "angular_fleet", "project": "fleet-ui",
        "cwd_files": ["src/app/vehicles/vehicle-status.component.ts", "src/app/vehicles/filter-state.service.ts",
                      "src/app/app.routes.ts"],
        "turns": turns,
        "gold": [
            G("PROJECT", "fleet-ui: Angular 17 standalone components, RxJS 7.8", ["angular"], ["17", "standalone", "rxjs"]),
            G("BUG_FIX", "polling interval never unsubscribed -> takeUntilDestroyed", ["takeuntildestroyed"],
              ["interval", "polling", "subscription", "subscri", "leak", "vehicle-status"],
              ["src/app/vehicles/vehicle-status.component.ts"]),
            G("FAILED", "NgRx for filter state: too much boilerplate, team hated it", ["ngrx"],
              ["boilerplate", "too much", "hated", "no ngrx"], failure=True),
            G("DECISION", "filter state in FilterStateService holding signals", ["signal"],
              ["filterstateservice", "filter-state", "service", "depot"], ["src/app/vehicles/filter-state.service.ts"]),
            G("DECISION", "vehicle list: OnPush change detection + computed() signal for visible rows", ["onpush"],
              ["computed", "change detection", "vehicle-list", "list"], ["src/app/vehicles/vehicle-list.component.ts"]),
            G("PREFERENCE", "standalone components only, no NgModules; lazy load with loadComponent", [],
              ["no modules", "ngmodule", "loadcomponent", "standalone"]),
            G("TODO", "Playwright e2e for depot filter + back navigation", ["playwright"], ["e2e", "filter", "back"]),
        ],
        "dead_ends": [D("NgRx store for filter state", ["ngrx"])],
        "secrets": [],
    }


# ---------------------------------------------------------------- 2. Clojure, chatty user, secret
CLJ_DB_PASSWORD = "t0ll-R3ad!ngs-8842"


def _jvm_frames(n: int) -> str:
    frames = [
        "org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse (QueryExecutorImpl.java:2725)",
        "org.postgresql.core.v3.QueryExecutorImpl.processResults (QueryExecutorImpl.java:2412)",
        "org.postgresql.core.v3.QueryExecutorImpl.execute (QueryExecutorImpl.java:371)",
        "org.postgresql.jdbc.PgStatement.executeInternal (PgStatement.java:502)",
        "org.postgresql.jdbc.PgStatement.execute (PgStatement.java:419)",
        "org.postgresql.jdbc.PgPreparedStatement.executeWithFlags (PgPreparedStatement.java:194)",
        "org.postgresql.jdbc.PgPreparedStatement.execute (PgPreparedStatement.java:180)",
        "next.jdbc.result_set$stmt__GT_result_set.invokeStatic (result_set.clj:678)",
        "next.jdbc.result_set$stmt__GT_result_set.invoke (result_set.clj:673)",
        "next.jdbc.result_set$eval4321$fn__4330.invoke (result_set.clj:941)",
        "next.jdbc.protocols$eval2140$fn__2141$G__2131__2150.invoke (protocols.clj:34)",
        "next.jdbc$execute_BANG_.invokeStatic (jdbc.clj:268)",
        "next.jdbc$execute_BANG_.invoke (jdbc.clj:254)",
        "meterfeed.reports$daily_totals.invokeStatic (reports.clj:21)",
        "meterfeed.reports$daily_totals.invoke (reports.clj:19)",
        "user$eval140.invokeStatic (NO_SOURCE_FILE:1)",
        "user$eval140.invoke (NO_SOURCE_FILE:1)",
        "clojure.lang.Compiler.eval (Compiler.java:7194)",
        "clojure.lang.Compiler.eval (Compiler.java:7149)",
        "clojure.core$eval.invokeStatic (core.clj:3215)",
        "clojure.core$eval.invoke (core.clj:3211)",
        "clojure.main$eval_opt.invokeStatic (main.clj:491)",
        "clojure.main$eval_opt.invoke (main.clj:485)",
        "clojure.main$initialize.invokeStatic (main.clj:511)",
        "clojure.main$null_opt.invokeStatic (main.clj:545)",
        "clojure.main$main.invokeStatic (main.clj:665)",
        "clojure.main$main.doInvoke (main.clj:617)",
        "clojure.lang.RestFn.applyTo (RestFn.java:137)",
        "clojure.lang.Var.applyTo (Var.java:705)",
        "clojure.main.main (main.java:40)"]
    return "\n".join("\tat " + f for f in frames[:n])


CLJ_EMPTY_IN_TRACE = (
    "Execution error (PSQLException) at org.postgresql.core.v3.QueryExecutorImpl/receiveErrorResponse (QueryExecutorImpl.java:2725).\n"
    "ERROR: syntax error at or near \")\"\n  Position: 118\n\nFull report at:\n/tmp/clojure-4471920388421170813.edn\n\n"
    "$ cat /tmp/clojure-4471920388421170813.edn | head -60\n{:clojure.main/message\n \"Execution error (PSQLException) at ...\"\n"
    " :clojure.main/triage {:clojure.error/class org.postgresql.util.PSQLException,\n  :clojure.error/line 2725,\n"
    "  :clojure.error/cause \"ERROR: syntax error at or near \\\")\\\"\\n  Position: 118\",\n  :clojure.error/phase :execution}\n"
    " :clojure.main/trace\n {:via [{:type org.postgresql.util.PSQLException,\n         :message \"ERROR: syntax error at or near \\\")\\\"\"}],\n"
    "  :sql [\"SELECT meter_id, DATE_TRUNC(?, read_at) AS d, SUM(kwh) AS total FROM readings WHERE meter_id IN () GROUP BY meter_id, d\" \"day\"]}}\n\n"
    "org.postgresql.util.PSQLException: ERROR: syntax error at or near \")\"\n  Position: 118\n" + _jvm_frames(30))


def clojure_meters() -> dict:
    test_noise = "\n".join(
        f"Testing meterfeed.{ns}-test" for ns in ["parse", "readings", "store", "config", "http"])
    turns = [
        U("Hey! Hope your day is going better than mine lol. So we have this little Clojure service, meterfeed, it pulls smart-meter readings from a vendor CSV drop every 15 min and puts them in Postgres. Clojure 1.11, next.jdbc, deps.edn, nothing fancy. Problem: readings near midnight are landing on the wrong day in the reports. Finance noticed. Yay."),
        A("Ha, finance always notices. Midnight shifting days smells like a timezone conversion. Let me look at how readings are written and read back."),
        T("Bash", "cat deps.edn && env | grep -i meterfeed",
          "{:paths [\"src\" \"resources\"]\n :deps {org.clojure/clojure {:mvn/version \"1.11.1\"}\n        com.github.seancorfield/next.jdbc {:mvn/version \"1.3.909\"}\n        org.postgresql/postgresql {:mvn/version \"42.7.1\"}\n        clojure.java-time/clojure.java-time {:mvn/version \"1.4.2\"}}\n :aliases {:test {:extra-paths [\"test\"]\n                  :extra-deps {io.github.cognitect-labs/test-runner {:git/tag \"v0.5.1\" :git/sha \"dfb30dd\"}}\n                  :main-opts [\"-m\" \"cognitect.test-runner\"]}}}\n"
          f"METERFEED_ENV=staging\nMETERFEED_DATABASE_URL=postgresql://meterfeed:{CLJ_DB_PASSWORD}@db-staging.internal:5432/meterfeed\nMETERFEED_POLL_MINUTES=15\n"),
        T("Read", "src/meterfeed/store.clj",
          "(ns meterfeed.store\n  (:require [next.jdbc :as jdbc]\n            [next.jdbc.sql :as sql]))\n\n(defn insert-reading! [ds {:keys [meter-id read-at kwh]}]\n  (sql/insert! ds :readings {:meter_id meter-id\n                             :read_at (java.sql.Timestamp/valueOf read-at)\n                             :kwh kwh}))\n"),
        T("Read", "src/meterfeed/parse.clj",
          "(ns meterfeed.parse\n  (:import (java.time LocalDateTime)\n           (java.time.format DateTimeFormatter)))\n\n(def fmt (DateTimeFormatter/ofPattern \"yyyy-MM-dd HH:mm:ss\"))\n\n(defn parse-row [[meter ts kwh]]\n  {:meter-id meter\n   :read-at (LocalDateTime/parse ts fmt)\n   :kwh (parse-double kwh)})\n"),
        A("Root cause: the vendor timestamps are UTC, but they're parsed as `LocalDateTime` and converted with `Timestamp/valueOf`, which interprets them in the JVM's default zone (Europe/Berlin on the servers). A reading at `2024-03-04 23:30:00` UTC gets stored as 23:30 Berlin = 22:30 UTC, so anything in the last hour or two before midnight shifts. The column is `timestamptz`, so the fix is to parse as UTC and hand the driver an `Instant`/`OffsetDateTime`, never a zone-less value. Let me write a failing test first."),
        T("Write", "test/meterfeed/parse_test.clj",
          "(ns meterfeed.parse-test\n  (:require [clojure.test :refer [deftest is]]\n            [meterfeed.parse :as p]))\n\n(deftest vendor-timestamps-are-utc\n  (is (= #inst \"2024-03-04T23:30:00Z\"\n         (java.util.Date/from (:read-at (p/parse-row [\"M-1\" \"2024-03-04 23:30:00\" \"1.5\"]))))))\n"),
        T("Bash", "clojure -M:test",
          "\nRunning tests in #{\"test\"}\n\n" + test_noise + "\n\nFAIL in (vendor-timestamps-are-utc) (parse_test.clj:6)\nexpected: #inst \"2024-03-04T23:30:00.000-00:00\"\n  actual: java.lang.ClassCastException: class java.time.LocalDateTime cannot be cast to class java.time.Instant\n at meterfeed.parse_test$fn__2231.invokeStatic (parse_test.clj:7)\n\nRan 14 tests containing 31 assertions.\n1 failures, 0 errors.\n"),
        T("Edit", "src/meterfeed/parse.clj",
          "-  (:import (java.time LocalDateTime)\n+  (:import (java.time LocalDateTime ZoneOffset)\n-   :read-at (LocalDateTime/parse ts fmt)\n+   ;; vendor drop is always UTC; keep it an Instant so no JVM default zone is involved\n+   :read-at (.toInstant (.atOffset (LocalDateTime/parse ts fmt) ZoneOffset/UTC))"),
        T("Edit", "src/meterfeed/store.clj",
          "-                             :read_at (java.sql.Timestamp/valueOf read-at)\n+                             :read_at read-at"),
        T("Bash", "clojure -M:test",
          "\nRunning tests in #{\"test\"}\n\n" + test_noise + "\n\nRan 14 tests containing 31 assertions.\n0 failures, 0 errors.\n"),
        A("Green. `next.jdbc` sends an `Instant` as a `timestamptz` correctly with the 42.7 driver. Existing rows are still off by the Berlin offset; I'd fix them with a one-off UPDATE keyed on `created_at` before today's deploy, if you want."),
        U("Oh wow ok that's exactly it, thank you!! Yes please write the fixup SQL but don't run it, I'll have Jonas look at it first. Also while you're in there: the queries are all hand-written strings and honestly it's getting gross. Should we use HoneySQL?"),
        A("I think so: you already build WHERE clauses by string concatenation in `reports.clj` (the `meter-filter` fn), and that's where injection bugs creep in. With HoneySQL 2 each query is a plain data structure that `sql/format` turns into a parameterised vector `next.jdbc` runs directly. Cost is one dependency and a small learning curve."),
        U("Ok let's go with HoneySQL. Funny story, I actually tried to make the whole ingest a core.async pipeline back in January, with pipeline-blocking and channels for parse and insert. Gave up, when the DB was down the exceptions just vanished inside the go blocks and the channel filled up and nothing told us. Took me two days to notice data was missing. So please keep it boring, plain loops."),
        A("Makes sense, and thanks for the context — I won't reintroduce core.async; the ingest stays a plain `doseq` with exceptions propagating to the scheduler, which logs and alerts. Now the HoneySQL switch for `reports.clj`."),
        T("Edit", "deps.edn",
          "+        com.github.seancorfield/honeysql {:mvn/version \"2.5.1103\"}"),
        T("Edit", "src/meterfeed/reports.clj",
          "-(defn daily-totals [ds meter-ids]\n-  (jdbc/execute! ds [(str \"SELECT meter_id, date_trunc('day', read_at) d, sum(kwh) FROM readings WHERE \" (meter-filter meter-ids) \" GROUP BY 1,2\")]))\n+(defn daily-totals [ds meter-ids]\n+  (jdbc/execute! ds (sql/format {:select [:meter_id [[:date_trunc \"day\" :read_at] :d] [[:sum :kwh] :total]]\n+                                 :from [:readings]\n+                                 :where [:in :meter_id meter-ids]\n+                                 :group-by [:meter_id :d]})))"),
        T("Bash", "clojure -M -e \"(require '[meterfeed.reports :as r] '[meterfeed.db :as db]) (r/daily-totals (db/datasource) [])\"",
          CLJ_EMPTY_IN_TRACE),
        A("Bug introduced by the rewrite: the dashboard calls `daily-totals` with an empty vector when no meter is selected, and HoneySQL renders `[:in :meter_id []]` as `meter_id IN ()`, which Postgres rejects as a syntax error. The old string version produced `WHERE true` in that case. Short-circuit: an empty selection returns `[]` without a query."),
        T("Edit", "src/meterfeed/reports.clj",
          "-(defn daily-totals [ds meter-ids]\n-  (jdbc/execute! ds (sql/format {:select\n+(defn daily-totals [ds meter-ids]\n+  ;; IN () is a syntax error in Postgres; nothing selected means nothing to sum\n+  (if (empty? meter-ids)\n+    []\n+    (jdbc/execute! ds (sql/format {:select"),
        T("Edit", "test/meterfeed/reports_test.clj",
          "+(deftest daily-totals-empty-selection\n+  (is (= [] (r/daily-totals nil []))))"),
        T("Write", "resources/sql/fixup-2024-03-read-at.sql",
          "-- Readings inserted before the UTC fix were shifted by the Berlin offset.\n-- DO NOT RUN without review (Jonas).\nBEGIN;\nUPDATE readings\n   SET read_at = (read_at AT TIME ZONE 'Europe/Berlin') AT TIME ZONE 'UTC'\n WHERE created_at < '2024-03-05 10:00:00+00';\nCOMMIT;\n"),
        T("Bash", "clojure -M:test",
          "\nRunning tests in #{\"test\"}\n\n" + test_noise + "\n\nRan 15 tests containing 34 assertions.\n0 failures, 0 errors.\n"),
        U("You're a star. Last thing, I hate `:refer :all`, never use it anywhere, please keep requires explicit with aliases. Ok that's it for today, the fixup SQL needs Jonas' review before anyone runs it."),
        A("Noted: explicit `:as` aliases, never `:refer :all`. Summary: UTC parsing fix with test, HoneySQL 2 in reports, fixup SQL at resources/sql/fixup-2024-03-read-at.sql waiting for Jonas' review. Have a better rest of your day!"),
    ]
    return {
        "id": "clojure_meters", "project": "meterfeed",
        "cwd_files": ["src/meterfeed/parse.clj", "src/meterfeed/store.clj", "src/meterfeed/reports.clj", "deps.edn"],
        "turns": turns,
        "gold": [
            G("PROJECT", "meterfeed: Clojure 1.11, next.jdbc, Postgres, deps.edn", ["clojure"],
              ["next.jdbc", "postgres", "deps.edn", "1.11"]),
            G("BUG_FIX", "readings shifted near midnight: vendor UTC parsed as LocalDateTime/Timestamp.valueOf in JVM zone -> parse as UTC Instant",
              ["utc"], ["localdatetime", "instant", "timestamp", "midnight", "timezone", "time zone"],
              ["src/meterfeed/parse.clj"]),
            G("DECISION", "use HoneySQL 2 instead of hand-written SQL strings", ["honeysql"],
              ["use", "reports", "query", "queries", "string"]),
            G("FAILED", "core.async ingest pipeline: exceptions vanished in go blocks, channel filled silently",
              ["core.async"], ["exception", "vanish", "go block", "channel", "gave up", "missing"], failure=True),
            G("BUG_FIX", "empty meter selection rendered IN () -> Postgres syntax error; short-circuit to []",
              ["empty"], ["in ()", "syntax error", "daily-totals", "meter-ids"], ["src/meterfeed/reports.clj"]),
            G("PREFERENCE", "explicit requires with aliases, never :refer :all", ["refer"],
              [":all", "alias", "explicit"]),
            G("TODO", "fixup SQL for shifted rows needs Jonas' review before running", ["jonas"],
              ["fixup", "review", "sql"]),
        ],
        "dead_ends": [D("core.async pipeline for ingest", ["core.async"])],
        "secrets": [CLJ_DB_PASSWORD, f"postgresql://meterfeed:{CLJ_DB_PASSWORD}@db-staging.internal:5432/meterfeed"],
    }


# ---------------------------------------------------------------- 3. Sinatra, non-native English, secret
WEBHOOK_SECRET = "whsec_5Yq2LmR8vN0cT4kPz7WbHs1Jd9Fx3Ae6"
SENDGRID_KEY = "SG.kP3vX9qLmT2w.Rz8nYc4HbJ7sD1fQ6gA0eW5uV"


def sinatra_webhooks() -> dict:
    rspec_ok = "\n".join(f"  {d}" for d in [
        "POST /webhooks/payments accepts a valid signature",
        "POST /webhooks/payments rejects a bad signature with 400",
        "POST /webhooks/payments rejects a stale timestamp",
        "POST /webhooks/payments enqueues order.paid",
        "GET /health returns ok"])
    turns = [
        U("hello. i have sinatra app (ruby 3.2, sinatra 4, puma) which receive payment webhooks from provider. since yesterday ALL webhooks fail with signature invalid. nothing changed in secret i am sure. can you check please"),
        A("Sure. Let me check the env and the webhook route."),
        T("Bash", "cat .env",
          f"RACK_ENV=production\nPAYHOOK_SIGNING_SECRET={WEBHOOK_SECRET}\nSENDGRID_API_KEY={SENDGRID_KEY}\nREDIS_URL=redis://localhost:6379/2\n"),
        T("Read", "app.rb",
          "require 'sinatra/base'\nrequire 'json'\nrequire_relative 'lib/signature'\nrequire_relative 'lib/request_logger'\n\nclass PayhookApp < Sinatra::Base\n  use RequestLogger\n\n  post '/webhooks/payments' do\n    payload = request.body.read\n    halt 400, 'signature invalid' unless Signature.valid?(payload, request.env['HTTP_PAYHOOK_SIGNATURE'], ENV.fetch('PAYHOOK_SIGNING_SECRET'))\n    event = JSON.parse(payload)\n    Jobs.enqueue(event['type'], event['data'])\n    status 200\n  end\nend\n"),
        T("Bash", "git log --oneline -5 -- lib/ app.rb config.ru",
          "a41c9e2 add request logger middleware for debugging\n77b0d1f bump puma 6.4\n3c2f8aa webhooks: idempotency key in log\n1e6a0b4 health endpoint\nf09d331 initial"),
        T("Read", "lib/request_logger.rb",
          "class RequestLogger\n  def initialize(app) = @app = app\n\n  def call(env)\n    body = env['rack.input'].read\n    $stdout.puts \"[req] #{env['REQUEST_METHOD']} #{env['PATH_INFO']} #{body[0, 200]}\"\n    @app.call(env)\n  end\nend\n"),
        A("Found it. Yesterday's commit a41c9e2 added `RequestLogger`, which reads `rack.input` and does not rewind it. So by the time the route calls `request.body.read`, the stream is at the end and `payload` is an empty string; the HMAC of \"\" never matches. The secret is fine. Fix: rewind the input after reading in the middleware (and defensively rewind in the route too). Let me reproduce with a spec first."),
        T("Bash", "bundle exec rspec spec/webhooks_spec.rb",
          "F....\n\nFailures:\n\n  1) POST /webhooks/payments accepts a valid signature\n     Failure/Error: expect(last_response.status).to eq(200)\n\n       expected: 200\n            got: 400\n\n       (compared using ==)\n     # ./spec/webhooks_spec.rb:18:in `block (2 levels) in <top (required)>'\n\nFinished in 0.09214 seconds (files took 0.41 seconds to load)\n5 examples, 1 failure\n\nFailed examples:\n\nrspec ./spec/webhooks_spec.rb:12 # POST /webhooks/payments accepts a valid signature"),
        T("Edit", "lib/request_logger.rb",
          "     body = env['rack.input'].read\n+    env['rack.input'].rewind # the app reads the body again (signature check)"),
        T("Edit", "app.rb",
          "-    payload = request.body.read\n+    request.body.rewind\n+    payload = request.body.read"),
        T("Bash", "bundle exec rspec spec/webhooks_spec.rb --format documentation",
          "\nPayhookApp\n" + rspec_ok + "\n\nFinished in 0.08731 seconds (files took 0.39 seconds to load)\n5 examples, 0 failures"),
        A("All green. Note: your .env contains live secrets (signing secret and SendGrid key) and it was printed in this session; make sure .env is in .gitignore — it is — and consider rotating if this terminal log is shared."),
        U("thank you!! very good. the logger was from my colleague for debug, ok. other question: provider send same webhook sometimes 2 or 3 times. we process order.paid twice, customer get two emails. how to avoid?"),
        A("Standard approach is idempotency: each event has an `id`; store processed ids and skip duplicates. Two ways: (a) Redis `SET event:<id> 1 NX EX 604800` — fast, you already have Redis; (b) a `processed_events` table with a unique index in Postgres, inserted in the same transaction as the order update."),
        U("we try redis SET NX before in other project, but redis is flushed by ops on deploy sometimes, and then duplicates come again. so no redis for this. please table in postgres. but not today, i must go to meeting in 10 min. write it as todo"),
        A("Understood, Redis is out because ops flush it on deploy. Open TODO: `processed_events` table with a unique index on event id, insert in the same transaction as the order.paid handling."),
        U("one more, please dont run rubocop -a on whole repo, only on files you change. last time it make 300 files diff"),
        A("Got it: rubocop autocorrect only on the files I touch, e.g. `bundle exec rubocop -a app.rb lib/request_logger.rb`."),
        T("Bash", "bundle exec rubocop -a app.rb lib/request_logger.rb",
          "Inspecting 2 files\n..\n\n2 files inspected, no offenses detected"),
    ]
    return {
        "id": "sinatra_webhooks", "project": "payhook",
        "cwd_files": ["app.rb", "lib/request_logger.rb", "lib/signature.rb"],
        "turns": turns,
        "gold": [
            G("PROJECT", "payhook: Sinatra 4 on Ruby 3.2, puma", ["sinatra"], ["ruby 3", "sinatra 4", "puma", "webhook"]),
            G("BUG_FIX", "signature invalid: RequestLogger read rack.input without rewind -> empty payload; rewind",
              ["rewind"], ["request_logger", "requestlogger", "rack.input", "signature", "body", "empty"],
              ["lib/request_logger.rb", "app.rb"]),
            G("FAILED", "Redis SET NX for idempotency: ops flush Redis on deploy", ["redis"],
              ["flush", "deploy", "nx", "no redis", "duplicate"], failure=True),
            G("TODO", "processed_events table with unique index for webhook idempotency", [],
              ["processed_events", "idempoten", "unique index", "duplicate"]),
            G("PREFERENCE", "rubocop -a only on changed files, never whole repo", ["rubocop"],
              ["only", "changed", "whole repo", "files"]),
        ],
        "dead_ends": [D("Redis SET NX dedupe", ["redis", "nx"])],
        "secrets": [WEBHOOK_SECRET, SENDGRID_KEY],
    }


# ---------------------------------------------------------------- 4. Lua/Neovim plugin, user corrects assistant
def nvim_plugin() -> dict:
    busted_fail = (
        "●●●✱●●\n6 successes / 1 failure / 0 errors / 0 pending : 0.184 seconds\n\nFailure → tests/autoformat_spec.lua @ 31\n"
        "autoformat on save runs the formatter once per write\ntests/autoformat_spec.lua:38: Expected objects to be equal.\nPassed in:\n(number) 2\nExpected:\n(number) 1\n")
    turns = [
        U("working on my neovim plugin quickfmt.nvim (lua). formatter runs twice on every :w after I :source the config again, sometimes 3 times. fix it"),
        A("That's the classic duplicate autocmd: every time `setup()` runs it adds another `BufWritePre` autocmd. Let me see `lua/quickfmt/init.lua`."),
        T("Read", "lua/quickfmt/init.lua",
          "local M = {}\nlocal runner = require('quickfmt.runner')\n\nfunction M.setup(opts)\n  M.opts = vim.tbl_deep_extend('force', require('quickfmt.config').defaults, opts or {})\n  local group = vim.api.nvim_create_augroup('QuickFmt', { clear = false })\n  vim.api.nvim_create_autocmd('BufWritePre', {\n    group = group,\n    callback = function(ev) runner.format(ev.buf, M.opts) end,\n  })\nend\n\nreturn M\n"),
        A("Confirmed: `nvim_create_augroup('QuickFmt', { clear = false })` keeps the existing autocmds in the group, so each `setup()` call stacks one more. I'll add a spec that calls setup twice and counts formatter runs."),
        T("Bash", "make test", "nvim --headless -u tests/minimal_init.lua -c \"lua require('busted.runner')({ standalone = false })\" -c q\n" + busted_fail + "make: *** [Makefile:4: test] Error 1"),
        T("Edit", "lua/quickfmt/init.lua",
          "-  local group = vim.api.nvim_create_augroup('QuickFmt', { clear = false })\n+  -- clear = true: setup() may run again on :source, it must replace, not stack, the autocmd\n+  local group = vim.api.nvim_create_augroup('QuickFmt', { clear = true })"),
        T("Bash", "make test", "nvim --headless -u tests/minimal_init.lua -c \"lua require('busted.runner')({ standalone = false })\" -c q\n●●●●●●●\n7 successes / 0 failures / 0 errors / 0 pending : 0.171 seconds"),
        U("good. now runner.lua uses vim.fn.jobstart with a pile of callbacks, it's ugly. rewrite it with plenary Job?"),
        A("I can do that with `plenary.job`: `Job:new({ command = ..., args = ..., writer = lines, on_exit = ... })`. It handles stdin writing and collects stdout. I'll add plenary.nvim as a dependency in the README and the lazy.nvim spec."),
        U("wait no. I don't want any dependency, people install this thing because it's zero-deps. forget plenary. we're on 0.10 minimum anyway, use vim.system"),
        A("You're right, sorry — plenary would break the zero deps promise. `vim.system()` (Neovim 0.10+) takes `stdin`, returns stdout/stderr and has an async callback, which covers everything `runner.lua` needs. I'll also add a version check so older Neovim gets a clear message."),
        T("Write", "lua/quickfmt/runner.lua",
          "local M = {}\n\n-- vim.system needs 0.10; fail loudly instead of a nil-call deep inside a callback\nif vim.fn.has('nvim-0.10') == 0 then\n  error('quickfmt.nvim requires Neovim 0.10+')\nend\n\nfunction M.format(buf, opts)\n  local ft = vim.bo[buf].filetype\n  local cmd = opts.formatters[ft]\n  if not cmd then return end\n  local input = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\\n')\n  local res = vim.system(cmd, { stdin = input, text = true }):wait(opts.timeout_ms)\n  if res.code ~= 0 then\n    vim.notify(('quickfmt: %s failed: %s'):format(cmd[1], res.stderr), vim.log.levels.WARN)\n    return\n  end\n  local lines = vim.split(res.stdout, '\\n', { trimempty = true })\n  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)\nend\n\nreturn M\n"),
        T("Bash", "make test", "nvim --headless -u tests/minimal_init.lua -c \"lua require('busted.runner')({ standalone = false })\" -c q\n●●●●●●●●\n8 successes / 0 failures / 0 errors / 0 pending : 0.233 seconds"),
        A("Tests pass. One thing: replacing the whole buffer with `nvim_buf_set_lines` moves the cursor and drops marks. A minimal-diff apply via `vim.diff(..., { result_type = 'indices' })` would keep them."),
        U("yeah that's annoying, do the minimal diff thing with vim.diff next time, not now. also style: I use stylua with 2 spaces and single quotes, run it before you finish"),
        T("Bash", "stylua --indent-type Spaces --indent-width 2 --quote-style AutoPreferSingle lua/ tests/ && git diff --stat",
          " lua/quickfmt/init.lua   |  3 ++-\n lua/quickfmt/runner.lua | 41 ++++++++++++++-----------------------\n tests/autoformat_spec.lua | 14 ++++++++++++\n 3 files changed, 31 insertions(+), 27 deletions(-)"),
        A("Formatted with stylua (2 spaces, single quotes). Open for next time: minimal-diff apply with `vim.diff` to keep cursor and marks."),
    ]
    return {
        "id": "nvim_quickfmt", "project": "quickfmt.nvim",
        "cwd_files": ["lua/quickfmt/init.lua", "lua/quickfmt/runner.lua", "tests/autoformat_spec.lua"],
        "turns": turns,
        "gold": [
            G("PROJECT", "quickfmt.nvim: zero-dependency Neovim formatter plugin in Lua, Neovim 0.10+", ["neovim"],
              ["lua", "0.10", "plugin", "quickfmt"]),
            G("BUG_FIX", "formatter ran twice: augroup clear=false stacked autocmds on re-setup -> clear=true",
              ["clear"], ["augroup", "autocmd", "twice", "setup"], ["lua/quickfmt/init.lua"]),
            G("FAILED", "plenary Job rewrite dropped: plugin must stay zero-dependency", ["plenary"],
              ["dependency", "zero-deps", "zero deps", "deps", "forget"], failure=True),
            G("DECISION", "runner uses vim.system (Neovim 0.10 minimum) instead of jobstart", ["vim.system"],
              ["0.10", "jobstart", "runner"], ["lua/quickfmt/runner.lua"]),
            G("PREFERENCE", "stylua, 2 spaces, single quotes", ["stylua"], ["2 spaces", "single quote", "indent"]),
            G("TODO", "minimal-diff apply via vim.diff to keep cursor and marks", ["vim.diff"],
              ["cursor", "marks", "minimal-diff", "minimal diff"]),
        ],
        "dead_ends": [D("plenary.job runner", ["plenary"])],
        "secrets": [],
    }


# ---------------------------------------------------------------- 5/6. Flyway A/B pair (B reverses A's key decision)
FLYWAY_INFO = """Flyway Community Edition 10.8.1 by Redgate
Database: jdbc:postgresql://localhost:5432/ledger (PostgreSQL 16.2)
+-----------+---------+------------------------------+------+---------------------+---------+----------+
| Category  | Version | Description                  | Type | Installed On        | State   | Undoable |
+-----------+---------+------------------------------+------+---------------------+---------+----------+
| Versioned | 1       | init schema                  | SQL  | 2024-01-08 09:12:44 | Success | No       |
| Versioned | 2       | accounts                     | SQL  | 2024-01-08 09:12:44 | Success | No       |
| Versioned | 3       | journal entries              | SQL  | 2024-01-15 14:03:10 | Success | No       |
| Versioned | 4       | entry lines check            | SQL  | 2024-01-22 11:40:02 | Success | No       |
| Versioned | 5       | currency table               | SQL  | 2024-02-02 16:21:55 | Success | No       |
| Versioned | 6       | fx rates                     | SQL  | 2024-02-09 10:05:31 | Success | No       |
| Versioned | 7       | accounts add closed at       | SQL  | 2024-02-20 08:47:19 | Success | No       |
| Versioned | 8       | audit trigger                | SQL  | 2024-03-01 13:30:00 | Success | No       |
+-----------+---------+------------------------------+------+---------------------+---------+----------+"""

# after V9 is applied: one more row before the closing border
FLYWAY_INFO_V9 = (FLYWAY_INFO.rsplit("\n", 1)[0]
                  + "\n| Versioned | 9       | accounts closed at default   | SQL  | 2024-03-05 14:02:11 | Success | No       |\n"
                  + FLYWAY_INFO.rsplit("\n", 1)[1])


def flyway_a() -> dict:
    turns = [
        U("ledger-db repo: Postgres 16, migrations with Flyway 10 (CLI, flyway.toml). CI is red since this morning on `flyway validate`, and I need to add an invoices table today. Let's start with CI."),
        T("Bash", "flyway -environment=ci validate",
          "Flyway Community Edition 10.8.1 by Redgate\nDatabase: jdbc:postgresql://localhost:5432/ledger (PostgreSQL 16.2)\nERROR: Validate failed: Migrations have failed validation\nMigration checksum mismatch for migration version 7\n-> Applied to database : 1880362516\n-> Resolved locally    : -1210489023\nEither revert the changes to the migration, or run repair to update the schema history.\nNeed more flexibility with validation rules? Learn more: https://rd.gt/3AbJUZE"),
        T("Bash", "git log --oneline -3 -- sql/V7__accounts_add_closed_at.sql && git show --stat HEAD~1 | head -8",
          "c9e11d0 fix typo in closed_at default\n5a2b7e4 V7 accounts closed_at\ncommit c9e11d0\nAuthor: Priya N <priya@ledger.example>\n    fix typo in closed_at default\n\n sql/V7__accounts_add_closed_at.sql | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)"),
        A("Root cause: commit c9e11d0 edited `V7__accounts_add_closed_at.sql` after it was applied everywhere, so its checksum no longer matches the schema history. Two options: `flyway repair` (rewrites the stored checksum, but production then ran a different V7 than the file says), or revert the edit in V7 and put the corrected default in a new migration V9. I'd do the second."),
        U("I actually tried repair on staging an hour ago, before asking you. it 'fixed' staging but then prod validate still fails and now staging and prod disagree about what V7 is. so repair was a mistake, not doing that again. revert + V9."),
        T("Bash", "git revert --no-edit c9e11d0 && git show HEAD --stat | tail -2",
          "[main 4d0a8c3] Revert \"fix typo in closed_at default\"\n 1 file changed, 1 insertion(+), 1 deletion(-)"),
        T("Write", "sql/V9__accounts_closed_at_default.sql",
          "-- Corrects the closed_at default from V7 (never edit an applied migration).\nALTER TABLE accounts ALTER COLUMN closed_at SET DEFAULT NULL;\n"),
        T("Bash", "flyway -environment=ci clean migrate validate info",
          "Successfully cleaned schema \"public\" (execution time 00:00.041s)\nSuccessfully applied 9 migrations to schema \"public\", now at version v9 (execution time 00:00.388s)\nSuccessfully validated 9 migrations (execution time 00:00.022s)\n" + FLYWAY_INFO_V9),
        A("CI flow is green again. For staging, `flyway repair` already rewrote V7's checksum; after the revert the file matches the original again, so staging needs one more `repair` to put the original checksum back — then all three environments agree."),
        U("ok I'll do staging myself. rule for the team: never edit an applied migration, always a new version. Now invoices. What id type? Our accounts/entries use bigint identity."),
        A("For invoices, trade-offs: bigint identity is compact and index-friendly; UUID (`gen_random_uuid()`, built-in since PG13) lets the offline POS clients create invoices before syncing, and doesn't leak invoice counts in public URLs. Since invoice ids will be generated on clients, UUID fits."),
        U("yes, uuid primary keys with gen_random_uuid() for invoices and anything new the POS creates. go"),
        T("Write", "sql/V10__invoices.sql",
          "CREATE TABLE invoices (\n    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),\n    account_id  bigint NOT NULL REFERENCES accounts(id),\n    issued_at   timestamptz NOT NULL DEFAULT now(),\n    total_cents bigint NOT NULL CHECK (total_cents >= 0),\n    currency    char(3) NOT NULL REFERENCES currencies(code)\n);\nCREATE INDEX invoices_account_issued_idx ON invoices (account_id, issued_at DESC);\n"),
        T("Bash", "flyway -environment=ci migrate && psql -h localhost -U ledger -c \"insert into invoices(account_id,total_cents,currency) values (1,1250,'EUR') returning id\"",
          "Successfully applied 1 migration to schema \"public\", now at version v10 (execution time 00:00.051s)\n                  id\n--------------------------------------\n 3f8c2b9e-6d41-4a7e-9c05-1b2e8f7d4a90\n(1 row)\n\nINSERT 0 1"),
        U("thanks. btw when two branches both add V10 we get collisions. can we number by timestamp?"),
        A("Yes: name migrations `V<yyyymmddHHMM>__description.sql` (e.g. `V202403051420__invoices.sql`); Flyway orders versions numerically, so timestamps sort correctly and branches rarely collide. Set `outOfOrder = true` in flyway.toml only for dev so a late-merged older timestamp still applies there."),
        U("do it for new ones from now on, keep the old 1-10 as they are."),
        T("Bash", "git mv sql/V10__invoices.sql sql/V202403051420__invoices.sql && flyway -environment=ci clean migrate | tail -1",
          "Successfully applied 10 migrations to schema \"public\", now at version v202403051420 (execution time 00:00.402s)"),
        A("Done. New migrations use timestamp versions; V1–V9 unchanged."),
    ]
    return {
        "id": "flyway_ledger_a", "project": "ledger-db",
        "cwd_files": ["sql/V7__accounts_add_closed_at.sql", "sql/V9__accounts_closed_at_default.sql",
                      "sql/V202403051420__invoices.sql", "flyway.toml"],
        "turns": turns,
        "gold": [
            G("PROJECT", "ledger-db: Postgres 16 migrations with Flyway 10 CLI", ["flyway"], ["postgres", "16", "10", "migration"]),
            G("BUG_FIX", "validate failed: checksum mismatch V7 edited after apply -> revert, fix in new V9",
              ["checksum"], ["v7", "revert", "v9", "mismatch", "validate"], ["sql/V9__accounts_closed_at_default.sql"]),
            G("FAILED", "flyway repair on staging: staging and prod now disagree about V7", ["repair"],
              ["staging", "prod", "mistake", "disagree"], failure=True),
            G("PREFERENCE", "never edit an applied migration, always a new version", ["applied migration"],
              ["never", "new version", "edit"]),
            G("DECISION", "UUID primary keys via gen_random_uuid() for invoices / POS-created tables", ["uuid"],
              ["gen_random_uuid", "primary key", "invoice", "pos"], ["sql/V202403051420__invoices.sql"]),
            G("PATTERN", "timestamp migration versions V<yyyymmddHHMM>__desc.sql", ["timestamp"],
              ["yyyymmdd", "collision", "collide", "version", "v2024"]),
        ],
        "dead_ends": [D("flyway repair to accept edited V7", ["repair", "staging"])],
        "secrets": [],
    }


def flyway_b() -> dict:
    bloat = "\n".join(
        f" {name:<32}| {size}" for name, size in [
            ("invoices_pkey", "4127 MB"), ("invoices_account_issued_idx", "2980 MB"), ("invoice_lines_pkey", "5310 MB"),
            ("invoice_lines_invoice_id_idx", "3902 MB"), ("accounts_pkey", "22 MB"), ("entries_pkey", "610 MB")])
    turns = [
        U("ledger-db again. invoices is at 60M rows now and inserts got slow, p95 went from 3ms to 40ms. ops says WAL volume tripled. I suspect the uuid keys."),
        T("Bash", "psql -h db-replica -U ledger -c \"select indexrelname, pg_size_pretty(pg_relation_size(indexrelid)) from pg_stat_user_indexes order by pg_relation_size(indexrelid) desc limit 6\"",
          "        indexrelname            | pg_size_pretty\n---------------------------------+----------------\n" + bloat + "\n(6 rows)"),
        T("Bash", "psql -h db-replica -U ledger -c \"select wal_records, wal_fpi, pg_size_pretty(wal_bytes) wal, stats_reset from pg_stat_wal\" -c \"explain (analyze, buffers, wal) insert into invoices(account_id,total_cents,currency) values (42,990,'EUR')\"",
          " wal_records | wal_fpi  |  wal   |          stats_reset\n-------------+----------+--------+-------------------------------\n   918233410 | 61022871 | 412 GB | 2024-04-14 00:00:03.118+00\n(1 row)\n\n"
          "                                          QUERY PLAN\n----------------------------------------------------------------------------------------------\n"
          " Insert on invoices  (cost=0.00..0.01 rows=0 width=0) (actual time=38.912..38.913 rows=0 loops=1)\n"
          "   Buffers: shared hit=9 read=6 dirtied=5 written=2\n   WAL: records=4 fpi=3 bytes=24871\n"
          "   ->  Result  (cost=0.00..0.01 rows=1 width=60) (actual time=0.004..0.005 rows=1 loops=1)\n"
          " Planning Time: 0.071 ms\n Execution Time: 39.021 ms\n(7 rows)"),
        A("That fits: random v4 UUIDs insert all over the B-tree (a btree index wants increasing keys), so every insert dirties a random leaf page, which means many full-page writes into WAL after each checkpoint and poor cache hit rates. invoices_pkey at 4 GB vs entries_pkey at 610 MB for a similar row count is the tell, and the EXPLAIN shows 3 full-page images (fpi=3, ~24 KB of WAL) for a single-row insert. Options: UUIDv7 (time-ordered, still client-generated), or bigint identity internally plus a separate public uuid column."),
        U("the POS sync was rewritten last month, the server assigns ids now, clients don't generate them anymore. so we don't need client ids. switch invoices and invoice_lines to bigint identity primary keys, keep a public_id uuid column only for URLs. this replaces the uuid-pk rule from before."),
        A("Understood: bigint identity PKs for invoices/invoice_lines, `public_id uuid UNIQUE` for external references; the earlier uuid-primary-key decision no longer applies. Migration, timestamp-versioned as agreed:"),
        T("Write", "sql/V202405141015__invoices_bigint_pk.sql",
          "-- UUID PKs caused random B-tree inserts (WAL x3). Server assigns ids now, so use identity.\nALTER TABLE invoices RENAME COLUMN id TO public_id;\nALTER TABLE invoices ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;\nALTER TABLE invoice_lines ADD COLUMN invoice_pk bigint;\nUPDATE invoice_lines l SET invoice_pk = i.id FROM invoices i WHERE l.invoice_id = i.public_id;\nALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_invoice_id_fkey;\nALTER TABLE invoices DROP CONSTRAINT invoices_pkey, ADD PRIMARY KEY (id), ADD CONSTRAINT invoices_public_id_key UNIQUE (public_id);\nALTER TABLE invoice_lines ADD FOREIGN KEY (invoice_pk) REFERENCES invoices(id);\n"),
        T("Bash", "flyway -environment=ci clean migrate validate | tail -2",
          "Successfully applied 11 migrations to schema \"public\", now at version v202405141015 (execution time 00:00.611s)\nSuccessfully validated 11 migrations (execution time 00:00.027s)"),
        A("Migrates cleanly in CI. On 60M rows the UPDATE will hold locks for a long time; for production it should run in batches during the maintenance window."),
        U("yes. batching script for prod is a todo, for next week's window."),
    ]
    return {
        "id": "flyway_ledger_b", "project": "ledger-db",
        "cwd_files": ["sql/V202405141015__invoices_bigint_pk.sql"],
        "turns": turns,
        "gold": [
            G("DECISION", "invoices/invoice_lines: bigint identity PKs, public_id uuid only for URLs (replaces uuid PKs)",
              ["bigint"], ["identity", "public_id", "primary key", "invoice"], ["sql/V202405141015__invoices_bigint_pk.sql"]),
            G("BUG_FIX", "slow inserts / WAL x3 from random uuid B-tree inserts", ["wal"],
              ["uuid", "random", "b-tree", "btree", "insert"]),
            G("TODO", "batched backfill script for prod maintenance window", ["batch"],
              ["prod", "maintenance", "window", "script"]),
        ],
        "dead_ends": [],
        "secrets": [],
        "supersedes": [{"old_session": "flyway_ledger_a", "old_all_of": ["uuid"], "new_all_of": ["bigint"]}],
    }


# ---------------------------------------------------------------- 7. Solidity/Hardhat, user pastes logs, secrets
DEPLOYER_KEY = "0x8f2a1c9e4b7d3f6a0e5c8b2d9f1a4e7c3b6d0f8a2e5c9b1d4f7a0c3e6b9d2f5a"
ALCHEMY_KEY = "k3Jx9QvT2mLr8WnZ5pYc1HdF"


def _solc_errors() -> str:
    errs = [
        ("DeclarationError", "Identifier not found or not unique.", "contracts/TicketSale.sol", 14,
         "    using Counters for Counters.Counter;", "          ^^^^^^^^"),
        ("ParserError", "Source \"@openzeppelin/contracts/utils/Counters.sol\" not found: File not found. Searched the following locations: \"\".",
         "contracts/TicketSale.sol", 6, "import \"@openzeppelin/contracts/utils/Counters.sol\";",
         "^-----------------------------------------------------^"),
        ("TypeError", "Function has override specified but does not override anything.", "contracts/TicketSale.sol", 138,
         "    function _beforeTokenTransfer(address from, address to, uint256 firstTokenId, uint256 batchSize)",
         "                                                                                                     ^"),
        ("TypeError", "No arguments passed to the base constructor. Specify the arguments or mark \"TicketSale\" as abstract.",
         "contracts/TicketSale.sol", 22, "contract TicketSale is ERC721, Ownable, ReentrancyGuard {", "^ (Relevant source part starts here and spans across multiple lines)."),
        ("TypeError", "Member \"isContract\" not found or not visible after argument-dependent lookup in address.",
         "contracts/Pass.sol", 57, "        require(!to.isContract(), \"no contracts\");", "                 ^^^^^^^^^^^^^"),
        ("DeclarationError", "Undeclared identifier.", "contracts/Pass.sol", 71,
         "        _requireMinted(tokenId);", "        ^^^^^^^^^^^^^^"),
        ("TypeError", "Wrong argument count for function call: 1 arguments given but expected 2.", "contracts/Refund.sol", 44,
         "        SafeERC20.safeApprove(token, organizer, amount);", "        ^^^^^^^^^^^^^^^^^^^^^"),
        ("TypeError", "Overriding function is missing \"override\" specifier.", "contracts/Pass.sol", 88,
         "    function _increaseBalance(address account, uint128 value) internal {", "    ^ (Relevant source part starts here and spans across multiple lines)."),
    ]
    out = []
    for kind, msg, path, line, src, caret in errs:
        out.append(f"{kind}: {msg}\n  --> {path}:{line}:5:\n   |\n{line:>3} | {src}\n   | {caret}\n")
    return "\n".join(out) + "\n\nError HH600: Compilation failed\n\nFor more info go to https://hardhat.org/HH600 or run Hardhat with --show-stack-traces"


HH_SUITES = {
    "TicketSale": ["mints a ticket to the buyer", "refuses mint when sold out", "refuses mint after event start",
                   "lets the organizer withdraw", "caps tickets per wallet at 4", "emits TicketMinted",
                   "transfers with allowance", "blocks transfer after check-in", "refunds when event is cancelled",
                   "rejects refund twice", "sets price only as owner", "prices in wei exactly", "pauses sales",
                   "resumes sales", "rejects zero-value purchase", "sells out at capacity"],
    "Pass": ["mints season pass", "rejects mint to zero address", "tokenURI points at metadata base",
             "burns pass on upgrade", "keeps per-wallet count on burn", "transfers pass between fans",
             "blocks contract recipients", "supports ERC721 interface", "supports ERC2981 royalties"],
    "Refund": ["escrows funds until event end", "releases to organizer after end", "refunds pro rata on cancel",
               "only the sale can deposit", "rejects withdraw before end", "handles ERC20 payment tokens",
               "safeIncreaseAllowance for payouts", "emits RefundIssued"],
    "Resale": ["lists a ticket under the cap", "rejects listing above 110% of face value", "pays royalty to organizer",
               "delists on transfer", "rejects buying own listing", "settles in one transaction"],
}


def _hh_test_output(failing: set[str]) -> str:
    lines, n_ok = [], 0
    for suite, tests in HH_SUITES.items():
        lines.append(f"  {suite}")
        for t in tests:
            if t in failing:
                lines.append(f"    1) {t}")
            else:
                n_ok += 1
                lines.append(f"    ✔ {t} ({RNG.randint(18, 160)}ms)")
    lines.append(f"\n\n  {n_ok} passing ({RNG.randint(3, 6)}s)")
    return "\n".join(lines)


# every TicketSale test that mints fails once _update underflows on from == address(0)
HH_MINT_TESTS = {"mints a ticket to the buyer", "refuses mint when sold out", "lets the organizer withdraw",
                 "caps tickets per wallet at 4", "emits TicketMinted", "transfers with allowance",
                 "blocks transfer after check-in", "refunds when event is cancelled", "rejects refund twice",
                 "prices in wei exactly", "sells out at capacity"}


def _hh_failures(failing: set[str]) -> str:
    out = [f"\n  {len(failing)} failing\n"]
    for n, t in enumerate(sorted(failing), 1):
        out.append(f"  {n}) TicketSale\n       {t}:\n     Error: VM Exception while processing transaction: reverted with panic code 0x11 "
                   "(Arithmetic operation overflowed outside of an unchecked block)\n"
                   "      at TicketSale._update (contracts/TicketSale.sol:142)\n"
                   "      at TicketSale._mint (@openzeppelin/contracts/token/ERC721/ERC721.sol:285)\n"
                   "      at TicketSale.buy (contracts/TicketSale.sol:61)\n"
                   "      at EdrProviderWrapper.request (node_modules/hardhat/src/internal/hardhat-network/provider/provider.ts:444:41)\n"
                   f"      at async HardhatEthersSigner.sendTransaction (node_modules/@nomicfoundation/hardhat-ethers/src/signers.ts:125:18)\n"
                   f"      at async Context.<anonymous> (test/TicketSale.test.ts:{RNG.randint(20, 200)}:7)\n")
    return "\n".join(out)


def _gas_table() -> str:
    rows = []
    for contract, fns in [("TicketSale", ["buy", "checkIn", "transferFrom", "withdraw", "setPrice", "pause", "unpause", "refund"]),
                          ("Pass", ["mint", "burn", "transferFrom", "setBaseURI", "setDefaultRoyalty"]),
                          ("Refund", ["deposit", "release", "refundAll"]),
                          ("Resale", ["list", "delist", "buy"])]:
        for fn in fns:
            lo = RNG.randint(24000, 90000)
            rows.append(f"|  {contract:<11}·  {fn:<18}·  {lo:>7}  ·  {lo + RNG.randint(0, 60000):>7}  ·  {lo + RNG.randint(0, 30000):>7}  ·  {RNG.randint(2, 40):>7}  ·      -  |")
    dep = [f"|  {c:<30}·  -  ·  -  ·  {RNG.randint(900000, 3100000):>9}  ·  {RNG.randint(3, 11)}.{RNG.randint(0, 9)} %  ·  -  |"
           for c in ["TicketSale", "Pass", "Refund", "Resale", "MockERC20"]]
    bar = "·" + "-" * 96 + "·"
    head = "|  Solc version: 0.8.24  ·  Optimizer enabled: true  ·  Runs: 200  ·  Block limit: 30000000 gas  |"
    return "\n".join([bar, head, bar, "|  Methods" + " " * 86 + "|", bar] + rows + [bar, "|  Deployments" + " " * 82 + "|", bar] + dep + [bar])


def _ticket_sale_source() -> str:
    """Full TicketSale.sol as an assistant would Read it (post-port, pre-fix)."""
    admin = "\n\n".join(
        f"    /// @notice {doc}\n    function {fn}({arg}) external onlyOwner {{\n        {body}\n        emit {ev}({evarg});\n    }}"
        for fn, arg, body, ev, evarg, doc in [
            ("setPrice", "uint256 newPrice", "price = newPrice;", "PriceChanged", "newPrice", "Face value in wei for new sales."),
            ("setCap", "uint256 newCap", "require(newCap >= _nextId, \"below sold\");\n        cap = newCap;", "CapChanged", "newCap", "Raise or lower capacity, never below tickets sold."),
            ("setEventStart", "uint64 start", "eventStart = start;", "EventStartChanged", "start", "Sales close at event start."),
            ("pause", "", "_pause();", "SalesPaused", "block.timestamp", "Stop all sales and transfers."),
            ("unpause", "", "_unpause();", "SalesResumed", "block.timestamp", "Resume sales."),
            ("cancelEvent", "", "cancelled = true;\n        refund.openRefunds();", "EventCancelled", "block.timestamp", "Cancel and open refunds."),
            ("setCheckInOperator", "address op", "checkInOperator = op;", "OperatorChanged", "op", "Door scanner account."),
        ])
    return (
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\n\n"
        "import \"@openzeppelin/contracts/token/ERC721/ERC721.sol\";\n"
        "import \"@openzeppelin/contracts/access/Ownable.sol\";\n"
        "import \"@openzeppelin/contracts/utils/ReentrancyGuard.sol\";\n"
        "import \"@openzeppelin/contracts/utils/Pausable.sol\";\n"
        "import \"./Refund.sol\";\n\n"
        "/// @title Event tickets with a per-wallet cap and check-in lock.\n"
        "contract TicketSale is ERC721, Ownable, ReentrancyGuard, Pausable {\n"
        "    uint256 public constant MAX_PER_WALLET = 4;\n"
        "    uint256 private _nextId;\n    uint256 public price;\n    uint256 public cap;\n    uint64 public eventStart;\n"
        "    bool public cancelled;\n    address public checkInOperator;\n    Refund public immutable refund;\n\n"
        "    mapping(uint256 => bool) public checkedIn;\n    mapping(address => uint256) public perWallet;\n\n"
        "    event TicketMinted(address indexed buyer, uint256 indexed tokenId, uint256 paid);\n"
        "    event CheckedIn(uint256 indexed tokenId);\n    event PriceChanged(uint256 price);\n    event CapChanged(uint256 cap);\n"
        "    event EventStartChanged(uint64 start);\n    event SalesPaused(uint256 at);\n    event SalesResumed(uint256 at);\n"
        "    event EventCancelled(uint256 at);\n    event OperatorChanged(address op);\n\n"
        "    constructor(uint256 price_, uint256 cap_, uint64 start_, Refund refund_)\n"
        "        ERC721(\"Ticket\", \"TIX\")\n        Ownable(msg.sender)\n    {\n"
        "        price = price_;\n        cap = cap_;\n        eventStart = start_;\n        refund = refund_;\n    }\n\n"
        "    function buy(uint256 quantity) external payable nonReentrant whenNotPaused {\n"
        "        require(block.timestamp < eventStart, \"sales closed\");\n"
        "        require(quantity > 0 && msg.value == price * quantity, \"wrong value\");\n"
        "        require(_nextId + quantity <= cap, \"sold out\");\n"
        "        require(perWallet[msg.sender] + quantity <= MAX_PER_WALLET, \"wallet cap\");\n"
        "        for (uint256 i = 0; i < quantity; i++) {\n            uint256 id = _nextId++;\n"
        "            _mint(msg.sender, id);\n            emit TicketMinted(msg.sender, id, price);\n        }\n"
        "        refund.deposit{value: msg.value}(msg.sender);\n    }\n\n"
        "    function checkIn(uint256 tokenId) external {\n        require(msg.sender == checkInOperator, \"not operator\");\n"
        "        _requireOwned(tokenId);\n        checkedIn[tokenId] = true;\n        emit CheckedIn(tokenId);\n    }\n\n"
        + admin + "\n\n"
        "    function withdraw() external onlyOwner nonReentrant {\n        require(block.timestamp > eventStart && !cancelled, \"not yet\");\n"
        "        refund.release(payable(owner()));\n    }\n\n"
        "    // OZ 4.x hook, ported\n"
        "    function _update(address to, uint256 tokenId, address auth) internal override whenNotPaused returns (address) {\n"
        "        address from = _ownerOf(tokenId);\n        require(!checkedIn[tokenId], \"checked in\");\n"
        "        perWallet[from] -= 1;\n        perWallet[to] += 1;\n        return super._update(to, tokenId, auth);\n    }\n}\n")


def _ticket_sale_tests() -> str:
    """test/TicketSale.test.ts as Read before the OZ5 port of the assertions."""
    bodies = []
    for t in HH_SUITES["TicketSale"]:
        qty = RNG.randint(1, 4)
        bodies.append(
            f"  it('{t}', async () => {{\n"
            f"    const {{ sale, alice, bob, organizer }} = await loadFixture(deploySale);\n"
            f"    await sale.connect(alice).buy({qty}, {{ value: PRICE * {qty}n }});\n"
            f"    expect(await sale.balanceOf(alice.address)).to.equal({qty});\n"
            f"    expect(await sale.perWallet(alice.address)).to.equal({qty});\n  }});\n")
    return (
        "import { expect } from 'chai';\nimport { ethers } from 'hardhat';\n"
        "import { loadFixture, time } from '@nomicfoundation/hardhat-toolbox/network-helpers';\n\n"
        "const PRICE = ethers.parseEther('0.05');\nconst CAP = 500n;\n\n"
        "async function deploySale() {\n  const [organizer, alice, bob, door] = await ethers.getSigners();\n"
        "  const start = (await time.latest()) + 7 * 24 * 3600;\n"
        "  const refund = await ethers.deployContract('Refund', [organizer.address]);\n"
        "  const sale = await ethers.deployContract('TicketSale', [PRICE, CAP, start, await refund.getAddress()]);\n"
        "  await refund.setSale(await sale.getAddress());\n  await sale.setCheckInOperator(door.address);\n"
        "  const token = await ethers.deployContract('MockERC20', ['Mock', 'MCK']);\n"
        "  const pass = await ethers.deployContract('Pass', ['ipfs://bafy/']);\n"
        "  return { sale, refund, token, pass, organizer, alice, bob, door, start };\n}\n\n"
        "describe('TicketSale', () => {\n" + "\n".join(bodies) +
        "\n  describe('transfers', () => {\n"
        "    it('reverts transfer without allowance', async () => {\n      const { sale, token, alice, bob } = await loadFixture(deploySale);\n"
        "      await token.mint(alice.address, 10);\n"
        "      await expect(token.connect(bob).transferFrom(alice, bob, 1)).to.be.revertedWith('ERC20: insufficient allowance');\n    });\n"
        "    it('reverts transfer of a pass by a stranger', async () => {\n      const { pass, alice, bob } = await loadFixture(deploySale);\n"
        "      await pass.mint(alice.address);\n"
        "      await expect(pass.connect(bob).transferFrom(alice.address, bob.address, 0)).to.be.revertedWith('ERC721: caller is not token owner or approved');\n    });\n"
        "    it('only owner withdraws', async () => {\n      const { sale, bob } = await loadFixture(deploySale);\n"
        "      await expect(sale.connect(bob).withdraw()).to.be.revertedWith('Ownable: caller is not the owner');\n    });\n  });\n});\n")


def hardhat_tickets() -> dict:
    turns = [
        U("upgrading our ticketing contracts from openzeppelin 4.9 to 5.0, tests exploded. here's the output:\n\n```\n  TicketSale\n    transfers\n      1) reverts transfer without allowance\n\n  1) TicketSale transfers reverts transfer without allowance:\n     AssertionError: Expected transaction to be reverted with reason 'ERC20: insufficient allowance', but it reverted with a custom error\n      at async Context.<anonymous> (test/TicketSale.test.ts:88:5)\n```\n\nthere are like 11 of these. that's from the test run on the old build cache, I bumped the package but haven't touched our own contracts yet"),
        A("That's expected with OZ 5: revert strings were replaced by custom errors (`ERC20InsufficientAllowance(spender, allowance, needed)` etc.), so `revertedWith('ERC20: ...')` can't match anymore. The tests need `revertedWithCustomError(token, 'ERC20InsufficientAllowance')`. Let me see how many there are."),
        T("Bash", "npx hardhat compile", _solc_errors()),
        A("Before the tests can even run, the contracts don't compile against OZ 5. Each error maps to a known v5 change:\n- `Counters` was removed: use a plain `uint256 _nextId` and `_nextId++`.\n- `_beforeTokenTransfer` is gone: the single customisation point is now `_update(to, tokenId, auth)`.\n- `Ownable` needs the initial owner in its constructor: `Ownable(msg.sender)`.\n- `Address.isContract` was removed (it was unreliable during construction anyway): use `to.code.length == 0`.\n- `_requireMinted` became `_requireOwned`.\n- `safeApprove` was removed: use `forceApprove` or `safeIncreaseAllowance`.\n- `_increaseBalance` needs `override`.\nI'll port them file by file."),
        T("Edit", "contracts/TicketSale.sol",
          "-import \"@openzeppelin/contracts/utils/Counters.sol\";\n-    using Counters for Counters.Counter;\n-    Counters.Counter private _ids;\n+    uint256 private _nextId;\n-    constructor(uint256 price_, uint256 cap_) ERC721(\"Ticket\", \"TIX\") {\n+    constructor(uint256 price_, uint256 cap_) ERC721(\"Ticket\", \"TIX\") Ownable(msg.sender) {\n-    function _beforeTokenTransfer(address from, address to, uint256 firstTokenId, uint256 batchSize) internal override {\n+    // OZ 4.x hook, ported\n+    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {"),
        T("Edit", "contracts/Pass.sol",
          "-        require(!to.isContract(), \"no contracts\");\n+        require(to.code.length == 0, \"no contracts\");\n-        _requireMinted(tokenId);\n+        _requireOwned(tokenId);\n-    function _increaseBalance(address account, uint128 value) internal {\n+    function _increaseBalance(address account, uint128 value) internal override(ERC721, ERC721Enumerable) {"),
        T("Edit", "contracts/Refund.sol",
          "-        SafeERC20.safeApprove(token, organizer, amount);\n+        SafeERC20.forceApprove(token, organizer, amount);"),
        T("Bash", "npx hardhat compile", "Generating typings for: 31 artifacts in dir: typechain-types for target: ethers-v6\nSuccessfully generated 96 typings!\nCompiled 31 Solidity files successfully (evm target: paris)."),
        T("Bash", "grep -rn \"revertedWith('\" test/ | wc -l && grep -rn \"revertedWith('ERC\" test/ | head -4",
          "14\ntest/TicketSale.test.ts:88:      await expect(token.connect(bob).transferFrom(alice, bob, 1)).to.be.revertedWith('ERC20: insufficient allowance');\ntest/TicketSale.test.ts:97:      await expect(pass.connect(bob).transferFrom(alice.address, bob.address, 0)).to.be.revertedWith('ERC721: caller is not token owner or approved');\ntest/TicketSale.test.ts:131:      await expect(sale.connect(bob).withdraw()).to.be.revertedWith('Ownable: caller is not the owner');\ntest/Pass.test.ts:40:      await expect(pass.mint(ethers.ZeroAddress)).to.be.revertedWith('ERC721: mint to the zero address');"),
        T("Read", "test/TicketSale.test.ts", _ticket_sale_tests()),
        T("Edit", "test/TicketSale.test.ts",
          "-        .to.be.revertedWith('ERC20: insufficient allowance');\n+        .to.be.revertedWithCustomError(token, 'ERC20InsufficientAllowance').withArgs(bob.address, 0, 1);\n-        .to.be.revertedWith('ERC721: caller is not token owner or approved');\n+        .to.be.revertedWithCustomError(pass, 'ERC721InsufficientApproval');\n-        .to.be.revertedWith('Ownable: caller is not the owner');\n+        .to.be.revertedWithCustomError(sale, 'OwnableUnauthorizedAccount').withArgs(bob.address);"),
        T("Bash", "npx hardhat test",
          "Compiled 31 Solidity files successfully (evm target: paris).\n\n" + _hh_test_output(HH_MINT_TESTS) + _hh_failures(HH_MINT_TESTS)),
        T("Read", "contracts/TicketSale.sol", _ticket_sale_source()),
        A("Every test that mints fails with the same panic. Root cause: in OZ 5, `_beforeTokenTransfer` is gone and `_update` is also called for mints, with `from == address(0)`. The ported hook does `perWallet[from] -= 1` on the zero address during mint, which underflows (0x11). Guard the decrement with `if (from != address(0))` and the increment with `if (to != address(0))` for burns."),
        T("Edit", "contracts/TicketSale.sol",
          "-        perWallet[from] -= 1;\n-        perWallet[to] += 1;\n+        // OZ5 routes mint (from=0) and burn (to=0) through _update as well\n+        if (from != address(0)) perWallet[from] -= 1;\n+        if (to != address(0)) perWallet[to] += 1;"),
        T("Bash", "REPORT_GAS=true npx hardhat test",
          "Compiled 1 Solidity file successfully (evm target: paris).\n\n" + _hh_test_output(set()) + "\n\n" + _gas_table()),
        U("all green, nice!! the guy from the other team said we should make it upgradeable with UUPS proxy while we're at it"),
        A("We can: inherit `UUPSUpgradeable` + `OwnableUpgradeable`, replace constructors with `initialize`, deploy via `upgrades.deployProxy` from @openzeppelin/hardhat-upgrades. Downsides: storage layout discipline forever, an admin key that can change the logic (buyers must trust it), and the audit scope grows."),
        U("hmm. we talked it through with Lena while you were typing. the audit firm quoted +40% for the proxy, and the organizers explicitly want immutable contracts so buyers trust resale rules. so UUPS is dropped, we stay non-upgradeable."),
        A("Clear — no proxy, contracts stay immutable. Shall I deploy to Sepolia now? Let me check the network config."),
        T("Bash", "npx hardhat vars list && cat hardhat.config.ts | sed -n '1,30p'",
          f"ALCHEMY_API_KEY\nDEPLOYER_PRIVATE_KEY\n\nimport {{ HardhatUserConfig, vars }} from 'hardhat/config';\nimport '@nomicfoundation/hardhat-toolbox';\n\nconst config: HardhatUserConfig = {{\n  solidity: {{ version: '0.8.24', settings: {{ optimizer: {{ enabled: true, runs: 200 }}, evmVersion: 'paris' }} }},\n  networks: {{\n    sepolia: {{\n      url: `https://eth-sepolia.g.alchemy.com/v2/{ALCHEMY_KEY}`,\n      accounts: ['{DEPLOYER_KEY}'],\n    }},\n  }},\n}};\nexport default config;\n"),
        A(f"Before anything else: `hardhat.config.ts` has the deployer private key and Alchemy key hard-coded, even though `hardhat vars` already holds both. If this file is committed, that key must be treated as compromised. I'll switch it to `vars.get('DEPLOYER_PRIVATE_KEY')` and `vars.get('ALCHEMY_API_KEY')`."),
        T("Edit", "hardhat.config.ts",
          "-      url: `https://eth-sepolia.g.alchemy.com/v2/...`,\n-      accounts: ['0x...'],\n+      url: `https://eth-sepolia.g.alchemy.com/v2/${vars.get('ALCHEMY_API_KEY')}`,\n+      accounts: [vars.get('DEPLOYER_PRIVATE_KEY')],"),
        T("Bash", "git log --oneline -S 'accounts: [' -- hardhat.config.ts | head -3",
          "b72e0f1 sepolia network"),
        U("ugh yes it's been committed since b72e0f1. it's only a testnet wallet but ok. I'll rotate the key and move the funds. don't deploy today, sepolia deploy after the rotation. and please, I like Custom errors in our own contracts too, no require strings anymore."),
        A("Noted: own contracts use custom errors instead of require strings; Sepolia deploy waits until the deployer key is rotated. I'll convert `require(!checkedIn[tokenId], \"checked in\")` to `if (checkedIn[tokenId]) revert TicketCheckedIn(tokenId);` now."),
        T("Edit", "contracts/TicketSale.sol",
          "+    error TicketCheckedIn(uint256 tokenId);\n-        require(!checkedIn[tokenId], \"checked in\");\n+        if (checkedIn[tokenId]) revert TicketCheckedIn(tokenId);"),
        T("Bash", "npx hardhat test 2>&1 | tail -3", "      ✔ sets up resale (41ms)\n      ✔ settles in one transaction (77ms)\n\n  39 passing (4s)"),
    ]
    return {
        "id": "hardhat_tickets", "project": "ticket-contracts",
        "cwd_files": ["contracts/TicketSale.sol", "test/TicketSale.test.ts", "hardhat.config.ts"],
        "turns": turns,
        "gold": [
            G("PROJECT", "ticket-contracts: Solidity 0.8.24, Hardhat, OpenZeppelin 5", ["hardhat"],
              ["solidity", "openzeppelin", "0.8.24", "oz 5", "5.0"]),
            G("BUG_FIX", "OZ5 tests: revertedWith strings -> revertedWithCustomError", ["revertedwith"],
              ["customerror", "custom error", "oz 5", "5.0"], ["test/TicketSale.test.ts"]),
            G("BUG_FIX", "panic 0x11 in _update: OZ5 calls it on mint with from=0 -> guard address(0)", ["_update"],
              ["0x11", "underflow", "address(0)", "mint", "perwallet"], ["contracts/TicketSale.sol"]),
            G("FAILED", "UUPS upgradeable proxy dropped: audit +40%, organizers want immutable", ["uups"],
              ["audit", "immutable", "dropped", "40%", "proxy"], failure=True),
            G("PREFERENCE", "custom errors instead of require strings in own contracts", ["custom error"],
              ["require", "string"]),
            G("TODO", "Sepolia deploy after rotating the deployer key", ["sepolia"], ["rotat", "deploy", "key"]),
        ],
        "dead_ends": [D("UUPS proxy upgradeability", ["uups"])],
        "secrets": [DEPLOYER_KEY, ALCHEMY_KEY],
    }


# ---------------------------------------------------------------- 8. R/Shiny, chit-chat, narrates past attempts
def shiny_clinic() -> dict:
    profile = "\n".join(
        f"  {fn:<28}{t:>8} ms" for fn, t in [
            ("filtered_visits()", "2311"), ("output$waitPlot", "1874"), ("output$summaryTable", "944"),
            ("readRDS(\"visits.rds\")", "612"), ("dplyr::summarise", "301"), ("renderPlotly", "1690")])
    warn = "\n".join(f"Warning in min(x): no non-missing arguments to min; returning Inf  [clinic_id={c}]"
                     for c in RNG.sample(range(100, 999), 7))
    turns = [
        U("Good afternoon :) Quick question before the real one, do you have opinions on the new native pipe? My colleague keeps using %>% and I keep changing it."),
        A("Mostly taste these days. `|>` is base R since 4.1, no magrittr dependency, slightly faster; `%>%` still has the `.` placeholder tricks. For a new codebase I'd pick one and stick to it."),
        U("Native pipe it is, in our code always |> please, I'll tell Tom. OK the real thing: our Shiny app for the clinics (R 4.3, shiny 1.8, dplyr) shows waiting times. It's become super sluggish, every time you move the date slider a bit it recomputes for 2-3 seconds. Some history: first I tried plotly for the main chart, because people wanted hover. With ~200k visits it was way too slow, took forever to render and the browser tab used 1.5 GB, so I threw it out and went back to ggplot. Then I tried caching with memoise on the whole data loading, but it cached stale data after the nightly refresh and nobody noticed for a week, so I ripped that out too. So don't suggest those two please :)"),
        A("Thanks for the history, that saves time — no plotly, no memoise. Let me profile what actually runs on a slider move."),
        T("Bash", "Rscript -e 'profvis::profvis(shiny::runApp(\"app\", test.mode=TRUE))' --args --replay tests/slider_moves.json 2>&1 | tail -9",
          "Replaying 12 input events from tests/slider_moves.json\n" + profile + "\n" + warn),
        T("Read", "app/server.R",
          "server <- function(input, output, session) {\n  visits <- readRDS(\"data/visits.rds\")\n\n  filtered_visits <- reactive({\n    visits |>\n      dplyr::filter(visit_date >= input$dates[1], visit_date <= input$dates[2],\n                    clinic %in% input$clinics)\n  })\n\n  output$waitPlot <- renderPlot({\n    ggplot2::ggplot(filtered_visits(), ggplot2::aes(visit_date, wait_min)) + ggplot2::geom_point(alpha = .2)\n  })\n  output$summaryTable <- renderTable({\n    filtered_visits() |> dplyr::group_by(clinic) |> dplyr::summarise(p90 = quantile(wait_min, .9), max = min(wait_min))\n  })\n}\n"),
        A("Two things. (1) `readRDS` is inside `server`, so each session loads 200k rows again — move it to global.R so it loads once per process. (2) The slider fires on every pixel of dragging, and each intermediate value recomputes `filtered_visits()` and both outputs. Wrap the input in `debounce()` (e.g. 500 ms) so only the value you stop on triggers work. Also spotted a bug: the summary uses `max = min(wait_min)`, and the warnings in the profile are from empty groups returning Inf."),
        U("Oh my, the min/max thing has been there for months, nobody noticed because the column is hidden on mobile haha. Yes do both and fix it."),
        T("Edit", "app/server.R",
          "-  visits <- readRDS(\"data/visits.rds\")\n+  dates_d <- debounce(reactive(input$dates), 500)  # slider fires per pixel while dragging\n-    visits |>\n-      dplyr::filter(visit_date >= input$dates[1], visit_date <= input$dates[2],\n+    visits |>\n+      dplyr::filter(visit_date >= dates_d()[1], visit_date <= dates_d()[2],\n-    ... dplyr::summarise(p90 = quantile(wait_min, .9), max = min(wait_min))\n+    ... dplyr::filter(dplyr::n() > 0) |> dplyr::summarise(p90 = quantile(wait_min, .9), max = max(wait_min))"),
        T("Write", "app/global.R", "# loaded once per R process, shared by all sessions\nvisits <- readRDS(\"data/visits.rds\")\n"),
        T("Bash", "Rscript -e 'testthat::test_dir(\"tests/testthat\")'",
          "✔ | F W  S  OK | Context\n✖ | 1        6 | summary\n────────────────────────────────────────────────────────────────────────────────\nFailure (test-summary.R:14:3): summary max is the longest wait\n`out$max` not equal to c(95, 140).\n2/2 mismatches (average diff: 62.5)\n[1]  30 -  95 == -65\n[2]  80 - 140 == -60\n────────────────────────────────────────────────────────────────────────────────\n══ Results ═══════════════════════════════════════════════════════════════════\n[ FAIL 1 | WARN 0 | SKIP 0 | PASS 6 ]"),
        A("The test still sees the old numbers: `tests/testthat/helper-app.R` sources a copy of the summary code (`summarise_waits()` in R/summary.R), not server.R. The min/max bug lives there as well; the server now calls that function, so fixing it once covers both."),
        T("Edit", "R/summary.R",
          "-    dplyr::summarise(p90 = quantile(wait_min, .9), max = min(wait_min))\n+    dplyr::summarise(p90 = quantile(wait_min, .9), max = max(wait_min))"),
        T("Bash", "Rscript -e 'testthat::test_dir(\"tests/testthat\")'",
          "✔ | F W  S  OK | Context\n✔ |          7 | summary\n\n══ Results ═══════════════════════════════════════════════════════════════════\n[ FAIL 0 | WARN 0 | SKIP 0 | PASS 7 ]"),
        T("Bash", "Rscript -e 'profvis::profvis(shiny::runApp(\"app\", test.mode=TRUE))' --args --replay tests/slider_moves.json 2>&1 | tail -4",
          "Replaying 12 input events from tests/slider_moves.json\n  filtered_visits()              188 ms\n  output$waitPlot                402 ms\n  output$summaryTable             61 ms"),
        U("From 2-3 s to well under a second, lovely. Should we lock the package versions? Last month a dplyr update broke the server."),
        A("Yes, renv: `renv::init()` records exact versions in renv.lock, and the server runs `renv::restore()` on deploy."),
        U("Let's do renv. But the deploy script change I'll do with Ahmed on Monday, leave a note. Have a nice weekend!"),
        T("Bash", "Rscript -e 'renv::init(bare = FALSE)' 2>&1 | tail -3",
          "- Linking packages into the project library ... Done!\n- Resolving missing dependencies ... Done!\nThe following package(s) will be updated in the lockfile:\n# CRAN -----------------------------------------------------------------------\n- dplyr     [* -> 1.1.4]\n- ggplot2   [* -> 3.4.4]\n- shiny     [* -> 1.8.0]"),
        A("renv.lock created. Left open for Monday with Ahmed: add `renv::restore()` to the deploy script. Have a nice weekend too!"),
    ]
    return {
        "id": "shiny_clinic_waits", "project": "clinic-waits",
        "cwd_files": ["app/server.R", "app/global.R", "R/summary.R", "renv.lock"],
        "turns": turns,
        "gold": [
            G("PROJECT", "clinic-waits: R 4.3 Shiny 1.8 app, dplyr, ggplot2", ["shiny"], ["r 4.3", "1.8", "dplyr", "ggplot"]),
            G("PREFERENCE", "always native pipe |> instead of %>%", [], ["|>", "native pipe", "%>%"]),
            G("FAILED", "plotly for main chart: 200k points too slow, 1.5 GB tab", ["plotly"],
              ["slow", "200k", "1.5 gb", "threw", "render"], failure=True),
            G("FAILED", "memoise caching of data load: served stale data after nightly refresh", ["memoise"],
              ["stale", "nightly", "ripped", "refresh"], failure=True),
            G("PATTERN", "debounce the date slider input (500 ms); readRDS once in global.R", ["debounce"],
              ["slider", "500", "global.r", "readrds"], ["app/server.R", "app/global.R"]),
            G("BUG_FIX", "summary max used min(); fixed in R/summary.R", ["max"], ["min(", "summary", "summarise"],
              ["R/summary.R"]),
            G("DECISION", "renv to lock package versions", ["renv"], ["lock", "version", "renv.lock"]),
            G("TODO", "add renv::restore() to deploy script with Ahmed on Monday", ["deploy"],
              ["ahmed", "restore", "monday"]),
        ],
        "dead_ends": [D("plotly chart", ["plotly"]), D("memoise cache", ["memoise"])],
        "secrets": [],
    }


SESSIONS = [angular_fleet, clojure_meters, sinatra_webhooks, nvim_plugin, flyway_a, flyway_b, hardhat_tickets,
            shiny_clinic]


def session_text(data: dict) -> str:
    parts = []
    for t in data["turns"]:
        parts += [t.get("text", ""), t.get("input", ""), t.get("output", "")]
    return "\n".join(parts)


def validate(data: dict) -> list[str]:
    """Problems that would make a label unreachable or meaningless."""
    text = session_text(data)
    low = text.lower()
    problems = []
    labels = list(data["gold"]) + list(data.get("dead_ends", []))
    for lab in labels:
        for kw in lab.get("all_of", []) + lab.get("any_of", []):
            if kw != kw.lower():
                problems.append(f"{data['id']}: keyword not lowercase: {kw!r}")
            if kw.lower() not in low:
                problems.append(f"{data['id']}: keyword {kw!r} ({lab['summary']}) not in session")
    for g in data["gold"]:
        if not g["any_of"] and not g["all_of"]:
            problems.append(f"{data['id']}: gold without keywords: {g['summary']}")
        if g.get("failure") and g["kind"] != "FAILED":
            problems.append(f"{data['id']}: failure gold must be FAILED: {g['summary']}")
    for secret in data.get("secrets", []):
        if secret not in text:
            problems.append(f"{data['id']}: secret not verbatim in session: {secret[:12]}...")
    for sup in data.get("supersedes", []):
        for kw in sup["new_all_of"]:
            if kw not in low:
                problems.append(f"{data['id']}: supersedes new keyword {kw!r} not in session")
    return problems


def main() -> int:
    built = [make() for make in SESSIONS]
    by_id = {d["id"]: d for d in built}
    problems = [p for d in built for p in validate(d)]
    for d in built:
        for sup in d.get("supersedes", []):
            old = by_id.get(sup["old_session"])
            if old is None or old["project"] != d["project"]:
                problems.append(f"{d['id']}: supersedes unknown or other-project session {sup['old_session']}")
            elif any(kw not in session_text(old).lower() for kw in sup["old_all_of"]):
                problems.append(f"{d['id']}: old keywords missing from {sup['old_session']}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    for d in built:
        (HERE / f"{d['id']}.json").write_text(json.dumps(d, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{d['id']:<22} {len(d['turns']):>3} turns  ~{len(session_text(d)) // 4:>5} tokens  "
              f"{len(d['gold'])} gold  {len(d.get('dead_ends', []))} dead ends  {len(d.get('secrets', []))} secrets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
