"""Session: Kotlin Ktor + Exposed invoice API. Terse developer. Contains the >10k-token gradle log."""
import random
from _lib import U, A, T, edit, write_file, read, bash, write

random.seed(81)
ROOT = "/home/dev/invoice-api"
PKG = "src/main/kotlin/com/acme/invoice"

routes_kt = '''package com.acme.invoice.routes

import com.acme.invoice.model.Invoice
import com.acme.invoice.model.InvoiceDto
import io.ktor.server.application.call
import io.ktor.server.response.respond
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.route
import org.jetbrains.exposed.sql.transactions.transaction

fun Route.invoiceRoutes() {
    route("/invoices") {
        get {
            val page = call.request.queryParameters["page"]?.toIntOrNull() ?: 0
            val invoices = transaction {
                Invoice.all()
                    .limit(50, offset = page * 50L)
                    .toList()
            }
            call.respond(invoices.map { inv ->
                InvoiceDto(
                    id = inv.id.value,
                    number = inv.number,
                    customerName = inv.customer.name,
                    amount = inv.amount,
                    status = inv.status.name,
                    dueDate = inv.dueDate.toString(),
                )
            })
        }
        get("/{id}") {
            val id = call.parameters["id"]!!.toInt()
            val inv = transaction { Invoice.findById(id) }
            if (inv == null) call.respond(io.ktor.http.HttpStatusCode.NotFound)
            else call.respond(inv.toDto())
        }
    }
}
'''

stack = '''2026-11-25 09:14:02.118 [eventLoopGroupProxy-4-2] ERROR Application - Unhandled: GET - /invoices?page=0
java.lang.IllegalStateException: No transaction in context.
	at org.jetbrains.exposed.sql.transactions.TransactionManager$Companion.current(TransactionManager.kt:146)
	at org.jetbrains.exposed.dao.Referrers.getValue(References.kt:82)
	at org.jetbrains.exposed.dao.Reference.getValue(References.kt:58)
	at org.jetbrains.exposed.dao.Entity.getValue(Entity.kt:116)
	at com.acme.invoice.model.Invoice.getCustomer(Invoice.kt:21)
	at com.acme.invoice.routes.InvoiceRoutesKt$invoiceRoutes$1$1.invokeSuspend(InvoiceRoutes.kt:26)
	at com.acme.invoice.routes.InvoiceRoutesKt$invoiceRoutes$1$1.invoke(InvoiceRoutes.kt)
	at io.ktor.server.routing.Route$buildPipeline$1$1.invokeSuspend(Route.kt:116)
	at io.ktor.server.routing.Route$buildPipeline$1$1.invoke(Route.kt)
	at io.ktor.util.pipeline.SuspendFunctionGun.loop(SuspendFunctionGun.kt:120)
	at io.ktor.util.pipeline.SuspendFunctionGun.proceed(SuspendFunctionGun.kt:78)
	at io.ktor.util.pipeline.SuspendFunctionGun.execute$ktor_utils(SuspendFunctionGun.kt:98)
	at io.ktor.util.pipeline.Pipeline.execute(Pipeline.kt:77)
	at io.ktor.server.routing.Routing$executeResult$$inlined$execute$1.invokeSuspend(Pipeline.kt:478)
	at kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)
	at kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:108)
	at io.netty.util.concurrent.AbstractEventExecutor.runTask(AbstractEventExecutor.java:173)
	at io.netty.util.concurrent.SingleThreadEventExecutor.runAllTasks(SingleThreadEventExecutor.java:470)
	at io.netty.channel.nio.NioEventLoop.run(NioEventLoop.java:569)
	at java.base/java.lang.Thread.run(Thread.java:1583)
2026-11-25 09:14:02.121 [eventLoopGroupProxy-4-2] TRACE Application - Status: 500 Internal Server Error, HTTP method: GET, Path: /invoices'''

tables_kt = '''package com.acme.invoice.model

import org.jetbrains.exposed.dao.id.IntIdTable
import org.jetbrains.exposed.sql.javatime.date
import org.jetbrains.exposed.sql.javatime.timestamp

object Customers : IntIdTable("customers") {
    val name = varchar("name", 200)
    val vatId = varchar("vat_id", 32).nullable()
    val createdAt = timestamp("created_at")
}

object Invoices : IntIdTable("invoices") {
    val number = varchar("number", 32).uniqueIndex()
    val customer = reference("customer_id", Customers)
    val amount = double("amount")
    val currency = varchar("currency", 3).default("EUR")
    val status = enumerationByName("status", 16, InvoiceStatus::class)
    val issueDate = date("issue_date")
    val dueDate = date("due_date")
}
'''

