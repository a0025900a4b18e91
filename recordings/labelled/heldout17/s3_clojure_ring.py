from h17lib import U, A, T, G, D, write

PG_PASS = "c7Rq!94mZpLe"
JDBC_URL = f"jdbc:postgresql://pg-staging.internal:5432/invoices?user=invoice_app&password={PG_PASS}"

DB_CLJ = '''(ns invoice.db
  (:require [next.jdbc :as jdbc]
            [next.jdbc.sql :as sql]))

(defn invoices-for-customer [ds customer-id]
  (jdbc/execute! ds ["select * from invoices where customer_id = ? order by issued_at desc" customer-id]))

(defn find-invoice [ds id]
  (let [conn (jdbc/get-connection ds {:read-only true})]
    (when-let [inv (jdbc/execute-one! conn ["select * from invoices where id = ?" id])]
      (assoc inv :lines (jdbc/execute! conn ["select * from invoice_lines where invoice_id = ? order by pos" id])))))

(defn insert-invoice! [ds invoice lines]
  (let [inv (sql/insert! ds :invoices invoice)]
    (doseq [l lines]
      (sql/insert! ds :invoice_lines (assoc l :invoice_id (:invoices/id inv))))
    inv))'''

DEPS = '''{:paths ["src" "resources"]
 :deps {org.clojure/clojure {:mvn/version "1.11.3"}
        ring/ring-core {:mvn/version "1.12.1"}
        ring/ring-jetty-adapter {:mvn/version "1.12.1"}
        ring/ring-json {:mvn/version "0.5.1"}
        metosin/reitit-ring {:mvn/version "0.7.0"}
        com.github.seancorfield/next.jdbc {:mvn/version "1.3.939"}
        org.postgresql/postgresql {:mvn/version "42.7.3"}
        com.zaxxer/HikariCP {:mvn/version "5.1.0"}
        integrant/integrant {:mvn/version "0.10.0"}
        migratus/migratus {:mvn/version "1.5.6"}
        cheshire/cheshire {:mvn/version "5.13.0"}
        aero/aero {:mvn/version "1.1.6"}}
 :aliases {:dev {:extra-paths ["dev"]
                 :extra-deps {integrant/repl {:mvn/version "0.3.3"}}}
           :test {:extra-paths ["test"]
                  :extra-deps {io.github.cognitect-labs/test-runner {:git/tag "v0.5.1" :git/sha "dfb30dd"}}
                  :main-opts ["-m" "cognitect.test-runner"]}
           :migrate {:main-opts ["-m" "invoice.migrate"]}}}'''


def hikari_trace(ts, thread, uri):
    return f'''{ts} ERROR [{thread}] invoice.http - unhandled exception uri={uri}
java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30001ms (total=10, active=10, idle=0, waiting=7)
	at com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)
	at com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)
	at com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:144)
	at com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:127)
	at next.jdbc.connection$make_connection.invokeStatic(connection.clj:455)
	at next.jdbc.connection$make_connection.invoke(connection.clj:439)
	at next.jdbc.connection$eval2918$fn__2919.invoke(connection.clj:489)
	at next.jdbc.protocols$eval1062$fn__1063$G__1053__1072.invoke(protocols.clj:25)
	at next.jdbc$get_connection.invokeStatic(jdbc.clj:169)
	at next.jdbc$get_connection.invoke(jdbc.clj:148)
	at invoice.db$find_invoice.invokeStatic(db.clj:9)
	at invoice.db$find_invoice.invoke(db.clj:8)
	at invoice.handlers$get_invoice.invokeStatic(handlers.clj:31)
	at invoice.handlers$get_invoice.invoke(handlers.clj:29)
	at reitit.ring$ring_handler$fn__12345.invoke(ring.cljc:377)
	at ring.middleware.json$wrap_json_response$fn__11830.invoke(json.clj:96)
	at ring.middleware.params$wrap_params$fn__11002.invoke(params.clj:75)
	at invoice.http$wrap_errors$fn__13012.invoke(http.clj:22)
	at ring.adapter.jetty$proxy_handler$fn__10712.invoke(jetty.clj:27)
	at ring.adapter.jetty.proxy$org.eclipse.jetty.server.handler.AbstractHandler$ff19274a.handle(Unknown Source)
	at org.eclipse.jetty.server.handler.HandlerWrapper.handle(HandlerWrapper.java:122)
	at org.eclipse.jetty.server.Server.handle(Server.java:563)
	at org.eclipse.jetty.server.HttpChannel$RequestDispatchers.lambda$handle$0(HttpChannel.java:1598)
	at org.eclipse.jetty.server.HttpChannel.dispatch(HttpChannel.java:1753)
	at org.eclipse.jetty.server.HttpChannel.handle(HttpChannel.java:1580)
	at org.eclipse.jetty.server.HttpConnection.onFillable(HttpConnection.java:283)
	at org.eclipse.jetty.io.AbstractConnection$ReadCallback.succeeded(AbstractConnection.java:314)
	at org.eclipse.jetty.io.FillInterest.fillable(FillInterest.java:100)
	at org.eclipse.jetty.io.SelectableChannelEndPoint$1.run(SelectableChannelEndPoint.java:53)
	at org.eclipse.jetty.util.thread.QueuedThreadPool.runJob(QueuedThreadPool.java:969)
	at org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.doRunJob(QueuedThreadPool.java:1194)
	at org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run(QueuedThreadPool.java:1149)
	at java.base/java.lang.Thread.run(Thread.java:1583)
'''


