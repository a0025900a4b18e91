#!/usr/bin/env python3
"""Generate the blind heldout10 labelled sessions (one JSON file per session).

Run: python3 build.py            -> writes every session defined below
     python3 build.py <id> ...   -> writes only those sessions
Each session is sanity-checked: turn count, secrets present in the turns,
each gold summary matching its own keywords, no gold summary tripping a dead end.
"""
import json, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SESSIONS = {}


def U(text):
    return {"role": "user", "text": text}


def A(text):
    return {"role": "assistant", "text": text}


def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp, "output": out}


def G(kind, summary, all_of, any_of, files=(), failure=False):
    g = {"kind": kind, "summary": summary, "all_of": list(all_of),
         "any_of": list(any_of), "files": list(files)}
    if failure:
        g["failure"] = True
    return g


def D(summary, all_of):
    return {"summary": summary, "all_of": list(all_of)}


def session(fn):
    SESSIONS[fn.__name__] = fn
    return fn


FAIL_WORDS = ("failed", "abandoned", "reverted", "did not work", "didn't work", "dropped", "rejected")


def _matches(text, all_of, any_of=None):
    t = text.lower()
    if not all(k.lower() in t for k in all_of):
        return False
    return any_of is None or any(k.lower() in t for k in any_of)


def check(s):
    n = len(s["turns"])
    assert 15 <= n <= 45, (s["id"], "turn count", n)
    blob = "\n".join(t.get("text", "") + t.get("input", "") + t.get("output", "") for t in s["turns"])
    for sec in s.get("secrets", []):
        assert sec in blob, (s["id"], "secret missing", sec)
    for g in s["gold"]:
        assert g["kind"] in ("PROJECT", "DECISION", "PATTERN", "BUG_FIX", "PREFERENCE", "FAILED", "TODO")
        assert _matches(g["summary"], g["all_of"], g["any_of"]), (s["id"], "summary misses own keywords", g["summary"])
        assert len(g["summary"]) <= 160, (s["id"], "summary too long", g["summary"])
        for sec in s.get("secrets", []):
            assert sec not in g["summary"]
        if not g.get("failure"):
            for d in s.get("dead_ends", []):
                assert not _matches(g["summary"], d["all_of"]), (s["id"], "gold trips dead end", g["summary"], d)
    return n, len(blob)