gradle_kts = '''val kotlinVersion: String by project
val ktorVersion = "2.3.7"
val exposedVersion = "0.44.1"
val logbackVersion = "1.4.14"

plugins {
    kotlin("jvm") version "1.9.22"
    kotlin("plugin.serialization") version "1.9.22"
    id("io.ktor.plugin") version "2.3.7"
    id("org.jlleitschuh.gradle.ktlint") version "12.1.0"
    id("org.flywaydb.flyway") version "10.4.1"
}

group = "com.acme"
version = "1.12.0"

application {
    mainClass.set("com.acme.invoice.ApplicationKt")
}

repositories { mavenCentral() }

dependencies {
    implementation("io.ktor:ktor-server-core-jvm:$ktorVersion")
    implementation("io.ktor:ktor-server-netty-jvm:$ktorVersion")
    implementation("io.ktor:ktor-server-content-negotiation-jvm:$ktorVersion")
    implementation("io.ktor:ktor-serialization-kotlinx-json-jvm:$ktorVersion")
    implementation("io.ktor:ktor-server-status-pages-jvm:$ktorVersion")
    implementation("io.ktor:ktor-server-call-logging-jvm:$ktorVersion")
    implementation("org.jetbrains.exposed:exposed-core:$exposedVersion")
    implementation("org.jetbrains.exposed:exposed-dao:$exposedVersion")
    implementation("org.jetbrains.exposed:exposed-jdbc:$exposedVersion")
    implementation("org.jetbrains.exposed:exposed-java-time:$exposedVersion")
    implementation("org.postgresql:postgresql:42.7.1")
    implementation("com.zaxxer:HikariCP:5.1.0")
    implementation("org.flywaydb:flyway-core:10.4.1")
    implementation("org.flywaydb:flyway-database-postgresql:10.4.1")
    implementation("ch.qos.logback:logback-classic:$logbackVersion")
    testImplementation("io.ktor:ktor-server-tests-jvm:$ktorVersion")
    testImplementation("org.testcontainers:postgresql:1.19.3")
    testImplementation("org.jetbrains.kotlin:kotlin-test-junit:$kotlinVersion")
}
'''

test_ok = '''> Task :checkKotlinGradlePluginConfigurationErrors
> Task :processResources UP-TO-DATE
> Task :compileKotlin
> Task :compileJava NO-SOURCE
> Task :classes
> Task :processTestResources UP-TO-DATE
> Task :compileTestKotlin
> Task :testClasses
> Task :test

InvoiceRoutesTest > list invoices returns customer names() PASSED
InvoiceRoutesTest > list invoices paginates by 50() PASSED
InvoiceRoutesTest > get unknown invoice is 404() PASSED
ReportRoutesTest > aging report buckets() PASSED
CustomerRepositoryTest > create and find customer() PASSED

BUILD SUCCESSFUL in 48s
6 actionable tasks: 4 executed, 2 up-to-date'''