log = [f"2024-11-25 08:14:02,118 INFO  [main] com.zaxxer.hikari.HikariDataSource - HikariPool-1 - Starting... jdbcUrl={JDBC_URL}",
       "2024-11-25 08:14:02,391 INFO  [main] com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Added connection org.postgresql.jdbc.PgConnection@5b1f0f26",
       "2024-11-25 08:14:02,393 INFO  [main] com.zaxxer.hikari.HikariDataSource - HikariPool-1 - Start completed.",
       "2024-11-25 08:14:02,860 INFO  [main] invoice.system - jetty started on port 3000"]
minute = 14
for i in range(1, 11):
    log.append(f"2024-11-25 08:{minute + i:02d}:1{i % 10},402 INFO  [qtp1190654826-{30 + i}] invoice.http - GET /invoices/{7 + i} 200 {18 + i}ms")
log.append("2024-11-25 08:26:44,010 WARN  [HikariPool-1 housekeeper] com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Pool stats (total=10, active=10, idle=0, waiting=3)")
for i, (uri, th) in enumerate([("/invoices/19", 41), ("/invoices/20", 42), ("/invoices?customer=42", 43),
                                ("/invoices/21", 44), ("/invoices/7", 45)]):
    log.append(hikari_trace(f"2024-11-25 08:27:{14 + i * 3:02d},{200 + i:03d}", f"qtp1190654826-{th}", uri))
log.append("2024-11-25 08:29:01,555 WARN  [HikariPool-1 housekeeper] com.zaxxer.hikari.pool.ProxyLeakTask - Connection leak detection triggered for org.postgresql.jdbc.PgConnection@5b1f0f26 on thread qtp1190654826-31, stack trace follows")
log.append('''java.lang.Exception: Apparent connection leak detected
	at com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:127)
	at next.jdbc.connection$make_connection.invokeStatic(connection.clj:455)
	at next.jdbc$get_connection.invokeStatic(jdbc.clj:169)
	at invoice.db$find_invoice.invokeStatic(db.clj:9)
	at invoice.handlers$get_invoice.invokeStatic(handlers.clj:31)''')
STAGING_LOG = "\n".join(log)