def write(s):
    n, chars = check(s)
    path = os.path.join(HERE, s["id"] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(s, f, ensure_ascii=False, indent=1)
        f.write("\n")
    kinds = {}
    for g in s["gold"]:
        kinds[g["kind"]] = kinds.get(g["kind"], 0) + 1
    print(f"{s['id']}: {n} turns, {chars} chars (~{chars // 4} tokens), gold {kinds}, "
          f"dead_ends {len(s.get('dead_ends', []))}, secrets {len(s.get('secrets', []))}")


# ---------------------------------------------------------------------------
# 1. Java Quarkus + Panache  (chatty user)
# ---------------------------------------------------------------------------
QUARKUS_POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>orders-service</artifactId>
  <version>1.4.0-SNAPSHOT</version>
  <properties>
    <compiler-plugin.version>3.12.1</compiler-plugin.version>
    <maven.compiler.release>21</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <quarkus.platform.artifact-id>quarkus-bom</quarkus.platform.artifact-id>
    <quarkus.platform.group-id>io.quarkus.platform</quarkus.platform.group-id>
    <quarkus.platform.version>3.8.4</quarkus.platform.version>
    <skipITs>true</skipITs>
    <surefire-plugin.version>3.2.5</surefire-plugin.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>${quarkus.platform.group-id}</groupId>
        <artifactId>${quarkus.platform.artifact-id}</artifactId>
        <version>${quarkus.platform.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-hibernate-orm-panache</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-jdbc-postgresql</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-flyway</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-resteasy-reactive-jackson</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-smallrye-health</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-arc</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-junit5</artifactId>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>io.rest-assured</groupId>
      <artifactId>rest-assured</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>${quarkus.platform.group-id}</groupId>
        <artifactId>quarkus-maven-plugin</artifactId>
        <version>${quarkus.platform.version}</version>
        <extensions>true</extensions>
        <executions>
          <execution>
            <goals>
              <goal>build</goal>
              <goal>generate-code</goal>
              <goal>generate-code-tests</goal>
            </goals>
          </execution>
        </executions>
      </plugin>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>${surefire-plugin.version}</version>
        <configuration>
          <systemPropertyVariables>
            <java.util.logging.manager>org.jboss.logmanager.LogManager</java.util.logging.manager>
          </systemPropertyVariables>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""

QUARKUS_RESOURCE = """package com.acme.orders.api;

import com.acme.orders.domain.Order;
import com.acme.orders.domain.OrderRepository;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/customers/{customerId}/orders")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerOrdersResource {

    @Inject
    OrderRepository orders;

    @GET
    @Transactional
    public List<Order> list(@PathParam("customerId") Long customerId) {
        return orders.list("customer.id = ?1 order by createdAt desc", customerId);
    }
}
"""

QUARKUS_ORDER = """package com.acme.orders.domain;

import jakarta.persistence.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "orders")
public class Order {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "orders_seq")
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    public Customer customer;

    @Enumerated(EnumType.STRING)
    public OrderStatus status;

    @Column(name = "total_cents")
    public long totalCents;

    @Column(name = "created_at")
    public Instant createdAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    public List<OrderLine> lines = new ArrayList<>();
}
"""

QUARKUS_REPO = """package com.acme.orders.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OrderRepository implements PanacheRepository<Order> {

    public List<Order> findOpenByCustomer(Long customerId) {
        return list("customer.id = ?1 and status = ?2", customerId, OrderStatus.OPEN);
    }

    public long countByStatus(OrderStatus status) {
        return count("status", status);
    }
}
"""

QUARKUS_PROPS = """quarkus.application.name=orders-service
quarkus.http.port=8080
quarkus.http.test-port=8081

quarkus.datasource.db-kind=postgresql
quarkus.hibernate-orm.database.generation=none
quarkus.flyway.migrate-at-start=true

# dev/test use Dev Services (testcontainers)
%dev.quarkus.hibernate-orm.log.sql=true
%test.quarkus.hibernate-orm.log.sql=true

%prod.quarkus.datasource.jdbc.url=jdbc:postgresql://orders-db.prod.acme.internal:5432/orders
%prod.quarkus.datasource.username=orders_app
%prod.quarkus.datasource.password=Rq8!zW3u-Tk6pNs2
%prod.quarkus.datasource.jdbc.max-size=30

quarkus.log.category."com.acme".level=DEBUG
"""


def _mvn_header(goal_phase="test"):
    return """[INFO] Scanning for projects...
[INFO] 
[INFO] ---------------------< com.acme:orders-service >----------------------
[INFO] Building orders-service 1.4.0-SNAPSHOT
[INFO]   from pom.xml
[INFO] --------------------------------[ jar ]---------------------------------
[INFO] 
[INFO] --- resources:3.3.1:resources (default-resources) @ orders-service ---
[INFO] Copying 9 resources from src/main/resources to target/classes
[INFO] 
[INFO] --- quarkus:3.8.4:generate-code (default) @ orders-service ---
[INFO] 
[INFO] --- compiler:3.12.1:compile (default-compile) @ orders-service ---
[INFO] Recompiling the module because of changed source code.
[INFO] Compiling 31 source files with javac [debug release 21] to target/classes
[INFO] 
[INFO] --- quarkus:3.8.4:generate-code-tests (default) @ orders-service ---
[INFO] 
[INFO] --- resources:3.3.1:testResources (default-testResources) @ orders-service ---
[INFO] Copying 2 resources from src/test/resources to target/test-classes
[INFO] 
[INFO] --- compiler:3.12.1:testCompile (default-testCompile) @ orders-service ---
[INFO] Recompiling the module because of changed dependency.
[INFO] Compiling 9 source files with javac [debug release 21] to target/test-classes
[INFO] 
[INFO] --- surefire:3.2.5:test (default-test) @ orders-service ---
[INFO] Using auto detected provider org.apache.maven.surefire.junitplatform.JUnitPlatformProvider
[INFO] 
[INFO] -------------------------------------------------------
[INFO]  T E S T S
[INFO] -------------------------------------------------------
"""


def _quarkus_boot(ts):
    return f"""{ts},102 INFO  [org.tes.DockerClientFactory] (build-21) Testcontainers version: 1.19.7
{ts},388 INFO  [org.tes.DockerClientFactory] (build-21) Connected to docker: 
  Server Version: 25.0.3
  API Version: 1.44
  Operating System: Ubuntu 22.04.4 LTS
  Total Memory: 15712 MB
{ts},911 INFO  [tc.doc.io/postgres:14] (build-21) Creating container for image: docker.io/postgres:14
{ts},977 INFO  [tc.doc.io/postgres:14] (build-21) Container docker.io/postgres:14 is starting: 4c1f0e2a9b7d
{ts},412 INFO  [tc.doc.io/postgres:14] (build-21) Container docker.io/postgres:14 started in PT1.498S
{ts},414 INFO  [io.qua.dev.pos.dep.PostgresqlDevServicesProcessor] (build-21) Dev Services for default datasource (postgresql) started - container ID is 4c1f0e2a9b7d
{ts},590 INFO  [org.fly.cor.int.lic.VersionPrinter] (main) Flyway Community Edition 10.8.1 by Redgate
{ts},603 INFO  [org.fly.cor.int.dat.bas.BaseDatabaseType] (main) Database: jdbc:postgresql://localhost:32781/quarkus (PostgreSQL 14.11)
{ts},655 INFO  [org.fly.cor.int.com.DbMigrate] (main) Current version of schema "public": << Empty Schema >>
{ts},671 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "1 - customers"
{ts},702 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "2 - orders"
{ts},731 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "3 - order lines"
{ts},754 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "4 - order status enum"
{ts},779 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "5 - products"
{ts},801 INFO  [org.fly.cor.int.com.DbMigrate] (main) Migrating schema "public" to version "6 - test seed"
{ts},829 INFO  [org.fly.cor.int.com.DbMigrate] (main) Successfully applied 6 migrations to schema "public", now at version v6 (execution time 00:00.181s)
{ts},907 INFO  [io.quarkus] (main) orders-service 1.4.0-SNAPSHOT on JVM (powered by Quarkus 3.8.4) started in 6.214s. Listening on: http://localhost:8081
{ts},908 INFO  [io.quarkus] (main) Profile test activated. 
{ts},908 INFO  [io.quarkus] (main) Installed features: [agroal, cdi, flyway, hibernate-orm, hibernate-orm-panache, jdbc-postgresql, narayana-jta, resteasy-reactive, resteasy-reactive-jackson, smallrye-context-propagation, smallrye-health, vertx]
"""


def _lazy_trace():
    return """org.hibernate.LazyInitializationException: failed to lazily initialize a collection of role: com.acme.orders.domain.Order.lines: could not initialize proxy - no Session
	at org.hibernate.collection.spi.AbstractPersistentCollection.throwLazyInitializationException(AbstractPersistentCollection.java:635)
	at org.hibernate.collection.spi.AbstractPersistentCollection.withTemporarySessionIfNeeded(AbstractPersistentCollection.java:218)
	at org.hibernate.collection.spi.AbstractPersistentCollection.initialize(AbstractPersistentCollection.java:615)
	at org.hibernate.collection.spi.AbstractPersistentCollection.read(AbstractPersistentCollection.java:136)
	at org.hibernate.collection.spi.PersistentBag.iterator(PersistentBag.java:369)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serializeContents(CollectionSerializer.java:133)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serialize(CollectionSerializer.java:107)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serialize(CollectionSerializer.java:25)
	at com.fasterxml.jackson.databind.ser.BeanPropertyWriter.serializeAsField(BeanPropertyWriter.java:732)
	at com.fasterxml.jackson.databind.ser.std.BeanSerializerBase.serializeFields(BeanSerializerBase.java:770)
	at com.fasterxml.jackson.databind.ser.BeanSerializer.serialize(BeanSerializer.java:178)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serializeContents(CollectionSerializer.java:145)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serialize(CollectionSerializer.java:107)
	at com.fasterxml.jackson.databind.ser.std.CollectionSerializer.serialize(CollectionSerializer.java:25)
	at com.fasterxml.jackson.databind.ser.DefaultSerializerProvider._serialize(DefaultSerializerProvider.java:479)
	at com.fasterxml.jackson.databind.ser.DefaultSerializerProvider.serializeValue(DefaultSerializerProvider.java:318)
	at com.fasterxml.jackson.databind.ObjectWriter$Prefetch.serialize(ObjectWriter.java:1572)
	at com.fasterxml.jackson.databind.ObjectWriter._writeValueAndClose(ObjectWriter.java:1273)
	at com.fasterxml.jackson.databind.ObjectWriter.writeValue(ObjectWriter.java:1098)
	at io.quarkus.resteasy.reactive.jackson.runtime.serialisers.FullyFeaturedServerJacksonMessageBodyWriter.doLegacyWrite(FullyFeaturedServerJacksonMessageBodyWriter.java:139)
	at io.quarkus.resteasy.reactive.jackson.runtime.serialisers.FullyFeaturedServerJacksonMessageBodyWriter.writeResponse(FullyFeaturedServerJacksonMessageBodyWriter.java:72)
	at org.jboss.resteasy.reactive.server.core.ServerSerialisers.invokeWriter(ServerSerialisers.java:226)
	at org.jboss.resteasy.reactive.server.core.ServerSerialisers.invokeWriter(ServerSerialisers.java:194)
	at org.jboss.resteasy.reactive.server.core.serialization.FixedEntityWriter.write(FixedEntityWriter.java:28)
	at org.jboss.resteasy.reactive.server.handlers.ResponseWriterHandler.handle(ResponseWriterHandler.java:34)
	at io.quarkus.resteasy.reactive.server.runtime.QuarkusResteasyReactiveRequestContext.invokeHandler(QuarkusResteasyReactiveRequestContext.java:147)
	at org.jboss.resteasy.reactive.common.core.AbstractResteasyReactiveContext.run(AbstractResteasyReactiveContext.java:147)
	at io.quarkus.vertx.core.runtime.VertxCoreRecorder$14.runWith(VertxCoreRecorder.java:599)
	at org.jboss.threads.EnhancedQueueExecutor$Task.doRunWith(EnhancedQueueExecutor.java:2516)
	at org.jboss.threads.EnhancedQueueExecutor$Task.run(EnhancedQueueExecutor.java:2495)
	at org.jboss.threads.EnhancedQueueExecutor$ThreadBody.run(EnhancedQueueExecutor.java:1521)
	at org.jboss.threads.DelegatingRunnable.run(DelegatingRunnable.java:11)
	at org.jboss.threads.ThreadLocalResettingRunnable.run(ThreadLocalResettingRunnable.java:11)
	at io.netty.util.concurrent.FastThreadLocalRunnable.run(FastThreadLocalRunnable.java:30)
	at java.base/java.lang.Thread.run(Thread.java:1583)
"""


def _quarkus_first_test_run():
    out = _mvn_header()
    out += "[INFO] Running com.acme.orders.api.CustomerOrdersResourceTest\n"
    out += _quarkus_boot("2026-11-25 14:02:1")
    sel = ("Hibernate: \n    select\n        o1_0.id,\n        o1_0.created_at,\n        o1_0.customer_id,\n"
           "        o1_0.status,\n        o1_0.total_cents \n    from\n        orders o1_0 \n    where\n"
           "        o1_0.customer_id=? \n    order by\n        o1_0.created_at desc\n")
    out += sel
    out += ("2026-11-25 14:02:14,311 ERROR [io.qua.ver.htt.run.QuarkusErrorHandler] (executor-thread-1) HTTP Request to "
            "/customers/1001/orders failed, error id: 6f0b1c7e-2d0a-4a39-9a51-0d5e3c0f2b11-1: "
            "com.fasterxml.jackson.databind.JsonMappingException: failed to lazily initialize a collection of role: "
            "com.acme.orders.domain.Order.lines: could not initialize proxy - no Session (through reference chain: "
            "java.util.ArrayList[0]->com.acme.orders.domain.Order[\"lines\"])\n")
    out += "Caused by: " + _lazy_trace()
    out += """[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 9.482 s <<< FAILURE! -- in com.acme.orders.api.CustomerOrdersResourceTest
[ERROR] com.acme.orders.api.CustomerOrdersResourceTest.listsOrdersWithLines -- Time elapsed: 0.611 s <<< FAILURE!
java.lang.AssertionError: 1 expectation failed.
Expected status code <200> but was <500>.

	at java.base/jdk.internal.reflect.DirectConstructorHandleAccessor.newInstance(DirectConstructorHandleAccessor.java:62)
	at java.base/java.lang.reflect.Constructor.newInstanceWithCaller(Constructor.java:502)
	at org.codehaus.groovy.reflection.CachedConstructor.invoke(CachedConstructor.java:73)
	at io.restassured.internal.ResponseSpecificationImpl$HamcrestAssertionClosure.validate(ResponseSpecificationImpl.groovy:512)
	at io.restassured.internal.ResponseSpecificationImpl.validateResponseIfRequired(ResponseSpecificationImpl.groovy:696)
	at io.restassured.internal.ValidatableResponseOptionsImpl.statusCode(ValidatableResponseOptionsImpl.java:89)
	at com.acme.orders.api.CustomerOrdersResourceTest.listsOrdersWithLines(CustomerOrdersResourceTest.java:41)
	at java.base/java.lang.reflect.Method.invoke(Method.java:580)
	at io.quarkus.test.junit.QuarkusTestExtension.runExtensionMethod(QuarkusTestExtension.java:1013)
	at io.quarkus.test.junit.QuarkusTestExtension.interceptTestMethod(QuarkusTestExtension.java:827)
	at java.base/java.util.ArrayList.forEach(ArrayList.java:1596)

2026-11-25 14:02:15,022 INFO  [io.quarkus] (main) orders-service stopped in 0.071s
[INFO] 
[INFO] Results:
[INFO] 
[ERROR] Failures: 
[ERROR]   CustomerOrdersResourceTest.listsOrdersWithLines:41 1 expectation failed.
Expected status code <200> but was <500>.

[INFO] 
[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0
[INFO] 
[INFO] ------------------------------------------------------------------------
[INFO] BUILD FAILURE
[INFO] ------------------------------------------------------------------------
[INFO] Total time:  21.734 s
[INFO] Finished at: 2026-11-25T14:02:15Z
[INFO] ------------------------------------------------------------------------
[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project orders-service: There are test failures.
[ERROR] 
[ERROR] Please refer to /home/dana/src/orders-service/target/surefire-reports for the individual test results.
[ERROR] Please refer to dump files (if any exist) [date].dump, [date]-jvmRun[N].dump and [date].dumpstream.
[ERROR] -> [Help 1]
"""
    return out


def _quarkus_projection_fail():
    out = _mvn_header()
    out += "[INFO] Running com.acme.orders.api.CustomerOrdersResourceTest\n"
    out += _quarkus_boot("2026-11-25 14:19:4")
    out += """2026-11-25 14:19:47,115 ERROR [io.qua.ver.htt.run.QuarkusErrorHandler] (executor-thread-1) HTTP Request to /customers/1001/orders failed, error id: 0c8d2e55-71f4-4a0e-b0e6-58a3c1d9a7f4-1: java.lang.IllegalArgumentException: org.hibernate.query.SemanticException: Plural attribute 'lines' cannot be used as an argument of a dynamic instantiation [SELECT new com.acme.orders.api.OrderView(id,status,totalCents,createdAt,lines) FROM com.acme.orders.domain.Order WHERE customer.id = ?1 ORDER BY createdAt DESC]
	at org.hibernate.internal.ExceptionConverterImpl.convert(ExceptionConverterImpl.java:143)
	at org.hibernate.internal.ExceptionConverterImpl.convert(ExceptionConverterImpl.java:167)
	at org.hibernate.internal.AbstractSharedSessionContract.createQuery(AbstractSharedSessionContract.java:791)
	at org.hibernate.internal.AbstractSharedSessionContract.createQuery(AbstractSharedSessionContract.java:114)
	at io.quarkus.hibernate.orm.panache.common.runtime.CommonPanacheQueryImpl.createBaseQuery(CommonPanacheQueryImpl.java:379)
	at io.quarkus.hibernate.orm.panache.common.runtime.CommonPanacheQueryImpl.createQuery(CommonPanacheQueryImpl.java:341)
	at io.quarkus.hibernate.orm.panache.common.runtime.CommonPanacheQueryImpl.list(CommonPanacheQueryImpl.java:279)
	at io.quarkus.hibernate.orm.panache.runtime.PanacheQueryImpl.list(PanacheQueryImpl.java:150)
	at com.acme.orders.domain.OrderRepository.findViewsByCustomer(OrderRepository.java:22)
	at com.acme.orders.domain.OrderRepository_ClientProxy.findViewsByCustomer(Unknown Source)
	at com.acme.orders.api.CustomerOrdersResource.list(CustomerOrdersResource.java:26)
	at com.acme.orders.api.CustomerOrdersResource$quarkusrestinvoker$list_6a3f0b2e.invoke(Unknown Source)
	at org.jboss.resteasy.reactive.server.handlers.InvocationHandler.handle(InvocationHandler.java:29)
	at io.quarkus.resteasy.reactive.server.runtime.QuarkusResteasyReactiveRequestContext.invokeHandler(QuarkusResteasyReactiveRequestContext.java:147)
	at org.jboss.resteasy.reactive.common.core.AbstractResteasyReactiveContext.run(AbstractResteasyReactiveContext.java:147)
	at java.base/java.lang.Thread.run(Thread.java:1583)
Caused by: org.hibernate.query.SemanticException: Plural attribute 'lines' cannot be used as an argument of a dynamic instantiation
	at org.hibernate.query.sqm.tree.select.SqmDynamicInstantiation.addArgument(SqmDynamicInstantiation.java:215)
	at org.hibernate.query.hql.internal.SemanticQueryBuilder.visitInstantiation(SemanticQueryBuilder.java:1396)
	at org.hibernate.query.hql.internal.SemanticQueryBuilder.visitSelection(SemanticQueryBuilder.java:1283)
	... 28 more

[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 8.907 s <<< FAILURE! -- in com.acme.orders.api.CustomerOrdersResourceTest
[ERROR] com.acme.orders.api.CustomerOrdersResourceTest.listsOrdersWithLines -- Time elapsed: 0.402 s <<< FAILURE!
java.lang.AssertionError: 1 expectation failed.
Expected status code <200> but was <500>.
[INFO] 
[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0
[INFO] ------------------------------------------------------------------------
[INFO] BUILD FAILURE
[INFO] ------------------------------------------------------------------------
[INFO] Total time:  19.204 s
[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project orders-service: There are test failures.
"""
    return out


def _quarkus_green(full=False):
    out = _mvn_header()
    tests = [("com.acme.orders.api.CustomerOrdersResourceTest", 3, "7.915")]
    if full:
        tests = [("com.acme.orders.api.CustomerOrdersResourceTest", 3, "7.915"),
                 ("com.acme.orders.api.OrdersResourceTest", 6, "1.204"),
                 ("com.acme.orders.api.HealthTest", 1, "0.188"),
                 ("com.acme.orders.domain.OrderRepositoryTest", 5, "0.733"),
                 ("com.acme.orders.domain.OrderTotalsTest", 4, "0.021"),
                 ("com.acme.orders.pricing.DiscountRulesTest", 9, "0.054")]
    first = True
    for name, n, t in tests:
        out += f"[INFO] Running {name}\n"
        if first:
            out += _quarkus_boot("2026-11-25 14:31:0")
            out += ("Hibernate: \n    select\n        distinct o1_0.id,\n        o1_0.created_at,\n        o1_0.customer_id,\n"
                    "        l1_0.order_id,\n        l1_0.id,\n        l1_0.product_id,\n        l1_0.quantity,\n"
                    "        l1_0.unit_price_cents,\n        o1_0.status,\n        o1_0.total_cents \n    from\n"
                    "        orders o1_0 \n    left join\n        order_lines l1_0 \n            on o1_0.id=l1_0.order_id \n"
                    "    where\n        o1_0.customer_id=? \n    order by\n        o1_0.created_at desc\n")
            first = False
        out += f"[INFO] Tests run: {n}, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: {t} s -- in {name}\n"
    total = sum(n for _, n, _ in tests)
    out += "2026-11-25 14:31:12,640 INFO  [io.quarkus] (main) orders-service stopped in 0.064s\n"
    out += f"""[INFO] 
[INFO] Results:
[INFO] 
[INFO] Tests run: {total}, Failures: 0, Errors: 0, Skipped: 0
[INFO] 
"""
    if full:
        out += """[INFO] --- jar:3.3.0:jar (default-jar) @ orders-service ---
[INFO] Building jar: /home/dana/src/orders-service/target/orders-service-1.4.0-SNAPSHOT.jar
[INFO] 
[INFO] --- quarkus:3.8.4:build (default) @ orders-service ---
[INFO] [io.quarkus.deployment.QuarkusAugmentor] Quarkus augmentation completed in 2911ms
[INFO] 
[INFO] --- failsafe:3.2.5:integration-test (default) @ orders-service ---
[INFO] Tests are skipped.
"""
    out += """[INFO] ------------------------------------------------------------------------
[INFO] BUILD SUCCESS
[INFO] ------------------------------------------------------------------------
[INFO] Total time:  %s s
[INFO] Finished at: 2026-11-25T14:31:13Z
[INFO] ------------------------------------------------------------------------
""" % ("34.018" if full else "18.551")
    return out


@session
def h10_quarkus_orders():
    turns = [
        U("Hey hey! Hope your day is going better than mine :) So, orders-service again. I added a new endpoint "
          "GET /customers/{id}/orders for the customer portal — it should return the orders with their lines — and "
          "the test I wrote for it goes 500. Locally with curl too. I'm pretty sure it's some Hibernate thing but I've "
          "been staring at it for an hour. Context in case it matters: we're on plain blocking Hibernate ORM with "
          "Panache. We actually tried the reactive flavour (hibernate-reactive-panache) last quarter, but the Vert.x "
          "context errors we kept getting inside the Kafka consumer were a nightmare, so we went back to blocking and "
          "nobody wants to revisit that. Anyway, can you have a look?"),
        A("Sure — let me look at the build setup, the resource and the entity, then run the failing test."),
        T("Read", "pom.xml", QUARKUS_POM),
        T("Read", "src/main/java/com/acme/orders/api/CustomerOrdersResource.java", QUARKUS_RESOURCE),
        T("Read", "src/main/java/com/acme/orders/domain/Order.java", QUARKUS_ORDER),
        T("Bash", "./mvnw test -Dtest=CustomerOrdersResourceTest", _quarkus_first_test_run()),
        A("Found it. The resource method is annotated `@Transactional` and returns the `Order` entities themselves. "
          "The transaction — and with it the Hibernate session — ends when `list()` returns, but Jackson only serializes "
          "the response *after* that, in `ResponseWriterHandler`. When it walks into `Order.lines` (a lazy `@OneToMany`, "
          "the default) there is no session any more, hence `LazyInitializationException ... no Session`, wrapped in "
          "a `JsonMappingException`, and the 500.\n\nOptions:\n\n"
          "**A.** Make `Order.lines` `FetchType.EAGER`. One-line change, but every order load everywhere then drags "
          "its lines along (and you get N+1 on lists).\n"
          "**B.** Add a repository method that loads orders *with* their lines in one query (`left join fetch o.lines`) "
          "and map to a response DTO in the resource, so no entity ever reaches Jackson.\n"
          "**C.** Keep the entity query and call `Hibernate.initialize(order.lines)` inside a `@Transactional` service "
          "method before returning.\n\nI'd go with B."),
        U("B. And please never EAGER on anything in this codebase, I got burned badly by that at my last job — N+1 "
          "everywhere and nobody knew why the list pages took 4 seconds. Also FYI since you'll be touching it: we do "
          "the repository style here, OrderRepository implements PanacheRepository, the entities stay plain JPA "
          "classes. No PanacheEntity / active-record stuff please.\n\nOne question though: instead of writing a DTO "
          "and mapping by hand, could we go straight to a projection? Like `.project(OrderView.class)`? I saw it in the "
          "Panache guide and it looked neat."),
        A("Noted on both — no EAGER, repository style. A Panache projection is worth a try; it avoids the mapping "
          "code. I'll add an `OrderView` record and a `findViewsByCustomer` method that uses `.project(...)`."),
        T("Read", "src/main/java/com/acme/orders/domain/OrderRepository.java", QUARKUS_REPO),
        T("Write", "src/main/java/com/acme/orders/api/OrderView.java",
          "package com.acme.orders.api;\n\nimport com.acme.orders.domain.OrderLine;\nimport com.acme.orders.domain.OrderStatus;\n"
          "import io.quarkus.runtime.annotations.RegisterForReflection;\nimport java.time.Instant;\nimport java.util.List;\n\n"
          "@RegisterForReflection\npublic record OrderView(Long id, OrderStatus status, long totalCents, Instant createdAt,\n"
          "                        List<OrderLine> lines) {\n}\n"),
        T("Edit", "src/main/java/com/acme/orders/domain/OrderRepository.java",
          "@@ -14,4 +14,10 @@ public class OrderRepository implements PanacheRepository<Order> {\n"
          "     public long countByStatus(OrderStatus status) {\n         return count(\"status\", status);\n     }\n"
          "+\n+    public List<OrderView> findViewsByCustomer(Long customerId) {\n"
          "+        return find(\"customer.id = ?1 order by createdAt desc\", customerId)\n"
          "+                .project(OrderView.class)\n+                .list();\n+    }\n }\n"),
        T("Edit", "src/main/java/com/acme/orders/api/CustomerOrdersResource.java",
          "@@ -21,7 +21,7 @@ public class CustomerOrdersResource {\n     @GET\n-    @Transactional\n"
          "-    public List<Order> list(@PathParam(\"customerId\") Long customerId) {\n"
          "-        return orders.list(\"customer.id = ?1 order by createdAt desc\", customerId);\n"
          "+    public List<OrderView> list(@PathParam(\"customerId\") Long customerId) {\n"
          "+        return orders.findViewsByCustomer(customerId);\n     }\n"),
        T("Bash", "./mvnw test -Dtest=CustomerOrdersResourceTest", _quarkus_projection_fail()),
        A("That doesn't work, and it can't be made to work cleanly: Panache's `project()` builds a `SELECT new "
          "OrderView(id, status, totalCents, createdAt, lines)` from the record's constructor parameters, and Hibernate "
          "does not allow a collection (plural attribute) as an argument of a dynamic instantiation. Projections are "
          "fine for flat views, not for an order with its lines. I'll revert the projection and do option B as planned: "
          "fetch-join query in the repository plus a DTO mapping in the resource."),
        U("Ah, pity, it looked so elegant in the docs. OK, revert it, go with the DTO."),
        T("Bash", "git checkout -- src/main/java/com/acme/orders/domain/OrderRepository.java src/main/java/com/acme/orders/api/CustomerOrdersResource.java && rm src/main/java/com/acme/orders/api/OrderView.java && git status --short",
          ""),
        T("Edit", "src/main/java/com/acme/orders/domain/OrderRepository.java",
          "@@ -14,4 +14,12 @@ public class OrderRepository implements PanacheRepository<Order> {\n"
          "     public long countByStatus(OrderStatus status) {\n         return count(\"status\", status);\n     }\n"
          "+\n+    /** Orders of a customer with their lines loaded in the same query (no lazy loading afterwards). */\n"
          "+    public List<Order> findByCustomerWithLines(Long customerId) {\n"
          "+        return find(\"select distinct o from Order o left join fetch o.lines \"\n"
          "+                + \"where o.customer.id = ?1 order by o.createdAt desc\", customerId)\n"
          "+                .list();\n+    }\n }\n"),
        T("Write", "src/main/java/com/acme/orders/api/OrderDto.java",
          "package com.acme.orders.api;\n\nimport com.acme.orders.domain.Order;\nimport com.acme.orders.domain.OrderLine;\n"
          "import java.time.Instant;\nimport java.util.List;\n\npublic record OrderDto(Long id, String status, long totalCents, Instant createdAt,\n"
          "                       List<LineDto> lines) {\n\n    public record LineDto(Long productId, int quantity, long unitPriceCents) {\n"
          "        static LineDto of(OrderLine l) {\n            return new LineDto(l.product.id, l.quantity, l.unitPriceCents);\n        }\n    }\n\n"
          "    public static OrderDto of(Order o) {\n        return new OrderDto(o.id, o.status.name(), o.totalCents, o.createdAt,\n"
          "                o.lines.stream().map(LineDto::of).toList());\n    }\n}\n"),
        T("Edit", "src/main/java/com/acme/orders/api/CustomerOrdersResource.java",
          "@@ -21,7 +21,9 @@ public class CustomerOrdersResource {\n     @GET\n     @Transactional\n"
          "-    public List<Order> list(@PathParam(\"customerId\") Long customerId) {\n"
          "-        return orders.list(\"customer.id = ?1 order by createdAt desc\", customerId);\n"
          "+    public List<OrderDto> list(@PathParam(\"customerId\") Long customerId) {\n"
          "+        return orders.findByCustomerWithLines(customerId).stream()\n"
          "+                .map(OrderDto::of)\n+                .toList();\n     }\n"),
        T("Bash", "./mvnw test -Dtest=CustomerOrdersResourceTest", _quarkus_green()),
        A("Green. The SQL log shows a single `left join order_lines` query, and the mapping to `OrderDto` happens "
          "inside the transaction, so nothing lazy is left when Jackson runs. While checking whether SQL logging was "
          "only on for dev/test I opened `application.properties`:"),
        T("Read", "src/main/resources/application.properties", QUARKUS_PROPS),
        A("SQL logging is limited to `%dev`/`%test`, good. But heads-up: the **prod datasource password is committed "
          "in plain text** (`%prod.quarkus.datasource.password=...`). Quarkus can read it from an environment variable "
          "(`QUARKUS_DATASOURCE_PASSWORD`) or from Vault via the `quarkus-vault` extension, and then the line can go. "
          "Want me to change that now?"),
        U("Oh god, yes, that's the real prod one. Leave it for now, I need to talk to ops first about whether we get "
          "Vault or just env vars from the k8s secret. Put it on the list."),
        A("Will do. Another thing I noticed: `orders.customer_id` has no index in the Flyway migrations (V2 only "
          "creates the FK). With the fetch join this endpoint filters on it — should I add a "
          "`V7__idx_orders_customer.sql` with `create index concurrently`?"),
        U("can you run the whole suite and commit if green?"),
        T("Bash", "./mvnw verify", _quarkus_green(full=True)),
        T("Bash", "git add src/main/java/com/acme/orders && git commit -m \"orders: GET /customers/{id}/orders returns DTOs, fetch-join lines\"",
          "[feature/customer-orders 8e41c2a] orders: GET /customers/{id}/orders returns DTOs, fetch-join lines\n"
          " 3 files changed, 41 insertions(+), 3 deletions(-)\n create mode 100644 src/main/java/com/acme/orders/api/OrderDto.java\n"),
        A("All 28 tests pass and it's committed on `feature/customer-orders` (8e41c2a)."),
        U("Thanks a lot!! You saved my afternoon. Next time let's do pagination on that endpoint, some of the big B2B "
          "customers have like 4k orders and the portal will choke. And the password thing once I've talked to ops. "
          "Have a good evening!"),
        A("You too! Open items for next time:\n- pagination for `GET /customers/{id}/orders` (page/size, probably "
          "`PanacheQuery.page()` on a count-able query — note fetch joins and paging don't mix in SQL, so we'll page the "
          "order ids first)\n- move the prod datasource password out of `application.properties` (env var or Vault, "
          "pending ops)"),
    ]
    return {
        "id": "h10_quarkus_orders",
        "project": "orders-service",
        "cwd_files": ["pom.xml", "src/main/java/com/acme/orders/api/CustomerOrdersResource.java",
                      "src/main/java/com/acme/orders/domain/OrderRepository.java",
                      "src/main/java/com/acme/orders/domain/Order.java", "src/main/resources/application.properties"],
        "turns": turns,
        "gold": [
            G("PROJECT", "orders-service: Quarkus 3.8 + Hibernate ORM Panache (blocking), Postgres, Flyway, Java 21",
              ["quarkus"], ["panache", "postgres", "java 21", "3.8", "hibernate"]),
            G("PATTERN", "Repository style: OrderRepository implements PanacheRepository; entities stay plain JPA, no PanacheEntity active record",
              ["repository"], ["active record", "active-record", "PanacheRepository", "PanacheEntity", "plain JPA"]),
            G("BUG_FIX", "LazyInitializationException on Order.lines when Jackson serialized entities -> left join fetch in OrderRepository.findByCustomerWithLines + OrderDto",
              ["lazy"], ["join fetch", "fetch join", "fetch-join", "findByCustomerWithLines", "dto", "no session"],
              files=["src/main/java/com/acme/orders/domain/OrderRepository.java"]),
            G("PREFERENCE", "Never use FetchType.EAGER on any association (N+1 experience)",
              ["eager"], ["never", "avoid", "no eager", "don't", "not ", "n+1"]),
            G("FAILED", "Reactive Panache (hibernate-reactive-panache) abandoned: Vert.x context errors in the Kafka consumer, went back to blocking ORM",
              ["reactive"], ["vert.x", "vertx", "kafka", "context", "blocking"], failure=True),
            G("FAILED", "Panache .project(OrderView) projection failed: a collection (lines) can't be a dynamic-instantiation argument; reverted to DTO mapping",
              ["projection"], ["collection", "lines", "plural", "OrderView", "dynamic instantiation", "constructor"], failure=True),
            G("TODO", "Add pagination to GET /customers/{id}/orders (B2B customers have ~4k orders)",
              ["paginat"], ["orders", "customer", "4k", "endpoint"]),
            G("TODO", "Move the prod datasource password out of application.properties (env var or Vault, waiting on ops)",
              ["password"], ["vault", "env", "application.properties", "ops", "k8s"]),
        ],
        "dead_ends": [
            D("Hibernate.initialize in a transactional service (option C, not chosen)", ["Hibernate.initialize"]),
            D("Panache projection into OrderView with lines (failed, reverted)", ["project(OrderView"]),
            D("Reactive Panache (abandoned earlier)", ["hibernate-reactive"]),
        ],
        "secrets": ["Rq8!zW3u-Tk6pNs2"],
        "supersedes": [],
    }