# ---- the long gradle log for the failed Exposed bump ----
files = {
    "repo/InvoiceRepository.kt": 31, "repo/CustomerRepository.kt": 14, "repo/ReportRepository.kt": 27,
    "repo/PaymentRepository.kt": 18, "repo/CreditNoteRepository.kt": 11, "repo/ReminderRepository.kt": 9,
    "service/AgingReportService.kt": 12, "service/DunningService.kt": 8, "service/ExportService.kt": 13,
}
msgs = [
    "Using 'select(SqlExpressionBuilder.() -> Op<Boolean>): Query' is an error. As part of SELECT DSL design changes, this will be removed in future releases.",
    "Using 'slice(vararg Expression<*>): FieldSet' is an error. As part of SELECT DSL design changes, this will be removed in future releases.",
    "Using 'select(Op<Boolean>): Query' is an error. As part of SELECT DSL design changes, this will be removed in future releases.",
    "Using 'slice(List<Expression<*>>): FieldSet' is an error. As part of SELECT DSL design changes, this will be removed in future releases.",
    "Using 'selectBatched(Int = ..., SqlExpressionBuilder.() -> Op<Boolean>): Iterable<Iterable<ResultRow>>' is an error. As part of SELECT DSL design changes, this will be removed in future releases.",
]
errs = []
warns = []
for f, n in files.items():
    line = 20
    for _ in range(n):
        line += random.randint(2, 9)
        col = random.choice([14, 18, 22, 26, 30, 34])
        m = random.choices(msgs, weights=[6, 4, 2, 2, 1])[0]
        errs.append(f"e: file://{ROOT}/{PKG}/{f}:{line}:{col} {m}")
        if random.random() < 0.35:
            errs.append(f"e: file://{ROOT}/{PKG}/{f}:{line + 1}:{col + 8} Unresolved reference. None of the following candidates is applicable because of receiver type mismatch: public fun <T : Comparable<T>> Column<T>.greaterEq(t: T): Op<Boolean> defined in org.jetbrains.exposed.sql.SqlExpressionBuilder")
    for _ in range(random.randint(3, 8)):
        line = random.randint(15, 200)
        warns.append(f"w: file://{ROOT}/{PKG}/{f}:{line}:{random.randint(5, 40)} 'Column<EntityID<Int>>.eq(Int): Op<Boolean>' is deprecated. This function will be removed in future releases. Use eq(EntityID) with entityId wrapper instead.")
        warns.append(f"w: file://{ROOT}/{PKG}/{f}:{line + 3}:{random.randint(5, 40)} 'fun Query.adjustSlice(slice: ColumnSet.(FieldSet) -> FieldSet): Query' is deprecated. As part of SELECT DSL design changes, this will be removed in future releases.")
random.shuffle(warns)
n_err = len(errs)