turns = [
    U("ok so. GET /invoices now returns keys like \"invoices/id\" and \"invoices/customer_id\" in the json. hmm. "
      "the frontend guys noticed. I think that started when I moved us from clojure.java.jdbc to next.jdbc "
      "last sprint... let me think... yeah, has to be. also, separately, staging starts throwing 500s after a "
      "while under load, which, hm, might be a different thing entirely. let's start with the keys."),
    A("Let me look at the db namespace and the deps first."),
    T("Read", "deps.edn", DEPS),
    T("Read", "src/invoice/db.clj", DB_CLJ),
    T("Bash", "curl -s 'localhost:3000/invoices?customer=42' | jq '.[0]'",
      '''{
  "invoices/id": 1187,
  "invoices/customer_id": 42,
  "invoices/number": "2024-0917",
  "invoices/issued_at": "2024-11-02T09:12:44Z",
  "invoices/amount": 1249.9,
  "invoices/currency": "EUR",
  "invoices/status": "sent"
}'''),
    A("That's next.jdbc's default result-set builder. `execute!` uses `as-maps`, which produces "
      "*table-qualified* keywords (`:invoices/id`), unlike clojure.java.jdbc which gave plain `:id`. When "
      "ring-json/cheshire encode a qualified keyword they keep the namespace, hence `\"invoices/id\"`. The fix "
      "is to build rows with `next.jdbc.result-set/as-unqualified-lower-maps`. Two ways:\n\n- wrap the "
      "datasource once with `(jdbc/with-options ds {:builder-fn rs/as-unqualified-lower-maps})` in the "
      "integrant system, or\n- pass `{:builder-fn ...}` to each call.\n\n`with-options` is the least code."),
    U("hmm. with-options... wait. I remember with-options has a catch — inside with-transaction you get the "
      "raw java.sql.Connection back and the options are gone. so every tx would quietly go back to qualified "
      "keys. and passing opts per call is annoying and someone will forget. ok. hmm. what about a tiny wrapper: "
      "invoice.db/execute! and execute-one! that always merge the builder opts, and nobody calls next.jdbc "
      "directly outside invoice.db. yeah. that. let's do that."),
    A("That's right about `with-options` — `with-transaction` hands you the unwrapped connection (there's "
      "`with-transaction+options` for that reason). A wrapper namespace avoids the whole class of bugs. I'll "
      "add `execute!`, `execute-one!`, `insert!` in `invoice.db` that merge `{:builder-fn "
      "rs/as-unqualified-lower-maps}` and route the existing functions through them."),
    T("Edit", "src/invoice/db.clj",
      '''@@ -1,14 +1,30 @@
 (ns invoice.db
   (:require [next.jdbc :as jdbc]
+            [next.jdbc.result-set :as rs]
             [next.jdbc.sql :as sql]))
 
+(def ^:private opts {:builder-fn rs/as-unqualified-lower-maps})
+
+(defn execute!
+  ([connectable sqlvec] (jdbc/execute! connectable sqlvec opts))
+  ([connectable sqlvec extra] (jdbc/execute! connectable sqlvec (merge opts extra))))
+
+(defn execute-one!
+  ([connectable sqlvec] (jdbc/execute-one! connectable sqlvec opts))
+  ([connectable sqlvec extra] (jdbc/execute-one! connectable sqlvec (merge opts extra))))
+
+(defn insert! [connectable table row]
+  (sql/insert! connectable table row opts))
+
 (defn invoices-for-customer [ds customer-id]
-  (jdbc/execute! ds ["select * from invoices where customer_id = ? order by issued_at desc" customer-id]))
+  (execute! ds ["select * from invoices where customer_id = ? order by issued_at desc" customer-id]))'''),
    T("Bash", "clojure -M:test",
      '''
Running tests in #{"test"}

Testing invoice.db-test

Testing invoice.handlers-test

Testing invoice.pdf-test

Ran 24 tests containing 61 assertions.
0 failures, 0 errors.'''),
    T("Bash", "curl -s 'localhost:3000/invoices?customer=42' | jq '.[0] | keys'",
      '''[
  "amount",
  "currency",
  "customer_id",
  "id",
  "issued_at",
  "number",
  "status"
]'''),
    U("nice. now the 500s. here's the log from staging this morning, the whole thing:\n\n" + STAGING_LOG),
    A("This one is a connection leak, and it's in `find-invoice`. It calls `(jdbc/get-connection ds "
      "{:read-only true})` and never closes the connection. With Hikari, `get-connection` checks a connection "
      "out of the pool; it only goes back when `.close` is called. So every `GET /invoices/:id` permanently "
      "takes one of the 10 pool connections. That matches the log exactly: ten successful `GET /invoices/N`, "
      "then `total=10, active=10, idle=0`, then every request waits 30 s and fails with "
      "`Connection is not available, request timed out after 30001ms`, and Hikari's leak detector points at "
      "`db.clj:9`.\n\nFix: either `(with-open [conn (jdbc/get-connection ds)] ...)` or simply pass `ds` to both "
      "queries and let next.jdbc borrow/return a connection per call.\n\n(Side note: the first log line prints "
      "the full JDBC URL including the password — worth masking in the logback config.)"),
    U("oh. oh no. yes. that was me, debugging with a raw connection to try the :read-only flag and I never "
      "cleaned it up. ok just pass ds, we don't need read-only."),
    T("Edit", "src/invoice/db.clj",
      '''@@ -22,7 +22,6 @@
 (defn find-invoice [ds id]
-  (let [conn (jdbc/get-connection ds {:read-only true})]
-    (when-let [inv (jdbc/execute-one! conn ["select * from invoices where id = ?" id])]
-      (assoc inv :lines (jdbc/execute! conn ["select * from invoice_lines where invoice_id = ? order by pos" id])))))
+  (when-let [inv (execute-one! ds ["select * from invoices where id = ?" id])]
+    (assoc inv :lines (execute! ds ["select * from invoice_lines where invoice_id = ? order by pos" id]))))'''),
    T("Bash", "hey -n 2000 -c 20 http://localhost:3000/invoices/7",
      '''
Summary:
  Total:	3.4127 secs
  Slowest:	0.0912 secs
  Fastest:	0.0041 secs
  Average:	0.0338 secs
  Requests/sec:	586.0466

Response time histogram:
  0.004 [1]	|
  0.013 [212]	|■■■■■■■■■■■■
  0.022 [508]	|■■■■■■■■■■■■■■■■■■■■■■■■■■■■■
  0.030 [694]	|■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■
  0.039 [341]	|■■■■■■■■■■■■■■■■■■■■
  0.048 [149]	|■■■■■■■■■
  0.091 [95]	|■■■■■

Status code distribution:
  [200]	2000 responses'''),
    A("2000 requests at concurrency 20 against a 10-connection pool, all 200, no timeouts. The leak is gone."),
    U("good. now totals. hmm. amount is numeric(12,2) in pg, comes back as BigDecimal, and then somebody "
      "does (double ...) in the pdf code and we print 1249.8999999. floats are evil for money, I know. but "
      "BigDecimal in clojure is also annoying, M suffixes everywhere, with-precision... what if we just "
      "store cents. amount_cents bigint. integer math, longs, formatting only at the edges. yeah. cents. "
      "decided. can you write the migration?"),
    A("Makes sense. I'll add a migratus migration that adds `amount_cents bigint`, backfills it from "
      "`round(amount * 100)`, makes it NOT NULL and drops `amount`, same for `invoice_lines.unit_price`."),
    T("Bash", "cat > resources/migrations/20241125103000-amount-cents.up.sql <<'EOF' ... EOF && clojure -M:migrate",
      '''2024-11-25 10:31:02 INFO  migratus.core - Starting migrations
2024-11-25 10:31:02 INFO  migratus.database - Ending migrations
2024-11-25 10:31:02 INFO  migratus.core - Running up for [20241125103000]
2024-11-25 10:31:02 INFO  migratus.core - Up 20241125103000-amount-cents
2024-11-25 10:31:03 INFO  migratus.core - Ending migrations'''),
    T("Edit", "src/invoice/handlers.clj",
      '''@@ -40,9 +40,9 @@
 (defn- line-total [{:keys [quantity unit_price_cents]}]
-  (* quantity (bigdec unit_price)))
+  (* quantity unit_price_cents))
 
 (defn- invoice-total [lines]
-  (reduce + 0M (map line-total lines)))
+  (reduce + 0 (map line-total lines)))'''),
    U("and creating an invoice with its lines must be atomic, obviously. right now insert-invoice! is one "
      "insert plus a doseq of inserts, if line 3 fails we have a half invoice. with-transaction."),
    T("Edit", "src/invoice/db.clj",
      '''@@ -30,8 +30,9 @@
 (defn insert-invoice! [ds invoice lines]
-  (let [inv (sql/insert! ds :invoices invoice)]
-    (doseq [l lines]
-      (sql/insert! ds :invoice_lines (assoc l :invoice_id (:invoices/id inv))))
-    inv))
+  (jdbc/with-transaction [tx ds]
+    (let [inv (insert! tx :invoices invoice)]
+      (doseq [l lines]
+        (insert! tx :invoice_lines (assoc l :invoice_id (:id inv))))
+      inv)))'''),
    T("Bash", "clojure -M:test",
      '''
Running tests in #{"test"}

Testing invoice.db-test

FAIL in (insert-invoice-rolls-back-test) (db_test.clj:58)
expected: (= 0 (count-invoices ds))
  actual: (not (= 0 1))

Ran 25 tests containing 63 assertions.
1 failures, 0 errors.'''),
    A("The new rollback test fails because the fixture uses a plain `ds` built with `jdbc/get-datasource` and "
      "the test's bad line triggers the error *before* the transaction — it inserts a line with a NULL "
      "`description` through a direct `jdbc/execute!`. That's a test bug, not the transaction: I'll make "
      "the test call `insert-invoice!` with an invalid line so the failure happens inside the transaction."),
    T("Bash", "clojure -M:test",
      '''
Running tests in #{"test"}

Testing invoice.db-test

Testing invoice.handlers-test

Testing invoice.pdf-test

Ran 25 tests containing 63 assertions.
0 failures, 0 errors.'''),
    U("ok. side note while I remember — last week I tried jdbc/plan for the csv export, reduce over plan to "
      "stream rows instead of loading 50k invoices into memory, but the rows you get in the reducing fn "
      "aren't real maps, data.csv and cheshire both choked on them, (into {} row) threw something about the "
      "row not being realized... I gave up and went back to execute!, exports are small enough for now. "
      "hm, what else. the REPL. please don't tell me to restart the JVM after changes like you did last "
      "time, I always do (reset) from integrant.repl, the whole system reloads fine."),
    A("Understood, (reset) it is. On `plan`: the reducing function gets a thin wrapper over the live "
      "`ResultSet`, so you can read columns with keywords (`(:amount_cents row)`) but it isn't a persistent "
      "map; to hand it to other libraries you call `(rs/datafiable-row row tx opts)` or `select-keys` the "
      "columns you need. Worth revisiting if exports grow. One question: should an invoice with zero lines be "
      "rejected with a 422 at the API level, or is that allowed for drafts?"),
    U("we need pagination on GET /invoices eventually too, limit/offset or keyset, customer 42 alone has 3k "
      "invoices. not today though. ok that's it, thx"),
    A("Noted as an open item: pagination for `GET /invoices` (keyset on `issued_at, id` would be my pick). "
      "Today: unqualified keys via the `invoice.db` wrappers, connection leak fixed, amounts moved to "
      "`amount_cents`, invoice + lines inserted in one transaction."),
]