gradle_fail = "\n".join([
    "> Task :checkKotlinGradlePluginConfigurationErrors",
    "> Task :processResources UP-TO-DATE",
    "Download https://repo.maven.apache.org/maven2/org/jetbrains/exposed/exposed-core/0.50.1/exposed-core-0.50.1.pom, took 212 ms",
    "Download https://repo.maven.apache.org/maven2/org/jetbrains/exposed/exposed-dao/0.50.1/exposed-dao-0.50.1.pom, took 98 ms",
    "Download https://repo.maven.apache.org/maven2/org/jetbrains/exposed/exposed-jdbc/0.50.1/exposed-jdbc-0.50.1.pom, took 101 ms",
    "Download https://repo.maven.apache.org/maven2/org/jetbrains/exposed/exposed-java-time/0.50.1/exposed-java-time-0.50.1.pom, took 87 ms",
    "Download https://repo.maven.apache.org/maven2/org/jetbrains/exposed/exposed-core/0.50.1/exposed-core-0.50.1.jar, took 1 s 604 ms",
    "Download https://repo.maven.apache.org/maven2/org/jetbrains/exposed/exposed-dao/0.50.1/exposed-dao-0.50.1.jar, took 311 ms",
    "Download https://repo.maven.apache.org/maven2/org/jetbrains/exposed/exposed-jdbc/0.50.1/exposed-jdbc-0.50.1.jar, took 276 ms",
    "Download https://repo.maven.apache.org/maven2/org/jetbrains/exposed/exposed-java-time/0.50.1/exposed-java-time-0.50.1.jar, took 190 ms",
    "",
    "> Task :compileKotlin FAILED",
    *warns[: len(warns) // 2],
    *errs,
    *warns[len(warns) // 2:],
    "",
    "FAILURE: Build failed with an exception.",
    "",
    "* What went wrong:",
    "Execution failed for task ':compileKotlin'.",
    "> A failure occurred while executing org.jetbrains.kotlin.compilerRunner.GradleCompilerRunnerWithWorkers$GradleKotlinCompilerWorkAction",
    "   > Compilation error. See log for more details",
    "",
    "* Try:",
    "> Run with --info or --debug option to get more log output.",
    "> Run with --scan to get full insights.",
    "> Get more help at https://help.gradle.org.",
    "",
    "* Exception is:",
    "org.gradle.api.tasks.TaskExecutionException: Execution failed for task ':compileKotlin'.",
    "\tat org.gradle.api.internal.tasks.execution.ExecuteActionsTaskExecuter.lambda$executeIfValid$1(ExecuteActionsTaskExecuter.java:148)",
    "\tat org.gradle.internal.Try$Failure.ifSuccessfulOrElse(Try.java:282)",
    "\tat org.gradle.api.internal.tasks.execution.ExecuteActionsTaskExecuter.executeIfValid(ExecuteActionsTaskExecuter.java:146)",
    "\tat org.gradle.api.internal.tasks.execution.ExecuteActionsTaskExecuter.execute(ExecuteActionsTaskExecuter.java:134)",
    "\tat org.gradle.api.internal.tasks.execution.FinalizePropertiesTaskExecuter.execute(FinalizePropertiesTaskExecuter.java:46)",
    "\tat org.gradle.api.internal.tasks.execution.ResolveTaskExecutionModeExecuter.execute(ResolveTaskExecutionModeExecuter.java:51)",
    "\tat org.gradle.api.internal.tasks.execution.SkipTaskWithNoActionsExecuter.execute(SkipTaskWithNoActionsExecuter.java:57)",
    "\tat org.gradle.api.internal.tasks.execution.SkipOnlyIfTaskExecuter.execute(SkipOnlyIfTaskExecuter.java:74)",
    "\tat org.gradle.api.internal.tasks.execution.CatchExceptionTaskExecuter.execute(CatchExceptionTaskExecuter.java:36)",
    "\tat org.gradle.api.internal.tasks.execution.EventFiringTaskExecuter$1.executeTask(EventFiringTaskExecuter.java:77)",
    "\tat org.gradle.api.internal.tasks.execution.EventFiringTaskExecuter$1.call(EventFiringTaskExecuter.java:55)",
    "\tat org.gradle.internal.operations.DefaultBuildOperationRunner$CallableBuildOperationWorker.execute(DefaultBuildOperationRunner.java:204)",
    "\tat org.gradle.internal.operations.DefaultBuildOperationRunner$CallableBuildOperationWorker.execute(DefaultBuildOperationRunner.java:199)",
    "\tat org.gradle.internal.operations.DefaultBuildOperationRunner$2.execute(DefaultBuildOperationRunner.java:66)",
    "\tat org.gradle.execution.plan.DefaultPlanExecutor$ExecutorWorker.run(DefaultPlanExecutor.java:380)",
    "\tat org.gradle.internal.concurrent.ExecutorPolicy$CatchAndRecordFailures.onExecute(ExecutorPolicy.java:64)",
    "\tat org.gradle.internal.concurrent.AbstractManagedExecutor$1.run(AbstractManagedExecutor.java:47)",
    "Caused by: org.gradle.workers.internal.DefaultWorkerExecutor$WorkExecutionException: A failure occurred while executing org.jetbrains.kotlin.compilerRunner.GradleCompilerRunnerWithWorkers$GradleKotlinCompilerWorkAction",
    "\tat org.gradle.workers.internal.DefaultWorkerExecutor$WorkItemExecution.waitForCompletion(DefaultWorkerExecutor.java:283)",
    "\tat org.gradle.internal.work.DefaultAsyncWorkTracker.lambda$waitForItemsAndGatherFailures$2(DefaultAsyncWorkTracker.java:130)",
    "Caused by: org.jetbrains.kotlin.gradle.tasks.CompilationErrorException: Compilation error. See log for more details",
    "\tat org.jetbrains.kotlin.gradle.tasks.TasksUtilsKt.throwExceptionIfCompilationFailed(tasksUtils.kt:21)",
    "\tat org.jetbrains.kotlin.compilerRunner.GradleKotlinCompilerWork.run(GradleKotlinCompilerWork.kt:119)",
    "\tat org.jetbrains.kotlin.compilerRunner.GradleCompilerRunnerWithWorkers$GradleKotlinCompilerWorkAction.execute(GradleCompilerRunnerWithWorkers.kt:76)",
    "",
    "",
    "BUILD FAILED in 1m 12s",
    "3 actionable tasks: 2 executed, 1 up-to-date",
])

explain = '''Running against the local dev database:

                                                                QUERY PLAN
-------------------------------------------------------------------------------------------------------------------------------------------
 Sort  (cost=98817.41..98817.91 rows=200 width=76) (actual time=3987.604..3987.622 rows=188 loops=1)
   Sort Key: c.name
   Sort Method: quicksort  Memory: 51kB
   ->  HashAggregate  (cost=98805.77..98809.77 rows=200 width=76) (actual time=3987.301..3987.448 rows=188 loops=1)
         Group Key: c.id
         Batches: 1  Memory Usage: 89kB
         ->  Hash Join  (cost=12.50..92466.18 rows=422639 width=48) (actual time=0.611..3712.977 rows=417266 loops=1)
               Hash Cond: (i.customer_id = c.id)
               ->  Seq Scan on invoices i  (cost=0.00..91265.25 rows=422639 width=20) (actual time=0.029..3602.418 rows=417266 loops=1)
                     Filter: ((status <> 'PAID'::text) AND (due_date < CURRENT_DATE))
                     Rows Removed by Filter: 812734
               ->  Hash  (cost=10.00..10.00 rows=200 width=36) (actual time=0.418..0.419 rows=188 loops=1)
                     Buckets: 1024  Batches: 1  Memory Usage: 17kB
                     ->  Seq Scan on customers c  (cost=0.00..10.00 rows=200 width=36) (actual time=0.012..0.201 rows=188 loops=1)
 Planning Time: 0.944 ms
 Execution Time: 3988.114 ms
(16 rows)'''

turns = [
    U("invoices list endpoint 500s. fix"),
    A("Looking at the route and the server log."),
    read(f"{PKG}/routes/InvoiceRoutes.kt", routes_kt),
    bash("grep -n -A22 'Unhandled: GET - /invoices' logs/app.log | tail -24", stack),
    A("Found it. `transaction { Invoice.all()...toList() }` returns DAO entities, and the mapping to `InvoiceDto` runs *after* the "
      "transaction block has closed. `inv.customer` is a lazy reference, so reading it triggers a query with no transaction "
      "in context -> `IllegalStateException: No transaction in context`. It only started failing when `customerName` was added "
      "to the DTO last week.\n\nThree ways out:\n1. eager-load the reference: `Invoice.all().with(Invoice::customer)`\n"
      "2. build the DTOs inside the transaction, and switch to `newSuspendedTransaction(Dispatchers.IO)` since we're in a "
      "suspend route (plain `transaction {}` blocks the Netty event loop thread)\n"
      "3. wrap the whole handler in `suspendedTransactionAsync` and keep it open through serialization\n\n"
      "I'd go with 2: entities never leave the transaction, and it fixes the blocking call as well."),
    U("2. go"),
    edit(f"{PKG}/routes/InvoiceRoutes.kt",
         '''            val invoices = transaction {
                Invoice.all()
                    .limit(50, offset = page * 50L)
                    .toList()
            }
            call.respond(invoices.map { inv ->
                InvoiceDto(
                    id = inv.id.value,
                    number = inv.number,
                    customerName = inv.customer.name,
                    amount = inv.amount,
                    status = inv.status.name,
                    dueDate = inv.dueDate.toString(),
                )
            })''',
         '''            val dtos = newSuspendedTransaction(Dispatchers.IO) {
                Invoice.all()
                    .limit(50, offset = page * 50L)
                    .map { it.toDto() }
            }
            call.respond(dtos)'''),
    edit(f"{PKG}/routes/InvoiceRoutes.kt",
         '''            val inv = transaction { Invoice.findById(id) }
            if (inv == null) call.respond(io.ktor.http.HttpStatusCode.NotFound)
            else call.respond(inv.toDto())''',
         '''            val dto = newSuspendedTransaction(Dispatchers.IO) { Invoice.findById(id)?.toDto() }
            if (dto == null) call.respond(HttpStatusCode.NotFound) else call.respond(dto)'''),
    edit(f"{PKG}/routes/InvoiceRoutes.kt",
         "import org.jetbrains.exposed.sql.transactions.transaction",
         "import io.ktor.http.HttpStatusCode\nimport kotlinx.coroutines.Dispatchers\nimport org.jetbrains.exposed.sql.transactions.experimental.newSuspendedTransaction"),
    bash("./gradlew test", test_ok),
    A("Green. `toDto()` already existed in `Invoice.kt` (it reads `customer.name`), now it's only ever called inside the "
      "transaction. Both `/invoices` handlers use `newSuspendedTransaction(Dispatchers.IO)`."),
    U("amounts come back like 1234.5000000001. money is a Double??"),
    read(f"{PKG}/model/Tables.kt", tables_kt),
    A("Yes: `val amount = double(\"amount\")`, and the column in Postgres is `double precision`. Sums in the aging report "
      "accumulate float error too. Proposal:\n- column -> `numeric(12,2)` via a new Flyway migration "
      "(`USING round(amount::numeric, 2)`)\n- Exposed: `decimal(\"amount\", 12, 2)` -> `BigDecimal`\n"
      "- JSON: kotlinx.serialization has no BigDecimal serializer, so either a string serializer (`\"1234.50\"`, lossless) or "
      "a number via `JsonUnquotedLiteral` (clients that parse into double lose precision again).\n\nString or number in the JSON?"),
    U("decimal yes. string in json. no wildcard imports btw, ktlint fails the build on them"),
    bash("ls src/main/resources/db/migration/", "V1__init.sql\nV2__customers.sql\nV3__invoice_status.sql"),
    write_file("src/main/resources/db/migration/V4__amount_decimal.sql",
               "ALTER TABLE invoices\n    ALTER COLUMN amount TYPE numeric(12, 2) USING round(amount::numeric, 2);\n"),
    edit(f"{PKG}/model/Tables.kt", '    val amount = double("amount")', '    val amount = decimal("amount", 12, 2)'),
    write_file(f"{PKG}/serialization/BigDecimalSerializer.kt", '''package com.acme.invoice.serialization

import java.math.BigDecimal
import kotlinx.serialization.KSerializer
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder

object BigDecimalSerializer : KSerializer<BigDecimal> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("BigDecimal", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: BigDecimal) = encoder.encodeString(value.toPlainString())

    override fun deserialize(decoder: Decoder): BigDecimal = BigDecimal(decoder.decodeString())
}
'''),
    edit(f"{PKG}/model/InvoiceDto.kt", "    val amount: Double,",
         "    @Serializable(with = BigDecimalSerializer::class)\n    val amount: BigDecimal,"),
    bash("./gradlew ktlintCheck test", test_ok.replace("> Task :test", "> Task :runKtlintCheckOverMainSourceSet\n> Task :runKtlintCheckOverTestSourceSet\n> Task :ktlintCheck\n> Task :test").replace("48s", "1m 3s")),
    A("Done, imports are explicit. `V4__amount_decimal.sql` runs on next startup (Flyway `migrate()` is called in `Database.kt`). "
      "The aging report's `sum()` now returns BigDecimal too, tests updated accordingly."),
    U("exposed is old. bump to latest while you're in there"),
    A("Latest stable is 0.50.1. Between 0.44 and 0.50 the SELECT DSL was redesigned (`select {}` -> `selectAll().where {}`, "
      "`slice()` -> `select(columns)`), and the old functions went from deprecated to error level. Let me see how much breaks."),
    edit("build.gradle.kts", 'val exposedVersion = "0.44.1"', 'val exposedVersion = "0.50.1"'),
    bash("./gradlew build", gradle_fail),
    A(f"{n_err} compile errors, all in the repositories and services under `repo/` and `service/`: every `Table.select {{ }}`, "
      "`slice(...)` and `selectBatched` call site has to be rewritten to the new DSL, plus some `eq(Int)` on EntityID columns. "
      "That's roughly 150 call sites across 9 files, mostly mechanical, but the report queries with `adjustSlice` need care. "
      "I'd not mix that into this change. Revert to 0.44.1 and do the migration as its own PR?"),
    U("yes revert. not today"),
    bash("git checkout -- build.gradle.kts && ./gradlew build -x test",
         "> Task :compileKotlin\n> Task :classes\n> Task :jar\n> Task :startScripts\n> Task :distTar\n> Task :distZip\n> Task :assemble\n> Task :check\n> Task :build\n\nBUILD SUCCESSFUL in 39s\n9 actionable tasks: 5 executed, 4 up-to-date"),
    A("Back on Exposed 0.44.1, build is green."),
    U("/reports/aging takes 4s. why"),
    bash('psql "postgresql://invoice_app:Vx9rTq27mLpQ@localhost:5432/invoices" -c "EXPLAIN ANALYZE SELECT c.id, c.name, '
         'sum(i.amount) FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.status <> \'PAID\' AND i.due_date < '
         'CURRENT_DATE GROUP BY c.id ORDER BY c.name"', explain),
    A("Almost all of the 4s is the `Seq Scan on invoices` (1.23M rows, 812k removed by the filter). There is no index on "
      "`invoices.customer_id` or `due_date` at all: V1 only created the PK and the unique index on `number`. A composite "
      "index `(customer_id, due_date)` with a partial `WHERE status <> 'PAID'` should turn this into an index scan; I can add it as "
      "`V5__invoices_aging_index.sql` (with `CREATE INDEX CONCURRENTLY`, which means Flyway needs `executeInTransaction=false` "
      "for that script).\n\nSeparate question: should the aging buckets be computed from `due_date` or from `issue_date`? "
      "The code uses due_date but the ticket says \"days since invoice\"."),
    U("later. need to ask finance what they want for aging first. leave a note"),
    A("Noted as open items:\n- add the `(customer_id, due_date)` partial index on invoices as V5 (aging report seq scan, ~4s)\n"
      "- confirm with finance whether aging buckets use due_date or issue_date\n"
      "- Exposed 0.44 -> 0.50 SELECT DSL migration as a separate PR\n\nAlso: that psql command had the DB password inline, "
      "it's now in your shell history. `PGPASSWORD` from the env or `~/.pgpass` would avoid that."),
    U("k thx"),
]

session = {
    "id": "ktor_invoices",
    "project": "invoice-api",
    "cwd_files": ["build.gradle.kts", f"{PKG}/routes/InvoiceRoutes.kt", f"{PKG}/model/Tables.kt",
                  f"{PKG}/model/InvoiceDto.kt", "src/main/resources/db/migration/V4__amount_decimal.sql"],
    "turns": turns,
    "gold": [
        {"kind": "PROJECT", "summary": "invoice-api: Kotlin 1.9, Ktor 2.3, Exposed 0.44 (DAO), Postgres, Flyway migrations, ktlint",
         "all_of": ["ktor", "exposed"], "any_of": ["postgres", "flyway", "kotlin", "gradle"], "files": []},
        {"kind": "BUG_FIX", "summary": "GET /invoices 500 'No transaction in context': lazy customer ref read after transaction closed -> build DTOs inside newSuspendedTransaction",
         "all_of": ["transaction"], "any_of": ["lazy", "customer", "dto", "no transaction in context", "newSuspendedTransaction"],
         "files": [f"{PKG}/routes/InvoiceRoutes.kt"]},
        {"kind": "DECISION", "summary": "Money: invoices.amount numeric(12,2) / Exposed decimal -> BigDecimal, serialized as string in JSON (was Double)",
         "all_of": ["decimal"], "any_of": ["amount", "money", "string", "numeric", "12, 2", "12,2", "double"],
         "files": [f"{PKG}/model/Tables.kt"]},
        {"kind": "PREFERENCE", "summary": "No wildcard imports: ktlint fails the build on them",
         "all_of": ["wildcard"], "any_of": ["import", "ktlint"], "files": []},
        {"kind": "FAILED", "summary": "Exposed 0.44.1 -> 0.50.1 bump: ~150 compile errors (select/slice DSL now error-level); reverted, migrate in separate PR",
         "all_of": ["exposed"], "any_of": ["0.50", "upgrade", "bump", "slice", "select dsl", "compile"], "files": ["build.gradle.kts"],
         "failure": True},
        {"kind": "TODO", "summary": "Add partial index invoices(customer_id, due_date) as V5 migration: /reports/aging does a 4s seq scan",
         "all_of": ["index"], "any_of": ["customer_id", "due_date", "aging", "seq scan"], "files": []},
        {"kind": "TODO", "summary": "Migrate repositories to Exposed's new SELECT DSL (selectAll().where, select(cols)) in a separate PR before upgrading",
         "all_of": ["exposed"], "any_of": ["select dsl", "migrat", "0.50", "separate pr", "selectAll"], "files": []},
        {"kind": "TODO", "summary": "Ask finance whether aging buckets use due_date or issue_date",
         "all_of": ["finance"], "any_of": ["aging", "due_date", "issue_date", "bucket"], "files": []},
    ],
    "dead_ends": [
        {"summary": "eager-loading the customer reference with .with(Invoice::customer) (option not picked)", "all_of": ["eager"]},
        {"summary": "keeping the transaction open through serialization with suspendedTransactionAsync (not picked)",
         "all_of": ["suspendedTransactionAsync"]},
        {"summary": "amounts as JSON numbers via JsonUnquotedLiteral (user chose strings)", "all_of": ["JsonUnquotedLiteral"]},
    ],
    "secrets": ["Vx9rTq27mLpQ", "postgresql://invoice_app:Vx9rTq27mLpQ@localhost:5432/invoices"],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