sess = {
    "id": "h17_clojure_ring",
    "project": "invoice-svc",
    "cwd_files": ["deps.edn", "src/invoice/db.clj", "src/invoice/handlers.clj", "src/invoice/system.clj",
                  "resources/migrations/20241125103000-amount-cents.up.sql", "test/invoice/db_test.clj"],
    "turns": turns,
    "gold": [
        G("PROJECT", "invoice-svc: Clojure Ring + reitit, next.jdbc, Postgres, Hikari, integrant",
          ["next.jdbc"], ["ring", "clojure", "postgres"]),
        G("BUG_FIX", "JSON keys 'invoices/id': next.jdbc qualified keys -> invoice.db wrappers with as-unqualified-lower-maps",
          ["unqualified"], ["invoice.db", "wrapper", "builder", "qualified", "invoices/id", "keys"], ["src/invoice/db.clj"]),
        G("BUG_FIX", "Hikari pool exhausted: find-invoice leaked jdbc/get-connection -> pass ds",
          ["connection"], ["leak", "get-connection", "hikari", "pool", "find-invoice", "with-open"], ["src/invoice/db.clj"]),
        G("DECISION", "money stored as amount_cents bigint, not numeric/BigDecimal/double",
          ["cents"], ["bigint", "money", "amount", "integer", "long"]),
        G("PATTERN", "invoice + lines inserted inside jdbc/with-transaction",
          ["with-transaction"], ["invoice", "lines", "insert", "atomic"], ["src/invoice/db.clj"]),
        G("FAILED", "jdbc/plan for CSV export abandoned: rows not real maps, went back to execute!",
          ["plan"], ["csv", "export", "realized", "map", "execute!"], failure=True),
        G("PREFERENCE", "don't restart the JVM; use (reset) from integrant.repl",
          ["reset"], ["repl", "jvm", "restart", "integrant"]),
        G("TODO", "pagination on GET /invoices (limit/offset or keyset)",
          ["invoices"], ["pagination", "paginate", "keyset", "limit"]),
    ],
    "dead_ends": [
        D("jdbc/with-options on the datasource (rejected: options lost in with-transaction)", ["with-options"]),
    ],
    "secrets": [PG_PASS, JDBC_URL],
}

if __name__ == "__main__":
    write(sess)
